/* ms-cli-report.c — report: the catalog's law 55-19 compliance, per
 * administration and per rule, as text, JSON or one HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ms-cli-private.h"
#include "ms-compliance.h"
#include "ms-format.h"
#include "ms-i18n.h"
#include "ms-store.h"
#include "ms-text.h"
#include "ms-validator.h"

#define TOP_VIOLATIONS 10

/* The latest revision of every sheet of the catalog. */
static GPtrArray *
read_catalog (MsStore  *store,
              GError  **error)
{
  MsStoreFilter filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) infos = ms_store_list (store, &filter, error);
  g_autoptr(GPtrArray) sheets = NULL;

  if (infos == NULL)
    return NULL;
  sheets = g_ptr_array_new_full (infos->len, g_object_unref);
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);
      MsProcedure *sheet = ms_store_get_sheet (store, info->id, 0, NULL, error);

      if (sheet == NULL)
        return NULL;
      g_ptr_array_add (sheets, sheet);
    }
  return g_steal_pointer (&sheets);
}

static void
append_row (GString    *out,
            const char *label,
            guint       width,
            const char *figures)
{
  g_autofree char *padded = _ms_cli_pad (label, width);

  g_string_append_printf (out, "  %s  %s\n", padded, figures);
}

static guint
label_width (GPtrArray *labels)
{
  guint width = 0;

  for (guint i = 0; i < labels->len; i++)
    width = MAX (width, (guint) g_utf8_strlen (g_ptr_array_index (labels, i), -1));
  return width;
}

static void
append_items (GString    *out,
              const char *title,
              GPtrArray  *items,
              MsLang      lang)
{
  g_string_append_printf (out, "\n%s: %u\n", title, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      MsComplianceItem *item = g_ptr_array_index (items, i);
      const char *what = item->date != NULL ? item->date : ms_localized_best (item->name, lang);
      g_autofree char *amount = item->amount_centimes >= 0 ? ms_format_amount (item->amount_centimes) : NULL;

      g_autofree char *line = g_strdup_printf ("%s  %s  %s%s%s", item->code != NULL ? item->code : item->sheet_id,
                                               item->path, what != NULL ? what : "", amount != NULL ? " — " : "",
                                               amount != NULL ? amount : "");
      /* Codes and names are the sheets' text: one line each, whatever they hold. */
      g_autofree char *escaped = ms_text_escape_controls (line);

      g_string_append_printf (out, "  %s\n", escaped);
    }
}

/* "29 sheets, 19 without errors (66 %), 21 errors, 90 warnings" */
static char *
format_figures (guint n_sheets,
                guint n_without_errors,
                guint n_errors,
                guint n_warnings)
{
  g_autofree char *sheets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet", "%u sheets", n_sheets),
                                             n_sheets);
  /* Translators: "19 without errors (66 %)" */
  g_autofree char *ok = g_strdup_printf (_("%u without errors (%u %%)"), n_without_errors,
                                         ms_compliance_percent (n_without_errors, n_sheets));
  g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                                             n_errors);
  g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                            n_warnings),
                                               n_warnings);

  /* Translators: "29 sheets, 19 without errors (66 %), 21 errors, 90 warnings" */
  return g_strdup_printf (_("%s, %s, %s, %s"), sheets, ok, errors, warnings);
}

static char *
format_text (MsCompliance *report,
             MsVocabulary *vocabulary)
{
  MsLang lang = ms_ui_lang ();
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint width, shown = 0;

  g_assert (report != NULL);

  g_string_append_printf (out, "%s\n", _("Law 55-19 compliance of the catalog"));
  {
    g_autofree char *date = ms_compliance_describe_date (report);

    g_string_append_printf (out, "%s\n", date);
  }
  {
    g_autofree char *figures = format_figures (report->n_sheets, report->n_without_errors,
                                               report->n_errors, report->n_warnings);

    g_string_append_printf (out, "%s\n", figures);
  }

  g_string_append_printf (out, "\n%s\n", _("Per administration"));
  /* Names are long ("Ministère délégué auprès du Chef du gouvernement…"):
   * each on its line, its figures below. */
  for (guint a = 0; a < report->administrations->len; a++)
    {
      MsComplianceAdmin *admin = g_ptr_array_index (report->administrations, a);
      g_autofree char *figures = format_figures (admin->n_sheets, admin->n_without_errors,
                                                 admin->n_errors, admin->n_warnings);

      g_string_append_printf (out, "  %s\n    %s\n",
                              ms_compliance_admin_label (admin->administration, vocabulary, lang), figures);
      for (guint r = 0; r < admin->top_rules->len; r++)
        {
          MsComplianceRule *rule = g_ptr_array_index (admin->top_rules, r);

          g_string_append_printf (out, "    %s %s: %u\n", r == 0 ? "→" : " ", rule->rule,
                                  rule->sheet_ids->len);
        }
    }

  g_string_append_printf (out, "\n%s\n", _("Most frequent violations"));
  g_ptr_array_set_size (labels, 0);
  for (guint r = 0; r < report->rules->len; r++)
    g_ptr_array_add (labels, g_strdup (((MsComplianceRule *) g_ptr_array_index (report->rules, r))->rule));
  width = label_width (labels);
  for (guint r = 0; r < report->rules->len && shown < TOP_VIOLATIONS; r++)
    {
      MsComplianceRule *rule = g_ptr_array_index (report->rules, r);
      g_autoptr(MsIssue) issue = ms_issue_new (rule->rule, rule->severity, "", rule->article, "");
      g_autofree char *reference = ms_issue_format_reference (issue);
      g_autofree char *figures = NULL;

      if (rule->sheet_ids->len == 0)
        break;
      shown++;
      figures = g_strdup_printf ("%4u  %s  %s  %s", rule->sheet_ids->len,
                                 ms_severity_to_label (rule->severity), reference,
                                 ms_rule_get_name (rule->rule));
      append_row (out, rule->rule, width, figures);
    }
  if (shown == 0)
    g_string_append_printf (out, "  %s\n", _("No rule is broken."));

  g_string_append_printf (out, "\n%s\n", _("Answer deadlines"));
  g_ptr_array_set_size (labels, 0);
  for (guint d = 0; d < MS_N_DEADLINE_BUCKETS; d++)
    g_ptr_array_add (labels, g_strdup (ms_deadline_bucket_to_label (d)));
  width = label_width (labels);
  for (guint d = 0; d < MS_N_DEADLINE_BUCKETS; d++)
    {
      g_autofree char *figures = g_strdup_printf ("%u", report->deadlines[d].sheet_ids->len);

      append_row (out, g_ptr_array_index (labels, d), width, figures);
    }

  append_items (out, _("Fees without legal basis (art. 6)"), report->unfounded_fees, lang);
  append_items (out, _("Documents another administration holds: candidates for removal (art. 23–25)"),
                report->held_documents, lang);
  append_items (out, _("Sheets past their review date (art. 29)"), report->review_overdue, lang);
  return g_string_free (out, FALSE);
}

/* Exit status: 0 once the report is written, whatever it finds (it is a
 * report, not a check: validate --all is the check); 2 when the catalog
 * cannot be read or the file written. */
int
_ms_cli_report (const MsCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *out_path = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default), json or html"), N_("FORMAT") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write the report to this file instead of the standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(MsCompliance) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  MsVocabulary *vocabulary = ms_vocabulary_get_default ();
  MsValidator *validator;

  if (!_ms_cli_parse_options ("report", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (format == NULL)
    format = g_strdup ("text");
  if (strcmp (format, "text") != 0 && strcmp (format, "json") != 0 && strcmp (format, "html") != 0)
    {
      _ms_cli_error (_("report: unknown format “%s” (text, json or html)"), format);
      return MS_CLI_USAGE;
    }
  if (argc > 1)
    {
      _ms_cli_error (_("report: the report covers the whole catalog; it takes no argument (“%s”)"), argv[1]);
      return MS_CLI_USAGE;
    }
  if (!(validator = ms_validator_get_default (&error)))
    {
      _ms_cli_error ("report: %s", error->message);
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error))
      || !(sheets = read_catalog (store, &error)))
    return _ms_cli_fail ("report", error);

  /* Every sheet checked against the same day, the one the report states. */
  today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                          g_date_time_get_year (now));
  ms_validator_set_today (validator, today);
  date = g_date_time_format (now, "%Y-%m-%d");
  report = ms_compliance_check (sheets, validator, date);

  if (strcmp (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = ms_compliance_to_json (report, vocabulary);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *data = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      data = json_generator_to_data (generator, NULL);
      text = g_strconcat (data, "\n", NULL);
    }
  else if (strcmp (format, "html") == 0)
    text = ms_compliance_to_html (report, vocabulary, ms_ui_lang ());
  else
    text = format_text (report, vocabulary);

  if (out_path == NULL)
    {
      fputs (text, stdout);
      return MS_CLI_OK;
    }
  if (!ms_compliance_save_text (out_path, text, &error))
    {
      _ms_cli_error ("report: %s", error->message);
      return MS_CLI_USAGE;
    }
  return MS_CLI_OK;
}
