/* ms-strict-json.h — a strict JSON reader for the bytes that get signed
 *
 * json-glib accepts duplicate member names (the last one wins), turns lone
 * UTF-16 surrogates into U+FFFD and reads "1e400" as infinity: three ways
 * for two readers to see different documents in the same bytes. This
 * reader refuses all three, and anything else RFC 8259 does not allow,
 * and hands back an ordinary json-glib tree.
 *
 * Limits: nesting deeper than MS_STRICT_JSON_MAX_DEPTH, a byte-order mark
 * and "\u0000" (GLib strings end at NUL) are refused too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MS_STRICT_JSON_MAX_DEPTH 64

/* NULL with MS_CORE_ERROR_PARSE ("line L, column C: …") when @data is not
 * one strict JSON value. Integer literals that fit an int64 become int64
 * nodes, other numbers double nodes. */
JsonNode *ms_strict_json_parse (const char  *data,
                                gsize        length,
                                GError     **error);

/* The string member @name of @object; NULL when absent or not a string. */
const char *ms_json_string_member (JsonObject  *object,
                                   const char  *name);
/* TRUE when @object has exactly the members named in the NULL-terminated
 * @names (each once) and no other. */
gboolean    ms_json_exact_members (JsonObject         *object,
                                   const char * const *names);
/* TRUE with *out when @node is an integer (not a float, not a boolean). */
gboolean    ms_json_node_int      (JsonNode    *node,
                                   gint64      *out);

G_END_DECLS
