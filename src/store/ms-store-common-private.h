/* ms-store-common-private.h — the logic both backends (SQLite, PostgreSQL)
 * share: the checks made in C before a write, the records built from
 * column texts, the outcomes of an import. What differs between them is
 * only how a row is read and written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-store.h"

G_BEGIN_DECLS

/* The columns of an MsSheetInfo, in the order ms_store_info_from_texts()
 * reads them: id, code, the four titles (MsLang order), administration,
 * state, head, live, sha256, updated, updated_by, errors, warnings. */
#define MS_STORE_INFO_N_COLUMNS 15
/* The columns of an MsAuditEntry: seq, time, actor, action, sheet_id,
 * revision, sha256, from_state, to_state, comment. */
#define MS_STORE_AUDIT_N_COLUMNS 10

/* The validator's errors (and warnings, @n_warnings not NULL) on @procedure. */
gboolean     ms_store_count_issues      (MsProcedure          *procedure,
                                         guint                *n_errors,
                                         guint                *n_warnings,
                                         GError              **error);

/* A row's texts (NULL for NULL; numbers in decimal) as an MsSheetInfo. */
MsSheetInfo *ms_store_info_from_texts   (const char * const   *texts);
/* A row's texts as an MsAuditEntry whose strings are @texts' own (valid
 * while they are): to pass on, not to keep. */
void         ms_store_audit_entry_borrow (MsAuditEntry        *entry,
                                         const char * const   *texts);
/* The same, its strings copied. */
MsAuditEntry *ms_store_audit_entry_from_texts (const char * const *texts);
MsUser      *ms_store_user_new          (const char           *login,
                                         const char           *name,
                                         gint64                roles,
                                         gboolean              active);

/* Whether @login, a user of the catalog (@known) and @active, may act. */
gboolean     ms_store_check_actor       (const char           *login,
                                         gboolean              known,
                                         gboolean              active,
                                         GError              **error);
/* Whether @login is one a user may have. */
gboolean     ms_store_check_login       (const char           *login,
                                         GError              **error);

/* The refusal for no such sheet (@revision 0) or no such revision of it. */
gboolean     ms_store_fail_no_revision  (const char           *id,
                                         gint64                revision,
                                         GError              **error);
/* A stored revision's JSON (@length bytes) as a sheet, CORRUPT when it
 * does not load. */
MsProcedure *ms_store_procedure_from_stored (const char       *id,
                                         const char           *json,
                                         gssize                length,
                                         GError              **error);
/* The audit comment of a copy of sheet @id (@source, at revision @head). */
char        *ms_store_copy_comment      (const char           *id,
                                         const MsProcedure    *source,
                                         gint64                head);

/* Whether a save based on revision @base may write over sheet @id, whose
 * head is @head (0: no such sheet), by @head_author at @head_created. */
gboolean     ms_store_check_base        (const char           *id,
                                         gint64                base,
                                         gint64                head,
                                         const char           *head_author,
                                         const char           *head_created,
                                         GError              **error);
/* The refusals of a new sheet whose id is taken (at revision @head), of
 * a code @p shares with sheet @other, of a setting @key missing, of an
 * export with no issuer. */
gboolean     ms_store_fail_sheet_exists (const char           *id,
                                         gint64                head,
                                         GError              **error);
gboolean     ms_store_fail_code_used    (const MsProcedure    *p,
                                         const char           *other,
                                         GError              **error);
gboolean     ms_store_fail_no_setting   (const char           *key,
                                         GError              **error);
gboolean     ms_store_fail_no_issuer    (GError              **error);

/* Whether @code is taken by a sheet of @administration (of any, when
 * @any_administration): 1 taken, 0 free, -1 with @error set. */
typedef int (*MsStoreCodeTaken) (gpointer     store,
                                 const char  *code,
                                 const char  *administration,
                                 gboolean     any_administration,
                                 GError     **error);
/* The first of ms_draft_code_candidate (@base, 1), (@base, 2)… that no
 * sheet of @administration uses; a provisional code (@base NULL) is free
 * in the whole catalog, whatever the administration. */
char        *ms_store_free_code         (gpointer              store,
                                         MsStoreCodeTaken      taken,
                                         const char           *base,
                                         const char           *administration,
                                         GError              **error);

/* The poll of ms_store_watch(): @func on @store every @interval_ms; and
 * its end (whether there was one). */
GSource     *ms_store_watch_source_new  (guint                 interval_ms,
                                         GSourceFunc           func,
                                         gpointer              store);
gboolean     ms_store_watch_source_clear (GSource            **source);

/* Importing: @item started for @entry's sheet. */
void         ms_store_import_item_start (MsImportItem         *item,
                                         const MsProcedure    *p);
/* The incoming version of a sheet edited since its import, as a new
 * sheet (new id, no code yet): @entry's records merged over @imported,
 * the revision the last import wrote, their values taken (a copy of
 * @entry's sheet when @imported is NULL); its audit comment in
 * @comment. */
MsProcedure *ms_store_incoming_draft    (MsProcedure          *imported,
                                         const MsImportEntry  *entry,
                                         char                **comment,
                                         GError              **error);
/* @item's outcome: @draft was written. */
void         ms_store_import_drafted    (MsImportItem         *item,
                                         const MsProcedure    *draft);
/* @item's outcome: its sheet was edited by @author at @created since its
 * last import. */
void         ms_store_import_edited     (MsImportItem         *item,
                                         const char           *author,
                                         const char           *created);
/* @entry's sheet @p merged over @current, the stored head: the conflicts
 * into @item (those the portal repeats dropped). */
MsProcedure *ms_store_import_merge      (MsImportItem         *item,
                                         MsProcedure          *current,
                                         MsProcedure          *p,
                                         const MsImportOptions *options,
                                         GError              **error);
/* The error that ends a dry run (rolling its transaction back)… */
gboolean     ms_store_dry_run_stop      (GError              **error);
/* …and the outcome of the import of @n_entries: @items when its
 * transaction committed (@ok) or was a dry run that went through every
 * entry; else NULL, @local_error moved into @error. */
GPtrArray   *ms_store_import_finish     (gboolean              ok,
                                         GPtrArray           **items,
                                         guint                 n_entries,
                                         const MsImportOptions *options,
                                         GError              **local_error,
                                         GError              **error);

G_END_DECLS
