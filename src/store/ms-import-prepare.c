/* ms-import-prepare.c — what an import computes of each sheet before it
 * writes it, on every core
 *
 * The writer asks for sheet 0, 1, 2… in order. Asking for the first sheet
 * of chunk k waits for chunk k, frees chunk k - 1, plans chunk k + 1 (which
 * sheets, and what the catalog holds of them: read on the writer's
 * connection, on its thread) and hands it, in runs of RUN_LENGTH sheets, to
 * a pool of one thread a core, kept for the whole import (each thread
 * keeps what it learnt, such as the words it analysed), while the writer
 * stores chunk k. What is computed is only ever a shortcut: the
 * writer compares it with what it reads in the transaction and does what is
 * missing itself, so a plan made stale by the chunk before (the same sheet
 * twice in one file) costs time, never correctness.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <string.h>

#include "ms-analyzer.h"
#include "ms-canonical-json.h"
#include "ms-import-prepare.h"
#include "ms-validator.h"

#define RUN_LENGTH  16
#define MAX_THREADS 8

typedef struct {
  MsImportPrepared **items;   /* NULL where nothing is computed */
  guint              first;
  guint              len;
  /* Runs not computed yet (under the lock); the last one done signals. */
  guint              pending;
  GMutex             lock;
  GCond              done;
} Chunk;

typedef struct {
  Chunk *chunk;
  guint  start;
  guint  end;
} Run;

struct _MsImportPipeline {
  guint             n;
  MsImportPlanFunc  plan;
  gpointer          user_data;
  GThreadPool      *pool;     /* NULL: the writer computes each chunk itself */
  Chunk            *current;
  Chunk            *next;
};

void
ms_import_prepare (MsImportPrepared *prep)
{
  g_autoptr(JsonNode) node = ms_procedure_to_json (prep->procedure);
  MsValidator *validator;
  GString *texts[3];

  if (!(prep->json = ms_canonical_json (node, &prep->length, NULL)))
    return;
  ms_sha256_hex_into (prep->json, prep->length, prep->sha);
  if (prep->known_sha != NULL && strcmp (prep->known_sha, prep->sha) == 0)
    return;   /* unchanged: nothing more to write */

  if ((validator = ms_validator_get_default (NULL)) != NULL)
    {
      g_autoptr(GPtrArray) issues = ms_validator_check (validator, prep->procedure);

      prep->n_errors = ms_issues_count (issues, MS_SEVERITY_ERROR);
      prep->n_warnings = ms_issues_count (issues, MS_SEVERITY_WARNING);
      prep->checked = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    texts[i] = g_string_new (NULL);
  ms_analyzer_sheet_text (prep->procedure, texts[0], texts[1], texts[2]);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize length = texts[i]->len;

      prep->texts[i] = ms_search_tokens_new (g_string_free (texts[i], FALSE), length);
    }
}

static void
prepared_free (MsImportPrepared *prep)
{
  if (prep == NULL)
    return;
  g_clear_object (&prep->procedure);
  g_free (prep->known_sha);
  g_free (prep->json);
  for (guint i = 0; i < G_N_ELEMENTS (prep->texts); i++)
    ms_search_tokens_free (prep->texts[i]);
  g_free (prep);
}

static void
prepare_run (gpointer data,
             gpointer user_data)
{
  Run *run = data;
  Chunk *chunk = run->chunk;

  for (guint i = run->start; i < run->end; i++)
    if (chunk->items[i] != NULL)
      ms_import_prepare (chunk->items[i]);
  g_free (run);
  /* Under the lock: the writer frees the chunk once it sees none pending. */
  g_mutex_lock (&chunk->lock);
  if (--chunk->pending == 0)
    g_cond_signal (&chunk->done);
  g_mutex_unlock (&chunk->lock);
}

static void
chunk_wait (Chunk *chunk)
{
  g_mutex_lock (&chunk->lock);
  while (chunk->pending > 0)
    g_cond_wait (&chunk->done, &chunk->lock);
  g_mutex_unlock (&chunk->lock);
}

static void
chunk_free (Chunk *chunk)
{
  if (chunk == NULL)
    return;
  chunk_wait (chunk);
  for (guint i = 0; i < chunk->len; i++)
    prepared_free (chunk->items[i]);
  g_free (chunk->items);
  g_mutex_clear (&chunk->lock);
  g_cond_clear (&chunk->done);
  g_free (chunk);
}

/* Plans the chunk that begins at @first and starts computing it. */
static Chunk *
chunk_start (MsImportPipeline *pipeline,
             guint             first)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->first = first;
  chunk->len = MIN (MS_IMPORT_CHUNK, pipeline->n - first);
  chunk->items = g_new0 (MsImportPrepared *, chunk->len);
  for (guint i = 0; i < chunk->len; i++)
    {
      char *known_sha = NULL;
      MsProcedure *p = pipeline->plan (first + i, &known_sha, pipeline->user_data);

      if (p == NULL)
        {
          g_free (known_sha);
          continue;
        }
      chunk->items[i] = g_new0 (MsImportPrepared, 1);
      chunk->items[i]->procedure = g_object_ref (p);
      chunk->items[i]->known_sha = known_sha;
    }
  g_mutex_init (&chunk->lock);
  g_cond_init (&chunk->done);
  chunk->pending = (chunk->len + RUN_LENGTH - 1) / RUN_LENGTH;
  for (guint start = 0; start < chunk->len; start += RUN_LENGTH)
    {
      Run *run = g_new (Run, 1);

      run->chunk = chunk;
      run->start = start;
      run->end = MIN (chunk->len, start + RUN_LENGTH);
      /* Without a pool, the writer computes the run here. */
      if (pipeline->pool == NULL || !g_thread_pool_push (pipeline->pool, run, NULL))
        prepare_run (run, NULL);
    }
  return chunk;
}

MsImportPipeline *
ms_import_pipeline_new (guint            n,
                        MsImportPlanFunc plan,
                        gpointer         user_data)
{
  MsImportPipeline *pipeline = g_new0 (MsImportPipeline, 1);

  g_return_val_if_fail (plan != NULL, NULL);

  pipeline->n = n;
  pipeline->plan = plan;
  pipeline->user_data = user_data;
  /* Exclusive: its threads live as long as the pool. */
  if (n > 0)
    pipeline->pool = g_thread_pool_new (prepare_run, NULL, (int) MIN ((guint) g_get_num_processors (), MAX_THREADS),
                                        TRUE, NULL);
  return pipeline;
}

MsImportPrepared *
ms_import_pipeline_get (MsImportPipeline *pipeline,
                        guint             index)
{
  Chunk *chunk = pipeline->current;

  g_return_val_if_fail (index < pipeline->n, NULL);

  if (chunk == NULL || index >= chunk->first + chunk->len)
    {
      guint first = index - index % MS_IMPORT_CHUNK;

      /* Asked out of order: the writer computes what it needs itself. */
      if (chunk != NULL && first != chunk->first + MS_IMPORT_CHUNK)
        return NULL;
      if (chunk == NULL && first != 0)
        return NULL;
      chunk_free (g_steal_pointer (&pipeline->current));
      pipeline->current = pipeline->next != NULL ? g_steal_pointer (&pipeline->next)
                                                 : chunk_start (pipeline, first);
      chunk = pipeline->current;
      chunk_wait (chunk);
      if (first + MS_IMPORT_CHUNK < pipeline->n)
        pipeline->next = chunk_start (pipeline, first + MS_IMPORT_CHUNK);
    }
  if (index < chunk->first)
    return NULL;
  return chunk->items[index - chunk->first];
}

void
ms_import_pipeline_free (MsImportPipeline *pipeline)
{
  if (pipeline == NULL)
    return;
  chunk_free (pipeline->current);
  chunk_free (pipeline->next);
  if (pipeline->pool != NULL)
    g_thread_pool_free (pipeline->pool, FALSE, TRUE);
  g_free (pipeline);
}
