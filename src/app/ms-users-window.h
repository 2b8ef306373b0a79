/* ms-users-window.h — the people of a catalog and their roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-store.h"

G_BEGIN_DECLS

#define MS_TYPE_USERS_WINDOW (ms_users_window_get_type ())
G_DECLARE_FINAL_TYPE (MsUsersWindow, ms_users_window, MS, USERS_WINDOW, AdwWindow)

MsUsersWindow *ms_users_window_new          (MsStore        *store,
                                             const char     *actor);
/* Whether @actor may change people (an active admin of the catalog). */
gboolean       ms_users_window_get_editable (MsUsersWindow  *self);
/* What the add form and a person's role boxes hold; the actions
 * users.add, users.set-roles (LOGIN) and users.set-active ((LOGIN, ACTIVE))
 * act on them. For tests and for anything that prefills them. */
void           ms_users_window_fill_form    (MsUsersWindow  *self,
                                             const char     *login,
                                             const char     *name,
                                             MsRoles         roles);
void           ms_users_window_tick_roles   (MsUsersWindow  *self,
                                             const char     *login,
                                             MsRoles         roles);
/* The row of @login, or NULL. */
GtkWidget     *ms_users_window_get_row      (MsUsersWindow  *self,
                                             const char     *login);
/* The last refusal shown, or NULL. */
const char    *ms_users_window_get_refusal  (MsUsersWindow  *self);

G_END_DECLS
