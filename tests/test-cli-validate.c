/* test-cli-validate.c — masatir-cli validate: output and exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"
#include "ms-validator.h"

static char *
demo_file (const char *name)
{
  return g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", name, NULL);
}

typedef struct {
  char *dir;
  char *not_json;
  char *not_sheet;
  char *list;
} Files;

static void
files_setup (Files         *f,
             gconstpointer  data)
{
  g_autofree char *clean = demo_file ("residence-certificate.json");
  g_autofree char *faulty = demo_file ("marriage-file.json");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *list = NULL;

  f->dir = g_dir_make_tmp ("masatir-validate-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->not_json = g_build_filename (f->dir, "not-json.json", NULL);
  f->not_sheet = g_build_filename (f->dir, "not-sheet.json", NULL);
  f->list = g_build_filename (f->dir, "list.json", NULL);
  g_assert_true (g_file_set_contents (f->not_json, "{\"id\": ", -1, NULL));
  g_assert_true (g_file_set_contents (f->not_sheet, "{\"name\": \"a shopping list\"}", -1, NULL));
  g_assert_true (g_file_get_contents (clean, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (faulty, &b, NULL, NULL));
  list = g_strdup_printf ("[%s, %s]", a, b);
  g_assert_true (g_file_set_contents (f->list, list, -1, NULL));
}

static void
files_teardown (Files         *f,
                gconstpointer  data)
{
  g_assert_cmpint (g_remove (f->not_json), ==, 0);
  g_assert_cmpint (g_remove (f->not_sheet), ==, 0);
  g_assert_cmpint (g_remove (f->list), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->not_json);
  g_free (f->not_sheet);
  g_free (f->list);
  g_free (f->dir);
}

static void
test_text (void)
{
  g_autofree char *clean = demo_file ("residence-certificate.json");
  g_autofree char *faulty = demo_file ("marriage-file.json");
  g_auto(Run) ok = { 0 };
  g_auto(Run) problems = { 0 };
  g_autofree char *one_copy = NULL;
  const char *error_line, *warning_line;

  /* Warnings alone do not fail a sheet. */
  run_cli (&ok, "validate", clean, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_cmpstr (ok.err, ==, "");
  g_assert_true (g_str_has_prefix (ok.out, clean));
  g_assert_nonnull (strstr (ok.out, "06aab24e-ee88-477f-8c33-311768fbe275"));
  g_assert_null (strstr (ok.out, "  error "));

  run_cli (&problems, "validate", clean, faulty, NULL);
  g_assert_cmpint (problems.status, ==, 1);
  g_assert_cmpstr (problems.err, ==, "");
  /* Rules and fields by their names, the ids at the end of the line. */
  one_copy = g_strdup_printf ("  error    %s ", ms_rule_get_name ("one-copy"));
  error_line = strstr (problems.out, one_copy);
  g_assert_nonnull (error_line);
  g_assert_nonnull (strstr (error_line, "Document 5 › Copies "));
  g_assert_nonnull (strstr (error_line, "art. 7"));
  g_assert_nonnull (strstr (error_line, " [one-copy documents[4].copies]\n"));
  g_assert_true (strstr (error_line, "\n") > strstr (error_line, "art. 7"));
  g_assert_nonnull (strstr (problems.out, " [closed-list "));
  g_assert_nonnull (strstr (problems.out, " [appeal"));
  /* Errors come before the warnings of their sheet, then the counts. */
  warning_line = strstr (strstr (problems.out, faulty), "  warning ");
  g_assert_nonnull (warning_line);
  g_assert_true (error_line < warning_line);
  g_assert_nonnull (strstr (problems.out, "  3 errors, "));
  g_assert_nonnull (strstr (problems.out, "Total: 2 sheets, 3 errors, "));
}

static void
test_json (void)
{
  g_autofree char *clean = demo_file ("residence-certificate.json");
  g_autofree char *faulty = demo_file ("marriage-file.json");
  g_auto(Run) run = { 0 };
  g_auto(Run) clean_run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) errors = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *list;
  gboolean saw_warning = FALSE;

  run_cli (&run, "validate", "--format", "json", faulty, clean, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), >, 3);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      static const char * const members[] = { "sheet", "file", "rule", "severity", "path", "article", "message" };
      const char *severity;

      g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (members));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_nonnull (json_object_get_string_member (o, members[m]));
      severity = json_object_get_string_member (o, "severity");
      g_assert_true (g_str_equal (severity, "error") || g_str_equal (severity, "warning"));
      if (g_str_equal (severity, "error"))
        {
          g_assert_false (saw_warning);
          g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, faulty);
          g_assert_cmpstr (json_object_get_string_member (o, "sheet"), ==, "bc654cc4-a8fc-48b9-840c-1282bd592a59");
          g_hash_table_add (errors, (gpointer) json_object_get_string_member (o, "rule"));
          if (g_str_equal (json_object_get_string_member (o, "rule"), "one-copy"))
            {
              g_assert_cmpstr (json_object_get_string_member (o, "path"), ==, "documents[4].copies");
              g_assert_cmpstr (json_object_get_string_member (o, "article"), ==, "7");
            }
        }
      else if (g_str_equal (json_object_get_string_member (o, "file"), faulty))
        saw_warning = TRUE;
    }
  g_assert_cmpuint (g_hash_table_size (errors), ==, 3);
  g_assert_true (g_hash_table_contains (errors, "one-copy"));
  g_assert_true (g_hash_table_contains (errors, "closed-list"));
  g_assert_true (g_hash_table_contains (errors, "appeal"));

  run_cli (&clean_run, "validate", "--format=json", clean, NULL);
  g_assert_cmpint (clean_run.status, ==, 0);
  g_assert_nonnull (strstr (clean_run.out, "\"severity\" : \"warning\""));
  g_assert_null (strstr (clean_run.out, "\"severity\" : \"error\""));
}

static void
test_list_file (Files         *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *first = g_strdup_printf ("%s [0]: ", f->list);
  g_autofree char *second = g_strdup_printf ("%s [1]: ", f->list);

  run_cli (&run, "validate", f->list, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, first));
  g_assert_nonnull (strstr (run.out, second));
}

static void
test_unusable (Files         *f,
               gconstpointer  data)
{
  g_autofree char *clean = demo_file ("residence-certificate.json");
  g_auto(Run) missing = { 0 };
  g_auto(Run) not_json = { 0 };
  g_auto(Run) not_sheet = { 0 };
  g_auto(Run) mixed = { 0 };
  g_auto(Run) all = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_autofree char *prefix = NULL;

  run_cli (&missing, "validate", "/nonexistent/sheet.json", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_true (g_str_has_prefix (missing.err, "masatir-cli: "));
  g_assert_nonnull (strstr (missing.err, "/nonexistent/sheet.json"));
  g_assert_cmpuint (strlen (strchr (missing.err, '\n')), ==, 1);

  run_cli (&not_json, "validate", f->not_json, NULL);
  g_assert_cmpint (not_json.status, ==, 2);
  prefix = g_strdup_printf ("masatir-cli: %s: line 1", f->not_json);
  g_assert_true (g_str_has_prefix (not_json.err, prefix));

  run_cli (&not_sheet, "validate", "--format", "json", f->not_sheet, NULL);
  g_assert_cmpint (not_sheet.status, ==, 2);
  g_assert_nonnull (strstr (not_sheet.err, f->not_sheet));
  g_assert_nonnull (strstr (not_sheet.err, "unknown member “name”"));
  /* ...and in the output, as JSON, not only on stderr. */
  g_assert_nonnull (strstr (not_sheet.out, "\"rule\" : \"format\""));
  g_assert_nonnull (strstr (not_sheet.out, "unknown member “name”"));

  /* The usable files are still validated and reported. */
  run_cli (&mixed, "validate", clean, f->not_json, NULL);
  g_assert_cmpint (mixed.status, ==, 2);
  g_assert_nonnull (strstr (mixed.out, clean));
  g_assert_nonnull (strstr (mixed.err, f->not_json));

  /* --all reads the catalog: none here (test-cli-report validates one).
   * On the PostgreSQL half, a server with no catalog schema, as a login
   * that may not make it: refused, in one line, nothing made. */
  if (cli_pg () != NULL)
    {
      g_autofree char *conninfo = g_strdup_printf ("%s user=karim", cli_pg ());

      if (g_strcmp0 (g_getenv ("MASATIR_TEST_PG_THROWAWAY"), "1") != 0)
        g_error ("MASATIR_TEST_PG is not a throwaway cluster of tests/pg-cluster.py: its schema is not dropped");
      cli_pg_exec ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS masatir CASCADE;"
                   "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'karim') THEN"
                   " CREATE ROLE karim LOGIN; END IF; END $$");
      g_setenv ("MASATIR_DB", conninfo, TRUE);
      run_cli (&all, "validate", "--all", NULL);
      g_unsetenv ("MASATIR_DB");
      g_assert_cmpint (all.status, ==, 2);
      g_assert_cmpstr (all.out, ==, "");
      g_assert_true (g_str_has_prefix (all.err, "masatir-cli: validate: "));
      g_assert_nonnull (strstr (all.err, "has no schema"));
      g_assert_nonnull (strchr (all.err, '\n'));
      g_assert_cmpstr (strchr (all.err, '\n'), ==, "\n");
      /* Nothing made: the schema is still not there. */
      cli_pg_exec ("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'masatir') THEN"
                   " RAISE 'the schema was made'; END IF; END $$");
    }
  else
    {
      g_autofree char *db = g_build_filename (f->dir, "no-catalog.db", NULL);

      g_setenv ("MASATIR_DB", db, TRUE);
      run_cli (&all, "validate", "--all", NULL);
      g_unsetenv ("MASATIR_DB");
      g_assert_cmpint (all.status, ==, 2);
      g_assert_cmpstr (all.out, ==, "");
      g_assert_true (g_str_has_prefix (all.err, "masatir-cli: validate: "));
      g_assert_nonnull (strstr (all.err, "no-catalog.db"));
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }

  run_cli (&none, "validate", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpstr (none.err, ==, "masatir-cli: validate: give at least one sheet file or id, or --all\n");

  run_cli (&bad_format, "validate", "--format", "xml", clean, NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_nonnull (strstr (bad_format.err, "“xml”"));
}

static void
test_help (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) command_help = { 0 };

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "validate [--format text|json] FILE..."));

  run_cli (&command_help, "validate", "--help", NULL);
  g_assert_cmpint (command_help.status, ==, 0);
  g_assert_nonnull (strstr (command_help.out, "--format"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/validate/text", test_text);
  g_test_add_func ("/cli/validate/json", test_json);
  g_test_add ("/cli/validate/list-file", Files, NULL, files_setup, test_list_file, files_teardown);
  g_test_add ("/cli/validate/unusable", Files, NULL, files_setup, test_unusable, files_teardown);
  g_test_add_func ("/cli/validate/help", test_help);

  return g_test_run ();
}
