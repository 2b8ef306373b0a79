/* ms-export-dialog.h — the Export dialog: a signed bundle from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-export.h"
#include "ms-window.h"

G_BEGIN_DECLS

#define MS_TYPE_EXPORT_DIALOG (ms_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MsExportDialog, ms_export_dialog, MS, EXPORT_DIALOG, AdwWindow)

MsExportDialog       *ms_export_dialog_new         (MsWindow       *window,
                                                    MsKeyring      *keyring);
void                  ms_export_dialog_set_path    (MsExportDialog *self,
                                                    const char     *path);
const char           *ms_export_dialog_get_path    (MsExportDialog *self);
gboolean              ms_export_dialog_set_key     (MsExportDialog *self,
                                                    const char     *kid);
/* The message shown (a refusal or a failure), or NULL. */
const char           *ms_export_dialog_get_message (MsExportDialog *self);
gboolean              ms_export_dialog_is_running  (MsExportDialog *self);
/* The last export's result, or NULL. */
const MsExportResult *ms_export_dialog_get_result  (MsExportDialog *self);
void                  ms_export_dialog_cancel      (MsExportDialog *self);

G_END_DECLS
