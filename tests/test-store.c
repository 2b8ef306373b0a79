/* test-store.c — the SQLite catalog: workflow applied, optimistic locking,
 * audit chain, search, and the catalogs it must refuse without touching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "audit-forge.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-migrations.h"
#include "ms-sqlite-store.h"
#include "ms-store-error.h"
#include "store-fixture.h"

typedef StoreFixture Fixture;

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { "omar", MS_ROLE_EDITOR | MS_ROLE_REVIEWER },
  { "youssef", MS_ROLE_REVIEWER },
  { "salma", MS_ROLE_REVIEWER | MS_ROLE_EDITOR },
  { NULL }
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  store_fixture_set_up (f, "masatir-store-XXXXXX", users);
}

static void
act_ok (MsStore    *store,
        const char *actor,
        const char *id,
        MsAction    action,
        const char *comment,
        MsState     expected)
{
  g_assert_cmpint (store_act_ok (store, actor, id, action, comment), ==, expected);
}

/* What a refusal must leave: sheet @id and the log as they were. */
typedef struct {
  MsSheetInfo *info;
  GPtrArray   *audit;
} Before;

static Before
before_refusal (MsStore    *store,
                const char *id)
{
  return (Before) { ms_store_get_sheet_info (store, id, NULL), ms_store_audit (store, NULL, NULL) };
}

/* @error says @fragment, and nothing changed, not even the log. */
static void
assert_nothing_changed (MsStore    *store,
                        const char *id,
                        Before      before,
                        GError     *error,
                        const char *fragment)
{
  g_autoptr(MsSheetInfo) after = ms_store_get_sheet_info (store, id, NULL);
  g_autoptr(GPtrArray) audit_after = ms_store_audit (store, NULL, NULL);

  g_assert_nonnull (error);
  if (!strstr (error->message, fragment))
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  g_assert_cmpint (before.info->state, ==, after->state);
  g_assert_cmpstr (before.info->updated, ==, after->updated);
  g_assert_cmpuint (before.audit->len, ==, audit_after->len);
  ms_sheet_info_free (before.info);
  g_ptr_array_unref (before.audit);
}

static void
act_denied (MsStore    *store,
            const char *actor,
            const char *id,
            MsAction    action,
            const char *comment,
            const char *fragment)
{
  g_autoptr(GError) error = NULL;
  Before before = before_refusal (store, id);

  g_assert_null (ms_store_transition (store, actor, id, action, comment, &error));
  assert_nothing_changed (store, id, before, error, fragment);
}

static void
publish_ok (MsStore    *store,
            const char *actor,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = NULL;

  g_assert_true (store_publish (store, actor, &error));
  g_assert_no_error (error);
  info = ms_store_get_sheet_info (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, MS_STATE_PUBLISHED);
}

static void
publish_denied (MsStore    *store,
                const char *actor,
                const char *id,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  Before before = before_refusal (store, id);

  g_assert_false (store_publish (store, actor, &error));
  assert_nothing_changed (store, id, before, error, fragment);
}

/* The residence certificate without its Arabic title (an error), saved
 * by amina as a new sheet. */
static MsProcedure *
save_with_errors (MsStore *store)
{
  MsProcedure *p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = NULL;

  ms_localized_set (p->title, MS_LANG_AR, NULL);   /* title-ar: an error */
  info = store_save_ok (store, "amina", p, 0);
  g_assert_cmpuint (info->n_errors, >, 0);
  return p;
}

/* Workflow {{{1 */

static void
test_full_cycle (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) created = store_save_ok (f->store, "amina", p, 0);
  g_autoptr(MsSheetInfo) edited = NULL;
  g_autoptr(MsProcedure) live = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (created->state, ==, MS_STATE_DRAFT);
  g_assert_cmpint (created->revision, ==, 1);
  g_assert_cmpuint (created->n_errors, ==, 0);

  act_denied (f->store, "youssef", p->id, MS_ACTION_SUBMIT, NULL, "editor role");
  act_denied (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, "not possible");
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_denied (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, "not possible");
  act_denied (f->store, "youssef", p->id, MS_ACTION_REQUEST_CHANGES, NULL, "comment is required");
  act_ok (f->store, "youssef", p->id, MS_ACTION_REQUEST_CHANGES, "Add the appeal text", MS_STATE_CHANGES_REQUESTED);
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  publish_denied (f->store, "youssef", p->id, "publisher role");
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  act_denied (f->store, "admin", p->id, MS_ACTION_WITHDRAW, "x", "not possible");
  publish_ok (f->store, "admin", p->id);
  act_denied (f->store, "admin", p->id, MS_ACTION_WITHDRAW, NULL, "reason is required");

  /* Editing a published sheet opens a new draft; the published one stays live. */
  p->deadline_days = 1;
  edited = store_save_ok (f->store, "amina", p, 1);
  g_assert_cmpint (edited->state, ==, MS_STATE_DRAFT);
  g_assert_cmpint (edited->revision, ==, 2);
  g_assert_cmpint (edited->live_revision, ==, 1);
  live = ms_store_get_sheet (f->store, p->id, edited->live_revision, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (live->deadline_days, ==, 0);

  /* Withdrawing the live revision leaves the draft over it a draft. */
  act_ok (f->store, "admin", p->id, MS_ACTION_WITHDRAW, "Repealed by decree", MS_STATE_DRAFT);
  g_clear_pointer (&edited, ms_sheet_info_free);
  edited = ms_store_get_sheet_info (f->store, p->id, &error);
  g_assert_cmpint (edited->live_revision, ==, 0);

  audit = ms_store_audit (f->store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 8);
  g_assert_cmpstr (((MsAuditEntry *) g_ptr_array_index (audit, 2))->comment, ==, "Add the appeal text");
  g_assert_cmpstr (((MsAuditEntry *) g_ptr_array_index (audit, 4))->sha256, ==, created->sha256);
  g_assert_cmpstr (((MsAuditEntry *) g_ptr_array_index (audit, 7))->action, ==, "withdraw");
  g_assert_cmpint (((MsAuditEntry *) g_ptr_array_index (audit, 7))->revision, ==, 1);
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_edit_returns_to_draft (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "amina", p, 0);
  g_autoptr(MsSheetInfo) again = NULL;

  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  p->deadline_days = 2;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "amina", p, 1);
  g_assert_cmpint (info->state, ==, MS_STATE_DRAFT);

  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  p->deadline_days = 3;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "salma", p, 2);
  g_assert_cmpint (info->state, ==, MS_STATE_DRAFT);
  g_assert_cmpint (info->revision, ==, 3);

  /* Saving the same content is not a new revision and changes no state. */
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  again = store_save_ok (f->store, "amina", p, 3);
  g_assert_cmpint (again->revision, ==, 3);
  g_assert_cmpint (again->state, ==, MS_STATE_IN_REVIEW);
}

static void
test_four_eyes (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "amina", p, 0);

  /* omar and salma each saved a revision; amina submits. */
  p->deadline_days = 5;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "omar", p, 1);
  p->deadline_days = 6;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "salma", p, 2);
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);

  act_denied (f->store, "omar", p->id, MS_ACTION_APPROVE, NULL, "four-eyes");
  act_denied (f->store, "salma", p->id, MS_ACTION_APPROVE, NULL, "four-eyes");
  act_denied (f->store, "amina", p->id, MS_ACTION_APPROVE, NULL, "reviewer role");
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  publish_ok (f->store, "admin", p->id);

  /* After publication only the new revisions count: omar may now review
   * salma's edit, but not one he submitted himself. */
  p->deadline_days = 7;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "salma", p, 3);
  act_ok (f->store, "omar", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_denied (f->store, "omar", p->id, MS_ACTION_APPROVE, NULL, "submitted");
  act_denied (f->store, "salma", p->id, MS_ACTION_APPROVE, NULL, "four-eyes");
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
}

static void
test_validation_errors (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MsProcedure) p = save_with_errors (f->store);

  act_denied (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, "validation errors");
}

static void
test_unknown_user (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(GError) error = NULL;
  MsUser user = { (char *) "eve", (char *) "Eve", MS_ROLE_ALL };

  g_assert_null (ms_store_save (f->store, "mallory", p, 0, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "mallory"));
  g_clear_error (&error);
  g_assert_false (ms_store_add_user (f->store, "amina", &user, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (ms_store_add_user (f->store, "admin", &(MsUser) { (char *) "amina", NULL, 1 }, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
}

static void
test_optimistic_lock (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsProcedure) theirs = NULL;
  g_autoptr(MsProcedure) stored = NULL;
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "amina", p, 0);
  g_autoptr(MsSheetInfo) second = NULL;
  g_autoptr(GError) error = NULL;

  /* Both start from revision 1; omar saves first. */
  theirs = ms_procedure_copy (p);
  theirs->deadline_days = 10;
  second = store_save_ok (f->store, "omar", theirs, 1);
  g_assert_cmpint (second->revision, ==, 2);

  p->deadline_days = 20;
  g_assert_null (ms_store_save (f->store, "amina", p, 1, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "changed by omar at "));
  g_assert_nonnull (strstr (error->message, second->updated));

  /* Nothing was overwritten. */
  stored = ms_store_get_sheet (f->store, p->id, 0, NULL, NULL);
  g_assert_cmpint (stored->deadline_days, ==, 10);
  g_clear_error (&error);
  g_assert_null (ms_store_save (f->store, "amina", p, 7, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
}

/* Audit {{{1 */

static void
assert_audit_broken (Fixture    *f,
                     const char *fragment)
{
  g_autoptr(MsStore) store = store_fixture_open_again (f);
  g_autoptr(GError) error = NULL;

  g_assert_false (ms_store_verify_audit (store, NULL, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT);
  if (!strstr (error->message, fragment))
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

static void
fill_log (Fixture *f)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsProcedure) q = store_demo_sheet ("building-permit");
  g_autoptr(MsSheetInfo) a = store_save_ok (f->store, "amina", p, 0);
  g_autoptr(MsSheetInfo) b = store_save_ok (f->store, "amina", q, 0);
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  g_assert_true (ms_store_verify_audit (f->store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 9);   /* 5 users, 2 saves, 2 transitions */
  g_clear_object (&f->store);
}

static void
test_audit_edited (Fixture       *f,
                   gconstpointer  data)
{
  fill_log (f);
  /* The application refuses; someone with the sqlite3 shell does not. */
  store_tamper (f->path, "DROP TRIGGER audit_no_update;"
                   "UPDATE audit SET actor = 'omar' WHERE seq = 8;");
  assert_audit_broken (f, "audit entry 8 (");
}

static void
test_audit_rehashed (Fixture       *f,
                     gconstpointer  data)
{
  fill_log (f);
  /* Even with its own hash recomputed, the next link no longer holds. */
  store_tamper (f->path, "DROP TRIGGER audit_no_update;"
                   "UPDATE audit SET comment = 'x', hash = '" "aaaa" "' WHERE seq = 7;");
  assert_audit_broken (f, "audit entry 7 (");
}

static void
test_audit_deleted (Fixture       *f,
                    gconstpointer  data)
{
  fill_log (f);
  store_tamper (f->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 6;");
  assert_audit_broken (f, "audit entry 6 is missing");
}

static void
test_audit_tail_deleted (Fixture       *f,
                         gconstpointer  data)
{
  fill_log (f);
  store_tamper (f->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 8;");
  assert_audit_broken (f, "the last entries were deleted");
}

static void
test_audit_append_only (Fixture       *f,
                        gconstpointer  data)
{
  sqlite3 *db = NULL;

  fill_log (f);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'x'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
}

/* Approvals the chain does not show {{{1 */

/* The export and audit verify both refuse, naming sheet @id, and the
 * refused export changed nothing. */
static void
assert_unapproved (Fixture    *f,
                   const char *id,
                   const char *fragment)
{
  publish_denied (f->store, "admin", id, id);
  publish_denied (f->store, "admin", id, fragment);
  assert_audit_broken (f, id);
  assert_audit_broken (f, fragment);
}

/* @p (a sheet with an id) stored in the catalog as revision @number of
 * content @sha256 (the hash of the JSON written), by SQL only. */
static char *
forge_revision (Fixture     *f,
                MsProcedure *p,
                gint64       number)
{
  g_autoptr(JsonNode) node = ms_procedure_to_json (p);
  g_autofree char *json = ms_canonical_json (node, NULL, NULL);
  char *sha = ms_sha256_hex (json, strlen (json));
  char *sql = sqlite3_mprintf ("UPDATE revisions SET json = %Q, sha256 = %Q"
                               " WHERE sheet = (SELECT num FROM sheets WHERE id = %Q) AND number = %lld",
                               json, sha, p->id, (long long) number);

  store_tamper (f->path, sql);
  sqlite3_free (sql);
  return sha;
}

/* (1) A revision's JSON, its sha256 and the sheet's approved hash changed
 * together: the approval in the chain is of other content. The same for a
 * live published revision, which every bundle carries again. */
static void
test_forged_content (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsProcedure) q = store_demo_sheet ("building-permit");
  g_autoptr(MsSheetInfo) a = store_save_ok (f->store, "amina", p, 0);
  g_autoptr(MsSheetInfo) b = store_save_ok (f->store, "amina", q, 0);
  g_autofree char *sha = NULL;
  g_autofree char *sql = NULL;

  act_ok (f->store, "amina", q->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", q->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  publish_ok (f->store, "admin", q->id);
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);

  p->deadline_days = 99;
  sha = forge_revision (f, p, 1);
  sql = g_strdup_printf ("UPDATE sheets SET approved_sha = '%s' WHERE id = '%s'", sha, p->id);
  store_tamper (f->path, sql);
  assert_unapproved (f, p->id, "is approved, but the audit log does not show its revision 1");

  /* Put back, the approved sheet exports; then the live one is forged. */
  g_clear_pointer (&sha, g_free);
  p->deadline_days = 0;
  g_assert_cmpstr ((sha = forge_revision (f, p, 1)), ==, a->sha256);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE sheets SET approved_sha = '%s' WHERE id = '%s'", sha, p->id);
  store_tamper (f->path, sql);
  g_assert_true (ms_store_verify_audit (f->store, NULL, NULL));
  q->deadline_days = 99;
  g_clear_pointer (&sha, g_free);
  sha = forge_revision (f, q, 1);
  assert_unapproved (f, q->id, "has revision 1 published, but the audit log does not show it");
}

/* (2) A draft with validation errors, never submitted, set to approved. */
static void
test_forged_state (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MsProcedure) p = save_with_errors (f->store);

  store_tamper (f->path, "UPDATE sheets SET state = 'approved', submitted_by = 'amina', approved_by = 'youssef',"
                   " approved_sha = (SELECT sha256 FROM revisions WHERE sheet = sheets.num AND number = head)");
  assert_unapproved (f, p->id, "is approved, but the audit log does not show");
}

/* (3) An approval entry appended to the log, chained as the store chains
 * them, by someone the rules would have refused. */
typedef struct {
  const char *editor;     /* saves the sheet */
  const char *submitter;
  const char *approver;   /* forged */
  const char *refusal;
} ForgedApproval;

static const ForgedApproval forged_approvals[] = {
  { "amina", "amina", "amina", "does not have the reviewer role" },
  { "amina", "omar", "omar", "submitted this revision" },
  { "salma", "amina", "salma", "edited this revision" },
};

static void
test_forged_approval (Fixture       *f,
                      gconstpointer  data)
{
  const ForgedApproval *c = data;
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, c->editor, p, 0);
  g_autofree char *sql = NULL;
  MsAuditEntry e = {
    .time = (char *) "2025-03-01T10:00:00Z", .actor = (char *) c->approver, .action = (char *) "approve",
    .sheet_id = p->id, .revision = 1, .sha256 = info->sha256,
    .from_state = (char *) "in_review", .to_state = (char *) "approved",
  };
  sqlite3 *db = NULL;

  act_ok (f->store, c->submitter, p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  forge_audit_append (db, &e);
  sqlite3_close (db);
  sql = g_strdup_printf ("UPDATE sheets SET state = 'approved', approved_by = '%s', approved_sha = '%s'",
                         c->approver, info->sha256);
  store_tamper (f->path, sql);

  /* The chain holds: what it says is refused. */
  assert_unapproved (f, p->id, c->refusal);
}

/* (4) A broken chain stops the export with audit verify's own words. */
static void
test_broken_chain_export (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "amina", p, 0);
  g_autoptr(GError) verify_error = NULL;
  g_autoptr(GError) error = NULL;
  Before before;

  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  store_tamper (f->path, "DROP TRIGGER audit_no_update; UPDATE audit SET comment = 'x' WHERE seq = 3;");
  g_assert_false (ms_store_verify_audit (f->store, NULL, &verify_error));
  g_assert_error (verify_error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT);
  before = before_refusal (f->store, p->id);
  g_assert_false (store_publish (f->store, "admin", &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT);
  assert_nothing_changed (f->store, p->id, before, error, verify_error->message);
  g_assert_cmpstr (error->message, ==, verify_error->message);
}

/* Every path of the workflow leaves a catalog that exports and verifies. */
static void
assert_exports (Fixture    *f,
                guint       n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsExportSet) set = ms_store_read_export (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (set->items->len, ==, n_items);
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_approved_flows_export (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsProcedure) q = store_demo_sheet ("building-permit");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "amina", p, 0);

  /* Changes requested, edited, submitted again, approved, published. */
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", p->id, MS_ACTION_REQUEST_CHANGES, "Shorter", MS_STATE_CHANGES_REQUESTED);
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", p->id, MS_ACTION_REQUEST_CHANGES, "Shorter still", MS_STATE_CHANGES_REQUESTED);
  p->deadline_days = 3;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "amina", p, 1);
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  assert_exports (f, 1);
  publish_ok (f->store, "admin", p->id);
  assert_exports (f, 1);

  /* Edited after publication by salma, approved by omar, who now may. */
  p->deadline_days = 4;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "salma", p, 2);
  assert_exports (f, 1);
  act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "omar", p->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  publish_ok (f->store, "admin", p->id);

  /* Another sheet published, then withdrawn with a draft over it. */
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "omar", q, 0);
  act_ok (f->store, "amina", q->id, MS_ACTION_SUBMIT, NULL, MS_STATE_IN_REVIEW);
  act_ok (f->store, "youssef", q->id, MS_ACTION_APPROVE, NULL, MS_STATE_APPROVED);
  publish_ok (f->store, "admin", q->id);
  assert_exports (f, 2);
  q->deadline_days = 8;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "omar", q, 1);
  act_ok (f->store, "admin", q->id, MS_ACTION_WITHDRAW, "Repealed", MS_STATE_DRAFT);
  assert_exports (f, 1);
  act_ok (f->store, "admin", p->id, MS_ACTION_WITHDRAW, "Repealed", MS_STATE_WITHDRAWN);
  assert_exports (f, 0);
  g_assert_true (store_publish (f->store, "admin", NULL));
  assert_exports (f, 0);
}

/* Search {{{1 */

static void
import_demo (Fixture *f)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MASATIR_DATADIR"), "demo", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_ptr_array_add (sheets, ms_procedure_new_from_file (path, &error));
      g_assert_no_error (error);
    }
  items = ms_store_import (f->store, "amina", sheets, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, sheets->len);
}

static gboolean
finds (MsStore             *store,
       const char          *query,
       const MsStoreFilter *filter,
       const char          *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = ms_store_search (store, query, filter, 50, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (((MsSheetInfo *) g_ptr_array_index (found, i))->code, code) == 0)
      return TRUE;
  return FALSE;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  MsStoreFilter filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  import_demo (f);
  /* Arabic spelling variants: taa marbuta, alef maqsura, hamza, tashkeel. */
  g_assert_true (finds (f->store, "شهادة السكنى", NULL, "MI-DGSN-0001"));
  g_assert_true (finds (f->store, "شهاده السكني", NULL, "MI-DGSN-0001"));
  g_assert_true (finds (f->store, "شَهَادَةُ السُّكْنَى", NULL, "MI-DGSN-0001"));
  g_assert_true (finds (f->store, "جواز السفر", NULL, "MI-DGAT-0004"));
  /* French accents and case, prefixes. */
  g_assert_true (finds (f->store, "résidence", NULL, "MI-DGSN-0001"));
  g_assert_true (finds (f->store, "RESIDENCE", NULL, "MI-DGSN-0001"));
  g_assert_true (finds (f->store, "certif resid", NULL, "MI-DGSN-0001"));
  g_assert_true (finds (f->store, "passeport biometrique", NULL, "MI-DGAT-0004"));
  /* By administration name, in both languages. */
  g_assert_true (finds (f->store, "Sûreté nationale", NULL, "MI-DGSN-0001"));
  g_assert_false (finds (f->store, "zzzzqqq", NULL, "MI-DGSN-0001"));
  /* Query syntax is never interpreted. */
  g_assert_false (finds (f->store, "\" OR title:* NEAR(", NULL, "MI-DGSN-0001"));
  g_assert_false (finds (f->store, "'; DROP TABLE sheets; --", NULL, "MI-DGSN-0001"));

  /* The title match ranks first. */
  ranked = ms_store_search (f->store, "certificat de résidence", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranked->len, >, 0);
  g_assert_cmpstr (((MsSheetInfo *) g_ptr_array_index (ranked, 0))->code, ==, "MI-DGSN-0001");

  /* Filters. */
  filter.state = MS_STATE_APPROVED;
  g_assert_false (finds (f->store, "résidence", &filter, "MI-DGSN-0001"));
  filter.state = MS_STATE_DRAFT;
  g_assert_true (finds (f->store, "résidence", &filter, "MI-DGSN-0001"));
  filter.administration = "justice";
  g_assert_false (finds (f->store, "résidence", &filter, "MI-DGSN-0001"));
  filter.administration = NULL;
  filter.audience = "business";
  g_assert_false (finds (f->store, "résidence", &filter, "MI-DGSN-0001"));
  filter.audience = "citizen";
  g_assert_true (finds (f->store, "résidence", &filter, "MI-DGSN-0001"));
  filter.has_errors = 1;
  g_assert_false (finds (f->store, "résidence", &filter, "MI-DGSN-0001"));
  filter.has_errors = 0;
  filter.theme = "no-such-theme";
  g_assert_false (finds (f->store, "résidence", &filter, "MI-DGSN-0001"));

  all = ms_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, 29);
}

/* Opening {{{1 */

static void
assert_refused (const char *path,
                int         code)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSqliteStore) store = NULL;
  gsize before_len, after_len;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = ms_sqlite_store_open (path, 0, &error);
  g_assert_null (store);
  g_assert_error (error, MS_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_clear_object (&f->store);
  store_tamper (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;");
  assert_refused (f->path, MS_STORE_ERROR_TOO_NEW);
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  char noise[8192];
  gsize length;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (garbage, noise, sizeof noise, NULL));
  assert_refused (garbage, MS_STORE_ERROR_CORRUPT);

  /* A truncated catalog. */
  import_demo (f);
  g_clear_object (&f->store);
  store_tamper (f->path, "PRAGMA journal_mode = DELETE;");
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, length / 2, NULL));
  assert_refused (f->path, MS_STORE_ERROR_CORRUPT);

  /* Some other program's database. */
  store_tamper (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused (other, MS_STORE_ERROR_OPEN);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 start;

  g_setenv ("MASATIR_BUSY_TIMEOUT", "200", TRUE);
  g_clear_object (&f->store);
  f->store = MS_STORE (ms_sqlite_store_open (f->path, 0, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_null (ms_store_save (f->store, "amina", p, 0, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  list = ms_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_unsetenv ("MASATIR_BUSY_TIMEOUT");
}

static gint64
sql_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* An audit entry of the schema 2 catalog below; @sha is n for the hash
 * printf ('%064d', n) the revisions have there. */
static void
upgrade_log (sqlite3    *db,
             const char *actor,
             const char *action,
             const char *sheet,
             gint64      revision,
             int         sha,
             const char *comment)
{
  g_autofree char *hash = sha > 0 ? g_strdup_printf ("%064d", sha) : NULL;
  MsAuditEntry e = {
    .time = (char *) "2025-01-01T00:00:00Z", .actor = (char *) actor, .action = (char *) action,
    .sheet_id = (char *) sheet, .revision = revision, .sha256 = hash, .comment = (char *) comment,
  };

  forge_audit_append (db, &e);
}

/* The catalog, its -wal and its -shm are readable by their owner only,
 * whatever the umask: it holds drafts, users and the audit log. */
static void
test_private_files (void)
{
  static const mode_t umasks[] = { 0, 022, 0277 };

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("masatir-store-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
      g_autoptr(MsStore) store = NULL;
      mode_t saved = umask (umasks[i]);
      const char *suffixes[] = { "", "-wal", "-shm" };

      store = MS_STORE (ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, &error));
      umask (saved);
      g_assert_no_error (error);
      /* A write, so that the -wal and -shm files exist while it is open. */
      store_add_user (store, "root", "admin", MS_ROLE_ADMIN);
      for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[j], NULL);
          GStatBuf st;

          g_assert_cmpint (g_stat (file, &st), ==, 0);
          g_test_message ("umask %03o: %s is %03o", (unsigned) umasks[i], file, (unsigned) (st.st_mode & 0777));
          g_assert_cmpint (st.st_mode & 0777, ==, 0600);
        }
      g_clear_object (&store);
      test_remove_tree (dir);
    }
}

/* A catalog of schema 2 (the publication date in the revision row) opens
 * with its dates and revisions kept, the date in its own table and the
 * JSON the last column of a revision. */
static void
test_upgrade_from_2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("masatir-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(MsExportSet) set = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  const MsExportItem *published, *approved;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN; PRAGMA application_id = 1297306706;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (ms_migrations_apply (db, 0, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO settings (key, value) VALUES ('issuer', 'ma.test');"
    "INSERT INTO users VALUES ('admin', 'Admin', 15, '2025-01-01T00:00:00Z');"
    "INSERT INTO sheets (num, id, state, head, live, last_published, updated, updated_by) VALUES"
    " (1, 'published-sheet', 'published', 2, 2, 2, '2025-02-15T09:00:00Z', 'admin'),"
    " (2, 'approved-sheet', 'approved', 1, NULL, 0, '2025-02-16T09:00:00Z', 'admin');"
    "INSERT INTO revisions (sheet, number, json, sha256, author, created, published) VALUES"
    " (1, 1, '{\"r\":1}', printf ('%064d', 11), 'admin', '2025-01-02T00:00:00Z', '2025-01-10'),"
    " (1, 2, '{\"r\":2}', printf ('%064d', 12), 'admin', '2025-02-01T00:00:00Z', '2025-02-15'),"
    " (2, 1, '{\"r\":3}', printf ('%064d', 21), 'admin', '2025-02-02T00:00:00Z', NULL);"
    "INSERT INTO users VALUES ('rev', 'Rev', 2, '2025-01-01T00:00:00Z');", NULL, NULL, NULL), ==, SQLITE_OK);
  /* The log that led there: an export checks it. */
  upgrade_log (db, "admin", "user-add", NULL, 0, 0, "admin: editor,reviewer,publisher,admin");
  upgrade_log (db, "admin", "user-add", NULL, 0, 0, "rev: reviewer");
  for (gint64 r = 1; r <= 2; r++)
    {
      upgrade_log (db, "admin", "edit", "published-sheet", r, 10 + r, NULL);
      upgrade_log (db, "admin", "submit", "published-sheet", r, 10 + r, NULL);
      upgrade_log (db, "rev", "approve", "published-sheet", r, 10 + r, NULL);
      upgrade_log (db, "admin", "publish", "published-sheet", r, 10 + r, NULL);
    }
  upgrade_log (db, "admin", "import", "approved-sheet", 1, 21, NULL);
  upgrade_log (db, "admin", "submit", "approved-sheet", 1, 21, NULL);
  upgrade_log (db, "rev", "approve", "approved-sheet", 1, 21, NULL);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 2; COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ms_sqlite_store_open (path, 0, &error);
  g_assert_no_error (error);
  set = ms_store_read_export (MS_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (set->items->len, ==, 2);
  approved = g_ptr_array_index (set->items, 0);
  published = g_ptr_array_index (set->items, 1);
  g_assert_cmpstr (published->id, ==, "published-sheet");
  g_assert_cmpint (published->revision, ==, 2);
  g_assert_cmpstr (published->published, ==, "2025-02-15");
  g_assert_cmpmem (g_bytes_get_data (published->json, NULL), g_bytes_get_size (published->json), "{\"r\":2}", 7);
  g_assert_cmpstr (approved->id, ==, "approved-sheet");
  g_assert_null (approved->published);
  revisions = ms_store_revisions (MS_STORE (store), "published-sheet", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((MsRevisionInfo *) g_ptr_array_index (revisions, 0))->created, ==, "2025-01-02T00:00:00Z");
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sql_int (db, "PRAGMA user_version"), ==, ms_migrations_latest ());
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM publications WHERE (sheet, number, published) IN"
                                " (VALUES (1, 1, '2025-01-10'), (1, 2, '2025-02-15'))"), ==, 2);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM publications"), ==, 2);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pragma_table_info ('revisions') WHERE name = 'published'"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT max (cid) = (SELECT cid FROM pragma_table_info ('revisions') WHERE name = 'json')"
                                " FROM pragma_table_info ('revisions')"), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);
  sqlite3_close (db);
  test_remove_tree (dir);
}

static void
test_open_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("masatir-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(MsSqliteStore) twice = NULL;
  g_autoptr(MsUser) first = NULL;
  MsUser editor = { (char *) "amina", NULL, MS_ROLE_EDITOR };

  g_assert_null (ms_sqlite_store_open (path, 0, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  store = ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, &error);
  g_assert_no_error (error);
  /* The first user must be able to add the others. */
  g_assert_false (ms_store_add_user (MS_STORE (store), "x", &editor, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_null (ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN);
  g_clear_error (&error);

  g_assert_true (ms_sqlite_store_set_issuer (store, "ma-interior", &error));
  g_clear_object (&store);
  twice = ms_sqlite_store_open (path, 0, &error);
  g_assert_no_error (error);
  {
    g_autofree char *issuer = ms_store_get_setting (MS_STORE (twice), "issuer", &error);

    g_assert_cmpstr (issuer, ==, "ma-interior");
  }
  g_clear_object (&twice);
  test_remove_tree (dir);
}

static void
skip_sqlite_only (Fixture       *f,
                  gconstpointer  data)
{
  g_test_skip ("checks the SQLite file itself");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, store_fixture_tear_down)
  /* The file's own guards and forging with the
   * sqlite3 library: skipped on PostgreSQL (test-pg-rights has its own). */
#define ADD_SQLITE(path, func) ADD (path, store_fixture_pg () != NULL ? skip_sqlite_only : func)
  ADD ("/store/workflow/full-cycle", test_full_cycle);
  ADD ("/store/workflow/edit-returns-to-draft", test_edit_returns_to_draft);
  ADD ("/store/workflow/four-eyes", test_four_eyes);
  ADD ("/store/workflow/validation-errors", test_validation_errors);
  ADD ("/store/workflow/unknown-user", test_unknown_user);
  ADD ("/store/optimistic-lock", test_optimistic_lock);
  ADD ("/store/audit/edited", test_audit_edited);
  ADD ("/store/audit/rehashed", test_audit_rehashed);
  ADD ("/store/audit/deleted", test_audit_deleted);
  ADD ("/store/audit/tail-deleted", test_audit_tail_deleted);
  ADD_SQLITE ("/store/audit/append-only", test_audit_append_only);
  ADD ("/store/approval/forged-content", test_forged_content);
  ADD ("/store/approval/forged-state", test_forged_state);
  ADD ("/store/approval/broken-chain", test_broken_chain_export);
  ADD ("/store/approval/flows-export", test_approved_flows_export);
  ADD ("/store/search", test_search);
  ADD_SQLITE ("/store/open/too-new", test_too_new);
  ADD_SQLITE ("/store/open/corrupt", test_corrupt);
  ADD_SQLITE ("/store/open/locked", test_locked);
#undef ADD_SQLITE
#undef ADD
#define FORGED (store_fixture_pg () != NULL ? skip_sqlite_only : test_forged_approval)
  g_test_add ("/store/approval/forged/by-editor", Fixture, &forged_approvals[0], fixture_set_up,
              FORGED, store_fixture_tear_down);
  g_test_add ("/store/approval/forged/by-submitter", Fixture, &forged_approvals[1], fixture_set_up,
              FORGED, store_fixture_tear_down);
  g_test_add ("/store/approval/forged/by-co-editor", Fixture, &forged_approvals[2], fixture_set_up,
              FORGED, store_fixture_tear_down);
#undef FORGED
  g_test_add_func ("/store/open/errors", test_open_errors);
  g_test_add_func ("/store/open/private-files", test_private_files);
  g_test_add_func ("/store/open/upgrade-from-2", test_upgrade_from_2);

  return g_test_run ();
}
