/* ms-app-types.h — forward declarations of the application layer's types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MsApplication MsApplication;
typedef struct _MsSheetView   MsSheetView;
typedef struct _MsWindow      MsWindow;

G_END_DECLS
