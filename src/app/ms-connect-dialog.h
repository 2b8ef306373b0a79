/* ms-connect-dialog.h — connecting to a catalog on a PostgreSQL server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-store.h"

G_BEGIN_DECLS

#define MS_TYPE_CONNECT_DIALOG (ms_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MsConnectDialog, ms_connect_dialog, MS, CONNECT_DIALOG, AdwWindow)

/* Emits "connected" (MsStore *store) once a catalog is open. */
MsConnectDialog *ms_connect_dialog_new        (void);
/* Fills the fields from a libpq URI or key=value string (the password,
 * if any, is not shown and not kept). */
void             ms_connect_dialog_set_conninfo (MsConnectDialog *self,
                                                 const char      *conninfo);

G_END_DECLS
