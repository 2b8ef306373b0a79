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

void
ms_base64url_encode_into (const void *data,
                          gsize       length,
                          char       *out)
{
  const guint8 *in = data;
  gsize i = 0;

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
