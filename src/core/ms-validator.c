/* ms-validator.c — checks a procedure sheet against law 55-19
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-validator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-validator.h"
#include "ms-vocabulary.h"
#include "rules/ms-rules-private.h"

#define ISO_DATE_SIZE sizeof "YYYY-MM-DD"

struct _MsValidator
{
  MsRuleData *data;
  gboolean    fixed_today;
  char        today[ISO_DATE_SIZE];
};

/* The catalogue in a fixed order: the order issues come in before sorting,
 * and the order the UI lists the rules in. */
static GPtrArray *
get_rules (void)
{
  static GPtrArray *rules;

  if (g_once_init_enter (&rules))
    {
      struct { const MsRule *table; guint len; } tables[] = {
        { _ms_rules_identity, _ms_rules_identity_len },
        { _ms_rules_documents, _ms_rules_documents_len },
        { _ms_rules_deadlines, _ms_rules_deadlines_len },
        { _ms_rules_channels, _ms_rules_channels_len },
        { _ms_rules_quality, _ms_rules_quality_len },
      };
      GPtrArray *all = g_ptr_array_new ();

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (guint i = 0; i < tables[t].len; i++)
          g_ptr_array_add (all, (gpointer) &tables[t].table[i]);
      g_once_init_leave (&rules, all);
    }
  return rules;
}

guint
ms_validator_get_n_rules (void)
{
  return get_rules ()->len;
}

const MsRuleInfo *
ms_validator_get_rule (guint index)
{
  GPtrArray *rules = get_rules ();

  g_return_val_if_fail (index < rules->len, NULL);
  return &((const MsRule *) g_ptr_array_index (rules, index))->info;
}

const MsRuleInfo *
ms_validator_lookup_rule (const char *id)
{
  GPtrArray *rules = get_rules ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < rules->len; i++)
    {
      const MsRule *rule = g_ptr_array_index (rules, i);

      if (strcmp (rule->info.id, id) == 0)
        return &rule->info;
    }
  return NULL;
}

const char *
ms_rule_get_name (const char *rule_id)
{
  const MsRuleInfo *info;

  g_return_val_if_fail (rule_id != NULL, NULL);

  if (!(info = ms_validator_lookup_rule (rule_id)))
    return NULL;
  return _(info->name);
}

MsValidator *
ms_validator_new (MsRuleData *data)
{
  MsValidator *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_new0 (MsValidator, 1);
  self->data = ms_rule_data_ref (data);
  return self;
}

void
ms_validator_free (MsValidator *self)
{
  if (self == NULL)
    return;
  ms_rule_data_unref (self->data);
  g_free (self);
}

void
ms_validator_set_today (MsValidator *self,
                        const GDate *today)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (today == NULL || g_date_valid (today));

  self->fixed_today = today != NULL;
  if (today != NULL)
    g_date_strftime (self->today, sizeof self->today, "%Y-%m-%d", today);
}

typedef struct {
  MsValidator *validator;
  GError      *error;
} DefaultValidator;

MsValidator *
ms_validator_get_default (GError **error)
{
  static DefaultValidator *loaded;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A failure is remembered too: the data folder does not change while the
   * program runs. */
  if (g_once_init_enter (&loaded))
    {
      DefaultValidator *d = g_new0 (DefaultValidator, 1);
      g_autofree char *dir = g_build_filename (ms_get_data_dir (), "rules", NULL);
      g_autoptr(MsRuleData) data = ms_rule_data_load (dir, &d->error);

      if (data != NULL)
        d->validator = ms_validator_new (data);
      g_once_init_leave (&loaded, d);
    }
  if (loaded->validator == NULL)
    {
      g_set_error (error, loaded->error->domain, loaded->error->code,
                   _("the law 55-19 rules could not be loaded: %s"), loaded->error->message);
      return NULL;
    }
  return loaded->validator;
}

GPtrArray *
ms_validator_check (MsValidator *self,
                    MsProcedure *procedure)
{
  GPtrArray *rules = get_rules ();
  char today[ISO_DATE_SIZE];
  MsRuleContext ctx;
  GPtrArray *issues;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (procedure), NULL);

  if (self->fixed_today)
    memcpy (today, self->today, sizeof today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_time_get_year (now),
                  g_date_time_get_month (now), g_date_time_get_day_of_month (now));
    }

  _ms_rules_context_init (&ctx, self->data, procedure, today);
  for (guint i = 0; i < rules->len; i++)
    {
      ctx.rule = g_ptr_array_index (rules, i);
      ctx.rule->func (&ctx, procedure);
    }
  /* g_ptr_array_sort is stable: issues of one path keep the rule order. */
  g_ptr_array_sort (ctx.issues, ms_issue_compare);
  issues = g_steal_pointer (&ctx.issues);
  _ms_rules_context_clear (&ctx);
  return issues;
}
