/* ms-history-view.h — the history of one sheet: revisions and transitions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-store.h"

G_BEGIN_DECLS

#define MS_TYPE_HISTORY_VIEW (ms_history_view_get_type ())
G_DECLARE_FINAL_TYPE (MsHistoryView, ms_history_view, MS, HISTORY_VIEW, AdwBin)

GtkWidget  *ms_history_view_new          (void);
gboolean    ms_history_view_load         (MsHistoryView  *self,
                                          MsStore        *store,
                                          const char     *id,
                                          GPtrArray      *users,
                                          GError        **error);
void        ms_history_view_clear        (MsHistoryView  *self);
guint       ms_history_view_get_n_events (MsHistoryView  *self);
GtkWidget  *ms_history_view_get_event_row (MsHistoryView *self,
                                          guint           index);
gboolean    ms_history_view_compare      (MsHistoryView  *self,
                                          gint64          from,
                                          gint64          to);
GPtrArray  *ms_history_view_get_diff_lines (MsHistoryView *self);

/* Shared with the window's What Changed group. */

G_END_DECLS
