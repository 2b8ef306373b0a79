/* bench-compliance.c — the compliance report on a big synthetic catalog:
 * check and count (what the window's thread does), JSON and HTML
 *
 * usage: MASATIR_DATADIR=data build/tests/bench-compliance [SHEETS...]   (default 20000)
 * The sheets are `masatir-cli generate --seed 1`, spread over 2,450
 * administrations (as many as the portal lists). Prints figures and BENCH lines (bench-format.md); not a
 * test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "bench-util.h"
#include "ms-compliance.h"

#define N_ADMINISTRATIONS 2450

static void
bench (guint n)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(MsCompliance) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  MsValidator *validator = ms_validator_get_default (&error);
  double check, to_json, to_html;

  if (validator == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sheet = ms_generate_sheet (BENCH_SEED, i, NULL);
      MsProcedure *p = ms_procedure_new_from_data (sheet, -1, &error);

      if (p == NULL)
        g_error ("synthetic sheet %u: %s", i, error->message);
      /* Spread over as many administrations as the portal lists. */
      g_free (p->administration);
      p->administration = g_strdup_printf ("admin-%u", i % N_ADMINISTRATIONS);
      g_ptr_array_add (sheets, p);
    }

  g_timer_start (timer);
  report = ms_compliance_check (sheets, validator, "2026-07-01");
  check = g_timer_elapsed (timer, NULL);
  /* The counting alone, on issues checked beforehand. */
  {
    g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
    g_autoptr(MsCompliance) again = NULL;
    double validate;

    g_timer_start (timer);
    for (guint i = 0; i < sheets->len; i++)
      g_ptr_array_add (issues, ms_validator_check (validator, g_ptr_array_index (sheets, i)));
    validate = g_timer_elapsed (timer, NULL);
    g_timer_start (timer);
    again = ms_compliance_compute (sheets, issues, "2026-07-01");
    printf ("%u sheets: validator alone, one core: %.2f s; counting alone: %.2f s\n", n, validate,
            g_timer_elapsed (timer, NULL));
  }
  g_timer_start (timer);
  json = ms_compliance_to_json (report, ms_vocabulary_get_default ());
  text = json_to_string (json, TRUE);
  to_json = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  html = ms_compliance_to_html (report, ms_vocabulary_get_default (), MS_LANG_FR);
  to_html = g_timer_elapsed (timer, NULL);

  printf ("%u sheets, %u administrations: check and count %.2f s (%.0f sheets/s), "
          "JSON %.2f s (%.1f MB), HTML %.2f s (%.1f MB)\n",
          n, report->administrations->len, check, n / check, to_json, strlen (text) / 1e6,
          to_html, strlen (html) / 1e6);
  bench_line (n, "compliance.check_s", check, "s", NULL);
  bench_line (n, "compliance.json_s", to_json, "s", NULL);
  bench_line (n, "compliance.html_s", to_html, "s", NULL);
}

int
main (int    argc,
      char **argv)
{
  if (argc < 2)
    bench (20000);
  for (int i = 1; i < argc; i++)
    bench ((guint) g_ascii_strtoull (argv[i], NULL, 10));
  return 0;
}
