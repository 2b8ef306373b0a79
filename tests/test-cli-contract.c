/* test-cli-contract.c — masatir-cli keeps its contract (design.md §5): the
 * exit status of every command (0 success, 1 problems found or refused by
 * the workflow and its rules, 2 usage error or unusable input), one line
 * per error whatever the input holds, and text arguments that are UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"
#include "ms-bidi.h"
#include "test-util.h"

#define RESIDENCE "06aab24e-ee88-477f-8c33-311768fbe275"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static Fixture fx;

/* The actor that stands for the schema's owner on PostgreSQL. */
#define PG_OWNER "@OWNER"

/* "@DIR/name" stands for a file of the test's folder, "@DEMO/name" for a
 * demo sheet; "@DB" for the catalog. */
static char *
expand (const char *arg)
{
  if (g_str_equal (arg, "@DB"))
    return g_strdup (fx.db);
  if (g_str_has_prefix (arg, "@DIR/"))
    return g_build_filename (fx.dir, arg + 5, NULL);
  if (g_str_has_prefix (arg, "@DEMO/"))
    return g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", arg + 6, NULL);
  return g_strdup (arg);
}

/* masatir-cli --db DB --as ACTOR ARGS…; @actor NULL runs it bare. */
static void
cli_args (Run                *run,
          const char         *actor,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  if (actor != NULL && cli_pg () != NULL)
    {
      /* On the PostgreSQL half (cli-run.h) the login says who acts;
       * PG_OWNER is the test server's superuser, the schema's owner. */
      g_ptr_array_add (argv, g_strdup ("--db"));
      if (g_str_equal (actor, PG_OWNER))
        g_ptr_array_add (argv, g_strdup (cli_pg ()));
      else
        {
          /* Quoted, as libpq reads a value: a login may hold anything. */
          g_autoptr(GString) login = g_string_new (actor);

          g_string_replace (login, "\\", "\\\\", 0);
          g_string_replace (login, "'", "\\'", 0);
          g_ptr_array_add (argv, g_strdup_printf ("%s user='%s'", cli_pg (), login->str));
        }
    }
  else if (actor != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strdup (fx.db));
      g_ptr_array_add (argv, g_strdup ("--as"));
      g_ptr_array_add (argv, g_strdup (actor));
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, expand (args[i]));
  run_cli_args (run, argv);
}

/* At most one line on stderr, ended by its newline. */
static void
assert_one_line (const char *err)
{
  const char *newline = strchr (err, '\n');

  if (*err == '\0')
    return;
  if (newline == NULL || newline[1] != '\0')
    g_error ("stderr is not one line: “%s”", err);
}

typedef struct {
  const char *actor;       /* NULL: no --db nor --as */
  int         status;
  const char *fragment;    /* in stdout or stderr, or NULL */
  const char *args[12];
} Case;

/* In order: each case may depend on the ones before it. */
static const Case cases[] = {
  /* Global options */
  { NULL, 0, "Exit status", { "--help", NULL } },
  { NULL, 2, "unknown option", { "--bogus", NULL } },
  { NULL, 2, "unknown command", { "frobnicate", NULL } },
  { NULL, 2, "Usage", { NULL } },
  { NULL, 2, "--db needs a value", { "--db", NULL } },

  /* init; users: the first user must be an admin, a rule (1) */
  { "karim", 0, "Created the catalog", { "init", "--issuer", "ma-test", NULL } },
  { "karim", 2, "already exists", { "init", NULL } },
  { "karim", 2, "takes no arguments", { "init", "extra", NULL } },
  { "karim", 1, "must have the admin role", { "users", "add", "karim", "--roles", "editor", NULL } },
  { "karim", 0, "Added karim", { "users", "add", "karim", "--name", "Karim", "--roles", "publisher,admin", NULL } },
  { "karim", 0, NULL, { "users", "add", "amina", "--name", "Amina", "--roles", "editor", NULL } },
  { "karim", 0, NULL, { "users", "add", "youssef", "--name", "Youssef", "--roles", "reviewer", NULL } },
  { "karim", 1, "already a user", { "users", "add", "amina", "--roles", "editor", NULL } },
  { "amina", 1, "does not have the admin role", { "users", "add", "eve", "--roles", "editor", NULL } },
  { "karim", 2, "unknown role", { "users", "add", "eve", "--roles", "boss", NULL } },
  { "karim", 2, "not a valid login", { "users", "add", "e,ve", "--roles", "editor", NULL } },
  { "karim", 2, "give LOGIN and --roles", { "users", "add", "eve", NULL } },
  { "karim", 2, "give “add”, “list”, “roles”, “deactivate” or “activate”", { "users", NULL } },
  { "karim", 0, "youssef", { "users", "list", NULL } },
  { "amina", 1, "does not have the admin role", { "users", "roles", "amina", "--roles", "admin", NULL } },
  { "karim", 1, "last active admin", { "users", "roles", "karim", "--roles", "editor", NULL } },
  { "karim", 1, "last active admin", { "users", "deactivate", "karim", NULL } },
  { "karim", 2, "give LOGIN and --roles", { "users", "roles", "amina", NULL } },
  { "karim", 2, "give LOGIN", { "users", "activate", NULL } },

  /* import */
  { "amina", 0, "1 sheet imported", { "import", "@DEMO/residence-certificate.json", NULL } },
  { "amina", 1, "nothing imported", { "import", "@DIR/not-a-sheet.json", NULL } },
  { "youssef", 1, "editor role", { "import", "@DEMO/school-certificate.json", NULL } },
  { "amina", 2, "nonexistent", { "import", "@DIR/nonexistent.json", NULL } },
  { "amina", 2, "--from", { "import", "--from", "elsewhere", "@DEMO/school-certificate.json", NULL } },
  { "amina", 2, "at least one file", { "import", NULL } },

  /* show, check-json, validate */
  { "amina", 0, "Certificat de résidence", { "show", RESIDENCE, NULL } },
  { "amina", 0, "Certificat de résidence", { "show", "@DEMO/residence-certificate.json", NULL } },
  { "amina", 2, "No sheet", { "show", "no-such-sheet", NULL } },
  { "amina", 2, "nonexistent", { "show", "@DIR/nonexistent.json", NULL } },
  { "amina", 2, "exactly one", { "show", NULL } },
  { "amina", 2, "Unknown option", { "show", "--bogus", RESIDENCE, NULL } },
  { NULL, 0, "OK, 1 sheet", { "check-json", "@DEMO/residence-certificate.json", NULL } },
  { NULL, 1, "not-a-sheet.json", { "check-json", "@DIR/not-a-sheet.json", NULL } },
  { NULL, 2, "nonexistent", { "check-json", "@DIR/nonexistent.json", NULL } },
  { NULL, 2, "at least one file", { "check-json", NULL } },
  { NULL, 0, "0 errors", { "validate", "@DEMO/residence-certificate.json", NULL } },
  { NULL, 1, "error", { "validate", "@DEMO/certificate-of-life.json", NULL } },
  { NULL, 2, "not-a-sheet.json", { "validate", "@DIR/not-a-sheet.json", NULL } },
  { NULL, 2, "unknown format", { "validate", "--format", "xml", "@DEMO/residence-certificate.json", NULL } },
  { NULL, 2, "at least one", { "validate", NULL } },
  { "amina", 0, "revision 1 of MI-DGSN-0001", { "validate", RESIDENCE, NULL } },
  { "amina", 0, "revision 1 of MI-DGSN-0001", { "validate", "--all", NULL } },
  { "amina", 2, "No sheet", { "validate", "no-such-sheet", NULL } },
  { "amina", 2, "--all", { "validate", "--all", RESIDENCE, NULL } },

  /* report */
  { "amina", 0, "1 sheet, 1 without errors (100 %)", { "report", NULL } },
  { "amina", 0, "\"sheets\" : 1", { "report", "--format", "json", NULL } },
  { "amina", 2, "unknown format", { "report", "--format", "pdf", NULL } },
  { "amina", 2, "no argument", { "report", "extra", NULL } },

  /* list, search */
  { "amina", 0, RESIDENCE, { "list", NULL } },
  { "amina", 2, "takes no arguments", { "list", "résidence", NULL } },
  { "amina", 2, "unknown state", { "list", "--state", "lost", NULL } },
  { "amina", 2, "--format", { "list", "--format", "xml", NULL } },
  { "amina", 0, RESIDENCE, { "search", "شهاده السكني", NULL } },
  { "amina", 2, "words to look for", { "search", NULL } },

  /* save */
  { "amina", 0, "revision 1, Draft", { "save", "@DEMO/school-certificate.json", NULL } },
  { "amina", 2, "give --base", { "save", "@DEMO/residence-certificate.json", NULL } },
  { "amina", 0, "revision 2", { "save", "@DIR/residence-edit.json", "--base", "1", NULL } },
  { "amina", 1, "was changed by amina", { "save", "@DIR/residence-edit.json", "--base", "1", NULL } },
  { "amina", 2, "not a revision number", { "save", "@DIR/residence-edit.json", "--base", "two", NULL } },
  { "amina", 2, "nonexistent", { "save", "@DIR/nonexistent.json", NULL } },
  { "amina", 2, "exactly one sheet file", { "save", NULL } },

  /* The workflow: refusals are 1, missing arguments 2. */
  { "youssef", 1, "editor role", { "submit", RESIDENCE, NULL } },
  { "amina", 0, "In review", { "submit", RESIDENCE, NULL } },
  { "amina", 2, "exactly one sheet id", { "submit", NULL } },
  { "amina", 2, "No sheet", { "submit", "no-such-sheet", NULL } },
  { "youssef", 2, "give --comment", { "request-changes", RESIDENCE, NULL } },
  { "youssef", 1, "comment is required", { "request-changes", RESIDENCE, "--comment", " ", NULL } },
  { "youssef", 0, "Changes requested", { "request-changes", RESIDENCE, "--comment", "Appeal text\nmissing\n", NULL } },
  { "amina", 0, "In review", { "submit", RESIDENCE, NULL } },
  { "amina", 1, "reviewer", { "approve", RESIDENCE, NULL } },
  { "youssef", 0, "Approved", { "approve", RESIDENCE, NULL } },
  { "youssef", 2, "exactly one sheet id", { "approve", NULL } },
  { "karim", 2, "give --comment", { "withdraw", RESIDENCE, NULL } },
  { "karim", 1, NULL, { "withdraw", RESIDENCE, "--comment", "Not yet published", NULL } },

  /* history, diff, audit */
  { "amina", 0, "request-changes", { "history", RESIDENCE, NULL } },
  { "amina", 2, "No sheet", { "history", "no-such-sheet", NULL } },
  { "amina", 2, "exactly one sheet id", { "history", NULL } },
  { "amina", 0, "Revision 1 → 2", { "diff", RESIDENCE, "1", "2", NULL } },
  { "amina", 2, "not a revision number", { "diff", RESIDENCE, "1", "x", NULL } },
  { "amina", 2, "No sheet", { "diff", "no-such-sheet", NULL } },
  { "amina", 0, "Audit log intact", { "audit", "verify", NULL } },
  { "amina", 2, "give “verify”", { "audit", NULL } },

  /* canonicalize: malformed JSON is unusable input */
  { NULL, 0, "{\"a\":1,\"b\":2}\n", { "canonicalize", "@DIR/plain.json", NULL } },
  { NULL, 2, "duplicate member name", { "canonicalize", "@DIR/duplicate.json", NULL } },
  { NULL, 2, "not valid UTF-8", { "canonicalize", "@DIR/latin1.json", NULL } },
  { NULL, 2, "nonexistent", { "canonicalize", "@DIR/nonexistent.json", NULL } },
  { NULL, 2, "exactly one file", { "canonicalize", NULL } },

  /* generate: what it writes is a file of sheets */
  { NULL, 0, "3 sheets written", { "generate", "--count", "3", "--seed", "9", "--out", "@DIR/generated.json", NULL } },
  { NULL, 0, "OK, 3 sheets", { "check-json", "@DIR/generated.json", NULL } },
  { "amina", 0, NULL, { "import", "@DIR/generated.json", NULL } },
  { NULL, 2, "give --count N", { "generate", "--count", "0", "--out", "@DIR/g.json", NULL } },
  { NULL, 2, "give --count N", { "generate", "--count", "ten", "--out", "@DIR/g.json", NULL } },
  { NULL, 2, "give --count N", { "generate", "--count", "3", "--seed", "-1", "--out", "@DIR/g.json", NULL } },
  { NULL, 2, "give --count N", { "generate", "--count", "3", NULL } },
  { NULL, 2, "generate: ", { "generate", "--count", "3", "--out", "@DIR/no-such-folder/g.json", NULL } },

  /* keys, export, verify */
  { NULL, 2, "keys generate", { "keys", NULL } },
  { NULL, 2, "keys generate", { "keys", "frobnicate", NULL } },
  { NULL, 2, "nonexistent", { "keys", "import", "@DIR/nonexistent.jwk", NULL } },
  { NULL, 2, "keys import", { "keys", "import", "@DIR/plain.json", NULL } },
  { "amina", 1, "publisher", { "export", "--key", "@KID", "--out", "@DIR/a.bundle", NULL } },
  { "karim", 2, "give --key KID and --out FILE", { "export", "--out", "@DIR/a.bundle", NULL } },
  { "karim", 2, "--expires-days", { "export", "--key", "@KID", "--out", "@DIR/a.bundle", "--expires-days", "0", NULL } },
  { "karim", 0, "1 entry", { "export", "--key", "@KID", "--out", "@DIR/a.bundle", NULL } },
  { NULL, 0, "OK: ma-test sequence 1", { "verify", "--trust", "@DIR/trust.json", "@DIR/a.bundle", NULL } },
  { NULL, 1, "verify: format", { "verify", "--trust", "@DIR/trust.json", "@DIR/plain.json", NULL } },
  { NULL, 2, "nonexistent", { "verify", "--trust", "@DIR/trust.json", "@DIR/nonexistent.bundle", NULL } },
  { NULL, 2, "trust store", { "verify", "--trust", "@DIR/plain.json", "@DIR/a.bundle", NULL } },
  { NULL, 2, "give --trust FILE", { "verify", "@DIR/a.bundle", NULL } },
};

static void
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fx.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* The residence certificate with another deadline: a second revision. */
static void
write_residence_edit (void)
{
  g_autofree char *path = expand ("@DEMO/residence-certificate.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  json_object_set_int_member (json_node_get_object (json_parser_get_root (parser)), "deadline_days", 15);
  text = json_to_string (json_parser_get_root (parser), FALSE);
  write_file ("residence-edit.json", text);
}

/* A key, and the trust store that pins it, written before "export". */
static char *
make_key (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) jwks = NULL;
  JsonObject *jwk;
  g_autofree char *kid = NULL;
  g_autofree char *trust = NULL;

  run_cli (&run, "keys", "generate", NULL);
  g_assert_cmpint (run.status, ==, 0);
  kid = g_strdup (g_strstrip (run.out));
  run_cli (&run, "keys", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, kid));
  run_cli (&run, "keys", "export-public", kid, NULL);
  g_assert_cmpint (run.status, ==, 0);
  jwks = json_from_string (run.out, NULL);
  jwk = json_array_get_object_element (json_object_get_array_member (json_node_get_object (jwks), "keys"), 0);
  trust = g_strdup_printf ("{\"threshold\":1,\"keys\":{\"%s\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                           "\"x\":\"%s\",\"issuer\":\"ma-test\"}}}", kid, json_object_get_string_member (jwk, "x"));
  write_file ("trust.json", trust);
  run_cli (&run, "keys", "export-public", "no-such-kid", NULL);
  g_assert_cmpint (run.status, ==, 2);
  return g_steal_pointer (&kid);
}

/* On the PostgreSQL half, what differs from a catalog file (the server
 * says who acts, and its schema is made by its owner), by case. */
typedef struct {
  const char *line;        /* the case's arguments, joined by spaces */
  const char *actor;       /* instead of the case's, or NULL */
  int         status;
  const char *fragment;    /* or NULL */
} PgCase;

static const PgCase pg_cases[] = {
  /* The owner made the schema and added the first admin (set-up, below);
   * that admin's init on it sets the issuer, and may be run again
   * (test-cli-pg). */
  { "init --issuer ma-test", NULL, 0, "Created the catalog" },
  { "init", NULL, 0, "Created the catalog" },
  { "users add karim --roles editor", NULL, 1, "already a user" },
  { "users add karim --name Karim --roles publisher,admin", NULL, 1, "already a user" },
};

/* Applies the PostgreSQL half's difference for @line, if any. */
static void
pg_case (const char  *line,
         const char **actor,
         int         *status,
         const char **fragment)
{
  if (cli_pg () == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (pg_cases); i++)
    if (g_str_equal (line, pg_cases[i].line))
      {
        if (pg_cases[i].actor != NULL)
          *actor = pg_cases[i].actor;
        *status = pg_cases[i].status;
        *fragment = pg_cases[i].fragment;
        return;
      }
}

static void
test_exit_statuses (void)
{
  g_autofree char *kid = make_key ();
  g_auto(Run) owner = { 0 };

  if (cli_pg () != NULL)
    {
      if (g_strcmp0 (g_getenv ("MASATIR_TEST_PG_THROWAWAY"), "1") != 0)
        g_error ("MASATIR_TEST_PG is not a throwaway cluster of tests/pg-cluster.py: its schema is not dropped");
      cli_pg_exec ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS masatir CASCADE;"
                   "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'karim') THEN"
                   " CREATE ROLE karim LOGIN; CREATE ROLE amina LOGIN; CREATE ROLE youssef LOGIN;"
                   " END IF; END $$");
      cli_args (&owner, PG_OWNER, (const char *[]) { "init", NULL });
      cli_expect (&owner, 0, NULL);
      /* The first user must be an admin, a rule (1), on a server too. */
      cli_args (&owner, PG_OWNER, (const char *[]) { "users", "add", "karim", "--roles", "editor", NULL });
      cli_expect (&owner, 1, "must have the admin role");
      cli_args (&owner, PG_OWNER, (const char *[]) { "users", "add", "karim", "--name", "Karim", "--roles",
                                                   "publisher,admin", NULL });
      cli_expect (&owner, 0, "Added karim");
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *line = NULL;
      const char *args[G_N_ELEMENTS (c->args)];
      g_auto(Run) run = { 0 };

      for (guint a = 0; a < G_N_ELEMENTS (c->args); a++)
        args[a] = g_strcmp0 (c->args[a], "@KID") == 0 ? kid : c->args[a];
      const char *actor = c->actor;
      const char *fragment = c->fragment;
      int status = c->status;

      line = g_strjoinv (" ", (char **) args);
      pg_case (line, &actor, &status, &fragment);
      g_test_message ("%s: %s", actor != NULL ? actor : "-", line);
      cli_args (&run, actor, args);
      if (run.status != status
          || (fragment != NULL && strstr (run.out, fragment) == NULL && strstr (run.err, fragment) == NULL))
        g_error ("masatir-cli %s: expected status %d and “%s”; got %d\nstdout: %s\nstderr: %s", line,
                 status, fragment != NULL ? fragment : "", run.status, run.out, run.err);
      /* With no command at all, the usage goes to stderr. */
      if (c->args[0] != NULL)
        assert_one_line (run.err);
    }
}

/* Any command given text that is not UTF-8 (here a UTF-8 sequence cut
 * short, as "$(printf 'abc\xf0')" gives) refuses it before doing anything:
 * exit 2, one line, the bytes shown escaped. */
static void
test_invalid_utf8 (void)
{
  static const char * const bad[] = { "abc\xf0", "abc\xc3", "abc\xe0\xa0", "abc\xfc", "\xff" };
  static const char * const commands[][4] = {
    { "search", "@BAD" }, { "search", "--limit", "3", "@BAD" }, { "show", "@BAD" }, { "history", "@BAD" },
    { "submit", "@BAD" }, { "request-changes", RESIDENCE, "--comment", "@BAD" },
    { "users", "add", "@BAD", "--roles" }, { "list", "--state", "@BAD" }, { "check-json", "@BAD" },
  };

  for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        const char *args[6] = { NULL };
        g_auto(Run) run = { 0 };

        for (guint a = 0; a < 4 && commands[c][a] != NULL; a++)
          args[a] = g_str_equal (commands[c][a], "@BAD") ? bad[b] : commands[c][a];
        if (g_str_equal (commands[c][0], "users"))
          args[4] = "editor";
        cli_args (&run, "amina", args);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_nonnull (strstr (run.err, "not valid UTF-8"));
        g_assert_cmpstr (run.out, ==, "");
        assert_one_line (run.err);
      }

  /* The acting user too, from the environment. */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                          | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_subprocess_launcher_setenv (launcher, "MASATIR_USER", "amina\xc3", TRUE);
    proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MASATIR_CLI"), "--db", fx.db, "list", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
    g_assert_nonnull (strstr (err, "$MASATIR_USER is not valid UTF-8: “amina\\xc3”"));
    assert_one_line (err);
  }
}

/* Input that reaches a message (an id, a login, a portal record's delay)
 * is shown escaped: one line, no terminal escape. */
static void
test_one_line (void)
{
  g_autofree char *portal = g_test_build_filename (G_TEST_DIST, "data", "portal-messy.json", NULL);
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean seen = FALSE;

  cli_args (&run, "amina", (const char *[]) { "show", "no\n\x1b[31mred", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "masatir-cli: show: No sheet “no\\n\\x1b[31mred” in the catalog\n");

  cli_args (&run, "amina", (const char *[]) { "submit", "x\xe2\x80\xae" "fdp.exe", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“x\\u202efdp.exe”"));
  assert_one_line (run.err);

  cli_args (&run, "ka\nrim", (const char *[]) { "submit", RESIDENCE, NULL });
  if (cli_pg () != NULL)
    {
      /* A login the server does not know: refused by it, shown escaped. */
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "ka\\nrim"));
      assert_one_line (run.err);
    }
  else
    g_assert_cmpint (run.status, ==, 1);
  if (cli_pg () == NULL)
    g_assert_nonnull (strstr (run.err, "“ka\\nrim” is not a user"));
  assert_one_line (run.err);

  /* Record 1203's delay is written on two lines. */
  cli_args (&run, "amina", (const char *[]) { "import", "--from", "portal", portal, NULL });
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "portal procedure 1203: delay") != NULL)
      {
        /* As read: without the isolates that keep its Arabic in order. */
        g_autofree char *read = ms_bidi_strip (lines[i]);

        g_assert_nonnull (strstr (read, "أيام\\nالمراقبة الطبية 7 أيام” does not state"));
        g_assert_nonnull (strstr (lines[i], MS_BIDI_LRI "7" MS_BIDI_PDI));
        seen = TRUE;
      }
  g_assert_true (seen);

  /* history: an event a line, with its comment between quotes. */
  cli_args (&run, "amina", (const char *[]) { "history", RESIDENCE, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (run.out, "\n", -1);
  seen = FALSE;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_false (g_str_has_prefix (lines[i], "”"));
      if (strstr (lines[i], "request-changes") != NULL)
        {
          g_assert_true (g_str_has_suffix (lines[i], "“Appeal text\\nmissing\\n”"));
          seen = TRUE;
        }
    }
  g_assert_true (seen);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *keys = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  fx.dir = g_dir_make_tmp ("masatir-cli-contract-XXXXXX", NULL);
  fx.db = g_build_filename (fx.dir, "catalog.db", NULL);
  keys = g_build_filename (fx.dir, "keys", NULL);
  g_setenv ("MASATIR_KEYS_DIR", keys, TRUE);
  g_setenv ("MASATIR_PASSPHRASE", "correct horse battery staple", TRUE);
  g_unsetenv ("MASATIR_USER");
  g_unsetenv ("MASATIR_DB");
  write_file ("not-a-sheet.json", "[{\"id\": \"not-a-uuid\"}]");
  write_file ("plain.json", "{ \"b\": 2, \"a\": 1 }");
  write_file ("duplicate.json", "{ \"a\": 1, \"a\": 1 }");
  write_file ("latin1.json", "{ \"a\": \"r\xe9sidence\" }");
  write_residence_edit ();

  /* In order: the later tests use the catalog the first one made. */
  g_test_add_func ("/cli-contract/exit-statuses", test_exit_statuses);
  g_test_add_func ("/cli-contract/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/cli-contract/one-line", test_one_line);

  status = g_test_run ();
  test_remove_tree (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
  return status;
}
