/* ms-sha256.h — SHA-256, at the speed of the CPU's SHA extensions
 *
 * Every SHA-256 of Masatir (bundle entries and manifests, revisions, the
 * audit chain, key thumbprints) goes through here. The hashing is Nettle's:
 * Debian builds it "fat", choosing at run time the SHA-NI or AVX2 code the
 * processor has (libsodium 1.0.18's SHA-256 is portable C, about 3× slower).
 * Signatures stay with libsodium.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MS_SHA256_BYTES   32
#define MS_SHA256_HEX_LEN 64

/* The SHA-256 of @length bytes of @data, into @digest. */
void  ms_sha256                    (const void  *data,
                                    gsize        length,
                                    guchar       digest[MS_SHA256_BYTES]);
/* Lowercase hexadecimal SHA-256 of @length bytes of @data, into @hex. */
void  ms_sha256_hex_into           (const void  *data,
                                    gsize        length,
                                    char         hex[MS_SHA256_HEX_LEN + 1]);
/* The same, allocated. */
char *ms_sha256_hex                (const void  *data,
                                    gsize        length);
/* The lowercase hexadecimal SHA-256 of @a and of @b, the bytes they share
 * from the start hashed once (a sheet's JSON and its bundle entry). */
void  ms_sha256_hex_pair           (const void  *a,
                                    gsize        a_length,
                                    const void  *b,
                                    gsize        b_length,
                                    char         a_hex[MS_SHA256_HEX_LEN + 1],
                                    char         b_hex[MS_SHA256_HEX_LEN + 1]);

G_END_DECLS
