/* ms-keyring.c — the publisher keys on disk, for both shells
 *
 * Moved out of masatir-cli's keys command so that the window's key manager
 * and export dialog use the same keyring, with the passphrase they ask for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "ms-bundle.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-keyring.h"
#include "ms-strict-json.h"

struct _MsKeyring
{
  GObject  parent_instance;
  char    *dir;
};

G_DEFINE_FINAL_TYPE (MsKeyring, ms_keyring, G_TYPE_OBJECT)

/* {{{1 Passphrases and key infos */

MsPassphrase *
ms_passphrase_new (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_strdup (text);
}

void
ms_passphrase_free (MsPassphrase *passphrase)
{
  if (passphrase == NULL)
    return;
  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}

void
ms_key_info_free (MsKeyInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->kid);
  g_free (info->x);
  g_free (info->created);
  g_free (info->name);
  g_free (info->issuer);
  g_free (info);
}

/* {{{1 Helpers */

static char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (node)) : NULL;
}

/* What the key file of @key says besides its key (created, name, issuer):
 * the public part was checked by ms_keys_list already. */
static MsKeyInfo *
key_info_new (MsKeyring *self,
              MsKey     *key)
{
  g_autofree char *file = g_strconcat (key->kid, ".json", NULL);
  g_autofree char *path = g_build_filename (self->dir, file, NULL);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  MsKeyInfo *info = g_new0 (MsKeyInfo, 1);
  gsize length;

  info->kid = g_strdup (key->kid);
  info->x = g_strdup (key->x);
  if (g_file_get_contents (path, &data, &length, NULL)
      && (root = ms_strict_json_parse (data, length, NULL)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      info->created = string_member (object, "created");
      info->name = string_member (object, "name");
      info->issuer = string_member (object, "issuer");
    }
  return info;
}

static char *
seal (MsKeyring   *self,
      MsKey       *key,
      const char  *passphrase,
      GError     **error)
{
  if (*passphrase == '\0')
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, _("the passphrase is empty"));
      return NULL;
    }
  if (!ms_key_save_sealed (key, self->dir, passphrase, error))
    return NULL;
  return g_strdup (key->kid);
}

/* {{{1 Overrides */

static void
ms_keyring_finalize (GObject *object)
{
  MsKeyring *self = MS_KEYRING (object);

  g_free (self->dir);
  G_OBJECT_CLASS (ms_keyring_parent_class)->finalize (object);
}

static void
ms_keyring_class_init (MsKeyringClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_keyring_finalize;
}

static void
ms_keyring_init (MsKeyring *self)
{
}

/* {{{1 Public API */

MsKeyring *
ms_keyring_new (const char *dir)
{
  MsKeyring *self = g_object_new (MS_TYPE_KEYRING, NULL);

  self->dir = dir != NULL ? g_strdup (dir) : ms_keys_default_dir ();
  return self;
}

const char *
ms_keyring_get_dir (MsKeyring *self)
{
  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);

  return self->dir;
}

GPtrArray *
ms_keyring_list (MsKeyring  *self,
                 GError    **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  GPtrArray *infos;

  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(keys = ms_keys_list (self->dir, error)))
    return NULL;
  infos = g_ptr_array_new_full (keys->len, (GDestroyNotify) ms_key_info_free);
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (infos, key_info_new (self, g_ptr_array_index (keys, i)));
  return infos;
}

char *
ms_keyring_generate (MsKeyring   *self,
                     const char  *passphrase,
                     GError     **error)
{
  g_autoptr(MsKey) key = NULL;

  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = ms_key_generate ();
  return seal (self, key, passphrase, error);
}

char *
ms_keyring_import_jwk (MsKeyring   *self,
                       JsonNode    *jwk,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(MsKey) key = NULL;

  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (jwk != NULL && passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(key = ms_key_new_from_jwk (jwk, error)))
    return NULL;
  return seal (self, key, passphrase, error);
}

MsKey *
ms_keyring_read_private_jwk (const char  *path,
                             GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) jwk = NULL;
  g_autoptr(GError) local_error = NULL;
  MsKey *key = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  jwk = ms_strict_json_parse (data, length, &local_error);
  sodium_memzero (data, length);
  if (jwk == NULL || !(key = ms_key_new_from_jwk (jwk, &local_error)))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
      return NULL;
    }
  return key;
}

char *
ms_keyring_import (MsKeyring   *self,
                   MsKey       *key,
                   const char  *passphrase,
                   GError     **error)
{
  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (key != NULL && key->secret_key != NULL && passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return seal (self, key, passphrase, error);
}

char *
ms_keyring_import_jwk_file (MsKeyring   *self,
                            const char  *path,
                            const char  *passphrase,
                            GError     **error)
{
  g_autoptr(MsKey) key = NULL;

  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (path != NULL && passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(key = ms_keyring_read_private_jwk (path, error)))
    return NULL;
  return seal (self, key, passphrase, error);
}

JsonNode *
ms_keyring_export_public (MsKeyring   *self,
                          const char  *kid,
                          GError     **error)
{
  g_autoptr(MsKey) key = NULL;
  JsonObject *jwks;
  JsonArray *list;

  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (kid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(key = ms_key_load_public (self->dir, kid, error)))
    return NULL;
  jwks = json_object_new ();
  list = json_array_new ();
  json_array_add_element (list, ms_key_to_public_jwk (key));
  json_object_set_array_member (jwks, "keys", list);
  return json_node_init_object (json_node_alloc (), jwks);
}

gboolean
ms_keyring_save_public (MsKeyring   *self,
                        const char  *kid,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(JsonNode) jwks = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (MS_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (kid != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(jwks = ms_keyring_export_public (self, kid, error)))
    return FALSE;
  /* Strings and no numbers: json-glib's output is exact here. */
  generator = json_generator_new ();
  json_generator_set_root (generator, jwks);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  line = g_strconcat (text, "\n", NULL);
  return g_file_set_contents_full (path, line, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

/* design.md §4: {"threshold":1,"keys":{KID:{"kty","crv","x","issuer"}}} */
char *
ms_keyring_build_trust_store (MsKeyring           *self,
                              const char * const  *kids,
                              const char          *issuer,
                              GError             **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MsTrustStore) check = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (kids != NULL && issuer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kids[0] == NULL)
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                           _("a trust store needs the kid of at least one key of the keyring"));
      return NULL;
    }
  if (!ms_bundle_is_issuer (issuer))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
               _("“%s” is not an issuer id: an issuer id is 1 to 64 letters, digits, “.”, “_” or “-”"),
               issuer);
      return NULL;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "keys");
  json_builder_begin_object (b);
  for (guint i = 0; kids[i] != NULL; i++)
    {
      g_autoptr(MsKey) key = NULL;

      if (!g_hash_table_add (seen, (gpointer) kids[i]))
        {
          g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, _("the key %s is given twice"), kids[i]);
          return NULL;
        }
      if (!(key = ms_key_load_public (self->dir, kids[i], error)))
        return NULL;
      json_builder_set_member_name (b, key->kid);
      json_builder_add_value (b, ms_key_to_trust_entry (key, issuer));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  /* RFC 8785, then read back as verify reads it: what is handed out is a
   * trust store the verifiers accept. */
  if (!ms_canonical_json_append (text, root, error)
      || !(check = ms_trust_store_new_from_data (text->str, text->len, error)))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
ms_keyring_save_trust_store (MsKeyring           *self,
                             const char * const  *kids,
                             const char          *issuer,
                             const char          *path,
                             GError             **error)
{
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (MS_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(text = ms_keyring_build_trust_store (self, kids, issuer, error)))
    return FALSE;
  line = g_strconcat (text, "\n", NULL);
  /* Public keys: readable by all (0644). */
  return g_file_set_contents_full (path, line, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

MsKey *
ms_keyring_unseal (MsKeyring   *self,
                   const char  *kid,
                   const char  *passphrase,
                   GError     **error)
{
  g_return_val_if_fail (MS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (kid != NULL && passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ms_key_load_sealed (self->dir, kid, passphrase, error);
}

/* vim: set foldmethod=marker: */
