/* test-generate.c — the synthetic catalog of `masatir-cli generate`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ms-generate.h"
#include "ms-procedure.h"
#include "ms-validator.h"

/* Sheet N of a seed is the same bytes whatever else is asked, and two
 * seeds give two catalogs with no id in common. */
static void
test_deterministic (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint n = 0; n < 200; n++)
    {
      g_autofree char *a = ms_generate_sheet (42, n, NULL);
      g_autofree char *b = ms_generate_sheet (42, n, NULL);
      g_autofree char *other = ms_generate_sheet (43, n, NULL);
      g_autoptr(MsProcedure) p = ms_procedure_new_from_data (a, -1, NULL);
      g_autoptr(MsProcedure) q = ms_procedure_new_from_data (other, -1, NULL);

      g_assert_cmpstr (a, ==, b);
      g_assert_cmpstr (a, !=, other);
      g_assert_nonnull (p);
      g_assert_nonnull (q);
      g_assert_true (g_hash_table_add (ids, g_strdup (p->id)));
      g_assert_true (g_hash_table_add (ids, g_strdup (q->id)));
    }
}

/* What the issue asks of the sheets: 3–12 documents, Arabic and French,
 * fees and legal references; and a planted fault is an error the
 * validator finds, a clean sheet has none. */
static void
test_shape_and_faults (void)
{
  g_autoptr(GError) error = NULL;
  MsValidator *validator = ms_validator_get_default (&error);
  guint n_faulty = 0, n_fees = 0, total = 1000;

  g_assert_no_error (error);
  for (guint n = 0; n < total; n++)
    {
      gboolean faulty = FALSE;
      g_autofree char *json = ms_generate_sheet (5519, n, &faulty);
      g_autoptr(MsProcedure) p = ms_procedure_new_from_data (json, -1, &error);
      g_autoptr(GPtrArray) issues = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (p->documents->len, >=, 3);
      g_assert_cmpuint (p->documents->len, <=, 12);
      g_assert_cmpuint (p->legal_basis->len, >=, 1);
      g_assert_nonnull (ms_localized_get (p->title, MS_LANG_AR));
      g_assert_nonnull (ms_localized_get (p->title, MS_LANG_FR));
      n_fees += p->fees->len > 0;
      issues = ms_validator_check (validator, p);
      if (faulty)
        n_faulty++;
      if (faulty != (ms_issues_count (issues, MS_SEVERITY_ERROR) > 0))
        g_error ("sheet %u: planted %d, %u errors:\n%s", n, faulty,
                 ms_issues_count (issues, MS_SEVERITY_ERROR), json);
    }
  /* MS_GENERATE_FAULTY_PERCENT, give or take what chance does to 1,000. */
  g_assert_cmpuint (n_faulty, >, total * MS_GENERATE_FAULTY_PERCENT / 100 * 3 / 4);
  g_assert_cmpuint (n_faulty, <, total * MS_GENERATE_FAULTY_PERCENT / 100 * 5 / 4);
  g_assert_cmpuint (n_fees, >, total / 2);
}

/* The file is a JSON array of the same sheets, and a count of N begins
 * with the sheets of a smaller count. */
static void
test_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-generate-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "small.json", NULL);
  g_autofree char *large = g_build_filename (dir, "large.json", NULL);
  g_autofree char *small_text = NULL;
  g_autofree char *large_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sheets = NULL;

  g_assert_true (ms_generate_file (small, 10, 7, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ms_generate_file (large, 25, 7, NULL, &error));
  g_assert_true (g_file_get_contents (small, &small_text, NULL, NULL));
  g_assert_true (g_file_get_contents (large, &large_text, NULL, NULL));
  /* Without its closing "]\n". */
  small_text[strlen (small_text) - 2] = '\0';
  g_assert_true (g_str_has_prefix (large_text, small_text));
  sheets = ms_procedure_list_from_file (large, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 25);

  g_assert_cmpint (g_remove (small), ==, 0);
  g_assert_cmpint (g_remove (large), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generate/deterministic", test_deterministic);
  g_test_add_func ("/generate/shape-and-faults", test_shape_and_faults);
  g_test_add_func ("/generate/file", test_file);

  return g_test_run ();
}
