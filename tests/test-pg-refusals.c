/* test-pg-refusals.c — the catalog on PostgreSQL: the database's refusals
 * reach people in their language (French here), in the SQLite backend's
 * words, the database still deciding
 *
 * Runs under tests/pg-cluster.py (MASATIR_TEST_PG), in French with the
 * catalogues built in build/po.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-i18n.h"
#include "ms-pg-store-private.h"
#include "ms-store-error.h"
#include "store-fixture.h"

static const StoreFixtureUser users[] = {
  { "ed", MS_ROLE_EDITOR },
  { "rev", MS_ROLE_REVIEWER },
  { NULL }
};

/* The schema's SQL with its string continuations ('…'\n  '…') joined,
 * as the functions raise them. */
static char *
schema_text (void)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GRegex) continuation = g_regex_new ("'\\s*\\n\\s*'", 0, 0, NULL);
  const char * const files[] = { "001-schema.sql", "002-list-search.sql" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "store", "pg", files[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);
      g_string_append (all, text);
    }
  return g_regex_replace_literal (continuation, all->str, -1, 0, "", 0, NULL);
}

/* Every refusal the client words is one the schema raises, word for word:
 * a RAISE reworded in SQL without C is found here. */
static void
test_known_refusals_in_schema (void)
{
  g_autofree char *schema = schema_text ();
  guint n = 0;

  for (const char *format; (format = ms_pg_refusal_format (n)) != NULL; n++)
    if (strstr (schema, format) == NULL)
      g_error ("not raised by the schema as such: “%s”", format);
  g_assert_cmpuint (n, >=, 20);
}

/* Values are read back and put where the translation puts them. */
static void
test_words (void)
{
  g_autofree char *deleted = ms_pg_refusal_words ("MS003", "Sheet X-1 is “Approved” and cannot be deleted; "
                                                           "only a draft never submitted for review can be");
  g_autofree char *other_state = ms_pg_refusal_words ("MS001", "Sheet X-1 is “Approved” and cannot be deleted; "
                                                                "only a draft never submitted for review can be");
  g_autofree char *unknown = ms_pg_refusal_words ("MS003", "Something else entirely");
  g_autofree char *sequence = ms_pg_refusal_words ("MS002", "Another export (sequence 7) was recorded since this "
                                                            "one started; nothing was changed: export again");

  g_assert_nonnull (deleted);
  g_assert_true (g_str_has_prefix (deleted, "La fiche X-1"));
  g_assert_nonnull (strstr (deleted, "Approuvée"));
  g_assert_null (other_state);
  g_assert_null (unknown);
  g_assert_nonnull (sequence);
  g_assert_nonnull (strstr (sequence, "7"));
  g_assert_null (strstr (sequence, "Another export"));
}

static void
assert_french (const GError *error,
               GQuark        domain,
               int           code,
               const char   *words)
{
  g_assert_error ((GError *) error, domain, code);
  if (strstr (error->message, words) == NULL)
    g_error ("not the French words “%s”: %s", words, error->message);
}

/* Through the store: deleting, changing users, exporting. */
static void
test_store_refusals (void)
{
  g_autoptr(MsStore) store = MS_STORE (store_fixture_open_pg (users));
  g_autoptr(MsProcedure) p = store_demo_sheet ("residence-certificate");
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsSheetInfo) submitted = NULL;
  g_autoptr(GError) error = NULL;

  for (const StoreFixtureUser *u = users; u->login != NULL; u++)
    store_add_user (store, "admin", u->login, u->roles);
  info = store_save_ok (store, "ed", p, 0);

  /* A reviewer may not delete a draft: the database says so. */
  g_assert_false (ms_store_delete_draft (store, "rev", info->id, &error));
  assert_french (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "ni le rôle");
  g_clear_error (&error);

  /* A sheet in review stays: its state's label in French too. */
  submitted = ms_store_transition (store, "ed", info->id, MS_ACTION_SUBMIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ms_store_delete_draft (store, "ed", info->id, &error));
  assert_french (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED, "En relecture");
  g_clear_error (&error);

  /* No such sheet. */
  g_assert_false (ms_store_delete_draft (store, "ed", "no-such-sheet", &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_assert_null (strstr (error->message, "No sheet"));
  g_clear_error (&error);

  /* The last admin keeps the role. */
  g_assert_false (ms_store_set_user_roles (store, "admin", "admin", MS_ROLE_EDITOR, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  g_assert_null (strstr (error->message, "last active admin"));
  g_clear_error (&error);

  /* An editor changes nobody. */
  g_assert_false (ms_store_set_user_active (store, "ed", "rev", FALSE, &error));
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "does not have the admin role"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *po = NULL;

  g_test_init (&argc, &argv, NULL);
  if (store_fixture_pg () == NULL)
    {
      g_printerr ("PostgreSQL tests NOT RUN: MASATIR_TEST_PG is not set (run under tests/pg-cluster.py)\n");
      return 77;
    }
  po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_setenv ("MASATIR_LOCALEDIR", po, TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  ms_i18n_init ();

  g_test_add_func ("/pg/refusals/in-schema", test_known_refusals_in_schema);
  g_test_add_func ("/pg/refusals/words", test_words);
  g_test_add_func ("/pg/refusals/store", test_store_refusals);
  return g_test_run ();
}
