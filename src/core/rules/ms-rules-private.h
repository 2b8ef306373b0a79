/* ms-rules-private.h — what the law 55-19 rule functions share
 *
 * A rule is one small function registered in its file's table with its id,
 * severity and article; it reads the sheet through the context and reports
 * with _ms_rule_report(). Paths name the field (documents[2].copies), not the
 * language, which the message gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "ms-issue.h"
#include "ms-procedure.h"
#include "ms-rule-data.h"
#include "ms-validator.h"

G_BEGIN_DECLS

typedef struct _MsRuleContext MsRuleContext;

typedef void (*MsRuleFunc) (MsRuleContext *ctx,
                            MsProcedure   *p);

typedef struct {
  MsRuleInfo info;
  MsRuleFunc func;
} MsRule;

struct _MsRuleContext
{
  MsProcedure  *procedure;
  MsRuleData   *data;
  const char   *today;      /* YYYY-MM-DD */
  const MsRule *rule;       /* the one running */
  GPtrArray    *issues;
  GHashTable   *texts;      /* const char* (a field's text) → TextInfo* */
};

/* The lists of texts a rule can screen, combined as flags. */
typedef enum {
  MS_TEXTS_DOCUMENT_NAMES   = 1 << 0,   /* documents[i].name */
  MS_TEXTS_DOCUMENT_DETAILS = 1 << 1,   /* documents[i].section, .condition */
  MS_TEXTS_CONDITIONS       = 1 << 2,   /* conditions[i] */
  MS_TEXTS_STEPS            = 1 << 3,   /* steps[i].title */
  MS_TEXTS_TITLE            = 1 << 4,   /* title */
  MS_TEXTS_SUMMARY          = 1 << 5,   /* summary */
} MsTextSet;

/* Where a rule asks for something from the user: what the keyword screens of
 * art. 7 read. Titles and summaries are left out on purpose, since the act
 * itself may be a legalisation or a certified copy. */
#define MS_TEXTS_REQUIREMENTS \
  (MS_TEXTS_DOCUMENT_NAMES | MS_TEXTS_DOCUMENT_DETAILS | MS_TEXTS_CONDITIONS | MS_TEXTS_STEPS)

/* Where a text is: list[index].member, list[index] or member. Paths are
 * only written out for the texts that get an issue. */
typedef struct {
  const char *list;
  guint       index;
  const char *member;
} MsTextRef;

typedef void (*MsTextFunc) (MsRuleContext     *ctx,
                            const MsTextRef   *ref,
                            const MsLocalized *text,
                            gpointer           user_data);

/* Reports an issue of the running rule; takes @path. */
void        _ms_rule_report          (MsRuleContext     *ctx,
                                      char              *path,
                                      const char        *format,
                                      ...) G_GNUC_PRINTF (3, 4);
/* "documents[2].name", or with @lang "documents[2].name.fr"; newly allocated. */
char       *_ms_text_ref_path        (const MsTextRef   *ref,
                                      const char        *lang);
/* Calls @func for each text of @set present in the sheet, with its place. */
void        _ms_rules_foreach_text   (MsRuleContext     *ctx,
                                      MsTextSet          set,
                                      MsTextFunc         func,
                                      gpointer           user_data);
/* The first keyword of @screen found in @text, trying the languages in
 * order; NULL when none. @lang receives the language it was found in. */
const char *_ms_rules_screen         (MsRuleContext     *ctx,
                                      const MsLocalized *text,
                                      MsScreen           screen,
                                      MsLang            *lang);
/* One issue of the running rule for each text of @set in which @screen
 * finds a keyword; @advice says what to do. */
void        _ms_rules_screen_texts   (MsRuleContext     *ctx,
                                      MsTextSet          set,
                                      MsScreen           screen,
                                      const char        *advice);
/* ms_text_normalize() of @text in @lang, computed once per check; NULL
 * when @text has nothing in @lang. */
const char *_ms_rules_normalized     (MsRuleContext     *ctx,
                                      const MsLocalized *text,
                                      MsLang             lang);
/* The language's name, translated, for messages. */
/* @text between Unicode first-strong and pop isolates (U+2068, U+2069), so
 * that an Arabic keyword quoted in a French message, or the reverse, keeps
 * the quotes where they belong (UAX #9). */
char       *_ms_rules_isolate        (const char        *text);
/* Whether @text says something in @lang: at least one letter or digit, so
 * that the portal's placeholder "_" counts as nothing. */
gboolean    _ms_rules_has_text       (const MsLocalized *text,
                                      MsLang             lang);
/* Whether a plain string member is absent or only white space. */
gboolean    _ms_rules_is_blank       (const char        *s);
/* Whether a list of the sheet says nothing or is empty. */
gboolean    _ms_rules_list_is_empty  (GPtrArray         *list);

void        _ms_rules_context_init   (MsRuleContext     *ctx,
                                      MsRuleData        *data,
                                      MsProcedure       *procedure,
                                      const char        *today);
void        _ms_rules_context_clear  (MsRuleContext     *ctx);

/* The tables, one per file. */
extern const MsRule _ms_rules_identity[];
extern const guint  _ms_rules_identity_len;
extern const MsRule _ms_rules_documents[];
extern const guint  _ms_rules_documents_len;
extern const MsRule _ms_rules_deadlines[];
extern const guint  _ms_rules_deadlines_len;
extern const MsRule _ms_rules_channels[];
extern const guint  _ms_rules_channels_len;
extern const MsRule _ms_rules_quality[];
extern const guint  _ms_rules_quality_len;

G_END_DECLS
