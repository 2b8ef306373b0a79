/* ms-window.h — the main window: the catalog beside the selected sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-app-types.h"
#include "ms-catalog.h"

G_BEGIN_DECLS

#define MS_TYPE_WINDOW (ms_window_get_type ())
G_DECLARE_FINAL_TYPE (MsWindow, ms_window, MS, WINDOW, AdwApplicationWindow)

MsWindow    *ms_window_new          (GtkApplication *application);
void         ms_window_set_catalog  (MsWindow       *self,
                                     MsCatalog      *catalog);
MsCatalog   *ms_window_get_catalog  (MsWindow       *self);
MsProcedure *ms_window_get_selected (MsWindow       *self);
void         ms_window_add_toast    (MsWindow       *self,
                                     AdwToast       *toast);

G_END_DECLS
