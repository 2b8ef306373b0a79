/* ms-widgets.c — small widget builders shared by the window's parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-widgets"

#include "config.h"

#include "ms-bidi.h"
#include "ms-format.h"
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

char *
ms_format_local_time (const char *iso)
{
  return ms_format_timestamp (iso);
}
