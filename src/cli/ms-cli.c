/* ms-cli.c — masatir-cli: global options and command dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ms-bidi.h"
#include "ms-cli-private.h"
#include "ms-text.h"

static const MsCliCommand commands[] = {
  { "show", N_("FILE|ID [--format text|json] [--revision N]"), N_("Show a readable summary of one sheet, or its JSON"), _ms_cli_show },
  { "check-json", N_("FILE..."), N_("Check that files are sheets in the Masatir format"), _ms_cli_check_json },
  { "validate", N_("[--format text|json] FILE...|ID...|--all"), N_("Check sheets (files, or the latest revisions of the catalog's) against the rules of law 55-19"), _ms_cli_validate },
  { "report", N_("[--format text|json|html] [--out FILE]"), N_("The catalog's law 55-19 compliance, per administration and per rule"), _ms_cli_report },
  { "init", N_("[--issuer ID]"), N_("Create a catalog database"), _ms_cli_init },
  { "users", N_("add LOGIN --name N --roles R,…|list|roles LOGIN --roles R,…|deactivate LOGIN|activate LOGIN"), N_("People of the catalog and their roles"), _ms_cli_users },
  { "import", N_("[--from masatir|portal] [--prefer catalog|incoming] [--into-draft] [--dry-run] [--format text|json] FILE..."), N_("Import sheets or portal records, one transaction per file"), _ms_cli_import },
  { "list", N_("[--state S] [--format text|json]"), N_("List the sheets of the catalog"), _ms_cli_list },
  { "search", N_("[--format text|json] QUERY"), N_("Full-text search over every language"), _ms_cli_search },
  { "save", N_("FILE [--base REV]"), N_("Store a new revision of a sheet"), _ms_cli_save },
  { "new", N_("[--code C] [--administration A] [--title-ar T] [--title-fr T]"), N_("Create a new draft and print its id"), _ms_cli_new },
  { "duplicate", N_("ID"), N_("Copy a sheet into a new draft and print its id"), _ms_cli_duplicate },
  { "delete", N_("ID"), N_("Delete a draft that was never submitted for review"), _ms_cli_delete },
  { "submit", N_("ID"), N_("Submit a sheet for review"), _ms_cli_transition },
  { "approve", N_("ID"), N_("Approve a sheet in review (four-eyes rule)"), _ms_cli_transition },
  { "request-changes", N_("ID --comment T"), N_("Send a sheet in review back with a comment"), _ms_cli_transition },
  { "withdraw", N_("ID --comment T"), N_("Withdraw a published sheet"), _ms_cli_transition },
  { "history", N_("ID"), N_("Revisions and workflow events of a sheet"), _ms_cli_history },
  { "diff", N_("ID [REV REV]"), N_("What changed between two revisions, in legal terms"), _ms_cli_diff },
  { "audit", N_("verify"), N_("Check the audit log's hash chain"), _ms_cli_audit },
  { "canonicalize", N_("FILE"), N_("Print the RFC 8785 canonical form of a JSON file"), _ms_cli_canonicalize },
  { "keys", N_("generate|import JWK|list|export-public KID|trust-store KID… [--issuer ID] [--out FILE]"), N_("Publisher signing keys (passphrase from the prompt or $MASATIR_PASSPHRASE)"), _ms_cli_keys },
  { "export", N_("--key KID --out FILE [--expires-days N]"), N_("Publish: write a signed bundle of the approved and published sheets"), _ms_cli_export },
  { "verify", N_("--trust FILE [--state FILE] [--extract DIR] BUNDLE"), N_("Check a signed bundle as the portal does"), _ms_cli_verify },
  { "migrate", N_("--from FILE --to postgresql://…"), N_("Copy a SQLite catalog, its history unchanged, to a new catalog on a PostgreSQL server"), _ms_cli_migrate },
  { "generate", N_("--count N [--seed S] --out FILE"), N_("Write a deterministic synthetic catalog for benchmarks"), _ms_cli_generate },
};

void
_ms_cli_error (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Every error line passes here: whatever input a message quotes (a
   * file's kid, an id, a file name), it stays one line and cannot steer
   * the terminal. */
  escaped = ms_text_escape_controls (message);
  g_printerr ("masatir-cli: %s\n", escaped);
}

void
_ms_cli_print_line (const char *format,
                    ...)
{
  g_autofree char *bare = NULL;
  g_autofree char *line = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  /* The format's own final newline ends the line; any other is input. */
  bare = g_strndup (format, strlen (format) - (g_str_has_suffix (format, "\n") ? 1 : 0));
  va_start (args, format);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  line = g_strdup_vprintf (bare, args);
#pragma GCC diagnostic pop
  va_end (args);
  escaped = ms_text_escape_controls (line);
  /* Numbers and runs of another script in their own order in an Arabic
   * line; escaping first keeps the isolates added here as they are. */
  shown = ms_bidi_isolate (escaped);
  g_print ("%s\n", shown);
}

/* Text from outside is UTF-8 or refused before any command sees it: the
 * text functions assume it, and a message must be able to quote it. */
static gboolean
check_utf8 (int    argc,
            char **argv)
{
  static const char * const variables[] = { "MASATIR_DB", "MASATIR_USER" };

  for (int i = 1; i < argc; i++)
    if (!g_utf8_validate (argv[i], -1, NULL))
      {
        _ms_cli_error (_("argument %d is not valid UTF-8: “%s”"), i, argv[i]);
        return FALSE;
      }
  for (guint v = 0; v < G_N_ELEMENTS (variables); v++)
    {
      const char *value = g_getenv (variables[v]);

      if (value != NULL && !g_utf8_validate (value, -1, NULL))
        {
          _ms_cli_error (_("$%s is not valid UTF-8: “%s”"), variables[v], value);
          return FALSE;
        }
    }
  return TRUE;
}

static const MsCliCommand *
find_command (const char *name)
{
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (name, commands[c].name) == 0)
      return &commands[c];
  return NULL;
}

gboolean
_ms_cli_parse_options (const char    *command,
                       GOptionEntry  *entries,
                       int           *argc,
                       char        ***argv)
{
  const MsCliCommand *cmd = find_command (command);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = NULL;

  g_assert (cmd != NULL);
  parameter = g_strdup_printf ("%s %s", cmd->name, _(cmd->args));
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(cmd->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _ms_cli_error ("%s: %s", command, error->message);
      return FALSE;
    }
  return TRUE;
}

char *
_ms_cli_pad (const char *text,
             guint       width)
{
  glong n = g_utf8_strlen (text, -1);
  GString *out = g_string_new (text);

  for (glong i = n; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

/* "  HEAD   summary", the summaries in one column; a head too long for it
 * gets a line of its own. */
static void
append_help_line (GString    *text,
                  const char *head,
                  const char *summary)
{
  const guint column = 24;

  if (g_utf8_strlen (head, -1) >= column)
    g_string_append_printf (text, "  %s\n  %*s%s\n", head, (int) column, "", summary);
  else
    {
      g_autofree char *padded = _ms_cli_pad (head, column);

      g_string_append_printf (text, "  %s%s\n", padded, summary);
    }
}

static void
print_usage (FILE *out)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("Usage: %s [--db PATH|URI] [--as LOGIN] COMMAND [ARGUMENTS…]\n"),
                          "masatir-cli");
  g_string_append (text, _("Write, check, approve and publish procedure sheets (law 55-19).\n\n"));
  g_string_append (text, _("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].args));

      append_help_line (text, head, _(commands[i].summary));
    }
  g_string_append (text, _("\nGlobal options:\n"));
  append_help_line (text, "--db PATH|URI",
                          _("Catalog database (default $MASATIR_DB or the user data folder), or a PostgreSQL "
                            "server: postgresql://… or “host=… dbname=…”"));
  append_help_line (text, "--as LOGIN",
                          _("Act as this user (default $MASATIR_USER or the login name; refused on a server, "
                            "where you are your database login)"));
  append_help_line (text, "-h, --help", _("Show this help"));
  append_help_line (text, "--version", _("Show the version"));
  g_string_append (text, _("\nExit status: 0 success, 1 problems found, 2 usage error or unusable input.\n"
                           "Run “masatir-cli COMMAND --help” for a command’s options.\n"));
  fputs (text->str, out);
}

/* Takes the value of "--opt VALUE" or "--opt=VALUE" at argv[*i]. */
static gboolean
take_value (int          argc,
            char       **argv,
            int         *i,
            const char  *option,
            const char **value)
{
  gsize n = strlen (option);

  if (strncmp (argv[*i], option, n) != 0)
    return FALSE;
  if (argv[*i][n] == '=')
    {
      *value = argv[*i] + n + 1;
      return TRUE;
    }
  if (argv[*i][n] != '\0')
    return FALSE;
  if (*i + 1 >= argc)
    {
      *value = NULL;
      return TRUE;
    }
  *value = argv[++(*i)];
  return TRUE;
}

static int
missing_value (const char *option)
{
  _ms_cli_error (_("%s needs a value"), option);
  return MS_CLI_USAGE;
}

int
ms_cli_main (int    argc,
             char **argv)
{
  MsCliGlobals globals = {
    .db_path = g_getenv ("MASATIR_DB"),
    /* --as only: $MASATIR_USER and the login come from ms_store_default_actor(). */
    .acting_user = NULL,
  };
  const MsCliCommand *command;
  int i;

  /* A command's options are parsed from its own argv, whose first word is
   * the command: name the program once and for all. */
  g_set_prgname ("masatir-cli");
  if (!check_utf8 (argc, argv))
    return MS_CLI_USAGE;

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      const char *value = NULL;

      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return MS_CLI_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          g_print ("masatir-cli %s\n", PACKAGE_VERSION);
          return MS_CLI_OK;
        }
      else if (take_value (argc, argv, &i, "--db", &value))
        {
          if (!(globals.db_path = value))
            return missing_value ("--db");
        }
      else if (take_value (argc, argv, &i, "--as", &value))
        {
          if (!(globals.acting_user = value))
            return missing_value ("--as");
        }
      else
        {
          _ms_cli_error (_("unknown option %s (see --help)"), argv[i]);
          return MS_CLI_USAGE;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return MS_CLI_USAGE;
    }

  if ((command = find_command (argv[i])) != NULL)
    return command->run (&globals, argc - i, argv + i);

  _ms_cli_error (_("unknown command “%s” (see --help)"), argv[i]);
  return MS_CLI_USAGE;
}
