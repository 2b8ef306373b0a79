/* ms-cli-validate.c — validate: the law 55-19 rules over sheet files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ms-bidi.h"
#include "ms-cli-private.h"
#include "ms-i18n.h"
#include "ms-json-builder.h"
#include "ms-path-label.h"
#include "ms-procedure.h"
#include "ms-store.h"
#include "ms-validator.h"

/* The rule id of the format errors of a file that is not a valid sheet:
 * they are reported like the rules' findings, in the same output. */
#define FORMAT_RULE "format"

typedef struct {
  const char  *file;       /* NULL for a sheet of the catalog */
  guint        index;      /* in the file; files of one sheet have 0 */
  gboolean     in_list;    /* the file holds a JSON list of sheets */
  MsProcedure *sheet;      /* NULL when the file is not a valid sheet */
  gint64       revision;   /* of a sheet of the catalog, else 0 */
  GPtrArray   *issues;
} Result;

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_object (&result->sheet);
  g_clear_pointer (&result->issues, g_ptr_array_unref);
  g_free (result);
}

static const char *
result_sheet_id (const Result *result)
{
  return result->sheet != NULL ? result->sheet->id : NULL;
}

/* printf's widths count bytes; Arabic labels need characters. */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = n; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static guint
utf8_width (const char *text)
{
  return (guint) g_utf8_strlen (text, -1);
}

/* "3 errors, 2 warnings" */
static char *
format_counts (guint n_errors,
               guint n_warnings)
{
  g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                                             n_errors);
  g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                            n_warnings),
                                               n_warnings);

  /* Translators: joins "3 errors" and "2 warnings". */
  return g_strdup_printf (_("%s, %s"), errors, warnings);
}

/* One line as people read it: numbers and runs of another script in their
 * own order in an Arabic line (ms_bidi_isolate). */
static void
append_line (GString    *out,
             const char *line)
{
  g_autofree char *shown = ms_bidi_isolate (line);

  g_string_append (out, shown);
  g_string_append_c (out, '\n');
}

static void
print_result_text (GString      *out,
                   const Result *result)
{
  const char *title = result->sheet != NULL ? ms_procedure_get_title (result->sheet, ms_ui_lang ()) : NULL;
  guint widths[4] = { 0 };
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) line = g_string_new (NULL);
  guint n_errors = ms_issues_count (result->issues, MS_SEVERITY_ERROR);
  guint n_warnings = ms_issues_count (result->issues, MS_SEVERITY_WARNING);

  if (result->file == NULL)
    /* Translators: a sheet of the catalog: "revision 3 of MI-DGSN-0007" */
    g_string_append_printf (line, _("revision %d of %s"), (int) result->revision,
                            result->sheet->code != NULL ? result->sheet->code : result->sheet->id);
  else if (result->in_list)
    g_string_append_printf (line, "%s [%u]", result->file, result->index);
  else
    g_string_append (line, result->file);
  if (result->sheet == NULL)
    g_string_append_printf (line, ": %s", _("not a valid sheet"));
  else
    g_string_append_printf (line, ": %s (%s)", title != NULL ? title : _("untitled sheet"),
                            result->sheet->id != NULL ? result->sheet->id : "?");
  append_line (out, line->str);

  /* Rules and fields by their names; the ids, which scripts and bug
   * reports use, close the line. */
  for (guint i = 0; i < result->issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (result->issues, i);
      const char *rule = ms_rule_get_name (issue->rule);
      char *reference = ms_issue_format_reference (issue);
      char *field = issue->path != NULL ? ms_path_to_label (issue->path) : g_strdup ("");

      widths[0] = MAX (widths[0], utf8_width (ms_severity_to_label (issue->severity)));
      widths[1] = MAX (widths[1], utf8_width (rule != NULL ? rule : issue->rule));
      widths[2] = MAX (widths[2], utf8_width (field));
      widths[3] = MAX (widths[3], utf8_width (reference));
      g_ptr_array_add (references, reference);
      g_ptr_array_add (fields, field);
    }

  for (guint i = 0; i < result->issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (result->issues, i);
      const char *rule = ms_rule_get_name (issue->rule);

      g_string_assign (line, "  ");
      append_padded (line, ms_severity_to_label (issue->severity), widths[0] + 2);
      append_padded (line, rule != NULL ? rule : issue->rule, widths[1] + 2);
      append_padded (line, g_ptr_array_index (fields, i), widths[2] + 2);
      append_padded (line, g_ptr_array_index (references, i), widths[3] + 2);
      g_string_append_printf (line, "%s [%s%s%s]", issue->message, issue->rule,
                              issue->path != NULL ? " " : "", issue->path != NULL ? issue->path : "");
      append_line (out, line->str);
    }

  if (n_errors + n_warnings == 0)
    g_string_append_printf (out, "  %s\n", _("no problem found"));
  else
    {
      g_autofree char *counts = format_counts (n_errors, n_warnings);

      g_string_append_printf (out, "  %s\n", counts);
    }
}

static void
print_text (GPtrArray *results)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_errors = 0, n_warnings = 0;

  for (guint i = 0; i < results->len; i++)
    {
      Result *result = g_ptr_array_index (results, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      print_result_text (out, result);
      n_errors += ms_issues_count (result->issues, MS_SEVERITY_ERROR);
      n_warnings += ms_issues_count (result->issues, MS_SEVERITY_WARNING);
    }

  if (results->len > 1)
    {
      g_autofree char *counts = format_counts (n_errors, n_warnings);

      /* Translators: "Total: 29 sheets, 17 errors, 120 warnings" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "\nTotal: %u sheet, %s\n",
                                                "\nTotal: %u sheets, %s\n", results->len),
                              results->len, counts);
    }
  fputs (out->str, stdout);
}

static void
print_json (GPtrArray *results)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    {
      Result *result = g_ptr_array_index (results, i);

      for (guint j = 0; j < result->issues->len; j++)
        {
          MsIssue *issue = g_ptr_array_index (result->issues, j);

          json_builder_begin_object (b);
          ms_json_builder_add_string_member (b, "sheet", result_sheet_id (result));
          ms_json_builder_add_string_member (b, "file", result->file);
          if (result->file == NULL)
            {
              json_builder_set_member_name (b, "revision");
              json_builder_add_int_value (b, result->revision);
            }
          ms_json_builder_add_string_member (b, "rule", issue->rule);
          ms_json_builder_add_string_member (b, "severity", ms_severity_to_string (issue->severity));
          ms_json_builder_add_string_member (b, "path", issue->path);
          ms_json_builder_add_string_member (b, "article", issue->article);
          ms_json_builder_add_string_member (b, "message", issue->message);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static gboolean
holds_list (const char *contents)
{
  while (g_ascii_isspace (*contents))
    contents++;
  return *contents == '[';
}

/* A file read but not a valid sheet: its format errors, as issues of the
 * rule "format", in the same output as the rules' findings. */
static void
add_format_result (const char *file,
                   GPtrArray  *problems,
                   GError     *error,
                   GPtrArray  *results)
{
  Result *result = g_new0 (Result, 1);

  result->file = file;
  result->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_issue_free);
  for (guint p = 0; problems != NULL && p < problems->len; p++)
    {
      const char *problem = g_ptr_array_index (problems, p);
      const char *colon = strstr (problem, ": ");
      g_autofree char *path = colon != NULL ? g_strndup (problem, colon - problem) : g_strdup ("");

      /* The reader names the root "(sheet)", for people; the path of the
       * root is "" (as in JSON Pointer). */
      if (strcmp (path, _("(sheet)")) == 0)
        path[0] = '\0';

      g_ptr_array_add (result->issues, ms_issue_new (FORMAT_RULE, MS_SEVERITY_ERROR, path, NULL,
                                                     colon != NULL ? colon + 2 : problem));
    }
  if (result->issues->len == 0)
    g_ptr_array_add (result->issues, ms_issue_new (FORMAT_RULE, MS_SEVERITY_ERROR, "", NULL,
                                                   error->message));
  g_ptr_array_add (results, result);
}

/* Adds a result per sheet of @file; FALSE when the file is unusable (a file
 * that is not a valid sheet is reported in the output too). */
static gboolean
validate_file (MsValidator *validator,
               const char  *file,
               GPtrArray   *results)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (file, &contents, &length, &error))
    {
      _ms_cli_error ("%s", error->message);
      return FALSE;
    }
  if (!(sheets = ms_procedure_list_from_data (contents, length, &problems, &error)))
    {
      _ms_cli_error ("%s: %s", file, error->message);
      add_format_result (file, problems, error, results);
      return FALSE;
    }
  if (sheets->len == 0)
    {
      _ms_cli_error (_("%s: the list holds no sheet"), file);
      return FALSE;
    }

  for (guint i = 0; i < sheets->len; i++)
    {
      Result *result = g_new0 (Result, 1);

      result->file = file;
      result->index = i;
      result->in_list = holds_list (contents);
      result->sheet = g_object_ref (g_ptr_array_index (sheets, i));
      result->issues = ms_validator_check (validator, result->sheet);
      g_ptr_array_add (results, result);
    }
  return TRUE;
}

static void
add_stored_result (MsValidator *validator,
                   MsProcedure *sheet,
                   gint64       revision,
                   GPtrArray   *results)
{
  Result *result = g_new0 (Result, 1);

  result->sheet = g_object_ref (sheet);
  result->revision = revision;
  result->issues = ms_validator_check (validator, sheet);
  g_ptr_array_add (results, result);
}

/* The latest revision of each sheet of the catalog, by code. */
static gboolean
validate_catalog (MsStore     *store,
                  MsValidator *validator,
                  GPtrArray   *results,
                  GError     **error)
{
  MsStoreFilter filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) infos = ms_store_list (store, &filter, error);

  if (infos == NULL)
    return FALSE;
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(MsSheetInfo) current = NULL;
      g_autoptr(MsProcedure) sheet = ms_store_get_sheet (store, info->id, 0, &current, error);

      if (sheet == NULL)
        return FALSE;
      add_stored_result (validator, sheet, current->revision, results);
    }
  return TRUE;
}

/* What show takes for a sheet of the catalog rather than a file. */
static gboolean
names_stored_sheet (const char *arg)
{
  return !g_file_test (arg, G_FILE_TEST_EXISTS) && strchr (arg, '/') == NULL
         && !g_str_has_suffix (arg, ".json");
}

/* Exit status: 2 when an input is unusable (reported on stderr, the others
 * are still validated; a file that is not a valid sheet is reported in the
 * output as well, with its format errors), else 1 when any sheet has an
 * error, else 0. */
int
_ms_cli_validate (const MsCliGlobals *globals,
                  int                 argc,
                  char              **argv)
{
  g_autofree char *format = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Validate the latest revision of every sheet of the catalog"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsStore) store = NULL;
  MsValidator *validator;
  gboolean json, unusable = FALSE, any_error = FALSE;

  if (!_ms_cli_parse_options ("validate", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    {
      _ms_cli_error (_("validate: unknown format “%s” (text or json)"), format);
      return MS_CLI_USAGE;
    }
  json = format != NULL && strcmp (format, "json") == 0;
  if (all && argc > 1)
    {
      _ms_cli_error (_("validate: --all checks the whole catalog; give no file or id with it"));
      return MS_CLI_USAGE;
    }
  if (!all && argc < 2)
    {
      _ms_cli_error (_("validate: give at least one sheet file or id, or --all"));
      return MS_CLI_USAGE;
    }
  if (!(validator = ms_validator_get_default (&error)))
    {
      _ms_cli_error ("validate: %s", error->message);
      return MS_CLI_USAGE;
    }

  if (all)
    {
      if (!(store = _ms_cli_open_store (globals, &error))
          || !validate_catalog (store, validator, results, &error))
        return _ms_cli_fail ("validate", error);
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(MsSheetInfo) info = NULL;
      g_autoptr(MsProcedure) sheet = NULL;

      if (!names_stored_sheet (argv[i]))
        {
          if (!validate_file (validator, argv[i], results))
            unusable = TRUE;
          continue;
        }
      if (store == NULL && !(store = _ms_cli_open_store (globals, &error)))
        return _ms_cli_fail ("validate", error);
      if (!(sheet = ms_store_get_sheet (store, argv[i], 0, &info, &error)))
        {
          /* An unknown id is unusable input, like a missing file. */
          int status = _ms_cli_fail ("validate", error);

          g_clear_error (&error);
          if (status != MS_CLI_USAGE)
            return status;
          unusable = TRUE;
          continue;
        }
      add_stored_result (validator, sheet, info->revision, results);
    }

  for (guint i = 0; i < results->len; i++)
    any_error = any_error || ms_issues_has_errors (((Result *) g_ptr_array_index (results, i))->issues);

  if (json)
    print_json (results);
  else
    print_text (results);

  if (unusable)
    return MS_CLI_USAGE;
  return any_error ? MS_CLI_PROBLEMS : MS_CLI_OK;
}
