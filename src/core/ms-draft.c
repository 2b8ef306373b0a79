/* ms-draft.c — new sheets: a blank draft, a copy of a sheet, and their codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-draft"

#include "config.h"

#include <string.h>

#include "ms-draft.h"

/* In the sheet's language, never translated to the interface's: these end
 * up in the sheet, which the portal shows to citizens in that language. */
static const char * const copy_markers[MS_N_LANGS] = {
  [MS_LANG_AR] = "(نسخة)",
  [MS_LANG_FR] = "(copie)",
  [MS_LANG_ZGH] = "(ⴰⵙⵏⵖⵍ)",
  [MS_LANG_EN] = "(copy)",
};

MsProcedure *
ms_procedure_new_draft (const char         *code,
                        const char         *administration,
                        const MsLocalized  *title,
                        GError            **error)
{
  g_autoptr(MsProcedure) draft = ms_procedure_new (NULL);
  g_autoptr(JsonNode) node = NULL;

  draft->code = g_strdup (code);
  draft->administration = g_strdup (administration);
  if (title != NULL && !ms_localized_is_empty (title))
    draft->title = ms_localized_copy (title);

  /* The loader holds every rule of the format: what it refuses here would
   * be stored, and then not load again. */
  node = ms_procedure_to_json (draft);
  return ms_procedure_new_from_json (node, error);
}

const char *
ms_draft_copy_marker (MsLang lang)
{
  g_return_val_if_fail (lang < MS_N_LANGS, NULL);
  return copy_markers[lang];
}

char *
ms_draft_mark_title (const char *title,
                     MsLang      lang)
{
  const char *marker = ms_draft_copy_marker (lang);
  glong room = MS_MAX_TEXT_CHARS - 1 - g_utf8_strlen (marker, -1);
  g_autofree char *kept = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  if (g_utf8_strlen (title, -1) > room)
    kept = g_utf8_substring (title, 0, room);
  return g_strdup_printf ("%s %s", kept != NULL ? kept : title, marker);
}

MsProcedure *
ms_procedure_new_copy (MsProcedure *source,
                       const char  *code)
{
  g_autoptr(MsProcedure) copy = NULL;

  g_return_val_if_fail (MS_IS_PROCEDURE (source), NULL);

  copy = ms_procedure_copy (source);
  g_free (copy->id);
  copy->id = g_uuid_string_random ();
  g_free (copy->code);
  copy->code = g_strdup (code);
  for (guint lang = 0; copy->title != NULL && lang < MS_N_LANGS; lang++)
    {
      const char *title = ms_localized_get (copy->title, lang);
      g_autofree char *marked = title != NULL ? ms_draft_mark_title (title, lang) : NULL;

      if (marked != NULL)
        ms_localized_set (copy->title, lang, marked);
    }
  copy->revision = -1;
  g_clear_pointer (&copy->published, g_free);
  return g_steal_pointer (&copy);
}

char *
ms_draft_code_candidate (const char *base,
                         guint       n)
{
  g_autofree char *suffix = NULL;
  g_autofree char *kept = NULL;

  g_return_val_if_fail (n >= 1, NULL);

  if (base == NULL)
    return g_strdup_printf (MS_DRAFT_CODE_PREFIX "%04u", n);
  suffix = n == 1 ? g_strdup ("-COPY") : g_strdup_printf ("-COPY-%u", n);
  if (g_utf8_strlen (base, -1) + (glong) strlen (suffix) > MS_MAX_SHORT_CHARS)
    kept = g_utf8_substring (base, 0, MS_MAX_SHORT_CHARS - (glong) strlen (suffix));
  return g_strconcat (kept != NULL ? kept : base, suffix, NULL);
}
