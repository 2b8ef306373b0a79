/* ms-json-reader.h — reading JSON with the path of every problem
 *
 * Internal to the core: the sheet loader (and later the bundle and portal
 * readers) walk a JsonNode tree through these helpers, which never fail hard:
 * each problem is recorded as "path: message" and reading goes on, so one
 * pass reports every problem of a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ms-localized.h"
#include "ms-strict-json.h"

G_BEGIN_DECLS

/* Problems past this many are counted, not kept. */
#define MS_JSON_MAX_PROBLEMS 200

typedef struct {
  GString   *path;
  GArray    *marks;      /* path lengths to return to on pop */
  GPtrArray *problems;   /* char* "path: message" */
  guint      n_dropped;
} MsJsonReader;

void         ms_json_reader_init           (MsJsonReader *r,
                                            const char   *base_path);
void         ms_json_reader_clear          (MsJsonReader *r);
void         ms_json_reader_push_member    (MsJsonReader *r,
                                            const char   *member);
void         ms_json_reader_push_index     (MsJsonReader *r,
                                            guint         index);
void         ms_json_reader_pop            (MsJsonReader *r);
void         ms_json_reader_problem        (MsJsonReader *r,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (2, 3);
gboolean     ms_json_reader_ok             (MsJsonReader *r);
GPtrArray   *ms_json_reader_steal_problems (MsJsonReader *r);
/* Sets @error from the first problem, mentioning how many more there are. */
void         ms_json_reader_set_error      (MsJsonReader *r,
                                            GError      **error);

JsonObject  *ms_json_reader_object         (MsJsonReader       *r,
                                            JsonNode           *node,
                                            const char * const *allowed);
char        *ms_json_reader_string         (MsJsonReader *r,
                                            JsonNode     *node,
                                            guint         min_chars,
                                            guint         max_chars);
gboolean     ms_json_reader_int            (MsJsonReader *r,
                                            JsonNode     *node,
                                            gint64        min,
                                            gint64        max,
                                            gint64       *out);
gboolean     ms_json_reader_bool           (MsJsonReader *r,
                                            JsonNode     *node,
                                            gboolean     *out);
JsonArray   *ms_json_reader_array          (MsJsonReader *r,
                                            JsonNode     *node,
                                            guint         max_items);
MsLocalized *ms_json_reader_localized      (MsJsonReader *r,
                                            JsonNode     *node);

/* Parses @data as one strict JSON value (ms-strict-json.h: UTF-8, no
 * duplicate member names, no lone surrogates, no "\u0000", depth ≤ 64);
 * errors give the line and column. */
JsonNode    *ms_json_parse                 (const char   *data,
                                            gssize        length,
                                            GError      **error);
/* Reads and parses the file at @path: MS_CORE_ERROR_IO when it cannot be
 * read, else as ms_json_parse(). */
JsonNode    *ms_json_parse_file            (const char   *path,
                                            GError      **error);
/* The same with the limits of a format (ms-strict-json.h), which refuse
 * with MS_CORE_ERROR_FORMAT; with @each, a root list is handed over
 * element by element. */
JsonNode    *ms_json_parse_full            (const char          *data,
                                            gssize               length,
                                            const MsJsonLimits  *limits,
                                            MsJsonEachFunc       each,
                                            gpointer             user_data,
                                            GError             **error);
JsonNode    *ms_json_parse_file_full       (const char          *path,
                                            const MsJsonLimits  *limits,
                                            MsJsonEachFunc       each,
                                            gpointer             user_data,
                                            GError             **error);
/* The name of a JSON node's type, for messages. */
const char  *ms_json_type_name             (JsonNode     *node);

G_END_DECLS
