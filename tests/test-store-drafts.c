/* test-store-drafts.c — new, duplicate and delete: the store calls behind
 * the window's New Procedure, Duplicate and Delete Draft and masatir-cli's
 * new, duplicate and delete (issue 10 item 1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-draft.h"
#include "ms-sqlite-store.h"
#include "ms-store-error.h"
#include "store-fixture.h"

typedef StoreFixture Fixture;

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { "omar", MS_ROLE_EDITOR },
  { "youssef", MS_ROLE_REVIEWER },
  { NULL }
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  store_fixture_set_up (f, "masatir-drafts-XXXXXX", users);
}

/* Helpers {{{1 */

static void
publish_ok (MsStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store_publish (store, "admin", &error));
  g_assert_no_error (error);
}

static char *
duplicate_ok (MsStore    *store,
              const char *actor,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = ms_store_duplicate (store, actor, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, MS_STATE_DRAFT);
  g_assert_cmpint (info->revision, ==, 1);
  return g_strdup (info->id);
}

static MsProcedure *
get_ok (MsStore    *store,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  MsProcedure *p = ms_store_get_sheet (store, id, 0, NULL, &error);

  g_assert_no_error (error);
  return p;
}

static guint
count_sheets (MsStore *store)
{
  g_autoptr(GPtrArray) infos = ms_store_list (store, NULL, NULL);

  return infos->len;
}

static gboolean
infos_contain (GPtrArray  *infos,
               const char *id)
{
  for (guint i = 0; i < infos->len; i++)
    if (strcmp (((MsSheetInfo *) g_ptr_array_index (infos, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static MsAuditEntry *
last_entry (GPtrArray *audit)
{
  g_assert_cmpuint (audit->len, >, 0);
  return g_ptr_array_index (audit, audit->len - 1);
}

/* The catalog holds @n_sheets sheets and its audit log is intact. */
static void
assert_catalog (MsStore *store,
                guint    n_sheets)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (count_sheets (store), ==, n_sheets);
  g_assert_true (ms_store_verify_audit (store, NULL, &error));
  g_assert_no_error (error);
}

/* The residence certificate, saved by amina as a new sheet. */
static MsProcedure *
saved_residence (MsStore *store)
{
  MsProcedure *p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = store_save_ok (store, "amina", p, 0);

  return p;
}

/* Deleting @id is refused for @actor, saying @fragment, with nothing
 * changed: not the sheet, not the log; the dry run says the same. */
static void
delete_denied (MsStore    *store,
               const char *actor,
               const char *id,
               const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(MsSheetInfo) before = ms_store_get_sheet_info (store, id, NULL);
  g_autoptr(GPtrArray) audit_before = ms_store_audit (store, NULL, NULL);
  g_autoptr(MsSheetInfo) after = NULL;
  g_autoptr(GPtrArray) audit_after = NULL;

  g_assert_nonnull (before);
  g_assert_false (ms_store_check_delete (store, actor, id, &check_error));
  g_assert_false (ms_store_delete_draft (store, actor, id, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  if (!strstr (error->message, fragment))
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  g_assert_cmpstr (check_error->message, ==, error->message);

  after = ms_store_get_sheet_info (store, id, NULL);
  audit_after = ms_store_audit (store, NULL, NULL);
  g_assert_nonnull (after);
  g_assert_cmpint (after->revision, ==, before->revision);
  g_assert_cmpint (after->state, ==, before->state);
  g_assert_cmpstr (after->updated, ==, before->updated);
  g_assert_cmpuint (audit_after->len, ==, audit_before->len);
}

/* New {{{1 */

static void
test_new (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(MsLocalized) title = ms_localized_new ();
  g_autoptr(MsProcedure) first = NULL;
  g_autoptr(MsProcedure) second = NULL;
  g_autoptr(MsProcedure) coded = NULL;
  g_autoptr(MsProcedure) same_code = NULL;
  g_autoptr(MsProcedure) other_admin = NULL;
  g_autoptr(MsProcedure) stored = NULL;
  g_autoptr(MsProcedure) refused = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  MsStoreFilter filter = MS_STORE_FILTER_INIT;

  ms_localized_set (title, MS_LANG_FR, "Attestation de test");
  ms_localized_set (title, MS_LANG_AR, "شهادة تجريبية");
  first = ms_procedure_new_draft (NULL, "interior", title, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (first->id));
  g_assert_null (first->code);

  info = ms_store_create_draft (f->store, "amina", first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->id, ==, first->id);
  g_assert_cmpstr (info->code, ==, "NEW-0001");
  g_assert_cmpstr (first->code, ==, "NEW-0001");
  g_assert_cmpint (info->state, ==, MS_STATE_DRAFT);
  g_assert_cmpint (info->revision, ==, 1);
  g_assert_cmpstr (info->updated_by, ==, "amina");
  g_assert_cmpstr (ms_localized_get (info->title, MS_LANG_FR), ==, "Attestation de test");

  /* What is stored is the sheet, as any save stores it. */
  stored = get_ok (f->store, first->id);
  g_assert_true (ms_procedure_equal (stored, first));
  audit = ms_store_audit (f->store, first->id, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (last_entry (audit)->action, ==, "edit");
  g_assert_cmpint (last_entry (audit)->revision, ==, 1);
  g_assert_cmpstr (last_entry (audit)->sha256, ==, info->sha256);
  g_assert_null (last_entry (audit)->from_state);
  g_assert_cmpstr (last_entry (audit)->to_state, ==, "draft");

  /* Provisional codes are free in the whole catalog, whatever the
   * administration. */
  second = ms_procedure_new_draft (NULL, "health", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, ms_sheet_info_free);
  info = ms_store_create_draft (f->store, "omar", second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->code, ==, "NEW-0002");

  /* A code given is unique per administration. */
  coded = ms_procedure_new_draft ("MI-TEST-1", "interior", title, &error);
  g_clear_pointer (&info, ms_sheet_info_free);
  info = ms_store_create_draft (f->store, "amina", coded, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->code, ==, "MI-TEST-1");
  same_code = ms_procedure_new_draft ("MI-TEST-1", "interior", NULL, &error);
  g_assert_null (ms_store_create_draft (f->store, "amina", same_code, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "already used"));
  g_clear_error (&error);
  other_admin = ms_procedure_new_draft ("MI-TEST-1", "health", NULL, &error);
  g_clear_pointer (&info, ms_sheet_info_free);
  info = ms_store_create_draft (f->store, "amina", other_admin, &error);
  g_assert_no_error (error);

  /* The same id twice is not a new sheet. */
  g_assert_null (ms_store_create_draft (f->store, "amina", coded, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Only editors create; a refusal stores nothing and gives no code. */
  refused = ms_procedure_new_draft (NULL, NULL, NULL, &error);
  g_assert_null (ms_store_create_draft (f->store, "youssef", refused, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (refused->code);
  g_assert_null (ms_store_create_draft (f->store, "nobody", refused, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_clear_error (&error);

  filter.state = MS_STATE_DRAFT;
  drafts = ms_store_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 4);
  assert_catalog (f->store, 4);
}

static void
test_new_format (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MsLocalized) title = ms_localized_new ();
  g_autoptr(MsProcedure) p = NULL;
  g_autoptr(GError) error = NULL;

  /* What the loader would refuse is never stored. */
  p = ms_procedure_new_draft (NULL, "Not A Code", NULL, &error);
  g_assert_null (p);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "administration"));
  g_clear_error (&error);

  {
    g_autofree char *too_long = g_strnfill (MS_MAX_TEXT_CHARS + 1, 'a');

    ms_localized_set (title, MS_LANG_FR, too_long);
  }
  p = ms_procedure_new_draft (NULL, NULL, title, &error);
  g_assert_null (p);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpuint (count_sheets (f->store), ==, 0);
}

/* Duplicate {{{1 */

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MsProcedure) original = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) saved = store_save_ok (f->store, "amina", original, 0);
  g_autoptr(MsSheetInfo) before = NULL;
  g_autoptr(MsSheetInfo) after = NULL;
  g_autoptr(MsSheetInfo) copy_info = NULL;
  g_autoptr(MsProcedure) copy = NULL;
  g_autoptr(MsProcedure) unmarked = NULL;
  g_autoptr(MsProcedure) still = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *copy_of_copy_id = NULL;
  g_autofree char *expected_comment = NULL;
  g_autofree char *code_copy = NULL;

  /* A second revision: the copy is of the current one. */
  original->deadline_days = 3;
  g_clear_pointer (&saved, ms_sheet_info_free);
  saved = store_save_ok (f->store, "amina", original, 1);
  before = ms_store_get_sheet_info (f->store, original->id, &error);

  copy_id = duplicate_ok (f->store, "omar", original->id);
  g_assert_cmpstr (copy_id, !=, original->id);
  g_assert_true (g_uuid_string_is_valid (copy_id));
  copy_info = ms_store_get_sheet_info (f->store, copy_id, &error);
  g_assert_no_error (error);
  code_copy = g_strconcat (original->code, "-COPY", NULL);
  g_assert_cmpstr (copy_info->code, ==, code_copy);
  g_assert_cmpstr (copy_info->updated_by, ==, "omar");
  g_assert_cmpstr (copy_info->administration, ==, original->administration);

  /* Each title marked in its own language. */
  copy = get_ok (f->store, copy_id);
  for (guint lang = 0; lang < MS_N_LANGS; lang++)
    {
      const char *title = ms_localized_get (original->title, lang);
      g_autofree char *marked = NULL;

      if (title == NULL)
        {
          g_assert_null (ms_localized_get (copy->title, lang));
          continue;
        }
      marked = g_strdup_printf ("%s %s", title, ms_draft_copy_marker (lang));
      g_assert_cmpstr (ms_localized_get (copy->title, lang), ==, marked);
    }
  g_assert_nonnull (strstr (ms_localized_get (copy->title, MS_LANG_FR), "(copie)"));
  g_assert_nonnull (strstr (ms_localized_get (copy->title, MS_LANG_AR), "(نسخة)"));

  /* Everything else equal, list item ids included. */
  unmarked = ms_procedure_copy (copy);
  g_free (unmarked->id);
  unmarked->id = g_strdup (original->id);
  g_free (unmarked->code);
  unmarked->code = g_strdup (original->code);
  ms_localized_free (unmarked->title);
  unmarked->title = ms_localized_copy (original->title);
  g_assert_true (ms_procedure_equal (unmarked, original));

  /* The original is untouched. */
  after = ms_store_get_sheet_info (f->store, original->id, &error);
  g_assert_cmpint (after->revision, ==, 2);
  g_assert_cmpstr (after->sha256, ==, before->sha256);
  g_assert_cmpstr (after->updated, ==, before->updated);
  still = get_ok (f->store, original->id);
  g_assert_true (ms_procedure_equal (still, original));

  /* The copy's first audit entry says where it comes from. */
  audit = ms_store_audit (f->store, copy_id, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (last_entry (audit)->action, ==, "edit");
  g_assert_cmpstr (last_entry (audit)->actor, ==, "omar");
  expected_comment = g_strdup_printf ("copy of %s (%s), revision 2", original->id, original->code);
  g_assert_cmpstr (last_entry (audit)->comment, ==, expected_comment);

  /* Codes stay unique in the administration. */
  second_id = duplicate_ok (f->store, "amina", original->id);
  {
    g_autoptr(MsSheetInfo) second = ms_store_get_sheet_info (f->store, second_id, NULL);
    g_autofree char *code_copy_2 = g_strconcat (original->code, "-COPY-2", NULL);

    g_assert_cmpstr (second->code, ==, code_copy_2);
  }
  copy_of_copy_id = duplicate_ok (f->store, "amina", copy_id);
  {
    g_autoptr(MsSheetInfo) third = ms_store_get_sheet_info (f->store, copy_of_copy_id, NULL);
    g_autoptr(MsProcedure) p = get_ok (f->store, copy_of_copy_id);
    g_autofree char *code_copy_copy = g_strconcat (code_copy, "-COPY", NULL);

    g_assert_cmpstr (third->code, ==, code_copy_copy);
    g_assert_true (g_str_has_suffix (ms_localized_get (p->title, MS_LANG_FR), "(copie) (copie)"));
  }
  assert_catalog (f->store, 4);
}

static void
test_duplicate_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MsProcedure) original = saved_residence (f->store);
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = ms_store_duplicate (f->store, "youssef", original->id, &error);
  g_assert_null (info);
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_clear_error (&error);
  info = ms_store_duplicate (f->store, "amina", "no-such-sheet", &error);
  g_assert_null (info);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_sheets (f->store), ==, 1);
}

static void
test_duplicate_codes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *long_code = g_strnfill (MS_MAX_SHORT_CHARS, 'X');
  g_autofree char *cut = NULL;
  g_autofree char *fit = g_strnfill (MS_MAX_TEXT_CHARS, 'a');
  g_autofree char *marked = ms_draft_mark_title (fit, MS_LANG_FR);
  g_autofree char *first = ms_draft_code_candidate (NULL, 1);
  g_autofree char *tenth = ms_draft_code_candidate ("MI-7", 10);

  g_assert_cmpstr (first, ==, "NEW-0001");
  g_assert_cmpstr (tenth, ==, "MI-7-COPY-10");
  cut = ms_draft_code_candidate (long_code, 2);
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, MS_MAX_SHORT_CHARS);
  g_assert_true (g_str_has_suffix (cut, "X-COPY-2"));
  g_assert_cmpint (g_utf8_strlen (marked, -1), ==, MS_MAX_TEXT_CHARS);
  g_assert_true (g_str_has_suffix (marked, "a (copie)"));
  g_assert_cmpstr (ms_draft_copy_marker (MS_LANG_EN), ==, "(copy)");
}

/* Delete {{{1 */

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsProcedure) other = store_demo_sheet ("biometric-passport");
  g_autoptr(MsSheetInfo) info = store_save_ok (f->store, "amina", p, 0);
  g_autoptr(MsSheetInfo) other_info = store_save_ok (f->store, "amina", other, 0);
  g_autoptr(MsSheetInfo) gone = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_before = 0, n_after = 0;
  MsAuditEntry *e;

  p->deadline_days = 4;
  g_clear_pointer (&info, ms_sheet_info_free);
  info = store_save_ok (f->store, "omar", p, 1);
  found = ms_store_search (f->store, "résidence", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_true (infos_contain (found, p->id));
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_true (ms_store_verify_audit (f->store, &n_before, &error));

  /* Any editor may delete a draft never submitted, not only its author. */
  g_assert_true (ms_store_check_delete (f->store, "amina", p->id, &error));
  g_assert_no_error (error);
  g_assert_true (ms_store_delete_draft (f->store, "amina", p->id, &error));
  g_assert_no_error (error);

  gone = ms_store_get_sheet_info (f->store, p->id, &error);
  g_assert_null (gone);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ms_store_get_sheet (f->store, p->id, 1, NULL, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_sheets (f->store), ==, 1);
  found = ms_store_search (f->store, "résidence", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_false (infos_contain (found, p->id));

  /* The log keeps the sheet's history and says who deleted what. */
  audit = ms_store_audit (f->store, p->id, &error);
  g_assert_cmpuint (audit->len, ==, 3);
  e = last_entry (audit);
  g_assert_cmpstr (e->action, ==, "delete");
  g_assert_cmpstr (e->actor, ==, "amina");
  g_assert_cmpstr (e->sheet_id, ==, p->id);
  g_assert_cmpint (e->revision, ==, 2);
  g_assert_cmpstr (e->sha256, ==, info->sha256);
  g_assert_cmpstr (e->from_state, ==, "draft");
  g_assert_null (e->to_state);
  g_assert_cmpstr (e->comment, ==, p->code);
  g_assert_true (ms_store_verify_audit (f->store, &n_after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_after, ==, n_before + 1);

  /* Gone is gone. */
  g_assert_false (ms_store_delete_draft (f->store, "amina", p->id, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An admin may clean up too; an imported draft is a draft. */
  g_clear_pointer (&audit, g_ptr_array_unref);
  {
    g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) items = NULL;
    g_autoptr(MsProcedure) imported = store_demo_sheet ("criminal-record-extract");

    g_ptr_array_add (sheets, g_object_ref (imported));
    items = ms_store_import (f->store, "amina", sheets, &error);
    g_assert_no_error (error);
    g_assert_true (ms_store_delete_draft (f->store, "admin", imported->id, &error));
    g_assert_no_error (error);
  }
  assert_catalog (f->store, 1);
}

static void
test_delete_roles (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MsProcedure) p = saved_residence (f->store);
  g_autoptr(GError) error = NULL;

  delete_denied (f->store, "youssef", p->id, "neither the editor nor the admin role");
  g_assert_false (ms_store_delete_draft (f->store, "nobody", p->id, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "not a user"));
  g_clear_error (&error);
  g_assert_false (ms_store_delete_draft (f->store, "amina", "no-such-sheet", &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ms_store_check_delete (f->store, "amina", "no-such-sheet", &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_sheets (f->store), ==, 1);
}

static gboolean
sql_ok (const char *path,
        const char *statement)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, statement, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static void
test_delete_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MsProcedure) r = saved_residence (f->store);
  g_autofree char *withdrawn = duplicate_ok (f->store, "amina", r->id);
  g_autofree char *edited_live = duplicate_ok (f->store, "amina", r->id);
  g_autofree char *in_review = duplicate_ok (f->store, "amina", r->id);
  g_autofree char *approved = duplicate_ok (f->store, "amina", r->id);
  g_autofree char *changes = duplicate_ok (f->store, "amina", r->id);
  g_autofree char *resubmittable = duplicate_ok (f->store, "amina", r->id);
  g_autofree char *statement = NULL;
  const char *published[] = { r->id, withdrawn, edited_live };

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      store_act_ok (f->store, "amina", published[i], MS_ACTION_SUBMIT, NULL);
      store_act_ok (f->store, "youssef", published[i], MS_ACTION_APPROVE, NULL);
    }
  publish_ok (f->store);
  store_act_ok (f->store, "admin", withdrawn, MS_ACTION_WITHDRAW, "Repealed");
  {
    g_autoptr(MsProcedure) p = get_ok (f->store, edited_live);
    g_autoptr(MsSheetInfo) edited = NULL;

    p->deadline_days = 9;
    edited = store_save_ok (f->store, "amina", p, 1);
    g_assert_cmpint (edited->state, ==, MS_STATE_DRAFT);
    g_assert_cmpint (edited->live_revision, ==, 1);
  }
  store_act_ok (f->store, "amina", in_review, MS_ACTION_SUBMIT, NULL);
  store_act_ok (f->store, "amina", approved, MS_ACTION_SUBMIT, NULL);
  store_act_ok (f->store, "youssef", approved, MS_ACTION_APPROVE, NULL);
  store_act_ok (f->store, "amina", changes, MS_ACTION_SUBMIT, NULL);
  store_act_ok (f->store, "youssef", changes, MS_ACTION_REQUEST_CHANGES, "Fix the appeal");
  store_act_ok (f->store, "amina", resubmittable, MS_ACTION_SUBMIT, NULL);
  store_act_ok (f->store, "youssef", resubmittable, MS_ACTION_REQUEST_CHANGES, "Fix the appeal");
  {
    g_autoptr(MsProcedure) p = get_ok (f->store, resubmittable);
    g_autoptr(MsSheetInfo) edited = NULL;

    p->deadline_days = 8;
    edited = store_save_ok (f->store, "amina", p, 1);
    g_assert_cmpint (edited->state, ==, MS_STATE_DRAFT);
  }

  delete_denied (f->store, "amina", r->id, "withdraw it instead");
  delete_denied (f->store, "amina", edited_live, "withdraw it instead");
  delete_denied (f->store, "admin", withdrawn, "then withdrawn on");
  delete_denied (f->store, "amina", in_review, "was submitted for review by amina on");
  delete_denied (f->store, "amina", in_review, "“In review”");
  delete_denied (f->store, "amina", approved, "“Approved”");
  delete_denied (f->store, "amina", changes, "“Changes requested”");
  delete_denied (f->store, "amina", resubmittable, "was submitted for review by amina");
  delete_denied (f->store, "amina", resubmittable, "“Draft”");

  /* The database refuses it as well, to whoever writes it directly (on
   * PostgreSQL a login writes no table at all: test-pg-rights). */
  if (store_fixture_pg () != NULL)
    {
      assert_catalog (f->store, 7);
      return;
    }
  statement = g_strdup_printf ("DELETE FROM revisions WHERE sheet = (SELECT num FROM sheets WHERE id = '%s')",
                               resubmittable);
  g_assert_false (sql_ok (f->path, statement));
  g_free (statement);
  statement = g_strdup_printf ("PRAGMA foreign_keys = OFF; DELETE FROM sheets WHERE id = '%s'", in_review);
  g_assert_false (sql_ok (f->path, statement));
  assert_catalog (f->store, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, store_fixture_tear_down)
  ADD ("/store/drafts/new", test_new);
  ADD ("/store/drafts/new-format", test_new_format);
  ADD ("/store/drafts/duplicate", test_duplicate);
  ADD ("/store/drafts/duplicate-refused", test_duplicate_refused);
  ADD ("/store/drafts/delete", test_delete);
  ADD ("/store/drafts/delete-roles", test_delete_roles);
  ADD ("/store/drafts/delete-refused", test_delete_refused);
#undef ADD
  g_test_add ("/store/drafts/codes", Fixture, NULL, fixture_set_up, test_duplicate_codes, store_fixture_tear_down);

  return g_test_run ();
}

/* vim: set foldmethod=marker: */
