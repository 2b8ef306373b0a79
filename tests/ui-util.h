/* ui-util.h — helpers shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-application.h"
#include "ms-bidi.h"

/* Lets the widget draw and the main loop settle. */
static inline void
flush_widget (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef gboolean (*UiCondition) (gpointer data);

static inline gboolean
deadline_reached_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so or @ms milliseconds have passed:
 * a test that reaches the deadline has failed, it does not measure time.
 * Returns what @done says at the end. */
static inline gboolean
wait_until (UiCondition done,
            gpointer    data,
            guint       ms)
{
  gboolean deadline_reached = FALSE;
  guint timeout_id = g_timeout_add (ms, deadline_reached_cb, &deadline_reached);

  while (!done (data) && !deadline_reached)
    g_main_context_iteration (NULL, TRUE);
  if (!deadline_reached)
    g_source_remove (timeout_id);

  return done (data);
}

/* Every descendant of @widget (itself included) of @type, in tree order. */
static inline void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* The first descendant of @widget of @type, or NULL. */
static inline GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (widget, type, found);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* TRUE when a mapped label under @widget, outside @skip (nullable), shows
 * @text, with @css_class if not NULL. */
static inline gboolean
has_label (GtkWidget  *widget,
           GtkWidget  *skip,
           const char *text,
           const char *css_class)
{
  if (widget == skip)
    return FALSE;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, skip, text, css_class))
      return TRUE;

  return FALSE;
}

/* TRUE when assistive technology has a name for @widget: an accessible
 * label, or a labelled-by relation. */
static inline gboolean
has_accessible_label (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
         || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Every control under @widget that assistive technology cannot name:
 * buttons, menu buttons, entries, switches, check buttons, drop-downs, spin
 * buttons, text views, lists, and anything bound to an action. */
static inline void
collect_unlabelled (GtkWidget *widget,
                    GPtrArray *found,
                    guint     *n_checked)
{
  GtkWidget *parent;
  gboolean interactive;

  /* A widget hidden with its children (the enable switch of an expander
   * row that has none) is not presented to assistive technology. Pages of
   * a stack that are not shown are still checked: they are only
   * child-invisible. */
  if (!gtk_widget_get_visible (widget))
    return;

  parent = gtk_widget_get_parent (widget);
  interactive = GTK_IS_BUTTON (widget)
                         || GTK_IS_MENU_BUTTON (widget)
                         || GTK_IS_SEARCH_ENTRY (widget)
                         || GTK_IS_ENTRY (widget)
                         || GTK_IS_PASSWORD_ENTRY (widget)
                         || GTK_IS_TEXT (widget)
                         || GTK_IS_TEXT_VIEW (widget)
                         || GTK_IS_SWITCH (widget)
                         || GTK_IS_CHECK_BUTTON (widget)
                         || GTK_IS_DROP_DOWN (widget)
                         || GTK_IS_SPIN_BUTTON (widget)
                         || GTK_IS_LIST_VIEW (widget)
                         || (GTK_IS_ACTIONABLE (widget)
                             && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL);

  /* Parts named by their parent: the toggle inside a GtkMenuButton, the
   * text inside an entry or a spin button; and the window controls belong
   * to GTK. */
  if (parent != NULL
      && (GTK_IS_MENU_BUTTON (parent)
          || GTK_IS_WINDOW_CONTROLS (parent)
          || (GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (parent))))
    interactive = FALSE;

  if (interactive)
    (*n_checked)++;
  if (interactive && !has_accessible_label (widget))
    g_ptr_array_add (found, widget);

  /* A drop-down's popover (its list, its search entry) is GTK's own. */
  if (GTK_IS_DROP_DOWN (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unlabelled (child, found, n_checked);
}

/* Returns how many controls were checked. */
static inline guint
assert_accessible_labels (GtkWidget *widget)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n_checked = 0;

  collect_unlabelled (widget, found, &n_checked);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("%s (%s) has no accessible label",
                    G_OBJECT_TYPE_NAME (found->pdata[i]),
                    gtk_widget_get_name (found->pdata[i]));
  g_assert_cmpuint (found->len, ==, 0);
  return n_checked;
}

/* The label below @widget that shows @text, or NULL. */
static inline GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  /* The text as people read it: without the isolates that keep its
   * numbers in order (ms_bidi_isolate). */
  collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *shown = ms_bidi_strip (gtk_label_get_text (labels->pdata[i]));

      if (g_strcmp0 (shown, text) == 0)
        return labels->pdata[i];
    }

  return NULL;
}

/* GTK and libadwaita set up, and a registered application: it loads
 * style.css and the shortcuts window from the resources; non-unique so
 * that test runs do not meet. */
static inline MsApplication *
test_ui_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  MsApplication *app;

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = ms_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}
