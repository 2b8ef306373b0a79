/* ms-rules-common.c — reporting, text walking and keyword screening for rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-rules"

#include "config.h"

#include "ms-rules-private.h"
#include "ms-text.h"

typedef struct {
  char         *normalized;
  gboolean      scanned;
  MsScreenHits  hits;
} TextInfo;

typedef struct {
  TextInfo lang[MS_N_LANGS];
} LocalizedInfo;

static void
localized_info_free (gpointer data)
{
  LocalizedInfo *info = data;

  for (guint l = 0; l < MS_N_LANGS; l++)
    g_free (info->lang[l].normalized);
  g_free (info);
}

void
_ms_rules_context_init (MsRuleContext *ctx,
                        MsRuleData    *data,
                        MsProcedure   *procedure,
                        const char    *today)
{
  ctx->procedure = procedure;
  ctx->data = data;
  ctx->today = today;
  ctx->rule = NULL;
  ctx->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_issue_free);
  /* Keyed by the text's address: the sheet does not change during a check,
   * and several rules screen the same document names. */
  ctx->texts = g_hash_table_new_full (g_direct_hash, NULL, NULL, localized_info_free);
}

void
_ms_rules_context_clear (MsRuleContext *ctx)
{
  g_clear_pointer (&ctx->issues, g_ptr_array_unref);
  g_clear_pointer (&ctx->texts, g_hash_table_unref);
}

void
_ms_rule_report (MsRuleContext *ctx,
                 char          *path,
                 const char    *format,
                 ...)
{
  MsIssue *issue;
  va_list args;

  g_assert (ctx->rule != NULL);

  issue = g_new0 (MsIssue, 1);
  issue->rule = g_strdup (ctx->rule->info.id);
  issue->severity = ctx->rule->info.severity;
  issue->article = g_strdup (ctx->rule->info.article);
  issue->path = path;
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->issues, issue);
}

gboolean
_ms_rules_has_text (const MsLocalized *text,
                    MsLang             lang)
{
  const char *s = ms_localized_get (text, lang);

  for (; s != NULL && *s != '\0'; s = g_utf8_next_char (s))
    if (g_unichar_isalnum (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

gboolean
_ms_rules_is_blank (const char *s)
{
  for (; s != NULL && *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

gboolean
_ms_rules_list_is_empty (GPtrArray *list)
{
  return list == NULL || list->len == 0;
}

static TextInfo *
lookup_text (MsRuleContext     *ctx,
             const MsLocalized *text,
             MsLang             lang)
{
  LocalizedInfo *info = g_hash_table_lookup (ctx->texts, text);

  if (info == NULL)
    {
      info = g_new0 (LocalizedInfo, 1);
      g_hash_table_insert (ctx->texts, (gpointer) text, info);
    }
  if (info->lang[lang].normalized == NULL)
    info->lang[lang].normalized = ms_text_normalize (text->text[lang]);
  return &info->lang[lang];
}

const char *
_ms_rules_normalized (MsRuleContext     *ctx,
                      const MsLocalized *text,
                      MsLang             lang)
{
  if (text == NULL || text->text[lang] == NULL)
    return NULL;
  return lookup_text (ctx, text, lang)->normalized;
}

const char *
_ms_rules_screen (MsRuleContext     *ctx,
                  const MsLocalized *text,
                  MsScreen           screen,
                  MsLang            *lang)
{
  if (text == NULL)
    return NULL;

  for (MsLang l = 0; l < MS_N_LANGS; l++)
    {
      TextInfo *info;

      if (text->text[l] == NULL)
        continue;
      info = lookup_text (ctx, text, l);
      /* One scan answers every screen, so the other rules reading this
       * text get their answer for free. */
      if (!info->scanned)
        {
          ms_rule_data_scan (ctx->data, info->normalized, &info->hits);
          info->scanned = TRUE;
        }
      if ((info->hits.screens & (1u << screen)) != 0)
        {
          if (lang != NULL)
            *lang = l;
          return info->hits.keyword[screen];
        }
    }
  return NULL;
}

char *
_ms_text_ref_path (const MsTextRef *ref,
                   const char      *lang)
{
  GString *path = g_string_new (NULL);

  if (ref->list != NULL)
    g_string_append_printf (path, "%s[%u]", ref->list, ref->index);
  if (ref->member != NULL)
    g_string_append_printf (path, "%s%s", ref->list != NULL ? "." : "", ref->member);
  if (lang != NULL)
    g_string_append_printf (path, ".%s", lang);
  return g_string_free (path, FALSE);
}

void
_ms_rules_foreach_text (MsRuleContext *ctx,
                        MsTextSet      set,
                        MsTextFunc     func,
                        gpointer       user_data)
{
  MsProcedure *p = ctx->procedure;
  MsTextRef ref = { NULL, 0, NULL };

  ref.member = "title";
  if ((set & MS_TEXTS_TITLE) != 0 && p->title != NULL)
    func (ctx, &ref, p->title, user_data);
  ref.member = "summary";
  if ((set & MS_TEXTS_SUMMARY) != 0 && p->summary != NULL)
    func (ctx, &ref, p->summary, user_data);

  ref.list = "documents";
  for (guint i = 0; p->documents != NULL && i < p->documents->len; i++)
    {
      MsDocument *doc = g_ptr_array_index (p->documents, i);
      struct { MsTextSet set; const char *member; const MsLocalized *text; } fields[] = {
        { MS_TEXTS_DOCUMENT_NAMES, "name", doc->name },
        { MS_TEXTS_DOCUMENT_DETAILS, "section", doc->section },
        { MS_TEXTS_DOCUMENT_DETAILS, "condition", doc->condition },
      };

      ref.index = i;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if ((set & fields[f].set) == 0 || fields[f].text == NULL)
            continue;
          ref.member = fields[f].member;
          func (ctx, &ref, fields[f].text, user_data);
        }
    }

  ref.list = "conditions";
  ref.member = NULL;
  for (guint i = 0; (set & MS_TEXTS_CONDITIONS) != 0 && p->conditions != NULL && i < p->conditions->len; i++)
    {
      ref.index = i;
      func (ctx, &ref, g_ptr_array_index (p->conditions, i), user_data);
    }

  ref.list = "steps";
  ref.member = "title";
  for (guint i = 0; (set & MS_TEXTS_STEPS) != 0 && p->steps != NULL && i < p->steps->len; i++)
    {
      MsStep *step = g_ptr_array_index (p->steps, i);

      if (step->title == NULL)
        continue;
      ref.index = i;
      func (ctx, &ref, step->title, user_data);
    }
}

typedef struct {
  MsScreen    screen;
  const char *advice;
} ScreenJob;

char *
_ms_rules_isolate (const char *text)
{
  return g_strconcat ("\xe2\x81\xa8", text, "\xe2\x81\xa9", NULL);
}

static void
screen_text (MsRuleContext     *ctx,
             const MsTextRef   *ref,
             const MsLocalized *text,
             gpointer           user_data)
{
  const ScreenJob *job = user_data;
  const char *keyword;
  MsLang lang;

  if ((keyword = _ms_rules_screen (ctx, text, job->screen, &lang)) != NULL)
    {
      g_autofree char *quoted = _ms_rules_isolate (keyword);

      _ms_rule_report (ctx, _ms_text_ref_path (ref, NULL),
                       /* Translators: %1$s is advice such as "Law 55-19 art. 7: ask
                        * for one copy only", %2$s the words found, %3$s a language. */
                       _("%1$s (found “%2$s” in the %3$s text)"),
                       job->advice, quoted, ms_lang_to_label (lang));
    }
}

void
_ms_rules_screen_texts (MsRuleContext *ctx,
                        MsTextSet      set,
                        MsScreen       screen,
                        const char    *advice)
{
  ScreenJob job = { screen, advice };

  _ms_rules_foreach_text (ctx, set, screen_text, &job);
}
