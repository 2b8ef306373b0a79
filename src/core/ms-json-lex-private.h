/* ms-json-lex-private.h — the lexical pieces of strict JSON that the
 * parser (ms-strict-json.c) and the sheet scanner (ms-sheet-scan.c) share:
 * one syntax of numbers, one way of placing a message. Inline: both run
 * it in their hot loops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline gboolean
ms_json_lex_digit (const char *p,
                   const char *end)
{
  return p < end && g_ascii_isdigit (*p);
}

static inline const char *
ms_json_lex_skip_digits (const char *p,
                         const char *end)
{
  while (ms_json_lex_digit (p, end))
    p++;
  return p;
}

/* The end of the number that starts at @p (RFC 8259: no leading zero, no
 * "+", digits on both sides of the point), NULL when what is there is not
 * one; @integral whether it has neither fraction nor exponent. */
static inline const char *
ms_json_lex_number (const char *p,
                    const char *end,
                    gboolean   *integral)
{
  *integral = TRUE;
  if (*p == '-')
    p++;
  if (!ms_json_lex_digit (p, end))
    return NULL;
  if (*p == '0')
    p++;
  else
    p = ms_json_lex_skip_digits (p, end);
  if (p < end && *p == '.')
    {
      *integral = FALSE;
      p++;
      if (!ms_json_lex_digit (p, end))
        return NULL;
      p = ms_json_lex_skip_digits (p, end);
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      *integral = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (!ms_json_lex_digit (p, end))
        return NULL;
      p = ms_json_lex_skip_digits (p, end);
    }
  return p;
}

/* Up to 18 digits always fit an int64: whether the integral number
 * @start…@end is that short, and then its value. */
static inline gboolean
ms_json_lex_small_int (const char *start,
                       const char *end,
                       gint64     *value)
{
  gint64 v = 0;

  if (end - start > 18)
    return FALSE;
  for (const char *q = start[0] == '-' ? start + 1 : start; q < end; q++)
    v = v * 10 + (*q - '0');
  *value = start[0] == '-' ? -v : v;
  return TRUE;
}

/* "line L, column C: @message", @at in the UTF-8 text that begins at
 * @start (columns count characters). */
char *ms_json_locate (const char *start,
                      const char *at,
                      const char *message);

/* The messages of the limits: @n members (@object) or items where at most
 * @limit are allowed; @n_chars characters in a member name (@value FALSE)
 * or a text where at most @limit are. */
char *ms_json_too_many  (gboolean    object,
                         guint64     n,
                         guint       limit);
char *ms_json_too_long  (gboolean    value,
                         glong       n_chars,
                         guint       limit);

G_END_DECLS
