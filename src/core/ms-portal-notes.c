/* ms-portal-notes.c — the notes of a portal mapping, and administrations by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-portal.h"
#include "ms-text.h"
#include "ms-vocabulary.h"

/* Notes {{{1 */

void
ms_portal_note_free (MsPortalNote *note)
{
  if (note == NULL)
    return;
  g_free (note->record);
  g_free (note->sheet);
  g_free (note->field);
  g_free (note->value);
  g_free (note->detail);
  g_free (note);
}

void
ms_portal_procedure_free (MsPortalProcedure *procedure)
{
  if (procedure == NULL)
    return;
  g_free (procedure->portal_id);
  g_clear_object (&procedure->sheet);
  g_free (procedure->records_sha256);
  g_free (procedure);
}

const char *
ms_portal_note_kind_to_nick (MsPortalNoteKind kind)
{
  switch (kind)
    {
    case MS_PORTAL_NOTE_MAPPED: return "mapped";
    case MS_PORTAL_NOTE_NOT_MAPPED: return "not-mapped";
    case MS_PORTAL_NOTE_CONFLICT: return "conflict";
    case MS_PORTAL_NOTE_REFUSED: return "refused";
    default: g_return_val_if_reached (NULL);
    }
}

char *
ms_portal_note_to_line (const MsPortalNote *note)
{
  g_autofree char *id = g_strdup (note->record != NULL ? note->record : "?");
  g_autofree char *line = NULL;
  char *slash = strrchr (id, '/');

  if (slash != NULL)
    *slash = '\0';
  /* TRANSLATORS: portal procedure id: what was done with one of its values */
  line = g_strdup_printf (_("portal procedure %s: %s"), id, note->detail);
  /* A note quotes the record (a delay written on two lines): one line. */
  return ms_text_escape_controls (line);
}

void
ms_portal_drop_repeated_conflicts (GPtrArray *conflicts)
{
  g_return_if_fail (conflicts != NULL);

  for (guint i = 0; i < conflicts->len; )
    {
      MsMergeConflict *c = g_ptr_array_index (conflicts, i);
      g_autofree char *title = NULL;
      gboolean repeated = FALSE;

      if (g_str_has_prefix (c->path, "output.name."))
        {
          title = g_strconcat ("title.", c->path + strlen ("output.name."), NULL);
          for (guint j = 0; j < conflicts->len && !repeated; j++)
            repeated = strcmp (((MsMergeConflict *) g_ptr_array_index (conflicts, j))->path, title) == 0;
        }
      if (repeated)
        g_ptr_array_remove_index (conflicts, i);
      else
        i++;
    }
}

/* Administrations {{{1 */

/* Normalised name (either language) → vocabulary code. */
static GHashTable *
administration_names (void)
{
  static gsize once = 0;
  static GHashTable *names = NULL;

  if (g_once_init_enter (&once))
    {
      MsVocabulary *vocabulary = ms_vocabulary_get_default ();
      g_autoptr(GPtrArray) codes = ms_vocabulary_codes (vocabulary, MS_VOCAB_ADMINISTRATIONS);
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (guint i = 0; i < codes->len; i++)
        {
          const char *code = g_ptr_array_index (codes, i);
          const MsLocalized *name = ms_vocabulary_lookup (vocabulary, MS_VOCAB_ADMINISTRATIONS, code);

          for (MsLang l = 0; name != NULL && l < MS_N_LANGS; l++)
            if (ms_localized_get (name, l) != NULL)
              g_hash_table_insert (table, ms_text_normalize (ms_localized_get (name, l)), g_strdup (code));
        }
      names = table;
      g_once_init_leave (&once, 1);
    }
  return names;
}

const char *
ms_portal_administration_code (const char *name)
{
  g_autofree char *normal = ms_text_normalize (name);

  /* "Ministère de l'Intérieur." and "وزارة الداخلية " name the same. */
  g_strstrip (normal);
  while (*normal != '\0' && strchr (".,;:", normal[strlen (normal) - 1]) != NULL)
    normal[strlen (normal) - 1] = '\0';
  return g_hash_table_lookup (administration_names (), normal);
}

