/* test-procedure.c — the sheet model and its JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-core-error.h"
#include "ms-procedure.h"

#define VALID_ID "0f8e4c2a-6d1b-4f3e-9a57-2c1d8b9e7a10"

static char *
demo_dir (void)
{
  return g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
}

/* load → save → load gives an equal sheet, and saving again gives the same
 * bytes: the JSON form is lossless and stable. */
static void
assert_round_trip (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) first = ms_procedure_new_from_file (path, &error);
  g_autoptr(MsProcedure) second = NULL;
  g_autoptr(MsProcedure) copy = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);

  saved = ms_procedure_to_data (first, NULL);
  second = ms_procedure_new_from_data (saved, -1, &error);
  g_assert_no_error (error);
  g_assert_true (ms_procedure_equal (first, second));
  saved_again = ms_procedure_to_data (second, NULL);
  g_assert_cmpstr (saved, ==, saved_again);

  /* Nothing in the file was dropped: the saved tree equals the file's tree
   * (json_node_equal ignores member order). */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  original = json_from_string (contents, &error);
  g_assert_no_error (error);
  written = json_from_string (saved, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (original, written));

  copy = ms_procedure_copy (first);
  g_assert_true (copy != first);
  g_assert_true (ms_procedure_equal (first, copy));
}

static void
test_round_trip_demo (void)
{
  g_autofree char *dir = demo_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_test_message ("%s", name);
      assert_round_trip (path);
      n++;
    }
  g_assert_cmpuint (n, >=, 25);
}

static void
test_round_trip_full (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full-sheet.json", NULL);
  g_autoptr(MsProcedure) p = ms_procedure_new_from_file (path, NULL);

  assert_round_trip (path);

  g_assert_nonnull (p);
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_ZGH), ==, "ⵜⴰⵙⵏⴰⴷⵜ");
  g_assert_cmpint (p->act_kind, ==, MS_ACT_KIND_LICENCE);
  g_assert_cmpuint (p->audiences->len, ==, 3);
  g_assert_cmpint (p->deadline_days, ==, 0);
  g_assert_cmpint (p->investment_act, ==, MS_BOOL_TRUE);
  g_assert_cmpint (p->complement_step, ==, MS_BOOL_FALSE);
  g_assert_cmpuint (p->documents->len, ==, 2);
  g_assert_cmpint (((MsDocument *) p->documents->pdata[0])->issuer, ==, MS_ISSUER_OTHER_ADMINISTRATION);
  g_assert_cmpint (((MsDocument *) p->documents->pdata[1])->copies, ==, -1);
  g_assert_nonnull (p->delivering);
  g_assert_cmpuint (p->delivering->len, ==, 0);
  g_assert_cmpint (((MsFee *) p->fees->pdata[0])->amount_centimes, ==, 0);
  g_assert_cmpint (p->revision, ==, 3);
}

/* Absent and empty are different statements in a sheet ("fees" absent: not
 * documented; empty: free), and "false" differs from absent. */
static void
test_absent_is_not_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) bare = ms_procedure_new_from_data ("{\"id\": \"" VALID_ID "\"}", -1, &error);
  g_autoptr(MsProcedure) free_sheet = NULL;
  g_autofree char *bare_json = NULL;

  g_assert_no_error (error);
  g_assert_null (bare->fees);
  g_assert_null (bare->title);
  g_assert_cmpint (bare->deadline_days, ==, -1);
  g_assert_cmpint (bare->silence_is_acceptance, ==, MS_BOOL_UNSET);
  bare_json = ms_procedure_to_data (bare, NULL);
  g_assert_cmpstr (bare_json, ==, "{\n  \"id\" : \"" VALID_ID "\"\n}\n");

  free_sheet = ms_procedure_new_from_data ("{\"id\": \"" VALID_ID "\", \"fees\": [],"
                                           " \"silence_is_acceptance\": false}", -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (free_sheet->fees);
  g_assert_cmpint (free_sheet->silence_is_acceptance, ==, MS_BOOL_FALSE);
  g_assert_false (ms_procedure_equal (bare, free_sheet));
}

typedef struct {
  const char *name;
  const char *json;
  int         code;
  const char *expect;   /* must appear in the message: the JSON path */
} BadInput;

static const BadInput bad_inputs[] = {
  { "not-json", "{\"id\": ", MS_CORE_ERROR_PARSE, "not valid JSON" },
  { "empty", "", MS_CORE_ERROR_PARSE, "empty" },
  { "not-object", "[1, 2]", MS_CORE_ERROR_FORMAT, "expected an object" },
  { "missing-id", "{\"code\": \"X\"}", MS_CORE_ERROR_FORMAT, "“id” is missing" },
  { "bad-id", "{\"id\": \"abc\"}", MS_CORE_ERROR_FORMAT, "id: expected a lowercase UUID" },
  { "wrong-type-title", "{\"id\": \"" VALID_ID "\", \"title\": \"Certificat\"}",
    MS_CORE_ERROR_FORMAT, "title: expected an object" },
  { "wrong-type-text", "{\"id\": \"" VALID_ID "\", \"title\": {\"ar\": 5}}",
    MS_CORE_ERROR_FORMAT, "title.ar: expected text" },
  { "unknown-language", "{\"id\": \"" VALID_ID "\", \"title\": {\"de\": \"Bescheinigung\"}}",
    MS_CORE_ERROR_FORMAT, "title: unknown member “de”" },
  { "empty-localized", "{\"id\": \"" VALID_ID "\", \"summary\": {}}",
    MS_CORE_ERROR_FORMAT, "summary: the text is given in no language" },
  { "unknown-enum", "{\"id\": \"" VALID_ID "\", \"act_kind\": \"permission\"}",
    MS_CORE_ERROR_FORMAT, "act_kind: “permission” is not one of" },
  { "unknown-enum-nested", "{\"id\": \"" VALID_ID "\", \"documents\": [{\"id\": \"d1\"},"
    " {\"id\": \"d2\", \"provided_by\": \"citizen\"}]}",
    MS_CORE_ERROR_FORMAT, "documents[1].provided_by" },
  { "unknown-member", "{\"id\": \"" VALID_ID "\", \"deadline\": 30}",
    MS_CORE_ERROR_FORMAT, "unknown member “deadline”" },
  { "unknown-member-nested", "{\"id\": \"" VALID_ID "\", \"fees\": [{\"id\": \"f1\", \"amount\": 5}]}",
    MS_CORE_ERROR_FORMAT, "fees[0]: unknown member “amount”" },
  { "string-for-int", "{\"id\": \"" VALID_ID "\", \"documents\": [{\"id\": \"d1\", \"copies\": \"2\"}]}",
    MS_CORE_ERROR_FORMAT, "documents[0].copies: expected an integer" },
  { "float-money", "{\"id\": \"" VALID_ID "\", \"fees\": [{\"id\": \"f1\", \"amount_centimes\": 75.5}]}",
    MS_CORE_ERROR_FORMAT, "fees[0].amount_centimes: expected an integer" },
  { "negative-deadline", "{\"id\": \"" VALID_ID "\", \"deadline_days\": -3}",
    MS_CORE_ERROR_FORMAT, "deadline_days: -3 is out of range" },
  { "zero-copies", "{\"id\": \"" VALID_ID "\", \"documents\": [{\"id\": \"d1\", \"copies\": 0}]}",
    MS_CORE_ERROR_FORMAT, "documents[0].copies" },
  { "huge-integer", "{\"id\": \"" VALID_ID "\", \"deadline_days\": 123456789012345678901234}",
    MS_CORE_ERROR_FORMAT, "deadline_days: not an integer" },
  { "duplicate-member", "{\"id\": \"" VALID_ID "\", \"code\": \"A\", \"code\": \"B\"}",
    MS_CORE_ERROR_PARSE, "line 1, column 61: not valid JSON: duplicate member name “code”" },
  { "lone-surrogate", "{\"id\": \"" VALID_ID "\", \"title\": {\"fr\": \"\\ud800\"}}",
    MS_CORE_ERROR_PARSE, "not valid JSON" },
  { "bad-date", "{\"id\": \"" VALID_ID "\", \"review_due\": \"2026-02-30\"}",
    MS_CORE_ERROR_FORMAT, "review_due: expected a date" },
  { "bool-as-string", "{\"id\": \"" VALID_ID "\", \"investment_act\": \"yes\"}",
    MS_CORE_ERROR_FORMAT, "investment_act: expected true or false" },
  { "null-member", "{\"id\": \"" VALID_ID "\", \"appeal\": null}",
    MS_CORE_ERROR_FORMAT, "appeal: expected an object, found null" },
  { "bad-code", "{\"id\": \"" VALID_ID "\", \"themes\": [\"Civil Status\"]}",
    MS_CORE_ERROR_FORMAT, "themes[0]" },
  { "invalid-utf8", "{\"id\": \"" VALID_ID "\", \"title\": {\"fr\": \"caf\xe9\"}}",
    MS_CORE_ERROR_PARSE, "line 1, column 68: not valid JSON: not valid UTF-8" },
  { "nul-escape", "{\"id\": \"" VALID_ID "\", \"title\": {\"fr\": \"a\\u0000b\"}}",
    MS_CORE_ERROR_PARSE, "\\u0000 is not supported" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) p = ms_procedure_new_from_data (bad->json, -1, &error);

  g_assert_null (p);
  g_assert_error (error, MS_CORE_ERROR, bad->code);
  g_test_message ("%s: %s", bad->name, error->message);
  if (strstr (error->message, bad->expect) == NULL)
    g_error ("%s: “%s” does not mention “%s”", bad->name, error->message, bad->expect);
}

static void
test_every_problem_reported (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  list = ms_procedure_list_from_data ("[{\"id\": \"" VALID_ID "\"},"
                                      " {\"id\": \"" VALID_ID "\", \"x\": 1, \"deadline_days\": \"30\"}]",
                                      -1, &problems, &error);
  g_assert_null (list);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (problems->pdata[0], ==, "[1]: unknown member “x”");
  g_assert_true (g_str_has_prefix (problems->pdata[1], "[1].deadline_days: expected an integer"));
  g_assert_nonnull (strstr (error->message, "and 1 more problem"));
}

static void
test_huge_string (void)
{
  gsize n = 10 * 1024 * 1024;
  g_autoptr(GString) json = g_string_sized_new (n + 100);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) p = NULL;

  g_string_append (json, "{\"id\": \"" VALID_ID "\", \"summary\": {\"fr\": \"");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (json, 'a');
  g_string_append (json, "\"}}");

  p = ms_procedure_new_from_data (json->str, json->len, &error);
  g_assert_null (p);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "summary.fr: the text has 10485760 characters"));
}

static void
test_many_documents (void)
{
  g_autoptr(GString) json = g_string_new ("{\"id\": \"" VALID_ID "\", \"documents\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) p = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (json, "%s{\"id\": \"d%u\", \"copies\": 1}", i > 0 ? "," : "", i);
  g_string_append (json, "]}");

  p = ms_procedure_new_from_data (json->str, json->len, &error);
  g_assert_null (p);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "documents: 100000 items, at most 500 are allowed");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) p = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (json, '[');
  p = ms_procedure_new_from_data (json->str, json->len, &error);
  g_assert_null (p);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested deeper than 64 levels"));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) p = ms_procedure_new_from_file ("/nonexistent/sheet.json", &error);

  g_assert_null (p);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO);
}

static void
test_enum_nicks (void)
{
  for (MsEnumType t = 0; t < MS_N_ENUMS; t++)
    {
      g_assert_null (ms_enum_to_nick (t, 0));
      for (int v = 1; ms_enum_to_nick (t, v) != NULL; v++)
        g_assert_cmpint (ms_enum_from_nick (t, ms_enum_to_nick (t, v)), ==, v);
      g_assert_cmpint (ms_enum_from_nick (t, "no-such-value"), ==, 0);
    }
}

/* Merge {{{1 */

#define OTHER_ID "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"

static MsProcedure *
sheet_with (const char *id,
            const char *members)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\"%s%s}", id, *members != '\0' ? ", " : "",
                                           members);
  MsProcedure *p = ms_procedure_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

typedef struct {
  const char *name;
  const char *base, *mine, *theirs;
  const char *expected;
  const char *conflicts;   /* space-separated, schema order */
} MergeCase;

static const MergeCase merges[] = {
  { "nothing-changed",
    "\"code\": \"A\"", "\"code\": \"A\"", "\"code\": \"A\"", "\"code\": \"A\"", "" },
  { "disjoint-edits",
    "\"code\": \"A\", \"deadline_days\": 30",
    "\"code\": \"B\", \"deadline_days\": 30",
    "\"code\": \"A\", \"deadline_days\": 15",
    "\"code\": \"B\", \"deadline_days\": 15", "" },
  { "same-edit-both-sides",
    "\"code\": \"A\"", "\"code\": \"B\"", "\"code\": \"B\"", "\"code\": \"B\"", "" },
  { "conflicting-edits",
    "\"title\": {\"fr\": \"T\"}, \"code\": \"A\", \"appeal\": {\"text\": {\"fr\": \"a\"}}",
    "\"title\": {\"fr\": \"Mine\"}, \"code\": \"A\", \"appeal\": {\"text\": {\"fr\": \"b\"}}",
    "\"title\": {\"fr\": \"Theirs\"}, \"code\": \"Z\", \"appeal\": {\"text\": {\"fr\": \"c\"}}",
    "\"title\": {\"fr\": \"Mine\"}, \"code\": \"Z\", \"appeal\": {\"text\": {\"fr\": \"b\"}}",
    "title appeal" },
  /* A member is one value: changes to different parts of it still conflict. */
  { "nested-member-is-one-value",
    "\"contact\": {\"phone\": \"1\", \"email\": \"a@b.ma\"}",
    "\"contact\": {\"phone\": \"2\", \"email\": \"a@b.ma\"}",
    "\"contact\": {\"phone\": \"1\", \"email\": \"c@d.ma\"}",
    "\"contact\": {\"phone\": \"2\", \"email\": \"a@b.ma\"}", "contact" },
  { "mine-removed",
    "\"contact\": {\"phone\": \"1\"}", "", "\"contact\": {\"phone\": \"1\"}", "", "" },
  { "mine-removed-theirs-changed",
    "\"contact\": {\"phone\": \"1\"}", "", "\"contact\": {\"phone\": \"2\"}", "", "contact" },
  { "theirs-removed",
    "\"contact\": {\"phone\": \"1\"}", "\"contact\": {\"phone\": \"1\"}", "", "", "" },
  { "theirs-removed-mine-changed",
    "\"contact\": {\"phone\": \"1\"}", "\"contact\": {\"phone\": \"2\"}", "",
    "\"contact\": {\"phone\": \"2\"}", "contact" },
  { "both-removed",
    "\"code\": \"A\"", "", "", "", "" },
  { "mine-added",
    "", "\"summary\": {\"fr\": \"x\"}", "", "\"summary\": {\"fr\": \"x\"}", "" },
  { "both-added-differently",
    "", "\"summary\": {\"fr\": \"x\"}", "\"summary\": {\"fr\": \"y\"}", "\"summary\": {\"fr\": \"x\"}",
    "summary" },
  /* "said false" is not "not said" (MsBool). */
  { "false-is-not-absent",
    "", "\"investment_act\": false", "", "\"investment_act\": false", "" },
  { "empty-list-is-not-absent",
    "\"fees\": [{\"id\": \"f1\"}]", "\"fees\": []", "\"fees\": [{\"id\": \"f1\"}]", "\"fees\": []", "" },
  { "list-edited-one-side",
    "\"code\": \"A\", \"documents\": [{\"id\": \"d1\", \"copies\": 1}]",
    "\"code\": \"B\", \"documents\": [{\"id\": \"d1\", \"copies\": 1}]",
    "\"code\": \"A\", \"documents\": [{\"id\": \"d1\", \"copies\": 1}, {\"id\": \"d2\"}]",
    "\"code\": \"B\", \"documents\": [{\"id\": \"d1\", \"copies\": 1}, {\"id\": \"d2\"}]", "" },
  { "different-lists-edited",
    "\"documents\": [{\"id\": \"d1\"}], \"fees\": [{\"id\": \"f1\", \"amount_centimes\": 100}]",
    "\"documents\": [{\"id\": \"d1\", \"copies\": 1}], \"fees\": [{\"id\": \"f1\", \"amount_centimes\": 100}]",
    "\"documents\": [{\"id\": \"d1\"}], \"fees\": [{\"id\": \"f1\", \"amount_centimes\": 200}]",
    "\"documents\": [{\"id\": \"d1\", \"copies\": 1}], \"fees\": [{\"id\": \"f1\", \"amount_centimes\": 200}]",
    "" },
  /* Two people changing different documents of the list is a conflict:
   * a mix of two lists is a list nobody wrote. */
  { "list-edited-both-sides",
    "\"documents\": [{\"id\": \"d1\", \"copies\": 1}]",
    "\"documents\": [{\"id\": \"d1\", \"copies\": 2}]",
    "\"documents\": [{\"id\": \"d1\", \"copies\": 1}, {\"id\": \"d2\"}]",
    "\"documents\": [{\"id\": \"d1\", \"copies\": 2}]", "documents" },
  { "list-reordered-is-a-change",
    "\"themes\": [\"a\", \"b\"]", "\"themes\": [\"b\", \"a\"]", "\"themes\": [\"a\", \"b\"]",
    "\"themes\": [\"b\", \"a\"]", "" },
  { "store-members-too",
    "\"revision\": 3", "\"revision\": 3", "\"revision\": 4", "\"revision\": 4", "" },
};

static void
test_merge (gconstpointer data)
{
  const MergeCase *c = data;
  g_autoptr(MsProcedure) base = sheet_with (VALID_ID, c->base);
  g_autoptr(MsProcedure) mine = sheet_with (VALID_ID, c->mine);
  g_autoptr(MsProcedure) theirs = sheet_with (VALID_ID, c->theirs);
  g_autoptr(MsProcedure) expected = sheet_with (VALID_ID, c->expected);
  g_autoptr(MsProcedure) base_before = ms_procedure_copy (base);
  g_autoptr(MsProcedure) mine_before = ms_procedure_copy (mine);
  g_autoptr(MsProcedure) theirs_before = ms_procedure_copy (theirs);
  g_autoptr(MsProcedure) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merged_data = NULL;
  g_autofree char *expected_data = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  merged = ms_procedure_merge (base, mine, theirs, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merged);
  g_assert_true (merged != base && merged != mine && merged != theirs);
  merged_data = ms_procedure_to_data (merged, NULL);
  expected_data = ms_procedure_to_data (expected, NULL);
  g_assert_cmpstr (merged_data, ==, expected_data);
  g_assert_true (ms_procedure_equal (merged, expected));

  g_assert_nonnull (conflicts);
  for (guint i = 0; i < conflicts->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (conflicts, i));
  g_assert_cmpstr (names->str, ==, c->conflicts);

  /* The three versions are read, not changed. */
  g_assert_true (ms_procedure_equal (base, base_before));
  g_assert_true (ms_procedure_equal (mine, mine_before));
  g_assert_true (ms_procedure_equal (theirs, theirs_before));

  /* Without @conflicts the result is the same. */
  g_clear_object (&merged);
  merged = ms_procedure_merge (base, mine, theirs, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ms_procedure_equal (merged, expected));
}

static void
test_merge_other_sheet (void)
{
  g_autoptr(MsProcedure) base = sheet_with (VALID_ID, "\"code\": \"A\"");
  g_autoptr(MsProcedure) same = sheet_with (VALID_ID, "\"code\": \"B\"");
  g_autoptr(MsProcedure) other = sheet_with (OTHER_ID, "\"code\": \"A\"");
  MsProcedure *orders[][3] = {
    { base, same, other },
    { base, other, same },
    { other, base, same },
  };

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *conflicts = NULL;
      MsProcedure *merged = ms_procedure_merge (orders[i][0], orders[i][1], orders[i][2],
                                                &conflicts, &error);

      g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_MISMATCH);
      g_assert_null (merged);
      g_assert_null (conflicts);
    }
}

/* A demo sheet merged with edits on both sides, through the real model. */
static void
test_merge_demo (void)
{
  g_autofree char *dir = demo_dir ();
  g_autofree char *path = g_build_filename (dir, "building-permit.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) base = ms_procedure_new_from_file (path, &error);
  g_autoptr(MsProcedure) mine = NULL;
  g_autoptr(MsProcedure) theirs = NULL;
  g_autoptr(MsProcedure) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  g_assert_no_error (error);
  mine = ms_procedure_copy (base);
  theirs = ms_procedure_copy (base);
  mine->deadline_days = 12;
  if (mine->contact != NULL)
    {
      g_free (mine->contact->phone);
      g_free (mine->contact->email);
      g_free (mine->contact->url);
      g_clear_pointer (&mine->contact, g_free);
    }
  theirs->complement_step = theirs->complement_step == MS_BOOL_TRUE ? MS_BOOL_FALSE : MS_BOOL_TRUE;
  g_ptr_array_remove_index (theirs->documents, 0);

  merged = ms_procedure_merge (base, mine, theirs, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpint (merged->deadline_days, ==, 12);
  g_assert_null (merged->contact);
  g_assert_cmpint (merged->complement_step, ==, theirs->complement_step);
  g_assert_cmpuint (merged->documents->len, ==, base->documents->len - 1);
  g_assert_cmpstr (merged->title->text[MS_LANG_FR], ==, base->title->text[MS_LANG_FR]);
}

/* Merging another source's version: one rule for every field. */
typedef struct {
  const char *name;
  const char *current, *incoming;
  gboolean    prefer_incoming;
  const char *expected;
  const char *conflicts;   /* space-separated paths, in order */
} IncomingCase;

static const IncomingCase incoming_merges[] = {
  { "language-added", "\"title\": {\"ar\": \"شهادة\"}", "\"title\": {\"fr\": \"Certificat\"}", FALSE,
    "\"title\": {\"ar\": \"شهادة\", \"fr\": \"Certificat\"}", "" },
  { "same-language-other-text", "\"title\": {\"fr\": \"Certificat\"}", "\"title\": {\"fr\": \"Attestation\"}", FALSE,
    "\"title\": {\"fr\": \"Certificat\"}", "title.fr" },
  { "same-language-prefer-incoming", "\"title\": {\"fr\": \"Certificat\"}", "\"title\": {\"fr\": \"Attestation\"}", TRUE,
    "\"title\": {\"fr\": \"Attestation\"}", "title.fr" },
  { "neutral-value", "\"deadline_days\": 30, \"output\": {\"validity_days\": 90}",
    "\"deadline_days\": 15, \"output\": {\"validity_days\": 90, \"name\": {\"fr\": \"Permis\"}}", FALSE,
    "\"deadline_days\": 30, \"output\": {\"validity_days\": 90, \"name\": {\"fr\": \"Permis\"}}", "deadline_days" },
  { "absent-is-added", "", "\"complement_step\": true, \"deadline_working_days\": true", FALSE,
    "\"complement_step\": true, \"deadline_working_days\": true", "" },
  { "free-against-a-price", "\"fees\": []", "\"fees\": [{\"id\": \"f1\", \"amount_centimes\": 6000}]", FALSE,
    "\"fees\": []", "fees" },
  { "price-against-a-price", "\"fees\": [{\"id\": \"f1\", \"amount_centimes\": 500, \"per_unit\": {\"ar\": \"صفحة\"}}]",
    "\"fees\": [{\"id\": \"f1\", \"amount_centimes\": 600, \"per_unit\": {\"fr\": \"page\"}}]", FALSE,
    "\"fees\": [{\"id\": \"f1\", \"amount_centimes\": 500, \"per_unit\": {\"ar\": \"صفحة\", \"fr\": \"page\"}}]",
    "fees[0].amount_centimes" },
  { "documents-by-id", "\"documents\": [{\"id\": \"d1\", \"name\": {\"ar\": \"طلب\"}}, {\"id\": \"d2\", \"name\": {\"ar\": \"صورة\"}}]",
    "\"documents\": [{\"id\": \"d2\", \"name\": {\"fr\": \"Photo\"}}, {\"id\": \"d1\", \"name\": {\"fr\": \"Demande\"}}]", FALSE,
    "\"documents\": [{\"id\": \"d1\", \"name\": {\"ar\": \"طلب\", \"fr\": \"Demande\"}}, {\"id\": \"d2\", \"name\": {\"ar\": \"صورة\", \"fr\": \"Photo\"}}]",
    "" },
  { "documents-count", "\"documents\": [{\"id\": \"d1\", \"name\": {\"ar\": \"طلب\"}}]",
    "\"documents\": [{\"id\": \"d1\", \"name\": {\"fr\": \"Demande\"}}, {\"id\": \"d3\", \"name\": {\"fr\": \"Plan\"}}]", FALSE,
    "\"documents\": [{\"id\": \"d1\", \"name\": {\"ar\": \"طلب\", \"fr\": \"Demande\"}}]", "documents" },
  { "documents-count-prefer-incoming", "\"documents\": [{\"id\": \"d1\", \"name\": {\"ar\": \"طلب\"}}]",
    "\"documents\": [{\"id\": \"d1\", \"name\": {\"fr\": \"Demande\"}}, {\"id\": \"d3\", \"name\": {\"fr\": \"Plan\"}}]", TRUE,
    "\"documents\": [{\"id\": \"d1\", \"name\": {\"ar\": \"طلب\", \"fr\": \"Demande\"}}, {\"id\": \"d3\", \"name\": {\"fr\": \"Plan\"}}]",
    "documents" },
  { "services-by-rank", "\"receiving\": [{\"ar\": \"الملحقة الإدارية\"}]", "\"receiving\": [{\"fr\": \"Annexe administrative\"}]", FALSE,
    "\"receiving\": [{\"ar\": \"الملحقة الإدارية\", \"fr\": \"Annexe administrative\"}]", "" },
};

static void
test_merge_incoming (gconstpointer data)
{
  const IncomingCase *c = data;
  g_autoptr(MsProcedure) current = sheet_with (OTHER_ID, c->current);
  g_autoptr(MsProcedure) incoming = sheet_with (OTHER_ID, c->incoming);
  g_autoptr(MsProcedure) expected = sheet_with (OTHER_ID, c->expected);
  g_autoptr(MsProcedure) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) paths = g_string_new (NULL);

  merged = ms_procedure_merge_incoming (current, incoming, c->prefer_incoming, &conflicts, &error);
  g_assert_no_error (error);
  if (!ms_procedure_equal (merged, expected))
    {
      g_autofree char *got = ms_procedure_to_data (merged, NULL);

      g_error ("%s: got %s", c->name, got);
    }
  for (guint i = 0; i < conflicts->len; i++)
    g_string_append_printf (paths, "%s%s", i > 0 ? " " : "", ((MsMergeConflict *) g_ptr_array_index (conflicts, i))->path);
  g_assert_cmpstr (paths->str, ==, c->conflicts);
}

static void
test_merge_incoming_other_sheet (void)
{
  g_autoptr(MsProcedure) a = sheet_with (OTHER_ID, "");
  g_autoptr(MsProcedure) b = sheet_with ("0f8e4c2a-6d1b-4f3e-9a57-2c1d8b9e7a10", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) merged = ms_procedure_merge_incoming (a, b, FALSE, NULL, &error);

  g_assert_null (merged);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_MISMATCH);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/procedure/round-trip/demo", test_round_trip_demo);
  g_test_add_func ("/procedure/round-trip/full", test_round_trip_full);
  g_test_add_func ("/procedure/absent-is-not-empty", test_absent_is_not_empty);
  g_test_add_func ("/procedure/enum-nicks", test_enum_nicks);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/procedure/bad-input/%s", bad_inputs[i].name);

      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }
  g_test_add_func ("/procedure/bad-input/every-problem-reported", test_every_problem_reported);
  g_test_add_func ("/procedure/bad-input/10-mb-string", test_huge_string);
  g_test_add_func ("/procedure/bad-input/100000-documents", test_many_documents);
  g_test_add_func ("/procedure/bad-input/deep-nesting", test_deep_nesting);
  g_test_add_func ("/procedure/bad-input/missing-file", test_missing_file);
  for (guint i = 0; i < G_N_ELEMENTS (merges); i++)
    {
      g_autofree char *path = g_strdup_printf ("/procedure/merge/%s", merges[i].name);

      g_test_add_data_func (path, &merges[i], test_merge);
    }
  g_test_add_func ("/procedure/merge/other-sheet", test_merge_other_sheet);
  g_test_add_func ("/procedure/merge/demo", test_merge_demo);
  for (guint i = 0; i < G_N_ELEMENTS (incoming_merges); i++)
    {
      g_autofree char *path = g_strdup_printf ("/procedure/merge-incoming/%s", incoming_merges[i].name);

      g_test_add_data_func (path, &incoming_merges[i], test_merge_incoming);
    }
  g_test_add_func ("/procedure/merge-incoming/other-sheet", test_merge_incoming_other_sheet);

  return g_test_run ();
}
