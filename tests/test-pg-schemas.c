/* test-pg-schemas.c — one schema per ministry (issue 16 item 9): two
 * catalogs in one database, each with its group roles, and a login of one
 * that cannot touch the other, through Masatir or with plain SQL
 *
 * Runs under tests/pg-cluster.py (MASATIR_TEST_PG).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-store-error.h"
#include "store-fixture.h"

/* The conninfo of @login (NULL: the test's superuser) for @schema. */
static char *
conninfo_for (const char *login,
              const char *schema)
{
  g_autofree char *base = login != NULL ? store_pg_conninfo_as (login) : g_strdup (store_fixture_pg ());

  return g_strdup_printf ("%s options='-c masatir.schema=%s'", base, schema);
}

/* A fresh catalog in @schema, its owner the superuser, @editor added. */
static MsPgStore *
open_fresh (const char *schema,
            const char *editor)
{
  g_autofree char *drop = g_strdup_printf ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE",
                                           schema);
  g_autofree char *conninfo = conninfo_for (NULL, schema);
  g_autoptr(GError) error = NULL;
  MsUser owner = { NULL, (char *) "owner", MS_ROLE_ADMIN };
  MsUser user = { (char *) editor, (char *) editor, MS_ROLE_EDITOR };
  MsPgStore *store;

  store_pg_exec (drop);
  store_pg_create_login (editor);
  store = ms_pg_store_open (conninfo, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ms_pg_store_get_schema (store), ==, schema);
  owner.login = (char *) ms_pg_store_get_login (store);
  g_assert_true (ms_store_add_user (MS_STORE (store), owner.login, &owner, &error));
  g_assert_no_error (error);
  g_assert_true (ms_store_add_user (MS_STORE (store), owner.login, &user, &error));
  g_assert_no_error (error);
  return store;
}

/* The SQLSTATE @sql failed with as @login, or NULL when it ran. */
static char *
sql_state (const char *login,
           const char *sql)
{
  g_autofree char *conninfo = store_pg_conninfo_as (login);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  char *state = NULL;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);
  return state;
}

/* Whether @sql, run by the test's superuser, returns a row. */
static gboolean
superuser_finds (const char *sql)
{
  PGconn *conn = PQconnectdb (store_fixture_pg ());
  PGresult *result = PQexec (conn, sql);
  gboolean found;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  found = PQntuples (result) > 0;
  PQclear (result);
  PQfinish (conn);
  return found;
}

static void
test_two_ministries (void)
{
  g_autoptr(MsPgStore) health_owner = open_fresh ("health", "hed");
  g_autoptr(MsPgStore) finance_owner = open_fresh ("finance", "fed");
  g_autofree char *hed_health = conninfo_for ("hed", "health");
  g_autofree char *hed_finance = conninfo_for ("hed", "finance");
  g_autofree char *fed_finance = conninfo_for ("fed", "finance");
  g_autoptr(MsPgStore) hed = NULL;
  g_autoptr(MsPgStore) fed = NULL;
  g_autoptr(MsPgStore) intruder = NULL;
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) saved = NULL;
  g_autoptr(GPtrArray) health_sheets = NULL;
  g_autoptr(GPtrArray) finance_sheets = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  const char * const refused[] = {
    "SELECT * FROM finance.sheets",
    "SELECT finance.save_revision ('{}', 'x', NULL, 0, 0, 'edit', NULL, '')",
    "SELECT finance.delete_draft ('x', true)",
  };

  /* Each schema's group roles, named after it. */
  g_assert_null ((state = sql_state ("hed", "SELECT 1 WHERE pg_has_role ('hed', 'health_editor', 'MEMBER')"
                                            " AND NOT pg_has_role ('hed', 'finance_editor', 'MEMBER')")));

  /* Health's functions name health's tables, roles and channel only. */
  g_assert_true (superuser_finds ("SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                                  " WHERE n.nspname = 'health' AND p.prosrc LIKE '%health_editor%'"));
  g_assert_false (superuser_finds ("SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                                   " WHERE n.nspname = 'health' AND (p.prosrc ~ 'masatir[._'']'"
                                   " OR array_to_string (p.proconfig, ',') LIKE '%masatir%')"));

  /* hed works in health: saves, lists, searches there; a listener of
   * health's channel hears of it. */
  {
    g_autofree char *conninfo = store_pg_conninfo_as ("hed");
    PGconn *listener = PQconnectdb (conninfo);
    PGnotify *notify;

    PQclear (PQexec (listener, "LISTEN health"));
    hed = ms_pg_store_open (hed_health, &error);
    g_assert_no_error (error);
    saved = ms_store_save (MS_STORE (hed), "hed", p, 0, &error);
    g_assert_no_error (error);
    PQclear (PQexec (listener, "SELECT 1"));
    g_assert_true (PQconsumeInput (listener));
    notify = PQnotifies (listener);
    g_assert_nonnull (notify);
    g_assert_cmpstr (notify->relname, ==, "health");
    PQfreemem (notify);
    PQfinish (listener);
  }
  health_sheets = ms_store_list_ids (MS_STORE (hed), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (health_sheets->len, ==, 1);
  found = ms_store_search (MS_STORE (hed), "résidence", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* finance does not see it; fed works there. */
  fed = ms_pg_store_open (fed_finance, &error);
  g_assert_no_error (error);
  finance_sheets = ms_store_list_ids (MS_STORE (fed), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (finance_sheets->len, ==, 0);

  /* hed cannot even open finance's catalog... */
  intruder = ms_pg_store_open (hed_finance, &error);
  g_assert_null (intruder);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN);
  g_clear_error (&error);
  /* ...nor read or write it with plain SQL. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *denied = sql_state ("hed", refused[i]);

      g_assert_cmpstr (denied, ==, "42501");
    }
  /* And the other way round. */
  {
    g_autofree char *denied = sql_state ("fed", "SELECT * FROM health.audit");

    g_assert_cmpstr (denied, ==, "42501");
  }
  /* Finance's log has none of health's entries. */
  {
    g_autoptr(GPtrArray) audit = ms_store_audit (MS_STORE (fed), NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < audit->len; i++)
      g_assert_cmpstr (((MsAuditEntry *) g_ptr_array_index (audit, i))->sheet_id, ==, NULL);
  }
}

/* A schema's name is checked before it is used in any statement. */
static void
test_bad_name (void)
{
  const char * const names[] = {
    "Health", "1x", "a-b", "x;drop", "health\n", "averyveryveryveryverylongnameofaministry_and_its_42_offices",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MsPgStore) store = NULL;

      /* Through the environment, which passes any byte. */
      g_setenv ("MASATIR_PG_SCHEMA", names[i], TRUE);
      store = ms_pg_store_open (store_fixture_pg (), &error);
      g_unsetenv ("MASATIR_PG_SCHEMA");
      g_assert_null (store);
      g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN);
    }
  /* And through the connection. */
  {
    g_autofree char *conninfo = g_strdup_printf ("%s options='-c masatir.schema=Health'", store_fixture_pg ());
    g_autoptr(GError) error = NULL;
    g_autoptr(MsPgStore) store = ms_pg_store_open (conninfo, &error);

    g_assert_null (store);
    g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN);
  }
}

/* $MASATIR_PG_SCHEMA when the connection names none. */
static void
test_environment (void)
{
  g_autoptr(MsPgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("MASATIR_PG_SCHEMA", "health", TRUE);
  store = ms_pg_store_open (store_fixture_pg (), &error);
  g_unsetenv ("MASATIR_PG_SCHEMA");
  g_assert_no_error (error);
  g_assert_cmpstr (ms_pg_store_get_schema (store), ==, "health");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (store_fixture_pg () == NULL)
    {
      g_printerr ("PostgreSQL tests NOT RUN: MASATIR_TEST_PG is not set (run under tests/pg-cluster.py)\n");
      return 77;
    }
  if (g_strcmp0 (g_getenv ("MASATIR_TEST_PG_THROWAWAY"), "1") != 0)
    g_error ("MASATIR_TEST_PG is not a throwaway cluster of tests/pg-cluster.py: its schemas are not dropped");
  g_test_add_func ("/pg/schemas/two-ministries", test_two_ministries);
  g_test_add_func ("/pg/schemas/bad-name", test_bad_name);
  g_test_add_func ("/pg/schemas/environment", test_environment);
  return g_test_run ();
}
