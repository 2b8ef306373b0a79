/* test-publish.c — the publishing layer: the export API and the keyring
 *
 * What the window's Export and Keys dialogs will call (src/publish), driven
 * as they will drive it: the asynchronous export with its progress reports
 * on the main loop, cancelled at each step, and the keyring's round trips.
 * The catalog is made by masatir-cli (export-fixture.h), so that the
 * bundle can be compared byte for byte with the command's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "export-fixture.h"
#include "ms-core-error.h"
#include "ms-export.h"
#include "ms-keyring.h"

#define OUT "out.bundle"

/* {{{1 Helpers */

typedef struct {
  GArray       *steps;      /* MsExportStep, in the order reported */
  GArray       *done;       /* the @done of each report */
  guint         total;
  GThread      *thread;     /* where the reports must arrive */
  GCancellable *cancellable;
  int           cancel_at;  /* an MsExportStep, or -1 */
  guint         cancel_after_entries;
  MsExportResult *result;
  GError       *error;
  gboolean      finished;
  gboolean      released;   /* the progress data, freed on this thread */
} Watch;

static void
progress_cb (MsExportStep step,
             guint        done,
             guint        total,
             gpointer     data)
{
  Watch *r = data;

  g_assert_true (g_thread_self () == r->thread);
  g_array_append_val (r->steps, step);
  g_array_append_val (r->done, done);
  r->total = total;
  if ((int) step == r->cancel_at
      && (step != MS_EXPORT_STEP_ENTRY || done >= r->cancel_after_entries))
    g_cancellable_cancel (r->cancellable);
}

static void
released_cb (gpointer data)
{
  Watch *r = data;

  g_assert_true (g_thread_self () == r->thread);
  g_assert_false (r->released);
  r->released = TRUE;
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Watch *r = data;

  g_assert_true (g_thread_self () == r->thread);
  r->result = ms_publish_export_finish (MS_STORE (source), result, &r->error);
  r->finished = TRUE;
}

static void
watch_clear (Watch *r)
{
  g_clear_pointer (&r->steps, g_array_unref);
  g_clear_pointer (&r->done, g_array_unref);
  g_clear_object (&r->cancellable);
  g_clear_pointer (&r->result, ms_export_result_free);
  g_clear_error (&r->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Watch, watch_clear)

/* The export of @f's catalog to @name through ms_publish_export_async, as
 * karim, on a main loop of this thread; cancelled once @cancel_at is
 * reported (-1: never). */
static void
export_async (Fixture    *f,
              Watch       *r,
              const char *name,
              const char *passphrase,
              int         cancel_at,
              gint64      created)
{
  g_autofree char *keys = g_build_filename (f->dir, "keys", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(MsKeyring) keyring = ms_keyring_new (keys);
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MsExportOptions options = {
    .actor = "karim",
    .kid = KID,
    .keyring = keyring,
    .passphrase = passphrase,
    .path = path,
    .expires_days = 30,
    .created = created,
  };

  store = ms_sqlite_store_open (f->db, MS_SQLITE_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  r->steps = g_array_new (FALSE, FALSE, sizeof (MsExportStep));
  r->done = g_array_new (FALSE, FALSE, sizeof (guint));
  r->thread = g_thread_self ();
  r->cancellable = g_cancellable_new ();
  r->cancel_at = cancel_at;
  ms_publish_export_async (MS_STORE (store), &options, r->cancellable, progress_cb, r, released_cb,
                           exported_cb, r);
  while (!r->finished)
    g_main_context_iteration (NULL, TRUE);
  /* Released before the result is delivered: no report comes after. */
  g_assert_true (r->released);
}

/* The files beside FILE whose names start with "out.bundle.": temporaries. */
static guint
temporaries (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, OUT ".");
  return n;
}

static char *
file_contents (Fixture    *f,
               const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) ? contents : NULL;
}

/* {{{1 Export */

/* The reports arrive on this thread, in the documented order, with the
 * counts of the catalog; the result is the bundle on the disk. */
static void
test_async_progress (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Watch) r = { 0 };
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autofree char *path = g_build_filename (f->dir, OUT, NULL);
  g_autofree char *sequence = NULL;
  MsExportStep expected[] = {
    MS_EXPORT_STEP_ENTRIES, MS_EXPORT_STEP_UNSEALED, MS_EXPORT_STEP_SIGNED,
    MS_EXPORT_STEP_WRITTEN, MS_EXPORT_STEP_VERIFIED, MS_EXPORT_STEP_COMMITTED,
  };
  guint i, last = 0, n_entry_reports = 0;

  approve (f, RESIDENCE);
  approve (f, PASSPORT);
  export_async (f, &r, OUT, CLI_PASSPHRASE, -1, 0);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.result);

  g_assert_cmpuint (r.steps->len, >=, 1 + 1 + G_N_ELEMENTS (expected));
  g_assert_cmpint (g_array_index (r.steps, MsExportStep, 0), ==, MS_EXPORT_STEP_READ);
  for (i = 1; g_array_index (r.steps, MsExportStep, i) == MS_EXPORT_STEP_ENTRY; i++)
    {
      guint done = g_array_index (r.done, guint, i);

      g_assert_cmpuint (done, >, last);
      g_assert_cmpuint (done, <=, r.total);
      last = done;
      n_entry_reports++;
    }
  g_assert_cmpuint (n_entry_reports, >=, 1);
  g_assert_cmpuint (last, ==, 2);
  g_assert_cmpuint (r.steps->len - i, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++, i++)
    {
      g_assert_cmpint (g_array_index (r.steps, MsExportStep, i), ==, expected[k]);
      g_assert_cmpuint (g_array_index (r.done, guint, i), ==, 2);
    }
  g_assert_cmpuint (r.total, ==, 2);

  g_assert_cmpstr (r.result->bundle_id, ==, ISSUER "-1");
  g_assert_cmpstr (r.result->issuer, ==, ISSUER);
  g_assert_cmpint (r.result->sequence, ==, 1);
  g_assert_cmpuint (r.result->n_entries, ==, 2);
  g_assert_cmpuint (r.result->n_published, ==, 2);
  g_assert_cmpuint (r.result->n_withdrawn, ==, 0);
  g_assert_cmpstr (r.result->path, ==, path);
  verified = open_bundle (f, path);
  g_assert_cmpstr (verified->manifest_sha256, ==, r.result->manifest_sha256);
  g_assert_cmpint (verified->sequence, ==, 1);
  sequence = setting (f, "bundle_sequence");
  g_assert_cmpstr (sequence, ==, "1");
  g_assert_cmpuint (temporaries (f), ==, 0);
  assert_audit_intact (f);
}

/* The same catalog twice, SOURCE_DATE_EPOCH set: the asynchronous export
 * writes the bytes masatir-cli export writes. */
static void
test_same_bytes_as_cli (Fixture       *f,
                        gconstpointer  data)
{
  Fixture other = { 0 };
  gint64 epoch = g_get_real_time () / G_USEC_PER_SEC - 3600;
  g_autofree char *knob = g_strdup_printf ("SOURCE_DATE_EPOCH=%" G_GINT64_FORMAT, epoch);
  const char *env[] = { knob, NULL };
  g_autofree char *cli_path = NULL, *cli_data = NULL, *api_data = NULL;
  g_auto(Watch) r = { 0 };
  gsize cli_length;

  fixture_set_up (&other, NULL);
  approve (f, RESIDENCE);
  approve (&other, RESIDENCE);
  approve (f, PASSPORT);
  approve (&other, PASSPORT);
  cli_path = export_ok (f, env, "cli.bundle");
  g_assert_true (g_file_get_contents (cli_path, &cli_data, &cli_length, NULL));

  /* The layer reads SOURCE_DATE_EPOCH as the command does. */
  g_setenv ("SOURCE_DATE_EPOCH", knob + strlen ("SOURCE_DATE_EPOCH="), TRUE);
  export_async (&other, &r, "api.bundle", CLI_PASSPHRASE, -1, 0);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_no_error (r.error);
  api_data = file_contents (&other, "api.bundle");
  g_assert_nonnull (api_data);
  g_assert_cmpmem (api_data, strlen (api_data), cli_data, cli_length);
  fixture_tear_down (&other, NULL);
}

/* Cancelled at each step in turn, with and without
 * an earlier bundle at FILE: the catalog and the folder as they were. A
 * cancellation once COMMITTED is reported comes too late to undo anything. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  static const int steps[] = {
    MS_EXPORT_STEP_READ, MS_EXPORT_STEP_ENTRY, MS_EXPORT_STEP_ENTRIES, MS_EXPORT_STEP_UNSEALED,
    MS_EXPORT_STEP_SIGNED, MS_EXPORT_STEP_WRITTEN, MS_EXPORT_STEP_VERIFIED,
  };

  approve (f, RESIDENCE);
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *earlier = NULL;

      if (round == 1)
        {
          g_free (export_ok (f, NULL, OUT));
          approve (f, PASSPORT);
          earlier = file_contents (f, OUT);
        }
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          g_autofree char *before = snapshot (f);
          g_autofree char *after = NULL;
          g_autofree char *now = NULL;
          g_auto(Watch) r = { 0 };
          MsExportStep last;

          g_test_message ("round %u, cancel at step %d", round, steps[i]);
          export_async (f, &r, OUT, CLI_PASSPHRASE, steps[i], 0);
          g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_null (r.result);
          /* A step report holds the export until delivered: it stops right
           * there. Entry reports do not hold it: the entries being built
           * may all be done before the cancellation reaches them. */
          last = g_array_index (r.steps, MsExportStep, r.steps->len - 1);
          if (steps[i] == MS_EXPORT_STEP_ENTRY)
            g_assert_true (last == MS_EXPORT_STEP_ENTRY || last == MS_EXPORT_STEP_ENTRIES);
          else
            g_assert_cmpint (last, ==, steps[i]);
          after = snapshot (f);
          g_assert_cmpstr (after, ==, before);
          g_assert_cmpuint (temporaries (f), ==, 0);
          now = file_contents (f, OUT);
          g_assert_cmpstr (now, ==, earlier);
        }
    }
  assert_audit_intact (f);

  /* Too late: the export is recorded and reported. */
  {
    g_auto(Watch) r = { 0 };
    g_autofree char *sequence = NULL;

    export_async (f, &r, OUT, CLI_PASSPHRASE, MS_EXPORT_STEP_COMMITTED, 0);
    g_assert_no_error (r.error);
    g_assert_cmpint (r.result->sequence, ==, 2);
    sequence = setting (f, "bundle_sequence");
    g_assert_cmpstr (sequence, ==, "2");
  }
}

/* RESIDENCE approved, then exported synchronously by karim with
 * @cancellable, cancelled before the call or by @progress: the export
 * says so, and the catalog and the output folder are as they were. */
static void
assert_export_cancelled (Fixture              *f,
                         GCancellable         *cancellable,
                         MsExportProgressFunc  progress,
                         gpointer              progress_data)
{
  g_autofree char *keys = g_build_filename (f->dir, "keys", NULL);
  g_autofree char *path = g_build_filename (f->dir, OUT, NULL);
  g_autoptr(MsKeyring) keyring = ms_keyring_new (keys);
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(MsExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  MsExportOptions options = { "karim", KID, keyring, CLI_PASSPHRASE, path, 0, 0 };

  approve (f, RESIDENCE);
  before = snapshot (f);
  store = ms_sqlite_store_open (f->db, MS_SQLITE_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  result = ms_publish_export (MS_STORE (store), &options, cancellable, progress, progress_data, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (temporaries (f), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A cancellable cancelled before the call: nothing happens at all. */
static void
test_cancel_before (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  assert_export_cancelled (f, cancellable, NULL, NULL);
}

static void
cancel_at_written_cb (MsExportStep step,
                      guint        done,
                      guint        total,
                      gpointer     data)
{
  GPtrArray *steps = data;

  g_ptr_array_add (steps, GINT_TO_POINTER (step));
  if (step == MS_EXPORT_STEP_WRITTEN)
    g_cancellable_cancel (g_ptr_array_index (steps, 0));
}

/* The synchronous call (masatir-cli's) reports in the calling thread and
 * stops at the step where it is cancelled, with nothing changed. */
static void
test_sync_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();

  g_ptr_array_add (steps, cancellable);
  assert_export_cancelled (f, cancellable, cancel_at_written_cb, steps);
  g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (steps, 1)), ==, MS_EXPORT_STEP_READ);
  g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (steps, steps->len - 1)), ==, MS_EXPORT_STEP_WRITTEN);
}

/* A wrong passphrase: one clear error, nothing changed; a refused actor
 * too. */
static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = NULL, *after = NULL;
  g_auto(Watch) r = { 0 };
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;

  approve (f, RESIDENCE);
  before = snapshot (f);
  export_async (f, &r, OUT, "wrong horse", -1, 0);
  g_assert_error (r.error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_assert_cmpstr (r.error->message, ==, "wrong passphrase for key " KID);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (temporaries (f), ==, 0);

  store = ms_sqlite_store_open (f->db, MS_SQLITE_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_false (ms_publish_check_publisher (MS_STORE (store), "amina", &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (ms_publish_check_publisher (MS_STORE (store), "karim", &error));
  g_assert_no_error (error);
}

/* The summary before an export: what it publishes, carries, withdraws. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(MsExportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  approve (f, RESIDENCE);
  store = ms_sqlite_store_open (f->db, MS_SQLITE_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  preview = ms_publish_export_preview (MS_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preview->issuer, ==, ISSUER);
  g_assert_cmpint (preview->next_sequence, ==, 1);
  g_assert_cmpuint (preview->to_publish->len, ==, 1);
  g_assert_cmpstr (preview->to_publish->pdata[0], ==, RESIDENCE);
  g_assert_cmpuint (preview->carried->len, ==, 0);
  g_assert_cmpuint (preview->to_withdraw->len, ==, 0);
  g_clear_pointer (&preview, ms_export_preview_free);

  g_free (export_ok (f, NULL, OUT));
  approve (f, PASSPORT);
  cli (&run, f, "karim", "withdraw", RESIDENCE, "--comment", "repealed", NULL);
  expect_status (&run, 0, NULL);
  preview = ms_publish_export_preview (MS_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->next_sequence, ==, 2);
  g_assert_cmpuint (preview->to_publish->len, ==, 1);
  g_assert_cmpstr (preview->to_publish->pdata[0], ==, PASSPORT);
  g_assert_cmpuint (preview->carried->len, ==, 0);
  g_assert_cmpuint (preview->to_withdraw->len, ==, 1);
  g_assert_cmpstr (preview->to_withdraw->pdata[0], ==, RESIDENCE);
}

/* {{{1 Keyring */

static void
test_keyring (void)
{
  g_autofree char *dir = g_dir_make_tmp ("masatir-keyring-XXXXXX", NULL);
  g_autofree char *keys = g_build_filename (dir, "keys", NULL);
  g_autofree char *jwk = g_test_build_filename (G_TEST_DIST, "data", "rfc8037-a4-private.jwk", NULL);
  g_autofree char *not_jwk = g_build_filename (dir, "not.jwk", NULL);
  g_autofree char *trust_path = g_build_filename (dir, "trust.json", NULL);
  g_autoptr(MsKeyring) keyring = ms_keyring_new (keys);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL, *imported = NULL, *again = NULL, *text = NULL, *saved = NULL;
  g_autoptr(JsonNode) jwks = NULL;
  g_autoptr(MsKey) key = NULL;
  g_autoptr(MsTrustStore) trust = NULL;
  JsonObject *public_jwk;

  g_setenv ("MASATIR_KEYS_FAST_KDF", "1", TRUE);
  g_assert_cmpstr (ms_keyring_get_dir (keyring), ==, keys);

  /* No folder yet: no key. */
  list = ms_keyring_list (keyring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  generated = ms_keyring_generate (keyring, "first passphrase", &error);
  g_assert_no_error (error);
  imported = ms_keyring_import_jwk_file (keyring, jwk, "second passphrase", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (imported, ==, KID);
  again = ms_keyring_import_jwk_file (keyring, jwk, "second passphrase", &error);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_null (ms_keyring_generate (keyring, "", &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO);
  g_clear_error (&error);

  /* Not a private JWK: refused, naming the file. */
  g_assert_true (g_file_set_contents (not_jwk, "{\"kty\":\"OKP\"}", -1, NULL));
  g_assert_null (ms_keyring_read_private_jwk (not_jwk, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, not_jwk));
  g_clear_error (&error);

  list = ms_keyring_list (keyring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      MsKeyInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) created = NULL;

      g_assert_true (g_strcmp0 (info->kid, generated) == 0 || g_strcmp0 (info->kid, KID) == 0);
      g_assert_nonnull (info->x);
      created = g_date_time_new_from_iso8601 (info->created, NULL);
      g_assert_nonnull (created);
      g_assert_null (info->name);
      g_assert_null (info->issuer);
      if (i > 0)
        g_assert_cmpstr (((MsKeyInfo *) g_ptr_array_index (list, i - 1))->kid, <, info->kid);
    }

  /* The public part, as a JWKS. */
  jwks = ms_keyring_export_public (keyring, KID, &error);
  g_assert_no_error (error);
  public_jwk = json_array_get_object_element (json_object_get_array_member (json_node_get_object (jwks), "keys"), 0);
  g_assert_cmpstr (json_object_get_string_member (public_jwk, "kid"), ==, KID);
  g_assert_false (json_object_has_member (public_jwk, "d"));
  g_assert_null (ms_keyring_export_public (keyring, "no-such-kid", &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO);
  g_clear_error (&error);

  /* Unsealed with its own passphrase only. */
  key = ms_keyring_unseal (keyring, KID, "first passphrase", &error);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "wrong passphrase for key " KID);
  g_assert_null (key);
  g_clear_error (&error);
  key = ms_keyring_unseal (keyring, KID, "second passphrase", &error);
  g_assert_no_error (error);
  g_assert_nonnull (key->secret_key);
  g_assert_cmpstr (key->x, ==, json_object_get_string_member (public_jwk, "x"));

  /* The trust store: both keys, for the issuer, read back by verify's reader. */
  {
    const char *kids[] = { KID, generated, NULL };
    const char *twice[] = { KID, KID, NULL };
    const char *unknown[] = { "no-such-kid", NULL };
    const char *none[] = { NULL };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *entries;
    gsize length;

    text = ms_keyring_build_trust_store (keyring, kids, "ma-test", &error);
    g_assert_no_error (error);
    trust = ms_trust_store_new_from_data (text, strlen (text), &error);
    g_assert_no_error (error);
    root = json_from_string (text, &error);
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "threshold"), ==, 1);
    entries = json_object_get_object_member (json_node_get_object (root), "keys");
    g_assert_cmpuint (json_object_get_size (entries), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entries, KID), "issuer"),
                     ==, "ma-test");

    g_assert_true (ms_keyring_save_trust_store (keyring, kids, "ma-test", trust_path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (trust_path, &saved, &length, NULL));
    g_assert_true (g_str_has_suffix (saved, "\n"));
    g_assert_cmpuint (length, ==, strlen (text) + 1);
    g_assert_cmpmem (saved, length - 1, text, strlen (text));

    g_assert_null (ms_keyring_build_trust_store (keyring, twice, "ma-test", &error));
    g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
    g_clear_error (&error);
    g_assert_null (ms_keyring_build_trust_store (keyring, unknown, "ma-test", &error));
    g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO);
    g_clear_error (&error);
    g_assert_null (ms_keyring_build_trust_store (keyring, none, "ma-test", &error));
    g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
    g_clear_error (&error);
    g_assert_null (ms_keyring_build_trust_store (keyring, kids, "not an issuer", &error));
    g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
    g_clear_error (&error);
  }

  /* A passphrase is wiped when freed; a copy is its own. */
  {
    g_autoptr(MsPassphrase) passphrase = ms_passphrase_new ("secret");

    g_assert_cmpstr (passphrase, ==, "secret");
  }
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/keyring", test_keyring);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/publish/export/async-progress", test_async_progress);
  ADD ("/publish/export/same-bytes-as-cli", test_same_bytes_as_cli);
  ADD ("/publish/export/cancel", test_cancel);
  ADD ("/publish/export/cancel-before", test_cancel_before);
  ADD ("/publish/export/sync-cancel", test_sync_cancel);
  ADD ("/publish/export/wrong-passphrase", test_wrong_passphrase);
  ADD ("/publish/export/preview", test_preview);
#undef ADD
  return g_test_run ();
}

/* vim: set foldmethod=marker: */
