/* ms-i18n.c — which sheet language the user interface prefers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-i18n"

#include "config.h"

#include "ms-i18n.h"

MsLang
ms_ui_lang (void)
{
  const char * const *names = g_get_language_names ();

  /* The first name is the most preferred; stop at the first we translate to. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "ar"))
        return MS_LANG_AR;
      if (g_str_has_prefix (names[i], "fr") || g_str_equal (names[i], "C"))
        return MS_LANG_FR;
    }
  return MS_LANG_FR;
}
