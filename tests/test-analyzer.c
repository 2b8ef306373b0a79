/* test-analyzer.c — the words search indexes and looks for (ms-analyzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-analyzer.h"

static void
assert_terms (const char *text,
              const char *expected)
{
  g_autofree char *terms = ms_analyzer_terms (text);

  g_assert_cmpstr (terms, ==, expected);
}

/* Two texts are found by the same terms. */
static void
assert_same (const char *a,
             const char *b)
{
  g_autofree char *x = ms_analyzer_terms (a);
  g_autofree char *y = ms_analyzer_terms (b);

  g_assert_cmpstr (x, ==, y);
}

static void
test_arabic (void)
{
  /* Issue 12: the article and the clitics before it. */
  assert_same ("العقد", "عقد");
  assert_same ("البطاقة", "بطاقة");
  assert_same ("والبطاقة", "بطاقة");
  assert_same ("بالبطاقة", "بطاقة");
  assert_same ("فالبطاقة", "بطاقة");
  assert_same ("كالبطاقة", "بطاقة");
  assert_same ("للوفاة", "الوفاة");
  /* Plural and relative suffixes, taa marbuta, alef maqsura, hamza, tashkeel. */
  assert_same ("الشهادات", "شهادة");
  assert_same ("شهاده", "شَهَادَةٌ");
  assert_same ("السكنى", "السكني");
  assert_same ("الإدارية", "الادارة");
  assert_same ("جوازات", "جواز");
  /* و may be the first letter: both forms, the second colocated. */
  assert_terms ("وفاة", "وفا|فا");
  assert_terms ("وشهادة", "وشهاد|شهاد");
  /* Short words keep their letters. */
  assert_terms ("ولد", "ولد");
  assert_terms ("في", "في");
}

static void
test_french (void)
{
  assert_same ("certificats", "Certificat");
  assert_same ("légalisée", "LEGALISEE");
  assert_same ("résidence", "Residence");
  /* Elision with ' or ’, and qu'. */
  assert_terms ("l'acte d’état civil qu'il", "acte etat civil il");
  assert_terms ("aujourd'hui", "aujourd hui");
  assert_terms ("L’ACTE", "acte");
  /* An elided letter alone at the end stays a word. */
  assert_terms ("l'", "l");
}

static void
test_numbers (void)
{
  assert_terms ("loi n° 55-19", "loi n 55-19");
  assert_same ("55.19", "55-19");
  assert_same ("55/19", "55-19");
  assert_same ("٥٥-١٩", "55-19");
  assert_terms ("2-20-660.", "2-20-660");
  assert_terms ("MI-DGSN-0007", "mi dgsn 0007");
  assert_terms ("article 5. Fin", "articl 5 fin");
}

static void
test_prefix_forms (void)
{
  g_autofree char *arabic = ms_analyzer_terms_full ("البطا", MS_ANALYZER_PREFIX);
  g_autofree char *french = ms_analyzer_terms_full ("décès", MS_ANALYZER_PREFIX);
  g_autofree char *long_stem = ms_analyzer_terms_full ("commerce", MS_ANALYZER_PREFIX);

  g_assert_cmpstr (arabic, ==, "بطا");
  g_assert_cmpstr (french, ==, "deces");
  /* Cut to six letters: the index's longest prefix. */
  g_assert_cmpstr (long_stem, ==, "commer");
  g_assert_true (ms_search_word_has_prefix ("certif"));
  g_assert_false (ms_search_word_has_prefix ("c"));
  g_assert_false (ms_search_word_has_prefix ("ش"));
}

typedef struct {
  GString *out;
  const char *text;
} Spans;

static int
record_span (const char *term,
             gsize       length,
             gsize       start,
             gsize       end,
             gboolean    colocated,
             gpointer    user_data)
{
  Spans *s = user_data;

  g_string_append_printf (s->out, "[%.*s]", (int) (end - start), s->text + start);
  return 0;
}

/* Offsets are in the text as written (snippets mark them there), and bytes
 * that are not UTF-8 separate words without harm. */
static void
test_offsets (void)
{
  const char *text = "  Certificat de «résidence» — شَهادة\xff\xfeالسكنى";
  Spans s = { g_string_new (NULL), text };

  ms_analyzer_tokenize (text, -1, record_span, &s);
  g_assert_cmpstr (s.out->str, ==, "[Certificat][de][résidence][شَهادة][السكنى]");
  g_string_free (s.out, TRUE);
  /* A length cuts the text. */
  s.out = g_string_new (NULL);
  ms_analyzer_tokenize (text, 12, record_span, &s);
  g_assert_cmpstr (s.out->str, ==, "[Certificat]");
  g_string_free (s.out, TRUE);
}

static void
test_query_words (void)
{
  gboolean cut = TRUE;
  g_autoptr(GPtrArray) words = ms_analyzer_query_words ("\"Certificats\" de  certificat* résidence OR (résidences)", &cut);

  g_assert_false (cut);
  /* Repeated forms once, "de" dropped among other words, syntax gone. */
  g_assert_cmpuint (words->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (words, 0), ==, "Certificats");
  g_assert_cmpstr (g_ptr_array_index (words, 1), ==, "résidence");
  g_assert_cmpstr (g_ptr_array_index (words, 2), ==, "OR");
  g_clear_pointer (&words, g_ptr_array_unref);
  /* Little words alone are what was asked for. */
  words = ms_analyzer_query_words ("de la", &cut);
  g_assert_cmpuint (words->len, ==, 2);
  g_clear_pointer (&words, g_ptr_array_unref);
  words = ms_analyzer_query_words ("«» — ... \"", &cut);
  g_assert_cmpuint (words->len, ==, 0);
}

static void
test_snippets (void)
{
  g_autoptr(MsSearchTerms) terms = ms_search_terms_new ("certificats résidence");
  g_autoptr(MsSearchTerms) none = ms_search_terms_new ("zzzz");
  const char *texts[] = {
    "شهادة السكنى\nCertificat de résidence",
    "Un texte très long qui parle de beaucoup de choses avant de dire enfin que le certificat "
    "de résidence est demandé, puis continue encore longtemps sans rien dire de plus utile du tout",
  };
  g_autofree char *snippet = ms_search_terms_snippet (terms, texts, 2, 14);
  g_autofree char *in_body = ms_search_terms_snippet (terms, texts + 1, 1, 8);
  g_autofree char *nothing = ms_search_terms_snippet (none, texts, 2, 14);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *plain = ms_snippet_split (in_body, ranges);

  g_assert_cmpstr (snippet, ==, MS_SNIPPET_START "Certificat" MS_SNIPPET_END " de "
                                MS_SNIPPET_START "résidence" MS_SNIPPET_END);
  g_assert_true (g_str_has_prefix (plain, "…"));
  g_assert_true (g_str_has_suffix (plain, "…"));
  g_assert_nonnull (strstr (plain, "certificat de résidence"));
  g_assert_cmpuint (ranges->len, ==, 4);
  g_assert_cmpstr (nothing, ==, "");
  g_assert_true (ms_search_terms_match (terms, texts, 1));
  g_assert_false (ms_search_terms_match (none, texts, 2));
}

static void
test_term_sets (void)
{
  g_auto(GStrv) set = ms_analyzer_term_set ("Extrait d'acte de décès\nرسم الوفاة، التصريح بالوفاة");
  g_autoptr(MsSearchTerms) death = ms_search_terms_new ("للوفاة");
  g_autoptr(MsSearchTerms) typing = ms_search_terms_new ("extr ACTES");
  g_autoptr(MsSearchTerms) decision = ms_search_terms_new ("décision");
  g_autoptr(MsSearchTerms) empty = ms_search_terms_new ("« »");

  /* Sorted, each term once: extrait acte de dec رسم وفا تصريح (بالوفاة is الوفاة). */
  g_assert_cmpuint (g_strv_length (set), ==, 7);
  for (guint i = 1; set[i] != NULL; i++)
    g_assert_cmpint (strcmp (set[i - 1], set[i]), <, 0);
  g_assert_true (g_strv_contains ((const char * const *) set, "وفا"));
  g_assert_true (ms_search_terms_match_set (death, (const char * const *) set));
  g_assert_true (ms_search_terms_match_set (typing, (const char * const *) set));
  g_assert_false (ms_search_terms_match_set (decision, (const char * const *) set));
  g_assert_false (ms_search_terms_match_set (empty, (const char * const *) set));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analyzer/arabic", test_arabic);
  g_test_add_func ("/analyzer/french", test_french);
  g_test_add_func ("/analyzer/numbers", test_numbers);
  g_test_add_func ("/analyzer/prefix-forms", test_prefix_forms);
  g_test_add_func ("/analyzer/offsets", test_offsets);
  g_test_add_func ("/analyzer/query-words", test_query_words);
  g_test_add_func ("/analyzer/snippets", test_snippets);
  g_test_add_func ("/analyzer/term-sets", test_term_sets);

  return g_test_run ();
}
