/* test-ui-window.c — the main window, driven through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ms-application.h"
#include "ms-i18n.h"
#include "ms-sheet-view.h"
#include "ms-text.h"
#include "ms-validator.h"
#include "ms-window-private.h"
#include "ui-fixture.h"
static MsCatalog *demo;
/* tests/data/demo-planted.json: file name → {"errors": [rule ids], "paths": [...]} */
static JsonObject *planted;

/*
 * Helpers
 */

static gboolean
is_listed (MsWindow    *window,
           MsProcedure *procedure)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (window->list_view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MsSheetRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (ms_sheet_row_get_id (row), procedure->id) == 0)
        return TRUE;
    }

  return FALSE;
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
      /* A missing prerequisite fails: it never skips. */
      g_test_fail_printf ("the demo catalog (%s/demo) could not be loaded or is empty",
                          g_getenv ("MASATIR_DATADIR"));
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

/* Selects @procedure, which the window shows after, as read from its
 * catalog: the same sheet. */
static void
select_procedure (MsWindow    *window,
                  MsProcedure *procedure)
{
  select_sheet (window, procedure->id);
  g_assert_true (ms_procedure_equal (ms_window_get_selected (window), procedure));
}

/* The demo sheet loaded from @file, and its answer key. */
static MsProcedure *
planted_procedure (const char  *file,
                   JsonObject **key)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (demo));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (demo), i);
      g_autofree char *base = g_path_get_basename (ms_catalog_entry_get_source (entry));

      if (g_strcmp0 (base, file) == 0)
        {
          if (key != NULL)
            *key = json_object_get_object_member (planted, file);
          return ms_catalog_entry_get_procedure (entry);
        }
    }

  g_error ("the demo catalog has no %s", file);
  return NULL;
}

/* The first sheet of the key whose planted errors include @rule, and the
 * path the key gives for it. */
static const char *
planted_file_with_rule (const char  *rule,
                        const char **path)
{
  g_autoptr(GList) files = json_object_get_members (planted);

  for (GList *l = files; l != NULL; l = l->next)
    {
      JsonObject *key = json_object_get_object_member (planted, l->data);
      JsonArray *errors = json_object_get_array_member (key, "errors");

      for (guint i = 0; i < json_array_get_length (errors); i++)
        if (g_strcmp0 (json_array_get_string_element (errors, i), rule) == 0)
          {
            *path = json_array_get_string_element (json_object_get_array_member (key, "paths"), i);
            return l->data;
          }
    }

  g_error ("no planted sheet has rule %s", rule);
  return NULL;
}

static AdwPreferencesGroup *
issues_group (MsWindow *window)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window->sheet_view), ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)),
                   _("Law 55-19 Check")) == 0)
      return g_ptr_array_index (groups, i);

  g_error ("the sheet view has no law 55-19 check");
  return NULL;
}

typedef struct {
  GtkWidget  *row;
  GtkWidget  *icon;
  const char *rule;      /* its name, as shown */
  const char *tooltip;   /* the rule's id, then the path */
  gboolean    is_error;
} IssueRow;

/* The rows of the law 55-19 check, as they are shown. */
static GArray *
issue_rows (MsWindow *window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GArray *out = g_array_new (FALSE, TRUE, sizeof (IssueRow));

  collect_widgets (GTK_WIDGET (issues_group (window)), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      IssueRow issue = { g_ptr_array_index (rows, i), NULL, NULL, NULL, FALSE };

      issue.icon = find_child (issue.row, GTK_TYPE_IMAGE);
      g_assert_nonnull (issue.icon);
      issue.is_error = g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (issue.icon)),
                                  "dialog-error-symbolic") == 0;
      collect_widgets (issue.row, GTK_TYPE_LABEL, labels);
      for (guint j = 0; j < labels->len; j++)
        if (gtk_widget_has_css_class (g_ptr_array_index (labels, j), "ms-rule-id"))
          {
            issue.rule = gtk_label_get_text (g_ptr_array_index (labels, j));
            issue.tooltip = gtk_widget_get_tooltip_text (g_ptr_array_index (labels, j));
          }
      g_assert_nonnull (issue.rule);
      g_assert_nonnull (issue.tooltip);
      g_array_append_val (out, issue);
    }

  return out;
}

static gboolean
has_error_row (GArray     *rows,
               const char *rule)
{
  for (guint i = 0; i < rows->len; i++)
    {
      IssueRow *issue = &g_array_index (rows, IssueRow, i);

      /* People read the rule's name; its id is only in the tooltip. */
      if (issue->is_error && g_str_has_prefix (issue->tooltip, rule)
          && (issue->tooltip[strlen (rule)] == '\0' || issue->tooltip[strlen (rule)] == ' '))
        {
          g_assert_cmpstr (issue->rule, ==, ms_rule_get_name (rule));
          return TRUE;
        }
    }

  return FALSE;
}

/* The error icon of the selected row of the sheet list. */
static GtkWidget *
selected_list_icon (MsWindow *window)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (window->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      g_autoptr(GPtrArray) images = g_ptr_array_new ();

      if (!(gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_SELECTED))
        continue;

      collect_widgets (item, GTK_TYPE_IMAGE, images);
      g_assert_cmpuint (images->len, ==, 1);
      return g_ptr_array_index (images, 0);
    }

  g_error ("no row of the sheet list is selected");
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
  /* Drawing the list validated no sheet: the rows carry the store's
   * counts (issue 15 item 1), and no row holds its sheet. */
  g_assert_cmpuint (n_listed (window), >, 0);
  g_assert_cmpuint (g_hash_table_size (window->issues), ==, 0);
  g_assert_cmpuint (ms_sheet_list_get_n_reads (ms_window_get_list (window)), >, 0);

  select_procedure (window, procedure);
  /* Opened: read and validated, that one only. */
  g_assert_cmpuint (g_hash_table_size (window->issues), ==, 1);
  g_assert_true (g_hash_table_contains (window->issues, procedure->id));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "sheet");
  g_assert_cmpstr (adw_window_title_get_title (window->content_title), ==,
                   ms_procedure_get_title (procedure, ms_ui_lang ()));
  g_assert_true (ms_sheet_view_get_procedure (window->sheet_view) == ms_window_get_selected (window));
  g_assert_true (ms_procedure_equal (ms_sheet_view_get_procedure (window->sheet_view), procedure));
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

/* What the rows shown say of the search (_ms_window_search_update_row):
 * the markup of their snippet lines, and of their titles when the words
 * are found there, one string each. */
static GPtrArray *
shown_snippets (MsWindow *window)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *markups = g_ptr_array_new_with_free_func (g_free);

  collect_widgets (GTK_WIDGET (window->list_view), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (labels, i);

      if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
          && (gtk_widget_has_css_class (widget, "ms-snippet") || gtk_label_get_use_markup (GTK_LABEL (widget))))
        g_ptr_array_add (markups, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
    }
  return markups;
}

static gboolean
any_contains (GPtrArray  *texts,
              const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Types @text and waits for the list to change from what it was. */
static void
type_search (MsWindow   *window,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), text);
  g_signal_emit_by_name (window->search_entry, "search-changed");
  flush_widget (GTK_WIDGET (window));
}

/* A folder of sheets has no store: core's analysis on the sheets held. */
static void
test_search (void)
{
  MsWindow *window;
  MsProcedure *procedure;
  MsProcedure *residence;
  MsProcedure *birth;
  g_autoptr(GPtrArray) snippets = NULL;
  guint n_all, n_singular;

  if (!demo_is_usable ())
    return;

  window = new_window (1100);
  procedure = pick_procedure ();
  n_all = g_list_model_get_n_items (G_LIST_MODEL (demo));
  g_assert_cmpuint (n_listed (window), ==, n_all);

  /* Tashkeel, hamza, taa marbuta, accents and case do not matter; words
   * are matched by their stems and as prefixes; the code is searched. */
  residence = planted_procedure ("residence-certificate.json", NULL);
  type_search (window, "شَهادة السُّكنى");
  g_assert_true (is_listed (window, residence));
  g_assert_cmpuint (n_listed (window), <, n_all);
  type_search (window, "RÉSID");
  g_assert_true (is_listed (window, residence));
  type_search (window, "résidences");
  g_assert_true (is_listed (window, residence));
  type_search (window, residence->code);
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_true (is_listed (window, residence));
  birth = planted_procedure ("administrative-birth-certificate.json", NULL);
  if (birth != NULL)
    {
      type_search (window, "شهاده اداريه للولاده");
      g_assert_true (is_listed (window, birth));
    }

  /* Plural and singular find the same sheets; each row says why. */
  type_search (window, "certificat");
  n_singular = n_listed (window);
  g_assert_cmpuint (n_singular, >=, 2);
  type_search (window, "Certificats");
  g_assert_cmpuint (n_listed (window), ==, n_singular);
  snippets = shown_snippets (window);
  g_assert_cmpuint (snippets->len, >=, 1);
  g_assert_true (any_contains (snippets, "<b>Certificat</b>"));

  /* Query syntax is text. */
  type_search (window, "\" OR * NEAR(");
  g_assert_cmpuint (n_listed (window), ==, 0);

  search_sheets (window, "zzqx impossible query qxzz", 0, 2000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "no-results");

  search_sheets (window, "", n_all, 2000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "list");
  g_clear_pointer (&snippets, g_ptr_array_unref);
  snippets = shown_snippets (window);
  g_assert_cmpuint (snippets->len, ==, 0);

  /* Selecting a sheet hidden by the search clears the search. */
  search_sheets (window, "zzqx impossible query qxzz", 0, 2000);
  select_procedure (window, procedure);
  g_assert_cmpuint (n_listed (window), ==, n_all);

  /* win.search brings the keyboard focus to the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (window->search_entry)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* On a catalog database the window's search is the store's, the call
 * masatir-cli search makes: the same sheets, in the same order, each row
 * with its snippet, the words found in bold and the text escaped. */
static void
test_search_store (void)
{
  static const MsUser users[] = {
    { (char *) "karim", (char *) "Karim", MS_ROLE_ALL },
    { (char *) "amina", (char *) "Amina", MS_ROLE_EDITOR },
  };
  const char * const queries[] = { "البطاقة الوطنية", "legalisee", "certificats de résidence", "55-19" };
  g_autofree char *path = NULL;
  g_autoptr(MsStore) store = NULL;
  MsWindow *window;

  if (!demo_is_usable ())
    return;

  store = make_catalog_store (users, G_N_ELEMENTS (users), &path);
  window = open_window (path, "amina");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = ms_store_search (store, queries[q], NULL, 200, &error);
      g_autoptr(GPtrArray) snippets = NULL;
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (window->list_view));

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, >=, 1);
      type_search (window, queries[q]);
      g_assert_cmpuint (n_listed (window), ==, found->len);
      for (guint i = 0; i < found->len; i++)
        {
          g_autoptr(MsSheetRow) row = g_list_model_get_item (model, i);

          g_assert_cmpstr (ms_sheet_row_get_id (row), ==,
                           ((MsSheetInfo *) g_ptr_array_index (found, i))->id);
        }
      snippets = shown_snippets (window);
      g_assert_cmpuint (snippets->len, >=, 1);
      g_assert_true (any_contains (snippets, "<b>"));
      /* The French of the issue: "legalisee" finds first the two sheets
       * asking for a signature "légalisée" (then "légalisé"). */
      if (q == 1)
        {
          g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);

          g_assert_cmpuint (found->len, >=, 2);
          for (guint i = 0; i < 2; i++)
            g_hash_table_add (first, ((MsSheetInfo *) g_ptr_array_index (found, i))->code);
          g_assert_true (g_hash_table_contains (first, "MEF-DGI-0021"));
          g_assert_true (g_hash_table_contains (first, "COM-URB-0020"));
          g_assert_true (any_contains (snippets, "<b>légalisée</b>"));
        }
    }

  /* Text that is markup in a sheet shows as text. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MsProcedure) odd = ms_store_get_sheet (window->list_store, find_by_code (window, "MI-DGSN-0001"), 0, NULL, NULL);
    g_autoptr(MsSheetInfo) info = NULL;
    g_autoptr(GPtrArray) snippets = NULL;

    g_free (odd->id);
    odd->id = g_uuid_string_random ();
    g_free (odd->code);
    odd->code = g_strdup ("ODD-0001");
    g_assert_nonnull (odd->summary);
    ms_localized_set (odd->summary, MS_LANG_FR, "Un <b>zorglub</b> & <i>compagnie</i>");
    info = ms_store_save (ms_window_get_store (window), "amina", odd, 0, &error);
    g_assert_no_error (error);
    ms_window_open_store (window, ms_window_get_store (window), &error);
    g_assert_no_error (error);
    type_search (window, "zorglub");
    g_assert_cmpuint (n_listed (window), ==, 1);
    snippets = shown_snippets (window);
    g_assert_cmpuint (snippets->len, ==, 1);
    g_assert_true (any_contains (snippets, "&lt;b&gt;<b>zorglub</b>&lt;/b&gt; &amp; &lt;i&gt;"));
  }

  close_window (window);
  g_clear_object (&store);
  remove_catalog (path);
}

static void
test_accessible_labels (void)
{
  MsWindow *window;
  const char *path;

  if (!demo_is_usable ())
    return;

  window = new_window (1100);
  select_procedure (window, pick_procedure ());
  assert_accessible_labels (GTK_WIDGET (window));
  select_procedure (window, planted_procedure (planted_file_with_rule ("one-copy", &path), NULL));
  assert_accessible_labels (GTK_WIDGET (window));
  gtk_test_accessible_assert_property (window->search_entry, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       _("Search procedures"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The label check sees every kind of control, not only buttons: an
 * unlabelled entry, switch, check button, drop-down or spin button is
 * reported (each once: the text inside an entry or a spin button is named
 * by its parent, a drop-down's popover is GTK's), and a label or a
 * labelled-by relation names it. */
static void
test_accessible_label_kinds (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption = gtk_label_new ("Copies");
  const char * const strings[] = { "one", "two", NULL };
  GtkWidget *controls[] = {
    gtk_entry_new (),
    gtk_switch_new (),
    gtk_check_button_new (),
    gtk_drop_down_new_from_strings (strings),
    gtk_spin_button_new_with_range (0, 10, 1),
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n_checked = 0;

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_box_append (GTK_BOX (box), caption);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_box_append (GTK_BOX (box), controls[i]);
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (window);

  collect_unlabelled (window, found, &n_checked);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (controls));
  g_assert_cmpuint (n_checked, >=, G_N_ELEMENTS (controls));
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    g_assert_true (g_ptr_array_find (found, controls[i], NULL));

  for (guint i = 0; i + 1 < G_N_ELEMENTS (controls); i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (controls[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, "Copies", -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (controls[G_N_ELEMENTS (controls) - 1]),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  g_ptr_array_set_size (found, 0);
  collect_unlabelled (window, found, &n_checked);
  g_assert_cmpuint (found->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Uninstalled (as here), the icon theme still has the application icon:
 * it is in the GResource under the application's base path, which
 * GtkApplication adds to the icon theme; the About window shows it. */
static void
test_about_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkWindow *about = NULL;

  g_assert_true (g_resources_get_info ("/ma/idarati/Masatir/icons/scalable/apps/ma.idarati.Masatir.svg",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));
  g_assert_true (gtk_icon_theme_has_icon (theme, "ma.idarati.Masatir"));
  g_assert_true (gtk_icon_theme_has_icon (theme, "ma.idarati.Masatir-symbolic"));
  icon = gtk_icon_theme_lookup_icon (theme, "ma.idarati.Masatir", NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  g_test_message ("the application icon: %s", uri);
  g_assert_true (g_str_has_suffix (uri, "/ma.idarati.Masatir.svg"));

  /* The About window asks for it by that name. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (ADW_IS_ABOUT_WINDOW (w))
        about = w;
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, "ma.idarati.Masatir");
  gtk_window_destroy (about);
}

static void
test_welcome (void)
{
  MsWindow *window = ms_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));

  g_assert_null (ms_window_get_list (window));
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

  select_procedure (window, pick_procedure ());
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
  select_procedure (window, procedure);

  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);
  assert_title_row (window, procedure);

  /* The whole window mirrors: the list is on the right. */
  g_assert_true (gtk_widget_compute_bounds (window->sidebar_box, GTK_WIDGET (window), &sidebar));
  g_assert_true (gtk_widget_compute_bounds (window->content_box, GTK_WIDGET (window), &content));
  g_assert_cmpfloat (sidebar.origin.x, >, content.origin.x);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

static gboolean
css_class_gone (gpointer widget)
{
  return !gtk_widget_has_css_class (GTK_WIDGET (widget), "ms-highlight");
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

/* Every sheet of the answer key: its planted errors are listed, errors
 * first, and the sheet list marks exactly the sheets that have errors. */
static void
test_issues_planted (void)
{
  g_autoptr(GList) files = NULL;
  MsWindow *window;

  if (!demo_is_usable ())
    return;

  window = new_window (1100);
  files = json_object_get_members (planted);
  for (GList *l = files; l != NULL; l = l->next)
    {
      JsonObject *key;
      MsProcedure *procedure = planted_procedure (l->data, &key);
      JsonArray *errors = json_object_get_array_member (key, "errors");
      guint n_planted = json_array_get_length (errors);
      g_autoptr(GArray) rows = NULL;
      g_autofree char *n_errors_text = NULL;
      const char *summary;
      GPtrArray *issues;
      GtkWidget *icon;
      guint n_errors = 0;

      g_test_message ("%s", (const char *) l->data);
      select_procedure (window, procedure);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (issues_group (window))));
      issues = _ms_window_get_issues (window, procedure);
      g_assert_nonnull (issues);
      rows = issue_rows (window);
      g_assert_cmpuint (rows->len, ==, issues->len);

      for (guint i = 0; i < n_planted; i++)
        if (!has_error_row (rows, json_array_get_string_element (errors, i)))
          g_error ("%s: no error row for %s", (const char *) l->data,
                   json_array_get_string_element (errors, i));

      for (guint i = 0; i < rows->len; i++)
        {
          IssueRow *issue = &g_array_index (rows, IssueRow, i);

          if (!issue->is_error)
            continue;
          g_assert_cmpuint (i, ==, n_errors);
          n_errors++;
          gtk_test_accessible_assert_property (issue->icon, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               _("Error"));
        }
      if (n_planted == 0)
        g_assert_cmpuint (n_errors, ==, 0);

      summary = adw_preferences_group_get_description (issues_group (window));
      n_errors_text = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
      if (rows->len == 0)
        g_assert_cmpstr (summary, ==, _("No problems found"));
      else
        g_assert_true (g_str_has_prefix (summary, n_errors_text));

      icon = selected_list_icon (window);
      g_assert_cmpint (gtk_widget_get_visible (icon), ==, n_errors > 0);
      if (n_errors > 0)
        {
          gtk_test_accessible_assert_property (icon, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               _("Has errors"));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, n_errors_text);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkAdjustment *
sheet_vadjustment (MsWindow *window)
{
  GtkWidget *scrolled = find_child (GTK_WIDGET (window->sheet_view), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* Activating an issue scrolls to its field and marks it for a moment. */
static void
test_issue_activate (void)
{
  g_autoptr(GtkWidget) target = NULL;
  g_autoptr(GArray) rows = NULL;
  const char *path;
  const char *file;
  GtkAdjustment *adjustment;
  graphene_point_t top;
  MsWindow *window;
  GtkWidget *issue_row = NULL;

  if (!demo_is_usable ())
    return;

  file = planted_file_with_rule ("one-copy", &path);
  window = new_window (1100);
  select_procedure (window, planted_procedure (file, NULL));
  adjustment = sheet_vadjustment (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);

  target = g_object_ref (ms_sheet_view_get_row_for_path (window->sheet_view, path));
  g_assert_true (GTK_IS_LIST_BOX_ROW (target));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->sheet_view),
                                             "sheet.show-issue", "s", path));
  g_assert_true (gtk_widget_has_css_class (target, "ms-highlight"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0.0);

  /* The row is now in view, near the top. */
  flush_widget (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_point (target, gtk_widget_get_parent (GTK_WIDGET (window->sheet_view)),
                                           &GRAPHENE_POINT_INIT (0, 0), &top));
  g_assert_cmpfloat (top.y, >=, 0.0);
  g_assert_cmpfloat (top.y, <, gtk_adjustment_get_page_size (adjustment));

  /* The mark goes away by itself. */
  wait_until (css_class_gone, target, 5000);
  g_assert_false (gtk_widget_has_css_class (target, "ms-highlight"));

  /* The issue's row does the same when activated (click, Enter). */
  gtk_adjustment_set_value (adjustment, 0.0);
  rows = issue_rows (window);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (g_array_index (rows, IssueRow, i).tooltip, "one-copy "))
      issue_row = g_array_index (rows, IssueRow, i).row;
  g_assert_nonnull (issue_row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (issue_row)));
  g_signal_emit_by_name (issue_row, "activate");
  g_assert_true (gtk_widget_has_css_class (target, "ms-highlight"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0.0);

  /* Another sheet drops the mark. */
  select_procedure (window, pick_procedure ());
  g_assert_false (gtk_widget_has_css_class (target, "ms-highlight"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);

  /* A path that falls back to its list marks the list's group. */
  file = planted_file_with_rule ("deadline-max", &path);
  select_procedure (window, planted_procedure (file, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->sheet_view),
                                             "sheet.show-issue", "s", "documents[9999]"));
  g_assert_true (gtk_widget_has_css_class (ms_sheet_view_get_row_for_path (window->sheet_view,
                                                                           "documents"),
                                           "ms-highlight"));

  /* A window closed while a row is marked leaves no timeout behind. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->sheet_view),
                                             "sheet.show-issue", "s", path));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (always_false, NULL, 2500);
}

/* Without its rule data the window says so in the check, and lists nothing. */
static void
test_rules_missing (void)
{
  g_autofree char *datadir = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!demo_is_usable ())
    return;

  if (g_test_subprocess ())
    {
      MsWindow *window = new_window (1100);
      g_autoptr(GArray) rows = NULL;
      const char *summary;

      g_assert_null (window->validator);
      select_procedure (window, planted_procedure (planted_file_with_rule ("one-copy", &name), NULL));
      rows = issue_rows (window);
      g_assert_cmpuint (rows->len, ==, 0);
      summary = adw_preferences_group_get_description (issues_group (window));
      g_assert_nonnull (strstr (summary, "rules could not be loaded: "));
      g_assert_false (gtk_widget_get_visible (selected_list_icon (window)));
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  /* The data folder, but for its rules. */
  datadir = g_dir_make_tmp ("masatir-ui-XXXXXX", &error);
  g_assert_no_error (error);
  saved = g_strdup (g_getenv ("MASATIR_DATADIR"));
  dir = g_dir_open (saved, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strcmp (name, "rules") != 0)
      {
        g_autofree char *target = g_build_filename (saved, name, NULL);
        g_autofree char *link = g_build_filename (datadir, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (link);

        g_file_make_symbolic_link (file, target, NULL, &error);
        g_assert_no_error (error);
      }

  g_setenv ("MASATIR_DATADIR", datadir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("MASATIR_DATADIR", saved, TRUE);

  g_dir_rewind (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strcmp (name, "rules") != 0)
      {
        g_autofree char *link = g_build_filename (datadir, name, NULL);

        g_assert_no_errno (g_unlink (link));
      }
  g_assert_no_errno (g_rmdir (datadir));

  g_test_trap_assert_passed ();
}

/* Not a test: how long a catalog of the portal's size takes (-m perf). */
static void
test_many_sheets (void)
{
  g_autoptr(MsCatalog) big = ms_catalog_new ();
  g_autoptr(GTimer) timer = NULL;
  guint n_demo = g_list_model_get_n_items (G_LIST_MODEL (demo));
  const char * const queries[] = { "شَهادة", "resid", "", "zzqx" };
  guint n_sheets = 2500;
  guint n_errors = 0;
  MsWindow *window;
  double validate_s;
  double search_s;

  if (!demo_is_usable ())
    return;

  for (guint i = 0; i < n_sheets; i++)
    {
      g_autoptr(MsCatalogEntry) model = g_list_model_get_item (G_LIST_MODEL (demo), i % n_demo);
      g_autoptr(MsProcedure) copy = ms_procedure_copy (ms_catalog_entry_get_procedure (model));
      g_autoptr(MsCatalogEntry) entry = NULL;

      g_free (copy->id);
      copy->id = g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
      g_free (copy->code);
      copy->code = g_strdup_printf ("BENCH-%05u", i);
      entry = ms_catalog_entry_new (copy, ms_catalog_entry_get_state (model), NULL);
      ms_catalog_add (big, entry);
    }

  window = new_window (1100);
  ms_window_set_catalog (window, big);
  flush_widget (GTK_WIDGET (window));

  timer = g_timer_new ();
  for (guint i = 0; i < n_sheets; i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (big), i);

      n_errors += ms_issues_count (_ms_window_get_issues (window, ms_catalog_entry_get_procedure (entry)),
                                   MS_SEVERITY_ERROR);
    }
  validate_s = g_timer_elapsed (timer, NULL);

  /* A search through the entry, with what GTK does with its result; the
   * first one normalises every title, the next ones find them normalised. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_timer_start (timer);
      gtk_editable_set_text (GTK_EDITABLE (window->search_entry), queries[i]);
      g_signal_emit_by_name (window->search_entry, "search-changed");
      search_s = g_timer_elapsed (timer, NULL);
      g_test_message ("search “%s” in %.1f ms, %u listed", queries[i], search_s * 1000,
                      n_listed (window));
    }

  g_test_message ("%u sheets checked in %.0f ms (%u errors)", n_sheets, validate_s * 1000,
                  n_errors);
  g_test_minimized_result (validate_s, "check %u sheets: %.3f s", n_sheets, validate_s);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *key_file = NULL;
  g_autoptr(JsonParser) parser = NULL;
  int status;

  ui_fixture_init (&argc, &argv);

  demo = ms_catalog_new ();
  ms_catalog_load_directory (demo, demo_dir, &problems, &error);
  g_assert_no_error (error);

  key_file = g_test_build_filename (G_TEST_DIST, "data", "demo-planted.json", NULL);
  parser = json_parser_new ();
  json_parser_load_from_file (parser, key_file, &error);
  g_assert_no_error (error);
  planted = json_node_dup_object (json_parser_get_root (parser));

  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/select-sheet", test_select_sheet);
  g_test_add_func ("/ui/window/search", test_search);
  g_test_add_func ("/ui/window/search-store", test_search_store);
  g_test_add_func ("/ui/window/accessible-labels", test_accessible_labels);
  g_test_add_func ("/ui/window/accessible-label-kinds", test_accessible_label_kinds);
  g_test_add_func ("/ui/window/about-icon", test_about_icon);
  g_test_add_func ("/ui/window/folded-back", test_folded_back);
  g_test_add_func ("/ui/window/right-to-left", test_right_to_left);
  g_test_add_func ("/ui/window/issues-planted", test_issues_planted);
  g_test_add_func ("/ui/window/issue-activate", test_issue_activate);
  g_test_add_func ("/ui/window/rules-missing", test_rules_missing);
  if (g_test_perf ())
    g_test_add_func ("/ui/window/many-sheets", test_many_sheets);

  status = ui_fixture_run ();

  g_clear_pointer (&planted, json_object_unref);
  g_clear_object (&demo);

  return status;
}
