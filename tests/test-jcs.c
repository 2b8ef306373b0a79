/* test-jcs.c — RFC 8785 against the published vectors, and the strict reader
 *
 * The vectors are in tests/vectors (public RFC data; tests/vectors/README.md
 * says where each file comes from). A missing vector fails: it never skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-strict-json.h"

/* The contents of a vector file; a missing one fails the test. */
static char *
read_vector (gsize      *length,
             const char *first,
             ...)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "vectors", NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  va_list ap;

  g_ptr_array_add (parts, root);
  va_start (ap, first);
  for (const char *part = first; part != NULL; part = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static double
double_from_hex (const char *hex)
{
  guint64 bits = g_ascii_strtoull (hex, NULL, 16);
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

static char *
canonical_double (double    value,
                  GError  **error)
{
  g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), value);

  return ms_canonical_json (node, NULL, error);
}

static void
test_cyberphone (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;
  gsize input_length, expected_length, length;

  input = read_vector (&input_length, "jcs", "cyberphone-testdata", "input", name, NULL);
  expected = read_vector (&expected_length, "jcs", "cyberphone-testdata", "output", name, NULL);
  canonical = ms_canonical_json_from_data (input, input_length, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (canonical, length, expected, expected_length);
}

static void
test_appendix_b (void)
{
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_checked = 0, n_rejected = 0;

  csv = read_vector (NULL, "jcs", "rfc8785-appendix-b-numbers.csv", NULL);
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 3);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      if (g_strv_length (fields) < 2)
        continue;
      out = canonical_double (double_from_hex (fields[0]), &error);
      if (g_str_has_prefix (fields[1], "ERROR"))
        {
          g_assert_null (out);
          g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
          n_rejected++;
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (out, ==, fields[1]);
        }
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 26);
  g_assert_cmpuint (n_rejected, ==, 2);
}

static void
test_es6_numbers (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_checked = 0;

  text = read_vector (NULL, "jcs", "es6testfile-first10000.generated.txt", NULL);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *comma = strchr (lines[i], ',');
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      if (comma == NULL)
        continue;
      out = canonical_double (double_from_hex (lines[i]), &error);
      g_assert_no_error (error);
      if (g_strcmp0 (out, comma + 1) != 0)
        g_error ("line %u: %s gave %s", i + 1, lines[i], out);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 10000);
}

static void
test_sort_order (void)
{
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) order = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gsize length;
  guint i = 0;

  input = read_vector (&length, "jcs", "rfc8785-3.2.3-sort-input.json", NULL);
  expected = read_vector (NULL, "jcs", "rfc8785-3.2.3-expected-value-order.txt", NULL);
  order = g_strsplit (g_strstrip (expected), "\n", -1);
  canonical = ms_canonical_json_from_data (input, length, &length, &error);
  g_assert_no_error (error);
  node = ms_strict_json_parse (canonical, length, &error);
  g_assert_no_error (error);
  /* The strict reader keeps the order of the text. */
  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", json_node_get_string (value));

      g_assert_nonnull (order[i]);
      g_assert_cmpstr (quoted, ==, g_strstrip (order[i]));
      i++;
    }
  g_assert_cmpuint (i, ==, g_strv_length (order));
}

static void
test_strict_rejects (void)
{
  static const char * const bad[] = {
    "NaN", "[Infinity]", "[-Infinity]", "1e400", "[-1e400]", "{\"a\":1e309}",
    "\"\\ud800\"", "\"\\ud800x\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800\\ud800\"",
    "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"x\":{\"b\":1,\"b\":1}}",
    "\xef\xbb\xbf{}", "\"\xc3\x28\"", "\"\xed\xa0\x80\"", "[1,]", "{\"a\":1,}", "01", "1.", ".5",
    "+1", "-", "1e", "\"a\tb\"", "\"\\x\"", "\"\\u12\"", "[1] [2]", "tru", "nul", "{a:1}",
    "'a'", "", "   ", "\"\\u0000\"", "[1,2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = ms_canonical_json_from_data (bad[i], strlen (bad[i]), NULL, &error);

      if (out != NULL)
        g_error ("accepted %s as %s", bad[i], out);
      g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE);
    }
}

static void
test_strict_depth (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (int i = 0; i < MS_STRICT_JSON_MAX_DEPTH; i++)
    g_string_prepend_c (g_string_append_c (ok, ']'), '[');
  node = ms_strict_json_parse (ok->str, ok->len, &error);
  g_assert_no_error (error);
  deep = g_string_new (ok->str);
  g_string_prepend_c (g_string_append_c (deep, ']'), '[');
  g_assert_null (ms_strict_json_parse (deep->str, deep->len, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deeper"));
}

static void
test_strict_accepts (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { " {\"b\" : [ true , false , null ] , \"a\" : -0 }\r\n", "{\"a\":0,\"b\":[true,false,null]}" },
    { "\"\\ud83d\\ude02\\/\"", "\"\xf0\x9f\x98\x82/\"" },
    { "[123456789012345678, 1234567890123456789, 12345678901234567890, -9223372036854775808]",
      "[123456789012345680,1234567890123456800,12345678901234567000,-9223372036854776000]" },
    { "[1E2, 1e-400, 0.5e1, -1.5E+3]", "[100,0,5,-1500]" },
    { "{\"\\u20ac\":1,\"\\ud83d\\ude00\":2,\"\\ufb33\":3}",
      "{\"\xe2\x82\xac\":1,\"\xf0\x9f\x98\x80\":2,\"\xef\xac\xb3\":3}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = ms_canonical_json_from_data (cases[i].in, strlen (cases[i].in), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_error_position (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ms_strict_json_parse ("{\n  \"é\": 1,\n  \"é\": 2}", 22, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "line 3, column 3"));
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jcs-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *dup = g_build_filename (dir, "dup.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);

  g_assert_true (g_file_set_contents (good, "{ \"b\": 1e2, \"a\": \"x\" }\n", -1, NULL));
  g_assert_true (g_file_set_contents (dup, "{ \"a\": 1, \"a\": 1 }", -1, NULL));
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "canonicalize", good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    /* A final newline, and nothing else after the canonical bytes. */
    g_assert_cmpstr (run.out, ==, "{\"a\":\"x\",\"b\":100}\n");
  }
  {
    g_auto(Run) run = { 0 };

    /* Input with no canonical form is unusable input (design.md §5). */
    run_cli (&run, "canonicalize", dup, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "duplicate member name"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "canonicalize", missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  g_unlink (good);
  g_unlink (dup);
  g_rmdir (dir);
}

/* Long string values without escapes stay in the input; names, short
 * strings and strings with escapes are copied as usual; a failed parse
 * leaves no span behind. */
static void
test_strict_spans (void)
{
  g_autoptr(GHashTable) spans = ms_json_spans_new ();
  g_autofree char *long_text = g_strnfill (MS_JSON_SPAN_MIN, 'A');
  g_autofree char *json = g_strdup_printf ("{\"%s\":\"%s\",\"b\":\"short\",\"c\":\"%s\\n\",\"d\":[\"%s\"]}",
                                           long_text, long_text, long_text, long_text);
  g_autofree char *bad = g_strdup_printf ("[\"%s\",", long_text);
  g_autoptr(JsonNode) root = ms_strict_json_parse_spans (json, strlen (json), spans, NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *text;
  gsize length;

  g_assert_nonnull (root);
  object = json_node_get_object (root);
  /* Two spans: the member "A…A" and the array element; not the name. */
  g_assert_cmpuint (g_hash_table_size (spans), ==, 2);
  text = ms_json_span_string (spans, json_object_get_member (object, long_text), &length);
  g_assert_cmpuint (length, ==, MS_JSON_SPAN_MIN);
  g_assert_true (text > json && text < json + strlen (json));
  g_assert_cmpmem (text, length, long_text, MS_JSON_SPAN_MIN);
  g_assert_cmpstr (json_object_get_string_member (object, long_text), ==, "");
  text = ms_json_span_string (spans, json_object_get_member (object, "b"), &length);
  g_assert_cmpmem (text, length, "short", 5);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "c")), ==, MS_JSON_SPAN_MIN + 1);
  text = ms_json_span_string (spans, json_array_get_element (json_object_get_array_member (object, "d"), 0), &length);
  g_assert_cmpuint (length, ==, MS_JSON_SPAN_MIN);
  g_assert_null (ms_json_span_string (spans, json_object_get_member (object, "d"), &length));

  g_hash_table_remove_all (spans);
  g_assert_null (ms_strict_json_parse_spans (bad, strlen (bad), spans, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE);
  g_assert_cmpuint (g_hash_table_size (spans), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  static const char * const cyberphone[] = {
    "arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cyberphone); i++)
    {
      g_autofree char *path = g_strconcat ("/jcs/cyberphone/", cyberphone[i], NULL);

      g_test_add_data_func (path, cyberphone[i], test_cyberphone);
    }
  g_test_add_func ("/jcs/appendix-b", test_appendix_b);
  g_test_add_func ("/jcs/es6-numbers", test_es6_numbers);
  g_test_add_func ("/jcs/sort-order", test_sort_order);
  g_test_add_func ("/jcs/strict/rejects", test_strict_rejects);
  g_test_add_func ("/jcs/strict/depth", test_strict_depth);
  g_test_add_func ("/jcs/strict/accepts", test_strict_accepts);
  g_test_add_func ("/jcs/strict/error-position", test_error_position);
  g_test_add_func ("/jcs/strict/spans", test_strict_spans);
  g_test_add_func ("/jcs/cli", test_cli);

  return g_test_run ();
}
