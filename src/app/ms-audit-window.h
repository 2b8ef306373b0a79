/* ms-audit-window.h — the audit log, read-only, and its verification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-store.h"

G_BEGIN_DECLS

#define MS_TYPE_AUDIT_WINDOW (ms_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (MsAuditWindow, ms_audit_window, MS, AUDIT_WINDOW, AdwWindow)

MsAuditWindow *ms_audit_window_new        (MsStore        *store);
/* How many entries the view lists. */
guint          ms_audit_window_get_n_rows (MsAuditWindow  *self);
/* The text of column @column ("seq", "time", "actor", "action", "sheet",
 * "change", "comment") in row @row, as shown. */
const char    *ms_audit_window_get_cell   (MsAuditWindow  *self,
                                           guint           row,
                                           const char     *column);
/* What the last "Verify" (the action audit.verify) said, NULL before one;
 * @ok tells success from failure. */
const char    *ms_audit_window_get_result (MsAuditWindow  *self,
                                           gboolean       *ok);

G_END_DECLS
