/* ms-cli-migrate.c — migrate: a SQLite catalog to a PostgreSQL server (issue 16 item 7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "ms-cli-private.h"
#include "ms-pg-conninfo.h"
#include "ms-pg-store.h"
#include "ms-store-error.h"
#include "ms-store-migrate.h"

int
_ms_cli_migrate (const MsCliGlobals *globals,
                 int                 argc,
                 char              **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *where = NULL;
  g_auto(MsMigrateReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("The SQLite catalog to copy"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The new catalog: postgresql://… or “host=… dbname=…”"),
      N_("URI") },
    { NULL }
  };

  (void) globals;
  if (!_ms_cli_parse_options ("migrate", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 1 || from == NULL || to == NULL)
    {
      _ms_cli_error (_("migrate: give --from FILE and --to postgresql://…"));
      return MS_CLI_USAGE;
    }
  if (ms_pg_store_is_conninfo (from) || !ms_pg_store_is_conninfo (to))
    {
      _ms_cli_error (_("migrate: --from is a SQLite catalog file and --to a PostgreSQL server"));
      return MS_CLI_USAGE;
    }
  if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
    {
      _ms_cli_error (_("migrate: no catalog at %s"), from);
      return MS_CLI_USAGE;
    }
  if (!(conninfo = _ms_cli_server_conninfo (to, &error)))
    return _ms_cli_fail ("migrate", error);
  where = ms_pg_conninfo_describe (to);
  ok = ms_store_migrate (from, conninfo, &report, &error);
  sodium_memzero (conninfo, strlen (conninfo));
  /* A target that is not empty is refused as a conflict (1). */
  if (!ok)
    return _ms_cli_fail ("migrate", error);
  g_print (_("Copied %s to %s: %d users, %d sheets, %d revisions, %d audit entries\n"),
           from, where, (int) report.n_users, (int) report.n_sheets, (int) report.n_revisions,
           (int) report.n_entries);
  g_print (_("Audit log intact on the server, head %s\n"), report.head != NULL ? report.head : "-");
  return MS_CLI_OK;
}
