/* ms-widgets.h — small widget builders shared by the window's parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A multi-line text field that wraps, with room around the text, where Tab
 * moves the focus on rather than typing a tab. */
GtkWidget *ms_text_area_new (const char *text);

/* A list row showing one line of a comparison (ms_procedure_diff's), its
 * text wrapped and read out as the row's name; not activatable. */
GtkWidget *ms_diff_line_row_new (const char *text);

/* The name of @login among @users (MsUser*), the login itself when the
 * catalog has no name for it. Transfer none. */
const char *ms_users_display_name (GPtrArray  *users,
                                   const char *login);

/* Shows @text with its numbers and its runs of another script in their own
 * order (ms_bidi_isolate): every label that shows a sheet's or a person's
 * text goes through it. What is copied from the label is the text as
 * stored, without the isolates. */
void       ms_label_set_display_text (GtkLabel   *label,
                                      const char *text);

/* GTK 4.8 and libadwaita 1.2 show parts of their widgets to assistive
 * technology without a name: a drop-down's inner button, an expander row's
 * inner lists, a toast's close button. Under @root, each is labelled by the
 * widget it belongs to (whose name is given where it is made). */
void       ms_widgets_name_parts (GtkWidget *root);

/* The descriptions of the preference groups under @root wrap at every
 * width: they ask for little width, so that GTK 4.8's box does not give
 * them more than the window has (seen in a narrow right-to-left window). */
void       ms_widgets_wrap_descriptions (GtkWidget *root);

G_END_DECLS
