/* test-bidi.c — numbers and Latin words read in their own order in Arabic
 *
 * ms_bidi_isolate() is checked where it matters: each string is laid out by
 * Pango in a right-to-left context, as a GtkLabel of the Arabic window lays
 * it out, and the test reads the x position of every character of a number
 * (or of a French phrase) to assert its visual order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pango/pangocairo.h>

#include "ms-bidi.h"

static PangoLayout *
layout_rtl (const char *text)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout;

  /* The context of a widget in the mirrored window; the layout keeps
   * Pango's default auto-dir, as GtkLabel does. */
  pango_context_set_base_dir (context, PANGO_DIRECTION_RTL);
  layout = pango_layout_new (context);
  pango_layout_set_text (layout, text, -1);
  g_object_unref (context);
  return layout;
}

/* The left edge of the character at byte @index on screen. */
static int
left_edge (PangoLayout *layout,
           int          index)
{
  PangoRectangle pos;

  pango_layout_index_to_pos (layout, index, &pos);
  return pos.width < 0 ? pos.x + pos.width : pos.x;
}

/* Whether the characters of @run (found in @layout's text) are drawn from
 * left to right in their logical order. */
static gboolean
reads_left_to_right (PangoLayout *layout,
                     const char  *run)
{
  const char *text = pango_layout_get_text (layout);
  const char *start = strstr (text, run);
  int previous = G_MININT;

  g_assert_nonnull (start);
  for (const char *p = start; p < start + strlen (run); p = g_utf8_next_char (p))
    {
      int x = left_edge (layout, (int) (p - text));

      if (x <= previous)
        return FALSE;
      previous = x;
    }
  return TRUE;
}

/* Checks that @run of @text reads left to right once isolated, and returns
 * whether it did without help (for the cases the test must show broken). */
static gboolean
assert_run_in_order (const char *text,
                     const char *run)
{
  g_autofree char *shown = ms_bidi_isolate (text);
  g_autoptr(PangoLayout) fixed = layout_rtl (shown);
  g_autoptr(PangoLayout) raw = layout_rtl (text);

  if (!reads_left_to_right (fixed, run))
    g_error ("“%s” in “%s” is not drawn left to right", run, text);
  return reads_left_to_right (raw, run);
}

static void
test_law_numbers (void)
{
  /* Without isolates the algorithm draws law 55-19 as "19-55" (issue 14):
   * the test would catch a function that did nothing. */
  g_assert_false (assert_run_in_order ("قانون رقم 55-19", "55-19"));
  g_assert_false (assert_run_in_order ("المرسوم 2-18-577", "2-18-577"));
  assert_run_in_order ("المرسوم رقم 2-18-577 الصادر في 2021/12/20", "2-18-577");
  assert_run_in_order ("المرسوم رقم 2-18-577 الصادر في 2021/12/20", "2021/12/20");
}

static void
test_numbers (void)
{
  g_autoptr(PangoLayout) range = NULL;
  g_autofree char *shown = NULL;
  const char *text;

  assert_run_in_order ("2021/12/20", "2021/12/20");
  assert_run_in_order ("بتاريخ 2021-12-20", "2021-12-20");
  /* Without isolates the spaces of a phone number turn its groups round. */
  g_assert_false (assert_run_in_order ("05 37 00 00 00", "05 37 00 00 00"));
  assert_run_in_order ("الهاتف: 05 37 00 00 00", "05 37 00 00 00");
  assert_run_in_order ("الهاتف: +212 5 37 00 00 00", "+212 5 37 00 00 00");
  assert_run_in_order ("1 234,50 درهم", "1 234,50");
  assert_run_in_order ("الرمز 2.3.14", "2.3.14");

  /* "From 55 to 58": two numbers in an Arabic sentence read right to left,
   * 55 first, so 55 stands to the right of 58; each number is whole. */
  text = "من 55 إلى 58";
  assert_run_in_order (text, "55");
  shown = ms_bidi_isolate (text);
  range = layout_rtl (shown);
  g_assert_cmpint (left_edge (range, (int) (strstr (shown, "55") - shown)), >,
                   left_edge (range, (int) (strstr (shown, "58") - shown)));
}

static void
test_latin_in_arabic (void)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *shown = NULL;
  const char *text = "انظر 55 à 58 من القانون";

  /* A French phrase in Arabic text keeps its order, numbers and all. */
  g_assert_false (assert_run_in_order (text, "55 à 58"));
  assert_run_in_order ("يسلم Loi n° 55-19 du 2021 للمرتفق", "Loi n° 55-19 du 2021");
  assert_run_in_order ("الوثيقة (Carte nationale d'identité) مطلوبة", "Carte nationale d'identité");
  assert_run_in_order ("الظهير رقم 1.20.06 (BO n° 6866 du 19/03/2020)", "1.20.06");
  assert_run_in_order ("الظهير رقم 1.20.06 (BO n° 6866 du 19/03/2020)", "(BO n° 6866 du 19/03/2020)");

  /* And the French phrase stays where the Arabic sentence puts it: left
   * of انظر, right of من. */
  shown = ms_bidi_isolate (text);
  layout = layout_rtl (shown);
  g_assert_cmpint (left_edge (layout, (int) (strstr (shown, "55") - shown)), <,
                   left_edge (layout, (int) (strstr (shown, "انظر") - shown)));
  g_assert_cmpint (left_edge (layout, (int) (strstr (shown, "58") - shown)), >,
                   left_edge (layout, (int) (strstr (shown, "من") - shown)));
}

static void
test_french (void)
{
  /* French text reads left to right in the Arabic window (its first letter
   * sets the paragraph's direction); Arabic inside it keeps its order. */
  assert_run_in_order ("Articles 55 à 58 de la loi 55-19", "55 à 58");
  assert_run_in_order ("Décret n° 2-18-577 du 20 décembre 2021", "2-18-577");
  assert_run_in_order ("Voir قانون رقم 55-19 page 3", "55-19");
  assert_run_in_order ("Voir قانون رقم 55-19, page 3", "55-19");
}

/* Long hostile text: numbers joined to a Latin word far away, each a run
 * the function must look at. Linear work, or the suite's timeout fails it. */
static void
test_long (void)
{
  GString *text = g_string_new ("قانون ");
  g_autofree char *shown = NULL;
  g_autofree char *stripped = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "1° ");
  g_string_append (text, "a 2");
  shown = ms_bidi_isolate (text->str);
  stripped = ms_bidi_strip (shown);
  g_assert_cmpstr (stripped, ==, text->str);
  /* One Latin run, from the first number to the last. */
  g_assert_true (g_str_has_prefix (shown, "قانون " MS_BIDI_LRI "1° 1° "));
  g_assert_true (g_str_has_suffix (shown, "a 2" MS_BIDI_PDI));
  g_string_free (text, TRUE);
}

static void
test_strings (void)
{
  g_autofree char *french = ms_bidi_isolate ("Loi n° 55-19");
  g_autofree char *arabic = ms_bidi_isolate ("قانون رقم 55-19");
  g_autofree char *again = ms_bidi_isolate (arabic);
  g_autofree char *stray = ms_bidi_isolate ("\xe2\x80\xae" "55-19 قانون");
  g_autofree char *stripped = ms_bidi_strip (arabic);
  g_autofree char *invalid = ms_bidi_isolate ("\xff 12-3");

  /* Left-to-right text with no Arabic is left alone (the CLI's French and
   * English output stays byte for byte what it was). */
  g_assert_cmpstr (french, ==, "Loi n° 55-19");
  g_assert_cmpstr (arabic, ==, "قانون رقم " MS_BIDI_LRI "55-19" MS_BIDI_PDI);
  g_assert_cmpstr (again, ==, arabic);
  g_assert_cmpstr (stray, ==, MS_BIDI_LRI "55-19" MS_BIDI_PDI " قانون");
  g_assert_cmpstr (stripped, ==, "قانون رقم 55-19");
  g_assert_cmpstr (invalid, ==, "\xef\xbf\xbd " MS_BIDI_LRI "12-3" MS_BIDI_PDI);
  g_assert_null (ms_bidi_isolate (NULL));
  {
    /* A decree's number in the Arabic sentence, the French reference in
     * brackets after it: two runs, brackets with their text. */
    g_autofree char *decree = ms_bidi_isolate ("الظهير رقم 1.20.06 (BO n° 6866 du 19/03/2020)");

    g_autofree char *who = ms_bidi_isolate ("الصيغة 1 (amina, 6 دجنبر 2026)");
    g_autofree char *in_french = ms_bidi_isolate ("Recours : يقدم طبقا للقانون رقم 55.19.");

    /* A comma ends the Latin phrase; a number after Arabic words in a
     * French line belongs to the Arabic phrase. */
    g_assert_cmpstr (who, ==, "الصيغة " MS_BIDI_LRI "1" MS_BIDI_PDI " (" MS_BIDI_LRI "amina" MS_BIDI_PDI ", "
                     MS_BIDI_LRI "6" MS_BIDI_PDI " دجنبر " MS_BIDI_LRI "2026" MS_BIDI_PDI ")");
    g_assert_cmpstr (in_french, ==, "Recours : " MS_BIDI_RLI "يقدم طبقا للقانون رقم " MS_BIDI_LRI "55.19"
                     MS_BIDI_PDI MS_BIDI_PDI ".");
    g_assert_cmpstr (decree, ==, "الظهير رقم " MS_BIDI_LRI "1.20.06" MS_BIDI_PDI " "
                     MS_BIDI_LRI "(BO n° 6866 du 19/03/2020)" MS_BIDI_PDI);
  }
  {
    /* Each line is its own paragraph: the French line is left alone. */
    g_autofree char *lines = ms_bidi_isolate ("Loi 55-19\nقانون 55-19\n");

    g_assert_cmpstr (lines, ==, "Loi 55-19\nقانون " MS_BIDI_LRI "55-19" MS_BIDI_PDI "\n");
  }

  g_assert_cmpint (ms_bidi_base_dir ("55-19 قانون"), ==, MS_BIDI_RTL);
  g_assert_cmpint (ms_bidi_base_dir ("55 à 58"), ==, MS_BIDI_LTR);
  g_assert_cmpint (ms_bidi_base_dir ("2021/12/20"), ==, MS_BIDI_NEUTRAL);
  g_assert_cmpint (ms_bidi_base_dir (MS_BIDI_LRI "Loi" MS_BIDI_PDI " قانون"), ==, MS_BIDI_RTL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bidi/law-numbers", test_law_numbers);
  g_test_add_func ("/bidi/numbers", test_numbers);
  g_test_add_func ("/bidi/latin-in-arabic", test_latin_in_arabic);
  g_test_add_func ("/bidi/french", test_french);
  g_test_add_func ("/bidi/strings", test_strings);
  g_test_add_func ("/bidi/long", test_long);

  return g_test_run ();
}
