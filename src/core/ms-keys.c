/* ms-keys.c — Ed25519 publisher keys, sealed with a passphrase (libsodium)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-keys"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-keys.h"
#include "ms-strict-json.h"

#define SEALED_FORMAT "masatir-sealed-key/1"
#define SEED_BYTES    crypto_sign_SEEDBYTES

void
ms_sodium_ensure (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");
}

char *
ms_key_thumbprint (const guchar *public_key)
{
  g_autofree char *x = ms_base64url_encode (public_key, MS_ED25519_PUBLIC_BYTES);
  g_autoptr(JsonObject) jwk = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *canonical = NULL;
  guchar digest[MS_SHA256_BYTES];
  gsize length;

  /* RFC 7638: the required members only, canonical. */
  json_object_set_string_member (jwk, "crv", "Ed25519");
  json_object_set_string_member (jwk, "kty", "OKP");
  json_object_set_string_member (jwk, "x", x);
  node = json_node_init_object (json_node_alloc (), jwk);
  canonical = ms_canonical_json (node, &length, NULL);
  g_assert (canonical != NULL);
  ms_sha256 (canonical, length, digest);
  return ms_base64url_encode (digest, sizeof digest);
}

static MsKey *
key_new (const guchar *public_key)
{
  MsKey *key = g_new0 (MsKey, 1);

  memcpy (key->public_key, public_key, MS_ED25519_PUBLIC_BYTES);
  key->x = ms_base64url_encode (public_key, MS_ED25519_PUBLIC_BYTES);
  key->kid = ms_key_thumbprint (public_key);
  return key;
}

static MsKey *
key_new_from_seed (const guchar *seed)
{
  guchar public_key[crypto_sign_PUBLICKEYBYTES];
  guchar *secret_key;
  MsKey *key;

  ms_sodium_ensure ();
  secret_key = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  g_assert (secret_key != NULL);
  crypto_sign_seed_keypair (public_key, secret_key, seed);
  key = key_new (public_key);
  key->secret_key = secret_key;
  return key;
}

MsKey *
ms_key_generate (void)
{
  guchar seed[SEED_BYTES];
  MsKey *key;

  ms_sodium_ensure ();
  randombytes_buf (seed, sizeof seed);
  key = key_new_from_seed (seed);
  sodium_memzero (seed, sizeof seed);
  return key;
}

void
ms_key_free (MsKey *key)
{
  if (key == NULL)
    return;
  g_free (key->kid);
  g_free (key->x);
  if (key->secret_key != NULL)
    sodium_free (key->secret_key);
  g_free (key);
}

/* Decodes the base64url member @name into exactly @size bytes; with
 * libsodium's decoder, which runs in constant time: "d" is a secret. */
static gboolean
fixed_member (JsonObject *object,
              const char *name,
              guchar     *out,
              gsize       size)
{
  const char *text = ms_json_string_member (object, name);
  gsize length;

  /* No "ignore" set and no end pointer: libsodium refuses an impossible
   * length, non-zero padding bits and any ASCII character outside the
   * alphabet; 1.0.18 reads bytes from 0x80 up as "_", hence the first test. */
  return text != NULL && strspn (text, MS_BASE64URL_ALPHABET) == strlen (text)
         && sodium_base642bin (out, size, text, strlen (text), NULL, &length, NULL,
                               sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0
         && length == size;
}

static JsonObject *
okp_object (JsonNode    *jwk,
            const char  *what,
            guchar      *public_key,
            GError     **error)
{
  JsonObject *object;

  if (jwk == NULL || !JSON_NODE_HOLDS_OBJECT (jwk)
      || g_strcmp0 (ms_json_string_member ((object = json_node_get_object (jwk)), "kty"), "OKP") != 0
      || g_strcmp0 (ms_json_string_member (object, "crv"), "Ed25519") != 0)
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
               _("%s is not an Ed25519 key (kty “OKP”, crv “Ed25519”)"), what);
      return NULL;
    }
  if (!fixed_member (object, "x", public_key, MS_ED25519_PUBLIC_BYTES))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
               _("%s: “x” is not a 32-byte base64url value"), what);
      return NULL;
    }
  return object;
}

MsKey *
ms_key_new_from_jwk (JsonNode  *jwk,
                     GError   **error)
{
  guchar public_key[MS_ED25519_PUBLIC_BYTES];
  guchar seed[SEED_BYTES];
  JsonObject *object;
  MsKey *key;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = okp_object (jwk, _("the JWK"), public_key, error)))
    return NULL;
  if (!fixed_member (object, "d", seed, sizeof seed))
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                           _("the JWK has no private part (“d”, 32 bytes base64url)"));
      return NULL;
    }
  key = key_new_from_seed (seed);
  sodium_memzero (seed, sizeof seed);
  if (sodium_memcmp (key->public_key, public_key, MS_ED25519_PUBLIC_BYTES) != 0)
    {
      ms_key_free (key);
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                           _("the JWK’s “x” is not the public key of its “d”"));
      return NULL;
    }
  return key;
}

MsKey *
ms_key_new_public (const char  *x,
                   GError     **error)
{
  guchar public_key[MS_ED25519_PUBLIC_BYTES];
  gsize length;

  g_return_val_if_fail (x != NULL, NULL);

  if (!ms_base64url_decode_into (x, strlen (x), public_key, sizeof public_key, &length)
      || length != sizeof public_key)
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                           _("“x” is not a 32-byte base64url value"));
      return NULL;
    }
  return key_new (public_key);
}

JsonNode *
ms_key_to_public_jwk (MsKey *key)
{
  JsonObject *jwk = json_object_new ();

  g_return_val_if_fail (key != NULL, NULL);

  json_object_set_string_member (jwk, "kty", "OKP");
  json_object_set_string_member (jwk, "crv", "Ed25519");
  json_object_set_string_member (jwk, "x", key->x);
  json_object_set_string_member (jwk, "kid", key->kid);
  json_object_set_string_member (jwk, "alg", "EdDSA");
  json_object_set_string_member (jwk, "use", "sig");
  return json_node_init_object (json_node_alloc (), jwk);
}

JsonNode *
ms_key_to_trust_entry (MsKey      *key,
                       const char *issuer)
{
  JsonObject *entry = json_object_new ();

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (issuer != NULL, NULL);

  json_object_set_string_member (entry, "kty", "OKP");
  json_object_set_string_member (entry, "crv", "Ed25519");
  json_object_set_string_member (entry, "x", key->x);
  json_object_set_string_member (entry, "issuer", issuer);
  return json_node_init_object (json_node_alloc (), entry);
}

void
ms_key_sign (MsKey      *key,
             const void *message,
             gsize       length,
             guchar     *signature)
{
  g_return_if_fail (key != NULL && key->secret_key != NULL);

  crypto_sign_detached (signature, NULL, message, length, key->secret_key);
}

gboolean
ms_ed25519_verify (const guchar *public_key,
                   const void   *message,
                   gsize         length,
                   const guchar *signature)
{
  ms_sodium_ensure ();
  return crypto_sign_verify_detached (signature, message, length, public_key) == 0;
}

/* libsodium's verification refuses small-order keys already; a key that is
 * pinned must be refused when it is pinned, by a rule another verifier can
 * apply (build-aux/verify-bundle.py does the same arithmetic). */
gboolean
ms_ed25519_public_key_is_valid (const guchar *public_key)
{
  g_return_val_if_fail (public_key != NULL, FALSE);

  ms_sodium_ensure ();
  return crypto_core_ed25519_is_valid_point (public_key) == 1;
}

char *
ms_keys_default_dir (void)
{
  const char *dir = g_getenv ("MASATIR_KEYS_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "masatir", "keys", NULL);
}

static char *
key_path (const char *dir,
          const char *kid)
{
  g_autofree char *name = g_strconcat (kid, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

static gboolean
derive (guchar       *secret,
        const char   *passphrase,
        const guchar *salt,
        guint64       opslimit,
        gsize         memlimit)
{
  return crypto_pwhash (secret, crypto_secretbox_KEYBYTES, passphrase, strlen (passphrase), salt,
                        opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

static void
set_base64url_member (JsonObject *object,
                      const char *name,
                      const void *data,
                      gsize       length)
{
  g_autofree char *text = ms_base64url_encode (data, length);

  json_object_set_string_member (object, name, text);
}

gboolean
ms_key_save_sealed (MsKey       *key,
                    const char  *dir,
                    const char  *passphrase,
                    GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *data = NULL;
  JsonObject *kdf = json_object_new ();
  gboolean fast = g_strcmp0 (g_getenv ("MASATIR_KEYS_FAST_KDF"), "1") == 0;
  guint64 opslimit = fast ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MODERATE;
  gsize memlimit = fast ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MODERATE;
  guchar salt[crypto_pwhash_SALTBYTES];
  guchar nonce[crypto_secretbox_NONCEBYTES];
  guchar ciphertext[crypto_secretbox_MACBYTES + SEED_BYTES];
  guchar seed[SEED_BYTES];
  guchar *secret;

  g_return_val_if_fail (key != NULL && key->secret_key != NULL, FALSE);
  g_return_val_if_fail (dir != NULL && passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ms_sodium_ensure ();
  path = key_path (dir, key->kid);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED, _("the key %s already exists"), key->kid);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, _("cannot create %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }

  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);
  secret = sodium_malloc (crypto_secretbox_KEYBYTES);
  g_assert (secret != NULL);
  if (!derive (secret, passphrase, salt, opslimit, memlimit))
    {
      sodium_free (secret);
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
                           _("not enough memory to derive a key from the passphrase"));
      return FALSE;
    }
  crypto_sign_ed25519_sk_to_seed (seed, key->secret_key);
  crypto_secretbox_easy (ciphertext, seed, sizeof seed, nonce, secret);
  sodium_memzero (seed, sizeof seed);
  sodium_free (secret);

  json_object_set_string_member (object, "format", SEALED_FORMAT);
  json_object_set_string_member (object, "kid", key->kid);
  json_object_set_string_member (object, "kty", "OKP");
  json_object_set_string_member (object, "crv", "Ed25519");
  json_object_set_string_member (object, "x", key->x);
  json_object_set_string_member (object, "created", created);
  json_object_set_string_member (kdf, "alg", "argon2id13");
  json_object_set_int_member (kdf, "opslimit", (gint64) opslimit);
  json_object_set_int_member (kdf, "memlimit", (gint64) memlimit);
  set_base64url_member (kdf, "salt", salt, sizeof salt);
  json_object_set_object_member (object, "kdf", kdf);
  set_base64url_member (object, "nonce", nonce, sizeof nonce);
  set_base64url_member (object, "ciphertext", ciphertext, sizeof ciphertext);

  root = json_node_init_object (json_node_alloc (), object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  return g_file_set_contents_full (path, data, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* Reads DIR/KID.json and checks its public part; *object points into the
 * returned tree. */
static JsonNode *
read_sealed (const char  *dir,
             const char  *kid,
             JsonObject **object,
             guchar      *public_key,
             GError     **error)
{
  g_autofree char *path = key_path (dir, kid);
  g_autofree char *data = NULL;
  g_autofree char *what = NULL;
  g_autofree char *thumbprint = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (strchr (kid, '/') != NULL || !g_file_get_contents (path, &data, &length, NULL))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, _("no key %s in %s"), kid, dir);
      return NULL;
    }
  what = g_strdup_printf (_("the key file %s"), path);
  if (!(root = ms_strict_json_parse (data, length, &local_error)))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, "%s: %s", what, local_error->message);
      return NULL;
    }
  if (!(*object = okp_object (root, what, public_key, error)))
    return NULL;
  thumbprint = ms_key_thumbprint (public_key);
  if (g_strcmp0 (ms_json_string_member (*object, "format"), SEALED_FORMAT) != 0
      || g_strcmp0 (ms_json_string_member (*object, "kid"), kid) != 0 || strcmp (thumbprint, kid) != 0)
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("%s is not the sealed key %s"), what, kid);
      return NULL;
    }
  return g_steal_pointer (&root);
}

MsKey *
ms_key_load_public (const char  *dir,
                    const char  *kid,
                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  guchar public_key[MS_ED25519_PUBLIC_BYTES];
  JsonObject *object;

  g_return_val_if_fail (dir != NULL && kid != NULL, NULL);

  if (!(root = read_sealed (dir, kid, &object, public_key, error)))
    return NULL;
  return key_new (public_key);
}

MsKey *
ms_key_load_sealed (const char  *dir,
                    const char  *kid,
                    const char  *passphrase,
                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  guchar public_key[MS_ED25519_PUBLIC_BYTES];
  guchar salt[crypto_pwhash_SALTBYTES];
  guchar nonce[crypto_secretbox_NONCEBYTES];
  guchar ciphertext[crypto_secretbox_MACBYTES + SEED_BYTES];
  guchar seed[SEED_BYTES];
  JsonObject *object, *kdf;
  gint64 opslimit, memlimit;
  guchar *secret;
  gboolean opened;
  MsKey *key;

  g_return_val_if_fail (dir != NULL && kid != NULL && passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ms_sodium_ensure ();
  if (!(root = read_sealed (dir, kid, &object, public_key, error)))
    return NULL;
  kdf = json_object_get_member (object, "kdf") != NULL
        && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "kdf"))
        ? json_object_get_object_member (object, "kdf") : NULL;
  /* Bounded costs: a planted key file must not make us allocate gigabytes. */
  if (kdf == NULL || g_strcmp0 (ms_json_string_member (kdf, "alg"), "argon2id13") != 0
      || (opslimit = json_object_get_int_member_with_default (kdf, "opslimit", 0))
         < (gint64) crypto_pwhash_OPSLIMIT_MIN
      || opslimit > (gint64) crypto_pwhash_OPSLIMIT_SENSITIVE
      || (memlimit = json_object_get_int_member_with_default (kdf, "memlimit", 0))
         < (gint64) crypto_pwhash_MEMLIMIT_MIN
      || memlimit > (gint64) crypto_pwhash_MEMLIMIT_SENSITIVE
      || !fixed_member (kdf, "salt", salt, sizeof salt)
      || !fixed_member (object, "nonce", nonce, sizeof nonce)
      || !fixed_member (object, "ciphertext", ciphertext, sizeof ciphertext))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("the key file of %s is damaged (kdf, nonce or ciphertext)"), kid);
      return NULL;
    }

  secret = sodium_malloc (crypto_secretbox_KEYBYTES);
  g_assert (secret != NULL);
  if (!derive (secret, passphrase, salt, (guint64) opslimit, (gsize) memlimit))
    {
      sodium_free (secret);
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
                           _("not enough memory to derive a key from the passphrase"));
      return NULL;
    }
  opened = crypto_secretbox_open_easy (seed, ciphertext, sizeof ciphertext, nonce, secret) == 0;
  sodium_free (secret);
  if (!opened)
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED, _("wrong passphrase for key %s"), kid);
      return NULL;
    }
  key = key_new_from_seed (seed);
  sodium_memzero (seed, sizeof seed);
  if (sodium_memcmp (key->public_key, public_key, MS_ED25519_PUBLIC_BYTES) != 0)
    {
      ms_key_free (key);
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("the key file of %s is damaged (its secret does not match x)"), kid);
      return NULL;
    }
  return key;
}

static int
key_compare (gconstpointer a,
             gconstpointer b)
{
  return strcmp ((*(MsKey * const *) a)->kid, (*(MsKey * const *) b)->kid);
}

GPtrArray *
ms_keys_list (const char  *dir,
              GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_key_free);
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);

  /* No folder yet means no key yet. */
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&keys);
  if (!(folder = g_dir_open (dir, 0, error)))
    return NULL;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *kid = NULL;
      g_autoptr(GError) local_error = NULL;
      MsKey *key;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      kid = g_strndup (name, strlen (name) - strlen (".json"));
      if ((key = ms_key_load_public (dir, kid, &local_error)))
        g_ptr_array_add (keys, key);
      else
        g_debug ("skipping %s: %s", name, local_error->message);
    }
  g_ptr_array_sort (keys, key_compare);
  return g_steal_pointer (&keys);
}
