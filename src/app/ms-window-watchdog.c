/* ms-window-watchdog.c — the main-loop watchdog and the benchmark's probes
 *
 * Issue 15 item 1: no operation may block the main loop for more than
 * 100 ms. With MASATIR_WATCHDOG=1 the main loop beats every 10 ms (a
 * high-priority timeout) and a thread of its own watches the beat: every
 * gap longer than 100 ms is logged (g_message, domain ms-window) with its
 * length once the loop runs again, and the longest is said at exit.
 *
 * With MASATIR_BENCH=1 (tests/bench-gui.py), the window prints on stdout
 * when its first frame with rows was drawn (wall-clock microseconds, to be
 * compared with the launch), and for each key typed in the search entry
 * how long it took until the list was updated and the next frame drawn:
 *
 *   MASATIR_BENCH first-rows <g_get_real_time()>
 *   MASATIR_BENCH keystroke-ms <milliseconds>
 *   MASATIR_BENCH max-stall-ms <milliseconds>      (at exit, with the watchdog)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ms-window-private.h"

#define BEAT_MS     10
#define STALL_MS    100
#define WATCH_MS    5

/* Guarded by lock: the beat is written every BEAT_MS, read every WATCH_MS. */
static GMutex lock;
static gint64 last_beat;          /* g_get_monotonic_time() of the last beat */
static gint64 longest_stall;      /* µs */
static guint  n_stalls;

static gboolean
beat_cb (gpointer data)
{
  g_mutex_lock (&lock);
  last_beat = g_get_monotonic_time ();
  g_mutex_unlock (&lock);
  return G_SOURCE_CONTINUE;
}

static gint64
read_beat (void)
{
  gint64 beat;

  g_mutex_lock (&lock);
  beat = last_beat;
  g_mutex_unlock (&lock);
  return beat;
}

static gpointer
watch_thread (gpointer data)
{
  gint64 seen = read_beat ();

  for (;;)
    {
      gint64 beat, gap;

      g_usleep (WATCH_MS * 1000);
      beat = read_beat ();
      if (beat == seen)
        continue;
      /* The loop ran again: how long it was away, beyond its beat. */
      gap = beat - seen - BEAT_MS * 1000;
      seen = beat;
      if (gap <= STALL_MS * 1000)
        continue;
      g_mutex_lock (&lock);
      n_stalls++;
      longest_stall = MAX (longest_stall, gap);
      g_mutex_unlock (&lock);
      g_message ("Main loop blocked for %.0f ms", gap / 1000.0);
    }
  return NULL;
}

static void
report_at_exit (void)
{
  double longest;
  guint n;

  g_mutex_lock (&lock);
  longest = longest_stall / 1000.0;
  n = n_stalls;
  g_mutex_unlock (&lock);
  g_message ("Main loop watchdog: %u blocks over %d ms, the longest %.0f ms", n, STALL_MS, longest);
  if (g_strcmp0 (g_getenv ("MASATIR_BENCH"), "1") == 0)
    {
      printf ("MASATIR_BENCH max-stall-ms %.1f\n", longest);
      fflush (stdout);
    }
}

/* Once per process, on the main context, when MASATIR_WATCHDOG=1. */
void
_ms_window_watchdog_start (void)
{
  static gsize started = 0;

  if (g_strcmp0 (g_getenv ("MASATIR_WATCHDOG"), "1") != 0 || !g_once_init_enter (&started))
    return;

  last_beat = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_HIGH, BEAT_MS, beat_cb, NULL, NULL);
  g_thread_unref (g_thread_new ("masatir-watchdog", watch_thread, NULL));
  atexit (report_at_exit);
  g_once_init_leave (&started, 1);
}

/* The benchmark's probes {{{1 */

static gboolean
bench_enabled (void)
{
  return g_strcmp0 (g_getenv ("MASATIR_BENCH"), "1") == 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                MsWindow      *self)
{
  if (!self->bench_first_drawn && self->list != NULL
      && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0
      && g_hash_table_size (self->bound_rows) > 0)
    {
      self->bench_first_drawn = TRUE;
      printf ("MASATIR_BENCH first-rows %" G_GINT64_FORMAT "\n", g_get_real_time ());
      fflush (stdout);
    }
  if (self->bench_key_time != 0 && self->bench_list_updated)
    {
      printf ("MASATIR_BENCH keystroke-ms %.2f\n",
              (g_get_monotonic_time () - self->bench_key_time) / 1000.0);
      fflush (stdout);
      self->bench_key_time = 0;
      self->bench_list_updated = FALSE;
    }
}

static void
realize_cb (MsWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), self, 0);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MsWindow              *self)
{
  self->bench_key_time = g_get_monotonic_time ();
  self->bench_list_updated = FALSE;
  return GDK_EVENT_PROPAGATE;
}

void
_ms_window_bench_init (MsWindow *self)
{
  GtkEventController *keys;

  if (!bench_enabled ())
    return;

  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

/* The list answered the search typed: the next frame ends the measure. */
void
_ms_window_bench_list_updated (MsWindow *self)
{
  if (self->bench_key_time != 0)
    {
      self->bench_list_updated = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self->list_view));
    }
}
