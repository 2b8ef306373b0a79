/* ms-cli-keys.c — keys generate|import|list|export-public|trust-store
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
#include "ms-canonical-json.h"
#include "ms-cli-keys.h"
#include "ms-cli-private.h"
#include "ms-core-error.h"
#include "ms-keys.h"
#include "ms-store-error.h"
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
  g_autofree char *dir = ms_keys_default_dir ();
  g_autofree char *issuer = NULL;
  g_autofree char *out = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MsTrustStore) check = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
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

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, threshold);
  json_builder_set_member_name (b, "keys");
  json_builder_begin_object (b);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(MsKey) key = NULL;

      if (!g_hash_table_add (seen, argv[i]))
        {
          _ms_cli_error (_("keys trust-store: the key %s is given twice"), argv[i]);
          return MS_CLI_USAGE;
        }
      if (!(key = ms_key_load_public (dir, argv[i], &error)))
        return _ms_cli_fail ("keys trust-store", error);
      json_builder_set_member_name (b, key->kid);
      json_builder_add_value (b, ms_key_to_trust_entry (key, issuer));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  /* RFC 8785, then read back as verify reads it: what is written is a
   * trust store the verifiers accept. */
  if (!ms_canonical_json_append (text, root, &error)
      || !(check = ms_trust_store_new_from_data (text->str, text->len, &error)))
    return _ms_cli_fail ("keys trust-store", error);
  g_string_append_c (text, '\n');
  if (out == NULL)
    {
      fwrite (text->str, 1, text->len, stdout);
      return MS_CLI_OK;
    }
  /* Public keys: readable by all (0644). */
  if (!g_file_set_contents_full (out, text->str, text->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, &error))
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
