/* ms-migrations.h — the SQLite catalog's schema versions (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "MSTR": PRAGMA application_id of a Masatir catalog. */
#define MS_CATALOG_APPLICATION_ID 0x4d535452

/* The schema version this build writes (PRAGMA user_version). */
int      ms_migrations_latest (void);
/* Brings @db from @from_version to @to_version (the latest, but for tests
 * that build an older catalog), inside the caller's transaction. */
gboolean ms_migrations_apply  (sqlite3  *db,
                               int       from_version,
                               int       to_version,
                               GError  **error);

G_END_DECLS
