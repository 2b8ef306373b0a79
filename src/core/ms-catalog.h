/* ms-catalog.h — a list of sheets with their workflow state, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ms-procedure.h"
#include "ms-workflow.h"

G_BEGIN_DECLS

/* One row of the catalog: a sheet and what the catalog knows about it. */
#define MS_TYPE_CATALOG_ENTRY (ms_catalog_entry_get_type ())
G_DECLARE_FINAL_TYPE (MsCatalogEntry, ms_catalog_entry, MS, CATALOG_ENTRY, GObject)

MsCatalogEntry *ms_catalog_entry_new            (MsProcedure    *procedure,
                                                 MsState         state,
                                                 const char     *source);
MsProcedure    *ms_catalog_entry_get_procedure  (MsCatalogEntry *self);
MsState         ms_catalog_entry_get_state      (MsCatalogEntry *self);
const char     *ms_catalog_entry_get_source     (MsCatalogEntry *self);

/* A GListModel of MsCatalogEntry sorted by code. */
#define MS_TYPE_CATALOG (ms_catalog_get_type ())
G_DECLARE_FINAL_TYPE (MsCatalog, ms_catalog, MS, CATALOG, GObject)

MsCatalog      *ms_catalog_new                  (void);
/* Loads every *.json of @dir; files that do not load are listed in
 * @problems ("file: path: message") and skipped, the rest is loaded. Fails
 * only when the folder cannot be read. */
gboolean        ms_catalog_load_directory       (MsCatalog      *self,
                                                 const char     *dir,
                                                 GPtrArray     **problems,
                                                 GError        **error);
void            ms_catalog_add                  (MsCatalog      *self,
                                                 MsCatalogEntry *entry);
gboolean        ms_catalog_remove               (MsCatalog      *self,
                                                 const char     *id);
MsCatalogEntry *ms_catalog_find                 (MsCatalog      *self,
                                                 const char     *id);
guint           ms_catalog_find_position        (MsCatalog      *self,
                                                 const char     *id);

G_END_DECLS
