/* ms-sha256.c — SHA-256 through Nettle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-sha256"

#include "config.h"

#include <nettle/sha2.h>
#include <string.h>

#include "ms-sha256.h"

G_STATIC_ASSERT (SHA256_DIGEST_SIZE == MS_SHA256_BYTES);

/* Nettle takes lengths as size_t and hashes any length in one call. */
static void
to_hex (const guchar digest[MS_SHA256_BYTES],
        char         hex[MS_SHA256_HEX_LEN + 1])
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < MS_SHA256_BYTES; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0x0f];
    }
  hex[MS_SHA256_HEX_LEN] = '\0';
}

void
ms_sha256 (const void *data,
           gsize       length,
           guchar      digest[MS_SHA256_BYTES])
{
  struct sha256_ctx ctx;

  g_return_if_fail (data != NULL || length == 0);

  sha256_init (&ctx);
  sha256_update (&ctx, length, data);
  sha256_digest (&ctx, MS_SHA256_BYTES, digest);
}

void
ms_sha256_hex_into (const void *data,
                    gsize       length,
                    char        hex[MS_SHA256_HEX_LEN + 1])
{
  guchar digest[MS_SHA256_BYTES];

  ms_sha256 (data, length, digest);
  to_hex (digest, hex);
}

char *
ms_sha256_hex (const void *data,
               gsize       length)
{
  char hex[MS_SHA256_HEX_LEN + 1];

  ms_sha256_hex_into (data, length, hex);
  return g_strdup (hex);
}

void
ms_sha256_hex_pair (const void *a,
                    gsize       a_length,
                    const void *b,
                    gsize       b_length,
                    char        a_hex[MS_SHA256_HEX_LEN + 1],
                    char        b_hex[MS_SHA256_HEX_LEN + 1])
{
  const guchar *x = a, *y = b;
  gsize common = 0, limit = MIN (a_length, b_length);
  struct sha256_ctx state, other;
  guchar digest[MS_SHA256_BYTES];

  /* SHA-256 takes its input in order: the state after the shared bytes is
   * the same for both, so it is computed once and copied (Nettle's state
   * is a plain struct). */
  while (common + 64 <= limit && memcmp (x + common, y + common, 64) == 0)
    common += 64;
  while (common < limit && x[common] == y[common])
    common++;
  sha256_init (&state);
  sha256_update (&state, common, x);
  other = state;
  sha256_update (&state, a_length - common, x + common);
  sha256_digest (&state, MS_SHA256_BYTES, digest);
  to_hex (digest, a_hex);
  sha256_update (&other, b_length - common, y + common);
  sha256_digest (&other, MS_SHA256_BYTES, digest);
  to_hex (digest, b_hex);
}
