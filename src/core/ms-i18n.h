/* ms-i18n.h — which sheet language the user interface prefers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-localized.h"

G_BEGIN_DECLS

/* MS_LANG_AR when the UI runs in Arabic (LANGUAGE/LC_MESSAGES), else
 * MS_LANG_FR: the two languages every published sheet has. */
MsLang ms_ui_lang (void);

G_END_DECLS
