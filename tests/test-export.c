/* test-export.c — masatir-cli export: publishing by signed bundle
 *
 * Each test runs the real command in its own folder (catalog, keys, bundles)
 * and checks the bundle with `masatir-cli verify`, with
 * build-aux/verify-bundle.py (required: python3 with cryptography) and
 * build-aux/verify-bundle.mjs (required: nodejs), and the catalog
 * with list and audit verify: the chain of exports, withdrawals,
 * reproducible bytes, and that a failure at any step changes nothing and
 * leaves no file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* flock and kill under -std=c11 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit-forge.h"
#include "cli-run.h"
#include "test-util.h"
#include "ms-bundle.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-sqlite-store.h"
#include "ms-store-error.h"
#include "ms-strict-json.h"

#include "export-fixture.h"

/* {{{1 Tests */

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  gint64 epoch = g_get_real_time () / G_USEC_PER_SEC - 2 * DAY;
  g_autoptr(GDateTime) first_time = g_date_time_new_from_unix_utc (epoch);
  g_autofree char *first_date = g_date_time_format (first_time, "%Y-%m-%d");
  g_autofree char *created1 = g_strdup_printf ("SOURCE_DATE_EPOCH=%" G_GINT64_FORMAT, epoch);
  const char *two_days_ago[] = { created1, NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *state = g_build_filename (f->dir, "portal.state", NULL);
  g_autofree char *verdict = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(MsBundleVerified) v1 = NULL;
  g_autoptr(MsBundleVerified) v2 = NULL;
  g_autoptr(MsBundleVerified) v3 = NULL;
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_auto(Run) run = { 0 };
  guint n_publish = 0, n_export = 0;

  approve (f, RESIDENCE);
  approve (f, PASSPORT);
  first = export_ok (f, two_days_ago, "first.bundle");

  cli (&run, f, "karim", "verify", "--trust", f->trust, first, NULL);
  expect_status (&run, 0, "sequence 1, 2 entries");
  cli (&run, f, "karim", "list", "--state", "published", NULL);
  expect_status (&run, 0, RESIDENCE);
  g_assert_nonnull (strstr (run.out, PASSPORT));
  assert_audit_intact (f);
  verdict = python_verdict (f, first);
  g_assert_cmpstr (verdict, ==, "ok");

  /* One audit entry per published sheet, one for the export with the hash
   * of its manifest, which the portal's state file records too. */
  v1 = open_bundle (f, first);
  store = catalog_open (f);
  audit = ms_store_audit (store, NULL, NULL);
  for (guint i = 0; i < audit->len; i++)
    {
      MsAuditEntry *e = g_ptr_array_index (audit, i);

      n_publish += strcmp (e->action, "publish") == 0 && strcmp (e->actor, "karim") == 0;
      if (strcmp (e->action, "export") == 0)
        {
          n_export++;
          g_assert_cmpstr (e->comment, ==, ISSUER "-1");
          g_assert_cmpstr (e->sha256, ==, v1->manifest_sha256);
        }
    }
  g_assert_cmpuint (n_publish, ==, 2);
  g_assert_cmpuint (n_export, ==, 1);
  g_clear_object (&store);

  /* The second export chains to the first; entries keep their date. */
  second = export_ok (f, NULL, "second.bundle");
  v2 = open_bundle (f, second);
  g_assert_cmpint (v2->sequence, ==, 2);
  previous = manifest_string (second, "previous");
  g_assert_cmpstr (previous, ==, v1->manifest_sha256);
  g_assert_null (manifest_string (first, "previous"));
  g_assert_cmpstr (entry_published (v1, RESIDENCE), ==, first_date);
  g_assert_cmpstr (entry_published (v2, RESIDENCE), ==, first_date);

  cli (&run, f, "karim", "verify", "--trust", f->trust, "--state", state, first, NULL);
  expect_status (&run, 0, NULL);
  cli (&run, f, "karim", "verify", "--trust", f->trust, "--state", state, second, NULL);
  expect_status (&run, 0, "sequence 2");
  cli (&run, f, "karim", "verify", "--trust", f->trust, "--state", state, first, NULL);
  expect_status (&run, 1, "rollback");

  /* A withdrawal goes into the next bundle. */
  cli (&run, f, "karim", "withdraw", RESIDENCE, "--comment", "Repealed", NULL);
  expect_status (&run, 0, NULL);
  third = export_ok (f, NULL, "third.bundle");
  v3 = open_bundle (f, third);
  g_assert_cmpint (v3->sequence, ==, 3);
  g_assert_cmpuint (v3->withdrawn->len, ==, 1);
  g_assert_cmpstr (v3->withdrawn->pdata[0], ==, RESIDENCE);
  g_assert_false (has_id (v3->ids, RESIDENCE));
  g_assert_true (has_id (v3->ids, PASSPORT));
  cli (&run, f, "karim", "verify", "--trust", f->trust, "--state", state, third, NULL);
  expect_status (&run, 0, "sequence 3, 1 entry");
  assert_audit_intact (f);
}

/* On the PostgreSQL half, @other's catalog is an SQLite file: the test
 * server's variable is set back (@on) or put aside while @other is used. */
static void
other_on_sqlite (const char *pg,
                 gboolean    on)
{
  if (pg == NULL)
    return;
  if (on)
    g_unsetenv ("MASATIR_TEST_PG");
  else
    {
      /* The file's actor is refused on a server: cli-run.h unsets it. */
      g_setenv ("MASATIR_TEST_PG", pg, TRUE);
      g_unsetenv ("MASATIR_USER");
    }
}

/* Two identical catalogs, SOURCE_DATE_EPOCH set: the same bytes. On the
 * PostgreSQL half, one on the server and one in a file: the same bytes
 * whichever backend holds the same history. */
static void
test_reproducible (Fixture       *f,
                   gconstpointer  data)
{
  Fixture other = { 0 };
  g_autofree char *pg = g_strdup (cli_pg ());
  g_autofree char *epoch = g_strdup_printf ("SOURCE_DATE_EPOCH=%" G_GINT64_FORMAT,
                                            g_get_real_time () / G_USEC_PER_SEC - 3600);
  const char *env[] = { epoch, NULL };
  g_autofree char *a = NULL, *b = NULL, *a_data = NULL, *b_data = NULL;
  gsize a_length, b_length;

  other_on_sqlite (pg, TRUE);
  fixture_set_up (&other, NULL);
  other_on_sqlite (pg, FALSE);
  approve (f, RESIDENCE);
  other_on_sqlite (pg, TRUE);
  approve (&other, RESIDENCE);
  other_on_sqlite (pg, FALSE);
  approve (f, PASSPORT);
  other_on_sqlite (pg, TRUE);
  approve (&other, PASSPORT);
  other_on_sqlite (pg, FALSE);
  a = export_ok (f, env, "a.bundle");
  other_on_sqlite (pg, TRUE);
  b = export_ok (&other, env, "b.bundle");
  other_on_sqlite (pg, FALSE);
  g_assert_true (g_file_get_contents (a, &a_data, &a_length, NULL));
  g_assert_true (g_file_get_contents (b, &b_data, &b_length, NULL));
  g_assert_cmpmem (a_data, a_length, b_data, b_length);
  fixture_tear_down (&other, NULL);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  const char *env[] = { "MASATIR_PASSPHRASE=wrong horse", NULL };
  g_autofree char *before = NULL, *after = NULL;
  g_auto(Run) run = { 0 };

  approve (f, RESIDENCE);
  before = snapshot (f);
  cli_env (&run, f, env, "karim", "export", "--key", KID, "--out", "bundle", NULL);
  expect_status (&run, 1, "wrong passphrase");
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Only a publisher exports, and is told so before any passphrase. */
  cli (&run, f, "amina", "export", "--key", KID, "--out", "bundle", NULL);
  expect_status (&run, 1, "publisher role");
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* Each step fails in turn, with and without an earlier bundle at FILE. */
static void
test_fail_at (Fixture       *f,
              gconstpointer  data)
{
  static const char * const steps[] = { "build", "write", "verify", "rename", "commit" };
  g_autofree char *earlier = NULL;

  approve (f, RESIDENCE);
  for (guint round = 0; round < 2; round++)
    {
      if (round == 1)
        {
          /* An earlier bundle at FILE, and something new to publish. */
          earlier = export_ok (f, NULL, "out.bundle");
          approve (f, PASSPORT);
        }
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          g_autofree char *knob = g_strconcat ("MASATIR_EXPORT_FAIL_AT=", steps[i], NULL);
          const char *env[] = { knob, NULL };
          g_autofree char *before = snapshot (f);
          g_autofree char *after = NULL;
          g_auto(Run) run = { 0 };

          cli_env (&run, f, env, "karim", "export", "--key", KID, "--out", "out.bundle", NULL);
          if (run.status == 0)
            g_error ("export did not fail at %s", steps[i]);
          after = snapshot (f);
          g_assert_cmpstr (after, ==, before);
          assert_audit_intact (f);
        }
    }
  g_assert_nonnull (earlier);
}

/* A new revision of a demo sheet (deadline changed), saved by amina. */
static void
save_edited (Fixture    *f,
             const char *name,
             int         deadline_days,
             const char *base)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", file, NULL);
  g_autofree char *edited = g_build_filename (f->dir, file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_auto(Run) run = { 0 };

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  json_object_set_int_member (json_node_get_object (json_parser_get_root (parser)), "deadline_days", deadline_days);
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, edited, NULL));
  cli (&run, f, "amina", "save", edited, "--base", base, NULL);
  expect_status (&run, 0, "Draft");
  g_remove (edited);
}

/* Editing an approved sheet sends it back to draft: it is not exported,
 * but its live published revision still is. */
static void
test_edit_after_approval (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *bundle = NULL;
  g_autoptr(MsBundleVerified) verified = NULL;
  g_auto(Run) run = { 0 };

  approve (f, RESIDENCE);
  g_free (export_ok (f, NULL, "first.bundle"));
  save_edited (f, "residence-certificate", 9, "1");
  approve (f, RESIDENCE);
  save_edited (f, "residence-certificate", 10, "2");
  approve (f, BIRTH);
  save_edited (f, "birth-certificate-extract", 9, "1");

  bundle = export_ok (f, NULL, "second.bundle");
  verified = open_bundle (f, bundle);
  g_assert_cmpuint (verified->ids->len, ==, 1);
  g_assert_cmpstr (verified->ids->pdata[0], ==, RESIDENCE);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (verified->entries->pdata[0]), "revision"), ==, 1);
  cli (&run, f, "karim", "list", NULL);
  expect_status (&run, 0, "(revision 1 live)");
  assert_audit_intact (f);
}

/* Another export recorded in between: the commit is refused, nothing changes. */
static void
test_concurrent_export (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(MsExportSet) a = NULL;
  g_autoptr(MsExportSet) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sequence = NULL;
  const char *hash = "00000000000000000000000000000000000000000000000000000000000000aa";
  MsExportRecord record = { 1, hash, "2025-01-01" };

  approve (f, RESIDENCE);
  store = catalog_open (f);
  a = ms_store_read_export (MS_STORE (store), &error);
  g_assert_no_error (error);
  b = ms_store_read_export (MS_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->items->len, ==, 1);
  g_assert_null (((MsExportItem *) a->items->pdata[0])->published);

  g_assert_false (ms_store_commit_export (MS_STORE (store), "amina", a, &record, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (ms_store_commit_export (MS_STORE (store), "karim", a, &record, &error));
  g_assert_no_error (error);
  g_assert_false (ms_store_commit_export (MS_STORE (store), "karim", b, &record, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&store);
  sequence = setting (f, "bundle_sequence");
  g_assert_cmpstr (sequence, ==, "1");
  assert_audit_intact (f);
}

static void
sql (Fixture    *f,
     const char *statement)
{
  sqlite3 *db;

  /* On the server, as its superuser: in the schema, triggers off, the
   * SQLite guards @statement drops ("DROP TRIGGER name;") left out. */
  if (cli_pg () != NULL)
    {
      g_autoptr(GRegex) drop = g_regex_new ("DROP TRIGGER [a-z_]+;", 0, 0, NULL);
      g_autofree char *stripped = g_regex_replace_literal (drop, statement, -1, 0, "", 0, NULL);
      g_autofree char *script = g_strdup_printf ("SET session_replication_role = replica;"
                                                 " SET search_path = masatir; %s", stripped);

      cli_pg_exec (script);
      return;
    }
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

/* The catalog changed behind the application's back (with the sqlite3
 * shell, say): an approved revision whose bytes are not those hashed when
 * it was saved, or an approval that is not of the revision's content. The
 * export refuses, naming the sheet, and changes nothing. */
static void
test_tampered_catalog (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *change; const char *undo; const char *message; } cases[] = {
    { "UPDATE revisions SET json = replace (json, '\"deadline_days\":', '\"deadline_days\": ')"
      " WHERE sheet = (SELECT num FROM sheets WHERE id = '" PASSPORT "')",
      "UPDATE revisions SET json = replace (json, '\"deadline_days\": ', '\"deadline_days\":')"
      " WHERE sheet = (SELECT num FROM sheets WHERE id = '" PASSPORT "')",
      "sheet " PASSPORT " revision 1: the stored content does not have the SHA-256 recorded" },
    { "UPDATE sheets SET approved_sha = '" "0000000000000000000000000000000000000000000000000000000000000000"
      "' WHERE id = '" PASSPORT "'",
      NULL, "Sheet " PASSPORT " is not the content its reviewer approved" },
  };
  g_auto(Run) run = { 0 };

  approve (f, RESIDENCE);
  approve (f, PASSPORT);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = snapshot (f);
      g_autofree char *after = NULL;

      sql (f, cases[i].change);
      cli (&run, f, "karim", "export", "--key", KID, "--out", "out.bundle", NULL);
      expect_status (&run, 2, cases[i].message);
      g_assert_cmpuint (strlen (run.err), <, 400);
      after = snapshot (f);
      g_assert_cmpstr (after, ==, before);
      assert_audit_intact (f);
      if (cases[i].undo != NULL)
        sql (f, cases[i].undo);
      run_clear (&run);
    }
}

/* {{{1 Sheets the audit log does not show approved */

#define TRADEMARK "3b116135-24a3-43c2-a3fc-a51e56b3b6bc"   /* has validation errors */

/* Revision 1 of @id with other content (deadline_days 99), the SHA-256 that
 * goes with it, and the sheet's approved hash: all the sheets table and the
 * revisions say agree, only the audit log remembers what was approved. */
static void
forge_content (Fixture    *f,
               const char *id)
{
  g_autoptr(MsProcedure) p = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sha = NULL;
  char *update;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  if (cli_pg () != NULL)
    {
      /* Read as the server's superuser (psql, unaligned, tuples only). */
      g_autofree char *query = g_strdup_printf ("SELECT json FROM masatir.revisions WHERE number = 1 AND sheet ="
                                                " (SELECT num FROM masatir.sheets WHERE id = '%s')", id);
      const char *argv[] = { "psql", "-X", "-A", "-t", "-q", cli_pg (), "-c", query, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_strchomp (out);
      p = ms_procedure_new_from_data (out, strlen (out), &error);
      g_assert_no_error (error);
    }
  else
    {
      g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json FROM revisions WHERE number = 1"
                                           " AND sheet = (SELECT num FROM sheets WHERE id = ?1)", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      p = ms_procedure_new_from_data ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                      &error);
      g_assert_no_error (error);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }

  p->deadline_days = 99;
  node = ms_procedure_to_json (p);
  json = ms_canonical_json (node, NULL, NULL);
  sha = ms_sha256_hex (json, strlen (json));
  update = sqlite3_mprintf ("UPDATE sheets SET approved_sha = CASE WHEN state = 'approved' THEN %Q END WHERE id = %Q;"
                            "UPDATE revisions SET json = %Q, sha256 = %Q WHERE number = 1"
                            " AND sheet = (SELECT num FROM sheets WHERE id = %Q)", sha, id, json, sha, id);
  sql (f, update);
  sqlite3_free (update);
}

static void
forge_approved_content (Fixture *f)
{
  approve (f, PASSPORT);
  forge_content (f, PASSPORT);
}

/* A published sheet is in every bundle: its live revision too. */
static void
forge_live_content (Fixture *f)
{
  approve (f, PASSPORT);
  g_free (export_ok (f, NULL, "first.bundle"));
  forge_content (f, PASSPORT);
}

static void
forge_draft (Fixture *f)
{
  sql (f, "UPDATE sheets SET state = 'approved', submitted_by = 'amina', approved_by = 'youssef',"
          " approved_sha = (SELECT sha256 FROM revisions WHERE sheet = sheets.num AND number = head)"
          " WHERE id = '" TRADEMARK "'");
}

/* An approval chained to the log as the store would, by the submitter,
 * who has no reviewer role either. */
static void
forge_approval (Fixture *f)
{
  g_autoptr(MsSqliteStore) store = ms_sqlite_store_open (f->db, MS_SQLITE_STORE_OPEN_EXISTING, NULL);
  g_autoptr(MsSheetInfo) info = ms_store_get_sheet_info (MS_STORE (store), PASSPORT, NULL);
  g_autofree char *update = NULL;
  g_auto(Run) run = { 0 };
  MsAuditEntry e = {
    .time = (char *) "2025-03-01T10:00:00Z", .actor = (char *) "amina", .action = (char *) "approve",
    .sheet_id = (char *) PASSPORT, .revision = 1, .sha256 = info->sha256,
    .from_state = (char *) "in_review", .to_state = (char *) "approved",
  };
  sqlite3 *db;

  g_clear_object (&store);
  cli (&run, f, "amina", "submit", PASSPORT, NULL);
  expect_status (&run, 0, NULL);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  forge_audit_append (db, &e);
  sqlite3_close (db);
  update = g_strdup_printf ("UPDATE sheets SET state = 'approved', approved_by = 'amina', approved_sha = '%s'"
                            " WHERE id = '" PASSPORT "'", info->sha256);
  sql (f, update);
}

/* The export refuses as unusable input (exit 2), saying @message, and
 * changes nothing. */
static void
export_refused (Fixture    *f,
                const char *message)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  cli (&run, f, "karim", "export", "--key", KID, "--out", "out.bundle", NULL);
  expect_status (&run, 2, message);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

typedef struct {
  void      (*forge) (Fixture *f);
  const char *message;
} Unapproved;

static const Unapproved unapproved[] = {
  { forge_approved_content, "Sheet " PASSPORT " is approved, but the audit log does not show its revision 1" },
  { forge_live_content, "Sheet " PASSPORT " has revision 1 published, but the audit log does not show it" },
  { forge_draft, "Sheet " TRADEMARK " is approved, but the audit log does not show its revision 1" },
  { forge_approval, "“amina” does not have the reviewer role needed to approve" },
};

/* The export refuses, naming the sheet, and changes nothing; audit verify
 * reports the same. Another sheet, approved as it should be, is no excuse. */
static void
test_unapproved (Fixture       *f,
                 gconstpointer  data)
{
  const Unapproved *c = data;
  g_auto(Run) run = { 0 };

  /* forge_approval chains an audit entry on the file (audit-forge.h);
   * the other forgeries are SQL, run as the server's superuser. */
  if (cli_pg () != NULL && c->forge == forge_approval)
    {
      g_test_skip ("chains a forged audit entry on the SQLite catalog file");
      return;
    }

  approve (f, BIRTH);
  c->forge (f);
  export_refused (f, c->message);
  cli (&run, f, "karim", "audit", "verify", NULL);
  expect_status (&run, 1, c->message);
}

/* A broken chain stops the export with the words of audit verify. */
static void
test_broken_chain (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_auto(Run) run = { 0 };
  const char *prefix = "Audit log broken: ";

  approve (f, PASSPORT);
  sql (f, "DROP TRIGGER audit_no_update; UPDATE audit SET comment = 'Looks fine' WHERE action = 'approve'");
  cli (&run, f, "karim", "audit", "verify", NULL);
  expect_status (&run, 1, prefix);
  message = g_strstrip (g_strdup (strstr (run.out, prefix) + strlen (prefix)));
  g_assert_nonnull (strstr (message, "was altered"));
  export_refused (f, message);
}

/* {{{1 Temporary files */

/* Creates @name in @dir; with @lock, an open descriptor holding an
 * exclusive flock on it, as a running export holds its own. */
static int
make_file (const char *dir,
           const char *name,
           gboolean    lock)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd;

  g_assert_true (g_file_set_contents (path, "partial", -1, NULL));
  if (!lock)
    return -1;
  g_assert_cmpint ((fd = open (path, O_RDONLY | O_CLOEXEC)), >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  return fd;
}

static gboolean
exists_in (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

/* The names in @dir that start with @prefix, other than @prefix itself. */
static guint
count_beside (const char *dir,
              const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && strcmp (name, prefix) != 0)
      n++;
  return n;
}

/* An export removes the temporary files a killed export left beside FILE
 * (FILE.XXXXXX, FILE.XXXXXX.previous), and nothing else: not those of an
 * export still running (locked), not other names, not a symbolic link. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const stale[] = { "out.bundle.AbC123", "out.bundle.x9Z8y7.previous" };
  static const char * const others[] = {
    "out.bundle.abc12", "out.bundle.AbC1234", "out.bundle.AbC12-", "out.bundle.AbC123.other",
    "out.bundle.AbC123.previous.previous", "out.bundleXAbC123", "other.bundle.AbC123", "out.bundle.Sym123",
  };
  g_autofree char *target = g_build_filename (f->dir, "target", NULL);
  g_autofree char *link = g_build_filename (f->dir, "out.bundle.Sym123", NULL);
  g_autofree char *out = NULL;
  int busy, busy_previous;

  approve (f, RESIDENCE);
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    make_file (f->dir, stale[i], FALSE);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (others); i++)
    make_file (f->dir, others[i], FALSE);
  g_assert_true (g_file_set_contents (target, "not ours to remove", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  busy = make_file (f->dir, "out.bundle.Busy01", TRUE);
  busy_previous = make_file (f->dir, "out.bundle.Busy02.previous", TRUE);

  out = export_ok (f, NULL, "out.bundle");

  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    g_assert_false (exists_in (f->dir, stale[i]));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_true (exists_in (f->dir, others[i]));
  g_assert_true (exists_in (f->dir, "target"));
  g_assert_true (exists_in (f->dir, "out.bundle.Busy01"));
  g_assert_true (exists_in (f->dir, "out.bundle.Busy02.previous"));

  /* Once their export has ended (the lock released), they are stale. */
  close (busy);
  close (busy_previous);
  g_free (export_ok (f, NULL, "out.bundle"));
  g_assert_false (exists_in (f->dir, "out.bundle.Busy01"));
  g_assert_false (exists_in (f->dir, "out.bundle.Busy02.previous"));
}

/* kill -9 at any moment of an export, again and again: the next export
 * leaves nothing beside FILE but FILE. */
static void
test_killed_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.bundle", NULL);
  const char *argv[] = { g_getenv ("MASATIR_CLI"), "export", "--key", KID, "--out", out, NULL };
  guint left = 0;

  approve (f, RESIDENCE);
  approve (f, PASSPORT);
  g_free (export_ok (f, NULL, "out.bundle"));
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      GPid pid;
      int status;

      /* The environment cli_env sets, for a process of our own. */
      cli_env_set (f->dir, f->db, "karim");
      g_spawn_async (NULL, (char **) argv, NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      /* Killed the moment a temporary file appears (FILE.XXXXXX while it
       * is written and flushed, then FILE.XXXXXX.previous until the
       * commit): what a kill -9 at the worst moment leaves. */
      while (waitpid (pid, &status, WNOHANG) == 0)
        if (count_beside (f->dir, "out.bundle.") > 0)
          {
            g_usleep ((i % 3) * 1000);
            kill (pid, SIGKILL);
            g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
            break;
          }
      g_spawn_close_pid (pid);
      left += count_beside (f->dir, "out.bundle.") > 0;
    }
  g_test_message ("kills that left a temporary file: %u of 20", left);
  g_assert_cmpuint (left, >, 0);
  g_free (export_ok (f, NULL, "out.bundle"));
  g_assert_cmpuint (count_beside (f->dir, "out.bundle."), ==, 0);
  assert_audit_intact (f);
}

/* verify --state writes the state file through a locked STATE.XXXXXX and
 * removes those a killed verify left, not those of one still running. */
static void
test_stale_state_temporaries (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "portal.state", NULL);
  g_autofree char *bundle = NULL;
  g_auto(Run) run = { 0 };
  int busy;

  approve (f, RESIDENCE);
  bundle = export_ok (f, NULL, "out.bundle");
  make_file (f->dir, "portal.state.AbC123", FALSE);
  make_file (f->dir, "portal.state.AbC12", FALSE);
  busy = make_file (f->dir, "portal.state.Busy01", TRUE);

  cli (&run, f, "karim", "verify", "--trust", f->trust, "--state", state, bundle, NULL);
  expect_status (&run, 0, NULL);
  g_assert_true (exists_in (f->dir, "portal.state"));
  g_assert_false (exists_in (f->dir, "portal.state.AbC123"));
  g_assert_true (exists_in (f->dir, "portal.state.AbC12"));
  g_assert_true (exists_in (f->dir, "portal.state.Busy01"));
  close (busy);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/workflow", test_workflow);
  ADD ("/export/reproducible", test_reproducible);
  ADD ("/export/wrong-passphrase", test_wrong_passphrase);
  ADD ("/export/fail-at", test_fail_at);
  ADD ("/export/edit-after-approval", test_edit_after_approval);
  ADD ("/export/concurrent", test_concurrent_export);
  ADD ("/export/tampered-catalog", test_tampered_catalog);
  ADD ("/export/broken-chain", test_broken_chain);
  ADD ("/export/stale-temporaries", test_stale_temporaries);
  ADD ("/export/killed", test_killed_export);
  ADD ("/export/stale-state-temporaries", test_stale_state_temporaries);
#undef ADD
  g_test_add ("/export/unapproved/content", Fixture, &unapproved[0], fixture_set_up, test_unapproved,
              fixture_tear_down);
  g_test_add ("/export/unapproved/live-content", Fixture, &unapproved[1], fixture_set_up, test_unapproved,
              fixture_tear_down);
  g_test_add ("/export/unapproved/draft", Fixture, &unapproved[2], fixture_set_up, test_unapproved,
              fixture_tear_down);
  g_test_add ("/export/unapproved/approval", Fixture, &unapproved[3], fixture_set_up, test_unapproved,
              fixture_tear_down);

  return g_test_run ();
}

/* vim: set foldmethod=marker: */
