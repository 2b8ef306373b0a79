/* ms-import-prepare.h — what an import computes of each sheet before it
 * writes it, on every core
 *
 * An import writes its sheets one after the other, in one transaction, on
 * one connection. What each sheet needs besides the database — its
 * canonical JSON and SHA-256, its law 55-19 error and warning counts, the
 * texts of the search index and their terms — depends on the sheet alone:
 * it is computed ahead, a chunk of sheets at a time on every core, while
 * the writer stores the chunk before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"
#include "ms-search-index.h"
#include "ms-sha256.h"

G_BEGIN_DECLS

/* Sheets computed ahead at a time (a chunk is in memory while the one
 * before is written). */
#define MS_IMPORT_CHUNK 512

typedef struct {
  MsProcedure    *procedure;    /* the sheet these are of */
  char           *known_sha;    /* the stored head's SHA-256 when the chunk was planned, or NULL */
  /* NULL when it could not be made: the writer makes it, and says why. */
  char           *json;
  gsize           length;
  char            sha[MS_SHA256_HEX_LEN + 1];
  /* The rest is computed only when the sheet differs from known_sha. */
  gboolean        checked;
  guint           n_errors;
  guint           n_warnings;
  MsSearchTokens *texts[3];     /* title, code, the rest (ms_analyzer_sheet_text) */
} MsImportPrepared;

/* Called on the writer's thread before a chunk is computed: the sheet to
 * compute for @index (NULL: none, the writer does it all) and the SHA-256
 * of the stored revision it would replace (NULL: none). */
typedef MsProcedure *(*MsImportPlanFunc) (guint     index,
                                          char    **known_sha,
                                          gpointer  user_data);

typedef struct _MsImportPipeline MsImportPipeline;

MsImportPipeline *ms_import_pipeline_new  (guint              n,
                                           MsImportPlanFunc   plan,
                                           gpointer           user_data);
/* What was computed for @index, asked in increasing order, or NULL
 * (nothing computed for it). Valid until the next chunk is asked for. */
MsImportPrepared *ms_import_pipeline_get  (MsImportPipeline  *pipeline,
                                           guint              index);
void              ms_import_pipeline_free (MsImportPipeline  *pipeline);

/* Computes @prep for @prep->procedure; thread-safe. */
void              ms_import_prepare       (MsImportPrepared  *prep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsImportPipeline, ms_import_pipeline_free)

G_END_DECLS
