/* test-input.c — what people type in the editor, and the names of places
 * in a sheet (ms-input.h, ms-path-label.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-core-error.h"
#include "ms-input.h"
#include "ms-path-label.h"
#include "ms-procedure.h"
#include "ms-validator.h"

#define VALID_ID "0f8e4c2a-6d1b-4f3e-9a57-2c1d8b9e7a10"
#define UNTOUCHED G_GINT64_CONSTANT (-777)

/* Runs @func with the UI in @language ("fr" through "C", which Masatir
 * reads as French, or "ar"), then puts the test environment back. */
static void
with_language (const char *language,
               void      (*func) (gconstpointer),
               gconstpointer data)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", language, TRUE);
  func (data);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* Amounts {{{1 */

static const struct {
  const char *text;
  gint64      centimes;
} good_amounts[] = {
  { "12", 1200 },
  { "12,5", 1250 },
  { "12,50", 1250 },
  { "12.50", 1250 },
  { " 1 200,50 ", 120050 },
  { "1\u00a0200,50", 120050 },           /* no-break space */
  { "1\u202f200,50", 120050 },           /* narrow no-break space, French typography */
  { "1\u066c200", 120000 },              /* Arabic thousands separator */
  { "\u0661\u0662\u066b\u0665\u0660", 1250 },   /* ١٢٫٥٠ */
  { "\u06f1\u06f2,\u06f5", 1250 },       /* ۱۲,۵ */
  { "\u200f12,50\u200e", 1250 },         /* direction marks pasted with Arabic text */
  { "\t12\n", 1200 },
  { "0", 0 },
  { "0,05", 5 },
  { ",50", 50 },
  { "12,", 1200 },
  { "007", 700 },
  { "12 345 678,90", 1234567890 },
  { "1 000 000 000", G_GINT64_CONSTANT (100000000000) },
  { "1000000000,00", G_GINT64_CONSTANT (100000000000) },
};

static const struct {
  const char *text;
  const char *says;   /* part of the message */
} bad_amounts[] = {
  { "", "Type an amount in dirhams, such as 12,50" },
  { "  \u00a0 ", "Type an amount in dirhams, such as 12,50" },
  { ",", "Type an amount in dirhams" },
  { "abc", "digits only" },
  { "12a", "digits only" },
  { "12 DH", "digits only" },
  { "+12", "digits only" },
  { "12-", "digits only" },
  { "\xff\xfe", "digits only" },
  { "12,505", "at most two digits" },
  { "12,500", "at most two digits" },
  { "-12", "cannot be negative" },
  { "\u221212,50", "cannot be negative" },
  { "1.2.3", "single decimal separator" },
  { "1.200,50", "single decimal separator" },
  { "12,5,0", "single decimal separator" },
  { "1 2", "between thousands, such as 1 200,50" },
  { "12 34", "between thousands" },
  { "1 2000", "between thousands" },
  { "1  200", "between thousands" },
  { "1200 ,50", "between thousands" },
  { "12, 50", "between thousands" },
  { "1000000000,01", "at most 1000000000,00 dirhams" },
  { "1000000001", "too large" },
  { "99999999999999999999999999", "too large" },
};

static void
test_amount_accepted (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_amounts); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 centimes = UNTOUCHED;

      g_test_message ("%s", good_amounts[i].text);
      g_assert_true (ms_parse_amount (good_amounts[i].text, &centimes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (centimes, ==, good_amounts[i].centimes);
    }
}

static void
test_amount_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_amounts); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 centimes = UNTOUCHED;
      g_autofree char *shown = g_strescape (bad_amounts[i].text, NULL);

      g_test_message ("%s", shown);
      g_assert_false (ms_parse_amount (bad_amounts[i].text, &centimes, &error));
      g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT);
      g_assert_nonnull (strstr (error->message, bad_amounts[i].says));
      g_assert_cmpint (centimes, ==, UNTOUCHED);
      /* Callers that only want a yes or no may pass no error. */
      g_assert_false (ms_parse_amount (bad_amounts[i].text, &centimes, NULL));
    }
}

static void
check_amount_round_trip (gconstpointer data)
{
  const char *separator = data;
  static const gint64 values[] = {
    0, 1, 5, 10, 99, 100, 1200, 1250, 120050, 999999, MS_MAX_AMOUNT_CENTIMES - 1,
    MS_MAX_AMOUNT_CENTIMES,
  };
  g_autofree char *twelve = ms_format_amount_input (1250);
  g_autofree char *whole = ms_format_amount_input (1200);
  g_autofree char *small = ms_format_amount_input (5);
  g_autofree char *expected = g_strdup_printf ("12%s50", separator);
  g_autoptr(GError) error = NULL;
  gint64 centimes;

  g_assert_cmpstr (twelve, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("12%s00", separator);
  g_assert_cmpstr (whole, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("0%s05", separator);
  g_assert_cmpstr (small, ==, expected);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = ms_format_amount_input (values[i]);

      g_assert_true (ms_parse_amount (text, &centimes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (centimes, ==, values[i]);
    }

  /* The examples in messages are written the UI's way too. */
  g_assert_false (ms_parse_amount ("abc", &centimes, &error));
  g_assert_nonnull (strstr (error->message, twelve));
}

static void
test_amount_round_trip (void)
{
  with_language ("C", check_amount_round_trip, ",");
  with_language ("fr", check_amount_round_trip, ",");
  with_language ("ar", check_amount_round_trip, ",");
}

static void
test_amount_schema_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *largest = ms_format_amount_input (MS_MAX_AMOUNT_CENTIMES);
  g_autofree char *json = NULL;
  g_autoptr(MsProcedure) p = NULL;
  gint64 centimes;

  /* The largest amount a person may type is one the sheet format takes,
   * and one centime more is refused by both. */
  g_assert_true (ms_parse_amount (largest, &centimes, &error));
  json = g_strdup_printf ("{\"id\": \"" VALID_ID "\", \"fees\": [{\"id\": \"f1\", "
                          "\"amount_centimes\": %" G_GINT64_FORMAT "}]}", centimes);
  p = ms_procedure_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_clear_object (&p);
  g_free (json);
  json = g_strdup_printf ("{\"id\": \"" VALID_ID "\", \"fees\": [{\"id\": \"f1\", "
                          "\"amount_centimes\": %" G_GINT64_FORMAT "}]}", centimes + 1);
  p = ms_procedure_new_from_data (json, -1, &error);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
  g_assert_null (p);
}

/* Counts {{{1 */

static void
test_count (void)
{
  static const struct {
    const char *text;
    gint64      maximum;
    gint64      value;     /* -1: refused */
  } cases[] = {
    { "0", 60, 0 },
    { "60", 60, 60 },
    { " 30 ", 60, 30 },
    { "\u0663\u0660", 60, 30 },           /* ٣٠ */
    { "\u06f7", 60, 7 },                  /* ۷ */
    { "1 000", 3650, 1000 },
    { "0", 0, 0 },
    { "61", 60, -1 },
    { "1", 0, -1 },
    { "", 60, -1 },
    { " ", 60, -1 },
    { "-1", 60, -1 },
    { "1,5", 60, -1 },
    { "1.0", 60, -1 },
    { "abc", 60, -1 },
    { "3 jours", 60, -1 },
    { "1 00", 3650, -1 },
    { "99999999999999999999999", G_MAXINT64, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = UNTOUCHED;
      gboolean ok = ms_parse_count (cases[i].text, cases[i].maximum, &value, &error);

      g_test_message ("%s ≤ %" G_GINT64_FORMAT, cases[i].text, cases[i].maximum);
      if (cases[i].value >= 0)
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          g_assert_cmpint (value, ==, cases[i].value);
        }
      else
        {
          g_autofree char *says = g_strdup_printf ("Type a whole number from 0 to %" G_GINT64_FORMAT,
                                                   cases[i].maximum);

          g_assert_false (ok);
          g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT);
          g_assert_cmpstr (error->message, ==, says);
          g_assert_cmpint (value, ==, UNTOUCHED);
        }
    }
}

/* Dates {{{1 */

static void
test_date (void)
{
  static const struct {
    const char *text;
    const char *iso;       /* NULL: refused */
    const char *says;
  } cases[] = {
    { "2021-04-21", "2021-04-21", NULL },
    { " 2024-02-29\n", "2024-02-29", NULL },
    { "2000-02-29", "2000-02-29", NULL },
    { "\u0662\u0660\u0662\u0661-\u0660\u0664-\u0662\u0661", "2021-04-21", NULL },
    { "\u06f2\u06f0\u06f2\u06f1-\u06f0\u06f4-\u06f2\u06f1", "2021-04-21", NULL },
    { "0001-01-01", "0001-01-01", NULL },
    { "9999-12-31", "9999-12-31", NULL },
    { "2023-02-29", NULL, "There is no 29 February 2023" },
    { "1900-02-29", NULL, "There is no 29 February 1900" },
    { "2021-04-31", NULL, "There is no 31 April 2021" },
    { "2021-04-00", NULL, "There is no 0 April 2021" },
    { "2021-13-01", NULL, "There is no month 13" },
    { "2021-00-10", NULL, "There is no month 0" },
    { "0000-01-01", NULL, "There is no year 0" },
    { "", NULL, "Type a date as YYYY-MM-DD" },
    { "21-04-2021", NULL, "Type a date as YYYY-MM-DD" },
    { "2021/04/21", NULL, "Type a date as YYYY-MM-DD" },
    { "2021-4-21", NULL, "Type a date as YYYY-MM-DD" },
    { "2021-04-21x", NULL, "Type a date as YYYY-MM-DD" },
    { "2021-04-2", NULL, "Type a date as YYYY-MM-DD" },
    { "2021 04 21", NULL, "Type a date as YYYY-MM-DD" },
    { "yesterday", NULL, "Type a date as YYYY-MM-DD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      gboolean ok = ms_parse_date (cases[i].text, &iso, &error);

      g_test_message ("%s", cases[i].text);
      if (cases[i].iso != NULL)
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          g_assert_cmpstr (iso, ==, cases[i].iso);
          g_assert_true (ms_date_is_valid (iso));
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT);
          g_assert_nonnull (strstr (error->message, cases[i].says));
          g_assert_null (iso);
        }
    }
}

/* The JSON form and the editor agree on what a date is. */
static void
test_date_shared_with_json (void)
{
  static const struct {
    const char *date;
    gboolean    valid;
  } cases[] = {
    { "2024-02-29", TRUE },
    { "2023-02-29", FALSE },
    { "2021-04-31", FALSE },
    { "2021-13-01", FALSE },
    { "0000-01-01", FALSE },
    { "2021-04-21 ", FALSE },     /* the stored form is never trimmed */
    { "\u0662\u0660\u0662\u0661-\u0660\u0664-\u0662\u0661", FALSE },   /* nor folded */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = g_strdup_printf ("{\"id\": \"" VALID_ID "\", \"effective_date\": \"%s\"}",
                                               cases[i].date);
      g_autoptr(MsProcedure) p = ms_procedure_new_from_data (json, -1, &error);

      g_test_message ("%s", cases[i].date);
      g_assert_cmpint (ms_date_is_valid (cases[i].date), ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (p->effective_date, ==, cases[i].date);
        }
      else
        {
          g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
          g_assert_null (p);
        }
    }
}

/* Path labels {{{1 */

static void
test_path_labels (void)
{
  static const struct {
    const char *path;
    const char *label;
  } cases[] = {
    { "documents[1].copies", "Document 2 › Copies" },
    { "title.ar", "Title › Arabic" },
    { "title.zgh", "Title › Amazigh" },
    { "legal_basis[0].date", "Legal reference 1 › Date" },
    { "fees[2].legal_basis", "Fee 3 › Legal references" },
    { "fees[0].legal_basis[1]", "Fee 1 › Cited reference 2" },
    { "fees[0].amount_centimes", "Fee 1 › Amount (dirhams)" },
    { "extension.reason", "Extension of the deadline › Reason" },
    { "appeal.text.fr", "Appeal › How to appeal › French" },
    { "silence_is_acceptance", "Silence means acceptance" },
    { "deadline_days", "Answer deadline (days)" },
    { "contact.email", "Contact › Email" },
    { "contact.url", "Contact › Website" },
    { "forms[0].url", "Form 1 › Web address" },
    { "channels[3].url", "Channel 4 › Web address" },
    { "steps[0].title.en", "Step 1 › Title › English" },
    { "receiving[0]", "Receiving service 1" },
    { "receiving[0].fr", "Receiving service 1 › French" },
    { "conditions[4].ar", "Condition 5 › Arabic" },
    { "audiences[1]", "Audience 2" },
    { "output.validity_days", "Act obtained › Validity (days)" },
    { "output.name.ar", "Act obtained › Name › Arabic" },
    { "approval_decision.body", "Approval decision › Approving body" },
    { "documents[2].name.zgh", "Document 3 › Name › Amazigh" },
    { "documents[0].legal_basis[0]", "Document 1 › Cited reference 1" },
    { "documents", "Documents" },
    { "documents.copies", "Documents › Copies" },
    { "documents[999999999]", "Document 1000000000" },
    /* Unknown members are shown as written. */
    { "frobnicate", "frobnicate" },
    { "documents[0].frobnicate", "Document 1 › frobnicate" },
    { "frob.ar", "frob › Arabic" },
    { "code.ar", "Reference code › ar" },
    { "title.ar.fr", "Title › Arabic › fr" },
    { "title.de", "Title › de" },
    /* Malformed paths still read. */
    { "documents[", "documents[" },
    { "documents[]", "documents[]" },
    { "documents[x].copies", "documents[x] › copies" },
    { "documents[1]]", "documents[1]]" },
    { "documents[1][2]", "documents[1][2]" },
    { "documents]1[", "documents]1[" },
    { "[9999999999]", "[9999999999]" },
    { "documents[9999999999].copies", "documents[9999999999] › copies" },
    { "title[0]", "Title [0]" },
    { "a..b", "a › b" },
    { ".title.", "Title" },
    { "", "Whole sheet" },
    { "...", "Whole sheet" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = ms_path_to_label (cases[i].path);

      g_test_message ("%s", cases[i].path);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_field_labels (void)
{
  g_assert_cmpstr (ms_field_label ("deadline_days"), ==, "Answer deadline (days)");
  g_assert_cmpstr (ms_field_label ("title"), ==, "Title");
  /* Not at the top level: the first object that has it. */
  g_assert_cmpstr (ms_field_label ("copies"), ==, "Copies");
  g_assert_cmpstr (ms_field_label ("email"), ==, "Email");
  g_assert_null (ms_field_label ("frobnicate"));
  g_assert_null (ms_field_label (""));

  g_assert_cmpstr (ms_field_label_in (NULL, "legal_basis"), ==, "Legal references");
  g_assert_cmpstr (ms_field_label_in ("contact", "url"), ==, "Website");
  g_assert_cmpstr (ms_field_label_in ("forms", "url"), ==, "Web address");
  g_assert_cmpstr (ms_field_label_in ("approval_decision", "date"), ==, "Date");
  g_assert_null (ms_field_label_in ("contact", "copies"));
  g_assert_null (ms_field_label_in ("code", "url"));
  g_assert_null (ms_field_label_in ("frobnicate", "url"));

  /* The caption of a field and the last part of its path's label agree. */
  {
    g_autofree char *label = ms_path_to_label ("documents[0].sworn_statement_allowed");

    g_assert_true (g_str_has_suffix (label, ms_field_label_in ("documents", "sworn_statement_allowed")));
  }
}

static void
assert_captioned (const char *parent,
                  const char *member)
{
  const char *label = ms_field_label_in (parent, member);

  g_test_message ("%s.%s", parent != NULL ? parent : "", member);
  g_assert_nonnull (label);
  g_assert_cmpstr (label, !=, "");
  g_assert_null (strchr (label, '_'));
}

/* Every member of data/schema/procedure.schema.json, at the top level and
 * inside objects and list items, has a caption. */
static void
test_every_member_has_a_caption (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MASATIR_DATADIR"), "schema",
                                            "procedure.schema.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *properties;
  guint n_nested = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  properties = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "properties");
  members = json_object_get_members (properties);
  g_assert_cmpuint (g_list_length (members), >, 30);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *schema = json_object_get_object_member (properties, l->data);
      JsonObject *object = schema;
      JsonObject *nested;

      assert_captioned (NULL, l->data);
      if (json_object_has_member (schema, "items")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (schema, "items")))
        object = json_object_get_object_member (schema, "items");
      if (!json_object_has_member (object, "properties"))
        continue;
      nested = json_object_get_object_member (object, "properties");
      {
        g_autoptr(GList) children = json_object_get_members (nested);

        for (GList *c = children; c != NULL; c = c->next, n_nested++)
          assert_captioned (l->data, c->data);
      }
    }
  /* document, form, step, fee, channel, legal reference, output,
   * extension, appeal, approval decision and contact were all seen. */
  g_assert_cmpuint (n_nested, ==, 12 + 2 + 4 + 5 + 3 + 7 + 2 + 3 + 2 + 3 + 3);
}

/* Every place the validator reports has a label with no raw member name. */
static void
test_every_issue_path_has_a_label (void)
{
  g_autoptr(GError) error = NULL;
  MsValidator *validator = ms_validator_get_default (&error);
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GDir) demo = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name;
  /* Something wrong in every part the rules read. */
  static const char bad[] =
    "{\"id\": \"" VALID_ID "\", \"title\": {\"fr\": \"شهادة\"}, \"deadline_days\": 90,"
    " \"investment_act\": true, \"silence_is_acceptance\": true,"
    " \"receiving\": [{\"fr\": \"Guichet\"}],"
    " \"documents\": [{\"id\": \"d1\", \"name\": {\"fr\": \"Copie certifiée conforme, etc.\"},"
    "   \"copies\": 2, \"certified\": true, \"issuer\": \"other_administration\"},"
    "  {\"id\": \"d2\", \"name\": {\"fr\": \"Copie certifiée conforme, etc.\"}, \"provided_by\": \"user\"}],"
    " \"fees\": [{\"id\": \"f1\", \"amount_centimes\": 100, \"legal_basis\": [\"nowhere\"]}],"
    " \"channels\": [{\"kind\": \"online\", \"url\": \"http://x\"}],"
    " \"legal_basis\": [{\"id\": \"l1\"}], \"output\": {},"
    " \"approval_decision\": {\"body\": \"interior_ministry\"}, \"admin_level\": \"central\","
    " \"review_due\": \"2001-01-01\"}";

  g_assert_no_error (error);
  g_assert_nonnull (validator);
  g_ptr_array_add (sheets, ms_procedure_new_from_data (bad, -1, &error));
  g_assert_no_error (error);
  g_ptr_array_add (sheets, ms_procedure_new (VALID_ID));
  while ((name = g_dir_read_name (demo)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_ptr_array_add (sheets, ms_procedure_new_from_file (file, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < sheets->len; i++)
    {
      g_autoptr(GPtrArray) issues = ms_validator_check (validator, g_ptr_array_index (sheets, i));

      for (guint j = 0; j < issues->len; j++)
        {
          const MsIssue *issue = g_ptr_array_index (issues, j);

          g_hash_table_add (paths, g_strdup (issue->path));
        }
    }
  /* Enough different places to mean something. */
  g_assert_cmpuint (g_hash_table_size (paths), >=, 15);

  {
    GHashTableIter iter;
    const char *path;

    g_hash_table_iter_init (&iter, paths);
    while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
      {
        g_autofree char *label = ms_path_to_label (path);

        g_test_message ("%s → %s", path, label);
        g_assert_null (strchr (label, '_'));
        g_assert_null (strchr (label, '['));
        g_assert_null (strchr (label, '.'));
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input/amount/accepted", test_amount_accepted);
  g_test_add_func ("/input/amount/refused", test_amount_refused);
  g_test_add_func ("/input/amount/round-trip", test_amount_round_trip);
  g_test_add_func ("/input/amount/schema-limit", test_amount_schema_limit);
  g_test_add_func ("/input/count", test_count);
  g_test_add_func ("/input/date", test_date);
  g_test_add_func ("/input/date/shared-with-json", test_date_shared_with_json);
  g_test_add_func ("/path-label/paths", test_path_labels);
  g_test_add_func ("/path-label/fields", test_field_labels);
  g_test_add_func ("/path-label/every-member", test_every_member_has_a_caption);
  g_test_add_func ("/path-label/every-issue-path", test_every_issue_path_has_a_label);

  return g_test_run ();
}

/* vim: set foldmethod=marker: */
