/* ms-localized.c — a text in several languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-localized"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-localized.h"
#include "ms-nick.h"

static const char * const lang_codes[MS_N_LANGS] = { "ar", "fr", "zgh", "en" };

const char *
ms_lang_to_code (MsLang lang)
{
  g_return_val_if_fail (lang < MS_N_LANGS, NULL);
  return lang_codes[lang];
}

gboolean
ms_lang_from_code (const char *code,
                   MsLang     *lang)
{
  int i = MS_NICK_INDEX (lang_codes, code);

  if (i < 0)
    return FALSE;
  if (lang != NULL)
    *lang = i;
  return TRUE;
}

const char *
ms_lang_to_label (MsLang lang)
{
  static const char * const labels[MS_N_LANGS] = { N_("Arabic"), N_("French"), N_("Amazigh"), N_("English") };

  g_return_val_if_fail (lang < MS_N_LANGS, NULL);
  return _(labels[lang]);
}

gboolean
ms_lang_is_rtl (MsLang lang)
{
  return lang == MS_LANG_AR;
}

MsLocalized *
ms_localized_new (void)
{
  return g_new0 (MsLocalized, 1);
}

MsLocalized *
ms_localized_copy (const MsLocalized *self)
{
  MsLocalized *copy;

  if (self == NULL)
    return NULL;

  copy = ms_localized_new ();
  for (guint i = 0; i < MS_N_LANGS; i++)
    copy->text[i] = g_strdup (self->text[i]);
  return copy;
}

void
ms_localized_free (MsLocalized *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < MS_N_LANGS; i++)
    g_free (self->text[i]);
  g_free (self);
}

const char *
ms_localized_get (const MsLocalized *self,
                  MsLang             lang)
{
  g_return_val_if_fail (lang < MS_N_LANGS, NULL);

  if (self == NULL)
    return NULL;
  return self->text[lang];
}

void
ms_localized_set (MsLocalized *self,
                  MsLang       lang,
                  const char  *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (lang < MS_N_LANGS);

  g_free (self->text[lang]);
  self->text[lang] = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
}

gboolean
ms_localized_is_empty (const MsLocalized *self)
{
  if (self == NULL)
    return TRUE;
  for (guint i = 0; i < MS_N_LANGS; i++)
    if (self->text[i] != NULL)
      return FALSE;
  return TRUE;
}

/* The text in @preferred, else in the other language every sheet must have,
 * else whatever there is. */
const char *
ms_localized_best (const MsLocalized *self,
                   MsLang             preferred)
{
  static const MsLang fallback[] = { MS_LANG_FR, MS_LANG_AR, MS_LANG_EN, MS_LANG_ZGH };

  if (self == NULL)
    return NULL;
  if (preferred < MS_N_LANGS && self->text[preferred] != NULL)
    return self->text[preferred];
  for (guint i = 0; i < G_N_ELEMENTS (fallback); i++)
    if (self->text[fallback[i]] != NULL)
      return self->text[fallback[i]];
  return NULL;
}
