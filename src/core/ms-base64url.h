/* ms-base64url.h — RFC 4648 §5 base64url without padding, for public data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MS_BASE64URL_ALPHABET "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* The length of @n bytes in base64url without padding. */
#define MS_BASE64URL_LENGTH(n) ((n) / 3 * 4 + ((n) % 3 == 0 ? 0 : (n) % 3 + 1))

/* Writes the MS_BASE64URL_LENGTH (@length) characters of @data to @out
 * (no NUL). */
void      ms_base64url_encode_into  (const void    *data,
                                     gsize          length,
                                     char          *out);
/* The same, allocated and NUL-terminated. */
char     *ms_base64url_encode       (const void    *data,
                                     gsize          length);
/* The number of bytes @text_length characters decode to, or -1 when no
 * base64url text has that length. */
gssize    ms_base64url_decoded_length (gsize        text_length);
/* Strict: the URL-safe alphabet only, no padding, no white space, no
 * non-zero trailing bits. Decodes into @out (at most @out_max bytes). */
gboolean  ms_base64url_decode_into  (const char    *text,
                                     gsize          text_length,
                                     guchar        *out,
                                     gsize          out_max,
                                     gsize         *out_length);
/* The same, allocating; NULL when @text is not strict base64url. */
GBytes   *ms_base64url_decode       (const char    *text,
                                     gsize          text_length);

G_END_DECLS
