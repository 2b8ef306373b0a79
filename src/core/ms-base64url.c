/* ms-base64url.c — RFC 4648 §5 base64url without padding, for public data
 *
 * Bundles carry every entry in base64url, so encoding and decoding run
 * over the whole catalog on each export and each verification; a plain
 * table codec is several times faster than libsodium's, which is written
 * to run in constant time for secrets. Secrets (a JWK's "d") still go
 * through libsodium (ms-keys.c); what goes through here is public.
 *
 * Strictness is checked against libsodium's decoder in test-keys.c, with
 * one difference: libsodium 1.0.18 reads every byte from 0x80 up as "_",
 * which this decoder refuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-base64url"

#include "config.h"

#include "ms-base64url.h"

static const char alphabet[] = MS_BASE64URL_ALPHABET;

/* Each character's six bits, or 0x40 and up for a character outside the
 * alphabet; the values of a run are OR-ed, so one test after the run finds
 * any bad character. */
#define BAD 0x80
static const guint8 values[256] = {
#define R16 BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD
  R16, R16,
  /* 0x20 */ BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, 62, BAD, BAD,
  /* 0x30 */ 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, BAD, BAD, BAD, BAD, BAD, BAD,
  /* 0x40 */ BAD, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
  /* 0x50 */ 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, BAD, BAD, BAD, BAD, 63,
  /* 0x60 */ BAD, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  /* 0x70 */ 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, BAD, BAD, BAD, BAD, BAD,
  R16, R16, R16, R16, R16, R16, R16, R16,
#undef R16
};

/* With SSSE3 (nearly every x86-64 CPU since 2006, checked at run time),
 * 12 bytes become 16 characters and back in a few instructions; the rest
 * (and other CPUs) go through the tables. The decoder refuses exactly
 * what the tables refuse: any block with a character outside the
 * alphabet is left to them. */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define HAVE_SSSE3_CODEC 1

static gboolean
have_ssse3 (void)
{
  static int have = -1;

  if (G_UNLIKELY (have < 0))
    have = __builtin_cpu_supports ("ssse3") ? 1 : 0;
  return have;
}

/* Encodes 12 bytes a step while 16 can be read; returns the bytes done. */
__attribute__ ((target ("ssse3")))
static gsize
encode_ssse3 (const guint8 *in,
              gsize         length,
              char         *out)
{
  const __m128i spread = _mm_setr_epi8 (1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  /* The offset from a six-bit value to its character, by range. */
  const __m128i offsets = _mm_setr_epi8 (71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 65, 0, 0);
  gsize i = 0;

  for (; i + 16 <= length; i += 12, out += 16)
    {
      __m128i v = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (in + i)), spread);
      __m128i hi = _mm_mulhi_epu16 (_mm_and_si128 (v, _mm_set1_epi32 (0x0fc0fc00)), _mm_set1_epi32 (0x04000040));
      __m128i lo = _mm_mullo_epi16 (_mm_and_si128 (v, _mm_set1_epi32 (0x003f03f0)), _mm_set1_epi32 (0x01000010));
      __m128i six = _mm_or_si128 (hi, lo);
      /* 0 for 26–51, 1–12 for 52–63, 13 below 26. */
      __m128i range = _mm_or_si128 (_mm_subs_epu8 (six, _mm_set1_epi8 (51)),
                                    _mm_and_si128 (_mm_cmpgt_epi8 (_mm_set1_epi8 (26), six), _mm_set1_epi8 (13)));

      _mm_storeu_si128 ((__m128i *) out, _mm_add_epi8 (six, _mm_shuffle_epi8 (offsets, range)));
    }
  return i;
}

/* Decodes 16 characters a step while 24 are left (so that writing 16
 * bytes stays inside the output); returns the characters done. */
__attribute__ ((target ("ssse3")))
static gsize
decode_ssse3 (const guint8 *in,
              gsize         length,
              guint8       *out)
{
  const __m128i gather = _mm_setr_epi8 (2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  gsize i = 0;

  for (; i + 24 <= length; i += 16, out += 12)
    {
      __m128i c = _mm_loadu_si128 ((const __m128i *) (in + i));
      /* Signed comparisons: bytes from 0x80 up are in no range. */
      __m128i upper = _mm_and_si128 (_mm_cmpgt_epi8 (c, _mm_set1_epi8 ('A' - 1)),
                                     _mm_cmplt_epi8 (c, _mm_set1_epi8 ('Z' + 1)));
      __m128i lower = _mm_and_si128 (_mm_cmpgt_epi8 (c, _mm_set1_epi8 ('a' - 1)),
                                     _mm_cmplt_epi8 (c, _mm_set1_epi8 ('z' + 1)));
      __m128i digit = _mm_and_si128 (_mm_cmpgt_epi8 (c, _mm_set1_epi8 ('0' - 1)),
                                     _mm_cmplt_epi8 (c, _mm_set1_epi8 ('9' + 1)));
      __m128i dash = _mm_cmpeq_epi8 (c, _mm_set1_epi8 ('-'));
      __m128i underscore = _mm_cmpeq_epi8 (c, _mm_set1_epi8 ('_'));
      __m128i offset, six, pairs, triples;

      if (_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (upper, lower),
                                           _mm_or_si128 (digit, _mm_or_si128 (dash, underscore)))) != 0xffff)
        break;
      offset = _mm_or_si128 (_mm_or_si128 (_mm_and_si128 (upper, _mm_set1_epi8 (-'A')),
                                           _mm_and_si128 (lower, _mm_set1_epi8 (26 - 'a'))),
                             _mm_or_si128 (_mm_and_si128 (digit, _mm_set1_epi8 (52 - '0')),
                                           _mm_or_si128 (_mm_and_si128 (dash, _mm_set1_epi8 (62 - '-')),
                                                         _mm_and_si128 (underscore, _mm_set1_epi8 (63 - '_')))));
      six = _mm_add_epi8 (c, offset);
      /* a·64 + b, then (a·64 + b)·4096 + c·64 + d: 24 bits a lane. */
      pairs = _mm_maddubs_epi16 (six, _mm_set1_epi32 (0x01400140));
      triples = _mm_madd_epi16 (pairs, _mm_set1_epi32 (0x00011000));
      _mm_storeu_si128 ((__m128i *) out, _mm_shuffle_epi8 (triples, gather));
    }
  return i;
}
#endif

void
ms_base64url_encode_into (const void *data,
                          gsize       length,
                          char       *out)
{
  const guint8 *in = data;
  gsize i = 0;

#ifdef HAVE_SSSE3_CODEC
  if (have_ssse3 ())
    {
      i = encode_ssse3 (in, length, out);
      out += i / 3 * 4;
    }
#endif

  for (; i + 3 <= length; i += 3)
    {
      guint32 v = (guint32) in[i] << 16 | (guint32) in[i + 1] << 8 | in[i + 2];

      out[0] = alphabet[v >> 18];
      out[1] = alphabet[(v >> 12) & 63];
      out[2] = alphabet[(v >> 6) & 63];
      out[3] = alphabet[v & 63];
      out += 4;
    }
  if (length - i == 1)
    {
      out[0] = alphabet[in[i] >> 2];
      out[1] = alphabet[(in[i] & 3) << 4];
    }
  else if (length - i == 2)
    {
      guint32 v = (guint32) in[i] << 8 | in[i + 1];

      out[0] = alphabet[v >> 10];
      out[1] = alphabet[(v >> 4) & 63];
      out[2] = alphabet[(v & 15) << 2];
    }
}

char *
ms_base64url_encode (const void *data,
                     gsize       length)
{
  gsize size = MS_BASE64URL_LENGTH (length);
  char *text = g_malloc (size + 1);

  ms_base64url_encode_into (data, length, text);
  text[size] = '\0';
  return text;
}

gssize
ms_base64url_decoded_length (gsize text_length)
{
  if (text_length % 4 == 1 || text_length / 4 > G_MAXSSIZE / 3 - 1)
    return -1;
  return (gssize) (text_length / 4 * 3 + (text_length % 4 == 0 ? 0 : text_length % 4 - 1));
}

gboolean
ms_base64url_decode_into (const char *text,
                          gsize       text_length,
                          guchar     *out,
                          gsize       out_max,
                          gsize      *out_length)
{
  const guint8 *in = (const guint8 *) text;
  gssize size = ms_base64url_decoded_length (text_length);
  gsize i = 0, tail;
  guint8 bad = 0;
  guint32 v;

  if (size < 0 || (gsize) size > out_max)
    return FALSE;
#ifdef HAVE_SSSE3_CODEC
  if (have_ssse3 ())
    {
      i = decode_ssse3 (in, text_length, out);
      out += i / 4 * 3;
    }
#endif
  for (; i + 4 <= text_length; i += 4)
    {
      guint8 a = values[in[i]], b = values[in[i + 1]], c = values[in[i + 2]], d = values[in[i + 3]];

      bad |= a | b | c | d;
      v = (guint32) a << 18 | (guint32) b << 12 | (guint32) c << 6 | d;
      out[0] = (guint8) (v >> 16);
      out[1] = (guint8) (v >> 8);
      out[2] = (guint8) v;
      out += 3;
    }
  /* The last two or three characters: the bits past the last byte must be
   * zero, or two texts would decode to the same bytes. */
  tail = text_length - i;
  if (tail == 2)
    {
      guint8 a = values[in[i]], b = values[in[i + 1]];

      bad |= a | b;
      out[0] = (guint8) (a << 2 | b >> 4);
    }
  else if (tail == 3)
    {
      guint8 a = values[in[i]], b = values[in[i + 1]], c = values[in[i + 2]];

      bad |= a | b | c;
      v = (guint32) a << 10 | (guint32) b << 4 | c >> 2;
      out[0] = (guint8) (v >> 8);
      out[1] = (guint8) v;
    }
  if (bad & 0xc0 || (tail == 2 && (values[in[i + 1]] & 0x0f) != 0)
      || (tail == 3 && (values[in[i + 2]] & 0x03) != 0))
    return FALSE;
  *out_length = (gsize) size;
  return TRUE;
}

GBytes *
ms_base64url_decode (const char *text,
                     gsize       text_length)
{
  gssize max = ms_base64url_decoded_length (text_length);
  g_autofree guchar *out = NULL;
  gsize length;

  if (max < 0)
    return NULL;
  out = g_malloc (MAX (max, 1));
  if (!ms_base64url_decode_into (text, text_length, out, (gsize) max, &length))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&out), length);
}
