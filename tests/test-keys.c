/* test-keys.c — Ed25519 keys: RFC 8037 A.3/A.4, RFC 8032, sealing, the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "cli-run.h"
#include "ms-core-error.h"
#include "ms-keys.h"
#include "ms-strict-json.h"
#include "test-util.h"

/* RFC 8037 A.1–A.4: a public key, never to be trusted outside tests. */
#define A4_JWK "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"," \
  "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"," \
  "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"
#define A4_KID "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
#define A4_INPUT "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
#define A4_SIGNATURE "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"

static MsKey *
a4_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) jwk = ms_strict_json_parse (A4_JWK, strlen (A4_JWK), &error);
  MsKey *key;

  g_assert_no_error (error);
  key = ms_key_new_from_jwk (jwk, &error);
  g_assert_no_error (error);
  return key;
}

static void
test_rfc8037 (void)
{
  g_autoptr(MsKey) key = a4_key ();
  guchar signature[MS_ED25519_SIGNATURE_BYTES];
  g_autofree char *encoded = NULL;

  g_assert_cmpstr (key->kid, ==, A4_KID);
  g_assert_cmpstr (key->x, ==, "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  ms_key_sign (key, A4_INPUT, strlen (A4_INPUT), signature);
  encoded = ms_base64url_encode (signature, sizeof signature);
  g_assert_cmpstr (encoded, ==, A4_SIGNATURE);
  g_assert_true (ms_ed25519_verify (key->public_key, A4_INPUT, strlen (A4_INPUT), signature));
  signature[0] ^= 1;
  g_assert_false (ms_ed25519_verify (key->public_key, A4_INPUT, strlen (A4_INPUT), signature));
}

static void
test_jwk_mismatch (void)
{
  static const char * const bad[] = {
    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
    "\"x\":\"21qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
    "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\","
    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) jwk = ms_strict_json_parse (bad[i], strlen (bad[i]), &error);
      g_autoptr(MsKey) key = NULL;

      g_assert_no_error (error);
      key = ms_key_new_from_jwk (jwk, &error);
      g_assert_null (key);
      g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
    }
}

static void
test_base64url_strict (void)
{
  static const char * const bad[] = {
    "QQ=", "QQ==", "Q", "QR", "Q+", "Q/", "Q Q", "QQ\n", "QUI=", "Q!", "QUJD=", "QUJDR", "QUJDRC", "QUJDRB", "QUJDRE=",
    "QUJ\xc3\xa9", "\x80QUI", "QU\0I",
  };
  g_autoptr(GBytes) ok = ms_base64url_decode ("QUI", 3);

  g_assert_nonnull (ok);
  g_assert_cmpmem (g_bytes_get_data (ok, NULL), g_bytes_get_size (ok), "AB", 2);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      /* Lengths from the literal, so that the NUL counts. */
      g_autoptr(GBytes) out = ms_base64url_decode (bad[i], i == G_N_ELEMENTS (bad) - 1 ? 4 : strlen (bad[i]));

      if (out != NULL)
        g_error ("accepted “%s”", bad[i]);
    }
}

/* RFC 4648 §10, in the URL-safe alphabet and without padding, and the
 * two characters that differ from base64. */
static void
test_base64url_rfc4648 (void)
{
  static const struct { const char *bytes; const char *text; } vectors[] = {
    { "", "" }, { "f", "Zg" }, { "fo", "Zm8" }, { "foo", "Zm9v" }, { "foob", "Zm9vYg" },
    { "fooba", "Zm9vYmE" }, { "foobar", "Zm9vYmFy" }, { "\xfb\xff", "-_8" }, { "\xff\xff\xfe", "___-" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *text = ms_base64url_encode (vectors[i].bytes, strlen (vectors[i].bytes));
      g_autoptr(GBytes) bytes = ms_base64url_decode (vectors[i].text, strlen (vectors[i].text));

      g_assert_cmpstr (text, ==, vectors[i].text);
      g_assert_cmpuint (strlen (text), ==, MS_BASE64URL_LENGTH (strlen (vectors[i].bytes)));
      g_assert_nonnull (bytes);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       vectors[i].bytes, strlen (vectors[i].bytes));
    }
}

/* libsodium's strict decoder as the reference: the same verdict and the
 * same bytes on random texts, on encodings of random bytes and on those
 * encodings with one character replaced or removed. Except for bytes from
 * 0x80 up, which libsodium 1.0.18 reads as "_" (a signed char): those are
 * refused here, so that "ß" cannot stand for "__" in a bundle. */
static void
agree_with_libsodium (const char *text,
                      gsize       length)
{
  gsize max = length / 4 * 3 + 3;
  g_autofree guchar *ours = g_malloc (max);
  g_autofree guchar *theirs = g_malloc (max);
  gsize ours_length = 0, theirs_length = 0;
  gboolean ours_ok = ms_base64url_decode_into (text, length, ours, max, &ours_length);
  gboolean theirs_ok = sodium_base642bin (theirs, max, text, length, NULL, &theirs_length, NULL,
                                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0;

  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      theirs_ok = FALSE;
  if (ours_ok != theirs_ok)
    g_error ("“%.*s”: %s here, %s by libsodium", (int) length, text,
             ours_ok ? "accepted" : "refused", theirs_ok ? "accepted" : "refused");
  if (ours_ok)
    g_assert_cmpmem (ours, ours_length, theirs, theirs_length);
}

static void
test_base64url_libsodium (void)
{
  static const char characters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= .";
  g_autoptr(GRand) rand = g_rand_new_with_seed (55019);

  ms_sodium_ensure ();
  for (guint round = 0; round < 20000; round++)
    {
      /* Past the 16 characters a step of the SSSE3 codec (ms-base64url.c). */
      guint length = (guint) g_rand_int_range (rand, 0, 200);
      g_autofree guchar *bytes = g_malloc (MAX (length, 1));
      g_autofree char *text = NULL;
      g_autofree char *sodium_text = g_malloc (sodium_base64_ENCODED_LEN (length, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
      char random_text[200];
      gsize n;

      for (guint i = 0; i < length; i++)
        bytes[i] = (guchar) g_rand_int_range (rand, 0, 256);
      text = ms_base64url_encode (bytes, length);
      sodium_bin2base64 (sodium_text, sodium_base64_ENCODED_LEN (length, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                         bytes, length, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
      g_assert_cmpstr (text, ==, sodium_text);
      n = strlen (text);
      agree_with_libsodium (text, n);
      if (n > 0)
        {
          guint at = (guint) g_rand_int_range (rand, 0, (gint32) n);

          agree_with_libsodium (text, n - 1);
          text[at] = characters[g_rand_int_range (rand, 0, sizeof characters - 1)];
          agree_with_libsodium (text, n);
          text[at] = (char) g_rand_int_range (rand, 0, 256);
          agree_with_libsodium (text, n);
        }
      for (guint i = 0; i < length; i++)
        random_text[i] = characters[g_rand_int_range (rand, 0, round % 2 == 0 ? 64 : (gint32) sizeof characters - 1)];
      agree_with_libsodium (random_text, length);
    }
}

static GBytes *
hex_member (JsonObject *object,
            const char *name)
{
  const char *hex = json_object_get_string_member (object, name);
  gsize length = strlen (hex) / 2, bin_length;
  guchar *bin = g_malloc (length + 1);

  g_assert_cmpint (sodium_hex2bin (bin, length, hex, strlen (hex), NULL, &bin_length, NULL), ==, 0);
  return g_bytes_new_take (bin, bin_length);
}

static void
test_rfc8032 (void)
{
  /* tests/vectors/README.md says where it comes from; missing, it fails. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "vectors", "ed25519",
                                                  "rfc8032-ed25519.derived.json", NULL);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *vectors, *negative;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  node = ms_strict_json_parse (data, length, &error);
  g_assert_no_error (error);
  vectors = json_object_get_array_member (json_node_get_object (node), "vectors");
  negative = json_object_get_array_member (json_node_get_object (node), "negative_vectors");
  g_assert_cmpuint (json_array_get_length (vectors), ==, 5);
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      g_autoptr(GBytes) seed = hex_member (v, "secret_key_seed_hex");
      g_autoptr(GBytes) public_key = hex_member (v, "public_key_hex");
      g_autoptr(GBytes) message = hex_member (v, "message_hex");
      g_autoptr(GBytes) expected = hex_member (v, "signature_hex");
      g_autofree char *d = ms_base64url_encode (g_bytes_get_data (seed, NULL), 32);
      g_autofree char *x = ms_base64url_encode (g_bytes_get_data (public_key, NULL), 32);
      g_autofree char *text = g_strdup_printf ("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"%s\",\"x\":\"%s\"}", d, x);
      g_autoptr(JsonNode) jwk = ms_strict_json_parse (text, strlen (text), NULL);
      g_autoptr(MsKey) key = ms_key_new_from_jwk (jwk, &error);
      guchar signature[MS_ED25519_SIGNATURE_BYTES];

      g_assert_no_error (error);
      ms_key_sign (key, g_bytes_get_data (message, NULL), g_bytes_get_size (message), signature);
      g_assert_cmpmem (signature, sizeof signature, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
      g_assert_true (ms_ed25519_verify (key->public_key, g_bytes_get_data (message, NULL),
                                        g_bytes_get_size (message), signature));
    }
  g_assert_cmpuint (json_array_get_length (negative), ==, 3);
  for (guint i = 0; i < json_array_get_length (negative); i++)
    {
      JsonObject *v = json_array_get_object_element (negative, i);
      g_autoptr(GBytes) public_key = hex_member (v, "public_key_hex");
      g_autoptr(GBytes) message = hex_member (v, "message_hex");
      g_autoptr(GBytes) signature = hex_member (v, "signature_hex");

      /* Wrong-length inputs are refused before libsodium sees them. */
      if (g_bytes_get_size (public_key) != 32 || g_bytes_get_size (signature) != 64)
        continue;
      g_assert_false (ms_ed25519_verify (g_bytes_get_data (public_key, NULL), g_bytes_get_data (message, NULL),
                                         g_bytes_get_size (message), g_bytes_get_data (signature, NULL)));
    }
}


static void
test_sealed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("keys-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(MsKey) key = ms_key_generate ();
  g_autoptr(MsKey) opened = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_setenv ("MASATIR_KEYS_FAST_KDF", "1", TRUE);
  g_assert_true (ms_key_save_sealed (key, dir, "correct horse", &error));
  g_assert_no_error (error);
  path = g_strdup_printf ("%s/%s.json", dir, key->kid);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  opened = ms_key_load_sealed (dir, key->kid, "wrong horse", &error);
  g_assert_null (opened);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "wrong passphrase for key"));
  g_clear_error (&error);

  opened = ms_key_load_sealed (dir, key->kid, "correct horse", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (opened->secret_key, 64, key->secret_key, 64);

  g_assert_false (ms_key_save_sealed (key, dir, "again", &error));
  g_clear_error (&error);
  keys = ms_keys_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (((MsKey *) keys->pdata[0])->kid, ==, key->kid);
  test_remove_tree (dir);
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("keys-cli-XXXXXX", NULL);
  g_autofree char *keys_dir = g_build_filename (dir, "keys", NULL);
  g_autofree char *jwk = g_build_filename (dir, "a4.jwk", NULL);

  g_setenv ("MASATIR_KEYS_DIR", keys_dir, TRUE);
  g_setenv ("MASATIR_KEYS_FAST_KDF", "1", TRUE);
  g_setenv ("MASATIR_PASSPHRASE", "pass phrase", TRUE);
  g_assert_true (g_file_set_contents (jwk, A4_JWK, -1, NULL));
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "keys", "import", jwk, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, A4_KID "\n");
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "keys", "generate", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpuint (strlen (run.out), ==, 44);
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "keys", "list", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, A4_KID "\n"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) jwks = NULL;
    JsonObject *jwk0;

    run_cli (&run, "keys", "export-public", A4_KID, NULL);
    g_assert_cmpint (run.status, ==, 0);
    jwks = ms_strict_json_parse (run.out, strlen (run.out), NULL);
    g_assert_nonnull (jwks);
    jwk0 = json_array_get_object_element (json_object_get_array_member (json_node_get_object (jwks), "keys"), 0);
    g_assert_cmpstr (json_object_get_string_member (jwk0, "kid"), ==, A4_KID);
    g_assert_false (json_object_has_member (jwk0, "d"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "keys", "export-public", "nope", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  g_unsetenv ("MASATIR_PASSPHRASE");
  g_unlink (jwk);
  test_remove_tree (keys_dir);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/rfc8037", test_rfc8037);
  g_test_add_func ("/keys/jwk-mismatch", test_jwk_mismatch);
  g_test_add_func ("/keys/base64url-strict", test_base64url_strict);
  g_test_add_func ("/keys/base64url-rfc4648", test_base64url_rfc4648);
  g_test_add_func ("/keys/base64url-libsodium", test_base64url_libsodium);
  g_test_add_func ("/keys/rfc8032", test_rfc8032);
  g_test_add_func ("/keys/sealed", test_sealed);
  g_test_add_func ("/keys/cli", test_cli);

  return g_test_run ();
}
