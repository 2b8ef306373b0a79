/* ms-portal-values.c — delays and prices as the portal writes them
 *
 * The portal's delays and prices are free text in either language: "60
 * يوما", "48 heures", "15 jours ouvrables", "5 دراهم عن كل صفحة", "1 000,50
 * DH", "بالمجان". What states one value is read; anything else (two
 * delays, two amounts, "it depends") is left for a person, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-portal"

#include "config.h"

#include <string.h>

#include "ms-portal.h"
#include "ms-text.h"

typedef struct {
  const char *word;
  gint64      value;     /* for units: days (or hours) per unit; for words: the value */
} Word;

/* Normalised forms (ms_text_normalize: ة → ه, أ → ا, ى → ي). */
static const Word day_units[] = {
  { "يوم", 1 }, { "يوما", 1 }, { "ايام", 1 }, { "jour", 1 }, { "jours", 1 }, { "j", 1 },
  { "day", 1 }, { "days", 1 },
  { "اسبوع", 7 }, { "اسبوعا", 7 }, { "اسابيع", 7 }, { "semaine", 7 }, { "semaines", 7 },
  { "week", 7 }, { "weeks", 7 },
  { "شهر", 30 }, { "شهرا", 30 }, { "اشهر", 30 }, { "mois", 30 }, { "month", 30 }, { "months", 30 },
};
static const Word hour_units[] = {
  { "ساعه", 1 }, { "ساعات", 1 }, { "heure", 1 }, { "heures", 1 }, { "h", 1 }, { "hr", 1 },
  { "hrs", 1 }, { "hour", 1 }, { "hours", 1 },
};
static const Word day_duals[] = {
  { "يومان", 2 }, { "يومين", 2 }, { "اسبوعان", 14 }, { "اسبوعين", 14 }, { "شهران", 60 }, { "شهرين", 60 },
};
static const Word hour_duals[] = {
  { "ساعتان", 2 }, { "ساعتين", 2 },
};
/* "أيام عمل", "jours ouvrables", "jours ouvrés", "working days". */
static const char * const working_words[] = {
  "عمل", "العمل", "ouvrable", "ouvrables", "ouvre", "ouvres", "working", "business",
};
static const char * const immediately[] = {
  "فورا", "فوري", "الفور", "حينه", "immediat", "immediate", "immediatement", "instantane", "sur le champ",
};
static const char * const free_words[] = {
  "مجان", "مجانا", "مجاني", "مجانيه", "بالمجان", "gratuit", "gratuite", "gratuitement", "sans frais",
  "free", "free of charge",
};
/* The word before a unit of a per-unit price: "5 DH par page", "عن كل صفحة". */
static const char * const per_words[] = {
  "par", "per", "each", "لكل", "كل",
};

static gint64
lookup_word (const Word *words,
             gsize       n_words,
             const char *word)
{
  for (gsize i = 0; i < n_words; i++)
    if (strcmp (words[i].word, word) == 0)
      return words[i].value;
  return 0;
}

static gboolean
in_list (const char         *word,
         const char * const *words,
         gsize               n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (strcmp (word, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
contains_any (const char         *normal,
              const char * const *words,
              gsize               n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (strstr (normal, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Splits text into words of letters or of digits. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);
  int kind = 0;   /* 0 none, 1 letters, 2 digits */

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int k = c == 0 ? 0 : g_unichar_isdigit (c) ? 2 : g_unichar_isalpha (c) ? 1 : 0;

      if (k != kind && word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (k != 0)
        g_string_append_unichar (word, c);
      kind = k;
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

gboolean
ms_portal_read_delay (const char    *text,
                      MsPortalDelay *delay)
{
  g_autofree char *normal = NULL;
  g_autoptr(GPtrArray) words = NULL;
  gint64 found = -1, hours = -1;
  gboolean now, working = FALSE;

  g_return_val_if_fail (delay != NULL, FALSE);

  memset (delay, 0, sizeof *delay);
  delay->days = -1;
  if (text == NULL)
    return FALSE;
  normal = ms_text_normalize (text);
  now = contains_any (normal, immediately, G_N_ELEMENTS (immediately));
  words = split_words (normal);

  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);
      gint64 days = lookup_word (day_duals, G_N_ELEMENTS (day_duals), w);
      gint64 in_hours = lookup_word (hour_duals, G_N_ELEMENTS (hour_duals), w);

      if (in_list (w, working_words, G_N_ELEMENTS (working_words)))
        working = TRUE;
      if (g_ascii_isdigit (w[0]))
        {
          const char *next = i + 1 < words->len ? g_ptr_array_index (words, i + 1) : "";
          gint64 unit = lookup_word (day_units, G_N_ELEMENTS (day_units), next);
          gint64 n;

          if (strlen (w) > 4)
            return FALSE;
          n = g_ascii_strtoll (w, NULL, 10);
          if (unit == 0 && lookup_word (hour_units, G_N_ELEMENTS (hour_units), next) > 0)
            in_hours = n;
          else
            days = n * (unit > 0 ? unit : 1);
        }
      if (in_hours > 0)
        {
          /* The rule (README): up to 24 hours is one day, more is rounded
           * up to whole days. */
          days = in_hours <= 24 ? 1 : (in_hours + 23) / 24;
          if (hours >= 0 && hours != in_hours)
            return FALSE;
          hours = in_hours;
        }
      if (days == 0)
        continue;
      /* "يومان (2)" says one delay twice; "4 أيام … 7 أيام" says two. */
      if (found >= 0 && found != days)
        return FALSE;
      found = days;
    }
  if (now && found >= 0)
    return FALSE;
  delay->days = now ? 0 : found;
  delay->hours = hours;
  delay->working_days = working && found > 0 && hours < 0;
  return delay->days >= 0;
}

gint64
ms_portal_parse_delay (const char *text)
{
  MsPortalDelay delay;

  return ms_portal_read_delay (text, &delay) ? delay.days : -1;
}

/* Amounts {{{1 */

static gboolean
is_group_separator (gunichar c)
{
  return c == ' ' || c == 0x00a0 || c == 0x202f || c == 0x2009 || c == 0x066c;   /* ٬ */
}

static gboolean
is_mark_separator (gunichar c)
{
  return c == ',' || c == '.' || c == 0x066b;   /* ٫ */
}

/* Reads the number at @p (digits grouped by spaces, commas or dots, with
 * one to two decimals after a last comma or dot): "1 000,50", "1,000",
 * "25.5". Returns the end, or NULL when the groups are not one number
 * ("100 200"). */
static const char *
read_amount (const char *p,
             gint64     *centimes)
{
  gint64 units = 0;
  int cents = -1;
  gboolean first = TRUE;

  for (;;)
    {
      const char *start = p;
      int n = 0;
      gint64 group = 0;

      while (g_ascii_isdigit (*p))
        {
          if (n < 12)
            group = group * 10 + (*p - '0');
          n++;
          p++;
        }
      if (n > 12)
        return NULL;
      if (first)
        units = group;
      else
        {
          gunichar sep = g_utf8_get_char (g_utf8_prev_char (start));

          if (is_mark_separator (sep) && n <= 2 && !g_ascii_isdigit (*p))
            {
              /* the decimals close the number */
              cents = n == 1 ? (int) group * 10 : (int) group;
              break;
            }
          if (n != 3)
            return NULL;
          units = units * 1000 + group;
        }
      first = FALSE;
      /* Another group follows a separator directly. */
      {
        gunichar c = g_utf8_get_char (p);
        const char *after = g_utf8_next_char (p);

        if ((is_group_separator (c) || is_mark_separator (c)) && g_ascii_isdigit (*after))
          p = after;
        else
          break;
      }
    }
  if (units > 100000000)
    return NULL;
  *centimes = units * 100 + (cents < 0 ? 0 : cents);
  return p;
}

/* The unit of a per-unit price, from the words of the original text:
 * the word after "par", "per", "لكل", "عن كل". */
static char *
per_unit_of (const char *text)
{
  g_autoptr(GPtrArray) words = split_words (text);
  const char *slash = strchr (text, '/');

  /* "5 DH/page" */
  if (slash != NULL)
    {
      g_autoptr(GPtrArray) after = split_words (slash + 1);

      if (after->len > 0 && !g_ascii_isdigit (((char *) g_ptr_array_index (after, 0))[0]))
        return g_strdup (g_ptr_array_index (after, 0));
    }

  for (guint i = 0; i + 1 < words->len; i++)
    {
      g_autofree char *w = ms_text_normalize (g_ptr_array_index (words, i));

      if (in_list (w, per_words, G_N_ELEMENTS (per_words)))
        {
          const char *unit = g_ptr_array_index (words, i + 1);

          if (!g_ascii_isdigit (unit[0]))
            return g_strdup (unit);
        }
    }
  return NULL;
}

MsPortalPrice
ms_portal_read_price (JsonNode  *node,
                      gint64    *centimes,
                      char     **per_unit)
{
  g_autofree char *normal = NULL;
  gint64 amount = -1;

  g_return_val_if_fail (centimes != NULL, MS_PORTAL_PRICE_UNREADABLE);

  if (per_unit != NULL)
    *per_unit = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return MS_PORTAL_PRICE_UNREADABLE;
  if (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value < 0)
        return MS_PORTAL_PRICE_NEGATIVE;
      if (!(value < 1e9))
        return MS_PORTAL_PRICE_UNREADABLE;
      *centimes = (gint64) (value * 100 + 0.5);
      return MS_PORTAL_PRICE_OK;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return MS_PORTAL_PRICE_UNREADABLE;

  normal = ms_text_normalize (json_node_get_string (node));
  for (const char *p = normal; *p != '\0'; )
    {
      gint64 value;
      const char *end;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      if (amount >= 0 || !(end = read_amount (p, &value)))
        return MS_PORTAL_PRICE_UNREADABLE;   /* two amounts: it depends, say it in words */
      if (p > normal && (p[-1] == '-' || (p - normal >= 3 && strncmp (p - 3, "−", 3) == 0)))
        return MS_PORTAL_PRICE_NEGATIVE;
      amount = value;
      p = end;
    }
  if (amount >= 0)
    {
      *centimes = amount;
      if (per_unit != NULL)
        *per_unit = per_unit_of (json_node_get_string (node));
      return MS_PORTAL_PRICE_OK;
    }
  if (contains_any (normal, free_words, G_N_ELEMENTS (free_words)))
    {
      *centimes = 0;
      return MS_PORTAL_PRICE_OK;
    }
  return MS_PORTAL_PRICE_UNREADABLE;
}

gboolean
ms_portal_parse_price (JsonNode *node,
                       gint64   *centimes)
{
  gint64 value;

  g_return_val_if_fail (centimes != NULL, FALSE);

  if (ms_portal_read_price (node, &value, NULL) != MS_PORTAL_PRICE_OK)
    return FALSE;
  *centimes = value;
  return TRUE;
}
