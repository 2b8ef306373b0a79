/* ms-cli-store.c — init, users, import, list, search, audit: the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "masatir-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include "ms-analyzer.h"
#include "ms-cli-private.h"
#include "ms-core-error.h"
#include "ms-i18n.h"
#include "ms-pg-conninfo.h"
#include "ms-pg-store.h"
#include "ms-portal.h"
#include "ms-sqlite-store.h"
#include "ms-store-catalog.h"
#include "ms-store-error.h"
#include "ms-store-import.h"
#include "ms-text.h"

/* Shared helpers {{{1 */

/* The login of the server catalog this run opened (one command, one
 * catalog): there the database says who acts. */
static char *server_login;

/* The same resolution as the window's (--as or $MASATIR_USER, else the
 * login); on a server, the database login. */
const char *
_ms_cli_acting_user (const MsCliGlobals *globals)
{
  if (server_login != NULL)
    return server_login;
  return ms_store_default_actor (globals->acting_user);
}

static char *
db_path (const MsCliGlobals *globals)
{
  if (globals->db_path != NULL && *globals->db_path != '\0')
    return g_strdup (globals->db_path);
  return ms_sqlite_store_default_path ();
}

/* Refusals by the workflow, conflicts and a broken audit chain are findings
 * (1); everything else means the input or the catalog was unusable (2). */
int
_ms_cli_fail (const char   *command,
              const GError *error)
{
  _ms_cli_error ("%s: %s", command, error->message);
  if (g_error_matches (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED)
      || g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED)
      || g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT))
    return MS_CLI_PROBLEMS;
  return MS_CLI_USAGE;
}

/* A line typed without echo, for the password a server asks for. */
static char *
read_password (const char *prompt)
{
  char buffer[1024];
  struct termios saved, quiet;
  gboolean got;

  /* Echo off before the prompt shows: nothing typed after it is echoed
   * nor flushed. */
  tcgetattr (STDIN_FILENO, &saved);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  g_printerr ("%s", prompt);
  got = fgets (buffer, sizeof buffer, stdin) != NULL;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");
  if (!got)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  {
    char *line = g_strdup (buffer);

    sodium_memzero (buffer, sizeof buffer);
    return line;
  }
}

char *
_ms_cli_server_conninfo (const char  *conninfo,
                         GError     **error)
{
  g_autofree char *where = NULL;
  g_autofree char *prompt = NULL;
  char *password, *with_password;

  if (!isatty (STDIN_FILENO) || !ms_pg_conninfo_needs_password (conninfo))
    return g_strdup (conninfo);
  where = ms_pg_conninfo_describe (conninfo);
  prompt = g_strdup_printf (_("Password for %s: "), where);
  if (!(password = read_password (prompt)))
    return g_strdup (conninfo);
  with_password = ms_pg_conninfo_with_password (conninfo, password, error);
  sodium_memzero (password, strlen (password));
  g_free (password);
  return with_password;
}

MsStore *
_ms_cli_open_server (const char  *conninfo,
                     GError     **error)
{
  g_autoptr(GError) local = NULL;
  char *with_password;
  MsStore *store;

  /* The password from PGPASSWORD or ~/.pgpass (libpq's), or typed at a
   * prompt when the server asks for one and there is a terminal to ask
   * at: never on the command line. */
  if ((store = ms_store_open_uri (conninfo, FALSE, &local))
      || !g_error_matches (local, MS_STORE_ERROR, MS_STORE_ERROR_OPEN))
    {
      if (store == NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return store;
    }
  if (!(with_password = _ms_cli_server_conninfo (conninfo, error)))
    return NULL;
  if (strcmp (with_password, conninfo) == 0)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    store = ms_store_open_uri (with_password, FALSE, error);
  sodium_memzero (with_password, strlen (with_password));
  g_free (with_password);
  return store;
}

MsStore *
_ms_cli_open_store (const MsCliGlobals *globals,
                    GError            **error)
{
  g_autofree char *path = db_path (globals);
  const char *env_user = g_getenv ("MASATIR_USER");
  MsStore *store;

  if (!ms_pg_store_is_conninfo (path))
    return MS_STORE (ms_sqlite_store_open (path, MS_SQLITE_STORE_OPEN_EXISTING, error));
  /* On a server the database says who acts: nobody is named instead. */
  if (globals->acting_user != NULL || (env_user != NULL && *env_user != '\0'))
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID,
                   _("%s is refused on a PostgreSQL catalog: you act as your database login"),
                   globals->acting_user != NULL ? "--as" : "MASATIR_USER");
      return NULL;
    }
  if (!(store = _ms_cli_open_server (path, error)))
    return NULL;
  g_free (server_login);
  server_login = g_strdup (ms_pg_store_get_login (MS_PG_STORE (store)));
  return store;
}

gboolean
_ms_cli_parse_format (const char  *command,
                      const char  *format,
                      gboolean    *json)
{
  *json = g_strcmp0 (format, "json") == 0;
  if (format == NULL || *json || strcmp (format, "text") == 0)
    return TRUE;
  _ms_cli_error (_("%s: --format is “text” or “json”"), command);
  return FALSE;
}

void
_ms_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_localized_member (JsonBuilder       *b,
                      const char        *name,
                      const MsLocalized *text)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint lang = 0; text != NULL && lang < MS_N_LANGS; lang++)
    {
      if (ms_localized_get (text, lang) == NULL)
        continue;
      json_builder_set_member_name (b, ms_lang_to_code (lang));
      json_builder_add_string_value (b, ms_localized_get (text, lang));
    }
  json_builder_end_object (b);
}

/* A search result's snippet, on a line of its own under the sheet: the
 * words that matched in bold on a terminal, else between [ and ]; the
 * text escaped as every text from a sheet is before reaching a terminal. */
static void
print_snippet (const char *snippet)
{
  gboolean tty = isatty (STDOUT_FILENO);
  g_autoptr(GString) text = NULL;
  g_autofree char *escaped = NULL;

  if (snippet == NULL || *snippet == '\0')
    return;
  text = g_string_new (snippet);
  g_string_replace (text, MS_SNIPPET_START, "\001", 0);
  g_string_replace (text, MS_SNIPPET_END, "\004", 0);
  escaped = ms_text_escape_controls (text->str);
  g_string_assign (text, escaped);
  g_string_replace (text, "\\x01", tty ? "\033[1m" : "[", 0);
  g_string_replace (text, "\\x04", tty ? "\033[0m" : "]", 0);
  g_print ("    %s\n", text->str);
}

/* "snippet": the text, "highlights": [[start, end]…] of the matches, in
 * characters of the snippet. */
static void
add_snippet_members (JsonBuilder *b,
                     const char  *snippet)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *plain = ms_snippet_split (snippet, ranges);

  json_builder_set_member_name (b, "snippet");
  json_builder_add_string_value (b, plain);
  json_builder_set_member_name (b, "highlights");
  json_builder_begin_array (b);
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, g_array_index (ranges, guint, i));
      json_builder_add_int_value (b, g_array_index (ranges, guint, i + 1));
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

void
_ms_cli_print_infos (GPtrArray *infos,
                     gboolean   json)
{
  _ms_cli_print_results (infos, json, FALSE);
}

/* @query_cut: the search query was cut (ms_analyzer_query_words). */
void
_ms_cli_print_results (GPtrArray *infos,
                       gboolean   json,
                       gboolean   query_cut)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  MsLang lang = ms_ui_lang ();

  if (!json)
    {
      for (guint i = 0; i < infos->len; i++)
        {
          MsSheetInfo *info = g_ptr_array_index (infos, i);
          g_autofree char *live = info->live_revision > 0 && info->live_revision != info->revision
                                  ? g_strdup_printf (_(" (revision %d live)"), (int) info->live_revision)
                                  : g_strdup ("");

          g_print ("%s  %-20s %-18s %s%s  [%u/%u]\n", info->id, info->code != NULL ? info->code : "-",
                   ms_state_to_nick (info->state), ms_localized_best (info->title, lang) ?: "",
                   live, info->n_errors, info->n_warnings);
          print_snippet (info->snippet);
        }
      return;
    }

  json_builder_begin_array (b);
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, info->id);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, info->code);
      add_localized_member (b, "title", info->title);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, ms_state_to_nick (info->state));
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, info->revision);
      json_builder_set_member_name (b, "administration");
      json_builder_add_string_value (b, info->administration);
      json_builder_set_member_name (b, "errors");
      json_builder_add_int_value (b, info->n_errors);
      json_builder_set_member_name (b, "warnings");
      json_builder_add_int_value (b, info->n_warnings);
      if (info->snippet != NULL)
        add_snippet_members (b, info->snippet);
      if (query_cut)
        {
          json_builder_set_member_name (b, "query_cut");
          json_builder_add_boolean_value (b, TRUE);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  _ms_cli_print_json (root);
}

/* init {{{1 */

int
_ms_cli_init (const MsCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  g_autofree char *issuer = NULL;
  g_autofree char *path = db_path (globals);
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer, N_("Issuer id written in bundles"), N_("ID") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("init", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 1)
    {
      _ms_cli_error (_("init: takes no arguments"));
      return MS_CLI_USAGE;
    }
  if (ms_pg_store_is_conninfo (path))
    {
      g_autoptr(MsStore) server = NULL;
      g_autofree char *where = ms_pg_conninfo_describe (path);

      /* The schema is made by the first opening, which needs the rights of
       * its owner; the issuer is an admin's to set (users add first). */
      if (!(server = _ms_cli_open_store (globals, &error))
          || (issuer != NULL && !ms_pg_store_set_issuer (MS_PG_STORE (server), _ms_cli_acting_user (globals),
                                                         issuer, &error)))
        return _ms_cli_fail ("init", error);
      g_print (_("Created the catalog %s\n"), where);
      return MS_CLI_OK;
    }
  if (!(store = ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, &error))
      || (issuer != NULL && !ms_sqlite_store_set_issuer (store, issuer, &error)))
    return _ms_cli_fail ("init", error);
  g_print (_("Created the catalog %s\n"), path);
  return MS_CLI_OK;
}

/* users {{{1 */

static int
users_add (const MsCliGlobals *globals,
           int                 argc,
           char              **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *roles_text = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MsUser user = { 0 };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), N_("NAME") },
    { "roles", 0, 0, G_OPTION_ARG_STRING, &roles_text, N_("Roles: editor, reviewer, publisher, admin"),
      N_("ROLE,…") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("users", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 3 || roles_text == NULL)
    {
      _ms_cli_error (_("users add: give LOGIN and --roles"));
      return MS_CLI_USAGE;
    }
  user.login = argv[2];
  user.name = name;
  if (!ms_roles_from_string (roles_text, &user.roles, &error))
    return _ms_cli_fail ("users add", error);
  if (!(store = _ms_cli_open_store (globals, &error))
      || !ms_store_add_user (store, _ms_cli_acting_user (globals), &user, &error))
    return _ms_cli_fail ("users add", error);
  g_print (_("Added %s (%s)\n"), user.login, roles_text);
  return MS_CLI_OK;
}

static int
users_list (const MsCliGlobals *globals,
            int                 argc,
            char              **argv)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  if (!_ms_cli_parse_options ("users", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (!(store = _ms_cli_open_store (globals, &error)) || !(users = ms_store_list_users (store, &error)))
    return _ms_cli_fail ("users list", error);
  for (guint i = 0; i < users->len; i++)
    {
      MsUser *user = g_ptr_array_index (users, i);
      g_autofree char *roles = ms_roles_to_string (user->roles);

      g_autofree char *login = _ms_cli_pad (user->login, 16);
      g_autofree char *name = _ms_cli_pad (user->name, 32);

      g_print ("%s %s %s%s\n", login, name, roles, user->inactive ? _(" (deactivated)") : "");
    }
  return MS_CLI_OK;
}

static int
users_roles (const MsCliGlobals *globals,
             int                 argc,
             char              **argv)
{
  g_autofree char *roles_text = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MsRoles roles;
  GOptionEntry entries[] = {
    { "roles", 0, 0, G_OPTION_ARG_STRING, &roles_text, N_("Roles: editor, reviewer, publisher, admin"),
      N_("ROLE,…") },
    { NULL }
  };

  if (!_ms_cli_parse_options ("users", entries, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 3 || roles_text == NULL)
    {
      _ms_cli_error (_("users roles: give LOGIN and --roles"));
      return MS_CLI_USAGE;
    }
  if (!ms_roles_from_string (roles_text, &roles, &error))
    return _ms_cli_fail ("users roles", error);
  if (!(store = _ms_cli_open_store (globals, &error))
      || !ms_store_set_user_roles (store, _ms_cli_acting_user (globals), argv[2], roles, &error))
    return _ms_cli_fail ("users roles", error);
  g_print (_("%s now has the roles %s\n"), argv[2], roles_text);
  return MS_CLI_OK;
}

static int
users_set_active (const MsCliGlobals *globals,
                  int                 argc,
                  char              **argv,
                  gboolean            active)
{
  const char *command = active ? "users activate" : "users deactivate";
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!_ms_cli_parse_options ("users", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 3)
    {
      _ms_cli_error (_("%s: give LOGIN"), command);
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error))
      || !ms_store_set_user_active (store, _ms_cli_acting_user (globals), argv[2], active, &error))
    return _ms_cli_fail (command, error);
  g_print (active ? _("Reactivated %s\n") : _("Deactivated %s\n"), argv[2]);
  return MS_CLI_OK;
}

int
_ms_cli_users (const MsCliGlobals *globals,
               int                 argc,
               char              **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return users_add (globals, argc, argv);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return users_list (globals, argc, argv);
  if (argc >= 2 && strcmp (argv[1], "roles") == 0)
    return users_roles (globals, argc, argv);
  if (argc >= 2 && strcmp (argv[1], "deactivate") == 0)
    return users_set_active (globals, argc, argv, FALSE);
  if (argc >= 2 && strcmp (argv[1], "activate") == 0)
    return users_set_active (globals, argc, argv, TRUE);
  if (!_ms_cli_parse_options ("users", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  _ms_cli_error (_("users: give “add”, “list”, “roles”, “deactivate” or “activate”"));
  return MS_CLI_USAGE;
}

/* list and search {{{1 */

typedef struct {
  char     *state;
  char     *administration;
  char     *audience;
  char     *theme;
  gboolean  has_errors;
  gboolean  no_errors;
  char     *format;
  int       limit;
} ListOptions;

static void
list_options_clear (ListOptions *o)
{
  g_free (o->state);
  g_free (o->administration);
  g_free (o->audience);
  g_free (o->theme);
  g_free (o->format);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

/* Parses the options shared by list and search into @filter. */
static gboolean
parse_list_options (const char      *command,
                    ListOptions     *o,
                    MsStoreFilter   *filter,
                    gboolean        *json,
                    int             *argc,
                    char          ***argv)
{
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &o->state, N_("Only sheets in this state"), N_("STATE") },
    { "administration", 0, 0, G_OPTION_ARG_STRING, &o->administration, N_("Only this administration"),
      N_("CODE") },
    { "audience", 0, 0, G_OPTION_ARG_STRING, &o->audience, N_("Only sheets for citizen, business or administration"),
      N_("AUDIENCE") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o->theme, N_("Only sheets of this theme"), N_("CODE") },
    { "has-errors", 0, 0, G_OPTION_ARG_NONE, &o->has_errors, N_("Only sheets with validation errors"), NULL },
    { "no-errors", 0, 0, G_OPTION_ARG_NONE, &o->no_errors, N_("Only sheets without validation errors"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &o->limit, N_("At most N results (search)"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o->format, N_("Output: text or json"), N_("FORMAT") },
    { NULL }
  };
  MsState state;

  if (!_ms_cli_parse_options (command, entries, argc, argv)
      || !_ms_cli_parse_format (command, o->format, json))
    return FALSE;
  if (o->state != NULL)
    {
      if (!ms_state_from_nick (o->state, &state))
        {
          _ms_cli_error (_("%s: unknown state “%s”"), command, o->state);
          return FALSE;
        }
      filter->state = state;
    }
  filter->administration = o->administration;
  filter->audience = o->audience;
  filter->theme = o->theme;
  if (o->has_errors || o->no_errors)
    filter->has_errors = o->has_errors ? 1 : 0;
  return TRUE;
}

/* list and search: the same options and output; search takes words. */
static int
list_sheets (const MsCliGlobals  *globals,
             const char          *command,
             gboolean             is_search,
             int                  argc,
             char               **argv)
{
  g_auto(ListOptions) o = { 0 };
  MsStoreFilter filter = MS_STORE_FILTER_INIT;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean json, cut = FALSE;

  if (!parse_list_options (command, &o, &filter, &json, &argc, &argv))
    return MS_CLI_USAGE;
  if (is_search ? argc < 2 : argc != 1)
    {
      _ms_cli_error ("%s", is_search ? _("search: give the words to look for")
                                     : _("list: takes no arguments"));
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error)))
    return _ms_cli_fail (command, error);
  if (is_search)
    {
      g_autoptr(GPtrArray) words = NULL;

      text = g_strjoinv (" ", argv + 1);
      /* The words the store will look for: told when some were left out. */
      words = ms_analyzer_query_words (text, &cut);
      if (cut)
        _ms_cli_error (_("search: note: the query is cut to its first %d words and %d characters"),
                       MS_SEARCH_MAX_WORDS, MS_SEARCH_MAX_CHARS);
      infos = ms_store_search (store, text, &filter, o.limit > 0 ? (guint) o.limit : 50, &error);
    }
  else
    infos = ms_store_list (store, &filter, &error);
  if (infos == NULL)
    return _ms_cli_fail (command, error);
  _ms_cli_print_results (infos, json, cut);
  return MS_CLI_OK;
}

int
_ms_cli_list (const MsCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  return list_sheets (globals, "list", FALSE, argc, argv);
}

int
_ms_cli_search (const MsCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  return list_sheets (globals, "search", TRUE, argc, argv);
}

/* audit {{{1 */

int
_ms_cli_audit (const MsCliGlobals *globals,
               int                 argc,
               char              **argv)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0;

  if (!_ms_cli_parse_options ("audit", NULL, &argc, &argv))
    return MS_CLI_USAGE;
  if (argc != 2 || strcmp (argv[1], "verify") != 0)
    {
      _ms_cli_error (_("audit: give “verify”"));
      return MS_CLI_USAGE;
    }
  if (!(store = _ms_cli_open_store (globals, &error)))
    return _ms_cli_fail ("audit verify", error);
  if (!ms_store_verify_audit (store, &n_entries, &error))
    {
      if (!g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT))
        return _ms_cli_fail ("audit verify", error);
      _ms_cli_print_line (_("Audit log broken: %s\n"), error->message);
      return MS_CLI_PROBLEMS;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Audit log intact: %d entry\n", "Audit log intact: %d entries\n",
                        (gulong) n_entries),
           (int) n_entries);
  return MS_CLI_OK;
}

/* vim: set foldmethod=marker: */
