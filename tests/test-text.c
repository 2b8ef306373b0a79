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

  return g_test_run ();
}
