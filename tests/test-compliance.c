/* test-compliance.c — the compliance report (ms-compliance) on the demo
 * catalog, its figures checked against counts made here another way: from
 * the sheets' raw JSON and from tests/data/demo-planted.json, not through
 * the validator's issues the report reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ms-compliance.h"
#include "ms-validator.h"

/* A fixed day: the review dates of the demo are on both sides of it. */
#define TODAY "2026-07-01"

typedef struct {
  GPtrArray *sheets;    /* MsProcedure* */
  GPtrArray *raw;       /* JsonObject*, the same sheets as read by json-glib */
  JsonObject *planted;  /* file name → {errors, paths} */
  GPtrArray *files;     /* char*, base names, in the order of sheets */
  MsCompliance *report;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autofree char *planted_path = g_test_build_filename (G_TEST_DIST, "data", "demo-planted.json", NULL);
  g_autoptr(JsonParser) planted = json_parser_new ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  MsValidator *validator = ms_validator_get_default (&error);
  GDate today;
  const char *name;

  g_assert_no_error (error);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  f->sheets = g_ptr_array_new_with_free_func (g_object_unref);
  f->raw = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  f->files = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      MsProcedure *sheet = ms_procedure_new_from_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (f->sheets, sheet);
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      g_ptr_array_add (f->raw, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
      g_ptr_array_add (f->files, g_strdup (g_ptr_array_index (names, i)));
    }

  g_assert_true (json_parser_load_from_file (planted, planted_path, NULL));
  f->planted = json_object_ref (json_node_get_object (json_parser_get_root (planted)));

  g_date_clear (&today, 1);
  g_date_set_parse (&today, TODAY);
  g_assert_true (g_date_valid (&today));
  ms_validator_set_today (validator, &today);
  f->report = ms_compliance_check (f->sheets, validator, TODAY);
  ms_validator_set_today (validator, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ms_compliance_free (f->report);
  g_ptr_array_unref (f->sheets);
  g_ptr_array_unref (f->raw);
  g_ptr_array_unref (f->files);
  json_object_unref (f->planted);
}

/* The planted errors of sheet @i: rule ids, distinct. */
static JsonArray *
planted_errors (Fixture *f,
                guint    i)
{
  JsonObject *entry = json_object_get_object_member (f->planted, g_ptr_array_index (f->files, i));

  g_assert_nonnull (entry);
  return json_object_get_array_member (entry, "errors");
}

static gboolean
planted_has (JsonArray  *errors,
             const char *rule)
{
  for (guint e = 0; e < json_array_get_length (errors); e++)
    if (strcmp (json_array_get_string_element (errors, e), rule) == 0)
      return TRUE;
  return FALSE;
}

static const char *
raw_string (JsonObject *o,
            const char *member)
{
  return json_object_has_member (o, member) ? json_object_get_string_member (o, member) : NULL;
}

static gboolean
ids_contain (GPtrArray  *ids,
             const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  guint clean = 0;

  g_assert_cmpuint (f->sheets->len, ==, 29);
  g_assert_cmpuint (json_object_get_size (f->planted), ==, 29);
  for (guint i = 0; i < f->sheets->len; i++)
    if (json_array_get_length (planted_errors (f, i)) == 0)
      clean++;
  g_assert_cmpuint (clean, ==, 19);

  g_assert_cmpstr (f->report->date, ==, TODAY);
  g_assert_cmpuint (f->report->n_sheets, ==, 29);
  g_assert_cmpuint (f->report->n_without_errors, ==, clean);
  g_assert_cmpuint (f->report->error_sheet_ids->len, ==, 29 - clean);
  g_assert_cmpuint (ms_compliance_percent (clean, 29), ==, 66);
}

/* Each rule of the catalogue that is an error: the sheets it was found in
 * are those it was planted in. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  guint previous = G_MAXUINT;

  g_assert_cmpuint (f->report->rules->len, ==, ms_validator_get_n_rules ());
  for (guint r = 0; r < f->report->rules->len; r++)
    {
      MsComplianceRule *rule = g_ptr_array_index (f->report->rules, r);
      guint expected = 0;

      /* Most sheets first. */
      g_assert_cmpuint (rule->sheet_ids->len, <=, previous);
      previous = rule->sheet_ids->len;
      g_assert_cmpuint (rule->n_issues, >=, rule->sheet_ids->len);
      if (rule->severity != MS_SEVERITY_ERROR)
        continue;
      for (guint i = 0; i < f->sheets->len; i++)
        {
          MsProcedure *sheet = g_ptr_array_index (f->sheets, i);
          gboolean planted = planted_has (planted_errors (f, i), rule->rule);

          expected += planted;
          g_assert_cmpint (ids_contain (rule->sheet_ids, sheet->id), ==, planted);
        }
      g_assert_cmpuint (rule->sheet_ids->len, ==, expected);
    }
}

static void
test_administrations (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) clean = g_hash_table_new (g_str_hash, g_str_equal);
  guint total = 0;

  for (guint i = 0; i < f->raw->len; i++)
    {
      const char *code = raw_string (g_ptr_array_index (f->raw, i), "administration");

      code = code != NULL ? code : "";
      g_hash_table_insert (counts, (gpointer) code,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, code)) + 1));
      if (json_array_get_length (planted_errors (f, i)) == 0)
        g_hash_table_insert (clean, (gpointer) code,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (clean, code)) + 1));
    }

  g_assert_cmpuint (f->report->administrations->len, ==, g_hash_table_size (counts));
  for (guint a = 0; a < f->report->administrations->len; a++)
    {
      MsComplianceAdmin *admin = g_ptr_array_index (f->report->administrations, a);

      g_assert_cmpuint (admin->n_sheets, ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, admin->administration)));
      g_assert_cmpuint (admin->n_without_errors, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (clean, admin->administration)));
      g_assert_cmpuint (admin->sheet_ids->len, ==, admin->n_sheets);
      g_assert_cmpuint (admin->error_sheet_ids->len, ==, admin->n_sheets - admin->n_without_errors);
      g_assert_cmpuint (admin->top_rules->len, <=, MS_COMPLIANCE_TOP_RULES);
      for (guint r = 0; r < admin->top_rules->len; r++)
        {
          MsComplianceRule *rule = g_ptr_array_index (admin->top_rules, r);

          g_assert_cmpuint (rule->sheet_ids->len, >, 0);
          g_assert_cmpuint (rule->sheet_ids->len, <=, admin->n_sheets);
          for (guint s = 0; s < rule->sheet_ids->len; s++)
            g_assert_true (ids_contain (admin->sheet_ids, g_ptr_array_index (rule->sheet_ids, s)));
        }
      if (a > 0)
        g_assert_cmpuint (((MsComplianceAdmin *) g_ptr_array_index (f->report->administrations, a - 1))->n_sheets,
                          >=, admin->n_sheets);
      total += admin->n_sheets;
    }
  g_assert_cmpuint (total, ==, 29);
  /* The demo's largest: the communes' six sheets. */
  g_assert_cmpstr (((MsComplianceAdmin *) g_ptr_array_index (f->report->administrations, 0))->administration,
                   ==, "communes");
  g_assert_cmpuint (((MsComplianceAdmin *) g_ptr_array_index (f->report->administrations, 0))->n_sheets, ==, 6);
}

static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  /* Upper bounds of the buckets, written again here. */
  static const gint64 upper[] = { -1, 0, 7, 15, 30, 60, G_MAXINT64 };
  guint expected[MS_N_DEADLINE_BUCKETS] = { 0 };
  guint total = 0;

  for (guint i = 0; i < f->raw->len; i++)
    {
      JsonObject *o = g_ptr_array_index (f->raw, i);
      gint64 days = json_object_has_member (o, "deadline_days") ? json_object_get_int_member (o, "deadline_days") : -1;
      guint b = 0;

      while (days > upper[b])
        b++;
      expected[b]++;
    }
  for (guint b = 0; b < MS_N_DEADLINE_BUCKETS; b++)
    {
      g_assert_cmpuint (f->report->deadlines[b].sheet_ids->len, ==, expected[b]);
      total += f->report->deadlines[b].sheet_ids->len;
    }
  g_assert_cmpuint (total, ==, 29);
  /* One planted 90-day deadline. */
  g_assert_cmpuint (expected[MS_DEADLINE_BUCKET_OVER], ==, 1);
  g_assert_cmpstr (ms_deadline_bucket_to_string (MS_DEADLINE_BUCKET_OVER), ==, "over-60");
  g_assert_cmpint (ms_deadline_bucket_for (60), ==, MS_DEADLINE_BUCKET_LEGAL_MAX);
  g_assert_cmpint (ms_deadline_bucket_for (61), ==, MS_DEADLINE_BUCKET_OVER);
  g_assert_cmpint (ms_deadline_bucket_for (-1), ==, MS_DEADLINE_BUCKET_UNSET);
}

static gboolean
raw_cites_known (JsonObject *sheet,
                 JsonArray  *basis)
{
  JsonArray *refs = json_object_has_member (sheet, "legal_basis")
                    ? json_object_get_array_member (sheet, "legal_basis") : NULL;

  for (guint b = 0; b < json_array_get_length (basis); b++)
    {
      const char *id = json_array_get_string_element (basis, b);
      gboolean found = FALSE;

      for (guint r = 0; refs != NULL && r < json_array_get_length (refs); r++)
        found = found || g_strcmp0 (raw_string (json_array_get_object_element (refs, r), "id"), id) == 0;
      if (!found)
        return FALSE;
    }
  return json_array_get_length (basis) > 0;
}

/* Fees above 0 citing nothing the sheet has; review dates passed;
 * documents the user brings that another administration issues. */
static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  guint fees = 0, overdue = 0, held_min = 0;

  for (guint i = 0; i < f->raw->len; i++)
    {
      JsonObject *o = g_ptr_array_index (f->raw, i);
      const char *id = raw_string (o, "id");
      JsonArray *list = json_object_has_member (o, "fees") ? json_object_get_array_member (o, "fees") : NULL;
      const char *review = raw_string (o, "review_due");

      for (guint j = 0; list != NULL && j < json_array_get_length (list); j++)
        {
          JsonObject *fee = json_array_get_object_element (list, j);
          JsonArray *basis = json_object_has_member (fee, "legal_basis")
                             ? json_object_get_array_member (fee, "legal_basis") : NULL;

          if (json_object_get_int_member (fee, "amount_centimes") > 0
              && (basis == NULL || !raw_cites_known (o, basis)))
            {
              g_autofree char *path = g_strdup_printf ("fees[%u].legal_basis", j);
              gboolean listed = FALSE;

              fees++;
              for (guint k = 0; k < f->report->unfounded_fees->len; k++)
                {
                  MsComplianceItem *item = g_ptr_array_index (f->report->unfounded_fees, k);

                  listed = listed || (strcmp (item->sheet_id, id) == 0 && strcmp (item->path, path) == 0
                                      && item->amount_centimes == json_object_get_int_member (fee, "amount_centimes"));
                }
              g_assert_true (listed);
            }
        }
      if (review != NULL && strcmp (review, TODAY) < 0)
        overdue++;

      list = json_object_has_member (o, "documents") ? json_object_get_array_member (o, "documents") : NULL;
      for (guint j = 0; list != NULL && j < json_array_get_length (list); j++)
        {
          JsonObject *doc = json_array_get_object_element (list, j);

          if (g_strcmp0 (raw_string (doc, "provided_by"), "user") == 0
              && g_strcmp0 (raw_string (doc, "issuer"), "other_administration") == 0)
            {
              g_autofree char *path = g_strdup_printf ("documents[%u].provided_by", j);
              gboolean listed = FALSE;

              held_min++;
              for (guint k = 0; k < f->report->held_documents->len; k++)
                {
                  MsComplianceItem *item = g_ptr_array_index (f->report->held_documents, k);

                  listed = listed || (strcmp (item->sheet_id, id) == 0 && strcmp (item->path, path) == 0
                                      && item->name != NULL);
                }
              g_assert_true (listed);
            }
        }
    }
  g_assert_cmpuint (fees, ==, 1);   /* planted once */
  g_assert_cmpuint (f->report->unfounded_fees->len, ==, fees);
  g_assert_cmpuint (overdue, ==, 3);
  g_assert_cmpuint (f->report->review_overdue->len, ==, overdue);
  for (guint k = 0; k < f->report->review_overdue->len; k++)
    g_assert_cmpstr (((MsComplianceItem *) g_ptr_array_index (f->report->review_overdue, k))->date, <, TODAY);
  /* The keyword screen finds more than the documents marked as issued by
   * another administration (a copy of the CIN, a birth extract…). */
  g_assert_cmpuint (held_min, >, 0);
  g_assert_cmpuint (f->report->held_documents->len, >, held_min);
}

static gint64
member_int (JsonObject *o,
            const char *name)
{
  g_assert_true (json_object_has_member (o, name));
  return json_object_get_int_member (o, name);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) node = ms_compliance_to_json (f->report, ms_vocabulary_get_default ());
  JsonObject *o = json_node_get_object (node);
  JsonArray *admins = json_object_get_array_member (o, "administrations");
  JsonArray *rules = json_object_get_array_member (o, "rules");
  JsonArray *deadlines = json_object_get_array_member (o, "deadlines");
  JsonObject *first = json_array_get_object_element (admins, 0);

  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, TODAY);
  g_assert_cmpint (member_int (o, "sheets"), ==, 29);
  g_assert_cmpint (member_int (o, "without_errors"), ==, f->report->n_without_errors);
  g_assert_cmpint (member_int (o, "percent_without_errors"), ==, 66);
  g_assert_cmpint (member_int (o, "errors"), ==, f->report->n_errors);
  g_assert_cmpint (member_int (o, "warnings"), ==, f->report->n_warnings);
  g_assert_cmpuint (json_array_get_length (admins), ==, f->report->administrations->len);
  g_assert_cmpstr (json_object_get_string_member (first, "administration"), ==, "communes");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "name"), "fr"),
                   ==, "Communes");
  g_assert_cmpint (member_int (first, "sheets"), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "sheet_ids")), ==, 6);
  g_assert_cmpuint (json_array_get_length (rules), ==, ms_validator_get_n_rules ());
  for (guint r = 0; r < json_array_get_length (rules); r++)
    {
      JsonObject *rule = json_array_get_object_element (rules, r);
      const MsRuleInfo *info = ms_validator_lookup_rule (json_object_get_string_member (rule, "rule"));

      g_assert_nonnull (info);
      g_assert_cmpstr (json_object_get_string_member (rule, "article"), ==, info->article);
      g_assert_cmpint (member_int (rule, "sheets"), ==,
                       json_array_get_length (json_object_get_array_member (rule, "sheet_ids")));
      /* Rounded half up, in integers. */
      g_assert_cmpint (member_int (rule, "percent_sheets"), ==, (member_int (rule, "sheets") * 200 + 29) / 58);
    }
  g_assert_cmpuint (json_array_get_length (deadlines), ==, MS_N_DEADLINE_BUCKETS);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (deadlines, 6), "bucket"),
                   ==, "over-60");
  g_assert_cmpint (member_int (json_array_get_object_element (deadlines, 6), "sheets"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "unfounded_fees")), ==, 1);
  g_assert_cmpint (member_int (json_array_get_object_element (json_object_get_array_member (o, "unfounded_fees"), 0),
                               "amount_centimes"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "review_overdue")), ==, 3);
}

/* The page: lang and direction, the figures marked, input escaped. */
static void
test_html (void)
{
  g_autoptr(MsProcedure) sheet = ms_procedure_new ("b1f0c3d2-0000-4000-8000-000000000001");
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(MsCompliance) report = NULL;
  g_autofree char *fr = NULL;
  g_autofree char *ar = NULL;
  MsFee *fee = g_new0 (MsFee, 1);
  MsValidator *validator = ms_validator_get_default (NULL);

  sheet->code = g_strdup ("X-<1>");
  sheet->title = ms_localized_new ();
  ms_localized_set (sheet->title, MS_LANG_FR, "Titre <script>alert(1)</script> & co");
  sheet->fees = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_fee_free);
  fee->id = g_strdup ("f1");
  fee->label = ms_localized_new ();
  ms_localized_set (fee->label, MS_LANG_FR, "Droit \"<b>\"");
  fee->amount_centimes = 1500;
  g_ptr_array_add (sheet->fees, fee);
  sheet->deadline_days = 90;
  g_ptr_array_add (sheets, sheet);

  report = ms_compliance_check (sheets, validator, "2026-01-02");
  g_assert_cmpuint (report->unfounded_fees->len, ==, 1);
  g_assert_true (report->deadlines[MS_DEADLINE_BUCKET_OVER].sheet_ids->len == 1);

  fr = ms_compliance_to_html (report, ms_vocabulary_get_default (), MS_LANG_FR);
  g_assert_true (g_str_has_prefix (fr, "<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">"));
  g_assert_null (strstr (fr, "<script>"));
  g_assert_null (strstr (fr, "<b>"));
  g_assert_nonnull (strstr (fr, "Titre &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
  g_assert_nonnull (strstr (fr, "X-&lt;1&gt;"));
  g_assert_nonnull (strstr (fr, "data-figure=\"sheets\" data-value=\"1\""));
  g_assert_nonnull (strstr (fr, "data-figure=\"without_errors\" data-value=\"0\""));
  g_assert_nonnull (strstr (fr, "data-figure=\"deadline:over-60:sheets\" data-value=\"1\""));
  g_assert_nonnull (strstr (fr, "data-figure=\"unfounded_fees\" data-value=\"1\""));
  /* Self-contained: nothing fetched. */
  g_assert_null (strstr (fr, "src="));
  g_assert_null (strstr (fr, "href="));
  g_assert_null (strstr (fr, "url("));

  ar = ms_compliance_to_html (report, ms_vocabulary_get_default (), MS_LANG_AR);
  g_assert_true (g_str_has_prefix (ar, "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
}

static void
test_percent (void)
{
  g_assert_cmpuint (ms_compliance_percent (0, 0), ==, 0);
  g_assert_cmpuint (ms_compliance_percent (1, 2), ==, 50);
  g_assert_cmpuint (ms_compliance_percent (2, 3), ==, 67);
  g_assert_cmpuint (ms_compliance_percent (1, 8), ==, 13);   /* 12.5 rounds up */
  g_assert_cmpuint (ms_compliance_percent (1, 200), ==, 1);  /* 0.5 rounds up */
  g_assert_cmpuint (ms_compliance_percent (1, 201), ==, 0);
  g_assert_cmpuint (ms_compliance_percent (7, 7), ==, 100);
}

/* No sheet: every figure 0, nothing divided by zero. */
static void
test_empty (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(MsCompliance) report = ms_compliance_check (none, ms_validator_get_default (NULL), TODAY);
  g_autoptr(JsonNode) node = ms_compliance_to_json (report, ms_vocabulary_get_default ());
  g_autofree char *html = ms_compliance_to_html (report, ms_vocabulary_get_default (), MS_LANG_FR);

  g_assert_cmpuint (report->n_sheets, ==, 0);
  g_assert_cmpuint (report->administrations->len, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "percent_without_errors"), ==, 0);
  g_assert_nonnull (strstr (html, "data-figure=\"sheets\" data-value=\"0\""));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/compliance/totals", Fixture, NULL, fixture_set_up, test_totals, fixture_tear_down);
  g_test_add ("/compliance/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);
  g_test_add ("/compliance/administrations", Fixture, NULL, fixture_set_up, test_administrations,
              fixture_tear_down);
  g_test_add ("/compliance/deadlines", Fixture, NULL, fixture_set_up, test_deadlines, fixture_tear_down);
  g_test_add ("/compliance/items", Fixture, NULL, fixture_set_up, test_items, fixture_tear_down);
  g_test_add ("/compliance/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add_func ("/compliance/html", test_html);
  g_test_add_func ("/compliance/percent", test_percent);
  g_test_add_func ("/compliance/empty", test_empty);

  return g_test_run ();
}
