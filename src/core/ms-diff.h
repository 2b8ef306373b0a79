/* ms-diff.h — what changed between two revisions of a sheet, in legal terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"

G_BEGIN_DECLS

/* Translated lines ("Fee “Droit de timbre”: 50.00 MAD → 75.00 MAD",
 * "Document removed: …", "Answer deadline: 30 days → 15 days"), texts quoted
 * in @lang when they have it; empty when the sheets are equal. */
GPtrArray *ms_procedure_diff (MsProcedure *before,
                              MsProcedure *after,
                              MsLang       lang);

/* The JSON paths where @after differs from @before, for marking the rows
 * that show them: a top-level member ("deadline_days"), a member of an
 * object ("appeal.text"), or an item of a list ("fees[0]", its index in
 * @after; items with an "id" are matched by it). A list that lost items is
 * named as a whole ("documents"). Empty when the sheets are equal. */
GStrv      ms_procedure_changed_paths (MsProcedure *before,
                                       MsProcedure *after);

G_END_DECLS
