/* ms-parallel.h — one loop over every core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*MsParallelFunc) (guint    index,
                                gpointer user_data);

/* Calls @func for each index below @n, on up to one thread a core (the
 * caller's among them), and returns when all calls have returned. The
 * order of the calls is not defined: @func writes only what belongs to
 * its index, and the caller reads the outcomes in index order, so that
 * what it reports does not depend on which thread got there first. */
void ms_parallel_for (guint          n,
                      MsParallelFunc func,
                      gpointer       user_data);

G_END_DECLS
