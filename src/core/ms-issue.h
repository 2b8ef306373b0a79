/* ms-issue.h — one finding of the law 55-19 validator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors sort before warnings. */
typedef enum {
  MS_SEVERITY_ERROR,
  MS_SEVERITY_WARNING,
} MsSeverity;

typedef struct {
  char       *rule;      /* stable id from law-55-19.md, e.g. "one-copy" */
  MsSeverity  severity;
  char       *path;      /* the field concerned, e.g. "documents[2].copies" */
  char       *article;   /* "7", "6, 23", or the basis of a non-legal rule ("portal") */
  char       *message;   /* translated, says what to do */
} MsIssue;

MsIssue    *ms_issue_new                (const char     *rule,
                                         MsSeverity      severity,
                                         const char     *path,
                                         const char     *article,
                                         const char     *message);
MsIssue    *ms_issue_copy               (const MsIssue  *self);
void        ms_issue_free               (MsIssue        *self);

/* "error" / "warning": the stable names of the JSON output. */
const char *ms_severity_to_string       (MsSeverity      severity);
/* Translated, for people. */
const char *ms_severity_to_label        (MsSeverity      severity);
/* "art. 7" for an article of the law, else the translated basis
 * ("portal", "good practice"). Newly allocated. */
char       *ms_issue_format_reference   (const MsIssue  *self);

/* Errors first, then by path with list indices in numeric order
 * (documents[2] before documents[10]); a GCompareFunc over MsIssue**. */
int         ms_issue_compare            (gconstpointer   a,
                                         gconstpointer   b);

/* Counting over a GPtrArray of MsIssue*; NULL counts as empty. */
guint       ms_issues_count             (GPtrArray      *issues,
                                         MsSeverity      severity);
gboolean    ms_issues_has_errors        (GPtrArray      *issues);
/* Whether any issue of @issues has rule id @rule. */
char       *ms_issues_format_summary    (GPtrArray      *issues,
                                         guint           more_errors);
gboolean    ms_issues_has_rule          (GPtrArray      *issues,
                                         const char     *rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsIssue, ms_issue_free)

G_END_DECLS
