/* test-ui-a11y.c — layout, keyboard and accessible names (issue 14, items
 * 4 to 6): a sidebar of fixed width, nothing clipped at 360 px, only
 * controls in the Tab chain, every action on a key, every window named.
 *
 * Keys are pressed through the shortcuts GTK itself looks up for a key
 * press (press_key () below): GTK 4.8 has no public way to make a key
 * event. tests/check-a11y-atspi.py presses real keys (XTEST) on the real
 * program and reads it over AT-SPI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-a11y"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ms-application.h"
#include "ms-i18n.h"
#include "ms-sheet-editor-private.h"
#include "ms-window-private.h"
#include "ui-fixture.h"

static const MsUser users[] = {
  UI_DEMO_USERS,
  { (char *) "idrissi", (char *) "Mohammed Abderrahmane El Idrissi Bennani Alaoui", MS_ROLE_EDITOR | MS_ROLE_REVIEWER },
  { (char *) "rachid", (char *) "Rachid Amrani",
    MS_ROLE_EDITOR | MS_ROLE_REVIEWER | MS_ROLE_PUBLISHER | MS_ROLE_ADMIN },
};

/* A sheet of the demo with no validation error, so that it can be
 * submitted and approved. */
static const char *clean_code = "MI-DGSN-0001";   /* Certificat de résidence */

/*
 * Helpers
 */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     mods)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods)
           || trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods);
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
           && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods;

  return FALSE;
}

/* A key press as GTK dispatches it to shortcuts: from the focused widget
 * up to the window, each widget's shortcut controllers (its class's key
 * bindings among them), until one handles it. TRUE when one did. */
static gboolean
press_key (GtkWidget       *window,
           guint            keyval,
           GdkModifierType  mods)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus != NULL ? focus : window; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, mods)
                  && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                   GTK_SHORTCUT_ACTION_EXCLUSIVE, w,
                                                   gtk_shortcut_get_arguments (shortcut)))
                {
                  flush_widget (window);
                  return TRUE;
                }
            }
        }
    }

  return FALSE;
}

static GtkWidget *
focus_of (MsWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
focus_within (MsWindow  *window,
              GtkWidget *ancestor)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

/* Every mapped label under @root (the text of every control among them)
 * is given at least the size it asks for at least: none is cut. Labels of
 * buttons are not ellipsized either. Returns how many were checked. */
static guint
assert_not_clipped (GtkWidget *root)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  guint n_checked = 0;

  collect_widgets (root, GTK_TYPE_WIDGET, widgets);
  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *w = widgets->pdata[i];
      gboolean in_button = GTK_IS_LABEL (w) && gtk_widget_get_ancestor (w, GTK_TYPE_BUTTON) != NULL;
      graphene_rect_t bounds;
      int width, height, min_width, min_height;

      /* Labels: the text of every control is one (a button's CSS margins,
       * which no getter reports, would make its own sizes inexact). */
      if (!gtk_widget_get_mapped (w) || !GTK_IS_LABEL (w))
        continue;

      /* A measure counts the margins; the bounds are the border box. */
      g_assert_true (gtk_widget_compute_bounds (w, w, &bounds));
      width = (int) bounds.size.width + gtk_widget_get_margin_start (w) + gtk_widget_get_margin_end (w);
      height = (int) bounds.size.height + gtk_widget_get_margin_top (w) + gtk_widget_get_margin_bottom (w);
      gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      /* Inside the window, or the scrolled window that holds it: a box of
       * GTK 4.8 can give a label more than it has itself. */
      {
        GtkWidget *frame = gtk_widget_get_ancestor (w, GTK_TYPE_SCROLLED_WINDOW);
        graphene_rect_t inside;

        if (frame == NULL)
          frame = root;
        g_assert_true (gtk_widget_compute_bounds (w, frame, &inside));
        if (inside.origin.x < -1 || inside.origin.x + inside.size.width > gtk_widget_get_width (frame) + 1)
          for (GtkWidget *a = w; a != frame; a = gtk_widget_get_parent (a))
            g_test_message ("  in %s (%s), %d px wide", G_OBJECT_TYPE_NAME (a),
                            GTK_IS_ORIENTABLE (a) && gtk_orientable_get_orientation (GTK_ORIENTABLE (a)) == GTK_ORIENTATION_HORIZONTAL
                            ? "horizontal" : "-", gtk_widget_get_width (a));
        if (inside.origin.x < -1 || inside.origin.x + inside.size.width > gtk_widget_get_width (frame) + 1)
          g_error ("the label “%s” goes out of its window: %.0f to %.0f of %d px", gtk_label_get_text (GTK_LABEL (w)),
                   inside.origin.x, inside.origin.x + inside.size.width, gtk_widget_get_width (frame));
      }
      /* A wrapping label needs the more lines the narrower it is. */
      gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, GTK_IS_LABEL (w) ? width : -1,
                          &min_height, NULL, NULL, NULL);
      n_checked++;
      if (width < min_width || height < min_height)
        {
          g_autoptr(GString) where = g_string_new (NULL);

          for (GtkWidget *a = gtk_widget_get_parent (w); a != NULL; a = gtk_widget_get_parent (a))
            g_string_append_printf (where, " < %s", G_OBJECT_TYPE_NAME (a));
          g_error ("%s “%s” (%s) is cut: %d×%d given, %d×%d needed%s", G_OBJECT_TYPE_NAME (w),
                   GTK_IS_LABEL (w) ? gtk_label_get_text (GTK_LABEL (w)) : gtk_widget_get_name (w),
                   gtk_widget_get_tooltip_text (w), width, height,
                   min_width, min_height, where->str);
        }
      /* A drop-down's value may be cut, whole in its tooltip and its
       * list (ms-editor-fields.c says why); a button's name may not. */
      if (in_button && gtk_widget_get_ancestor (w, GTK_TYPE_DROP_DOWN) != NULL
          && g_strcmp0 (gtk_widget_get_tooltip_text (w), gtk_label_get_text (GTK_LABEL (w))) == 0)
        continue;
      if (in_button && gtk_label_get_ellipsize (GTK_LABEL (w)) != PANGO_ELLIPSIZE_NONE
          && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (w))))
        g_error ("the button label “%s” is ellipsized", gtk_label_get_text (GTK_LABEL (w)));
    }

  return n_checked;
}

/* Which widgets under @widget ask for more than @limit px: said in the
 * test's log, the widest path down, when a window is too wide. */
static void
explain_width (GtkWidget *widget,
               int        limit,
               guint      depth)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_width;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      if (min_width > limit || (depth > 0 && min_width > limit / 4 && GTK_IS_BOX (widget)
                                && gtk_orientable_get_orientation (GTK_ORIENTABLE (widget)) == GTK_ORIENTATION_HORIZONTAL))
        g_test_message ("%*s%s %s: %d px%s%s", (int) depth * 2, "", G_OBJECT_TYPE_NAME (child),
                        gtk_widget_get_name (child), min_width,
                        GTK_IS_LABEL (child) ? " " : "",
                        GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : "");
      if (min_width > limit)
        explain_width (child, limit, depth + 1);
    }
}

/* The minimum width of a window's content (the window adds its shadow):
 * what it needs so that nothing is cut. */
static int
min_width_of (GtkWidget *widget)
{
  int min_width;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  if (min_width > 360)
    explain_width (widget, 300, 0);
  return min_width;
}

static void
set_editing (MsWindow *window,
             gboolean  editing)
{
  g_object_set (window, "editing", editing, NULL);
  flush_widget (GTK_WIDGET (window));
}

/*
 * Tests
 */

/* Item 4: the sidebar is 300 px wide with a short name, a very long one, or
 * a banner (before: from 300 to 515 px). */
static void
test_sidebar_width (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  const char *actors[] = { "amina", "idrissi", "somebody-else" };

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      MsWindow *window = open_window (path, actors[i]);
      g_autofree char *id = select_code (window, clean_code);

      g_test_message ("as %s, the sidebar is %d px wide (banner %s)", actors[i],
                      gtk_widget_get_width (window->sidebar_box),
                      gtk_revealer_get_reveal_child (window->banner_revealer) ? "shown" : "hidden");
      g_assert_false (adw_leaflet_get_folded (window->leaflet));
      g_assert_cmpint (gtk_widget_get_width (window->sidebar_box), ==, 300);
      g_assert_cmpint (gtk_revealer_get_reveal_child (window->banner_revealer), ==,
                       g_str_equal (actors[i], "somebody-else"));
      close_window (window);
    }

  remove_catalog (path);
}

/* Item 4: at 360 px (folded) nothing is cut, in the sheet view, the editor
 * and for a reviewer; the workflow bar keeps its height without buttons;
 * a disabled workflow button says why in a line of text. */
static void
test_narrow (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window_sized (path, "amina", 360, 720);
  g_autofree char *id = select_code (window, clean_code);
  int bar_height;

  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_test_message ("at 360 px the window needs %d px (%s)", min_width_of (GTK_WIDGET (window->toast_overlay)),
                  gtk_widget_get_direction (GTK_WIDGET (window)) == GTK_TEXT_DIR_RTL ? "rtl" : "ltr");
  g_assert_cmpint (min_width_of (GTK_WIDGET (window->toast_overlay)), <=, 360);
  g_assert_cmpuint (assert_not_clipped (GTK_WIDGET (window)), >, 10);
  set_editing (window, TRUE);
  g_assert_cmpint (min_width_of (GTK_WIDGET (window->toast_overlay)), <=, 360);
  assert_not_clipped (GTK_WIDGET (window));
  set_editing (window, FALSE);

  /* Submitted: amina may do nothing more, and the line says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_IN_REVIEW);
  g_assert_true (gtk_widget_get_visible (window->approve_button));
  g_assert_false (gtk_widget_is_sensitive (window->approve_button));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->workflow_reason)));
  g_assert_cmpstr (gtk_label_get_text (window->workflow_reason), ==,
                   gtk_widget_get_tooltip_text (window->approve_button));
  g_test_message ("why not: %s", gtk_label_get_text (window->workflow_reason));
  /* A sentence: a capital letter or a quotation mark, a full stop. */
  g_assert_true (g_str_has_suffix (gtk_label_get_text (window->workflow_reason), "."));
  assert_not_clipped (GTK_WIDGET (window));
  close_window (window);

  /* The reviewer, with two buttons, at 360 px. */
  window = open_window_sized (path, "youssef", 360, 720);
  select_sheet (window, id);
  g_assert_true (gtk_widget_is_sensitive (window->approve_button));
  g_assert_true (gtk_widget_get_mapped (window->request_changes_button));
  /* The reviewer may not edit: the Edit button says why, and so does the
   * line under the bar, as the workflow buttons have nothing to say. */
  g_assert_false (gtk_widget_is_sensitive (window->edit_button));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->workflow_reason)));
  g_assert_cmpstr (gtk_label_get_text (window->workflow_reason), ==,
                   gtk_widget_get_tooltip_text (window->edit_button));
  g_assert_cmpint (min_width_of (GTK_WIDGET (window->toast_overlay)), <=, 360);
  assert_not_clipped (GTK_WIDGET (window));
  close_window (window);

  /* A folder of sheets has no workflow buttons: the bar keeps the height
   * it has with them (unfolded, where the buttons are beside the state). */
  window = open_window_sized (path, "amina", 1100, 720);
  select_sheet (window, id);
  g_assert_true (gtk_widget_get_visible (window->workflow_buttons));
  bar_height = gtk_widget_get_height (window->workflow_bar);
  close_window (window);

  window = MS_WINDOW (ms_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  {
    g_autoptr(MsCatalog) folder = ms_catalog_new ();
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;

    ms_catalog_load_directory (folder, demo_dir, &problems, &error);
    g_assert_no_error (error);
    ms_window_set_catalog (window, folder);
  }
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));
  g_free (select_code (window, clean_code));
  g_assert_false (gtk_widget_get_visible (window->workflow_buttons));
  g_test_message ("workflow bar: %d px with buttons, %d px without", bar_height,
                  gtk_widget_get_height (window->workflow_bar));
  g_assert_cmpint (gtk_widget_get_height (window->workflow_bar), ==, bar_height);
  assert_not_clipped (GTK_WIDGET (window));
  close_window (window);

  remove_catalog (path);
}

static void
collect_focusable (GtkWidget *widget,
                   GPtrArray *found)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_focusable (child, found);
}

/* Item 5: in the sheet view, only controls take the focus: no label (they
 * stay selectable with the pointer), no row that does nothing. */
static void
test_focus_chain (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window (path, "amina");
  g_autofree char *id = select_code (window, clean_code);
  g_autoptr(GPtrArray) focusable = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n_selectable = 0;
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  guint n_stops = 0;

  collect_widgets (GTK_WIDGET (window->sheet_view), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    n_selectable += gtk_label_get_selectable (labels->pdata[i]);
  collect_focusable (GTK_WIDGET (window->sheet_view), focusable);
  for (guint i = 0; i < focusable->len; i++)
    {
      GtkWidget *w = focusable->pdata[i];

      if (GTK_IS_LABEL (w))
        g_error ("the label “%s” takes the focus", gtk_label_get_text (GTK_LABEL (w)));
      if (GTK_IS_LIST_BOX_ROW (w) && !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (w)))
        g_error ("a %s that does nothing takes the focus", G_OBJECT_TYPE_NAME (w));
    }
  g_test_message ("sheet view: %u labels, %u selectable, %u widgets can take the focus",
                  labels->len, n_selectable, focusable->len);
  g_assert_cmpuint (n_selectable, >, 10);

  /* The window's Tab order, from the search entry: the list, the sheet's
   * header and its workflow button, then the sheet's first issue. (Tab
   * is not pressed further: in a window that is not active, as under a
   * bare Xvfb, a GtkListBoxRow cannot tell that it has the focus and
   * keeps it; check-a11y-atspi.py tabs through the real program.) */
  gtk_widget_grab_focus (GTK_WIDGET (window->search_entry));
  for (n_stops = 0; n_stops < 8; n_stops++)
    {
      GtkWidget *focus;

      g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_Tab, 0));
      focus = focus_of (window);
      g_assert_nonnull (focus);
      if (GTK_IS_LABEL (focus))
        g_error ("Tab stops on the label “%s”", gtk_label_get_text (GTK_LABEL (focus)));
      g_test_message ("Tab stop %u: %s (%s)", n_stops + 1, G_OBJECT_TYPE_NAME (focus),
                      gtk_widget_get_tooltip_text (focus));
      if (!g_ptr_array_find (stops, focus, NULL))
        g_ptr_array_add (stops, focus);
      if (focus_within (window, GTK_WIDGET (window->sheet_view)))
        break;
    }
  g_assert_true (focus_within (window, GTK_WIDGET (window->sheet_view)));
  g_assert_true (g_ptr_array_find (stops, window->submit_button, NULL));
  g_assert_true (g_ptr_array_find (stops, window->edit_button, NULL));

  /* Everything that can take the focus in the whole window: far fewer
   * than the labels, and none of them. */
  g_ptr_array_set_size (focusable, 0);
  collect_focusable (GTK_WIDGET (window), focusable);
  g_test_message ("%u widgets of the window can take the focus (the sheet shows %u labels)",
                  focusable->len, labels->len);
  g_assert_cmpuint (focusable->len, <, labels->len / 4);

  close_window (window);
  remove_catalog (path);
}

/* Item 5: F6 moves between the list and the sheet; Alt+Left goes back,
 * and Alt+Right in a right-to-left window; the shortcuts window lists
 * them. */
static void
test_keys (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window_sized (path, "amina", 1100, 720);
  g_autofree char *id = select_code (window, clean_code);
  GtkWindow *overlay;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  const char *wanted[] = { "F6", "<Alt>Left", "<Alt>Right", "<Control>Return",
                           "<Control><Shift>Return", "<Control><Shift>r" };

  gtk_widget_grab_focus (GTK_WIDGET (window->search_entry));
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F6, 0));
  g_assert_true (focus_within (window, window->content_box));
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F6, 0));
  g_assert_true (focus_within (window, GTK_WIDGET (window->list_view)));
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F6, 0));
  g_assert_true (focus_within (window, window->content_box));
  close_window (window);

  /* Folded: F6 shows the other pane, Alt+Left comes back. */
  window = open_window_sized (path, "amina", 360, 720);
  select_sheet (window, id);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content_box);
  g_assert_false (press_key (GTK_WIDGET (window), GDK_KEY_Right, GDK_ALT_MASK)
                  && adw_leaflet_get_visible_child (window->leaflet) == window->sidebar_box);
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->sidebar_box);
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F6, 0));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content_box);
  g_assert_true (focus_within (window, window->content_box));
  close_window (window);

  /* Right to left, back points right. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  window = open_window_sized (path, "amina", 360, 720);
  select_sheet (window, id);
  g_assert_false (press_key (GTK_WIDGET (window), GDK_KEY_Left, GDK_ALT_MASK)
                  && adw_leaflet_get_visible_child (window->leaflet) == window->sidebar_box);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content_box);
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->sidebar_box);
  close_window (window);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);

  /* The shortcuts window lists them. */
  window = open_window (path, "amina");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  flush_widget (GTK_WIDGET (window));
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  collect_widgets (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < shortcuts->len; j++)
        {
          g_autofree char *accelerator = NULL;

          g_object_get (shortcuts->pdata[j], "accelerator", &accelerator, NULL);
          listed |= g_strcmp0 (accelerator, wanted[i]) == 0;
        }
      if (!listed)
        g_error ("the shortcuts window does not list %s", wanted[i]);
    }
  assert_accessible_labels (GTK_WIDGET (overlay));
  gtk_window_destroy (overlay);
  close_window (window);

  remove_catalog (path);
}

/* Item 5: the reviewer's keys request changes (which asks for a comment
 * first) and approve. */
static void
test_review_keys (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window (path, "amina");
  g_autofree char *id = select_code (window, clean_code);
  AdwMessageDialog *dialog;

  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_IN_REVIEW);
  close_window (window);

  window = open_window (path, "youssef");
  select_sheet (window, id);
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  assert_accessible_labels (GTK_WIDGET (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_IN_REVIEW);

  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_APPROVED);
  close_window (window);
  remove_catalog (path);
}

/* Item 6: a row of the list reads its title, its state and its errors. */
static void
test_row_names (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window (path, "amina");
  GtkWidget *row;
  guint n_named = 0, n_with_errors = 0;

  for (row = gtk_widget_get_first_child (GTK_WIDGET (window->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkWidget *title, *meta, *errors;
      g_autofree char *expected = NULL;
      g_autofree char *failure = NULL;

      if (box == NULL || !GTK_IS_BOX (box) || !gtk_widget_get_mapped (row))
        continue;
      title = gtk_widget_get_first_child (box);
      meta = gtk_widget_get_last_child (box);
      errors = gtk_widget_get_next_sibling (gtk_widget_get_first_child (meta));
      n_with_errors += gtk_widget_get_visible (errors);
      /* In the language's own list form ("، " in Arabic). */
      expected = g_strdup_printf (_("%s, %s, %s"), gtk_label_get_text (GTK_LABEL (title)), _("Draft"),
                                  gtk_widget_get_visible (errors) ? gtk_widget_get_tooltip_text (errors)
                                                                  : _("no errors"));
      failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                    expected);
      if (failure != NULL)
        g_error ("row “%s”: %s", gtk_label_get_text (GTK_LABEL (title)), failure);
      n_named++;
    }
  g_test_message ("%u rows named, %u of them with errors", n_named, n_with_errors);
  g_assert_cmpuint (n_named, >, 5);
  g_assert_cmpuint (n_with_errors, >, 0);

  close_window (window);
  remove_catalog (path);
}

typedef struct {
  GtkLabel   *label;
  const char *before;
} TextChange;

static gboolean
text_changed (gpointer data)
{
  TextChange *change = data;

  return g_strcmp0 (gtk_label_get_text (change->label), change->before) != 0;
}

/* Item 6: the editor's check summary is a status (the live region GTK 4.8
 * offers) whose text follows the problems, and a field's problem is its
 * accessible description. */
static void
test_status (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window (path, "amina");
  g_autofree char *id = select_code (window, clean_code);
  MsSheetEditor *editor = window->sheet_editor;
  g_autofree char *before = NULL;
  TextChange change;
  GtkWidget *title;

  set_editing (window, TRUE);
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (editor->check_status)), ==,
                   GTK_ACCESSIBLE_ROLE_STATUS);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor->check_status)));
  before = g_strdup (gtk_label_get_text (editor->check_status));
  g_test_message ("status: %s", before);
  g_assert_true (g_str_has_prefix (before, "Law 55-19 check: "));

  title = ms_sheet_editor_get_field (editor, "title.fr");
  g_assert_nonnull (title);
  gtk_editable_set_text (GTK_EDITABLE (title), "");
  change = (TextChange) { editor->check_status, before };
  g_assert_true (wait_until (text_changed, &change, 10000));
  g_test_message ("status now: %s", gtk_label_get_text (editor->check_status));
  g_assert_true (strstr (gtk_label_get_text (editor->check_status), "error") != NULL);
  gtk_test_accessible_assert_property (editor->check_status, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       gtk_label_get_text (editor->check_status));
  /* The error is on the field (title.fr, or the title as a whole): the
   * control that takes its focus describes it. */
  {
    GPtrArray *issues = ms_sheet_editor_get_issues (editor);
    guint n_described = 0;

    for (guint i = 0; i < issues->len; i++)
      {
        MsIssue *issue = g_ptr_array_index (issues, i);
        MsEditorField *field = issue->path != NULL ? g_hash_table_lookup (editor->fields, issue->path) : NULL;
        GtkWidget *control;

        /* One row for the languages of a text: its first control speaks
         * for them all. */
        if (field != NULL && field->owner != NULL)
          field = field->owner;
        control = field != NULL ? field->focus : NULL;

        g_test_message ("issue %s at %s", issue->rule, issue->path);
        if (issue->severity == MS_SEVERITY_ERROR && control != NULL)
          {
            g_autofree char *failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (control),
                                                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                           issue->message);

            if (failure != NULL)
              g_error ("the field of %s does not say its problem: %s", issue->path, failure);
            n_described++;
          }
      }
    g_assert_cmpuint (n_described, >, 0);
  }

  close_window (window);
  remove_catalog (path);
}

/* The visible toplevels that are not in @before. */
static GPtrArray *
new_toplevels (GPtrArray *before)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (w) && (before == NULL || !g_ptr_array_find (before, w, NULL)))
        g_ptr_array_add (found, w);
    }

  return found;
}

/* Runs @action on @window (win.…) or the application (app.…): every
 * window or dialog it opens has a name for each of its controls; they are
 * closed after. How many windows it opened. */
static guint
assert_opened_named (MsWindow   *window,
                     const char *action)
{
  g_autoptr(GPtrArray) before = new_toplevels (NULL);
  g_autoptr(GPtrArray) opened = NULL;
  guint n_checked = 0;

  if (g_str_has_prefix (action, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (app), action + 4, NULL);
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  flush_widget (GTK_WIDGET (window));
  opened = new_toplevels (before);
  for (guint i = 0; i < opened->len; i++)
    {
      flush_widget (opened->pdata[i]);
      n_checked += assert_accessible_labels (opened->pdata[i]);
      g_test_message ("%s: %s, %u controls named", action, G_OBJECT_TYPE_NAME (opened->pdata[i]), n_checked);
    }
  for (guint i = 0; i < opened->len; i++)
    gtk_window_destroy (opened->pdata[i]);
  flush_widget (GTK_WIDGET (window));

  return opened->len;
}

/* Item 6: every window and dialog, as assistive technology reads it (GTK's
 * accessible properties and relations): no control without a name. The
 * file choosers are the desktop's (portal), not Masatir's. */
static void
test_every_window (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_window (path, "rachid");
  g_autofree char *id = select_code (window, clean_code);
  const char *dialogs[] = {
    "win.export", "win.keys", "win.users", "win.audit-log", "win.import", "win.act-as",
    "win.show-help-overlay", "app.new-catalog", "app.about", "win.request-changes",
  };

  /* The main window: the sheet in review, with the review bar; the
   * history; the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of_listed (window, id), ==, MS_STATE_IN_REVIEW);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->review_changes)));
  g_assert_cmpuint (assert_accessible_labels (GTK_WIDGET (window)), >, 10);
  g_object_set (window, "history", TRUE, NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sheet_stack), ==, "history");
  assert_accessible_labels (GTK_WIDGET (window));
  g_object_set (window, "history", FALSE, NULL);
  g_free (g_steal_pointer (&id));
  id = select_code (window, "COM-EC-0002");
  set_editing (window, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sheet_stack), ==, "edit");
  g_assert_cmpuint (assert_accessible_labels (GTK_WIDGET (window)), >, 30);
  set_editing (window, FALSE);
  g_free (g_steal_pointer (&id));
  id = select_code (window, clean_code);

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    if (assert_opened_named (window, dialogs[i]) == 0)
      g_error ("%s opened no window", dialogs[i]);

  close_window (window);
  remove_catalog (path);
}

/*
 * Item 7: contrast and large text
 */

typedef struct {
  double r, g, b;   /* 0 to 1, sRGB */
} Rgb;

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2.1 relative luminance and contrast ratio. */
static double
luminance (Rgb c)
{
  return 0.2126 * channel (c.r) + 0.7152 * channel (c.g) + 0.0722 * channel (c.b);
}

static double
contrast (Rgb a,
          Rgb b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* @window drawn as the screen shows it, by the window's own renderer:
 * ARGB32 pixels, @stride bytes a line. */
static guchar *
render (GtkWidget *window,
        gsize     *stride)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  *stride = gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (*stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, *stride);

  return pixels;
}

static Rgb
pixel_at (const guchar *pixels,
          gsize         stride,
          int           x,
          int           y)
{
  guint32 p = *(const guint32 *) (pixels + y * stride + x * 4);

  return (Rgb) { ((p >> 16) & 0xff) / 255.0, ((p >> 8) & 0xff) / 255.0, (p & 0xff) / 255.0 };
}

/* The contrast of what @widget draws (its text, its icon, its mark) with
 * what it sits on, as drawn: the background is the commonest colour of its
 * box, the foreground the pixel that stands out most from it. */
static double
measure_contrast (GtkWidget    *window,
                  const guchar *pixels,
                  gsize         stride,
                  GtkWidget    *widget,
                  Rgb          *fg,
                  Rgb          *bg)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  graphene_rect_t bounds;
  guint best = 0;
  double ratio = 1.0;
  int x0, y0, x1, y1;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  x0 = (int) ceil (bounds.origin.x);
  y0 = (int) ceil (bounds.origin.y);
  x1 = (int) floor (bounds.origin.x + bounds.size.width);
  y1 = (int) floor (bounds.origin.y + bounds.size.height);
  g_assert_cmpint (x1 - x0, >, 2);
  g_assert_cmpint (y1 - y0, >, 2);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = *(const guint32 *) (pixels + y * stride + x * 4) & 0xffffff;
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (p))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (p), GUINT_TO_POINTER (n));
        if (n > best)
          {
            best = n;
            *bg = pixel_at (pixels, stride, x, y);
          }
      }
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        Rgb c = pixel_at (pixels, stride, x, y);

        if (contrast (c, *bg) > ratio)
          {
            ratio = contrast (c, *bg);
            *fg = c;
          }
      }

  return ratio;
}

typedef struct {
  GtkWidget  *widget;
  const char *what;
  double      minimum;   /* 4.5 for text, 3 for marks and icons (WCAG AA) */
} Probe;

static GtkWidget *
probe_label (const char *text,
             const char *classes)
{
  g_auto(GStrv) names = g_strsplit (classes, " ", -1);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  for (guint i = 0; names[i] != NULL; i++)
    gtk_widget_add_css_class (label, names[i]);
  return label;
}

/* The application's own colours, where they are drawn: the state pills on
 * the window and on a selected row of the sidebar list, the messages and
 * marks of a field in the editor's boxed lists, the error and warning
 * icons. Returns how many fell short, said in the log. */
static guint
check_colours (const char *scheme)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *pills = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sidebar = gtk_list_box_new ();
  GtkWidget *sidebar_pills = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *boxed = gtk_list_box_new ();
  GtkWidget *field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *marks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autoptr(GArray) probes = g_array_new (FALSE, FALSE, sizeof (Probe));
  g_autofree guchar *pixels = NULL;
  gsize stride;
  guint n_failed = 0;

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_widget_add_css_class (window, "background");
  gtk_box_append (GTK_BOX (box), pills);
  gtk_widget_add_css_class (sidebar, "navigation-sidebar");
  gtk_list_box_append (GTK_LIST_BOX (sidebar), sidebar_pills);
  gtk_box_append (GTK_BOX (box), sidebar);
  gtk_widget_add_css_class (boxed, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (boxed), field);
  gtk_list_box_append (GTK_LIST_BOX (boxed), marks);
  gtk_box_append (GTK_BOX (box), boxed);

  for (MsState state = 0; state < MS_N_STATES; state++)
    {
      g_autofree char *classes = g_strdup_printf ("caption ms-state %s", ms_state_to_nick (state));
      Probe pill = { probe_label (ms_state_to_label (state), classes), ms_state_to_nick (state), 4.5 };
      g_autofree char *what = g_strdup_printf ("%s on a selected row", ms_state_to_nick (state));
      Probe selected = { probe_label (ms_state_to_label (state), classes), g_intern_string (what), 4.5 };

      gtk_box_append (GTK_BOX (pills), pill.widget);
      gtk_box_append (GTK_BOX (sidebar_pills), selected.widget);
      g_array_append_val (probes, pill);
      g_array_append_val (probes, selected);
    }
  {
    Probe field_probes[] = {
      { probe_label ("An error message of a field", "ms-field-message error"), "error message", 4.5 },
      { probe_label ("A warning message of a field", "ms-field-message warning"), "warning message", 4.5 },
      { gtk_image_new_from_icon_name ("dialog-error-symbolic"), "error icon", 3.0 },
      { gtk_image_new_from_icon_name ("dialog-warning-symbolic"), "warning icon", 3.0 },
      { gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), "error mark of a field", 3.0 },
      { gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), "warning mark of a field", 3.0 },
      { gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), "changed mark of a field", 3.0 },
    };

    gtk_widget_add_css_class (field_probes[2].widget, "error");
    gtk_widget_add_css_class (field_probes[3].widget, "warning");
    gtk_widget_add_css_class (field_probes[4].widget, "ms-field-error");
    gtk_widget_add_css_class (field_probes[5].widget, "ms-field-warning");
    gtk_widget_add_css_class (field_probes[6].widget, "ms-changed");
    for (guint i = 0; i < G_N_ELEMENTS (field_probes); i++)
      {
        gtk_widget_set_size_request (field_probes[i].widget, 24, 24);
        gtk_box_append (GTK_BOX (i < 4 ? field : marks), field_probes[i].widget);
        g_array_append_val (probes, field_probes[i]);
      }
  }

  gtk_window_present (GTK_WINDOW (window));
  flush_widget (window);
  gtk_list_box_select_row (GTK_LIST_BOX (sidebar), gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0));
  flush_widget (window);

  pixels = render (window, &stride);
  for (guint i = 0; i < probes->len; i++)
    {
      Probe *probe = &g_array_index (probes, Probe, i);
      Rgb fg = { 0 }, bg = { 0 };
      double ratio = measure_contrast (window, pixels, stride, probe->widget, &fg, &bg);

      g_test_message ("%s: %s %.2f:1 (#%02x%02x%02x on #%02x%02x%02x, at least %.1f)%s", scheme, probe->what,
                      ratio, (int) (fg.r * 255), (int) (fg.g * 255), (int) (fg.b * 255),
                      (int) (bg.r * 255), (int) (bg.g * 255), (int) (bg.b * 255), probe->minimum,
                      ratio + 0.005 < probe->minimum ? " TOO LOW" : "");
      n_failed += ratio + 0.005 < probe->minimum;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return n_failed;
}

/* Item 7: the state pills, messages, icons and marks meet WCAG AA in the
 * light and the dark style, and in high contrast when the test runs so
 * (ADW_DEBUG_HIGH_CONTRAST=1: test-ui-a11y-hc). */
static void
test_contrast (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean hc = adw_style_manager_get_high_contrast (manager);
  guint n_failed = 0;

  g_test_message ("high contrast: %s", hc ? "yes" : "no");
  g_assert_cmpint (hc, ==, g_getenv ("ADW_DEBUG_HIGH_CONTRAST") != NULL);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  n_failed += check_colours (hc ? "high contrast, light" : "light");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  n_failed += check_colours (hc ? "high contrast, dark" : "dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_cmpuint (n_failed, ==, 0);
}

/* Item 7: with the text twice as large (200 %, as the desktop's text
 * scaling sets it through gtk-xft-dpi), and in high contrast in the -hc
 * run, no label of the window, the editor or a dialog is cut, in a window
 * of the default size and in one at 720 px. */
static void
test_large_text (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  const int widths[] = { 1100, 720 };
  int dpi;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  g_test_message ("gtk-xft-dpi %d → %d; high contrast: %s", dpi, 2 * 96 * 1024,
                  adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) ? "yes" : "no");

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      MsWindow *window = open_window_sized (path, "amina", widths[i], 720);
      g_autofree char *id = select_code (window, clean_code);
      guint n_checked;

      n_checked = assert_not_clipped (GTK_WIDGET (window));
      set_editing (window, TRUE);
      n_checked += assert_not_clipped (GTK_WIDGET (window));
      set_editing (window, FALSE);
      g_test_message ("%d px wide: %u labels, none cut (the content needs %d px)", widths[i], n_checked,
                      min_width_of (GTK_WIDGET (window->toast_overlay)));
      g_assert_cmpuint (n_checked, >, 50);
      close_window (window);
    }

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  remove_catalog (path);
}

int
main (int   argc,
      char *argv[])
{
  /* The catalogue of $LANGUAGE, as masatir binds it (test-ui-a11y-ar). */
  ms_i18n_init ();
  ui_fixture_init (&argc, &argv);
  /* Sizes are read at rest, not halfway through a leaflet's slide. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/a11y/sidebar-width", test_sidebar_width);
  g_test_add_func ("/ui/a11y/narrow", test_narrow);
  g_test_add_func ("/ui/a11y/focus-chain", test_focus_chain);
  g_test_add_func ("/ui/a11y/keys", test_keys);
  g_test_add_func ("/ui/a11y/review-keys", test_review_keys);
  g_test_add_func ("/ui/a11y/row-names", test_row_names);
  g_test_add_func ("/ui/a11y/every-window", test_every_window);
  g_test_add_func ("/ui/a11y/status", test_status);
  g_test_add_func ("/ui/a11y/contrast", test_contrast);
  g_test_add_func ("/ui/a11y/large-text", test_large_text);

  return ui_fixture_run ();
}
