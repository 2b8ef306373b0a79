/* test-store-import.c — importing many sheets: what is computed ahead on
 * every core (ms-import-prepare.c) stores what the sheet-by-sheet path
 * stores, across the chunks it is computed in, and a failure anywhere
 * leaves the catalog as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-analyzer.h"
#include "ms-canonical-json.h"
#include "ms-generate.h"
#include "ms-import-prepare.h"
#include "ms-search-index.h"
#include "ms-store-error.h"
#include "ms-store-import.h"
#include "ms-validator.h"
#include "store-fixture.h"

/* Past two chunk boundaries, and not a multiple of a chunk. */
#define N_SHEETS (2 * MS_IMPORT_CHUNK + 37)

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { NULL },
};

static void
set_up (StoreFixture  *f,
        gconstpointer  data)
{
  store_fixture_set_up (f, "masatir-store-import-XXXXXX", users);
}

/* Synthetic sheets 0 … @n - 1 of seed 7. */
static GPtrArray *
generated (guint n)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = ms_generate_sheet (7, i, NULL);
      g_autoptr(GError) error = NULL;
      MsProcedure *p = ms_procedure_new_from_data (json, -1, &error);

      g_assert_no_error (error);
      g_ptr_array_add (list, p);
    }
  return list;
}

static char *
write_file (StoreFixture *f,
            const char   *name,
            GPtrArray    *sheets)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GString) out = g_string_new ("[");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < sheets->len; i++)
    {
      g_autoptr(JsonNode) node = ms_procedure_to_json (g_ptr_array_index (sheets, i));
      g_autofree char *text = json_to_string (node, FALSE);

      if (i > 0)
        g_string_append (out, ",\n");
      g_string_append (out, text);
    }
  g_string_append (out, "]\n");
  g_assert_true (g_file_set_contents (path, out->str, out->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A connection of our own, with the tokenizer. */
static sqlite3 *
open_db (StoreFixture *f)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (ms_search_index_register (db, &error));
  g_assert_no_error (error);
  return db;
}

static gint64
count (StoreFixture *f,
       const char   *sql)
{
  sqlite3 *db = open_db (f);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* FTS5 analyses every stored text again and compares its terms with the
 * index: terms replayed from the ones computed ahead must be the same. */
static void
assert_index_sound (StoreFixture *f)
{
  sqlite3 *db = open_db (f);
  char *message = NULL;

  if (sqlite3_exec (db, "INSERT INTO sheet_text (sheet_text) VALUES ('integrity-check')", NULL, NULL,
                    &message) != SQLITE_OK)
    g_error ("search index: %s", message);
  sqlite3_close (db);
}

/* Each sheet's head as the sheet-by-sheet path writes it: its canonical
 * JSON, that JSON's SHA-256, the validator's counts, and found by search
 * under its code. */
static void
assert_stored (StoreFixture *f,
               GPtrArray    *sheets)
{
  MsValidator *validator = ms_validator_get_default (NULL);

  for (guint i = 0; i < sheets->len; i++)
    {
      MsProcedure *p = g_ptr_array_index (sheets, i);
      g_autoptr(JsonNode) node = ms_procedure_to_json (p);
      g_autofree char *json = ms_canonical_json (node, NULL, NULL);
      g_autofree char *sha = ms_sha256_hex (json, strlen (json));
      g_autoptr(GPtrArray) issues = ms_validator_check (validator, p);
      g_autoptr(MsSheetInfo) info = ms_store_get_sheet_info (f->store, p->id, NULL);
      g_autoptr(MsProcedure) stored = ms_store_get_sheet (f->store, p->id, 0, NULL, NULL);
      g_autoptr(JsonNode) stored_node = NULL;
      g_autofree char *stored_json = NULL;

      g_assert_nonnull (info);
      g_assert_nonnull (stored);
      stored_node = ms_procedure_to_json (stored);
      stored_json = ms_canonical_json (stored_node, NULL, NULL);
      g_assert_cmpstr (stored_json, ==, json);
      g_assert_cmpstr (info->sha256, ==, sha);
      g_assert_cmpuint (info->n_errors, ==, ms_issues_count (issues, MS_SEVERITY_ERROR));
      g_assert_cmpuint (info->n_warnings, ==, ms_issues_count (issues, MS_SEVERITY_WARNING));
    }
}

static gboolean
search_finds (StoreFixture *f,
              const char   *query,
              const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = ms_store_search (f->store, query, NULL, 50, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    if (strcmp (((MsSheetInfo *) g_ptr_array_index (found, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
set_title (MsProcedure *p,
           const char  *fr)
{
  ms_localized_set (p->title, MS_LANG_FR, fr);
}

/* A file of N_SHEETS: created; the same file again: unchanged; with some
 * sheets changed in each chunk: those updated, the rest unchanged. */
static void
test_file_across_chunks (StoreFixture  *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = generated (N_SHEETS);
  g_autofree char *path = write_file (f, "sheets.json", sheets);
  const guint changed[] = { 0, MS_IMPORT_CHUNK - 1, MS_IMPORT_CHUNK, 2 * MS_IMPORT_CHUNK + 36 };
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  MsImportSummary summary = { 0 };
  MsProcedure *last = g_ptr_array_index (sheets, N_SHEETS - 1);

  lines = ms_store_import_file_full (f->store, "amina", path, MS_IMPORT_FORMAT_SHEETS, NULL, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created, ==, N_SHEETS);
  g_assert_cmpuint (lines->len, ==, N_SHEETS);
  for (guint i = 0; i < lines->len; i++)
    {
      MsImportLine *line = g_ptr_array_index (lines, i);

      /* The report in the file's order. */
      g_assert_cmpstr (line->id, ==, ((MsProcedure *) g_ptr_array_index (sheets, i))->id);
      g_assert_cmpint (line->kind, ==, MS_IMPORT_LINE_CREATED);
    }
  assert_stored (f, sheets);
  assert_index_sound (f);
  g_assert_true (search_finds (f, last->code, last->id));
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE action = 'import'"), ==, N_SHEETS);

  memset (&summary, 0, sizeof summary);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = ms_store_import_file_full (f->store, "amina", path, MS_IMPORT_FORMAT_SHEETS, NULL, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.unchanged, ==, N_SHEETS);
  g_assert_cmpuint (summary.created + summary.updated, ==, 0);
  g_assert_cmpint (count (f, "SELECT count (*) FROM revisions"), ==, N_SHEETS);

  for (guint c = 0; c < G_N_ELEMENTS (changed); c++)
    set_title (g_ptr_array_index (sheets, changed[c]), "Quetzalcoatl renouvelé");
  g_free (path);
  path = write_file (f, "changed.json", sheets);
  memset (&summary, 0, sizeof summary);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = ms_store_import_file_full (f->store, "amina", path, MS_IMPORT_FORMAT_SHEETS, NULL, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.updated, ==, G_N_ELEMENTS (changed));
  g_assert_cmpuint (summary.unchanged, ==, N_SHEETS - G_N_ELEMENTS (changed));
  for (guint c = 0; c < G_N_ELEMENTS (changed); c++)
    {
      MsImportLine *line = g_ptr_array_index (lines, changed[c]);
      MsProcedure *p = g_ptr_array_index (sheets, changed[c]);

      g_assert_cmpint (line->kind, ==, MS_IMPORT_LINE_UPDATED);
      g_assert_cmpint (line->revision, ==, 2);
      g_assert_true (search_finds (f, "quetzalcoatl", p->id));
    }
  assert_stored (f, sheets);
  assert_index_sound (f);
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* The same sheet twice in one import, the second time in the next chunk
 * (computed ahead while the first was not written yet) or in the same one:
 * changed, it is a second revision; the same, unchanged. Through
 * ms_store_import, the other way in. */
static void
test_same_sheet_twice (StoreFixture  *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = generated (MS_IMPORT_CHUNK + 20);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  MsProcedure *first = g_ptr_array_index (sheets, 3);
  MsProcedure *again = ms_procedure_copy (first);
  MsProcedure *near = g_ptr_array_index (sheets, 5);
  MsImportItem *item;

  set_title (again, "Quetzalcoatl deuxième");
  /* Sheet 3 changed in the next chunk; sheet 5 the same, in this chunk. */
  g_ptr_array_add (sheets, again);
  g_ptr_array_insert (sheets, 10, ms_procedure_copy (near));

  items = ms_store_import (f->store, "amina", sheets, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, sheets->len);
  item = g_ptr_array_index (items, 3);
  g_assert_cmpint (item->outcome, ==, MS_IMPORT_CREATED);
  item = g_ptr_array_index (items, 10);
  g_assert_cmpint (item->outcome, ==, MS_IMPORT_UNCHANGED);
  g_assert_cmpint (item->revision, ==, 1);
  item = g_ptr_array_index (items, items->len - 1);
  g_assert_cmpint (item->outcome, ==, MS_IMPORT_UPDATED);
  g_assert_cmpint (item->revision, ==, 2);
  g_assert_true (search_finds (f, "quetzalcoatl", first->id));

  /* What is stored is the last version of each. */
  g_ptr_array_remove_index (sheets, 3);
  assert_stored (f, sheets);
  assert_index_sound (f);
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheets"), ==, MS_IMPORT_CHUNK + 20);
}

/* A sheet that cannot be stored in the third chunk (its code is another's
 * of the same administration): nothing of the file is kept, not even the
 * chunks written before it, and the catalog is as it was. */
static void
test_failure_in_the_middle (StoreFixture  *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) before = generated (5);
  g_autoptr(GPtrArray) sheets = generated (N_SHEETS);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  MsProcedure *bad = g_ptr_array_index (sheets, 2 * MS_IMPORT_CHUNK + 10);
  MsProcedure *other = g_ptr_array_index (sheets, 700);
  gint64 audit, revisions, terms;

  /* Five sheets already there, the first of which the file changes. */
  items = ms_store_import (f->store, "amina", before, &error);
  g_assert_no_error (error);
  set_title (g_ptr_array_index (sheets, 0), "Quetzalcoatl");
  audit = count (f, "SELECT count (*) FROM audit");
  revisions = count (f, "SELECT count (*) FROM revisions");
  terms = count (f, "SELECT count (*) FROM sheet_terms");

  g_free (bad->code);
  bad->code = g_strdup (other->code);
  g_free (bad->administration);
  bad->administration = g_strdup (other->administration);
  path = write_file (f, "bad.json", sheets);

  lines = ms_store_import_file_full (f->store, "amina", path, MS_IMPORT_FORMAT_SHEETS, NULL, NULL, &refusals,
                                    &error);
  g_assert_null (lines);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, bad->id));
  g_clear_error (&error);

  g_assert_cmpint (count (f, "SELECT count (*) FROM sheets"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit"), ==, audit);
  g_assert_cmpint (count (f, "SELECT count (*) FROM revisions"), ==, revisions);
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheet_terms"), ==, terms);
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheet_text"), ==, 5);
  g_assert_false (search_finds (f, "quetzalcoatl", ((MsProcedure *) g_ptr_array_index (sheets, 0))->id));
  assert_stored (f, before);
  assert_index_sound (f);
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);

  /* The same through ms_store_import. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ms_store_import (f->store, "amina", sheets, &error);
  g_assert_null (items);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheets"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit"), ==, audit);
  g_clear_error (&error);

  /* The catalog goes on as before: the next import chains on its log. */
  g_ptr_array_remove_index (sheets, 2 * MS_IMPORT_CHUNK + 10);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ms_store_import (f->store, "amina", sheets, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheets"), ==, N_SHEETS - 1);
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
  assert_index_sound (f);
}

/* A dry run of a big file reports every outcome and keeps nothing. */
static void
test_dry_run (StoreFixture  *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = generated (MS_IMPORT_CHUNK + 3);
  g_autofree char *path = write_file (f, "sheets.json", sheets);
  MsImportOptions options = { FALSE, FALSE, TRUE };
  MsImportSummary summary = { 0 };
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  lines = ms_store_import_file_full (f->store, "amina", path, MS_IMPORT_FORMAT_SHEETS, &options, &summary, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created, ==, MS_IMPORT_CHUNK + 3);
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheets"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheet_text"), ==, 0);
}

/* Terms computed ahead are replayed only for their own text: another text
 * offered alongside is analysed as usual. */
static void
test_offered_terms (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSearchTokens) tokens = NULL;
  const char *text = "Certificats de résidence — شهادة السكنى";
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (ms_search_index_register (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5 (a, tokenize = 'masatir')", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  tokens = ms_search_tokens_new (g_strdup (text), strlen (text));
  g_assert_cmpstr (ms_search_tokens_get_text (tokens), ==, text);
  ms_search_index_offer (&tokens, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (a) VALUES (?1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, "Passeport biométrique", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  ms_search_index_withdraw ();
  if (sqlite3_exec (db, "INSERT INTO t (t) VALUES ('integrity-check')", NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  /* The stemmed forms are found, as when analysed. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM t WHERE t MATCH ?1", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "\"certificat\" AND \"résidences\"", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, "\"passeports\"", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A file is read on every core: texts holding brackets, quotes and
 * backslashes do not mislead the scan; a file with a bad sheet is reported
 * as the one-thread reader reports it, each problem with its place. */
static void
test_file_reading (StoreFixture  *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = generated (600);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bad = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bad_path = NULL;
  char *at;

  set_title (g_ptr_array_index (sheets, 5), "Titre \"entre\" ] } [ { \\ fin\\");
  set_title (g_ptr_array_index (sheets, 6), "\\\"]");
  path = write_file (f, "sheets.json", sheets);
  lines = ms_store_import_file_full (f->store, "amina", path, MS_IMPORT_FORMAT_SHEETS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 600);
  assert_stored (f, sheets);

  /* Sheet 300 without its title and with a member of no sheet. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  bad = g_string_new (text);
  at = bad->str;
  for (guint i = 0; i < 300; i++)
    at = strstr (at, ",\n{") + 2;
  g_string_insert (bad, at - bad->str + 1, "\"bogus\": [1, {\"x\": \"]\"}], ");
  bad_path = g_build_filename (f->dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad_path, bad->str, bad->len, NULL));
  listed = ms_procedure_list_from_file (bad_path, &problems, NULL);
  g_assert_null (listed);
  g_assert_cmpuint (problems->len, >, 0);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = ms_store_import_file_full (f->store, "amina", bad_path, MS_IMPORT_FORMAT_SHEETS, NULL, NULL, &refusals,
                                     &error);
  g_assert_null (lines);
  g_assert_nonnull (error);
  g_assert_cmpuint (refusals->len, ==, problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      MsImportLine *line = g_ptr_array_index (refusals, i);

      g_assert_cmpstr (line->message, ==, g_ptr_array_index (problems, i));
      g_assert_nonnull (strstr (line->message, "[300]"));
    }
  g_assert_cmpint (count (f, "SELECT count (*) FROM sheets"), ==, 600);
}

static gpointer
terms_on_new_thread (gpointer text)
{
  return ms_analyzer_terms (text);
}

/* A thread remembers the words it analysed (ms-analyzer.c): the terms of
 * a text are the same the first time, again, and on a thread that never
 * saw its words; the colocated forms (و) too. */
static void
test_remembered_words (void)
{
  g_autofree char *json = ms_generate_sheet (7, 3, NULL);
  g_autoptr(MsProcedure) p = ms_procedure_new_from_data (json, -1, NULL);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new ("والدة وزارة والدة وزارة certificats certificats ");
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *cold = NULL;
  GThread *thread;

  ms_analyzer_sheet_text (p, title, code, body);
  first = ms_analyzer_terms (body->str);
  again = ms_analyzer_terms (body->str);
  thread = g_thread_new ("cold", terms_on_new_thread, body->str);
  cold = g_thread_join (thread);
  g_assert_cmpstr (again, ==, first);
  g_assert_cmpstr (cold, ==, first);
  g_assert_true (g_str_has_prefix (first, "ده وزار|زار ده وزار|زار certificat certificat "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-import/file-across-chunks", StoreFixture, NULL, set_up, test_file_across_chunks,
              store_fixture_tear_down);
  g_test_add ("/store-import/same-sheet-twice", StoreFixture, NULL, set_up, test_same_sheet_twice,
              store_fixture_tear_down);
  g_test_add ("/store-import/failure-in-the-middle", StoreFixture, NULL, set_up, test_failure_in_the_middle,
              store_fixture_tear_down);
  g_test_add ("/store-import/dry-run", StoreFixture, NULL, set_up, test_dry_run, store_fixture_tear_down);
  g_test_add ("/store-import/file-reading", StoreFixture, NULL, set_up, test_file_reading, store_fixture_tear_down);
  g_test_add_func ("/store-import/offered-terms", test_offered_terms);
  g_test_add_func ("/store-import/remembered-words", test_remembered_words);
  return g_test_run ();
}
