/* ms-generate.h — deterministic synthetic catalogs, for benchmarks
 *
 * Sheet N of seed S is always the same bytes, whatever the count asked and
 * on any machine: each sheet draws from its own generator seeded with
 * (S, N), so a catalog of 100,000 begins with the catalog of 10,000, and
 * sheets can be made in any order or in parallel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* About one sheet in five carries a law 55-19 violation. */
#define MS_GENERATE_FAULTY_PERCENT 20

/* The JSON text of sheet @n of seed @seed: Arabic and French texts of the
 * lengths the portal's sheets have, 3–12 documents, fees, legal
 * references; in about MS_GENERATE_FAULTY_PERCENT % of sheets one planted
 * violation. @faulty (may be NULL) says whether one was planted. */
char     *ms_generate_sheet (guint64       seed,
                             guint         n,
                             gboolean     *faulty);
/* Writes sheets 0 … @count - 1 of @seed to @path as one JSON array (what
 * `masatir-cli import` reads), streamed, the file replaced atomically. */
gboolean  ms_generate_file  (const char   *path,
                             guint         count,
                             guint64       seed,
                             GCancellable *cancellable,
                             GError      **error);

G_END_DECLS
