/* ms-store-migrate.c — a SQLite catalog copied to a PostgreSQL server
 *
 * The rows are copied as they are, not replayed through the write
 * functions: replaying would give every audit entry a new time and hash,
 * and the chain is what proves the catalog's history. The server's schema
 * owner may write its tables (logins may not), so the copy connects as it;
 * the audit log's trigger refuses only updates and deletes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

#include "ms-pg-store.h"
#include "ms-sqlite-store.h"
#include "ms-store-error.h"
#include "ms-store-migrate.h"

/* The tables, parents first, and the columns both schemas share. */
static const struct {
  const char *table;
  const char *columns;
  const char *order;
} tables[] = {
  { "settings", "key, value", "key" },
  { "users", "login, name, roles, created, active", "login" },
  { "sheets", "num, id, code, administration, title_ar, title_fr, title_zgh, title_en, state, head, live, "
              "last_published, submitted_by, approved_by, approved_sha, errors, warnings, updated, updated_by", "num" },
  { "revisions", "sheet, number, sha256, author, created, json", "sheet, number" },
  { "publications", "sheet, number, published", "sheet, number" },
  { "sheet_terms", "sheet, kind, code", "sheet, kind, code" },
  { "comments", "id, sheet, revision, author, created, body", "id" },
  { "audit", "seq, time, actor, action, sheet_id, revision, sha256, from_state, to_state, comment, prev, hash", "seq" },
  { "import_origins", "sheet_id, portal_id, records_sha256, revision, imported, imported_by", "sheet_id" },
};

void
ms_migrate_report_clear (MsMigrateReport *report)
{
  g_clear_pointer (&report->head, g_free);
}

static gboolean
pg_failed (PGconn      *conn,
           PGresult    *result,
           GError     **error)
{
  g_autofree char *message = g_strchomp (g_strdup (result != NULL ? PQresultErrorMessage (result)
                                                                  : PQerrorMessage (conn)));

  g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED, _("Copying to the server failed: %s"), message);
  PQclear (result);
  return FALSE;
}

static gboolean
pg_exec (PGconn      *conn,
         const char  *sql,
         GError     **error)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    return pg_failed (conn, result, error);
  PQclear (result);
  return TRUE;
}

static gboolean
sqlite_failed (sqlite3  *db,
               GError  **error)
{
  g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED, _("Reading the SQLite catalog failed: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

/* Every row of one table, each value as text (NULL as NULL). */
static gboolean
copy_table (sqlite3     *db,
            PGconn      *conn,
            guint        t,
            gint64      *n_rows,
            GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", tables[t].columns, tables[t].table,
                                             tables[t].order);
  g_auto(GStrv) columns = g_strsplit (tables[t].columns, ",", -1);
  guint n = g_strv_length (columns);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autofree char *name = g_strdup_printf ("copy_%s", tables[t].table);
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  int rc;

  g_string_printf (insert, "INSERT INTO masatir.%s (%s) VALUES (", tables[t].table, tables[t].columns);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (insert, "%s$%u", i > 0 ? ", " : "", i + 1);
  g_string_append_c (insert, ')');
  /* Settings exist on both sides (the bundle sequence at least). */
  if (strcmp (tables[t].table, "settings") == 0)
    g_string_append (insert, " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  result = PQprepare (conn, name, insert->str, (int) n, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return pg_failed (conn, result, error);
  PQclear (result);

  if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_failed (db, error);
  *n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *values[32];

      g_assert (n <= G_N_ELEMENTS (values));
      for (guint i = 0; i < n; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, (int) i);
      result = PQexecPrepared (conn, name, (int) n, values, NULL, NULL, 0);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          sqlite3_finalize (stmt);
          return pg_failed (conn, result, error);
        }
      PQclear (result);
      (*n_rows)++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, error);
  return TRUE;
}

/* One number of the SQLite catalog, or -1. */
static gint64
sqlite_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
sqlite_text (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW
      && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The copy itself, in the transaction the caller opened on @conn. */
static gboolean
copy_catalog (sqlite3          *db,
              PGconn           *conn,
              MsMigrateReport  *report,
              GError          **error)
{
  static const char head_sql[] = "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1";
  g_autofree char *head = NULL;
  g_autofree char *update_head = NULL;
  PGresult *result;
  gint64 n_rows;

  /* Nobody writes meanwhile; the target must hold nothing of its own. */
  if (!pg_exec (conn, "LOCK TABLE masatir.users, masatir.sheets, masatir.audit, masatir.audit_head "
                      "IN EXCLUSIVE MODE", error))
    return FALSE;
  result = PQexec (conn, "SELECT (SELECT count (*) FROM masatir.users) + (SELECT count (*) FROM masatir.sheets)"
                         " + (SELECT count (*) FROM masatir.audit) + (SELECT seq FROM masatir.audit_head)");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return pg_failed (conn, result, error);
  if (g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) != 0)
    {
      PQclear (result);
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
                           _("The catalog on the server is not empty: migrate copies into a new catalog only"));
      return FALSE;
    }
  PQclear (result);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      if (!copy_table (db, conn, t, &n_rows, error))
        return FALSE;
      if (strcmp (tables[t].table, "users") == 0)
        report->n_users = n_rows;
      else if (strcmp (tables[t].table, "sheets") == 0)
        report->n_sheets = n_rows;
      else if (strcmp (tables[t].table, "revisions") == 0)
        report->n_revisions = n_rows;
      else if (strcmp (tables[t].table, "audit") == 0)
        report->n_entries = n_rows;
    }

  /* Each login that exists gets its catalog roles as PostgreSQL roles,
   * as users add grants them, when the owner may grant (CREATEROLE);
   * else the DBA grants them (README). */
  if (!pg_exec (conn, "SELECT masatir.sync_grants (login, roles) FROM masatir.users ORDER BY login", error))
    return FALSE;

  /* The chain continues from the copied head; the serial columns from the
   * copied rows. */
  head = sqlite_text (db, head_sql);
  if (head != NULL)
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              sqlite_int (db, "SELECT max (seq) FROM audit"));
      const char *values[] = { seq, head };

      result = PQexecParams (conn, "UPDATE masatir.audit_head SET seq = $1::bigint, hash = $2",
                             2, NULL, values, NULL, NULL, 0);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        return pg_failed (conn, result, error);
      PQclear (result);
    }
  if (!pg_exec (conn, "SELECT setval (pg_get_serial_sequence ('masatir.sheets', 'num'),"
                      " coalesce ((SELECT max (num) FROM masatir.sheets), 0) + 1, false),"
                      " setval (pg_get_serial_sequence ('masatir.comments', 'id'),"
                      " coalesce ((SELECT max (id) FROM masatir.comments), 0) + 1, false)", error))
    return FALSE;
  report->head = g_steal_pointer (&head);
  return TRUE;
}

gboolean
ms_store_migrate (const char       *sqlite_path,
                  const char       *conninfo,
                  MsMigrateReport  *report,
                  GError          **error)
{
  g_autoptr(MsSqliteStore) source = NULL;
  g_autoptr(MsPgStore) target = NULL;
  g_autofree char *target_head = NULL;
  sqlite3 *db = NULL;
  PGconn *conn = NULL;
  PGresult *result;
  gboolean ok = FALSE;
  gint64 n_entries = 0;

  g_return_val_if_fail (sqlite_path != NULL && conninfo != NULL && report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  memset (report, 0, sizeof *report);

  /* The source up to date and whole: a broken chain is not carried over. */
  if (!(source = ms_sqlite_store_open (sqlite_path, MS_SQLITE_STORE_OPEN_EXISTING, error))
      || !ms_store_verify_audit (MS_STORE (source), NULL, error))
    return FALSE;
  /* The target's schema made or brought up to date, as its owner. */
  if (!(target = ms_pg_store_open (conninfo, error)))
    return FALSE;

  if (sqlite3_open_v2 (sqlite_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN, _("Could not open %s: %s"), sqlite_path,
                   db != NULL ? sqlite3_errmsg (db) : "");
      goto out;
    }
  sqlite3_busy_timeout (db, 5000);
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      pg_failed (conn, NULL, error);
      goto out;
    }
  if (PQsetClientEncoding (conn, "UTF8") != 0)
    {
      pg_failed (conn, NULL, error);
      goto out;
    }
  /* One snapshot of the source, one transaction on the target. */
  if (sqlite3_exec (db, "BEGIN; SELECT count (*) FROM audit", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite_failed (db, error);
      goto out;
    }
  if (!pg_exec (conn, "BEGIN", error))
    goto out;
  if (!copy_catalog (db, conn, report, error) || !pg_exec (conn, "COMMIT", error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      goto out;
    }

  /* The copy proves itself: the chain verifies on the server and ends
   * where the source's does. */
  if (!ms_store_verify_audit (MS_STORE (target), &n_entries, error))
    goto out;
  result = PQexec (conn, "SELECT hash FROM masatir.audit_head");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      pg_failed (conn, result, error);
      goto out;
    }
  target_head = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  if (n_entries != report->n_entries
      || (report->head != NULL && strcmp (target_head, report->head) != 0))
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT,
                   _("The copy’s audit log differs from the source’s: %d entries ending in %s, not %d ending in %s"),
                   (int) n_entries, target_head, (int) report->n_entries, report->head != NULL ? report->head : "-");
      goto out;
    }
  ok = TRUE;

out:
  if (conn != NULL)
    PQfinish (conn);
  sqlite3_close (db);
  return ok;
}
