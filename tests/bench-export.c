/* bench-export.c — a real export of 10,000 and 100,000 sheets from a catalog
 *
 * Not a test. Fills a catalog with synthetic sheets (`masatir-cli generate
 * --seed 1`'s, from ms_generate_sheet ()) through the store API,
 * then marks them approved by SQL, with a submission and an approval
 * appended to the audit log for each, chained as the store chains them
 * (audit-forge.h): a benchmark-only shortcut (200,000 durable workflow
 * transactions would measure fsync, and the workflow has its own tests)
 * that leaves the log an export checks as long as a real one. Then times the real `masatir-cli export`
 * (which publishes them all) and `masatir-cli verify`, next to the hashing
 * floor (`openssl dgst -sha256`, which uses the CPU's SHA extensions, and
 * sha256sum, which does not), build-aux/verify-bundle.py and the Node.js peer
 * build-aux/verify-bundle.mjs (issue 15's reference: verify at least 2x
 * faster), with each command's peak RSS, and when each step of one more
 * export ended. Besides its table it prints BENCH lines (issue 15's
 * format, build-aux/dev bench gathers them) with the targets.
 *
 *   bench-export [N...]    (default 10000 100000)
 *
 * The Python verifier runs only up to 10,000 sheets (at 100,000 it takes
 * over two minutes and 4 GiB); MASATIR_BENCH_PYTHON=1 runs it at every
 * size.
 *
 * Each figure is the median of three runs, the catalog put back as it was
 * before each export (catalog-N.approved.db). MASATIR_BENCH_KEEP=1 keeps
 * the temporary folder, to run the export again under strace or perf.
 *
 * Needs MASATIR_CLI and MASATIR_DATADIR, as the tests do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* wait4 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit-forge.h"
#include "ms-generate.h"
#include "ms-sqlite-store.h"
#include "test-util.h"

#define BATCH    1000
#define ISSUER   "ma.bench"
#define KID      "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
#define A4_JWK   "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"," \
                 "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"," \
                 "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"

typedef struct {
  double seconds;
  double peak_mib;
} Timing;

/* Runs @argv (a NULL-terminated list), its time and peak RSS. */
static Timing
timed (const char * const *argv)
{
  struct rusage usage;
  GPid pid;
  int status;
  gint64 start = g_get_monotonic_time ();
  Timing t;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                      | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, NULL))
    g_error ("cannot run %s", argv[0]);
  wait4 (pid, &status, 0, &usage);
  t.seconds = (g_get_monotonic_time () - start) / 1e6;
  t.peak_mib = usage.ru_maxrss / 1024.0;
  if ((!WIFEXITED (status) || WEXITSTATUS (status) != 0) && g_getenv ("MASATIR_EXPORT_FAIL_AT") == NULL)
    g_printerr ("failed (%d): %s\n", status, argv[0]);
  return t;
}

#define SEED 1

static void
fill_catalog (const char *path,
              guint       n)
{
  g_autoptr(MsSqliteStore) store = ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, NULL);
  g_autoptr(GError) error = NULL;
  MsUser bench = { (char *) "bench", (char *) "Bench", MS_ROLE_ALL };
  MsUser reviewer = { (char *) "reviewer", (char *) "Reviewer", MS_ROLE_REVIEWER };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  g_assert_nonnull (store);
  g_assert_true (ms_sqlite_store_set_issuer (store, ISSUER, NULL));
  g_assert_true (ms_store_add_user (MS_STORE (store), "bench", &bench, NULL));
  g_assert_true (ms_store_add_user (MS_STORE (store), "bench", &reviewer, NULL));
  for (guint done = 0; done < n; done += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) items = NULL;

      for (guint i = done; i < MIN (n, done + BATCH); i++)
        {
          g_autofree char *json = ms_generate_sheet (SEED, i, NULL);
          MsProcedure *p = ms_procedure_new_from_data (json, -1, &error);

          g_assert_no_error (error);
          g_ptr_array_add (batch, p);
        }
      items = ms_store_import (MS_STORE (store), "bench", batch, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  /* Benchmark-only: approved without the workflow's transactions (see above). */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT s.id, r.sha256 FROM sheets s JOIN revisions r"
                                       " ON r.sheet = s.num AND r.number = s.head ORDER BY s.num", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (shas, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < ids->len; i++)
    {
      MsAuditEntry e = {
        .time = (char *) "2025-03-01T10:00:00Z", .actor = (char *) "bench", .action = (char *) "submit",
        .sheet_id = ids->pdata[i], .revision = 1, .sha256 = shas->pdata[i],
        .from_state = (char *) "draft", .to_state = (char *) "in_review",
      };

      forge_audit_append (db, &e);
      e.actor = (char *) "reviewer";
      e.action = (char *) "approve";
      e.from_state = (char *) "in_review";
      e.to_state = (char *) "approved";
      forge_audit_append (db, &e);
    }
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sheets SET state = 'approved', submitted_by = 'bench',"
                                     " approved_by = 'reviewer', approved_sha = (SELECT sha256 FROM revisions r"
                                     " WHERE r.sheet = sheets.num AND r.number = sheets.head); COMMIT",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Copies @from over @to and flushes everything to the disk, so that the
 * next run does not pay for the copy's write-back. */
static void
restore (const char *from,
         const char *to)
{
  test_copy_file (from, to);
  sync ();
}

static int
by_seconds (gconstpointer a,
            gconstpointer b)
{
  double x = ((const Timing *) a)->seconds, y = ((const Timing *) b)->seconds;

  return (x > y) - (x < y);
}

#define RUNS 3

/* Where the time goes, in one more export: when each step ended, as the
 * export tells under G_MESSAGES_DEBUG. Steps overlap: the key is unsealed
 * while the set is read and the entries built, the file flushed while it
 * is read back, the catalog's transaction prepared while the file is
 * written and verified. */
static void
print_steps (const char * const *argv,
             const char         *approved,
             const char         *db)
{
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG", "masatir-cli ms-export", TRUE);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  /* GLib writes debug messages to the standard output. */
  restore (approved, db);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, NULL))
    g_error ("cannot run %s", argv[0]);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *step = strstr (lines[i], "export: ");

      if (step != NULL)
        g_print ("  %s\n", step);
    }
}

/* `node --version`, without its newline; "?" without node. */
static const char *
node_version (void)
{
  static char *version = NULL;

  if (version == NULL && (!g_spawn_command_line_sync ("node --version", &version, NULL, NULL, NULL)
                          || version == NULL))
    version = g_strdup ("?");
  return g_strstrip (version);
}

/* The median of RUNS runs of @argv (with @db restored from @approved
 * before each, when given); the peak RSS is the largest. */
static Timing
median (const char * const *argv,
        const char         *approved,
        const char         *db)
{
  Timing t[RUNS];
  double peak = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      if (approved != NULL)
        restore (approved, db);
      t[i] = timed (argv);
      peak = MAX (peak, t[i].peak_mib);
    }
  qsort (t, RUNS, sizeof t[0], by_seconds);
  t[RUNS / 2].peak_mib = peak;
  return t[RUNS / 2];
}

static void
bench (guint       n,
       const char *dir)
{
  g_autofree char *db = g_strdup_printf ("%s/catalog-%u.db", dir, n);
  g_autofree char *approved = g_strdup_printf ("%s/catalog-%u.approved.db", dir, n);
  g_autofree char *out = g_strdup_printf ("%s/bench-%u.bundle", dir, n);
  g_autofree char *trust = g_build_filename (dir, "trust.json", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("MASATIR_DATADIR"), "..", "build-aux",
                                              "verify-bundle.py", NULL);
  g_autofree char *node_script = g_build_filename (g_getenv ("MASATIR_DATADIR"), "..", "build-aux",
                                                   "verify-bundle.mjs", NULL);
  const char *cli = g_getenv ("MASATIR_CLI");
  const char *export_argv[] = { cli, "--db", db, "--as", "bench", "export", "--key", KID, "--out", out, NULL };
  const char *verify_argv[] = { cli, "verify", "--trust", trust, out, NULL };
  const char *sha_argv[] = { "sha256sum", out, NULL };
  const char *openssl_argv[] = { "openssl", "dgst", "-sha256", out, NULL };
  const char *python_argv[] = { "python3", script, "--trust", trust, out, NULL };
  const char *node_argv[] = { "node", node_script, "--trust", trust, out, NULL };
  Timing t_export, t_verify, t_sha, t_openssl, t_python = { 0 }, t_node;
  gboolean with_python;
  gint64 start = g_get_monotonic_time ();
  GStatBuf st;
  double mb;

  fill_catalog (db, n);
  g_print ("%u sheets: catalog filled in %.1f s; medians of %d runs\n", n,
           (g_get_monotonic_time () - start) / 1e6, RUNS);
  restore (db, approved);
  print_steps (export_argv, approved, db);
  t_export = median (export_argv, approved, db);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  mb = st.st_size / 1e6;
  t_sha = median (sha_argv, NULL, NULL);
  t_openssl = median (openssl_argv, NULL, NULL);
  t_verify = median (verify_argv, NULL, NULL);
  t_node = median (node_argv, NULL, NULL);
  with_python = n <= 10000 || g_getenv ("MASATIR_BENCH_PYTHON") != NULL;
  if (with_python)
    t_python = timed (python_argv);

  g_print ("  file %.1f MB\n", mb);
  g_print ("  export          %6.2f s (%4.0f MB/s) = %4.1fx openssl dgst = %4.1fx sha256sum, peak %.0f MiB\n",
           t_export.seconds, mb / t_export.seconds, t_export.seconds / t_openssl.seconds,
           t_export.seconds / t_sha.seconds, t_export.peak_mib);
  g_print ("  verify          %6.2f s (%4.0f MB/s) = %4.1fx openssl dgst = %4.1fx sha256sum, peak %.0f MiB\n",
           t_verify.seconds, mb / t_verify.seconds, t_verify.seconds / t_openssl.seconds,
           t_verify.seconds / t_sha.seconds, t_verify.peak_mib);
  if (with_python)
    g_print ("                  %.1fx faster than Python\n", t_python.seconds / t_verify.seconds);
  g_print ("                  %.2fx faster than the Node verifier (target: 2x)\n", t_node.seconds / t_verify.seconds);
  g_print ("  openssl dgst    %6.2f s (%4.0f MB/s)\n", t_openssl.seconds, mb / t_openssl.seconds);
  g_print ("  sha256sum       %6.2f s (%4.0f MB/s)\n", t_sha.seconds, mb / t_sha.seconds);
  g_print ("  verify-bundle.mjs %4.2f s (%4.0f MB/s), peak %.0f MiB (Node %s)\n", t_node.seconds, mb / t_node.seconds,
           t_node.peak_mib, node_version ());
  if (with_python)
    g_print ("  verify-bundle.py %5.2f s, peak %.0f MiB\n", t_python.seconds, t_python.peak_mib);
  else
    g_print ("  verify-bundle.py not run above 10,000 sheets (MASATIR_BENCH_PYTHON=1 runs it)\n");

  /* Peaks in MB of 10^6 bytes, as the file. */
  g_print ("BENCH %u export.s %.3f s\n", n, t_export.seconds);
  g_print ("BENCH %u export.ratio_openssl %.2f x < 3\n", n, t_export.seconds / t_openssl.seconds);
  g_print ("BENCH %u export.peak_mb %.0f MB\n", n, t_export.peak_mib * 1.048576);
  g_print ("BENCH %u export.peak_ratio_bundle %.2f x < 2\n", n, t_export.peak_mib * 1.048576 / mb);
  g_print ("BENCH %u verify.s %.3f s\n", n, t_verify.seconds);
  g_print ("BENCH %u verify.ratio_openssl %.2f x < 4\n", n, t_verify.seconds / t_openssl.seconds);
  /* How many times faster than the Node verifier. */
  g_print ("BENCH %u verify.ratio_node %.2f x >= 2\n", n, t_node.seconds / t_verify.seconds);
  if (with_python)
    g_print ("BENCH %u verify.ratio_python %.2f x\n", n, t_python.seconds / t_verify.seconds);
  g_print ("BENCH %u verify.peak_mb %.0f MB\n", n, t_verify.peak_mib * 1.048576);
  g_print ("BENCH %u verify.peak_ratio_bundle %.2f x < 2\n", n, t_verify.peak_mib * 1.048576 / mb);
  g_print ("BENCH %u openssl.s %.3f s\n", n, t_openssl.seconds);
  g_print ("BENCH %u node.s %.3f s\n", n, t_node.seconds);
  if (with_python)
    g_print ("BENCH %u python.s %.3f s\n", n, t_python.seconds);
  g_unlink (out);
  if (g_getenv ("MASATIR_BENCH_KEEP") == NULL)
    {
      g_unlink (approved);
      g_unlink (db);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-export-XXXXXX", NULL);
  g_autofree char *keys = g_build_filename (dir, "keys", NULL);
  g_autofree char *jwk = g_build_filename (dir, "a4.jwk", NULL);
  g_autofree char *trust = g_build_filename (dir, "trust.json", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf %s", dir);
  const char *import_argv[] = { g_getenv ("MASATIR_CLI"), "keys", "import", jwk, NULL };

  if (g_getenv ("MASATIR_CLI") == NULL || g_getenv ("MASATIR_DATADIR") == NULL)
    g_error ("set MASATIR_CLI and MASATIR_DATADIR");
  g_setenv ("MASATIR_KEYS_DIR", keys, TRUE);
  g_setenv ("MASATIR_KEYS_FAST_KDF", "1", TRUE);
  g_setenv ("MASATIR_PASSPHRASE", "bench", TRUE);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_file_set_contents (jwk, A4_JWK, -1, NULL));
  g_assert_true (g_file_set_contents (trust, "{\"threshold\":1,\"keys\":{\"" KID "\":{\"kty\":\"OKP\","
                                      "\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\","
                                      "\"issuer\":\"" ISSUER "\"}}}", -1, NULL));
  timed (import_argv);

  for (int i = 1; i < argc; i++)
    bench ((guint) g_ascii_strtoull (argv[i], NULL, 10), dir);
  if (argc == 1)
    {
      bench (10000, dir);
      bench (100000, dir);
    }
  if (g_getenv ("MASATIR_BENCH_KEEP") != NULL)
    g_print ("kept %s\n", dir);
  else
    g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  return 0;
}
