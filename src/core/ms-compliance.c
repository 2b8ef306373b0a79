/* ms-compliance.c — a catalog's law 55-19 compliance: the figures and
 * their JSON form (the HTML page is ms-compliance-html.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-compliance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ms-compliance.h"
#include "ms-format.h"
#include "ms-json-builder.h"
#include "ms-parallel.h"

static MsComplianceRule *
rule_new (const MsRuleInfo *info,
          guint             position)
{
  MsComplianceRule *rule = g_new0 (MsComplianceRule, 1);

  rule->position = position;
  rule->rule = info->id;
  rule->severity = info->severity;
  rule->article = info->article;
  rule->sheet_ids = g_ptr_array_new_with_free_func (g_free);
  return rule;
}

static void
rule_free (gpointer data)
{
  MsComplianceRule *rule = data;

  g_ptr_array_unref (rule->sheet_ids);
  g_free (rule);
}

static MsComplianceAdmin *
admin_new (const char *code)
{
  MsComplianceAdmin *admin = g_new0 (MsComplianceAdmin, 1);

  admin->administration = g_strdup (code);
  admin->sheet_ids = g_ptr_array_new_with_free_func (g_free);
  admin->error_sheet_ids = g_ptr_array_new_with_free_func (g_free);
  admin->top_rules = g_ptr_array_new_with_free_func (rule_free);
  return admin;
}

static void
admin_free (gpointer data)
{
  MsComplianceAdmin *admin = data;

  g_free (admin->administration);
  g_ptr_array_unref (admin->sheet_ids);
  g_ptr_array_unref (admin->error_sheet_ids);
  g_ptr_array_unref (admin->top_rules);
  g_free (admin);
}

static MsComplianceItem *
item_new (MsProcedure *p,
          const char  *path)
{
  MsComplianceItem *item = g_new0 (MsComplianceItem, 1);

  item->sheet_id = g_strdup (p->id);
  item->code = g_strdup (p->code);
  item->title = p->title != NULL ? ms_localized_copy (p->title) : NULL;
  item->administration = g_strdup (p->administration != NULL ? p->administration : "");
  item->path = g_strdup (path);
  item->amount_centimes = -1;
  return item;
}

static void
item_free (gpointer data)
{
  MsComplianceItem *item = data;

  g_free (item->sheet_id);
  g_free (item->code);
  g_clear_pointer (&item->title, ms_localized_free);
  g_free (item->administration);
  g_free (item->path);
  g_clear_pointer (&item->name, ms_localized_free);
  g_free (item->date);
  g_free (item);
}

void
ms_compliance_free (MsCompliance *self)
{
  if (self == NULL)
    return;
  g_free (self->date);
  g_clear_pointer (&self->error_sheet_ids, g_ptr_array_unref);
  g_clear_pointer (&self->administrations, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  for (guint b = 0; b < MS_N_DEADLINE_BUCKETS; b++)
    g_clear_pointer (&self->deadlines[b].sheet_ids, g_ptr_array_unref);
  g_clear_pointer (&self->unfounded_fees, g_ptr_array_unref);
  g_clear_pointer (&self->held_documents, g_ptr_array_unref);
  g_clear_pointer (&self->review_overdue, g_ptr_array_unref);
  g_free (self);
}

guint
ms_compliance_percent (guint part,
                       guint whole)
{
  if (whole == 0)
    return 0;
  return (guint) (((guint64) part * 200 + whole) / ((guint64) whole * 2));
}

static const char * const bucket_names[MS_N_DEADLINE_BUCKETS] = {
  "not-stated", "0", "1-7", "8-15", "16-30", "31-60", "over-60",
};

const char *
ms_deadline_bucket_to_string (MsDeadlineBucket bucket)
{
  g_return_val_if_fail (bucket < MS_N_DEADLINE_BUCKETS, NULL);
  return bucket_names[bucket];
}

const char *
ms_deadline_bucket_to_label (MsDeadlineBucket bucket)
{
  static const char * const labels[MS_N_DEADLINE_BUCKETS] = {
    N_("Not stated"), N_("Immediate"), N_("1–7 days"), N_("8–15 days"),
    N_("16–30 days"), N_("31–60 days"), N_("Over 60 days"),
  };

  g_return_val_if_fail (bucket < MS_N_DEADLINE_BUCKETS, NULL);
  return _(labels[bucket]);
}

MsDeadlineBucket
ms_deadline_bucket_for (gint64 days)
{
  if (days < 0)
    return MS_DEADLINE_BUCKET_UNSET;
  if (days == 0)
    return MS_DEADLINE_BUCKET_IMMEDIATE;
  if (days <= 7)
    return MS_DEADLINE_BUCKET_WEEK;
  if (days <= 15)
    return MS_DEADLINE_BUCKET_FORTNIGHT;
  if (days <= 30)
    return MS_DEADLINE_BUCKET_MONTH;
  if (days <= 60)
    return MS_DEADLINE_BUCKET_LEGAL_MAX;
  return MS_DEADLINE_BUCKET_OVER;
}

char *
ms_compliance_describe_date (MsCompliance *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  date = ms_format_date (self->date);
  /* Translators: %s is a date in words, "6 December 2026". */
  return g_strdup_printf (_("Sheets checked on %s, latest revisions"), date);
}

const char *
ms_compliance_admin_label (const char   *administration,
                           MsVocabulary *vocabulary,
                           MsLang        lang)
{
  if (administration == NULL || administration[0] == '\0')
    return ms_format_not_stated ();
  return ms_vocabulary_label (vocabulary, MS_VOCAB_ADMINISTRATIONS, administration, lang);
}

/* "documents[3].provided_by" with @prefix "documents[": 3; -1 otherwise. */
static int
path_index (const char *path,
            const char *prefix)
{
  gsize n = strlen (prefix);
  guint64 index;
  char *end;

  if (strncmp (path, prefix, n) != 0 || !g_ascii_isdigit (path[n]))
    return -1;
  index = g_ascii_strtoull (path + n, &end, 10);
  if (*end != ']' || index > G_MAXINT)
    return -1;
  return (int) index;
}

static int
compare_rules_ordered (gconstpointer a,
                       gconstpointer b)
{
  const MsComplianceRule *ra = *(MsComplianceRule * const *) a;
  const MsComplianceRule *rb = *(MsComplianceRule * const *) b;

  if (ra->sheet_ids->len != rb->sheet_ids->len)
    return ra->sheet_ids->len > rb->sheet_ids->len ? -1 : 1;
  /* The catalogue's order breaks ties: sorting is not stable. */
  return ra->position < rb->position ? -1 : ra->position > rb->position;
}

static int
compare_admins (gconstpointer a,
                gconstpointer b)
{
  const MsComplianceAdmin *aa = *(MsComplianceAdmin * const *) a;
  const MsComplianceAdmin *ab = *(MsComplianceAdmin * const *) b;

  if (aa->n_sheets != ab->n_sheets)
    return aa->n_sheets > ab->n_sheets ? -1 : 1;
  return strcmp (aa->administration, ab->administration);
}

/* Counts one sheet's issues (@counts: per rule of the catalogue, by
 * position) into @rules, indexed by position too: a sheet counts once per
 * rule. */
static void
count_rules (GPtrArray   *rules,
             MsProcedure *p,
             const guint *counts)
{
  for (guint r = 0; r < rules->len; r++)
    {
      MsComplianceRule *rule = g_ptr_array_index (rules, r);

      if (counts[rule->position] == 0)
        continue;
      rule->n_issues += counts[rule->position];
      g_ptr_array_add (rule->sheet_ids, g_strdup (p->id));
    }
}

static GPtrArray *
rules_new (void)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func (rule_free);

  for (guint r = 0; r < ms_validator_get_n_rules (); r++)
    g_ptr_array_add (rules, rule_new (ms_validator_get_rule (r), r));
  return rules;
}

/* The items a sheet adds to the three lists, from its issues: the rules
 * already know which fees lack a basis, which documents another
 * administration holds and whether the review date passed. */
static void
collect_items (MsCompliance *self,
               MsProcedure  *p,
               GPtrArray    *issues)
{
  const char *last_fee = NULL;

  for (guint i = 0; i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);
      MsComplianceItem *item;
      int index;

      if (strcmp (issue->rule, "fee-basis") == 0)
        {
          /* A fee citing two unknown references is one fee. */
          if (last_fee != NULL && strcmp (last_fee, issue->path) == 0)
            continue;
          last_fee = issue->path;
          item = item_new (p, issue->path);
          index = path_index (issue->path, "fees[");
          if (index >= 0 && p->fees != NULL && (guint) index < p->fees->len)
            {
              MsFee *fee = g_ptr_array_index (p->fees, index);

              item->name = fee->label != NULL ? ms_localized_copy (fee->label) : NULL;
              item->amount_centimes = fee->amount_centimes;
            }
          g_ptr_array_add (self->unfounded_fees, item);
        }
      else if (strcmp (issue->rule, "held-by-administration") == 0)
        {
          item = item_new (p, issue->path);
          index = path_index (issue->path, "documents[");
          if (index >= 0 && p->documents != NULL && (guint) index < p->documents->len)
            {
              MsDocument *doc = g_ptr_array_index (p->documents, index);

              item->name = doc->name != NULL ? ms_localized_copy (doc->name) : NULL;
            }
          g_ptr_array_add (self->held_documents, item);
        }
      else if (strcmp (issue->rule, "review-due") == 0 && p->review_due != NULL)
        {
          /* The rule also asks for a date that is missing: only a date
           * that passed is overdue. */
          item = item_new (p, issue->path);
          item->date = g_strdup (p->review_due);
          g_ptr_array_add (self->review_overdue, item);
        }
    }
}

MsCompliance *
ms_compliance_compute (GPtrArray  *procedures,
                       GPtrArray  *issues,
                       const char *date)
{
  MsCompliance *self;
  g_autoptr(GHashTable) admins = NULL;   /* code → MsComplianceAdmin*, borrowed */
  g_autoptr(GHashTable) admin_rules = NULL; /* code → GPtrArray of MsComplianceRule* */
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal); /* rule id → position + 1 */
  guint n_rules = ms_validator_get_n_rules ();
  g_autofree guint *counts = g_new (guint, n_rules);

  g_return_val_if_fail (procedures != NULL, NULL);
  g_return_val_if_fail (issues != NULL && issues->len == procedures->len, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  self = g_new0 (MsCompliance, 1);
  self->date = g_strdup (date);
  self->error_sheet_ids = g_ptr_array_new_with_free_func (g_free);
  self->administrations = g_ptr_array_new_with_free_func (admin_free);
  self->rules = rules_new ();
  for (guint b = 0; b < MS_N_DEADLINE_BUCKETS; b++)
    {
      self->deadlines[b].bucket = b;
      self->deadlines[b].sheet_ids = g_ptr_array_new_with_free_func (g_free);
    }
  self->unfounded_fees = g_ptr_array_new_with_free_func (item_free);
  self->held_documents = g_ptr_array_new_with_free_func (item_free);
  self->review_overdue = g_ptr_array_new_with_free_func (item_free);
  for (guint r = 0; r < n_rules; r++)
    g_hash_table_insert (positions, (gpointer) ms_validator_get_rule (r)->id, GUINT_TO_POINTER (r + 1));
  admins = g_hash_table_new (g_str_hash, g_str_equal);
  admin_rules = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);

  for (guint s = 0; s < procedures->len; s++)
    {
      MsProcedure *p = g_ptr_array_index (procedures, s);
      GPtrArray *sheet_issues = g_ptr_array_index (issues, s);
      const char *code = p->administration != NULL ? p->administration : "";
      guint n_errors = ms_issues_count (sheet_issues, MS_SEVERITY_ERROR);
      guint n_warnings = ms_issues_count (sheet_issues, MS_SEVERITY_WARNING);
      MsComplianceAdmin *admin = g_hash_table_lookup (admins, code);
      GPtrArray *rules;

      if (admin == NULL)
        {
          admin = admin_new (code);
          g_ptr_array_add (self->administrations, admin);
          g_hash_table_insert (admins, admin->administration, admin);
          g_hash_table_insert (admin_rules, admin->administration, rules_new ());
        }
      rules = g_hash_table_lookup (admin_rules, code);

      self->n_sheets++;
      self->n_errors += n_errors;
      self->n_warnings += n_warnings;
      admin->n_sheets++;
      admin->n_errors += n_errors;
      admin->n_warnings += n_warnings;
      g_ptr_array_add (admin->sheet_ids, g_strdup (p->id));
      if (n_errors == 0)
        {
          self->n_without_errors++;
          admin->n_without_errors++;
        }
      else
        {
          g_ptr_array_add (self->error_sheet_ids, g_strdup (p->id));
          g_ptr_array_add (admin->error_sheet_ids, g_strdup (p->id));
        }

      memset (counts, 0, n_rules * sizeof *counts);
      for (guint i = 0; i < sheet_issues->len; i++)
        {
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions,
                                                                  ((MsIssue *) g_ptr_array_index (sheet_issues, i))->rule));

          if (position > 0)
            counts[position - 1]++;
        }
      /* Both still in the catalogue's order: sorted once all are counted. */
      count_rules (self->rules, p, counts);
      count_rules (rules, p, counts);
      g_ptr_array_add (self->deadlines[ms_deadline_bucket_for (p->deadline_days)].sheet_ids,
                       g_strdup (p->id));
      collect_items (self, p, sheet_issues);
    }

  g_ptr_array_sort (self->rules, compare_rules_ordered);
  g_ptr_array_sort (self->administrations, compare_admins);
  for (guint a = 0; a < self->administrations->len; a++)
    {
      MsComplianceAdmin *admin = g_ptr_array_index (self->administrations, a);
      GPtrArray *rules = g_hash_table_lookup (admin_rules, admin->administration);

      g_ptr_array_sort (rules, compare_rules_ordered);
      for (guint r = 0; r < rules->len && admin->top_rules->len < MS_COMPLIANCE_TOP_RULES; r++)
        {
          MsComplianceRule *rule = g_ptr_array_index (rules, r);

          if (rule->sheet_ids->len == 0)
            break;
          g_ptr_array_add (admin->top_rules, g_ptr_array_steal_index (rules, r));
          r--;
        }
    }
  return self;
}

typedef struct {
  GPtrArray   *procedures;
  GPtrArray   *issues;
  MsValidator *validator;
} CheckWork;

static void
check_one (guint    index,
           gpointer user_data)
{
  CheckWork *work = user_data;

  work->issues->pdata[index] = ms_validator_check (work->validator,
                                                   g_ptr_array_index (work->procedures, index));
}

MsCompliance *
ms_compliance_check (GPtrArray   *procedures,
                     MsValidator *validator,
                     const char  *date)
{
  g_autoptr(GPtrArray) issues = NULL;
  CheckWork work;

  g_return_val_if_fail (procedures != NULL, NULL);
  g_return_val_if_fail (validator != NULL, NULL);

  issues = g_ptr_array_new_full (procedures->len, (GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_set_size (issues, procedures->len);
  work = (CheckWork) { procedures, issues, validator };
  ms_parallel_for (procedures->len, check_one, &work);
  return ms_compliance_compute (procedures, issues, date);
}

/* JSON */

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_localized (JsonBuilder       *b,
               const char        *name,
               const MsLocalized *text)
{
  json_builder_set_member_name (b, name);
  if (text == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  for (MsLang l = 0; l < MS_N_LANGS; l++)
    if (ms_localized_get (text, l) != NULL)
      ms_json_builder_add_string_member (b, ms_lang_to_code (l), ms_localized_get (text, l));
  json_builder_end_object (b);
}

static void
add_ids (JsonBuilder *b,
         const char  *name,
         GPtrArray   *ids)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ids, i));
  json_builder_end_array (b);
}

/* @n_sheets: the sheets the rule was checked on, for its share. */
static void
add_rule (JsonBuilder      *b,
          MsComplianceRule *rule,
          guint             n_sheets)
{
  json_builder_begin_object (b);
  ms_json_builder_add_string_member (b, "rule", rule->rule);
  ms_json_builder_add_string_member (b, "name", ms_rule_get_name (rule->rule));
  ms_json_builder_add_string_member (b, "severity", ms_severity_to_string (rule->severity));
  ms_json_builder_add_string_member (b, "article", rule->article);
  add_int (b, "sheets", rule->sheet_ids->len);
  add_int (b, "percent_sheets", ms_compliance_percent (rule->sheet_ids->len, n_sheets));
  add_int (b, "issues", rule->n_issues);
  add_ids (b, "sheet_ids", rule->sheet_ids);
  json_builder_end_object (b);
}

static void
add_items (JsonBuilder *b,
           const char  *name,
           GPtrArray   *items)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      MsComplianceItem *item = g_ptr_array_index (items, i);

      json_builder_begin_object (b);
      ms_json_builder_add_string_member (b, "sheet", item->sheet_id);
      ms_json_builder_add_string_member (b, "code", item->code);
      add_localized (b, "title", item->title);
      ms_json_builder_add_string_member (b, "administration", item->administration);
      ms_json_builder_add_string_member (b, "path", item->path);
      if (item->name != NULL)
        add_localized (b, "name", item->name);
      if (item->amount_centimes >= 0)
        add_int (b, "amount_centimes", item->amount_centimes);
      if (item->date != NULL)
        ms_json_builder_add_string_member (b, "review_due", item->date);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
ms_compliance_to_json (MsCompliance *self,
                       MsVocabulary *vocabulary)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  ms_json_builder_add_string_member (b, "date", self->date);
  add_int (b, "sheets", self->n_sheets);
  add_int (b, "without_errors", self->n_without_errors);
  add_int (b, "percent_without_errors", ms_compliance_percent (self->n_without_errors, self->n_sheets));
  add_int (b, "errors", self->n_errors);
  add_int (b, "warnings", self->n_warnings);
  add_ids (b, "error_sheet_ids", self->error_sheet_ids);

  json_builder_set_member_name (b, "administrations");
  json_builder_begin_array (b);
  for (guint a = 0; a < self->administrations->len; a++)
    {
      MsComplianceAdmin *admin = g_ptr_array_index (self->administrations, a);

      json_builder_begin_object (b);
      ms_json_builder_add_string_member (b, "administration", admin->administration);
      add_localized (b, "name", admin->administration[0] != '\0'
                                ? ms_vocabulary_lookup (vocabulary, MS_VOCAB_ADMINISTRATIONS,
                                                        admin->administration)
                                : NULL);
      add_int (b, "sheets", admin->n_sheets);
      add_int (b, "without_errors", admin->n_without_errors);
      add_int (b, "percent_without_errors", ms_compliance_percent (admin->n_without_errors, admin->n_sheets));
      add_int (b, "errors", admin->n_errors);
      add_int (b, "warnings", admin->n_warnings);
      add_ids (b, "sheet_ids", admin->sheet_ids);
      add_ids (b, "error_sheet_ids", admin->error_sheet_ids);
      json_builder_set_member_name (b, "top_rules");
      json_builder_begin_array (b);
      for (guint r = 0; r < admin->top_rules->len; r++)
        add_rule (b, g_ptr_array_index (admin->top_rules, r), admin->n_sheets);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint r = 0; r < self->rules->len; r++)
    add_rule (b, g_ptr_array_index (self->rules, r), self->n_sheets);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "deadlines");
  json_builder_begin_array (b);
  for (guint d = 0; d < MS_N_DEADLINE_BUCKETS; d++)
    {
      json_builder_begin_object (b);
      ms_json_builder_add_string_member (b, "bucket", ms_deadline_bucket_to_string (d));
      ms_json_builder_add_string_member (b, "label", ms_deadline_bucket_to_label (d));
      add_int (b, "sheets", self->deadlines[d].sheet_ids->len);
      add_ids (b, "sheet_ids", self->deadlines[d].sheet_ids);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_items (b, "unfounded_fees", self->unfounded_fees);
  add_items (b, "held_documents", self->held_documents);
  add_items (b, "review_overdue", self->review_overdue);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

gboolean
ms_compliance_save_text (const char  *path,
                         const char  *text,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
