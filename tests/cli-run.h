/* cli-run.h — running masatir-cli ($MASATIR_CLI) from a test
 *
 * Shared by every test of a masatir-cli command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <string.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Appends the NULL-terminated @ap to @args. */
static inline void
cli_args_add_valist (GPtrArray  *args,
                     const char *first,
                     va_list     ap)
{
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
}

/* Runs masatir-cli with @args (not including the program); the exit status
 * and both outputs end up in @run, replacing what it held. */
static inline void
run_cli_args (Run       *run,
              GPtrArray *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("MASATIR_CLI"));
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  /* A crash says which command, with what it printed: it was seen once,
   * under load, and could not be reproduced. */
  if (!g_subprocess_get_if_exited (proc))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv->pdata + 1);

      g_error ("masatir-cli %s was killed by signal %d; stderr: %s", command,
               g_subprocess_get_if_signaled (proc) ? g_subprocess_get_term_sig (proc) : -1,
               run->err != NULL ? run->err : "");
    }
  run->status = g_subprocess_get_exit_status (proc);
}

/* Runs masatir-cli with the NULL-terminated arguments. */
static inline void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  cli_args_add_valist (args, first, ap);
  va_end (ap);
  run_cli_args (run, args);
}

/* The passphrase of the keys the CLI tests make. */
#define CLI_PASSPHRASE "correct horse"

/* The test server's superuser conninfo on the PostgreSQL half of a CLI
 * suite (run under tests/pg-cluster.py), else NULL. */
static inline const char *
cli_pg (void)
{
  const char *conninfo = g_getenv ("MASATIR_TEST_PG");

  return conninfo != NULL && *conninfo != '\0' ? conninfo : NULL;
}

/* Runs @sql as the test server's superuser (psql), for a fresh catalog. */
static inline void
cli_pg_exec (const char *sql)
{
  const char *argv[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", cli_pg (), "-c", sql, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The environment masatir-cli reads, for a run as @actor on the catalog
 * @db with the keyring in DIR/keys (sealed with CLI_PASSPHRASE, the fast
 * KDF), without the export's test knobs an earlier run may have set. The
 * command inherits this process's environment. */
static inline void
cli_env_set (const char *dir,
             const char *db,
             const char *actor)
{
  g_autofree char *keys = g_build_filename (dir, "keys", NULL);

  /* On the PostgreSQL half (MASATIR_TEST_PG, tests/pg-cluster.py) the
   * catalog is the test server's and @actor its login: the server says
   * who acts, MASATIR_USER would be refused. */
  if (cli_pg () != NULL)
    {
      g_autofree char *conninfo = g_strdup_printf ("%s user=%s", cli_pg (), actor);

      g_setenv ("MASATIR_DB", conninfo, TRUE);
      g_unsetenv ("MASATIR_USER");
    }
  else
    {
      g_setenv ("MASATIR_DB", db, TRUE);
      g_setenv ("MASATIR_USER", actor, TRUE);
    }
  g_setenv ("MASATIR_KEYS_DIR", keys, TRUE);
  g_setenv ("MASATIR_KEYS_FAST_KDF", "1", TRUE);
  g_setenv ("MASATIR_PASSPHRASE", CLI_PASSPHRASE, TRUE);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_unsetenv ("MASATIR_EXPORT_FAIL_AT");
}

/* Fails the test unless @run exited with @status and, when @fragment is
 * not NULL, said @fragment on either output. */
static inline void
cli_expect (Run        *run,
            int         status,
            const char *fragment)
{
  if (run->status != status || (fragment != NULL && !strstr (run->out, fragment) && !strstr (run->err, fragment)))
    g_error ("expected status %d and “%s”; got %d\nstdout: %s\nstderr: %s", status,
             fragment != NULL ? fragment : "", run->status, run->out, run->err);
}

/* The path of the demo sheet @name (data/demo/NAME.json). */
static inline char *
cli_demo_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);

  return g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", file, NULL);
}

/* A new catalog @db of @issuer (keyring in DIR/keys, see cli_env_set) with
 * karim (publisher, admin), amina (editor) and youssef (reviewer). */
static inline void
cli_catalog_set_up (const char *dir,
                    const char *db,
                    const char *issuer)
{
  g_auto(Run) run = { 0 };

  if (cli_pg () != NULL)
    {
      /* A fresh schema, made by its owner (the test's superuser) with its
       * first admin; the logins are the cluster's. Only on pg-cluster.py's
       * throwaway cluster. */
      if (g_strcmp0 (g_getenv ("MASATIR_TEST_PG_THROWAWAY"), "1") != 0)
        g_error ("MASATIR_TEST_PG is not a throwaway cluster of tests/pg-cluster.py: its schema is not dropped");
      cli_pg_exec ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS masatir CASCADE;"
                   "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'karim') THEN"
                   " CREATE ROLE karim LOGIN; CREATE ROLE amina LOGIN; CREATE ROLE youssef LOGIN;"
                   " CREATE ROLE nobody LOGIN; END IF; END $$");
      run_cli (&run, "--db", cli_pg (), "init", NULL);
      cli_expect (&run, 0, NULL);
      run_cli (&run, "--db", cli_pg (), "users", "add", "karim", "--name", "Karim", "--roles", "publisher,admin",
               NULL);
      cli_expect (&run, 0, NULL);
      cli_env_set (dir, db, "karim");
      run_cli (&run, "init", "--issuer", issuer, NULL);
      cli_expect (&run, 0, NULL);
    }
  else
    {
      cli_env_set (dir, db, "karim");
      run_cli (&run, "init", "--issuer", issuer, NULL);
      cli_expect (&run, 0, NULL);
      run_cli (&run, "users", "add", "karim", "--name", "Karim", "--roles", "publisher,admin", NULL);
      cli_expect (&run, 0, NULL);
    }
  run_cli (&run, "users", "add", "amina", "--name", "Amina", "--roles", "editor", NULL);
  cli_expect (&run, 0, NULL);
  run_cli (&run, "users", "add", "youssef", "--name", "Youssef", "--roles", "reviewer", NULL);
  cli_expect (&run, 0, NULL);
}
