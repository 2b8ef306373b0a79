/* ms-issue.c — one finding of the law 55-19 validator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-issue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-issue.h"

MsIssue *
ms_issue_new (const char *rule,
              MsSeverity  severity,
              const char *path,
              const char *article,
              const char *message)
{
  MsIssue *self;

  g_return_val_if_fail (rule != NULL, NULL);

  self = g_new0 (MsIssue, 1);
  self->rule = g_strdup (rule);
  self->severity = severity;
  self->path = g_strdup (path);
  self->article = g_strdup (article);
  self->message = g_strdup (message);
  return self;
}

MsIssue *
ms_issue_copy (const MsIssue *self)
{
  if (self == NULL)
    return NULL;
  return ms_issue_new (self->rule, self->severity, self->path, self->article, self->message);
}

void
ms_issue_free (MsIssue *self)
{
  if (self == NULL)
    return;
  g_free (self->rule);
  g_free (self->path);
  g_free (self->article);
  g_free (self->message);
  g_free (self);
}

const char *
ms_severity_to_string (MsSeverity severity)
{
  return severity == MS_SEVERITY_ERROR ? "error" : "warning";
}

const char *
ms_severity_to_label (MsSeverity severity)
{
  return severity == MS_SEVERITY_ERROR ? C_("severity", "error") : C_("severity", "warning");
}

char *
ms_issue_format_reference (const MsIssue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->article == NULL || *self->article == '\0')
    return g_strdup ("");
  if (g_ascii_isdigit (*self->article))
    return g_strdup_printf (_("art. %s"), self->article);
  /* The non-legal bases are marked N_() in the rule tables. */
  return g_strdup (_(self->article));
}

/* strcmp, except that runs of digits compare by value. */
static int
compare_paths (const char *a,
               const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          gsize la, lb;
          int c;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (la = 0; g_ascii_isdigit (a[la]); la++)
            ;
          for (lb = 0; g_ascii_isdigit (b[lb]); lb++)
            ;
          if (la != lb)
            return la < lb ? -1 : 1;
          if ((c = strncmp (a, b, la)) != 0)
            return c;
          a += la;
          b += lb;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return (guchar) *a - (guchar) *b;
}

int
ms_issue_compare (gconstpointer a,
                  gconstpointer b)
{
  const MsIssue *ia = *(const MsIssue * const *) a;
  const MsIssue *ib = *(const MsIssue * const *) b;

  if (ia->severity != ib->severity)
    return ia->severity < ib->severity ? -1 : 1;
  return compare_paths (ia->path, ib->path);
}

guint
ms_issues_count (GPtrArray  *issues,
                 MsSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    if (((MsIssue *) g_ptr_array_index (issues, i))->severity == severity)
      n++;
  return n;
}

gboolean
ms_issues_has_errors (GPtrArray *issues)
{
  return ms_issues_count (issues, MS_SEVERITY_ERROR) > 0;
}

gboolean
ms_issues_has_rule (GPtrArray  *issues,
                    const char *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    if (strcmp (((MsIssue *) g_ptr_array_index (issues, i))->rule, rule) == 0)
      return TRUE;
  return FALSE;
}

/* "2 errors, 1 warning", or "No problems found": the law 55-19 check in a
 * few words, for the panels and the header bar. @more_errors counts
 * problems that are not issues (fields whose text cannot be stored). */
char *
ms_issues_format_summary (GPtrArray *issues,
                          guint      more_errors)
{
  guint n_errors = (issues != NULL ? ms_issues_count (issues, MS_SEVERITY_ERROR) : 0) + more_errors;
  guint n_warnings = issues != NULL ? ms_issues_count (issues, MS_SEVERITY_WARNING) : 0;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  if (n_errors == 0 && n_warnings == 0)
    return g_strdup (_("No problems found"));

  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings), n_warnings);

  /* Translators: the number of errors, then the number of warnings. */
  return g_strdup_printf (C_("issue summary", "%s, %s"), errors, warnings);
}
