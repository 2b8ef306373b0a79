/* ms-canonical-json.h — RFC 8785 JSON Canonicalization Scheme (JCS)
 *
 * The bytes that get hashed and signed: members sorted by their UTF-16 code
 * units, numbers in the ECMAScript form, strings escaped as RFC 8785
 * §3.2.2.2 says, no white space.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MS_SHA256_HEX_LEN 64

/* The canonical form of @node; NULL with MS_CORE_ERROR_FORMAT for a number
 * that is not finite. */
char *ms_canonical_json            (JsonNode    *node,
                                    gsize       *length,
                                    GError     **error);
/* Appends the canonical form of @node to @out; on error @out is left as it
 * was. */
gboolean ms_canonical_json_append  (GString     *out,
                                    JsonNode    *node,
                                    GError     **error);
/* Appends @text as an RFC 8785 string (quoted and escaped), for writers
 * of a fixed shape of object that do not build a JsonNode first. */
void ms_canonical_json_append_string (GString    *out,
                                      const char *text);
/* Parses @data strictly (ms-strict-json.h: no duplicate names, no lone
 * surrogates, no number out of the double range) and canonicalises it. */
char *ms_canonical_json_from_data  (const char  *data,
                                    gssize       length,
                                    gsize       *out_length,
                                    GError     **error);
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
/* Lowercase hexadecimal SHA-256 of the canonical form of @node. */
char *ms_canonical_json_sha256     (JsonNode    *node,
                                    GError     **error);

G_END_DECLS
