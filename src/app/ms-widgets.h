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

G_END_DECLS
