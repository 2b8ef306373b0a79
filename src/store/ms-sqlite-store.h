/* ms-sqlite-store.h — the embedded SQLite backend of MsStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-store.h"

G_BEGIN_DECLS

typedef enum {
  MS_SQLITE_STORE_OPEN_EXISTING = 0,
  /* Create a new catalog; fails if @path already exists. */
  MS_SQLITE_STORE_CREATE        = 1 << 0,
  /* MS_SQLITE_STORE_MEMORY only: sheets are stored even when the law
   * 55-19 rules cannot be loaded, counted without errors (a folder of
   * sheets shown read-only, which lists them without rules as well). */
  MS_SQLITE_STORE_UNCHECKED     = 1 << 1,
} MsSqliteStoreFlags;

/* The path of a catalog held in memory, which goes with its store. */
#define MS_SQLITE_STORE_MEMORY ":memory:"

#define MS_TYPE_SQLITE_STORE (ms_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (MsSqliteStore, ms_sqlite_store, MS, SQLITE_STORE, GObject)

/* Opens (or creates) the catalog at @path and brings its schema up to date.
 * A catalog of a newer version, one locked by another program, a damaged
 * file or a database that is not a catalog is refused with MS_STORE_ERROR
 * TOO_NEW, LOCKED, CORRUPT or OPEN, and left as it was. */
MsSqliteStore *ms_sqlite_store_open         (const char         *path,
                                             MsSqliteStoreFlags  flags,
                                             GError            **error);
/* For init: the issuer id written in bundles. */
gboolean       ms_sqlite_store_set_issuer   (MsSqliteStore      *self,
                                             const char         *issuer,
                                             GError            **error);
const char    *ms_sqlite_store_get_path     (MsSqliteStore      *self);
/* $MASATIR_DB, else $XDG_DATA_HOME/masatir/catalog.db. */
char          *ms_sqlite_store_default_path (void);

G_END_DECLS
