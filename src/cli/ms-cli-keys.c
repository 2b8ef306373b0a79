/* ms-cli-keys.c — keys generate|import|list|export-public|trust-store
 *
 * The keyring is the publishing layer's (src/publish/ms-keyring.c); this
 * is its shell: the passphrase prompt, the options, what is printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ms-bundle.h"
#include "ms-cli-keys.h"
#include "ms-cli-private.h"
#include "ms-core-error.h"
#include "ms-keyring.h"

#define PASSPHRASE_MAX 1024

/* One line of @in; the terminal does not echo it when @tty. */
static MsPassphrase *
read_line (const char *prompt,
           gboolean    tty)
{
  char buffer[PASSPHRASE_MAX];
  struct termios saved, quiet;
  gboolean got;

  if (tty)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  got = fgets (buffer, sizeof buffer, stdin) != NULL;
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (!got)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  {
    MsPassphrase *line = g_strdup (buffer);

    sodium_memzero (buffer, sizeof buffer);
    return line;
  }
}

MsPassphrase *
_ms_cli_read_passphrase (const char  *prompt,
                         gboolean     confirm,
                         GError     **error)
{
  const char *env = g_getenv ("MASATIR_PASSPHRASE");
  gboolean tty = isatty (STDIN_FILENO);
  g_autoptr(MsPassphrase) first = NULL;

  if (env != NULL)
    first = g_strdup (env);
  else if (!(first = read_line (prompt, tty)))
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
                           _("no passphrase (set MASATIR_PASSPHRASE or type it at the prompt)"));
      return NULL;
    }
  if (*first == '\0')
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, _("the passphrase is empty"));
      return NULL;
    }
  if (confirm && env == NULL && tty)
    {
      g_autoptr(MsPassphrase) again = read_line (_("Passphrase again: "), tty);

      if (again == NULL || strcmp (first, again) != 0)
        {
          g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
                               _("the two passphrases differ"));
          return NULL;
        }
    }
  return g_steal_pointer (&first);
}

/* Seals a new or imported key and prints its kid. */
static int
seal_and_report (const char *command,
                 MsKey      *key)
{
  g_autoptr(MsKeyring) keyring = ms_keyring_new (NULL);
  g_autoptr(MsPassphrase) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kid = NULL;

  if (!(passphrase = _ms_cli_read_passphrase (_("Passphrase for the new key: "), TRUE, &error))
      || !(kid = ms_keyring_import (keyring, key, passphrase, &error)))
    return _ms_cli_fail (command, error);
  g_print ("%s\n", kid);
  return MS_CLI_OK;
}

static int
keys_import (const char *path)
{
  g_autoptr(MsKey) key = NULL;
  g_autoptr(GError) error = NULL;

  /* The file is checked before the passphrase is asked for. */
  if (!(key = ms_keyring_read_private_jwk (path, &error)))
    {
      _ms_cli_error ("keys import: %s", error->message);
      return MS_CLI_USAGE;
    }
  return seal_and_report ("keys import", key);
}

static int
keys_list (void)
{
  g_autoptr(MsKeyring) keyring = ms_keyring_new (NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  if (!(keys = ms_keyring_list (keyring, &error)))
    return _ms_cli_fail ("keys list", error);
  for (guint i = 0; i < keys->len; i++)
    g_print ("%s\n", ((MsKeyInfo *) g_ptr_array_index (keys, i))->kid);
  return MS_CLI_OK;
}

static int
keys_export_public (const char *kid)
{
  g_autoptr(MsKeyring) keyring = ms_keyring_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!(root = ms_keyring_export_public (keyring, kid, &error)))
    return _ms_cli_fail ("keys export-public", error);
  _ms_cli_print_json (root);
  return MS_CLI_OK;
}

/* The catalog's issuer (init --issuer), when there is a catalog with one. */
static char *
catalog_issuer (const MsCliGlobals *globals)
{
  g_autoptr(MsStore) store = _ms_cli_open_store (globals, NULL);

  return store != NULL ? ms_store_get_setting (store, "issuer", NULL) : NULL;
}

/* design.md §4: {"threshold":N,"keys":{KID:{"kty","crv","x","issuer"}}},
 * from the public keys of the keyring. A KID that is not in the keyring is
 * unusable input (exit 2), as for export-public. */
static int
keys_trust_store (const MsCliGlobals *globals,
                  int                 argc,
                  char              **argv)
{
  g_autoptr(MsKeyring) keyring = NULL;
  g_autoptr(GPtrArray) kids = g_ptr_array_new ();
  g_autofree char *issuer = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int threshold = 1;
  GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The issuer the keys sign for (default: the catalog's, from init --issuer)"), N_("ID") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write to this file (atomically) instead of the output"),
      N_("FILE") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &threshold,
      N_("Signatures required; procbundle/1 defines 1 only"), N_("N") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("keys", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc < 3)
    {
      _ms_cli_error (_("keys trust-store: give the kid of at least one key of the keyring"));
      return MS_CLI_USAGE;
    }
  if (threshold != 1)
    {
      _ms_cli_error (_("keys trust-store: --threshold %d: procbundle/1 bundles carry one signature, so "
                       "verifiers accept a threshold of 1 only"), threshold);
      return MS_CLI_USAGE;
    }
  if (issuer == NULL && (issuer = catalog_issuer (globals)) == NULL)
    {
      _ms_cli_error (_("keys trust-store: give --issuer ID (the catalog has no issuer to take)"));
      return MS_CLI_USAGE;
    }
  if (!ms_bundle_is_issuer (issuer))
    {
      _ms_cli_error (_("keys trust-store: --issuer: an issuer id is 1 to 64 letters, digits, “.”, “_” or “-”"));
      return MS_CLI_USAGE;
    }

  keyring = ms_keyring_new (NULL);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (kids, argv[i]);
  g_ptr_array_add (kids, NULL);
  if (out == NULL)
    {
      if (!(text = ms_keyring_build_trust_store (keyring, (const char * const *) kids->pdata, issuer, &error)))
        return _ms_cli_fail ("keys trust-store", error);
      fwrite (text, 1, strlen (text), stdout);
      fputc ('\n', stdout);
      return MS_CLI_OK;
    }
  if (!ms_keyring_save_trust_store (keyring, (const char * const *) kids->pdata, issuer, out, &error))
    return _ms_cli_fail ("keys trust-store", error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote the trust store %s (%d key, issuer %s)\n",
                        "Wrote the trust store %s (%d keys, issuer %s)\n", (gulong) (argc - 2)),
           out, argc - 2, issuer);
  return MS_CLI_OK;
}

int
_ms_cli_keys (const MsCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  const char *action;

  /* The one keys command with options of its own. */
  if (argc >= 2 && strcmp (argv[1], "trust-store") == 0)
    return keys_trust_store (globals, argc, argv);
  if (!_ms_cli_parse_options ("keys", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  action = argc >= 2 ? argv[1] : "";
  if (strcmp (action, "generate") == 0 && argc == 2)
    {
      g_autoptr(MsKey) key = ms_key_generate ();

      return seal_and_report ("keys generate", key);
    }
  if (strcmp (action, "import") == 0 && argc == 3)
    return keys_import (argv[2]);
  if (strcmp (action, "list") == 0 && argc == 2)
    return keys_list ();
  if (strcmp (action, "export-public") == 0 && argc == 3)
    return keys_export_public (argv[2]);
  _ms_cli_error (_("keys: use “keys generate”, “keys import JWK”, “keys list”, “keys export-public KID” or "
                  "“keys trust-store KID… --issuer ID”"));
  return MS_CLI_USAGE;
}
