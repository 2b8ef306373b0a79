/* ms-parallel.c — one loop over every core
 *
 * Bundles hash, encode and decode every entry of the catalog; the entries
 * are independent, so the work is shared out over the cores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-parallel"

#include "config.h"

#include "ms-parallel.h"

/* Indices are handed out in small runs: the work per index varies, and a
 * run keeps the workers off each other's cache lines. */
#define RUN_LENGTH  16
#define MAX_THREADS 8

typedef struct {
  guint          n;
  MsParallelFunc func;
  gpointer       user_data;
  gint           next;
} Work;

static gpointer
work_thread (gpointer data)
{
  Work *work = data;
  guint i;

  while ((i = (guint) g_atomic_int_add (&work->next, RUN_LENGTH)) < work->n)
    for (guint j = i; j < MIN (work->n, i + RUN_LENGTH); j++)
      work->func (j, work->user_data);
  return NULL;
}

void
ms_parallel_for (guint          n,
                 MsParallelFunc func,
                 gpointer       user_data)
{
  Work work = { n, func, user_data, 0 };
  GThread *threads[MAX_THREADS];
  guint n_threads = 0;
  guint wanted = MIN ((guint) g_get_num_processors (), MAX_THREADS);

  g_return_if_fail (func != NULL);
  g_return_if_fail (n <= G_MAXINT - RUN_LENGTH);

  if (n < 2 * RUN_LENGTH)
    wanted = 1;
  /* A thread that cannot be started leaves its share to the others. */
  while (n_threads + 1 < wanted
         && (threads[n_threads] = g_thread_try_new ("ms-parallel", work_thread, &work, NULL)) != NULL)
    n_threads++;
  work_thread (&work);
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);
}
