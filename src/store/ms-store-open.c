/* ms-store-open.c — a catalog by its name: a PostgreSQL server or a SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-pg-conninfo.h"
#include "ms-pg-store.h"
#include "ms-sqlite-store.h"
#include "ms-store.h"
#include "ms-store-error.h"

MsStore *
ms_store_open_uri (const char  *uri,
                   gboolean     create,
                   GError     **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A server's schema is made by its first opening (with the owner's rights). */
  if (ms_pg_store_is_conninfo (uri))
    {
      MsPgStore *store = ms_pg_store_open (uri, error);

      /* For ms_store_reopen (): in memory only (it may hold a password). */
      if (store != NULL)
        g_object_set_data_full (G_OBJECT (store), "ms-store-uri", g_strdup (uri), g_free);
      return MS_STORE (store);
    }
  return MS_STORE (ms_sqlite_store_open (uri, create ? MS_SQLITE_STORE_CREATE : MS_SQLITE_STORE_OPEN_EXISTING,
                                         error));
}

MsStore *
ms_store_reopen (MsStore  *store,
                 GError  **error)
{
  const char *uri;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (MS_IS_SQLITE_STORE (store))
    return MS_STORE (ms_sqlite_store_open (ms_sqlite_store_get_path (MS_SQLITE_STORE (store)),
                                           MS_SQLITE_STORE_OPEN_EXISTING, error));
  if ((uri = g_object_get_data (G_OBJECT (store), "ms-store-uri")) != NULL)
    return ms_store_open_uri (uri, FALSE, error);
  g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                       _("This catalog was not opened by its name and cannot be opened again"));
  return NULL;
}

const char *
ms_store_get_login (MsStore *store)
{
  g_return_val_if_fail (MS_IS_STORE (store), NULL);

  return MS_IS_PG_STORE (store) ? ms_pg_store_get_login (MS_PG_STORE (store)) : NULL;
}

char *
ms_store_describe (MsStore *store)
{
  const char *uri;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);

  if (MS_IS_SQLITE_STORE (store))
    return g_strdup (ms_sqlite_store_get_path (MS_SQLITE_STORE (store)));
  if ((uri = g_object_get_data (G_OBJECT (store), "ms-store-uri")) != NULL)
    return ms_pg_conninfo_describe (uri);
  return g_strdup (ms_store_get_login (store));
}
