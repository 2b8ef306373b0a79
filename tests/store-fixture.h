/* store-fixture.h — a fresh SQLite catalog with users, for the store tests
 *
 * Shared by the store tests, and by the UI tests that set a catalog up
 * or break one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "ms-pg-conninfo.h"
#include "ms-pg-store.h"
#include "ms-sqlite-store.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  MsStore *store;
} StoreFixture;

/* One user of the fixture's catalog; a list ends with { NULL }. */
typedef struct {
  const char *login;
  MsRoles     roles;
} StoreFixtureUser;

static inline void
store_add_user (MsStore    *store,
                const char *actor,
                const char *login,
                MsRoles     roles)
{
  g_autoptr(GError) error = NULL;
  MsUser user = { (char *) login, (char *) login, roles };

  g_assert_true (ms_store_add_user (store, actor, &user, &error));
  g_assert_no_error (error);
}

/* PostgreSQL (issue 16): with MASATIR_TEST_PG set (the conninfo of a
 * superuser of a throwaway cluster, tests/pg-cluster.py), the fixture's
 * catalog is a fresh schema on that server instead of a SQLite file. */
static inline const char *
store_fixture_pg (void)
{
  const char *conninfo = g_getenv ("MASATIR_TEST_PG");

  return conninfo != NULL && *conninfo != '\0' ? conninfo : NULL;
}

/* Runs @sql (static, or logins the test chose) on the test server as its superuser. */
static inline void
store_pg_exec (const char *sql)
{
  PGconn *conn = PQconnectdb (store_fixture_pg ());
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

/* The test cluster's client authentication: @hba as pg_hba.conf, reloaded. */
static inline void
store_pg_set_hba (const char *hba)
{
  g_autofree char *host = ms_pg_conninfo_get (store_fixture_pg (), "host");
  g_autofree char *path = g_build_filename (host, "data", "pg_hba.conf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, hba, -1, &error));
  g_assert_no_error (error);
  store_pg_exec ("SELECT pg_reload_conf ()");
  /* The postmaster rereads it on the signal; new connections see it. */
  g_usleep (300 * 1000);
}

/* A login of the test server (created once: roles are the cluster's). */
static inline void
store_pg_create_login (const char *login)
{
  g_autofree char *sql = g_strdup_printf ("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s')"
                                          " THEN CREATE ROLE \"%s\" LOGIN; END IF; END $$", login, login);

  store_pg_exec (sql);
}

/* The test server's conninfo as @login. */
static inline char *
store_pg_conninfo_as (const char *login)
{
  return g_strdup_printf ("%s user=%s", store_fixture_pg (), login);
}

/* A fresh catalog schema on the test server, the store acting as each
 * call's actor (ms_pg_store_set_impersonate): "admin" is added by the
 * superuser, who bootstraps a schema as its owner would. */
static inline MsStore *
store_fixture_open_pg (const StoreFixtureUser *users)
{
  g_autoptr(GError) error = NULL;
  MsPgStore *store;
  MsUser admin = { (char *) "admin", (char *) "admin", MS_ROLE_ADMIN | MS_ROLE_PUBLISHER };

  /* Never a database of people's: only pg-cluster.py's own. */
  if (g_strcmp0 (g_getenv ("MASATIR_TEST_PG_THROWAWAY"), "1") != 0)
    g_error ("MASATIR_TEST_PG is not a throwaway cluster of tests/pg-cluster.py: its schema is not dropped");
  store_pg_exec ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS masatir CASCADE");
  store_pg_create_login ("admin");
  for (const StoreFixtureUser *u = users; u->login != NULL; u++)
    store_pg_create_login (u->login);
  store = ms_pg_store_open (store_fixture_pg (), &error);
  g_assert_no_error (error);
  g_assert_true (ms_store_add_user (MS_STORE (store), ms_pg_store_get_login (store), &admin, &error));
  g_assert_no_error (error);
  ms_pg_store_set_impersonate (store, TRUE);
  return MS_STORE (store);
}

/* A new catalog in a new folder named after @tmpl (g_dir_make_tmp), with
 * the administrator and publisher "admin", who adds each of @users, and
 * the issuer "ma.test". */
static inline void
store_fixture_set_up (StoreFixture           *f,
                      const char             *tmpl,
                      const StoreFixtureUser *users)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  if (store_fixture_pg () != NULL)
    {
      f->store = store_fixture_open_pg (users);
      for (const StoreFixtureUser *u = users; u->login != NULL; u++)
        store_add_user (f->store, "admin", u->login, u->roles);
      g_assert_true (ms_pg_store_set_issuer (MS_PG_STORE (f->store), "admin", "ma.test", &error));
      g_assert_no_error (error);
      return;
    }
  f->path = g_build_filename (f->dir, "catalog.db", NULL);
  f->store = MS_STORE (ms_sqlite_store_open (f->path, MS_SQLITE_STORE_CREATE, &error));
  g_assert_no_error (error);
  store_add_user (f->store, "root", "admin", MS_ROLE_ADMIN | MS_ROLE_PUBLISHER);
  for (const StoreFixtureUser *u = users; u->login != NULL; u++)
    store_add_user (f->store, "admin", u->login, u->roles);
  g_assert_true (ms_sqlite_store_set_issuer (MS_SQLITE_STORE (f->store), "ma.test", &error));
  g_assert_no_error (error);
}

/* Closes the catalog and deletes its folder (a GTestFixtureFunc). */
static inline void
store_fixture_tear_down (StoreFixture  *f,
                         gconstpointer  data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The demo sheet data/demo/NAME.json. */
static inline MsProcedure *
store_demo_sheet (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", file, NULL);
  g_autoptr(GError) error = NULL;
  MsProcedure *p = ms_procedure_new_from_file (path, &error);

  g_assert_no_error (error);
  return p;
}

/* @p saved by @actor over @base (0 for a new sheet), which must succeed. */
static inline MsSheetInfo *
store_save_ok (MsStore     *store,
               const char  *actor,
               MsProcedure *p,
               gint64       base)
{
  g_autoptr(GError) error = NULL;
  MsSheetInfo *info = ms_store_save (store, actor, p, base, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

/* @action by @actor on sheet @id, which must succeed; the state it leads to. */
static inline MsState
store_act_ok (MsStore    *store,
              const char *actor,
              const char *id,
              MsAction    action,
              const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = ms_store_transition (store, actor, id, action, comment, &error);

  g_assert_no_error (error);
  return info->state;
}

/* Publishing happens by export: every approved sheet, recorded as
 * ms_store_commit_export records a bundle (the file is the CLI's). */
static inline gboolean
store_publish (MsStore     *store,
               const char  *actor,
               GError     **error)
{
  g_autoptr(MsExportSet) set = ms_store_read_export (store, error);
  g_autofree char *hash = NULL;
  MsExportRecord record = { 0 };

  if (set == NULL)
    return FALSE;
  hash = g_strnfill (64, (char) ('a' + set->sequence % 6));
  record.sequence = set->sequence + 1;
  record.manifest_sha256 = hash;
  record.published = "2025-03-01";
  return ms_store_commit_export (store, actor, set, &record, error);
}

/* The fixture's catalog opened once more, as another program would. */
static inline MsStore *
store_fixture_open_again (StoreFixture *f)
{
  g_autoptr(GError) error = NULL;
  MsStore *store;

  if (store_fixture_pg () != NULL)
    {
      store = MS_STORE (ms_pg_store_open (store_fixture_pg (), &error));
      g_assert_no_error (error);
      ms_pg_store_set_impersonate (MS_PG_STORE (store), TRUE);
      return store;
    }
  store = MS_STORE (ms_sqlite_store_open (f->path, 0, &error));
  g_assert_no_error (error);
  return store;
}

/* TRUE, with the test skipped, when the catalog is on PostgreSQL and what
 * the test checks is the SQLite file's alone (@why). */
static inline gboolean
store_fixture_sqlite_only (const char *why)
{
  if (store_fixture_pg () == NULL)
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

/* Runs @sql on the catalog at @path behind the store's back, as someone
 * with the sqlite3 shell would. On PostgreSQL (@path NULL), as a superuser
 * would: in the schema, with the triggers off (session_replication_role),
 * the SQLite guards that @sql drops ("DROP TRIGGER name;") left out. */
static inline void
store_tamper (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (path == NULL && store_fixture_pg () != NULL)
    {
      g_autoptr(GRegex) drop = g_regex_new ("DROP TRIGGER [a-z_]+;", 0, 0, NULL);
      g_autofree char *stripped = g_regex_replace_literal (drop, sql, -1, 0, "", 0, NULL);
      g_autofree char *script = g_strdup_printf ("SET session_replication_role = replica;"
                                                 " SET search_path = masatir; %s", stripped);

      store_pg_exec (script);
      return;
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}
