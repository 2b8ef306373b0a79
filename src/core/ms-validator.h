/* ms-validator.h — checks a procedure sheet against law 55-19
 *
 * The rules, their ids and their articles are those of the rule catalogue
 * (law-55-19.md); each one is a small function in src/core/rules/. The
 * validator only reads the sheet: one validator may check sheets from
 * several threads at once, as long as nobody calls ms_validator_set_today()
 * meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-issue.h"
#include "ms-procedure.h"
#include "ms-rule-data.h"

G_BEGIN_DECLS

typedef struct _MsValidator MsValidator;

typedef struct {
  const char *id;
  MsSeverity  severity;
  const char *article;
  /* Short and human, marked with N_(): ms_rule_get_name() translates it. */
  const char *name;
} MsRuleInfo;

MsValidator      *ms_validator_new          (MsRuleData   *data);
void              ms_validator_free         (MsValidator  *self);
/* The validator of the installed rule data (ms_get_data_dir()/rules),
 * loaded once and owned by the library. Without its data the keyword
 * screens cannot run, so NULL and @error then: checking with half the rules
 * would pass sheets the law forbids. */
MsValidator      *ms_validator_get_default  (GError      **error);
/* The day "review_due" is compared with; NULL (the default) means the
 * current local date at each check. Tests fix it to stay deterministic. */
void              ms_validator_set_today    (MsValidator  *self,
                                             const GDate  *today);
/* A new array of MsIssue*, errors first, then by path; never NULL. */
GPtrArray        *ms_validator_check        (MsValidator  *self,
                                             MsProcedure  *procedure);

/* The rule catalogue, in a fixed order. */
guint             ms_validator_get_n_rules  (void);
const MsRuleInfo *ms_validator_get_rule     (guint         index);
const MsRuleInfo *ms_validator_lookup_rule  (const char   *id);
/* The rule's short name for people ("One copy of each document"),
 * translated; NULL for an unknown id. */
const char       *ms_rule_get_name          (const char   *rule_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsValidator, ms_validator_free)

G_END_DECLS
