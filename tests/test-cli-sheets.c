/* test-cli-sheets.c — masatir-cli new, duplicate, delete, show --format
 * json and keys trust-store: the commands, their output and exit statuses
 * (0 done, 1 refused by the workflow, 2 usage or unusable input)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli-run.h"
#include "test-util.h"

#define KID        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
#define ISSUER     "ma-test"
#define RESIDENCE  "06aab24e-ee88-477f-8c33-311768fbe275"

typedef struct {
  char *dir;
  char *db;
} Fixture;

/* masatir-cli as @actor on @f's catalog and keyring. */
static void
cli (Run        *run,
     Fixture    *f,
     const char *actor,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  cli_env_set (f->dir, f->db, actor);
  va_start (ap, first);
  cli_args_add_valist (args, first, ap);
  va_end (ap);
  run_cli_args (run, args);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *residence = cli_demo_path ("residence-certificate");
  g_auto(Run) run = { 0 };

  f->dir = g_dir_make_tmp ("masatir-cli-sheets-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "catalog.db", NULL);
  cli_catalog_set_up (f->dir, f->db, ISSUER);
  cli (&run, f, "amina", "import", residence, NULL);
  cli_expect (&run, 0, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

/* The sheets of list --format json, by id. */
static JsonObject *
listed (Fixture    *f,
        const char *id)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  cli (&run, f, "amina", "list", "--format", "json", NULL);
  cli_expect (&run, 0, NULL);
  list = json_from_string (run.out, NULL);
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *sheet = json_array_get_object_element (array, i);

      if (strcmp (json_object_get_string_member (sheet, "id"), id) == 0)
        return json_object_ref (sheet);
    }
  return NULL;
}

static guint
count_listed (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;

  cli (&run, f, "amina", "list", "--format", "json", NULL);
  cli_expect (&run, 0, NULL);
  list = json_from_string (run.out, NULL);
  return json_array_get_length (json_node_get_array (list));
}

/* show --format json ID: the stored sheet. */
static JsonNode *
show_json (Fixture    *f,
           const char *id)
{
  g_auto(Run) run = { 0 };
  JsonNode *node;

  cli (&run, f, "amina", "show", "--format", "json", id, NULL);
  cli_expect (&run, 0, NULL);
  node = json_from_string (run.out, NULL);
  g_assert_nonnull (node);
  return node;
}

static void
test_new (Fixture       *f,
          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) sheet = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *title;

  cli (&run, f, "amina", "new", "--title-fr", "Attestation d'essai", "--title-ar", "شهادة تجريبية",
       "--administration", "interior", NULL);
  cli_expect (&run, 0, NULL);
  id = g_strstrip (g_strdup (run.out));
  g_assert_true (g_uuid_string_is_valid (id));

  sheet = listed (f, id);
  g_assert_nonnull (sheet);
  g_assert_cmpstr (json_object_get_string_member (sheet, "state"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (sheet, "code"), ==, "NEW-0001");
  g_assert_cmpint (json_object_get_int_member (sheet, "revision"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (sheet, "administration"), ==, "interior");

  node = show_json (f, id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "id"), ==, id);
  title = json_object_get_object_member (json_node_get_object (node), "title");
  g_assert_cmpstr (json_object_get_string_member (title, "fr"), ==, "Attestation d'essai");
  g_assert_cmpstr (json_object_get_string_member (title, "ar"), ==, "شهادة تجريبية");

  /* --code, and JSON output as list gives it. */
  cli (&run, f, "amina", "new", "--code", "MI-TEST-9", "--administration", "interior", "--format", "json", NULL);
  cli_expect (&run, 0, NULL);
  json = json_from_string (run.out, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (json), 0),
                                                  "code"), ==, "MI-TEST-9");
  cli (&run, f, "amina", "new", NULL);
  cli_expect (&run, 0, NULL);
  g_assert_cmpuint (count_listed (f), ==, 4);

  /* Refusals and usage errors store nothing. */
  cli (&run, f, "amina", "new", "--code", "MI-TEST-9", "--administration", "interior", NULL);
  cli_expect (&run, 1, "already used");
  cli (&run, f, "youssef", "new", NULL);
  cli_expect (&run, 1, "editor role");
  cli (&run, f, "nobody", "new", NULL);
  /* A server lets a login that holds none of the catalog's roles read
   * nothing at all: refused at the door, the catalog unusable to it (2). */
  if (cli_pg () != NULL)
    cli_expect (&run, 2, "nobody");
  else
    cli_expect (&run, 1, "not a user");
  cli (&run, f, "amina", "new", "--administration", "Not A Code", NULL);
  cli_expect (&run, 2, "administration");
  cli (&run, f, "amina", "new", "--title-fr", "\xc3", NULL);
  cli_expect (&run, 2, NULL);
  cli (&run, f, "amina", "new", "extra", NULL);
  cli_expect (&run, 2, "takes no arguments");
  cli (&run, f, "amina", "new", "--format", "yaml", NULL);
  cli_expect (&run, 2, "--format");
  g_assert_cmpuint (count_listed (f), ==, 4);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *copy_id = NULL;
  g_autoptr(JsonNode) original = show_json (f, RESIDENCE);
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonObject) listed_copy = NULL;
  JsonObject *o = json_node_get_object (original);
  JsonObject *c;
  JsonObject *title;
  g_autofree char *code_copy = g_strconcat (json_object_get_string_member (o, "code"), "-COPY", NULL);
  g_autofree char *fr = NULL;
  g_autofree char *ar = NULL;

  cli (&run, f, "amina", "duplicate", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  copy_id = g_strstrip (g_strdup (run.out));
  g_assert_true (g_uuid_string_is_valid (copy_id));
  g_assert_cmpstr (copy_id, !=, RESIDENCE);

  listed_copy = listed (f, copy_id);
  g_assert_cmpstr (json_object_get_string_member (listed_copy, "state"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (listed_copy, "code"), ==, code_copy);

  copy = show_json (f, copy_id);
  c = json_node_get_object (copy);
  title = json_object_get_object_member (c, "title");
  fr = g_strconcat (json_object_get_string_member (json_object_get_object_member (o, "title"), "fr"),
                    " (copie)", NULL);
  ar = g_strconcat (json_object_get_string_member (json_object_get_object_member (o, "title"), "ar"),
                    " (نسخة)", NULL);
  g_assert_cmpstr (json_object_get_string_member (title, "fr"), ==, fr);
  g_assert_cmpstr (json_object_get_string_member (title, "ar"), ==, ar);

  /* The rest is the same sheet, list item ids included. */
  json_object_set_string_member (c, "id", RESIDENCE);
  json_object_set_string_member (c, "code", json_object_get_string_member (o, "code"));
  json_object_set_member (c, "title", json_node_copy (json_object_get_member (o, "title")));
  g_assert_true (json_node_equal (copy, original));

  /* The original is untouched; the copy's history says where it comes from. */
  after = show_json (f, RESIDENCE);
  g_assert_true (json_node_equal (after, original));
  cli (&run, f, "amina", "history", copy_id, NULL);
  cli_expect (&run, 0, "copy of " RESIDENCE);

  cli (&run, f, "amina", "duplicate", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  {
    g_autofree char *second = g_strstrip (g_strdup (run.out));
    g_autoptr(JsonObject) s = listed (f, second);
    g_autofree char *code_copy_2 = g_strconcat (code_copy, "-2", NULL);

    g_assert_cmpstr (json_object_get_string_member (s, "code"), ==, code_copy_2);
  }

  cli (&run, f, "amina", "duplicate", "no-such-sheet", NULL);
  cli_expect (&run, 2, "No sheet");
  cli (&run, f, "youssef", "duplicate", RESIDENCE, NULL);
  cli_expect (&run, 1, "editor role");
  cli (&run, f, "amina", "duplicate", NULL);
  cli_expect (&run, 2, "exactly one sheet id");
  g_assert_cmpuint (count_listed (f), ==, 3);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *draft = NULL;
  g_autofree char *edit = g_build_filename (f->dir, "edit.json", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autofree char *text = NULL;

  cli (&run, f, "amina", "new", "--title-fr", "Brouillon", NULL);
  cli_expect (&run, 0, NULL);
  draft = g_strstrip (g_strdup (run.out));

  /* Refused for people without the editor (or admin) role. */
  cli (&run, f, "youssef", "delete", draft, NULL);
  cli_expect (&run, 1, "neither the editor nor the admin role");

  cli (&run, f, "amina", "delete", draft, NULL);
  cli_expect (&run, 0, "Deleted");
  gone = listed (f, draft);
  g_assert_null (gone);
  cli (&run, f, "amina", "show", draft, NULL);
  cli_expect (&run, 2, "No sheet");
  cli (&run, f, "amina", "delete", draft, NULL);
  cli_expect (&run, 2, "No sheet");
  cli (&run, f, "karim", "audit", "verify", NULL);
  cli_expect (&run, 0, "intact");
  {
    /* The deletion itself is in the log, the log still whole. */
    g_autofree char *sql = g_strdup_printf ("SELECT action FROM %saudit WHERE sheet_id = '%s' ORDER BY seq",
                                            cli_pg () != NULL ? "masatir." : "", draft);
    const char *sqlite_argv[] = { "sqlite3", f->db, sql, NULL };
    const char *pg_argv[] = { "psql", "-X", "-A", "-t", "-q", cli_pg (), "-c", sql, NULL };
    const char **argv = cli_pg () != NULL ? pg_argv : sqlite_argv;
    g_autofree char *out = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                                 &status, NULL));
    g_assert_cmpstr (out, ==, "edit\ndelete\n");
  }

  /* A sheet that went to review stays, even as a draft again. */
  cli (&run, f, "amina", "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "amina", "delete", RESIDENCE, NULL);
  cli_expect (&run, 1, "was submitted for review by amina");
  cli (&run, f, "youssef", "request-changes", RESIDENCE, "--comment", "Add the appeal", NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "amina", "delete", RESIDENCE, NULL);
  cli_expect (&run, 1, "Changes requested");
  node = show_json (f, RESIDENCE);
  json_object_set_int_member (json_node_get_object (node), "deadline_days", 2);
  text = json_to_string (node, FALSE);
  g_assert_true (g_file_set_contents (edit, text, -1, NULL));
  cli (&run, f, "amina", "save", edit, "--base", "1", NULL);
  cli_expect (&run, 0, "revision 2, Draft");
  cli (&run, f, "amina", "delete", RESIDENCE, NULL);
  cli_expect (&run, 1, "cannot be deleted");
  cli (&run, f, "amina", "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "youssef", "approve", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "karim", "delete", RESIDENCE, NULL);
  cli_expect (&run, 1, "Approved");

  cli (&run, f, "amina", "delete", NULL);
  cli_expect (&run, 2, "exactly one sheet id");
  g_assert_cmpuint (count_listed (f), ==, 1);
}

static void
test_show_json (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *edit = g_build_filename (f->dir, "edit.json", NULL);
  g_autoptr(JsonNode) current = show_json (f, RESIDENCE);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) demo = NULL;
  g_autofree char *residence = cli_demo_path ("residence-certificate");

  /* What show prints, save takes back. */
  json_object_set_int_member (json_node_get_object (current), "deadline_days", 5);
  {
    g_autofree char *text = json_to_string (current, TRUE);

    g_assert_true (g_file_set_contents (edit, text, -1, NULL));
  }
  cli (&run, f, "amina", "save", edit, "--base", "1", NULL);
  cli_expect (&run, 0, "revision 2");
  g_clear_pointer (&current, json_node_unref);
  current = show_json (f, RESIDENCE);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (current), "deadline_days"), ==, 5);

  cli (&run, f, "amina", "show", "--format", "json", "--revision", "1", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  first = json_from_string (run.out, NULL);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_file (parser, residence, NULL));
    demo = json_node_copy (json_parser_get_root (parser));
  }
  g_assert_true (json_node_equal (first, demo));

  cli (&run, f, "amina", "show", "--revision", "1", RESIDENCE, NULL);
  cli_expect (&run, 0, "the current one is 2");
  cli (&run, f, "amina", "show", "--format", "json", "--revision", "3", RESIDENCE, NULL);
  cli_expect (&run, 2, "no revision 3");
  cli (&run, f, "amina", "show", "--revision", "x", RESIDENCE, NULL);
  cli_expect (&run, 2, "not a revision number");
  cli (&run, f, "amina", "show", "--revision", "1", residence, NULL);
  cli_expect (&run, 2, "not a file");
  cli (&run, f, "amina", "show", "--format", "json", residence, NULL);
  cli_expect (&run, 0, RESIDENCE);
  cli (&run, f, "amina", "show", "--format", "json", "no-such-sheet", NULL);
  cli_expect (&run, 2, "No sheet");
}

static void
test_trust_store (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *jwk = g_test_build_filename (G_TEST_DIST, "data", "rfc8037-a4-private.jwk", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "build-aux", "verify-bundle.py", NULL);
  g_autofree char *node_script = g_test_build_filename (G_TEST_DIST, "..", "build-aux", "verify-bundle.mjs", NULL);
  g_autofree char *bundle = g_build_filename (f->dir, "bundle.json", NULL);
  g_autofree char *trust = g_build_filename (f->dir, "trust.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.json", NULL);
  g_autofree char *written = NULL;
  g_auto(Run) run = { 0 };
  const char *expected = "{\"keys\":{\"" KID "\":{\"crv\":\"Ed25519\",\"issuer\":\"" ISSUER "\","
                         "\"kty\":\"OKP\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}},"
                         "\"threshold\":1}\n";
  GStatBuf st;

  cli (&run, f, "karim", "keys", "import", jwk, NULL);
  cli_expect (&run, 0, KID);
  cli (&run, f, "amina", "submit", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "youssef", "approve", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "karim", "export", "--key", KID, "--out", bundle, NULL);
  cli_expect (&run, 0, NULL);

  /* RFC 8785 bytes, the issuer taken from the catalog; readable by all. */
  cli (&run, f, "karim", "keys", "trust-store", KID, NULL);
  cli_expect (&run, 0, NULL);
  g_assert_cmpstr (run.out, ==, expected);
  cli (&run, f, "karim", "keys", "trust-store", KID, "--issuer", ISSUER, "--out", trust, NULL);
  cli_expect (&run, 0, trust);
  g_assert_true (g_file_get_contents (trust, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpint (g_stat (trust, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* The three verifiers accept it for a bundle signed with that key. */
  cli (&run, f, "karim", "verify", "--trust", trust, bundle, NULL);
  cli_expect (&run, 0, NULL);
  {
    const char *argv[] = { "python3", script, "--trust", trust, bundle, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *line = g_strdup_printf ("%s\tok\n", bundle);

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                                 NULL, NULL));
    if (g_strcmp0 (out, line) != 0)
      g_error ("verify-bundle.py (python3-cryptography is required): %s%s", out, err);
  }
  {
    const char *argv[] = { "node", node_script, "--trust", trust, bundle, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *line = g_strdup_printf ("%s\tok\n", bundle);

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                                 NULL, NULL));
    if (g_strcmp0 (out, line) != 0)
      g_error ("verify-bundle.mjs (nodejs is required): %s%s", out, err);
  }

  /* A key bound to another issuer does not verify this one's bundles. */
  cli (&run, f, "karim", "keys", "trust-store", KID, "--issuer", "ma-other", "--out", other, NULL);
  cli_expect (&run, 0, NULL);
  cli (&run, f, "karim", "verify", "--trust", other, bundle, NULL);
  cli_expect (&run, 1, "issuer");

  /* A kid not in the keyring is unusable input, like a bad option. */
  cli (&run, f, "karim", "keys", "trust-store", "no-such-kid", NULL);
  cli_expect (&run, 2, "no-such-kid");
  cli (&run, f, "karim", "keys", "trust-store", NULL);
  cli_expect (&run, 2, "at least one key");
  cli (&run, f, "karim", "keys", "trust-store", KID, KID, NULL);
  cli_expect (&run, 2, "twice");
  cli (&run, f, "karim", "keys", "trust-store", KID, "--threshold", "2", NULL);
  cli_expect (&run, 2, "threshold");
  cli (&run, f, "karim", "keys", "trust-store", KID, "--issuer", "not an issuer", NULL);
  cli_expect (&run, 2, "issuer");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-sheets/new", test_new);
  ADD ("/cli-sheets/duplicate", test_duplicate);
  ADD ("/cli-sheets/delete", test_delete);
  ADD ("/cli-sheets/show-json", test_show_json);
  ADD ("/cli-sheets/trust-store", test_trust_store);
#undef ADD

  return g_test_run ();
}
