/* ms-rules-quality.c — languages, scripts and readability (art. 4, portal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-rules"

#include "config.h"

#include <string.h>

#include "ms-rules-private.h"
#include "ms-text.h"

/* Plain language (art. 4): a longer sentence is hard to follow. */
#define MAX_SENTENCE_WORDS 30

/* zgh-missing: warning, path "title.zgh", when the title has no Amazigh text. */
static void
rule_zgh_missing (MsRuleContext *ctx,
                  MsProcedure   *p)
{
  if (!_ms_rules_has_text (p->title, MS_LANG_ZGH))
    _ms_rule_report (ctx, g_strdup ("title.zgh"),
                     _("Amazigh is an official language: give the name of the act in Tifinagh"));
}

static const MsScript expected_script[MS_N_LANGS] = {
  [MS_LANG_AR] = MS_SCRIPT_ARABIC,
  [MS_LANG_FR] = MS_SCRIPT_LATIN,
  [MS_LANG_ZGH] = MS_SCRIPT_TIFINAGH,
  [MS_LANG_EN] = MS_SCRIPT_LATIN,
};

static void
check_script (MsRuleContext     *ctx,
              const MsTextRef   *ref,
              const MsLocalized *text,
              gpointer           user_data)
{
  for (MsLang l = 0; l < MS_N_LANGS; l++)
    {
      MsScript script;

      if (text->text[l] == NULL)
        continue;
      script = ms_text_script (text->text[l]);
      if (script != MS_SCRIPT_NONE && script != expected_script[l])
        _ms_rule_report (ctx, _ms_text_ref_path (ref, ms_lang_to_code (l)),
                         _("The %s text is mostly not in its script; put each language in its own field"),
                         ms_lang_to_label (l));
    }
}

/* wrong-script: warning, path "<field>.<lang>", for each text of the title,
 * the summary and the documents' names whose dominant script
 * (ms_text_script) is not its language's: Arabic for ar, Latin for fr and
 * en, Tifinagh for zgh. Texts without letters are not judged. */
static void
rule_wrong_script (MsRuleContext *ctx,
                   MsProcedure   *p)
{
  _ms_rules_foreach_text (ctx, MS_TEXTS_TITLE | MS_TEXTS_SUMMARY | MS_TEXTS_DOCUMENT_NAMES,
                          check_script, NULL);
}

static inline gboolean
is_space (gunichar c)
{
  return c < 0x80 ? g_ascii_isspace ((char) c) : g_unichar_isspace (c);
}

static gboolean
ends_sentence (const char *p,
               gunichar    c)
{
  const char *next;

  if (c == '\n')
    return TRUE;
  if (c != '.' && c != '!' && c != '?' && c != 0x061F /* ؟ */ && c != 0x2026 /* … */)
    return FALSE;
  /* "55.19" or "idarati.ma" do not end a sentence: the mark must be
   * followed by a space or the end of the text. */
  next = g_utf8_next_char (p);
  return *next == '\0' || is_space (g_utf8_get_char (next));
}

/* Arabic letters, the bulk of the texts, spare the Unicode tables. */
static inline gboolean
is_alnum (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  if (c >= 0x0621 && c <= 0x064A)
    return c != 0x0640;
  return g_unichar_isalnum (c);
}

/* The number of words of the longest sentence; a word is a run of non-space
 * characters with at least one letter or digit. */
static guint
longest_sentence (const char *text)
{
  guint longest = 0, words = 0;
  gboolean in_word = FALSE, counted = FALSE;

  for (const char *s = text; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (is_space (c))
        in_word = FALSE;
      else
        {
          if (!in_word)
            counted = FALSE;
          in_word = TRUE;
          if (!counted && is_alnum (c))
            {
              words++;
              counted = TRUE;
            }
        }
      if (ends_sentence (s, c))
        {
          longest = MAX (longest, words);
          words = 0;
          in_word = FALSE;
        }
    }
  return MAX (longest, words);
}

static void
check_sentences (MsRuleContext     *ctx,
                 const MsTextRef   *ref,
                 const MsLocalized *text,
                 gpointer           user_data)
{
  for (MsLang l = 0; l < MS_N_LANGS; l++)
    {
      guint words;

      if (text->text[l] == NULL || (words = longest_sentence (text->text[l])) <= MAX_SENTENCE_WORDS)
        continue;
      _ms_rule_report (ctx, _ms_text_ref_path (ref, ms_lang_to_code (l)),
                       _("Law 55-19 art. 4: a sentence of the %s text has %u words; keep each one to %d words or fewer"),
                       ms_lang_to_label (l), words, MAX_SENTENCE_WORDS);
    }
}

/* readability: warning, path "<field>.<lang>", for each summary or condition
 * text with a sentence of more than 30 words (a sentence ends at . ! ? ؟ …
 * followed by a space, or at a line break); and, path "documents", when the
 * number of documents with an Arabic name differs from the number with a
 * French name. */
static void
rule_readability (MsRuleContext *ctx,
                  MsProcedure   *p)
{
  guint n_ar = 0, n_fr = 0;

  _ms_rules_foreach_text (ctx, MS_TEXTS_SUMMARY | MS_TEXTS_CONDITIONS, check_sentences, NULL);

  for (guint i = 0; p->documents != NULL && i < p->documents->len; i++)
    {
      MsDocument *doc = g_ptr_array_index (p->documents, i);

      n_ar += _ms_rules_has_text (doc->name, MS_LANG_AR);
      n_fr += _ms_rules_has_text (doc->name, MS_LANG_FR);
    }
  if (n_ar != n_fr)
    _ms_rule_report (ctx, g_strdup ("documents"),
                     _("Law 55-19 art. 4: %u documents are named in Arabic but %u in French; name every document in both languages"),
                     n_ar, n_fr);
}

/* validity-missing: warning, path "output.validity_days", when output or its
 * validity_days is absent. */
static void
rule_validity_missing (MsRuleContext *ctx,
                       MsProcedure   *p)
{
  if (p->output == NULL || p->output->validity_days < 0)
    _ms_rule_report (ctx, g_strdup ("output.validity_days"),
                     _("Say how long the delivered act remains valid"));
}

const MsRule _ms_rules_quality[] = {
  { { "zgh-missing", MS_SEVERITY_WARNING, N_("constitution"),
      N_("Amazigh title") }, rule_zgh_missing },
  { { "wrong-script", MS_SEVERITY_WARNING, N_("quality"),
      N_("Each text in its language's script") }, rule_wrong_script },
  { { "readability", MS_SEVERITY_WARNING, "4",
      N_("Readable texts") }, rule_readability },
  { { "validity-missing", MS_SEVERITY_WARNING, N_("portal"),
      N_("Validity of the act obtained") }, rule_validity_missing },
};
const guint _ms_rules_quality_len = G_N_ELEMENTS (_ms_rules_quality);
