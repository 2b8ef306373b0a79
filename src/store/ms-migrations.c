/* ms-migrations.c — the SQLite catalog's schema versions
 *
 * Migration N takes a catalog from user_version N-1 to N. Released
 * migrations are never edited: a change is a new migration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ms-migrations.h"
#include "ms-store-error.h"

static const char * const migrations[] = {
  /* 1: the catalog, its workflow, people and the audit log. */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO settings (key, value) VALUES ('bundle_sequence', '0');"
  "CREATE TABLE users ("
  "  login   TEXT PRIMARY KEY,"
  "  name    TEXT NOT NULL,"
  "  roles   INTEGER NOT NULL CHECK (roles BETWEEN 0 AND 15),"
  "  created TEXT NOT NULL"
  ");"
  "CREATE TABLE sheets ("
  "  num            INTEGER PRIMARY KEY,"
  "  id             TEXT NOT NULL UNIQUE,"
  "  code           TEXT,"
  "  administration TEXT,"
  "  title_ar       TEXT,"
  "  title_fr       TEXT,"
  "  title_zgh      TEXT,"
  "  title_en       TEXT,"
  "  state          TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'changes_requested',"
  "                                                'approved', 'published', 'withdrawn')),"
  "  head           INTEGER NOT NULL,"
  "  live           INTEGER,"
  "  last_published INTEGER NOT NULL DEFAULT 0,"
  "  submitted_by   TEXT REFERENCES users (login),"
  "  approved_by    TEXT REFERENCES users (login),"
  "  approved_sha   TEXT,"
  "  errors         INTEGER NOT NULL DEFAULT 0,"
  "  warnings       INTEGER NOT NULL DEFAULT 0,"
  "  updated        TEXT NOT NULL,"
  "  updated_by     TEXT NOT NULL REFERENCES users (login)"
  ");"
  "CREATE INDEX sheets_code ON sheets (code);"
  "CREATE INDEX sheets_state ON sheets (state);"
  "CREATE INDEX sheets_administration ON sheets (administration);"
  "CREATE TABLE revisions ("
  "  sheet   INTEGER NOT NULL REFERENCES sheets (num),"
  "  number  INTEGER NOT NULL CHECK (number >= 1),"
  "  json    TEXT NOT NULL,"
  "  sha256  TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  author  TEXT NOT NULL REFERENCES users (login),"
  "  created TEXT NOT NULL,"
  "  UNIQUE (sheet, number)"
  ");"
  "CREATE TABLE sheet_terms ("
  "  sheet INTEGER NOT NULL REFERENCES sheets (num),"
  "  kind  TEXT NOT NULL,"
  "  code  TEXT NOT NULL,"
  "  PRIMARY KEY (kind, code, sheet)"
  ") WITHOUT ROWID;"
  "CREATE INDEX sheet_terms_sheet ON sheet_terms (sheet);"
  "CREATE TABLE comments ("
  "  id       INTEGER PRIMARY KEY,"
  "  sheet    INTEGER NOT NULL REFERENCES sheets (num),"
  "  revision INTEGER NOT NULL,"
  "  author   TEXT NOT NULL REFERENCES users (login),"
  "  created  TEXT NOT NULL,"
  "  body     TEXT NOT NULL"
  ");"
  "CREATE TABLE audit ("
  "  seq        INTEGER PRIMARY KEY,"
  "  time       TEXT NOT NULL,"
  "  actor      TEXT NOT NULL,"
  "  action     TEXT NOT NULL,"
  "  sheet_id   TEXT,"
  "  revision   INTEGER NOT NULL DEFAULT 0,"
  "  sha256     TEXT,"
  "  from_state TEXT,"
  "  to_state   TEXT,"
  "  comment    TEXT,"
  "  prev       TEXT NOT NULL,"
  "  hash       TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_sheet ON audit (sheet_id);"
  /* Append-only for the application; the hash chain catches what is done
   * behind its back. */
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE VIRTUAL TABLE sheet_text USING fts5 ("
  "  title, body,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3'"
  ");",
  /* 2: the date a revision was published, kept by the bundles that follow. */
  "ALTER TABLE revisions ADD COLUMN published TEXT; UPDATE revisions SET published = (SELECT substr (min (a.time), 1, 10) FROM audit a JOIN sheets s ON s.id = a.sheet_id WHERE s.num = revisions.sheet AND a.revision = revisions.number AND a.action = 'publish');",
  /* 3: the publication date in a small table of its own, and the JSON last
   * in revisions. A revision's JSON overflows its page: setting the date in
   * the revision row rewrote the whole row (an export wrote every published
   * sheet's JSON again to the WAL), and the columns stored after the JSON
   * were read by following its overflow pages. Rebuilding the table drops
   * the column and reorders the others in one copy. */
  "CREATE TABLE publications ("
  "  sheet     INTEGER NOT NULL REFERENCES sheets (num),"
  "  number    INTEGER NOT NULL,"
  "  published TEXT NOT NULL,"
  "  PRIMARY KEY (sheet, number)"
  ") WITHOUT ROWID;"
  "INSERT INTO publications (sheet, number, published)"
  "  SELECT sheet, number, published FROM revisions WHERE published IS NOT NULL;"
  "CREATE TABLE revisions_3 ("
  "  sheet   INTEGER NOT NULL REFERENCES sheets (num),"
  "  number  INTEGER NOT NULL CHECK (number >= 1),"
  "  sha256  TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  author  TEXT NOT NULL REFERENCES users (login),"
  "  created TEXT NOT NULL,"
  "  json    TEXT NOT NULL,"
  "  UNIQUE (sheet, number)"
  ");"
  "INSERT INTO revisions_3 (rowid, sheet, number, sha256, author, created, json)"
  "  SELECT rowid, sheet, number, sha256, author, created, json FROM revisions ORDER BY rowid;"
  "DROP TABLE revisions;"
  "ALTER TABLE revisions_3 RENAME TO revisions;",
  /* 4: deleting a draft (ms_store_delete_draft). The rows of a sheet may go
   * only while it was never submitted for review nor published: a draft
   * whose audit entries are all edits and imports. The audit log itself
   * stays append-only: the deletion is one more entry, and the entries of
   * the deleted sheet keep the chain whole. */
  "CREATE TRIGGER sheets_delete_draft_only BEFORE DELETE ON sheets"
  "  WHEN OLD.state != 'draft' OR OLD.live IS NOT NULL OR OLD.last_published > 0"
  "    OR EXISTS (SELECT 1 FROM audit a WHERE a.sheet_id = OLD.id"
  "                 AND a.action NOT IN ('edit', 'import', 'delete'))"
  "  BEGIN SELECT RAISE (ABORT, 'only a draft never submitted for review can be deleted'); END;"
  "CREATE TRIGGER revisions_delete_draft_only BEFORE DELETE ON revisions"
  "  WHEN EXISTS (SELECT 1 FROM sheets s WHERE s.num = OLD.sheet"
  "                 AND (s.state != 'draft' OR s.live IS NOT NULL OR s.last_published > 0"
  "                      OR EXISTS (SELECT 1 FROM audit a WHERE a.sheet_id = s.id"
  "                                   AND a.action NOT IN ('edit', 'import', 'delete'))))"
  "    OR EXISTS (SELECT 1 FROM publications p WHERE p.sheet = OLD.sheet AND p.number = OLD.number)"
  "  BEGIN SELECT RAISE (ABORT, 'only the revisions of a draft never submitted for review can be deleted'); END;",
  /* 5: deactivating a user (ms_store_set_user_active). People are never
   * deleted: the audit log and the revisions name them. */
  "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));",
  /* 6: search through Masatir's own analysis (issue 12): the tokenizer
   * "masatir" and the function masatir_search_text (), registered on every
   * connection (ms-search-index.c). The index holds the text as written
   * (snippets show it) in three columns, title, code and the rest, and is
   * rebuilt from each sheet's current revision; prefixes up to 6 letters
   * are indexed (MS_ANALYZER_PREFIX_CHARS). */
  "DROP TABLE sheet_text;"
  "CREATE VIRTUAL TABLE sheet_text USING fts5 ("
  "  title, code, body,"
  "  tokenize = 'masatir',"
  "  prefix = '2 3 4 5 6'"
  ");"
  "INSERT INTO sheet_text (rowid, title, code, body)"
  "  SELECT s.num, masatir_search_text (r.json, 0), masatir_search_text (r.json, 1),"
  "         masatir_search_text (r.json, 2)"
  "  FROM sheets s JOIN revisions r ON r.sheet = s.num AND r.number = s.head;",
  /* 7: import origins (portal import). Where each sheet imported from the
   * portal came from, and the revision its last import wrote: a head past
   * that revision is an edit made in Masatir since, which an import must
   * not overwrite (ms_store_import_entries). Keyed by the sheet's id, not
   * its row, so that deleting a draft is not blocked by it. Depends on no
   * other migration than 1. */
  "CREATE TABLE import_origins ("
  "  sheet_id       TEXT PRIMARY KEY,"
  "  portal_id      TEXT NOT NULL,"
  "  records_sha256 TEXT NOT NULL CHECK (length (records_sha256) = 64),"
  "  revision       INTEGER NOT NULL CHECK (revision >= 1),"
  "  imported       TEXT NOT NULL,"
  "  imported_by    TEXT NOT NULL"
  ") WITHOUT ROWID;",
  /* 8: the window's list (issue 15): the ids of every sheet in the list's
   * order read from the index alone, without a sort (ms_store_list_ids). */
  "CREATE INDEX sheets_code_id ON sheets (code, id);",
};

int
ms_migrations_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
ms_migrations_apply (sqlite3  *db,
                     int       from_version,
                     int       to_version,
                     GError  **error)
{
  g_assert (from_version >= 0 && from_version <= to_version && to_version <= ms_migrations_latest ());

  for (int v = from_version; v < to_version; v++)
    {
      g_autofree char *set_version = NULL;
      char *message = NULL;

      /* Static DDL without any value from outside: nothing to bind. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);
      if (sqlite3_exec (db, migrations[v], NULL, NULL, &message) != SQLITE_OK
          || sqlite3_exec (db, set_version, NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED,
                       _("Could not upgrade the catalog to version %d: %s"), v + 1, message);
          sqlite3_free (message);
          return FALSE;
        }
    }
  return TRUE;
}
