/* bench-compliance.c — the compliance report on a big synthetic catalog:
 * check and count (what the window's thread does), JSON and HTML
 *
 * usage: MASATIR_DATADIR=data build/tests/bench-compliance [SHEETS] [ADMINISTRATIONS]
 * Prints figures; not a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "bench-util.h"
#include "ms-compliance.h"

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 20000;
  guint n_admins = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2450;
  g_autoptr(GPtrArray) templates = bench_load_demo_sheets ();
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
      MsProcedure *p = ms_procedure_copy (g_ptr_array_index (templates, i % templates->len));

      g_free (p->id);
      p->id = g_uuid_string_random ();
      g_free (p->administration);
      p->administration = g_strdup_printf ("admin-%u", g_random_int_range (0, (gint32) n_admins));
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
    printf ("validator alone, one core: %.2f s; counting alone: %.2f s\n", validate, g_timer_elapsed (timer, NULL));
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
  return 0;
}
