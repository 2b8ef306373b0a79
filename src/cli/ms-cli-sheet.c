/* ms-cli-sheet.c — show and check-json: commands that read sheet files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <string.h>

#include "ms-cli-private.h"
#include "ms-core-error.h"
#include "ms-format.h"
#include "ms-bidi.h"
#include "ms-i18n.h"
#include "ms-procedure.h"
#include "ms-vocabulary.h"

#define FIELD_WIDTH 26

/* A line of the summary as people read it: law numbers, dates, amounts and
 * runs of another script in their own order (ms_bidi_isolate). */
G_GNUC_PRINTF (1, 2)
static void
print_shown (const char *format,
             ...)
{
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  shown = ms_bidi_isolate (line);
  fputs (shown, stdout);
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *padded = _ms_cli_pad (label, FIELD_WIDTH);

  print_shown ("%s %s\n", padded, value != NULL ? value : ms_format_not_stated ());
}

static void
print_localized (const char        *label,
                 const MsLocalized *text)
{
  gboolean any = FALSE;

  for (guint i = 0; i < MS_N_LANGS; i++)
    {
      const char *value = ms_localized_get (text, i);

      if (value == NULL)
        continue;
      g_autofree char *padded = _ms_cli_pad (any ? "" : label, FIELD_WIDTH);

      print_shown ("%s [%s] %s\n", padded, ms_lang_to_code (i), value);
      any = TRUE;
    }
  if (!any)
    print_field (label, NULL);
}

static void
print_localized_list (const char *label,
                      GPtrArray  *list)
{
  if (list == NULL || list->len == 0)
    {
      print_field (label, NULL);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    print_localized (i == 0 ? label : "", g_ptr_array_index (list, i));
}

static void
show_procedure (MsProcedure *p)
{
  MsVocabulary *vocabulary = ms_vocabulary_get_default ();
  MsLang lang = ms_ui_lang ();
  g_autofree char *deadline = ms_format_days (p->deadline_days);
  g_autoptr(GString) audiences = g_string_new (NULL);

  print_localized (_("Title"), p->title);
  print_field (_("Id"), p->id);
  print_field (_("Code"), p->code);
  print_localized (_("Summary"), p->summary);
  print_field (_("Kind of act"), ms_format_enum (MS_ENUM_ACT_KIND, p->act_kind));
  for (guint i = 0; p->audiences != NULL && i < p->audiences->len; i++)
    g_string_append_printf (audiences, "%s%s", i > 0 ? ", " : "",
                            ms_format_enum (MS_ENUM_AUDIENCE, g_array_index (p->audiences, int, i)));
  print_field (_("For"), audiences->len > 0 ? audiences->str : NULL);
  print_field (_("Administration"),
               ms_vocabulary_label (vocabulary, MS_VOCAB_ADMINISTRATIONS, p->administration, lang));
  print_field (_("Level"), ms_format_enum (MS_ENUM_ADMIN_LEVEL, p->admin_level));
  print_localized_list (_("Receives the file"), p->receiving);
  print_localized_list (_("Delivers the act"), p->delivering);

  print_shown ("\n%s\n", _("Legal basis"));
  for (guint i = 0; p->legal_basis != NULL && i < p->legal_basis->len; i++)
    {
      g_autofree char *ref = ms_format_legal_ref (g_ptr_array_index (p->legal_basis, i), lang);

      print_shown ("  • %s\n", ref);
    }

  print_shown ("\n%s\n", _("Documents"));
  for (guint i = 0; p->documents != NULL && i < p->documents->len; i++)
    {
      MsDocument *doc = g_ptr_array_index (p->documents, i);
      const char *name = ms_localized_best (doc->name, lang);

      const char *provider = ms_format_enum (MS_ENUM_PROVIDER, doc->provided_by);

      print_shown ("  %u. %s — %s\n", i + 1, name != NULL ? name : ms_format_not_stated (),
               provider != NULL ? provider : ms_format_not_stated ());
    }

  print_shown ("\n");
  if (p->fees != NULL && p->fees->len == 0)
    print_field (_("Fees"), _("Free"));
  else if (p->fees == NULL)
    print_field (_("Fees"), NULL);
  for (guint i = 0; p->fees != NULL && i < p->fees->len; i++)
    {
      MsFee *fee = g_ptr_array_index (p->fees, i);
      g_autofree char *amount = ms_format_amount (fee->amount_centimes);
      g_autofree char *line = g_strdup_printf ("%s — %s", amount,
                                               ms_localized_best (fee->label, lang) ?: "");

      print_field (i == 0 ? _("Fees") : "", line);
    }
  print_field (_("Answer deadline"), deadline);
  print_field (_("Silence means acceptance"), ms_format_bool (p->silence_is_acceptance));
  if (p->appeal != NULL)
    {
      print_localized (_("Appeal to"), p->appeal->authority);
      print_localized (_("Appeal"), p->appeal->text);
    }
  else
    print_field (_("Appeal"), NULL);
  for (guint i = 0; p->channels != NULL && i < p->channels->len; i++)
    {
      MsChannel *channel = g_ptr_array_index (p->channels, i);
      const char *kind = ms_format_enum (MS_ENUM_CHANNEL_KIND, channel->kind);
      g_autofree char *line = g_strdup_printf ("%s %s", kind != NULL ? kind : ms_format_not_stated (),
                                               channel->url ?: ms_localized_best (channel->where, lang) ?: "");

      print_field (i == 0 ? _("Channels") : "", line);
    }
}

/* The sheet's JSON form (design.md §2), indented: what save takes back. */
static void
print_sheet_json (MsProcedure *procedure)
{
  g_autofree char *data = ms_procedure_to_data (procedure, NULL);

  g_print ("%s", data);
}

int
_ms_cli_show (const MsCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  g_autoptr(MsProcedure) procedure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *revision_text = NULL;
  guint64 revision = 0;
  gboolean json;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output: text (a summary) or json (the sheet itself, to edit and save --base back)"), N_("FORMAT") },
    { "revision", 0, 0, G_OPTION_ARG_STRING, &revision_text,
      N_("This revision of a stored sheet instead of the current one"), N_("N") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("show", entries, &argc, &argv)
      || !_ms_cli_parse_format ("show", format, &json))
    return MS_CLI_USAGE;
  if (argc != 2)
    {
      _ms_cli_error (_("show: give exactly one sheet file or id"));
      return MS_CLI_USAGE;
    }
  if (revision_text != NULL && !g_ascii_string_to_unsigned (revision_text, 10, 1, G_MAXINT32, &revision, NULL))
    {
      _ms_cli_error (_("show: “%s” is not a revision number"), revision_text);
      return MS_CLI_USAGE;
    }

  /* A path names a file; anything else is the id of a sheet of the catalog. */
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS) && strchr (argv[1], '/') == NULL
      && !g_str_has_suffix (argv[1], ".json"))
    {
      g_autoptr(MsSheetInfo) info = NULL;
      g_autofree char *revision_line = NULL;
      g_autofree char *live = NULL;
      g_autofree char *counts = NULL;
      int status = MS_CLI_OK;

      if (!(procedure = _ms_cli_load_stored_sheet (globals, argv[1], (gint64) revision, &info, &status)))
        return status;
      if (json)
        {
          print_sheet_json (procedure);
          return MS_CLI_OK;
        }
      show_procedure (procedure);
      g_print ("\n");
      print_field (_("State"), ms_state_to_label (info->state));
      g_autofree char *updated = ms_format_timestamp (info->updated);

      if (revision > 0 && (gint64) revision != info->revision)
        revision_line = g_strdup_printf (_("%d (the current one is %d, by %s, %s)"), (int) revision,
                                         (int) info->revision, info->updated_by, updated);
      else
        revision_line = g_strdup_printf ("%d (%s, %s)", (int) info->revision, info->updated_by, updated);
      print_field (_("Revision"), revision_line);
      if (info->live_revision > 0)
        {
          live = g_strdup_printf ("%d", (int) info->live_revision);
          print_field (_("Live revision"), live);
        }
      counts = g_strdup_printf ("%u / %u", info->n_errors, info->n_warnings);
      print_field (_("Errors / warnings"), counts);
      return MS_CLI_OK;
    }
  if (revision_text != NULL)
    {
      _ms_cli_error (_("show: --revision is for a sheet of the catalog, not a file"));
      return MS_CLI_USAGE;
    }
  if (!(procedure = ms_procedure_new_from_file (argv[1], &error)))
    {
      _ms_cli_error ("%s: %s", argv[1], error->message);
      return MS_CLI_USAGE;
    }
  if (json)
    print_sheet_json (procedure);
  else
    show_procedure (procedure);
  return MS_CLI_OK;
}

/* A file that cannot be read is unusable input (2); one that is read but is
 * not a valid sheet (not JSON, not UTF-8, wrong format) is a finding (1). */
int
_ms_cli_check_json (const MsCliGlobals *globals,
                    int                 argc,
                    char              **argv)
{
  int status = MS_CLI_OK;

  if (!_ms_cli_parse_options ("check-json", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc < 2)
    {
      _ms_cli_error (_("check-json: give at least one file"));
      return MS_CLI_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) sheets = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      if ((sheets = ms_procedure_list_from_file (argv[i], &problems, &error)))
        {
          g_print (g_dngettext (GETTEXT_PACKAGE, "%s: OK, %u sheet\n", "%s: OK, %u sheets\n",
                                sheets->len),
                   argv[i], sheets->len);
          continue;
        }
      if (g_error_matches (error, MS_CORE_ERROR, MS_CORE_ERROR_IO))
        {
          _ms_cli_error ("%s", error->message);
          status = MS_CLI_USAGE;
          continue;
        }
      if (problems == NULL || problems->len == 0)
        _ms_cli_print_line ("%s: %s\n", argv[i], error->message);
      for (guint p = 0; problems != NULL && p < problems->len; p++)
        _ms_cli_print_line ("%s: %s\n", argv[i], (const char *) g_ptr_array_index (problems, p));
      if (status == MS_CLI_OK)
        status = MS_CLI_PROBLEMS;
    }
  return status;
}
