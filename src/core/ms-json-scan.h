/* ms-json-scan.h — the inner loops of the strict JSON readers, 16 bytes a step
 *
 * Internal to the core (ms-strict-json.c, ms-sheet-scan.c). A bundle is
 * megabytes of strings: checking that it is UTF-8 and finding where each
 * string ends are most of what reading it costs. On x86-64 both go 16
 * bytes at a time with SSE2 (part of every x86-64 CPU); elsewhere a byte
 * at a time, with the same results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

G_BEGIN_DECLS

/* The set bits of a 16-bit mask. */
static inline guint
ms_json_bits16 (guint x)
{
  x = x - ((x >> 1) & 0x5555);
  x = (x & 0x3333) + ((x >> 2) & 0x3333);
  x = (x + (x >> 4)) & 0x0f0f;
  return (x + (x >> 8)) & 0x1f;
}

/* Where @data stops being UTF-8 as g_utf8_validate_len () sees it (no
 * overlong forms, no surrogates, nothing past U+10FFFF, no NUL byte):
 * NULL when all @length bytes are, else the first byte of the first bad
 * sequence. */
static inline const char *
ms_json_utf8_invalid (const char *data,
                      gsize       length)
{
  const guchar *p = (const guchar *) data, *end = p + length;
#if defined(__SSE2__)
  /* The bytes that continue a character in the block before, which
   * ended with the lead of a two-byte sequence. */
  guint carry = 0;
#endif

  while (p < end)
    {
      const guchar *block_end;

#if defined(__SSE2__)
      /* Runs of ASCII (a bundle's base64url) 64 bytes a step; not after
       * a lead, whose next byte must continue it. */
      while (carry == 0 && end - p >= 64)
        {
          __m128i b0 = _mm_loadu_si128 ((const __m128i *) p);
          __m128i b1 = _mm_loadu_si128 ((const __m128i *) (p + 16));
          __m128i b2 = _mm_loadu_si128 ((const __m128i *) (p + 32));
          __m128i b3 = _mm_loadu_si128 ((const __m128i *) (p + 48));
          __m128i low = _mm_min_epu8 (_mm_min_epu8 (b0, b1), _mm_min_epu8 (b2, b3));

          if (_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (b0, b1), _mm_or_si128 (b2, b3)))
              | _mm_movemask_epi8 (_mm_cmpeq_epi8 (low, _mm_setzero_si128 ())))
            break;
          p += 64;
        }
      /* A block of ASCII and two-byte sequences (Latin, Arabic) at once:
       * each lead (0xc2–0xdf) is followed by one byte of 0x80–0xbf, and
       * there is no other byte from 0x80 up, nor a NUL. */
      if (end - p >= 16)
        {
          __m128i b = _mm_loadu_si128 ((const __m128i *) p);
          guint high = (guint) _mm_movemask_epi8 (b);
          guint nul = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (b, _mm_setzero_si128 ()));
          guint more = (guint) _mm_movemask_epi8 (_mm_cmplt_epi8 (b, _mm_set1_epi8 ((char) 0xc0)));
          guint lead = (guint) _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpgt_epi8 (b, _mm_set1_epi8 ((char) 0xc1)),
                                                                  _mm_cmplt_epi8 (b, _mm_set1_epi8 ((char) 0xe0))));

          if (nul == 0 && (high & ~(more | lead)) == 0 && more == (((lead << 1) | carry) & 0xffff))
            {
              carry = lead >> 15;
              p += 16;
              continue;
            }
          /* Anything else a sequence at a time, from the last lead. */
          p -= carry;
          carry = 0;
        }
      else if (carry)
        {
          p -= carry;
          carry = 0;
        }
#endif
      /* A block (or the tail) one sequence at a time. */
      block_end = MIN (p + 16, end);
      while (p < block_end)
        {
          guchar c = *p;

          if (c < 0x80)
            {
              if (c == 0)
                return (const char *) p;
              p++;
            }
          else if (c >= 0xc2 && c <= 0xdf)
            {
              if (end - p < 2 || (p[1] & 0xc0) != 0x80)
                return (const char *) p;
              p += 2;
            }
          else if (c >= 0xe0 && c <= 0xef)
            {
              if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80
                  || (c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f))
                return (const char *) p;
              p += 3;
            }
          else if (c >= 0xf0 && c <= 0xf4)
            {
              if (end - p < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80
                  || (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
                return (const char *) p;
              p += 4;
            }
          else
            return (const char *) p;
        }
    }
#if defined(__SSE2__)
  /* The text ends after the lead of a sequence. */
  if (carry)
    return (const char *) p - 1;
#endif
  return NULL;
}

/* From @p, the first byte that ends a run of plain characters in a JSON
 * string (the closing quote, a backslash, a control character) or @end;
 * adds the characters passed to *@n_chars (unless NULL). @p .. @end must
 * be UTF-8, so that the characters are the bytes that do not continue one. */
static inline const char *
ms_json_string_run (const char *p,
                    const char *end,
                    guint64    *n_chars)
{
  const guchar *q = (const guchar *) p, *e = (const guchar *) end;
  guint64 n = 0;

#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8 ('"');
  const __m128i backslash = _mm_set1_epi8 ('\\');
  const __m128i control = _mm_set1_epi8 (0x1f);
  const __m128i lead = _mm_set1_epi8 ((char) 0xc0);

  while (e - q >= 16)
    {
      __m128i b = _mm_loadu_si128 ((const __m128i *) q);
      guint stop = (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (b, quote),
                                                                        _mm_cmpeq_epi8 (b, backslash)),
                                                          _mm_cmpeq_epi8 (_mm_max_epu8 (b, control), control)));
      /* 0x80–0xbf, signed below 0xc0: the bytes that continue a character. */
      guint more = (guint) _mm_movemask_epi8 (_mm_cmplt_epi8 (b, lead));

      if (stop != 0)
        {
          guint k = (guint) __builtin_ctz (stop);

          if (n_chars != NULL)
            *n_chars += n + k - ms_json_bits16 (more & ((1u << k) - 1));
          return (const char *) q + k;
        }
      if (n_chars != NULL)
        n += 16 - ms_json_bits16 (more);
      q += 16;
    }
#endif
  for (; q < e; q++)
    {
      if (*q == '"' || *q == '\\' || *q < 0x20)
        break;
      n += (*q & 0xc0) != 0x80;
    }
  if (n_chars != NULL)
    *n_chars += n;
  return (const char *) q;
}

G_END_DECLS
