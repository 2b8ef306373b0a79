/* ms-sheet-list.h — a store's sheets as a GListModel read in pages
 *
 * What the window lists (issue 15 item 1): at each query, the ids of the
 * sheets that match, in order, from one cheap store call
 * (ms_store_list_ids, or ms_store_search's ranked results); each row's
 * info (code, titles, state, error and warning counts — never the sheet,
 * which is read when opened) from the page of rows holding it
 * (ms_store_get_infos), kept in a bounded cache of pages. Filtering and
 * ordering are the store's. Backend-neutral: only the MsStore API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ms-store.h"

G_BEGIN_DECLS

/* Rows per page read, and pages kept. */
#define MS_SHEET_LIST_PAGE_SIZE 128
#define MS_SHEET_LIST_MAX_PAGES 48

/* One row: a sheet's info (MsSheetInfo), with its snippet when searching. */
#define MS_TYPE_SHEET_ROW (ms_sheet_row_get_type ())
G_DECLARE_FINAL_TYPE (MsSheetRow, ms_sheet_row, MS, SHEET_ROW, GObject)

const MsSheetInfo *ms_sheet_row_get_info  (MsSheetRow *self);
const char        *ms_sheet_row_get_id    (MsSheetRow *self);
MsState            ms_sheet_row_get_state (MsSheetRow *self);
/* FALSE for a row whose sheet could not be read (deleted meanwhile, or the
 * store busy): it has an id only, until the list is read again. */
gboolean           ms_sheet_row_is_loaded (MsSheetRow *self);

#define MS_TYPE_SHEET_LIST (ms_sheet_list_get_type ())
G_DECLARE_FINAL_TYPE (MsSheetList, ms_sheet_list, MS, SHEET_LIST, GObject)

/* Empty until the first ms_sheet_list_set_query(). */
MsSheetList *ms_sheet_list_new          (MsStore             *store);
MsStore     *ms_sheet_list_get_store    (MsSheetList         *self);
/* Lists the sheets @filter lets through (copied), by code; with @search
 * (not NULL), the store's best @limit matches for it, best first. The
 * rows that stay keep their place (one items-changed for what differs).
 * On failure the list is left as it was. */
gboolean     ms_sheet_list_set_query    (MsSheetList         *self,
                                         const MsStoreFilter *filter,
                                         const char          *search,
                                         guint                limit,
                                         GError             **error);
/* The same query again, after the catalog changed: @changed (NULL-
 * terminated, may be NULL) are the sheets whose rows are read again even
 * where they keep their place. */
gboolean     ms_sheet_list_reload       (MsSheetList         *self,
                                         const char * const  *changed,
                                         GError             **error);
/* The position of sheet @id, or G_MAXUINT when it is not listed. */
guint        ms_sheet_list_find         (MsSheetList         *self,
                                         const char          *id);
/* The id at @position (no page read), or NULL past the end. */
const char  *ms_sheet_list_get_id       (MsSheetList         *self,
                                         guint                position);
/* How many pages were read from the store so far (tests, benchmarks). */
guint        ms_sheet_list_get_n_reads  (MsSheetList         *self);
guint        ms_sheet_list_get_n_cached (MsSheetList         *self);
/* At most @max_pages pages kept (MS_SHEET_LIST_MAX_PAGES unless set), the
 * least recently read going first. */
void         ms_sheet_list_set_max_pages (MsSheetList        *self,
                                         guint               max_pages);

G_END_DECLS
