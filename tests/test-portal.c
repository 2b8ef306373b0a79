/* test-portal.c — mapping the portal's messy records to sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-core-error.h"
#include "ms-portal.h"

static void
test_delay (void)
{
  static const struct { const char *text; gint64 days; } cases[] = {
    { "60 يوما", 60 }, { "30 يوما", 30 }, { "يومان (2)", 2 }, { "على الفور", 0 }, { "فورا", 0 },
    { "٣٠ يوماً", 30 }, { "15 jours", 15 }, { "Immédiatement", 0 }, { "3 أسابيع", 21 }, { "شهران", 60 },
    { "4 أيام\nالمراقبة الطبية 7 أيام", -1 },
    { "فورا عند حضور المعني بالأمر، أو يومان عند التوصل بالطلب", -1 },
    { "", -1 }, { "_", -1 }, { "حسب الحالة", -1 }, { "99999999999 يوما", -1 },
    /* Hours: up to 24 is one day, more is rounded up. */
    { "48 heures", 2 }, { "24 ساعة", 1 }, { "72h", 3 }, { "1 heure", 1 }, { "25 ساعة", 2 }, { "ساعتان", 1 },
    { "15 jours ouvrables", 15 }, { "10 أيام عمل", 10 }, { "5 working days", 5 }, { "2 weeks", 14 },
    { "24 ساعة أو 3 أيام", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 days = ms_portal_parse_delay (cases[i].text);

      if (days != cases[i].days)
        g_error ("delay “%s”: %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, cases[i].text, days, cases[i].days);
    }
  g_assert_cmpint (ms_portal_parse_delay (NULL), ==, -1);
}

static void
test_delay_kinds (void)
{
  static const struct { const char *text; gint64 days, hours; gboolean working; } cases[] = {
    { "48 heures", 2, 48, FALSE }, { "72h", 3, 72, FALSE }, { "15 jours ouvrables", 15, -1, TRUE },
    { "15 jours ouvrés", 15, -1, TRUE }, { "10 أيام عمل", 10, -1, TRUE }, { "30 يوما", 30, -1, FALSE },
    { "فورا", 0, -1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MsPortalDelay delay;

      g_assert_true (ms_portal_read_delay (cases[i].text, &delay));
      if (delay.days != cases[i].days || delay.hours != cases[i].hours || delay.working_days != cases[i].working)
        g_error ("delay “%s”: %" G_GINT64_FORMAT " days, %" G_GINT64_FORMAT " hours, working %d", cases[i].text,
                 delay.days, delay.hours, delay.working_days);
    }
}

static void
test_price (void)
{
  static const struct { const char *json; gboolean ok; gint64 centimes; } cases[] = {
    { "100", TRUE, 10000 }, { "\"100\"", TRUE, 10000 }, { "\"بالمجان\"", TRUE, 0 }, { "0", TRUE, 0 },
    { "25.5", TRUE, 2550 }, { "\"100,50 درهم\"", TRUE, 10050 }, { "\"Gratuit\"", TRUE, 0 },
    { "\"حسب الحالة\"", FALSE, 0 }, { "\"100 أو 200\"", FALSE, 0 }, { "-5", FALSE, 0 }, { "null", FALSE, 0 },
    { "[1]", FALSE, 0 }, { "true", FALSE, 0 },
    { "\"1 000,50 DH\"", TRUE, 100050 }, { "\"MAD 1,500.00\"", TRUE, 150000 }, { "\"50 dhs\"", TRUE, 5000 },
    { "\"75 درهم\"", TRUE, 7500 }, { "\"1.000 MAD\"", TRUE, 100000 }, { "\"مجانا\"", TRUE, 0 },
    { "\"gratuit\"", TRUE, 0 }, { "\"20DH\"", TRUE, 2000 }, { "\"١٠٠ درهم\"", TRUE, 10000 },
    { "\"-5 DH\"", FALSE, 0 }, { "\"100 DH ou 200 DH\"", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      gint64 centimes = -1;
      gboolean ok = ms_portal_parse_price (node, &centimes);

      if (ok != cases[i].ok || (ok && centimes != cases[i].centimes))
        g_error ("price %s: %d %" G_GINT64_FORMAT, cases[i].json, ok, centimes);
    }
}

static void
test_price_kinds (void)
{
  static const struct { const char *json; MsPortalPrice result; gint64 centimes; const char *unit; } cases[] = {
    { "\"5 دراهم عن كل صفحة\"", MS_PORTAL_PRICE_OK, 500, "صفحة" },
    { "\"5 دراهم لكل صفحة\"", MS_PORTAL_PRICE_OK, 500, "صفحة" },
    { "\"2 DH par page\"", MS_PORTAL_PRICE_OK, 200, "page" },
    { "\"3 MAD per copy\"", MS_PORTAL_PRICE_OK, 300, "copy" },
    { "\"5 DH/page\"", MS_PORTAL_PRICE_OK, 500, "page" },
    { "\"100 DH\"", MS_PORTAL_PRICE_OK, 10000, NULL },
    { "-20", MS_PORTAL_PRICE_NEGATIVE, 0, NULL },
    { "\"-5 دراهم\"", MS_PORTAL_PRICE_NEGATIVE, 0, NULL },
    { "\"selon le cas\"", MS_PORTAL_PRICE_UNREADABLE, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autofree char *unit = NULL;
      gint64 centimes = -1;
      MsPortalPrice result = ms_portal_read_price (node, &centimes, &unit);

      if (result != cases[i].result || (result == MS_PORTAL_PRICE_OK && centimes != cases[i].centimes)
          || g_strcmp0 (unit, cases[i].unit) != 0)
        g_error ("price %s: %d %" G_GINT64_FORMAT " %s", cases[i].json, result, centimes, unit);
    }
}

static void
test_messy_records (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "portal-messy.json", NULL);
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  MsProcedure *residence, *permit, *medical, *depends;
  MsDocument *doc;

  sheets = ms_portal_map_file (path, report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 4);
  for (guint i = 0; i < report->len; i++)
    g_string_append_printf (notes, "%s\n", (const char *) g_ptr_array_index (report, i));
  g_test_message ("%s", notes->str);

  /* Two locales, one bilingual sheet. */
  residence = g_ptr_array_index (sheets, 0);
  g_assert_cmpstr (ms_localized_get (residence->title, MS_LANG_AR), ==, "شهادة السكنى");
  g_assert_cmpstr (ms_localized_get (residence->title, MS_LANG_FR), ==, "Certificat de résidence");
  g_assert_cmpstr (residence->code, ==, "idarati-1201");
  g_assert_null (residence->summary);                      /* "_" and "" say nothing */
  g_assert_nonnull (residence->fees);
  g_assert_cmpuint (residence->fees->len, ==, 0);          /* "بالمجان" */
  g_assert_cmpint (residence->deadline_days, ==, 0);       /* "على الفور" */
  g_assert_cmpuint (residence->receiving->len, ==, 1);     /* an object, not a list */
  g_assert_cmpstr (ms_localized_get (g_ptr_array_index (residence->receiving, 0), MS_LANG_FR), ==,
                   "Annexe administrative");
  g_assert_cmpuint (residence->documents->len, ==, 1);
  doc = g_ptr_array_index (residence->documents, 0);
  g_assert_cmpstr (ms_localized_get (doc->name, MS_LANG_FR), ==, "Copie de la CNIE");
  g_assert_cmpstr (ms_localized_get (doc->section, MS_LANG_AR), ==, "الوثائق");
  g_assert_nonnull (doc->linked_procedure);
  g_assert_cmpint (residence->output->validity_days, ==, 90);
  g_assert_cmpuint (residence->channels->len, ==, 1);
  g_assert_cmpuint (residence->forms->len, ==, 1);

  permit = g_ptr_array_index (sheets, 1);
  g_assert_cmpint (permit->deadline_days, ==, 60);
  g_assert_cmpuint (permit->fees->len, ==, 1);
  g_assert_cmpint (((MsFee *) g_ptr_array_index (permit->fees, 0))->amount_centimes, ==, 10000);

  medical = g_ptr_array_index (sheets, 2);
  g_assert_cmpint (medical->deadline_days, ==, -1);        /* two delays in one field */
  g_assert_null (medical->fees);                           /* "حسب الحالة" */
  g_assert_null (medical->channels);                       /* http:// */
  depends = g_ptr_array_index (sheets, 3);
  g_assert_cmpint (depends->deadline_days, ==, -1);        /* it depends on the channel */
  g_assert_cmpint (((MsFee *) g_ptr_array_index (depends->fees, 0))->amount_centimes, ==, 2550);

  g_assert_nonnull (strstr (notes->str, "portal procedure 1203: delay"));
  g_assert_nonnull (strstr (notes->str, "portal procedure 1203: price “حسب الحالة”"));
  g_assert_nonnull (strstr (notes->str, "portal procedure 1203: web site"));
  g_assert_nonnull (strstr (notes->str, "portal procedure 1204: delay"));
  g_assert_nonnull (strstr (notes->str, "portal procedure 1201: “thematicId” (12)"));
  /* The ministry is in the administrations list. */
  g_assert_cmpstr (residence->administration, ==, "interior");
  g_assert_nonnull (strstr (notes->str, "portal procedure 1201: administration in charge “وزارة الداخلية” is “interior”"));

  /* The same records map to the same sheet ids: a second import updates. */
  again = ms_portal_map_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((MsProcedure *) g_ptr_array_index (again, 0))->id, ==, residence->id);
}

static void
test_bad_files (void)
{
  static const char * const bad[] = {
    "not json", "[{\"locale\": \"ar\", \"title\": \"x\"}]", "[1, 2]",
    "{\"id\": 1, \"locale\": \"de\", \"title\": \"x\"}",
    "[{\"id\": 1, \"locale\": \"ar\"}, {\"id\": 2}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) sheets = ms_portal_map_data (bad[i], -1, report, &error);

      g_assert_null (sheets);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MS_CORE_ERROR);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal/delay", test_delay);
  g_test_add_func ("/portal/price", test_price);
  g_test_add_func ("/portal/delay-kinds", test_delay_kinds);
  g_test_add_func ("/portal/price-kinds", test_price_kinds);
  g_test_add_func ("/portal/messy-records", test_messy_records);
  g_test_add_func ("/portal/bad-files", test_bad_files);

  return g_test_run ();
}
