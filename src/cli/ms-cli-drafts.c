/* ms-cli-drafts.c — new, duplicate, delete: sheets made and unmade
 *
 * The same store calls as the window's New Procedure, Duplicate and Delete
 * Draft (ms_store_create_draft, ms_store_duplicate, ms_store_delete_draft).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-cli-private.h"
#include "ms-draft.h"

/* Text from the command line goes into the catalog: it must be UTF-8. */
static gboolean
check_text_option (const char *command,
                   const char *option,
                   const char *value)
{
  if (value == NULL || g_utf8_validate (value, -1, NULL))
    return TRUE;
  _ms_cli_error (_("%s: %s is not valid UTF-8"), command, option);
  return FALSE;
}

/* The new sheet: its id alone (for scripts), or as list --format json
 * shows sheets. */
static void
print_new_sheet (MsSheetInfo *info,
                 gboolean     json)
{
  g_autoptr(GPtrArray) infos = NULL;

  if (!json)
    {
      g_print ("%s\n", info->id);
      return;
    }
  infos = g_ptr_array_new ();
  g_ptr_array_add (infos, info);
  _ms_cli_print_infos (infos, TRUE);
}

int
_ms_cli_new (const MsCliGlobals *globals,
             int                 argc,
             char              **argv)
{
  g_autofree char *code = NULL;
  g_autofree char *administration = NULL;
  g_autofree char *title_ar = NULL;
  g_autofree char *title_fr = NULL;
  g_autofree char *format = NULL;
  g_autoptr(MsLocalized) title = ms_localized_new ();
  g_autoptr(MsProcedure) draft = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("The administration's reference (default: a provisional NEW-0001, NEW-0002…)"), N_("CODE") },
    { "administration", 0, 0, G_OPTION_ARG_STRING, &administration,
      N_("The administration in charge (a vocabulary code)"), N_("CODE") },
    { "title-ar", 0, 0, G_OPTION_ARG_STRING, &title_ar, N_("The title in Arabic"), N_("TEXT") },
    { "title-fr", 0, 0, G_OPTION_ARG_STRING, &title_fr, N_("The title in French"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: text (the id) or json"), N_("FORMAT") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("new", entries, &argc, &argv)
      || !_ms_cli_parse_format ("new", format, &json))
    return MS_CLI_USAGE;
  if (argc != 1)
    {
      _ms_cli_error (_("new: takes no arguments, only options"));
      return MS_CLI_USAGE;
    }
  if (!check_text_option ("new", "--code", code)
      || !check_text_option ("new", "--administration", administration)
      || !check_text_option ("new", "--title-ar", title_ar)
      || !check_text_option ("new", "--title-fr", title_fr))
    return MS_CLI_USAGE;

  ms_localized_set (title, MS_LANG_AR, title_ar);
  ms_localized_set (title, MS_LANG_FR, title_fr);
  if (!(draft = ms_procedure_new_draft (code != NULL && *code != '\0' ? code : NULL,
                                        administration, title, &error)))
    {
      _ms_cli_error ("new: %s", error->message);
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error))
      || !(info = ms_store_create_draft (store, _ms_cli_acting_user (globals), draft, &error)))
    return _ms_cli_fail ("new", error);
  print_new_sheet (info, json);
  return MS_CLI_OK;
}

int
_ms_cli_duplicate (const MsCliGlobals *globals,
                   int                 argc,
                   char              **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: text (the id) or json"), N_("FORMAT") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("duplicate", entries, &argc, &argv)
      || !_ms_cli_parse_format ("duplicate", format, &json))
    return MS_CLI_USAGE;
  if (argc != 2)
    {
      _ms_cli_error (_("duplicate: give exactly one sheet id"));
      return MS_CLI_USAGE;
    }
  if (!check_text_option ("duplicate", "ID", argv[1]))
    return MS_CLI_USAGE;
  if (!(store = _ms_cli_open_store (globals, &error))
      || !(info = ms_store_duplicate (store, _ms_cli_acting_user (globals), argv[1], &error)))
    return _ms_cli_fail ("duplicate", error);
  print_new_sheet (info, json);
  return MS_CLI_OK;
}

int
_ms_cli_delete (const MsCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!_ms_cli_parse_options ("delete", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2)
    {
      _ms_cli_error (_("delete: give exactly one sheet id"));
      return MS_CLI_USAGE;
    }
  if (!check_text_option ("delete", "ID", argv[1]))
    return MS_CLI_USAGE;
  if (!(store = _ms_cli_open_store (globals, &error))
      || !(info = ms_store_get_sheet_info (store, argv[1], &error))
      || !ms_store_delete_draft (store, _ms_cli_acting_user (globals), argv[1], &error))
    return _ms_cli_fail ("delete", error);
  g_print (_("Deleted %s (%s), revision %d\n"), info->id, info->code != NULL ? info->code : "-",
           (int) info->revision);
  return MS_CLI_OK;
}
