/* ms-rules-identity.c — the act, its legal basis, who handles it, its approval
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-rules"

#include "config.h"

#include <string.h>

#include "ms-rules-private.h"

/* title-ar: error when title.ar is absent or has no letter or digit. */
static void
rule_title_ar (MsRuleContext *ctx,
               MsProcedure   *p)
{
  if (!_ms_rules_has_text (p->title, MS_LANG_AR))
    _ms_rule_report (ctx, g_strdup ("title.ar"),
                     _("Law 55-19 art. 6: give the name of the act in Arabic"));
}

/* title-fr: error when title.fr is absent or has no letter or digit. */
static void
rule_title_fr (MsRuleContext *ctx,
               MsProcedure   *p)
{
  if (!_ms_rules_has_text (p->title, MS_LANG_FR))
    _ms_rule_report (ctx, g_strdup ("title.fr"),
                     _("The national portal is bilingual: give the name of the act in French"));
}

/* legal-basis: error when legal_basis is absent or empty (path "legal_basis"),
 * and for each reference without kind, number or date (one issue per missing
 * member, path "legal_basis[i].kind|number|date"). */
static void
rule_legal_basis (MsRuleContext *ctx,
                  MsProcedure   *p)
{
  if (_ms_rules_list_is_empty (p->legal_basis))
    {
      _ms_rule_report (ctx, g_strdup ("legal_basis"),
                       _("Law 55-19 art. 3 and 6: cite the legal texts in force on which the act rests"));
      return;
    }
  for (guint i = 0; i < p->legal_basis->len; i++)
    {
      MsLegalRef *ref = g_ptr_array_index (p->legal_basis, i);

      if (ref->kind == MS_LEGAL_UNSET)
        _ms_rule_report (ctx, g_strdup_printf ("legal_basis[%u].kind", i),
                         _("Law 55-19 art. 3: say what kind of text this reference is (dahir, law, decree…)"));
      if (_ms_rules_is_blank (ref->number))
        _ms_rule_report (ctx, g_strdup_printf ("legal_basis[%u].number", i),
                         _("Law 55-19 art. 3: give the number of this legal text"));
      if (_ms_rules_is_blank (ref->date))
        _ms_rule_report (ctx, g_strdup_printf ("legal_basis[%u].date", i),
                         _("Law 55-19 art. 3: give the date of this legal text"));
    }
}

static gboolean
any_localized (GPtrArray *list)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (!ms_localized_is_empty (g_ptr_array_index (list, i)))
      return TRUE;
  return FALSE;
}

/* administration: error when "administration" (the body in charge) is absent,
 * and when "receiving" has no service name. */
static void
rule_administration (MsRuleContext *ctx,
                     MsProcedure   *p)
{
  if (_ms_rules_is_blank (p->administration))
    _ms_rule_report (ctx, g_strdup ("administration"),
                     _("Law 55-19 art. 6: name the administration in charge of the act"));
  if (!any_localized (p->receiving))
    _ms_rule_report (ctx, g_strdup ("receiving"),
                     _("Law 55-19 art. 6: name the service that receives the file"));
}

/* classification: error when "audiences" or "themes" is absent or empty. */
static void
rule_classification (MsRuleContext *ctx,
                     MsProcedure   *p)
{
  if (p->audiences == NULL || p->audiences->len == 0)
    _ms_rule_report (ctx, g_strdup ("audiences"),
                     _("The portal classifies every act: say who it is for (citizens, businesses, administrations)"));
  if (_ms_rules_list_is_empty (p->themes))
    _ms_rule_report (ctx, g_strdup ("themes"),
                     _("The portal classifies every act: choose at least one theme"));
}

static gboolean
has_legal_ref (MsProcedure *p,
               const char  *id)
{
  for (guint i = 0; p->legal_basis != NULL && i < p->legal_basis->len; i++)
    {
      MsLegalRef *ref = g_ptr_array_index (p->legal_basis, i);

      if (g_strcmp0 (ref->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* fee-basis: error, path "fees[i].legal_basis", for each fee whose
 * amount_centimes is above 0 and that cites no legal reference, or cites an
 * id that is not one of the sheet's legal_basis. Free fees (0) and fees
 * without an amount are not checked. */
static void
rule_fee_basis (MsRuleContext *ctx,
                MsProcedure   *p)
{
  for (guint i = 0; p->fees != NULL && i < p->fees->len; i++)
    {
      MsFee *fee = g_ptr_array_index (p->fees, i);

      if (fee->amount_centimes <= 0)
        continue;
      if (_ms_rules_list_is_empty (fee->legal_basis))
        {
          _ms_rule_report (ctx, g_strdup_printf ("fees[%u].legal_basis", i),
                           _("Law 55-19 art. 6: a fee is due only under a legal text; cite it among the sheet’s legal references"));
          continue;
        }
      for (guint j = 0; j < fee->legal_basis->len; j++)
        {
          const char *id = g_ptr_array_index (fee->legal_basis, j);

          if (!has_legal_ref (p, id))
            _ms_rule_report (ctx, g_strdup_printf ("fees[%u].legal_basis", i),
                             _("Law 55-19 art. 6: the fee cites “%s”, which is not one of the sheet’s legal references"),
                             id);
        }
    }
}

/* approval-decision: warning when approval_decision is absent (path
 * "approval_decision"), or when its body is not the one admin_level requires
 * (path "approval_decision.body"): the Ministry of the Interior for
 * territorial collectivities, the National Commission for every other level,
 * including an unstated one. */
static void
rule_approval_decision (MsRuleContext *ctx,
                        MsProcedure   *p)
{
  gboolean collectivity = p->admin_level == MS_ADMIN_LEVEL_COLLECTIVITY;
  MsApprovalBody expected = collectivity ? MS_APPROVAL_INTERIOR_MINISTRY : MS_APPROVAL_NATIONAL_COMMISSION;
  const char *advice = collectivity
    ? _("Law 55-19 art. 27: the compendium of a territorial collectivity is approved by the Ministry of the Interior")
    : _("Law 55-19 art. 9: the compendium is approved by the National Commission before publication");

  if (p->approval_decision == NULL)
    _ms_rule_report (ctx, g_strdup ("approval_decision"),
                     _("%s; record the approval decision"), advice);
  else if (p->approval_decision->body != expected)
    _ms_rule_report (ctx, g_strdup ("approval_decision.body"),
                     _("%s; the recorded body is not that one"), advice);
}

const MsRule _ms_rules_identity[] = {
  { { "title-ar", MS_SEVERITY_ERROR, "6",
      N_("Arabic title") }, rule_title_ar },
  { { "title-fr", MS_SEVERITY_ERROR, N_("portal"),
      N_("French title") }, rule_title_fr },
  { { "legal-basis", MS_SEVERITY_ERROR, "3, 6",
      N_("Legal references of the act") }, rule_legal_basis },
  { { "administration", MS_SEVERITY_ERROR, "6",
      N_("Administration and receiving service") }, rule_administration },
  { { "fee-basis", MS_SEVERITY_ERROR, "6",
      N_("Every fee rests on a legal text") }, rule_fee_basis },
  { { "classification", MS_SEVERITY_ERROR, N_("portal"),
      N_("Audience and theme") }, rule_classification },
  { { "approval-decision", MS_SEVERITY_WARNING, "9, 27",
      N_("Approval by the right body") }, rule_approval_decision },
};
const guint _ms_rules_identity_len = G_N_ELEMENTS (_ms_rules_identity);
