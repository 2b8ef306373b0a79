/* test-workflow.c — the workflow rules of design.md §3, each with its refusal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-core-error.h"
#include "ms-diff.h"
#include "ms-workflow.h"

#define ALL_ROLES (MS_ROLE_EDITOR | MS_ROLE_REVIEWER | MS_ROLE_PUBLISHER)

static void
assert_denied (MsAction            action,
               MsState             state,
               const char         *actor,
               MsRoles             roles,
               const char * const *editors,
               const char         *submitter,
               gboolean            has_errors,
               const char         *comment,
               const char         *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ms_workflow_check (action, state, actor, roles, editors, submitter, has_errors, comment, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  if (fragment != NULL && !g_strrstr (error->message, fragment))
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

static void
assert_allowed (MsAction            action,
                MsState             state,
                const char         *actor,
                MsRoles             roles,
                const char * const *editors,
                const char         *submitter,
                const char         *comment)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ms_workflow_check (action, state, actor, roles, editors, submitter, FALSE, comment, &error));
  g_assert_no_error (error);
}

static void
test_roles (void)
{
  const char * const editors[] = { "amina", NULL };

  /* Each action needs its role. */
  assert_denied (MS_ACTION_EDIT, MS_STATE_DRAFT, "yo", MS_ROLE_REVIEWER, NULL, NULL, FALSE, NULL, "editor");
  assert_denied (MS_ACTION_SUBMIT, MS_STATE_DRAFT, "yo", MS_ROLE_REVIEWER, NULL, NULL, FALSE, NULL, "editor");
  assert_denied (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW, "amina", MS_ROLE_EDITOR, NULL, NULL, FALSE, NULL, "reviewer");
  assert_denied (MS_ACTION_REQUEST_CHANGES, MS_STATE_IN_REVIEW, "x", MS_ROLE_EDITOR | MS_ROLE_ADMIN, NULL, NULL,
                 FALSE, "fix", "reviewer");
  assert_denied (MS_ACTION_PUBLISH, MS_STATE_APPROVED, "yo", MS_ROLE_REVIEWER | MS_ROLE_ADMIN, NULL, NULL, FALSE,
                 NULL, "publisher");
  assert_denied (MS_ACTION_WITHDRAW, MS_STATE_PUBLISHED, "yo", MS_ROLE_EDITOR, NULL, NULL, FALSE, "why",
                 "publisher");
  assert_allowed (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW, "yo", MS_ROLE_REVIEWER, editors, "amina", NULL);
  assert_allowed (MS_ACTION_PUBLISH, MS_STATE_APPROVED, "karim", MS_ROLE_PUBLISHER, NULL, NULL, NULL);
}

static void
test_states (void)
{
  /* Edit is allowed from every state and always leads to draft. */
  for (MsState s = 0; s < MS_N_STATES; s++)
    {
      assert_allowed (MS_ACTION_EDIT, s, "amina", MS_ROLE_EDITOR, NULL, NULL, NULL);
      g_assert_cmpint (ms_workflow_target (MS_ACTION_EDIT, s), ==, MS_STATE_DRAFT);
    }

  assert_allowed (MS_ACTION_SUBMIT, MS_STATE_DRAFT, "amina", ALL_ROLES, NULL, NULL, NULL);
  assert_allowed (MS_ACTION_SUBMIT, MS_STATE_CHANGES_REQUESTED, "amina", ALL_ROLES, NULL, NULL, NULL);
  for (MsState s = MS_STATE_IN_REVIEW; s < MS_N_STATES; s++)
    if (s != MS_STATE_CHANGES_REQUESTED)
      assert_denied (MS_ACTION_SUBMIT, s, "amina", ALL_ROLES, NULL, NULL, FALSE, NULL, "not possible");
  g_assert_cmpint (ms_workflow_target (MS_ACTION_SUBMIT, MS_STATE_DRAFT), ==, MS_STATE_IN_REVIEW);

  assert_denied (MS_ACTION_APPROVE, MS_STATE_DRAFT, "yo", ALL_ROLES, NULL, NULL, FALSE, NULL, "not possible");
  assert_denied (MS_ACTION_APPROVE, MS_STATE_APPROVED, "yo", ALL_ROLES, NULL, NULL, FALSE, NULL, "not possible");
  assert_denied (MS_ACTION_REQUEST_CHANGES, MS_STATE_DRAFT, "yo", ALL_ROLES, NULL, NULL, FALSE, "c", "not possible");
  assert_denied (MS_ACTION_PUBLISH, MS_STATE_IN_REVIEW, "k", ALL_ROLES, NULL, NULL, FALSE, NULL, "not possible");
  assert_denied (MS_ACTION_WITHDRAW, MS_STATE_APPROVED, "k", ALL_ROLES, NULL, NULL, FALSE, "r", "not possible");
  g_assert_cmpint (ms_workflow_target (MS_ACTION_REQUEST_CHANGES, MS_STATE_IN_REVIEW), ==,
                   MS_STATE_CHANGES_REQUESTED);
  g_assert_cmpint (ms_workflow_target (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW), ==, MS_STATE_APPROVED);
  g_assert_cmpint (ms_workflow_target (MS_ACTION_PUBLISH, MS_STATE_APPROVED), ==, MS_STATE_PUBLISHED);
  g_assert_cmpint (ms_workflow_target (MS_ACTION_WITHDRAW, MS_STATE_PUBLISHED), ==, MS_STATE_WITHDRAWN);
}

static void
test_validation_errors (void)
{
  assert_denied (MS_ACTION_SUBMIT, MS_STATE_DRAFT, "amina", MS_ROLE_EDITOR, NULL, NULL, TRUE, NULL,
                 "validation errors");
  assert_denied (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW, "yo", MS_ROLE_REVIEWER, NULL, "amina", TRUE, NULL,
                 "validation errors");
}

static void
test_comments (void)
{
  assert_denied (MS_ACTION_REQUEST_CHANGES, MS_STATE_IN_REVIEW, "yo", MS_ROLE_REVIEWER, NULL, NULL, FALSE, NULL,
                 "comment is required");
  assert_denied (MS_ACTION_REQUEST_CHANGES, MS_STATE_IN_REVIEW, "yo", MS_ROLE_REVIEWER, NULL, NULL, FALSE, " \n\t",
                 "comment is required");
  assert_denied (MS_ACTION_WITHDRAW, MS_STATE_PUBLISHED, "k", MS_ROLE_PUBLISHER, NULL, NULL, FALSE, "",
                 "reason is required");
  assert_allowed (MS_ACTION_REQUEST_CHANGES, MS_STATE_IN_REVIEW, "yo", MS_ROLE_REVIEWER, NULL, NULL,
                  "Document 3 asks for two copies");
  assert_allowed (MS_ACTION_WITHDRAW, MS_STATE_PUBLISHED, "k", MS_ROLE_PUBLISHER, NULL, NULL, "Repealed");
}

static void
test_four_eyes (void)
{
  const char * const editors[] = { "amina", "omar", "youssef", NULL };

  /* Against everyone who saved a revision since the last publication... */
  for (guint i = 0; editors[i] != NULL; i++)
    assert_denied (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW, editors[i], ALL_ROLES, editors, "amina", FALSE, NULL,
                   "four-eyes");
  /* ...and against the submitter even if they edited nothing. */
  assert_denied (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW, "salma", ALL_ROLES, editors, "salma", FALSE, NULL,
                 "submitted");
  assert_allowed (MS_ACTION_APPROVE, MS_STATE_IN_REVIEW, "salma", MS_ROLE_REVIEWER, editors, "amina", NULL);
}

static void
test_roles_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MsRoles roles = MS_ROLE_NONE;

  g_assert_true (ms_roles_from_string ("editor, publisher,admin", &roles, &error));
  g_assert_cmpint (roles, ==, MS_ROLE_EDITOR | MS_ROLE_PUBLISHER | MS_ROLE_ADMIN);
  text = ms_roles_to_string (roles);
  g_assert_cmpstr (text, ==, "editor,publisher,admin");
  g_assert_false (ms_roles_from_string ("editor,boss", &roles, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
}

static void
test_diff (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full-sheet.json", NULL);
  g_autoptr(MsProcedure) before = ms_procedure_new_from_file (path, NULL);
  g_autoptr(MsProcedure) after = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  MsFee *fee;

  g_assert_nonnull (before);
  after = ms_procedure_copy (before);
  none = ms_procedure_diff (before, after, MS_LANG_FR);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpuint (after->fees->len, >, 0);
  fee = g_ptr_array_index (after->fees, 0);
  fee->amount_centimes = 7500;
  after->deadline_days = 15;
  g_assert_cmpuint (after->documents->len, >, 0);
  g_ptr_array_remove_index (after->documents, 0);

  changes = ms_procedure_diff (before, after, MS_LANG_FR);
  for (guint i = 0; i < changes->len; i++)
    g_string_append_printf (all, "%s\n", (const char *) g_ptr_array_index (changes, i));
  g_test_message ("%s", all->str);
  g_assert_nonnull (strstr (all->str, "→ 75.00 MAD"));
  g_assert_nonnull (strstr (all->str, "Answer deadline: "));
  g_assert_nonnull (strstr (all->str, "→ 15 days"));
  g_assert_nonnull (strstr (all->str, "Document removed: "));
}

/* The paths that mark the changed rows: a fee changed in place, the
 * deadline, a document removed (its list as a whole) and one added at the
 * end (its index in the new list); nothing for equal sheets. */
static void
test_changed_paths (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full-sheet.json", NULL);
  g_autoptr(MsProcedure) before = ms_procedure_new_from_file (path, NULL);
  g_autoptr(MsProcedure) after = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *added = NULL;
  MsDocument *document;
  MsFee *fee;

  g_assert_nonnull (before);
  after = ms_procedure_copy (before);
  none = ms_procedure_changed_paths (before, after);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  fee = g_ptr_array_index (after->fees, 0);
  fee->amount_centimes = 7500;
  after->deadline_days = 15;
  g_assert_cmpuint (after->documents->len, >=, 2);
  /* The first document goes; the second moves to index 0 unchanged. */
  document = g_ptr_array_steal_index (after->documents, 0);
  g_free (document->id);
  document->id = g_strdup ("doc-new");
  g_ptr_array_add (after->documents, document);
  added = g_strdup_printf ("documents[%u]", after->documents->len - 1);

  paths = ms_procedure_changed_paths (before, after);
  for (guint i = 0; paths[i] != NULL; i++)
    g_test_message ("%s", paths[i]);
  g_assert_true (g_strv_contains ((const char * const *) paths, "fees[0]"));
  g_assert_true (g_strv_contains ((const char * const *) paths, "deadline_days"));
  g_assert_true (g_strv_contains ((const char * const *) paths, "documents"));
  g_assert_true (g_strv_contains ((const char * const *) paths, added));
  g_assert_false (g_strv_contains ((const char * const *) paths, "documents[0]"));
  g_assert_false (g_strv_contains ((const char * const *) paths, "title"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workflow/roles", test_roles);
  g_test_add_func ("/workflow/states", test_states);
  g_test_add_func ("/workflow/validation-errors", test_validation_errors);
  g_test_add_func ("/workflow/comments", test_comments);
  g_test_add_func ("/workflow/four-eyes", test_four_eyes);
  g_test_add_func ("/workflow/roles-text", test_roles_text);
  g_test_add_func ("/workflow/diff", test_diff);
  g_test_add_func ("/workflow/changed-paths", test_changed_paths);

  return g_test_run ();
}
