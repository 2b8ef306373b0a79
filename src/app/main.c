/* main.c — the masatir executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-application.h"
#include "ms-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MsApplication) app = NULL;

  /* setlocale, then the "masatir" domain bound to LOCALEDIR (or to
   * $MASATIR_LOCALEDIR in a build tree), in UTF-8. */
  ms_i18n_init ();

  app = ms_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
