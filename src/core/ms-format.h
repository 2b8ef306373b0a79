/* ms-format.h — values of a sheet as people read them
 *
 * Shared by the GUI and the CLI so both say the same thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"

G_BEGIN_DECLS

/* "75.00 MAD"; amounts are integer centimes. */
char       *ms_format_amount      (gint64       centimes);
/* "Immediate", "1 day", "30 days", or "Not stated" when negative (absent). */
char       *ms_format_days        (gint64       days);
/* "Yes", "No" or "Not stated". */
const char *ms_format_bool        (MsBool       value);
/* The translated name of an enum value, or "Not stated" when unset. */
const char *ms_format_enum        (MsEnumType   type,
                                   int          value);
/* "décret n° 2-58-1151 du 1958-12-24" style one-line reference. */
char       *ms_format_legal_ref   (MsLegalRef  *ref,
                                   MsLang       lang);
const char *ms_format_not_stated  (void);

G_END_DECLS
