/* ms-rules-deadlines.c — deadline, silence, appeal, review (art. 6, 16, 19, 21, 29)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-rules"

#include "config.h"

#include <string.h>

#include "ms-rules-private.h"

#define MAX_DEADLINE_DAYS 60
#define MAX_INVESTMENT_DEADLINE_DAYS 30

/* Art. 16 caps the deadline in days, without "working": calendar days. A
 * deadline stated in working days (deadline_working_days) is compared once
 * converted (ms_procedure_deadline_calendar_days: a five-day week), and the
 * message says so. */
static void
report_over (MsRuleContext *ctx,
             MsProcedure   *p,
             gboolean       investment,
             int            cap)
{
  gint64 days = ms_procedure_deadline_calendar_days (p);

  if (p->deadline_working_days == MS_BOOL_TRUE && investment)
    _ms_rule_report (ctx, g_strdup ("deadline_days"),
                     _("Law 55-19 art. 16: an act needed by investment projects is answered within %d calendar days; %d working days are %d calendar days"),
                     cap, (int) p->deadline_days, (int) days);
  else if (p->deadline_working_days == MS_BOOL_TRUE)
    _ms_rule_report (ctx, g_strdup ("deadline_days"),
                     _("Law 55-19 art. 16: the answer deadline is at most %d calendar days; %d working days are %d calendar days"),
                     cap, (int) p->deadline_days, (int) days);
  else if (investment)
    _ms_rule_report (ctx, g_strdup ("deadline_days"),
                     _("Law 55-19 art. 16: an act needed by investment projects is answered within %d days, not %d"),
                     cap, (int) days);
  else
    _ms_rule_report (ctx, g_strdup ("deadline_days"),
                     _("Law 55-19 art. 16: the answer deadline is at most %d days, not %d"), cap, (int) days);
}

/* deadline-max: error, path "deadline_days", when deadline_days is absent or
 * above 60 calendar days (0 means an immediate answer; working days are
 * converted first). */
static void
rule_deadline_max (MsRuleContext *ctx,
                   MsProcedure   *p)
{
  if (p->deadline_days < 0)
    _ms_rule_report (ctx, g_strdup ("deadline_days"),
                     _("Law 55-19 art. 16: state the answer deadline, at most %d days"),
                     MAX_DEADLINE_DAYS);
  else if (ms_procedure_deadline_calendar_days (p) > MAX_DEADLINE_DAYS)
    report_over (ctx, p, FALSE, MAX_DEADLINE_DAYS);
}

/* deadline-investment: error, path "deadline_days", when investment_act is
 * true and the deadline is above 30 calendar days (an absent deadline is
 * deadline-max's). */
static void
rule_deadline_investment (MsRuleContext *ctx,
                          MsProcedure   *p)
{
  if (p->investment_act == MS_BOOL_TRUE && ms_procedure_deadline_calendar_days (p) > MAX_INVESTMENT_DEADLINE_DAYS)
    report_over (ctx, p, TRUE, MAX_INVESTMENT_DEADLINE_DAYS);
}

/* silence-effect: error, path "silence_is_acceptance", when it is absent
 * (false must be said, not implied); path "silence_decree" when it is true
 * and silence_decree is absent or blank, since silence means acceptance only
 * for the acts a decree lists. */
static void
rule_silence_effect (MsRuleContext *ctx,
                     MsProcedure   *p)
{
  if (p->silence_is_acceptance == MS_BOOL_UNSET)
    _ms_rule_report (ctx, g_strdup ("silence_is_acceptance"),
                     _("Law 55-19 art. 6: say whether the administration’s silence means acceptance"));
  else if (p->silence_is_acceptance == MS_BOOL_TRUE && _ms_rules_is_blank (p->silence_decree))
    _ms_rule_report (ctx, g_strdup ("silence_decree"),
                     _("Law 55-19 art. 19–20: silence means acceptance only for the acts a decree lists; cite the decree (2-22-387 or 2-22-141)"));
}

/* appeal: error, path "appeal", when appeal is absent; path "appeal.text"
 * when appeal.authority and appeal.text together lack Arabic, or lack
 * French (each language must appear in at least one of the two). */
static void
rule_appeal (MsRuleContext *ctx,
             MsProcedure   *p)
{
  if (p->appeal == NULL)
    {
      _ms_rule_report (ctx, g_strdup ("appeal"),
                       _("Law 55-19 art. 6 and 21: give the means of appeal, in Arabic and French"));
      return;
    }
  for (MsLang l = MS_LANG_AR; l <= MS_LANG_FR; l++)
    if (!_ms_rules_has_text (p->appeal->authority, l) && !_ms_rules_has_text (p->appeal->text, l))
      _ms_rule_report (ctx, g_strdup ("appeal.text"),
                       _("Law 55-19 art. 6 and 21: give the means of appeal in %s too"),
                       ms_lang_to_label (l));
}

/* review-due: warning, path "review_due", when review_due is absent or
 * earlier than the validator's today (dates compare as ISO strings). */
static void
rule_review_due (MsRuleContext *ctx,
                 MsProcedure   *p)
{
  if (p->review_due == NULL)
    _ms_rule_report (ctx, g_strdup ("review_due"),
                     _("Law 55-19 art. 29: plan the next review of this sheet (at least every 12 months)"));
  else if (strcmp (p->review_due, ctx->today) < 0)
    _ms_rule_report (ctx, g_strdup ("review_due"),
                     _("Law 55-19 art. 29: the review was due on %s; review the sheet and set the next date"),
                     p->review_due);
}

const MsRule _ms_rules_deadlines[] = {
  { { "deadline-max", MS_SEVERITY_ERROR, "16",
      N_("Answer deadline of at most 60 days") }, rule_deadline_max },
  { { "deadline-investment", MS_SEVERITY_ERROR, "16",
      N_("At most 30 days for investment projects") }, rule_deadline_investment },
  { { "silence-effect", MS_SEVERITY_ERROR, "6, 19",
      N_("Effect of silence stated") }, rule_silence_effect },
  { { "appeal", MS_SEVERITY_ERROR, "6, 21",
      N_("Means of appeal") }, rule_appeal },
  { { "review-due", MS_SEVERITY_WARNING, "29",
      N_("Sheet reviewed on time") }, rule_review_due },
};
const guint _ms_rules_deadlines_len = G_N_ELEMENTS (_ms_rules_deadlines);
