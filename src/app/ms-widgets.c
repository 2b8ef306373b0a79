/* ms-widgets.c — small widget builders shared by the window's parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-widgets"

#include "config.h"

#include "ms-bidi.h"
#include "ms-format.h"
#include <adwaita.h>
#include <glib/gi18n.h>

#include "ms-store.h"
#include "ms-widgets.h"

/* After GtkLabel's own copy: the clipboard gets the selection as stored,
 * without the isolates added for display, so that pasting it into the
 * editor does not put them in the sheet. */
static void
label_copy_clipboard_cb (GtkLabel *label,
                         gpointer  user_data)
{
  const char *text = gtk_label_get_text (label);
  g_autofree char *selection = NULL;
  g_autofree char *plain = NULL;
  int start, end;

  if (!gtk_label_get_selection_bounds (label, &start, &end))
    return;
  selection = g_utf8_substring (text, start, end);
  plain = ms_bidi_strip (selection);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (label)), plain);
}

void
ms_label_set_display_text (GtkLabel   *label,
                           const char *text)
{
  g_autofree char *shown = ms_bidi_isolate (text);

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, shown != NULL ? shown : "");
  if (g_object_get_data (G_OBJECT (label), "ms-copy-as-stored") == NULL)
    {
      g_signal_connect_after (label, "copy-clipboard", G_CALLBACK (label_copy_clipboard_cb), NULL);
      g_object_set_data (G_OBJECT (label), "ms-copy-as-stored", GINT_TO_POINTER (TRUE));
    }
}

GtkWidget *
ms_text_area_new (const char *text)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            text != NULL ? text : "", -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);

  return view;
}

GtkWidget *
ms_diff_line_row_new (const char *text)
{
  g_autofree char *shown = ms_bidi_isolate (text);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  return row;
}

const char *
ms_users_display_name (GPtrArray  *users,
                       const char *login)
{
  for (guint i = 0; users != NULL && login != NULL && i < users->len; i++)
    {
      MsUser *user = g_ptr_array_index (users, i);

      if (g_strcmp0 (user->login, login) == 0 && user->name != NULL && user->name[0] != '\0')
        return user->name;
    }

  return login != NULL ? login : "";
}

void
ms_widgets_name_parts (GtkWidget *root)
{
  /* An expander row reads its title (libadwaita 1.2 gives it no name). */
  if (ADW_IS_EXPANDER_ROW (root))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));

      if (title != NULL && *title != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
    }
  if (GTK_IS_LIST_BOX (root) && gtk_widget_get_ancestor (root, ADW_TYPE_EXPANDER_ROW) != NULL)
    {
      GtkWidget *row = gtk_widget_get_ancestor (root, ADW_TYPE_EXPANDER_ROW);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      if (title != NULL && *title != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
    }
  if (GTK_IS_BUTTON (root) && g_type_from_name ("AdwToastWidget") != 0
      && gtk_widget_get_ancestor (root, g_type_from_name ("AdwToastWidget")) != NULL
      && gtk_button_get_label (GTK_BUTTON (root)) == NULL && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root))))
    gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"),
                                    -1);

  if (GTK_IS_DROP_DOWN (root))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_TOGGLE_BUTTON (child))
          gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL,
                                          -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ms_widgets_name_parts (child);
}

/* A group's title or description as a label that wraps at any width. */
static GtkWidget *
header_label_new (const char *text,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
collect_lists (GtkWidget *widget,
               GPtrArray *lists)
{
  if (GTK_IS_LIST_BOX (widget))
    {
      g_ptr_array_add (lists, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_lists (child, lists);
}

static void
hide_header_labels (GtkWidget  *widget,
                    const char *title,
                    const char *description)
{
  if (GTK_IS_LIST_BOX (widget))
    return;
  if (GTK_IS_LABEL (widget)
      && (g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), title) == 0
          || g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), description) == 0))
    gtk_widget_set_visible (widget, FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hide_header_labels (child, title, description);
}

/* GTK 4.8's horizontal box measures a label's width for the height it
 * was given: a description given one line's height asks for its whole
 * width, and overflows a narrow window (seen in Arabic at 360 px). So the
 * title and description of a group are moved into labels of a vertical
 * box before it, which wrap at any width; the group's list keeps the title
 * as its accessible name. */
static void
move_group_header (AdwPreferencesGroup *group)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (group));
  const char *title = adw_preferences_group_get_title (group);
  const char *description = adw_preferences_group_get_description (group);
  GtkWidget *header;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  if (!GTK_IS_BOX (parent) || ((description == NULL || *description == '\0')
                                && (title == NULL || *title == '\0')))
    return;

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (header, "ms-group-header");
  if (title != NULL && *title != '\0')
    gtk_box_append (GTK_BOX (header), header_label_new (title, "heading"));
  if (description != NULL && *description != '\0')
    gtk_box_append (GTK_BOX (header), header_label_new (description, "dim-label"));
  /* The header and the group in a box of their own, 12 px apart as
   * libadwaita puts them, in the group's place. */
  {
    GtkWidget *previous = gtk_widget_get_prev_sibling (GTK_WIDGET (group));
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    g_object_ref (group);
    gtk_box_remove (GTK_BOX (parent), GTK_WIDGET (group));
    gtk_box_append (GTK_BOX (box), header);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    g_object_unref (group);
    gtk_box_insert_child_after (GTK_BOX (parent), box, previous);
    g_object_bind_property (group, "visible", box, "visible", G_BINDING_SYNC_CREATE);
  }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (group)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_lists (child, lists);
  for (guint i = 0; i < lists->len && title != NULL; i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (lists->pdata[i]),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
  /* libadwaita's own labels are hidden, not emptied: the group keeps its
   * title and description as properties (tests and the list's name read
   * them); a description set later (a summary) shows there again. */
  hide_header_labels (GTK_WIDGET (group), title, description);
}

static void
wrap_header_labels (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    gtk_label_set_max_width_chars (GTK_LABEL (widget), 20);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wrap_header_labels (child);
}

void
ms_widgets_wrap_descriptions (GtkWidget *root)
{
  if (ADW_IS_PREFERENCES_GROUP (root))
    {
      move_group_header (ADW_PREFERENCES_GROUP (root));
      wrap_header_labels (root);
      return;
    }

  /* The next sibling is read first: a group moves into a box of its own. */
  for (GtkWidget *child = gtk_widget_get_first_child (root), *next; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      ms_widgets_wrap_descriptions (child);
    }
}
