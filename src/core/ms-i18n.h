/* ms-i18n.h — which sheet language the user interface prefers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-localized.h"

G_BEGIN_DECLS

/* MS_LANG_AR when the UI runs in Arabic (LANGUAGE/LC_MESSAGES), else
 * MS_LANG_FR: the two languages every published sheet has. */
MsLang      ms_ui_lang        (void);

/* Sets the locale and binds the "masatir" text domain to the installed
 * translations, or to $MASATIR_LOCALEDIR (the build tree's po/) when set. */
void        ms_i18n_init      (void);
const char *ms_get_locale_dir (void);

G_END_DECLS
