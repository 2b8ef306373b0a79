/* test-sheet-scan.c — the bundle's entry scanner against the sheet reader
 *
 * ms_sheet_scan () must give the verdict of the strict parser (with the
 * sheet reader's limits) followed by ms_procedure_new_from_json (), which
 * the verification used before: on the demo sheets, on generated ones,
 * and on tens of thousands of their mutations (bytes replaced, removed,
 * inserted; values swapped for values of other kinds), seeded so that a
 * failure can be run again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-core-error.h"
#include "ms-generate.h"
#include "ms-json-scan.h"
#include "ms-procedure.h"
#include "ms-sheet-scan.h"
#include "ms-strict-json.h"

#define ID "00000001-0000-4000-8000-000000000000"

/* The verdict of the reader the scanner replaces. */
static MsSheetScan
reference (const char *data,
           gsize       length,
           const char *id,
           char      **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = ms_strict_json_parse_full (data, length, ms_procedure_json_limits (), NULL, NULL,
                                                        NULL, &error);
  g_autoptr(MsProcedure) procedure = NULL;

  *message = NULL;
  if (node == NULL)
    {
      *message = g_strdup (error->message);
      return error->code == MS_CORE_ERROR_FORMAT ? MS_SHEET_SCAN_LIMIT : MS_SHEET_SCAN_NOT_JSON;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node) || g_strcmp0 (ms_json_string_member (json_node_get_object (node), "id"), id) != 0)
    return MS_SHEET_SCAN_WRONG_ID;
  if (!(procedure = ms_procedure_new_from_json (node, &error)))
    {
      *message = g_strdup (error->message);
      return MS_SHEET_SCAN_SCHEMA;
    }
  if (procedure->revision < 1 || procedure->published == NULL)
    return MS_SHEET_SCAN_NO_REVISION;
  return MS_SHEET_SCAN_OK;
}

static guint n_compared;
static guint n_verdicts[MS_SHEET_SCAN_NO_REVISION + 1];

static void
compare (const char *data,
         gsize       length,
         const char *id)
{
  g_autofree char *expected_message = NULL;
  g_autofree char *message = NULL;
  MsSheetScan expected = reference (data, length, id, &expected_message);
  MsSheetScan verdict = ms_sheet_scan (data, length, id, &message);

  n_compared++;
  n_verdicts[expected]++;
  if (verdict != expected)
    {
      g_autofree char *shown = g_strndup (data, MIN (length, 400));

      g_error ("scan %d (%s), reader %d (%s) on %zu bytes: %s", verdict, message, expected, expected_message,
               length, shown);
    }
  /* Where JSON or a limit refuses, with the parser's words. */
  if (expected == MS_SHEET_SCAN_NOT_JSON || expected == MS_SHEET_SCAN_LIMIT)
    g_assert_cmpstr (message, ==, expected_message);
  g_assert_true ((verdict == MS_SHEET_SCAN_OK) == (message == NULL));
}

/* Sheet @n as an entry: with a revision and a published date. */
static char *
entry_text (guint n)
{
  g_autofree char *sheet = ms_generate_sheet (1, n, NULL);
  gsize length = strlen (sheet);

  g_assert_true (sheet[length - 1] == '}');
  sheet[length - 1] = '\0';
  return g_strdup_printf ("%s,\"revision\":3,\"published\":\"2025-01-15\"}", sheet);
}

/* The id a text of entry_text () carries. */
static char *
entry_id (const char *text)
{
  g_autoptr(JsonNode) node = ms_strict_json_parse (text, strlen (text), NULL);

  g_assert_nonnull (node);
  return g_strdup (ms_json_string_member (json_node_get_object (node), "id"));
}

static void
test_generated (void)
{
  for (guint n = 0; n < 300; n++)
    {
      g_autofree char *text = entry_text (n);
      g_autofree char *id = entry_id (text);
      g_autofree char *message = NULL;

      g_assert_cmpint (ms_sheet_scan (text, strlen (text), id, &message), ==, MS_SHEET_SCAN_OK);
      compare (text, strlen (text), id);
      /* Not its id; no revision. */
      compare (text, strlen (text), ID "0");
      /* Without a revision, without a date. */
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GString) without = g_string_new (text);
          const char *member = i == 0 ? ",\"revision\":3" : ",\"published\":\"2025-01-15\"";

          g_string_erase (without, strstr (without->str, member) - without->str, strlen (member));
          g_assert_cmpint (ms_sheet_scan (without->str, without->len, id, NULL), ==, MS_SHEET_SCAN_NO_REVISION);
          compare (without->str, without->len, id);
        }
    }
}

static void
test_demo (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) node = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      node = ms_strict_json_parse (text, length, NULL);
      g_assert_nonnull (node);
      compare (text, length, ms_json_string_member (json_node_get_object (node), "id"));
      n++;
    }
  g_assert_cmpuint (n, >, 10);
}

/* What a mutation puts in: JSON's own characters and the bytes UTF-8
 * and escapes are made of. */
static const char * const pieces[] = {
  "\"", "\\", "{", "}", "[", "]", ",", ":", " ", "0", "1", "-", ".", "e", "E", "+", "a", "u", "n",
  "\\u", "\\ud800", "\\udc00", "\\u0000", "\\u0041", "\\n", "\\/", "\x01", "\x7f", "\x80", "\xd8", "\xd9\x85",
  "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xef\xbb\xbf", "true", "false", "null",
  "1e400", "-0", "90.0", "9223372036854775807", "9223372036854775808", "1E2", "00",
  "\"\"", "{}", "[]", "\"x\":1,", "\"id\":\"d1\",", "\"ar\":\"\",", "\"revision\":0,", "\"published\":\"2025-02-29\",",
};

/* Other values for a member: each kind, and the edges of the format. */
static const char * const values[] = {
  "0", "-1", "1", "3650", "3651", "36500", "100000000000", "100000000001", "2147483647", "2147483648",
  "1.5", "1e2", "-0", "true", "false", "null", "\"\"", "\"x\"", "\"2024-02-29\"", "\"2023-02-29\"",
  "\"0000-01-01\"", "\"2025-13-01\"", "\"online\"", "\"citizen\"", "\"loi\"", "\"user\"", "\"a-b\"", "\"a--b\"",
  "\"-a\"", "\"A\"", "\"\\u0061\"", "\"d\\u0031\"", "\"" ID "\"", "\"00000001-0000-4000-8000-00000000000G\"",
  "{}", "{\"ar\":\"x\"}", "{\"fr\":\"\"}", "{\"xx\":\"y\"}", "{\"ar\":\"x\",\"ar\":\"y\"}", "{\"a\":1,\"\\u0061\":2}",
  "[]", "[1]", "[\"x\"]", "[{}]", "[{\"id\":\"a\"}]", "[\"citizen\",\"business\",\"administration\",\"citizen\"]",
  "[[[[[[[[[[]]]]]]]]]]",
};

static void
mutate (GRand   *rand,
        GString *text)
{
  guint at = g_rand_int_range (rand, 0, text->len);
  const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      text->str[at] = piece[0];
      break;
    case 1:
      g_string_erase (text, at, 1);
      break;
    case 2:
      g_string_insert (text, at, piece);
      break;
    default:
      {
        /* A member's value (after a ':') replaced by another. */
        const char *colon = strchr (text->str + at, ':');
        const char *value = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];
        g_autoptr(JsonNode) node = NULL;
        gsize start, end;

        if (colon == NULL)
          break;
        start = colon + 1 - text->str;
        /* The value's end: where the shortest prefix that is a value ends. */
        for (end = start + 1; end <= text->len; end++)
          if (text->str[end - 1] == ',' || text->str[end - 1] == '}' || text->str[end - 1] == ']')
            {
              g_autoptr(JsonNode) v = ms_strict_json_parse (text->str + start, end - 1 - start, NULL);

              if (v != NULL)
                break;
            }
        if (end > text->len)
          break;
        g_string_erase (text, start, end - 1 - start);
        g_string_insert (text, start, value);
      }
      break;
    }
}

static void
test_mutations (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5519);

  for (guint n = 0; n < 40; n++)
    {
      g_autofree char *text = entry_text (n);
      g_autofree char *id = entry_id (text);

      for (guint i = 0; i < 600; i++)
        {
          g_autoptr(GString) mutated = g_string_new (text);
          guint n_mutations = 1 + g_rand_int_range (rand, 0, 3);

          for (guint m = 0; m < n_mutations; m++)
            mutate (rand, mutated);
          compare (mutated->str, mutated->len, id);
        }
    }
  g_test_message ("%u texts compared: %u OK, %u not JSON, %u beyond a limit, %u wrong id, %u not the format, "
                  "%u without revision", n_compared, n_verdicts[0], n_verdicts[1], n_verdicts[2], n_verdicts[3],
                  n_verdicts[4], n_verdicts[5]);
  /* The mutations reach every verdict but the limits (test_limits). */
  for (guint v = 0; v < G_N_ELEMENTS (n_verdicts); v++)
    if (v != MS_SHEET_SCAN_LIMIT)
      g_assert_cmpuint (n_verdicts[v], >, 100);
}

/* Every member of the format, with each kind of value: the same members
 * as the reader's, of the same kinds. */
static void
test_members (void)
{
  const char * const *members = ms_procedure_get_members ();

  for (guint m = 0; members[m] != NULL; m++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autofree char *text = g_strdup_printf ("{\"id\":\"" ID "\",\"%s\":%s,\"revision\":1,"
                                                 "\"published\":\"2025-01-15\"}", members[m], values[v]);

        /* "id", "revision" or "published" twice: not JSON. */
        compare (text, strlen (text), ID);
      }
}

/* Limits of the parser: lists, strings, depth, values. */
static void
test_limits (void)
{
  static const struct {
    const char *head;
    const char *item;
    const char *tail;
    guint       count;
  } cases[] = {
    { "{\"x\":[", "0,", "0]}", 600 },
    { "{\"id\":\"" ID "\",\"themes\":[", "\"a\",", "\"a\"]}", 501 },
    { "{\"id\":\"" ID "\",\"themes\":[", "\"a\",", "\"a\"]}", 100 },
    { "{\"id\":\"" ID "\",\"themes\":[", "\"a\",", "\"a\"]}", 101 },
    { "{\"id\":\"" ID "\",\"themes\":[", "\"a\",", "\"a\",}", 600 },
    { "{\"summary\":{\"fr\":\"", "a", "\"}}", 20001 },
    { "{\"id\":\"" ID "\",\"summary\":{\"fr\":\"", "a", "\"}}", 90000 },
    { "{\"id\":\"" ID "\",\"summary\":{\"fr\":\"", "\xd9\x85", "\"}}", 45000 },
    { "{\"id\":\"" ID "\",\"summary\":{\"fr\":\"", "\\u0645", "\"}}", 30000 },
    { "{\"id\":\"" ID "\",\"code\":\"", "a", "\"}", 1001 },
    /* More bytes than characters allowed: the characters are counted. */
    { "{\"id\":\"" ID "\",\"code\":\"", "\xd9\x85", "\"}", 1000 },
    { "{\"id\":\"" ID "\",\"code\":\"", "\xd9\x85", "\"}", 1001 },
    { "{\"id\":\"" ID "\",\"code\":\"", "\\u0645", "\"}", 1000 },
    { "{\"id\":\"" ID "\",\"code\":\"", "\\u0645", "\"}", 1001 },
    { "{\"id\":\"" ID "\",\"title\":{\"ar\":\"", "\xf0\x9f\x8f\xa0", "\"}}", 20000 },
    { "{\"id\":\"" ID "\",\"title\":{\"ar\":\"", "\xf0\x9f\x8f\xa0", "\"}}", 20001 },
    { "{\"id\":\"" ID "\",\"documents\":[{\"id\":\"", "\xc3\xa9", "\"}]}", 33 },
    { "", "[", "", 64 },
    { "", "[", "", 65 },
    { "{\"id\":\"" ID "\",\"x\":", "[", "", 62 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) text = g_string_new (cases[c].head);

      for (guint i = 0; i < cases[c].count; i++)
        g_string_append (text, cases[c].item);
      g_string_append (text, cases[c].tail);
      compare (text->str, text->len, ID);
      /* The same beyond the limit, with a byte that is not JSON after it. */
      g_string_append (text, "x");
      compare (text->str, text->len, ID);
    }

  /* More values than a sheet may have (250,000), in 1 MB. */
  for (guint n_refs = 490; n_refs <= 500; n_refs += 10)
    {
      g_autoptr(GString) text = g_string_new ("{\"id\":\"" ID "\",\"documents\":[");

      for (guint d = 0; d < 500; d++)
        {
          g_string_append_printf (text, "%s{\"id\":\"a\",\"legal_basis\":[", d > 0 ? "," : "");
          for (guint i = 0; i < n_refs; i++)
            g_string_append (text, i > 0 ? ",\"a\"" : "\"a\"");
          g_string_append (text, "]}");
        }
      g_string_append (text, "]}");
      compare (text->str, text->len, ID);
    }
}

/* The 16-bytes-a-step loops against GLib's: where UTF-8 stops, how many
 * characters a run has, on texts mixing every length of sequence and
 * every kind of bad byte at every place relative to a block. */
static void
test_utf8 (void)
{
  static const char * const units[] = {
    "a", " ", "\"", "\\", "\x01", "\xd9\x85", "\xd8\xa7", "\xc3\xa9", "\xe2\x82\xac", "\xe2\xb4\xb0",
    "\xf0\x9f\x8f\xa0", "\xc2\x80", "\xdf\xbf", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf",
  };
  static const char * const bad[] = {
    "\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xd9", "\xd9\xd9", "\xe2\x82", "\xe0\x80\x80", "\xed\xa0\x80",
    "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x00", "\xd9\x85\x85",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1619);

  /* A sequence, good or cut short, between runs of ASCII of every length
   * (the 64-byte steps, the 16-byte blocks and their edges). */
  for (guint before = 0; before < 140; before++)
    for (guint after = 0; after < 70; after++)
      for (guint k = 0; k < 4; k++)
        {
          static const char * const middles[] = { "\xd9\x85", "\xd9", "\xe2\x82\xac", "\xe2\x82" };
          g_autoptr(GString) text = g_string_new (NULL);
          const char *expected = NULL;

          for (guint i = 0; i < before; i++)
            g_string_append_c (text, 'A' + i % 26);
          g_string_append (text, middles[k]);
          for (guint i = 0; i < after; i++)
            g_string_append_c (text, 'a' + i % 26);
          if (g_utf8_validate_len (text->str, text->len, &expected))
            expected = NULL;
          g_assert_true (ms_json_utf8_invalid (text->str, text->len) == expected);
        }

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 80);
      const char *expected = NULL, *invalid;
      guint64 n_chars = 0;
      const char *stop;

      for (guint k = 0; k < n; k++)
        {
          const char *unit = units[g_rand_int_range (rand, 0, G_N_ELEMENTS (units))];

          /* Mostly Arabic and ASCII, as the sheets. */
          if (g_rand_int_range (rand, 0, 3) == 0)
            unit = units[g_rand_int_range (rand, 5, 7)];
          g_string_append_len (text, unit, unit[0] == '\0' ? 1 : strlen (unit));
        }
      if (g_rand_int_range (rand, 0, 2) == 0)
        {
          const char *b = bad[g_rand_int_range (rand, 0, G_N_ELEMENTS (bad))];

          g_string_insert_len (text, g_rand_int_range (rand, 0, text->len + 1), b, b[0] == '\0' ? 1 : strlen (b));
        }
      if (!g_utf8_validate_len (text->str, text->len, &expected))
        g_assert_true (ms_json_utf8_invalid (text->str, text->len) == expected);
      else
        {
          invalid = ms_json_utf8_invalid (text->str, text->len);
          g_assert_null (invalid);
          stop = ms_json_string_run (text->str, text->str + text->len, &n_chars);
          g_assert_true (stop == text->str + strcspn (text->str, "\"\\\x01"));
          g_assert_cmpuint (n_chars, ==, g_utf8_strlen (text->str, stop - text->str));
          g_assert_true (ms_json_string_run (text->str, text->str + text->len, NULL) == stop);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet-scan/utf8", test_utf8);
  g_test_add_func ("/sheet-scan/generated", test_generated);
  g_test_add_func ("/sheet-scan/demo", test_demo);
  g_test_add_func ("/sheet-scan/members", test_members);
  g_test_add_func ("/sheet-scan/limits", test_limits);
  g_test_add_func ("/sheet-scan/mutations", test_mutations);
  return g_test_run ();
}
