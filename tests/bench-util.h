/* bench-util.h — what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "ms-generate.h"
#include "ms-procedure.h"

/* The demo sheets ($MASATIR_DATADIR/demo, else data/demo), the templates
 * the benchmarks copy under new ids; exits when there is none. */
static inline GPtrArray *
bench_load_demo_sheets (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR") ?: "data", "demo", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *templates = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      MsProcedure *p = ms_procedure_new_from_file (path, NULL);

      if (p != NULL)
        g_ptr_array_add (templates, p);
    }
  if (templates->len == 0)
    g_error ("no demo sheets in %s (set MASATIR_DATADIR)", dir);
  return templates;
}

/* The seed of every benchmark's synthetic sheets (bench-format.md). */
#define BENCH_SEED 1

/* The folder the benchmarks share their generated files and catalogs in
 * (build-aux/dev bench): MASATIR_BENCH_CACHE, else
 * ${XDG_CACHE_HOME:-~/.cache}/masatir-bench; made when missing. */
static inline char *
bench_cache_dir (void)
{
  const char *env = g_getenv ("MASATIR_BENCH_CACHE");
  char *dir = env != NULL && *env != '\0' ? g_strdup (env)
                                          : g_build_filename (g_get_user_cache_dir (), "masatir-bench", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_error ("cannot make the benchmark cache %s: %s", dir, g_strerror (errno));
  return dir;
}

/* sheets-N-seed-S.json in the cache: `masatir-cli generate --count N
 * --seed S`, made when missing (ms_generate_file replaces it atomically,
 * so an interrupted run leaves none half-written). */
static inline char *
bench_generated_file (guint   count,
                      guint64 seed)
{
  g_autofree char *dir = bench_cache_dir ();
  g_autofree char *name = g_strdup_printf ("sheets-%u-seed-%" G_GUINT64_FORMAT ".json", count, seed);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) && !ms_generate_file (path, count, seed, NULL, &error))
    g_error ("cannot generate %s: %s", path, error->message);
  return path;
}

/* One machine-readable figure (bench-format.md): "BENCH SIZE KEY VALUE
 * UNIT [OP TARGET]"; @size 0 is "-", size-independent; @target NULL for
 * none, else as "< 50" or ">= 5000". */
static inline void
bench_line (guint       size,
            const char *key,
            double      value,
            const char *unit,
            const char *target)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* Whole units from 100 up, else three significant digits; always a dot. */
  g_ascii_formatd (number, sizeof number, value >= 100 || value <= -100 ? "%.0f" : "%.3g", value);
  if (size == 0)
    printf ("BENCH - %s %s %s%s%s\n", key, number, unit, target != NULL ? " " : "", target != NULL ? target : "");
  else
    printf ("BENCH %u %s %s %s%s%s\n", size, key, number, unit, target != NULL ? " " : "",
            target != NULL ? target : "");
  fflush (stdout);
}
