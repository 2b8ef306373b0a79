/* ms-cli-private.h — shared by the command files of masatir-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-cli.h"
#include "ms-store.h"

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

/* @text followed by spaces up to @width characters (not bytes: the labels
 * are translated, and Arabic takes two bytes a letter). */
char    *_ms_cli_pad            (const char *text,
                                 guint       width);
/* One clear line on stderr, prefixed with the program name; control
 * characters in it are shown escaped (ms_text_escape_controls). */
void     _ms_cli_error          (const char *format,
                                 ...) G_GNUC_PRINTF (1, 2);
/* One line of a report on stdout that quotes input (problems found in a
 * file, notes of an import), escaped in the same way. @format ends with
 * "\n" or not: the line is ended once either way. */
void     _ms_cli_print_line     (const char *format,
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
int      _ms_cli_validate       (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_report         (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_init           (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_import         (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_list           (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_search         (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_users          (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_audit          (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_save           (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_transition     (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_history        (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_diff           (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_canonicalize   (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_generate       (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_keys           (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_verify         (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_export         (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_new            (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_duplicate      (const MsCliGlobals *globals, int argc, char **argv);
int      _ms_cli_delete         (const MsCliGlobals *globals, int argc, char **argv);

/* The catalog and the acting user (ms-cli-store.c). */
MsStore     *_ms_cli_open_store        (const MsCliGlobals  *globals,
                                        GError             **error);
const char  *_ms_cli_acting_user       (const MsCliGlobals  *globals);
/* A PostgreSQL catalog, asking for its password at the terminal when the
 * server wants one that PGPASSWORD and ~/.pgpass did not give. */
MsStore     *_ms_cli_open_server       (const char          *conninfo,
                                        GError             **error);
/* @conninfo, with the password typed at the terminal when the server asks
 * for one (and there is a terminal), else as it is. */
char        *_ms_cli_server_conninfo   (const char          *conninfo,
                                        GError             **error);
int          _ms_cli_migrate           (const MsCliGlobals  *globals,
                                        int                  argc,
                                        char               **argv);
/* Prints "masatir-cli: COMMAND: message" and returns the exit status the
 * error means: 1 for a refusal by the workflow or a conflict, else 2. */
int          _ms_cli_fail              (const char          *command,
                                        const GError        *error);
gboolean     _ms_cli_parse_format      (const char          *command,
                                        const char          *format,
                                        gboolean            *json);
void         _ms_cli_print_json        (JsonNode            *node);
/* Sheets as list prints them: one line each, or a JSON list of
 * {id, code, title, state, revision, administration, errors, warnings}. */
void         _ms_cli_print_infos       (GPtrArray           *infos,
                                        gboolean             json);
/* The same, for search results: their snippets, and whether the query was
 * cut (a member "query_cut" of each JSON result). */
void         _ms_cli_print_results     (GPtrArray           *infos,
                                        gboolean             json,
                                        gboolean             query_cut);
/* show ID: revision @revision (0: the current one) of a stored sheet, and
 * the sheet's info, or NULL with *status. */
MsProcedure *_ms_cli_load_stored_sheet (const MsCliGlobals  *globals,
                                        const char          *id,
                                        gint64               revision,
                                        MsSheetInfo        **info,
                                        int                 *status);

G_END_DECLS
