/* test-cli-store.c — masatir-cli on a catalog: workflow from the command
 * line, exit statuses, audit verification after tampering, imports, and a
 * process killed in the middle of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-run.h"
#include "ms-bidi.h"
#include "ms-canonical-json.h"

#define RESIDENCE "06aab24e-ee88-477f-8c33-311768fbe275"

typedef struct {
  char *dir;
  char *db;
} Fixture;

/* The --db of a run as @actor: the catalog file, or on the PostgreSQL
 * half (cli-run.h) the test server as @actor's login. */
static char *
actor_db (Fixture    *f,
          const char *actor)
{
  if (cli_pg () != NULL)
    return g_strdup_printf ("%s user=%s", cli_pg (), actor);
  return g_strdup (f->db);
}

/* masatir-cli --db DB --as ACTOR ARGS… (on PostgreSQL the login says who
 * acts: no --as). */
static void
cli (Run        *run,
     Fixture    *f,
     const char *actor,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *db = actor_db (f, actor);
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, db);
  if (cli_pg () == NULL)
    {
      g_ptr_array_add (args, (gpointer) "--as");
      g_ptr_array_add (args, (gpointer) actor);
    }
  va_start (ap, first);
  cli_args_add_valist (args, first, ap);
  va_end (ap);
  run_cli_args (run, args);
}

static gboolean
json_to_file (JsonNode   *node,
              const char *path)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return g_file_set_contents (path, text, -1, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  f->dir = g_dir_make_tmp ("masatir-cli-store-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "catalog.db", NULL);
  if (cli_pg () != NULL)
    {
      cli_catalog_set_up (f->dir, f->db, "ma-test");
      return;
    }
  cli (&run, f, "karim", "init", "--issuer", "ma-test", NULL);
  cli_expect (&run, 0, "Created the catalog");
  cli (&run, f, "karim", "users", "add", "karim", "--name", "Karim", "--roles", "publisher,admin", NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "karim", "users", "add", "amina", "--name", "Amina", "--roles", "editor", NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "karim", "users", "add", "youssef", "--name", "Youssef", "--roles", "reviewer", NULL);
  cli_expect (&run, 0, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static void
import_demo (Fixture *f)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  const char *name;

  g_ptr_array_add (args, g_strdup (g_getenv ("MASATIR_CLI")));
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, actor_db (f, "amina"));
  if (cli_pg () == NULL)
    {
      g_ptr_array_add (args, g_strdup ("--as"));
      g_ptr_array_add (args, g_strdup ("amina"));
    }
  g_ptr_array_add (args, g_strdup ("import"));
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (args, g_build_filename (dir, name, NULL));
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, NULL);
  g_assert_true (g_subprocess_wait_check (proc, NULL, NULL));
}

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *residence = cli_demo_path ("residence-certificate");
  g_autofree char *edit = g_build_filename (f->dir, "edit.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *sheet;
  JsonArray *fees;

  import_demo (f);
  cli (&run, f, "amina", "list", "--format", "json", NULL);
  cli_expect (&run, 0, NULL);
  list = json_from_string (run.out, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 29);
  g_assert_nonnull (strstr (run.out, "\"state\" : \"draft\""));

  cli (&run, f, "nobody", "submit", RESIDENCE, NULL);
  /* On a server, a login without the catalog's grants is refused by it. */
  if (cli_pg () != NULL)
    cli_expect (&run, 2, "nobody");
  else
    cli_expect (&run, 1, "“nobody” is not a user of this catalog");
  cli (&run, f, "youssef", "submit", RESIDENCE, NULL);
  cli_expect (&run, 1, "does not have the editor role");
  cli (&run, f, "amina", "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, "In review");
  cli (&run, f, "youssef", "request-changes", RESIDENCE, NULL);
  cli_expect (&run, 2, "give --comment");
  cli (&run, f, "youssef", "request-changes", RESIDENCE, "--comment", " \t", NULL);
  cli_expect (&run, 1, "comment is required");
  cli (&run, f, "youssef", "request-changes", RESIDENCE, "--comment", "Appeal text missing", NULL);
  cli_expect (&run, 0, "Changes requested");
  cli (&run, f, "amina", "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "youssef", "approve", RESIDENCE, NULL);
  cli_expect (&run, 0, "Approved");
  cli (&run, f, "amina", "approve", "no-such-sheet", NULL);
  cli_expect (&run, 2, "No sheet “no-such-sheet”");

  /* save: a new revision with a higher fee, a removed document and a
   * shorter deadline, from revision 1. */
  g_assert_true (g_file_get_contents (residence, &contents, NULL, NULL));
  node = json_from_string (contents, NULL);
  sheet = json_node_get_object (node);
  json_object_set_int_member (sheet, "deadline_days", 15);
  fees = json_object_get_array_member (sheet, "fees");
  if (json_array_get_length (fees) == 0)
    {
      JsonObject *fee = json_object_new ();
      JsonObject *label = json_object_new ();

      json_object_set_string_member (fee, "id", "f9");
      json_object_set_string_member (label, "fr", "Droit de timbre");
      json_object_set_object_member (fee, "label", label);
      json_object_set_int_member (fee, "amount_centimes", 5000);
      json_object_set_array_member (fee, "legal_basis", json_array_new ());
      json_array_add_object_element (fees, fee);
    }
  else
    json_object_set_int_member (json_array_get_object_element (fees, 0), "amount_centimes", 7500);
  json_array_remove_element (json_object_get_array_member (sheet, "documents"), 0);
  g_assert_true (json_to_file (node, edit));

  cli (&run, f, "amina", "save", edit, NULL);
  cli_expect (&run, 2, "give --base");
  cli (&run, f, "amina", "save", edit, "--base", "1", NULL);
  cli_expect (&run, 0, "revision 2, Draft");
  cli (&run, f, "amina", "save", edit, "--base", "1", NULL);
  cli_expect (&run, 1, "was changed by amina at");

  cli (&run, f, "amina", "diff", RESIDENCE, NULL);
  cli_expect (&run, 0, "Answer deadline: Immediate → 15 days");
  g_assert_nonnull (strstr (run.out, "Document removed: "));
  g_assert_nonnull (strstr (run.out, " MAD"));

  cli (&run, f, "amina", "history", RESIDENCE, NULL);
  cli_expect (&run, 0, "request-changes");
  g_assert_nonnull (strstr (run.out, "approved → draft"));
  g_assert_nonnull (strstr (run.out, "Appeal text missing"));

  cli (&run, f, "amina", "show", RESIDENCE, NULL);
  cli_expect (&run, 0, "Certificat de résidence");
  g_assert_nonnull (strstr (run.out, "Draft"));

  cli (&run, f, "amina", "search", "شهاده السكني", NULL);
  cli_expect (&run, 0, RESIDENCE);
  cli (&run, f, "amina", "search", "--format", "json", "--state", "draft", "résidence", NULL);
  cli_expect (&run, 0, RESIDENCE);
  cli (&run, f, "amina", "list", "--state", "bogus", NULL);
  cli_expect (&run, 2, "unknown state");

  cli (&run, f, "amina", "audit", "verify", NULL);
  cli_expect (&run, 0, "Audit log intact");
}

static void
sql (const char *db,
     const char *statements)
{
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  sqlite3 *handle = NULL;

  if (shell != NULL)
    {
      const char *argv[] = { shell, db, statements, NULL };
      g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, NULL);

      g_assert_true (g_subprocess_wait_check (proc, NULL, NULL));
      return;
    }
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, statements, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
test_audit_tampered (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  import_demo (f);
  cli (&run, f, "amina", "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "youssef", "audit", "verify", NULL);
  cli_expect (&run, 0, "Audit log intact: 33 entries");

  /* Someone erases who submitted, behind the application's back: on the
   * server, its superuser (the catalog's owner) past the trigger. */
  if (cli_pg () != NULL)
    cli_pg_exec ("ALTER TABLE masatir.audit DISABLE TRIGGER audit_append_only;"
                 " UPDATE masatir.audit SET actor = 'youssef' WHERE seq = 33;"
                 " ALTER TABLE masatir.audit ENABLE TRIGGER audit_append_only");
  else
    sql (f->db, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'youssef' WHERE seq = 33;");
  cli (&run, f, "youssef", "audit", "verify", NULL);
  cli_expect (&run, 1, "audit entry 33 (");
}

static void
test_imports (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *portal = g_test_build_filename (G_TEST_DIST, "data", "portal-messy.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *residence = cli_demo_path ("residence-certificate");
  g_autofree char *contents = NULL;
  g_autofree char *bad_contents = NULL;
  g_auto(Run) run = { 0 };

  cli (&run, f, "amina", "import", "--from", "portal", portal, NULL);
  cli_expect (&run, 0, "4 sheets imported");
  g_assert_nonnull (strstr (run.out, "created"));
  g_assert_nonnull (strstr (run.out, "not mapped: portal procedure 1203: delay"));
  cli (&run, f, "amina", "import", "--from", "portal", portal, NULL);
  cli_expect (&run, 0, "unchanged");

  /* One good sheet and one bad one: the file imports nothing. */
  g_assert_true (g_file_get_contents (residence, &contents, NULL, NULL));
  bad_contents = g_strdup_printf ("[%s, {\"id\": \"not-a-uuid\"}]", contents);
  g_assert_true (g_file_set_contents (bad, bad_contents, -1, NULL));
  cli (&run, f, "amina", "import", bad, NULL);
  cli_expect (&run, 1, "nothing imported");
  cli (&run, f, "amina", "list", NULL);
  g_assert_null (strstr (run.out, RESIDENCE));
  cli (&run, f, "amina", "import", "--from", "portal", bad, NULL);
  cli_expect (&run, 1, "nothing imported");
  cli (&run, f, "amina", "import", "/nonexistent.json", NULL);
  cli_expect (&run, 2, "/nonexistent.json");
  cli (&run, f, "youssef", "import", residence, NULL);
  cli_expect (&run, 1, "editor role");
  cli (&run, f, "amina", "import", "--from", "elsewhere", residence, NULL);
  cli_expect (&run, 2, "--from");
}

/* import --from portal: the report as JSON, a summary, a dry run, one line
 * per note. */
static void
test_portal_report (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const kinds[] = { "mapped", "not-mapped", "conflict", "refused", "edited-since-import", NULL };
  g_autofree char *ar = g_test_build_filename (G_TEST_DIST, "data", "portal", "civil-ar.json", NULL);
  g_autofree char *fr = g_test_build_filename (G_TEST_DIST, "data", "portal", "civil-fr.json", NULL);
  g_autofree char *messy = g_test_build_filename (G_TEST_DIST, "data", "portal-messy.json", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *report, *summary;
  JsonArray *notes;
  guint n_conflicts = 0;

  /* A dry run: the report, and nothing kept. */
  cli (&run, f, "amina", "import", "--from", "portal", "--dry-run", ar, NULL);
  cli_expect (&run, 0, "dry run: nothing was changed");
  g_assert_nonnull (strstr (run.out, "created"));
  cli (&run, f, "amina", "list", NULL);
  g_assert_null (strstr (run.out, "idarati-5001"));

  /* Both files in one run, as JSON. */
  cli (&run, f, "amina", "import", "--from", "portal", "--format", "json", ar, fr, NULL);
  cli_expect (&run, 0, NULL);
  root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  report = json_node_get_object (root);
  notes = json_object_get_array_member (report, "notes");
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);
      static const char * const members[] = { "record", "sheet", "field", "kind", "value", "detail" };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (note, members[m]));
      g_assert_true (g_strv_contains (kinds, json_object_get_string_member (note, "kind")));
      if (strcmp (json_object_get_string_member (note, "kind"), "conflict") == 0)
        {
          n_conflicts++;
          g_assert_cmpstr (json_object_get_string_member (note, "record"), ==, "5001");
        }
    }
  g_assert_cmpuint (n_conflicts, ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "sheets")), ==, 4);
  summary = json_object_get_object_member (report, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "records"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (summary, "created"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "updated"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "unchanged"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "conflicts"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "refusals"), ==, 0);
  g_assert_false (json_object_get_boolean_member (summary, "dry_run"));

  /* Text: one line per note, even for a delay written on two lines. */
  cli (&run, f, "amina", "import", "--from", "portal", messy, NULL);
  cli_expect (&run, 0, "summary: 6 records; sheets: 4 created");
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_assert_true (g_str_has_prefix (lines[i], messy) || g_str_has_prefix (lines[i], "summary: "));
  {
    /* As read: without the isolates that keep its Arabic in order. */
    g_autofree char *read = ms_bidi_strip (run.out);

    g_assert_nonnull (strstr (read, "not mapped: portal procedure 1203: delay “4 أيام\\nالمراقبة"));
  }

  cli (&run, f, "amina", "import", "--from", "portal", "--prefer", "mine", ar, NULL);
  cli_expect (&run, 2, "--prefer");
  cli (&run, f, "amina", "import", "--from", "portal", "--format", "yaml", ar, NULL);
  cli_expect (&run, 2, "--format");
}

static void
test_users_and_db (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_auto(Run) run = { 0 };
  char *saved = f->db;

  cli (&run, f, "amina", "users", "add", "eve", "--roles", "admin", NULL);
  cli_expect (&run, 1, "does not have the admin role");
  cli (&run, f, "karim", "users", "add", "eve", "--roles", "boss", NULL);
  cli_expect (&run, 2, "unknown role");
  cli (&run, f, "karim", "users", "list", NULL);
  cli_expect (&run, 0, "youssef");
  cli (&run, f, "karim", "init", NULL);
  if (cli_pg () != NULL)
    {
      /* On a server init is also the admin's second step on the schema
       * its owner made (test-cli-pg): accepted again, nothing lost. */
      cli_expect (&run, 0, NULL);
      cli (&run, f, "karim", "users", "list", NULL);
      cli_expect (&run, 0, "youssef");
    }
  else
    cli_expect (&run, 2, "already exists");

  if (cli_pg () != NULL)
    {
      /* No file to damage on a server: a login it does not know, and
       * one it knows without the catalog's grants, are refused. */
      cli (&run, f, "ghost", "list", NULL);
      cli_expect (&run, 2, "ghost");
      cli (&run, f, "nobody", "list", NULL);
      cli_expect (&run, 2, "nobody");
      return;
    }
  g_assert_true (g_file_set_contents (garbage, "this is not a database, not at all, really not", -1, NULL));
  f->db = garbage;
  cli (&run, f, "karim", "list", NULL);
  cli_expect (&run, 2, "damaged or is not a database");
  f->db = missing;
  cli (&run, f, "karim", "list", NULL);
  cli_expect (&run, 2, "masatir-cli init");
  f->db = saved;
}

/* Roles, deactivation and their refusals (issue 11 item 6). */
static void
test_users_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *demo = cli_demo_path ("residence-certificate");
  g_auto(Run) run = { 0 };

  cli (&run, f, "amina", "users", "roles", "amina", "--roles", "editor,admin", NULL);
  cli_expect (&run, 1, "does not have the admin role");
  cli (&run, f, "karim", "users", "roles", "amina", NULL);
  cli_expect (&run, 2, "give LOGIN and --roles");
  cli (&run, f, "karim", "users", "roles", "amina", "--roles", "boss", NULL);
  cli_expect (&run, 2, "unknown role");
  cli (&run, f, "karim", "users", "roles", "nobody", "--roles", "editor", NULL);
  cli_expect (&run, 2, "not a user");
  cli (&run, f, "karim", "users", "roles", "karim", "--roles", "publisher", NULL);
  cli_expect (&run, 1, "last active admin");
  cli (&run, f, "karim", "users", "deactivate", "karim", NULL);
  cli_expect (&run, 1, "last active admin");
  cli (&run, f, "karim", "users", "deactivate", NULL);
  cli_expect (&run, 2, "give LOGIN");

  cli (&run, f, "karim", "users", "roles", "amina", "--roles", "editor,reviewer", NULL);
  cli_expect (&run, 0, "amina now has the roles editor,reviewer");
  cli (&run, f, "karim", "users", "deactivate", "amina", NULL);
  cli_expect (&run, 0, "Deactivated amina");
  cli (&run, f, "karim", "users", "list", NULL);
  cli_expect (&run, 0, "(deactivated)");
  cli (&run, f, "amina", "import", demo, NULL);
  cli_expect (&run, 1, "was deactivated");
  cli (&run, f, "karim", "users", "activate", "amina", NULL);
  cli_expect (&run, 0, "Reactivated amina");
  cli (&run, f, "amina", "import", demo, NULL);
  cli_expect (&run, 0, "1 sheet imported");
  cli (&run, f, "karim", "audit", "verify", NULL);
  cli_expect (&run, 0, NULL);
}

/* Crash {{{1 */

#define CRASH_FILES 16
#define CRASH_SHEETS_PER_FILE 400

static void
write_synthetic (const char *path,
                 const char *model,
                 guint       file)
{
  g_autoptr(JsonArray) sheets = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < CRASH_SHEETS_PER_FILE; i++)
    {
      /* Parsed again each time: json_node_copy() shares the object. */
      JsonNode *copy = json_from_string (model, NULL);
      JsonObject *o = json_node_get_object (copy);
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *code = g_strdup_printf ("gen-%u-%u", file, i);
      g_autofree char *title = g_strdup_printf ("Certificat %u/%u", file, i);

      json_object_set_string_member (o, "id", id);
      json_object_set_string_member (o, "code", code);
      json_object_set_string_member (json_object_get_object_member (o, "title"), "fr", title);
      json_array_add_element (sheets, copy);
    }
  json_node_set_array (root, sheets);
  g_assert_true (json_to_file (root, path));
}

static gint64
count_rows (const char *db,
            const char *sql_text)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (handle, sql_text, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return n;
}

static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *residence = cli_demo_path ("residence-certificate");
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 sheets = 0, revisions = 0;
  guint checked = 0;

  if (cli_pg () != NULL)
    {
      /* Killed mid-import, the file is checked with SQLite's integrity_check
       * and read row by row; on the server a killed client's transaction is
       * rolled back by PostgreSQL itself. */
      g_test_skip ("reads and checks the SQLite catalog file");
      return;
    }
  g_assert_true (g_file_get_contents (residence, &contents, NULL, NULL));
  g_ptr_array_add (args, g_strdup (g_getenv ("MASATIR_CLI")));
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, actor_db (f, "amina"));
  if (cli_pg () == NULL)
    {
      g_ptr_array_add (args, g_strdup ("--as"));
      g_ptr_array_add (args, g_strdup ("amina"));
    }
  g_ptr_array_add (args, g_strdup ("import"));
  for (guint i = 0; i < CRASH_FILES; i++)
    {
      char *path = g_strdup_printf ("%s/big-%02u.json", f->dir, i);

      write_synthetic (path, contents, i);
      g_ptr_array_add (args, path);
    }
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  /* Kill it once some files are committed, in the middle of another. */
  for (guint tries = 0; tries < 2000 && sheets < 2 * CRASH_SHEETS_PER_FILE; tries++)
    {
      g_usleep (2000);
      sheets = count_rows (f->db, "SELECT count(*) FROM sheets");
    }
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (proc));
  g_test_message ("killed with %" G_GINT64_FORMAT " sheets committed", sheets);

  g_assert_cmpint (sqlite3_open (f->db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Every committed revision is whole: its hash matches its bytes. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT json, sha256 FROM revisions", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sha = ms_sha256_hex (sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));

      g_assert_cmpstr (sha, ==, (const char *) sqlite3_column_text (stmt, 1));
      checked++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  /* One transaction per file: only whole files. */
  sheets = count_rows (f->db, "SELECT count(*) FROM sheets");
  revisions = count_rows (f->db, "SELECT count(*) FROM revisions");
  g_assert_cmpint (sheets, ==, revisions);
  g_assert_cmpint (checked, ==, revisions);
  g_assert_cmpint (sheets % CRASH_SHEETS_PER_FILE, ==, 0);
  g_assert_cmpint (sheets, >=, 2 * CRASH_SHEETS_PER_FILE);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM sheet_text_docsize"), ==, sheets);

  cli (&run, f, "amina", "audit", "verify", NULL);
  cli_expect (&run, 0, "Audit log intact");
  /* And the catalog keeps working: the interrupted import can be rerun. */
  cli (&run, f, "amina", "import", (const char *) g_ptr_array_index (args, 6 + CRASH_FILES - 1), NULL);
  cli_expect (&run, 0, "400 sheets imported");

  for (guint i = 0; i < CRASH_FILES; i++)
    g_remove (g_ptr_array_index (args, 6 + i));
}

/* search (issue 12): inflected words, a snippet under each result (text:
 * the words found between [ and ]; JSON: "snippet" and "highlights"), a
 * cut query noted on stderr and in JSON, text that is not UTF-8 refused. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *results;
  JsonObject *first;
  JsonArray *highlights;
  const char *snippet;

  import_demo (f);
  cli (&run, f, "amina", "search", "certificats", "de", "résidences", NULL);
  cli_expect (&run, 0, RESIDENCE);
  g_assert_true (g_str_has_prefix (run.out, RESIDENCE));
  g_assert_nonnull (strstr (run.out, "\n    [Certificat] de [résidence]\n"));
  g_assert_cmpstr (run.err, ==, "");

  cli (&run, f, "amina", "search", "--format", "json", "البطاقة", "الوطنيه", NULL);
  cli_expect (&run, 0, NULL);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  results = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (results), >=, 1);
  first = json_array_get_object_element (results, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "MI-DGSN-0003");
  snippet = json_object_get_string_member (first, "snippet");
  g_assert_true (g_str_has_prefix (snippet, "البطاقة الوطنية للتعريف"));
  g_assert_null (strchr (snippet, '\002'));
  highlights = json_object_get_array_member (first, "highlights");
  g_assert_cmpuint (json_array_get_length (highlights), ==, 2);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (highlights, 0), 0), ==, 0);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (highlights, 0), 1), ==, 7);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (highlights, 1), 0), ==, 8);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (highlights, 1), 1), ==, 15);
  g_assert_false (json_object_has_member (first, "query_cut"));

  /* Query syntax is words; nothing has them all. */
  cli (&run, f, "amina", "search", "\"résidence\" OR passeport* NEAR(", NULL);
  cli_expect (&run, 0, NULL);
  g_assert_cmpstr (run.out, ==, "");

  /* A long query is cut, with a note; the results are those of its start. */
  g_string_append (query, "résidence ");
  for (guint i = 0; i < 1200; i++)
    g_string_append (query, "certificat ");
  cli (&run, f, "amina", "search", query->str, NULL);
  cli_expect (&run, 0, RESIDENCE);
  g_assert_nonnull (strstr (run.err, "search: note: the query is cut to its first 64 words and 1000 characters"));
  g_assert_cmpuint (strlen (run.err) - 1, ==, strcspn (run.err, "\n"));
  cli (&run, f, "amina", "search", "--format", "json", query->str, NULL);
  cli_expect (&run, 0, "\"query_cut\" : true");

  /* Not UTF-8: a usage error, one line. */
  cli (&run, f, "amina", "search", "r\xe9sidence", NULL);
  cli_expect (&run, 2, "not valid UTF-8");
  g_assert_cmpstr (run.out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-store/workflow", test_workflow);
  ADD ("/cli-store/audit-tampered", test_audit_tampered);
  ADD ("/cli-store/imports", test_imports);
  ADD ("/cli-store/portal-report", test_portal_report);
  ADD ("/cli-store/users-and-db", test_users_and_db);
  ADD ("/cli-store/users-change", test_users_change);
  ADD ("/cli-store/crash", test_crash);
  ADD ("/cli-store/search", test_search);
#undef ADD

  return g_test_run ();
}
