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

#include "ms-sha256.h"

G_BEGIN_DECLS

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
/* Lowercase hexadecimal SHA-256 of the canonical form of @node. */
char *ms_canonical_json_sha256     (JsonNode    *node,
                                    GError     **error);

G_END_DECLS
