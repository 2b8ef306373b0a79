/* ms-cli-export.c — export: publish the catalog as a signed bundle
 *
 * The export itself, its atomicity and its test knobs are the publishing
 * layer's (src/publish/ms-export.c); this is its shell: the options, the
 * publisher's role checked before the passphrase is asked for, and the
 * line that reports the bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-cli-keys.h"
#include "ms-cli-private.h"
#include "ms-export.h"

int
_ms_cli_export (const MsCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  g_autofree char *kid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prompt = NULL;
  int expires_days = MS_EXPORT_DEFAULT_EXPIRES_DAYS;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsPassphrase) passphrase = NULL;
  g_autoptr(MsExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MsExportOptions options = { 0 };
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_STRING, &kid, N_("The signing key (see “keys list”)"), N_("KID") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("The bundle file to write"), N_("FILE") },
    { "expires-days", 0, 0, G_OPTION_ARG_INT, &expires_days,
      N_("Days until the portal stops accepting the bundle (default 30)"), N_("N") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("export", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 1 || kid == NULL || path == NULL || expires_days < 1 || expires_days > MS_EXPORT_MAX_EXPIRES_DAYS)
    {
      _ms_cli_error (_("export: give --key KID and --out FILE, and --expires-days between 1 and %d"),
                     MS_EXPORT_MAX_EXPIRES_DAYS);
      return MS_CLI_USAGE;
    }
  options.kid = kid;
  options.path = path;
  options.expires_days = expires_days;
  prompt = g_strdup_printf (_("Passphrase for key %s: "), kid);

  if (!ms_publish_export_creation_time (&options.created, &error)
      || !(store = _ms_cli_open_store (globals, &error))
      /* After the opening: on a server the actor is the login. */
      || !(options.actor = _ms_cli_acting_user (globals))
      || !ms_publish_check_publisher (store, options.actor, &error)
      || !(passphrase = _ms_cli_read_passphrase (prompt, FALSE, &error)))
    return _ms_cli_fail ("export", error);
  options.passphrase = passphrase;
  if (!(result = ms_publish_export (store, &options, NULL, NULL, NULL, &error)))
    return _ms_cli_fail ("export", error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u entry, %u withdrawn, manifest SHA-256 %s, written to %s\n",
                        "%s: %u entries, %u withdrawn, manifest SHA-256 %s, written to %s\n", result->n_entries),
           result->bundle_id, result->n_entries, result->n_withdrawn, result->manifest_sha256, result->path);
  return MS_CLI_OK;
}
