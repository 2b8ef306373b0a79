/* ms-new-catalog-dialog.h — creating a catalog and its first admin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-store.h"

G_BEGIN_DECLS

#define MS_TYPE_NEW_CATALOG_DIALOG (ms_new_catalog_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MsNewCatalogDialog, ms_new_catalog_dialog, MS, NEW_CATALOG_DIALOG, AdwWindow)

MsNewCatalogDialog *ms_new_catalog_dialog_new      (void);
/* Where the catalog goes, as the file chooser (new-catalog.choose) sets it. */
void                ms_new_catalog_dialog_set_file (MsNewCatalogDialog *self,
                                                    GFile              *file);
/* The issuer id and the first admin's login and name, as typed. */
void                ms_new_catalog_dialog_fill     (MsNewCatalogDialog *self,
                                                    const char         *issuer,
                                                    const char         *login,
                                                    const char         *name);
/* The catalog new-catalog.create made, or NULL. */
MsStore            *ms_new_catalog_dialog_get_store (MsNewCatalogDialog *self);
/* The last refusal shown, or NULL. */
const char         *ms_new_catalog_dialog_get_refusal (MsNewCatalogDialog *self);

G_END_DECLS
