/* test-ui-publish.c — publishing from the window: the Export dialog and
 * the Signing Keys window
 *
 * The dialog's export reaches the bytes of `masatir-cli export` on a copy
 * of the same catalog (SOURCE_DATE_EPOCH); a cancelled export and a wrong
 * passphrase change nothing; the keys window refuses what the CLI refuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "export-fixture.h"
#include "ms-export-dialog.h"
#include "ms-keys-window.h"
#include "ms-window-private.h"
#include "ui-fixture.h"

/*
 * Helpers
 */

/* The window on @f's catalog as karim, its keys in @f's folder. */
static MsWindow *
open_publish_window (Fixture *f)
{
  g_autofree char *keys = g_build_filename (f->dir, "keys", NULL);

  g_setenv ("MASATIR_KEYS_DIR", keys, TRUE);
  return open_window (f->db, "karim");
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static void
close_all (MsWindow *window)
{
  GtkWindow *other;

  while ((other = find_toplevel (MS_TYPE_EXPORT_DIALOG)) != NULL
         || (other = find_toplevel (MS_TYPE_KEYS_WINDOW)) != NULL)
    gtk_window_destroy (other);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The dialog as win.export opens it, on @path with the fixture's key. */
static MsExportDialog *
open_export (MsWindow   *window,
             const char *path)
{
  MsExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  flush_widget (GTK_WIDGET (window));
  dialog = MS_EXPORT_DIALOG (find_toplevel (MS_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  flush_widget (GTK_WIDGET (dialog));
  g_assert_true (ms_export_dialog_set_key (dialog, KID));
  ms_export_dialog_set_path (dialog, path);
  return dialog;
}

static void
finished_cb (MsExportDialog *dialog,
             gboolean        success,
             int            *outcome)
{
  *outcome = success ? 1 : 0;
}

/* Types @passphrase, activates Export and waits (a minute at most) for the
 * export to end; returns whether it succeeded. */
static gboolean
run_export (MsExportDialog *dialog,
            const char     *passphrase)
{
  GtkWidget *entry = find_child (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  int outcome = -1;
  gulong handler;

  g_assert_nonnull (entry);
  handler = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &outcome);
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.start", NULL));
  /* The passphrase is not left in the entry. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  while (outcome < 0 && ms_export_dialog_is_running (dialog))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the export did not end within a minute");
    }
  g_signal_handler_disconnect (dialog, handler);
  flush_widget (GTK_WIDGET (dialog));
  g_assert_false (ms_export_dialog_is_running (dialog));
  return outcome == 1;
}

static void
cancel_at_entry_cb (MsExportDialog *dialog,
                    guint           step,
                    guint           done,
                    guint           total,
                    int            *seen)
{
  if (step == MS_EXPORT_STEP_ENTRY && (*seen)++ == 0)
    ms_export_dialog_cancel (dialog);
}

/* A second folder holding a copy of @f's catalog (the keyring stays in
 * @f's). */
static void
copy_fixture (Fixture *f,
              Fixture *copy)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  copy->dir = g_dir_make_tmp ("masatir-export-copy-XXXXXX", NULL);
  copy->db = g_build_filename (copy->dir, "catalog.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (f->db, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy->db, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        test_copy_file (from, to);
    }
}

/*
 * Tests
 */

static void
test_same_bytes (Fixture       *f,
                 gconstpointer  data)
{
  Fixture copy = { 0 };
  g_autofree char *keys = g_build_filename (f->dir, "keys", NULL);
  g_autofree char *keys_env = g_strconcat ("MASATIR_KEYS_DIR=", keys, NULL);
  /* A fixed time, recent enough that the bundle has not expired. */
  g_autofree char *epoch = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC - DAY);
  g_autofree char *epoch_env = g_strconcat ("SOURCE_DATE_EPOCH=", epoch, NULL);
  const char *env[] = { keys_env, epoch_env, NULL };
  g_autofree char *cli_path = NULL;
  g_autofree char *gui_path = g_build_filename (f->dir, "gui.bundle", NULL);
  g_autofree char *cli_bytes = NULL;
  g_autofree char *gui_bytes = NULL;
  gsize cli_length, gui_length;
  g_auto(Run) run = { 0 };
  const MsExportResult *result;
  MsExportDialog *dialog;
  MsWindow *window;

  approve (f, RESIDENCE);
  approve (f, PASSPORT);
  copy_fixture (f, &copy);
  cli_path = g_build_filename (copy.dir, "cli.bundle", NULL);
  cli_env (&run, &copy, env, "karim", "export", "--key", KID, "--out", cli_path, NULL);
  expect_status (&run, 0, "SHA-256");

  window = open_publish_window (f);
  g_assert_cmpint (state_of_listed (window, RESIDENCE), ==, MS_STATE_APPROVED);
  g_setenv ("SOURCE_DATE_EPOCH", epoch, TRUE);
  dialog = open_export (window, gui_path);
  g_assert_null (ms_export_dialog_get_message (dialog));
  g_assert_true (run_export (dialog, CLI_PASSPHRASE));
  g_unsetenv ("SOURCE_DATE_EPOCH");

  g_assert_true (g_file_get_contents (cli_path, &cli_bytes, &cli_length, NULL));
  g_assert_true (g_file_get_contents (gui_path, &gui_bytes, &gui_length, NULL));
  g_assert_cmpmem (gui_bytes, gui_length, cli_bytes, cli_length);

  result = ms_export_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->bundle_id, ==, ISSUER "-1");
  g_assert_cmpuint (result->n_published, ==, 2);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), result->manifest_sha256));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.copy-hash", NULL));

  /* The window shows what the export recorded. */
  g_assert_cmpint (state_of_listed (window, RESIDENCE), ==, MS_STATE_PUBLISHED);
  g_assert_cmpint (state_of_listed (window, PASSPORT), ==, MS_STATE_PUBLISHED);

  close_all (window);
  test_remove_tree (copy.dir);
  g_free (copy.db);
  g_free (copy.dir);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cancelled.bundle", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MsExportDialog *dialog;
  MsWindow *window;
  int seen = 0;

  approve (f, RESIDENCE);
  before = snapshot (f);
  window = open_publish_window (f);
  dialog = open_export (window, path);
  g_signal_connect (dialog, "progress", G_CALLBACK (cancel_at_entry_cb), &seen);
  g_assert_false (run_export (dialog, CLI_PASSPHRASE));
  g_assert_cmpint (seen, >, 0);
  g_assert_nonnull (strstr (ms_export_dialog_get_message (dialog), "cancelled"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (state_of_listed (window, RESIDENCE), ==, MS_STATE_APPROVED);
  close_all (window);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "refused.bundle", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MsExportDialog *dialog;
  MsWindow *window;

  approve (f, RESIDENCE);
  before = snapshot (f);
  window = open_publish_window (f);
  dialog = open_export (window, path);

  g_assert_false (run_export (dialog, "not the passphrase"));
  g_assert_cmpstr (ms_export_dialog_get_message (dialog), ==, "wrong passphrase for key " KID);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "wrong passphrase for key " KID));

  /* An empty one is refused before anything starts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.start", NULL));
  g_assert_false (ms_export_dialog_is_running (dialog));
  g_assert_cmpstr (ms_export_dialog_get_message (dialog), ==, "the passphrase is empty");

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  close_all (window);
}

typedef struct {
  Fixture *f;
  char    *path;
  int      seen;
} Race;

/* Another export (the CLI's) recorded while the dialog's builds its entries. */
static void
export_meanwhile_cb (MsExportDialog *dialog,
                     guint           step,
                     guint           done,
                     guint           total,
                     Race           *race)
{
  g_auto(Run) run = { 0 };

  if (step != MS_EXPORT_STEP_ENTRY || race->seen++ > 0)
    return;
  cli (&run, race->f, "karim", "export", "--key", KID, "--out", race->path, NULL);
  expect_status (&run, 0, "SHA-256");
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "late.bundle", NULL);
  g_autofree char *other = g_build_filename (f->dir, "first.bundle", NULL);
  g_autofree char *sequence = NULL;
  Race race = { f, other, 0 };
  MsExportDialog *dialog;
  MsWindow *window;

  approve (f, RESIDENCE);
  window = open_publish_window (f);
  dialog = open_export (window, path);
  g_signal_connect (dialog, "progress", G_CALLBACK (export_meanwhile_cb), &race);
  g_assert_false (run_export (dialog, CLI_PASSPHRASE));
  g_assert_cmpint (race.seen, >, 0);
  g_assert_true (g_str_has_prefix (ms_export_dialog_get_message (dialog), "Another export (sequence 1) was recorded"));
  /* The summary shows the next bundle now. */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), ISSUER "-2"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), ms_export_dialog_get_message (dialog)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  sequence = setting (f, "bundle_sequence");
  g_assert_cmpstr (sequence, ==, "1");
  assert_audit_intact (f);
  close_all (window);
}

static void
test_export_labels (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "x.bundle", NULL);
  MsExportDialog *dialog;
  MsWindow *window;

  window = open_publish_window (f);
  dialog = open_export (window, path);
  g_assert_cmpuint (assert_accessible_labels (GTK_WIDGET (dialog)), >=, 5);
  close_all (window);
}

/* Only a publisher may export: amina (an editor) cannot. */
static void
test_export_publisher_only (Fixture       *f,
                            gconstpointer  data)
{
  MsWindow *window = open_publish_window (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-user", "s", "amina"));
  flush_widget (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_null (find_toplevel (MS_TYPE_EXPORT_DIALOG));
  close_all (window);
}

/* The keys window as win.keys opens it. */
static MsKeysWindow *
open_keys (MsWindow *window)
{
  MsKeysWindow *keys;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keys", NULL));
  flush_widget (GTK_WIDGET (window));
  keys = MS_KEYS_WINDOW (find_toplevel (MS_TYPE_KEYS_WINDOW));
  g_assert_nonnull (keys);
  flush_widget (GTK_WIDGET (keys));
  return keys;
}

/* Types @first and @again in the two passphrase rows. */
static void
type_passphrases (MsKeysWindow *keys,
                  const char   *first,
                  const char   *again)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (keys), ADW_TYPE_PASSWORD_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), first);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[1]), again);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows->pdata[0])), ==, first);
}

static void
wait_keys (MsKeysWindow *keys)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (ms_keys_window_is_busy (keys))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the key was not sealed within a minute");
    }
  flush_widget (GTK_WIDGET (keys));
}

static void
test_keys_refusals (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *not_jwk = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *jwk = g_test_build_filename (G_TEST_DIST, "data", "rfc8037-a4-private.jwk", NULL);
  MsWindow *window = open_publish_window (f);
  MsKeysWindow *keys = open_keys (window);

  g_assert_cmpuint (ms_keys_window_get_n_keys (keys), ==, 1);

  type_passphrases (keys, "a long enough passphrase", "a long enough passphras");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keys), "keys.generate", NULL));
  g_assert_false (ms_keys_window_is_busy (keys));
  g_assert_cmpstr (ms_keys_window_get_message (keys), ==, "the two passphrases differ");
  g_assert_nonnull (find_label (GTK_WIDGET (keys), "the two passphrases differ"));

  type_passphrases (keys, "", "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keys), "keys.generate", NULL));
  g_assert_cmpstr (ms_keys_window_get_message (keys), ==, "the passphrase is empty");

  /* A file that is not a JWK: the keyring's message, naming the file. */
  g_assert_true (g_file_set_contents (not_jwk, "not a key\n", -1, NULL));
  type_passphrases (keys, CLI_PASSPHRASE, CLI_PASSPHRASE);
  ms_keys_window_import_file (keys, not_jwk);
  wait_keys (keys);
  g_assert_true (g_str_has_prefix (ms_keys_window_get_message (keys), not_jwk));

  /* The key the fixture imported already. */
  type_passphrases (keys, CLI_PASSPHRASE, CLI_PASSPHRASE);
  ms_keys_window_import_file (keys, jwk);
  wait_keys (keys);
  g_assert_nonnull (ms_keys_window_get_message (keys));
  g_assert_nonnull (strstr (ms_keys_window_get_message (keys), KID));

  /* No key ticked: no trust store. */
  g_assert_false (ms_keys_window_save_trust_store_to (keys, not_jwk));
  g_assert_cmpstr (ms_keys_window_get_message (keys), ==, "Tick at least one key for the trust store");

  g_assert_cmpuint (ms_keys_window_get_n_keys (keys), ==, 1);
  close_all (window);
}

static void
test_keys_generate (Fixture       *f,
                    gconstpointer  data)
{
  MsWindow *window = open_publish_window (f);
  MsKeysWindow *keys = open_keys (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  type_passphrases (keys, "correct horse battery staple", "correct horse battery staple");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keys), "keys.generate", NULL));
  /* Read and cleared at once. */
  collect_widgets (GTK_WIDGET (keys), ADW_TYPE_PASSWORD_ENTRY_ROW, rows);
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[0]), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[1]), ==, "");
  wait_keys (keys);
  g_assert_null (ms_keys_window_get_message (keys));
  g_assert_cmpuint (ms_keys_window_get_n_keys (keys), ==, 2);
  close_all (window);
}

static JsonNode *
read_json (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  return node;
}

static void
test_keys_export (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *jwks_path = g_build_filename (f->dir, "public.jwks", NULL);
  g_autofree char *trust_path = g_build_filename (f->dir, "portal-trust.json", NULL);
  g_autoptr(JsonNode) jwks = NULL;
  g_autoptr(JsonNode) trust = NULL;
  JsonObject *jwk;
  JsonObject *pinned;
  MsWindow *window = open_publish_window (f);
  MsKeysWindow *keys = open_keys (window);

  g_assert_true (ms_keys_window_export_public_to (keys, KID, jwks_path));
  jwks = read_json (jwks_path);
  jwk = json_array_get_object_element (json_object_get_array_member (json_node_get_object (jwks), "keys"), 0);
  g_assert_cmpstr (json_object_get_string_member (jwk, "kid"), ==, KID);
  g_assert_false (json_object_has_member (jwk, "d"));
  /* What `masatir-cli keys export-public` prints. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *written = NULL;

    cli (&run, f, "karim", "keys", "export-public", KID, NULL);
    expect_status (&run, 0, NULL);
    g_assert_true (g_file_get_contents (jwks_path, &written, NULL, NULL));
    g_assert_cmpstr (written, ==, run.out);
  }

  g_assert_true (ms_keys_window_set_ticked (keys, KID, TRUE));
  g_assert_true (ms_keys_window_save_trust_store_to (keys, trust_path));
  trust = read_json (trust_path);
  pinned = json_object_get_object_member (json_object_get_object_member (json_node_get_object (trust), "keys"), KID);
  g_assert_nonnull (pinned);
  g_assert_cmpstr (json_object_get_string_member (pinned, "issuer"), ==, ISSUER);
  g_assert_cmpstr (json_object_get_string_member (pinned, "x"), ==, json_object_get_string_member (jwk, "x"));
  g_assert_null (ms_keys_window_get_message (keys));
  close_all (window);
}

static void
test_keys_labels (Fixture       *f,
                  gconstpointer  data)
{
  MsWindow *window = open_publish_window (f);
  MsKeysWindow *keys = open_keys (window);

  g_assert_cmpuint (assert_accessible_labels (GTK_WIDGET (keys)), >=, 6);
  close_all (window);
}

static void
test_passphrase_strength (void)
{
  guint n_chars, n_kinds;

  g_assert_cmpint (ms_passphrase_strength ("", NULL, NULL), ==, MS_PASSPHRASE_EMPTY);
  g_assert_cmpint (ms_passphrase_strength ("Tr0ub4d&", &n_chars, &n_kinds), ==, MS_PASSPHRASE_WEAK);
  g_assert_cmpuint (n_chars, ==, 8);
  g_assert_cmpuint (n_kinds, ==, 4);
  g_assert_cmpint (ms_passphrase_strength ("correcthorse", NULL, NULL), ==, MS_PASSPHRASE_FAIR);
  g_assert_cmpint (ms_passphrase_strength ("correct horse battery staple", NULL, NULL), ==, MS_PASSPHRASE_STRONG);
  /* Characters, not bytes: ten Arabic letters are ten. */
  g_assert_cmpint (ms_passphrase_strength ("كلمةالسرّ١", &n_chars, &n_kinds), ==, MS_PASSPHRASE_WEAK);
  g_assert_cmpuint (n_chars, ==, 10);
  g_assert_cmpuint (n_kinds, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);

  g_test_add ("/ui/publish/export/same-bytes", Fixture, NULL, fixture_set_up, test_same_bytes, fixture_tear_down);
  g_test_add ("/ui/publish/export/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/ui/publish/export/wrong-passphrase", Fixture, NULL, fixture_set_up, test_wrong_passphrase,
              fixture_tear_down);
  g_test_add ("/ui/publish/export/concurrent", Fixture, NULL, fixture_set_up, test_concurrent, fixture_tear_down);
  g_test_add ("/ui/publish/export/labels", Fixture, NULL, fixture_set_up, test_export_labels, fixture_tear_down);
  g_test_add ("/ui/publish/export/publisher-only", Fixture, NULL, fixture_set_up, test_export_publisher_only,
              fixture_tear_down);

  g_test_add ("/ui/publish/keys/refusals", Fixture, NULL, fixture_set_up, test_keys_refusals, fixture_tear_down);
  g_test_add ("/ui/publish/keys/generate", Fixture, NULL, fixture_set_up, test_keys_generate, fixture_tear_down);
  g_test_add ("/ui/publish/keys/export", Fixture, NULL, fixture_set_up, test_keys_export, fixture_tear_down);
  g_test_add ("/ui/publish/keys/labels", Fixture, NULL, fixture_set_up, test_keys_labels, fixture_tear_down);
  g_test_add_func ("/ui/publish/keys/strength", test_passphrase_strength);

  return ui_fixture_run ();
}
