/* bench-validate.c — how many sheets per second ms_validator_check() handles
 *
 * Builds the synthetic catalog of `masatir-cli generate --seed 1` in memory
 * (3–12 documents, Arabic and French texts, a violation in one sheet in
 * five) and times the validator alone, on one core, best of three passes.
 * Not a test: run it by hand; prints a BENCH line (bench-format.md) per size.
 *
 *   MASATIR_DATADIR=data build/tests/bench-validate [N_SHEETS...]   (default 10000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* clock_gettime (CLOCK_THREAD_CPUTIME_ID) under -std=c11 */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "ms-validator.h"

#define DEFAULT_SHEETS 10000
#define PASSES 3

/* CPU time of this thread, in s: on a machine shared with other work, the
 * wall clock says more about the others. */
static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
bench (MsValidator *validator,
       guint        n_sheets)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  double best = 0, best_cpu = 0;
  guint n_issues = 0, n_errors = 0;

  for (guint i = 0; i < n_sheets; i++)
    {
      g_autofree char *json = ms_generate_sheet (BENCH_SEED, i, NULL);
      MsProcedure *p = ms_procedure_new_from_data (json, -1, &error);

      if (p == NULL)
        g_error ("synthetic sheet %u: %s", i, error->message);
      g_ptr_array_add (sheets, p);
    }

  for (guint pass = 0; pass < PASSES; pass++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_s ();
      double seconds;

      n_issues = n_errors = 0;
      for (guint i = 0; i < sheets->len; i++)
        {
          g_autoptr(GPtrArray) issues = ms_validator_check (validator, g_ptr_array_index (sheets, i));

          n_issues += issues->len;
          n_errors += ms_issues_count (issues, MS_SEVERITY_ERROR);
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      cpu = cpu_s () - cpu;
      best = MAX (best, sheets->len / seconds);
      best_cpu = MAX (best_cpu, sheets->len / cpu);
      g_print ("%u sheets, pass %u: %.3f s = %.0f sheets/s (CPU %.3f s = %.0f sheets per CPU second)\n",
               sheets->len, pass + 1, seconds, sheets->len / seconds, cpu, sheets->len / cpu);
    }
  g_print ("%u sheets, best: %.0f sheets/s on one core (%u issues, %u errors per pass)\n", sheets->len, best,
           n_issues, n_errors);
  bench_line (n_sheets, "validate.sheets_per_s", best, "per_s", ">= 20000");
  bench_line (n_sheets, "validate.sheets_per_cpu_s", best_cpu, "per_s", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  MsValidator *validator;

  if (!(validator = ms_validator_get_default (&error)))
    {
      g_printerr ("bench-validate: %s (set MASATIR_DATADIR to the data folder)\n", error->message);
      return 1;
    }
  if (argc < 2)
    bench (validator, DEFAULT_SHEETS);
  for (int i = 1; i < argc; i++)
    {
      guint n = (guint) atoi (argv[i]);

      bench (validator, n > 0 ? n : DEFAULT_SHEETS);
    }
  return 0;
}
