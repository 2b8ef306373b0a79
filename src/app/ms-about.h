/* ms-about.h — the About window, in Masatir's languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Masatir's AdwAboutWindow. libadwaita 1.2 has no Arabic catalogue, so the
 * words it puts in the window ("Details", "Credits", "Legal", "Back"…) come
 * from Masatir's own where libadwaita's leaves them in English. */
GtkWidget *ms_about_window_new (GtkWindow *parent);

G_END_DECLS
