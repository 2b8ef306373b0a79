/* ms-import-prepare.c — what an import computes of each sheet before it
 * writes it, on every core
 *
 * The writer asks for sheet 0, 1, 2… in order. Asking for the first sheet
 * of chunk k waits for chunk k, frees chunk k - 1, plans chunk k + 1 (which
 * sheets, and what the catalog holds of them: read on the writer's
 * connection, on its thread) and starts computing it in a thread of its
 * own, which shares it out over the cores (ms_parallel_for), while the
 * writer stores chunk k. What is computed is only ever a shortcut: the
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
#include "ms-parallel.h"
#include "ms-validator.h"

typedef struct {
  MsImportPrepared **items;   /* NULL where nothing is computed */
  guint              first;
  guint              len;
  GThread           *thread;  /* computing it, until joined */
} Chunk;

struct _MsImportPipeline {
  guint             n;
  MsImportPlanFunc  plan;
  gpointer          user_data;
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
prepare_one (guint    index,
             gpointer user_data)
{
  Chunk *chunk = user_data;

  if (chunk->items[index] != NULL)
    ms_import_prepare (chunk->items[index]);
}

static gpointer
prepare_chunk (gpointer data)
{
  Chunk *chunk = data;

  ms_parallel_for (chunk->len, prepare_one, chunk);
  return NULL;
}

static void
chunk_free (Chunk *chunk)
{
  if (chunk == NULL)
    return;
  if (chunk->thread != NULL)
    g_thread_join (chunk->thread);
  for (guint i = 0; i < chunk->len; i++)
    prepared_free (chunk->items[i]);
  g_free (chunk->items);
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
  /* A thread that cannot be started: the writer waits for it here. */
  if (!(chunk->thread = g_thread_try_new ("ms-import", prepare_chunk, chunk, NULL)))
    prepare_chunk (chunk);
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
      if (chunk->thread != NULL)
        g_thread_join (g_steal_pointer (&chunk->thread));
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
  g_free (pipeline);
}
