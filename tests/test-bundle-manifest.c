/* test-bundle-manifest.c — the manifest read without a tree, against the tree
 *
 * ms-bundle-manifest.c reads a manifest in the exporter's form in one pass
 * and leaves any other text to the strict parser: on manifests of every
 * shape the exporter writes, and on thousands of their mutations (bytes
 * replaced, removed, inserted: white space, escapes, other numbers, other
 * orders), both readings must give the same verdict, the same words and
 * the same values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-bundle.h"
#include "ms-bundle-private.h"

static guint n_compared, n_accepted, n_one_pass;

/* TRUE when the text was read in one pass. */
static gboolean
compare (const char *text,
         gsize       length)
{
  g_autoptr(GArray) fast_entries = g_array_new (FALSE, FALSE, sizeof (ManifestEntry));
  g_autoptr(GArray) tree_entries = g_array_new (FALSE, FALSE, sizeof (ManifestEntry));
  g_autoptr(GPtrArray) fast_withdrawn = g_ptr_array_new ();
  g_autoptr(GPtrArray) tree_withdrawn = g_ptr_array_new ();
  Manifest fast = { .entries = fast_entries, .withdrawn = fast_withdrawn };
  Manifest tree = { .entries = tree_entries, .withdrawn = tree_withdrawn };
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) tree_error = NULL;
  gboolean fast_ok = _ms_bundle_read_manifest (text, length, &fast, &fast_error);
  gboolean tree_ok = _ms_bundle_read_manifest_tree (text, length, &tree, &tree_error);
  gboolean one_pass = fast.text != NULL && fast.tree == NULL;

  n_compared++;
  if (fast_ok != tree_ok || (!fast_ok && strcmp (fast_error->message, tree_error->message) != 0))
    g_error ("one pass: %s, tree: %s, on %.*s", fast_ok ? "ok" : fast_error->message,
             tree_ok ? "ok" : tree_error->message, (int) MIN (length, 300), text);
  if (fast_ok)
    {
      n_accepted++;
      g_assert_cmpstr (fast.issuer, ==, tree.issuer);
      g_assert_cmpint (fast.sequence, ==, tree.sequence);
      g_assert_cmpint (fast.created, ==, tree.created);
      g_assert_cmpint (fast.expires, ==, tree.expires);
      g_assert_cmpstr (fast.created_text, ==, tree.created_text);
      g_assert_cmpstr (fast.expires_text, ==, tree.expires_text);
      g_assert_cmpstr (fast.previous, ==, tree.previous);
      g_assert_cmpuint (fast.entries->len, ==, tree.entries->len);
      for (guint i = 0; i < fast.entries->len; i++)
        {
          ManifestEntry *a = &g_array_index (fast.entries, ManifestEntry, i);
          ManifestEntry *b = &g_array_index (tree.entries, ManifestEntry, i);

          g_assert_cmpstr (a->id, ==, b->id);
          g_assert_cmpstr (a->sha256, ==, b->sha256);
          g_assert_cmpint (a->size, ==, b->size);
        }
      g_assert_cmpuint (fast.withdrawn->len, ==, tree.withdrawn->len);
      for (guint i = 0; i < fast.withdrawn->len; i++)
        g_assert_cmpstr (fast.withdrawn->pdata[i], ==, tree.withdrawn->pdata[i]);
    }
  _ms_bundle_manifest_clear (&fast);
  _ms_bundle_manifest_clear (&tree);
  n_one_pass += one_pass;
  return one_pass;
}

/* A manifest as the exporter writes it (RFC 8785). */
static char *
manifest (GRand *rand,
          guint  n_entries,
          guint  n_withdrawn,
          guint  sequence)
{
  GString *text = g_string_new (NULL);
  guint id = 0;

  g_string_append_printf (text, "{\"bundle_id\":\"ma.test-%u\",\"created\":\"2025-03-01T10:00:00Z\",\"entries\":[",
                          sequence);
  for (guint i = 0; i < n_entries + n_withdrawn; i++)
    {
      id += 1 + g_rand_int_range (rand, 0, 3);
      if (i >= n_entries)
        continue;
      g_string_append_printf (text, "%s{\"id\":\"%08x-0000-4000-8000-%012x\",\"media_type\":\"application/json\","
                              "\"sha256\":\"", i > 0 ? "," : "", id, id);
      for (guint k = 0; k < 64; k++)
        g_string_append_c (text, "0123456789abcdef"[g_rand_int_range (rand, 0, 16)]);
      g_string_append_printf (text, "\",\"size\":%u}", g_rand_int_range (rand, 0, 20000));
    }
  g_string_append_printf (text, "],\"expires\":\"2025-04-01T10:00:00Z\",\"issuer\":\"ma.test\",\"previous\":%s,"
                          "\"schema_version\":1,\"sequence\":%u,\"type\":\"procbundle-manifest\",\"withdrawn\":[",
                          sequence == 1 ? "null"
                                        : "\"34bc6279013bfa35130b478dcbf8e3fcaa2a265145331e7b3be24ee134316a70\"",
                          sequence);
  id = 0;
  for (guint i = 0; i < n_entries + n_withdrawn; i++)
    {
      id += 1 + g_rand_int_range (rand, 0, 3);
      if (i < n_entries)
        continue;
      g_string_append_printf (text, "%s\"%08x-0000-4000-8000-%012x\"", i > n_entries ? "," : "", id + 1, id + 1);
    }
  g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

static const char * const pieces[] = {
  " ", "\n", "\\", "\\u0061", "\\\"", "\"", ",", ":", "{", "}", "[", "]", "0", "1", "-", ".", "e", "E", "9",
  "null", "true", "\xc3\xa9", "\x7f", "\x01", "\xff", "00", "1.0", "1e0", "-0", "99999999999999999999",
  "\"x\":1,", "\"size\":1,", "\"id\":\"a\",", "\"withdrawn\":[],", "A", "z", "2", "f",
};

static void
test_forms (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7638);
  guint shapes[][3] = { { 0, 0, 1 }, { 1, 0, 1 }, { 3, 2, 2 }, { 20, 0, 7 }, { 5, 5, 1 }, { 0, 3, 3 } };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autofree char *text = manifest (rand, shapes[s][0], shapes[s][1], shapes[s][2]);

      g_assert_true (compare (text, strlen (text)));
      /* Mutations, one to three at a time. */
      for (guint i = 0; i < 4000; i++)
        {
          g_autoptr(GString) mutated = g_string_new (text);
          guint n = 1 + g_rand_int_range (rand, 0, 3);

          for (guint k = 0; k < n; k++)
            {
              guint at = g_rand_int_range (rand, 0, mutated->len);
              const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0: mutated->str[at] = piece[0]; break;
                case 1: g_string_erase (mutated, at, 1); break;
                default: g_string_insert (mutated, at, piece); break;
                }
            }
          compare (mutated->str, mutated->len);
        }
    }
  g_test_message ("%u manifests compared, %u accepted, %u read in one pass", n_compared, n_accepted, n_one_pass);
  /* Both verdicts are reached. */
  g_assert_cmpuint (n_accepted, >, 200);
  g_assert_cmpuint (n_compared - n_accepted, >, 1000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundle-manifest/forms", test_forms);
  return g_test_run ();
}
