/* test-cli-report.c — masatir-cli validate --all / ID, show --format json
 * round trips, and report (text, JSON, and HTML rendered by headless
 * Chromium: the figures in its DOM are the JSON's, its PNG is not blank)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"
#include "test-util.h"

#define ISSUER     "ma-test"
#define RESIDENCE  "06aab24e-ee88-477f-8c33-311768fbe275"

typedef struct {
  char       *dir;
  char       *db;
  JsonObject *planted;     /* demo file name → {errors, paths} */
  GHashTable *file_of;     /* sheet id → demo file name */
} Fixture;

static void
cli (Run        *run,
     Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  cli_env_set (f->dir, f->db, "amina");
  va_start (ap, first);
  cli_args_add_valist (args, first, ap);
  va_end (ap);
  run_cli_args (run, args);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autofree char *planted = g_test_build_filename (G_TEST_DIST, "data", "demo-planted.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (demo, 0, NULL);
  g_auto(Run) run = { 0 };
  const char *name;

  f->dir = g_dir_make_tmp ("masatir-cli-report-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "catalog.db", NULL);
  f->file_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cli_catalog_set_up (f->dir, f->db, ISSUER);

  g_ptr_array_add (args, g_strdup ("import"));
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      {
        char *path = g_build_filename (demo, name, NULL);
        g_autoptr(JsonParser) sheet = json_parser_new ();

        g_assert_true (json_parser_load_from_file (sheet, path, NULL));
        g_hash_table_insert (f->file_of,
                             g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (sheet)), "id")),
                             g_strdup (name));
        g_ptr_array_add (args, path);
      }
  g_assert_cmpuint (args->len, ==, 30);
  cli_env_set (f->dir, f->db, "amina");
  run_cli_args (&run, args);
  cli_expect (&run, 0, NULL);

  g_assert_true (json_parser_load_from_file (parser, planted, NULL));
  f->planted = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  json_object_unref (f->planted);
  g_hash_table_unref (f->file_of);
  g_free (f->db);
  g_free (f->dir);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The set of "sheet/rule" of the errors in a validate --format json list. */
static GHashTable *
error_pairs (JsonArray *issues)
{
  GHashTable *pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);

      if (strcmp (json_object_get_string_member (issue, "severity"), "error") == 0)
        g_hash_table_add (pairs, g_strdup_printf ("%s/%s", json_object_get_string_member (issue, "sheet"),
                                                  json_object_get_string_member (issue, "rule")));
    }
  return pairs;
}

/* validate --all: every stored sheet, latest revision; its errors are the
 * planted ones, and the issues are those of the files. */
static void
test_validate_all (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) files = { 0 };
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) from_files = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  g_autoptr(GHashTable) sheets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *demo = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  JsonArray *issues, *file_issues;
  GHashTableIter iter;
  gpointer id, file;
  guint n_planted = 0;

  cli (&run, f, "validate", "--all", "--format", "json", NULL);
  cli_expect (&run, 1, NULL);
  stored = parse (run.out);
  issues = json_node_get_array (stored);
  pairs = error_pairs (issues);

  g_hash_table_iter_init (&iter, f->file_of);
  while (g_hash_table_iter_next (&iter, &id, &file))
    {
      JsonArray *errors = json_object_get_array_member (json_object_get_object_member (f->planted, file), "errors");

      for (guint e = 0; e < json_array_get_length (errors); e++)
        {
          g_autofree char *pair = g_strdup_printf ("%s/%s", (char *) id, json_array_get_string_element (errors, e));

          g_assert_true (g_hash_table_contains (pairs, pair));
          n_planted++;
        }
    }
  /* Nothing but the planted errors (each planted rule once per sheet). */
  g_assert_cmpuint (g_hash_table_size (pairs), ==, n_planted);
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);

      g_assert_true (json_object_get_null_member (issue, "file"));
      g_assert_cmpint (json_object_get_int_member (issue, "revision"), ==, 1);
      g_hash_table_add (sheets, (gpointer) json_object_get_string_member (issue, "sheet"));
    }

  /* The same issues as validating the files. */
  g_ptr_array_add (args, g_strdup ("validate"));
  g_ptr_array_add (args, g_strdup ("--format=json"));
  g_hash_table_iter_init (&iter, f->file_of);
  while (g_hash_table_iter_next (&iter, &id, &file))
    g_ptr_array_add (args, g_build_filename (demo, file, NULL));
  run_cli_args (&files, args);
  cli_expect (&files, 1, NULL);
  from_files = parse (files.out);
  file_issues = json_node_get_array (from_files);
  g_assert_cmpuint (json_array_get_length (file_issues), ==, json_array_get_length (issues));

  cli (&run, f, "validate", "--all", NULL);
  cli_expect (&run, 1, "Total: 29 sheets");
  g_assert_nonnull (strstr (run.out, "revision 1 of MI-DGSN-0001"));
  /* The sheets the JSON lists no issue of are the clean ones of the text. */
  {
    guint clean = 0;

    for (const char *p = run.out; (p = strstr (p, "no problem found")) != NULL; p++)
      clean++;
    g_assert_cmpuint (g_hash_table_size (sheets) + clean, ==, 29);
  }

  cli (&run, f, "validate", "--all", RESIDENCE, NULL);
  cli_expect (&run, 2, "--all");
  g_assert_cmpstr (run.out, ==, "");
}

/* validate ID...: stored sheets by id, with files; an unknown id is
 * unusable input, the others are still reported. */
static void
test_validate_ids (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *marriage = cli_demo_path ("marriage-file");
  const char *marriage_id = NULL;
  GHashTableIter iter;
  gpointer id, file;

  g_hash_table_iter_init (&iter, f->file_of);
  while (g_hash_table_iter_next (&iter, &id, &file))
    if (strcmp (file, "marriage-file.json") == 0)
      marriage_id = id;
  g_assert_nonnull (marriage_id);

  cli (&run, f, "validate", RESIDENCE, NULL);
  cli_expect (&run, 0, "revision 1 of MI-DGSN-0001");
  cli (&run, f, "validate", "--format", "json", RESIDENCE, marriage_id, marriage, NULL);
  cli_expect (&run, 1, NULL);
  node = parse (run.out);
  {
    JsonArray *issues = json_node_get_array (node);
    guint stored_marriage = 0, file_marriage = 0;

    for (guint i = 0; i < json_array_get_length (issues); i++)
      {
        JsonObject *issue = json_array_get_object_element (issues, i);

        if (strcmp (json_object_get_string_member (issue, "sheet"), marriage_id) != 0)
          continue;
        if (json_object_get_null_member (issue, "file"))
          stored_marriage++;
        else
          file_marriage++;
      }
    g_assert_cmpuint (stored_marriage, >, 0);
    g_assert_cmpuint (stored_marriage, ==, file_marriage);
  }

  cli (&run, f, "validate", "no-such-sheet", RESIDENCE, NULL);
  cli_expect (&run, 2, "No sheet");
  g_assert_nonnull (strstr (run.out, "MI-DGSN-0001"));
}

/* A file that is not a valid sheet: its format errors in the output, text
 * and JSON, and still exit 2 (unusable input) with a line on stderr. */
static void
test_validate_bad_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "broken.json", NULL);
  g_autofree char *clean = cli_demo_path ("residence-certificate");
  g_autoptr(JsonNode) node = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *issues;
  gboolean root = FALSE, code = FALSE, syntax = FALSE, clean_seen = FALSE;

  g_assert_true (g_file_set_contents (bad, "{\"name\": \"a shopping list\", \"code\": 7}", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "{\"id\": ", -1, NULL));

  cli (&run, f, "validate", bad, NULL);
  cli_expect (&run, 2, NULL);
  g_assert_nonnull (strstr (run.out, "not a valid sheet"));
  g_assert_nonnull (strstr (run.out, "expected text, found an integer"));
  g_assert_nonnull (strstr (run.err, bad));

  cli (&run, f, "validate", "--format", "json", bad, broken, clean, NULL);
  cli_expect (&run, 2, NULL);
  node = parse (run.out);
  issues = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);
      const char *file = json_object_get_string_member (issue, "file");
      const char *rule = json_object_get_string_member (issue, "rule");
      const char *path = json_object_get_string_member (issue, "path");
      const char *message = json_object_get_string_member (issue, "message");

      if (strcmp (file, clean) == 0)
        {
          clean_seen = TRUE;
          continue;
        }
      g_assert_cmpstr (rule, ==, "format");
      g_assert_cmpstr (json_object_get_string_member (issue, "severity"), ==, "error");
      g_assert_true (json_object_get_null_member (issue, "sheet"));
      g_assert_true (json_object_get_null_member (issue, "article"));
      if (strcmp (file, bad) == 0 && strcmp (path, "") == 0 && strstr (message, "“name”") != NULL)
        root = TRUE;
      if (strcmp (file, bad) == 0 && strcmp (path, "code") == 0)
        code = TRUE;
      if (strcmp (file, broken) == 0 && strstr (message, "line 1") != NULL)
        syntax = TRUE;
    }
  g_assert_true (root);
  g_assert_true (code);
  g_assert_true (syntax);
  g_assert_true (clean_seen);
}

/* show --format json prints bytes save --base takes back: an edit made in
 * the text is all that changes. */
static void
test_show_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *edit = g_build_filename (f->dir, "edit.json", NULL);
  g_autofree char *original = NULL;
  g_autofree char *edited = NULL;
  g_auto(Run) run = { 0 };
  char *deadline;

  cli (&run, f, "show", "--format", "json", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  original = g_strdup (run.out);
  deadline = strstr (original, "\"deadline_days\" : 0");
  g_assert_nonnull (deadline);
  edited = g_strdup (original);
  edited[deadline - original + strlen ("\"deadline_days\" : ")] = '7';
  g_assert_true (g_file_set_contents (edit, edited, -1, NULL));

  cli (&run, f, "save", edit, "--base", "1", NULL);
  cli_expect (&run, 0, "revision 2");
  cli (&run, f, "show", "--format", "json", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  g_assert_cmpstr (run.out, ==, edited);
  cli (&run, f, "show", "--format", "json", "--revision", "2", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  g_assert_cmpstr (run.out, ==, edited);
  cli (&run, f, "show", "--format", "json", "--revision", "1", RESIDENCE, NULL);
  cli_expect (&run, 0, NULL);
  g_assert_cmpstr (run.out, ==, original);

  /* The stale base is refused: the lock holds. */
  cli (&run, f, "save", edit, "--base", "1", NULL);
  cli_expect (&run, 1, NULL);
  /* validate ID checks the latest revision. */
  cli (&run, f, "validate", "--format", "json", RESIDENCE, NULL);
  cli_expect (&run, 0, "\"revision\" : 2");
}

static JsonNode *
report_json (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli (&run, f, "report", "--format", "json", NULL);
  cli_expect (&run, 0, NULL);
  return parse (run.out);
}

/* The report's figures against validate --all's issues. */
static void
test_report_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) report = report_json (f);
  g_autoptr(JsonNode) validated = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  g_autoptr(GHashTable) error_sheets = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *o = json_node_get_object (report);
  JsonArray *rules = json_object_get_array_member (o, "rules");
  JsonArray *issues;
  g_auto(Run) run = { 0 };
  gint64 n_errors = 0, n_warnings = 0;

  cli (&run, f, "validate", "--all", "--format", "json", NULL);
  validated = parse (run.out);
  issues = json_node_get_array (validated);
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);

      if (strcmp (json_object_get_string_member (issue, "severity"), "error") == 0)
        {
          n_errors++;
          g_hash_table_add (error_sheets, (gpointer) json_object_get_string_member (issue, "sheet"));
        }
      else
        n_warnings++;
    }

  g_assert_cmpint (json_object_get_int_member (o, "sheets"), ==, 29);
  g_assert_cmpint (json_object_get_int_member (o, "without_errors"), ==, 29 - g_hash_table_size (error_sheets));
  g_assert_cmpint (json_object_get_int_member (o, "without_errors"), ==, 19);
  g_assert_cmpint (json_object_get_int_member (o, "percent_without_errors"), ==, 66);
  g_assert_cmpint (json_object_get_int_member (o, "errors"), ==, n_errors);
  g_assert_cmpint (json_object_get_int_member (o, "warnings"), ==, n_warnings);

  for (guint r = 0; r < json_array_get_length (rules); r++)
    {
      JsonObject *rule = json_array_get_object_element (rules, r);
      const char *id = json_object_get_string_member (rule, "rule");
      g_autoptr(GHashTable) sheets = g_hash_table_new (g_str_hash, g_str_equal);
      gint64 n_issues = 0;

      for (guint i = 0; i < json_array_get_length (issues); i++)
        {
          JsonObject *issue = json_array_get_object_element (issues, i);

          if (strcmp (json_object_get_string_member (issue, "rule"), id) != 0)
            continue;
          n_issues++;
          g_hash_table_add (sheets, (gpointer) json_object_get_string_member (issue, "sheet"));
        }
      g_assert_cmpint (json_object_get_int_member (rule, "sheets"), ==, g_hash_table_size (sheets));
      g_assert_cmpint (json_object_get_int_member (rule, "issues"), ==, n_issues);
    }

  cli (&run, f, "report", "--format", "xml", NULL);
  cli_expect (&run, 2, "“xml”");
  cli (&run, f, "report", "extra", NULL);
  cli_expect (&run, 2, "no argument");
}

static void
test_report_text (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *out = g_build_filename (f->dir, "report.txt", NULL);
  g_autofree char *written = NULL;

  cli (&run, f, "report", NULL);
  cli_expect (&run, 0, "29 sheets, 19 without errors (66 %)");
  g_assert_nonnull (strstr (run.out, "Communes\n    6 sheets, 4 without errors (67 %)"));
  g_assert_nonnull (strstr (run.out, "Fees without legal basis (art. 6): 1\n"));
  g_assert_nonnull (strstr (run.out, "Over 60 days  1\n"));

  cli (&run, f, "report", "--out", out, NULL);
  cli_expect (&run, 0, NULL);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "29 sheets, 19 without errors (66 %)"));
}

/* Chromium, headless, with a home of its own in @dir: @args then the URL. */
static void
chromium (const char  *dir,
          const char  *html,
          const char  *option,
          char       **out)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *home = g_build_filename (dir, "chromium-home", NULL);
  g_autofree char *profile = g_build_filename (home, "profile", NULL);
  g_autofree char *profile_arg = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *url = g_filename_to_uri (html, NULL, NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", home, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, "chromium", "--headless", "--no-sandbox",
                                      "--disable-gpu", "--no-first-run", profile_arg,
                                      "--window-size=1280,2000", option, url, NULL);
  /* A missing Chromium fails the test (Debian: chromium): no skip. */
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("chromium %s failed: %s", option, err);
}

/* data-figure="NAME" data-value="N">TEXT< in the DOM: NAME → N, each shown
 * as its number. */
static GHashTable *
dom_figures (const char *dom)
{
  g_autoptr(GRegex) regex = g_regex_new ("data-figure=\"([^\"]+)\" data-value=\"([0-9]+)\">([0-9]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_regex_match (regex, dom, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);
      g_autofree char *shown = g_match_info_fetch (match, 3);

      g_assert_cmpstr (value, ==, shown);
      g_hash_table_insert (figures, g_match_info_fetch (match, 1), g_steal_pointer (&value));
      g_match_info_next (match, NULL);
    }
  return figures;
}

static void
assert_figure (GHashTable *figures,
               const char *name,
               gint64      expected)
{
  const char *value = g_hash_table_lookup (figures, name);

  if (value == NULL)
    g_error ("the page shows no figure %s", name);
  g_assert_cmpint (g_ascii_strtoll (value, NULL, 10), ==, expected);
}

/* Many colours, not one: the page was drawn. */
static void
assert_png_drawn (const char *png)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_autoptr(GHashTable) colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  const guchar *pixels;
  int stride, channels;
  guint dark = 0;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 1280);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 2000);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y += 2)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x += 2)
      {
        const guchar *p = pixels + y * stride + x * channels;

        g_hash_table_add (colours, GUINT_TO_POINTER ((p[0] << 16) | (p[1] << 8) | p[2]));
        dark += p[0] + p[1] + p[2] < 200;
      }
  /* Text (dark pixels) and the bars' colours. */
  g_assert_cmpuint (g_hash_table_size (colours), >, 16);
  g_assert_cmpuint (dark, >, 1000);
  g_assert_true (g_hash_table_contains (colours, GUINT_TO_POINTER (0x2ec27e)));
}

static void
check_html (Fixture    *f,
            const char *language,
            const char *dir)
{
  g_autofree char *html = g_strdup_printf ("%s/report-%s.html", f->dir, language);
  g_autofree char *png = g_strdup_printf ("%s/report-%s.png", f->dir, language);
  g_autofree char *png_option = g_strconcat ("--screenshot=", png, NULL);
  g_autofree char *dom = NULL;
  g_autofree char *ignored = NULL;
  g_autofree char *page = NULL;
  g_autofree char *head = g_strdup_printf ("<html lang=\"%s\" dir=\"%s\">", language, dir);
  g_autoptr(JsonNode) report = report_json (f);
  g_autoptr(GHashTable) figures = NULL;
  JsonObject *o = json_node_get_object (report);
  JsonArray *admins = json_object_get_array_member (o, "administrations");
  JsonArray *rules = json_object_get_array_member (o, "rules");
  JsonArray *deadlines = json_object_get_array_member (o, "deadlines");
  static const char * const totals[] = { "sheets", "without_errors", "percent_without_errors", "errors", "warnings" };
  static const char * const lists[] = { "unfounded_fees", "held_documents", "review_overdue" };
  g_auto(Run) run = { 0 };

  g_setenv ("LANGUAGE", language, TRUE);
  cli (&run, f, "report", "--format", "html", "--out", html, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  cli_expect (&run, 0, NULL);
  g_assert_true (g_file_get_contents (html, &page, NULL, NULL));
  g_assert_nonnull (strstr (page, head));

  chromium (f->dir, html, "--dump-dom", &dom);
  g_assert_nonnull (strstr (dom, head));
  figures = dom_figures (dom);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    assert_figure (figures, totals[i], json_object_get_int_member (o, totals[i]));
  for (guint a = 0; a < json_array_get_length (admins); a++)
    {
      JsonObject *admin = json_array_get_object_element (admins, a);
      const char *code = json_object_get_string_member (admin, "administration");
      g_autofree char *sheets = g_strdup_printf ("admin:%s:sheets", code);
      g_autofree char *ok = g_strdup_printf ("admin:%s:without_errors", code);
      g_autofree char *percent = g_strdup_printf ("admin:%s:percent_without_errors", code);
      g_autofree char *errors = g_strdup_printf ("admin:%s:errors", code);

      assert_figure (figures, sheets, json_object_get_int_member (admin, "sheets"));
      assert_figure (figures, ok, json_object_get_int_member (admin, "without_errors"));
      assert_figure (figures, percent, json_object_get_int_member (admin, "percent_without_errors"));
      assert_figure (figures, errors, json_object_get_int_member (admin, "errors"));
    }
  /* The ten most frequent violations. */
  for (guint r = 0; r < 10; r++)
    {
      JsonObject *rule = json_array_get_object_element (rules, r);
      g_autofree char *sheets = g_strdup_printf ("rule:%s:sheets", json_object_get_string_member (rule, "rule"));
      g_autofree char *percent = g_strdup_printf ("rule:%s:percent_sheets",
                                                  json_object_get_string_member (rule, "rule"));

      assert_figure (figures, sheets, json_object_get_int_member (rule, "sheets"));
      assert_figure (figures, percent, json_object_get_int_member (rule, "percent_sheets"));
    }
  for (guint d = 0; d < json_array_get_length (deadlines); d++)
    {
      JsonObject *bucket = json_array_get_object_element (deadlines, d);
      g_autofree char *name = g_strdup_printf ("deadline:%s:sheets", json_object_get_string_member (bucket, "bucket"));

      assert_figure (figures, name, json_object_get_int_member (bucket, "sheets"));
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    assert_figure (figures, lists[l], json_array_get_length (json_object_get_array_member (o, lists[l])));

  chromium (f->dir, html, png_option, &ignored);
  assert_png_drawn (png);
}

static void
test_report_html_fr (Fixture       *f,
                     gconstpointer  data)
{
  check_html (f, "fr", "ltr");
}

static void
test_report_html_ar (Fixture       *f,
                     gconstpointer  data)
{
  check_html (f, "ar", "rtl");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/validate/all", test_validate_all);
  ADD ("/cli/validate/ids", test_validate_ids);
  ADD ("/cli/validate/bad-file", test_validate_bad_file);
  ADD ("/cli/show/round-trip", test_show_round_trip);
  ADD ("/cli/report/json", test_report_json);
  ADD ("/cli/report/text", test_report_text);
  ADD ("/cli/report/html-fr", test_report_html_fr);
  ADD ("/cli/report/html-ar", test_report_html_ar);
#undef ADD

  return g_test_run ();
}
