/* test-ui-pg.c — the window on a PostgreSQL catalog (issue 16 item 3)
 *
 * Under tests/pg-cluster.py (a throwaway cluster; MASATIR_TEST_PG its
 * superuser): the catalog made on the server as the fixture makes it, the
 * demo sheets imported; the window connects through Connect to a Server…
 * as amina, an editor and reviewer, lists the sheets, edits one and saves;
 * youssef's window, a reviewer on another connection, sees the save and
 * the submission live (ms_store_watch: LISTEN/NOTIFY), and approves;
 * amina's window sees the approval, and could not approve her own work:
 * the window does not offer it, the database refuses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-pg"

#include "config.h"

#include <string.h>

#include "ms-connect-dialog.h"
#include "ms-core-error.h"
#include "ms-pg-conninfo.h"
#include "ms-sheet-editor-private.h"
#include "ms-store-error.h"
#include "store-fixture.h"
#include "ui-fixture.h"

static const char *clean_code = "MI-DGSN-0001";   /* Certificat de résidence */

/* Whether the window's list shows sheet @id with the French title @title. */
static gboolean
listed_with_title_fr (MsWindow   *window,
                      const char *id,
                      const char *title)
{
  g_autoptr(MsSheetRow) row = listed_row (window, id);

  return row != NULL && g_strcmp0 (ms_localized_get (ms_sheet_row_get_info (row)->title, MS_LANG_FR), title) == 0;
}

/* The catalog on the server: admin (the fixture's), amina editor and
 * reviewer, youssef reviewer; the demo sheets imported by amina. Returns
 * how many. */
static guint
server_catalog_set_up (void)
{
  static const StoreFixtureUser users[] = {
    { "amina", MS_ROLE_EDITOR | MS_ROLE_REVIEWER },
    { "youssef", MS_ROLE_REVIEWER },
    { NULL },
  };
  g_autoptr(MsStore) store = store_fixture_open_pg (users);
  g_autoptr(MsCatalog) demo = ms_catalog_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;

  for (const StoreFixtureUser *u = users; u->login != NULL; u++)
    store_add_user (store, "admin", u->login, u->roles);
  ms_catalog_load_directory (demo, demo_dir, &problems, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (demo)); i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (demo), i);

      g_ptr_array_add (sheets, g_object_ref (ms_catalog_entry_get_procedure (entry)));
    }
  imported = ms_store_import (store, "amina", sheets, &error);
  g_assert_no_error (error);
  return sheets->len;
}

/* The connect dialog the application shows over @window. */
static MsConnectDialog *
find_connect_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (MS_IS_CONNECT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
window_on_server (MsWindow *window)
{
  MsStore *store = ms_window_get_store (window);

  return store != NULL && ms_store_get_login (store) != NULL;
}

static void
test_window_on_server (void)
{
  guint n_sheets = server_catalog_set_up ();
  g_autofree char *amina = store_pg_conninfo_as ("amina");
  g_autofree char *youssef = store_pg_conninfo_as ("youssef");
  g_autoptr(MsStore) reviewer_store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *subtitle = NULL;
  MsWindow *window = ms_window_new (GTK_APPLICATION (app));
  MsWindow *reviewer = NULL;
  MsConnectDialog *dialog;
  GtkWidget *control;
  const char *title = "Certificat de résidence (serveur)";

  /* Nobody named by the environment: the server says who acts. */
  g_setenv ("MASATIR_USER", "youssef", TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "connect-server"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect-server", NULL);
  WAIT_FOR (find_connect_dialog () != NULL);
  dialog = find_connect_dialog ();
  flush_widget (GTK_WIDGET (dialog));
  assert_accessible_labels (GTK_WIDGET (dialog));
  ms_connect_dialog_set_conninfo (dialog, amina);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL));
  WAIT_FOR (window_on_server (window));
  flush_widget (GTK_WIDGET (window));
  WAIT_FOR (find_connect_dialog () == NULL);

  /* Amina, as her login says, whatever MASATIR_USER says; the list. */
  g_assert_cmpstr (ms_window_get_actor (window), ==, "amina");
  g_assert_cmpuint (n_listed (window), ==, n_sheets);
  /* Nobody else to act as on a server: Change Person… does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-user", "s", "youssef"));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpstr (ms_window_get_actor (window), ==, "amina");
  g_object_get (window->sidebar_title, "subtitle", &subtitle, NULL);
  g_test_message ("subtitle: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, "amina@"));

  /* Youssef on a connection of his own, in a window of his own. */
  reviewer_store = ms_store_open_uri (youssef, FALSE, &error);
  g_assert_no_error (error);
  reviewer = ms_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (reviewer), 1100, 720);
  gtk_window_present (GTK_WINDOW (reviewer));
  g_assert_true (ms_window_open_store (reviewer, reviewer_store, &error));
  g_assert_no_error (error);
  flush_widget (GTK_WIDGET (reviewer));
  g_assert_cmpstr (ms_window_get_actor (reviewer), ==, "youssef");

  /* Amina edits and saves, then submits. */
  id = select_code (window, clean_code);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.editing", NULL));
  flush_widget (GTK_WIDGET (window));
  control = ms_sheet_editor_get_field (window->sheet_editor, "title.fr");
  g_assert_true (GTK_IS_EDITABLE (control));
  gtk_editable_set_text (GTK_EDITABLE (control), title);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (window->dirty);
  g_assert_cmpstr (ms_localized_get (ms_store_get_sheet (reviewer_store, id, 0, NULL, &error)->title, MS_LANG_FR),
                   ==, title);
  WAIT_FOR (listed_with_title_fr (reviewer, id, title));
  if (window->editing)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.editing", NULL));
  flush_widget (GTK_WIDGET (window));
  _ms_window_run_transition (window, MS_ACTION_SUBMIT, NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of (window, id), ==, MS_STATE_IN_REVIEW);

  /* Youssef sees it in review, live. */
  WAIT_FOR (state_of (reviewer, id) == MS_STATE_IN_REVIEW);

  /* Amina, a reviewer too, may not approve what she saved and submitted:
   * the window does not offer it, and the database refuses it. */
  select_sheet (window, id);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->approve_button)), ==, "win.approve");
  g_assert_false (gtk_widget_get_sensitive (window->approve_button));
  select_sheet (reviewer, id);
  g_assert_true (gtk_widget_get_sensitive (reviewer->approve_button));
  g_assert_false (ms_store_transition (ms_window_get_store (window), "amina", id, MS_ACTION_APPROVE, NULL, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_clear_error (&error);

  /* Youssef approves from his window; amina's sees it. */
  _ms_window_run_transition (reviewer, MS_ACTION_APPROVE, NULL);
  flush_widget (GTK_WIDGET (reviewer));
  g_assert_cmpint (state_of (reviewer, id), ==, MS_STATE_APPROVED);
  WAIT_FOR (state_of (window, id) == MS_STATE_APPROVED);
  g_assert_true (ms_store_verify_audit (reviewer_store, NULL, &error));
  g_assert_no_error (error);

  close_window (reviewer);
  close_window (window);
  g_unsetenv ("MASATIR_USER");
}

/* What the dialog's error line says, "" when it is hidden. */
static const char *
error_text (MsConnectDialog *dialog)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "error") && gtk_widget_is_visible (labels->pdata[i]))
      return gtk_label_get_text (labels->pdata[i]);
  return "";
}

/* A server that wants a password: the dialog asks for it, a wrong one is
 * refused in the dialog (without quoting it), the right one connects. */
static void
test_password (void)
{
  g_autofree char *amina = store_pg_conninfo_as ("amina");
  MsWindow *window = ms_window_new (GTK_APPLICATION (app));
  MsConnectDialog *dialog;
  GtkWidget *password;

  server_catalog_set_up ();
  store_pg_exec ("ALTER ROLE amina PASSWORD 'a-secret'");
  store_pg_set_hba ("local all amina scram-sha-256\nlocal all all trust\n");

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect-server", NULL);
  WAIT_FOR (find_connect_dialog () != NULL);
  dialog = find_connect_dialog ();
  password = find_child (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (password);
  g_assert_false (gtk_widget_is_visible (password));
  ms_connect_dialog_set_conninfo (dialog, amina);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL));
  WAIT_FOR (gtk_widget_is_visible (password));
  flush_widget (GTK_WIDGET (dialog));
  assert_accessible_labels (GTK_WIDGET (dialog));
  g_assert_false (window_on_server (window));

  gtk_editable_set_text (GTK_EDITABLE (password), "not-it");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL));
  WAIT_FOR (strstr (error_text (dialog), "password authentication failed") != NULL);
  g_assert_null (strstr (error_text (dialog), "not-it"));
  g_assert_false (window_on_server (window));

  gtk_editable_set_text (GTK_EDITABLE (password), "a-secret");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL));
  WAIT_FOR (window_on_server (window));
  g_assert_cmpstr (ms_window_get_actor (window), ==, "amina");
  WAIT_FOR (find_connect_dialog () == NULL);

  close_window (window);
  store_pg_set_hba ("local all all trust\n");
}

int
main (int    argc,
      char **argv)
{
  ui_fixture_init (&argc, &argv);
  if (store_fixture_pg () == NULL)
    {
      g_printerr ("test-ui-pg: PostgreSQL tests NOT RUN: MASATIR_TEST_PG is not set (run under pg-cluster.py)\n");
      return 77;
    }
  g_test_add_func ("/ui-pg/window-on-server", test_window_on_server);
  g_test_add_func ("/ui-pg/password", test_password);
  return ui_fixture_run ();
}
