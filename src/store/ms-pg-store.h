/* ms-pg-store.h — the PostgreSQL backend of MsStore (issue 16)
 *
 * A catalog in one schema ("masatir") of a PostgreSQL database, shared by
 * many workstations. Identity is the database's: the acting user is the
 * login of the connection (session_user), and every write is a function of
 * the schema (src/store/pg/001-schema.sql) that checks the caller's catalog
 * roles, the workflow and the four-eyes rule itself, so that no client —
 * this one or psql — can bypass them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-store.h"

G_BEGIN_DECLS

#define MS_TYPE_PG_STORE (ms_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (MsPgStore, ms_pg_store, MS, PG_STORE, GObject)

/* Whether @uri names a PostgreSQL catalog: a postgresql:// or postgres://
 * URI, or a libpq "key=value" connection string. */
gboolean   ms_pg_store_is_conninfo     (const char  *uri);
/* Connects with the libpq @conninfo and brings the schema up to date (which
 * needs the rights of the schema's owner the first time and after an
 * upgrade; a login of the catalog only reads its version). A schema of a
 * newer version is refused with MS_STORE_ERROR_TOO_NEW, a connection that
 * fails with MS_STORE_ERROR_OPEN. */
MsPgStore *ms_pg_store_open            (const char  *conninfo,
                                        GError     **error);
/* The catalog's schema on the server: "masatir", or the one a ministry's
 * catalog has in a database shared by several (issue 16 item 9), chosen by
 * the connection's "masatir.schema" setting (conninfo
 * options='-c masatir.schema=health', in a URI ?options=-c%20masatir.schema%3Dhealth,
 * or PGOPTIONS), else $MASATIR_PG_SCHEMA: lower-case letters, digits and
 * "_", a letter first, at most 40. Its group roles are <schema>_editor,
 * <schema>_reviewer, <schema>_publisher and <schema>_admin. */
const char *ms_pg_store_get_schema     (MsPgStore   *self);
/* The login the store acts as (session_user). */
const char *ms_pg_store_get_login      (MsPgStore   *self);
/* For init: the issuer id written in bundles, set by @actor, an admin. */
gboolean   ms_pg_store_set_issuer      (MsPgStore   *self,
                                        const char  *actor,
                                        const char  *issuer,
                                        GError     **error);
/* FOR THE TESTS ONLY, never the CLI or the window: a connection whose
 * login is a superuser acts as each call's @actor (a login of the
 * cluster), by SET SESSION AUTHORIZATION, which changes session_user.
 * Without it an @actor other than the login is refused. */
void       ms_pg_store_set_impersonate (MsPgStore   *self,
                                        gboolean     impersonate);

G_END_DECLS
