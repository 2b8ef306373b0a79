/* ms-cli-keys.c — keys generate|import|list|export-public
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

#include "ms-cli-keys.h"
#include "ms-cli-private.h"
#include "ms-core-error.h"
#include "ms-keys.h"
#include "ms-strict-json.h"

#define PASSPHRASE_MAX 1024

void
_ms_cli_passphrase_free (MsPassphrase *passphrase)
{
  if (passphrase == NULL)
    return;
  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}

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
  g_autofree char *dir = ms_keys_default_dir ();
  g_autoptr(MsPassphrase) passphrase = NULL;
  g_autoptr(GError) error = NULL;

  if (!(passphrase = _ms_cli_read_passphrase (_("Passphrase for the new key: "), TRUE, &error))
      || !ms_key_save_sealed (key, dir, passphrase, &error))
    return _ms_cli_fail (command, error);
  g_print ("%s\n", key->kid);
  return MS_CLI_OK;
}

static int
keys_import (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) jwk = NULL;
  g_autoptr(MsKey) key = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &error))
    return _ms_cli_fail ("keys import", error);
  jwk = ms_strict_json_parse (data, length, &error);
  sodium_memzero (data, length);
  if (jwk == NULL || !(key = ms_key_new_from_jwk (jwk, &error)))
    {
      _ms_cli_error ("keys import: %s: %s", path, error->message);
      return MS_CLI_USAGE;
    }
  return seal_and_report ("keys import", key);
}

static int
keys_list (void)
{
  g_autofree char *dir = ms_keys_default_dir ();
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  if (!(keys = ms_keys_list (dir, &error)))
    return _ms_cli_fail ("keys list", error);
  for (guint i = 0; i < keys->len; i++)
    g_print ("%s\n", ((MsKey *) g_ptr_array_index (keys, i))->kid);
  return MS_CLI_OK;
}

static int
keys_export_public (const char *kid)
{
  g_autofree char *dir = ms_keys_default_dir ();
  g_autoptr(MsKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) jwks = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list = json_array_new ();

  if (!(key = ms_key_load_public (dir, kid, &error)))
    return _ms_cli_fail ("keys export-public", error);
  json_array_add_element (list, ms_key_to_public_jwk (key));
  json_object_set_array_member (jwks, "keys", list);
  root = json_node_init_object (json_node_alloc (), jwks);
  _ms_cli_print_json (root);
  return MS_CLI_OK;
}

int
_ms_cli_keys (const MsCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  const char *action;

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
  _ms_cli_error (_("keys: use “keys generate”, “keys import JWK”, “keys list” or “keys export-public KID”"));
  return MS_CLI_USAGE;
}
