/* ms-store.h — the catalog store: sheets, revisions, workflow, users, audit
 *
 * An interface because a multi-user deployment will get a PostgreSQL backend;
 * MsSqliteStore is the embedded default. The workflow rules are core's
 * (ms_workflow_check); a backend applies an allowed transition, its revision
 * and its audit entry in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ms-procedure.h"
#include "ms-workflow.h"

G_BEGIN_DECLS

typedef struct {
  char     *login;
  char     *name;
  MsRoles   roles;
  /* A deactivated user (ms_store_set_user_active) stays in the catalog, for
   * the audit log and the revisions that name them, but can no longer act. */
  gboolean  inactive;
} MsUser;

/* What the catalog knows about a sheet besides its content. */
typedef struct {
  char        *id;
  char        *code;
  MsLocalized *title;
  char        *administration;
  MsState      state;          /* of the current (latest) revision */
  gint64       revision;       /* the current revision's number, from 1 */
  gint64       live_revision;  /* the published revision still live, or 0 */
  char        *sha256;         /* of the current revision's canonical JSON */
  char        *updated;        /* ISO 8601 UTC */
  char        *updated_by;
  guint        n_errors;
  guint        n_warnings;
  /* Search results only (else NULL): the text around the match, the
   * matched words between MS_SNIPPET_START and MS_SNIPPET_END (ms-analyzer.h). */
  char        *snippet;
} MsSheetInfo;

typedef struct {
  gint64  number;
  char   *sha256;
  char   *author;
  char   *created;
} MsRevisionInfo;

/* One entry of the audit log. */
typedef struct {
  gint64  seq;
  char   *time;
  char   *actor;
  char   *action;        /* an MsAction nick, "import", "user-add", "export" or "delete" */
  char   *sheet_id;      /* NULL for entries about users */
  gint64  revision;      /* 0 when none */
  char   *sha256;        /* the revision's content hash, or NULL */
  char   *from_state;
  char   *to_state;
  char   *comment;
} MsAuditEntry;

/* Unset members do not filter: state -1, NULL strings, has_errors -1. */
typedef struct {
  int                 state;
  const char         *administration;
  const char         *audience;
  const char         *theme;
  int                 has_errors;
  /* Only these sheets (a compliance bar's subset); NULL: every sheet. */
  const char * const *ids;
  /* "Waiting for my review": in review, neither submitted by this login
   * nor saved by it since the last publication (the four-eyes facts of
   * ms_store_get_workflow_facts); the reviewer role is the caller's to
   * check. NULL: anyone. */
  const char         *reviewer;
} MsStoreFilter;

#define MS_STORE_FILTER_INIT { -1, NULL, NULL, NULL, -1, NULL, NULL }

typedef enum {
  MS_IMPORT_CREATED,
  MS_IMPORT_UPDATED,
  MS_IMPORT_UNCHANGED,
  /* ms_store_import_entries, portal records only: */
  MS_IMPORT_EDITED_SINCE_IMPORT,   /* edited in Masatir since its last import: left as it is */
  MS_IMPORT_DRAFTED,               /* the same, and the incoming version went to a new draft */
} MsImportOutcome;

typedef struct {
  char            *id;
  char            *code;
  MsImportOutcome  outcome;
  gint64           revision;
  /* ms_store_import_entries only. */
  GPtrArray       *conflicts;    /* MsMergeConflict*: the catalog's value, the record's */
  char            *draft_id;     /* MS_IMPORT_DRAFTED: the new draft */
  char            *draft_code;
  char            *edited_by;    /* edited since import: the last edit, by whom and when */
  char            *edited_at;
} MsImportItem;

/* One sheet to import (ms_store_import_entries). */
typedef struct {
  MsProcedure *sheet;
  /* Portal records: the procedure's id and its records' hash (ms-portal.h);
   * NULL for a Masatir sheet, which replaces the stored one as
   * ms_store_import does. */
  const char  *portal_id;
  const char  *records_sha256;
} MsImportEntry;

typedef struct {
  gboolean prefer_incoming;   /* conflicts settled for the record */
  gboolean into_draft;        /* a sheet edited since import: the record to a new draft */
  gboolean dry_run;           /* everything checked and reported, nothing kept */
} MsImportOptions;

/* One sheet of a bundle: the approved revision when there is one (the
 * export publishes it), else the live published revision. */
typedef struct {
  char   *id;
  gint64  revision;
  char   *sha256;      /* of the revision's canonical JSON */
  char   *published;   /* YYYY-MM-DD of its publication; NULL for an approved
                        * revision, which this export publishes */
  GBytes *json;        /* the revision's canonical JSON (design.md §2) */
} MsExportItem;

/* What an export starts from (ms_store_read_export). */
typedef struct {
  char      *issuer;
  gint64     sequence;   /* of the last export, 0 before the first */
  char      *previous;   /* SHA-256 (hex) of its manifest, NULL before the first */
  GPtrArray *items;      /* MsExportItem*, sorted by id */
  GPtrArray *withdrawn;  /* char* ids of sheets no longer published, sorted */
} MsExportSet;

/* What an export wrote, for ms_store_commit_export. */
typedef struct {
  gint64      sequence;          /* the set's sequence + 1 */
  const char *manifest_sha256;   /* what identifies the bundle: the portal's state and
                                  * the next bundle's "previous" name it */
  const char *published;         /* YYYY-MM-DD given to the revisions it publishes */
  /* When set, called in the transaction once every change is made, just
   * before it is committed; FALSE (with the error set) rolls it back. The
   * exporter prepares the commit while the bundle is being written and
   * verified, and lets it through only once the file is in place. */
  gboolean  (*ready)      (gpointer   data,
                           GError   **error);
  gpointer    ready_data;
} MsExportRecord;

#define MS_TYPE_STORE (ms_store_get_type ())
G_DECLARE_INTERFACE (MsStore, ms_store, MS, STORE, GObject)

struct _MsStoreInterface
{
  GTypeInterface parent_iface;

  char         *(*get_setting)   (MsStore             *self,
                                  const char          *key,
                                  GError             **error);
  gboolean      (*add_user)      (MsStore             *self,
                                  const char          *actor,
                                  const MsUser        *user,
                                  GError             **error);
  GPtrArray    *(*list_users)    (MsStore             *self,
                                  GError             **error);
  MsUser       *(*get_user)      (MsStore             *self,
                                  const char          *login,
                                  GError             **error);
  MsSheetInfo  *(*save)          (MsStore             *self,
                                  const char          *actor,
                                  MsProcedure         *procedure,
                                  gint64               base_revision,
                                  GError             **error);
  GPtrArray    *(*import)        (MsStore             *self,
                                  const char          *actor,
                                  GPtrArray           *procedures,
                                  GError             **error);
  MsProcedure  *(*get_sheet)     (MsStore             *self,
                                  const char          *id,
                                  gint64               revision,
                                  MsSheetInfo        **info,
                                  GError             **error);
  MsSheetInfo  *(*get_info)      (MsStore             *self,
                                  const char          *id,
                                  GError             **error);
  GPtrArray    *(*list)          (MsStore             *self,
                                  const MsStoreFilter *filter,
                                  GError             **error);
  GPtrArray    *(*search)        (MsStore             *self,
                                  const char          *query,
                                  const MsStoreFilter *filter,
                                  guint                limit,
                                  GError             **error);
  MsSheetInfo  *(*transition)    (MsStore             *self,
                                  const char          *actor,
                                  const char          *id,
                                  MsAction             action,
                                  const char          *comment,
                                  GError             **error);
  GPtrArray    *(*revisions)     (MsStore             *self,
                                  const char          *id,
                                  GError             **error);
  GPtrArray    *(*audit)         (MsStore             *self,
                                  const char          *id,
                                  GError             **error);
  gboolean      (*verify_audit)  (MsStore             *self,
                                  gint64              *n_entries,
                                  GError             **error);
  MsExportSet  *(*read_export)   (MsStore             *self,
                                  GError             **error);
  gboolean      (*commit_export) (MsStore             *self,
                                  const char          *actor,
                                  const MsExportSet   *set,
                                  const MsExportRecord *record,
                                  GError             **error);
  MsSheetInfo  *(*create_draft)  (MsStore             *self,
                                  const char          *actor,
                                  MsProcedure         *procedure,
                                  GError             **error);
  MsSheetInfo  *(*duplicate)     (MsStore             *self,
                                  const char          *actor,
                                  const char          *id,
                                  GError             **error);
  gboolean      (*delete_draft)  (MsStore             *self,
                                  const char          *actor,
                                  const char          *id,
                                  gboolean             dry_run,
                                  GError             **error);
  gboolean      (*set_user_roles) (MsStore            *self,
                                  const char          *actor,
                                  const char          *login,
                                  MsRoles              roles,
                                  GError             **error);
  gboolean      (*set_user_active) (MsStore           *self,
                                  const char          *actor,
                                  const char          *login,
                                  gboolean             active,
                                  GError             **error);
  /* Optional: start (@interval_ms > 0) or stop (0) noticing changes made
   * through other connections; see ms_store_watch(). */
  void          (*watch)         (MsStore             *self,
                                  guint                interval_ms);
  GPtrArray    *(*import_entries) (MsStore            *self,
                                  const char          *actor,
                                  GPtrArray           *entries,
                                  const MsImportOptions *options,
                                  GError             **error);
  /* The window's paged list (issue 15 item 1). */
  GPtrArray    *(*list_ids)      (MsStore             *self,
                                  const MsStoreFilter *filter,
                                  GError             **error);
  GPtrArray    *(*get_infos)     (MsStore             *self,
                                  const char * const  *ids,
                                  guint                n_ids,
                                  GError             **error);
  GPtrArray    *(*changes_since) (MsStore             *self,
                                  gint64               mark,
                                  gint64              *new_mark,
                                  GError             **error);
};

char         *ms_store_get_setting   (MsStore             *self,
                                      const char          *key,
                                      GError             **error);
/* The first user can be added by anyone and must be an admin; later ones
 * only by an admin (else MS_STORE_ERROR_DENIED or MS_CORE_ERROR_DENIED); a
 * login already taken is MS_STORE_ERROR_CONFLICT. */
gboolean      ms_store_add_user      (MsStore             *self,
                                      const char          *actor,
                                      const MsUser        *user,
                                      GError             **error);
/* MsUser*, by login, deactivated ones included. */
GPtrArray    *ms_store_list_users    (MsStore             *self,
                                      GError             **error);
/* Changing a user (issue 11 item 6), each in one transaction with its audit
 * entry ("user-roles" with the comment "login: roles", "user-deactivate",
 * "user-activate" with the login as comment). Only an active admin may
 * (MS_CORE_ERROR_DENIED); MS_STORE_ERROR_NOT_FOUND when @login is not a
 * user; MS_STORE_ERROR_DENIED when it would leave the catalog without an
 * active admin (taking the admin role from, or deactivating, the last
 * one). Setting what is already set changes nothing and writes no entry.
 * A deactivated user is refused as an actor by every write of the store
 * and by ms_store_get_user; people are never deleted. */
gboolean      ms_store_set_user_roles (MsStore            *self,
                                      const char          *actor,
                                      const char          *login,
                                      MsRoles              roles,
                                      GError             **error);
gboolean      ms_store_set_user_active (MsStore           *self,
                                      const char          *actor,
                                      const char          *login,
                                      gboolean             active,
                                      GError             **error);
/* The acting user @login: NULL with MS_STORE_ERROR_DENIED when @login is
 * not a user of the catalog, or was deactivated. */
MsUser       *ms_store_get_user      (MsStore             *self,
                                      const char          *login,
                                      GError             **error);
/* Stores a new revision. @base_revision is the revision the edit started
 * from (0 for a new sheet); if another revision was saved meanwhile the save
 * is refused with MS_STORE_ERROR_CONFLICT ("changed by X at T"). Saving the
 * same content again stores nothing and returns the current info. */
MsSheetInfo  *ms_store_save          (MsStore             *self,
                                      const char          *actor,
                                      MsProcedure         *procedure,
                                      gint64               base_revision,
                                      GError             **error);
/* All of @procedures in one transaction, or none: MsImportItem*. */
GPtrArray    *ms_store_import        (MsStore             *self,
                                      const char          *actor,
                                      GPtrArray           *procedures,
                                      GError             **error);
/* @entries (MsImportEntry*) in one transaction, or none (with
 * @options->dry_run: checked, reported and rolled back). A Masatir sheet is
 * imported as by ms_store_import. A portal sheet is merged into the stored
 * one (ms_procedure_merge_incoming: languages added, disagreements in the
 * item's conflicts, the catalog's value kept unless prefer_incoming) —
 * unless the stored sheet was edited in Masatir since its last import:
 * then it is left (MS_IMPORT_EDITED_SINCE_IMPORT) or, with into_draft, the
 * incoming sheet merged over the revision the last import wrote (its
 * values taken) becomes a new draft (MS_IMPORT_DRAFTED, fresh id, code
 * "CODE-COPY"…). Each imported sheet's origin (portal id, records' hash,
 * revision written, time) is recorded, which is how an edit is told. The
 * import reads and writes each sheet inside the one write transaction, so
 * an edit saved meanwhile is never overwritten (the optimistic locking of
 * ms_store_save). Returns MsImportItem*, one per entry. */
GPtrArray    *ms_store_import_entries (MsStore            *self,
                                      const char          *actor,
                                      GPtrArray           *entries,
                                      const MsImportOptions *options,
                                      GError             **error);
/* @revision 0 is the current one. */
MsProcedure  *ms_store_get_sheet     (MsStore             *self,
                                      const char          *id,
                                      gint64               revision,
                                      MsSheetInfo        **info,
                                      GError             **error);
/* NULL with MS_STORE_ERROR_NOT_FOUND when there is no such sheet. */
MsSheetInfo  *ms_store_get_sheet_info (MsStore             *self,
                                      const char          *id,
                                      GError             **error);
/* MsSheetInfo*, by code. */
GPtrArray    *ms_store_list          (MsStore             *self,
                                      const MsStoreFilter *filter,
                                      GError             **error);
/* The ids (char*) of the sheets @filter lets through, in the order of
 * ms_store_list (code, then id): what a list showing 100,000 sheets reads
 * at once, before it reads the rows it draws (ms_store_get_infos). */
GPtrArray    *ms_store_list_ids      (MsStore             *self,
                                      const MsStoreFilter *filter,
                                      GError             **error);
/* MsSheetInfo* of the sheets @ids (@n_ids of them), in the order of @ids,
 * read together; ids of no sheet (deleted meanwhile) are left out. */
GPtrArray    *ms_store_get_infos     (MsStore             *self,
                                      const char * const  *ids,
                                      guint                n_ids,
                                      GError             **error);
/* The ids (char*) of the sheets changed since @mark — saved, moved through
 * the workflow, imported, published, deleted — by anyone, this connection
 * included; @new_mark is set to the mark of now, to pass next time. @mark
 * -1 asks for the mark only (an empty array). The changes are those the
 * audit log records (a sheet's every change appends to it), so a mark is
 * an audit sequence number. */
GPtrArray    *ms_store_changes_since (MsStore             *self,
                                      gint64               mark,
                                      gint64              *new_mark,
                                      GError             **error);
/* MsSheetInfo*, best first, each with its snippet: full text over every
 * language through core's analysis (ms-analyzer.h: spelling variants
 * folded, Arabic and French words stemmed), every word of @query required
 * (repeated ones count once; each also as a prefix), cut after
 * MS_SEARCH_MAX_WORDS words or MS_SEARCH_MAX_CHARS characters; @query is
 * plain words, never query syntax. A @query that is not UTF-8 is refused
 * with MS_STORE_ERROR_INVALID. @limit 0 is 50. */
GPtrArray    *ms_store_search        (MsStore             *self,
                                      const char          *query,
                                      const MsStoreFilter *filter,
                                      guint                limit,
                                      GError             **error);
/* Submit, approve, request changes or withdraw (design.md §3), in one
 * transaction; publishing is an export (ms_store_commit_export). */
MsSheetInfo  *ms_store_transition    (MsStore             *self,
                                      const char          *actor,
                                      const char          *id,
                                      MsAction             action,
                                      const char          *comment,
                                      GError             **error);
/* MsRevisionInfo*, oldest first. */
GPtrArray    *ms_store_revisions     (MsStore             *self,
                                      const char          *id,
                                      GError             **error);
/* MsAuditEntry* of one sheet (or of all when @id is NULL), oldest first. */
GPtrArray    *ms_store_audit         (MsStore             *self,
                                      const char          *id,
                                      GError             **error);
/* Checks the hash chain, then that every approved sheet and every published
 * revision still live is, in the chain, what was submitted and approved (and
 * published) by people the workflow's rules allowed then, with the roles the
 * log gave them; fails with MS_STORE_ERROR_CORRUPT naming the first broken
 * link, or the sheet. */
gboolean      ms_store_verify_audit  (MsStore             *self,
                                      gint64              *n_entries,
                                      GError             **error);

/* The sheets a bundle carries and the chain it continues, read together.
 * Refused with MS_STORE_ERROR_CORRUPT, in the words of
 * ms_store_verify_audit, when the audit log is broken or does not show a
 * sheet of the set approved (or published) as the rules allow. */
MsExportSet  *ms_store_read_export   (MsStore             *self,
                                      GError             **error);
/* Records a bundle written and verified from @set, in one durable
 * transaction: the sequence and manifest hash, the approved revisions of
 * @set published (the revision live before them stops being live), one
 * audit entry per published sheet and one for the export. @actor needs the
 * publisher role; an approved revision whose content is not the one its
 * reviewer approved is refused (MS_STORE_ERROR_CORRUPT).
 * MS_STORE_ERROR_CONFLICT, with nothing changed, when another export was
 * recorded or the set changed since @set was read. May run in a thread of
 * its own while no other call is made on @self. */
gboolean      ms_store_commit_export (MsStore             *self,
                                      const char          *actor,
                                      const MsExportSet   *set,
                                      const MsExportRecord *record,
                                      GError             **error);

/* New, duplicate, delete (issue 10 item 1). The window's actions and
 * masatir-cli's commands call these; the store takes the catalog-wide facts
 * (a free code, the first revision, the audit entry) in the same
 * transaction as the write, so two people doing it at once cannot collide.
 *
 * Who: creating and duplicating are edits (ms_workflow_check of
 * MS_ACTION_EDIT: the editor role; MS_CORE_ERROR_DENIED otherwise). Deleting
 * needs the editor or the admin role, and any editor may delete any
 * deletable draft, not only its author: every editor can already replace a
 * draft's whole content by saving over it, and the audit log keeps who
 * deleted what. */

/* Stores @procedure — a sheet not yet in the catalog, such as
 * ms_procedure_new_draft() makes — as revision 1 of a new draft: the same
 * write, checks and audit entry ("edit", no comment) as the first
 * ms_store_save() of a sheet. When @procedure->code is NULL, it is given
 * the first of "NEW-0001", "NEW-0002"… that no sheet of the catalog uses
 * (ms_draft_code_candidate), written into @procedure as well. Returns the
 * new sheet's info. MS_STORE_ERROR_CONFLICT when the id is already in the
 * catalog; MS_STORE_ERROR_CONFLICT when the code is used by another sheet of
 * the same administration. */
MsSheetInfo  *ms_store_create_draft  (MsStore             *self,
                                      const char          *actor,
                                      MsProcedure         *procedure,
                                      GError             **error);
/* Copies the current revision of sheet @id into a new draft
 * (ms_procedure_new_copy): a fresh id; the code "CODE-COPY", else
 * "CODE-COPY-2", "CODE-COPY-3"…, the first free in the sheet's
 * administration ("NEW-000N" when the sheet has no code); every title
 * marked as a copy in its own language; everything else, list item ids
 * included, equal. Revision 1 of the copy gets an audit entry "edit" whose
 * comment is "copy of ID (CODE), revision N"; the original is not touched.
 * Returns the copy's info (its id and code). MS_STORE_ERROR_NOT_FOUND when
 * there is no sheet @id. */
MsSheetInfo  *ms_store_duplicate     (MsStore             *self,
                                      const char          *actor,
                                      const char          *id,
                                      GError             **error);
/* Removes sheet @id — its revisions, search entries and comments — when it
 * was never submitted for review nor published: it is a draft, no
 * published revision was ever recorded, and the audit log holds no entry
 * for it but "edit" and "import" (so a draft sent back with "changes
 * requested" and edited since is not deletable: it went through review).
 * Appends an audit entry "delete" (revision and sha256 of the last
 * revision, from_state "draft", the code as comment); earlier entries of
 * the sheet stay, so the audit chain still verifies. Refused with
 * MS_STORE_ERROR_DENIED and a message naming the state and when it was
 * reached ("was submitted for review by X on T…", "is published…; withdraw
 * it instead"), or when @actor has neither the editor nor the admin role;
 * MS_STORE_ERROR_NOT_FOUND when there is no sheet @id. The database
 * refuses the deletion of any other sheet's rows too (guard triggers). */
gboolean      ms_store_delete_draft  (MsStore             *self,
                                      const char          *actor,
                                      const char          *id,
                                      GError             **error);
/* Whether ms_store_delete_draft() would delete sheet @id for @actor now,
 * with the same error when not; changes nothing (for enabling the window's
 * "Delete Draft" and explaining why it is not). */
gboolean      ms_store_check_delete  (MsStore             *self,
                                      const char          *actor,
                                      const char          *id,
                                      GError             **error);

/* Change notification (design.md §1, issue 11 item 9).
 *
 * The "changed" signal (no arguments) is emitted on the thread-default main
 * context of the call to ms_store_watch() when the catalog was changed by
 * someone else: another connection, another process (masatir-cli), another
 * workstation. What @self writes itself does not emit it: its caller knows.
 * It says only that something changed; the listener reads again what it
 * shows (ms_store_list is cheap; the sha256 of each MsSheetInfo tells which
 * sheets to read again).
 *
 * Nothing is watched until ms_store_watch() is called with a non-zero
 * @interval_ms, the longest a change may go unnoticed (the SQLite backend
 * polls PRAGMA data_version at that pace, a query that reads no page); 0
 * stops watching. A store that cannot notice changes ignores the call. The
 * watch ends with the store. */
void          ms_store_watch         (MsStore             *self,
                                      guint                interval_ms);
/* For backends: emits "changed". */
void          ms_store_emit_changed  (MsStore             *self);

void          ms_user_free           (MsUser              *user);
void          ms_sheet_info_free     (MsSheetInfo         *info);
void          ms_revision_info_free  (MsRevisionInfo      *info);
void          ms_audit_entry_free    (MsAuditEntry        *entry);
void          ms_import_item_free    (MsImportItem        *item);
MsExportSet  *ms_export_set_new      (void);
void          ms_export_set_free     (MsExportSet         *set);

/* The catalog @uri names: a PostgreSQL server for a postgresql:// or
 * postgres:// URI or a libpq "key=value" string (ms_pg_store_open), else a
 * SQLite file (ms_sqlite_store_open; created when @create). */
MsStore      *ms_store_open_uri      (const char          *uri,
                                      gboolean             create,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsUser, ms_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsSheetInfo, ms_sheet_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsExportSet, ms_export_set_free)

G_END_DECLS
