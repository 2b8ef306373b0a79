/* test-bundle.c — procbundle/1: round trip, every rejection, bit flips, and
 * agreement with the independent verifiers build-aux/verify-bundle.py and
 * build-aux/verify-bundle.mjs (Node.js)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "cli-run.h"
#include "ms-bundle.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-strict-json.h"
#include "test-util.h"

#define A4_JWK "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"," \
  "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"," \
  "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"
#define ISSUER "ma.test"
#define DAY (24 * 3600)

static const char * const demo_sheets[] = {
  "residence-certificate.json", "birth-certificate-extract.json", "school-certificate.json",
};
#define WITHDRAWN_ID "00000000-0000-4000-8000-000000000001"
#define EXTRA_ID "ffffffff-ffff-4fff-8fff-ffffffffffff"

typedef struct {
  char         *dir;
  MsKey        *key;
  char         *trust_path;
  MsTrustStore *trust;
  GPtrArray    *sheets;     /* MsProcedure* */
  gint64        now;
} Fixture;

static Fixture fx;

static MsKey *
key_from_jwk (const char *text)
{
  g_autoptr(JsonNode) jwk = ms_strict_json_parse (text, strlen (text), NULL);

  return ms_key_new_from_jwk (jwk, NULL);
}

static char *
write_temp (const char *name,
            const void *data,
            gsize       length)
{
  char *path = g_build_filename (fx.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static void
fixture_setup (void)
{
  g_autofree char *trust = NULL;
  g_autoptr(GError) error = NULL;

  fx.dir = g_dir_make_tmp ("bundle-XXXXXX", NULL);
  fx.key = key_from_jwk (A4_JWK);
  trust = g_strdup_printf ("{\"threshold\":1,\"keys\":{\"%s\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                           "\"x\":\"%s\",\"issuer\":\"" ISSUER "\"}}}", fx.key->kid, fx.key->x);
  fx.trust_path = write_temp ("trust.json", trust, strlen (trust));
  fx.trust = ms_trust_store_load (fx.trust_path, &error);
  g_assert_no_error (error);
  fx.sheets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (demo_sheets); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", demo_sheets[i], NULL);
      MsProcedure *p = ms_procedure_new_from_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (fx.sheets, p);
    }
  fx.now = g_get_real_time () / G_USEC_PER_SEC;
}

static MsBundleEntry *
sheet_entry (guint i)
{
  MsProcedure *p = g_ptr_array_index (fx.sheets, i);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ms_bundle_entry_bytes (p, 3, "2025-01-15", &error);

  g_assert_no_error (error);
  return ms_bundle_entry_new (p->id, bytes);
}

/* A bundle of @n_sheets demo sheets; @change may adjust the spec. */
static GBytes *
build (guint        n_sheets,
       const char  *issuer,
       gint64       sequence,
       const char  *previous,
       gint64       created,
       GPtrArray   *extra_entries,
       char       **sha256)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  MsBundleSpec spec = { issuer, sequence, created, created + 30 * DAY, previous, entries, withdrawn };
  GBytes *bundle;

  for (guint i = 0; i < n_sheets; i++)
    g_ptr_array_add (entries, sheet_entry (i));
  for (guint i = 0; extra_entries != NULL && i < extra_entries->len; i++)
    g_ptr_array_add (entries, g_steal_pointer (&extra_entries->pdata[i]));
  g_ptr_array_add (withdrawn, (gpointer) WITHDRAWN_ID);
  bundle = ms_bundle_build (&spec, fx.key, sha256, &error);
  g_assert_no_error (error);
  return bundle;
}

static GBytes *
build_default (void)
{
  return build (2, ISSUER, 1, NULL, fx.now - DAY, NULL, NULL);
}

static MsBundleVerified *
verify_bytes (GBytes      *bundle,
              JsonNode    *state,
              GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bundle, &length);

  return ms_bundle_verify (data, length, fx.trust, state, fx.now, error);
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) bundle = build_default ();
  g_autoptr(GBytes) again = build_default ();
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsProcedure) first = NULL;
  MsProcedure *original;

  /* Ed25519 is deterministic: the same input gives the same file. */
  g_assert_true (g_bytes_equal (bundle, again));
  verified = verify_bytes (bundle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verified->issuer, ==, ISSUER);
  g_assert_cmpint (verified->sequence, ==, 1);
  g_assert_cmpuint (verified->ids->len, ==, 2);
  g_assert_cmpuint (verified->withdrawn->len, ==, 1);
  g_assert_cmpint (strcmp (verified->ids->pdata[0], verified->ids->pdata[1]), <, 0);
  first = ms_procedure_new_from_json (verified->entries->pdata[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->revision, ==, 3);
  g_assert_cmpstr (first->published, ==, "2025-01-15");
  original = strcmp (((MsProcedure *) fx.sheets->pdata[0])->id, first->id) == 0
             ? fx.sheets->pdata[0] : fx.sheets->pdata[1];
  first->revision = original->revision;
  g_clear_pointer (&first->published, g_free);
  first->published = g_strdup (original->published);
  g_assert_true (ms_procedure_equal (first, original));
}

/* {{{1 Tampering helpers */

static JsonNode *
wrapper_parse (GBytes *bundle)
{
  gsize length;
  const char *data = g_bytes_get_data (bundle, &length);

  return ms_strict_json_parse (data, length, NULL);
}

static GBytes *
wrapper_write (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static JsonObject *
signature_object (JsonNode *root)
{
  JsonObject *jws = json_object_get_object_member (json_node_get_object (root), "jws");

  return json_array_get_object_element (json_object_get_array_member (jws, "signatures"), 0);
}

static char *
decoded_member (JsonObject *object,
                const char *name)
{
  const char *text = json_object_get_string_member (object, name);
  g_autoptr(GBytes) bytes = ms_base64url_decode (text, strlen (text));
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
set_encoded (JsonObject *object,
             const char *name,
             const char *text)
{
  g_autofree char *encoded = ms_base64url_encode (text, strlen (text));

  json_object_set_string_member (object, name, encoded);
}

/* Makes the 64-byte @signature of @input (the signing input). */
typedef void (*SignFunc) (const char *input,
                          gsize       length,
                          gpointer    data,
                          guchar     *signature);

static void
sign_with_key (const char *input,
               gsize       length,
               gpointer    key,
               guchar     *signature)
{
  ms_key_sign (key, input, length, signature);
}

/* The default bundle with its header and manifest text edited (replacing
 * @from with @to in the header when @in_header, else in the manifest;
 * nothing when @from is NULL), then signed again by @sign. */
static GBytes *
resign_with (const char *from,
             const char *to,
             gboolean    in_header,
             SignFunc    sign,
             gpointer    sign_data)
{
  g_autoptr(GBytes) bundle = build_default ();
  g_autoptr(JsonNode) root = wrapper_parse (bundle);
  JsonObject *jws = json_object_get_object_member (json_node_get_object (root), "jws");
  JsonObject *sig = signature_object (root);
  g_autofree char *header = decoded_member (sig, "protected");
  g_autofree char *manifest = decoded_member (jws, "payload");
  g_autoptr(GString) edited = g_string_new (in_header ? header : manifest);
  g_autoptr(GString) input = NULL;
  g_autofree char *signature = NULL;
  guchar raw[MS_ED25519_SIGNATURE_BYTES];

  if (from != NULL)
    {
      g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
      set_encoded (in_header ? sig : jws, in_header ? "protected" : "payload", edited->str);
    }
  input = g_string_new (json_object_get_string_member (sig, "protected"));
  g_string_append_printf (input, ".%s", json_object_get_string_member (jws, "payload"));
  sign (input->str, input->len, sign_data, raw);
  signature = ms_base64url_encode (raw, sizeof raw);
  json_object_set_string_member (sig, "signature", signature);
  return wrapper_write (root);
}

/* The same, signed with @key. */
static GBytes *
resign (const char *from,
        const char *to,
        gboolean    in_header,
        MsKey      *key)
{
  return resign_with (from, to, in_header, sign_with_key, key);
}

/* An encoding of the identity point: y = 1, x = 0. */
static const guchar identity_point[32] = { 1 };

/* No key at all: R = identity, S = 0. Under the identity as public key,
 * [S]B = R + [k]A holds for every message. */
static void
sign_forged (const char *input,
             gsize       length,
             gpointer    data,
             guchar     *signature)
{
  memset (signature, 0, MS_ED25519_SIGNATURE_BYTES);
  memcpy (signature, identity_point, sizeof identity_point);
}

/* A genuine signature with S + L in place of S (S < L, so it still fits in
 * 32 bytes): the same equation holds, S is not canonical. */
static void
sign_non_canonical_s (const char *input,
                      gsize       length,
                      gpointer    key,
                      guchar     *signature)
{
  /* L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
  static const guchar order[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
  };
  guint carry = 0;

  ms_key_sign (key, input, length, signature);
  for (guint i = 0; i < 32; i++)
    {
      carry += signature[32 + i] + order[i];
      signature[32 + i] = carry & 0xff;
      carry >>= 8;
    }
  g_assert_cmpuint (carry, ==, 0);
}

/* Made with the private key, but R = identity (small order) and
 * S = k·a mod L, k = SHA-512(R || A || M): [S]B = [k]A = R + [k]A. A
 * verifier that does not refuse a small-order R accepts it. */
static void
sign_small_order_r (const char *input,
                    gsize       length,
                    gpointer    data,
                    guchar     *signature)
{
  MsKey *key = data;
  guchar az[crypto_hash_sha512_BYTES];
  guchar wide[crypto_hash_sha512_BYTES] = { 0 };
  guchar a[32], k[32];
  crypto_hash_sha512_state state;

  /* The secret scalar: SHA-512 of the seed (the first half of the secret
   * key), clamped (RFC 8032 §5.1.5). */
  crypto_hash_sha512 (az, key->secret_key, 32);
  az[0] &= 248;
  az[31] &= 127;
  az[31] |= 64;
  memcpy (wide, az, 32);
  crypto_core_ed25519_scalar_reduce (a, wide);
  crypto_hash_sha512_init (&state);
  crypto_hash_sha512_update (&state, identity_point, 32);
  crypto_hash_sha512_update (&state, key->public_key, 32);
  crypto_hash_sha512_update (&state, (const guchar *) input, length);
  crypto_hash_sha512_final (&state, wide);
  crypto_core_ed25519_scalar_reduce (k, wide);
  memcpy (signature, identity_point, 32);
  crypto_core_ed25519_scalar_mul (signature + 32, k, a);
  sodium_memzero (az, sizeof az);
  sodium_memzero (a, sizeof a);
}

/* @depth opening brackets, then as many closing ones. */
static char *
nested (guint depth)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef void (*EditFunc) (JsonObject *entries, JsonObject *sig);

static GBytes *
edit_bytes (GBytes   *bundle,
            EditFunc  edit)
{
  g_autoptr(JsonNode) root = wrapper_parse (bundle);

  edit (json_object_get_object_member (json_node_get_object (root), "entries"), signature_object (root));
  return wrapper_write (root);
}

static GBytes *
edit_wrapper (EditFunc edit)
{
  g_autoptr(GBytes) bundle = build_default ();

  return edit_bytes (bundle, edit);
}

static const char *
first_entry_id (JsonObject *entries)
{
  g_autoptr(GList) names = json_object_get_members (entries);

  return names->data;
}

static void
drop_entry (JsonObject *entries,
            JsonObject *sig)
{
  json_object_remove_member (entries, first_entry_id (entries));
}

static void
add_entry (JsonObject *entries,
           JsonObject *sig)
{
  json_object_set_string_member (entries, EXTRA_ID, "e30");
}

static void
swap_entries (JsonObject *entries,
              JsonObject *sig)
{
  g_autoptr(GList) names = json_object_get_members (entries);
  g_autofree char *a = g_strdup (json_object_get_string_member (entries, names->data));
  g_autofree char *b = g_strdup (json_object_get_string_member (entries, names->next->data));

  json_object_set_string_member (entries, names->data, b);
  json_object_set_string_member (entries, names->next->data, a);
}

static void
alter_entry_byte (JsonObject *entries,
                  JsonObject *sig)
{
  const char *id = first_entry_id (entries);
  g_autofree char *text = decoded_member (entries, id);
  char *colon = strchr (text, ':');

  /* Same size, other bytes: the first member name's first letter. */
  g_assert_nonnull (colon);
  text[1] = text[1] == 'a' ? 'b' : 'a';
  set_encoded (entries, id, text);
}

static void
pad_entry (JsonObject *entries,
           JsonObject *sig)
{
  const char *id = first_entry_id (entries);
  g_autofree char *text = g_strconcat (json_object_get_string_member (entries, id), "=", NULL);

  json_object_set_string_member (entries, id, text);
}

/* libsodium 1.0.18 would read "ß" (two bytes from 0x80 up) as "__". */
static void
non_ascii_entry (JsonObject *entries,
                 JsonObject *sig)
{
  const char *id = first_entry_id (entries);
  g_autofree char *text = g_strdup (json_object_get_string_member (entries, id));
  g_autofree char *edited = NULL;

  text[strlen (text) - 2] = '\0';
  edited = g_strconcat (text, "ß", NULL);
  json_object_set_string_member (entries, id, edited);
}

static void
flip_signature (JsonObject *entries,
                JsonObject *sig)
{
  g_autofree char *text = g_strdup (json_object_get_string_member (sig, "signature"));

  text[0] = text[0] == 'A' ? 'B' : 'A';
  json_object_set_string_member (sig, "signature", text);
}

static GBytes *
wrong_format (void)
{
  g_autoptr(GBytes) bundle = build_default ();
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));

  g_string_replace (text, "procbundle/1", "procbundle/2", 1);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static GBytes *
too_many_entries (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\":\"procbundle/1\",\"entries\":{");

  for (int i = 0; i <= MS_BUNDLE_MAX_ENTRIES; i++)
    g_string_append_printf (text, "%s\"%d\":\"\"", i > 0 ? "," : "", i);
  g_string_append (text, "}}");
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/* An entry whose content is not what the manifest describes. */
static GBytes *
custom_entry (const char *id,
              const char *json)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);

  g_ptr_array_add (extra, ms_bundle_entry_new (id, g_bytes_new (json, strlen (json))));
  return build (2, ISSUER, 1, NULL, fx.now - DAY, extra, NULL);
}

/* A bundle of demo sheet @i alone, its canonical text edited: @from
 * replaced by @to. */
static GBytes *
edited_sheet (guint       i,
              const char *from,
              const char *to)
{
  g_autoptr(MsBundleEntry) entry = sheet_entry (i);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (entry->bytes, NULL), g_bytes_get_size (entry->bytes));
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);

  g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  g_ptr_array_add (extra, ms_bundle_entry_new (entry->id, g_string_free_to_bytes (g_steal_pointer (&text))));
  return build (0, ISSUER, 1, NULL, fx.now - DAY, extra, NULL);
}

/* @bundle's bytes (@bundle is consumed) with @prefix before them and the
 * first @from replaced by @to: the unsigned wrapper, edited as text. */
static GBytes *
raw_edit (GBytes     *bundle,
          const char *prefix,
          const char *from,
          const char *to)
{
  GString *text = g_string_new (prefix);

  g_string_append_len (text, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  if (from != NULL)
    g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  g_bytes_unref (bundle);
  return g_string_free_to_bytes (text);
}

/* "\"fr\":\"" followed by @n times U+1F3E0 and a closing quote: @n code
 * points, 2 @n UTF-16 units. */
static char *
astral_text (guint n)
{
  GString *text = g_string_new ("\"fr\":\"");

  for (guint i = 0; i < n; i++)
    g_string_append (text, "\U0001F3E0");
  g_string_append_c (text, '"');
  return g_string_free (text, FALSE);
}

/* {{{1 Every rejection, by name */

typedef struct {
  const char *expected;
  GBytes     *bundle;
  const char *state;       /* the state file's text, or NULL */
} Case;

static char *
state_text (gint64      sequence,
            const char *sha256)
{
  return g_strdup_printf ("{\"" ISSUER "\":{\"sequence\":%" G_GINT64_FORMAT ",\"manifest_sha256\":\"%s\"}}",
                          sequence, sha256);
}

/* The Python verifier, which every case must also run through: without
 * python3 or its cryptography module the test fails, it does not skip. */
static char *
python_verifier (void)
{
  /* Checked once: each python3 start costs half a second on a busy
   * machine, and every case runs the peer. */
  static gboolean checked;

  if (!checked)
    {
      g_autofree char *python = g_find_program_in_path ("python3");
      g_autofree char *err = NULL;
      int status = 1;

      if (python == NULL)
        g_error ("python3 not found: the verdicts of build-aux/verify-bundle.py cannot be compared");
      g_spawn_command_line_sync ("python3 -c 'import cryptography.hazmat.primitives.asymmetric.ed25519'",
                                 NULL, &err, &status, NULL);
      if (status != 0)
        g_error ("python3 cannot import cryptography (Debian: python3-cryptography): %s", err);
      checked = TRUE;
    }
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "build-aux", "verify-bundle.py", NULL);
}

/* The Node.js verifier, which every case also runs through: without node
 * the test fails (Debian: nodejs), it does not skip. Checked once. */
static const char *
node_script (void)
{
  static char *script = NULL;

  if (script == NULL)
    {
      g_autofree char *node = g_find_program_in_path ("node");

      if (node == NULL)
        g_error ("node not found (Debian: nodejs): the verdicts of build-aux/verify-bundle.mjs cannot be compared");
      script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "build-aux", "verify-bundle.mjs", NULL);
    }
  return script;
}

/* The verdict ("ok" or a failure name) on its stdout line of a peer
 * verifier run on @bundle: argv[0] is "python3" or "node", argv[1] the
 * script. */
static char *
peer_verdict (const char *interpreter,
              const char *script,
              const char *state_path,
              const char *bundle_path)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *tab;
  int status;

  g_ptr_array_add (args, (gpointer) interpreter);
  g_ptr_array_add (args, (gpointer) script);
  g_ptr_array_add (args, (gpointer) "--trust");
  g_ptr_array_add (args, fx.trust_path);
  if (state_path != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--state");
      g_ptr_array_add (args, (gpointer) state_path);
    }
  g_ptr_array_add (args, (gpointer) bundle_path);
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, NULL));
  if ((tab = strchr (out, '\t')) == NULL)
    g_error ("%s %s gave no verdict: %s", interpreter, script, err);
  return g_strdup (g_strstrip (tab + 1));
}

/* The verdict ("ok" or a failure name) of the three verifiers on @bundle. */
static void
verdicts (GBytes      *bundle,
          const char  *state,
          char       **c_verdict,
          char       **python_verdict,
          char       **node_verdict)
{
  g_autofree char *bundle_path = write_temp ("case.bundle", g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  g_autofree char *state_path = state != NULL ? write_temp ("case.state", state, strlen (state)) : NULL;
  g_autofree char *script = NULL;
  g_auto(Run) run = { 0 };

  if (state_path != NULL)
    run_cli (&run, "verify", "--trust", fx.trust_path, "--state", state_path, bundle_path, NULL);
  else
    run_cli (&run, "verify", "--trust", fx.trust_path, bundle_path, NULL);
  if (run.status == 0)
    *c_verdict = g_strdup ("ok");
  else
    {
      /* "masatir-cli: verify: NAME: detail" */
      g_auto(GStrv) parts = g_strsplit (run.err, ": ", 4);

      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpuint (g_strv_length (parts), >=, 3);
      *c_verdict = g_strdup (parts[2]);
    }
  /* Each peer reads the state text the case gave, not the one the
   * verifier before it saved on accepting the bundle. */
  script = python_verifier ();
  if (state_path != NULL)
    g_assert_true (g_file_set_contents (state_path, state, -1, NULL));
  *python_verdict = peer_verdict ("python3", script, state_path, bundle_path);
  if (state_path != NULL)
    g_assert_true (g_file_set_contents (state_path, state, -1, NULL));
  *node_verdict = peer_verdict ("node", node_script (), state_path, bundle_path);
}

static void
test_rejections (void)
{
  g_autoptr(MsKey) stranger = ms_key_generate ();
  g_autofree char *sha1 = NULL;
  g_autoptr(GBytes) first = build (2, ISSUER, 1, NULL, fx.now - DAY, NULL, &sha1);
  g_autofree char *other_sha = g_strnfill (64, 'a');
  g_autoptr(GBytes) second = build (2, ISSUER, 2, sha1, fx.now - DAY, NULL, NULL);
  g_autoptr(GBytes) second_other = build (2, ISSUER, 2, other_sha, fx.now - DAY, NULL, NULL);
  g_autofree char *state_at_1 = state_text (1, sha1);
  g_autofree char *state_at_5 = state_text (5, other_sha);
  g_autofree char *state_at_1_other = state_text (1, other_sha);
  g_autofree char *bad_sheet = g_strdup_printf ("{\"id\":\"%s\",\"act_kind\":\"spaceship\",\"revision\":1,"
                                                "\"published\":\"2025-01-01\"}", EXTRA_ID);
  g_autofree char *other_id = g_strdup_printf ("{\"id\":\"%s\"}", WITHDRAWN_ID);
  g_autofree char *alg_none = g_strdup_printf ("\"alg\":\"none\"");
  /* Deeper than Python's json reader goes (about 1,000 levels); the
   * header's within its 4,096 bytes. */
  g_autofree char *deep_1900 = nested (1900);
  g_autofree char *deep_2000 = nested (2000);
  g_autofree char *deep_header = g_strdup_printf ("\"alg\":\"EdDSA\",\"x\":%s", deep_1900);
  g_autofree char *deep_manifest = g_strdup_printf ("\"x\":%s,\"withdrawn\":", deep_2000);
  g_autofree char *deep_sheet = g_strdup_printf ("{\"id\":\"%s\",\"x\":%s}", EXTRA_ID, deep_2000);
  /* The sheet is at depth 0: 63 more levels are read (and "x" is an
   * unknown member), 64 are too deep. */
  g_autofree char *deep_63 = nested (63);
  g_autofree char *deep_64 = nested (64);
  g_autofree char *sheet_63 = g_strdup_printf ("\"code\":\"MI-DGSN-0001\",\"x\":%s", deep_63);
  g_autofree char *sheet_64 = g_strdup_printf ("\"code\":\"MI-DGSN-0001\",\"x\":%s", deep_64);
  /* A text's maxLength (20,000) counts code points, not UTF-16 units. */
  g_autofree char *astral_ok = astral_text (15000);
  g_autofree char *astral_long = astral_text (20001);
  Case cases[] = {
    { "ok", g_bytes_ref (first), NULL },
    { "ok", g_bytes_ref (first), state_at_1 },
    { "ok", g_bytes_ref (second), state_at_1 },
    { "size", too_many_entries (), NULL },
    { "format", wrong_format (), NULL },
    { "base64url", edit_wrapper (pad_entry), NULL },
    { "base64url", edit_wrapper (non_ascii_entry), NULL },
    { "header", resign ("\"alg\":\"EdDSA\"", alg_none, TRUE, fx.key), NULL },
    { "header", resign ("\"alg\":\"EdDSA\"", "\"alg\":\"EdDSA\",\"crit\":[\"b64\"]", TRUE, fx.key), NULL },
    { "header", resign ("\"alg\":\"EdDSA\"", "\"alg\":\"EdDSA\",\"jwk\":{}", TRUE, fx.key), NULL },
    { "header", resign ("+jws\"", "\"", TRUE, fx.key), NULL },
    { "kid", resign (fx.key->kid, stranger->kid, TRUE, stranger), NULL },
    { "signature", edit_wrapper (flip_signature), NULL },
    { "signature", resign ("\"sequence\":1", "\"sequence\":1 ", FALSE, stranger), NULL },
    { "manifest", resign ("\"schema_version\":1", "\"schema_version\":2", FALSE, fx.key), NULL },
    { "manifest", resign ("\"sequence\":1", "\"sequence\":1.0", FALSE, fx.key), NULL },
    /* Python's \d, int () and strptime take any Unicode digit. */
    { "manifest", resign ("\"created\":\"2", "\"created\":\"٢", FALSE, fx.key), NULL },
    { "manifest", resign ("\"created\":\"2", "\"created\":\"２", FALSE, fx.key), NULL },
    { "header", resign ("\"alg\":\"EdDSA\"", deep_header, TRUE, fx.key), NULL },
    { "manifest", resign ("\"withdrawn\":", deep_manifest, FALSE, fx.key), NULL },
    { "signature", resign_with (NULL, NULL, FALSE, sign_non_canonical_s, fx.key), NULL },
    { "signature", resign_with (NULL, NULL, FALSE, sign_small_order_r, fx.key), NULL },
    { "issuer", build (2, "ma.other", 1, NULL, fx.now - DAY, NULL, NULL), NULL },
    { "not-yet-valid", build (2, ISSUER, 1, NULL, fx.now + DAY, NULL, NULL), NULL },
    { "expired", build (2, ISSUER, 1, NULL, fx.now - 31 * DAY, NULL, NULL), NULL },
    { "rollback", g_bytes_ref (second), state_at_5 },
    { "equivocation", g_bytes_ref (first), state_at_1_other },
    { "chain", g_bytes_ref (second_other), state_at_1 },
    { "missing-entry", edit_wrapper (drop_entry), NULL },
    { "extra-entry", edit_wrapper (add_entry), NULL },
    { "entry-size", edit_wrapper (swap_entries), NULL },
    { "entry-sha256", edit_wrapper (alter_entry_byte), NULL },
    { "entry-id", custom_entry (EXTRA_ID, other_id), NULL },
    { "entry-schema", custom_entry (EXTRA_ID, bad_sheet), NULL },
    { "entry-id", custom_entry (EXTRA_ID, deep_sheet), NULL },
    /* Python's "$" also matches before a final newline; ECMA-262's not. */
    { "entry-schema", edited_sheet (0, "\"id\":\"d1\"", "\"id\":\"d1\\n\""), NULL },
    /* What JSON.parse accepts and a strict reader must not: duplicate
     * member names (the last would win), lone surrogates, \u0000, a number
     * beyond the double range, a float where an integer is due, a byte
     * order mark. */
    { "format", raw_edit (build_default (), "", "\"format\"", "\"format\":\"x\",\"format\""), NULL },
    { "format", raw_edit (build_default (), "\xef\xbb\xbf", NULL, NULL), NULL },
    { "header", resign ("\"alg\":\"EdDSA\"", "\"alg\":\"none\",\"alg\":\"EdDSA\"", TRUE, fx.key), NULL },
    { "manifest", resign ("\"sequence\":1", "\"sequence\":1,\"sequence\":1", FALSE, fx.key), NULL },
    { "manifest", resign ("\"sequence\":1", "\"sequence\":1E0", FALSE, fx.key), NULL },
    { "ok", edited_sheet (0, "\"fr\":\"Certificat de résidence\"",
                          "\"fr\":\"Certificat de r\\u00e9sidence \\ud83c\\udfe0\""), NULL },
    { "entry-id", edited_sheet (0, "\"fr\":\"Certificat de résidence\"",
                                "\"fr\":\"Certificat de résidence\",\"fr\":\"x\""), NULL },
    { "entry-id", edited_sheet (0, "\"fr\":\"Certificat de résidence\"", "\"fr\":\"Certificat \\ud800\""), NULL },
    { "entry-id", edited_sheet (0, "\"fr\":\"Certificat de résidence\"", "\"fr\":\"Certificat \\udc00\""), NULL },
    { "entry-id", edited_sheet (0, "\"fr\":\"Certificat de résidence\"", "\"fr\":\"\\ud83c\\u0041\""), NULL },
    { "entry-id", edited_sheet (0, "\"fr\":\"Certificat de résidence\"", "\"fr\":\"Certificat \\u0000\""), NULL },
    { "entry-id", edited_sheet (0, "\"validity_days\":90", "\"validity_days\":1e400"), NULL },
    { "entry-schema", edited_sheet (0, "\"validity_days\":90", "\"validity_days\":90.0"), NULL },
    { "entry-schema", edited_sheet (0, "\"validity_days\":90", "\"validity_days\":9223372036854775808"), NULL },
    { "entry-schema", edited_sheet (0, "\"code\":\"MI-DGSN-0001\"", sheet_63), NULL },
    { "entry-id", edited_sheet (0, "\"code\":\"MI-DGSN-0001\"", sheet_64), NULL },
    { "ok", edited_sheet (0, "\"fr\":\"Certificat de résidence\"", astral_ok), NULL },
    { "entry-schema", edited_sheet (0, "\"fr\":\"Certificat de résidence\"", astral_long), NULL },
    /* A date that does not exist; Unicode digits. */
    { "entry-schema", edited_sheet (0, "\"published\":\"2025-01-15\"", "\"published\":\"2025-02-29\""), NULL },
    { "ok", edited_sheet (0, "\"published\":\"2025-01-15\"", "\"published\":\"2024-02-29\""), NULL },
    { "entry-schema", edited_sheet (0, "\"published\":\"2025-01-15\"", "\"published\":\"٢٠٢٥-01-15\""), NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *c_verdict = NULL;
      g_autofree char *python_verdict = NULL;
      g_autofree char *node_verdict = NULL;

      verdicts (cases[i].bundle, cases[i].state, &c_verdict, &python_verdict, &node_verdict);
      g_test_message ("case %u: expected %s, C %s, Python %s, Node %s", i, cases[i].expected, c_verdict,
                      python_verdict, node_verdict);
      g_assert_cmpstr (c_verdict, ==, cases[i].expected);
      g_assert_cmpstr (python_verdict, ==, cases[i].expected);
      g_assert_cmpstr (node_verdict, ==, cases[i].expected);
      g_bytes_unref (cases[i].bundle);
    }
}

/* {{{1 Unusable trust stores and state files */

/* The Python peer's path; it must be there: a skipped comparison would read
 * as agreement. Checked once. */
static const char *
python_script (void)
{
  static char *script = NULL;

  if (script == NULL)
    script = python_verifier ();
  return script;
}

/* A peer verifier (@interpreter: "python3" or "node") run with @args
 * after its script: exit status and both outputs into @run. */
static void
run_peer (const char *interpreter,
          const char *script,
          GPtrArray  *args,
          Run        *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) interpreter);
  g_ptr_array_add (argv, (gpointer) script);
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  g_ptr_array_add (argv, NULL);
  run_clear (run);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

/* The three verifiers on @bundle with trust store @trust and state file
 * @state (or none): the exit status and both outputs. */
static void
run_all (const char *trust,
         const char *state,
         const char *bundle,
         Run        *c_run,
         Run        *python_run,
         Run        *node_run)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "verify");
  g_ptr_array_add (args, (gpointer) "--trust");
  g_ptr_array_add (args, (gpointer) trust);
  if (state != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--state");
      g_ptr_array_add (args, (gpointer) state);
    }
  g_ptr_array_add (args, (gpointer) bundle);
  run_cli_args (c_run, args);

  /* The same arguments after the script instead of "verify". */
  g_ptr_array_remove_index (args, 0);
  run_peer ("python3", python_script (), args, python_run);
  run_peer ("node", node_script (), args, node_run);
}

/* The trust store text pinning the raw public key @public_key for ISSUER. */
static char *
trust_with_key (const guchar *public_key,
                const char   *threshold)
{
  g_autofree char *x = ms_base64url_encode (public_key, MS_ED25519_PUBLIC_BYTES);
  g_autofree char *kid = ms_key_thumbprint (public_key);

  return g_strdup_printf ("{\"threshold\":%s,\"keys\":{\"%s\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                          "\"x\":\"%s\",\"issuer\":\"" ISSUER "\"}}}", threshold, kid, x);
}

/* From "trust store: " to the end of the line. */
static char *
trust_store_message (const char *err)
{
  const char *start = strstr (err, "trust store: ");

  g_assert_nonnull (start);
  return g_strndup (start, strcspn (start, "\n"));
}

/* What is refused before any bundle is read is refused by both verifiers,
 * as unusable input (exit 2), without a Python traceback; a key that is not
 * a valid Ed25519 public key with the same words. The first case is the
 * forgery that needs no private key: the identity as pinned key, a bundle
 * signed R = identity, S = 0 (accepted by Python, refused by libsodium). */
static void
test_unusable_input (void)
{
  /* The y of an order-8 point (libsodium's list of small-order points);
   * y = p + 3, the non-canonical encoding of y = 3. */
  static const guchar order_8[32] = {
    0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
    0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
  };
  static const guchar non_canonical[32] = {
    0xf0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
  };
  guchar mixed_order[32];
  g_autofree char *identity_kid = ms_key_thumbprint (identity_point);
  g_autoptr(GBytes) forged = resign_with (fx.key->kid, identity_kid, TRUE, sign_forged, NULL);
  g_autoptr(GBytes) bundle = build_default ();
  g_autofree char *forged_path = write_temp ("forged.bundle", g_bytes_get_data (forged, NULL), g_bytes_get_size (forged));
  g_autofree char *bundle_path = write_temp ("plain.bundle", g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  g_autofree char *deep = nested (2000);
  g_autofree char *deep_state = g_strdup_printf ("{\"" ISSUER "\":%s}", deep);
  g_autofree char *deep_trust = g_strdup_printf ("{\"threshold\":1,\"keys\":{},\"x\":%s}", deep);
  g_autofree char *true_threshold = trust_with_key (fx.key->public_key, "true");
  g_autofree char *float_threshold = trust_with_key (fx.key->public_key, "1.0");
  g_autofree char *identity_trust = trust_with_key (identity_point, "1");
  g_autofree char *order_8_trust = trust_with_key (order_8, "1");
  g_autofree char *mixed_trust = NULL;
  g_autofree char *non_canonical_trust = trust_with_key (non_canonical, "1");
  struct {
    const char *trust;      /* text; NULL: the fixture's */
    const char *state;      /* text; NULL: none */
    const char *bundle;
    gboolean    weak_key;
  } cases[] = {
    { identity_trust, NULL, forged_path, TRUE },
    { order_8_trust, NULL, bundle_path, TRUE },
    { NULL, NULL, bundle_path, TRUE },          /* mixed order, below */
    { non_canonical_trust, NULL, bundle_path, TRUE },
    { true_threshold, NULL, bundle_path, FALSE },
    { float_threshold, NULL, bundle_path, FALSE },
    { deep_trust, NULL, bundle_path, FALSE },
    { NULL, "[]", bundle_path, FALSE },
    { NULL, "[{\"sequence\":1}]", bundle_path, FALSE },
    { NULL, deep_state, bundle_path, FALSE },
  };

  /* The pinned key plus a point of order 8: on the curve, of large order,
   * not in the prime-order subgroup. */
  g_assert_cmpint (crypto_core_ed25519_add (mixed_order, fx.key->public_key, order_8), ==, 0);
  cases[2].trust = mixed_trust = trust_with_key (mixed_order, "1");
  /* The forgery is one: without the pinned identity, only the kid fails. */
  {
    g_autofree char *c_verdict = NULL;
    g_autofree char *python_verdict = NULL;
    g_autofree char *node_verdict = NULL;

    verdicts (forged, NULL, &c_verdict, &python_verdict, &node_verdict);
    g_assert_cmpstr (c_verdict, ==, "kid");
    g_assert_cmpstr (python_verdict, ==, "kid");
    g_assert_cmpstr (node_verdict, ==, "kid");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *trust = cases[i].trust != NULL ? write_temp ("case.trust", cases[i].trust, strlen (cases[i].trust))
                                                      : g_strdup (fx.trust_path);
      g_autofree char *state = cases[i].state != NULL ? write_temp ("case.state", cases[i].state, strlen (cases[i].state))
                                                      : NULL;
      g_auto(Run) c_run = { 0 };
      g_auto(Run) python_run = { 0 };
      g_auto(Run) node_run = { 0 };

      run_all (trust, state, cases[i].bundle, &c_run, &python_run, &node_run);
      g_test_message ("case %u: C %d %s, Python %d %s, Node %d %s", i, c_run.status, c_run.err, python_run.status,
                      python_run.err, node_run.status, node_run.err);
      g_assert_cmpint (c_run.status, ==, 2);
      g_assert_cmpint (python_run.status, ==, 2);
      g_assert_cmpint (node_run.status, ==, 2);
      g_assert_null (strstr (python_run.err, "Traceback"));
      /* An uncaught exception in Node prints its stack ("    at "). */
      g_assert_null (strstr (node_run.err, "    at "));
      g_assert_cmpstr (python_run.out, ==, "");
      g_assert_cmpstr (node_run.out, ==, "");
      if (cases[i].weak_key)
        {
          g_autofree char *c_message = trust_store_message (c_run.err);
          g_autofree char *python_message = trust_store_message (python_run.err);
          g_autofree char *node_message = trust_store_message (node_run.err);

          g_assert_nonnull (strstr (c_message, "is not a valid Ed25519 public key"));
          g_assert_cmpstr (c_message, ==, python_message);
          g_assert_cmpstr (c_message, ==, node_message);
        }
    }
}

/* {{{1 The state file's lock */

typedef enum {
  VERIFIER_C,
  VERIFIER_PYTHON,
  VERIFIER_NODE,
} Verifier;

static const char * const verifier_names[] = { "C", "Python", "Node" };

/* One verifier (masatir-cli, the Python or the Node peer) of @bundle
 * against @state, started. */
static GSubprocess *
start_verifier (Verifier    verifier,
                const char *state,
                const char *bundle)
{
  const char *argv[9];
  guint n = 0;
  GError *error = NULL;
  GSubprocess *proc;

  if (verifier == VERIFIER_PYTHON)
    {
      argv[n++] = "python3";
      argv[n++] = python_script ();
    }
  else if (verifier == VERIFIER_NODE)
    {
      argv[n++] = "node";
      argv[n++] = node_script ();
    }
  else
    {
      argv[n++] = g_getenv ("MASATIR_CLI");
      argv[n++] = "verify";
    }
  argv[n++] = "--trust";
  argv[n++] = fx.trust_path;
  argv[n++] = "--state";
  argv[n++] = state;
  argv[n++] = bundle;
  argv[n] = NULL;
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return proc;
}

/* The verdict of a verifier started by start_verifier: "ok" or the name of
 * the failed check. */
static char *
finish_verifier (GSubprocess *proc,
                 Verifier     verifier)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  status = g_subprocess_get_exit_status (proc);
  g_test_message ("%s: %d %s%s", verifier_names[verifier], status, out, err);
  g_assert_cmpint (status, <=, 1);
  if (status == 0)
    return g_strdup ("ok");
  if (verifier != VERIFIER_C)
    {
      const char *tab = strchr (out, '\t');

      g_assert_nonnull (tab);
      return g_strstrip (g_strdup (tab + 1));
    }
  else
    {
      /* "masatir-cli: verify: NAME: detail" */
      g_auto(GStrv) parts = g_strsplit (err, ": ", 4);

      g_assert_cmpuint (g_strv_length (parts), >=, 3);
      return g_strdup (parts[2]);
    }
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Two bundles of the same sequence, each verified against one state file
 * at the same moment: exactly one is accepted, the other is the
 * equivocation it is (20 of 20 were both accepted without the lock). The
 * test first holds the lock itself: both verifiers must wait for it (they
 * would have finished long before without a lock), whichever pair they
 * are, since the lock of masatir-cli and both peers is the same one (the
 * Node peer's taken by flock(1) on its descriptor). Then they race freely,
 * a few times. */
static void
test_state_lock (void)
{
  g_autofree char *sha_a = NULL;
  g_autofree char *sha_b = NULL;
  g_autoptr(GBytes) a = build (2, ISSUER, 1, NULL, fx.now - DAY, NULL, &sha_a);
  g_autoptr(GBytes) b = build (1, ISSUER, 1, NULL, fx.now - DAY, NULL, &sha_b);
  g_autofree char *a_path = write_temp ("a.bundle", g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_autofree char *b_path = write_temp ("b.bundle", g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_autofree char *state = g_build_filename (fx.dir, "race.state", NULL);
  /* Which verifier checks bundle a, which bundle b. */
  static const Verifier pairs[][2] = {
    { VERIFIER_C, VERIFIER_C }, { VERIFIER_C, VERIFIER_PYTHON }, { VERIFIER_PYTHON, VERIFIER_C },
    { VERIFIER_PYTHON, VERIFIER_PYTHON }, { VERIFIER_C, VERIFIER_NODE }, { VERIFIER_NODE, VERIFIER_PYTHON },
    { VERIFIER_NODE, VERIFIER_NODE },
  };

  g_assert_cmpstr (sha_a, !=, sha_b);
  for (guint round = 0; round < 2 * G_N_ELEMENTS (pairs); round++)
    {
      const Verifier *pair = pairs[round % G_N_ELEMENTS (pairs)];
      gboolean held = round < G_N_ELEMENTS (pairs);
      g_autoptr(MsBundleStateLock) lock = NULL;
      g_autoptr(GSubprocess) first = NULL;
      g_autoptr(GSubprocess) second = NULL;
      g_autofree char *first_verdict = NULL;
      g_autofree char *second_verdict = NULL;
      g_autoptr(JsonNode) saved = NULL;
      g_autoptr(GError) error = NULL;
      const char *saved_sha;

      g_remove (state);
      if (held)
        {
          lock = ms_bundle_state_lock (state, &error);
          g_assert_no_error (error);
        }
      first = start_verifier (pair[0], state, a_path);
      second = start_verifier (pair[1], state, b_path);
      if (held)
        {
          gboolean first_done = FALSE, second_done = FALSE, time_up = FALSE;

          /* Long enough for masatir-cli to have finished, had it not
           * waited (a few milliseconds): the first pair is two of them. */
          g_subprocess_wait_async (first, NULL, wait_done_cb, &first_done);
          g_subprocess_wait_async (second, NULL, wait_done_cb, &second_done);
          g_timeout_add (1500, timeout_cb, &time_up);
          while (!time_up)
            g_main_context_iteration (NULL, TRUE);
          g_assert_false (first_done);
          g_assert_false (second_done);
          g_assert_false (g_file_test (state, G_FILE_TEST_EXISTS));
          g_clear_pointer (&lock, ms_bundle_state_unlock);
          while (!first_done || !second_done)
            g_main_context_iteration (NULL, TRUE);
        }
      first_verdict = finish_verifier (first, pair[0]);
      second_verdict = finish_verifier (second, pair[1]);
      g_test_message ("round %u: %s %s, %s %s", round, verifier_names[pair[0]], first_verdict,
                      verifier_names[pair[1]], second_verdict);
      g_assert_true ((strcmp (first_verdict, "ok") == 0 && strcmp (second_verdict, "equivocation") == 0)
                     || (strcmp (first_verdict, "equivocation") == 0 && strcmp (second_verdict, "ok") == 0));
      /* The state is the accepted one's. */
      saved = ms_bundle_state_load (state, &error);
      g_assert_no_error (error);
      saved_sha = json_object_get_string_member (json_object_get_object_member (json_node_get_object (saved), ISSUER),
                                                 "manifest_sha256");
      g_assert_cmpstr (saved_sha, ==, strcmp (first_verdict, "ok") == 0 ? sha_a : sha_b);
    }
  g_remove (state);
}

/* {{{1 Bit flips */

/* The Node peer's verdicts on the bundles in @paths, in one process (its
 * start costs more than verifying a small bundle): "ok" or a name each. */
static GPtrArray *
node_verdicts (GPtrArray *paths)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  GPtrArray *verdicts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, (gpointer) "--trust");
  g_ptr_array_add (args, fx.trust_path);
  g_ptr_array_add (args, (gpointer) "--");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (args, paths->pdata[i]);
  run_peer ("node", node_script (), args, &run);
  g_assert_cmpint (run.status, <=, 1);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, paths->len + 1);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s\t", (char *) paths->pdata[i]);

      g_assert_true (g_str_has_prefix (lines[i], prefix));
      g_ptr_array_add (verdicts, g_strdup (lines[i] + strlen (prefix)));
    }
  return verdicts;
}

/* One bit flipped at every byte position (bit = position % 7, so that every
 * flip stays ASCII and reaches the JSON reader): verification must fail,
 * except where a flip turns the wrapper's insignificant white space into
 * other white space. The wrapper only uses " " and "\n", and no single-bit
 * flip of either is JSON white space (" "→"!", "\n"→"\v", …), so in
 * practice every flip must fail. The Node peer gets every flipped bundle
 * too, a few hundred per run, and must name the same failure. */
static void
test_bit_flips (void)
{
  g_autoptr(GBytes) bundle = build (1, ISSUER, 1, NULL, fx.now - DAY, NULL, NULL);
  gsize length;
  const guchar *original = g_bytes_get_data (bundle, &length);
  g_autofree guchar *copy = g_memdup2 (original, length);
  g_autofree char *dir = g_build_filename (fx.dir, "flips", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_failed = 0;
  guint n_agreed = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MsBundleVerified) verified = NULL;
      guchar flipped = original[i] ^ (guchar) (1u << (i % 7));
      gboolean space_to_space = strchr (" \n", original[i]) != NULL && flipped != 0
                                && strchr (" \t\r\n", flipped) != NULL;
      char *path = g_strdup_printf ("%s/%" G_GSIZE_FORMAT, dir, i);

      copy[i] = flipped;
      verified = ms_bundle_verify ((const char *) copy, length, fx.trust, NULL, fx.now, &error);
      /* Without fsync: thousands of them would cost a minute. */
      g_assert_true (g_file_set_contents_full (path, (const char *) copy, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      g_ptr_array_add (paths, path);
      copy[i] = original[i];
      if (space_to_space)
        g_assert_nonnull (verified);
      else if (verified != NULL)
        g_error ("a flip of bit %u at byte %" G_GSIZE_FORMAT " (%c) was accepted", (guint) (i % 7), i, original[i]);
      else
        n_failed++;
      if (verified != NULL)
        g_ptr_array_add (names, (gpointer) "ok");
      else
        {
          g_assert_true (error->domain == MS_BUNDLE_ERROR);
          g_ptr_array_add (names, (gpointer) ms_bundle_failure_name (error->code));
        }
      if (paths->len == 1000 || i + 1 == length)
        {
          g_autoptr(GPtrArray) verdicts = node_verdicts (paths);

          for (guint j = 0; j < paths->len; j++)
            {
              if (g_strcmp0 (verdicts->pdata[j], names->pdata[j]) != 0)
                g_error ("%s: C %s, Node %s", (char *) paths->pdata[j], (char *) names->pdata[j],
                         (char *) verdicts->pdata[j]);
              g_remove (paths->pdata[j]);
              n_agreed++;
            }
          g_ptr_array_set_size (paths, 0);
          g_ptr_array_set_size (names, 0);
        }
    }
  g_rmdir (dir);
  g_test_message ("%u of %" G_GSIZE_FORMAT " flips rejected, the Node peer agreeing on %u", n_failed, length,
                  n_agreed);
  g_assert_cmpuint (n_failed, ==, length);
  g_assert_cmpuint (n_agreed, ==, length);
}

/* The state file the Node peer writes is the Python peer's, byte for byte
 * (json.dump, indent 2, ASCII escapes, repr of floats), mode 0600, with
 * what was there kept. */
static void
test_peer_state_file (void)
{
  g_autoptr(GBytes) bundle = build_default ();
  g_autofree char *bundle_path = write_temp ("peer.bundle", g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  g_autofree char *other_sha = g_strnfill (64, 'b');
  g_autofree char *initial = g_strdup_printf ("{\"ma.other\\u00e9\\u007f\\ud83c\\udfe0\":{\"sequence\":9007199254740993,"
                                              "\"manifest_sha256\":\"%s\",\"note\":[1.5e-7,1e16,0.1,-0.0,12.0,{}],"
                                              "\"x\":{\"y\":\"\\\"\\\\\\n\\u001f\"}}}", other_sha);
  const char *interpreters[] = { "python3", "node" };
  char *written[2] = { NULL, NULL };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *state = write_temp ("peer.state", initial, strlen (initial));
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(Run) run = { 0 };
      GStatBuf st;

      g_ptr_array_add (args, (gpointer) "--trust");
      g_ptr_array_add (args, fx.trust_path);
      g_ptr_array_add (args, (gpointer) "--state");
      g_ptr_array_add (args, state);
      g_ptr_array_add (args, bundle_path);
      run_peer (interpreters[i], i == 0 ? python_script () : node_script (), args, &run);
      g_test_message ("%s: %d %s%s", interpreters[i], run.status, run.out, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_file_get_contents (state, &written[i], NULL, NULL));
      g_assert_cmpint (g_stat (state, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_assert_nonnull (strstr (written[0], "9007199254740993"));
  g_assert_nonnull (strstr (written[0], "\"" ISSUER "\""));
  g_assert_cmpstr (written[1], ==, written[0]);
  g_free (written[0]);
  g_free (written[1]);
}

/* {{{1 The command line */

static void
test_cli_verify (void)
{
  g_autoptr(GBytes) bundle = build_default ();
  g_autofree char *path = write_temp ("good.bundle", g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  g_autofree char *state = g_build_filename (fx.dir, "state.json", NULL);
  g_autofree char *extract = g_build_filename (fx.dir, "extract", NULL);
  g_autofree char *missing = g_build_filename (fx.dir, "missing.bundle", NULL);
  g_autofree char *state_data = NULL;
  g_autoptr(JsonNode) state_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_path = g_strdup_printf ("%s/%s.json", extract,
                                                 ((MsProcedure *) fx.sheets->pdata[0])->id);
  g_autoptr(MsProcedure) extracted = NULL;

  for (int round = 0; round < 2; round++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "verify", "--trust", fx.trust_path, "--state", state, "--extract", extract, path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, "OK: " ISSUER " sequence 1, 2 entries"));
    }
  g_assert_true (g_file_get_contents (state, &state_data, NULL, NULL));
  state_node = ms_bundle_state_load (state, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (state_node), ISSUER),
                                               "sequence"), ==, 1);
  extracted = ms_procedure_new_from_file (entry_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (extracted->revision, ==, 3);
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "verify", "--trust", fx.trust_path, missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "verify", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

/* The export's fast path (splicing into the stored canonical JSON) gives
 * the very bytes of the slow one (procedure → revision, published → JCS),
 * for every demo sheet, whether or not it already carries the members. */
static void
test_entry_splice (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(MsProcedure) sheet = ms_procedure_new_from_file (path, NULL);

      if (sheet == NULL)
        continue;
      for (guint variant = 0; variant < 3; variant++)
        {
          g_autoptr(MsProcedure) stored = ms_procedure_copy (sheet);
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) slow = NULL;
          g_autoptr(GBytes) fast = NULL;
          g_autofree char *json = NULL;
          gsize length;

          /* As stored: without those members, with older ones, as read. */
          if (variant == 0)
            {
              stored->revision = -1;
              g_clear_pointer (&stored->published, g_free);
            }
          else if (variant == 1)
            {
              stored->revision = 3;
              g_free (stored->published);
              stored->published = g_strdup ("2020-02-29");
            }
          node = ms_procedure_to_json (stored);
          json = ms_canonical_json (node, &length, &error);
          g_assert_no_error (error);
          slow = ms_bundle_entry_bytes (stored, 12345, "2025-01-15", &error);
          g_assert_no_error (error);
          fast = ms_bundle_entry_bytes_from_canonical (json, length, 12345, "2025-01-15", &error);
          g_assert_no_error (error);
          g_assert_true (g_bytes_equal (slow, fast));
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 20);

  {
    static const char * const cases[][2] = {
      { "{}", "{\"published\":\"2025-01-15\",\"revision\":7}" },
      { "{\"a\":[1,{\"}\":\"]\\\"\"}],\"z\":null}",
        "{\"a\":[1,{\"}\":\"]\\\"\"}],\"published\":\"2025-01-15\",\"revision\":7,\"z\":null}" },
      { "{\"publ\":1,\"published\":2,\"publishedx\":3,\"revision\":{\"a\":1},\"é\":4}",
        "{\"publ\":1,\"published\":\"2025-01-15\",\"publishedx\":3,\"revision\":7,\"é\":4}" },
      /* Quotes after an even and an odd run of backslashes. */
      { "{\"a\":\"\\\\\",\"q\":\"\\\"}\\\\\",\"z\":1}",
        "{\"a\":\"\\\\\",\"published\":\"2025-01-15\",\"q\":\"\\\"}\\\\\",\"revision\":7,\"z\":1}" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) fast = ms_bundle_entry_bytes_from_canonical (cases[i][0], strlen (cases[i][0]), 7,
                                                                       "2025-01-15", &error);
        g_assert_no_error (error);
        g_assert_cmpmem (g_bytes_get_data (fast, NULL), g_bytes_get_size (fast), cases[i][1], strlen (cases[i][1]));
      }
    for (guint i = 0; i < 5; i++)
      {
        static const char * const bad[] = { "", "[1]", "{\"a\":1", "{\"a\":\"\\\"}", "{\"a\":\"x}" };
        g_autoptr(GError) error = NULL;

        g_assert_null (ms_bundle_entry_bytes_from_canonical (bad[i], strlen (bad[i]), 7, "2025-01-15", &error));
        g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
      }
  }
}

typedef struct {
  GByteArray *file;
  guint       pieces;
} Pieces;

static gboolean
collect_pieces (const char  *data,
                gsize        length,
                gpointer     user_data,
                GError     **error)
{
  Pieces *pieces = user_data;

  g_byte_array_append (pieces->file, (const guint8 *) data, length);
  pieces->pieces++;
  return TRUE;
}

/* A bundle larger than the chunks it is written in (16 MiB): the pieces
 * put together verify, every entry in its place. */
static void
test_chunked_write (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new ();
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autoptr(GError) error = NULL;
  MsBundleSpec spec = { ISSUER, 1, fx.now - DAY, fx.now + DAY, NULL, entries, withdrawn };
  Pieces pieces = { file, 0 };
  gsize total = 0;

  for (guint i = 0; total < 40 * 1024 * 1024; i++)
    {
      g_autoptr(MsProcedure) p = ms_procedure_copy (g_ptr_array_index (fx.sheets, i % fx.sheets->len));
      GBytes *bytes;

      g_free (p->id);
      p->id = g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
      bytes = ms_bundle_entry_bytes (p, 1, "2025-01-15", &error);
      g_assert_no_error (error);
      total += g_bytes_get_size (bytes) * 4 / 3;
      g_ptr_array_add (entries, ms_bundle_entry_new (p->id, bytes));
    }
  g_assert_true (ms_bundle_write (&spec, fx.key, collect_pieces, &pieces, NULL, &error));
  g_assert_no_error (error);
  /* The head, three chunks at least, the tail. */
  g_assert_cmpuint (pieces.pieces, >=, 5);
  verified = ms_bundle_verify ((const char *) file->data, file->len, fx.trust, NULL, fx.now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verified->ids->len, ==, entries->len);
}

static int
entry_id_cmp (gconstpointer a,
              gconstpointer b)
{
  return strcmp ((*(MsBundleEntry * const *) a)->id, (*(MsBundleEntry * const *) b)->id);
}

/* ms_bundle_verify_built() refuses @data (@length bytes) read back as
 * @built: an entry's hash is not the one expected. */
static void
assert_built_refused (const char *data,
                      gsize       length,
                      GPtrArray  *built)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ms_bundle_verify_built (data, length, fx.trust, NULL, fx.now, built, &error));
  g_assert_error (error, MS_BUNDLE_ERROR, MS_BUNDLE_ERROR_ENTRY_SHA256);
}

/* The same, the hash of @built's entry @index being wrong (put back after). */
static void
assert_wrong_built_hash_caught (const char *data,
                                gsize       length,
                                GPtrArray  *built,
                                guint       index)
{
  MsBundleEntry *e = g_ptr_array_index (built, index);
  char saved = e->sha256[0];

  e->sha256[0] = saved == 'a' ? 'b' : 'a';
  assert_built_refused (data, length, built);
  /* Put back as it was (flipping twice would not, from 'c' to 'f'). */
  e->sha256[0] = saved;
}

/* The exporter's read-back: what matches the built entries takes their
 * hashes, anything else is hashed and must match the manifest; the entries'
 * contents are not read as procedures. */
static void
test_verify_built (void)
{
  g_autoptr(GPtrArray) built = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new ();
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GBytes) tampered = NULL;
  g_autoptr(GBytes) wrong = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autoptr(MsBundleVerified) again = NULL;
  g_autoptr(MsBundleVerified) gone = NULL;
  const char *not_a_sheet = "{\"id\":\"" EXTRA_ID "\",\"x\":1}";
  MsBundleSpec spec = { ISSUER, 1, fx.now - DAY, fx.now + DAY, NULL, built, withdrawn };
  MsBundleEntry *e;
  gsize length;
  const char *data;
  char saved;

  for (guint i = 0; i < fx.sheets->len; i++)
    g_ptr_array_add (built, sheet_entry (i));
  g_ptr_array_add (built, ms_bundle_entry_new (EXTRA_ID, g_bytes_new_static (not_a_sheet, strlen (not_a_sheet))));
  g_ptr_array_sort (built, entry_id_cmp);
  bundle = ms_bundle_build (&spec, fx.key, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bundle, &length);

  /* The full verification reads every entry as a procedure. */
  g_assert_null (ms_bundle_verify (data, length, fx.trust, NULL, fx.now, &error));
  g_assert_error (error, MS_BUNDLE_ERROR, MS_BUNDLE_ERROR_ENTRY_SCHEMA);
  g_clear_error (&error);
  verified = ms_bundle_verify_built (data, length, fx.trust, NULL, fx.now, built, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verified->ids->len, ==, fx.sheets->len + 1);

  /* Other built entries (a file from another export): hashed, still valid. */
  g_ptr_array_add (other, sheet_entry (fx.sheets->len - 1));
  again = ms_bundle_verify_built (data, length, fx.trust, NULL, fx.now, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->manifest_sha256, ==, verified->manifest_sha256);

  /* A built hash that is not the one in the manifest is caught (the
   * second entry is one taken as built). */
  assert_wrong_built_hash_caught (data, length, built, 1);

  /* So is a builder whose hash is wrong, the manifest agreeing with it:
   * the first entry is among those hashed all the same. */
  e = g_ptr_array_index (built, 0);
  saved = e->sha256[0];
  e->sha256[0] = saved == 'a' ? 'b' : 'a';
  wrong = ms_bundle_build (&spec, fx.key, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (wrong, &length);
  assert_built_refused (data, length, built);
  e->sha256[0] = saved;

  /* So is an entry of the file that is not the built one. */
  tampered = edit_bytes (bundle, alter_entry_byte);
  data = g_bytes_get_data (tampered, &length);
  assert_built_refused (data, length, built);

  /* Built entries whose bytes are gone (the exporter lets them go once
   * written): every entry read back is hashed, and the same checks hold. */
  for (guint i = 0; i < built->len; i++)
    g_clear_pointer (&((MsBundleEntry *) g_ptr_array_index (built, i))->bytes, g_bytes_unref);
  data = g_bytes_get_data (bundle, &length);
  gone = ms_bundle_verify_built (data, length, fx.trust, NULL, fx.now, built, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gone->manifest_sha256, ==, verified->manifest_sha256);
  assert_wrong_built_hash_caught (data, length, built, 1);
  data = g_bytes_get_data (tampered, &length);
  assert_built_refused (data, length, built);
}

/* An entry the manifest does not list, whose id would retitle a terminal. */
static void
add_hostile_entry (JsonObject *entries,
                   JsonObject *sig)
{
  json_object_set_string_member (entries, "e\n\x1b]0;title\x07", "e30");
}

/* What a bundle says before anything is trusted (its kid, an entry id)
 * reaches the verdict escaped: one line on stderr, no terminal escape. */
static void
test_verdict_one_line (void)
{
  g_autoptr(GBytes) bad_kid = resign (fx.key->kid, "x\\n\\u001b[31mred", TRUE, fx.key);
  g_autoptr(GBytes) bad_id = edit_wrapper (add_hostile_entry);
  struct {
    GBytes     *bundle;
    const char *expected;
  } cases[] = {
    { bad_kid, "masatir-cli: verify: kid: the key x\\n\\x1b[31mred is not in the trust store\n" },
    { bad_id, "\\n\\x1b]0;title\\x07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp ("escape.bundle", g_bytes_get_data (cases[i].bundle, NULL),
                                          g_bytes_get_size (cases[i].bundle));
      g_auto(Run) run = { 0 };

      run_cli (&run, "verify", "--trust", fx.trust_path, path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, cases[i].expected));
      g_assert_null (strchr (run.err, '\x1b'));
      g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
    }
}

/* A signed bundle whose one extra entry (under the 1 MiB of an entry) is
 * built to cost the most memory: it is refused by the sheet reader's
 * limits while it is parsed, never built whole on each worker. */
static void
test_hostile_entries (void)
{
  static const struct {
    const char *head;
    const char *item;
    const char *tail;
    int code;
    const char *message;
  } cases[] = {
    { "{\"x\":[", "0,", "0]}", MS_BUNDLE_ERROR_ENTRY_SCHEMA,
      "entry " EXTRA_ID ": x: 499992 items, at most 500 are allowed" },
    { "{\"id\":\"" EXTRA_ID "\",\"themes\":[", "\"a\",", "\"a\"]}", MS_BUNDLE_ERROR_ENTRY_SCHEMA,
      "entry " EXTRA_ID ": themes: 249984 items, at most 500 are allowed" },
    /* Distinct names: "m" and a number. */
    { "{", "\"m\":0,", "\"id\":0}", MS_BUNDLE_ERROR_ENTRY_ID, "does not carry its own id" },
    { "", "[", "", MS_BUNDLE_ERROR_ENTRY_ID, "nested deeper than 64 levels" },
    { "{\"summary\":{\"fr\":\"", "a", "\"}}", MS_BUNDLE_ERROR_ENTRY_SCHEMA,
      "summary.fr: the text has 999971 characters, no text may have more than 20000" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);
      g_autoptr(GString) text = g_string_new (cases[c].head);
      g_autoptr(GBytes) bundle = NULL;
      g_autoptr(MsBundleVerified) verified = NULL;
      g_autoptr(GError) error = NULL;
      gsize n = strlen (cases[c].item);

      for (guint i = 0; text->len + n + 8 + strlen (cases[c].tail) <= 1000000; i++)
        if (strcmp (cases[c].item, "\"m\":0,") == 0)
          g_string_append_printf (text, "\"m%u\":0,", i);
        else
          g_string_append (text, cases[c].item);
      g_string_append (text, cases[c].tail);
      g_ptr_array_add (extra, ms_bundle_entry_new (EXTRA_ID, g_bytes_new (text->str, text->len)));
      bundle = build (2, ISSUER, 1, NULL, fx.now - DAY, extra, NULL);
      verified = verify_bytes (bundle, NULL, &error);
      g_assert_null (verified);
      g_assert_error (error, MS_BUNDLE_ERROR, cases[c].code);
      if (strstr (error->message, cases[c].message) == NULL)
        g_error ("“%s” not in “%s”", cases[c].message, error->message);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  fixture_setup ();

  g_test_add_func ("/bundle/round-trip", test_round_trip);
  g_test_add_func ("/bundle/rejections", test_rejections);
  g_test_add_func ("/bundle/unusable-input", test_unusable_input);
  g_test_add_func ("/bundle/state-lock", test_state_lock);
  g_test_add_func ("/bundle/bit-flips", test_bit_flips);
  g_test_add_func ("/bundle/peer-state-file", test_peer_state_file);
  g_test_add_func ("/bundle/cli-verify", test_cli_verify);
  g_test_add_func ("/bundle/entry-splice", test_entry_splice);
  g_test_add_func ("/bundle/verify-built", test_verify_built);
  g_test_add_func ("/bundle/chunked-write", test_chunked_write);
  g_test_add_func ("/bundle/verdict-one-line", test_verdict_one_line);
  g_test_add_func ("/bundle/hostile-entries", test_hostile_entries);

  status = g_test_run ();
  test_remove_tree (fx.dir);
  g_free (fx.dir);
  g_free (fx.trust_path);
  ms_key_free (fx.key);
  ms_trust_store_free (fx.trust);
  g_ptr_array_unref (fx.sheets);
  return status;
}
