/* ms-sqlite-store.c — the embedded SQLite backend of MsStore
 *
 * Every statement is a compile-time constant with bound parameters; every
 * write runs inside transaction(), which also appends the audit entry, so a
 * revision, its state and its audit entry are stored together or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"
/* open (O_CLOEXEC, O_NOFOLLOW) and fchmod under -std=c11 */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ms-analyzer.h"
#include "ms-audit-check.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-draft.h"
#include "ms-import-prepare.h"
#include "ms-migrations.h"
#include "ms-portal.h"
#include "ms-search-index.h"
#include "ms-sqlite-store.h"
#include "ms-store-common-private.h"
#include "ms-store-error.h"
#include "ms-text.h"
#include "ms-validator.h"
#include "ms-vocabulary.h"

struct _MsSqliteStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* const char *sql (static) → sqlite3_stmt* */
  /* During an audit batch (one transaction appending many entries): the
   * head of the chain, kept here instead of read back for each entry. */
  char       *batch_prev;
  gint64      batch_seq;
  /* ms_store_watch(): the poll and the data_version it last saw. */
  GSource      *watch_source;
  sqlite3_stmt *version_stmt;
  gint64        data_version;
  /* MS_SQLITE_STORE_UNCHECKED: sheets are kept even when the rules cannot
   * be loaded, with no errors counted (a folder shown in memory). */
  gboolean      unchecked;
};

static void ms_sqlite_store_iface_init (MsStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MsSqliteStore, ms_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MS_TYPE_STORE, ms_sqlite_store_iface_init))

#define NO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define DEFAULT_BUSY_TIMEOUT_MS 5000
/* Search ranks at most this many candidates per pass (style.md: FTS5 cost). */
#define SEARCH_CANDIDATES 1000

/* The columns of an MsSheetInfo, read by info_from_row() from column 0. */
#define INFO_COLUMNS \
  "s.id, s.code, s.title_ar, s.title_fr, s.title_zgh, s.title_en, s.administration, s.state, " \
  "s.head, s.live, r.sha256, s.updated, s.updated_by, s.errors, s.warnings"
#define INFO_FROM \
  " JOIN revisions r ON r.sheet = s.num AND r.number = s.head"
/* The list filters, bound by bind_filter(). */
#define FILTER_WHERE \
  " (?10 IS NULL OR s.state = ?10)" \
  " AND (?11 IS NULL OR s.administration = ?11)" \
  " AND (?12 IS NULL OR (s.errors > 0) = ?12)" \
  " AND (?13 IS NULL OR EXISTS (SELECT 1 FROM sheet_terms t WHERE t.kind = 'audience'" \
  "                                   AND t.code = ?13 AND t.sheet = s.num))" \
  " AND (?14 IS NULL OR EXISTS (SELECT 1 FROM sheet_terms t WHERE t.kind = 'theme'" \
  "                                AND t.code = ?14 AND t.sheet = s.num))" \
  " AND (?15 IS NULL OR s.id IN (SELECT value FROM json_each (?15)))" \
  " AND (?16 IS NULL OR (s.state = 'in_review' AND s.submitted_by IS NOT ?16" \
  "                      AND NOT EXISTS (SELECT 1 FROM revisions e WHERE e.sheet = s.num" \
  "                                      AND e.number > s.last_published AND e.author = ?16)))"

/* Statements {{{1 */

static void
set_sqlite_error (MsSqliteStore  *self,
                  int             rc,
                  GError        **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_LOCKED,
                   _("The catalog %s is in use by another program (%s); nothing was changed, try again"),
                   self->path, detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT,
                   _("The catalog %s is damaged or is not a database (%s); nothing was changed"),
                   self->path, detail);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                   _("Could not open the catalog %s: %s"), self->path, detail);
      break;
    default:
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED,
                   _("Catalog %s: %s"), self->path, detail);
      break;
    }
}

/* Binds "s" (string, NULL binds NULL) and "i" (gint64) values to ?1, ?2… */
static gboolean
bind_values (MsSqliteStore  *self,
             sqlite3_stmt   *stmt,
             const char     *types,
             va_list         args,
             GError        **error)
{
  for (int i = 0; types[i] != '\0'; i++)
    {
      int rc;

      if (types[i] == 's')
        {
          const char *value = va_arg (args, const char *);

          rc = value != NULL ? sqlite3_bind_text (stmt, i + 1, value, -1, SQLITE_TRANSIENT)
                             : sqlite3_bind_null (stmt, i + 1);
        }
      else
        {
          g_assert (types[i] == 'i');
          rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
        }
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, rc, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* A prepared statement for @sql (a string constant: it keys the cache),
 * reset and with the values bound, ready to step. */
static sqlite3_stmt *
query (MsSqliteStore  *self,
       GError        **error,
       const char     *sql,
       const char     *types,
       ...)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  gboolean ok;
  va_list args;

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, rc, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  va_start (args, types);
  ok = bind_values (self, stmt, types, args, error);
  va_end (args);
  return ok ? stmt : NULL;
}

/* SQLITE_ROW or SQLITE_DONE; 0 with @error set. A finished or failed
 * statement is reset so it holds no lock. */
static int
step (MsSqliteStore  *self,
      sqlite3_stmt   *stmt,
      GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return rc;
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return rc;
  set_sqlite_error (self, rc, error);
  return 0;
}

/* Runs a statement that returns no rows. */
#define RUN(self, error, sql, ...) \
  (run_statement ((self), query ((self), (error), (sql), __VA_ARGS__), (error)))

static gboolean
run_statement (MsSqliteStore  *self,
               sqlite3_stmt   *stmt,
               GError        **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    ;
  return rc == SQLITE_DONE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

typedef gboolean (*TransactionFunc) (MsSqliteStore  *self,
                                     gpointer        data,
                                     GError        **error);

/* Runs @func in one write transaction; rolls everything back if it fails.
 * @durable commits with synchronous=FULL (workflow transitions). */
static gboolean
transaction (MsSqliteStore    *self,
             gboolean          durable,
             TransactionFunc   func,
             gpointer          data,
             GError          **error)
{
  gboolean ok;

  if (durable)
    sqlite3_exec (self->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  ok = RUN (self, error, "BEGIN IMMEDIATE", "")
       && func (self, data, error)
       && RUN (self, error, "COMMIT", "");
  if (!ok && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (durable)
    sqlite3_exec (self->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  return ok;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Settings and users {{{1 */

static char *
get_setting (MsSqliteStore  *self,
             const char     *key,
             GError        **error)
{
  sqlite3_stmt *stmt = query (self, error, "SELECT value FROM settings WHERE key = ?1", "s", key);
  char *value = NULL;
  int rc;

  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return NULL;
  if (rc == SQLITE_ROW)
    value = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (value == NULL)
    ms_store_fail_no_setting (key, error);
  return value;
}

static gboolean
put_setting (MsSqliteStore  *self,
             const char     *key,
             const char     *value,
             GError        **error)
{
  return RUN (self, error, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", "ss", key, value);
}

/* Any user, deactivated ones too (for listing them). */
static MsUser *
load_any_user (MsSqliteStore  *self,
               const char     *login,
               GError        **error)
{
  sqlite3_stmt *stmt = query (self, error, "SELECT login, name, roles, active FROM users WHERE login = ?1", "s", login);
  MsUser *user = NULL;
  int rc;

  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return NULL;
  if (rc == SQLITE_ROW)
    {
      user = ms_store_user_new ((const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1),
                                sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3) != 0);
      sqlite3_reset (stmt);
      return user;
    }
  ms_store_check_actor (login, FALSE, FALSE, error);
  return NULL;
}

/* The user acting: every write resolves its actor here, so a deactivated
 * user is refused by all of them. */
static MsUser *
load_user (MsSqliteStore  *self,
           const char     *login,
           GError        **error)
{
  MsUser *user = load_any_user (self, login, error);

  if (user != NULL && !ms_store_check_actor (login, TRUE, !user->inactive, error))
    g_clear_pointer (&user, ms_user_free);
  return user;
}

/* The audit log {{{1 */


#define AUDIT_COLUMNS \
  "seq, time, actor, action, sheet_id, revision, sha256, from_state, to_state, comment, prev, hash"

/* The texts of @stmt's first @n columns (NULL for NULL), valid until it
 * steps or is reset. */
static void
column_texts (sqlite3_stmt  *stmt,
              const char   **texts,
              int            n)
{
  for (int i = 0; i < n; i++)
    texts[i] = (const char *) sqlite3_column_text (stmt, i);
}

static MsAuditEntry *
audit_entry_from_row (sqlite3_stmt *stmt)
{
  const char *texts[MS_STORE_AUDIT_N_COLUMNS];

  column_texts (stmt, texts, G_N_ELEMENTS (texts));
  return ms_store_audit_entry_from_texts (texts);
}

/* Appends @e (its seq is filled in) to the chain; inside a transaction. */
static gboolean
audit_append (MsSqliteStore  *self,
              MsAuditEntry   *e,
              GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *count = NULL;
  int rc;

  g_assert (!sqlite3_get_autocommit (self->db));

  if (self->batch_prev != NULL)
    {
      e->seq = self->batch_seq + 1;
      prev = g_strdup (self->batch_prev);
    }
  else
    {
      stmt = query (self, error, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", "");
      if (stmt == NULL || !(rc = step (self, stmt, error)))
        return FALSE;
      e->seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) + 1 : 1;
      prev = rc == SQLITE_ROW ? column_dup (stmt, 1) : g_strdup (NO_HASH);
      sqlite3_reset (stmt);
    }
  g_assert (e->time != NULL);

  hash = ms_audit_entry_hash (e, prev);
  if (!RUN (self, error,
            "INSERT INTO audit (" AUDIT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            "issssissssss", e->seq, e->time, e->actor, e->action, e->sheet_id, e->revision, e->sha256,
            e->from_state, e->to_state, e->comment, prev, hash))
    return FALSE;
  if (self->batch_prev != NULL)
    {
      /* audit_batch_end records the head once. */
      self->batch_seq = e->seq;
      g_free (self->batch_prev);
      self->batch_prev = g_steal_pointer (&hash);
      return TRUE;
    }
  count = g_strdup_printf ("%" G_GINT64_FORMAT, e->seq);
  /* The head of the chain, so that deleting its last entries shows. */
  return put_setting (self, "audit_head", hash, error)
         && put_setting (self, "audit_count", count, error);
}

/* Many audit_append in one transaction: the head is read once here and
 * written once by audit_batch_end, with the same chain as entry by entry. */
static gboolean
audit_batch_begin (MsSqliteStore  *self,
                   GError        **error)
{
  sqlite3_stmt *stmt = query (self, error, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", "");
  int rc;

  g_assert (self->batch_prev == NULL);
  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return FALSE;
  self->batch_seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  self->batch_prev = rc == SQLITE_ROW ? column_dup (stmt, 1) : g_strdup (NO_HASH);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Ends the batch; records the head when @ok (else the transaction is
 * being rolled back anyway). */
static gboolean
audit_batch_end (MsSqliteStore  *self,
                 gboolean        ok,
                 GError        **error)
{
  g_autofree char *head = g_steal_pointer (&self->batch_prev);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, self->batch_seq);

  return ok
         && put_setting (self, "audit_head", head, error)
         && put_setting (self, "audit_count", count, error);
}

/* One pass over the log: checks the hash chain, as far as the head the
 * catalog records, and replays every entry into @log (ms-audit-check.c).
 * Fails with MS_STORE_ERROR_CORRUPT naming the first broken link. */
static gboolean
audit_replay (MsSqliteStore  *self,
              MsAuditLog     *log,
              gint64         *n_entries,
              GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *head = NULL;
  g_autofree char *count = NULL;
  int rc;

  if (!(stmt = query (self, error, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY seq", "")))
    return FALSE;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    {
      /* The row's own text, valid until the next step. */
      MsAuditEntry e = {
        .seq = sqlite3_column_int64 (stmt, 0),
        .time = (char *) sqlite3_column_text (stmt, 1),
        .actor = (char *) sqlite3_column_text (stmt, 2),
        .action = (char *) sqlite3_column_text (stmt, 3),
        .sheet_id = (char *) sqlite3_column_text (stmt, 4),
        .revision = sqlite3_column_int64 (stmt, 5),
        .sha256 = (char *) sqlite3_column_text (stmt, 6),
        .from_state = (char *) sqlite3_column_text (stmt, 7),
        .to_state = (char *) sqlite3_column_text (stmt, 8),
        .comment = (char *) sqlite3_column_text (stmt, 9),
      };

      if (!ms_audit_log_add (log, &e, (const char *) sqlite3_column_text (stmt, 10),
                             (const char *) sqlite3_column_text (stmt, 11), error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  head = get_setting (self, "audit_head", NULL);
  count = get_setting (self, "audit_count", NULL);
  return ms_audit_log_end (log, head, count, n_entries, error);
}

static gboolean
verify_audit_in_transaction (MsSqliteStore  *self,
                             gpointer        data,
                             GError        **error)
{
  g_autoptr(MsAuditLog) log = ms_audit_log_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!audit_replay (self, log, data, error))
    return FALSE;
  /* Every approved revision, and every revision published and live (or
   * said to be published): what an export publishes or carries again. */
  stmt = query (self, error,
                "SELECT s.id, 1, r.number, r.sha256 FROM sheets s JOIN revisions r"
                " ON r.sheet = s.num AND r.number = s.head WHERE s.state = 'approved'"
                " UNION ALL"
                " SELECT s.id, 0, r.number, r.sha256 FROM sheets s JOIN revisions r"
                " ON r.sheet = s.num AND r.number = coalesce (s.live, s.head)"
                " WHERE s.live IS NOT NULL OR s.state = 'published'", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    if (!ms_audit_log_check_sheet (log, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                                sqlite3_column_int64 (stmt, 2), (const char *) sqlite3_column_text (stmt, 3), error))
      {
        sqlite3_reset (stmt);
        return FALSE;
      }
  return rc == SQLITE_DONE;
}

/* The chain, then every approved or published sheet against it. */
static gboolean
verify_audit (MsStore  *store,
              gint64   *n_entries,
              GError  **error)
{
  return transaction (MS_SQLITE_STORE (store), FALSE, verify_audit_in_transaction, n_entries, error);
}

/* Sheets {{{1 */

/* The stored row of a sheet, as the workflow needs it. */
typedef struct {
  gint64   num;
  MsState  state;
  gint64   head;
  gint64   live;
  gint64   last_published;
  char    *submitted_by;
  char    *head_sha;
  char    *head_author;
  char    *head_created;
} SheetRow;

static void
sheet_row_clear (SheetRow *row)
{
  g_free (row->submitted_by);
  g_free (row->head_sha);
  g_free (row->head_author);
  g_free (row->head_created);
  memset (row, 0, sizeof *row);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SheetRow, sheet_row_clear)

/* TRUE with @row->num 0 when there is no such sheet. */
static gboolean
load_row (MsSqliteStore  *self,
          const char     *id,
          SheetRow       *row,
          GError        **error)
{
  sqlite3_stmt *stmt = query (self, error,
                              "SELECT s.num, s.state, s.head, s.live, s.last_published, s.submitted_by,"
                              " r.sha256, r.author, r.created"
                              " FROM sheets s" INFO_FROM " WHERE s.id = ?1", "s", id);
  int rc;

  memset (row, 0, sizeof *row);
  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      row->num = sqlite3_column_int64 (stmt, 0);
      if (!ms_state_from_nick ((const char *) sqlite3_column_text (stmt, 1), &row->state))
        row->state = MS_STATE_DRAFT;
      row->head = sqlite3_column_int64 (stmt, 2);
      row->live = sqlite3_column_int64 (stmt, 3);
      row->last_published = sqlite3_column_int64 (stmt, 4);
      row->submitted_by = column_dup (stmt, 5);
      row->head_sha = column_dup (stmt, 6);
      row->head_author = column_dup (stmt, 7);
      row->head_created = column_dup (stmt, 8);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
load_existing_row (MsSqliteStore  *self,
                   const char     *id,
                   SheetRow       *row,
                   GError        **error)
{
  if (!load_row (self, id, row, error))
    return FALSE;
  if (row->num != 0)
    return TRUE;
  ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, _("No sheet “%s” in the catalog"), id);
  return FALSE;
}

static MsSheetInfo *
info_from_row (sqlite3_stmt *stmt)
{
  const char *texts[MS_STORE_INFO_N_COLUMNS];

  column_texts (stmt, texts, G_N_ELEMENTS (texts));
  return ms_store_info_from_texts (texts);
}

/* Steps @stmt to the end, collecting MsSheetInfo* rows into @list (skipping
 * ids already in @seen, when given). */
static gboolean
collect_infos (MsSqliteStore  *self,
               sqlite3_stmt   *stmt,
               GPtrArray      *list,
               GHashTable     *seen,
               guint           limit,
               GError        **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  while (list->len < limit && (rc = step (self, stmt, error)) == SQLITE_ROW)
    {
      MsSheetInfo *info = info_from_row (stmt);

      if (seen != NULL && !g_hash_table_add (seen, g_strdup (info->id)))
        ms_sheet_info_free (info);
      else
        g_ptr_array_add (list, info);
    }
  if (list->len >= limit)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  return rc == SQLITE_DONE;
}

static MsSheetInfo *
load_info (MsSqliteStore  *self,
           const char     *id,
           GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_sheet_info_free);
  sqlite3_stmt *stmt = query (self, error, "SELECT " INFO_COLUMNS " FROM sheets s" INFO_FROM " WHERE s.id = ?1",
                              "s", id);

  if (!collect_infos (self, stmt, list, NULL, 1, error))
    return NULL;
  if (list->len == 0)
    {
      ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, _("No sheet “%s” in the catalog"), id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

static gboolean
index_terms (MsSqliteStore  *self,
             gint64          num,
             MsProcedure    *p,
             GError        **error)
{
  if (!RUN (self, error, "DELETE FROM sheet_terms WHERE sheet = ?1", "i", num))
    return FALSE;
  for (guint i = 0; p->audiences != NULL && i < p->audiences->len; i++)
    {
      const char *nick = ms_enum_to_nick (MS_ENUM_AUDIENCE, g_array_index (p->audiences, int, i));

      if (nick != NULL
          && !RUN (self, error, "INSERT OR IGNORE INTO sheet_terms (sheet, kind, code) VALUES (?1, 'audience', ?2)",
                   "is", num, nick))
        return FALSE;
    }
  for (guint i = 0; p->themes != NULL && i < p->themes->len; i++)
    if (!RUN (self, error, "INSERT OR IGNORE INTO sheet_terms (sheet, kind, code) VALUES (?1, 'theme', ?2)",
              "is", num, (const char *) g_ptr_array_index (p->themes, i)))
      return FALSE;
  return TRUE;
}

/* The search index holds a sheet's text as it is written (snippets show
 * it); the tokenizer "masatir" analyses it (ms-search-index.c). */
static gboolean
index_sheet (MsSqliteStore           *self,
             gint64                   num,
             gboolean                 is_new,
             MsProcedure             *p,
             const MsImportPrepared  *prep,
             GError                 **error)
{
  g_autoptr(GString) title = NULL;
  g_autoptr(GString) code = NULL;
  g_autoptr(GString) body = NULL;
  gboolean ok;

  if (!is_new && !RUN (self, error, "DELETE FROM sheet_text WHERE rowid = ?1", "i", num))
    return FALSE;
  if (prep != NULL && prep->texts[0] != NULL)
    {
      /* Analysed beforehand: the tokenizer replays the terms. */
      ms_search_index_offer (prep->texts, G_N_ELEMENTS (prep->texts));
      ok = RUN (self, error, "INSERT INTO sheet_text (rowid, title, code, body) VALUES (?1, ?2, ?3, ?4)",
                "isss", num, ms_search_tokens_get_text (prep->texts[0]), ms_search_tokens_get_text (prep->texts[1]),
                ms_search_tokens_get_text (prep->texts[2]));
      ms_search_index_withdraw ();
    }
  else
    {
      title = g_string_new (NULL);
      code = g_string_new (NULL);
      body = g_string_new (NULL);
      ms_analyzer_sheet_text (p, title, code, body);
      ok = RUN (self, error, "INSERT INTO sheet_text (rowid, title, code, body) VALUES (?1, ?2, ?3, ?4)",
                "isss", num, title->str, code->str, body->str);
    }
  return ok && index_terms (self, num, p, error);
}

static gboolean
check_code_unique (MsSqliteStore  *self,
                   MsProcedure    *p,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *other = NULL;
  int rc;

  if (p->code == NULL)
    return TRUE;
  stmt = query (self, error,
                /* "+administration": the planner would otherwise take the index on
                 * the administration, which for sheets without one (every portal
                 * import) is all of them — an import of N sheets took N² steps. */
                "SELECT id FROM sheets WHERE code = ?1 AND +administration IS ?2 AND id != ?3 LIMIT 1",
                "sss", p->code, p->administration, p->id);
  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;
  other = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return ms_store_fail_code_used (p, other, error);
}

typedef enum {
  WRITE_FAILED,
  WRITE_STORED,
  WRITE_UNCHANGED,
} WriteResult;

/* Stores @p as the next revision after @row (num 0: a new sheet), checking
 * the edit rule; its state goes back to draft. @prep, when not NULL, is
 * what an import computed of @p beforehand (ms-import-prepare.c); what it
 * lacks is computed here. Inside a transaction. */
static WriteResult
write_revision (MsSqliteStore           *self,
                const MsUser            *actor,
                MsProcedure             *p,
                SheetRow                *row,
                const char              *action,
                const char              *comment,
                const MsImportPrepared  *prep,
                GError                 **error)
{
  g_autofree char *owned_json = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *now = NULL;
  const char *json;
  MsAuditEntry entry = { 0 };
  guint n_errors = 0, n_warnings = 0;
  gsize length;
  gint64 number = row->head + 1;
  const char *titles[MS_N_LANGS] = { NULL };

  if (prep != NULL && (prep->procedure != p || prep->json == NULL))
    prep = NULL;
  if (!ms_workflow_check (MS_ACTION_EDIT, row->state, actor->login, actor->roles,
                          NULL, NULL, FALSE, NULL, error))
    return WRITE_FAILED;
  if (prep != NULL)
    {
      json = prep->json;
      length = prep->length;
      sha = g_strdup (prep->sha);
    }
  else
    {
      g_autoptr(JsonNode) node = ms_procedure_to_json (p);

      if (!(json = owned_json = ms_canonical_json (node, &length, error)))
        return WRITE_FAILED;
      sha = ms_sha256_hex (json, length);
    }
  if (row->num != 0 && g_strcmp0 (sha, row->head_sha) == 0)
    return WRITE_UNCHANGED;
  if (prep != NULL && prep->checked)
    {
      n_errors = prep->n_errors;
      n_warnings = prep->n_warnings;
    }
  else if (!(self->unchecked && ms_validator_get_default (NULL) == NULL)
           && !ms_store_count_issues (p, &n_errors, &n_warnings, error))
    return WRITE_FAILED;
  if (!check_code_unique (self, p, error))
    return WRITE_FAILED;
  now = now_iso8601 ();

  for (guint lang = 0; lang < MS_N_LANGS; lang++)
    titles[lang] = ms_localized_get (p->title, lang);

  if (row->num == 0)
    {
      if (!RUN (self, error,
                "INSERT INTO sheets (id, code, administration, title_ar, title_fr, title_zgh, title_en,"
                " state, head, errors, warnings, updated, updated_by)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', 1, ?8, ?9, ?10, ?11)",
                "sssssssiiss", p->id, p->code, p->administration, titles[0], titles[1], titles[2], titles[3],
                (gint64) n_errors, (gint64) n_warnings, now, actor->login))
        return WRITE_FAILED;
      row->num = sqlite3_last_insert_rowid (self->db);
      number = 1;
      if (!index_sheet (self, row->num, TRUE, p, prep, error))
        return WRITE_FAILED;
    }
  else if (!RUN (self, error,
                 "UPDATE sheets SET code = ?2, administration = ?3, title_ar = ?4, title_fr = ?5,"
                 " title_zgh = ?6, title_en = ?7, state = 'draft', head = ?8, submitted_by = NULL,"
                 " approved_by = NULL, approved_sha = NULL, errors = ?9, warnings = ?10, updated = ?11,"
                 " updated_by = ?12 WHERE num = ?1",
                 "issssssiiiss", row->num, p->code, p->administration, titles[0], titles[1], titles[2],
                 titles[3], number, (gint64) n_errors, (gint64) n_warnings, now, actor->login)
           || !index_sheet (self, row->num, FALSE, p, prep, error))
    return WRITE_FAILED;

  if (!RUN (self, error,
            "INSERT INTO revisions (sheet, number, json, sha256, author, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            "iissss", row->num, number, json, sha, actor->login, now))
    return WRITE_FAILED;

  entry.time = now;
  entry.actor = actor->login;
  entry.action = (char *) action;
  entry.sheet_id = p->id;
  entry.revision = number;
  entry.sha256 = sha;
  entry.from_state = number > 1 ? (char *) ms_state_to_nick (row->state) : NULL;
  entry.to_state = (char *) ms_state_to_nick (MS_STATE_DRAFT);
  entry.comment = (char *) comment;
  if (!audit_append (self, &entry, error))
    return WRITE_FAILED;

  row->head = number;
  row->state = MS_STATE_DRAFT;
  g_free (row->head_sha);
  row->head_sha = g_steal_pointer (&sha);
  return WRITE_STORED;
}

/* Saving {{{1 */

typedef struct {
  const char    *actor;
  MsProcedure   *procedure;
  gint64         base;
  GPtrArray     *procedures;
  GPtrArray     *items;      /* MsImportItem* */
  MsSqliteStore *self;       /* import: for plan_procedure */
} WriteJob;

static gboolean
save_in_transaction (MsSqliteStore  *self,
                     gpointer        data,
                     GError        **error)
{
  WriteJob *job = data;
  g_autoptr(MsUser) actor = NULL;
  g_auto(SheetRow) row = { 0 };

  if (!(actor = load_user (self, job->actor, error))
      || !load_row (self, job->procedure->id, &row, error))
    return FALSE;

  if (!ms_store_check_base (job->procedure->id, job->base, row.num != 0 ? row.head : 0,
                            row.head_author, row.head_created, error))
    return FALSE;
  return write_revision (self, actor, job->procedure, &row, "edit", NULL, NULL, error) != WRITE_FAILED;
}

static MsSheetInfo *
save (MsStore      *store,
      const char   *actor,
      MsProcedure  *procedure,
      gint64        base_revision,
      GError      **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  WriteJob job = { actor, procedure, base_revision, NULL, NULL, NULL };

  if (!transaction (self, TRUE, save_in_transaction, &job, error))
    return NULL;
  return load_info (self, procedure->id, error);
}

/* An import's plan (ms-import-prepare.h): @p, and the SHA-256 of its
 * stored head; no plan when the catalog cannot be read (the writer then
 * meets the error itself). */
static MsProcedure *
plan_sheet (MsSqliteStore  *self,
            MsProcedure    *p,
            gboolean        only_new,
            char          **known_sha)
{
  g_auto(SheetRow) row = { 0 };

  if (!load_row (self, p->id, &row, NULL) || (only_new && row.num != 0))
    return NULL;
  *known_sha = g_steal_pointer (&row.head_sha);
  return p;
}

static MsProcedure *
plan_procedure (guint     index,
                char    **known_sha,
                gpointer  user_data)
{
  WriteJob *job = user_data;

  return plan_sheet (job->self, g_ptr_array_index (job->procedures, index), FALSE, known_sha);
}

static gboolean
import_in_transaction (MsSqliteStore  *self,
                       gpointer        data,
                       GError        **error)
{
  WriteJob *job = data;
  g_autoptr(MsUser) actor = NULL;
  g_autoptr(MsImportPipeline) pipeline = NULL;

  gboolean ok = TRUE;

  if (!(actor = load_user (self, job->actor, error)) || !audit_batch_begin (self, error))
    return FALSE;
  job->self = self;
  pipeline = ms_import_pipeline_new (job->procedures->len, plan_procedure, job);
  for (guint i = 0; ok && i < job->procedures->len; i++)
    {
      MsProcedure *p = g_ptr_array_index (job->procedures, i);
      MsImportPrepared *prep = ms_import_pipeline_get (pipeline, i);
      g_auto(SheetRow) row = { 0 };
      MsImportItem *item;
      WriteResult result;
      gboolean existed;

      if (!(ok = load_row (self, p->id, &row, error)))
        break;
      existed = row.num != 0;
      if (!(ok = (result = write_revision (self, actor, p, &row, "import", NULL, prep, error)) != WRITE_FAILED))
        break;
      item = g_new0 (MsImportItem, 1);
      item->id = g_strdup (p->id);
      item->code = g_strdup (p->code);
      item->revision = row.head;
      item->outcome = result == WRITE_UNCHANGED ? MS_IMPORT_UNCHANGED
                      : existed ? MS_IMPORT_UPDATED : MS_IMPORT_CREATED;
      g_ptr_array_add (job->items, item);
    }
  /* One audit head read and written for the whole import, not per sheet. */
  return audit_batch_end (self, ok, error);
}

static GPtrArray *
import (MsStore     *store,
        const char  *actor,
        GPtrArray   *procedures,
        GError     **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_item_free);
  WriteJob job = { actor, NULL, 0, procedures, items, NULL };

  if (!transaction (self, FALSE, import_in_transaction, &job, error))
    return NULL;
  return g_steal_pointer (&items);
}

/* Reading {{{1 */

static MsProcedure *
load_procedure (MsSqliteStore  *self,
                const char     *id,
                gint64          revision,
                GError        **error)
{
  sqlite3_stmt *stmt;
  MsProcedure *p;
  int rc;

  stmt = query (self, error,
                "SELECT r.json FROM sheets s JOIN revisions r ON r.sheet = s.num"
                " AND r.number = CASE WHEN ?2 > 0 THEN ?2 ELSE s.head END WHERE s.id = ?1",
                "si", id, revision);
  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return NULL;
  if (rc == SQLITE_DONE)
    {
      ms_store_fail_no_revision (id, revision, error);
      return NULL;
    }
  p = ms_store_procedure_from_stored (id, (const char *) sqlite3_column_text (stmt, 0),
                                      sqlite3_column_bytes (stmt, 0), error);
  sqlite3_reset (stmt);
  return p;
}

static MsProcedure *
get_sheet (MsStore      *store,
           const char   *id,
           gint64        revision,
           MsSheetInfo **info,
           GError      **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(MsProcedure) p = NULL;

  if (!(p = load_procedure (self, id, revision, error)))
    return NULL;
  if (info != NULL && !(*info = load_info (self, id, error)))
    return NULL;
  return g_steal_pointer (&p);
}

static MsSheetInfo *
get_info (MsStore     *store,
          const char  *id,
          GError     **error)
{
  return load_info (MS_SQLITE_STORE (store), id, error);
}

/* @ids as a JSON array, for json_each(). */
static char *
ids_json (const char * const *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The filters are ?10 to ?16 of both the list and the search statements. */
static gboolean
bind_filter (MsSqliteStore        *self,
             sqlite3_stmt         *stmt,
             const MsStoreFilter  *filter,
             GError              **error)
{
  const char *texts[] = {
    filter->state >= 0 && filter->state < MS_N_STATES ? ms_state_to_nick (filter->state) : NULL,
    filter->administration,
    NULL,
    filter->audience,
    filter->theme,
  };
  int rc = SQLITE_OK;

  for (guint i = 0; i < G_N_ELEMENTS (texts) && rc == SQLITE_OK; i++)
    if (texts[i] != NULL)
      rc = sqlite3_bind_text (stmt, 10 + i, texts[i], -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK && filter->has_errors >= 0)
    rc = sqlite3_bind_int (stmt, 12, filter->has_errors > 0);
  if (rc == SQLITE_OK && filter->ids != NULL)
    {
      g_autofree char *json = ids_json (filter->ids);

      rc = sqlite3_bind_text (stmt, 15, json, -1, SQLITE_TRANSIENT);
    }
  if (rc == SQLITE_OK && filter->reviewer != NULL)
    rc = sqlite3_bind_text (stmt, 16, filter->reviewer, -1, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
list (MsStore             *store,
      const MsStoreFilter *filter,
      GError             **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  static const MsStoreFilter no_filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_sheet_info_free);
  sqlite3_stmt *stmt = query (self, error,
                              "SELECT " INFO_COLUMNS " FROM sheets s" INFO_FROM " WHERE" FILTER_WHERE
                              " ORDER BY s.code, s.id", "");

  if (stmt == NULL || !bind_filter (self, stmt, filter != NULL ? filter : &no_filter, error)
      || !collect_infos (self, stmt, infos, NULL, G_MAXUINT, error))
    return NULL;
  return g_steal_pointer (&infos);
}

/* The list's paging (issue 15 item 1) {{{1 */

/* Steps @stmt to the end, its first column's texts into @list. */
static gboolean
collect_texts (MsSqliteStore  *self,
               sqlite3_stmt   *stmt,
               GPtrArray      *list,
               GError        **error)
{
  int rc;

  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, column_dup (stmt, 0));
  return rc == SQLITE_DONE;
}

static GPtrArray *
list_ids (MsStore             *store,
          const MsStoreFilter *filter,
          GError             **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  static const MsStoreFilter no_filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = query (self, error, "SELECT s.id FROM sheets s WHERE" FILTER_WHERE
                              " ORDER BY s.code, s.id", "");

  if (stmt == NULL || !bind_filter (self, stmt, filter != NULL ? filter : &no_filter, error)
      || !collect_texts (self, stmt, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* One read transaction, so that the rows agree with each other. */
static GPtrArray *
get_infos (MsStore            *store,
           const char * const *ids,
           guint               n_ids,
           GError            **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_sheet_info_free);
  gboolean began = sqlite3_get_autocommit (self->db);
  gboolean ok = TRUE;

  if (began && !RUN (self, error, "BEGIN", ""))
    return NULL;
  for (guint i = 0; ok && i < n_ids; i++)
    {
      sqlite3_stmt *stmt = query (self, error, "SELECT " INFO_COLUMNS " FROM sheets s" INFO_FROM " WHERE s.id = ?1",
                                  "s", ids[i]);

      ok = collect_infos (self, stmt, infos, NULL, G_MAXUINT, error);
    }
  if (began)
    sqlite3_exec (self->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return ok ? g_steal_pointer (&infos) : NULL;
}

static GPtrArray *
changes_since (MsStore  *store,
               gint64    mark,
               gint64   *new_mark,
               GError  **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 now;

  if (!(stmt = query (self, error, "SELECT coalesce (max (seq), 0) FROM audit", ""))
      || step (self, stmt, error) != SQLITE_ROW)
    return NULL;
  now = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (mark >= 0 && mark < now)
    {
      if (!(stmt = query (self, error, "SELECT DISTINCT sheet_id FROM audit"
                                       " WHERE seq > ?1 AND seq <= ?2 AND sheet_id IS NOT NULL",
                          "ii", mark, now))
          || !collect_texts (self, stmt, ids, error))
        return NULL;
    }
  *new_mark = now;
  return g_steal_pointer (&ids);
}

/* The text around the match in sheet @num: core's snippet
 * (ms_search_terms_snippet) of the indexed text, read by rowid. FTS5's
 * snippet() would evaluate the whole query again for each sheet. */
static char *
search_snippet (MsSqliteStore  *self,
                MsSearchTerms  *terms,
                gint64          num,
                GError        **error)
{
  sqlite3_stmt *stmt = query (self, error, "SELECT title, code, body FROM sheet_text WHERE rowid = ?1",
                              "i", num);
  const char *texts[3];
  char *snippet;
  int rc;

  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return NULL;
  if (rc != SQLITE_ROW)
    return g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    texts[i] = (const char *) sqlite3_column_text (stmt, (int) i);
  snippet = ms_search_terms_snippet (terms, texts, G_N_ELEMENTS (texts), 14);
  sqlite3_reset (stmt);
  return snippet;
}

/* Every sheet that has all the words, best first: the sheets whose title or
 * code has them, then the others; within each, bm25 with the titles and the
 * code weighing ten times the rest. The cost is bounded: each pass ranks at
 * most SEARCH_CANDIDATES sheets (the newest), so that a word found in every
 * sheet of a large catalog answers as fast as a rare one; snippets are made
 * for the sheets returned only. */
static GPtrArray *
search (MsStore             *store,
        const char          *text,
        const MsStoreFilter *filter,
        guint                limit,
        GError             **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  static const MsStoreFilter no_filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_sheet_info_free);
  g_autoptr(GArray) nums = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *expression = NULL;
  g_autofree char *in_titles = NULL;
  g_autoptr(MsSearchTerms) terms = NULL;
  const char *passes[2];

  /* The window's entry and the command line both check it; other callers
   * are told rather than served results for a query nobody typed. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID, _("The search text is not valid UTF-8"));
      return NULL;
    }
  expression = ms_search_match_expression (text, NULL);
  if (expression == NULL)
    return g_steal_pointer (&infos);
  if (limit == 0)
    limit = 50;
  in_titles = g_strdup_printf ("{title code} : (%s)", expression);
  passes[0] = in_titles;
  passes[1] = expression;
  for (guint i = 0; i < G_N_ELEMENTS (passes) && infos->len < limit; i++)
    {
      /* The best of the candidates first, then their rows: only the
       * sheets returned are read (the first pass's may come again). */
      sqlite3_stmt *stmt = query (self, error,
                                  "SELECT " INFO_COLUMNS ", c.num FROM"
                                  " (SELECT num, score FROM"
                                  "   (SELECT s.num AS num, bm25 (sheet_text, 10.0, 10.0, 1.0) AS score"
                                  "    FROM sheet_text JOIN sheets s ON s.num = sheet_text.rowid"
                                  "    WHERE sheet_text MATCH ?1 AND" FILTER_WHERE
                                  "    ORDER BY sheet_text.rowid DESC LIMIT ?2)"
                                  "  ORDER BY score, num LIMIT ?3) c"
                                  " JOIN sheets s ON s.num = c.num" INFO_FROM
                                  " ORDER BY c.score, s.code",
                                  "sii", passes[i], (gint64) SEARCH_CANDIDATES, (gint64) (limit + infos->len));
      int rc = SQLITE_DONE;

      if (stmt == NULL || !bind_filter (self, stmt, filter != NULL ? filter : &no_filter, error))
        return NULL;
      while (infos->len < limit && (rc = step (self, stmt, error)) == SQLITE_ROW)
        {
          MsSheetInfo *info = info_from_row (stmt);
          gint64 num = sqlite3_column_int64 (stmt, 15);

          if (!g_hash_table_add (seen, g_strdup (info->id)))
            {
              ms_sheet_info_free (info);
              continue;
            }
          g_ptr_array_add (infos, info);
          g_array_append_val (nums, num);
        }
      sqlite3_reset (stmt);
      if (infos->len < limit && rc != SQLITE_DONE)
        return NULL;
    }
  terms = ms_search_terms_new (text);
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);

      if (!(info->snippet = search_snippet (self, terms, g_array_index (nums, gint64, i), error)))
        return NULL;
    }
  return g_steal_pointer (&infos);
}

/* Workflow {{{1 */

typedef struct {
  const char  *actor;
  const char  *id;
  MsAction     action;
  const char  *comment;
} TransitionJob;

static GStrv
load_editors (MsSqliteStore  *self,
              SheetRow       *row,
              GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = query (self, error,
                              "SELECT DISTINCT author FROM revisions WHERE sheet = ?1 AND number > ?2",
                              "ii", row->num, row->last_published);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_strv_builder_end (builder);
}

/* @job by @actor at @now, inside a transaction. */
static gboolean
apply_transition (MsSqliteStore        *self,
                  const MsUser         *actor,
                  const char           *now,
                  const TransitionJob  *job,
                  GError              **error)
{
  g_autoptr(MsProcedure) p = NULL;
  g_auto(SheetRow) row = { 0 };
  g_auto(GStrv) editors = NULL;
  MsAuditEntry entry = { 0 };
  guint n_errors = 0;
  gboolean needs_validation = job->action == MS_ACTION_SUBMIT || job->action == MS_ACTION_APPROVE;
  const char *submitted_by, *approved_by = NULL, *approved_sha = NULL;
  gint64 live, revision;
  MsState from, to;

  if (!load_existing_row (self, job->id, &row, error))
    return FALSE;
  /* Only an approval looks at who shaped the content (four eyes). */
  if (job->action == MS_ACTION_APPROVE && !(editors = load_editors (self, &row, error)))
    return FALSE;
  if (needs_validation
      && (!(p = load_procedure (self, job->id, row.head, error)) || !ms_store_count_issues (p, &n_errors, NULL, error)))
    return FALSE;

  /* A withdrawal is about the live revision, even with a new draft over it. */
  from = job->action == MS_ACTION_WITHDRAW && row.live > 0 ? MS_STATE_PUBLISHED : row.state;
  if (!ms_workflow_check (job->action, from, actor->login, actor->roles, (const char * const *) editors,
                          row.submitted_by, n_errors > 0, job->comment, error))
    return FALSE;

  to = ms_workflow_target (job->action, from);
  live = row.live;
  submitted_by = row.submitted_by;
  revision = row.head;
  switch (job->action)
    {
    case MS_ACTION_SUBMIT:
      submitted_by = actor->login;
      break;
    case MS_ACTION_APPROVE:
      approved_by = actor->login;
      approved_sha = row.head_sha;
      break;
    case MS_ACTION_WITHDRAW:
      revision = row.live;
      live = 0;
      if (row.head != row.live)
        to = row.state;   /* the draft over it stays a draft */
      break;
    case MS_ACTION_REQUEST_CHANGES:
      break;
    case MS_ACTION_PUBLISH:   /* by export only: publish_approved */
    case MS_ACTION_EDIT:
    case MS_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }

  if (!RUN (self, error,
            "UPDATE sheets SET state = ?2, live = NULLIF (?3, 0), submitted_by = ?4, approved_by = ?5,"
            " approved_sha = ?6, updated = ?7, updated_by = ?8 WHERE num = ?1",
            "isisssss", row.num, ms_state_to_nick (to), live, submitted_by, approved_by,
            approved_sha, now, actor->login))
    return FALSE;
  if (job->comment != NULL && *job->comment != '\0'
      && !RUN (self, error,
               "INSERT INTO comments (sheet, revision, author, created, body) VALUES (?1, ?2, ?3, ?4, ?5)",
               "iisss", row.num, revision, actor->login, now, job->comment))
    return FALSE;

  entry.time = (char *) now;
  entry.actor = actor->login;
  entry.action = (char *) ms_action_to_nick (job->action);
  entry.sheet_id = (char *) job->id;
  entry.revision = revision;
  entry.sha256 = row.head_sha;
  entry.from_state = (char *) ms_state_to_nick (from);
  entry.to_state = (char *) ms_state_to_nick (to);
  entry.comment = (char *) job->comment;
  if (revision != row.head)
    {
      sqlite3_stmt *stmt = query (self, error, "SELECT sha256 FROM revisions WHERE sheet = ?1 AND number = ?2",
                                  "ii", row.num, revision);

      if (stmt == NULL || step (self, stmt, error) != SQLITE_ROW)
        return FALSE;
      g_free (row.head_sha);
      row.head_sha = column_dup (stmt, 0);
      sqlite3_reset (stmt);
      entry.sha256 = row.head_sha;
    }
  return audit_append (self, &entry, error);
}

static gboolean
transition_in_transaction (MsSqliteStore  *self,
                           gpointer        data,
                           GError        **error)
{
  g_autoptr(MsUser) actor = NULL;
  g_autofree char *now = now_iso8601 ();
  const TransitionJob *job = data;

  return (actor = load_user (self, job->actor, error)) != NULL
         && apply_transition (self, actor, now, job, error);
}

static MsSheetInfo *
transition (MsStore     *store,
            const char  *actor,
            const char  *id,
            MsAction     action,
            const char  *comment,
            GError     **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  TransitionJob job = { actor, id, action, comment };

  if (!transaction (self, TRUE, transition_in_transaction, &job, error))
    return NULL;
  return load_info (self, id, error);
}

static GPtrArray *
revisions (MsStore     *store,
           const char  *id,
           GError     **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_revision_info_free);
  g_auto(SheetRow) row = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  if (!load_existing_row (self, id, &row, error)
      || !(stmt = query (self, error, "SELECT number, sha256, author, created FROM revisions"
                                      " WHERE sheet = ?1 ORDER BY number", "i", row.num)))
    return NULL;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    {
      MsRevisionInfo *info = g_new0 (MsRevisionInfo, 1);

      info->number = sqlite3_column_int64 (stmt, 0);
      info->sha256 = column_dup (stmt, 1);
      info->author = column_dup (stmt, 2);
      info->created = column_dup (stmt, 3);
      g_ptr_array_add (list, info);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

static GPtrArray *
audit (MsStore     *store,
       const char  *id,
       GError     **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_audit_entry_free);
  /* One sheet's entries through the index on sheet_id: "?1 IS NULL OR"
   * would read the whole log (every sheet opened in the window asks). */
  sqlite3_stmt *stmt = id != NULL
                       ? query (self, error, "SELECT " AUDIT_COLUMNS " FROM audit"
                                             " WHERE sheet_id = ?1 ORDER BY seq", "s", id)
                       : query (self, error, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY seq", "");
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, audit_entry_from_row (stmt));
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/* Export {{{1 */

/* The issuer, the chain and the sheets a bundle carries; the revisions'
 * JSON only when @with_json (the commit compares, it does not rebuild).
 * With @log, each sheet must be as the audit log says it was approved or
 * published (ms_audit_log_check_sheet). */
static gboolean
collect_export (MsSqliteStore  *self,
                gboolean        with_json,
                MsAuditLog     *log,
                MsExportSet    *set,
                GError        **error)
{
  g_autofree char *sequence = NULL;
  /* The revisions' JSON in blocks of a few megabytes, each item a slice:
   * the export lets each go once its entry is built, and a block goes
   * back to the system with its last slice (sheets one by one would leave
   * the memory to the allocator, beside the entries). */
  g_autoptr(GBytes) block = NULL;
  gsize block_used = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!(set->issuer = get_setting (self, "issuer", NULL)))
    return ms_store_fail_no_issuer (error);
  if (!(sequence = get_setting (self, "bundle_sequence", error)))
    return FALSE;
  set->sequence = g_ascii_strtoll (sequence, NULL, 10);
  set->previous = get_setting (self, "bundle_manifest_sha256", NULL);

  /* The approved revision when there is one, else the live one. */
  stmt = query (self, error,
                "SELECT s.id, r.number, r.sha256, CASE WHEN s.state = 'approved' THEN NULL ELSE p.published END,"
                " CASE WHEN ?1 THEN r.json END, s.state = 'approved'"
                " FROM sheets s JOIN revisions r ON r.sheet = s.num"
                " AND r.number = CASE WHEN s.state = 'approved' THEN s.head ELSE s.live END"
                " LEFT JOIN publications p ON p.sheet = r.sheet AND p.number = r.number"
                " WHERE s.state = 'approved' OR s.live IS NOT NULL ORDER BY s.id",
                "i", (gint64) with_json);
  if (stmt == NULL)
    return FALSE;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    {
      MsExportItem *item = g_new0 (MsExportItem, 1);

      item->id = column_dup (stmt, 0);
      item->revision = sqlite3_column_int64 (stmt, 1);
      item->sha256 = column_dup (stmt, 2);
      item->published = column_dup (stmt, 3);
      g_ptr_array_add (set->items, item);
      if (log != NULL
          && !ms_audit_log_check_sheet (log, item->id, sqlite3_column_int (stmt, 5), item->revision, item->sha256, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (with_json)
        {
          const void *json = sqlite3_column_blob (stmt, 4);
          gsize length = (gsize) sqlite3_column_bytes (stmt, 4);

          if (block == NULL || block_used + length > g_bytes_get_size (block))
            {
              g_clear_pointer (&block, g_bytes_unref);
              block = g_bytes_new_take (g_malloc (MAX (length, 4 << 20)), MAX (length, 4 << 20));
              block_used = 0;
            }
          /* The block is this function's until its slices are handed out. */
          memcpy ((char *) g_bytes_get_data (block, NULL) + block_used, json, length);
          item->json = g_bytes_new_from_bytes (block, block_used, length);
          block_used += length;
        }
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  /* Published once, live no more: withdrawn, even with a draft over it. */
  if (!(stmt = query (self, error, "SELECT id FROM sheets WHERE live IS NULL AND last_published > 0"
                                   " AND state != 'approved' ORDER BY id", "")))
    return FALSE;
  return collect_texts (self, stmt, set->withdrawn, error);
}

/* The whole audit log is checked before anything is read for the bundle:
 * a sheet goes to the portal only as the chain says it was approved. */
static gboolean
read_export_in_transaction (MsSqliteStore  *self,
                            gpointer        data,
                            GError        **error)
{
  g_autoptr(MsAuditLog) log = ms_audit_log_new ();

  return audit_replay (self, log, NULL, error)
         && collect_export (self, TRUE, log, data, error);
}

static MsExportSet *
read_export (MsStore  *store,
             GError  **error)
{
  g_autoptr(MsExportSet) set = ms_export_set_new ();

  /* One transaction: the chain and the sheets from the same moment. */
  if (!transaction (MS_SQLITE_STORE (store), FALSE, read_export_in_transaction, set, error))
    return NULL;
  return g_steal_pointer (&set);
}

static gboolean
export_sets_equal (const MsExportSet *a,
                   const MsExportSet *b)
{
  if (g_strcmp0 (a->issuer, b->issuer) != 0 || g_strcmp0 (a->previous, b->previous) != 0
      || a->items->len != b->items->len || a->withdrawn->len != b->withdrawn->len)
    return FALSE;
  for (guint i = 0; i < a->items->len; i++)
    {
      const MsExportItem *x = g_ptr_array_index (a->items, i);
      const MsExportItem *y = g_ptr_array_index (b->items, i);

      if (strcmp (x->id, y->id) != 0 || x->revision != y->revision
          || g_strcmp0 (x->sha256, y->sha256) != 0 || g_strcmp0 (x->published, y->published) != 0)
        return FALSE;
    }
  for (guint i = 0; i < a->withdrawn->len; i++)
    if (strcmp (a->withdrawn->pdata[i], b->withdrawn->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

typedef struct {
  const char           *actor;
  const MsExportSet    *set;
  const MsExportRecord *record;
} ExportJob;

/* Publishes every approved sheet at once, inside the export's transaction
 * (which has checked they are the set's): one audit entry each, then the
 * same row changes as a single publish transition makes. An approved
 * revision whose content is not the one its reviewer approved stops it. */
static gboolean
publish_approved (MsSqliteStore  *self,
                  const MsUser   *actor,
                  const char     *now,
                  const char     *published,
                  GError        **error)
{
  const char *approved = ms_state_to_nick (MS_STATE_APPROVED);
  const char *to = ms_state_to_nick (MS_STATE_PUBLISHED);
  sqlite3_stmt *stmt = query (self, error,
                              "SELECT s.id, s.head, r.sha256, s.approved_sha IS r.sha256 FROM sheets s"
                              " JOIN revisions r ON r.sheet = s.num AND r.number = s.head"
                              " WHERE s.state = ?1 ORDER BY s.id", "s", approved);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    {
      MsAuditEntry entry = {
        .time = (char *) now,
        .actor = actor->login,
        .action = (char *) ms_action_to_nick (MS_ACTION_PUBLISH),
        .sheet_id = (char *) sqlite3_column_text (stmt, 0),
        .revision = sqlite3_column_int64 (stmt, 1),
        .sha256 = (char *) sqlite3_column_text (stmt, 2),
        .from_state = (char *) approved,
        .to_state = (char *) to,
      };

      /* The database was changed behind the application's back. */
      if (!sqlite3_column_int (stmt, 3))
        g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT,
                     _("Sheet %s is not the content its reviewer approved; nothing was changed"),
                     entry.sheet_id);
      if (!sqlite3_column_int (stmt, 3) || !audit_append (self, &entry, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  return rc == SQLITE_DONE
         && RUN (self, error, "INSERT OR REPLACE INTO publications (sheet, number, published)"
                              " SELECT num, head, ?2 FROM sheets WHERE state = ?1", "ss", approved, published)
         && RUN (self, error, "UPDATE sheets SET state = ?2, live = head, last_published = head, approved_by = NULL,"
                              " approved_sha = NULL, updated = ?3, updated_by = ?4 WHERE state = ?1",
                 "ssss", approved, to, now, actor->login);
}

static gboolean
commit_export_in_transaction (MsSqliteStore  *self,
                              gpointer        data,
                              GError        **error)
{
  ExportJob *job = data;
  g_autoptr(MsUser) actor = NULL;
  g_autoptr(MsExportSet) current = ms_export_set_new ();
  g_autofree char *now = now_iso8601 ();
  g_autofree char *sequence = g_strdup_printf ("%" G_GINT64_FORMAT, job->record->sequence);
  g_autofree char *bundle_id = NULL;
  MsAuditEntry entry = { 0 };
  gboolean ok = TRUE;

  if (!(actor = load_user (self, job->actor, error))
      || !ms_workflow_check (MS_ACTION_PUBLISH, MS_STATE_APPROVED, actor->login, actor->roles,
                             NULL, NULL, FALSE, NULL, error)
      || !collect_export (self, FALSE, NULL, current, error))
    return FALSE;
  if (current->sequence != job->set->sequence)
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
                   _("Another export (sequence %d) was recorded since this one started; nothing was "
                     "changed: export again"), (int) current->sequence);
      return FALSE;
    }
  if (!export_sets_equal (current, job->set))
    {
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
                           _("Sheets were edited, approved or withdrawn while the bundle was being "
                             "written; nothing was changed: export again"));
      return FALSE;
    }

  if (!audit_batch_begin (self, error))
    return FALSE;
  ok = publish_approved (self, actor, now, job->record->published, error);

  bundle_id = g_strdup_printf ("%s-%s", current->issuer, sequence);
  entry.time = now;
  entry.actor = actor->login;
  entry.action = (char *) "export";
  entry.sha256 = (char *) job->record->manifest_sha256;
  entry.comment = bundle_id;
  ok = ok && audit_append (self, &entry, error);
  return audit_batch_end (self, ok, error)
         && put_setting (self, "bundle_sequence", sequence, error)
         && put_setting (self, "bundle_manifest_sha256", job->record->manifest_sha256, error)
         && (job->record->ready == NULL || job->record->ready (job->record->ready_data, error));
}

static gboolean
commit_export (MsStore               *store,
               const char            *actor,
               const MsExportSet     *set,
               const MsExportRecord  *record,
               GError               **error)
{
  ExportJob job = { actor, set, record };

  return transaction (MS_SQLITE_STORE (store), TRUE, commit_export_in_transaction, &job, error);
}

/* New, duplicate, delete {{{1 */

static int
code_taken (gpointer     store,
            const char  *code,
            const char  *administration,
            gboolean     any_administration,
            GError     **error)
{
  MsSqliteStore *self = store;
  sqlite3_stmt *stmt = query (self, error,
                              "SELECT 1 FROM sheets WHERE code = ?1 AND (?3 OR administration IS ?2) LIMIT 1",
                              "ssi", code, administration, (gint64) any_administration);
  int rc;

  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return -1;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* ms_store_free_code() here. Inside a transaction. */
static char *
free_code (MsSqliteStore  *self,
           const char     *base,
           const char     *administration,
           GError        **error)
{
  return ms_store_free_code (self, code_taken, base, administration, error);
}

/* Revision 1 of @p, a sheet not in the catalog yet. Inside a transaction. */
static gboolean
write_new_sheet (MsSqliteStore  *self,
                 const MsUser   *actor,
                 MsProcedure    *p,
                 const char     *comment,
                 GError        **error)
{
  g_auto(SheetRow) row = { 0 };

  if (!load_row (self, p->id, &row, error))
    return FALSE;
  if (row.num != 0)
    return ms_store_fail_sheet_exists (p->id, row.head, error);
  return write_revision (self, actor, p, &row, "edit", comment, NULL, error) != WRITE_FAILED;
}

typedef struct {
  const char  *actor;
  const char  *id;         /* duplicate, delete: the sheet */
  MsProcedure *procedure;  /* create: the new sheet; duplicate: the copy made */
} DraftJob;

static gboolean
create_draft_in_transaction (MsSqliteStore  *self,
                             gpointer        data,
                             GError        **error)
{
  DraftJob *job = data;
  g_autoptr(MsUser) actor = NULL;

  if (!(actor = load_user (self, job->actor, error)))
    return FALSE;
  if (job->procedure->code == NULL && !(job->procedure->code = free_code (self, NULL, NULL, error)))
    return FALSE;
  return write_new_sheet (self, actor, job->procedure, NULL, error);
}

static MsSheetInfo *
create_draft (MsStore      *store,
              const char   *actor,
              MsProcedure  *procedure,
              GError      **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  DraftJob job = { actor, NULL, procedure };
  gboolean had_code = procedure->code != NULL;

  if (!transaction (self, TRUE, create_draft_in_transaction, &job, error))
    {
      /* The code given was rolled back with the rest. */
      if (!had_code)
        g_clear_pointer (&procedure->code, g_free);
      return NULL;
    }
  return load_info (self, procedure->id, error);
}

static gboolean
duplicate_in_transaction (MsSqliteStore  *self,
                          gpointer        data,
                          GError        **error)
{
  DraftJob *job = data;
  g_autoptr(MsUser) actor = NULL;
  g_autoptr(MsProcedure) source = NULL;
  g_autoptr(MsProcedure) copy = NULL;
  g_auto(SheetRow) row = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *comment = NULL;

  if (!(actor = load_user (self, job->actor, error))
      || !load_existing_row (self, job->id, &row, error)
      || !(source = load_procedure (self, job->id, row.head, error))
      || !(code = free_code (self, source->code, source->administration, error)))
    return FALSE;
  copy = ms_procedure_new_copy (source, code);
  comment = ms_store_copy_comment (job->id, source, row.head);
  if (!write_new_sheet (self, actor, copy, comment, error))
    return FALSE;
  job->procedure = g_steal_pointer (&copy);
  return TRUE;
}

static MsSheetInfo *
duplicate (MsStore     *store,
           const char  *actor,
           const char  *id,
           GError     **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  DraftJob job = { actor, id, NULL };
  g_autoptr(MsProcedure) copy = NULL;

  if (!transaction (self, TRUE, duplicate_in_transaction, &job, error))
    {
      g_clear_object (&job.procedure);
      return NULL;
    }
  copy = job.procedure;
  return load_info (self, copy->id, error);
}

/* Why sheet @id (@row, @info) may not be deleted: FALSE with
 * MS_STORE_ERROR_DENIED naming the state it reached and when, from the
 * audit log. */
static gboolean
check_deletable (MsSqliteStore      *self,
                 const char         *id,
                 const SheetRow     *row,
                 const MsSheetInfo  *info,
                 GError            **error)
{
  const char *name = info->code != NULL ? info->code : id;
  g_autofree char *submitted_by = NULL;
  g_autofree char *submitted_at = NULL;
  g_autofree char *published_at = NULL;
  g_autofree char *withdrawn_at = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* Every transition of the sheet, oldest first: a deletable sheet has none. */
  stmt = query (self, error, "SELECT action, actor, time FROM audit"
                             " WHERE sheet_id = ?1 AND action NOT IN ('edit', 'import', 'delete') ORDER BY seq",
                "s", id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = step (self, stmt, error)) == SQLITE_ROW)
    {
      const char *action = (const char *) sqlite3_column_text (stmt, 0);

      if (submitted_at == NULL)
        {
          /* The first transition is a submission, unless the log was forged. */
          submitted_by = column_dup (stmt, 1);
          submitted_at = column_dup (stmt, 2);
        }
      if (published_at == NULL && g_strcmp0 (action, ms_action_to_nick (MS_ACTION_PUBLISH)) == 0)
        published_at = column_dup (stmt, 2);
      if (g_strcmp0 (action, ms_action_to_nick (MS_ACTION_WITHDRAW)) == 0)
        {
          g_free (withdrawn_at);
          withdrawn_at = column_dup (stmt, 2);
        }
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  if (row->live > 0 || row->state == MS_STATE_PUBLISHED)
    g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                 _("Sheet %s was published on %s and cannot be deleted; withdraw it instead"),
                 name, published_at != NULL ? published_at : "?");
  else if (row->last_published > 0 || row->state == MS_STATE_WITHDRAWN)
    g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                 _("Sheet %s was published, then withdrawn on %s; it stays in the catalog as the record "
                   "of a publication and cannot be deleted"),
                 name, withdrawn_at != NULL ? withdrawn_at : "?");
  else if (submitted_at != NULL)
    g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                 _("Sheet %s was submitted for review by %s on %s and is now “%s”; a sheet that went to "
                   "review stays in the catalog and cannot be deleted"),
                 name, submitted_by, submitted_at, ms_state_to_label (row->state));
  else if (row->state != MS_STATE_DRAFT)
    g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                 _("Sheet %s is “%s” and cannot be deleted; only a draft never submitted for review can be"),
                 name, ms_state_to_label (row->state));
  else
    return TRUE;
  return FALSE;
}

/* Loads what deleting sheet @job->id needs and checks it is allowed. */
static gboolean
prepare_delete (MsSqliteStore  *self,
                const DraftJob *job,
                SheetRow       *row,
                MsSheetInfo   **info,
                GError        **error)
{
  g_autoptr(MsUser) actor = NULL;

  if (!(actor = load_user (self, job->actor, error)))
    return FALSE;
  if (!(actor->roles & (MS_ROLE_EDITOR | MS_ROLE_ADMIN)))
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                   _("“%s” has neither the editor nor the admin role needed to delete a draft"), job->actor);
      return FALSE;
    }
  return load_existing_row (self, job->id, row, error)
         && (*info = load_info (self, job->id, error)) != NULL
         && check_deletable (self, job->id, row, *info, error);
}

static gboolean
delete_in_transaction (MsSqliteStore  *self,
                       gpointer        data,
                       GError        **error)
{
  DraftJob *job = data;
  g_auto(SheetRow) row = { 0 };
  g_autoptr(MsSheetInfo) info = NULL;
  g_autofree char *now = now_iso8601 ();
  MsAuditEntry entry = { 0 };

  if (!prepare_delete (self, job, &row, &info, error))
    return FALSE;
  /* Children first (foreign keys); the guard triggers check again. */
  if (!RUN (self, error, "DELETE FROM sheet_text WHERE rowid = ?1", "i", row.num)
      || !RUN (self, error, "DELETE FROM sheet_terms WHERE sheet = ?1", "i", row.num)
      || !RUN (self, error, "DELETE FROM comments WHERE sheet = ?1", "i", row.num)
      || !RUN (self, error, "DELETE FROM revisions WHERE sheet = ?1", "i", row.num)
      || !RUN (self, error, "DELETE FROM sheets WHERE num = ?1", "i", row.num))
    return FALSE;

  entry.time = now;
  entry.actor = (char *) job->actor;
  entry.action = (char *) "delete";
  entry.sheet_id = (char *) job->id;
  entry.revision = row.head;
  entry.sha256 = row.head_sha;
  entry.from_state = (char *) ms_state_to_nick (row.state);
  entry.comment = info->code;
  return audit_append (self, &entry, error);
}

static gboolean
delete_draft (MsStore     *store,
              const char  *actor,
              const char  *id,
              gboolean     dry_run,
              GError     **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  DraftJob job = { actor, id, NULL };

  if (dry_run)
    {
      g_auto(SheetRow) row = { 0 };
      g_autoptr(MsSheetInfo) info = NULL;

      return prepare_delete (self, &job, &row, &info, error);
    }
  return transaction (self, TRUE, delete_in_transaction, &job, error);
}

/* Importing portal records {{{1 */

typedef struct {
  const char            *actor;
  GPtrArray             *entries;   /* MsImportEntry* */
  const MsImportOptions *options;
  GPtrArray             *items;     /* MsImportItem* */
  MsSqliteStore         *self;      /* for plan_entry */
} EntriesJob;

/* Whether the head revision of the sheet in @row was written by an import:
 * the revision its import origin names, or — for a sheet imported before
 * origins were recorded — a revision whose audit entry is an import. */
static gboolean
edited_since_import (MsSqliteStore  *self,
                     const char     *id,
                     SheetRow       *row,
                     char          **origin_sha,
                     gint64         *origin_revision,
                     gboolean       *edited,
                     GError        **error)
{
  sqlite3_stmt *stmt = query (self, error,
                              "SELECT revision, records_sha256 FROM import_origins WHERE sheet_id = ?1", "s", id);
  int rc;

  *origin_sha = NULL;
  *origin_revision = 0;
  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      *origin_revision = sqlite3_column_int64 (stmt, 0);
      *edited = *origin_revision != row->head;
      *origin_sha = column_dup (stmt, 1);
      sqlite3_reset (stmt);
      return TRUE;
    }
  stmt = query (self, error,
                "SELECT action FROM audit WHERE sheet_id = ?1 AND revision = ?2 AND action IN ('edit', 'import')"
                " ORDER BY seq DESC LIMIT 1", "si", id, row->head);
  if (stmt == NULL || !(rc = step (self, stmt, error)))
    return FALSE;
  *edited = rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "import") != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
record_origin (MsSqliteStore       *self,
               const MsUser        *actor,
               const MsImportEntry *entry,
               gint64               revision,
               GError             **error)
{
  g_autofree char *now = now_iso8601 ();

  return RUN (self, error,
              "INSERT INTO import_origins (sheet_id, portal_id, records_sha256, revision, imported, imported_by)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sheet_id) DO UPDATE SET portal_id = ?2,"
              " records_sha256 = ?3, revision = ?4, imported = ?5, imported_by = ?6",
              "sssiss", entry->sheet->id, entry->portal_id, entry->records_sha256, revision, now, actor->login);
}

/* The incoming version of a sheet edited since its import, as a new draft:
 * the revision the last import wrote (@origin_revision, 0 when unknown)
 * with the records merged over it, their values taken — what the sheet
 * would be had nobody edited it. */
static gboolean
import_into_draft (MsSqliteStore       *self,
                   const MsUser        *actor,
                   const MsImportEntry *entry,
                   gint64               origin_revision,
                   MsImportItem        *item,
                   GError             **error)
{
  g_autoptr(MsProcedure) draft = NULL;
  g_autoptr(MsProcedure) imported = NULL;
  g_autofree char *comment = NULL;

  if ((origin_revision > 0 && !(imported = load_procedure (self, entry->sheet->id, origin_revision, error)))
      || !(draft = ms_store_incoming_draft (imported, entry, &comment, error))
      || !(draft->code = free_code (self, entry->sheet->code, entry->sheet->administration, error))
      || !write_new_sheet (self, actor, draft, comment, error))
    return FALSE;
  ms_store_import_drafted (item, draft);
  return TRUE;
}

static gboolean
import_entry (MsSqliteStore          *self,
              const MsUser           *actor,
              const MsImportOptions  *options,
              const MsImportEntry    *entry,
              const MsImportPrepared *prep,
              MsImportItem           *item,
              GError                **error)
{
  g_auto(SheetRow) row = { 0 };
  g_autoptr(MsProcedure) current = NULL;
  g_autoptr(MsProcedure) merged = NULL;
  g_autofree char *origin_sha = NULL;
  MsProcedure *p = entry->sheet;
  gint64 origin_revision = 0;
  gboolean edited = FALSE;
  WriteResult result;

  ms_store_import_item_start (item, p);
  if (!load_row (self, p->id, &row, error))
    return FALSE;
  if (entry->portal_id == NULL || row.num == 0)
    {
      gboolean existed = row.num != 0;

      if ((result = write_revision (self, actor, p, &row, "import", NULL, prep, error)) == WRITE_FAILED)
        return FALSE;
      item->revision = row.head;
      item->outcome = result == WRITE_UNCHANGED ? MS_IMPORT_UNCHANGED : existed ? MS_IMPORT_UPDATED : MS_IMPORT_CREATED;
      return entry->portal_id == NULL || record_origin (self, actor, entry, row.head, error);
    }

  if (!edited_since_import (self, p->id, &row, &origin_sha, &origin_revision, &edited, error))
    return FALSE;
  item->revision = row.head;
  if (edited)
    {
      ms_store_import_edited (item, row.head_author, row.head_created);
      return !options->into_draft || import_into_draft (self, actor, entry, origin_revision, item, error);
    }
  /* The same records as last time: nothing to merge. */
  if (g_strcmp0 (origin_sha, entry->records_sha256) == 0)
    {
      item->outcome = MS_IMPORT_UNCHANGED;
      return TRUE;
    }
  if (!(current = load_procedure (self, p->id, row.head, error))
      || !(merged = ms_store_import_merge (item, current, p, options, error)))
    return FALSE;
  if ((result = write_revision (self, actor, merged, &row, "import", NULL, NULL, error)) == WRITE_FAILED)
    return FALSE;
  item->revision = row.head;
  item->outcome = result == WRITE_UNCHANGED ? MS_IMPORT_UNCHANGED : MS_IMPORT_UPDATED;
  return record_origin (self, actor, entry, row.head, error);
}

/* What is computed ahead for an entry: a Masatir sheet replaces the stored
 * one, a portal sheet new to the catalog is written as it is; a portal
 * sheet already there is merged in the transaction (nothing ahead). */
static MsProcedure *
plan_entry (guint     index,
            char    **known_sha,
            gpointer  user_data)
{
  EntriesJob *job = user_data;
  const MsImportEntry *entry = g_ptr_array_index (job->entries, index);

  return plan_sheet (job->self, entry->sheet, entry->portal_id != NULL, known_sha);
}

static gboolean
import_entries_in_transaction (MsSqliteStore  *self,
                               gpointer        data,
                               GError        **error)
{
  EntriesJob *job = data;
  g_autoptr(MsUser) actor = NULL;
  g_autoptr(MsImportPipeline) pipeline = NULL;
  gboolean ok = TRUE;

  if (!(actor = load_user (self, job->actor, error)))
    return FALSE;
  /* One audit head read and written for the whole file, not per sheet. */
  if (!audit_batch_begin (self, error))
    return FALSE;
  pipeline = ms_import_pipeline_new (job->entries->len, plan_entry, job);
  for (guint i = 0; ok && i < job->entries->len; i++)
    {
      MsImportItem *item = g_new0 (MsImportItem, 1);
      MsImportPrepared *prep = ms_import_pipeline_get (pipeline, i);

      g_ptr_array_add (job->items, item);
      ok = import_entry (self, actor, job->options, g_ptr_array_index (job->entries, i), prep, item, error);
    }
  if (!audit_batch_end (self, ok, error))
    return FALSE;
  /* A dry run stops here: the transaction is rolled back. */
  if (job->options->dry_run)
    return ms_store_dry_run_stop (error);
  return TRUE;
}

static GPtrArray *
import_entries (MsStore               *store,
                const char            *actor,
                GPtrArray             *entries,
                const MsImportOptions *options,
                GError               **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_item_free);
  g_autoptr(GError) local_error = NULL;
  EntriesJob job = { actor, entries, options, items, self };
  gboolean ok = transaction (self, FALSE, import_entries_in_transaction, &job, &local_error);

  return ms_store_import_finish (ok, &items, entries->len, options, &local_error, error);
}

/* Users {{{1 */

typedef struct {
  const char   *actor;
  const MsUser *user;
} UserJob;

static gboolean
add_user_in_transaction (MsSqliteStore  *self,
                         gpointer        data,
                         GError        **error)
{
  UserJob *job = data;
  g_autoptr(MsUser) actor = NULL;
  g_autofree char *roles = ms_roles_to_string (job->user->roles);
  g_autofree char *now = now_iso8601 ();
  g_autofree char *comment = NULL;
  sqlite3_stmt *stmt;
  MsAuditEntry entry = { 0 };
  int rc;

  if (!(stmt = query (self, error, "SELECT count(*), sum(login = ?1) FROM users", "s", job->user->login))
      || step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  rc = sqlite3_column_int (stmt, 0) > 0 ? (sqlite3_column_int (stmt, 1) > 0 ? 2 : 1) : 0;
  sqlite3_reset (stmt);

  if (rc == 0 && !(job->user->roles & MS_ROLE_ADMIN))
    {
      /* Bootstrap: somebody must be able to add the others. A rule of the
       * catalog, refused as the workflow refuses (design.md §5: exit 1). */
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                           _("The first user of a catalog must have the admin role"));
      return FALSE;
    }
  if (rc > 0)
    {
      if (!(actor = load_user (self, job->actor, error)))
        return FALSE;
      if (!(actor->roles & MS_ROLE_ADMIN))
        {
          ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED,
                   _("Adding users: “%s” does not have the admin role"), job->actor);
          return FALSE;
        }
    }
  if (rc == 2)
    {
      ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
               _("“%s” is already a user of this catalog"), job->user->login);
      return FALSE;
    }

  if (!RUN (self, error, "INSERT INTO users (login, name, roles, created) VALUES (?1, ?2, ?3, ?4)",
            "ssis", job->user->login, job->user->name != NULL ? job->user->name : job->user->login,
            (gint64) job->user->roles, now))
    return FALSE;
  comment = g_strdup_printf ("%s: %s", job->user->login, roles);
  entry.time = now;
  entry.actor = (char *) job->actor;
  entry.action = (char *) "user-add";
  entry.comment = comment;
  return audit_append (self, &entry, error);
}

static gboolean
add_user (MsStore       *store,
          const char    *actor,
          const MsUser  *user,
          GError       **error)
{
  UserJob job = { actor, user };

  if (!ms_store_check_login (user->login, error))
    return FALSE;
  return transaction (MS_SQLITE_STORE (store), FALSE, add_user_in_transaction, &job, error);
}

typedef struct {
  const char *actor;
  const char *login;
  MsRoles     roles;
  gboolean    active;
  gboolean    roles_change;   /* else an activation change */
} UserChangeJob;

static gboolean
change_user_in_transaction (MsSqliteStore  *self,
                            gpointer        data,
                            GError        **error)
{
  UserChangeJob *job = data;
  g_autoptr(MsUser) actor = NULL;
  g_autoptr(MsUser) user = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *comment = NULL;
  MsAuditEntry entry = { 0 };
  sqlite3_stmt *stmt;
  gboolean was_admin, stays_admin;
  int other_admins;

  if (!(actor = load_user (self, job->actor, error)))
    return FALSE;
  if (!(actor->roles & MS_ROLE_ADMIN))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED,
               _("Changing users: “%s” does not have the admin role"), job->actor);
      return FALSE;
    }
  if (!(user = load_any_user (self, job->login, &local_error)))
    {
      ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND,
               _("“%s” is not a user of this catalog"), job->login);
      return FALSE;
    }

  if (job->roles_change ? user->roles == job->roles : user->inactive == !job->active)
    return TRUE;

  was_admin = !user->inactive && (user->roles & MS_ROLE_ADMIN);
  stays_admin = job->roles_change ? !user->inactive && (job->roles & MS_ROLE_ADMIN)
                                  : job->active && (user->roles & MS_ROLE_ADMIN);
  if (was_admin && !stays_admin)
    {
      if (!(stmt = query (self, error,
                          "SELECT count(*) FROM users WHERE active = 1 AND (roles & ?1) != 0 AND login != ?2",
                          "is", (gint64) MS_ROLE_ADMIN, user->login))
          || step (self, stmt, error) != SQLITE_ROW)
        return FALSE;
      other_admins = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
      if (other_admins == 0)
        {
          ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                   job->roles_change
                   ? _("“%s” is the last active admin of this catalog: give the admin role to someone else first")
                   : _("“%s” is the last active admin of this catalog and cannot be deactivated: give the admin role to someone else first"),
                   user->login);
          return FALSE;
        }
    }

  entry.time = now;
  entry.actor = (char *) job->actor;
  if (job->roles_change)
    {
      g_autofree char *roles = ms_roles_to_string (job->roles);

      if (!RUN (self, error, "UPDATE users SET roles = ?1 WHERE login = ?2", "is", (gint64) job->roles, user->login))
        return FALSE;
      comment = g_strdup_printf ("%s: %s", user->login, roles);
      entry.action = (char *) "user-roles";
    }
  else
    {
      if (!RUN (self, error, "UPDATE users SET active = ?1 WHERE login = ?2", "is", (gint64) job->active, user->login))
        return FALSE;
      comment = g_strdup (user->login);
      entry.action = (char *) (job->active ? "user-activate" : "user-deactivate");
    }
  entry.comment = comment;
  return audit_append (self, &entry, error);
}

static gboolean
set_user_roles (MsStore     *store,
                const char  *actor,
                const char  *login,
                MsRoles      roles,
                GError     **error)
{
  UserChangeJob job = { actor, login, roles, TRUE, TRUE };

  return transaction (MS_SQLITE_STORE (store), FALSE, change_user_in_transaction, &job, error);
}

static gboolean
set_user_active (MsStore     *store,
                 const char  *actor,
                 const char  *login,
                 gboolean     active,
                 GError     **error)
{
  UserChangeJob job = { actor, login, MS_ROLE_NONE, active, FALSE };

  return transaction (MS_SQLITE_STORE (store), FALSE, change_user_in_transaction, &job, error);
}

static GPtrArray *
list_users (MsStore  *store,
            GError  **error)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_user_free);
  sqlite3_stmt *stmt = query (self, error, "SELECT login FROM users ORDER BY login", "");
  g_autoptr(GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL || !collect_texts (self, stmt, logins, error))
    return NULL;
  for (guint i = 0; i < logins->len; i++)
    {
      MsUser *user = load_any_user (self, g_ptr_array_index (logins, i), error);

      if (user == NULL)
        return NULL;
      g_ptr_array_add (users, user);
    }
  return g_steal_pointer (&users);
}

static MsUser *
get_user (MsStore     *store,
          const char  *login,
          GError     **error)
{
  return load_user (MS_SQLITE_STORE (store), login, error);
}

static char *
store_get_setting (MsStore     *store,
                   const char  *key,
                   GError     **error)
{
  return get_setting (MS_SQLITE_STORE (store), key, error);
}

/* Opening {{{1 */

static gboolean
pragma_int (MsSqliteStore  *self,
            const char     *sql,
            gint64         *value,
            GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_finalize (stmt);
  set_sqlite_error (self, rc, error);
  return FALSE;
}

/* SQLite reads missing pages of a truncated file as zeroes and notices only
 * when it reaches them; the header says how big the file must be. */
static gboolean
check_size (MsSqliteStore  *self,
            GError        **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;
  gint64 pages = 0, page_size = 0;

  if (!pragma_int (self, "PRAGMA page_count", &pages, error)
      || !pragma_int (self, "PRAGMA page_size", &page_size, error))
    return FALSE;
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return TRUE;   /* pages may live in the write-ahead log */
  if (g_stat (self->path, &st) == 0 && (gint64) st.st_size < pages * page_size)
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT,
                   _("The catalog %s is damaged: the file is shorter than its header says (truncated); "
                     "nothing was changed"), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
upgrade_in_transaction (MsSqliteStore  *self,
                        gpointer        data,
                        GError        **error)
{
  gint64 version;

  /* Read again under the write lock: another process may have upgraded. */
  if (!pragma_int (self, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version == 0 && sqlite3_exec (self->db, "PRAGMA application_id = 1297306706", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, sqlite3_errcode (self->db), error);
      return FALSE;
    }
  G_STATIC_ASSERT (MS_CATALOG_APPLICATION_ID == 1297306706);
  return version >= ms_migrations_latest ()
         || ms_migrations_apply (self->db, (int) version, ms_migrations_latest (), error);
}

static gboolean
open_database (MsSqliteStore       *self,
               MsSqliteStoreFlags   flags,
               GError             **error)
{
  const char *timeout_env = g_getenv ("MASATIR_BUSY_TIMEOUT");
  gint64 app_id, version;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | (flags & MS_SQLITE_STORE_CREATE ? SQLITE_OPEN_CREATE : 0), NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  /* Before any statement: the migrations use them too. */
  if (!ms_search_index_register (self->db, error))
    return FALSE;
  sqlite3_busy_timeout (self->db, timeout_env != NULL ? atoi (timeout_env) : DEFAULT_BUSY_TIMEOUT_MS);

  /* Read before anything is written: a file we must refuse stays untouched. */
  if (!pragma_int (self, "PRAGMA application_id", &app_id, error)
      || !pragma_int (self, "PRAGMA user_version", &version, error)
      || !check_size (self, error))
    return FALSE;
  if (app_id != MS_CATALOG_APPLICATION_ID && (app_id != 0 || version != 0))
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                   _("%s is an SQLite database but not a Masatir catalog; nothing was changed"), self->path);
      return FALSE;
    }
  if (app_id == 0 && !(flags & MS_SQLITE_STORE_CREATE))
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                   _("%s is not a Masatir catalog; create one with “masatir-cli init”"), self->path);
      return FALSE;
    }
  if (version > ms_migrations_latest ())
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_TOO_NEW,
                   _("The catalog %s was written by a newer version of Masatir (schema %d, "
                     "this version knows up to %d); nothing was changed: update Masatir"),
                   self->path, (int) version, ms_migrations_latest ());
      return FALSE;
    }

  if (sqlite3_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
                              " PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, sqlite3_errcode (self->db), error);
      return FALSE;
    }
  if (version < ms_migrations_latest ()
      && !transaction (self, TRUE, upgrade_in_transaction, NULL, error))
    return FALSE;
  return TRUE;
}

/* Change notification {{{1 */

/* PRAGMA data_version changes only when another connection commits: what
 * this one writes does not wake the window that wrote it. It reads no page
 * (the WAL index or the file header's change counter), so polling it once a
 * second costs nothing noticeable. Its own statement, outside the cache of
 * the others, so that a poll never resets a statement a caller is stepping;
 * and the connection is opened in SQLite's default serialized mode, so a
 * poll on the main loop waits for a commit_export() running in a thread
 * rather than racing it. */
static gboolean
read_data_version (MsSqliteStore *self,
                   gint64        *version)
{
  int rc;

  if (self->version_stmt == NULL
      && sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &self->version_stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Cannot read data_version: %s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  rc = sqlite3_step (self->version_stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (self->version_stmt, 0);
  sqlite3_reset (self->version_stmt);
  return rc == SQLITE_ROW;
}

static gboolean
watch_cb (gpointer data)
{
  MsSqliteStore *self = data;
  gint64 version;

  if (read_data_version (self, &version) && version != self->data_version)
    {
      self->data_version = version;
      ms_store_emit_changed (MS_STORE (self));
    }
  return G_SOURCE_CONTINUE;
}

static void
watch (MsStore *store,
       guint    interval_ms)
{
  MsSqliteStore *self = MS_SQLITE_STORE (store);

  ms_store_watch_source_clear (&self->watch_source);
  if (interval_ms == 0 || !read_data_version (self, &self->data_version))
    return;

  /* Owned by the store, which outlives none of its callbacks: the source is
   * destroyed in finalize, before the connection closes. */
  self->watch_source = ms_store_watch_source_new (interval_ms, watch_cb, self);
}

/* GObject {{{1 */

static void
ms_sqlite_store_finalize (GObject *object)
{
  MsSqliteStore *self = MS_SQLITE_STORE (object);

  ms_store_watch_source_clear (&self->watch_source);
  g_clear_pointer (&self->version_stmt, sqlite3_finalize);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (ms_sqlite_store_parent_class)->finalize (object);
}

static void
ms_sqlite_store_iface_init (MsStoreInterface *iface)
{
  iface->get_setting = store_get_setting;
  iface->add_user = add_user;
  iface->list_users = list_users;
  iface->get_user = get_user;
  iface->save = save;
  iface->import = import;
  iface->get_sheet = get_sheet;
  iface->get_info = get_info;
  iface->list = list;
  iface->search = search;
  iface->transition = transition;
  iface->revisions = revisions;
  iface->audit = audit;
  iface->verify_audit = verify_audit;
  iface->read_export = read_export;
  iface->commit_export = commit_export;
  iface->create_draft = create_draft;
  iface->duplicate = duplicate;
  iface->delete_draft = delete_draft;
  iface->set_user_roles = set_user_roles;
  iface->set_user_active = set_user_active;
  iface->watch = watch;
  iface->import_entries = import_entries;
  iface->list_ids = list_ids;
  iface->get_infos = get_infos;
  iface->changes_since = changes_since;
}

static void
ms_sqlite_store_class_init (MsSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_sqlite_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ms_sqlite_store_init (MsSqliteStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/* Public API {{{1 */
/* The catalog holds unpublished drafts, users and the audit log: it is
 * created 0600 whatever the umask, before SQLite opens it (an empty file is
 * a new database). SQLite's unix VFS gives the -wal and -shm files the main
 * file's permissions (it fchmods them past the umask), so they are 0600
 * too. O_EXCL: a file that appeared meanwhile is not taken over. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  int saved_errno;

  if (fd >= 0 && fchmod (fd, 0600) == 0 && close (fd) == 0)
    return TRUE;
  saved_errno = errno;
  if (fd >= 0)
    {
      close (fd);
      g_unlink (path);
    }
  if (saved_errno == EEXIST)
    g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                 _("A file already exists at %s; nothing was changed"), path);
  else
    g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                 _("Could not create the catalog %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}


MsSqliteStore *
ms_sqlite_store_open (const char          *path,
                      MsSqliteStoreFlags   flags,
                      GError             **error)
{
  g_autoptr(MsSqliteStore) self = NULL;
  gboolean exists;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A catalog in memory, gone with the store: a folder of sheets shown
   * through the same list as a database (the window's folder mode). */
  if (strcmp (path, MS_SQLITE_STORE_MEMORY) == 0)
    {
      self = g_object_new (MS_TYPE_SQLITE_STORE, NULL);
      self->path = g_strdup (path);
      self->unchecked = (flags & MS_SQLITE_STORE_UNCHECKED) != 0;
      if (!open_database (self, MS_SQLITE_STORE_CREATE, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if ((flags & MS_SQLITE_STORE_CREATE) && exists)
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                   _("A file already exists at %s; nothing was changed"), path);
      return NULL;
    }
  if (!(flags & MS_SQLITE_STORE_CREATE) && !exists)
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND,
                   _("No catalog at %s; create one with “masatir-cli init”"), path);
      return NULL;
    }
  if (flags & MS_SQLITE_STORE_CREATE)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                       _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
      if (!create_private_file (path, error))
        return NULL;
    }

  self = g_object_new (MS_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_database (self, flags, error))
    {
      /* A catalog we just created and could not set up is not left behind. */
      if (flags & MS_SQLITE_STORE_CREATE)
        {
          g_clear_pointer (&self->statements, g_hash_table_unref);
          sqlite3_close_v2 (g_steal_pointer (&self->db));
          g_unlink (path);
        }
      return NULL;
    }
  return g_steal_pointer (&self);
}

static gboolean
set_issuer_in_transaction (MsSqliteStore  *self,
                           gpointer        data,
                           GError        **error)
{
  return put_setting (self, "issuer", data, error);
}

gboolean
ms_sqlite_store_set_issuer (MsSqliteStore  *self,
                            const char     *issuer,
                            GError        **error)
{
  g_return_val_if_fail (MS_IS_SQLITE_STORE (self), FALSE);
  g_return_val_if_fail (issuer != NULL, FALSE);

  return transaction (self, FALSE, set_issuer_in_transaction, (gpointer) issuer, error);
}

const char *
ms_sqlite_store_get_path (MsSqliteStore *self)
{
  g_return_val_if_fail (MS_IS_SQLITE_STORE (self), NULL);
  return self->path;
}

char *
ms_sqlite_store_default_path (void)
{
  const char *env = g_getenv ("MASATIR_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "masatir", "catalog.db", NULL);
}

/* vim: set foldmethod=marker: */
