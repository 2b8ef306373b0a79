/* bench-util.h — what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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
