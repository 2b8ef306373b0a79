/* ms-sheet-view.h — a read-only view of one procedure sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-app-types.h"
#include "ms-issue.h"
#include "ms-procedure.h"

G_BEGIN_DECLS

#define MS_TYPE_SHEET_VIEW (ms_sheet_view_get_type ())
G_DECLARE_FINAL_TYPE (MsSheetView, ms_sheet_view, MS, SHEET_VIEW, AdwBin)

GtkWidget   *ms_sheet_view_new              (void);
void         ms_sheet_view_set_procedure    (MsSheetView  *self,
                                             MsProcedure  *procedure);
MsProcedure *ms_sheet_view_get_procedure    (MsSheetView  *self);
void         ms_sheet_view_set_issues       (MsSheetView  *self,
                                             GPtrArray    *issues,
                                             const GError *error);
GtkWidget   *ms_sheet_view_get_row_for_path (MsSheetView  *self,
                                             const char   *path);
void         ms_sheet_view_set_changed_paths (MsSheetView       *self,
                                              const char * const *paths);

G_END_DECLS
