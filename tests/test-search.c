/* test-search.c — the catalog's search (issue 12): relevance, snippets,
 * queries that are never syntax, repeated words, cuts, and the migration
 * that rebuilds an older catalog's index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ms-analyzer.h"
#include "ms-migrations.h"
#include "ms-search-index.h"
#include "ms-sqlite-store.h"
#include "ms-store-error.h"
#include "ms-text.h"
#include "store-fixture.h"

typedef StoreFixture Fixture;

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { NULL },
};

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  store_fixture_set_up (f, "masatir-search-XXXXXX", users);
}

static void
add_sheets (GPtrArray  *sheets,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ms_procedure_list_from_file (path, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (sheets, g_object_ref (g_ptr_array_index (list, i)));
}

/* The demo catalog and the synthetic sheets of the relevance set. */
static void
import_sheets (Fixture *f)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autofree char *synthetic = g_test_build_filename (G_TEST_DIST, "data", "search-synthetic.json", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      add_sheets (sheets, path);
    }
  add_sheets (sheets, synthetic);
  items = ms_store_import (f->store, "amina", sheets, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, sheets->len);
}

static GPtrArray *
search_ok (MsStore    *store,
           const char *query,
           guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = ms_store_search (store, query, NULL, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static gboolean
has_code (GPtrArray  *found,
          const char *code)
{
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (((MsSheetInfo *) g_ptr_array_index (found, i))->code, code) == 0)
      return TRUE;
  return FALSE;
}

/* Relevance {{{1 */

/* tests/data/search-relevance.json: for each query, the sheets that must
 * be among the first five; recall@5 over the whole set. */
static void
test_relevance (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "search-relevance.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *queries;
  double sum = 0, recall;
  guint n_queries, n_arabic = 0, n_latin = 0;

  import_sheets (f);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  queries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "queries");
  n_queries = json_array_get_length (queries);
  g_assert_cmpuint (n_queries, >=, 60);

  for (guint i = 0; i < n_queries; i++)
    {
      JsonObject *q = json_array_get_object_element (queries, i);
      const char *text = json_object_get_string_member (q, "query");
      JsonArray *expect = json_object_get_array_member (q, "expect");
      g_autoptr(GPtrArray) found = search_ok (f->store, text, 5);
      guint n_expect = json_array_get_length (expect), n_found = 0;

      g_assert_cmpuint (n_expect, >=, 1);
      g_assert_cmpuint (n_expect, <=, 5);
      g_assert_nonnull (json_object_get_string_member (q, "why"));
      n_arabic += ms_text_script (text) == MS_SCRIPT_ARABIC;
      n_latin += ms_text_script (text) == MS_SCRIPT_LATIN;
      for (guint e = 0; e < n_expect; e++)
        {
          const char *code = json_array_get_string_element (expect, e);

          if (has_code (found, code))
            n_found++;
          else
            g_test_message ("“%s”: %s is not in the first five (%s)", text, code,
                            json_object_get_string_member (q, "why"));
        }
      sum += (double) n_found / n_expect;
    }
  recall = sum / n_queries;
  g_printerr ("# recall@5 over %u queries (%u Arabic, %u Latin): %.3f\n", n_queries, n_arabic, n_latin, recall);
  g_test_message ("recall@5 over %u queries: %.3f", n_queries, recall);
  g_assert_cmpuint (n_arabic, >=, 25);
  g_assert_cmpuint (n_latin, >=, 25);
  g_assert_cmpfloat (recall, >=, 0.95);
}

/* Ranking and snippets {{{1 */

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) in_body = NULL;
  MsSheetInfo *first;

  import_sheets (f);
  /* A title match ranks above a sheet that only mentions the words. */
  found = search_ok (f->store, "certificat de résidence", 10);
  g_assert_cmpuint (found->len, >=, 2);
  first = g_ptr_array_index (found, 0);
  g_assert_cmpstr (first->code, ==, "MI-DGSN-0001");
  /* The non-taxation certificate asks for a residence certificate: found,
   * after it. */
  g_assert_true (has_code (found, "MEF-DGI-0021"));

  /* Every result has a snippet that shows the words found. */
  for (guint i = 0; i < found->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (found, i);
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *plain = ms_snippet_split (info->snippet, ranges);

      g_assert_nonnull (info->snippet);
      g_assert_cmpuint (ranges->len, >=, 2);
      g_assert_cmpuint (ranges->len % 2, ==, 0);
      g_assert_null (strchr (plain, '\n'));
    }
  g_assert_nonnull (strstr (first->snippet, MS_SNIPPET_START "Certificat" MS_SNIPPET_END " de "
                                            MS_SNIPPET_START "résidence" MS_SNIPPET_END));

  /* A word found only in a document's name: the snippet is that name. */
  in_body = search_ok (f->store, "quittance", 10);
  for (guint i = 0; i < in_body->len; i++)
    {
      g_autofree char *plain = ms_snippet_split (((MsSheetInfo *) g_ptr_array_index (in_body, i))->snippet, NULL);

      g_assert_nonnull (strstr (((MsSheetInfo *) g_ptr_array_index (in_body, i))->snippet,
                                MS_SNIPPET_START));
      g_assert_nonnull (g_strstr_len (plain, -1, "uittance"));
    }

  /* The list and the lookups carry no snippet. */
  {
    g_autoptr(GPtrArray) all = ms_store_list (f->store, NULL, NULL);

    g_assert_nonnull (all);
    g_assert_null (((MsSheetInfo *) g_ptr_array_index (all, 0))->snippet);
  }
}

/* A sheet's text that looks like the snippet's marks or like markup stays
 * text: control characters are not indexed as such. */
static void
test_snippet_controls (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *plain = NULL;

  ms_localized_set (p->summary, MS_LANG_FR, "Un \002faux\003 repère <b>zorglub</b>\001 & fin");
  info = store_save_ok (f->store, "amina", p, 0);
  found = search_ok (f->store, "zorglub", 5);
  g_assert_cmpuint (found->len, ==, 1);
  plain = ms_snippet_split (((MsSheetInfo *) g_ptr_array_index (found, 0))->snippet, ranges);
  g_assert_cmpstr (plain, ==, "Un  faux  repère <b>zorglub</b>  & fin");
  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpuint (g_array_index (ranges, guint, 0), ==, 20);
  g_assert_cmpuint (g_array_index (ranges, guint, 1), ==, 27);
}

/* Queries {{{1 */

static void
test_syntax_is_text (Fixture       *f,
                     gconstpointer  data)
{
  const char * const hostile[] = {
    "\"", "\"\"", "*", "résidence*", "\"résidence", "(résidence)", "-résidence", "^résidence",
    "résidence:", "title:résidence", "{title}: résidence", "NEAR(résidence certificat)",
    "résidence OR passeport", "résidence AND", "NOT résidence", "résidence + certificat",
    "'; DROP TABLE sheets; --", "\\", "%_", "\u202e\u2066résidence",
  };

  import_sheets (f);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GPtrArray) found = search_ok (f->store, hostile[i], 10);
      g_autofree char *expression = ms_search_match_expression (hostile[i], NULL);

      /* Only quoted words reach FTS5, each with the prefix form. */
      if (expression != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (expression, " AND ", -1);

          for (guint p = 0; parts[p] != NULL; p++)
            g_assert_true (g_str_has_prefix (parts[p], "(\"") || g_str_has_prefix (parts[p], "\""));
        }
      /* The punctuation is no word: "résidence" alone is looked for. */
      if (strstr (hostile[i], "résidence") != NULL && strstr (hostile[i], " ") == NULL
          && strchr (hostile[i], ':') == NULL)
        g_assert_true (has_code (found, "MI-DGSN-0001"));
    }
  /* OR, AND and NOT are words, required as any other. */
  {
    g_autoptr(GPtrArray) found = search_ok (f->store, "résidence OR passeport", 10);

    g_assert_false (has_code (found, "MI-DGAT-0004") && !has_code (found, "MI-DGSN-0001"));
  }
  {
    g_autoptr(GPtrArray) found = search_ok (f->store, "\"", 10);

    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
assert_same_results (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (((MsSheetInfo *) g_ptr_array_index (a, i))->id, ==,
                     ((MsSheetInfo *) g_ptr_array_index (b, i))->id);
}

static void
test_repeated_words (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) once = NULL;
  g_autoptr(GPtrArray) thrice = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  gboolean cut = TRUE;

  import_sheets (f);
  once = search_ok (f->store, "certificat résidence", 20);
  thrice = search_ok (f->store, "certificat résidence certificat résidence résidence", 20);
  assert_same_results (once, thrice);
  /* Forms of one word are one word. */
  forms = search_ok (f->store, "Certificat certificats CERTIFICAT résidence Résidences", 20);
  assert_same_results (once, forms);

  /* 20,000 repetitions: one word, nothing cut from the words. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (query, i % 2 ? "certificats " : "شهادة ");
  words = ms_analyzer_query_words (query->str, &cut);
  g_assert_cmpuint (words->len, ==, 2);
  g_assert_true (cut);   /* past 1,000 characters */
  many = search_ok (f->store, query->str, 20);
  g_assert_cmpuint (many->len, >=, 1);
}

static void
test_cuts (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GString) query = g_string_new ("résidence");
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gboolean cut = FALSE;

  import_sheets (f);
  /* Past 1,000 characters nothing is looked for. */
  for (guint i = 0; i < MS_SEARCH_MAX_CHARS; i++)
    g_string_append_c (query, ' ');
  g_string_append (query, "zzzzqqq");
  words = ms_analyzer_query_words (query->str, &cut);
  g_assert_true (cut);
  g_assert_cmpuint (words->len, ==, 1);
  found = search_ok (f->store, query->str, 10);
  g_assert_true (has_code (found, "MI-DGSN-0001"));

  /* Past 64 distinct words, neither. */
  g_clear_pointer (&words, g_ptr_array_unref);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_string_assign (query, "");
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (query, "w%u ", i);
  words = ms_analyzer_query_words (query->str, &cut);
  g_assert_true (cut);
  g_assert_cmpuint (words->len, ==, MS_SEARCH_MAX_WORDS);
  g_assert_cmpstr (g_ptr_array_index (words, MS_SEARCH_MAX_WORDS - 1), ==, "w63");
  found = search_ok (f->store, query->str, 10);
  g_assert_cmpuint (found->len, ==, 0);

  /* Under both limits: nothing cut. */
  g_clear_pointer (&words, g_ptr_array_unref);
  words = ms_analyzer_query_words ("certificat de résidence", &cut);
  g_assert_false (cut);

  /* Not UTF-8: refused. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) refused = ms_store_search (f->store, "r\xe9sidence", NULL, 10, &error);

    g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID);
    g_assert_null (refused);
  }
}

/* Both backends {{{1 */

/* On PostgreSQL: every query of the relevance set and of the hostile ones
 * finds the same sheets as on SQLite, with the same snippets (the matching
 * is the same analysis; the order may differ, BM25 being SQLite's). */
static void
test_same_as_sqlite (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "search-relevance.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MsStore) sqlite = MS_STORE (ms_sqlite_store_open (MS_SQLITE_STORE_MEMORY, 0, &error));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  Fixture other = { .store = sqlite };
  const char * const extra[] = {
    "cert", "ce", "ش", "55-19", "2-20-660", "\"NEAR(a b)\" OR *", "l'acte de naissance", "وزارة الداخلية",
    "MI-DGSN-0001", "résidence*", "'; DROP TABLE sheets; --", "certif resid", "البطا", "legalisee",
  };
  JsonArray *queries;

  g_assert_no_error (error);
  store_add_user (sqlite, "root", "admin", MS_ROLE_ADMIN);
  store_add_user (sqlite, "admin", "amina", MS_ROLE_EDITOR);
  import_sheets (f);
  import_sheets (&other);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  queries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "queries");
  for (guint i = 0; i < json_array_get_length (queries); i++)
    g_ptr_array_add (texts, (gpointer) json_object_get_string_member (json_array_get_object_element (queries, i),
                                                                      "query"));
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    g_ptr_array_add (texts, (gpointer) extra[i]);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autoptr(GPtrArray) pg = search_ok (f->store, text, 1000);
      g_autoptr(GPtrArray) lite = search_ok (sqlite, text, 1000);
      g_autoptr(GHashTable) snippets = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint j = 0; j < lite->len; j++)
        {
          MsSheetInfo *info = g_ptr_array_index (lite, j);

          g_hash_table_insert (snippets, info->id, info->snippet);
        }
      if (pg->len != lite->len)
        g_error ("“%s”: %u sheets on PostgreSQL, %u on SQLite", text, pg->len, lite->len);
      for (guint j = 0; j < pg->len; j++)
        {
          MsSheetInfo *info = g_ptr_array_index (pg, j);

          if (!g_hash_table_contains (snippets, info->id))
            g_error ("“%s”: %s found on PostgreSQL only", text, info->code);
          g_assert_cmpstr (info->snippet, ==, g_hash_table_lookup (snippets, info->id));
        }
    }
}

/* Migration {{{1 */

static sqlite3_int64
sql_int (sqlite3    *db,
         const char *statement)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, statement, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A catalog of schema 5, its index as the versions before issue 12 wrote
 * it (unicode61, normalised text, two columns), opened by this version:
 * the index is rebuilt with the analysis, old sheets are found by any
 * form of their words, with snippets, and a bad revision does not stop it. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("masatir-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  g_autoptr(MsProcedure) residence = store_demo_sheet ("residence-certificate");
  g_autofree char *json = ms_procedure_to_data (residence, NULL);
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN; PRAGMA application_id = 1297306706;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (ms_migrations_apply (db, 0, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO users (login, name, roles, created) VALUES ('admin', 'Admin', 15, '2025-01-01T00:00:00Z');"
    "INSERT INTO sheets (num, id, code, title_fr, state, head, updated, updated_by) VALUES"
    " (1, '06aab24e-ee88-477f-8c33-311768fbe275', 'MI-DGSN-0001', 'Certificat de résidence', 'draft', 1,"
    "  '2025-02-15T09:00:00Z', 'admin'),"
    " (2, 'broken', 'BROKEN-1', 'Broken', 'draft', 1, '2025-02-15T09:00:00Z', 'admin');"
    "INSERT INTO sheet_text (rowid, title, body) VALUES"
    " (1, 'شهاده السكني\ncertificat de residence', 'mi-dgsn-0001'), (2, 'broken', '');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO revisions (sheet, number, sha256, author, created, json)"
                                           " VALUES (?1, 1, printf ('%064d', ?1), 'admin', '2025-01-02T00:00:00Z', ?2)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, 1);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, 2);
  sqlite3_bind_text (stmt, 2, "{not json", -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 5; COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  /* The old index does not know "certificats" (whole words only). */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM sheet_text WHERE sheet_text MATCH 'certificats'"), ==, 0);
  sqlite3_close (db);

  store = ms_sqlite_store_open (path, 0, &error);
  g_assert_no_error (error);
  found = search_ok (MS_STORE (store), "certificats", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((MsSheetInfo *) g_ptr_array_index (found, 0))->code, ==, "MI-DGSN-0001");
  g_assert_nonnull (strstr (((MsSheetInfo *) g_ptr_array_index (found, 0))->snippet,
                            MS_SNIPPET_START "Certificat" MS_SNIPPET_END));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search_ok (MS_STORE (store), "السكنى", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_object (&store);

  /* The index now holds the text as written, one row per sheet; a
   * connection without the tokenizer cannot read it, one with it can. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sql_int (db, "PRAGMA user_version"), ==, ms_migrations_latest ());
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM sheet_text_docsize"), ==, 2);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sheet_text WHERE sheet_text MATCH 'x'", -1, &stmt, NULL),
                   !=, SQLITE_OK);
  sqlite3_finalize (stmt);
  g_assert_true (ms_search_index_register (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM sheet_text WHERE sheet_text MATCH '\"certificats\"'"), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM sheet_text WHERE title LIKE '%Certificat de résidence%'"), ==, 1);
  sqlite3_close (db);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/search/" path, Fixture, NULL, set_up, func, store_fixture_tear_down)
  ADD ("relevance", test_relevance);
  ADD ("ranking", test_ranking);
  ADD ("snippet-controls", test_snippet_controls);
  ADD ("syntax-is-text", test_syntax_is_text);
  ADD ("repeated-words", test_repeated_words);
  ADD ("cuts", test_cuts);
  if (store_fixture_pg () != NULL)
    ADD ("same-as-sqlite", test_same_as_sqlite);
#undef ADD
  /* SQLite's migration 6 (the PostgreSQL backend indexes the sheets of
   * a catalog of version 1 as it opens it: test-pg-rights). */
  if (store_fixture_pg () == NULL)
    g_test_add_func ("/search/migration", test_migration);

  return g_test_run ();
}
