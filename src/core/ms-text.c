/* ms-text.c — Arabic and French text normalisation, script detection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-text"

#include "config.h"

#include <string.h>

#include "ms-text.h"

typedef struct {
  GString  *out;
  gboolean  pending_space;
} Normalizer;

/* Spaces are written lazily so that runs collapse and the ends stay bare. */
static inline void
put_unichar (Normalizer *n,
             gunichar    c)
{
  if (n->pending_space && n->out->len > 0)
    g_string_append_c (n->out, ' ');
  n->pending_space = FALSE;
  if (c < 0x80)
    g_string_append_c (n->out, (char) c);
  else if (c < 0x800)
    {
      /* Arabic and accented Latin: two bytes, without the general path. */
      g_string_append_c (n->out, (char) (0xC0 | (c >> 6)));
      g_string_append_c (n->out, (char) (0x80 | (c & 0x3F)));
    }
  else
    g_string_append_unichar (n->out, c);
}

static inline void
put_ascii (Normalizer *n,
           const char *s)
{
  for (; *s != '\0'; s++)
    put_unichar (n, (gunichar) *s);
}

/* The Arabic letters that are written in several ways for the same word, and
 * the Eastern digits; 0 when @c is not one of them. */
static gunichar
arabic_unify (gunichar c)
{
  switch (c)
    {
    case 0x0622: /* آ */
    case 0x0623: /* أ */
    case 0x0625: /* إ */
    case 0x0671: /* ٱ */
      return 0x0627;
    case 0x0649: /* ى */
    case 0x0626: /* ئ */
    case 0x06CC: /* Persian yeh, common in pasted text */
      return 0x064A;
    case 0x0629: /* ة */
      return 0x0647;
    case 0x0624: /* ؤ */
      return 0x0648;
    case 0x06A9: /* keheh */
      return 0x0643;
    default:
      break;
    }
  if (c >= 0x0660 && c <= 0x0669)
    return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9)
    return '0' + (c - 0x06F0);
  return 0;
}

/* The Arabic letters (not marks, digits nor punctuation) of the main block. */
static inline gboolean
is_arabic_letter (gunichar c)
{
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3);
}

static inline gboolean
is_arabic_diacritic (gunichar c)
{
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

/* One character that is already decomposed (or needs no decomposition). */
static void
put_folded (Normalizer *n,
            gunichar    c)
{
  gunichar unified;

  if (c < 0x80)
    {
      if (g_ascii_isspace ((char) c))
        n->pending_space = TRUE;
      else
        put_unichar (n, g_ascii_tolower ((char) c));
      return;
    }
  if (is_arabic_diacritic (c))
    return;
  if ((unified = arabic_unify (c)) != 0)
    {
      put_unichar (n, unified);
      return;
    }
  /* The other Arabic letters are kept as they are; most of a text is them. */
  if (is_arabic_letter (c))
    {
      put_unichar (n, c);
      return;
    }

  switch (c)
    {
    case 0x0152: case 0x0153: /* Œ œ */
      put_ascii (n, "oe");
      return;
    case 0x00C6: case 0x00E6: /* Æ æ */
      put_ascii (n, "ae");
      return;
    case 0x00DF: case 0x1E9E: /* ß ẞ */
      put_ascii (n, "ss");
      return;
    case 0x2018: case 0x2019: case 0x02BC: case 0x00B4: case 0x2032:
      put_unichar (n, '\'');
      return;
    default:
      break;
    }

  if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
    n->pending_space = TRUE;
  else if (g_unichar_ismark (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
    ; /* accents, and invisible joiners and direction marks */
  else
    put_unichar (n, g_unichar_tolower (c));
}

char *
ms_text_normalize (const char *text)
{
  Normalizer n;
  gsize length;

  if (text == NULL)
    return NULL;
  /* The loop below steps by the lead byte's length: a sequence cut short
   * by the end of the string would step past its NUL. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      return ms_text_normalize (valid);
    }

  length = strlen (text);
  n.out = g_string_sized_new (length + 1);
  n.pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p;
      gunichar pieces[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n_pieces;

      if (c < 0x80)
        {
          put_folded (&n, c);
          continue;
        }
      c = g_utf8_get_char (p);
      /* Arabic and Tifinagh letters decompose only into what put_folded
       * already handles; skipping the lookup keeps Arabic text fast. */
      if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x2D30 && c <= 0x2D7F))
        {
          put_folded (&n, c);
          continue;
        }
      /* Compatibility decomposition: é → e + ◌́, … → ..., ﬁ → fi, and the
       * Arabic presentation forms back to letters. */
      n_pieces = g_unichar_fully_decompose (c, TRUE, pieces, G_N_ELEMENTS (pieces));
      for (gsize i = 0; i < n_pieces; i++)
        put_folded (&n, pieces[i]);
    }

  return g_string_free (n.out, FALSE);
}

/* How a character that must not reach a terminal or a one-line message
 * raw is shown: the C0 controls (line breaks, ESC), DEL, the C1 controls,
 * the Unicode line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates, which can make a message read
 * differently from what it says. Marks such as RLM stay: Arabic needs them. */
static gboolean
is_hidden_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
         || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static void
append_escaped (GString  *out,
                gunichar  c)
{
  switch (c)
    {
    case '\n':
      g_string_append (out, "\\n");
      break;
    case '\r':
      g_string_append (out, "\\r");
      break;
    case '\t':
      g_string_append (out, "\\t");
      break;
    default:
      if (c < 0x80)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_printf (out, "\\u%04x", c);
      break;
    }
}

char *
ms_text_escape_controls (const char *text)
{
  const char *p, *end;
  GString *out;

  if (text == NULL)
    return NULL;

  end = text + strlen (text);
  out = g_string_sized_new (end - text);
  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte, so that the text still says what it held. */
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (is_hidden_control (c))
        append_escaped (out, c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* The script of letter @c; digits, marks and punctuation have none. The
 * ranges spare the Unicode table lookups for the usual letters. */
static MsScript
letter_script (gunichar c)
{
  if (is_arabic_letter (c))
    return MS_SCRIPT_ARABIC;
  if (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7)
    return MS_SCRIPT_LATIN;
  if (c >= 0x2D30 && c <= 0x2D67)
    return MS_SCRIPT_TIFINAGH;
  if (!g_unichar_isalpha (c))
    return MS_SCRIPT_NONE;
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_ARABIC:
      return MS_SCRIPT_ARABIC;
    case G_UNICODE_SCRIPT_LATIN:
      return MS_SCRIPT_LATIN;
    case G_UNICODE_SCRIPT_TIFINAGH:
      return MS_SCRIPT_TIFINAGH;
    case G_UNICODE_SCRIPT_COMMON:
    case G_UNICODE_SCRIPT_INHERITED:
    case G_UNICODE_SCRIPT_UNKNOWN:
      return MS_SCRIPT_NONE;
    default:
      return MS_SCRIPT_OTHER;
    }
}

MsScript
ms_text_script (const char *text)
{
  guint counts[MS_SCRIPT_OTHER + 1] = { 0 };
  MsScript best = MS_SCRIPT_NONE;
  guint best_count = 0;

  if (text == NULL)
    return MS_SCRIPT_NONE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      return ms_text_script (valid);
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;

      if (b < 0x80)
        counts[g_ascii_isalpha (b) ? MS_SCRIPT_LATIN : MS_SCRIPT_NONE]++;
      else
        counts[letter_script (g_utf8_get_char (p))]++;
    }

  /* Ties go to the first script in enum order; non-letters never win. */
  for (MsScript s = MS_SCRIPT_ARABIC; s <= MS_SCRIPT_OTHER; s++)
    if (counts[s] > best_count)
      {
        best = s;
        best_count = counts[s];
      }
  return best;
}

const char *
ms_script_to_string (MsScript script)
{
  static const char * const names[] = {
    [MS_SCRIPT_NONE] = "none",
    [MS_SCRIPT_ARABIC] = "arabic",
    [MS_SCRIPT_LATIN] = "latin",
    [MS_SCRIPT_TIFINAGH] = "tifinagh",
    [MS_SCRIPT_OTHER] = "other",
  };

  g_return_val_if_fail (script <= MS_SCRIPT_OTHER, NULL);
  return names[script];
}
