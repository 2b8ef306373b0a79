/* ms-compliance.h — a catalog's law 55-19 compliance, per administration
 * and per rule (issue 13 item 8)
 *
 * Computed from the sheets and the validator's issues; shared by
 * masatir-cli report and the window's Compliance page, which show the same
 * figures. Every figure that can be drawn as a bar keeps the ids of the
 * sheets behind it, so that a bar can lead to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ms-issue.h"
#include "ms-procedure.h"
#include "ms-validator.h"
#include "ms-vocabulary.h"

G_BEGIN_DECLS

/* How many rules each administration's "most frequent" list keeps. */
#define MS_COMPLIANCE_TOP_RULES 3

/* One rule over a set of sheets. */
typedef struct {
  const char *rule;        /* the catalogue's id; static */
  MsSeverity  severity;
  const char *article;     /* static */
  guint       n_issues;
  GPtrArray  *sheet_ids;   /* char*, the sheets it was found in, in input order */
  guint       position;    /* in the catalogue (ms_validator_get_rule) */
} MsComplianceRule;

typedef struct {
  char       *administration;  /* vocabulary code, "" when the sheet names none */
  guint       n_sheets;
  guint       n_without_errors;
  guint       n_errors;        /* issues */
  guint       n_warnings;
  GPtrArray  *sheet_ids;       /* char*, every sheet of the administration */
  GPtrArray  *error_sheet_ids; /* char*, those with at least one error */
  GPtrArray  *top_rules;       /* MsComplianceRule*, most sheets first, at most
                                * MS_COMPLIANCE_TOP_RULES, only rules found */
} MsComplianceAdmin;

/* Buckets of the answer deadline (deadline_days). */
typedef enum {
  MS_DEADLINE_BUCKET_UNSET,     /* not stated */
  MS_DEADLINE_BUCKET_IMMEDIATE, /* 0 */
  MS_DEADLINE_BUCKET_WEEK,      /* 1–7 */
  MS_DEADLINE_BUCKET_FORTNIGHT, /* 8–15 */
  MS_DEADLINE_BUCKET_MONTH,     /* 16–30 */
  MS_DEADLINE_BUCKET_LEGAL_MAX, /* 31–60 */
  MS_DEADLINE_BUCKET_OVER,      /* over 60: against art. 16 */
  MS_N_DEADLINE_BUCKETS
} MsDeadlineBucket;

typedef struct {
  MsDeadlineBucket  bucket;
  GPtrArray        *sheet_ids;
} MsComplianceDeadlines;

/* A fee without legal basis, a document another administration holds, or
 * a sheet past its review date: where, in which sheet. */
typedef struct {
  char        *sheet_id;
  char        *code;
  MsLocalized *title;           /* the sheet's */
  char        *administration;
  char        *path;            /* "fees[1].legal_basis", "documents[0].provided_by", "review_due" */
  MsLocalized *name;            /* the fee's label or the document's name; NULL for a review */
  gint64       amount_centimes; /* a fee's, else -1 */
  char        *date;            /* the review date passed, else NULL */
} MsComplianceItem;

typedef struct {
  char      *date;              /* YYYY-MM-DD the sheets were checked on */
  guint      n_sheets;
  guint      n_without_errors;
  guint      n_errors;
  guint      n_warnings;
  GPtrArray *error_sheet_ids;   /* char* */
  GPtrArray *administrations;   /* MsComplianceAdmin*, most sheets first, then by code */
  GPtrArray *rules;             /* MsComplianceRule*, every rule of the catalogue:
                                 * most sheets first, then in catalogue order */
  MsComplianceDeadlines deadlines[MS_N_DEADLINE_BUCKETS];
  GPtrArray *unfounded_fees;    /* MsComplianceItem* (rule fee-basis) */
  GPtrArray *held_documents;    /* MsComplianceItem* (rule held-by-administration) */
  GPtrArray *review_overdue;    /* MsComplianceItem* (rule review-due, date passed) */
} MsCompliance;

/* @procedures: MsProcedure*; @issues: for each of them, its GPtrArray of
 * MsIssue* as ms_validator_check() gave it; @date: the day they were
 * checked on (YYYY-MM-DD), which the report states. */
MsCompliance *ms_compliance_compute          (GPtrArray        *procedures,
                                              GPtrArray        *issues,
                                              const char       *date);
/* Checks @procedures with @validator on every core, then computes;
 * @validator checks against @date (ms_validator_set_today). */
MsCompliance *ms_compliance_check            (GPtrArray        *procedures,
                                              MsValidator      *validator,
                                              const char       *date);
void          ms_compliance_free             (MsCompliance     *self);

/* "Sheets checked on 6 December 2026, latest revisions": the date in the
 * language's words (ms_format_date), for every form of the report. */
char         *ms_compliance_describe_date    (MsCompliance     *self);
/* Percentage (0–100, rounded half up) of @part in @whole; 0 for 0 of 0. */
guint         ms_compliance_percent          (guint             part,
                                              guint             whole);
/* "not-stated", "0", "1-7", "8-15", "16-30", "31-60", "over-60" */
const char   *ms_deadline_bucket_to_string   (MsDeadlineBucket  bucket);
/* "Not stated", "Immediate", "1–7 days"…, translated. */
const char   *ms_deadline_bucket_to_label    (MsDeadlineBucket  bucket);
MsDeadlineBucket ms_deadline_bucket_for      (gint64            deadline_days);
/* The administration's name in @lang from @vocabulary, "Not stated" for "". */
const char   *ms_compliance_admin_label      (const char       *administration,
                                              MsVocabulary     *vocabulary,
                                              MsLang            lang);

/* The report as JSON: {date, sheets, without_errors, percent_without_errors,
 * errors, warnings, administrations: [...], rules: [...], deadlines: [...],
 * unfounded_fees: [...], held_documents: [...], review_overdue: [...]}. */
JsonNode     *ms_compliance_to_json          (MsCompliance     *self,
                                              MsVocabulary     *vocabulary);
/* One self-contained HTML page (inline CSS and SVG, no external resource)
 * in @lang (Arabic: right to left); every figure carries a data-figure
 * attribute naming it and a data-value with its number. */
char         *ms_compliance_to_html          (MsCompliance     *self,
                                              MsVocabulary     *vocabulary,
                                              MsLang            lang);

/* A report's @text (JSON, HTML or plain) written to @path atomically
 * (a reader sees the old file or the new one, never half), mode 0644. The
 * shells write no file themselves (tests/check-publish-layer.py). */
gboolean      ms_compliance_save_text        (const char       *path,
                                              const char       *text,
                                              GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsCompliance, ms_compliance_free)

G_END_DECLS
