/* ms-draft.h — new sheets: a blank draft, a copy of a sheet, and their codes
 *
 * The store gives these sheets their catalog-wide facts (a free code, the
 * first revision) in one transaction: ms_store_create_draft() and
 * ms_store_duplicate(). The functions here are pure and shared by the window
 * and masatir-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"

G_BEGIN_DECLS

/* The first provisional code tried for a new draft; the store takes the
 * first free of ms_draft_code_candidate (NULL, 1), (NULL, 2)… */
#define MS_DRAFT_CODE_PREFIX "NEW-"

/* A new draft: a fresh random UUID, @code, @administration and @title,
 * each optional (NULL), nothing else. NULL with MS_CORE_ERROR_FORMAT when a
 * value breaks the sheet format (an administration that is not a code, a
 * title too long or with a control character), with its JSON path. */
MsProcedure *ms_procedure_new_draft    (const char         *code,
                                        const char         *administration,
                                        const MsLocalized  *title,
                                        GError            **error);

/* A copy of @source as a new sheet: a fresh random UUID, @code (may be
 * NULL), every title marked as a copy in its own language
 * (ms_draft_copy_marker), everything else equal, the ids of list items
 * included (they are local to a sheet). Bundle-only members (revision,
 * published) are not copied. */
MsProcedure *ms_procedure_new_copy     (MsProcedure        *source,
                                        const char         *code);

/* What marks a copied title, in the sheet's language @lang (not in the
 * language of the interface: a French title gets "(copie)" whoever copies
 * it). A fixed table: ar "(نسخة)", fr "(copie)", zgh "(ⴰⵙⵏⵖⵍ)", en "(copy)". */
const char  *ms_draft_copy_marker      (MsLang              lang);

/* @title with the marker of @lang appended, cut so that the result stays
 * within the format's text limit. */
char        *ms_draft_mark_title       (const char         *title,
                                        MsLang              lang);

/* Candidate @n (from 1) for a code: with @base NULL, a new draft's
 * provisional "NEW-0001", "NEW-0002"…; else a copy of @base: "BASE-COPY",
 * "BASE-COPY-2", "BASE-COPY-3"… (@base cut so that the code stays within
 * the format's limit). */
char        *ms_draft_code_candidate   (const char         *base,
                                        guint               n);

G_END_DECLS
