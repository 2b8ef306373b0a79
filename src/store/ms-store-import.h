/* ms-store-import.h — importing one file into a store, with its report
 *
 * What "masatir-cli import" and the window's Import dialog both run: read
 * a file of sheets (or of the portal's records, mapped by ms_portal), and
 * import it in one transaction (ms_store_import_entries).
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
  MS_IMPORT_LINE_NOT_MAPPED,  /* a portal field with no place in a sheet, or unreadable */
  MS_IMPORT_LINE_REFUSED,     /* a problem of the file (nothing of it imported), or a
                               * value of the wrong type (left out) */
  MS_IMPORT_LINE_MAPPED,      /* a portal value read with an interpretation worth knowing */
  MS_IMPORT_LINE_CONFLICT,    /* two versions disagree: one kept, the other said */
  MS_IMPORT_LINE_EDITED,      /* edited since its last import: left (or the record
                               * put in a new draft) */
} MsImportLineKind;

/* One line of an import's report. */
typedef struct {
  char             *file;
  MsImportLineKind  kind;
  char             *id;        /* the sheet, when the line is about one */
  char             *code;
  gint64            revision;
  char             *message;   /* notes: what, and what to do */
  char             *record;    /* portal notes: "1201/fr" */
  char             *field;     /* the record's JSON path, or the sheet's path */
  char             *value;     /* the value read (conflicts: the record's) */
} MsImportLine;

/* The counts of a report (ms_import_summary_add). */
typedef struct {
  guint records;     /* portal records, or sheets of a Masatir file */
  guint created;
  guint updated;
  guint unchanged;
  guint edited;      /* edited since import, left */
  guint drafted;     /* ... of which the record went to a new draft */
  guint conflicts;
  guint refusals;
  guint not_mapped;
} MsImportSummary;

/* Imports the file @path in one transaction as @actor, with @options (NULL:
 * none; dry_run checks and reports everything and keeps nothing). Returns
 * the report: one line per sheet imported (by outcome, an edited one as
 * MS_IMPORT_LINE_EDITED), then one per note of the mapping, then one per
 * conflict with the catalog. @summary (when not NULL) gets the counts
 * added. When nothing is imported: NULL with @error — MS_CORE_ERROR_IO when
 * the file cannot be read, why its content is invalid, or the store's
 * refusal — and @refusals (when not NULL) gets one MS_IMPORT_LINE_REFUSED
 * line per problem of the content: none when the file could not be read or
 * the store refused it. */
GPtrArray    *ms_store_import_file_full (MsStore               *store,
                                         const char            *actor,
                                         const char            *path,
                                         MsImportFormat         format,
                                         const MsImportOptions *options,
                                         MsImportSummary       *summary,
                                         GPtrArray            **refusals,
                                         GError               **error);
/* The same without options nor summary. */
GPtrArray    *ms_store_import_file   (MsStore          *store,
                                      const char       *actor,
                                      const char       *path,
                                      MsImportFormat    format,
                                      GPtrArray       **refusals,
                                      GError          **error);

/* "created", "updated", "unchanged", "not mapped", "refused", "mapped",
 * "conflict", "edited since import", translated. */
const char   *ms_import_line_kind_to_label (MsImportLineKind kind);
/* "created", …, "not-mapped", "refused", "mapped", "conflict",
 * "edited-since-import": the JSON report's kinds, not translated. */
const char   *ms_import_line_kind_to_nick  (MsImportLineKind kind);
/* Whether the line is about a sheet's outcome (created, updated,
 * unchanged) rather than a note. */
gboolean      ms_import_line_is_outcome    (const MsImportLine *line);
void          ms_import_line_free    (MsImportLine     *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsImportLine, ms_import_line_free)

G_END_DECLS
