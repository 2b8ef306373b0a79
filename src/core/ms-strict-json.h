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

/* Limits of a format, applied while reading so that what is refused is
 * never built: a file of a few megabytes must not become a tree of
 * gigabytes (a value of two bytes, "0,", costs a JsonNode). 0 means no
 * limit. Exceeding one fails with MS_CORE_ERROR_FORMAT and a message
 * "PATH: what" (PATH as "documents[2].legal_basis", absent at the root),
 * the words of the sheet reader, since the file is JSON but not the
 * format. */
typedef struct {
  guint                max_items;       /* items of a list, members of an object */
  guint                max_root_items;  /* the same, for the root value */
  guint64              max_values;      /* values built (per root element with @each) */
  guint                max_chars;       /* characters of a string or member name */
  /* Members of a root object the format defines: the value of any other
   * is checked as JSON but not built, and stands as null in the tree. */
  const char * const  *root_members;
} MsJsonLimits;

/* Called with each element of a root list, which then is let go. */
typedef void (*MsJsonEachFunc) (JsonNode *element,
                                guint     index,
                                gpointer  user_data);

/* ms_strict_json_parse with @limits (or none) and, when @spans is not
 * NULL, as ms_strict_json_parse_spans. With @each, a root list is handed
 * over element by element and comes back empty. */
JsonNode *ms_strict_json_parse_full (const char          *data,
                                     gsize                length,
                                     const MsJsonLimits  *limits,
                                     GHashTable          *spans,
                                     MsJsonEachFunc       each,
                                     gpointer             user_data,
                                     GError             **error);

/* A string value left in the input: @length bytes at @text, valid UTF-8
 * without escapes (so its bytes are its characters) and not NUL-terminated. */
typedef struct {
  const char *text;
  gsize       length;
} MsJsonSpan;

#define MS_JSON_SPAN_MIN 4096

/* The same, for inputs of megabytes of long strings (a bundle's entries):
 * each string value of MS_JSON_SPAN_MIN bytes or more without escapes is
 * not copied; its node holds "" and @spans (from ms_json_spans_new) maps
 * the node to its MsJsonSpan in @data, which must outlive the tree. */
JsonNode *ms_strict_json_parse_spans (const char  *data,
                                      gsize        length,
                                      GHashTable  *spans,
                                      GError     **error);
/* For ms_strict_json_parse_spans. */
GHashTable *ms_json_spans_new    (void);
/* The characters of the string @node: its span's (not NUL-terminated) or
 * its own; NULL when @node holds no string. */
const char *ms_json_span_string  (GHashTable  *spans,
                                  JsonNode    *node,
                                  gsize       *length);

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
