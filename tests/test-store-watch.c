/* test-store-watch.c — a store says when someone else changed the catalog
 * (ms_store_watch, issue 11 item 9)
 *
 * Two stores on one catalog stand for two programs (two MsSqliteStore on
 * one file; on PostgreSQL, two connections, the change told by NOTIFY). Waiting is
 * bounded by main-loop iterations and a generous deadline that fails the
 * test, never by a wall-clock assertion on how fast the signal came.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ms-sqlite-store.h"
#include "store-fixture.h"

/* Polled far faster than the window's second, to keep the test short. */
#define POLL_MS 20

typedef struct {
  StoreFixture  base;
  MsStore      *other;      /* a second connection to the same catalog */
  guint         n_changed;  /* "changed" emissions of base.store */
} Fixture;

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { "youssef", MS_ROLE_REVIEWER },
  { NULL }
};

static void
changed_cb (MsStore *store,
            Fixture *f)
{
  f->n_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  store_fixture_set_up (&f->base, "masatir-watch-XXXXXX", users);
  f->other = store_fixture_open_again (&f->base);
  g_signal_connect (f->base.store, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->other);
  store_fixture_tear_down (&f->base, data);
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until "changed" was emitted @n times; fails
 * after a deadline no healthy run comes near (polls happen every 20 ms). */
static void
wait_changed (Fixture *f,
              guint    n)
{
  gboolean late = FALSE;
  guint deadline = g_timeout_add_seconds (10, set_flag_cb, &late);

  for (guint i = 0; f->n_changed < n && !late && i < 10000; i++)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (deadline);
  g_assert_false (late);
  g_assert_cmpuint (f->n_changed, ==, n);
}

/* Lets several polls happen, for the cases where nothing may be emitted. */
static void
run_polls (guint n)
{
  gboolean done = FALSE;

  g_timeout_add (n * POLL_MS, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) saved = NULL;

  ms_store_watch (f->base.store, POLL_MS);

  /* A save through the other connection: noticed. */
  saved = store_save_ok (f->other, "amina", p, 0);
  wait_changed (f, 1);

  /* A transition through it too, once. */
  store_act_ok (f->other, "amina", p->id, MS_ACTION_SUBMIT, NULL);
  wait_changed (f, 2);
  run_polls (5);
  g_assert_cmpuint (f->n_changed, ==, 2);

  /* What the watched store writes itself is not news to it. */
  store_act_ok (f->base.store, "youssef", p->id, MS_ACTION_APPROVE, NULL);
  run_polls (5);
  g_assert_cmpuint (f->n_changed, ==, 2);
}

static void
count_cb (MsStore *store,
          guint   *n)
{
  (*n)++;
}

static void
test_both_ways (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) saved = NULL;
  gboolean late = FALSE;
  guint deadline, n_other = 0;

  ms_store_watch (f->base.store, POLL_MS);
  ms_store_watch (f->other, POLL_MS);
  g_signal_connect (f->other, "changed", G_CALLBACK (count_cb), &n_other);

  saved = store_save_ok (f->base.store, "amina", p, 0);
  deadline = g_timeout_add_seconds (10, set_flag_cb, &late);
  while (n_other == 0 && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (deadline);
  g_assert_false (late);
  g_assert_cmpuint (n_other, ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 0);
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) saved = NULL;

  /* Watching again replaces the poll; 0 stops it. */
  ms_store_watch (f->base.store, POLL_MS);
  ms_store_watch (f->base.store, POLL_MS);
  ms_store_watch (f->base.store, 0);
  saved = store_save_ok (f->other, "amina", p, 0);
  run_polls (5);
  g_assert_cmpuint (f->n_changed, ==, 0);

  /* Started again, it reports only what happens from then on. */
  ms_store_watch (f->base.store, POLL_MS);
  run_polls (5);
  g_assert_cmpuint (f->n_changed, ==, 0);
  store_act_ok (f->other, "amina", p->id, MS_ACTION_SUBMIT, NULL);
  wait_changed (f, 1);

  /* A store that goes away while watching takes its poll with it. */
  g_signal_handlers_disconnect_by_func (f->base.store, changed_cb, f);
  g_clear_object (&f->base.store);
  store_act_ok (f->other, "youssef", p->id, MS_ACTION_APPROVE, NULL);
  run_polls (5);
  g_assert_cmpuint (f->n_changed, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/watch/other-connection", test_other_connection);
  ADD ("/store/watch/both-ways", test_both_ways);
  ADD ("/store/watch/stop", test_stop);
#undef ADD

  return g_test_run ();
}
