/* ms-pg-conninfo.c — a PostgreSQL catalog's connection string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "ms-pg-conninfo.h"
#include "ms-store-error.h"

gboolean
ms_pg_conninfo_needs_password (const char *conninfo)
{
  PGconn *conn;
  gboolean needs;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  conn = PQconnectdb (conninfo);
  needs = PQstatus (conn) != CONNECTION_OK && PQconnectionNeedsPassword (conn);
  PQfinish (conn);
  return needs;
}

/* key='value' with \ and ' escaped, as libpq reads it. */
static void
append_pair (GString    *out,
             const char *key,
             const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", key);
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\\' || *c == '\'')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

char *
ms_pg_conninfo_with_password (const char  *conninfo,
                              const char  *password,
                              GError     **error)
{
  PQconninfoOption *options;
  char *message = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (conninfo != NULL, NULL);
  if (!(options = PQconninfoParse (conninfo, &message)))
    {
      g_autofree char *text = g_strchomp (g_strdup (message != NULL ? message : ""));

      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID,
                   _("Not a PostgreSQL connection string: %s"), text);
      PQfreemem (message);
      return NULL;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL && (password == NULL || strcmp (o->keyword, "password") != 0))
      append_pair (out, o->keyword, o->val);
  if (password != NULL)
    append_pair (out, "password", password);
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The value of @keyword in @options, or libpq's default for it. */
static const char *
option_value (PQconninfoOption *options,
              PQconninfoOption *defaults,
              const char       *keyword)
{
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (strcmp (o->keyword, keyword) == 0 && o->val != NULL && *o->val != '\0')
      return o->val;
  for (PQconninfoOption *o = defaults; o != NULL && o->keyword != NULL; o++)
    if (strcmp (o->keyword, keyword) == 0 && o->val != NULL && *o->val != '\0')
      return o->val;
  return NULL;
}

char *
ms_pg_conninfo_describe (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  PQconninfoOption *defaults = PQconndefaults ();
  const char *user = option_value (options, defaults, "user");
  const char *host = option_value (options, defaults, "host");
  const char *port = option_value (options, defaults, "port");
  const char *dbname = option_value (options, defaults, "dbname");
  char *text;

  /* A socket folder says little: "local" is what a person reads. */
  if (host == NULL || *host == '/')
    host = "localhost";
  text = g_strdup_printf ("%s@%s%s%s/%s", user != NULL ? user : "?", host, port != NULL ? ":" : "",
                          port != NULL ? port : "", dbname != NULL ? dbname : (user != NULL ? user : "?"));
  if (options != NULL)
    PQconninfoFree (options);
  if (defaults != NULL)
    PQconninfoFree (defaults);
  return text;
}

char *
ms_pg_conninfo_build (const char *host,
                      const char *port,
                      const char *dbname,
                      const char *user,
                      const char *sslmode)
{
  GString *out = g_string_new (NULL);
  const char *keys[] = { "host", "port", "dbname", "user", "sslmode" };
  const char *values[] = { host, port, dbname, user, sslmode };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (values[i] != NULL && *values[i] != '\0')
      append_pair (out, keys[i], values[i]);
  return g_string_free (out, FALSE);
}

char *
ms_pg_conninfo_get (const char *conninfo,
                    const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  char *value = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (strcmp (o->keyword, keyword) == 0 && o->val != NULL)
      value = g_strdup (o->val);
  if (options != NULL)
    PQconninfoFree (options);
  return value;
}
