/* main.c — masatir-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include "ms-cli.h"
#include "ms-i18n.h"

int
main (int    argc,
      char **argv)
{
  ms_i18n_init ();

  return ms_cli_main (argc, argv);
}
