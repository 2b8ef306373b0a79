/* test-ui-i18n.c — Masatir in Arabic and in French (issue 14)
 *
 * Run once per language (meson passes "ar" or "fr"): the fonts Pango draws
 * the scripts with through the application's style sheet, the About window
 * without a word of English, dates and amounts in the language's form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-about.h"
#include "ms-format.h"
#include "ms-i18n.h"
#include "ms-sheet-view.h"
#include "ui-util.h"

static const char *language;

/* The family of the font Pango chose for the first run of @label's text
 * in @script's letters. */
static char *
family_for_run (GtkWidget *label)
{
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  char *family = NULL;

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      if (run != NULL && family == NULL)
        {
          PangoFontDescription *desc = pango_font_describe (run->item->analysis.font);

          family = g_strdup (pango_font_description_get_family (desc));
          pango_font_description_free (desc);
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  g_assert_nonnull (family);
  return family;
}

static GtkWidget *
shown_label (const char *text,
             const char *css_class)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (label);
  return label;
}

static void
test_fonts (void)
{
  GtkWidget *arabic = shown_label ("قانون رقم", "ar");
  GtkWidget *tifinagh = shown_label ("ⵜⴰⵎⴰⵣⵉⵖⵜ", "zgh");
  g_autofree char *arabic_family = family_for_run (arabic);
  g_autofree char *tifinagh_family = family_for_run (tifinagh);

  /* The `ar` and `zgh` classes of the sheet's lines (ui/style.css). */
  g_assert_cmpstr (arabic_family, ==, "Noto Sans Arabic");
  g_assert_cmpstr (tifinagh_family, ==, "Noto Sans Tifinagh");

  /* In the Arabic window every label is Arabic, class or not. */
  if (g_str_equal (language, "ar"))
    {
      GtkWidget *plain = shown_label ("مسطرة", NULL);
      g_autofree char *plain_family = family_for_run (plain);

      g_assert_cmpint (gtk_widget_get_direction (plain), ==, GTK_TEXT_DIR_RTL);
      g_assert_cmpstr (plain_family, ==, "Noto Sans Arabic");
      gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (plain)));
    }

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (arabic)));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (tifinagh)));
}

static gboolean
has_latin_word (const char *text)
{
  g_auto(GStrv) tokens = g_strsplit_set (text, " \n", -1);

  /* Two Latin letters in a row: a word left in English. A host name
   * ("idarati.ma") is a name, not a word to translate. */
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *token = g_strstrip (g_strdup (tokens[i]));
      int run = 0;

      if (g_regex_match_simple ("^[a-z0-9-]+(\\.[a-z0-9-]+)+[.،]*$", tokens[i], 0, 0))
        continue;
      for (const char *p = token; *p != '\0'; p++)
        {
          run = g_ascii_isalpha (*p) ? run + 1 : 0;
          if (run >= 2)
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether @text has one of the English words of the About window. */
static gboolean
has_english_word (const char *text)
{
  static const char * const words[] = {
    "About", "Details", "Credits", "Legal", "Website", "Back", "warranty", "Translated",
    "Troubleshooting", "Acknowledgements", "Debugging", "New", "Support", "Report", "Copy",
    "Save", "developers",
  };
  g_autofree char *plain = g_strdup (text);
  g_auto(GStrv) tokens = NULL;

  g_strdelimit (plain, "_", ' ');
  tokens = g_strsplit_set (plain, " ,.’'", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    for (gsize w = 0; w < G_N_ELEMENTS (words); w++)
      if (g_str_equal (tokens[i], words[w]))
        return TRUE;
  return FALSE;
}

static void
check_text (GPtrArray  *english,
            const char *what,
            const char *text)
{
  /* Addresses are not words to translate. */
  if (text == NULL || g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "mailto:"))
    return;
  /* Arabic: no Latin word at all; French: none of the English ones. */
  if (g_str_equal (language, "ar") ? has_latin_word (text) : has_english_word (text))
    g_ptr_array_add (english, g_strdup_printf ("%s “%s”", what, text));
}

static void
collect_english (GtkWidget *widget,
                 GPtrArray *english)
{
  check_text (english, "tooltip", gtk_widget_get_tooltip_text (widget));
  if (GTK_IS_LABEL (widget))
    check_text (english, "label", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget))
    check_text (english, "button", gtk_button_get_label (GTK_BUTTON (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (english, "row", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    check_text (english, "group", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
  if (ADW_IS_WINDOW_TITLE (widget))
    check_text (english, "title", adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
  if (GTK_IS_WINDOW (widget))
    check_text (english, "window", gtk_window_get_title (GTK_WINDOW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_english (child, english);
}

static void
test_about (void)
{
  GtkWidget *about = ms_about_window_new (NULL);
  g_autoptr(GPtrArray) english = g_ptr_array_new_with_free_func (g_free);

  gtk_window_present (GTK_WINDOW (about));
  flush_widget (about);

  /* Every page, the hidden ones too: they are in the tree. */
  collect_english (about, english);
  for (guint i = 0; i < english->len; i++)
    g_test_message ("in English: %s", (char *) g_ptr_array_index (english, i));
  g_assert_cmpuint (english->len, ==, 0);

  /* The words libadwaita has are its own (French), Masatir's where it has
   * none (Arabic): the Legal row is there in both. */
  g_assert_nonnull (find_label (about, g_str_equal (language, "ar") ? "معلومات قانونية" : "Mentions légales"));

  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_formats (void)
{
  g_autofree char *date = ms_format_date ("2021-12-20");
  g_autofree char *may = ms_format_date ("2019-05-01");
  g_autofree char *amount = ms_format_amount (123450);
  g_autofree char *small = ms_format_amount (7505);
  g_autofree char *big = ms_format_amount (100000000000);
  g_autofree char *not_a_date = ms_format_date ("2021-02-30");
  g_autoptr(GDateTime) time = g_date_time_new_utc (2021, 12, 20, 14, 5, 0);
  g_autofree char *date_time = ms_format_date_time (time);

  g_assert_cmpstr (not_a_date, ==, "2021-02-30");
  if (g_str_equal (language, "ar"))
    {
      /* The month names used in Morocco. */
      g_assert_cmpstr (date, ==, "20 دجنبر 2021");
      g_assert_cmpstr (may, ==, "1 ماي 2019");
      g_assert_cmpstr (amount, ==, "1234,50 درهم");
      g_assert_cmpstr (small, ==, "75,05 درهم");
      g_assert_cmpstr (big, ==, "1000000000,00 درهم");
      g_assert_cmpstr (date_time, ==, "20 دجنبر 2021، 14:05");
    }
  else
    {
      /* Narrow no-break spaces between thousands. */
      g_assert_cmpstr (date, ==, "20 décembre 2021");
      g_assert_cmpstr (may, ==, "1 mai 2019");
      g_assert_cmpstr (amount, ==, "1\u202f234,50 DH");
      g_assert_cmpstr (small, ==, "75,05 DH");
      g_assert_cmpstr (big, ==, "1\u202f000\u202f000\u202f000,00 DH");
      g_assert_cmpstr (date_time, ==, "20 décembre 2021 à 14:05");
    }
}

/* The first label under @widget whose text, as read, contains @needle. */
static GtkWidget *
label_containing (GtkWidget  *widget,
                  const char *needle)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *read = ms_bidi_strip (gtk_label_get_text (labels->pdata[i]));

      if (strstr (read, needle) != NULL)
        return labels->pdata[i];
    }
  return NULL;
}

/* Whether @run, in @label, is drawn left to right. */
static gboolean
drawn_left_to_right (GtkWidget  *label,
                     const char *run)
{
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
  const char *text = pango_layout_get_text (layout);
  const char *start = strstr (text, run);
  int previous = G_MININT;

  g_assert_nonnull (start);
  for (const char *p = start; p < start + strlen (run); p = g_utf8_next_char (p))
    {
      PangoRectangle pos;
      int x;

      pango_layout_index_to_pos (layout, (int) (p - text), &pos);
      x = pos.width < 0 ? pos.x + pos.width : pos.x;
      if (x <= previous)
        return FALSE;
      previous = x;
    }
  return TRUE;
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  g_assert_no_error (error);
  *(char **) user_data = text != NULL ? text : g_strdup ("");
}

static void
test_sheet_view (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo",
                                            "trademark-registration.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) procedure = ms_procedure_new_from_file (path, &error);
  gboolean arabic = g_str_equal (language, "ar");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ms_sheet_view_new ();
  GtkWidget *law;
  GtkWidget *fee;
  GtkWidget *basis;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  ms_sheet_view_set_procedure (MS_SHEET_VIEW (view), procedure);
  gtk_window_present (GTK_WINDOW (window));
  flush_widget (view);

  /* The legal reference's heading: law 13-99 of 15 February 2000, the law
   * number drawn as written, the date in words. */
  law = label_containing (view, arabic ? "قانون 13-99 · 15 فبراير 2000" : "Loi 13-99 · 15 février 2000");
  g_assert_nonnull (law);
  g_assert_cmpint (gtk_widget_get_direction (law), ==, arabic ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  g_assert_true (drawn_left_to_right (law, "13-99"));

  /* The Arabic line of the law's title, in the Arabic font whatever the
   * interface's language. */
  basis = label_containing (view, "القاضي بإحداث المكتب المغربي للملكية الصناعية والتجارية");
  g_assert_nonnull (basis);
  {
    g_autofree char *family = family_for_run (basis);

    g_assert_cmpstr (family, ==, "Noto Sans Arabic");
  }

  /* Copied, the Arabic line is the text as stored: no isolate goes to the
   * clipboard, and from there into a sheet. */
  gtk_label_select_region (GTK_LABEL (basis), 0, -1);
  g_signal_emit_by_name (basis, "copy-clipboard");
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (basis);
    g_autofree char *copied = NULL;
    g_autofree char *read = ms_bidi_strip (gtk_label_get_text (GTK_LABEL (basis)));

    gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_cb, &copied);
    while (copied == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (copied, ==, read);
    g_assert_null (strstr (copied, MS_BIDI_LRI));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (basis)), MS_BIDI_LRI "13.99" MS_BIDI_PDI));
  }

  /* The fee, in the language's form. */
  fee = label_containing (view, arabic ? "1700,00 درهم" : "1\u202f700,00 DH");
  g_assert_nonnull (fee);
  g_assert_true (drawn_left_to_right (fee, arabic ? "1700,00" : "1\u202f700,00"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MsApplication) app = NULL;

  /* The language is the last argument, set before anything translates. */
  g_assert_cmpint (argc, >=, 2);
  language = argv[--argc];
  g_assert_true (g_str_equal (language, "ar") || g_str_equal (language, "fr"));
  g_setenv ("LANGUAGE", language, TRUE);
  ms_i18n_init ();

  app = test_ui_init (&argc, &argv);
  g_assert_cmpint (ms_ui_lang (), ==, g_str_equal (language, "ar") ? MS_LANG_AR : MS_LANG_FR);

  g_test_add_func ("/i18n/fonts", test_fonts);
  g_test_add_func ("/i18n/about", test_about);
  g_test_add_func ("/i18n/formats", test_formats);
  g_test_add_func ("/i18n/sheet-view", test_sheet_view);

  return g_test_run ();
}
