/* test-ui-window.c — the main window, driven through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-application.h"
#include "ms-i18n.h"
#include "ms-sheet-view.h"
#include "ms-window-private.h"

static MsApplication *app;
static MsCatalog *demo;

/*
 * Helpers
 */

static void
flush_widget (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
deadline_reached_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static guint
n_listed (MsWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (window->list_view)));
}

/* The search entry waits a moment before it reports a change. */
static void
search (MsWindow   *window,
        const char *text,
        guint       expected)
{
  gboolean deadline_reached = FALSE;
  guint timeout_id;

  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), text);
  timeout_id = g_timeout_add (2000, deadline_reached_cb, &deadline_reached);
  while (n_listed (window) != expected && !deadline_reached)
    g_main_context_iteration (NULL, TRUE);
  if (!deadline_reached)
    g_source_remove (timeout_id);

  g_assert_cmpuint (n_listed (window), ==, expected);
}

static guint
count_title_matches (const char *query)
{
  g_autofree char *key = g_utf8_casefold (query, -1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (demo));
  guint matches = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (demo), i);
      MsProcedure *procedure = ms_catalog_entry_get_procedure (entry);

      for (guint lang = 0; lang < MS_N_LANGS; lang++)
        {
          const char *text = procedure->title ? ms_localized_get (procedure->title, lang) : NULL;
          g_autofree char *folded = text ? g_utf8_casefold (text, -1) : NULL;

          if (folded != NULL && strstr (folded, key) != NULL)
            {
              matches++;
              break;
            }
        }
    }

  return matches;
}

/* The residence certificate when the demo has it, else the third sheet. */
static MsProcedure *
pick_procedure (void)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (demo));
  g_autoptr(MsCatalogEntry) fallback = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (demo), i);
      MsProcedure *procedure = ms_catalog_entry_get_procedure (entry);
      const char *fr = procedure->title ? ms_localized_get (procedure->title, MS_LANG_FR) : NULL;

      if (fr != NULL && g_str_has_prefix (fr, "Certificat de résidence"))
        return procedure;
    }

  fallback = g_list_model_get_item (G_LIST_MODEL (demo), MIN (2, n - 1));
  return ms_catalog_entry_get_procedure (fallback);
}

static gboolean
demo_is_usable (void)
{
  if (demo == NULL || g_list_model_get_n_items (G_LIST_MODEL (demo)) == 0)
    {
      g_test_skip ("the demo catalog is empty");
      return FALSE;
    }

  return TRUE;
}

static MsWindow *
new_window (int width)
{
  MsWindow *window = ms_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  ms_window_set_catalog (window, demo);
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));

  return window;
}

static void
select_sheet (MsWindow    *window,
              MsProcedure *procedure)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-sheet",
                                             "s", procedure->id));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (ms_window_get_selected (window) == procedure);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static GtkWidget *
find_label (GtkWidget  *row,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (row, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);

  return NULL;
}

static void
assert_title_row (MsWindow    *window,
                  MsProcedure *procedure)
{
  GtkWidget *row = ms_sheet_view_get_row_for_path (window->sheet_view, "title");
  const char *ar = ms_localized_get (procedure->title, MS_LANG_AR);
  const char *fr = ms_localized_get (procedure->title, MS_LANG_FR);
  GtkWidget *ar_label;
  GtkWidget *fr_label;

  g_assert_nonnull (row);
  g_assert_true (ms_sheet_view_get_row_for_path (window->sheet_view, "title.ar") == row);
  g_assert_nonnull (ar);
  g_assert_nonnull (fr);

  ar_label = find_label (row, ar);
  fr_label = find_label (row, fr);
  g_assert_nonnull (ar_label);
  g_assert_nonnull (fr_label);
  g_assert_cmpint (gtk_widget_get_direction (ar_label), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (fr_label), ==, GTK_TEXT_DIR_LTR);
}

static void
assert_accessible_labels (GtkWidget *widget)
{
  gboolean interactive = GTK_IS_BUTTON (widget)
                         || GTK_IS_MENU_BUTTON (widget)
                         || GTK_IS_SEARCH_ENTRY (widget)
                         || GTK_IS_LIST_VIEW (widget);

  /* The toggle inside a GtkMenuButton is labelled by the menu button, and
   * the window controls belong to GTK. */
  if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget))
      || GTK_IS_WINDOW_CONTROLS (gtk_widget_get_parent (widget)))
    interactive = FALSE;

  if (interactive && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                        GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_error ("%s (%s) has no accessible label",
             G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_name (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_accessible_labels (child);
}

/*
 * Tests
 */

static void
test_select_sheet (void)
{
  MsWindow *window;
  MsProcedure *procedure;
  GtkWidget *user_group;
  guint n_rows = 0;

  if (!demo_is_usable ())
    return;

  window = new_window (1100);
  procedure = pick_procedure ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "empty");

  select_sheet (window, procedure);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "sheet");
  g_assert_cmpstr (adw_window_title_get_title (window->content_title), ==,
                   ms_procedure_get_title (procedure, ms_ui_lang ()));
  g_assert_true (ms_sheet_view_get_procedure (window->sheet_view) == procedure);
  assert_title_row (window, procedure);

  /* Every document has its row, on the side of whoever provides it. */
  user_group = ms_sheet_view_get_row_for_path (window->sheet_view, "documents");
  g_assert_true (ADW_IS_PREFERENCES_GROUP (user_group));
  for (guint i = 0; procedure->documents != NULL && i < procedure->documents->len; i++)
    {
      MsDocument *doc = g_ptr_array_index (procedure->documents, i);
      g_autofree char *path = g_strdup_printf ("documents[%u]", i);
      g_autofree char *name_path = g_strdup_printf ("documents[%u].name", i);
      GtkWidget *row = ms_sheet_view_get_row_for_path (window->sheet_view, path);
      GtkWidget *group;

      g_assert_true (GTK_IS_LIST_BOX_ROW (row));
      g_assert_true (ms_sheet_view_get_row_for_path (window->sheet_view, name_path) == row);
      group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
      if (doc->provided_by == MS_PROVIDER_ADMINISTRATION)
        g_assert_true (group != user_group);
      else
        g_assert_true (group == user_group);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, procedure->documents ? procedure->documents->len : 0);

  /* Unknown paths find nothing; a missing item falls back to its list. */
  g_assert_null (ms_sheet_view_get_row_for_path (window->sheet_view, "no_such_field"));
  g_assert_true (ms_sheet_view_get_row_for_path (window->sheet_view, "documents[9999].name")
                 == user_group);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search (void)
{
  MsWindow *window;
  MsProcedure *procedure;
  const char *fr;
  const char *ar;
  g_autofree char *upper = NULL;
  guint n_all;

  if (!demo_is_usable ())
    return;

  window = new_window (1100);
  procedure = pick_procedure ();
  fr = ms_localized_get (procedure->title, MS_LANG_FR);
  ar = ms_localized_get (procedure->title, MS_LANG_AR);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (demo));
  g_assert_cmpuint (n_listed (window), ==, n_all);

  search (window, fr, count_title_matches (fr));
  g_assert_cmpuint (n_listed (window), >=, 1);
  if (n_all > 1 && count_title_matches (fr) < n_all)
    g_assert_cmpuint (n_listed (window), <, n_all);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "list");

  /* Case does not matter, and Arabic titles are searched too. */
  upper = g_utf8_strup (fr, -1);
  search (window, upper, count_title_matches (fr));
  search (window, ar, count_title_matches (ar));
  g_assert_cmpuint (n_listed (window), >=, 1);

  search (window, "zzqx impossible query qxzz", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "no-results");

  search (window, "", n_all);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "list");

  /* Selecting a sheet hidden by the search clears the search. */
  search (window, "zzqx impossible query qxzz", 0);
  select_sheet (window, procedure);
  g_assert_cmpuint (n_listed (window), ==, n_all);

  /* win.search brings the keyboard focus to the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (window->search_entry)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_accessible_labels (void)
{
  MsWindow *window;

  if (!demo_is_usable ())
    return;

  window = new_window (1100);
  select_sheet (window, pick_procedure ());
  assert_accessible_labels (GTK_WIDGET (window));
  gtk_test_accessible_assert_property (window->search_entry, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       _("Search procedures by title"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_welcome (void)
{
  MsWindow *window = ms_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));

  g_assert_null (ms_window_get_catalog (window));
  g_assert_null (ms_window_get_selected (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  /* Disabled without a catalog: activating it changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-sheet", "s", "no-such-id");
  g_assert_null (ms_window_get_selected (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  assert_accessible_labels (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_folded_back (void)
{
  MsWindow *window;

  if (!demo_is_usable ())
    return;

  window = new_window (360);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->sidebar_box);

  select_sheet (window, pick_procedure ());
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content_box);
  g_assert_true (gtk_widget_get_visible (window->back_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->sidebar_box);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_right_to_left (void)
{
  MsWindow *window;
  MsProcedure *procedure;
  graphene_rect_t sidebar;
  graphene_rect_t content;

  if (!demo_is_usable ())
    return;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);

  window = new_window (1100);
  procedure = pick_procedure ();
  select_sheet (window, procedure);

  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);
  assert_title_row (window, procedure);

  /* The whole window mirrors: the list is on the right. */
  g_assert_true (gtk_widget_compute_bounds (window->sidebar_box, GTK_WIDGET (window), &sidebar));
  g_assert_true (gtk_widget_compute_bounds (window->content_box, GTK_WIDGET (window), &content));
  g_assert_cmpfloat (sidebar.origin.x, >, content.origin.x);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *dir = NULL;
  const char *datadir;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* A registered application: it loads style.css and the shortcuts window
   * from the resources; non-unique so that test runs do not meet. */
  app = ms_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  datadir = g_getenv ("MASATIR_DATADIR");
  g_assert_nonnull (datadir);
  dir = g_build_filename (datadir, "demo", NULL);
  demo = ms_catalog_new ();
  ms_catalog_load_directory (demo, dir, &problems, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/select-sheet", test_select_sheet);
  g_test_add_func ("/ui/window/search", test_search);
  g_test_add_func ("/ui/window/accessible-labels", test_accessible_labels);
  g_test_add_func ("/ui/window/folded-back", test_folded_back);
  g_test_add_func ("/ui/window/right-to-left", test_right_to_left);

  status = g_test_run ();

  g_clear_object (&demo);
  g_clear_object (&app);

  return status;
}
