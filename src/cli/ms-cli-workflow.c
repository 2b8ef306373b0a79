/* ms-cli-workflow.c — save, submit, approve, request-changes, withdraw,
 * history, diff: one sheet through its workflow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ms-cli-private.h"
#include "ms-core-error.h"
#include "ms-diff.h"
#include "ms-i18n.h"

static void
print_info_line (const MsSheetInfo *info)
{
  g_print (_("%s: revision %d, %s\n"), info->id, (int) info->revision, ms_state_to_label (info->state));
}

/* Reads a revision number ("3"); FALSE, after saying so, if it is not one. */
static gboolean
parse_revision (const char *command,
                const char *text,
                gint64     *revision)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &value, NULL))
    {
      _ms_cli_error (_("%s: “%s” is not a revision number"), command, text);
      return FALSE;
    }
  *revision = (gint64) value;
  return TRUE;
}

MsProcedure *
_ms_cli_load_stored_sheet (const MsCliGlobals  *globals,
                           const char          *id,
                           gint64               revision,
                           MsSheetInfo        **info,
                           int                 *status)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MsProcedure *procedure;

  if (!(store = _ms_cli_open_store (globals, &error))
      || !(procedure = ms_store_get_sheet (store, id, revision, info, &error)))
    {
      *status = _ms_cli_fail ("show", error);
      return NULL;
    }
  return procedure;
}

int
_ms_cli_save (const MsCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  g_autofree char *base_text = NULL;
  g_autoptr(MsProcedure) procedure = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsSheetInfo) current = NULL;
  g_autoptr(GError) error = NULL;
  gint64 base = 0;
  GOptionEntry entries[] = {
    { "base", 0, 0, G_OPTION_ARG_STRING, &base_text,
      N_("The revision this edit started from (required for an existing sheet)"), N_("REV") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("save", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2)
    {
      _ms_cli_error (_("save: give exactly one sheet file"));
      return MS_CLI_USAGE;
    }
  if (base_text != NULL && !parse_revision ("save", base_text, &base))
    return MS_CLI_USAGE;
  if (!(procedure = ms_procedure_new_from_file (argv[1], &error)))
    {
      _ms_cli_error ("%s: %s", argv[1], error->message);
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error)))
    return _ms_cli_fail ("save", error);

  /* Never guess the base of an existing sheet: that is how edits get lost. */
  if (base_text == NULL && (current = ms_store_get_sheet_info (store, procedure->id, NULL)) != NULL)
    {
      _ms_cli_error (_("save: sheet %s is already in the catalog (revision %d, last changed by %s at %s); "
                       "give --base with the revision your edit started from"),
                     procedure->id, (int) current->revision, current->updated_by, current->updated);
      return MS_CLI_USAGE;
    }
  if (!(info = ms_store_save (store, _ms_cli_acting_user (globals), procedure, base, &error)))
    return _ms_cli_fail ("save", error);
  print_info_line (info);
  return MS_CLI_OK;
}

/* submit, approve, request-changes, withdraw: the command is the action. */
int
_ms_cli_transition (const MsCliGlobals *globals,
                    int                 argc,
                    char              **argv)
{
  g_autofree char *command = g_strdup (argv[0]);
  g_autofree char *comment = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  MsAction action;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Comment or reason, kept in the audit log"),
      N_("TEXT") },
    { NULL }
  };

  if (!ms_action_from_nick (command, &action))
    g_assert_not_reached ();
  if (!_ms_cli_parse_options (command, entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2)
    {
      _ms_cli_error (_("%s: give exactly one sheet id"), command);
      return MS_CLI_USAGE;
    }
  /* A missing option is a usage error (2); a comment the workflow finds
   * empty is its refusal (1). */
  if (comment == NULL && (action == MS_ACTION_REQUEST_CHANGES || action == MS_ACTION_WITHDRAW))
    {
      _ms_cli_error (_("%s: give --comment with the reason"), command);
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error))
      || !(info = ms_store_transition (store, _ms_cli_acting_user (globals), argv[1], action, comment, &error)))
    return _ms_cli_fail (command, error);
  print_info_line (info);
  return MS_CLI_OK;
}

int
_ms_cli_history (const MsCliGlobals *globals,
                 int                 argc,
                 char              **argv)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!_ms_cli_parse_options ("history", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2)
    {
      _ms_cli_error (_("history: give exactly one sheet id"));
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error))
      || !(info = ms_store_get_sheet_info (store, argv[1], &error))
      || !(entries = ms_store_audit (store, argv[1], &error)))
    return _ms_cli_fail ("history", error);

  for (guint i = 0; i < entries->len; i++)
    {
      MsAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *comment = e->comment != NULL ? g_strdup_printf ("  “%s”", e->comment) : NULL;

      /* One line per event: a comment written on several lines shows its
       * line breaks as \n. */
      _ms_cli_print_line ("%s  %-10s %-16s rev %-3d %s → %s  %.12s%s", e->time, e->actor, e->action,
                          (int) e->revision, e->from_state != NULL ? e->from_state : "-",
                          e->to_state != NULL ? e->to_state : "-", e->sha256 != NULL ? e->sha256 : "",
                          comment != NULL ? comment : "");
    }
  print_info_line (info);
  return MS_CLI_OK;
}

int
_ms_cli_diff (const MsCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsProcedure) before = NULL;
  g_autoptr(MsProcedure) after = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from = 0, to = 0;

  if (!_ms_cli_parse_options ("diff", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2 && argc != 4)
    {
      _ms_cli_error (_("diff: give a sheet id, and optionally two revision numbers"));
      return MS_CLI_USAGE;
    }
  /* parse_revision says what is wrong: one error line. */
  if (argc == 4 && (!parse_revision ("diff", argv[2], &from) || !parse_revision ("diff", argv[3], &to)))
    return MS_CLI_USAGE;
  if (!(store = _ms_cli_open_store (globals, &error))
      || !(info = ms_store_get_sheet_info (store, argv[1], &error)))
    return _ms_cli_fail ("diff", error);
  if (argc == 2)
    {
      /* By default: what the current revision changes to the live one (or
       * to the one before it). */
      to = info->revision;
      from = info->live_revision > 0 && info->live_revision != to ? info->live_revision : MAX (to - 1, 1);
    }
  if (!(before = ms_store_get_sheet (store, argv[1], from, NULL, &error))
      || !(after = ms_store_get_sheet (store, argv[1], to, NULL, &error)))
    return _ms_cli_fail ("diff", error);

  changes = ms_procedure_diff (before, after, ms_ui_lang ());
  g_print (_("Revision %d → %d:\n"), (int) from, (int) to);
  if (changes->len == 0)
    g_print ("  %s\n", _("No change"));
  for (guint i = 0; i < changes->len; i++)
    g_print ("  • %s\n", (const char *) g_ptr_array_index (changes, i));
  return MS_CLI_OK;
}
