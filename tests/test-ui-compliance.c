/* test-ui-compliance.c — the Compliance window (issue 13 item 8): opened
 * through win.show-compliance, its figures against the planted errors of
 * the demo, and a bar that, activated, filters the list to its sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-compliance"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ms-compliance-window.h"
#include "ms-sqlite-store.h"
#include "ms-window-private.h"
#include "ui-fixture.h"

#define RESIDENCE "06aab24e-ee88-477f-8c33-311768fbe275"   /* no error */

/* The demo's planted errors: sheet id → its array of rule ids. */
static GHashTable *
planted_errors (void)
{
  g_autofree char *planted = g_test_build_filename (G_TEST_DIST, "data", "demo-planted.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_array_unref);
  JsonObject *files;
  g_autoptr(GList) names = NULL;

  g_assert_true (json_parser_load_from_file (parser, planted, NULL));
  files = json_node_get_object (json_parser_get_root (parser));
  names = json_object_get_members (files);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *path = g_build_filename (demo_dir, l->data, NULL);
      g_autoptr(JsonParser) sheet = json_parser_new ();
      JsonObject *entry = json_object_get_object_member (files, l->data);

      g_assert_true (json_parser_load_from_file (sheet, path, NULL));
      g_hash_table_insert (errors,
                           g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (sheet)), "id")),
                           json_array_ref (json_object_get_array_member (entry, "errors")));
    }
  return errors;
}

static gboolean
has_rule (JsonArray  *rules,
          const char *rule)
{
  for (guint i = 0; i < json_array_get_length (rules); i++)
    if (strcmp (json_array_get_string_element (rules, i), rule) == 0)
      return TRUE;
  return FALSE;
}

/* The Compliance window over @window, the only one. */
static MsComplianceWindow *
find_compliance (MsWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  MsComplianceWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (MS_IS_COMPLIANCE_WINDOW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      {
        g_assert_null (found);
        found = l->data;
      }
  return found;
}

static gboolean
report_ready (gpointer data)
{
  return ms_compliance_window_get_report (data) != NULL;
}

typedef struct {
  MsComplianceWindow *compliance;
  guint               expected;
} FiguresWait;

static gboolean
without_errors_is (gpointer data)
{
  FiguresWait *wait = data;
  MsCompliance *report = ms_compliance_window_get_report (wait->compliance);

  return report != NULL && report->n_without_errors == wait->expected;
}

static double
bar_value (MsComplianceWindow *compliance,
           const char         *target)
{
  GtkWidget *row = ms_compliance_window_find_bar (compliance, target);
  GtkWidget *level;

  g_assert_nonnull (row);
  level = find_child (row, GTK_TYPE_LEVEL_BAR);
  g_assert_nonnull (level);
  return gtk_level_bar_get_value (GTK_LEVEL_BAR (level));
}

/* The ids the list shows. */
static GHashTable *
listed_ids (MsWindow *window)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (window->list_view));
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MsSheetRow) row = g_list_model_get_item (model, i);

      g_hash_table_add (ids, g_strdup (ms_sheet_row_get_id (row)));
    }
  return ids;
}

static void
test_compliance (void)
{
  const MsUser users[] = { UI_DEMO_USERS };
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  g_autoptr(GHashTable) planted = planted_errors ();
  MsWindow *window = open_window (path, "amina");
  MsComplianceWindow *compliance;
  MsCompliance *report;
  GHashTableIter iter;
  gpointer id, rules;
  guint clean = 0, one_copy = 0;

  g_assert_cmpuint (n_listed (window), ==, 29);
  g_assert_null (find_compliance (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-compliance", NULL));
  compliance = find_compliance (window);
  g_assert_nonnull (compliance);
  g_assert_true (wait_until (report_ready, compliance, 20000));
  flush_widget (GTK_WIDGET (compliance));
  report = ms_compliance_window_get_report (compliance);

  /* The figures, against the planted errors. */
  g_hash_table_iter_init (&iter, planted);
  while (g_hash_table_iter_next (&iter, &id, &rules))
    {
      clean += json_array_get_length (rules) == 0;
      one_copy += has_rule (rules, "one-copy");
    }
  g_assert_cmpuint (report->n_sheets, ==, 29);
  g_assert_cmpuint (report->n_without_errors, ==, clean);
  g_assert_cmpfloat (bar_value (compliance, "errors"), ==, 29 - clean);
  g_assert_cmpfloat (bar_value (compliance, "rule:one-copy"), ==, one_copy);
  g_assert_cmpfloat (bar_value (compliance, "deadline:over-60"), ==, 1);
  g_assert_cmpfloat (bar_value (compliance, "unfounded_fees"), ==, 1);
  /* Communes: 6 sheets, 4 without errors, 67 %. */
  g_assert_cmpfloat (bar_value (compliance, "admin:communes"), ==, 67);
  /* Said to assistive technology as it is shown (a function, not the
   * assert macro, which would take the "%" for a format). */
  {
    g_autofree char *mismatch = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (ms_compliance_window_find_bar (compliance, "admin:communes")),
      GTK_ACCESSIBLE_PROPERTY_LABEL,
      "Communes: 67 % (6 sheets, 4 without errors — Documents the administration can obtain (3), "
      "Amazigh title (3), Validity of the act obtained (2))");

    g_assert_null (mismatch);
  }
  assert_accessible_labels (GTK_WIDGET (compliance));

  /* A bar leads to its sheets: the list shows those, and only those. */
  g_assert_true (gtk_widget_activate (ms_compliance_window_find_bar (compliance, "rule:one-copy")));
  flush_widget (GTK_WIDGET (window));
  {
    g_autoptr(GHashTable) ids = listed_ids (window);

    g_assert_cmpuint (g_hash_table_size (ids), ==, one_copy);
    g_hash_table_iter_init (&iter, planted);
    while (g_hash_table_iter_next (&iter, &id, &rules))
      g_assert_cmpint (g_hash_table_contains (ids, id), ==, has_rule (rules, "one-copy"));
  }
  g_assert_true (gtk_revealer_get_reveal_child (window->subset_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->subset_label), ==, "One copy of each document: 2 sheets");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compliance), "compliance.show-sheets", "s",
                                             "admin:communes"));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpuint (n_listed (window), ==, 6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compliance), "compliance.show-sheets", "s", "errors"));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpuint (n_listed (window), ==, 29 - clean);
  /* The search still narrows the subset. */
  search_sheets (window, "zzzz-no-such-sheet", 0, 5000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "no-results");
  search_sheets (window, "", 29 - clean, 5000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-all-sheets", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpuint (n_listed (window), ==, 29);
  g_assert_false (gtk_revealer_get_reveal_child (window->subset_revealer));

  /* Checked again: the same figures. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compliance), "compliance.refresh", NULL));
  g_assert_null (ms_compliance_window_get_report (compliance));
  g_assert_true (wait_until (report_ready, compliance, 20000));
  g_assert_cmpuint (ms_compliance_window_get_report (compliance)->n_without_errors, ==, clean);

  /* A sheet saved elsewhere with a 90-day deadline: the figures follow. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MsStore) other = MS_STORE (ms_sqlite_store_open (path, MS_SQLITE_STORE_OPEN_EXISTING, &error));
    g_autoptr(MsSheetInfo) info = NULL;
    g_autoptr(MsSheetInfo) saved = NULL;
    g_autoptr(MsProcedure) sheet = NULL;
    FiguresWait wait = { compliance, clean - 1 };

    g_assert_no_error (error);
    sheet = ms_store_get_sheet (other, RESIDENCE, 0, &info, &error);
    g_assert_no_error (error);
    sheet->deadline_days = 90;
    saved = ms_store_save (other, "amina", sheet, info->revision, &error);
    g_assert_no_error (error);
    g_assert_true (wait_until (without_errors_is, &wait, 20000));
    g_assert_cmpuint (ms_compliance_window_get_report (compliance)->deadlines[MS_DEADLINE_BUCKET_OVER].sheet_ids->len,
                      ==, 2);
  }

  /* Closed while it computes: nothing left behind, nothing crashes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compliance), "compliance.refresh", NULL));
  gtk_window_destroy (GTK_WINDOW (compliance));
  close_window (window);
  remove_catalog (path);
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);

  g_test_add_func ("/ui/compliance/window", test_compliance);

  return ui_fixture_run ();
}
