/* ms-search-index.c — Masatir's own FTS5 tokenizer and search expression
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-analyzer.h"
#include "ms-search-index.h"
#include "ms-store-error.h"

/* The tokenizer {{{1 */

/* The analysis keeps no state between calls: one instance serves all. */
static int tokenizer_instance;

static int
tokenizer_create (void            *context,
                  const char     **args,
                  int              n_args,
                  Fts5Tokenizer  **tokenizer)
{
  *tokenizer = (Fts5Tokenizer *) &tokenizer_instance;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

typedef struct {
  void  *context;
  int  (*token) (void *context, int flags, const char *token, int length, int start, int end);
} TokenSink;

static int
pass_token (const char *term,
            gsize       length,
            gsize       start,
            gsize       end,
            gboolean    colocated,
            gpointer    user_data)
{
  TokenSink *sink = user_data;

  return sink->token (sink->context, colocated ? FTS5_TOKEN_COLOCATED : 0, term, (int) length,
                      (int) start, (int) end);
}

/* Terms analysed beforehand {{{1 */

/* Each term is a TermHeader followed by its bytes. */
typedef struct {
  guint32 length;
  guint32 start;
  guint32 end;
  guint32 colocated;
} TermHeader;

struct _MsSearchTokens {
  char       *text;
  gsize       length;
  GByteArray *terms;
};

typedef struct {
  MsSearchTokens * const *tokens;
  guint                   n;
} Offer;

/* What ms_search_index_offer() offers the tokenizer on this thread: the
 * thread that steps the INSERT is the one that tokenizes its text. */
static GPrivate offered = G_PRIVATE_INIT (g_free);

static int
keep_term (const char *term,
           gsize       length,
           gsize       start,
           gsize       end,
           gboolean    colocated,
           gpointer    user_data)
{
  GByteArray *terms = user_data;
  TermHeader header = { (guint32) length, (guint32) start, (guint32) end, colocated };

  g_byte_array_append (terms, (const guint8 *) &header, sizeof header);
  g_byte_array_append (terms, (const guint8 *) term, (guint) length);
  return 0;
}

/* Takes @text (@length bytes, NUL-terminated). */
MsSearchTokens *
ms_search_tokens_new (char  *text,
                      gsize  length)
{
  MsSearchTokens *tokens = g_new0 (MsSearchTokens, 1);

  g_return_val_if_fail (text != NULL && length < G_MAXINT, NULL);

  tokens->text = text;
  tokens->length = length;
  /* About one term per six bytes of text. */
  tokens->terms = g_byte_array_sized_new ((guint) (length * 4));
  ms_analyzer_tokenize_full (text, (gssize) length, 0, keep_term, tokens->terms);
  return tokens;
}

const char *
ms_search_tokens_get_text (const MsSearchTokens *tokens)
{
  return tokens->text;
}

void
ms_search_tokens_free (MsSearchTokens *tokens)
{
  if (tokens == NULL)
    return;
  g_free (tokens->text);
  g_byte_array_unref (tokens->terms);
  g_free (tokens);
}

void
ms_search_index_offer (MsSearchTokens * const *tokens,
                       guint                   n)
{
  Offer *offer = g_new (Offer, 1);

  offer->tokens = tokens;
  offer->n = n;
  g_private_replace (&offered, offer);
}

void
ms_search_index_withdraw (void)
{
  g_private_replace (&offered, NULL);
}

/* The terms offered for @text, or NULL. */
static const MsSearchTokens *
find_offered (const char *text,
              int         length)
{
  Offer *offer = g_private_get (&offered);

  for (guint i = 0; offer != NULL && i < offer->n; i++)
    {
      const MsSearchTokens *tokens = offer->tokens[i];

      if (tokens != NULL && tokens->length == (gsize) length && memcmp (tokens->text, text, length) == 0)
        return tokens;
    }
  return NULL;
}

static int
replay (const MsSearchTokens *tokens,
        void                 *context,
        int                 (*token) (void *, int, const char *, int, int, int))
{
  const guint8 *p = tokens->terms->data;
  const guint8 *end = p + tokens->terms->len;

  while (p < end)
    {
      TermHeader header;
      int rc;

      memcpy (&header, p, sizeof header);
      p += sizeof header;
      rc = token (context, header.colocated ? FTS5_TOKEN_COLOCATED : 0, (const char *) p, (int) header.length,
                  (int) header.start, (int) header.end);
      if (rc != SQLITE_OK)
        return rc;
      p += header.length;
    }
  return SQLITE_OK;
}

/* The same analysis for a document and a query; a prefix ("word"*) is the
 * word as typed, clitics removed but not stemmed (MS_ANALYZER_PREFIX). A
 * document whose terms were offered gets those. */
static int
tokenizer_tokenize (Fts5Tokenizer  *tokenizer,
                    void           *context,
                    int             flags,
                    const char     *text,
                    int             length,
                    int           (*token) (void *, int, const char *, int, int, int))
{
  TokenSink sink = { context, token };
  const MsSearchTokens *tokens;

  if (text == NULL || length <= 0)
    return SQLITE_OK;
  if (flags == FTS5_TOKENIZE_DOCUMENT && (tokens = find_offered (text, length)) != NULL)
    return replay (tokens, context, token);
  return ms_analyzer_tokenize_full (text, length, flags & FTS5_TOKENIZE_PREFIX ? MS_ANALYZER_PREFIX : 0,
                                    pass_token, &sink);
}

/* The text of a sheet for the index {{{1 */

/* masatir_search_text (json, part) is called three times per row, for the
 * three parts of one JSON: the last sheet read is kept. */
typedef struct {
  char    *json;
  char    *parts[3];
} TextCache;

static void
text_cache_clear (TextCache *cache)
{
  g_clear_pointer (&cache->json, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (cache->parts); i++)
    g_clear_pointer (&cache->parts[i], g_free);
}

static void
text_cache_free (void *data)
{
  text_cache_clear (data);
  g_free (data);
}

static void
search_text_func (sqlite3_context  *context,
                  int               n_args,
                  sqlite3_value   **args)
{
  TextCache *cache = sqlite3_user_data (context);
  const char *json = (const char *) sqlite3_value_text (args[0]);
  int part = sqlite3_value_int (args[1]);

  if (json == NULL || part < 0 || part >= (int) G_N_ELEMENTS (cache->parts))
    {
      sqlite3_result_null (context);
      return;
    }
  if (g_strcmp0 (json, cache->json) != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MsProcedure) p = ms_procedure_new_from_data (json, -1, &error);
      GString *texts[3];

      text_cache_clear (cache);
      cache->json = g_strdup (json);
      if (p == NULL)
        {
          /* The sheet stays in the catalog, unfound by search, rather than
           * the catalog becoming unusable. */
          g_message ("A revision does not load and is not indexed: %s", error->message);
          sqlite3_result_null (context);
          return;
        }
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        texts[i] = g_string_new (NULL);
      ms_analyzer_sheet_text (p, texts[0], texts[1], texts[2]);
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        cache->parts[i] = g_string_free (texts[i], FALSE);
    }
  if (cache->parts[part] == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, cache->parts[part], -1, SQLITE_TRANSIENT);
}

/* Registration {{{1 */

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
ms_search_index_register (sqlite3  *db,
                          GError  **error)
{
  static fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  fts5_api *api = get_fts5_api (db);

  if (api == NULL || api->iVersion < 2
      || api->xCreateTokenizer (api, "masatir", NULL, &tokenizer, NULL) != SQLITE_OK
      || sqlite3_create_function_v2 (db, "masatir_search_text", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     g_new0 (TextCache, 1), search_text_func, NULL, NULL,
                                     text_cache_free) != SQLITE_OK)
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED,
                   _("Could not set up full-text search on the catalog: %s"),
                   api == NULL ? _("SQLite has no FTS5") : sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Queries {{{1 */

char *
ms_search_match_expression (const char *query,
                            gboolean   *cut)
{
  g_autoptr(GPtrArray) words = ms_analyzer_query_words (query, cut);
  g_autoptr(GString) expr = NULL;

  if (words->len == 0)
    return NULL;
  expr = g_string_new (NULL);
  /* No word holds a double quote (ms_analyzer_query_words): each is one
   * FTS5 string, handed to the tokenizer as it is. */
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (i > 0)
        g_string_append (expr, " AND ");
      /* A prefix too: "certif" finds "certificat". The word itself counts
       * too, so that the sheets with the whole word rank first. */
      if (ms_search_word_has_prefix (word))
        g_string_append_printf (expr, "(\"%s\" OR \"%s\"*)", word, word);
      else
        g_string_append_printf (expr, "\"%s\"", word);
    }
  return g_string_free (g_steal_pointer (&expr), FALSE);
}
