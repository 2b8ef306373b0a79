/* ms-pg-store-refusals.c — the schema's refusals in the user's language
 *
 * The database is the authority: its functions refuse, with an MS00x
 * SQLSTATE and a message in English (the SQL of src/store/pg). People read the refusals
 * of deleting a draft, changing users and exporting as the SQLite
 * backend words them, translated: each message the functions raise is
 * recognised here by its English form (the format of its RAISE, "%s" for
 * each value), and said again with the translatable words of C and the
 * values it carried. A message not in the table is shown as it came.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-pg-store-private.h"

typedef struct {
  const char *sqlstate;
  const char *raised;       /* the RAISE's format, as in src/store/pg */
  const char *words;        /* its words for people (N_), the values in the same order */
  int         state_value;  /* the value that is a state's English label, or -1 */
} Refusal;

static const Refusal refusals[] = {
  /* Deleting a draft (masatir.delete_draft). */
  { "MS003", "“%s” has neither the editor nor the admin role needed to delete a draft",
    N_("“%s” has neither the editor nor the admin role needed to delete a draft"), -1 },
  { "MS001", "No sheet “%s” in the catalog", N_("No sheet “%s” in the catalog"), -1 },
  { "MS003", "Sheet %s was published on %s and cannot be deleted; withdraw it instead",
    N_("Sheet %s was published on %s and cannot be deleted; withdraw it instead"), -1 },
  { "MS003", "Sheet %s was published, then withdrawn on %s; it stays in the catalog as the record "
             "of a publication and cannot be deleted",
    N_("Sheet %s was published, then withdrawn on %s; it stays in the catalog as the record "
       "of a publication and cannot be deleted"), -1 },
  { "MS003", "Sheet %s was submitted for review by %s on %s and is now “%s”; a sheet that went to "
             "review stays in the catalog and cannot be deleted",
    N_("Sheet %s was submitted for review by %s on %s and is now “%s”; a sheet that went to "
       "review stays in the catalog and cannot be deleted"), 3 },
  { "MS003", "Sheet %s is “%s” and cannot be deleted; only a draft never submitted for review can be",
    N_("Sheet %s is “%s” and cannot be deleted; only a draft never submitted for review can be"), 1 },

  /* Users (masatir.acting_user, add_user, change_user). */
  { "MS003", "“%s” is not a user of this catalog; an admin adds people with “masatir-cli users add”",
    N_("“%s” is not a user of this catalog; an admin adds people with “masatir-cli users add”"), -1 },
  { "MS003", "“%s” was deactivated and can no longer act in this catalog",
    N_("“%s” was deactivated and can no longer act in this catalog; an admin reactivates people "
       "with “masatir-cli users activate”"), -1 },
  { "MS005", "“%s” is not a valid login: no spaces, commas or colons",
    N_("“%s” is not a valid login: no spaces, commas or colons"), -1 },
  { "MS003", "The first user of a catalog must have the admin role",
    N_("The first user of a catalog must have the admin role"), -1 },
  { "MS004", "Adding users: “%s” does not have the admin role",
    N_("Adding users: “%s” does not have the admin role"), -1 },
  { "MS002", "“%s” is already a user of this catalog", N_("“%s” is already a user of this catalog"), -1 },
  { "MS004", "Changing users: “%s” does not have the admin role",
    N_("Changing users: “%s” does not have the admin role"), -1 },
  { "MS001", "“%s” is not a user of this catalog", N_("“%s” is not a user of this catalog"), -1 },
  { "MS003", "“%s” is the last active admin of this catalog: give the admin role to someone else first",
    N_("“%s” is the last active admin of this catalog: give the admin role to someone else first"), -1 },
  { "MS003", "“%s” is the last active admin of this catalog and cannot be deactivated: give the admin "
             "role to someone else first",
    N_("“%s” is the last active admin of this catalog and cannot be deactivated: give the admin role to "
       "someone else first"), -1 },

  /* Exports (masatir.set_issuer, commit_export). */
  { "MS004", "“%s” does not have the admin role", N_("“%s” does not have the admin role"), -1 },
  { "MS005", "The catalog has no issuer id to sign bundles with",
    N_("The catalog has no issuer id to sign bundles with; it is given to "
       "“masatir-cli init --issuer ID”"), -1 },
  { "MS002", "Another export (sequence %s) was recorded since this one started; nothing was changed: export again",
    N_("Another export (sequence %d) was recorded since this one started; nothing was "
       "changed: export again"), -1 },
  { "MS002", "Sheets were edited, approved or withdrawn while the bundle was being written; nothing was "
             "changed: export again",
    N_("Sheets were edited, approved or withdrawn while the bundle was being written; nothing was "
       "changed: export again"), -1 },
  { "MS006", "Sheet %s is not the content its reviewer approved; nothing was changed",
    N_("Sheet %s is not the content its reviewer approved; nothing was changed"), -1 },
};

/* The labels delete_draft writes, by MsState (ms-workflow.c's, untranslated). */
static const char * const english_labels[] = {
  [MS_STATE_DRAFT] = "Draft",
  [MS_STATE_IN_REVIEW] = "In review",
  [MS_STATE_CHANGES_REQUESTED] = "Changes requested",
  [MS_STATE_APPROVED] = "Approved",
  [MS_STATE_PUBLISHED] = "Published",
  [MS_STATE_WITHDRAWN] = "Withdrawn",
};
G_STATIC_ASSERT (G_N_ELEMENTS (english_labels) == MS_N_STATES);

#define MAX_VALUES 8

/* The values of @message read with @format ("%s" each, the text between
 * them literal; a value ends at the first place the next literal text
 * follows, the last one at the literal end); FALSE when it does not read. */
static gboolean
read_values (const char *format,
             const char *message,
             GPtrArray  *values)
{
  g_auto(GStrv) literals = g_strsplit (format, "%s", -1);
  guint n = g_strv_length (literals);
  const char *at = message;
  gsize tail;

  if (n - 1 > MAX_VALUES || !g_str_has_prefix (at, literals[0]))
    return FALSE;
  at += strlen (literals[0]);
  for (guint i = 1; i < n; i++)
    {
      const char *next;

      if (i + 1 == n)
        {
          /* The last value: up to the literal end of the message. */
          tail = strlen (literals[i]);
          if (strlen (at) < tail || !g_str_has_suffix (at, literals[i]))
            return FALSE;
          g_ptr_array_add (values, g_strndup (at, strlen (at) - tail));
          return TRUE;
        }
      if (*literals[i] == '\0' || !(next = strstr (at, literals[i])))
        return FALSE;
      g_ptr_array_add (values, g_strndup (at, next - at));
      at = next + strlen (literals[i]);
    }
  return *at == '\0';
}

/* @words with its "%s" and "%d" (or "%N$s", as a translation may reorder
 * them) replaced by @values, in order: a "%d" is a number the database
 * wrote. */
static char *
fill (const char *words,
      GPtrArray  *values)
{
  GString *out = g_string_new (NULL);
  guint next = 0;

  for (const char *c = words; *c != '\0'; c++)
    {
      guint index = next;
      const char *end = c + 1;

      if (*c != '%')
        {
          g_string_append_c (out, *c);
          continue;
        }
      if (g_ascii_isdigit (*end))
        {
          guint64 n = g_ascii_strtoull (end, (char **) &end, 10);

          if (*end != '$' || n == 0 || n > values->len)
            {
              g_string_append_c (out, *c);
              continue;
            }
          index = (guint) n - 1;
          end++;
        }
      else
        next++;
      if ((*end == 's' || *end == 'd') && index < values->len)
        {
          g_string_append (out, g_ptr_array_index (values, index));
          c = end;
        }
      else if (*end == '%')
        {
          g_string_append_c (out, '%');
          c = end;
        }
      else
        g_string_append_c (out, *c);
    }
  return g_string_free (out, FALSE);
}

char *
ms_pg_refusal_words (const char *sqlstate,
                     const char *message)
{
  if (sqlstate == NULL || message == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      const Refusal *r = &refusals[i];

      if (strcmp (r->sqlstate, sqlstate) != 0 || !read_values (r->raised, message, values))
        continue;
      if (r->state_value >= 0 && (guint) r->state_value < values->len)
        {
          char **value = (char **) &values->pdata[r->state_value];

          /* The schema writes a state's label in English: the label of
           * the same state in the user's language. */
          for (guint s = 0; s < G_N_ELEMENTS (english_labels); s++)
            if (strcmp (*value, english_labels[s]) == 0)
              {
                g_free (*value);
                *value = g_strdup (ms_state_to_label ((MsState) s));
                break;
              }
        }
      return fill (_(r->words), values);
    }
  return NULL;
}

/* For the test: the raised formats, to check against the schema. */
const char *
ms_pg_refusal_format (guint i)
{
  return i < G_N_ELEMENTS (refusals) ? refusals[i].raised : NULL;
}
