/* ms-pg-store-schema.c — which schema the catalog is in: "masatir", or one
 * per ministry in a database shared by several (issue 16 item 9)
 *
 * The schema's SQL (src/store/pg) and the store's statements are written
 * for schema "masatir" and its group roles masatir_*; for another schema
 * they are said again with its name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-pg-store-private.h"
#include "ms-store-error.h"

const char *
ms_pg_sql (MsPgStore   *self,
           const char  *sql,
           char       **copy)
{
  *copy = NULL;
  if (self->schema_regex == NULL)
    return sql;
  /* The schema's name and its roles', never a value (all bound) nor the
   * words "masatir-cli" of messages. */
  *copy = g_regex_replace_literal (self->schema_regex, sql, -1, 0, self->schema, 0, NULL);
  return *copy != NULL ? *copy : sql;
}

/* The schema the connection's masatir.schema setting names, else
 * $MASATIR_PG_SCHEMA's, else "masatir" (ms_pg_store_get_schema). */
gboolean
ms_pg_choose_schema (MsPgStore  *self,
                     GError    **error)
{
  PGresult *result = ms_pg_run (self, error, "SELECT current_setting ('masatir.schema', true)", 0, NULL);
  g_autofree char *chosen = NULL;

  if (result == NULL)
    return FALSE;
  chosen = ms_pg_dup (result, 0, 0);
  PQclear (result);
  if (chosen == NULL || *chosen == '\0')
    {
      g_free (chosen);
      chosen = g_strdup (g_getenv ("MASATIR_PG_SCHEMA"));
    }
  if (chosen == NULL || *chosen == '\0')
    {
      g_free (chosen);
      chosen = g_strdup ("masatir");
    }
  if (!g_regex_match_simple ("^[a-z][a-z0-9_]{0,39}$", chosen, G_REGEX_DOLLAR_ENDONLY, 0))
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                    _("“%s” is not a catalog schema's name: lower-case letters, digits and “_”, "
                      "a letter first, at most 40"), chosen);
  self->schema = g_steal_pointer (&chosen);
  if (strcmp (self->schema, "masatir") != 0)
    /* "masatir" as a name: the schema, its roles, its channel — not in
     * "masatir-cli", nor a longer word. */
    self->schema_regex = g_regex_new ("\\bmasatir(?=\\.|_(editor|reviewer|publisher|admin)\\b|[^A-Za-z0-9_-]|$)",
                                      G_REGEX_OPTIMIZE, 0, NULL);
  return TRUE;
}

const char *
ms_pg_store_get_schema (MsPgStore *self)
{
  g_return_val_if_fail (MS_IS_PG_STORE (self), NULL);
  return self->schema;
}

