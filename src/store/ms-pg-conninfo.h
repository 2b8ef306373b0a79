/* ms-pg-conninfo.h — a PostgreSQL catalog's connection string, for the CLI and the window
 *
 * What a client needs around ms_store_open_uri () for a server: whether
 * the server asks for a password (libpq's PQconnectionNeedsPassword), the
 * connection string with a password typed at a prompt or a dialog (kept in
 * memory only, never on a command line or in a log), and who and where, for
 * a title or a message (never the password).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether connecting with @conninfo fails because the server wants a
 * password that neither @conninfo, PGPASSWORD nor ~/.pgpass gave. */
gboolean  ms_pg_conninfo_needs_password (const char  *conninfo);
/* @conninfo (a URI or key=value string) as a key=value string with
 * @password set (or, @password NULL, as it was); NULL with @error set
 * when @conninfo does not parse. */
char     *ms_pg_conninfo_with_password  (const char  *conninfo,
                                         const char  *password,
                                         GError     **error);
/* "login@host:port/database" (libpq's defaults filled in), for titles and
 * messages; never the password. */
char     *ms_pg_conninfo_describe       (const char  *conninfo);
/* A key=value string from the window's fields (NULL or "" left out;
 * @sslmode NULL is libpq's default). */
char     *ms_pg_conninfo_build          (const char  *host,
                                         const char  *port,
                                         const char  *dbname,
                                         const char  *user,
                                         const char  *sslmode);

/* The value @conninfo gives @keyword ("host", "dbname"…), or NULL: never
 * asked for "password" by the window, which does not show it. */
char     *ms_pg_conninfo_get            (const char  *conninfo,
                                         const char  *keyword);

G_END_DECLS
