/* ms-search-terms.c — a query's terms found in texts without the index:
 * the snippets of search results and the window's read-only folder view
 * (declared in ms-analyzer.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-analyzer"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ms-analyzer.h"

/* Matching {{{1 */

typedef struct {
  GPtrArray *alternatives;   /* char*: the word's terms, colocated forms */
  GPtrArray *prefixes;       /* char*: its forms as a prefix (MS_ANALYZER_PREFIX) */
} QueryWord;

struct _MsSearchTerms
{
  GArray *words;   /* QueryWord */
};

static void
query_word_clear (gpointer data)
{
  QueryWord *w = data;

  g_ptr_array_unref (w->alternatives);
  g_ptr_array_unref (w->prefixes);
}

static int
add_alternative (const char *term,
                 gsize       length,
                 gsize       start,
                 gsize       end,
                 gboolean    colocated,
                 gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strndup (term, length));
  return 0;
}

MsSearchTerms *
ms_search_terms_new (const char *query)
{
  MsSearchTerms *self = g_new0 (MsSearchTerms, 1);
  g_autoptr(GPtrArray) words = ms_analyzer_query_words (query, NULL);

  self->words = g_array_new (FALSE, TRUE, sizeof (QueryWord));
  g_array_set_clear_func (self->words, query_word_clear);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      QueryWord w = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };

      ms_analyzer_tokenize (word, -1, add_alternative, w.alternatives);
      /* As ms_search_match_expression(): a prefix of two letters or more. */
      if (ms_search_word_has_prefix (word))
        ms_analyzer_tokenize_full (word, -1, MS_ANALYZER_PREFIX, add_alternative, w.prefixes);
      g_array_append_val (self->words, w);
    }
  return self;
}

void
ms_search_terms_free (MsSearchTerms *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->words);
  g_free (self);
}

/* The query word @term is, or -1. */
static int
word_of_term (MsSearchTerms *self,
              const char    *term,
              gsize          length)
{
  for (guint i = 0; i < self->words->len; i++)
    {
      QueryWord *w = &g_array_index (self->words, QueryWord, i);

      for (guint j = 0; j < w->alternatives->len; j++)
        {
          const char *alt = g_ptr_array_index (w->alternatives, j);

          if (strlen (alt) == length && memcmp (alt, term, length) == 0)
            return (int) i;
        }
      for (guint j = 0; j < w->prefixes->len; j++)
        {
          const char *prefix = g_ptr_array_index (w->prefixes, j);
          gsize n = strlen (prefix);

          if (n <= length && memcmp (prefix, term, n) == 0)
            return (int) i;
        }
    }
  return -1;
}

typedef struct {
  gsize start;
  gsize end;
  int   word;
} Token;

typedef struct {
  MsSearchTerms *self;
  GArray        *tokens;
} Collect;

static int
collect_token (const char *term,
               gsize       length,
               gsize       start,
               gsize       end,
               gboolean    colocated,
               gpointer    user_data)
{
  Collect *c = user_data;
  int word = word_of_term (c->self, term, length);

  if (colocated && c->tokens->len > 0)
    {
      Token *last = &g_array_index (c->tokens, Token, c->tokens->len - 1);

      if (last->word < 0)
        last->word = word;
    }
  else
    {
      Token t = { start, end, word };

      g_array_append_val (c->tokens, t);
    }
  return 0;
}

static GArray *
text_tokens (MsSearchTerms *self,
             const char    *text)
{
  Collect c = { self, g_array_new (FALSE, FALSE, sizeof (Token)) };

  ms_analyzer_tokenize (text, -1, collect_token, &c);
  return c.tokens;
}

/* The distinct query words among @tokens[from, to) (as bits of @found). */
static guint
count_words (GArray  *tokens,
             guint    from,
             guint    to,
             guint64 *found)
{
  guint64 bits = found != NULL ? *found : 0;
  guint n = 0;

  for (guint i = from; i < to && i < tokens->len; i++)
    {
      int word = g_array_index (tokens, Token, i).word;

      if (word >= 0 && !(bits & (G_GUINT64_CONSTANT (1) << (word % 64))))
        {
          bits |= G_GUINT64_CONSTANT (1) << (word % 64);
          n++;
        }
    }
  if (found != NULL)
    *found = bits;
  return n;
}

gboolean
ms_search_terms_match (MsSearchTerms       *self,
                       const char * const  *texts,
                       guint                n_texts)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_auto(GStrv) set = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; i < n_texts; i++)
    if (texts[i] != NULL)
      g_ptr_array_add (parts, (gpointer) texts[i]);
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv ("\n", (char **) parts->pdata);
  set = ms_analyzer_term_set (joined);
  return ms_search_terms_match_set (self, (const char * const *) set);
}

static int
add_to_set (const char *term,
            gsize       length,
            gsize       start,
            gsize       end,
            gboolean    colocated,
            gpointer    user_data)
{
  g_hash_table_add (user_data, g_strndup (term, length));
  return 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
ms_analyzer_term_set (const char *text)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;
  char **terms;

  ms_analyzer_tokenize (text, -1, add_to_set, set);
  /* The keys change hands: the table lets them go. */
  terms = (char **) g_hash_table_get_keys_as_array (set, &n);
  g_hash_table_steal_all (set);
  qsort (terms, n, sizeof (char *), compare_strings);
  return terms;
}

/* The first of the @n strings of @set not before @key. */
static guint
lower_bound (const char * const *set,
             guint               n,
             const char         *key)
{
  guint low = 0, high = n;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (strcmp (set[mid], key) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

gboolean
ms_search_terms_match_set (MsSearchTerms       *self,
                           const char * const  *set)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  if (self->words->len == 0 || set == NULL)
    return FALSE;
  while (set[n] != NULL)
    n++;
  for (guint i = 0; i < self->words->len; i++)
    {
      QueryWord *w = &g_array_index (self->words, QueryWord, i);
      gboolean found = FALSE;

      for (guint j = 0; !found && j < w->alternatives->len; j++)
        {
          const char *alt = g_ptr_array_index (w->alternatives, j);
          guint at = lower_bound (set, n, alt);

          found = at < n && strcmp (set[at], alt) == 0;
        }
      for (guint j = 0; !found && j < w->prefixes->len; j++)
        {
          const char *prefix = g_ptr_array_index (w->prefixes, j);
          guint at = lower_bound (set, n, prefix);

          found = at < n && g_str_has_prefix (set[at], prefix);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
append_plain (GString    *out,
              const char *text,
              gsize       length)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_c (out, text[i] == '\n' ? ' ' : text[i]);
}

char *
ms_search_terms_snippet (MsSearchTerms       *self,
                         const char * const  *texts,
                         guint                n_texts,
                         guint                n_words)
{
  g_autoptr(GArray) best_tokens = NULL;
  const char *best_text = NULL;
  guint best = 0, from = 0, best_in_window = 0;
  GString *out;

  g_autofree char *best_line = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  n_words = MAX (n_words, 1);
  /* The line (one language of one text) with the most words of the query;
   * the first of equals, so the title before the rest. */
  for (guint i = 0; i < n_texts && best < self->words->len; i++)
    {
      g_auto(GStrv) lines = g_strsplit (texts[i] != NULL ? texts[i] : "", "\n", -1);

      for (guint l = 0; lines[l] != NULL && best < self->words->len; l++)
        {
          g_autoptr(GArray) tokens = text_tokens (self, lines[l]);
          guint n = count_words (tokens, 0, tokens->len, NULL);

          if (n > best)
            {
              best = n;
              g_free (best_line);
              best_line = g_strdup (lines[l]);
              g_clear_pointer (&best_tokens, g_array_unref);
              best_tokens = g_steal_pointer (&tokens);
            }
        }
    }
  if (best_line == NULL)
    return g_strdup ("");
  best_text = best_line;

  /* The window of @n_words tokens with the most words, a little context
   * before its first match. */
  for (guint i = 0; i < best_tokens->len; i++)
    if (g_array_index (best_tokens, Token, i).word >= 0)
      {
        guint start = i >= n_words / 4 ? i - n_words / 4 : 0;
        guint n = count_words (best_tokens, start, start + n_words, NULL);

        if (n > best_in_window)
          {
            best_in_window = n;
            from = start;
          }
      }

  /* A window that reaches the end starts early enough to be full. */
  if (best_tokens->len <= n_words)
    from = 0;
  else
    from = MIN (from, best_tokens->len - n_words);

  out = g_string_new (NULL);
  {
    guint to = MIN (from + n_words, best_tokens->len);
    gsize start = g_array_index (best_tokens, Token, from).start;
    gsize end = g_array_index (best_tokens, Token, to - 1).end;
    gsize at = start;

    /* A whole line of the text when the window reaches its ends. */
    if (from == 0)
      start = at = 0;
    if (to == best_tokens->len)
      end = strlen (best_text);
    if (from > 0)
      g_string_append (out, "…");
    for (guint i = from; i < to; i++)
      {
        Token *t = &g_array_index (best_tokens, Token, i);

        if (t->word < 0)
          continue;
        append_plain (out, best_text + at, t->start - at);
        g_string_append (out, MS_SNIPPET_START);
        append_plain (out, best_text + t->start, t->end - t->start);
        g_string_append (out, MS_SNIPPET_END);
        at = t->end;
      }
    append_plain (out, best_text + at, end - at);
    if (to < best_tokens->len)
      g_string_append (out, "…");
  }
  return g_string_free (out, FALSE);
}

/* Snippets {{{1 */

char *
ms_snippet_split (const char *snippet,
                  GArray     *ranges)
{
  GString *plain = g_string_new (NULL);
  guint chars = 0;

  for (const char *p = snippet; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == MS_SNIPPET_START[0] || *p == MS_SNIPPET_END[0])
        {
          if (ranges != NULL)
            g_array_append_val (ranges, chars);
          continue;
        }
      g_string_append_len (plain, p, g_utf8_next_char (p) - p);
      chars++;
    }
  /* A start without its end ends with the text. */
  if (ranges != NULL && ranges->len % 2 != 0)
    g_array_append_val (ranges, chars);
  return g_string_free (plain, FALSE);
}
