/* test-pg-rights.c — the catalog on PostgreSQL: rights the database itself
 * enforces (issue 16 items 2–3), whoever the client
 *
 * Each test connects as a login of the catalog with plain libpq — psql's
 * powers, not Masatir's — and checks the server refuses what the workflow
 * forbids: writing any table, approving without the role or against the
 * four-eyes rule, publishing, rewriting the audit log or a revision, saving
 * over a stale revision. Also: the audit hash computed in SQL is the one C
 * computes, on hostile strings; the chain the functions write verifies;
 * every write notifies. Runs under tests/pg-cluster.py (MASATIR_TEST_PG).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-audit-check.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-sha256.h"
#include "ms-store-error.h"
#include "store-fixture.h"

typedef struct {
  MsStore *store;      /* impersonating: acts as each call's actor */
  GPtrArray *conns;    /* PGconn* opened by the test */
} Fixture;

static const StoreFixtureUser users[] = {
  { "ed", MS_ROLE_EDITOR },
  { "ed2", MS_ROLE_EDITOR },
  { "rev", MS_ROLE_REVIEWER },
  { "edrev", MS_ROLE_EDITOR | MS_ROLE_REVIEWER },
  { "pub", MS_ROLE_PUBLISHER },
  { "gone", MS_ROLE_EDITOR | MS_ROLE_REVIEWER },
  { NULL }
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = store_fixture_open_pg (users);
  for (const StoreFixtureUser *u = users; u->login != NULL; u++)
    store_add_user (f->store, "admin", u->login, u->roles);
  g_assert_true (ms_pg_store_set_issuer (MS_PG_STORE (f->store), "admin", "ma.test", &error));
  g_assert_no_error (error);
  g_assert_true (ms_store_set_user_active (f->store, "admin", "gone", FALSE, &error));
  g_assert_no_error (error);
  f->conns = g_ptr_array_new_with_free_func ((GDestroyNotify) PQfinish);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->conns);
  g_clear_object (&f->store);
}

/* A plain connection as @login, as psql would make. */
static PGconn *
connect_as (Fixture    *f,
            const char *login)
{
  g_autofree char *conninfo = store_pg_conninfo_as (login);
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_ptr_array_add (f->conns, conn);
  return conn;
}

/* Runs @sql with @n text parameters; the SQLSTATE it failed with, or NULL. */
static char *
try_sql (PGconn             *conn,
         const char         *sql,
         int                 n,
         const char * const *values)
{
  PGresult *result = PQexecParams (conn, sql, n, NULL, values, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);
  char *state = NULL;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
      g_test_message ("%s → %s %s", sql, state, PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
    }
  PQclear (result);
  return state;
}

static void
assert_refused (PGconn             *conn,
                const char         *expected_state,
                const char         *sql,
                int                 n,
                const char * const *values)
{
  g_autofree char *state = try_sql (conn, sql, n, values);

  if (state == NULL)
    g_error ("the database accepted: %s", sql);
  g_assert_cmpstr (state, ==, expected_state);
}

/* The same, with a message that says @words. */
static void
assert_refused_saying (PGconn             *conn,
                       const char         *expected_state,
                       const char         *words,
                       const char         *sql,
                       int                 n,
                       const char * const *values)
{
  PGresult *result = PQexecParams (conn, sql, n, NULL, values, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  g_assert_cmpstr (PQresultErrorField (result, PG_DIAG_SQLSTATE), ==, expected_state);
  g_assert_nonnull (strstr (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY), words));
  PQclear (result);
}

static void
assert_accepted (PGconn             *conn,
                 const char         *sql,
                 int                 n,
                 const char * const *values)
{
  g_autofree char *state = try_sql (conn, sql, n, values);

  g_assert_null (state);
}

/* Sheet "demo" saved by ed (revision 1), and its canonical JSON. */
static char *
save_demo (Fixture  *f,
           char    **sha)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "ed", p, 0);
  g_autoptr(JsonNode) node = ms_procedure_to_json (p);
  g_autoptr(GError) error = NULL;
  gsize length;
  char *json = ms_canonical_json (node, &length, &error);

  g_assert_no_error (error);
  *sha = ms_sha256_hex (json, length);
  g_assert_cmpstr (info->sha256, ==, *sha);
  return json;
}

/* Every table, and a column of it. */
static const char * const tables[][2] = {
  { "users", "roles" }, { "sheets", "state" }, { "revisions", "json" }, { "publications", "published" },
  { "sheet_terms", "code" }, { "comments", "body" }, { "audit", "actor" }, { "audit_head", "hash" },
  { "import_origins", "portal_id" }, { "settings", "value" }, { "schema_version", "version" },
  { "sheet_search", "terms" },
};

/* An editor writes no table directly: INSERT, UPDATE, DELETE, TRUNCATE
 * of each are refused for want of the privilege. */
static void
test_no_direct_writes (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sha = NULL;
  g_autofree char *json = save_demo (f, &sha);
  PGconn *ed = connect_as (f, "ed");

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const char *table = tables[i][0], *column = tables[i][1];
      g_autofree char *select = g_strdup_printf ("SELECT * FROM masatir.%s", table);
      g_autofree char *insert = g_strdup_printf ("INSERT INTO masatir.%s DEFAULT VALUES", table);
      g_autofree char *update = g_strdup_printf ("UPDATE masatir.%s SET %s = %s", table, column, column);
      g_autofree char *remove = g_strdup_printf ("DELETE FROM masatir.%s", table);
      g_autofree char *truncate = g_strdup_printf ("TRUNCATE masatir.%s CASCADE", table);

      /* It reads them all. */
      assert_accepted (ed, select, 0, NULL);
      assert_refused (ed, "42501", insert, 0, NULL);
      assert_refused (ed, "42501", update, 0, NULL);
      assert_refused (ed, "42501", remove, 0, NULL);
      assert_refused (ed, "42501", truncate, 0, NULL);
    }
  /* The columns one would forge, named. */
  assert_refused (ed, "42501", "UPDATE masatir.sheets SET state = 'approved'", 0, NULL);
  assert_refused (ed, "42501", "UPDATE masatir.users SET roles = 15", 0, NULL);
  assert_refused (ed, "42501", "UPDATE masatir.revisions SET json = '{}'", 0, NULL);
  assert_refused (ed, "42501", "UPDATE masatir.audit SET actor = 'rev'", 0, NULL);
  /* Nor the helpers that write unchecked. */
  assert_refused (ed, "42501", "SELECT masatir.audit_append ('t', 'rev', 'approve', 'x', 1, NULL, NULL, NULL, NULL)",
                  0, NULL);
  assert_refused (ed, "42501", "SELECT masatir.sync_grants ('ed', 15)", 0, NULL);
  /* Version 1's save, which writes no search terms, is the schema's own. */
  {
    const char *values[] = { json, sha };

    assert_refused (ed, "42501", "SELECT masatir.write_revision_v1 ($1, $2, 1, 0, 0, 'edit', NULL)", 2, values);
  }
  /* Nor can it make itself an admin. */
  assert_refused (ed, "MS004", "SELECT masatir.change_user ('ed', 15, NULL)", 0, NULL);
  assert_refused (ed, "MS004", "SELECT masatir.add_user ('mallory', 'M', 15)", 0, NULL);
}

/* Approving and publishing, through the functions, as an editor: the
 * workflow's rules, in the database. */
static void
test_editor_cannot_approve_or_publish (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *sha = NULL;
  g_autofree char *json = save_demo (f, &sha);
  PGconn *ed = connect_as (f, "ed");
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  const char *approve[] = { p->id, "approve" };
  const char *publish[] = { p->id, "publish" };
  const char *export[] = { "1", "0000000000000000000000000000000000000000000000000000000000000001", "2025-03-01",
                           "{}", "{}", "{}", "{}", "{}", NULL };

  assert_accepted (ed, "SELECT masatir.transition ($1, 'submit', NULL)", 1, approve);
  assert_refused (ed, "MS004", "SELECT masatir.transition ($1, $2, NULL)", 2, approve);
  assert_refused (ed, "MS004", "SELECT masatir.transition ($1, $2, NULL)", 2, publish);
  assert_refused (ed, "MS004", "SELECT masatir.commit_export ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9, export);
  /* A reviewer approves; still the editor cannot publish it. */
  assert_accepted (connect_as (f, "rev"), "SELECT masatir.transition ($1, $2, NULL)", 2, approve);
  assert_refused (ed, "MS004", "SELECT masatir.commit_export ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9, export);
  /* A deactivated user is nobody. */
  assert_refused (connect_as (f, "gone"), "MS003", "SELECT masatir.transition ($1, 'request-changes', 'no')",
                  1, approve);
}

/* The audit log and the revisions are history: not even the schema's
 * owner (the functions run as it) may change them. */
static void
test_history_append_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sha = NULL;
  g_autofree char *json = save_demo (f, &sha);
  PGconn *owner = connect_as (f, ms_pg_store_get_login (MS_PG_STORE (f->store)));
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  assert_refused (owner, "MS006", "UPDATE masatir.audit SET actor = 'rev' WHERE seq = 1", 0, NULL);
  assert_refused (owner, "MS006", "DELETE FROM masatir.audit", 0, NULL);
  assert_refused (owner, "MS006", "TRUNCATE masatir.audit CASCADE", 0, NULL);
  assert_refused (owner, "MS006", "UPDATE masatir.revisions SET json = '{}'", 0, NULL);
  g_assert_true (ms_store_verify_audit (f->store, &n, &error));
  g_assert_no_error (error);
  /* admin and the 6 users added, the deactivation, the edit */
  g_assert_cmpint (n, ==, 9);
}

/* Four eyes: whoever saved a revision since the last publication, or
 * submitted it, cannot approve it — refused by the database to a plain
 * connection, whatever the client. */
static void
test_four_eyes (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  g_autoptr(MsProcedure) q = store_demo_sheet ("building-permit");
  g_autoptr(MsSheetInfo) first = store_save_ok (f->store, "ed", p, 0);
  g_autoptr(MsSheetInfo) second = NULL;
  g_autoptr(MsSheetInfo) other = store_save_ok (f->store, "ed", q, 0);
  const char *args[] = { p->id };
  const char *other_args[] = { q->id };
  PGconn *edrev = connect_as (f, "edrev");

  /* edrev edits the sheet, ed submits it: edrev saved a revision. */
  ms_localized_set (p->title, MS_LANG_FR, "Extrait d'acte de naissance (révisé)");
  second = store_save_ok (f->store, "edrev", p, first->revision);
  store_act_ok (f->store, "ed", p->id, MS_ACTION_SUBMIT, NULL);
  assert_refused_saying (edrev, "MS004", "edited this revision",
                         "SELECT masatir.transition ($1, 'approve', NULL)", 1, args);
  /* Through the store, in core's own words (translated), as on SQLite. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) expected = NULL;
    const char * const editors[] = { "ed", "edrev", NULL };

    g_assert_false (ms_workflow_check (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW, "edrev", MS_ROLE_EDITOR | MS_ROLE_REVIEWER,
                                       editors, "ed", FALSE, NULL, &expected));
    g_assert_null (ms_store_transition (f->store, "edrev", p->id, MS_ACTION_APPROVE, NULL, &error));
    g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
    g_assert_cmpstr (error->message, ==, expected->message);
  }

  /* ed alone edited the other, edrev submits it: the submitter cannot approve. */
  assert_accepted (edrev, "SELECT masatir.transition ($1, 'submit', NULL)", 1, other_args);
  assert_refused_saying (edrev, "MS004", "submitted this revision",
                         "SELECT masatir.transition ($1, 'approve', NULL)", 1, other_args);
  /* Someone else may approve both. */
  assert_accepted (connect_as (f, "rev"), "SELECT masatir.transition ($1, 'approve', NULL)", 1, args);
  assert_accepted (connect_as (f, "rev"), "SELECT masatir.transition ($1, 'approve', NULL)", 1, other_args);
}

/* Catalog roles are PostgreSQL roles: a DBA's REVOKE of the group role
 * takes the catalog role away, whatever the users table says (a login left
 * with no group role may not even use the schema). */
static void
test_revoked_role (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sha = NULL;
  g_autofree char *json = save_demo (f, &sha);
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  const char *args[] = { p->id };
  PGconn *edrev = connect_as (f, "edrev");
  PGconn *rev = connect_as (f, "rev");

  store_act_ok (f->store, "ed", p->id, MS_ACTION_SUBMIT, NULL);
  store_pg_exec ("REVOKE masatir_reviewer FROM edrev");
  assert_refused_saying (edrev, "MS004", "does not have the reviewer role",
                         "SELECT masatir.transition ($1, 'approve', NULL)", 1, args);
  /* Through the store too: the client's own check, from the users table,
   * lets it through; the database does not. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ms_store_transition (f->store, "edrev", p->id, MS_ACTION_APPROVE, NULL, &error));
    g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  }
  store_pg_exec ("REVOKE masatir_reviewer FROM rev");
  assert_refused (rev, "42501", "SELECT masatir.transition ($1, 'approve', NULL)", 1, args);
  store_pg_exec ("GRANT masatir_reviewer TO edrev");
  assert_accepted (edrev, "SELECT masatir.transition ($1, 'approve', NULL)", 1, args);
}

/* A save based on a revision other than the head is a conflict, and a
 * content that is not its SHA-256 is refused. */
static void
test_stale_base (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sha = NULL;
  g_autofree char *json = save_demo (f, &sha);
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  g_autoptr(MsSheetInfo) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *sha2 = NULL;
  PGconn *ed2 = connect_as (f, "ed2");
  gsize length;

  ms_localized_set (p->title, MS_LANG_FR, "Extrait (ed)");
  second = store_save_ok (f->store, "ed", p, 1);
  g_assert_cmpint (second->revision, ==, 2);

  /* ed2 still edits revision 1. */
  ms_localized_set (p->title, MS_LANG_FR, "Extrait (ed2)");
  node = ms_procedure_to_json (p);
  json2 = ms_canonical_json (node, &length, &error);
  g_assert_no_error (error);
  sha2 = ms_sha256_hex (json2, length);
  {
    const char *stale[] = { json2, sha2, "1" };
    const char *wrong_sha[] = { json2, sha, "2" };
    const char *current[] = { json2, sha2, "2" };

    assert_refused (ed2, "MS002", "SELECT masatir.save_revision ($1, $2, $3, 0, 0, 'edit', NULL, '')", 3, stale);
    assert_refused (ed2, "MS005", "SELECT masatir.save_revision ($1, $2, $3, 0, 0, 'edit', NULL, '')", 3, wrong_sha);
    assert_accepted (ed2, "SELECT masatir.save_revision ($1, $2, $3, 0, 0, 'edit', NULL, '')", 3, current);
  }
  /* Through the store: the same conflict, as MsStoreError. */
  g_assert_null (ms_store_save (f->store, "ed", p, 2, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
}

/* The acting user is the login: another actor is refused, except to a
 * superuser's test connection that impersonates. */
static void
test_identity (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *conninfo = store_pg_conninfo_as ("ed");
  g_autoptr(MsPgStore) store = NULL;
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  store = ms_pg_store_open (conninfo, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ms_pg_store_get_login (store), ==, "ed");
  g_assert_null (ms_store_save (MS_STORE (store), "rev", p, 0, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "“ed”"));
  g_clear_error (&error);
  info = ms_store_save (MS_STORE (store), "ed", p, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->updated_by, ==, "ed");
  /* Impersonating needs a superuser: ed's SET SESSION AUTHORIZATION fails. */
  ms_pg_store_set_impersonate (store, TRUE);
  g_assert_null (ms_store_transition (MS_STORE (store), "rev", p->id, MS_ACTION_APPROVE, NULL, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
}

/* The audit hash in SQL is C's, byte for byte, on strings RFC 8785
 * escapes in every way: controls, quotes, backslashes, non-ASCII, astral
 * characters, U+2028, DEL, slashes; NULL members; large integers. */
static void
test_hash_agreement (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const strings[] = {
    "plain", "", "quote \" and backslash \\", "tab\tnew\nline\rcr\bbs\fff",
    "\x01\x02\x1f controls \x7f" " del", "slash / and </script>", "عربي ⵜⴰⵎⴰⵣⵉⵖⵜ français",
    "astral 𝄞 😀", "line\u2028separator\u2029para", "\xc2\x80\xc2\x9f C1 controls", "é (NFD e\u0301)",
  };
  PGconn *ed = connect_as (f, "ed");

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    for (guint variant = 0; variant < 3; variant++)
      {
        MsAuditEntry e = {
          .seq = variant == 2 ? G_GINT64_CONSTANT (1) << 53 : 42 + i,
          .time = "2026-01-02T03:04:05Z",
          .actor = (char *) strings[i],
          .action = "edit",
          .sheet_id = variant == 1 ? NULL : (char *) strings[(i + 1) % G_N_ELEMENTS (strings)],
          .revision = variant == 2 ? (G_GINT64_CONSTANT (1) << 53) - 1 : 7,
          .sha256 = variant == 1 ? NULL : MS_AUDIT_NO_HASH,
          .from_state = variant == 0 ? "draft" : NULL,
          .to_state = "in_review",
          .comment = (char *) strings[(i + 2) % G_N_ELEMENTS (strings)],
        };
        g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e.seq);
        g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT, e.revision);
        const char *values[] = { seq, e.time, e.actor, e.action, e.sheet_id, revision, e.sha256,
                                 e.from_state, e.to_state, e.comment, strings[i] };
        g_autofree char *expected = ms_audit_entry_hash (&e, strings[i]);
        PGresult *result = PQexecParams (ed, "SELECT masatir.audit_hash ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                                         G_N_ELEMENTS (values), NULL, values, NULL, NULL, 0);

        g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
        g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, expected);
        PQclear (result);
      }
}

/* The whole workflow through the store, and the chain verifies: each
 * entry the functions appended has the hash C computes. */
static void
test_cycle_verifies (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "ed", p, 0);
  g_autoptr(MsSheetInfo) copy = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MsExportSet) set = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  g_assert_cmpint (store_act_ok (f->store, "ed", p->id, MS_ACTION_SUBMIT, NULL), ==, MS_STATE_IN_REVIEW);
  g_assert_cmpint (store_act_ok (f->store, "rev", p->id, MS_ACTION_APPROVE, NULL), ==, MS_STATE_APPROVED);
  g_assert_true (store_publish (f->store, "pub", &error));
  g_assert_no_error (error);
  g_clear_pointer (&info, ms_sheet_info_free);
  info = ms_store_get_sheet_info (f->store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, MS_STATE_PUBLISHED);
  g_assert_cmpint (info->live_revision, ==, 1);

  /* A second export continues the chain of bundles. */
  set = ms_store_read_export (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (set->sequence, ==, 1);
  g_assert_cmpuint (set->items->len, ==, 1);
  g_assert_cmpstr (((MsExportItem *) g_ptr_array_index (set->items, 0))->published, ==, "2025-03-01");

  copy = ms_store_duplicate (f->store, "ed2", p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->code, ==, "COM-EC-0002-COPY");
  g_assert_true (ms_store_delete_draft (f->store, "ed2", copy->id, &error));
  g_assert_no_error (error);
  g_assert_false (ms_store_delete_draft (f->store, "ed", p->id, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_cmpint (store_act_ok (f->store, "pub", p->id, MS_ACTION_WITHDRAW, "obsolete"), ==, MS_STATE_WITHDRAWN);
  g_assert_true (ms_store_verify_audit (f->store, &n, &error));
  g_assert_no_error (error);
  entries = ms_store_audit (f->store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);   /* edit, submit, approve, publish, withdraw */
  g_assert_cmpstr (((MsAuditEntry *) g_ptr_array_index (entries, 2))->actor, ==, "rev");
  revisions = ms_store_revisions (f->store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  list = ms_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
}

/* Every write notifies the schema's channel, for the live refresh. */
static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  PGconn *listener = connect_as (f, "rev");
  g_autofree char *sha = NULL;
  g_autofree char *json = NULL;
  PGnotify *notify = NULL;

  assert_accepted (listener, "LISTEN masatir", 0, NULL);
  json = save_demo (f, &sha);
  /* Delivered at the commit, already past: reading the socket finds it. */
  for (int i = 0; i < 1000 && notify == NULL; i++)
    {
      g_assert_true (PQconsumeInput (listener));
      if (!(notify = PQnotifies (listener)))
        g_usleep (5000);
    }
  if (notify == NULL)
    g_error ("no notification on channel masatir after a save");
  g_assert_cmpstr (notify->relname, ==, "masatir");
  PQfreemem (notify);
}

/* Several clients at once: saves on one sheet conflict cleanly (no lost
 * update), the chain of audit entries never forks. */
typedef struct {
  const char *login;
  const char *own;       /* a demo sheet of its own */
  const char *shared_id; /* the sheet everyone edits */
  guint       stored;    /* revisions it stored */
  guint       conflicts;
} Writer;

static gpointer
writer_run (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsPgStore) store = ms_pg_store_open (store_fixture_pg (), &error);
  g_autoptr(MsProcedure) own = store_demo_sheet (w->own);

  g_assert_no_error (error);
  ms_pg_store_set_impersonate (store, TRUE);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(MsSheetInfo) before = NULL;
      g_autoptr(MsSheetInfo) after = NULL;
      g_autoptr(MsProcedure) shared = NULL;
      g_autofree char *title = g_strdup_printf ("%s %u", w->login, i);

      own->deadline_days = i + 1;
      after = ms_store_save (MS_STORE (store), w->login, own, i, &error);
      g_assert_no_error (error);
      g_assert_cmpint (after->revision, ==, i + 1);
      w->stored++;

      shared = ms_store_get_sheet (MS_STORE (store), w->shared_id, 0, &before, &error);
      g_assert_no_error (error);
      ms_localized_set (shared->title, MS_LANG_FR, title);
      g_clear_pointer (&after, ms_sheet_info_free);
      if ((after = ms_store_save (MS_STORE (store), w->login, shared, before->revision, &error)))
        {
          g_assert_cmpint (after->revision, ==, before->revision + 1);
          w->stored++;
        }
      else
        {
          g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
          g_assert_nonnull (strstr (error->message, "was changed by"));
          g_clear_error (&error);
          w->conflicts++;
        }
    }
  return NULL;
}

static void
test_concurrent_writers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MsProcedure) shared = store_demo_sheet ("biometric-passport");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "ed", shared, 0);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  Writer writers[] = {
    { "ed", "birth-certificate-extract", shared->id },
    { "ed2", "building-permit", shared->id },
    { "edrev", "certificate-of-life", shared->id },
  };
  GThread *threads[G_N_ELEMENTS (writers)];
  gint64 n_before = 0, n_after = 0;
  guint stored = 0, shared_stored = 0;

  g_assert_true (ms_store_verify_audit (f->store, &n_before, &error));
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    threads[i] = g_thread_new (writers[i].login, writer_run, &writers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_thread_join (threads[i]);
      stored += writers[i].stored;
      shared_stored += writers[i].stored - 12;
      g_test_message ("%s: %u stored, %u conflicts", writers[i].login, writers[i].stored, writers[i].conflicts);
    }

  /* One entry per revision stored, in one unbroken chain. */
  g_assert_true (ms_store_verify_audit (f->store, &n_after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_after, ==, n_before + stored);
  /* Every save the shared sheet accepted is a revision of it: none lost. */
  revisions = ms_store_revisions (f->store, shared->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1 + shared_stored);
}

/* A log longer than a page of the replay (1,000 entries) verifies, and a
 * broken link past the first page is found. */
static void
test_long_log (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  store_pg_exec ("SET SESSION AUTHORIZATION admin;"
                 " DO $$ BEGIN FOR i IN 1..1200 LOOP"
                 "   PERFORM masatir.change_user ('ed2', CASE WHEN i % 2 = 1 THEN 3 ELSE 1 END, NULL);"
                 " END LOOP; END $$");
  g_assert_true (ms_store_verify_audit (f->store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 8 + 1200);   /* admin, 6 users, a deactivation, 1,200 changes */
  store_tamper (NULL, "UPDATE audit SET comment = 'ed: admin' WHERE seq = 1111");
  g_assert_false (ms_store_verify_audit (f->store, &n, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "audit entry 1111 ("));
}

/* Opening refused cleanly: no server there, a schema newer than this
 * Masatir, a login that may not set the schema up. */
static void
test_open_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *as_ed = store_pg_conninfo_as ("ed");
  g_autoptr(GError) error = NULL;
  MsPgStore *store;

  store = ms_pg_store_open ("host=/nonexistent-masatir-socket-dir dbname=nothing connect_timeout=5", &error);
  g_assert_null (store);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN);
  g_clear_error (&error);

  store_pg_exec ("UPDATE masatir.schema_version SET version = 999");
  g_assert_null ((store = ms_pg_store_open (store_fixture_pg (), &error)));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  store_pg_exec ("SET client_min_messages = warning; DROP SCHEMA masatir CASCADE");
  g_assert_null ((store = ms_pg_store_open (as_ed, &error)));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "its owner opens it once first"));
}

/* A connection lost (the server ended it) fails the call that met the
 * loss, cleanly; the next call connects again. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MsProcedure) p = store_demo_sheet ("birth-certificate-extract");
  g_autoptr(MsSheetInfo) info = NULL;

  store_pg_exec ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                 " WHERE datname = current_database () AND pid != pg_backend_pid ()");
  list = ms_store_list (f->store, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN);
  g_clear_error (&error);
  list = ms_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  /* Writes too, as the store's actor of the moment. */
  info = store_save_ok (f->store, "ed", p, 0);
  g_assert_cmpstr (info->updated_by, ==, "ed");
}

/* ms_store_open_uri: a URI or a key=value string opens the server, a
 * path a SQLite file. */
static void
test_open_uri (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsStore) by_conninfo = ms_store_open_uri (store_fixture_pg (), FALSE, &error);
  g_autoptr(MsStore) by_uri = NULL;
  g_autoptr(MsStore) by_path = NULL;
  g_autofree char *dir = g_dir_make_tmp ("masatir-open-uri-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *dbname = NULL;
  g_auto(GStrv) words = g_strsplit (store_fixture_pg (), " ", -1);

  g_assert_no_error (error);
  g_assert_true (MS_IS_PG_STORE (by_conninfo));
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], "host="))
      host = g_uri_escape_string (words[i] + 5, NULL, FALSE);
    else if (g_str_has_prefix (words[i], "dbname="))
      dbname = g_strdup (words[i] + 7);
  uri = g_strdup_printf ("postgresql:///%s?host=%s&user=ed", dbname, host);
  by_uri = ms_store_open_uri (uri, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ms_pg_store_get_login (MS_PG_STORE (by_uri)), ==, "ed");

  by_path = ms_store_open_uri (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (MS_IS_SQLITE_STORE (by_path));
  g_clear_object (&by_path);
  test_remove_tree (dir);

  g_assert_true (ms_pg_store_is_conninfo ("postgres://db.example/catalog"));
  g_assert_true (ms_pg_store_is_conninfo ("host=/run/postgresql dbname=masatir"));
  g_assert_true (ms_pg_store_is_conninfo ("  service = masatir"));
  g_assert_false (ms_pg_store_is_conninfo ("catalog.db"));
  g_assert_false (ms_pg_store_is_conninfo ("/srv/a=b/catalog.db"));
  g_assert_false (ms_pg_store_is_conninfo ("./x=y.db"));
}

/* Search {{{1 */

/* A catalog of version 1 (no search terms) is indexed as its owner opens
 * it: migration 2 and the terms computed in C for every sheet. */
static void
test_search_migration (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "ed", p, 0);
  g_autoptr(MsPgStore) owner = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* Back to version 1, as a superuser. */
  store_pg_exec ("BEGIN;"
                 "DROP FUNCTION masatir.save_revision (text, text, bigint, integer, integer, text, text, text);"
                 "ALTER FUNCTION masatir.write_revision_v1 (text, text, bigint, integer, integer, text, text)"
                 "  RENAME TO save_revision;"
                 "DROP TABLE masatir.sheet_search;"
                 "DROP INDEX masatir.sheets_code_id;"
                 "UPDATE masatir.schema_version SET version = 1;"
                 "COMMIT");
  owner = ms_pg_store_open (store_fixture_pg (), &error);
  g_assert_no_error (error);
  found = ms_store_search (MS_STORE (owner), "certificat résidence", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((MsSheetInfo *) g_ptr_array_index (found, 0))->id, ==, info->id);
}

/* A save without search terms is refused by the database, not stored
 * unfindable. */
static void
test_search_terms_required (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *sha = NULL;
  g_autofree char *json = save_demo (f, &sha);
  PGconn *ed = connect_as (f, "ed");
  g_autoptr(MsProcedure) p = ms_procedure_new_from_data (json, -1, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *sha2 = NULL;
  gsize length;

  ms_localized_set (p->title, MS_LANG_FR, "Extrait zorglub");
  node = ms_procedure_to_json (p);
  json2 = ms_canonical_json (node, &length, NULL);
  sha2 = ms_sha256_hex (json2, length);
  {
    const char *values[] = { json2, sha2 };

    assert_refused (ed, "MS005", "SELECT masatir.save_revision ($1, $2, 1, 0, 0)", 2, values);
    assert_refused (ed, "MS005", "SELECT masatir.save_revision ($1, $2, 1, 0, 0, 'edit', NULL, '''unterminated')",
                    2, values);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (store_fixture_pg () == NULL)
    {
      g_printerr ("PostgreSQL tests NOT RUN: MASATIR_TEST_PG is not set (run under tests/pg-cluster.py)\n");
      return 77;
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg/rights/no-direct-writes", test_no_direct_writes);
  ADD ("/pg/rights/editor-cannot-approve-or-publish", test_editor_cannot_approve_or_publish);
  ADD ("/pg/rights/history-append-only", test_history_append_only);
  ADD ("/pg/rights/four-eyes", test_four_eyes);
  ADD ("/pg/rights/stale-base", test_stale_base);
  ADD ("/pg/rights/revoked-role", test_revoked_role);
  ADD ("/pg/rights/identity", test_identity);
  ADD ("/pg/audit/hash-agreement", test_hash_agreement);
  ADD ("/pg/store/cycle-verifies", test_cycle_verifies);
  ADD ("/pg/store/notify", test_notify);
  ADD ("/pg/store/concurrent-writers", test_concurrent_writers);
  ADD ("/pg/store/open-uri", test_open_uri);
  ADD ("/pg/store/open-errors", test_open_errors);
  ADD ("/pg/store/reconnect", test_reconnect);
  ADD ("/pg/audit/long-log", test_long_log);
  ADD ("/pg/search/indexed-on-migration", test_search_migration);
  ADD ("/pg/search/terms-required", test_search_terms_required);
#undef ADD
  return g_test_run ();
}
