/* ms-input.c — what a person types in the sheet editor, read as values
 *
 * Every parser first folds the text to a small ASCII alphabet (digits,
 * '.', ' ', '-', and 'x' for anything else), so that Arabic-Indic digits,
 * the Arabic decimal separator and the spaces people put between thousands
 * are read once, the same way, by all of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-input"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-input.h"

/* Folding {{{1 */

#define FOLD_OTHER 'x'

static char
fold_char (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (char) c;
  if (c >= 0x0660 && c <= 0x0669)           /* Arabic-Indic digits */
    return (char) ('0' + (c - 0x0660));
  if (c >= 0x06F0 && c <= 0x06F9)           /* Extended Arabic-Indic digits */
    return (char) ('0' + (c - 0x06F0));
  switch (c)
    {
    case ',':
    case '.':
    case 0x066B:                            /* Arabic decimal separator */
      return '.';
    case ' ':
    case 0x00A0:                            /* no-break space */
    case 0x2009:                            /* thin space */
    case 0x202F:                            /* narrow no-break space (French) */
    case 0x066C:                            /* Arabic thousands separator */
      return ' ';
    case '-':
    case 0x2010:                            /* hyphen */
    case 0x2011:                            /* non-breaking hyphen */
    case 0x2013:                            /* en dash */
    case 0x2212:                            /* minus sign */
      return '-';
    default:
      return FOLD_OTHER;
    }
}

/* @text folded, without the white space around it and without invisible
 * formatting characters (the direction marks that come with Arabic text
 * pasted from elsewhere). Text that is not UTF-8 folds to "x". */
static char *
fold_input (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *start, *end;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_string_append_c (out, FOLD_OTHER);
      return g_string_free (out, FALSE);
    }

  start = text;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      g_string_append_c (out, fold_char (c));
    }
  return g_string_free (out, FALSE);
}

typedef enum {
  DIGITS_OK,
  DIGITS_NONE,        /* no digit at all */
  DIGITS_BAD_GROUP,   /* spaces that do not separate groups of three */
  DIGITS_TOO_LARGE,
} DigitsStatus;

/* Reads [0-9]+ with optional single spaces between thousands ("1 200 000")
 * from @s[0..@len) into @value, refusing values above @limit. */
static DigitsStatus
read_grouped_digits (const char *s,
                     gsize       len,
                     guint64     limit,
                     guint64    *value)
{
  guint64 v = 0;
  gsize group = 0;
  gboolean grouped = FALSE, too_large = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == ' ')
        {
          /* The first group has 1 to 3 digits, the others exactly 3. */
          if (group == 0 || group > 3 || (grouped && group != 3))
            return DIGITS_BAD_GROUP;
          grouped = TRUE;
          group = 0;
          continue;
        }
      g_assert (g_ascii_isdigit (s[i]));
      group++;
      if (too_large || v > limit / 10 || v * 10 + (guint64) (s[i] - '0') > limit)
        too_large = TRUE;
      else
        v = v * 10 + (guint64) (s[i] - '0');
    }
  if (len == 0)
    return DIGITS_NONE;
  if (grouped && group != 3)
    return DIGITS_BAD_GROUP;
  if (too_large)
    return DIGITS_TOO_LARGE;
  *value = v;
  return DIGITS_OK;
}

/* Amounts {{{1 */

char *
ms_format_amount_input (gint64 centimes)
{
  /* A decimal comma, as amounts are shown in both languages of the
   * interface (ms_format_amount); ms_parse_amount() reads a point, a
   * comma and the Arabic separator "٫" alike. */
  const char *separator = ",";

  g_return_val_if_fail (centimes >= 0, NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT "%s%02d", centimes / 100, separator,
                          (int) (centimes % 100));
}

typedef enum {
  AMOUNT_EMPTY,
  AMOUNT_NEGATIVE,
  AMOUNT_NOT_DIGITS,
  AMOUNT_TWO_SEPARATORS,
  AMOUNT_BAD_GROUPS,
  AMOUNT_TOO_PRECISE,
  AMOUNT_TOO_LARGE,
} AmountProblem;

/* Each message shows what to type, written the way the UI writes amounts. */
static gboolean
amount_fail (GError        **error,
             AmountProblem   problem)
{
  g_autofree char *example = ms_format_amount_input (1250);
  g_autofree char *plain = ms_format_amount_input (120050);
  g_autofree char *grouped = g_strdup_printf ("1 %s", plain + 1);
  g_autofree char *largest = ms_format_amount_input (MS_MAX_AMOUNT_CENTIMES);
  const GQuark domain = MS_CORE_ERROR;
  const int code = MS_CORE_ERROR_INPUT;

  switch (problem)
    {
    case AMOUNT_NEGATIVE:
      /* TRANSLATORS: %s is an example amount, "12,50" */
      return ms_fail (error, domain, code, _("An amount cannot be negative: type it in dirhams, "
                                             "such as %s"), example);
    case AMOUNT_NOT_DIGITS:
      /* TRANSLATORS: %s is an example amount, "12,50" */
      return ms_fail (error, domain, code, _("Type an amount in dirhams with digits only, "
                                             "such as %s"), example);
    case AMOUNT_TWO_SEPARATORS:
      /* TRANSLATORS: %s is an example amount, "12,50" */
      return ms_fail (error, domain, code, _("Type a single decimal separator, such as %s"),
                      example);
    case AMOUNT_BAD_GROUPS:
      /* TRANSLATORS: %s is an example amount, "1 200,50" or "1 200.50" */
      return ms_fail (error, domain, code, _("Put spaces only between thousands, such as %s"),
                      grouped);
    case AMOUNT_TOO_PRECISE:
      /* TRANSLATORS: %s is an example amount, "12,50" */
      return ms_fail (error, domain, code, _("Type at most two digits after the decimal "
                                             "separator, such as %s"), example);
    case AMOUNT_TOO_LARGE:
      /* TRANSLATORS: %s is the largest amount, "1000000000,00" */
      return ms_fail (error, domain, code, _("The amount is too large: type at most %s dirhams"),
                      largest);
    case AMOUNT_EMPTY:
    default:
      /* TRANSLATORS: %s is an example amount, "12,50" */
      return ms_fail (error, domain, code, _("Type an amount in dirhams, such as %s"), example);
    }
}

gboolean
ms_parse_amount (const char  *text,
                 gint64      *centimes,
                 GError     **error)
{
  g_autofree char *s = NULL;
  const char *point;
  gsize int_len, frac_len = 0;
  guint64 units = 0, cents = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (centimes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  s = fold_input (text);
  if (*s == '\0')
    return amount_fail (error, AMOUNT_EMPTY);
  /* "-12" is a number, only the wrong one: say so rather than "digits only". */
  if (s[0] == '-' && s[1] != '\0' && strspn (s + 1, "0123456789. ") == strlen (s + 1))
    return amount_fail (error, AMOUNT_NEGATIVE);
  if (strspn (s, "0123456789. ") != strlen (s))
    return amount_fail (error, AMOUNT_NOT_DIGITS);

  point = strchr (s, '.');
  if (point != NULL && strchr (point + 1, '.') != NULL)
    return amount_fail (error, AMOUNT_TWO_SEPARATORS);
  int_len = point != NULL ? (gsize) (point - s) : strlen (s);
  if (point != NULL)
    {
      frac_len = strlen (point + 1);
      if (strchr (point + 1, ' ') != NULL)
        return amount_fail (error, AMOUNT_BAD_GROUPS);
      /* "12,500" too: in English it would mean twelve thousand five hundred. */
      if (frac_len > 2)
        return amount_fail (error, AMOUNT_TOO_PRECISE);
      for (gsize i = 0; i < frac_len; i++)
        cents = cents * 10 + (guint64) (point[1 + i] - '0');
      if (frac_len == 1)
        cents *= 10;
    }

  switch (read_grouped_digits (s, int_len, (guint64) MS_MAX_AMOUNT_CENTIMES / 100, &units))
    {
    case DIGITS_OK:
      break;
    case DIGITS_NONE:
      /* ",50" says fifty centimes; "," alone says nothing. */
      if (frac_len == 0)
        return amount_fail (error, AMOUNT_EMPTY);
      break;
    case DIGITS_BAD_GROUP:
      return amount_fail (error, AMOUNT_BAD_GROUPS);
    case DIGITS_TOO_LARGE:
    default:
      return amount_fail (error, AMOUNT_TOO_LARGE);
    }
  if (units * 100 + cents > (guint64) MS_MAX_AMOUNT_CENTIMES)
    return amount_fail (error, AMOUNT_TOO_LARGE);

  *centimes = (gint64) (units * 100 + cents);
  return TRUE;
}

/* Counts {{{1 */

gboolean
ms_parse_count (const char  *text,
                gint64       maximum,
                gint64      *value,
                GError     **error)
{
  g_autofree char *s = NULL;
  guint64 v = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (maximum >= 0, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  s = fold_input (text);
  if (strspn (s, "0123456789 ") != strlen (s)
      || read_grouped_digits (s, strlen (s), (guint64) maximum, &v) != DIGITS_OK)
    {
      g_autofree char *largest = g_strdup_printf ("%" G_GINT64_FORMAT, maximum);

      /* TRANSLATORS: %s is the largest number allowed; callers that know
       * what is counted (days, copies) say it themselves */
      return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT,
                      _("Type a whole number from 0 to %s"), largest);
    }
  *value = (gint64) v;
  return TRUE;
}

/* Dates {{{1 */

typedef enum {
  DATE_OK,
  DATE_MALFORMED,
  DATE_NO_YEAR,
  DATE_NO_MONTH,
  DATE_NO_DAY,
} DateStatus;

static DateStatus
check_iso_date (const char *s,
                guint      *year,
                guint      *month,
                guint      *day)
{
  guint y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return DATE_MALFORMED;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return DATE_MALFORMED;
  y = (guint) g_ascii_strtoull (s, NULL, 10);
  m = (guint) g_ascii_strtoull (s + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (s + 8, NULL, 10);
  *year = y;
  *month = m;
  *day = d;
  if (y == 0)
    return DATE_NO_YEAR;
  if (m < 1 || m > 12)
    return DATE_NO_MONTH;
  if (d < 1 || d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y))
    return DATE_NO_DAY;
  return DATE_OK;
}

gboolean
ms_date_is_valid (const char *s)
{
  guint y, m, d;

  g_return_val_if_fail (s != NULL, FALSE);

  return check_iso_date (s, &y, &m, &d) == DATE_OK;
}

static const char * const month_names[] = {
  NC_("month name", "January"), NC_("month name", "February"), NC_("month name", "March"),
  NC_("month name", "April"), NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"), NC_("month name", "September"),
  NC_("month name", "October"), NC_("month name", "November"), NC_("month name", "December"),
};

gboolean
ms_parse_date (const char  *text,
               char       **iso,
               GError     **error)
{
  g_autofree char *s = NULL;
  guint y = 0, m = 0, d = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  s = fold_input (text);
  switch (check_iso_date (s, &y, &m, &d))
    {
    case DATE_OK:
      *iso = g_steal_pointer (&s);
      return TRUE;
    case DATE_NO_YEAR:
      return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT,
                      _("There is no year 0: type a date as YYYY-MM-DD, such as 2021-04-21"));
    case DATE_NO_MONTH:
      /* TRANSLATORS: %u is the month typed, 0 or from 13 to 99 */
      return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT,
                      _("There is no month %u: months go from 01 to 12"), m);
    case DATE_NO_DAY:
      {
        const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[m - 1]);
        /* TRANSLATORS: a date that does not exist, "29 February 2023":
         * the day, the month's name, the year */
        g_autofree char *date = g_strdup_printf (C_("day month year", "%u %s %u"), d, month, y);

        /* TRANSLATORS: %s is a date that does not exist, "29 February 2023" */
        return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT, _("There is no %s"), date);
      }
    case DATE_MALFORMED:
    default:
      return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT,
                      _("Type a date as YYYY-MM-DD, such as 2021-04-21"));
    }
}

/* vim: set foldmethod=marker: */
