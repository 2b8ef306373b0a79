/* ms-cli-bundle.c — canonicalize, export and verify: the signed-bundle commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ms-bundle.h"
#include "ms-canonical-json.h"
#include "ms-cli-private.h"
#include "ms-core-error.h"

/* A file that cannot be read, and a JSON text that has no canonical form
 * (invalid, duplicate names, lone surrogates, numbers out of range), are
 * unusable input (2): canonicalize transforms, it does not check. */
int
_ms_cli_canonicalize (const MsCliGlobals *globals,
                      int                 argc,
                      char              **argv)
{
  g_autofree char *data = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, canonical_length;

  if (!_ms_cli_parse_options ("canonicalize", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2)
    {
      _ms_cli_error (_("canonicalize: give exactly one file"));
      return MS_CLI_USAGE;
    }
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    {
      _ms_cli_error ("canonicalize: %s", error->message);
      return MS_CLI_USAGE;
    }
  if (!(canonical = ms_canonical_json_from_data (data, length, &canonical_length, &error)))
    {
      _ms_cli_error ("canonicalize: %s: %s", argv[1], error->message);
      return MS_CLI_USAGE;
    }
  /* The canonical bytes and a final newline, as a text file ends; the bytes
   * to hash or sign are the output without its last byte. */
  if (fwrite (canonical, 1, canonical_length, stdout) != canonical_length || fputc ('\n', stdout) == EOF
      || fflush (stdout) != 0)
    {
      _ms_cli_error (_("canonicalize: cannot write the output"));
      return MS_CLI_USAGE;
    }
  return MS_CLI_OK;
}

/* Each verified entry as a readable file DIR/ID.json. */
static gboolean
extract_entries (MsBundleVerified  *verified,
                 const char        *dir,
                 GError           **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, _("cannot create %s"), dir);
      return FALSE;
    }
  json_generator_set_pretty (generator, TRUE);
  for (guint i = 0; i < verified->ids->len; i++)
    {
      g_autofree char *name = g_strconcat (verified->ids->pdata[i], ".json", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      json_generator_set_root (generator, verified->entries->pdata[i]);
      if (!json_generator_to_file (generator, path, error))
        return FALSE;
    }
  return TRUE;
}

/* Exit 0 only when every check passed; 1 for a failed check (one line
 * naming it); 2 when the bundle, trust store or state file is unusable. */
int
_ms_cli_verify (const MsCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  g_autofree char *trust_path = NULL;
  g_autofree char *state_path = NULL;
  g_autofree char *extract_dir = NULL;
  g_autoptr(MsTrustStore) trust = NULL;
  g_autoptr(MsBundleStateLock) state_lock = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sequence = NULL;
  GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &trust_path, N_("Trust store (pinned keys and their issuers)"), N_("FILE") },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state_path, N_("Last accepted bundle per issuer, updated on success"), N_("FILE") },
    { "extract", 0, 0, G_OPTION_ARG_FILENAME, &extract_dir, N_("Write each verified entry to this folder"), N_("DIR") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("verify", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2 || trust_path == NULL)
    {
      _ms_cli_error (_("verify: give --trust FILE and exactly one bundle"));
      return MS_CLI_USAGE;
    }
  /* Held from reading the state to writing it (released on return). */
  if (!(trust = ms_trust_store_load (trust_path, &error))
      || (state_path != NULL && !(state_lock = ms_bundle_state_lock (state_path, &error)))
      || (state_path != NULL && !(state = ms_bundle_state_load (state_path, &error)))
      || !(file = g_mapped_file_new (argv[1], FALSE, &error)))
    {
      _ms_cli_error ("verify: %s", error->message);
      return MS_CLI_USAGE;
    }

  /* The entries' trees only when they are written out. */
  verified = ms_bundle_verify_full (g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                                    trust, state, g_get_real_time () / G_USEC_PER_SEC,
                                    extract_dir != NULL ? MS_BUNDLE_VERIFY_KEEP_ENTRIES : MS_BUNDLE_VERIFY_NONE,
                                    &error);
  if (verified == NULL)
    {
      _ms_cli_error ("verify: %s: %s", ms_bundle_failure_name (error->code), error->message);
      return MS_CLI_PROBLEMS;
    }
  if ((extract_dir != NULL && !extract_entries (verified, extract_dir, &error))
      || (state_path != NULL && !ms_bundle_state_save (state, state_path, verified, &error)))
    {
      _ms_cli_error ("verify: %s", error->message);
      return MS_CLI_USAGE;
    }
  sequence = g_strdup_printf ("%" G_GINT64_FORMAT, verified->sequence);
  g_print (g_dngettext (GETTEXT_PACKAGE, "OK: %s sequence %s, %u entry, signed by %s\n",
                        "OK: %s sequence %s, %u entries, signed by %s\n", verified->ids->len),
           verified->issuer, sequence, verified->ids->len, verified->kid);
  return MS_CLI_OK;
}
