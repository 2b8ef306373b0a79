/* audit-forge.h — appending to a catalog's audit log behind the store's back
 *
 * What someone with the sqlite3 shell can do: an entry chained to the last
 * one exactly as the store chains them (ms-sqlite-store.c, audit_entry_hash),
 * and the head the catalog records moved along, so that the hash chain
 * holds. Tests use it to forge approvals the rules would have refused; the
 * export benchmark to record approvals without 200,000 durable transactions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ms-canonical-json.h"
#include "ms-store.h"

/* The SHA-256 of the entry's canonical JSON, without its hash column.
 * Written again here on purpose, not shared with the store: an attacker
 * model independent of the code it attacks. */
static inline char *
forge_audit_hash (const MsAuditEntry *e,
                  const char         *prev)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  const struct { const char *name; const char *value; } strings[] = {
    { "time", e->time }, { "actor", e->actor }, { "action", e->action }, { "sheet", e->sheet_id },
    { "sha256", e->sha256 }, { "from", e->from_state }, { "to", e->to_state },
    { "comment", e->comment }, { "prev", prev },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, e->seq);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, e->revision);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i].value != NULL)
      {
        json_builder_set_member_name (b, strings[i].name);
        json_builder_add_string_value (b, strings[i].value);
      }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return ms_canonical_json_sha256 (node, NULL);
}

static inline void
forge_exec (sqlite3    *db,
            const char *sql,
            const char *a,
            const char *b)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Appends @e (its seq ignored) after the last entry of @db's log; returns
 * the seq it got. */
static inline gint64
forge_audit_append (sqlite3            *db,
                    const MsAuditEntry *e)
{
  MsAuditEntry entry = *e;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *count = NULL;
  const char *values[] = { entry.time, entry.actor, entry.action, entry.sheet_id, entry.sha256,
                           entry.from_state, entry.to_state, entry.comment };

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      entry.seq = sqlite3_column_int64 (stmt, 0) + 1;
      prev = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else
    {
      entry.seq = 1;
      prev = g_strnfill (64, '0');
    }
  sqlite3_finalize (stmt);
  hash = forge_audit_hash (&entry, prev);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO audit (seq, time, actor, action, sheet_id, sha256,"
                                       " from_state, to_state, comment, revision, prev, hash)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, entry.seq);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    sqlite3_bind_text (stmt, 2 + i, values[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, entry.revision);
  sqlite3_bind_text (stmt, 11, prev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, hash, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  count = g_strdup_printf ("%" G_GINT64_FORMAT, entry.seq);
  forge_exec (db, "INSERT OR REPLACE INTO settings (key, value) VALUES ('audit_head', ?1),"
                  " ('audit_count', ?2)", hash, count);
  return entry.seq;
}
