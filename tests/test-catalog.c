/* test-catalog.c — loading a folder of sheets, the vocabulary, formatting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ms-catalog.h"
#include "ms-core-error.h"
#include "ms-format.h"
#include "ms-vocabulary.h"
#include "test-util.h"

static guint
count_json_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, ".json");
  return n;
}

static void
test_load_demo (void)
{
  g_autofree char *dir = g_build_filename (ms_get_data_dir (), "demo", NULL);
  g_autoptr(MsCatalog) catalog = ms_catalog_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  const char *previous = "";

  g_assert_true (ms_catalog_load_directory (catalog, dir, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  g_assert_cmpuint (n, ==, count_json_files (dir));
  g_assert_cmpuint (n, >=, 25);

  /* Sorted by code, and every entry can be found by its id. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      MsProcedure *p = ms_catalog_entry_get_procedure (entry);

      g_assert_cmpstr (previous, <=, p->code);
      previous = p->code;
      g_assert_true (ms_catalog_find (catalog, p->id) == entry);
      g_assert_cmpuint (ms_catalog_find_position (catalog, p->id), ==, i);
      g_assert_cmpint (ms_catalog_entry_get_state (entry), ==, MS_STATE_DRAFT);
    }
}

/* A broken file is reported and skipped; the others still load. */
static void
test_load_with_bad_files (void)
{
  g_autofree char *demo = g_build_filename (ms_get_data_dir (), "demo", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("masatir-catalog-XXXXXX", NULL);
  static const char * const files[] = { "a-good.json", "b-same-id.json", "c-broken.json", "notes.txt" };
  g_autoptr(MsCatalog) catalog = ms_catalog_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (demo, 0, NULL);
  const char *name = NULL;
  g_autofree char *first = NULL;
  g_autofree char *path = NULL;

  while ((name = g_dir_read_name (d)) != NULL && !g_str_has_suffix (name, ".json"))
    ;
  g_assert_nonnull (name);
  first = g_build_filename (demo, name, NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_free (path);
      path = g_build_filename (tmp, files[i], NULL);
      test_copy_file (first, path);
    }
  g_free (path);
  path = g_build_filename (tmp, files[2], NULL);
  g_assert_true (g_file_set_contents (path, "{\"id\": 1", -1, NULL));
  g_free (path);
  path = g_build_filename (tmp, files[3], NULL);
  g_assert_true (g_file_set_contents (path, "not a sheet", -1, NULL));

  g_assert_true (ms_catalog_load_directory (catalog, tmp, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 1);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (g_str_has_prefix (problems->pdata[0], "b-same-id.json: another file has the same id"));
  g_assert_true (g_str_has_prefix (problems->pdata[1], "c-broken.json: line 1, column 9: not valid JSON"));

  g_assert_false (ms_catalog_load_directory (catalog, "/nonexistent/folder", NULL, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO);

  test_remove_tree (tmp);
}

/* Every vocabulary code a demo sheet uses is in data/vocabulary. */
static void
test_vocabulary_covers_demo (void)
{
  g_autofree char *dir = g_build_filename (ms_get_data_dir (), "demo", NULL);
  g_autofree char *vdir = g_build_filename (ms_get_data_dir (), "vocabulary", NULL);
  g_autoptr(MsCatalog) catalog = ms_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MsVocabulary) vocabulary = ms_vocabulary_load (vdir, &error);

  g_assert_no_error (error);
  g_assert_true (ms_catalog_load_directory (catalog, dir, NULL, &error));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      MsProcedure *p = ms_catalog_entry_get_procedure (entry);
      const MsLocalized *admin = ms_vocabulary_lookup (vocabulary, MS_VOCAB_ADMINISTRATIONS,
                                                       p->administration);

      g_test_message ("%s", p->code);
      g_assert_nonnull (admin);
      g_assert_nonnull (ms_localized_get (admin, MS_LANG_AR));
      g_assert_nonnull (ms_localized_get (admin, MS_LANG_FR));
      for (guint t = 0; p->themes != NULL && t < p->themes->len; t++)
        g_assert_nonnull (ms_vocabulary_lookup (vocabulary, MS_VOCAB_THEMES, p->themes->pdata[t]));
      for (guint t = 0; p->life_events != NULL && t < p->life_events->len; t++)
        g_assert_nonnull (ms_vocabulary_lookup (vocabulary, MS_VOCAB_LIFE_EVENTS,
                                                p->life_events->pdata[t]));
    }
  g_assert_cmpstr (ms_vocabulary_label (vocabulary, MS_VOCAB_THEMES, "no-such-theme", MS_LANG_FR),
                   ==, "no-such-theme");
}

static void
test_vocabulary_errors (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("masatir-vocab-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "administrations.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsVocabulary) vocabulary = NULL;

  g_assert_true (g_file_set_contents (path, "{\"interior\": {\"fr\": 3}}", -1, NULL));
  vocabulary = ms_vocabulary_load (tmp, &error);
  g_assert_null (vocabulary);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "administrations.json.interior.fr: expected text, found an integer");
  test_remove_tree (tmp);
}

static void
test_format (void)
{
  g_autofree char *amount = ms_format_amount (7550);
  g_autofree char *zero = ms_format_amount (5);
  g_autofree char *immediate = ms_format_days (0);
  g_autofree char *one = ms_format_days (1);
  g_autofree char *sixty = ms_format_days (60);
  g_autofree char *absent = ms_format_days (-1);

  g_assert_cmpstr (amount, ==, "75.50 MAD");
  g_assert_cmpstr (zero, ==, "0.05 MAD");
  g_assert_cmpstr (immediate, ==, "Immediate");
  g_assert_cmpstr (one, ==, "1 day");
  g_assert_cmpstr (sixty, ==, "60 days");
  g_assert_null (absent);
  g_assert_null (ms_format_bool (MS_BOOL_UNSET));
  g_assert_cmpstr (ms_format_bool (MS_BOOL_FALSE), ==, "No");
  g_assert_cmpstr (ms_format_enum (MS_ENUM_CHANNEL_KIND, MS_CHANNEL_ONLINE), ==, "Online");
  g_assert_null (ms_format_enum (MS_ENUM_CHANNEL_KIND, 0));
  g_assert_null (ms_format_amount (-1));
  g_assert_cmpstr (ms_state_to_label (MS_STATE_IN_REVIEW), ==, "In review");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/load-demo", test_load_demo);
  g_test_add_func ("/catalog/load-with-bad-files", test_load_with_bad_files);
  g_test_add_func ("/vocabulary/covers-demo", test_vocabulary_covers_demo);
  g_test_add_func ("/vocabulary/errors", test_vocabulary_errors);
  g_test_add_func ("/format/values", test_format);

  return g_test_run ();
}
