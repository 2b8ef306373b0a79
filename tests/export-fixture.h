/* export-fixture.h — a catalog with approved sheets and a signing key, for
 * the export tests
 *
 * A folder per test with a catalog made by masatir-cli (the demo sheets,
 * karim publisher, amina editor, youssef reviewer), the RFC 8037 key in its
 * keyring and the trust store the portal would pin; the snapshot of
 * everything an export may change. Shared by test-export.c (the command)
 * and test-publish.c (the publishing layer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"
#include "test-util.h"
#include "ms-bundle.h"
#include "ms-pg-store.h"
#include "ms-sqlite-store.h"
#include "ms-strict-json.h"

#define KID        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
#define ISSUER     "ma-test"
#define RESIDENCE  "06aab24e-ee88-477f-8c33-311768fbe275"
#define PASSPORT   "9eab422b-5f2f-4f11-aa47-3a8f29445e2f"
#define BIRTH      "6b62b675-47f2-4794-98cc-51a3c8a17bbf"
#define DAY        (24 * 3600)

typedef struct {
  char *dir;
  char *db;
  char *trust;
} Fixture;

/* {{{1 Running the command */

/* masatir-cli as @actor on @f's catalog and keys; @env holds "NAME=VALUE"
 * overrides (a NAME alone unsets it) for this run only, or is NULL. The
 * command inherits this process's environment, set here for each run. */
static inline void
cli_env (Run                *run,
         Fixture            *f,
         const char * const *env,
         const char         *actor,
         const char         *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  cli_env_set (f->dir, f->db, actor);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      if (pair[1] != NULL)
        g_setenv (pair[0], pair[1], TRUE);
      else
        g_unsetenv (pair[0]);
    }

  va_start (ap, first);
  cli_args_add_valist (args, first, ap);
  va_end (ap);
  run_cli_args (run, args);
}

#define cli(run, f, actor, ...) cli_env ((run), (f), NULL, (actor), __VA_ARGS__)

static inline void
expect_status (Run        *run,
               int         status,
               const char *fragment)
{
  gboolean said = fragment == NULL || strstr (run->out, fragment) != NULL || strstr (run->err, fragment) != NULL;

  if (run->status == status && said)
    return;
  g_test_message ("expected “%s”\nstdout: %s\nstderr: %s", fragment != NULL ? fragment : "", run->out, run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (said);
}

/* {{{1 Fixture */

/* The trust store the portal would pin: keys export-public plus the issuer. */
static inline void
write_trust (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) jwks = NULL;
  g_autofree char *text = NULL;
  JsonObject *jwk;

  cli (&run, f, "karim", "keys", "export-public", KID, NULL);
  expect_status (&run, 0, NULL);
  jwks = json_from_string (run.out, NULL);
  jwk = json_array_get_object_element (json_object_get_array_member (json_node_get_object (jwks), "keys"), 0);
  text = g_strdup_printf ("{\"threshold\":1,\"keys\":{\"%s\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                          "\"x\":\"%s\",\"issuer\":\"" ISSUER "\"}}}",
                          json_object_get_string_member (jwk, "kid"), json_object_get_string_member (jwk, "x"));
  f->trust = g_build_filename (f->dir, "trust.json", NULL);
  g_assert_true (g_file_set_contents (f->trust, text, -1, NULL));
}

static inline int
strcmp_p (gconstpointer a,
          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline void
import_demo (Fixture *f)
{
  g_autofree char *demo = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GDir) dir = g_dir_open (demo, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(Run) run = { 0 };
  const char *name;

  /* In name order: the same catalog in every folder. */
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (demo, name, NULL));
  g_ptr_array_sort (files, strcmp_p);
  g_ptr_array_add (args, (gpointer) "import");
  g_ptr_array_extend (args, files, NULL, NULL);
  cli_env_set (f->dir, f->db, "amina");
  run_cli_args (&run, args);
  expect_status (&run, 0, NULL);
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *jwk = g_test_build_filename (G_TEST_DIST, "data", "rfc8037-a4-private.jwk", NULL);
  g_auto(Run) run = { 0 };

  f->dir = g_dir_make_tmp ("masatir-export-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "catalog.db", NULL);
  cli_catalog_set_up (f->dir, f->db, ISSUER);
  import_demo (f);
  cli (&run, f, "karim", "keys", "import", jwk, NULL);
  expect_status (&run, 0, KID);
  write_trust (f);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->trust);
  g_free (f->db);
  g_free (f->dir);
}

/* {{{1 Helpers */

static inline void
approve (Fixture    *f,
         const char *id)
{
  g_auto(Run) run = { 0 };

  cli (&run, f, "amina", "submit", id, NULL);
  expect_status (&run, 0, NULL);
  cli (&run, f, "youssef", "approve", id, NULL);
  expect_status (&run, 0, NULL);
}

/* Exports to @name in the fixture's folder; returns the bundle's path. */
static inline char *
export_ok (Fixture            *f,
           const char * const *env,
           const char         *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_auto(Run) run = { 0 };

  cli_env (&run, f, env, "karim", "export", "--key", KID, "--out", path, NULL);
  expect_status (&run, 0, "SHA-256");
  return g_steal_pointer (&path);
}

/* The bundle as the portal sees it, checked in process. */
static inline MsBundleVerified *
open_bundle (Fixture    *f,
             const char *path)
{
  g_autoptr(MsTrustStore) trust = ms_trust_store_load (f->trust, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  MsBundleVerified *verified;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  verified = ms_bundle_verify (data, length, trust, NULL, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  return verified;
}

/* A member of the manifest, which MsBundleVerified does not carry. */
static inline char *
manifest_string (const char *path,
                 const char *member)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(GBytes) payload = NULL;
  const char *text;
  JsonNode *value;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  root = json_from_string (data, NULL);
  text = json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "jws"), "payload");
  payload = ms_base64url_decode (text, strlen (text));
  manifest = ms_strict_json_parse (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), NULL);
  value = json_object_get_member (json_node_get_object (manifest), member);
  return JSON_NODE_HOLDS_NULL (value) ? NULL : g_strdup (json_node_get_string (value));
}

static inline const char *
entry_published (MsBundleVerified *verified,
                 const char       *id)
{
  for (guint i = 0; i < verified->ids->len; i++)
    if (strcmp (verified->ids->pdata[i], id) == 0)
      return json_object_get_string_member (json_node_get_object (verified->entries->pdata[i]), "published");
  return NULL;
}

static inline gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

/* The catalog opened in process, as another program would: the file, or
 * on the PostgreSQL half (cli-run.h) the test server. */
static inline MsStore *
catalog_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  MsStore *store;

  if (cli_pg () != NULL)
    {
      /* As the server's superuser, acting for each call's actor. */
      store = MS_STORE (ms_pg_store_open (cli_pg (), &error));
      g_assert_no_error (error);
      ms_pg_store_set_impersonate (MS_PG_STORE (store), TRUE);
    }
  else
    store = MS_STORE (ms_sqlite_store_open (f->db, MS_SQLITE_STORE_OPEN_EXISTING, &error));
  g_assert_no_error (error);
  return store;
}

static inline char *
setting (Fixture    *f,
         const char *key)
{
  g_autoptr(MsStore) store = catalog_open (f);

  return ms_store_get_setting (MS_STORE (store), key, NULL);
}

/* Everything an export may change: the states, the chain, the folder. */
static inline char *
snapshot (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *sequence = setting (f, "bundle_sequence");
  g_autofree char *previous = setting (f, "bundle_manifest_sha256");
  const char *name;

  cli (&run, f, "karim", "list", "--format", "json", NULL);
  expect_status (&run, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "catalog.db"))
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;

        if (!g_file_test (path, G_FILE_TEST_IS_DIR))
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_ptr_array_add (names, g_strdup_printf ("%s %" G_GSIZE_FORMAT, name, length));
      }
  g_ptr_array_sort (names, strcmp_p);
  g_string_append_printf (text, "sequence %s previous %s\n", sequence, previous != NULL ? previous : "-");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s\n", (char *) names->pdata[i]);
  g_string_append (text, run.out);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static inline void
assert_audit_intact (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli (&run, f, "karim", "audit", "verify", NULL);
  expect_status (&run, 0, "intact");
}

/* The verdict ("ok" or a failure name) on @bundle of the peer verifier
 * build-aux/@script run by @interpreter. Without the interpreter (or
 * python3's cryptography module) the test fails: the comparison with a peer
 * is never silently dropped. */
static inline char *
peer_verdict (Fixture    *f,
              const char *interpreter,
              const char *script,
              const char *bundle)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "build-aux", script, NULL);
  const char *argv[] = { interpreter, path, "--trust", f->trust, bundle, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *tab;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, NULL, &error);
  g_assert_no_error (error);
  if ((tab = strchr (out, '\t')) == NULL)
    g_error ("build-aux/%s gave no verdict (python3-cryptography or nodejs missing?): %s", script, err);
  return g_strstrip (g_strdup (tab + 1));
}

/* The verdict on @bundle of build-aux/verify-bundle.py, which the Node.js
 * peer build-aux/verify-bundle.mjs must share. */
static inline char *
python_verdict (Fixture    *f,
                const char *bundle)
{
  char *python = peer_verdict (f, "python3", "verify-bundle.py", bundle);
  g_autofree char *node = peer_verdict (f, "node", "verify-bundle.mjs", bundle);

  g_assert_cmpstr (node, ==, python);
  return python;
}

