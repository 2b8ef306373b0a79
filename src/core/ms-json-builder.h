/* ms-json-builder.h — what every JSON output of Masatir writes the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Member @name with the string @value, or null when @value is NULL: the
 * JSON outputs say "no value" with null, never with a missing member. */
void ms_json_builder_add_string_member (JsonBuilder *builder,
                                        const char  *name,
                                        const char  *value);

G_END_DECLS
