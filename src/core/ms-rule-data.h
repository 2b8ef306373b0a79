/* ms-rule-data.h — the keyword screens of the law 55-19 rules (data/rules/)
 *
 * The lists live in JSON files read at run time, so that a ministry can add
 * the wording its own services use without a new build. Each file is named
 * after the rule that uses it; data/rules/README.md describes the format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MS_SCREEN_TWO_COPIES,              /* one-copy.json */
  MS_SCREEN_LEGALISATION,            /* no-legalisation.json */
  MS_SCREEN_CERTIFIED_COPY,          /* no-certified-copy.json */
  MS_SCREEN_OPEN_LIST,               /* closed-list.json */
  MS_SCREEN_HELD_BY_ADMINISTRATION,  /* held-by-administration.json */
  MS_SCREEN_SWORN_STATEMENT,         /* sworn-statement.json */
  MS_N_SCREENS
} MsScreen;

typedef struct _MsRuleData MsRuleData;

/* A text's hits: bit s of @screens is set when screen s matched, and
 * @keyword[s] is then the first keyword found, as written in the file. */
typedef struct {
  guint       screens;
  const char *keyword[MS_N_SCREENS];
} MsScreenHits;

/* Reads every screen file of @dir. Errors name the file and the JSON path
 * ("one-copy.json: keywords.fr[2]: …"). */
MsRuleData  *ms_rule_data_load        (const char    *dir,
                                       GError       **error);
MsRuleData  *ms_rule_data_ref         (MsRuleData    *self);
void         ms_rule_data_unref       (MsRuleData    *self);
/* The rule id a screen belongs to, which is also its file's base name. */
const char  *ms_screen_to_rule        (MsScreen       screen);
guint        ms_rule_data_get_n_keywords (MsRuleData *self,
                                          MsScreen    screen);
/* Scans @normalized (the output of ms_text_normalize()) once for every
 * screen. Keywords match whole words: "cin" does not match "médecin". A "*"
 * written at the end lets the last word go on ("légalis*" matches
 * "légalisée"), one at the start lets the first word begin earlier ("*copie"
 * matches "photocopie"). An Arabic keyword may also follow up to two of the
 * letters written attached to the next word (و ف ب ل ك), so "نسختين"
 * matches "ونسختين" and "بنسختين". */
void         ms_rule_data_scan        (MsRuleData    *self,
                                       const char    *normalized,
                                       MsScreenHits  *hits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsRuleData, ms_rule_data_unref)

G_END_DECLS
