/* test-ui-history.c — the history of a sheet, the comparison of two of its
 * revisions, and what changed since the published version for a reviewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-history"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-application.h"
#include "ms-diff.h"
#include "ms-format.h"
#include "ms-sqlite-store.h"
#include "ms-store-catalog.h"
#include "ms-window-private.h"
#include "store-fixture.h"
#include "ui-fixture.h"

static const MsUser users[] = { UI_DEMO_USERS };

/* A sheet of the demo catalog with no validation error. */
static const char *clean_code = "MI-DGSN-0001";

/*
 * Helpers
 */

static char *
find_sheet (MsStore    *store,
            const char *code,
            gboolean    with_fee)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  infos = ms_store_list (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(MsProcedure) p = NULL;

      if (code != NULL && g_strcmp0 (info->code, code) != 0)
        continue;
      if (info->n_errors > 0)
        continue;
      p = ms_store_get_sheet (store, info->id, 0, NULL, &error);
      g_assert_no_error (error);
      if (with_fee && (p->fees == NULL || p->fees->len == 0))
        continue;
      return g_strdup (info->id);
    }

  g_error ("no sheet to test in the demo catalog");
  return NULL;
}

/* Saves the current revision of @id with @change applied; its number. */
static gint64
save_changed (MsStore    *store,
              const char *actor,
              const char *id,
              void      (*change) (MsProcedure *p, gint64 value),
              gint64      value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) before = NULL;
  g_autoptr(MsSheetInfo) after = NULL;
  g_autoptr(MsProcedure) p = ms_store_get_sheet (store, id, 0, &before, &error);

  g_assert_no_error (error);
  change (p, value);
  after = ms_store_save (store, actor, p, before->revision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->revision, ==, before->revision + 1);
  return after->revision;
}

static void
set_deadline (MsProcedure *p,
              gint64       days)
{
  p->deadline_days = days;
}

static void
set_first_fee (MsProcedure *p,
               gint64       centimes)
{
  MsFee *fee = g_ptr_array_index (p->fees, 0);

  fee->amount_centimes = centimes;
}

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  /* In words: "6 December 2026, 14:05" (the tests run untranslated). */
  return g_date_time_format (local, "%-d %B %Y, %H:%M");
}

static void
assert_lines (GPtrArray *shown,
              GPtrArray *expected)
{
  g_assert_nonnull (shown);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
}

static GPtrArray *
diff_revisions (MsStore    *store,
                const char *id,
                gint64      from,
                gint64      to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) before = ms_store_get_sheet (store, id, from, NULL, &error);
  g_autoptr(MsProcedure) after = ms_store_get_sheet (store, id, to, NULL, &error);

  g_assert_no_error (error);
  return ms_procedure_diff (before, after, MS_LANG_EN);
}

static GtkWidget *
find_check (GtkWidget *row)
{
  GtkWidget *check = find_child (row, GTK_TYPE_CHECK_BUTTON);

  g_assert_nonnull (check);
  return check;
}

/*
 * Tests
 */

static void
test_history_rows (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MsStore) store = make_catalog_store (users, G_N_ELEMENTS (users), &path);
  g_autofree char *id = find_sheet (store, clean_code, FALSE);
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *comment = "L’article 14 doit être cité.\nMerci de corriger le délai.";
  /* Newest first: what each row says, who did it, the state reached. */
  const struct {
    const char *what;
    const char *who;
    const char *state;
  } rows[] = {
    { "Approved revision 3", "Youssef Tazi", "State: Approved" },
    { "Submitted revision 3 for review", "Amina Bennani", "State: In review" },
    { "Saved revision 3", "Amina Bennani", "State: Draft" },
    { "Changes requested on revision 2", "Youssef Tazi", "State: Changes requested" },
    { "Submitted revision 2 for review", "Amina Bennani", "State: In review" },
    { "Saved revision 2", "Amina Bennani", "State: Draft" },
    { "Imported revision 1", "Amina Bennani", "State: Draft" },
  };
  MsHistoryView *history;
  MsWindow *window;

  /* Revision 1 is the import; 2 and 3 are saves around a review. */
  g_assert_cmpint (save_changed (store, "amina", id, set_deadline, 20), ==, 2);
  store_act_ok (store, "amina", id, MS_ACTION_SUBMIT, NULL);
  store_act_ok (store, "youssef", id, MS_ACTION_REQUEST_CHANGES, comment);
  g_assert_cmpint (save_changed (store, "amina", id, set_deadline, 25), ==, 3);
  store_act_ok (store, "amina", id, MS_ACTION_SUBMIT, NULL);
  g_assert_cmpint (store_act_ok (store, "youssef", id, MS_ACTION_APPROVE, NULL), ==, MS_STATE_APPROVED);
  audit = ms_store_audit (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, G_N_ELEMENTS (rows));

  window = open_window (path, "youssef");
  select_sheet (window, id);
  history = window->history_view;

  /* Ctrl+H's action shows the history in place of the sheet. */
  g_assert_true (gtk_widget_get_visible (window->history_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sheet_stack), ==, "history");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (window->history_button)));

  g_assert_cmpuint (ms_history_view_get_n_events (history), ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = ms_history_view_get_event_row (history, i);
      /* The audit log is oldest first, the rows newest first. */
      MsAuditEntry *entry = g_ptr_array_index (audit, audit->len - 1 - i);
      g_autofree char *when = local_time (entry->time);
      g_autofree char *meta = g_strdup_printf ("%s · %s", rows[i].who, when);
      g_autofree char *short_hash = g_strndup (entry->sha256, 12);
      g_autofree char *tooltip = g_strdup_printf ("Content hash (SHA-256): %s", entry->sha256);
      GtkWidget *hash;

      g_assert_nonnull (row);
      g_test_message ("row %u: %s", i, rows[i].what);
      g_assert_nonnull (find_label (row, rows[i].what));
      g_assert_nonnull (find_label (row, meta));
      g_assert_nonnull (find_label (row, rows[i].state));
      hash = find_label (row, short_hash);
      g_assert_nonnull (hash);
      g_assert_cmpuint (strlen (short_hash), ==, 12);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (hash), ==, tooltip);
      g_assert_true (has_accessible_label (row));
      /* Only the rows that made a revision can be compared. */
      g_assert_cmpint (find_child (row, GTK_TYPE_CHECK_BUTTON) != NULL, ==,
                       g_str_has_prefix (rows[i].what, "Saved") || g_str_has_prefix (rows[i].what, "Imported"));
    }
  /* The reviewer's comment, in full, on its row only. */
  g_assert_nonnull (find_label (ms_history_view_get_event_row (history, 3), comment));
  g_assert_null (find_label (ms_history_view_get_event_row (history, 2), comment));

  /* Two revisions through the action: what `masatir-cli diff ID 1 3` says. */
  g_assert_null (ms_history_view_get_diff_lines (history));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (history), "history.compare", "(xx)",
                                             (gint64) 1, (gint64) 3));
  flush_widget (GTK_WIDGET (window));
  expected = diff_revisions (store, id, 1, 3);
  assert_lines (ms_history_view_get_diff_lines (history), expected);
  for (guint i = 0; i < expected->len; i++)
    g_assert_nonnull (find_label (GTK_WIDGET (history), g_ptr_array_index (expected, i)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (ms_history_view_get_event_row (history, 6)))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (ms_history_view_get_event_row (history, 2)))));

  /* Checking a third revision lets the first one checked go: 2 → 3. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (ms_history_view_get_event_row (history, 5))), TRUE);
  flush_widget (GTK_WIDGET (window));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (ms_history_view_get_event_row (history, 6)))));
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = diff_revisions (store, id, 2, 3);
  assert_lines (ms_history_view_get_diff_lines (history), expected);

  /* Unchecking one leaves no comparison. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (ms_history_view_get_event_row (history, 5))), FALSE);
  flush_widget (GTK_WIDGET (window));
  g_assert_null (ms_history_view_get_diff_lines (history));

  assert_accessible_labels (GTK_WIDGET (window));

  /* And back to the sheet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sheet_stack), ==, "read");

  close_window (window);
  g_clear_object (&store);
  remove_catalog (path);
}

static void
test_review_changes (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MsStore) store = make_catalog_store (users, G_N_ELEMENTS (users), &path);
  g_autofree char *id = find_sheet (store, NULL, TRUE);
  g_autofree char *clean = find_sheet (store, clean_code, FALSE);
  g_autofree char *from = ms_format_amount (5000);
  g_autofree char *to = ms_format_amount (7500);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  GPtrArray *lines;
  GtkWidget *fee_row;
  GtkWidget *title_row;
  gboolean found = FALSE;
  MsWindow *window;

  /* Published at 50 MAD, then in review at 75 MAD. */
  save_changed (store, "amina", id, set_first_fee, 5000);
  store_act_ok (store, "amina", id, MS_ACTION_SUBMIT, NULL);
  store_act_ok (store, "youssef", id, MS_ACTION_APPROVE, NULL);
  g_assert_true (store_publish (store, "karim", &error));
  g_assert_no_error (error);
  save_changed (store, "amina", id, set_first_fee, 7500);
  g_assert_cmpint (store_act_ok (store, "amina", id, MS_ACTION_SUBMIT, NULL), ==, MS_STATE_IN_REVIEW);
  info = ms_store_get_sheet_info (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->live_revision, >, 0);
  g_assert_cmpint (info->live_revision, <, info->revision);

  window = open_window (path, "youssef");
  select_sheet (window, id);

  /* What Changed: the legal-terms diff against the live revision. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->review_changes)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->review_changes)));
  lines = ms_review_changes_get_lines (window->review_changes);
  expected = diff_revisions (store, id, info->live_revision, info->revision);
  assert_lines (lines, expected);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      g_test_message ("%s", line);
      found |= strstr (line, from) != NULL && strstr (line, to) != NULL && strstr (line, "→") != NULL;
      g_assert_nonnull (find_label (GTK_WIDGET (window->review_changes), line));
    }
  g_assert_true (found);

  /* Above the review buttons, so reached before them in tab order. */
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (window->review_changes)) == window->workflow_bar);
  g_assert_true (gtk_widget_is_ancestor (window->approve_button, window->workflow_bar));
  g_assert_true (gtk_widget_get_visible (window->approve_button));

  /* The fee's row is marked, and says so; a row that did not change is not. */
  fee_row = ms_sheet_view_get_row_for_path (window->sheet_view, "fees[0]");
  g_assert_nonnull (fee_row);
  g_assert_true (gtk_widget_has_css_class (fee_row, "ms-changed"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fee_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Changed since the published version");
  title_row = ms_sheet_view_get_row_for_path (window->sheet_view, "title");
  g_assert_false (gtk_widget_has_css_class (title_row, "ms-changed"));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (title_row),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  assert_accessible_labels (GTK_WIDGET (window));

  /* A sheet never published: said so, nothing marked. */
  store_act_ok (store, "amina", clean, MS_ACTION_SUBMIT, NULL);
  close_window (window);
  window = open_window (path, "youssef");
  select_sheet (window, clean);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->review_changes)));
  g_assert_cmpstr (ms_review_changes_get_description (window->review_changes), ==,
                   "New sheet: no published version");
  g_assert_false (gtk_widget_has_css_class (ms_sheet_view_get_row_for_path (window->sheet_view, "title"),
                                            "ms-changed"));

  /* Sent back, changed and submitted again: what changed since it was
   * created, the changed row marked. */
  close_window (window);
  store_act_ok (store, "youssef", clean, MS_ACTION_REQUEST_CHANGES, "Shorter deadline, please");
  save_changed (store, "amina", clean, set_deadline, 7);
  store_act_ok (store, "amina", clean, MS_ACTION_SUBMIT, NULL);
  window = open_window (path, "youssef");
  select_sheet (window, clean);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->review_changes)));
  g_assert_cmpstr (ms_review_changes_get_description (window->review_changes), ==,
                   "New sheet, since its first revision (revision 1 → 2)");
  g_assert_true (gtk_widget_has_css_class (ms_sheet_view_get_row_for_path (window->sheet_view, "deadline_days"),
                                           "ms-changed"));
  g_assert_false (gtk_widget_has_css_class (ms_sheet_view_get_row_for_path (window->sheet_view, "title"),
                                            "ms-changed"));

  /* Back on the first sheet, then approved and published: nothing to say. */
  select_sheet (window, id);
  g_assert_true (gtk_widget_has_css_class (ms_sheet_view_get_row_for_path (window->sheet_view, "fees[0]"),
                                           "ms-changed"));
  close_window (window);
  store_act_ok (store, "youssef", id, MS_ACTION_APPROVE, NULL);
  g_assert_true (store_publish (store, "karim", &error));
  g_assert_no_error (error);
  window = open_window (path, "youssef");
  select_sheet (window, id);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->review_changes)));
  g_assert_false (gtk_widget_has_css_class (ms_sheet_view_get_row_for_path (window->sheet_view, "fees[0]"),
                                            "ms-changed"));

  close_window (window);
  g_clear_object (&store);
  remove_catalog (path);
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);

  g_test_add_func ("/ui/history/rows", test_history_rows);
  g_test_add_func ("/ui/history/review-changes", test_review_changes);

  return ui_fixture_run ();
}
