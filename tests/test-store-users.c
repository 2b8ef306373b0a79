/* test-store-users.c — changing a user's roles, deactivating and
 * reactivating: who may, the last active admin, a deactivated user refused
 * as an actor, and the audit entries these leave (issue 11 item 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-core-error.h"
#include "ms-sqlite-store.h"
#include "ms-store-error.h"
#include "store-fixture.h"

typedef StoreFixture Fixture;

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { "youssef", MS_ROLE_REVIEWER },
  { NULL }
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  store_fixture_set_up (f, "masatir-store-users-XXXXXX", users);
}

static guint
audit_length (MsStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ms_store_audit (store, NULL, &error);

  g_assert_no_error (error);
  return entries->len;
}

static MsUser *
find_user (MsStore    *store,
           const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ms_store_list_users (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      MsUser *user = g_ptr_array_index (list, i);

      if (strcmp (user->login, login) == 0)
        {
          MsUser *copy = g_new0 (MsUser, 1);

          copy->login = g_strdup (user->login);
          copy->name = g_strdup (user->name);
          copy->roles = user->roles;
          copy->inactive = user->inactive;
          return copy;
        }
    }
  g_error ("no user %s", login);
}

/* @ok is what the store answered with @error; a refusal names @fragment
 * and writes no audit entry. */
static void
assert_refused (MsStore    *store,
                guint       n_before,
                gboolean    ok,
                GError     *error,
                GQuark      domain,
                int         code,
                const char *fragment)
{
  g_assert_false (ok);
  g_assert_error (error, domain, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  g_assert_cmpuint (audit_length (store), ==, n_before);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsUser) amina = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  MsAuditEntry *last;
  guint n = audit_length (f->store);
  gboolean ok;

  ok = ms_store_set_user_roles (f->store, "amina", "amina", MS_ROLE_ALL, &error);
  assert_refused (f->store, n, ok, error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED, "does not have the admin role");
  g_clear_error (&error);
  ok = ms_store_set_user_roles (f->store, "admin", "nobody", MS_ROLE_EDITOR, &error);
  assert_refused (f->store, n, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, "nobody");
  g_clear_error (&error);
  ok = ms_store_set_user_roles (f->store, "admin", "admin", MS_ROLE_PUBLISHER, &error);
  assert_refused (f->store, n, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "last active admin");
  g_clear_error (&error);

  g_assert_true (ms_store_set_user_roles (f->store, "admin", "amina", MS_ROLE_EDITOR | MS_ROLE_REVIEWER, &error));
  g_assert_no_error (error);
  amina = ms_store_get_user (f->store, "amina", &error);
  g_assert_no_error (error);
  g_assert_cmpint (amina->roles, ==, MS_ROLE_EDITOR | MS_ROLE_REVIEWER);
  g_assert_false (amina->inactive);
  g_assert_cmpuint (audit_length (f->store), ==, n + 1);
  entries = ms_store_audit (f->store, NULL, &error);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpstr (last->action, ==, "user-roles");
  g_assert_cmpstr (last->actor, ==, "admin");
  g_assert_cmpstr (last->comment, ==, "amina: editor,reviewer");
  g_assert_null (last->sheet_id);

  /* The same roles again: nothing to record. */
  g_assert_true (ms_store_set_user_roles (f->store, "admin", "amina", MS_ROLE_EDITOR | MS_ROLE_REVIEWER, &error));
  g_assert_cmpuint (audit_length (f->store), ==, n + 1);

  /* With a second admin, the first may give the role up. */
  g_assert_true (ms_store_set_user_roles (f->store, "admin", "youssef", MS_ROLE_REVIEWER | MS_ROLE_ADMIN, &error));
  g_assert_true (ms_store_set_user_roles (f->store, "admin", "admin", MS_ROLE_PUBLISHER, &error));
  g_assert_no_error (error);
  ok = ms_store_set_user_roles (f->store, "admin", "amina", MS_ROLE_EDITOR, &error);
  assert_refused (f->store, n + 3, ok, error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED, "does not have the admin role");
  g_clear_error (&error);
  ok = ms_store_set_user_roles (f->store, "youssef", "youssef", MS_ROLE_REVIEWER, &error);
  assert_refused (f->store, n + 3, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "last active admin");
  g_clear_error (&error);

  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_deactivate (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(GError) error = NULL;
  g_autoptr(MsUser) listed = NULL;
  g_autoptr(MsUser) got = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  guint n = audit_length (f->store);
  gboolean ok;

  ok = ms_store_set_user_active (f->store, "admin", "admin", FALSE, &error);
  assert_refused (f->store, n, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "last active admin");
  g_clear_error (&error);
  ok = ms_store_set_user_active (f->store, "youssef", "amina", FALSE, &error);
  assert_refused (f->store, n, ok, error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED, "does not have the admin role");
  g_clear_error (&error);

  ms_sheet_info_free (store_save_ok (f->store, "amina", p, 0));
  n = audit_length (f->store);
  g_assert_true (ms_store_set_user_active (f->store, "admin", "amina", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_length (f->store), ==, n + 1);
  listed = find_user (f->store, "amina");
  g_assert_true (listed->inactive);
  g_assert_cmpint (listed->roles, ==, MS_ROLE_EDITOR);

  /* A deactivated user can no longer act, whatever the write. */
  g_assert_null (ms_store_get_user (f->store, "amina", &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "deactivated"));
  g_clear_error (&error);
  p->deadline_days = 3;
  g_assert_null (ms_store_save (f->store, "amina", p, 1, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "deactivated"));
  g_clear_error (&error);
  g_assert_null (ms_store_transition (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (audit_length (f->store), ==, n + 1);

  /* Deactivating again records nothing; reactivating restores the roles. */
  g_assert_true (ms_store_set_user_active (f->store, "admin", "amina", FALSE, &error));
  g_assert_cmpuint (audit_length (f->store), ==, n + 1);
  g_assert_true (ms_store_set_user_active (f->store, "admin", "amina", TRUE, &error));
  g_assert_no_error (error);
  got = ms_store_get_user (f->store, "amina", &error);
  g_assert_no_error (error);
  g_assert_false (got->inactive);
  g_assert_cmpint (got->roles, ==, MS_ROLE_EDITOR);
  info = store_save_ok (f->store, "amina", p, 1);
  g_assert_cmpint (info->revision, ==, 2);

  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* A deactivated admin counts for nothing: neither to act, nor as the
 * admin who would remain. */
static void
test_deactivated_admin (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;
  gboolean ok;

  g_assert_true (ms_store_set_user_roles (f->store, "admin", "youssef", MS_ROLE_ADMIN, &error));
  g_assert_true (ms_store_set_user_active (f->store, "admin", "youssef", FALSE, &error));
  g_assert_no_error (error);
  n = audit_length (f->store);
  ok = ms_store_set_user_active (f->store, "youssef", "youssef", TRUE, &error);
  assert_refused (f->store, n, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "deactivated");
  g_clear_error (&error);
  ok = ms_store_add_user (f->store, "youssef", &(MsUser) { (char *) "eve", NULL, MS_ROLE_EDITOR, FALSE }, &error);
  assert_refused (f->store, n, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "deactivated");
  g_clear_error (&error);
  ok = ms_store_set_user_roles (f->store, "admin", "admin", MS_ROLE_PUBLISHER, &error);
  assert_refused (f->store, n, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "last active admin");
  g_clear_error (&error);
  ok = ms_store_set_user_active (f->store, "admin", "admin", FALSE, &error);
  assert_refused (f->store, n, ok, error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "last active admin");
  g_clear_error (&error);

  /* Reactivated, youssef is an admin again and the first may step down. */
  g_assert_true (ms_store_set_user_active (f->store, "admin", "youssef", TRUE, &error));
  g_assert_true (ms_store_set_user_active (f->store, "youssef", "admin", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* The audit replay follows role changes: a reviewer who lost the role
 * before approving is seen as refused by the check export runs. */
static void
test_replay_follows_roles (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(GError) error = NULL;

  ms_sheet_info_free (store_save_ok (f->store, "amina", p, 0));
  store_act_ok (f->store, "amina", p->id, MS_ACTION_SUBMIT, NULL);
  g_assert_true (ms_store_set_user_roles (f->store, "admin", "youssef", MS_ROLE_EDITOR, &error));
  g_assert_null (ms_store_transition (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL, &error));
  g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (ms_store_set_user_roles (f->store, "admin", "youssef", MS_ROLE_REVIEWER, &error));
  store_act_ok (f->store, "youssef", p->id, MS_ACTION_APPROVE, NULL);
  /* Deactivated after approving: the approval stands. */
  g_assert_true (ms_store_set_user_active (f->store, "admin", "youssef", FALSE, &error));
  g_assert_true (ms_store_verify_audit (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (store_publish (f->store, "admin", &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, store_fixture_tear_down)
  ADD ("/store/users/roles", test_roles);
  ADD ("/store/users/deactivate", test_deactivate);
  ADD ("/store/users/deactivated-admin", test_deactivated_admin);
  ADD ("/store/users/replay-follows-roles", test_replay_follows_roles);
#undef ADD

  return g_test_run ();
}
