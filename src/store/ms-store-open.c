/* ms-store-open.c — a catalog by its name: a PostgreSQL server or a SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include "ms-pg-store.h"
#include "ms-sqlite-store.h"
#include "ms-store.h"

MsStore *
ms_store_open_uri (const char  *uri,
                   gboolean     create,
                   GError     **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A server's schema is made by its first opening (with the owner's rights). */
  if (ms_pg_store_is_conninfo (uri))
    return MS_STORE (ms_pg_store_open (uri, error));
  return MS_STORE (ms_sqlite_store_open (uri, create ? MS_SQLITE_STORE_CREATE : MS_SQLITE_STORE_OPEN_EXISTING,
                                         error));
}
