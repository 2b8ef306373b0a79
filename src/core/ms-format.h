/* ms-format.h — values of a sheet as people read them
 *
 * Shared by the GUI and the CLI so both say the same thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"

G_BEGIN_DECLS

/* Each returns NULL when the value is absent, so that the caller decides how
 * to say "not stated" (a dim label, a placeholder, a column). */

/* "1,234.50 MAD", in the translation's form ("1 234,50 DH", "1234,50
 * درهم"); amounts are integer centimes. */
char       *ms_format_amount      (gint64       centimes);
/* A date of the format (YYYY-MM-DD) as the language writes it: "20 December
 * 2021", "20 décembre 2021", "20 دجنبر 2021"; @iso itself when it is not a
 * valid date. The one form of a date people read, in the window and in
 * masatir-cli's text output. */
char       *ms_format_date        (const char  *iso);
/* @time (already in the zone to show) as "20 December 2021, 14:05". */
char       *ms_format_date_time   (GDateTime   *time);
/* An ISO 8601 time of the catalog (UTC) as a local date and time in words;
 * @iso itself when it does not parse, "" for NULL. */
char       *ms_format_timestamp   (const char  *iso);
/* "Immediate" (0), "1 day", "30 days". */
char       *ms_format_days        (gint64       days);
/* "Yes" or "No". */
const char *ms_format_bool        (MsBool       value);
/* The translated name of an enum value. */
const char *ms_format_enum        (MsEnumType   type,
                                   int          value);
/* "Decree no. 2-58-1151 of 1958-12-24 — title (bulletin)": one line. */
char       *ms_format_legal_ref   (MsLegalRef  *ref,
                                   MsLang       lang);
/* "Not stated", for absent values. */
const char *ms_format_not_stated  (void);

G_END_DECLS
