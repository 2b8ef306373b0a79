/* ms-input.h — what a person types in the sheet editor, read as values
 *
 * The inverse of ms-format.h for the fields people type numbers and dates
 * into. Parsers accept what Moroccan users actually type (Arabic-Indic
 * digits, a comma or a point, spaces between thousands) and refuse the rest
 * with an MS_CORE_ERROR_INPUT message that says what to type instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest fee of the format (data/schema/procedure.schema.json). */
#define MS_MAX_AMOUNT_CENTIMES G_GINT64_CONSTANT (100000000000)

/* Dirhams as typed ("12", "12,5", "12.50", "1 200,50", "١٢٫٥٠") to
 * centimes; refuses empty text, letters, more than two decimals, negative
 * amounts and amounts beyond MS_MAX_AMOUNT_CENTIMES. */
gboolean  ms_parse_amount        (const char  *text,
                                  gint64      *centimes,
                                  GError     **error);
/* "12,50": a decimal comma, as ms_format_amount() shows amounts, always
 * two decimals; ms_parse_amount() reads it back. */
char     *ms_format_amount_input (gint64       centimes);
/* A whole number from 0 to @maximum (days, copies). */
gboolean  ms_parse_count         (const char  *text,
                                  gint64       maximum,
                                  gint64      *value,
                                  GError     **error);
/* A day that exists, written YYYY-MM-DD; @iso receives it canonical. */
gboolean  ms_parse_date          (const char  *text,
                                  char       **iso,
                                  GError     **error);
/* Whether @s is exactly YYYY-MM-DD and that day exists: the one definition
 * of a date of the format, shared with the JSON reader. */
gboolean  ms_date_is_valid       (const char  *s);

G_END_DECLS
