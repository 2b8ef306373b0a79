/* test-cli-pg.c — masatir-cli on a PostgreSQL catalog (issue 16 items 1, 2, 7)
 *
 * Under tests/pg-cluster.py (MASATIR_TEST_PG: a superuser of a throwaway
 * cluster, trust on its socket): the CLI connects as each person's own
 * login; --as and MASATIR_USER are refused; init and users add on a server;
 * the four-eyes rule from the command line; migrate from a SQLite catalog
 * with some workflow history, compared row by row, and the workflow going
 * on on the copy; a target that is not empty refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <libpq-fe.h>
#include <poll.h>
#include <pty.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-run.h"
#include "ms-pg-conninfo.h"
#include "ms-store-error.h"
#include "store-fixture.h"

#define RESIDENCE "06aab24e-ee88-477f-8c33-311768fbe275"
#define BIRTH     "6b62b675-47f2-4794-98cc-51a3c8a17bbf"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("masatir-cli-pg-XXXXXX", &error);
  g_assert_no_error (error);
  /* A fresh catalog each time, on pg-cluster.py's throwaway cluster only;
   * the logins are the cluster's and stay. */
  if (g_strcmp0 (g_getenv ("MASATIR_TEST_PG_THROWAWAY"), "1") != 0)
    g_error ("MASATIR_TEST_PG is not a throwaway cluster of tests/pg-cluster.py: its schema is not dropped");
  store_pg_exec ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS masatir CASCADE");
  store_pg_create_login ("karim");
  store_pg_create_login ("amina");
  store_pg_create_login ("youssef");
  cli_env_set (f->dir, "unused.db", "unused");
  g_unsetenv ("MASATIR_USER");
  g_unsetenv ("MASATIR_DB");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
}

/* masatir-cli --db DB ARGS… */
static void
cli_db (Run        *run,
        const char *db,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db);
  va_start (ap, first);
  cli_args_add_valist (args, first, ap);
  va_end (ap);
  run_cli_args (run, args);
}

/* The catalog on the server as @login, in both of libpq's forms: a
 * key=value string, or a postgresql:// URI (the socket folder as host). */
static char *
server_as (const char *login,
           gboolean    uri)
{
  g_autofree char *conninfo = store_pg_conninfo_as (login);
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  const char *host = NULL, *dbname = NULL;
  g_autofree char *escaped = NULL;
  char *text;

  if (!uri)
    {
      PQconninfoFree (options);
      return g_steal_pointer (&conninfo);
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, "host") == 0)
      host = o->val;
    else if (strcmp (o->keyword, "dbname") == 0)
      dbname = o->val;
  escaped = g_uri_escape_string (host, NULL, FALSE);
  text = g_strdup_printf ("postgresql://%s@/%s?host=%s", login, dbname, escaped);
  PQconninfoFree (options);
  return text;
}

/* One number on the server, as its superuser. */
static gint64
pg_count (const char *sql)
{
  PGconn *conn = PQconnectdb (store_fixture_pg ());
  PGresult *result = PQexec (conn, sql);
  gint64 n;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return n;
}

/* A catalog on the server by the CLI alone: the schema's owner (the
 * test's superuser, as a DBA would) makes it and its first admin, karim
 * (admin, publisher), who sets the issuer and adds amina (editor) and
 * youssef (reviewer) with his own login. */
static void
server_catalog_set_up (void)
{
  g_autofree char *karim = server_as ("karim", TRUE);
  g_auto(Run) run = { 0 };

  cli_db (&run, store_fixture_pg (), "init", NULL);
  cli_expect (&run, 0, "masatir_test@");
  cli_db (&run, store_fixture_pg (), "users", "add", "karim", "--name", "Karim", "--roles", "publisher,admin", NULL);
  cli_expect (&run, 0, NULL);
  /* Not the owner: karim's init finds the schema made and sets the issuer. */
  cli_db (&run, karim, "init", "--issuer", "ma-test", NULL);
  cli_expect (&run, 0, "karim@");
  cli_db (&run, karim, "users", "add", "amina", "--name", "Amina", "--roles", "editor", NULL);
  cli_expect (&run, 0, NULL);
  cli_db (&run, karim, "users", "add", "youssef", "--name", "Youssef", "--roles", "reviewer", NULL);
  cli_expect (&run, 0, NULL);
}

static void
test_identity (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *karim = server_as ("karim", FALSE);
  g_autofree char *amina = server_as ("amina", TRUE);
  g_autofree char *youssef = server_as ("youssef", FALSE);
  g_autofree char *residence = cli_demo_path ("residence-certificate");
  g_auto(Run) run = { 0 };

  server_catalog_set_up ();
  cli_db (&run, karim, "users", "list", NULL);
  cli_expect (&run, 0, "youssef");
  /* The grants users add made: amina reads as an editor. */
  g_assert_cmpint (pg_count ("SELECT count (*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
                             " JOIN pg_roles u ON u.oid = m.member"
                             " WHERE u.rolname = 'amina' AND r.rolname = 'masatir_editor'"), ==, 1);

  /* Nobody is named instead of the login: --as and MASATIR_USER, exit 2. */
  run_cli (&run, "--db", amina, "--as", "youssef", "list", NULL);
  cli_expect (&run, 2, "--as is refused");
  g_assert_null (strchr (g_strchomp (run.err), '\n'));
  g_setenv ("MASATIR_USER", "youssef", TRUE);
  cli_db (&run, amina, "list", NULL);
  cli_expect (&run, 2, "MASATIR_USER is refused");
  g_unsetenv ("MASATIR_USER");
  /* MASATIR_DB names the server as --db does. */
  g_setenv ("MASATIR_DB", amina, TRUE);
  run_cli (&run, "import", residence, NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  g_unsetenv ("MASATIR_DB");

  /* Four eyes, from the command line: amina cannot approve her own work
   * (she is no reviewer either), youssef can. */
  cli_db (&run, amina, "approve", RESIDENCE, NULL);
  cli_expect (&run, 1, NULL);
  cli_db (&run, youssef, "approve", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli_db (&run, youssef, "history", RESIDENCE, NULL);
  cli_expect (&run, 0, "youssef");
  /* A reviewer adds nobody. */
  cli_db (&run, youssef, "users", "add", "nadia", "--roles", "editor", NULL);
  cli_expect (&run, 1, NULL);
  cli_db (&run, karim, "audit", "verify", NULL);
  cli_expect (&run, 0, "intact");
}

/* Every row of the audit log (seq order), or every revision (sheet id,
 * number), as lines, from either side. */
#define AUDIT_SQL "SELECT seq, time, actor, action, coalesce (sheet_id, '-'), revision, coalesce (sha256, '-')," \
                  " coalesce (from_state, '-'), coalesce (to_state, '-'), coalesce (comment, '-'), prev, hash"
#define REVISIONS_SQL "SELECT s.id, r.number, r.sha256, r.author, r.created, r.json"

static char *
sqlite_rows (const char *path,
             const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
pg_rows (const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  PGconn *conn = PQconnectdb (store_fixture_pg ());
  PGresult *result;

  PQsetClientEncoding (conn, "UTF8");
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (result); r++)
    {
      for (int c = 0; c < PQnfields (result); c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", PQgetvalue (result, r, c));
      g_string_append_c (out, '\n');
    }
  PQclear (result);
  PQfinish (conn);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The demo catalog on SQLite with some history: every demo sheet imported,
 * one edited, submitted, approved and published, one sent back with a
 * comment, one deactivated user. */
static char *
sqlite_catalog_with_history (Fixture  *f,
                             char    **kid_out)
{
  g_autofree char *db = g_build_filename (f->dir, "catalog.db", NULL);
  g_autofree char *demo = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autofree char *residence = cli_demo_path ("residence-certificate");
  g_autofree char *edited = g_build_filename (f->dir, "residence.json", NULL);
  g_autofree char *bundle = g_build_filename (f->dir, "first.bundle", NULL);
  g_autofree char *text = NULL;
  g_autofree char *kid = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GDir) dir = g_dir_open (demo, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) run = { 0 };
  g_autofree char *server = g_strdup (store_fixture_pg ());
  const char *name;

  /* The SQLite half of cli-run.h: the server hidden meanwhile. */
  g_unsetenv ("MASATIR_TEST_PG");
  cli_catalog_set_up (f->dir, db, "ma-test");
  /* cli_env_set names the acting user: the SQLite half runs with it. */
  g_setenv ("MASATIR_USER", "amina", TRUE);
  g_ptr_array_add (args, (gpointer) "import");
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (demo, name, NULL));
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (args, files->pdata[i]);
  run_cli_args (&run, args);
  cli_expect (&run, 0, NULL);

  g_assert_true (g_file_get_contents (residence, &text, NULL, NULL));
  {
    g_autoptr(GString) changed = g_string_new (text);

    g_string_replace (changed, "Certificat de résidence", "Certificat de résidence (révisé)", 1);
    g_assert_true (g_file_set_contents (edited, changed->str, -1, NULL));
  }
  run_cli (&run, "save", edited, "--base", "1", NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "submit", BIRTH, NULL);
  cli_expect (&run, 0, NULL);
  g_setenv ("MASATIR_USER", "youssef", TRUE);
  run_cli (&run, "approve", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "request-changes", BIRTH, "--comment", "Pièces à préciser / يرجى التدقيق", NULL);
  cli_expect (&run, 0, NULL);
  g_setenv ("MASATIR_USER", "karim", TRUE);
  run_cli (&run, "keys", "generate", NULL);
  cli_expect (&run, 0, NULL);
  kid = g_strdup (g_strstrip (run.out));
  run_cli (&run, "export", "--key", kid, "--out", bundle, NULL);
  cli_expect (&run, 0, "1 entry");
  run_cli (&run, "users", "add", "nadia", "--name", "Nadia", "--roles", "editor", NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "users", "deactivate", "nadia", NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "audit", "verify", NULL);
  cli_expect (&run, 0, NULL);
  g_unsetenv ("MASATIR_USER");
  g_unsetenv ("MASATIR_DB");
  g_setenv ("MASATIR_TEST_PG", server, TRUE);
  if (kid_out != NULL)
    *kid_out = g_steal_pointer (&kid);
  return g_steal_pointer (&db);
}

static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *kid = NULL;
  g_autofree char *db = sqlite_catalog_with_history (f, &kid);
  g_autofree char *owner = g_strdup (store_fixture_pg ());
  g_autofree char *amina = server_as ("amina", FALSE);
  g_autofree char *youssef = server_as ("youssef", TRUE);
  g_autofree char *karim = server_as ("karim", FALSE);
  g_autofree char *birth = cli_demo_path ("birth-certificate-extract");
  g_autofree char *bundle = g_build_filename (f->dir, "second.bundle", NULL);
  g_autofree char *source_audit = NULL, *target_audit = NULL;
  g_autofree char *source_revisions = NULL, *target_revisions = NULL;
  g_autofree char *source_head = NULL;
  g_autofree char *nadia = server_as ("nadia", FALSE);
  g_auto(Run) run = { 0 };

  store_pg_create_login ("nadia");

  /* Usage: both ends, each of its kind. */
  run_cli (&run, "migrate", "--from", db, NULL);
  cli_expect (&run, 2, NULL);
  run_cli (&run, "migrate", "--from", owner, "--to", db, NULL);
  cli_expect (&run, 2, NULL);

  /* The schema's owner (the test's superuser) loads it. */
  run_cli (&run, "migrate", "--from", db, "--to", owner, NULL);
  cli_expect (&run, 0, "Audit log intact");
  source_head = sqlite_rows (db, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (run.out, g_strchomp (source_head)));

  /* Row by row, byte for byte: the audit log and every revision. */
  source_audit = sqlite_rows (db, AUDIT_SQL " FROM audit ORDER BY seq");
  target_audit = pg_rows (AUDIT_SQL " FROM masatir.audit ORDER BY seq");
  g_assert_cmpstr (source_audit, ==, target_audit);
  source_revisions = sqlite_rows (db, REVISIONS_SQL " FROM revisions r JOIN sheets s ON s.num = r.sheet"
                                      " ORDER BY s.id, r.number");
  target_revisions = pg_rows (REVISIONS_SQL " FROM masatir.revisions r JOIN masatir.sheets s ON s.num = r.sheet"
                                            " ORDER BY s.id, r.number");
  g_assert_cmpstr (source_revisions, ==, target_revisions);
  g_assert_cmpint (pg_count ("SELECT count (*) FROM masatir.publications"), ==, 1);
  g_assert_cmpint (pg_count ("SELECT count (*) FROM masatir.users WHERE active = 0"), ==, 1);
  g_assert_cmpint (pg_count ("SELECT (value = 'ma-test')::int FROM masatir.settings WHERE key = 'issuer'"), ==, 1);
  g_assert_cmpint (pg_count ("SELECT value::int FROM masatir.settings WHERE key = 'bundle_sequence'"), ==, 1);

  /* Every login, its own identity on the copy: audit verify passes for
   * each, and the workflow goes on — a new sheet's numbers follow the
   * copied ones. */
  cli_db (&run, youssef, "audit", "verify", NULL);
  cli_expect (&run, 0, "intact");
  cli_db (&run, amina, "import", birth, NULL);
  cli_expect (&run, 0, NULL);
  cli_db (&run, amina, "submit", BIRTH, NULL);
  cli_expect (&run, 0, NULL);
  cli_db (&run, amina, "new", "--code", "MIG-0001", "--title-fr", "Après la migration", NULL);
  cli_expect (&run, 0, NULL);
  cli_db (&run, youssef, "approve", BIRTH, NULL);
  cli_expect (&run, 0, NULL);
  /* Nadia was deactivated before the copy and stays so. */
  cli_db (&run, nadia, "new", "--code", "MIG-0002", NULL);
  cli_expect (&run, 1, "deactivated");
  /* Publishing on the copy with the same key: the bundle chain continues (sequence 2). */
  cli_db (&run, karim, "export", "--key", kid, "--out", bundle, NULL);
  cli_expect (&run, 0, "2 entries");
  g_assert_cmpint (pg_count ("SELECT value::int FROM masatir.settings WHERE key = 'bundle_sequence'"), ==, 2);
  cli_db (&run, karim, "audit", "verify", NULL);
  cli_expect (&run, 0, "intact");

  /* Again, into what is no longer empty: refused, nothing changed. */
  {
    gint64 before = pg_count ("SELECT count (*) FROM masatir.audit");

    run_cli (&run, "migrate", "--from", db, "--to", owner, NULL);
    cli_expect (&run, 1, "not empty");
    g_assert_cmpint (pg_count ("SELECT count (*) FROM masatir.audit"), ==, before);
  }
}

/* A login that may not write the tables cannot load a catalog. */
static void
test_migrate_needs_owner (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *db = sqlite_catalog_with_history (f, NULL);
  g_autofree char *karim = server_as ("karim", FALSE);
  g_auto(Run) run = { 0 };

  /* No schema, and karim may not make one. */
  run_cli (&run, "migrate", "--from", db, "--to", karim, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpint (pg_count ("SELECT count (*) FROM pg_namespace WHERE nspname = 'masatir'"), ==, 0);
  /* The schema made by its owner, empty: karim still may not write its tables. */
  run_cli (&run, "--db", store_fixture_pg (), "init", NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "migrate", "--from", db, "--to", karim, NULL);
  cli_expect (&run, 2, "permission denied");
  g_assert_cmpint (pg_count ("SELECT count (*) FROM masatir.audit"), ==, 0);
  g_assert_cmpint (pg_count ("SELECT count (*) FROM masatir.users"), ==, 0);
}

/* masatir-cli @argv… with stdin empty and not a terminal. */
static void
run_cli_no_tty (Run         *run,
                const char **argv)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) g_getenv ("MASATIR_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  run_clear (run);
  proc = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDIN_PIPE
                            | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
}

/* Reads @fd into @out until @text shows or it ends (10 s at most). */
static gboolean
pty_read_until (int         fd,
                GString    *out,
                const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (text == NULL || strstr (out->str, text) == NULL)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      char buffer[512];
      ssize_t n;

      if (g_get_monotonic_time () > deadline || poll (&p, 1, 200) < 0)
        return FALSE;
      if (!(p.revents & (POLLIN | POLLHUP)))
        continue;
      if ((n = read (fd, buffer, sizeof buffer)) <= 0)
        return text == NULL;
      g_string_append_len (out, buffer, n);
    }
  return TRUE;
}

/* masatir-cli on a terminal (a pty) as karim: the prompt, @typed, what
 * it printed in @out; its exit status. */
static int
run_cli_on_tty (const char *conninfo,
                const char *typed,
                GString    *out)
{
  int fd, status = 0;
  pid_t pid = forkpty (&fd, NULL, NULL, NULL);

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      execl (g_getenv ("MASATIR_CLI"), "masatir-cli", "--db", conninfo, "users", "list", (char *) NULL);
      _exit (127);
    }
  g_assert_true (pty_read_until (fd, out, "Password for karim@"));
  g_assert_cmpint (write (fd, typed, strlen (typed)), ==, (ssize_t) strlen (typed));
  g_assert_cmpint (write (fd, "\n", 1), ==, 1);
  pty_read_until (fd, out, NULL);
  close (fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (!WIFEXITED (status))
    g_error ("masatir-cli on a terminal: signal %d; it said: %s", WIFSIGNALED (status) ? WTERMSIG (status) : -1,
             out->str);
  return WEXITSTATUS (status);
}

/* The password from libpq's PGPASSWORD, or typed at a prompt that does not
 * echo it, only when the server asks and there is a terminal; never shown
 * back, not even when refused. */
static void
test_password (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *karim = server_as ("karim", FALSE);
  const char *list[] = { "--db", karim, "users", "list", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(Run) run = { 0 };

  server_catalog_set_up ();
  store_pg_exec ("ALTER ROLE karim PASSWORD 'k-secret'");
  store_pg_set_hba ("local all karim scram-sha-256\nlocal all all trust\n");

  /* No terminal to ask at: refused, in one line, exit 2. */
  run_cli_no_tty (&run, list);
  cli_expect (&run, 2, "no password supplied");
  g_assert_null (strchr (g_strchomp (run.err), '\n'));

  g_setenv ("PGPASSWORD", "k-secret", TRUE);
  run_cli_no_tty (&run, list);
  g_unsetenv ("PGPASSWORD");
  cli_expect (&run, 0, "youssef");

  g_assert_cmpint (run_cli_on_tty (karim, "k-secret", out), ==, 0);
  g_test_message ("%s", out->str);
  g_assert_nonnull (strstr (out->str, "youssef"));
  g_assert_null (strstr (out->str, "k-secret"));

  g_string_truncate (out, 0);
  g_assert_cmpint (run_cli_on_tty (karim, "not-it", out), ==, 2);
  g_assert_nonnull (strstr (out->str, "password authentication failed"));
  g_assert_null (strstr (out->str, "not-it"));

  store_pg_set_hba ("local all all trust\n");
}

/* The connection strings a client builds: never a password in a
 * description; a password added to either form, quoted as libpq reads it. */
static void
test_conninfo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *described = ms_pg_conninfo_describe ("postgresql://amina:secret@db.example.ma:5433/catalog");
  g_autofree char *with = ms_pg_conninfo_with_password ("postgresql://amina@db.example.ma/catalog?sslmode=verify-full",
                                                        "it's \\ secret", &error);
  g_autofree char *built = ms_pg_conninfo_build ("db.example.ma", "", "catalog", "o'neil", "verify-full");
  PQconninfoOption *options;

  g_assert_cmpstr (described, ==, "amina@db.example.ma:5433/catalog");
  g_assert_no_error (error);
  options = PQconninfoParse (with, NULL);
  g_assert (options != NULL);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, "password") == 0)
      g_assert_cmpstr (o->val, ==, "it's \\ secret");
    else if (strcmp (o->keyword, "sslmode") == 0)
      g_assert_cmpstr (o->val, ==, "verify-full");
  PQconninfoFree (options);
  options = PQconninfoParse (built, NULL);
  g_assert (options != NULL);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, "user") == 0)
      g_assert_cmpstr (o->val, ==, "o'neil");
    else if (strcmp (o->keyword, "port") == 0)
      g_assert_null (o->val);
  PQconninfoFree (options);
  g_assert_null (ms_pg_conninfo_with_password ("host=x port", "p", &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-pg/conninfo", test_conninfo);
  if (store_fixture_pg () == NULL)
    {
      g_printerr ("test-cli-pg: PostgreSQL tests NOT RUN: MASATIR_TEST_PG is not set (run under pg-cluster.py)\n");
      return 77;
    }
  g_test_add ("/cli-pg/identity", Fixture, NULL, fixture_set_up, test_identity, fixture_tear_down);
  g_test_add ("/cli-pg/migrate", Fixture, NULL, fixture_set_up, test_migrate, fixture_tear_down);
  g_test_add ("/cli-pg/migrate-needs-owner", Fixture, NULL, fixture_set_up, test_migrate_needs_owner,
              fixture_tear_down);
  g_test_add ("/cli-pg/password", Fixture, NULL, fixture_set_up, test_password, fixture_tear_down);
  return g_test_run ();
}
