/* ms-window.h — the main window: the catalog beside the selected sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-app-types.h"
#include "ms-catalog.h"
#include "ms-sheet-list.h"
#include "ms-store.h"

G_BEGIN_DECLS

#define MS_TYPE_WINDOW (ms_window_get_type ())
G_DECLARE_FINAL_TYPE (MsWindow, ms_window, MS, WINDOW, AdwApplicationWindow)

MsWindow    *ms_window_new          (GtkApplication *application);
void         ms_window_set_catalog  (MsWindow       *self,
                                     MsCatalog      *catalog);
gboolean     ms_window_open_store   (MsWindow       *self,
                                     MsStore        *store,
                                     GError        **error);
MsSheetList *ms_window_get_list     (MsWindow       *self);
MsStore     *ms_window_get_store    (MsWindow       *self);
const char  *ms_window_get_actor    (MsWindow       *self);
gboolean     ms_window_is_read_only (MsWindow       *self);
MsProcedure *ms_window_get_selected (MsWindow       *self);
void         ms_window_add_toast    (MsWindow       *self,
                                     AdwToast       *toast);
void         ms_window_show_error   (MsWindow       *self,
                                     const char     *heading,
                                     const char     *message);

G_END_DECLS
