/* ms-analyzer.h — the words search indexes and looks for
 *
 * One analysis for the index and the query (design.md §1, issue 12): the
 * text is cut into words, each word is normalised (ms_text_normalize), then
 *  - Arabic: the article and the clitics before it (ال وال فال بال كال لل
 *    ولل فلل), possessive and plural suffixes are removed — the light
 *    stemming of Lucene's ArabicAnalyzer (Larkey's light10); a word that
 *    starts with و but no article gives two colocated terms, with and
 *    without it, since و is the conjunction in "وشهادة" but the first letter
 *    of "وفاة", "وثيقة", "وزارة";
 *  - French: elision (l' d' j' m' n' s' t' c' qu', with ' or ’) then the
 *    Snowball French stemmer (libstemmer);
 *  - numbers joined by hyphens, dots or slashes ("55-19", "55.19",
 *    "2-20-660") are one term, written with hyphens; other words are kept
 *    as normalised.
 * The SQLite store runs it as an FTS5 tokenizer; the window's read-only
 * folder view runs it on the sheets it holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"

G_BEGIN_DECLS

/* A query is cut after this many distinct words, or this many characters. */
#define MS_SEARCH_MAX_WORDS 64
#define MS_SEARCH_MAX_CHARS 1000

/* The matches in a snippet (MsSheetInfo.snippet) are between these. The
 * indexed text holds no control character, so they are unambiguous. */
#define MS_SNIPPET_START "\002"
#define MS_SNIPPET_END   "\003"

/* One term of @text: bytes @start to @end of @text gave @term (@length bytes,
 * not NUL-terminated); @colocated when it is another form of the previous
 * term, at the same place. A non-zero return stops the analysis. */
typedef int (*MsAnalyzerFunc) (const char *term,
                               gsize       length,
                               gsize       start,
                               gsize       end,
                               gboolean    colocated,
                               gpointer    user_data);

/* The longest prefix looked for, in characters: the search index's prefix
 * lengths (migration 6: prefix = '2 3 4 5 6') go up to it. */
#define MS_ANALYZER_PREFIX_CHARS 6

typedef enum {
  /* The forms of a word being typed, to be matched as the start of a term:
   * clitics, article and elision removed, not stemmed ("résid" finds
   * "résidence", "décès" is not "dec*" and so does not find "décision");
   * a French stem of five letters or more is a colocated form too; each
   * cut to MS_ANALYZER_PREFIX_CHARS characters. */
  MS_ANALYZER_PREFIX = 1 << 0,
} MsAnalyzerFlags;

/* Calls @func for each term of @text (@length bytes, -1 for NUL-terminated);
 * bytes that are not UTF-8 separate words. Returns the first non-zero value
 * @func returned, else 0. Thread-safe. */
int        ms_analyzer_tokenize      (const char      *text,
                                      gssize           length,
                                      MsAnalyzerFunc   func,
                                      gpointer         user_data);

int        ms_analyzer_tokenize_full (const char      *text,
                                      gssize           length,
                                      MsAnalyzerFlags  flags,
                                      MsAnalyzerFunc   func,
                                      gpointer         user_data);

/* The terms of one word or text, joined by spaces, colocated ones by "|"
 * (for tests and matching). */
char      *ms_analyzer_terms         (const char      *text);
char      *ms_analyzer_terms_full    (const char      *text,
                                      MsAnalyzerFlags  flags);
/* Whether a query word is also looked for as the start of terms: when its
 * prefix form is one term of two letters or more (one letter would gather
 * half the index). */
gboolean   ms_search_word_has_prefix (const char      *word);

/* The words of a search query, as typed (char*), in order: each word once
 * (two words with the same terms are the same word: "Certificat" and
 * "certificats"), words without any term dropped, at most
 * MS_SEARCH_MAX_WORDS of them taken from the first MS_SEARCH_MAX_CHARS
 * characters; *@cut tells whether anything was left out. None holds a
 * double quote. @query must be UTF-8. */
GPtrArray *ms_analyzer_query_words   (const char      *query,
                                      gboolean        *cut);

/* What search looks in, for @procedure: its titles; its code; and the rest
 * (summary, documents, conditions, fees, legal references with their
 * numbers, the administration's names in every language, receiving and
 * delivering services, the output), one line per text, control characters
 * made spaces. */
void       ms_analyzer_sheet_text    (MsProcedure     *procedure,
                                      GString         *title,
                                      GString         *code,
                                      GString         *body);

/* A query's words as terms, to find and show them in texts without the
 * index (the snippets, the read-only folder view). */
typedef struct _MsSearchTerms MsSearchTerms;

MsSearchTerms *ms_search_terms_new     (const char           *query);
void           ms_search_terms_free    (MsSearchTerms        *terms);
/* Whether each word of the query is in one of @texts (as the index finds:
 * a term, or the start of one). A query without words matches nothing. */
gboolean       ms_search_terms_match   (MsSearchTerms        *terms,
                                        const char * const   *texts,
                                        guint                 n_texts);
/* The distinct terms of @text, sorted by strcmp(): what a text is matched
 * against many times (the window's folder view keeps one per sheet). */
GStrv          ms_analyzer_term_set    (const char           *text);
/* ms_search_terms_match() against such a set. */
gboolean       ms_search_terms_match_set (MsSearchTerms      *terms,
                                        const char * const   *set);
/* About @n_words words of the text of @texts that holds the most words of
 * the query, around them, the matches between MS_SNIPPET_START and
 * MS_SNIPPET_END, "…" where the text was cut, lines joined; "" when none
 * matches. */
char          *ms_search_terms_snippet (MsSearchTerms        *terms,
                                        const char * const   *texts,
                                        guint                 n_texts,
                                        guint                 n_words);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsSearchTerms, ms_search_terms_free)

/* A snippet with MS_SNIPPET_START/END marks as plain text, and the
 * matches as pairs of character offsets (start, end) in @ranges (guint). */
char      *ms_snippet_split          (const char      *snippet,
                                      GArray          *ranges);

G_END_DECLS
