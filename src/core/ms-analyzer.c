/* ms-analyzer.c — the words search indexes and looks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-analyzer"

#include "config.h"

#include <libstemmer.h>
#include <string.h>

#include "ms-analyzer.h"
#include "ms-text.h"
#include "ms-vocabulary.h"

/* A term longer than this is cut (at a character): no word is that long,
 * and a hostile text cannot grow the index's terms without bound. */
#define MAX_TERM_BYTES 120

/* Words {{{1 */

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018;
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  if (is_apostrophe (c))
    return FALSE;
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == 0x0640
         || (g_unichar_type (c) == G_UNICODE_FORMAT && c != 0xFEFF);
}

/* Between digits: "55-19", "55.19", "55/19", "2‑20‑660" are one number. */
static inline gboolean
is_number_joiner (gunichar c)
{
  return c == '-' || c == '/' || c == '.' || (c >= 0x2010 && c <= 0x2013);
}

/* The character at @p (before @end), or (gunichar) -1 for bytes that are
 * not UTF-8; *@next is where the following one starts. */
static inline gunichar
char_at (const char  *p,
         const char  *end,
         const char **next)
{
  gunichar c;

  if (p >= end)
    {
      *next = end;
      return (gunichar) -2;
    }
  if ((guchar) *p < 0x80)
    {
      *next = p + 1;
      return (guchar) *p;
    }
  c = g_utf8_get_char_validated (p, end - p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = p + 1;
      return (gunichar) -1;
    }
  *next = g_utf8_next_char (p);
  return c;
}

/* "l", "d", "qu"… before an apostrophe: the elided article or pronoun. */
static gboolean
is_elision (const char *word,
            gsize       length)
{
  static const char * const elided[] = { "l", "d", "j", "m", "n", "s", "t", "c", "qu" };

  for (guint i = 0; i < G_N_ELEMENTS (elided); i++)
    if (strlen (elided[i]) == length && g_ascii_strncasecmp (word, elided[i], length) == 0)
      return TRUE;
  return FALSE;
}

typedef int (*WordFunc) (const char *text,
                         gsize       start,
                         gsize       end,
                         gpointer    user_data);

/* Calls @func for each word of @text: a run of letters, digits and marks;
 * digits joined by hyphens or slashes stay one word; an elided French
 * article or pronoun (the "l" of "l'acte") is no word. */
static int
segment (const char *text,
         gsize       length,
         WordFunc    func,
         gpointer    user_data)
{
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *next, *start, *after;
      gboolean all_digits;
      gunichar c = char_at (p, end, &next);
      int rc;

      if (c == (gunichar) -1 || !is_word_char (c))
        {
          p = next;
          continue;
        }
      start = p;
      all_digits = TRUE;
      while (p < end)
        {
          c = char_at (p, end, &next);
          if (c == (gunichar) -1)
            break;
          if (is_word_char (c))
            {
              all_digits = all_digits && g_unichar_isdigit (c);
              p = next;
              continue;
            }
          if (all_digits && is_number_joiner (c) && g_unichar_isdigit (char_at (next, end, &after)))
            {
              p = next;
              continue;
            }
          break;
        }
      /* p is at the first character after the word. */
      if (p < end && is_apostrophe (char_at (p, end, &next)) && is_elision (start, p - start)
          && is_word_char (char_at (next, end, &after)))
        continue;
      if ((rc = func (text, start - text, p - text, user_data)) != 0)
        return rc;
    }
  return 0;
}

/* Stemming {{{1 */

static GPrivate french_stemmer = G_PRIVATE_INIT ((GDestroyNotify) sb_stemmer_delete);

/* One stemmer per thread: a stemmer keeps state between calls. */
static struct sb_stemmer *
get_french_stemmer (void)
{
  struct sb_stemmer *stemmer = g_private_get (&french_stemmer);

  if (stemmer == NULL)
    {
      stemmer = sb_stemmer_new ("french", "UTF_8");
      if (stemmer == NULL)
        g_error ("libstemmer has no French stemmer");
      g_private_set (&french_stemmer, stemmer);
    }
  return stemmer;
}

/* Arabic words are normalised (ms_text_normalize): ة is ه, ى is ي, every
 * alef is ا. Letters of the Arabic block are two bytes in UTF-8. */
static const char * const arabic_prefixes[] = {
  /* Longest first: وال before ال. */
  "وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل",
};
static const char * const arabic_suffixes[] = {
  /* Lucene's light10 list, in its order (ية and ة are يه and ه here). */
  "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي",
};

/* Lucene's suffix step: each suffix in turn, when two letters stay. */
static gsize
arabic_strip_suffixes (const char *word,
                       gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (arabic_suffixes); i++)
    {
      gsize n = strlen (arabic_suffixes[i]);

      if (length >= n + 4 && memcmp (word + length - n, arabic_suffixes[i], n) == 0)
        length -= n;
    }
  return length;
}

typedef struct {
  MsAnalyzerFunc  func;
  gpointer        user_data;
  gsize           start;
  gsize           end;
  gsize           offset;   /* of the text given to segment() in the caller's */
  gboolean        prefix;   /* MS_ANALYZER_PREFIX */
} Emit;

static int
emit (Emit       *e,
      const char *term,
      gsize       length,
      gboolean    colocated)
{
  if (length == 0)
    return 0;
  if (length > MAX_TERM_BYTES)
    length = g_utf8_find_prev_char (term, term + MAX_TERM_BYTES + 1) - term;
  /* A prefix is looked for by its first MS_ANALYZER_PREFIX_CHARS letters:
   * the index keeps a list of the sheets for each prefix up to that
   * length, so a prefix costs as little as a word (a longer one would
   * gather the postings of every term that starts with it). */
  if (e->prefix && g_utf8_strlen (term, length) > MS_ANALYZER_PREFIX_CHARS)
    length = g_utf8_offset_to_pointer (term, MS_ANALYZER_PREFIX_CHARS) - term;
  return e->func (term, length, e->offset + e->start, e->offset + e->end, colocated, e->user_data);
}

/* A word being typed keeps its suffixes: "البطا" is looked for as بطا*. */
static gsize
arabic_end (Emit       *e,
                 const char *word,
                 gsize       length)
{
  return e->prefix ? length : arabic_strip_suffixes (word, length);
}

static int
stem_arabic (Emit       *e,
             const char *word,
             gsize       length)
{
  gsize prefix = 0;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (arabic_prefixes); i++)
    {
      gsize n = strlen (arabic_prefixes[i]);

      if (length >= n + 4 && memcmp (word, arabic_prefixes[i], n) == 0)
        {
          prefix = n;
          break;
        }
    }
  if (prefix > 0 || length < 8 || memcmp (word, "و", 2) != 0)
    return emit (e, word + prefix, arabic_end (e, word + prefix, length - prefix), FALSE);

  /* و is the conjunction, or the word's first letter: both, colocated. */
  if ((rc = emit (e, word, arabic_end (e, word, length), FALSE)) != 0)
    return rc;
  return emit (e, word + 2, arabic_end (e, word + 2, length - 2), TRUE);
}

static gboolean
is_arabic_word (const char *word,
                gsize       length)
{
  /* Every character of U+0600–U+06FF is D8–DB followed by one byte. */
  if (length == 0 || length % 2 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i += 2)
    if ((guchar) word[i] < 0xD8 || (guchar) word[i] > 0xDB)
      return FALSE;
  return TRUE;
}

static gboolean
is_ascii_word (const char *word,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (word[i]))
      return FALSE;
  return length > 0;
}

/* The terms of word @start–@end of @text. */
static int
analyse_new_word (const char *text,
                  gsize       start,
                  gsize       end,
                  gpointer    user_data)
{
  Emit *e = user_data;
  g_autofree char *raw = g_strndup (text + start, end - start);
  g_autofree char *word = ms_text_normalize (raw);
  gsize length = strlen (word);

  e->start = start;
  e->end = end;
  /* A mark or an invisible character alone is no word. */
  if (length == 0)
    return 0;
  if (g_ascii_isdigit (word[0]))
    {
      g_autoptr(GString) number = g_string_new (NULL);
      const char *next;

      /* Every joiner is "-": "55.19" is "55-19". */
      for (const char *p = word; *p != '\0'; p = next)
        {
          gunichar c = char_at (p, word + length, &next);

          if (c != (gunichar) -1 && is_number_joiner (c))
            g_string_append_c (number, '-');
          else
            g_string_append_len (number, p, next - p);
        }
      return emit (e, number->str, number->len, FALSE);
    }
  if (is_arabic_word (word, length))
    return stem_arabic (e, word, length);
  if (is_ascii_word (word, length))
    {
      struct sb_stemmer *stemmer = get_french_stemmer ();
      const sb_symbol *stem = sb_stemmer_stem (stemmer, (const sb_symbol *) word, (int) length);
      int n = stem != NULL ? sb_stemmer_length (stemmer) : 0;
      int rc;

      if (stem != NULL && !e->prefix)
        return emit (e, (const char *) stem, n, FALSE);
      /* As a prefix: the word as typed, and its stem when that is long
       * enough to say something ("commerc" finds "commercial"; "dec", of
       * "décès", would find "décision"). */
      if (stem == NULL || n < 5 || (gsize) n == length
          || (n >= MS_ANALYZER_PREFIX_CHARS && length >= MS_ANALYZER_PREFIX_CHARS
              && memcmp (stem, word, MS_ANALYZER_PREFIX_CHARS) == 0))
        return emit (e, word, length, FALSE);
      if ((rc = emit (e, word, length, FALSE)) != 0)
        return rc;
      return emit (e, (const char *) stem, n, TRUE);
    }
  return emit (e, word, length, FALSE);
}

/* The words of a document analysed before, on this thread: the same word
 * gives the same terms, and a catalog's texts repeat their words (an
 * import analyses hundreds of thousands of texts). Each word maps to its
 * terms, each a byte saying whether it is colocated, its length (a byte:
 * at most MAX_TERM_BYTES) and its bytes; the table is emptied when full. */
#define CACHED_WORD_BYTES 64
#define CACHED_WORDS      65536

G_STATIC_ASSERT (MAX_TERM_BYTES < 256);

static GPrivate word_cache = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

typedef struct {
  Emit       *e;
  GByteArray *terms;
} Recording;

static int
record_term (const char *term,
             gsize       length,
             gsize       start,
             gsize       end,
             gboolean    colocated,
             gpointer    user_data)
{
  Recording *r = user_data;
  guint8 head[2] = { colocated ? 1 : 0, (guint8) length };

  g_byte_array_append (r->terms, head, sizeof head);
  g_byte_array_append (r->terms, (const guint8 *) term, (guint) length);
  return r->e->func (term, length, start, end, colocated, r->e->user_data);
}

static int
analyse_word (const char *text,
              gsize       start,
              gsize       end,
              gpointer    user_data)
{
  Emit *e = user_data;
  GHashTable *cache;
  GByteArray *terms;
  char key[CACHED_WORD_BYTES + 1];
  Recording recording;
  Emit recorder;
  int rc;

  if (e->prefix || end - start > CACHED_WORD_BYTES)
    return analyse_new_word (text, start, end, user_data);
  memcpy (key, text + start, end - start);
  key[end - start] = '\0';
  if (!(cache = g_private_get (&word_cache)))
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_byte_array_unref);
      g_private_set (&word_cache, cache);
    }
  if ((terms = g_hash_table_lookup (cache, key)) != NULL)
    {
      for (guint i = 0; i < terms->len; i += 2 + terms->data[i + 1])
        if ((rc = e->func ((const char *) terms->data + i + 2, terms->data[i + 1], e->offset + start,
                           e->offset + end, terms->data[i] != 0, e->user_data)) != 0)
          return rc;
      return 0;
    }

  recording.e = e;
  recording.terms = g_byte_array_new ();
  recorder = *e;
  recorder.func = record_term;
  recorder.user_data = &recording;
  if ((rc = analyse_new_word (text, start, end, &recorder)) != 0)
    {
      g_byte_array_unref (recording.terms);
      return rc;
    }
  if (g_hash_table_size (cache) >= CACHED_WORDS)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, g_strdup (key), recording.terms);
  return 0;
}

int
ms_analyzer_tokenize (const char     *text,
                      gssize          length,
                      MsAnalyzerFunc  func,
                      gpointer        user_data)
{
  return ms_analyzer_tokenize_full (text, length, 0, func, user_data);
}

int
ms_analyzer_tokenize_full (const char      *text,
                           gssize           length,
                           MsAnalyzerFlags  flags,
                           MsAnalyzerFunc   func,
                           gpointer         user_data)
{
  Emit e = { func, user_data, 0, 0, 0, (flags & MS_ANALYZER_PREFIX) != 0 };

  g_return_val_if_fail (func != NULL, 0);
  if (text == NULL)
    return 0;
  return segment (text, length < 0 ? strlen (text) : (gsize) length, analyse_word, &e);
}

static int
append_term (const char *term,
             gsize       length,
             gsize       start,
             gsize       end,
             gboolean    colocated,
             gpointer    user_data)
{
  GString *out = user_data;

  if (out->len > 0)
    g_string_append_c (out, colocated ? '|' : ' ');
  g_string_append_len (out, term, length);
  return 0;
}

char *
ms_analyzer_terms (const char *text)
{
  return ms_analyzer_terms_full (text, 0);
}

char *
ms_analyzer_terms_full (const char      *text,
                        MsAnalyzerFlags  flags)
{
  GString *out = g_string_new (NULL);

  ms_analyzer_tokenize_full (text, -1, flags, append_term, out);
  return g_string_free (out, FALSE);
}

/* Queries {{{1 */

/* Words that say nothing of a procedure, dropped from a query that has
 * others (they are indexed: a query made of them alone still finds).
 * Compared as analysed, so that every spelling of them is one. */
static gboolean
is_stop_term (const char *terms)
{
  static const char * const stop[] = {
    "de", "du", "des", "la", "le", "les", "un", "une", "et", "ou", "à", "au", "aux", "en", "pour",
    "par", "sur", "dans", "avec", "sans", "qui", "que",
    "في", "من", "على", "إلى", "عن", "أو", "مع",
  };
  static GHashTable *analysed;

  if (g_once_init_enter (&analysed))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (stop); i++)
        g_hash_table_add (set, ms_analyzer_terms (stop[i]));
      g_once_init_leave (&analysed, set);
    }
  return g_hash_table_contains (analysed, terms);
}

typedef struct {
  GPtrArray  *words;
  GPtrArray  *stop_words;
  GHashTable *seen;
  gboolean    cut;
} QueryWords;

static int
add_query_word (const char *text,
                gsize       start,
                gsize       end,
                gpointer    user_data)
{
  QueryWords *q = user_data;
  g_autofree char *word = g_strndup (text + start, end - start);
  char *terms = ms_analyzer_terms (word);

  if (*terms == '\0' || !g_hash_table_add (q->seen, terms))
    {
      if (*terms == '\0')
        g_free (terms);
      return 0;
    }
  if (q->words->len + q->stop_words->len >= MS_SEARCH_MAX_WORDS)
    {
      q->cut = TRUE;
      return 1;
    }
  g_ptr_array_add (is_stop_term (terms) ? q->stop_words : q->words, g_steal_pointer (&word));
  return 0;
}

GPtrArray *
ms_analyzer_query_words (const char *query,
                         gboolean   *cut)
{
  g_autoptr(GPtrArray) stop_words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  QueryWords q = { g_ptr_array_new_with_free_func (g_free), stop_words, seen, FALSE };
  const char *end;

  g_return_val_if_fail (query != NULL, NULL);

  end = query + strlen (query);
  if (g_utf8_strlen (query, -1) > MS_SEARCH_MAX_CHARS)
    {
      const char *next;

      end = g_utf8_offset_to_pointer (query, MS_SEARCH_MAX_CHARS);
      q.cut = TRUE;
      /* Not in the middle of a word: that word goes whole. */
      if (is_word_char (char_at (end, end + strlen (end), &next)))
        while (end > query && is_word_char (g_utf8_get_char (g_utf8_prev_char (end))))
          end = g_utf8_prev_char (end);
    }
  segment (query, end - query, add_query_word, &q);
  /* Only little words: they are what was asked for. */
  if (q.words->len == 0)
    g_ptr_array_extend_and_steal (q.words, g_steal_pointer (&stop_words));
  if (cut != NULL)
    *cut = q.cut;
  return q.words;
}

gboolean
ms_search_word_has_prefix (const char *word)
{
  g_autofree char *forms = ms_analyzer_terms_full (word, MS_ANALYZER_PREFIX);

  return g_utf8_strlen (forms, -1) >= 2 && strchr (forms, ' ') == NULL;
}

/* What is searched {{{1 */

/* @text on a line of its own, its control characters made spaces (the
 * snippet marks are control characters). */
static void
append_text (GString    *out,
             const char *text)
{
  gsize from;

  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  from = out->len;
  g_string_append (out, text);
  for (gsize i = from; i < out->len; i++)
    if ((guchar) out->str[i] < 0x20 || out->str[i] == 0x7F)
      out->str[i] = ' ';
}

static void
append_localized (GString           *out,
                  const MsLocalized *text)
{
  for (guint lang = 0; text != NULL && lang < MS_N_LANGS; lang++)
    append_text (out, ms_localized_get (text, lang));
}

static void
append_localized_list (GString   *out,
                       GPtrArray *list)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    append_localized (out, g_ptr_array_index (list, i));
}

void
ms_analyzer_sheet_text (MsProcedure *p,
                        GString     *title,
                        GString     *code,
                        GString     *body)
{
  g_return_if_fail (MS_IS_PROCEDURE (p));

  append_localized (title, p->title);
  append_text (code, p->code);
  append_localized (body, p->summary);
  for (guint i = 0; p->documents != NULL && i < p->documents->len; i++)
    {
      MsDocument *d = g_ptr_array_index (p->documents, i);

      append_localized (body, d->name);
      append_localized (body, d->condition);
    }
  append_localized_list (body, p->conditions);
  for (guint i = 0; p->fees != NULL && i < p->fees->len; i++)
    append_localized (body, ((MsFee *) g_ptr_array_index (p->fees, i))->label);
  for (guint i = 0; p->legal_basis != NULL && i < p->legal_basis->len; i++)
    {
      MsLegalRef *ref = g_ptr_array_index (p->legal_basis, i);
      gboolean titled = FALSE;

      /* The number on each line of the title, so that a snippet of a
       * number says which text it is. */
      for (guint lang = 0; ref->title != NULL && lang < MS_N_LANGS; lang++)
        if (ms_localized_get (ref->title, lang) != NULL)
          {
            g_autofree char *line = g_strconcat (ref->number != NULL ? ref->number : "",
                                                 ref->number != NULL ? " " : "",
                                                 ms_localized_get (ref->title, lang), NULL);

            append_text (body, line);
            titled = TRUE;
          }
      if (!titled)
        append_text (body, ref->number);
    }
  if (p->administration != NULL)
    {
      append_text (body, p->administration);
      append_localized (body, ms_vocabulary_lookup (ms_vocabulary_get_default (), MS_VOCAB_ADMINISTRATIONS,
                                                    p->administration));
    }
  append_localized_list (body, p->receiving);
  append_localized_list (body, p->delivering);
  if (p->output != NULL)
    append_localized (body, p->output->name);
}
