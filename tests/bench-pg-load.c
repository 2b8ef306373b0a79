/* bench-pg-load.c — many people on one PostgreSQL catalog (issue 16 item 4)
 *
 *   tests/pg-cluster.py build/tests/bench-pg-load [SECONDS [SHEETS]]
 *
 * A benchmark, not a test: 8 editors and 2 reviewers, each a login of its
 * own on its own connection and thread, work for SECONDS (default 60) on
 * SHEETS synthetic sheets (default 24, masatir-cli generate's, seed 1) on
 * the loopback server pg-cluster.py starts. An editor reads a sheet,
 * thinks for up to 3 ms, saves a change from the revision it read — a
 * conflict when someone saved meanwhile — and submits one save in four; a
 * reviewer approves what is in review, or sends one in five back. At the
 * end it checks what the issue asks: no lost update (every acknowledged
 * save is the revision it was acknowledged as, with its hash, and the log
 * has exactly one edit entry per save and one approval per approval),
 * the audit log verifies, and its chain has one head (contiguous
 * sequence numbers, every entry's hash the next one's prev). Prints the
 * figures, and BENCH lines (/work/briefs/bench-format.md); exits 1 when a
 * check fails, 77 without a server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-generate.h"
#include "ms-store-error.h"
#include "store-fixture.h"

#define N_EDITORS   8
#define N_REVIEWERS 2

typedef struct {
  char   *id;
  gint64  revision;
  char   *sha256;
} Ack;

static void
ack_free (Ack *ack)
{
  g_free (ack->id);
  g_free (ack->sha256);
  g_free (ack);
}

typedef struct {
  char       *login;
  gboolean    reviewer;
  GPtrArray  *ids;          /* shared, read only */
  gint64      deadline;     /* monotonic µs */
  GRand      *rand;
  GPtrArray  *acks;         /* Ack*: every save acknowledged */
  GArray     *latencies;    /* double ms, of saves and transitions */
  guint       saves, conflicts, refused, submits, approvals, requests;
  char       *failure;      /* an error no client should see */
} Worker;

/* Refusals people meet under load: someone saved or moved the sheet
 * meanwhile, or the workflow does not allow it (a faulty sheet submitted,
 * a sheet no longer in review). Anything else is a failure. */
static gboolean
expected_refusal (const GError *error)
{
  return g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT)
         || g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED)
         || g_error_matches (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
}

static void
record_latency (Worker *w,
                gint64  start)
{
  double ms = (double) (g_get_monotonic_time () - start) / 1000.0;

  g_array_append_val (w->latencies, ms);
}

static void
edit_once (Worker  *w,
           MsStore *store,
           guint    n)
{
  const char *id = g_ptr_array_index (w->ids, g_rand_int_range (w->rand, 0, (gint32) w->ids->len));
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsSheetInfo) saved = NULL;
  g_autoptr(MsProcedure) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 start;

  if (!(sheet = ms_store_get_sheet (store, id, 0, &info, &error)))
    {
      w->failure = g_strdup_printf ("%s: reading %s: %s", w->login, id, error->message);
      return;
    }
  summary = g_strdup_printf ("Mise à jour %u de %s — تحديث %u", n, w->login, n);
  ms_localized_set (sheet->summary, MS_LANG_FR, summary);
  ms_procedure_changed (sheet);
  /* Thinking: another editor may save meanwhile. */
  g_usleep ((gulong) g_rand_int_range (w->rand, 0, 3000));
  start = g_get_monotonic_time ();
  if (!(saved = ms_store_save (store, w->login, sheet, info->revision, &error)))
    {
      if (!expected_refusal (error))
        w->failure = g_strdup_printf ("%s: saving %s: %s", w->login, id, error->message);
      else if (g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT))
        w->conflicts++;
      else
        w->refused++;
      return;
    }
  record_latency (w, start);
  {
    Ack *ack = g_new0 (Ack, 1);

    ack->id = g_strdup (saved->id);
    ack->revision = saved->revision;
    ack->sha256 = g_strdup (saved->sha256);
    g_ptr_array_add (w->acks, ack);
  }
  w->saves++;
  if (g_rand_int_range (w->rand, 0, 4) == 0)
    {
      g_autoptr(MsSheetInfo) submitted = ms_store_transition (store, w->login, id, MS_ACTION_SUBMIT, NULL, &error);

      if (submitted != NULL)
        w->submits++;
      else if (expected_refusal (error))
        w->refused++;
      else
        w->failure = g_strdup_printf ("%s: submitting %s: %s", w->login, id, error->message);
    }
}

static void
review_once (Worker  *w,
             MsStore *store)
{
  MsStoreFilter filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) in_review = NULL;
  g_autoptr(MsSheetInfo) done = NULL;
  g_autoptr(GError) error = NULL;
  gboolean approve = g_rand_int_range (w->rand, 0, 5) != 0;
  MsSheetInfo *info;
  gint64 start;

  filter.state = MS_STATE_IN_REVIEW;
  if (!(in_review = ms_store_list (store, &filter, &error)))
    {
      w->failure = g_strdup_printf ("%s: listing: %s", w->login, error->message);
      return;
    }
  if (in_review->len == 0)
    {
      g_usleep (2000);
      return;
    }
  info = g_ptr_array_index (in_review, g_rand_int_range (w->rand, 0, (gint32) in_review->len));
  start = g_get_monotonic_time ();
  done = ms_store_transition (store, w->login, info->id, approve ? MS_ACTION_APPROVE : MS_ACTION_REQUEST_CHANGES,
                              approve ? NULL : "À revoir / يرجى المراجعة", &error);
  if (done == NULL)
    {
      if (expected_refusal (error))
        w->refused++;
      else
        w->failure = g_strdup_printf ("%s: reviewing %s: %s", w->login, info->id, error->message);
      return;
    }
  record_latency (w, start);
  if (approve)
    w->approvals++;
  else
    w->requests++;
}

static gpointer
work (gpointer data)
{
  Worker *w = data;
  g_autofree char *conninfo = store_pg_conninfo_as (w->login);
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Each person on a connection of their own, as their own login. */
  if (!(store = ms_store_open_uri (conninfo, FALSE, &error)))
    {
      w->failure = g_strdup_printf ("%s: %s", w->login, error->message);
      return NULL;
    }
  for (guint n = 1; w->failure == NULL && g_get_monotonic_time () < w->deadline; n++)
    {
      if (w->reviewer)
        review_once (w, store);
      else
        edit_once (w, store, n);
    }
  return NULL;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One number, as the cluster's superuser. */
static gint64
pg_number (const char *sql)
{
  PGconn *conn = PQconnectdb (store_fixture_pg ());
  PGresult *result = PQexec (conn, sql);
  gint64 n = -1;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 && !PQgetisnull (result, 0, 0))
    n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  else
    g_printerr ("bench-pg-load: %s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
  return n;
}

static gboolean
check (gboolean    ok,
       const char *what)
{
  g_print ("%s %s\n", ok ? "ok    " : "FAILED", what);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  guint seconds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60;
  guint n_sheets = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 24;
  StoreFixtureUser users[N_EDITORS + N_REVIEWERS + 1] = { { NULL } };
  g_autoptr(GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  Worker workers[N_EDITORS + N_REVIEWERS] = { { NULL } };
  GThread *threads[N_EDITORS + N_REVIEWERS];
  guint saves = 0, conflicts = 0, refused = 0, submits = 0, approvals = 0, requests = 0;
  guint lost = 0;
  gint64 n_entries = 0, started, elapsed_us;
  gboolean ok = TRUE;
  double elapsed, p50 = 0, p95 = 0;

  if (store_fixture_pg () == NULL)
    {
      g_printerr ("bench-pg-load: NOT RUN: MASATIR_TEST_PG is not set (run it under tests/pg-cluster.py)\n");
      return 77;
    }
  if (seconds == 0 || n_sheets == 0)
    {
      g_printerr ("usage: bench-pg-load [SECONDS [SHEETS]]\n");
      return 2;
    }

  /* The people: editors ed1…, reviewers rv1…, each a login of the cluster. */
  for (guint i = 0; i < N_EDITORS + N_REVIEWERS; i++)
    {
      char *login = i < N_EDITORS ? g_strdup_printf ("ed%u", i + 1) : g_strdup_printf ("rv%u", i - N_EDITORS + 1);

      g_ptr_array_add (logins, login);
      users[i].login = login;
      users[i].roles = i < N_EDITORS ? MS_ROLE_EDITOR : MS_ROLE_REVIEWER;
    }
  store = store_fixture_open_pg (users);
  for (guint i = 0; i < N_EDITORS + N_REVIEWERS; i++)
    store_add_user (store, "admin", users[i].login, users[i].roles);
  for (guint n = 0; n < n_sheets; n++)
    {
      g_autofree char *json = ms_generate_sheet (1, n, NULL);
      MsProcedure *sheet = ms_procedure_new_from_data (json, -1, &error);

      g_assert_no_error (error);
      g_ptr_array_add (sheets, sheet);
      g_ptr_array_add (ids, g_strdup (sheet->id));
    }
  imported = ms_store_import (store, "ed1", sheets, &error);
  g_assert_no_error (error);

  g_print ("bench-pg-load: %d editors and %d reviewers on %u sheets for %u s\n", N_EDITORS, N_REVIEWERS,
           n_sheets, seconds);
  started = g_get_monotonic_time ();
  for (guint i = 0; i < N_EDITORS + N_REVIEWERS; i++)
    {
      Worker *w = &workers[i];

      w->login = g_strdup (users[i].login);
      w->reviewer = i >= N_EDITORS;
      w->ids = ids;
      w->deadline = started + (gint64) seconds * G_USEC_PER_SEC;
      w->rand = g_rand_new_with_seed (1000 + i);
      w->acks = g_ptr_array_new_with_free_func ((GDestroyNotify) ack_free);
      w->latencies = g_array_new (FALSE, FALSE, sizeof (double));
      threads[i] = g_thread_new (w->login, work, w);
    }
  for (guint i = 0; i < N_EDITORS + N_REVIEWERS; i++)
    g_thread_join (threads[i]);
  elapsed_us = g_get_monotonic_time () - started;
  elapsed = (double) elapsed_us / G_USEC_PER_SEC;

  for (guint i = 0; i < N_EDITORS + N_REVIEWERS; i++)
    {
      Worker *w = &workers[i];

      saves += w->saves;
      conflicts += w->conflicts;
      refused += w->refused;
      submits += w->submits;
      approvals += w->approvals;
      requests += w->requests;
      g_array_append_vals (latencies, w->latencies->data, w->latencies->len);
      ok &= check (w->failure == NULL, w->failure != NULL ? w->failure : w->login);
    }

  /* No lost update: every acknowledged save is there, as acknowledged. */
  for (guint i = 0; i < N_EDITORS; i++)
    for (guint a = 0; a < workers[i].acks->len; a++)
      {
        Ack *ack = g_ptr_array_index (workers[i].acks, a);
        GPtrArray *list = g_hash_table_lookup (revisions, ack->id);
        gboolean found = FALSE;

        if (list == NULL)
          {
            list = ms_store_revisions (store, ack->id, &error);
            g_assert_no_error (error);
            g_hash_table_insert (revisions, g_strdup (ack->id), list);
          }
        for (guint r = 0; r < list->len && !found; r++)
          {
            MsRevisionInfo *rev = g_ptr_array_index (list, r);

            found = rev->number == ack->revision && strcmp (rev->sha256, ack->sha256) == 0
                    && strcmp (rev->author, workers[i].login) == 0;
          }
        lost += !found;
      }
  ok &= check (lost == 0, "no lost update: every acknowledged save is its revision, with its hash and author");
  ok &= check (pg_number ("SELECT count (*) FROM masatir.audit WHERE action = 'edit'") == saves,
               "one edit entry in the audit log per acknowledged save");
  ok &= check (pg_number ("SELECT count (*) FROM masatir.revisions") == (gint64) (saves + n_sheets),
               "no revision but the imported ones and the acknowledged saves");
  ok &= check (pg_number ("SELECT count (*) FROM masatir.audit WHERE action = 'approve'") == approvals,
               "one approve entry per acknowledged approval");
  ok &= check (ms_store_verify_audit (store, &n_entries, &error), error != NULL ? error->message : "audit verify");
  ok &= check (pg_number ("SELECT count (*) FROM masatir.audit a WHERE NOT EXISTS"
                          " (SELECT 1 FROM masatir.audit b WHERE b.prev = a.hash)") == 1
               && pg_number ("SELECT count (*) FROM masatir.audit") == pg_number ("SELECT max (seq) FROM masatir.audit")
               && pg_number ("SELECT count (*) FROM masatir.audit a JOIN masatir.audit_head h ON h.hash = a.hash"
                             " AND h.seq = a.seq") == 1,
               "one head: contiguous sequence numbers, one chain ending at the recorded head");

  g_array_sort (latencies, compare_double);
  if (latencies->len > 0)
    {
      p50 = g_array_index (latencies, double, latencies->len / 2);
      p95 = g_array_index (latencies, double, MIN (latencies->len - 1, latencies->len * 95 / 100));
    }
  g_print ("%.1f s: %u saves (%.1f/s), %u conflicts, %u submitted, %u approved, %u sent back, %u refused "
           "by the workflow; %" G_GINT64_FORMAT " audit entries; write latency median %.1f ms, p95 %.1f ms\n",
           elapsed, saves, saves / elapsed, conflicts, submits, approvals, requests, refused, n_entries, p50, p95);
  g_print ("BENCH - pg.saves_per_s %.1f per_s\n", saves / elapsed);
  g_print ("BENCH - pg.approvals_per_s %.1f per_s\n", approvals / elapsed);
  g_print ("BENCH - pg.conflicts_per_s %.1f per_s\n", conflicts / elapsed);
  g_print ("BENCH - pg.write_median_ms %.1f ms\n", p50);
  g_print ("BENCH - pg.write_p95_ms %.1f ms\n", p95);

  for (guint i = 0; i < N_EDITORS + N_REVIEWERS; i++)
    {
      g_free (workers[i].login);
      g_rand_free (workers[i].rand);
      g_ptr_array_unref (workers[i].acks);
      g_array_unref (workers[i].latencies);
      g_free (workers[i].failure);
    }
  g_print ("%s\n", ok ? "All checks passed." : "SOME CHECKS FAILED.");
  return ok ? 0 : 1;
}
