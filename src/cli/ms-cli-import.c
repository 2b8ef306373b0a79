/* ms-cli-import.c — import [--from masatir|portal] [--prefer catalog|incoming]
 *                   [--into-draft] [--dry-run] [--format text|json] FILE...
 *
 * One file, one transaction (ms_store_import_file_full); the report has one
 * line per sheet and per note, and ends with a summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-cli-private.h"
#include "ms-core-error.h"
#include "ms-json-builder.h"
#include "ms-store-import.h"

typedef struct {
  gboolean               portal;
  gboolean               json;
  MsImportOptions        options;
  MsImportSummary        summary;
  JsonBuilder           *notes;    /* --format json */
  JsonBuilder           *sheets;
} ImportRun;

static void
add_json_line (ImportRun          *run,
               const char         *path,
               const MsImportLine *line)
{
  JsonBuilder *b = ms_import_line_is_outcome (line) ? run->sheets : run->notes;

  json_builder_begin_object (b);
  ms_json_builder_add_string_member (b, "file", path);
  if (ms_import_line_is_outcome (line))
    {
      ms_json_builder_add_string_member (b, "sheet", line->id);
      ms_json_builder_add_string_member (b, "code", line->code);
      ms_json_builder_add_string_member (b, "outcome", ms_import_line_kind_to_nick (line->kind));
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, line->revision);
    }
  else
    {
      ms_json_builder_add_string_member (b, "record", line->record);
      ms_json_builder_add_string_member (b, "sheet", line->id);
      ms_json_builder_add_string_member (b, "field", line->field);
      ms_json_builder_add_string_member (b, "kind", ms_import_line_kind_to_nick (line->kind));
      ms_json_builder_add_string_member (b, "value", line->value);
      ms_json_builder_add_string_member (b, "detail", line->message);
    }
  json_builder_end_object (b);
}

static void
print_text_line (const char         *path,
                 const MsImportLine *line)
{
  if (ms_import_line_is_outcome (line))
    g_print (_("%s: %s %s %s (revision %d)\n"), path, ms_import_line_kind_to_label (line->kind),
             line->id, line->code != NULL ? line->code : "", (int) line->revision);
  else
    /* TRANSLATORS: file: kind of note ("not mapped", "conflict"…): the note */
    _ms_cli_print_line (_("%s: %s: %s\n"), path, ms_import_line_kind_to_label (line->kind), line->message);
}

/* One file, one transaction: everything of it or nothing. */
static int
import_file (ImportRun  *run,
             MsStore    *store,
             const char *actor,
             const char *path)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sheets = 0;

  lines = ms_store_import_file_full (store, actor, path, run->portal ? MS_IMPORT_FORMAT_PORTAL : MS_IMPORT_FORMAT_SHEETS,
                                     &run->options, &run->summary, &refusals, &error);
  if (lines == NULL)
    {
      if (g_error_matches (error, MS_CORE_ERROR, MS_CORE_ERROR_IO))
        {
          _ms_cli_error ("%s", error->message);
          return MS_CLI_USAGE;
        }
      for (guint p = 0; p < refusals->len; p++)
        {
          MsImportLine *line = g_ptr_array_index (refusals, p);

          if (run->json)
            add_json_line (run, path, line);
          else
            _ms_cli_print_line ("%s: %s\n", path, line->message);
        }
      if (!run->json)
        _ms_cli_print_line (_("%s: nothing imported\n"), path);
      if (refusals->len > 0)
        return MS_CLI_PROBLEMS;
      if (run->json)
        {
          /* The store's refusal is the file's one note. */
          g_autoptr(MsImportLine) line = g_new0 (MsImportLine, 1);

          line->kind = MS_IMPORT_LINE_REFUSED;
          line->message = g_strdup (error->message);
          add_json_line (run, path, line);
          run->summary.refusals++;
        }
      return _ms_cli_fail ("import", error);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      MsImportLine *line = g_ptr_array_index (lines, i);

      if (ms_import_line_is_outcome (line))
        n_sheets++;
      if (run->json)
        add_json_line (run, path, line);
      else
        print_text_line (path, line);
    }
  if (!run->json)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u sheet imported\n", "%s: %u sheets imported\n", n_sheets),
             path, n_sheets);
  return MS_CLI_OK;
}

static void
add_count (JsonBuilder *b,
           const char  *name,
           guint        value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
print_summary (ImportRun *run)
{
  const MsImportSummary *s = &run->summary;

  if (run->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "notes");
      json_builder_add_value (b, json_builder_get_root (run->notes));
      json_builder_set_member_name (b, "sheets");
      json_builder_add_value (b, json_builder_get_root (run->sheets));
      json_builder_set_member_name (b, "summary");
      json_builder_begin_object (b);
      add_count (b, "records", s->records);
      add_count (b, "created", s->created);
      add_count (b, "updated", s->updated);
      add_count (b, "unchanged", s->unchanged);
      add_count (b, "edited_since_import", s->edited);
      add_count (b, "drafted", s->drafted);
      add_count (b, "conflicts", s->conflicts);
      add_count (b, "refusals", s->refusals);
      add_count (b, "not_mapped", s->not_mapped);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, run->options.dry_run);
      json_builder_end_object (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      _ms_cli_print_json (root);
      return;
    }
  /* TRANSLATORS: the summary of an import; every %u is a count */
  g_print (_("summary: %u records; sheets: %u created, %u updated, %u unchanged, %u edited since import "
             "(%u put in a new draft); %u conflicts, %u refusals, %u not mapped\n"),
           s->records, s->created, s->updated, s->unchanged, s->edited, s->drafted, s->conflicts,
           s->refusals, s->not_mapped);
  if (run->options.dry_run)
    g_print (_("dry run: nothing was changed\n"));
}

int
_ms_cli_import (const MsCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *prefer = NULL;
  g_autofree char *format = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) notes = json_builder_new ();
  g_autoptr(JsonBuilder) sheets = json_builder_new ();
  ImportRun run = { 0 };
  int status = MS_CLI_OK;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Source format: masatir (default) or portal"), N_("FORMAT") },
    { "prefer", 0, 0, G_OPTION_ARG_STRING, &prefer,
      N_("When the catalog and a record disagree, keep the catalog's value (default) or take the incoming one"),
      N_("catalog|incoming") },
    { "into-draft", 0, 0, G_OPTION_ARG_NONE, &run.options.into_draft,
      N_("Put the records of a sheet edited since its last import into a new draft"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &run.options.dry_run,
      N_("Show the report and change nothing"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("import", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (from != NULL && strcmp (from, "masatir") != 0 && strcmp (from, "portal") != 0)
    {
      _ms_cli_error (_("import: --from is “masatir” or “portal”"));
      return MS_CLI_USAGE;
    }
  if (prefer != NULL && strcmp (prefer, "catalog") != 0 && strcmp (prefer, "incoming") != 0)
    {
      _ms_cli_error (_("import: --prefer is “catalog” or “incoming”"));
      return MS_CLI_USAGE;
    }
  if (!_ms_cli_parse_format ("import", format, &run.json))
    return MS_CLI_USAGE;
  if (argc < 2)
    {
      _ms_cli_error (_("import: give at least one file"));
      return MS_CLI_USAGE;
    }
  run.portal = g_strcmp0 (from, "portal") == 0;
  run.options.prefer_incoming = g_strcmp0 (prefer, "incoming") == 0;
  run.notes = notes;
  run.sheets = sheets;
  json_builder_begin_array (notes);
  json_builder_begin_array (sheets);
  if (!(store = _ms_cli_open_store (globals, &error)))
    return _ms_cli_fail ("import", error);
  for (int i = 1; i < argc; i++)
    {
      int file_status = import_file (&run, store, _ms_cli_acting_user (globals), argv[i]);

      status = MAX (status, file_status);
    }
  json_builder_end_array (notes);
  json_builder_end_array (sheets);
  print_summary (&run);
  return status;
}
