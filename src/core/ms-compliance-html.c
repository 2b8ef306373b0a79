/* ms-compliance-html.c — the compliance report as one self-contained HTML
 * page: inline CSS, inline SVG bars, no external resource, so that it opens
 * in any browser, offline, and can be mailed as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-compliance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-compliance.h"
#include "ms-format.h"

#define TOP_VIOLATIONS 10

static const char style[] =
  "body{font-family:'Noto Sans','Noto Sans Arabic','DejaVu Sans',sans-serif;margin:2em;color:#1c1c1c;background:#fff}"
  "h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .6em;border-bottom:2px solid #3584e4;padding-bottom:.2em}"
  ".date{color:#555}"
  ".cards{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}"
  ".card{border:1px solid #ccc;border-radius:8px;padding:.8em 1.2em;min-width:9em}"
  ".card .n{display:block;font-size:1.8em;font-weight:bold}"
  "table{border-collapse:collapse;width:100%}"
  "th,td{padding:.35em .6em;border-bottom:1px solid #ddd;text-align:start;vertical-align:middle}"
  "th{background:#f2f2f2}"
  "td.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}"
  "td.bar{width:22%;min-width:6em}td.bar svg{display:block;width:100%;height:14px}"
  "td.top{min-width:18em}"
  ".error{color:#c01c28}.warning{color:#986a44}"
  ".none{color:#555;font-style:italic}"
  "code{font-size:.9em}";

typedef struct {
  GString  *out;
  gboolean  rtl;
  MsLang    lang;
} Html;

static void
text (Html       *h,
      const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value != NULL ? value : "", -1);

  g_string_append (h->out, escaped);
}

/* A figure the tests read back from the DOM: data-figure names it,
 * data-value holds the number. */
static void
figure (Html       *h,
        const char *name,
        guint       value,
        gboolean    percent)
{
  g_string_append (h->out, "<span data-figure=\"");
  text (h, name);
  g_string_append_printf (h->out, "\" data-value=\"%u\">%u%s</span>", value, value, percent ? "&#8239;%" : "");
}

/* A bar of @value out of @max, drawn from the start of the line: the
 * right in Arabic. */
static void
bar (Html       *h,
     guint       value,
     guint       max,
     const char *colour)
{
  double width = max > 0 ? 100.0 * value / max : 0.0;
  char x[G_ASCII_DTOSTR_BUF_SIZE], w[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (x, sizeof x, "%.2f", h->rtl ? 100.0 - width : 0.0);
  g_ascii_formatd (w, sizeof w, "%.2f", width);
  g_string_append_printf (h->out,
                          "<td class=\"bar\"><svg viewBox=\"0 0 100 14\" preserveAspectRatio=\"none\" "
                          "aria-hidden=\"true\"><rect x=\"0\" y=\"0\" width=\"100\" height=\"14\" fill=\"#eee\"/>"
                          "<rect x=\"%s\" y=\"0\" width=\"%s\" height=\"14\" fill=\"%s\"/></svg></td>",
                          x, w, colour);
}

static void
num_cell (Html       *h,
          const char *name,
          guint       value,
          gboolean    percent)
{
  g_string_append (h->out, "<td class=\"num\">");
  figure (h, name, value, percent);
  g_string_append (h->out, "</td>");
}

static void
heading (Html       *h,
         const char *id,
         const char *title)
{
  g_string_append_printf (h->out, "<h2 id=\"%s\">", id);
  text (h, title);
  g_string_append (h->out, "</h2>\n");
}

static void
header_cells (Html        *h,
              const char **labels)
{
  g_string_append (h->out, "<tr>");
  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_string_append (h->out, "<th>");
      text (h, labels[i]);
      g_string_append (h->out, "</th>");
    }
  g_string_append (h->out, "</tr>\n");
}

static void
card (Html       *h,
      const char *label,
      const char *name,
      guint       value,
      gboolean    percent)
{
  g_string_append (h->out, "<div class=\"card\"><span class=\"n\">");
  figure (h, name, value, percent);
  g_string_append (h->out, "</span>");
  text (h, label);
  g_string_append (h->out, "</div>");
}

static void
rule_label (Html                   *h,
            const MsComplianceRule *rule)
{
  g_autofree char *reference = NULL;
  g_autoptr(MsIssue) issue = ms_issue_new (rule->rule, rule->severity, "", rule->article, "");

  reference = ms_issue_format_reference (issue);
  g_string_append_printf (h->out, "<td class=\"%s\">", ms_severity_to_string (rule->severity));
  text (h, ms_rule_get_name (rule->rule));
  g_string_append (h->out, " <code>");
  text (h, rule->rule);
  g_string_append (h->out, "</code></td><td>");
  text (h, reference);
  g_string_append (h->out, "</td>");
}

static void
write_administrations (Html          *h,
                       MsCompliance  *self,
                       MsVocabulary  *vocabulary)
{
  const char *labels[] = {
    _("Administration"), _("Sheets"), _("Without errors"), _("Share"), "",
    _("Errors"), _("Warnings"), _("Most frequent violations"), NULL
  };

  heading (h, "administrations", _("Per administration"));
  g_string_append (h->out, "<table>\n");
  header_cells (h, labels);
  for (guint a = 0; a < self->administrations->len; a++)
    {
      MsComplianceAdmin *admin = g_ptr_array_index (self->administrations, a);
      guint percent = ms_compliance_percent (admin->n_without_errors, admin->n_sheets);
      g_autofree char *prefix = g_strdup_printf ("admin:%s:", admin->administration);
      g_autofree char *n_sheets = g_strconcat (prefix, "sheets", NULL);
      g_autofree char *n_ok = g_strconcat (prefix, "without_errors", NULL);
      g_autofree char *n_percent = g_strconcat (prefix, "percent_without_errors", NULL);
      g_autofree char *n_errors = g_strconcat (prefix, "errors", NULL);
      g_autofree char *n_warnings = g_strconcat (prefix, "warnings", NULL);

      g_string_append (h->out, "<tr><td>");
      text (h, ms_compliance_admin_label (admin->administration, vocabulary, h->lang));
      g_string_append (h->out, "</td>");
      num_cell (h, n_sheets, admin->n_sheets, FALSE);
      num_cell (h, n_ok, admin->n_without_errors, FALSE);
      num_cell (h, n_percent, percent, TRUE);
      bar (h, percent, 100, "#2ec27e");
      num_cell (h, n_errors, admin->n_errors, FALSE);
      num_cell (h, n_warnings, admin->n_warnings, FALSE);
      g_string_append (h->out, "<td class=\"top\">");
      if (admin->top_rules->len == 0)
        {
          g_string_append (h->out, "<span class=\"none\">");
          text (h, _("None"));
          g_string_append (h->out, "</span>");
        }
      for (guint r = 0; r < admin->top_rules->len; r++)
        {
          MsComplianceRule *rule = g_ptr_array_index (admin->top_rules, r);
          g_autofree char *name = g_strdup_printf ("%srule:%s", prefix, rule->rule);

          if (r > 0)
            g_string_append (h->out, "<br>");
          g_string_append_printf (h->out, "<span class=\"%s\">", ms_severity_to_string (rule->severity));
          text (h, ms_rule_get_name (rule->rule));
          g_string_append (h->out, "</span> (");
          figure (h, name, rule->sheet_ids->len, FALSE);
          g_string_append (h->out, ")");
        }
      g_string_append (h->out, "</td></tr>\n");
    }
  g_string_append (h->out, "</table>\n");
}

static void
write_rules (Html         *h,
             MsCompliance *self)
{
  const char *labels[] = { _("Rule"), _("Article"), _("Sheets"), _("Share of the sheets"), "", _("Issues"), NULL };
  guint max = 0, shown = 0;

  heading (h, "violations", _("Most frequent violations"));
  for (guint r = 0; r < self->rules->len; r++)
    max = MAX (max, ((MsComplianceRule *) g_ptr_array_index (self->rules, r))->sheet_ids->len);
  if (max == 0)
    {
      g_string_append (h->out, "<p class=\"none\">");
      text (h, _("No rule is broken."));
      g_string_append (h->out, "</p>\n");
      return;
    }
  g_string_append (h->out, "<table>\n");
  header_cells (h, labels);
  for (guint r = 0; r < self->rules->len && shown < TOP_VIOLATIONS; r++)
    {
      MsComplianceRule *rule = g_ptr_array_index (self->rules, r);
      g_autofree char *n_sheets = g_strdup_printf ("rule:%s:sheets", rule->rule);
      g_autofree char *n_issues = g_strdup_printf ("rule:%s:issues", rule->rule);
      g_autofree char *n_percent = g_strdup_printf ("rule:%s:percent_sheets", rule->rule);

      if (rule->sheet_ids->len == 0)
        break;
      shown++;
      g_string_append (h->out, "<tr>");
      rule_label (h, rule);
      num_cell (h, n_sheets, rule->sheet_ids->len, FALSE);
      num_cell (h, n_percent, ms_compliance_percent (rule->sheet_ids->len, self->n_sheets), TRUE);
      bar (h, rule->sheet_ids->len, max,
           rule->severity == MS_SEVERITY_ERROR ? "#e01b24" : "#f6d32d");
      num_cell (h, n_issues, rule->n_issues, FALSE);
      g_string_append (h->out, "</tr>\n");
    }
  g_string_append (h->out, "</table>\n");
}

static void
write_deadlines (Html         *h,
                 MsCompliance *self)
{
  const char *labels[] = { _("Answer deadline"), _("Sheets"), "", NULL };
  guint max = 0;

  heading (h, "deadlines", _("Answer deadlines"));
  for (guint d = 0; d < MS_N_DEADLINE_BUCKETS; d++)
    max = MAX (max, self->deadlines[d].sheet_ids->len);
  g_string_append (h->out, "<table>\n");
  header_cells (h, labels);
  for (guint d = 0; d < MS_N_DEADLINE_BUCKETS; d++)
    {
      g_autofree char *name = g_strdup_printf ("deadline:%s:sheets", ms_deadline_bucket_to_string (d));

      g_string_append (h->out, "<tr><td>");
      text (h, ms_deadline_bucket_to_label (d));
      g_string_append (h->out, "</td>");
      num_cell (h, name, self->deadlines[d].sheet_ids->len, FALSE);
      bar (h, self->deadlines[d].sheet_ids->len, max,
           d == MS_DEADLINE_BUCKET_OVER || d == MS_DEADLINE_BUCKET_UNSET ? "#e01b24" : "#3584e4");
      g_string_append (h->out, "</tr>\n");
    }
  g_string_append (h->out, "</table>\n");
}

/* A list of items: the sheet, then what is concerned. */
static void
write_items (Html         *h,
             const char   *id,
             const char   *title,
             const char   *detail_label,
             GPtrArray    *items)
{
  const char *labels[] = { _("Sheet"), _("Code"), detail_label, _("Field"), NULL };

  heading (h, id, title);
  g_string_append (h->out, "<p>");
  figure (h, id, items->len, FALSE);
  g_string_append (h->out, "</p>\n");
  if (items->len == 0)
    return;
  g_string_append (h->out, "<table>\n");
  header_cells (h, labels);
  for (guint i = 0; i < items->len; i++)
    {
      MsComplianceItem *item = g_ptr_array_index (items, i);
      const char *title_text = ms_localized_best (item->title, h->lang);

      g_string_append (h->out, "<tr><td>");
      text (h, title_text != NULL ? title_text : item->sheet_id);
      g_string_append (h->out, "</td><td>");
      text (h, item->code);
      g_string_append (h->out, "</td><td>");
      if (item->date != NULL)
        text (h, item->date);
      else
        {
          text (h, ms_localized_best (item->name, h->lang));
          if (item->amount_centimes >= 0)
            {
              g_autofree char *amount = ms_format_amount (item->amount_centimes);

              g_string_append (h->out, " — ");
              text (h, amount);
            }
        }
      g_string_append (h->out, "</td><td><code>");
      text (h, item->path);
      g_string_append (h->out, "</code></td></tr>\n");
    }
  g_string_append (h->out, "</table>\n");
}

char *
ms_compliance_to_html (MsCompliance *self,
                       MsVocabulary *vocabulary,
                       MsLang        lang)
{
  Html h = { g_string_new (NULL), ms_lang_is_rtl (lang), lang };
  const char *title = _("Law 55-19 compliance of the catalog");

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (h.out, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
                          ms_lang_to_code (lang), h.rtl ? "rtl" : "ltr");
  text (&h, title);
  g_string_append_printf (h.out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
  text (&h, title);
  g_string_append (h.out, "</h1>\n<p class=\"date\">");
  {
    g_autofree char *date = ms_compliance_describe_date (self);

    text (&h, date);
  }
  g_string_append (h.out, "</p>\n<div class=\"cards\">");
  card (&h, _("Sheets"), "sheets", self->n_sheets, FALSE);
  card (&h, _("Without errors"), "without_errors", self->n_without_errors, FALSE);
  card (&h, _("Share without errors"), "percent_without_errors",
        ms_compliance_percent (self->n_without_errors, self->n_sheets), TRUE);
  card (&h, _("Errors"), "errors", self->n_errors, FALSE);
  card (&h, _("Warnings"), "warnings", self->n_warnings, FALSE);
  g_string_append (h.out, "</div>\n");

  write_administrations (&h, self, vocabulary);
  write_rules (&h, self);
  write_deadlines (&h, self);
  write_items (&h, "unfounded_fees", _("Fees without legal basis (art. 6)"), _("Fee"),
               self->unfounded_fees);
  write_items (&h, "held_documents",
               _("Documents another administration holds: candidates for removal (art. 23–25)"),
               _("Document"), self->held_documents);
  write_items (&h, "review_overdue", _("Sheets past their review date (art. 29)"), _("Review due"),
               self->review_overdue);

  g_string_append (h.out, "</body>\n</html>\n");
  return g_string_free (h.out, FALSE);
}
