/* bench-store.c — import rate, search latency and size of the SQLite catalog
 *
 * bench-store [N...]   (default: 10000 100000 synthetic sheets)
 *
 * The sheets are `masatir-cli generate --count N --seed 1`, from the
 * benchmark cache (bench-util.h), imported as `masatir-cli import FILE`
 * does (ms_store_import_file_full: one transaction) into a new catalog in
 * the cache; then the same file again (every sheet unchanged). The catalog
 * is kept in the cache as catalog-N-seed-1-schema-V.db for the benchmarks
 * that need one. Wall-clock and CPU seconds (every thread: the import
 * computes on every core) are printed, and BENCH lines (bench-format.md).
 * The 200 queries mix short, common, inflected, Arabic and French words, law
 * numbers, query syntax as text, long queries (up to 2,000 words) and one
 * word repeated up to 50,000 times.
 *
 * Under tests/pg-cluster.py (MASATIR_TEST_PG set, its throwaway cluster),
 * the same on PostgreSQL: `tests/pg-cluster.py build/tests/bench-store 10000`
 * (the catalog is then not kept in the cache).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* clock_gettime (CLOCK_THREAD_CPUTIME_ID) under -std=c11 */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "ms-migrations.h"
#include "ms-pg-store.h"
#include "ms-sqlite-store.h"
#include "ms-store-import.h"

#define N_QUERIES 200
/* As src/app/ms-window-search.c asks. */
#define WINDOW_LIMIT 200

/* Mixed: short and common, inflected, both languages, law numbers, syntax
 * as text; the long and repeated-word queries are made by make_queries(). */
static const char * const queries[] = {
  "cert", "certificat", "certificats", "résidence", "permis construire", "autorisation", "passeport",
  "extrait", "شهادة", "شهاده السكني", "رخصة", "رخصه البناء", "جواز", "عقد", "العقود", "ce", "ش", "agri",
  "urbain provisoire", "commercial", "تسجيل", "immatriculation cnss", "casier judiciaire", "بطاقة",
  "البطاقة الوطنية", "للوفاة", "visa", "zzzz", "55-19", "2-20-660", "\"NEAR(a b)\" OR *", "l'acte de naissance",
  "légalisée", "وزارة الداخلية",
};

/* N_QUERIES queries: the fixed ones, then every fifth a long one (the
 * demo's words, 20 to 2,000 of them) or one word repeated up to 50,000 times. */
static GPtrArray *
make_queries (void)
{
  static const char * const long_words[] = {
    "certificat", "de", "résidence", "شهادة", "السكنى", "permis", "construire", "رخصة", "البناء",
    "passeport", "جواز", "السفر", "extrait", "acte", "naissance",
  };
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint q = 0; q < N_QUERIES; q++)
    {
      GString *text = g_string_new (NULL);

      if (q % 5 != 4)
        g_string_append (text, queries[q % G_N_ELEMENTS (queries)]);
      else if (q % 10 == 4)
        for (guint w = 0; w < 20u + (q * 37) % 2000; w++)
          g_string_append_printf (text, "%s ", long_words[(w * 7 + q) % G_N_ELEMENTS (long_words)]);
      else
        for (guint w = 0; w < 1u + (q * 997) % 50000; w++)
          g_string_append (text, q % 20 == 9 ? "شهادة " : "certificat ");
      g_ptr_array_add (list, g_string_free (text, FALSE));
    }
  return list;
}

/* CPU time of this thread, in ms (the store's calls run on it). */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* The bytes of the search index's tables (SQLite's dbstat, when built in). */
static gint64
index_size (MsSqliteStore *store)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", ms_sqlite_store_get_path (store));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 bytes = -1;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "SELECT sum (pgsize) FROM dbstat WHERE name LIKE 'sheet_text%'",
                             -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
}

/* The database's bytes and those of the search table and its index. */
static void
pg_sizes (const char *conninfo,
          gint64     *database,
          gint64     *index)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result = PQexec (conn, "SELECT pg_database_size (current_database ()),"
                                   " pg_total_relation_size ('masatir.sheet_search')");

  *database = *index = -1;
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    {
      *database = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      *index = g_ascii_strtoll (PQgetvalue (result, 0, 1), NULL, 10);
    }
  PQclear (result);
  PQfinish (conn);
}

/* CPU time of the process (every thread), in s. */
static double
process_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
remove_catalog (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* Imports @file as `masatir-cli import` does; its rate in sheets/s. */
static double
timed_import (MsStore    *store,
              const char *actor,
              const char *file,
              guint       n,
              const char *what,
              guint      *outcomes,
              double     *cpu_s)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  MsImportSummary summary = { 0 };
  gint64 start = g_get_monotonic_time ();
  double cpu = process_cpu_s ();
  double seconds;

  lines = ms_store_import_file_full (store, actor, file, MS_IMPORT_FORMAT_SHEETS, NULL, &summary, NULL, &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  cpu = process_cpu_s () - cpu;
  g_print ("%7u sheets: import, %s: %.0f sheets/s (%.1f s, CPU %.1f s on all threads); "
           "created %u, updated %u, unchanged %u\n",
           n, what, n / seconds, seconds, cpu, summary.created, summary.updated, summary.unchanged);
  *outcomes = summary.created + summary.updated + summary.unchanged;
  *cpu_s = cpu;
  return n / seconds;
}

static void
bench (guint n)
{
  g_autofree char *dir = bench_cache_dir ();
  g_autofree char *file = bench_generated_file (n, BENCH_SEED);
  g_autofree char *name = g_strdup_printf ("catalog-%u-seed-%d-schema-%d.db", n, BENCH_SEED, ms_migrations_latest ());
  g_autofree char *kept = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_strconcat (kept, ".new", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(MsSqliteStore) sqlite_store = NULL;
  g_autoptr(MsPgStore) pg_store = NULL;
  const char *pg = g_getenv ("MASATIR_TEST_PG");
  const char *actor = "bench";
  g_autoptr(GError) error = NULL;
  double latencies[N_QUERIES];
  double window_latencies[N_QUERIES];
  double cpu_latencies[N_QUERIES];
  double window_cpu[N_QUERIES];
  g_autoptr(GPtrArray) texts = make_queries ();
  MsUser admin = { (char *) "bench", (char *) "Bench", MS_ROLE_ALL };
  MsStore *store;
  gint64 start;
  guint total_hits = 0;
  gint64 index_bytes, database_bytes;
  double rate, unchanged_rate, db_mb, import_cpu, unchanged_cpu;
  guint outcomes;

  if (pg != NULL)
    {
      /* A fresh schema on pg-cluster.py's cluster, the login as "bench". */
      PGconn *conn = PQconnectdb (pg);

      if (g_strcmp0 (g_getenv ("MASATIR_TEST_PG_THROWAWAY"), "1") != 0)
        g_error ("MASATIR_TEST_PG is not a throwaway cluster of tests/pg-cluster.py");
      PQclear (PQexec (conn, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS masatir CASCADE"));
      PQfinish (conn);
      pg_store = ms_pg_store_open (pg, &error);
      g_assert_no_error (error);
      store = MS_STORE (pg_store);
      actor = ms_pg_store_get_login (pg_store);
      admin.login = (char *) actor;
    }
  else
    {
      remove_catalog (path);
      sqlite_store = ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, &error);
      g_assert_no_error (error);
      store = MS_STORE (sqlite_store);
    }
  ms_store_add_user (store, actor, &admin, &error);
  g_assert_no_error (error);

  rate = timed_import (store, actor, file, n, "new catalog", &outcomes, &import_cpu);
  g_assert_cmpuint (outcomes, ==, n);
  unchanged_rate = timed_import (store, actor, file, n, "again (unchanged)", &outcomes, &unchanged_cpu);
  g_assert_cmpuint (outcomes, ==, n);

  for (guint q = 0; q < N_QUERIES; q++)
    {
      g_autoptr(GPtrArray) found = NULL;

      double cpu = cpu_ms ();

      start = g_get_monotonic_time ();
      found = ms_store_search (store, g_ptr_array_index (texts, q), NULL, 50, &error);
      latencies[q] = (g_get_monotonic_time () - start) / 1000.0;
      cpu_latencies[q] = cpu_ms () - cpu;
      g_assert_no_error (error);
      total_hits += found->len;
    }
  qsort (latencies, N_QUERIES, sizeof (double), compare_doubles);
  qsort (cpu_latencies, N_QUERIES, sizeof (double), compare_doubles);
  /* The window asks for more results (WINDOW_SEARCH_LIMIT, each with its
   * snippet). */
  for (guint q = 0; q < N_QUERIES; q++)
    {
      g_autoptr(GPtrArray) found = NULL;

      double cpu = cpu_ms ();

      start = g_get_monotonic_time ();
      found = ms_store_search (store, g_ptr_array_index (texts, q), NULL, WINDOW_LIMIT, &error);
      window_latencies[q] = (g_get_monotonic_time () - start) / 1000.0;
      window_cpu[q] = cpu_ms () - cpu;
      g_assert_no_error (error);
    }
  qsort (window_latencies, N_QUERIES, sizeof (double), compare_doubles);
  qsort (window_cpu, N_QUERIES, sizeof (double), compare_doubles);

  if (pg_store != NULL)
    {
      pg_sizes (pg, &database_bytes, &index_bytes);
      g_print ("PostgreSQL:\n");
    }
  else
    {
      index_bytes = index_size (sqlite_store);
      g_clear_object (&sqlite_store);   /* checkpoints the write-ahead log */
      database_bytes = file_size (path) + file_size (wal);
    }
  db_mb = database_bytes / 1e6;
  g_print ("%7u sheets: search over %d queries: median %.2f ms, "
           "p95 %.2f ms, max %.2f ms (%.1f hits/query); database %.1f MB, search index %.1f MB\n",
           n, N_QUERIES, latencies[N_QUERIES / 2], latencies[N_QUERIES * 95 / 100], latencies[N_QUERIES - 1],
           total_hits / (double) N_QUERIES, db_mb, index_bytes / 1e6);
  /* On a machine shared with other work, the wall clock says more about
   * the others than about the search: the CPU time it took too. */
  g_print ("%7u sheets: search CPU time per query: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
           n, cpu_latencies[N_QUERIES / 2], cpu_latencies[N_QUERIES * 95 / 100], cpu_latencies[N_QUERIES - 1]);
  g_print ("%7u sheets: the window's search (up to %d results): median %.2f ms, p95 %.2f ms, max %.2f ms; "
           "CPU time median %.2f ms, p95 %.2f ms\n",
           n, WINDOW_LIMIT, window_latencies[N_QUERIES / 2], window_latencies[N_QUERIES * 95 / 100],
           window_latencies[N_QUERIES - 1], window_cpu[N_QUERIES / 2], window_cpu[N_QUERIES * 95 / 100]);

  bench_line (n, "import.sheets_per_s", rate, "per_s", ">= 5000");
  bench_line (n, "import.cpu_s", import_cpu, "s", NULL);
  bench_line (n, "import.unchanged_sheets_per_s", unchanged_rate, "per_s", NULL);
  bench_line (n, "import.unchanged_cpu_s", unchanged_cpu, "s", NULL);
  bench_line (n, "search.median_ms", latencies[N_QUERIES / 2], "ms", NULL);
  bench_line (n, "search.p95_ms", latencies[N_QUERIES * 95 / 100], "ms", NULL);
  bench_line (n, "search.max_ms", latencies[N_QUERIES - 1], "ms", "< 50");
  bench_line (n, "search.window_p95_ms", window_latencies[N_QUERIES * 95 / 100], "ms", NULL);
  bench_line (n, "catalog.mb", db_mb, "MB", NULL);

  /* Kept for the benchmarks that need a catalog of these sheets. */
  if (pg_store != NULL)
    return;
  remove_catalog (kept);
  if (g_rename (path, kept) != 0)
    g_error ("cannot keep %s: %s", kept, g_strerror (errno));
  g_remove (wal);
  g_remove (shm);
}

int
main (int    argc,
      char **argv)
{
  if (argc < 2)
    {
      bench (10000);
      bench (100000);
      return 0;
    }
  for (int i = 1; i < argc; i++)
    bench ((guint) g_ascii_strtoull (argv[i], NULL, 10));
  return 0;
}
