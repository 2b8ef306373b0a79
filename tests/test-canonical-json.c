/* test-canonical-json.c — RFC 8785 against the cyberphone test data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sodium.h>

#include <string.h>

#include "ms-canonical-json.h"

static void
test_vector (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input_name = g_strconcat (name, ".input.json", NULL);
  g_autofree char *output_name = g_strconcat (name, ".output.json", NULL);
  g_autofree char *input_path = g_test_build_filename (G_TEST_DIST, "data", "jcs", input_name, NULL);
  g_autofree char *output_path = g_test_build_filename (G_TEST_DIST, "data", "jcs", output_name, NULL);
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, expected_length;

  g_assert_true (g_file_get_contents (input_path, &input, NULL, NULL));
  g_assert_true (g_file_get_contents (output_path, &expected, &expected_length, NULL));
  /* The files end with a newline that is not part of the canonical form. */
  while (expected_length > 0 && expected[expected_length - 1] == '\n')
    expected[--expected_length] = '\0';

  canonical = ms_canonical_json_from_data (input, -1, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canonical, ==, expected);
  g_assert_cmpuint (length, ==, expected_length);
}

static void
test_numbers (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "[0, -0, 1, -1, 1.0, 100, 1e2, 1e21, 1e20, 1.2345678901234568e20]",
      "[0,0,1,-1,1,100,100,1e+21,100000000000000000000,123456789012345680000]" },
    { "[0.1, 1e-6, 1e-7, 5e-324, 1.7976931348623157e308, 9007199254740993]",
      "[0.1,0.000001,1e-7,5e-324,1.7976931348623157e+308,9007199254740992]" },
    { "{\"b\":[],\"a\":{\"\\u0001\":\"\\u001f\\t\\u007f\"}}",
      "{\"a\":{\"\\u0001\":\"\\u001f\\t\x7f\"},\"b\":[]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = ms_canonical_json_from_data (cases[i].in, -1, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_sha256 (void)
{
  g_autofree char *empty = ms_sha256_hex ("", 0);
  g_autofree char *abc = ms_sha256_hex ("abc", 3);

  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* FIPS 180-2 vectors, and libsodium's SHA-256 (portable C, another
 * implementation than the SHA-NI code Nettle picks) at every length up to
 * three blocks and at a few large ones. */
static void
test_sha256_vectors (void)
{
  const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  g_autofree char *million_a = g_strnfill (1000000, 'a');
  g_autofree char *hex2 = ms_sha256_hex (two_blocks, strlen (two_blocks));
  g_autofree char *hex_million = ms_sha256_hex (million_a, 1000000);
  static const gsize large[] = { 4096, 65537, 3 * 1024 * 1024 + 5 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5519);
  g_autofree guchar *data = g_malloc (large[G_N_ELEMENTS (large) - 1]);

  g_assert_cmpstr (hex2, ==, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  g_assert_cmpstr (hex_million, ==, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

  for (gsize i = 0; i < large[G_N_ELEMENTS (large) - 1]; i++)
    data[i] = (guchar) g_rand_int_range (rand, 0, 256);
  for (gsize length = 0; length <= 3 * 64 + 1; length++)
    {
      guchar ours[MS_SHA256_BYTES], theirs[crypto_hash_sha256_BYTES];

      ms_sha256 (data, length, ours);
      crypto_hash_sha256 (theirs, data, length);
      g_assert_cmpmem (ours, sizeof ours, theirs, sizeof theirs);
    }
  for (guint i = 0; i < G_N_ELEMENTS (large); i++)
    {
      guchar ours[MS_SHA256_BYTES], theirs[crypto_hash_sha256_BYTES];

      ms_sha256 (data, large[i], ours);
      crypto_hash_sha256 (theirs, data, large[i]);
      g_assert_cmpmem (ours, sizeof ours, theirs, sizeof theirs);
    }
}

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = ms_canonical_json_from_data ("{\"a\": ", -1, NULL, &error);

  g_assert_null (out);
  g_assert_nonnull (error);
}

/* Two byte strings hashed together, sharing a prefix of every length
 * around SHA-256's 64-byte blocks: each hash as if alone. */
static void
test_sha256_pair (void)
{
  static const gsize lengths[] = { 0, 1, 55, 63, 64, 65, 127, 128, 129, 200, 1000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5519);

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    for (guint j = 0; j < G_N_ELEMENTS (lengths); j++)
      for (guint shared = 0; shared <= MIN (lengths[i], lengths[j]); shared += 1 + shared / 3)
        {
          g_autofree guchar *a = g_malloc (lengths[i] + 1);
          g_autofree guchar *b = g_malloc (lengths[j] + 1);
          g_autofree char *a_alone = NULL;
          g_autofree char *b_alone = NULL;
          char a_hex[MS_SHA256_HEX_LEN + 1], b_hex[MS_SHA256_HEX_LEN + 1];

          for (gsize k = 0; k < lengths[i]; k++)
            a[k] = (guchar) g_rand_int_range (rand, 0, 256);
          for (gsize k = 0; k < lengths[j]; k++)
            b[k] = k < shared ? a[k] : (guchar) g_rand_int_range (rand, 0, 256);
          a_alone = ms_sha256_hex (a, lengths[i]);
          b_alone = ms_sha256_hex (b, lengths[j]);
          ms_sha256_hex_pair (a, lengths[i], b, lengths[j], a_hex, b_hex);
          g_assert_cmpstr (a_hex, ==, a_alone);
          g_assert_cmpstr (b_hex, ==, b_alone);
        }
}

int
main (int    argc,
      char **argv)
{
  static const char * const vectors[] = { "arrays", "french", "structures", "unicode", "values", "weird" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *path = g_strconcat ("/canonical-json/cyberphone/", vectors[i], NULL);

      g_test_add_data_func (path, vectors[i], test_vector);
    }
  g_test_add_func ("/canonical-json/numbers", test_numbers);
  g_test_add_func ("/canonical-json/sha256", test_sha256);
  g_test_add_func ("/canonical-json/sha256-vectors", test_sha256_vectors);
  g_test_add_func ("/canonical-json/sha256-pair", test_sha256_pair);
  g_test_add_func ("/canonical-json/bad-input", test_bad_input);

  return g_test_run ();
}
