/* ms-pg-store-search.c — search on PostgreSQL (issue 16 item 6): core's
 * analysis computed here, stored as a tsvector, queried as a tsquery
 *
 * Neither side goes through a text search configuration: the tsvector and
 * the tsquery are written term by term from ms_analyzer_tokenize(), so
 * that the index and the queries are those of the SQLite backend's FTS5
 * tokenizer (ms-search-index.c). The titles and the code are weighted A,
 * the rest D; a query is every word required, each as its terms (a phrase
 * when a word gives several, colocated forms as alternatives) or, as on
 * SQLite, also as a prefix when ms_search_word_has_prefix(). Results as on
 * SQLite: the sheets with every word in their titles or code first, then
 * the others, each pass ranked among its newest candidates; snippets by
 * core (ms_search_terms_snippet) from the sheet's own text. The rank stands
 * in for SQLite's BM25, which PostgreSQL lacks (no word's rarity): one
 * point for each query word found whole (not only as a prefix), one more
 * for each found whole in the titles or the code, then ts_rank with A ten
 * times D.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-analyzer.h"
#include "ms-core-error.h"
#include "ms-pg-store-private.h"
#include "ms-store-error.h"

/* As SQLite's SEARCH_CANDIDATES: each pass ranks at most this many sheets. */
#define SEARCH_CANDIDATES "1000"
/* The words of a snippet, as on SQLite. */
#define SNIPPET_WORDS 14
/* tsvector's own limits (PostgreSQL's MAXSTRLEN, MAXENTRYPOS, MAXNUMPOS,
 * MAXSTRPOS): longer terms are left out, later positions share the last
 * one, a term keeps its first positions, and new terms stop short of the
 * size a tsvector may have. */
#define TERM_MAX_BYTES 2046
#define POSITION_MAX 16383
#define POSITIONS_PER_TERM 255
#define VECTOR_MAX_BYTES (900 * 1024)

/* Quoted for a tsvector or a tsquery: 'it''s', backslashes doubled. */
static void
append_lexeme (GString    *out,
               const char *term,
               gsize       length)
{
  g_string_append_c (out, '\'');
  for (gsize i = 0; i < length; i++)
    {
      if (term[i] == '\'' || term[i] == '\\')
        g_string_append_c (out, term[i]);
      g_string_append_c (out, term[i]);
    }
  g_string_append_c (out, '\'');
}

/* The index {{{1 */

typedef struct {
  GString *positions;   /* "1A,2A,9" */
  guint    n;
} Entry;

typedef struct {
  GHashTable *terms;      /* char* → Entry*, */
  GPtrArray  *order;      /* the terms in the order met */
  guint       position;   /* of the last term */
  gsize       bytes;
  const char *weight;     /* "A", or "" for D */
} Vector;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_string_free (e->positions, TRUE);
  g_free (e);
}

static int
add_vector_term (const char *term,
                 gsize       length,
                 gsize       start,
                 gsize       end,
                 gboolean    colocated,
                 gpointer    user_data)
{
  Vector *v = user_data;
  g_autofree char *key = NULL;
  Entry *e;

  /* Colocated forms share their word's position, as on FTS5. */
  if (!colocated || v->position == 0)
    v->position = MIN (v->position + 1, POSITION_MAX);
  if (length == 0 || length > TERM_MAX_BYTES)
    return 0;
  key = g_strndup (term, length);
  if (!(e = g_hash_table_lookup (v->terms, key)))
    {
      if (v->bytes + length > VECTOR_MAX_BYTES)
        return 0;
      v->bytes += length;
      e = g_new0 (Entry, 1);
      e->positions = g_string_new (NULL);
      g_ptr_array_add (v->order, key);
      g_hash_table_insert (v->terms, g_steal_pointer (&key), e);
    }
  if (e->n < POSITIONS_PER_TERM)
    {
      g_string_append_printf (e->positions, "%s%u%s", e->n > 0 ? "," : "", v->position, v->weight);
      e->n++;
    }
  return 0;
}

char *
ms_pg_search_vector (MsProcedure *p)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  Vector v = { terms, order, 0, 0, "A" };
  GString *out = g_string_new (NULL);

  ms_analyzer_sheet_text (p, title, code, body);
  /* The parts apart, by one unused position: no phrase spans two of them,
   * as none spans two FTS5 columns. */
  ms_analyzer_tokenize (title->str, title->len, add_vector_term, &v);
  v.position = MIN (v.position + 1, POSITION_MAX);
  ms_analyzer_tokenize (code->str, code->len, add_vector_term, &v);
  v.position = MIN (v.position + 1, POSITION_MAX);
  v.weight = "";
  ms_analyzer_tokenize (body->str, body->len, add_vector_term, &v);

  for (guint i = 0; i < order->len; i++)
    {
      const char *term = g_ptr_array_index (order, i);
      Entry *e = g_hash_table_lookup (terms, term);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      append_lexeme (out, term, strlen (term));
      g_string_append_c (out, ':');
      g_string_append_len (out, e->positions->str, e->positions->len);
    }
  return g_string_free (out, FALSE);
}

/* Queries {{{1 */

/* The terms of a word in groups (GPtrArray of char*), a group per
 * position: a term and its colocated forms. */
static int
add_group_term (const char *term,
                gsize       length,
                gsize       start,
                gsize       end,
                gboolean    colocated,
                gpointer    user_data)
{
  GPtrArray *groups = user_data;

  if (length == 0 || length > TERM_MAX_BYTES)
    return 0;
  if (!colocated || groups->len == 0)
    g_ptr_array_add (groups, g_ptr_array_new_with_free_func (g_free));
  g_ptr_array_add (g_ptr_array_index (groups, groups->len - 1), g_strndup (term, length));
  return 0;
}

/* The terms of @word (analysed with @flags) as a tsquery phrase: its
 * groups "(a | b) <-> c", every term with @suffix, the last group's with
 * @last_suffix (a prefix is the end of the phrase, as FTS5's "word"*).
 * FALSE when the word gives no term. */
static gboolean
append_phrase (GString         *out,
               const char      *word,
               MsAnalyzerFlags  flags,
               const char      *suffix,
               const char      *last_suffix)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  ms_analyzer_tokenize_full (word, -1, flags, add_group_term, groups);
  if (groups->len == 0)
    return FALSE;
  g_string_append_c (out, '(');
  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      if (i > 0)
        g_string_append (out, " <-> ");
      g_string_append_c (out, '(');
      for (guint j = 0; j < group->len; j++)
        {
          const char *term = g_ptr_array_index (group, j);

          if (j > 0)
            g_string_append (out, " | ");
          append_lexeme (out, term, strlen (term));
          g_string_append (out, i + 1 == groups->len ? last_suffix : suffix);
        }
      g_string_append_c (out, ')');
    }
  g_string_append_c (out, ')');
  return TRUE;
}

/* The tsquery of @text (ms_search_match_expression()'s, written for
 * PostgreSQL): every word required, each as its terms or as a prefix;
 * with @titles, every term in the titles or the code (weight A). NULL
 * when the query has no word. When @whole is given, each word's own terms
 * (no prefix) are added to it as a tsquery of its own, "whole words". */
char *
ms_pg_search_query (const char *text,
                    gboolean    titles,
                    GPtrArray  *whole)
{
  g_autoptr(GPtrArray) words = ms_analyzer_query_words (text, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *exact = titles ? ":A" : "";
  const char *prefix = titles ? ":*A" : ":*";
  guint n = 0;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      gsize mark = out->len, start;

      if (n > 0)
        g_string_append (out, " & ");
      g_string_append_c (out, '(');
      start = out->len;
      if (!append_phrase (out, word, 0, exact, exact))
        {
          g_string_truncate (out, mark);
          continue;
        }
      if (whole != NULL)
        g_ptr_array_add (whole, g_strndup (out->str + start, out->len - start));
      if (ms_search_word_has_prefix (word))
        {
          g_string_append (out, " | ");
          if (!append_phrase (out, word, MS_ANALYZER_PREFIX, exact, prefix))
            g_string_truncate (out, out->len - 3);
        }
      g_string_append_c (out, ')');
      n++;
    }
  if (n == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Search {{{1 */

/* The text around the match in @json, a sheet's revision: core's snippet
 * of the text the index was made from. */
static char *
search_snippet (MsSearchTerms *terms,
                const char    *json,
                gsize          length)
{
  g_autoptr(MsProcedure) p = ms_procedure_new_from_data (json, length, NULL);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  const char *texts[3];

  if (p == NULL)
    return g_strdup ("");
  ms_analyzer_sheet_text (p, title, code, body);
  texts[0] = title->str;
  texts[1] = code->str;
  texts[2] = body->str;
  return ms_search_terms_snippet (terms, texts, G_N_ELEMENTS (texts), SNIPPET_WORDS);
}

static GPtrArray *
search (MsStore             *store,
        const char          *text,
        const MsStoreFilter *filter,
        guint                limit,
        GError             **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_sheet_info_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(MsSearchTerms) terms = NULL;
  g_autofree char *where = ms_pg_filter_where (5);
  g_autofree char *sql = NULL;
  g_autofree char *arena = NULL;
  g_autofree char *in_titles = NULL;
  g_autofree char *anywhere = NULL;
  g_autoptr(GPtrArray) whole = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) whole_in_titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *whole_words = NULL;
  g_autofree char *whole_in_titles_words = NULL;
  const char *passes[2];
  const char *values[4 + MS_PG_FILTER_N_VALUES];
  char count[16];

  /* The window's entry and the command line both check it; other callers
   * are told rather than served results for a query nobody typed. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID, _("The search text is not valid UTF-8"));
      return NULL;
    }
  if (!(anywhere = ms_pg_search_query (text, FALSE, whole)))
    return g_steal_pointer (&infos);
  in_titles = ms_pg_search_query (text, TRUE, whole_in_titles);
  whole_words = ms_pg_text_array ((const char * const *) whole->pdata, whole->len);
  whole_in_titles_words = ms_pg_text_array ((const char * const *) whole_in_titles->pdata, whole_in_titles->len);
  passes[0] = in_titles;
  passes[1] = anywhere;
  if (limit == 0)
    limit = 50;
  ms_pg_filter_values (filter, values + 4, &arena);
  /* The best of the newest candidates, then their rows and revisions:
   * only the sheets returned are read. */
  /* The candidates first (the filter and the match), then the rank of
   * those only, then the rows of the best. */
  sql = g_strconcat ("SELECT " INFO_COLUMNS ", r.json FROM"
                     " (SELECT k.num, ts_rank ('{0.1, 0.1, 0.1, 1.0}', k.terms, $1::tsquery, 1)"
                     "    + (SELECT count (*) FROM unnest ($3::tsquery[]) w WHERE k.terms @@ w)"
                     "    + (SELECT count (*) FROM unnest ($4::tsquery[]) w WHERE k.terms @@ w) AS score"
                     "  FROM (SELECT s.num AS num, x.terms AS terms"
                     "        FROM masatir.sheet_search x JOIN masatir.sheets s ON s.num = x.sheet"
                     "        WHERE x.terms @@ $1::tsquery AND", where,
                     "        ORDER BY s.num DESC LIMIT " SEARCH_CANDIDATES ") k"
                     "  ORDER BY score DESC, k.num LIMIT $2::bigint) c"
                     " JOIN masatir.sheets s ON s.num = c.num"
                     " JOIN masatir.revisions r ON r.sheet = s.num AND r.number = s.head"
                     " ORDER BY c.score DESC, s.code COLLATE \"C\" NULLS FIRST, s.id COLLATE \"C\"", NULL);
  terms = ms_search_terms_new (text);
  for (guint i = 0; i < G_N_ELEMENTS (passes) && infos->len < limit; i++)
    {
      PGresult *result;

      g_snprintf (count, sizeof count, "%u", limit + infos->len);
      values[0] = passes[i];
      values[1] = count;
      values[2] = whole_words;
      values[3] = whole_in_titles_words;
      if (!(result = ms_pg_run (self, error, sql, G_N_ELEMENTS (values), values)))
        return NULL;
      for (int row = 0; row < PQntuples (result) && infos->len < limit; row++)
        {
          MsSheetInfo *info;

          if (!g_hash_table_add (seen, ms_pg_dup (result, row, 0)))
            continue;
          info = ms_pg_info_from_row (result, row);
          info->snippet = search_snippet (terms, PQgetvalue (result, row, INFO_N_COLUMNS),
                                          PQgetlength (result, row, INFO_N_COLUMNS));
          g_ptr_array_add (infos, info);
        }
      PQclear (result);
    }
  return g_steal_pointer (&infos);
}

/* The index of catalogs of version 1 {{{1 */

/* Every sheet without search terms gets those of its head revision: the
 * catalogs made before migration 2. By the schema's owner, in the
 * migration's transaction. */
gboolean
ms_pg_search_backfill (MsPgStore  *self,
                       GError    **error)
{
  for (;;)
    {
      PGresult *result = ms_pg_run (self, error,
                                    "SELECT s.num, r.json FROM masatir.sheets s JOIN masatir.revisions r"
                                    " ON r.sheet = s.num AND r.number = s.head WHERE NOT EXISTS"
                                    " (SELECT 1 FROM masatir.sheet_search x WHERE x.sheet = s.num)"
                                    " ORDER BY s.num LIMIT 500", 0, NULL);
      int n;

      if (result == NULL)
        return FALSE;
      n = PQntuples (result);
      for (int i = 0; i < n; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(MsProcedure) p = ms_procedure_new_from_data (PQgetvalue (result, i, 1),
                                                                 PQgetlength (result, i, 1), &local_error);
          /* A revision that does not load is found by nothing, as on SQLite. */
          g_autofree char *vector = p != NULL ? ms_pg_search_vector (p) : g_strdup ("");
          const char *values[] = { PQgetvalue (result, i, 0), vector };

          if (!ms_pg_command (self, error, "INSERT INTO masatir.sheet_search (sheet, terms)"
                                           " VALUES ($1::bigint, $2::tsvector)", 2, values))
            {
              PQclear (result);
              return FALSE;
            }
        }
      PQclear (result);
      if (n == 0)
        return TRUE;
    }
}

void
ms_pg_store_search_iface_init (MsStoreInterface *iface)
{
  iface->search = search;
}
