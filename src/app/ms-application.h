/* ms-application.h — the Masatir application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-app-types.h"

G_BEGIN_DECLS

#define MS_TYPE_APPLICATION (ms_application_get_type ())
G_DECLARE_FINAL_TYPE (MsApplication, ms_application, MS, APPLICATION, AdwApplication)

MsApplication *ms_application_new          (void);
gboolean       ms_application_open_catalog (MsApplication *self,
                                            GFile         *file);
/* The application's settings, or NULL when the schema is not installed
 * (a build tree run without GSETTINGS_SCHEMA_DIR): nothing is saved then. */
GSettings     *ms_application_new_settings (void);

G_END_DECLS
