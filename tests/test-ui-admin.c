/* test-ui-admin.c — the Users window, the audit log, the Import dialog and
 * the new catalog dialog (issue 11 items 6, 7, 8), driven through their
 * actions and APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-admin"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ms-audit-window.h"
#include "ms-import-dialog.h"
#include "ms-new-catalog-dialog.h"
#include "ms-sqlite-store.h"
#include "ms-users-window.h"
#include "ms-window-private.h"
#include "store-fixture.h"
#include "ui-fixture.h"

typedef struct {
  char    *dir;
  char    *path;
  MsStore *store;
} Catalog;

static void
add_user (MsStore    *store,
          const char *actor,
          const char *login,
          const char *name,
          MsRoles     roles)
{
  g_autoptr(GError) error = NULL;
  MsUser user = { (char *) login, (char *) name, roles, FALSE };

  g_assert_true (ms_store_add_user (store, actor, &user, &error));
  g_assert_no_error (error);
}

/* karim (admin, publisher), amina (editor), youssef (reviewer). */
static void
catalog_set_up (Catalog *c)
{
  g_autoptr(GError) error = NULL;

  c->dir = g_dir_make_tmp ("masatir-ui-admin-XXXXXX", &error);
  g_assert_no_error (error);
  c->path = g_build_filename (c->dir, "catalog.db", NULL);
  c->store = MS_STORE (ms_sqlite_store_open (c->path, MS_SQLITE_STORE_CREATE, &error));
  g_assert_no_error (error);
  add_user (c->store, "karim", "karim", "Karim Alaoui", MS_ROLE_ADMIN | MS_ROLE_PUBLISHER);
  add_user (c->store, "karim", "amina", "Amina Bennani", MS_ROLE_EDITOR);
  add_user (c->store, "karim", "youssef", "Youssef Tazi", MS_ROLE_REVIEWER);
}

static void
catalog_tear_down (Catalog *c)
{
  g_clear_object (&c->store);
  test_remove_tree (c->dir);
  g_free (c->path);
  g_free (c->dir);
}

static MsUser *
stored_user (MsStore    *store,
             const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = ms_store_list_users (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < users->len; i++)
    {
      MsUser *user = g_ptr_array_index (users, i);

      if (g_strcmp0 (user->login, login) == 0)
        return g_ptr_array_steal_index (users, i);
    }
  return NULL;
}

/* The visible message dialog over @parent, or NULL. */
static AdwMessageDialog *
find_dialog_over (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The dialog over @parent says @fragment; it is closed. */
static void
assert_dialog_says (GtkWindow  *parent,
                    const char *fragment)
{
  AdwMessageDialog *dialog = find_dialog_over (parent);

  g_assert_nonnull (dialog);
  if (strstr (adw_message_dialog_get_body (dialog), fragment) == NULL)
    g_error ("“%s” does not say “%s”", adw_message_dialog_get_body (dialog), fragment);
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_widget (GTK_WIDGET (parent));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Users {{{1 */

static void
test_users_admin (void)
{
  Catalog c = { 0 };
  MsUsersWindow *window;
  g_autoptr(MsUser) eve = NULL;
  g_autoptr(MsUser) amina = NULL;
  g_autoptr(MsUser) karim = NULL;
  guint changes = 0;

  catalog_set_up (&c);
  window = ms_users_window_new (c.store, "karim");
  g_signal_connect_swapped (window, "changed", G_CALLBACK (count_cb), &changes);
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (ms_users_window_get_editable (window));
  g_assert_nonnull (ms_users_window_get_row (window, "amina"));
  g_assert_cmpuint (assert_accessible_labels (GTK_WIDGET (window)), >, 10);

  /* Add */
  ms_users_window_fill_form (window, "eve", "Eve Idrissi", MS_ROLE_EDITOR | MS_ROLE_REVIEWER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "users.add", NULL));
  flush_widget (GTK_WIDGET (window));
  eve = stored_user (c.store, "eve");
  g_assert_nonnull (eve);
  g_assert_cmpstr (eve->name, ==, "Eve Idrissi");
  g_assert_cmpint (eve->roles, ==, MS_ROLE_EDITOR | MS_ROLE_REVIEWER);
  g_assert_nonnull (ms_users_window_get_row (window, "eve"));
  g_assert_cmpuint (changes, ==, 1);

  /* The same login again: the store's refusal, shown. */
  ms_users_window_fill_form (window, "eve", NULL, MS_ROLE_EDITOR);
  gtk_widget_activate_action (GTK_WIDGET (window), "users.add", NULL);
  assert_dialog_says (GTK_WINDOW (window), "already a user");

  /* Change roles */
  ms_users_window_tick_roles (window, "amina", MS_ROLE_EDITOR | MS_ROLE_PUBLISHER);
  gtk_widget_activate_action (GTK_WIDGET (window), "users.set-roles", "s", "amina");
  flush_widget (GTK_WIDGET (window));
  amina = stored_user (c.store, "amina");
  g_assert_cmpint (amina->roles, ==, MS_ROLE_EDITOR | MS_ROLE_PUBLISHER);

  /* Deactivate, reactivate */
  gtk_widget_activate_action (GTK_WIDGET (window), "users.set-active", "(sb)", "amina", FALSE);
  flush_widget (GTK_WIDGET (window));
  g_clear_pointer (&amina, ms_user_free);
  amina = stored_user (c.store, "amina");
  g_assert_true (amina->inactive);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (ms_users_window_get_row (window, "amina"))),
                            "Deactivated"));
  gtk_widget_activate_action (GTK_WIDGET (window), "users.set-active", "(sb)", "amina", TRUE);
  flush_widget (GTK_WIDGET (window));
  g_clear_pointer (&amina, ms_user_free);
  amina = stored_user (c.store, "amina");
  g_assert_false (amina->inactive);
  g_assert_cmpuint (changes, ==, 4);

  /* The last admin: refused, as the store says, and nothing changed. */
  ms_users_window_tick_roles (window, "karim", MS_ROLE_PUBLISHER);
  gtk_widget_activate_action (GTK_WIDGET (window), "users.set-roles", "s", "karim");
  assert_dialog_says (GTK_WINDOW (window), "last active admin");
  g_assert_nonnull (strstr (ms_users_window_get_refusal (window), "last active admin"));
  gtk_widget_activate_action (GTK_WIDGET (window), "users.set-active", "(sb)", "karim", FALSE);
  assert_dialog_says (GTK_WINDOW (window), "last active admin");
  karim = stored_user (c.store, "karim");
  g_assert_cmpint (karim->roles, ==, MS_ROLE_ADMIN | MS_ROLE_PUBLISHER);
  g_assert_false (karim->inactive);
  g_assert_cmpuint (changes, ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  catalog_tear_down (&c);
}

/* Someone who is not an admin reads the list; every control says why not. */
static void
test_users_read_only (void)
{
  Catalog c = { 0 };
  MsUsersWindow *window;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  catalog_set_up (&c);
  window = ms_users_window_new (c.store, "amina");
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (ms_users_window_get_editable (window));
  g_assert_nonnull (ms_users_window_get_row (window, "karim"));
  assert_accessible_labels (GTK_WIDGET (window));

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_CHECK_BUTTON, checks);
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_ENTRY, entries);
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  g_assert_cmpuint (checks->len, ==, 4 * 4);   /* the form's and each person's */
  g_assert_cmpuint (entries->len, ==, 2);
  g_ptr_array_extend_and_steal (checks, g_steal_pointer (&entries));
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_actionable_get_action_name (buttons->pdata[i]) != NULL
        && g_str_has_prefix (gtk_actionable_get_action_name (buttons->pdata[i]), "users."))
      g_ptr_array_add (checks, buttons->pdata[i]);
  g_assert_cmpuint (checks->len, >=, 18 + 1 + 2 * 3);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *control = checks->pdata[i];

      g_assert_false (gtk_widget_is_sensitive (control));
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (control), "does not have the admin role"));
    }
  /* The action itself is off, not only its button. */
  ms_users_window_fill_form (window, "eve", "Eve", MS_ROLE_EDITOR);
  gtk_widget_activate_action (GTK_WIDGET (window), "users.add", NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_null (stored_user (c.store, "eve"));
  g_assert_null (find_dialog_over (GTK_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  catalog_tear_down (&c);
}

/* Audit log {{{1 */

static void
import_demo (MsStore    *store,
             const char *name)
{
  g_autofree char *path = g_build_filename (demo_dir, name, NULL);
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  sheets = ms_procedure_list_from_file (path, NULL, &error);
  g_assert_no_error (error);
  items = ms_store_import (store, "amina", sheets, &error);
  g_assert_no_error (error);
}

static void
test_audit_log (void)
{
  Catalog c = { 0 };
  MsAuditWindow *window;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *result;
  gboolean ok = FALSE;
  guint n;

  catalog_set_up (&c);
  import_demo (c.store, "residence-certificate.json");
  import_demo (c.store, "building-permit.json");
  g_assert_true (ms_store_set_user_roles (c.store, "karim", "youssef", MS_ROLE_REVIEWER | MS_ROLE_EDITOR, &error));

  window = ms_audit_window_new (c.store);
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));
  assert_accessible_labels (GTK_WIDGET (window));
  entries = ms_store_audit (c.store, NULL, &error);
  g_assert_no_error (error);
  n = entries->len;
  g_assert_cmpuint (n, ==, 3 + 2 + 1);
  g_assert_cmpuint (ms_audit_window_get_n_rows (window), ==, n);
  g_assert_cmpstr (ms_audit_window_get_cell (window, 0, "seq"), ==, "1");
  g_assert_cmpstr (ms_audit_window_get_cell (window, 0, "action"), ==, "user-add");
  g_assert_cmpstr (ms_audit_window_get_cell (window, 0, "comment"), ==, "karim: publisher,admin");
  g_assert_cmpstr (ms_audit_window_get_cell (window, 3, "actor"), ==, "amina");
  g_assert_cmpstr (ms_audit_window_get_cell (window, 3, "sheet"), ==, "MI-DGSN-0001 r1");
  g_assert_cmpstr (ms_audit_window_get_cell (window, n - 1, "action"), ==, "user-roles");
  g_assert_null (ms_audit_window_get_result (window, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "audit.verify", NULL);
  flush_widget (GTK_WIDGET (window));
  result = ms_audit_window_get_result (window, &ok);
  g_assert_true (ok);
  g_assert_nonnull (strstr (result, "intact: 6 entries"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), result));

  /* Behind the store's back: the check fails and says where. */
  store_tamper (c.path, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'omar' WHERE seq = 4;");
  gtk_widget_activate_action (GTK_WIDGET (window), "audit.verify", NULL);
  flush_widget (GTK_WIDGET (window));
  result = ms_audit_window_get_result (window, &ok);
  g_assert_false (ok);
  g_assert_nonnull (strstr (result, "audit entry 4 ("));
  g_assert_nonnull (find_label (GTK_WIDGET (window), result));
  g_assert_cmpstr (ms_audit_window_get_cell (window, 3, "actor"), ==, "omar");

  gtk_window_destroy (GTK_WINDOW (window));
  catalog_tear_down (&c);
}

/* Import {{{1 */

static void
run_import (MsImportDialog *dialog,
            GPtrArray      *files,
            MsImportFormat  format)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  ms_import_dialog_set_files (dialog, files);
  ms_import_dialog_set_format (dialog, format);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (ms_import_dialog_get_running (dialog));
  /* The window keeps drawing meanwhile: the import runs in a thread. */
  while (ms_import_dialog_get_running (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ms_import_dialog_get_running (dialog));
  flush_widget (GTK_WIDGET (dialog));
}

static MsImportLine *
report_line (MsImportDialog *dialog,
             guint           i)
{
  GPtrArray *report = ms_import_dialog_get_report (dialog);

  g_assert_nonnull (report);
  g_assert_cmpuint (i, <, report->len);
  return g_ptr_array_index (report, i);
}

static void
test_import (void)
{
  Catalog c = { 0 };
  MsImportDialog *dialog;
  g_autofree char *demo = g_build_filename (demo_dir, "residence-certificate.json", NULL);
  g_autofree char *bad = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *portal = g_test_build_filename (G_TEST_DIST, "data", "portal-messy.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *report;
  guint imported;
  GtkWidget *report_list;

  catalog_set_up (&c);
  bad = g_build_filename (c.dir, "bad.json", NULL);
  missing = g_build_filename (c.dir, "missing.json", NULL);
  g_assert_true (g_file_set_contents (bad, "{\"id\": 12, \"title\": []}", -1, NULL));

  dialog = ms_import_dialog_new (c.store, "amina");
  gtk_window_present (GTK_WINDOW (dialog));
  flush_widget (GTK_WIDGET (dialog));
  assert_accessible_labels (GTK_WIDGET (dialog));

  g_ptr_array_add (files, g_file_new_for_path (demo));
  g_ptr_array_add (files, g_file_new_for_path (bad));
  g_ptr_array_add (files, g_file_new_for_path (missing));
  run_import (dialog, files, MS_IMPORT_FORMAT_SHEETS);
  report = ms_import_dialog_get_report (dialog);
  g_assert_cmpint (report_line (dialog, 0)->kind, ==, MS_IMPORT_LINE_CREATED);
  g_assert_cmpstr (report_line (dialog, 0)->code, ==, "MI-DGSN-0001");
  g_assert_cmpstr (report_line (dialog, 0)->file, ==, demo);
  for (guint i = 1; i < report->len - 1; i++)
    {
      g_assert_cmpint (report_line (dialog, i)->kind, ==, MS_IMPORT_LINE_REFUSED);
      g_assert_cmpstr (report_line (dialog, i)->file, ==, bad);
    }
  g_assert_cmpuint (report->len, >=, 3);
  g_assert_cmpint (report_line (dialog, report->len - 1)->kind, ==, MS_IMPORT_LINE_REFUSED);
  g_assert_cmpstr (report_line (dialog, report->len - 1)->file, ==, missing);
  /* A row a line, and the copy says the same. */
  /* The last list of the dialog: the report group's own list of rows is empty. */
  {
    g_autoptr(GPtrArray) lists = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, lists);
    report_list = g_ptr_array_index (lists, lists->len - 1);
  }
  imported = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (report_list); row != NULL; row = gtk_widget_get_next_sibling (row))
    imported++;
  g_assert_cmpuint (imported, ==, report->len);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "created MI-DGSN-0001 (revision 1)"));
  text = ms_import_dialog_get_report_text (dialog);
  g_assert_nonnull (strstr (text, "residence-certificate.json: created MI-DGSN-0001 (revision 1)\n"));
  g_assert_nonnull (strstr (text, "bad.json: refused: "));
  g_assert_nonnull (strstr (text, "missing.json: refused: "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.copy", NULL));

  listed = ms_store_list (c.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  /* The counts above it, the missing file's refusal among them. */
  {
    g_autofree char *expected = g_strdup_printf ("1 sheet created, %u refusals", report->len - 1);

    g_assert_cmpstr (ms_import_dialog_get_summary (dialog), ==, expected);
    g_assert_nonnull (find_label (GTK_WIDGET (dialog), expected));
  }

  /* Checked only: reported as an import, and nothing kept. */
  {
    g_autofree char *permit = g_build_filename (demo_dir, "building-permit.json", NULL);
    g_autoptr(GPtrArray) after = NULL;
    MsImportOptions check_only = { .dry_run = TRUE };
    MsImportOptions none = { 0 };

    g_ptr_array_set_size (files, 0);
    g_ptr_array_add (files, g_file_new_for_path (permit));
    imported = 0;
    g_signal_connect_swapped (dialog, "imported", G_CALLBACK (count_cb), &imported);
    ms_import_dialog_set_options (dialog, &check_only);
    run_import (dialog, files, MS_IMPORT_FORMAT_SHEETS);
    g_assert_cmpint (report_line (dialog, 0)->kind, ==, MS_IMPORT_LINE_CREATED);
    g_assert_cmpstr (ms_import_dialog_get_summary (dialog), ==,
                     "1 sheet created\nChecked only: nothing was kept.");
    after = ms_store_list (c.store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, 1);
    /* The window has nothing to read again. */
    g_assert_cmpuint (imported, ==, 0);
    g_signal_handlers_disconnect_by_func (dialog, count_cb, &imported);
    ms_import_dialog_set_options (dialog, &none);
    g_ptr_array_set_size (files, 0);
    g_ptr_array_add (files, g_file_new_for_path (demo));
  }

  /* What only portal records meet is offered for them only. */
  {
    g_autoptr(GPtrArray) switches = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, switches);
    g_assert_cmpuint (switches->len, ==, 3);
    g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (switches, 0)));
    g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (switches, 1)));
    g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (switches, 2)));
    ms_import_dialog_set_format (dialog, MS_IMPORT_FORMAT_PORTAL);
    g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (switches, 1)));
    g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (switches, 2)));
    ms_import_dialog_set_format (dialog, MS_IMPORT_FORMAT_SHEETS);
  }

  /* Again: unchanged. Then portal records, with what could not be mapped. */
  g_ptr_array_set_size (files, 1);
  run_import (dialog, files, MS_IMPORT_FORMAT_SHEETS);
  g_assert_cmpuint (ms_import_dialog_get_report (dialog)->len, ==, 1);
  g_assert_cmpint (report_line (dialog, 0)->kind, ==, MS_IMPORT_LINE_UNCHANGED);
  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, g_file_new_for_path (portal));
  run_import (dialog, files, MS_IMPORT_FORMAT_PORTAL);
  report = ms_import_dialog_get_report (dialog);
  g_clear_pointer (&text, g_free);
  text = ms_import_dialog_get_report_text (dialog);
  g_assert_nonnull (strstr (text, "not mapped: portal procedure 1203: delay"));
  g_assert_cmpint (report_line (dialog, 0)->kind, ==, MS_IMPORT_LINE_CREATED);

  /* Someone the store refuses: the reason, in the report. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = ms_import_dialog_new (c.store, "youssef");
  gtk_window_present (GTK_WINDOW (dialog));
  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, g_file_new_for_path (demo));
  run_import (dialog, files, MS_IMPORT_FORMAT_SHEETS);
  g_assert_cmpuint (ms_import_dialog_get_report (dialog)->len, ==, 1);
  g_assert_cmpint (report_line (dialog, 0)->kind, ==, MS_IMPORT_LINE_REFUSED);
  g_assert_nonnull (strstr (report_line (dialog, 0)->message, "editor role"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  catalog_tear_down (&c);
}

/* New catalog {{{1 */

static void
test_new_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("masatir-ui-new-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(MsSqliteStore) reopened = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *issuer = NULL;
  MsNewCatalogDialog *dialog;
  MsStore *store = NULL;
  MsUser *admin;

  g_assert_no_error (error);
  dialog = ms_new_catalog_dialog_new ();
  g_signal_connect_swapped (dialog, "created", G_CALLBACK (g_set_object), &store);
  gtk_window_present (GTK_WINDOW (dialog));
  flush_widget (GTK_WIDGET (dialog));
  assert_accessible_labels (GTK_WIDGET (dialog));

  /* A login the store refuses: nothing is left behind. */
  ms_new_catalog_dialog_set_file (dialog, bad_file);
  ms_new_catalog_dialog_fill (dialog, "ma.test", "no body", "Nobody");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-catalog.create", NULL);
  assert_dialog_says (GTK_WINDOW (dialog), "not a valid login");
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_null (ms_new_catalog_dialog_get_store (dialog));

  ms_new_catalog_dialog_set_file (dialog, file);
  ms_new_catalog_dialog_fill (dialog, "ma.test.rabat", "salma", "Salma Idrissi");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-catalog.create", NULL);
  flush_widget (GTK_WIDGET (dialog));
  g_assert_nonnull (store);
  g_assert_true (store == ms_new_catalog_dialog_get_store (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&store);

  /* What masatir-cli init --issuer and users add would have made. */
  reopened = ms_sqlite_store_open (path, MS_SQLITE_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  issuer = ms_store_get_setting (MS_STORE (reopened), "issuer", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issuer, ==, "ma.test.rabat");
  users = ms_store_list_users (MS_STORE (reopened), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 1);
  admin = g_ptr_array_index (users, 0);
  g_assert_cmpstr (admin->login, ==, "salma");
  g_assert_cmpstr (admin->name, ==, "Salma Idrissi");
  g_assert_cmpint (admin->roles, ==, MS_ROLE_ADMIN);
  g_assert_true (ms_store_verify_audit (MS_STORE (reopened), NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&reopened);
  test_remove_tree (dir);
}

/* From the main window {{{1 */

/* The window of @type over @parent that its action opened. */
static GtkWindow *
find_transient (GtkWindow *parent,
                GType      type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_window_get_transient_for (l->data) == parent)
      return l->data;
  g_error ("no %s over the window", g_type_name (type));
  return NULL;
}

static void
test_from_window (void)
{
  Catalog c = { 0 };
  MsWindow *window;
  MsUsersWindow *users;
  MsAuditWindow *audit;
  MsImportDialog *import;
  g_autofree char *demo = g_build_filename (demo_dir, "residence-certificate.json", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = NULL;

  catalog_set_up (&c);
  window = open_window (c.path, "karim");

  /* Users: what changes the acting user's roles changes the window's. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.users", NULL));
  users = MS_USERS_WINDOW (find_transient (GTK_WINDOW (window), MS_TYPE_USERS_WINDOW));
  flush_widget (GTK_WIDGET (users));
  g_assert_true (ms_users_window_get_editable (users));
  ms_users_window_tick_roles (users, "youssef", MS_ROLE_REVIEWER | MS_ROLE_ADMIN);
  gtk_widget_activate_action (GTK_WIDGET (users), "users.set-roles", "s", "youssef");
  ms_users_window_tick_roles (users, "karim", MS_ROLE_PUBLISHER | MS_ROLE_EDITOR);
  gtk_widget_activate_action (GTK_WIDGET (users), "users.set-roles", "s", "karim");
  flush_widget (GTK_WIDGET (users));
  g_assert_null (find_dialog_over (GTK_WINDOW (users)));
  g_assert_false (ms_users_window_get_editable (users));
  g_assert_nonnull (window->user);
  g_assert_cmpint (window->user->roles, ==, MS_ROLE_PUBLISHER | MS_ROLE_EDITOR);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (users));

  /* Import, now that karim is an editor: the list shows the sheet. */
  g_assert_cmpuint (n_in_catalog (window), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  import = MS_IMPORT_DIALOG (find_transient (GTK_WINDOW (window), MS_TYPE_IMPORT_DIALOG));
  g_ptr_array_add (files, g_file_new_for_path (demo));
  run_import (import, files, MS_IMPORT_FORMAT_SHEETS);
  g_assert_cmpint (((MsImportLine *) g_ptr_array_index (ms_import_dialog_get_report (import), 0))->kind,
                   ==, MS_IMPORT_LINE_CREATED);
  g_assert_cmpuint (n_listed (window), ==, 1);
  gtk_window_destroy (GTK_WINDOW (import));

  /* The audit log shows all of it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.audit-log", NULL));
  audit = MS_AUDIT_WINDOW (find_transient (GTK_WINDOW (window), MS_TYPE_AUDIT_WINDOW));
  entries = ms_store_audit (c.store, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 3 + 2 + 1);
  g_assert_cmpuint (ms_audit_window_get_n_rows (audit), ==, entries->len);
  gtk_window_destroy (GTK_WINDOW (audit));

  close_window (window);
  catalog_tear_down (&c);
}

/* A deactivated person reads only, and is told why. */
static void
test_deactivated_window (void)
{
  Catalog c = { 0 };
  MsWindow *window;
  g_autoptr(GError) error = NULL;

  catalog_set_up (&c);
  g_assert_true (ms_store_set_user_active (c.store, "karim", "amina", FALSE, &error));
  g_assert_no_error (error);
  window = open_window (c.path, "amina");
  g_assert_null (window->user);
  g_assert_cmpstr (gtk_label_get_text (window->banner_label), ==, "You were deactivated in this catalog: read-only");
  g_assert_true (gtk_revealer_get_reveal_child (window->banner_revealer));
  close_window (window);
  catalog_tear_down (&c);
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);

  g_test_add_func ("/ui/admin/users/admin", test_users_admin);
  g_test_add_func ("/ui/admin/users/read-only", test_users_read_only);
  g_test_add_func ("/ui/admin/audit-log", test_audit_log);
  g_test_add_func ("/ui/admin/import", test_import);
  g_test_add_func ("/ui/admin/new-catalog", test_new_catalog);
  g_test_add_func ("/ui/admin/from-window", test_from_window);
  g_test_add_func ("/ui/admin/deactivated-window", test_deactivated_window);

  return ui_fixture_run ();
}
