/* ms-i18n.c — which sheet language the user interface prefers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "ms-i18n.h"

const char *
ms_get_locale_dir (void)
{
  const char *dir = g_getenv ("MASATIR_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  if (g_file_test (LOCALEDIR "/fr/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS))
    return LOCALEDIR;
  return MS_BUILD_LOCALEDIR;
}

void
ms_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ms_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

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
