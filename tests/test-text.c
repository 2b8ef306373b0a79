/* test-text.c — Arabic and French normalisation, script detection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "ms-text.h"

static void
assert_normalizes_to (const char *input,
                      const char *expected)
{
  g_autofree char *normalized = ms_text_normalize (input);

  g_assert_cmpstr (normalized, ==, expected);
}

static void
assert_same (const char *a,
             const char *b)
{
  g_autofree char *na = ms_text_normalize (a);
  g_autofree char *nb = ms_text_normalize (b);

  g_assert_cmpstr (na, ==, nb);
}

static void
test_arabic (void)
{
  /* Tashkeel, and the three spellings the screens must treat alike. */
  assert_same ("نسخة مطابقة للأصل", "نُسخة مُطابِقة للأصل");
  assert_same ("نسخة مطابقة للأصل", "نسخه مطابقه للاصل");
  assert_normalizes_to ("نُسخة مُطابِقة للأصل", "نسخه مطابقه للاصل");
  /* Alef forms, alef maqsura, hamza on waw and yaa, superscript alef. */
  assert_normalizes_to ("أإآٱا", "ااااا");
  assert_normalizes_to ("مصطفى", "مصطفي");
  assert_normalizes_to ("مؤسسة", "موسسه");
  assert_normalizes_to ("رئيس", "رييس");
  assert_normalizes_to ("هٰذا", "هذا");
  /* Tatweel, shadda, sukun. */
  assert_normalizes_to ("تـــصـحـيـح", "تصحيح");
  assert_normalizes_to ("الإمْضَاء", "الامضاء");
  assert_same ("تصحيح الإمضاء", "تَصْحِيحُ الإِمْضَاءِ");
  /* Eastern digits and Persian letters pasted from other keyboards. */
  assert_normalizes_to ("٢ نسخ", "2 نسخ");
  assert_normalizes_to ("۳", "3");
  assert_normalizes_to ("کی", "كي");
  /* Presentation forms (old PDFs) come back to letters. */
  assert_normalizes_to ("\xEF\xBB\xBB", "لا");
}

static void
test_french (void)
{
  assert_same ("Copie Certifiée Conforme", "copie certifiee conforme");
  assert_same ("COPIE CERTIFIÉE CONFORME", "copie certifiée conforme");
  assert_normalizes_to ("Légalisée", "legalisee");
  assert_normalizes_to ("Œuvre, cœur, Æ", "oeuvre, coeur, ae");
  assert_normalizes_to ("Straße", "strasse");
  assert_normalizes_to ("çà et là, où, île, naïf", "ca et la, ou, ile, naif");
  /* Decomposed input (e + combining acute) folds like composed input. */
  assert_same ("e\xCC\x81t\xC3\xA9", "été");
  /* Apostrophes and ligatures. */
  assert_normalizes_to ("l’acte d\xCA\xBC" "état", "l'acte d'etat");
  assert_normalizes_to ("\xEF\xAC\x81" "che", "fiche");
}

static void
test_spacing_and_punctuation (void)
{
  assert_normalizes_to ("  deux \t exemplaires\n", "deux exemplaires");
  assert_normalizes_to ("a\xC2\xA0" "b\xE2\x80\xAF" "c", "a b c");
  assert_normalizes_to ("pièces…", "pieces...");
  assert_normalizes_to ("وثيقة\xE2\x80\x8F أخرى", "وثيقه اخري");
  assert_normalizes_to ("", "");
  assert_normalizes_to ("   ", "");
  assert_normalizes_to ("ⵜⴰⵙⵏⴰⴷⵜ", "ⵜⴰⵙⵏⴰⴷⵜ");
  g_assert_null (ms_text_normalize (NULL));
}

static void
test_idempotent (void)
{
  const char *samples[] = {
    "نُسخة مُطابِقة للأصل", "Copie Certifiée Conforme", "Œuvre … ﬁn", "ٱلإِمْضَاء ٢",
    "Straße  ⵜⴰⵙⵏⴰⴷⵜ", "Extrait d’acte de naissance",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *once = ms_text_normalize (samples[i]);
      g_autofree char *twice = ms_text_normalize (once);

      g_assert_true (g_utf8_validate (once, -1, NULL));
      g_assert_cmpstr (once, ==, twice);
    }
}

static void
test_script (void)
{
  g_assert_cmpint (ms_text_script ("شهادة السكنى"), ==, MS_SCRIPT_ARABIC);
  g_assert_cmpint (ms_text_script ("نُسخة مُطابِقة"), ==, MS_SCRIPT_ARABIC);
  g_assert_cmpint (ms_text_script ("Certificat de résidence"), ==, MS_SCRIPT_LATIN);
  g_assert_cmpint (ms_text_script ("ⵜⴰⵙⵏⴰⴷⵜ ⵏ ⵓⵣⴷⴰⵖ"), ==, MS_SCRIPT_TIFINAGH);
  g_assert_cmpint (ms_text_script ("12-34 / 56."), ==, MS_SCRIPT_NONE);
  g_assert_cmpint (ms_text_script (""), ==, MS_SCRIPT_NONE);
  g_assert_cmpint (ms_text_script (NULL), ==, MS_SCRIPT_NONE);
  g_assert_cmpint (ms_text_script ("٢٠٢٠ ،؟"), ==, MS_SCRIPT_NONE);
  g_assert_cmpint (ms_text_script ("Привет"), ==, MS_SCRIPT_OTHER);
  /* The dominant script wins: an acronym does not make Arabic text Latin. */
  g_assert_cmpint (ms_text_script ("البطاقة الوطنية CNIE"), ==, MS_SCRIPT_ARABIC);
  g_assert_cmpint (ms_text_script ("Carte nationale (البطاقة)"), ==, MS_SCRIPT_LATIN);
  g_assert_cmpstr (ms_script_to_string (MS_SCRIPT_TIFINAGH), ==, "tifinagh");
}

/* A UTF-8 sequence cut short by the end of the string (as a shell passes
 * "$(printf 'abc\xf0')"). Each input is followed, past its NUL, by more
 * text: a reader that steps over the NUL picks it up and the result shows
 * it (under AddressSanitizer, a heap-buffer-overflow on a heap copy). */
static void
test_truncated_utf8 (void)
{
  static const struct {
    char        buffer[16];
    const char *normalized;
  } cases[] = {
    { "abc\xf0\0xyzxyz", "abc\xef\xbf\xbd" },
    { "abc\xc3\0xyzxyz", "abc\xef\xbf\xbd" },
    { "abc\xe0\xa0\0xyzxyz", "abc\xef\xbf\xbd\xef\xbf\xbd" },
    { "abc\xfc\0xyzxyzxyz", "abc\xef\xbf\xbd" },
    { "ABC\xf0 D\xc3", "abc\xef\xbf\xbd d\xef\xbf\xbd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *copy = g_memdup2 (cases[i].buffer, sizeof cases[i].buffer);

      assert_normalizes_to (copy, cases[i].normalized);
    }

  /* The script counts only what is there: two Latin letters and a bad byte,
   * not the Arabic letters behind the NUL. */
  {
    static const char buffer[] = "ab\xd8\0\xd8\xa7\xd8\xa7\xd8\xa7";

    g_assert_cmpint (ms_text_script (buffer), ==, MS_SCRIPT_LATIN);
  }
}

static void
assert_escapes_to (const char *input,
                   const char *expected)
{
  g_autofree char *escaped = ms_text_escape_controls (input);
  g_autofree char *twice = ms_text_escape_controls (escaped);

  g_assert_cmpstr (escaped, ==, expected);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
  g_assert_cmpstr (twice, ==, escaped);
}

static void
test_escape_controls (void)
{
  assert_escapes_to ("kid\n\x1b[31m", "kid\\n\\x1b[31m");
  assert_escapes_to ("a\rb\tc\x7f\x01", "a\\rb\\tc\\x7f\\x01");
  /* C1 (NEL, CSI), line and paragraph separators, bidi overrides and isolates */
  assert_escapes_to ("x\xc2\x85y\xc2\x9b", "x\\u0085y\\u009b");
  assert_escapes_to ("a\xe2\x80\xa8" "b\xe2\x80\xa9", "a\\u2028b\\u2029");
  assert_escapes_to ("\xe2\x80\xaegnp.exe", "\\u202egnp.exe");
  assert_escapes_to ("\xe2\x81\xa7x\xe2\x81\xa9", "\\u2067x\\u2069");
  /* Text, Arabic and its direction marks, and backslashes stay. */
  assert_escapes_to ("شهادة\xe2\x80\x8f résidence C:\\x", "شهادة\xe2\x80\x8f résidence C:\\x");
  assert_escapes_to ("", "");
  /* Bytes that are not UTF-8 are shown, not dropped nor passed through. */
  assert_escapes_to ("abc\xf0", "abc\\xf0");
  assert_escapes_to ("\xe0\xa0!", "\\xe0\\xa0!");
  assert_escapes_to ("\xc0\x80", "\\xc0\\x80");
  g_assert_null (ms_text_escape_controls (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/arabic", test_arabic);
  g_test_add_func ("/text/french", test_french);
  g_test_add_func ("/text/spacing-and-punctuation", test_spacing_and_punctuation);
  g_test_add_func ("/text/idempotent", test_idempotent);
  g_test_add_func ("/text/script", test_script);
  g_test_add_func ("/text/truncated-utf8", test_truncated_utf8);
  g_test_add_func ("/text/escape-controls", test_escape_controls);

  return g_test_run ();
}
