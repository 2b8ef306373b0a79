/* ms-cli.h — masatir-cli, the headless interface (design.md §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of every command. */
typedef enum {
  MS_CLI_OK = 0,        /* success */
  MS_CLI_PROBLEMS = 1,  /* the command ran and found problems */
  MS_CLI_USAGE = 2,     /* usage error or unusable input */
} MsCliStatus;

typedef struct {
  const char *db_path;
  const char *acting_user;
} MsCliGlobals;

int ms_cli_main (int    argc,
                 char **argv);

G_END_DECLS
