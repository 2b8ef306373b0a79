/* ms-search-index.h — Masatir's own FTS5 tokenizer and search expression
 *
 * The catalog's full-text index (the FTS5 table sheet_text) tokenizes with
 * "masatir": core's analysis (ms_analyzer_tokenize), for the index and for
 * the queries alike, so that they cannot drift apart. Every connection
 * registers it before the table is used (the migration that builds the index
 * included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers on @db the tokenizer "masatir" and the SQL function
 * masatir_search_text (json, part), the title (0), code (1) or rest (2)
 * of the sheet whose JSON is given (ms_analyzer_sheet_text), with which
 * the migration rebuilds the index. FALSE with @error set on failure. */
gboolean  ms_search_index_register   (sqlite3     *db,
                                      GError     **error);

/* The FTS5 MATCH expression of @query: every word quoted (never read as
 * syntax), each once, all required, each also as a prefix (the window
 * searches as one types; "certif resid" finds "Certificat de résidence"); NULL when the query has no word. *@cut as
 * ms_analyzer_query_words(). */
char     *ms_search_match_expression (const char  *query,
                                      gboolean    *cut);

/* The terms of one text as the tokenizer "masatir" makes them for a
 * document, analysed beforehand (on any thread: an import analyses its
 * sheets on every core while one thread writes). */
typedef struct _MsSearchTokens MsSearchTokens;

MsSearchTokens *ms_search_tokens_new      (char            *text,
                                           gsize            length);
const char     *ms_search_tokens_get_text (const MsSearchTokens *tokens);
void            ms_search_tokens_free     (MsSearchTokens  *tokens);

/* Offers @tokens (@n of them, NULL ones skipped) to the tokenizer on the
 * calling thread, until ms_search_index_withdraw(): a document text equal,
 * byte for byte, to the text of one of them is not analysed again, its
 * terms are replayed. Any other text is analysed as usual. */
void            ms_search_index_offer     (MsSearchTokens * const *tokens,
                                           guint            n);
void            ms_search_index_withdraw  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsSearchTokens, ms_search_tokens_free)

G_END_DECLS
