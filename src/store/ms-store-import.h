/* ms-store-import.h — importing one file into a store, with its report
 *
 * What "masatir-cli import" and the window's Import dialog both run: read
 * a file of sheets (or of the portal's records, mapped by ms_portal), and
 * import it in one transaction (ms_store_import).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-store.h"

G_BEGIN_DECLS

typedef enum {
  MS_IMPORT_FORMAT_SHEETS,   /* import --from masatir */
  MS_IMPORT_FORMAT_PORTAL,   /* import --from portal */
} MsImportFormat;

typedef enum {
  MS_IMPORT_LINE_CREATED,
  MS_IMPORT_LINE_UPDATED,
  MS_IMPORT_LINE_UNCHANGED,
  MS_IMPORT_LINE_NOT_MAPPED,  /* a portal field with no place in a sheet */
  MS_IMPORT_LINE_REFUSED,     /* a problem of the file: nothing of it imported */
} MsImportLineKind;

/* One line of an import's report. */
typedef struct {
  char             *file;
  MsImportLineKind  kind;
  char             *id;        /* imported lines: the sheet */
  char             *code;
  gint64            revision;
  char             *message;   /* not mapped: what; refused: why */
} MsImportLine;

/* Imports the file @path in one transaction as @actor. Returns the report:
 * one line per sheet imported (by outcome), then one per field not mapped.
 * When nothing is imported: NULL with @error — MS_CORE_ERROR_IO when the
 * file cannot be read, why its content is invalid, or the store's refusal
 * (ms_store_import) — and @refusals (when not NULL) gets one
 * MS_IMPORT_LINE_REFUSED line per problem of the content: none when the
 * file could not be read or the store refused it. */
GPtrArray    *ms_store_import_file   (MsStore          *store,
                                      const char       *actor,
                                      const char       *path,
                                      MsImportFormat    format,
                                      GPtrArray       **refusals,
                                      GError          **error);

/* "created", "updated", "unchanged", "not mapped", "refused", translated. */
const char   *ms_import_line_kind_to_label (MsImportLineKind kind);
void          ms_import_line_free    (MsImportLine     *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsImportLine, ms_import_line_free)

G_END_DECLS
