/* test-cli.c — masatir-cli as a user runs it: output and exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"

static char *
demo_file (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      return g_build_filename (dir, name, NULL);
  g_assert_not_reached ();
}

static void
test_help_and_version (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) version = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) command_help = { 0 };

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "check-json"));
  g_assert_nonnull (strstr (help.out, "Exit status"));

  run_cli (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "masatir-cli " PACKAGE_VERSION "\n");

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage:"));

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.err, ==, "masatir-cli: unknown command “frobnicate” (see --help)\n");

  run_cli (&bad_option, "check-json", "--frob", "x.json", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
  g_assert_true (g_str_has_prefix (bad_option.err, "masatir-cli: check-json: Unknown option --frob"));

  run_cli (&command_help, "show", "--help", NULL);
  g_assert_cmpint (command_help.status, ==, 0);
  g_assert_nonnull (strstr (command_help.out, "show FILE"));
}

static void
test_show (void)
{
  g_autofree char *path = demo_file ();
  g_auto(Run) run = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) two = { 0 };
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *title;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  node = json_from_string (contents, NULL);
  title = json_object_get_object_member (json_node_get_object (node), "title");

  run_cli (&run, "show", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, json_object_get_string_member (title, "ar")));
  g_assert_nonnull (strstr (run.out, json_object_get_string_member (title, "fr")));
  g_assert_nonnull (strstr (run.out, json_object_get_string_member (json_node_get_object (node), "id")));
  g_assert_nonnull (strstr (run.out, "Answer deadline"));

  run_cli (&missing, "show", "/nonexistent.json", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_true (g_str_has_prefix (missing.err, "masatir-cli: /nonexistent.json: "));
  g_assert_cmpuint (strlen (strchr (missing.err, '\n')), ==, 1);

  run_cli (&two, "show", path, path, NULL);
  g_assert_cmpint (two.status, ==, 2);
}

static void
test_check_json (void)
{
  g_autofree char *good = demo_file ();
  g_autofree char *tmp = g_dir_make_tmp ("masatir-cli-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (tmp, "bad.json", NULL);
  g_autofree char *garbage = g_build_filename (tmp, "garbage.json", NULL);
  g_auto(Run) ok = { 0 };
  g_auto(Run) problems = { 0 };
  g_auto(Run) not_json = { 0 };
  g_auto(Run) unreadable = { 0 };
  g_auto(Run) none = { 0 };

  g_assert_true (g_file_set_contents (bad,
                                      "{\"id\": \"0f8e4c2a-6d1b-4f3e-9a57-2c1d8b9e7a10\","
                                      " \"documents\": [{\"id\": \"d1\", \"copies\": \"two\"}],"
                                      " \"act_kind\": \"favour\"}", -1, NULL));
  g_assert_true (g_file_set_contents (garbage, "\xff\xfe garbage", -1, NULL));

  run_cli (&ok, "check-json", good, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, ": OK, 1 sheet"));

  run_cli (&problems, "check-json", good, bad, NULL);
  g_assert_cmpint (problems.status, ==, 1);
  g_assert_nonnull (strstr (problems.out, "bad.json: act_kind: “favour” is not one of"));
  g_assert_nonnull (strstr (problems.out, "bad.json: documents[0].copies: expected an integer, found a string"));

  run_cli (&not_json, "check-json", garbage, NULL);
  g_assert_cmpint (not_json.status, ==, 1);
  g_assert_nonnull (strstr (not_json.out, "garbage.json: line 1, column 1: not valid JSON: not valid UTF-8"));

  run_cli (&unreadable, "check-json", good, "/nonexistent.json", NULL);
  g_assert_cmpint (unreadable.status, ==, 2);
  g_assert_nonnull (strstr (unreadable.err, "/nonexistent.json"));

  run_cli (&none, "check-json", NULL);
  g_assert_cmpint (none.status, ==, 2);

  g_assert_cmpint (g_remove (bad), ==, 0);
  g_assert_cmpint (g_remove (garbage), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

static void
test_global_options (void)
{
  g_auto(Run) missing_db = { 0 };
  g_auto(Run) with_db = { 0 };

  run_cli (&missing_db, "--db", NULL);
  g_assert_cmpint (missing_db.status, ==, 2);
  g_assert_cmpstr (missing_db.err, ==, "masatir-cli: --db needs a value\n");

  run_cli (&with_db, "--db=/tmp/x.db", "--as", "amina", "--version", NULL);
  g_assert_cmpint (with_db.status, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/cli/show", test_show);
  g_test_add_func ("/cli/check-json", test_check_json);
  g_test_add_func ("/cli/global-options", test_global_options);

  return g_test_run ();
}
