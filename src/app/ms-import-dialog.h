/* ms-import-dialog.h — importing files of sheets or portal records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-store-import.h"

G_BEGIN_DECLS

#define MS_TYPE_IMPORT_DIALOG (ms_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MsImportDialog, ms_import_dialog, MS, IMPORT_DIALOG, AdwWindow)

/* @store must be an MsSqliteStore: the import runs in a thread, on a
 * connection of its own to the same catalog. */
MsImportDialog *ms_import_dialog_new        (MsStore         *store,
                                             const char      *actor);
/* What the file chooser (import.choose) sets: GFile*. */
void            ms_import_dialog_set_files  (MsImportDialog  *self,
                                             GPtrArray       *files);
void            ms_import_dialog_set_format (MsImportDialog  *self,
                                             MsImportFormat   format);
/* What the Options switches say (check only, the portal's values, new drafts). */
void            ms_import_dialog_set_options (MsImportDialog        *self,
                                              const MsImportOptions *options);
/* The summary above the report ("1 sheet created, 2 refusals"), or NULL
 * before the first import. */
const char     *ms_import_dialog_get_summary (MsImportDialog *self);
/* Whether an import (import.run) is running. */
gboolean        ms_import_dialog_get_running (MsImportDialog *self);
/* The report of the last import, MsImportLine*, NULL before one. */
GPtrArray      *ms_import_dialog_get_report (MsImportDialog  *self);
/* The report as text, what "Copy Report" (import.copy) copies. */
char           *ms_import_dialog_get_report_text (MsImportDialog *self);

G_END_DECLS
