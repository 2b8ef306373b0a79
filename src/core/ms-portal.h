/* ms-portal.h — sheets from the records of the national portal's public API
 *
 * The portal serves one record per procedure and locale (law-55-19.md, last
 * section); the records of one procedure become one bilingual sheet. What
 * has no place in a sheet, or cannot be read (a delay that depends on the
 * channel, a price in words), is reported, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"

G_BEGIN_DECLS

/* @data holds one record or a JSON array of records. Returns the sheets
 * (MsProcedure*, in the order their procedures first appear) and appends to
 * @report one translated line per value that could not be mapped. Fails
 * with MS_CORE_ERROR_PARSE/FORMAT, returning nothing, when @data is not
 * JSON or holds something that is not a portal record. */
GPtrArray *ms_portal_map_data    (const char  *data,
                                  gssize       length,
                                  GPtrArray   *report,
                                  GError     **error);
GPtrArray *ms_portal_map_file    (const char  *path,
                                  GPtrArray   *report,
                                  GError     **error);

/* "60 يوما" → 60, "يومان (2)" → 2, "على الفور"/"فورا"/"immédiat" → 0;
 * -1 when the text states no single delay (empty, two delays, it depends). */
gint64     ms_portal_parse_delay (const char  *text);
/* A price as the portal writes it (number, "100", "100,50 درهم", "بالمجان",
 * "gratuit") in centimes: 0 for free; FALSE when it is not an amount. */
gboolean   ms_portal_parse_price (JsonNode    *node,
                                  gint64      *centimes);

G_END_DECLS
