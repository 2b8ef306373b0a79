/* ms-compliance-window.h — the catalog's law 55-19 compliance, the figures
 * of masatir-cli report drawn as bars, each leading to its sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-compliance.h"

G_BEGIN_DECLS

#define MS_TYPE_COMPLIANCE_WINDOW (ms_compliance_window_get_type ())
G_DECLARE_FINAL_TYPE (MsComplianceWindow, ms_compliance_window, MS, COMPLIANCE_WINDOW, AdwWindow)

/* Checks the sheets of @catalog (a GListModel of MsCatalogEntry, as the
 * main window lists them) and computes the report in a thread, the page
 * showing a spinner meanwhile; again, a moment after the catalog changed.
 * Activating a bar (the action "compliance.show-sheets" with its target)
 * emits "show-sheets" with a label for what was chosen and the ids of the
 * sheets behind it. */
MsComplianceWindow *ms_compliance_window_new        (GListModel         *catalog);
/* The report shown, NULL while it is computed. */
MsCompliance       *ms_compliance_window_get_report (MsComplianceWindow *self);
/* The bar (a GtkListBoxRow) whose target is @target ("admin:CODE",
 * "rule:ID", "deadline:BUCKET", "errors", "unfounded_fees",
 * "held_documents", "review_overdue"), or NULL. */
GtkWidget          *ms_compliance_window_find_bar   (MsComplianceWindow *self,
                                                     const char         *target);

G_END_DECLS
