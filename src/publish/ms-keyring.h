/* ms-keyring.h — the publisher keys on disk, for both shells
 *
 * A keyring is a folder of sealed Ed25519 keys, one DIR/KID.json each
 * (ms-keys.h); the default one is ms_keys_default_dir ($MASATIR_KEYS_DIR,
 * else $XDG_DATA_HOME/masatir/keys). Passphrases are always supplied by the
 * caller (a prompt, a dialog, $MASATIR_PASSPHRASE): the keyring never asks
 * for one, never keeps one, and wipes every copy it makes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "ms-keys.h"

G_BEGIN_DECLS

/* A passphrase in memory: a NUL-terminated string that is wiped before it
 * is freed. */
typedef char MsPassphrase;

MsPassphrase *ms_passphrase_new  (const char   *text);
void          ms_passphrase_free (MsPassphrase *passphrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsPassphrase, ms_passphrase_free)

/* One key of the keyring, as its file stores it: no secret part. */
typedef struct {
  char *kid;
  char *x;        /* base64url public key */
  char *created;  /* YYYY-MM-DDTHH:MM:SSZ, or NULL when the file has none */
  char *name;     /* the file's "name" member, when it has one, else NULL */
  char *issuer;   /* the file's "issuer" member, when it has one, else NULL */
} MsKeyInfo;

void ms_key_info_free (MsKeyInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsKeyInfo, ms_key_info_free)

#define MS_TYPE_KEYRING (ms_keyring_get_type ())
G_DECLARE_FINAL_TYPE (MsKeyring, ms_keyring, MS, KEYRING, GObject)

/* The keyring in @dir; NULL: the default one (ms_keys_default_dir). The
 * folder is created when the first key is stored. */
MsKeyring  *ms_keyring_new                (const char          *dir);
const char *ms_keyring_get_dir            (MsKeyring           *self);

/* MsKeyInfo* of every key, by kid; an empty list when there is no folder. */
GPtrArray  *ms_keyring_list               (MsKeyring           *self,
                                           GError             **error);
/* A new key sealed with @passphrase (Argon2id MODERATE, or INTERACTIVE
 * under $MASATIR_KEYS_FAST_KDF=1): its kid. */
char       *ms_keyring_generate           (MsKeyring           *self,
                                           const char          *passphrase,
                                           GError             **error);
/* The private OKP JWK (crv Ed25519, d, x) in the file @path, read and
 * checked; the bytes read are wiped. A file that cannot be read keeps its
 * GFileError; one that is not such a key fails with MS_CORE_ERROR_PARSE or
 * _FORMAT, the message starting with @path. */
MsKey      *ms_keyring_read_private_jwk   (const char          *path,
                                           GError             **error);
/* @key (with its secret part) sealed with @passphrase: its kid.
 * MS_CORE_ERROR_DENIED when the keyring has it already. */
char       *ms_keyring_import             (MsKeyring           *self,
                                           MsKey               *key,
                                           const char          *passphrase,
                                           GError             **error);
/* A private OKP JWK (crv Ed25519, d, x) sealed with @passphrase: its kid.
 * MS_CORE_ERROR_FORMAT when @jwk is not such a key, MS_CORE_ERROR_DENIED
 * when the keyring has it already. */
char       *ms_keyring_import_jwk         (MsKeyring           *self,
                                           JsonNode            *jwk,
                                           const char          *passphrase,
                                           GError             **error);
/* ms_keyring_read_private_jwk, then ms_keyring_import. */
char       *ms_keyring_import_jwk_file    (MsKeyring           *self,
                                           const char          *path,
                                           const char          *passphrase,
                                           GError             **error);
/* {"keys":[public JWK]} of @kid. */
JsonNode   *ms_keyring_export_public      (MsKeyring           *self,
                                           const char          *kid,
                                           GError             **error);
/* ms_keyring_export_public written to @path atomically and durably, as
 * `masatir-cli keys export-public` prints it (pretty, a final newline),
 * mode 0644. */
gboolean    ms_keyring_save_public        (MsKeyring           *self,
                                           const char          *kid,
                                           const char          *path,
                                           GError             **error);
/* The trust store the portal pins (design.md §4) for @kids (NULL-terminated,
 * at least one, no kid twice) signing for @issuer: its RFC 8785 text
 * (without a final newline), read back as verify reads it. */
char       *ms_keyring_build_trust_store  (MsKeyring           *self,
                                           const char * const  *kids,
                                           const char          *issuer,
                                           GError             **error);
/* The same written to @path atomically and durably, mode 0644, ending
 * with a newline. */
gboolean    ms_keyring_save_trust_store   (MsKeyring           *self,
                                           const char * const  *kids,
                                           const char          *issuer,
                                           const char          *path,
                                           GError             **error);
/* The key @kid with its secret part. A wrong passphrase is one error,
 * MS_CORE_ERROR_DENIED "wrong passphrase for key KID"; a key that is not
 * in the keyring is MS_CORE_ERROR_IO. Slow on purpose (Argon2id): call it
 * from a thread in a GUI. */
MsKey      *ms_keyring_unseal             (MsKeyring           *self,
                                           const char          *kid,
                                           const char          *passphrase,
                                           GError             **error);

G_END_DECLS
