/* ms-cli-generate.c — generate: a deterministic synthetic catalog
 *
 * What the benchmarks import; the same count and seed give the same bytes
 * on any machine (src/core/ms-generate.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-cli-private.h"
#include "ms-generate.h"

#define MAX_COUNT 1000000

int
_ms_cli_generate (const MsCliGlobals *globals,
                  int                 argc,
                  char              **argv)
{
  g_autofree char *count_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *seed_shown = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count = 0, seed = 0;
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_STRING, &count_text, N_("How many sheets"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("The seed: the same seed gives the same sheets"), N_("S") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("The JSON file to write"), N_("FILE") },
    { NULL }
  };

  (void) globals;
  if (!_ms_cli_parse_options ("generate", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 1 || count_text == NULL || path == NULL
      || !g_ascii_string_to_unsigned (count_text, 10, 1, MAX_COUNT, &count, NULL)
      || (seed_text != NULL
          && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL)))
    {
      _ms_cli_error (_("generate: give --count N (1 to %d), --out FILE and optionally --seed S (a whole number)"),
                     MAX_COUNT);
      return MS_CLI_USAGE;
    }
  if (!ms_generate_file (path, (guint) count, seed, NULL, &error))
    {
      _ms_cli_error ("generate: %s", error->message);
      return MS_CLI_USAGE;
    }
  seed_shown = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  /* Translators: "1000 sheets written to catalog.json (seed 42)" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u sheet written to %s (seed %s)\n",
                        "%u sheets written to %s (seed %s)\n", (gulong) count),
           (guint) count, path, seed_shown);
  return MS_CLI_OK;
}
