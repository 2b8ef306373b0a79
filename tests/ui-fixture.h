/* ui-fixture.h — the window on a demo catalog, shared by the UI tests
 *
 * Every UI test runs with one application and the bundled demo sheets;
 * each test makes its own catalog database from them, opens the window on
 * it as one of its users, and closes the window before removing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-application.h"
#include "ms-sqlite-store.h"
#include "ms-store-catalog.h"
#include "ms-window-private.h"
#include "test-util.h"
#include "ui-util.h"

/* One per test program, set up by ui_fixture_init (). */
static MsApplication *app G_GNUC_UNUSED;
static char *demo_dir G_GNUC_UNUSED;

/* The users of `build-aux/dev demo`: karim publisher and admin, amina
 * editor, youssef reviewer. A test that needs more lists them after. */
#define UI_DEMO_USERS \
  { (char *) "karim", (char *) "Karim Alaoui", MS_ROLE_PUBLISHER | MS_ROLE_ADMIN }, \
  { (char *) "amina", (char *) "Amina Bennani", MS_ROLE_EDITOR }, \
  { (char *) "youssef", (char *) "Youssef Tazi", MS_ROLE_REVIEWER }

/* A new catalog database in its own temporary folder, as `build-aux/dev
 * demo` makes it: @users added by karim, the demo sheets imported by
 * amina. Its path in @path; the store that made it. */
static inline MsStore *
make_catalog_store (const MsUser *users,
                    guint         n_users,
                    char        **path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(MsCatalog) demo = ms_catalog_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) imported = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-ui-XXXXXX", &error);

  g_assert_nonnull (demo_dir);
  g_assert_no_error (error);
  *path = g_build_filename (dir, "catalog.db", NULL);
  store = ms_sqlite_store_open (*path, MS_SQLITE_STORE_CREATE, &error);
  g_assert_no_error (error);
  ms_sqlite_store_set_issuer (store, "ma-test", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_users; i++)
    {
      ms_store_add_user (MS_STORE (store), "karim", &users[i], &error);
      g_assert_no_error (error);
    }

  ms_catalog_load_directory (demo, demo_dir, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (demo)); i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (demo), i);

      g_ptr_array_add (sheets, g_object_ref (ms_catalog_entry_get_procedure (entry)));
    }
  imported = ms_store_import (MS_STORE (store), "amina", sheets, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, sheets->len);

  return MS_STORE (g_steal_pointer (&store));
}

/* As make_catalog_store (), the path alone. */
static inline char *
make_catalog (const MsUser *users,
              guint         n_users)
{
  char *path = NULL;
  g_autoptr(MsStore) store = make_catalog_store (users, n_users, &path);

  return path;
}

static inline void
remove_catalog (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  test_remove_tree (dir);
}

/* The window, registered as the application's active one, on @path as
 * @user (through $MASATIR_USER, as the application resolves it), at
 * @width × @height. */
static inline MsWindow *
open_window_sized (const char *path,
                   const char *user,
                   int         width,
                   int         height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MsWindow *window = ms_window_new (GTK_APPLICATION (app));

  g_setenv ("MASATIR_USER", user, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ms_application_open_catalog (app, file));
  flush_widget (GTK_WIDGET (window));

  g_assert_nonnull (ms_window_get_store (window));
  g_assert_cmpstr (ms_window_get_actor (window), ==, user);

  return window;
}

static inline MsWindow *
open_window (const char *path,
             const char *user)
{
  return open_window_sized (path, user, 1100, 720);
}

/* The message dialog over @window, the only one, or NULL. */
static inline AdwMessageDialog *
find_dialog (MsWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window)
        && gtk_widget_get_visible (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }

  return found;
}

/* Its dialogs first, then @window; what is typed is not the point of a
 * test that closes: it leaves without saving. */
static inline void
close_window (MsWindow *window)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog (window)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  window->dirty = FALSE;
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The id of the sheet @code of the window's catalog (listed or not). */
static inline const char *
find_by_code (MsWindow   *window,
              const char *code)
{
  g_autoptr(GPtrArray) infos = ms_store_list (window->list_store, NULL, NULL);

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);

      if (g_strcmp0 (info->code, code) == 0)
        return g_intern_string (info->id);
    }

  g_error ("no sheet %s in the catalog", code);
  return NULL;
}

/* The row of sheet @id in the window's list, or NULL when it is not listed. */
static inline MsSheetRow *
listed_row (MsWindow   *window,
            const char *id)
{
  guint position = ms_sheet_list_find (ms_window_get_list (window), id);

  if (position == G_MAXUINT)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (ms_window_get_list (window)), position);
}

/* The state of sheet @id in the window's catalog, -1 when it has no such sheet. */
static inline int
catalog_state (MsWindow   *window,
               const char *id)
{
  g_autoptr(MsSheetInfo) info = ms_store_get_sheet_info (window->list_store, id, NULL);

  return info != NULL ? (int) info->state : -1;
}

/* How many sheets the window's catalog holds, listed or not. */
static inline guint
n_in_catalog (MsWindow *window)
{
  g_autoptr(GPtrArray) ids = ms_store_list_ids (window->list_store, NULL, NULL);

  g_assert_nonnull (ids);
  return ids != NULL ? ids->len : 0;
}

/* The state of the window's sheet @id, which must be listed. */
static inline MsState
state_of_listed (MsWindow   *window,
                 const char *id)
{
  g_autoptr(MsSheetRow) row = listed_row (window, id);

  g_assert_nonnull (row);
  return ms_sheet_row_get_state (row);
}

/* The state of sheet @id in the window's list (every sheet: no filter),
 * -1 when it is not listed. */
static inline int
state_of (MsWindow   *window,
          const char *id)
{
  g_autoptr(MsSheetRow) row = listed_row (window, id);

  return row != NULL ? (int) ms_sheet_row_get_state (row) : -1;
}

static inline gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @cond holds; a deadline far beyond the
 * window's one-second poll (10 s) fails the test. */
#define WAIT_FOR(cond) G_STMT_START {                                       \
    gboolean late_ = FALSE;                                                  \
    guint deadline_ = g_timeout_add_seconds (10, set_flag_cb, &late_);       \
                                                                             \
    while (!(cond) && !late_)                                                \
      g_main_context_iteration (NULL, TRUE);                                 \
    if (!late_)                                                              \
      g_source_remove (deadline_);                                           \
    if (late_)                                                               \
      g_error ("the window did not show the change in 10 s: %s", #cond);     \
  } G_STMT_END

static inline void
select_sheet (MsWindow   *window,
              const char *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-sheet", "s", id));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpstr (ms_window_get_selected (window)->id, ==, id);
}

/* Selects the sheet @code; its id. */
static inline char *
select_code (MsWindow   *window,
             const char *code)
{
  char *id = g_strdup (find_by_code (window, code));

  select_sheet (window, id);
  return id;
}

static inline guint
n_listed (MsWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (window->list_view)));
}

typedef struct {
  MsWindow *window;
  guint     expected;
} ListedWait;

static inline gboolean
listed_cond (gpointer data)
{
  ListedWait *wait = data;

  return n_listed (wait->window) == wait->expected;
}

/* Types @text in the search entry, which waits a moment before it reports
 * a change: the list shows @expected sheets within @ms. */
static inline void
search_sheets (MsWindow   *window,
               const char *text,
               guint       expected,
               guint       ms)
{
  ListedWait wait = { window, expected };

  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), text);
  wait_until (listed_cond, &wait, ms);
  g_assert_cmpuint (n_listed (window), ==, expected);
  flush_widget (GTK_WIDGET (window));
}

/* The application, and the demo sheets from $MASATIR_DATADIR: a missing
 * prerequisite fails, it does not skip. */
static inline void
ui_fixture_init (int    *argc,
                 char ***argv)
{
  const char *datadir;

  app = test_ui_init (argc, argv);

  datadir = g_getenv ("MASATIR_DATADIR");
  g_assert_nonnull (datadir);
  demo_dir = g_build_filename (datadir, "demo", NULL);
  g_assert_true (g_file_test (demo_dir, G_FILE_TEST_IS_DIR));
}

/* Runs the tests added since ui_fixture_init (); their status. */
static inline int
ui_fixture_run (void)
{
  int status = g_test_run ();

  g_clear_pointer (&demo_dir, g_free);
  g_clear_object (&app);

  return status;
}
