/* ms-bidi.c — text that reads in its own order in Arabic and in French
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-bidi"

#include "config.h"

#include <string.h>

#include "ms-bidi.h"

typedef enum {
  CLASS_NEUTRAL,
  CLASS_L,              /* a letter written left to right */
  CLASS_R,              /* a letter written right to left */
} CharClass;

static gboolean
is_format_char (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_rtl_block (gunichar c)
{
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10800 && c <= 0x10FFF) ||
         (c >= 0x1E800 && c <= 0x1EFFF);
}

static CharClass
char_class (gunichar c)
{
  if (!g_unichar_isalpha (c))
    return CLASS_NEUTRAL;
  return is_rtl_block (c) ? CLASS_R : CLASS_L;
}

static gboolean
is_digit (gunichar c)
{
  /* European digits only: Arabic-Indic digits already read right in
   * Arabic text, and an isolate would turn a hyphenated run of them. */
  return c >= '0' && c <= '9';
}

static gboolean
is_number_joiner (gunichar c)
{
  switch (c)
    {
    case '-': case '/': case '.': case ',': case ':': case ' ':
    case 0x00A0: /* NO-BREAK SPACE */
    case 0x202F: /* NARROW NO-BREAK SPACE */
    case 0x2009: /* THIN SPACE */
    case 0x2011: /* NON-BREAKING HYPHEN */
    case 0x066B: /* ARABIC DECIMAL SEPARATOR */
    case 0x066C: /* ARABIC THOUSANDS SEPARATOR */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Where the number starting at @i ends (exclusive), or @i when none starts
 * there: digits, each joiner between two digits, and a leading '+'. */
static gsize
number_end (const gunichar *u,
            gsize           n,
            gsize           i)
{
  gsize j = i;

  if (u[j] == '+' && j + 1 < n && is_digit (u[j + 1]))
    j++;
  if (!is_digit (u[j]))
    return i;
  while (j < n)
    {
      if (is_digit (u[j]))
        j++;
      else if (is_number_joiner (u[j]) && j + 1 < n && is_digit (u[j + 1]))
        j++;
      else
        break;
    }
  return j;
}

static void
append_range (GString        *out,
              const gunichar *u,
              gsize           from,
              gsize           to)
{
  for (gsize k = from; k < to; k++)
    g_string_append_unichar (out, u[k]);
}

/* Appends u[from, to) with each number in LRI … PDI when @wrap_numbers. */
static void
append_numbers (GString        *out,
                const gunichar *u,
                gsize           from,
                gsize           to,
                gboolean        wrap_numbers)
{
  gsize k = from;

  while (k < to)
    {
      gsize end = wrap_numbers ? number_end (u, to, k) : k;

      if (end > k)
        {
          g_string_append (out, MS_BIDI_LRI);
          append_range (out, u, k, end);
          g_string_append (out, MS_BIDI_PDI);
          k = end;
        }
      else
        g_string_append_unichar (out, u[k++]);
    }
}

/* What may stand between a word and a number of the same phrase: "55 à
 * 58", "n° 55-19", "Tél : 05 37 00 00 00" (a comma or a bracket ends the
 * phrase). */
static gboolean
is_glue (gunichar c)
{
  switch (c)
    {
    case ' ': case 0x00A0: case 0x202F: case 0x2009:
    case 0x00B0: case 0x00BA: /* ° º */
    case '#': case ':': case '.': case '-':
      return TRUE;
    default:
      return FALSE;
    }
}

static gunichar
closing_bracket (gunichar c)
{
  switch (c)
    {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case 0x00AB: return 0x00BB;
    default: return 0;  /* “ ” are not mirrored: they stay outside */
    }
}

/* Widens the run of words [*first, *last) of the stretch [from, to): over
 * the numbers joined to it by glue on either side, then over a pair of
 * brackets around it. */
static void
extend_run (const gunichar *u,
            gsize           from,
            gsize           to,
            gsize          *first,
            gsize          *last)
{
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (gsize) * 2);
  gsize k = from;
  guint i;

  /* The numbers of the stretch, once, in order: then each side is walked
   * once (linear in the stretch's length, whatever the text). */
  while (k < to)
    {
      gsize e = number_end (u, to, k);

      if (e > k)
        {
          gsize unit[2] = { k, e };

          g_array_append_val (numbers, unit);
          k = e;
        }
      else
        k++;
    }

  /* Backwards: the numbers before the run, each joined by glue only. */
  for (i = numbers->len; i > 0; i--)
    {
      gsize *unit = &g_array_index (numbers, gsize, (i - 1) * 2);
      gboolean joined = TRUE;

      if (unit[1] > *first)
        continue;
      for (gsize j = unit[1]; j < *first && joined; j++)
        joined = is_glue (u[j]);
      if (!joined)
        break;
      *first = unit[0];
    }

  /* Forwards, the same. */
  for (i = 0; i < numbers->len; i++)
    {
      gsize *unit = &g_array_index (numbers, gsize, i * 2);
      gboolean joined = TRUE;

      if (unit[0] < *last)
        continue;
      for (gsize j = *last; j < unit[0] && joined; j++)
        joined = is_glue (u[j]);
      if (!joined)
        break;
      *last = unit[1];
    }

  while (*first > from && *last < to && closing_bracket (u[*first - 1]) != 0
         && closing_bracket (u[*first - 1]) == u[*last])
    {
      (*first)--;
      (*last)++;
    }
}

MsBidiDir
ms_bidi_base_dir (const char *text)
{
  g_autofree char *valid = NULL;
  int depth = 0;

  if (text == NULL)
    return MS_BIDI_NEUTRAL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* P2: what is inside an isolate does not count. */
      if (c >= 0x2066 && c <= 0x2068)
        depth++;
      else if (c == 0x2069 && depth > 0)
        depth--;
      else if (depth == 0 && char_class (c) != CLASS_NEUTRAL)
        return char_class (c) == CLASS_R ? MS_BIDI_RTL : MS_BIDI_LTR;
    }
  return MS_BIDI_NEUTRAL;
}

char *
ms_bidi_strip (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_format_char (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
ms_bidi_isolate (const char *text)
{
  g_autofree char *plain = NULL;
  g_autofree gunichar *u = NULL;
  glong n_chars = 0;
  gsize n;
  gboolean has_rtl = FALSE;
  MsBidiDir base;
  GString *out;
  gsize seg;

  if (text == NULL)
    return NULL;

  /* Each line is a paragraph of its own (rule P1). */
  if (strchr (text, '\n') != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line = ms_bidi_isolate (lines[i]);

          g_free (lines[i]);
          lines[i] = line;
        }
      return g_strjoinv ("\n", lines);
    }

  plain = ms_bidi_strip (text);
  u = g_utf8_to_ucs4_fast (plain, -1, &n_chars);
  n = (gsize) n_chars;
  for (gsize k = 0; k < n && !has_rtl; k++)
    has_rtl = char_class (u[k]) == CLASS_R;
  base = ms_bidi_base_dir (plain);

  if (base == MS_BIDI_LTR && !has_rtl)
    return g_steal_pointer (&plain);

  out = g_string_sized_new (strlen (plain) + 16);

  if (base != MS_BIDI_LTR)
    {
      /* Right-to-left or unknown paragraph. Between two Arabic letters,
       * the stretch from the first Latin letter to the last is one
       * left-to-right run, with the numbers that only spaces or signs
       * such as ° join to it ("55 à 58", "n° 55-19") and the brackets
       * around it; every other number is a run of its own. */
      seg = 0;
      while (seg < n)
        {
          gsize end = seg, first = G_MAXSIZE, last = 0;

          while (end < n && char_class (u[end]) != CLASS_R)
            {
              if (char_class (u[end]) == CLASS_L)
                {
                  first = MIN (first, end);
                  last = end + 1;
                }
              end++;
            }

          if (first != G_MAXSIZE)
            {
              extend_run (u, seg, end, &first, &last);
              append_numbers (out, u, seg, first, TRUE);
              g_string_append (out, MS_BIDI_LRI);
              append_range (out, u, first, last);
              g_string_append (out, MS_BIDI_PDI);
              append_numbers (out, u, last, end, TRUE);
            }
          else
            append_numbers (out, u, seg, end, TRUE);

          /* The Arabic letters up to the next stretch. */
          while (end < n && char_class (u[end]) == CLASS_R)
            g_string_append_unichar (out, u[end++]);
          seg = end;
        }
    }
  else
    {
      /* Left-to-right paragraph with Arabic in it: between two Latin
       * letters, the stretch from the first Arabic letter to the last is
       * one right-to-left run, its numbers left to right inside it. */
      seg = 0;
      while (seg < n)
        {
          gsize end = seg, first = G_MAXSIZE, last = 0;

          while (end < n && char_class (u[end]) != CLASS_L)
            {
              if (char_class (u[end]) == CLASS_R)
                {
                  first = MIN (first, end);
                  last = end + 1;
                }
              end++;
            }

          if (first != G_MAXSIZE)
            {
              /* "القانون رقم 55.19" in a French line: the number is the
               * Arabic phrase's. */
              extend_run (u, seg, end, &first, &last);
              append_range (out, u, seg, first);
              g_string_append (out, MS_BIDI_RLI);
              append_numbers (out, u, first, last, TRUE);
              g_string_append (out, MS_BIDI_PDI);
              append_range (out, u, last, end);
            }
          else
            append_range (out, u, seg, end);

          while (end < n && char_class (u[end]) == CLASS_L)
            g_string_append_unichar (out, u[end++]);
          seg = end;
        }
    }

  return g_string_free (out, FALSE);
}
