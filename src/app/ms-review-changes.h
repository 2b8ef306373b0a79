/* ms-review-changes.h — "What Changed": a sheet's changes since the
 * published version, in legal terms, above the review buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MS_TYPE_REVIEW_CHANGES (ms_review_changes_get_type ())
G_DECLARE_FINAL_TYPE (MsReviewChanges, ms_review_changes, MS, REVIEW_CHANGES, AdwBin)

GtkWidget  *ms_review_changes_new         (void);
void        ms_review_changes_set_changes (MsReviewChanges *self,
                                           const char      *description,
                                           GPtrArray       *lines);
const char *ms_review_changes_get_description (MsReviewChanges *self);
GPtrArray  *ms_review_changes_get_lines   (MsReviewChanges *self);

G_END_DECLS
