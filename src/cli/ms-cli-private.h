/* ms-cli-private.h — shared by the command files of masatir-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-cli.h"

G_BEGIN_DECLS

typedef int (*MsCliCommandFunc) (const MsCliGlobals *globals,
                                 int                 argc,
                                 char              **argv);

typedef struct {
  const char       *name;
  const char       *args;      /* usage after the name */
  const char       *summary;   /* N_() */
  MsCliCommandFunc  run;
} MsCliCommand;

/* One clear line on stderr, prefixed with the program name. */
void     _ms_cli_error          (const char *format,
                                 ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options; on failure prints the error and returns FALSE
 * (the caller exits with MS_CLI_USAGE). --help prints and exits 0. */
gboolean _ms_cli_parse_options  (const char    *command,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv);

int      _ms_cli_show           (const MsCliGlobals *globals,
                                 int                 argc,
                                 char              **argv);
int      _ms_cli_check_json     (const MsCliGlobals *globals,
                                 int                 argc,
                                 char              **argv);

G_END_DECLS
