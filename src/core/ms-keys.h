/* ms-keys.h — Ed25519 publisher keys: create, import, seal, JWK, kid
 *
 * A key is named by its kid, the RFC 7638 thumbprint of its public JWK. The
 * private part lives only in a sealed file (Argon2id + XSalsa20-Poly1305,
 * libsodium), one per key, mode 0600, in ms_keys_default_dir():
 *
 *   {"format":"masatir-sealed-key/1","kid":KID,"kty":"OKP","crv":"Ed25519",
 *    "x":B64URL(public key),"created":T,
 *    "kdf":{"alg":"argon2id13","opslimit":N,"memlimit":N,"salt":B64URL},
 *    "nonce":B64URL,"ciphertext":B64URL(secretbox of the 32-byte seed)}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ms-base64url.h"

G_BEGIN_DECLS

#define MS_ED25519_PUBLIC_BYTES    32
#define MS_ED25519_SIGNATURE_BYTES 64

typedef struct {
  char   *kid;
  char   *x;                                        /* base64url public key */
  guchar  public_key[MS_ED25519_PUBLIC_BYTES];
  guchar *secret_key;                               /* sodium_malloc'd, or NULL */
} MsKey;

/* Makes sure libsodium is initialised; aborts if it cannot be. */
void      ms_sodium_ensure          (void);

/* RFC 7638 thumbprint of an Ed25519 public key. */
char     *ms_key_thumbprint         (const guchar  *public_key);

MsKey    *ms_key_generate           (void);
/* A private OKP JWK (crv Ed25519, d, x); x must be d's public key. */
MsKey    *ms_key_new_from_jwk       (JsonNode      *jwk,
                                     GError       **error);
/* A public key from its base64url form (no secret part). */
MsKey    *ms_key_new_public         (const char    *x,
                                     GError       **error);
void      ms_key_free               (MsKey         *key);
/* {"kty":"OKP","crv":"Ed25519","x":…,"kid":…,"alg":"EdDSA","use":"sig"} */
JsonNode *ms_key_to_public_jwk      (MsKey         *key);
/* A trust store's entry for the key (the value under its kid, design.md
 * §4): {"kty":"OKP","crv":"Ed25519","x":…,"issuer":@issuer} */
JsonNode *ms_key_to_trust_entry     (MsKey         *key,
                                     const char    *issuer);
/* Detached Ed25519 signature; the key must have its secret part. */
void      ms_key_sign               (MsKey         *key,
                                     const void    *message,
                                     gsize          length,
                                     guchar        *signature);
gboolean  ms_ed25519_verify         (const guchar  *public_key,
                                     const void    *message,
                                     gsize          length,
                                     const guchar  *signature);
/* TRUE when @public_key is the canonical encoding (y < p) of a point of
 * the prime-order subgroup other than the identity: no small-order point
 * (the 8 of them), no point with a small-order component, no y >= p. Every
 * key made by Ed25519 key generation is; with a small-order key anyone can
 * make a signature that lenient verifiers accept for any message, and a
 * small-order component makes verifiers disagree. */
gboolean  ms_ed25519_public_key_is_valid (const guchar *public_key);

/* $MASATIR_KEYS_DIR, else $XDG_DATA_HOME/masatir/keys. */
char     *ms_keys_default_dir       (void);
/* Seals the secret part with @passphrase into DIR/KID.json (mode 0600,
 * written atomically). $MASATIR_KEYS_FAST_KDF=1 (tests only) lowers the
 * Argon2id cost from MODERATE to INTERACTIVE. */
gboolean  ms_key_save_sealed        (MsKey         *key,
                                     const char    *dir,
                                     const char    *passphrase,
                                     GError       **error);
/* Opens DIR/KID.json. A wrong passphrase fails with MS_CORE_ERROR_DENIED
 * ("wrong passphrase for key KID"); a missing key with MS_CORE_ERROR_IO. */
MsKey    *ms_key_load_sealed        (const char    *dir,
                                     const char    *kid,
                                     const char    *passphrase,
                                     GError       **error);
/* The public part of the key stored for @kid, without a passphrase. */
MsKey    *ms_key_load_public        (const char    *dir,
                                     const char    *kid,
                                     GError       **error);
/* MsKey* (public parts) of every sealed key of @dir, by kid. */
GPtrArray *ms_keys_list             (const char    *dir,
                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsKey, ms_key_free)

G_END_DECLS
