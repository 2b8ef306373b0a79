/* test-ui-workflow.c — the window on a catalog database: acting user,
 * submit, approve, request changes, refusals and catalogs that do not open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-workflow"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ms-application.h"
#include "ms-sqlite-store.h"
#include "ms-store-catalog.h"
#include "ms-window-private.h"
#include "ui-fixture.h"

static const MsUser users[] = { UI_DEMO_USERS };

/* The sheet the tests move through the workflow: no validation error. */
static const char *clean_code = "MI-DGSN-0001";   /* Certificat de résidence */

/*
 * Helpers
 */

/* A sheet the validator finds errors in, as the store counted them. */
static char *
sheet_with_errors (MsWindow *window)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  infos = ms_store_list (ms_window_get_store (window), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);

      if (info->n_errors > 0)
        return g_strdup (info->id);
    }

  g_error ("the demo catalog has no sheet with errors");
  return NULL;
}

/* A button bound to an action is sensitive exactly when the action is
 * enabled: what the person sees is what the window decided. */
static gboolean
action_enabled (MsWindow   *window,
                GtkWidget  *button,
                const char *action)
{
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, action);
  return gtk_widget_get_sensitive (button);
}

/* The state pill of the list row shows @state. */
static void
assert_row_state (MsWindow *window,
                  MsState   state)
{
  g_assert_true (has_label (GTK_WIDGET (window->list_view), NULL, ms_state_to_label (state), "ms-state"));
  g_assert_cmpstr (gtk_label_get_text (window->state_label), ==, ms_state_to_label (state));
}

/* A toast says @text: a label of the toast overlay outside the window's
 * own content. */
static void
assert_toast (MsWindow   *window,
              const char *text)
{
  g_assert_true (has_label (GTK_WIDGET (window->toast_overlay), GTK_WIDGET (window->main_stack),
                            text, NULL));
}

/* As a click on the answer's button does: respond, then the dialog goes. */
static void
respond (MsWindow         *window,
         AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_widget (GTK_WIDGET (window));
  g_assert_null (find_dialog (window));
}

/* Picks @name in the Act As dialog and confirms. */
static void
act_as (MsWindow   *window,
        const char *name)
{
  AdwMessageDialog *dialog;
  GtkWidget *list;
  gboolean found = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.act-as", NULL));
  flush_widget (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);

  /* Its check buttons and answers, as assistive technology names them. */
  assert_accessible_labels (GTK_WIDGET (dialog));
  list = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      {
        adw_action_row_activate (ADW_ACTION_ROW (row));
        found = TRUE;
      }
  g_assert_true (found);

  respond (window, dialog, "act");
}

/*
 * Tests
 */

static void
test_submit_approve (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window (path, "amina");
  g_autofree char *id = NULL;

  g_assert_false (ms_window_is_read_only (window));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->sidebar_title), ==, "Amina Bennani · Editor");
  g_assert_false (gtk_revealer_get_reveal_child (window->banner_revealer));

  id = select_code (window, clean_code);
  g_assert_cmpuint (ms_issues_count (_ms_window_get_issues (window, ms_window_get_selected (window)),
                                     MS_SEVERITY_ERROR), ==, 0);
  g_assert_false (action_enabled (window, window->approve_button, "win.approve"));
  g_assert_true (action_enabled (window, window->submit_button, "win.submit"));
  /* Named by its visible label (said once by a screen reader), explained
   * by its tooltip: what it does, or why it cannot be done now. */
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (window->submit_button),
                                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (window->submit_button, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       gtk_widget_get_tooltip_text (window->submit_button));

  /* Disabled: activating it changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.approve", NULL);
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_DRAFT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_IN_REVIEW);
  g_assert_cmpstr (ms_window_get_selected (window)->id, ==, id);
  assert_row_state (window, MS_STATE_IN_REVIEW);
  g_assert_cmpstr (ms_state_to_label (MS_STATE_IN_REVIEW), ==, "In review");
  assert_toast (window, "Submitted for review");
  /* Amina edited and submitted it: a reviewer's turn now. */
  g_assert_false (action_enabled (window, window->submit_button, "win.submit"));
  g_assert_false (action_enabled (window, window->approve_button, "win.approve"));
  g_assert_true (gtk_widget_get_visible (window->approve_button));

  act_as (window, "Youssef Tazi");
  g_assert_cmpstr (ms_window_get_actor (window), ==, "youssef");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->sidebar_title), ==, "Youssef Tazi · Reviewer");
  g_assert_true (action_enabled (window, window->approve_button, "win.approve"));
  g_assert_true (action_enabled (window, window->request_changes_button, "win.request-changes"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.approve", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_APPROVED);
  assert_row_state (window, MS_STATE_APPROVED);
  assert_toast (window, "Approved");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-user", "s", "amina"));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpstr (ms_window_get_actor (window), ==, "amina");
  g_assert_false (action_enabled (window, window->approve_button, "win.approve"));
  g_assert_false (action_enabled (window, window->submit_button, "win.submit"));

  /* What the window showed is what the store holds. */
  {
    g_autoptr(MsSheetInfo) info = ms_store_get_sheet_info (ms_window_get_store (window), id, NULL);

    g_assert_nonnull (info);
    g_assert_cmpint (info->state, ==, MS_STATE_APPROVED);
  }

  close_window (window);
  remove_catalog (path);
}

static void
test_four_eyes (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  MsWindow *window = open_window (path, "amina");
  MsStore *store = ms_window_get_store (window);
  g_autofree char *id = select_code (window, clean_code);
  const MsUser both = { (char *) "nadia", (char *) "Nadia Idrissi", MS_ROLE_EDITOR | MS_ROLE_REVIEWER };
  g_autoptr(MsProcedure) procedure = NULL;

  /* Nadia edits the sheet, then submits it; as a reviewer she may not
   * approve what she shaped. */
  ms_store_add_user (store, "karim", &both, &error);
  g_assert_no_error (error);
  procedure = ms_store_get_sheet (store, id, 0, &info, &error);
  g_assert_no_error (error);
  g_clear_pointer (&procedure->code, g_free);
  procedure->code = g_strdup ("MI-DGSN-0001-B");
  g_clear_pointer (&info, ms_sheet_info_free);
  info = ms_store_save (store, "nadia", procedure, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, ms_sheet_info_free);
  info = ms_store_transition (store, "nadia", id, MS_ACTION_SUBMIT, NULL, &error);
  g_assert_no_error (error);
  close_window (window);

  window = open_window (path, "nadia");
  g_free (select_code (window, "MI-DGSN-0001-B"));
  g_assert_true (gtk_widget_get_visible (window->approve_button));
  g_assert_false (action_enabled (window, window->approve_button, "win.approve"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (window->approve_button), "four-eyes"));
  g_assert_true (action_enabled (window, window->request_changes_button, "win.request-changes"));

  close_window (window);
  remove_catalog (path);
}

static void
test_request_changes (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  MsWindow *window = open_window (path, "amina");
  AdwMessageDialog *dialog;
  GtkTextView *view;
  MsAuditEntry *last;
  g_autofree char *id = NULL;

  id = select_code (window, clean_code);
  g_assert_false (action_enabled (window, window->request_changes_button, "win.request-changes"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-user", "s", "youssef"));
  flush_widget (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.request-changes", NULL));
  flush_widget (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  view = GTK_TEXT_VIEW (find_child (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Comment");
  assert_accessible_labels (GTK_WIDGET (dialog));

  /* A comment is required: empty or blank keeps the answer disabled. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), " \n\t ", -1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Cite the decree of the stamp duty.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "  Cite the decree of the stamp duty. ", -1);

  respond (window, dialog, "apply");
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_CHANGES_REQUESTED);
  assert_row_state (window, MS_STATE_CHANGES_REQUESTED);
  assert_toast (window, "Changes requested");

  audit = ms_store_audit (ms_window_get_store (window), id, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "request-changes");
  g_assert_cmpstr (last->actor, ==, "youssef");
  g_assert_cmpstr (last->comment, ==, "Cite the decree of the stamp duty.");

  /* Back to the editor, who may submit again; cancelling a dialog does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-user", "s", "amina"));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (action_enabled (window, window->submit_button, "win.submit"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-user", "s", "youssef"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.request-changes", NULL));
  flush_widget (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (window, dialog, "cancel");
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_IN_REVIEW);

  close_window (window);
  remove_catalog (path);
}

static void
test_errors_refused (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  MsWindow *window = open_window (path, "amina");
  g_autofree char *id = sheet_with_errors (window);
  const char *tooltip;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-sheet", "s", id));
  flush_widget (GTK_WIDGET (window));

  g_assert_false (action_enabled (window, window->submit_button, "win.submit"));
  tooltip = gtk_widget_get_tooltip_text (window->submit_button);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "validation errors"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_DRAFT);

  /* The store refuses it too, with the validator's reason, shown in a toast. */
  ms_store_transition (ms_window_get_store (window), "amina", id, MS_ACTION_SUBMIT, NULL, &error);
  g_assert_nonnull (error);
  _ms_window_run_transition (window, MS_ACTION_SUBMIT, NULL);
  flush_widget (GTK_WIDGET (window));
  {
    g_autofree char *refusal = g_strdup_printf ("Refused: %s", error->message);

    assert_toast (window, refusal);
  }
  info = ms_store_get_sheet_info (ms_window_get_store (window), id, NULL);
  g_assert_cmpint (info->state, ==, MS_STATE_DRAFT);

  close_window (window);
  remove_catalog (path);
}

static void
test_not_a_user (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window (path, "somebody-else");

  g_assert_true (ms_window_is_read_only (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->banner_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->banner_label), ==,
                   "You are not a user of this catalog: read-only");
  g_free (select_code (window, clean_code));
  g_assert_false (action_enabled (window, window->submit_button, "win.submit"));
  g_assert_true (gtk_widget_get_visible (window->submit_button));

  /* Act As lists the catalog's users, and picking one ends read-only. */
  act_as (window, "Amina Bennani");
  g_assert_false (ms_window_is_read_only (window));
  g_assert_false (gtk_revealer_get_reveal_child (window->banner_revealer));
  g_assert_true (action_enabled (window, window->submit_button, "win.submit"));

  close_window (window);
  remove_catalog (path);
}

static void
assert_refused_to_open (MsWindow   *window,
                        const char *path,
                        const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MsSheetList *before = ms_window_get_list (window);
  MsStore *store_before = ms_window_get_store (window);
  AdwMessageDialog *dialog;

  g_assert_false (ms_application_open_catalog (app, file));
  flush_widget (GTK_WIDGET (window));

  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  respond (window, dialog, "close");

  g_assert_true (ms_window_get_list (window) == before);
  g_assert_true (ms_window_get_store (window) == store_before);
}

static void
test_bad_databases (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *corrupt = g_build_filename (dir, "corrupt.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5519);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint8 noise[8192];
  sqlite3 *db = NULL;
  MsWindow *window;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (corrupt, (const char *) noise, sizeof noise, &error);
  g_assert_no_error (error);

  /* A catalog from a later Masatir: a schema version this one does not know. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (newer, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_window (path, "amina");
  g_free (select_code (window, clean_code));
  assert_refused_to_open (window, corrupt, "damaged");
  assert_refused_to_open (window, newer, "newer version");
  /* Still open on the first catalog, still acting. */
  g_assert_false (ms_window_is_read_only (window));
  g_assert_true (action_enabled (window, window->submit_button, "win.submit"));
  close_window (window);

  /* On the welcome page too. */
  window = ms_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));
  assert_refused_to_open (window, corrupt, "damaged");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  close_window (window);

  g_unlink (corrupt);
  g_unlink (newer);
  remove_catalog (path);
}

static void
test_folder_read_only (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (demo_dir);
  MsWindow *window = ms_window_new (GTK_APPLICATION (app));
  const char *actions[] = { "win.submit", "win.approve", "win.request-changes", "win.withdraw" };
  GtkWidget *buttons[] = { window->submit_button, window->approve_button,
                           window->request_changes_button, window->withdraw_button };

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ms_application_open_catalog (app, folder));
  flush_widget (GTK_WIDGET (window));

  g_assert_null (ms_window_get_store (window));
  g_assert_true (ms_window_is_read_only (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->banner_revealer));
  g_free (select_code (window, clean_code));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_false (action_enabled (window, buttons[i], actions[i]));
  g_assert_false (gtk_widget_get_visible (window->workflow_buttons));

  /* Disabled: nothing happens, nothing is asked. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.request-changes", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.act-as", NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_null (find_dialog (window));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);

  g_test_add_func ("/ui/workflow/submit-approve", test_submit_approve);
  g_test_add_func ("/ui/workflow/four-eyes", test_four_eyes);
  g_test_add_func ("/ui/workflow/request-changes", test_request_changes);
  g_test_add_func ("/ui/workflow/errors-refused", test_errors_refused);
  g_test_add_func ("/ui/workflow/not-a-user", test_not_a_user);
  g_test_add_func ("/ui/workflow/bad-databases", test_bad_databases);
  g_test_add_func ("/ui/workflow/folder-read-only", test_folder_read_only);

  return ui_fixture_run ();
}
