/* test-store-list.c — the window's list read in pages from a store (issue
 * 15 item 1): ms_store_list_ids, ms_store_get_infos, ms_store_changes_since
 * and MsSheetList over them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ms-draft.h"
#include "ms-generate.h"
#include "ms-sheet-list.h"
#include "ms-sqlite-store.h"
#include "store-fixture.h"

/* Three pages and a bit. */
#define N_SHEETS (3 * MS_SHEET_LIST_PAGE_SIZE + 17)

typedef struct {
  StoreFixture  base;
  GPtrArray    *sheets;    /* MsProcedure*, as imported */
} Fixture;

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { "youssef", MS_ROLE_REVIEWER },
  { "karim", MS_ROLE_REVIEWER | MS_ROLE_EDITOR },
  { NULL }
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  store_fixture_set_up (&f->base, "masatir-list-XXXXXX", users);
  f->sheets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_SHEETS; i++)
    {
      g_autofree char *json = ms_generate_sheet (1, i, NULL);
      MsProcedure *p = ms_procedure_new_from_data (json, -1, &error);

      g_assert_no_error (error);
      g_ptr_array_add (f->sheets, p);
    }
  items = ms_store_import (f->base.store, "amina", f->sheets, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, N_SHEETS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->sheets, g_ptr_array_unref);
  store_fixture_tear_down (&f->base, data);
}

/* ms_store_list_ids is ms_store_list without the rows: same sheets, same
 * order, same filters. */
static void
test_list_ids (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MsStoreFilter filters[3] = { MS_STORE_FILTER_INIT, MS_STORE_FILTER_INIT, MS_STORE_FILTER_INIT };
  guint n_errors = 0;

  filters[1].has_errors = 1;
  filters[2].state = MS_STATE_DRAFT;
  filters[2].has_errors = 0;
  for (guint k = 0; k < G_N_ELEMENTS (filters); k++)
    {
      g_autoptr(GPtrArray) infos = ms_store_list (f->base.store, &filters[k], &error);
      g_autoptr(GPtrArray) ids = ms_store_list_ids (f->base.store, &filters[k], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, infos->len);
      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpstr (g_ptr_array_index (ids, i), ==, ((MsSheetInfo *) g_ptr_array_index (infos, i))->id);
      if (k == 1)
        n_errors = ids->len;
      if (k == 0)
        g_assert_cmpuint (ids->len, ==, N_SHEETS);
    }
  /* The generator plants violations in some sheets, not in all. */
  g_assert_cmpuint (n_errors, >, 0);
  g_assert_cmpuint (n_errors, <, N_SHEETS);

  /* A subset, by id, in the list's order whatever the order asked. */
  {
    MsProcedure *a = g_ptr_array_index (f->sheets, 7), *b = g_ptr_array_index (f->sheets, 3);
    const char *subset[] = { a->id, b->id, "no-such-sheet", NULL };
    MsStoreFilter filter = MS_STORE_FILTER_INIT;
    g_autoptr(GPtrArray) ids = NULL;

    filter.ids = subset;
    ids = ms_store_list_ids (f->base.store, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
    g_assert_true (g_strcmp0 (a->code, b->code) < 0
                   ? g_str_equal (g_ptr_array_index (ids, 0), a->id)
                   : g_str_equal (g_ptr_array_index (ids, 0), b->id));
  }
}

/* "Waiting for my review": in review, and not shaped by the reviewer. */
static void
test_reviewer (Fixture       *f,
               gconstpointer  data)
{
  MsProcedure *by_amina = NULL;
  MsProcedure *by_karim = NULL;
  g_autoptr(MsProcedure) edited = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  MsStoreFilter filter = MS_STORE_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) for_youssef = NULL;
  g_autoptr(GPtrArray) for_karim = NULL;

  /* Only sheets without errors can be submitted. */
  {
    MsStoreFilter clean = MS_STORE_FILTER_INIT;
    g_autoptr(GPtrArray) ids = NULL;

    clean.has_errors = 0;
    ids = ms_store_list_ids (f->base.store, &clean, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, >=, 2);
    for (guint i = 0; i < f->sheets->len; i++)
      {
        MsProcedure *p = g_ptr_array_index (f->sheets, i);

        if (g_strcmp0 (p->id, g_ptr_array_index (ids, 0)) == 0)
          by_amina = p;
        else if (g_strcmp0 (p->id, g_ptr_array_index (ids, 1)) == 0)
          by_karim = p;
      }
  }
  g_assert_nonnull (by_amina);
  g_assert_nonnull (by_karim);
  edited = ms_procedure_copy (by_karim);
  ms_localized_set (edited->title, MS_LANG_FR, "Titre revu par Karim");
  info = store_save_ok (f->base.store, "karim", edited, 1);
  store_act_ok (f->base.store, "amina", by_amina->id, MS_ACTION_SUBMIT, NULL);
  store_act_ok (f->base.store, "amina", by_karim->id, MS_ACTION_SUBMIT, NULL);

  filter.reviewer = "youssef";
  for_youssef = ms_store_list_ids (f->base.store, &filter, &error);
  g_assert_no_error (error);
  filter.reviewer = "karim";
  for_karim = ms_store_list_ids (f->base.store, &filter, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (for_youssef->len, ==, 2);
  /* Karim saved one of them: the other only. */
  g_assert_cmpuint (for_karim->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (for_karim, 0), ==, by_amina->id);
}

static void
test_get_infos (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = ms_store_list_ids (f->base.store, NULL, NULL);
  const char *asked[4];
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  asked[0] = g_ptr_array_index (ids, 9);
  asked[1] = "no-such-sheet";
  asked[2] = g_ptr_array_index (ids, 2);
  asked[3] = g_ptr_array_index (ids, 300);
  infos = ms_store_get_infos (f->base.store, asked, G_N_ELEMENTS (asked), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 3);
  g_assert_cmpstr (((MsSheetInfo *) g_ptr_array_index (infos, 0))->id, ==, asked[0]);
  g_assert_cmpstr (((MsSheetInfo *) g_ptr_array_index (infos, 1))->id, ==, asked[2]);
  g_assert_cmpstr (((MsSheetInfo *) g_ptr_array_index (infos, 2))->id, ==, asked[3]);
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(MsSheetInfo) one = ms_store_get_sheet_info (f->base.store, info->id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (info->code, ==, one->code);
      g_assert_cmpuint (info->n_errors, ==, one->n_errors);
      g_assert_cmpuint (info->n_warnings, ==, one->n_warnings);
      g_assert_cmpint (info->state, ==, one->state);
    }
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = ms_store_get_infos (f->base.store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 0);
}

static gboolean
contains_id (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

static void
test_changes_since (Fixture       *f,
                    gconstpointer  data)
{
  MsProcedure *p = g_ptr_array_index (f->sheets, 5);
  g_autoptr(MsProcedure) edited = ms_procedure_copy (p);
  g_autoptr(MsProcedure) draft = NULL;
  g_autoptr(MsSheetInfo) created = NULL;
  g_autoptr(MsSheetInfo) saved = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mark = 0, next = 0, again = 0;

  changed = ms_store_changes_since (f->base.store, -1, &mark, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpint (mark, >, 0);
  g_clear_pointer (&changed, g_ptr_array_unref);

  /* Nothing since: nothing. */
  changed = ms_store_changes_since (f->base.store, mark, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpint (next, ==, mark);
  g_clear_pointer (&changed, g_ptr_array_unref);

  ms_localized_set (edited->title, MS_LANG_FR, "Un autre titre");
  saved = store_save_ok (f->base.store, "amina", edited, 1);
  draft = ms_procedure_new_draft (NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  created = ms_store_create_draft (f->base.store, "amina", draft, &error);
  g_assert_no_error (error);
  changed = ms_store_changes_since (f->base.store, mark, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_true (contains_id (changed, p->id));
  g_assert_true (contains_id (changed, created->id));
  g_assert_cmpint (next, >, mark);
  g_clear_pointer (&changed, g_ptr_array_unref);

  /* A deletion is a change too. */
  g_assert_true (ms_store_delete_draft (f->base.store, "amina", created->id, &error));
  g_assert_no_error (error);
  changed = ms_store_changes_since (f->base.store, next, &again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, created->id);
  g_assert_cmpint (again, >, next);
}

typedef struct {
  guint position, removed, added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static void
test_sheet_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MsSheetList) list = ms_sheet_list_new (f->base.store);
  g_autoptr(GPtrArray) infos = ms_store_list (f->base.store, NULL, NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (list);
  guint n_reads;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (ms_sheet_list_set_query (list, NULL, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_SHEETS);
  g_assert_cmpuint (changes->len, ==, 1);
  /* Knowing the rows reads none of them. */
  g_assert_cmpuint (ms_sheet_list_get_n_reads (list), ==, 0);

  /* One row: its page only. */
  {
    g_autoptr(MsSheetRow) row = g_list_model_get_item (model, MS_SHEET_LIST_PAGE_SIZE + 3);
    MsSheetInfo *info = g_ptr_array_index (infos, MS_SHEET_LIST_PAGE_SIZE + 3);

    g_assert_true (ms_sheet_row_is_loaded (row));
    g_assert_cmpstr (ms_sheet_row_get_id (row), ==, info->id);
    g_assert_cmpstr (ms_sheet_row_get_info (row)->code, ==, info->code);
    g_assert_cmpuint (ms_sheet_row_get_info (row)->n_errors, ==, info->n_errors);
    g_assert_cmpuint (ms_sheet_list_get_n_reads (list), ==, 1);
  }
  /* Every row, in order, each page read once. */
  for (guint i = 0; i < N_SHEETS; i++)
    {
      g_autoptr(MsSheetRow) row = g_list_model_get_item (model, i);

      g_assert_cmpstr (ms_sheet_row_get_id (row), ==, ((MsSheetInfo *) g_ptr_array_index (infos, i))->id);
      g_assert_cmpuint (ms_sheet_list_find (list, ms_sheet_row_get_id (row)), ==, i);
    }
  g_assert_null (g_list_model_get_item (model, N_SHEETS));
  n_reads = ms_sheet_list_get_n_reads (list);
  g_assert_cmpuint (n_reads, ==, (N_SHEETS + MS_SHEET_LIST_PAGE_SIZE - 1) / MS_SHEET_LIST_PAGE_SIZE);
  g_assert_cmpuint (ms_sheet_list_get_n_cached (list), <=, MS_SHEET_LIST_MAX_PAGES);
  g_assert_cmpuint (ms_sheet_list_find (list, "no-such-sheet"), ==, G_MAXUINT);

  /* A filter: the store's. */
  {
    MsStoreFilter filter = MS_STORE_FILTER_INIT;
    g_autoptr(GPtrArray) errored = NULL;

    filter.has_errors = 1;
    errored = ms_store_list_ids (f->base.store, &filter, NULL);
    g_assert_true (ms_sheet_list_set_query (list, &filter, NULL, 0, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, errored->len);
    for (guint i = 0; i < errored->len; i++)
      {
        g_autoptr(MsSheetRow) row = g_list_model_get_item (model, i);

        g_assert_cmpuint (ms_sheet_row_get_info (row)->n_errors, >, 0);
      }
    g_assert_true (ms_sheet_list_set_query (list, NULL, NULL, 0, &error));
  }

  /* A sheet saved: its row again, in its place, one change. */
  {
    MsProcedure *p = g_ptr_array_index (f->sheets, 11);
    g_autoptr(MsProcedure) edited = ms_procedure_copy (p);
    g_autoptr(MsSheetInfo) saved = NULL;
    g_autoptr(MsSheetRow) row = NULL;
    const char *changed[] = { p->id, NULL };
    guint position = ms_sheet_list_find (list, p->id);
    Change *c;

    ms_localized_set (edited->title, MS_LANG_FR, "Titre changé");
    saved = store_save_ok (f->base.store, "amina", edited, 1);
    g_array_set_size (changes, 0);
    g_assert_true (ms_sheet_list_reload (list, changed, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changes->len, ==, 1);
    c = &g_array_index (changes, Change, 0);
    g_assert_cmpuint (c->position, ==, position);
    g_assert_cmpuint (c->removed, ==, 1);
    g_assert_cmpuint (c->added, ==, 1);
    row = g_list_model_get_item (model, position);
    g_assert_cmpstr (ms_localized_get (ms_sheet_row_get_info (row)->title, MS_LANG_FR), ==, "Titre changé");
  }

  /* A new sheet: one row added where its code sorts. */
  {
    g_autoptr(MsProcedure) draft = ms_procedure_new_draft (NULL, NULL, NULL, &error);
    g_autoptr(MsSheetInfo) created = NULL;
    Change *c;

    g_assert_no_error (error);
    created = ms_store_create_draft (f->base.store, "amina", draft, &error);
    g_assert_no_error (error);
    g_array_set_size (changes, 0);
    g_assert_true (ms_sheet_list_reload (list, NULL, &error));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_SHEETS + 1);
    g_assert_cmpuint (changes->len, ==, 1);
    c = &g_array_index (changes, Change, 0);
    g_assert_cmpuint (c->position, ==, ms_sheet_list_find (list, created->id));
    g_assert_cmpuint (c->removed, ==, 0);
    g_assert_cmpuint (c->added, ==, 1);
  }
}

/* The cache is bounded: the least recently read page goes first, and a
 * page read again is the same rows. */
static void
test_sheet_list_cache (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MsSheetList) list = ms_sheet_list_new (f->base.store);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetRow) first = NULL;
  g_autoptr(MsSheetRow) again = NULL;

  g_assert_true (ms_sheet_list_set_query (list, NULL, NULL, 0, &error));
  ms_sheet_list_set_max_pages (list, 2);
  first = g_list_model_get_item (model, 0);
  for (guint i = 0; i < N_SHEETS; i++)
    {
      g_autoptr(MsSheetRow) row = g_list_model_get_item (model, i);

      g_assert_true (ms_sheet_row_is_loaded (row));
      g_assert_cmpuint (ms_sheet_list_get_n_cached (list), <=, 2);
    }
  g_assert_cmpuint (ms_sheet_list_get_n_reads (list), ==, 4);
  /* Page 0 went: read again, into other objects holding the same row. */
  again = g_list_model_get_item (model, 0);
  g_assert_cmpuint (ms_sheet_list_get_n_reads (list), ==, 5);
  g_assert_true (again != first);
  g_assert_cmpstr (ms_sheet_row_get_id (again), ==, ms_sheet_row_get_id (first));
  /* The last page, still kept, and page 0, just read: nothing more read. */
  g_clear_object (&again);
  again = g_list_model_get_item (model, N_SHEETS - 1);
  g_clear_object (&again);
  again = g_list_model_get_item (model, 1);
  g_assert_cmpuint (ms_sheet_list_get_n_reads (list), ==, 5);
}

/* A view's count of the rows, kept from the changes alone: it must agree
 * with the list at each change. */
static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *n)
{
  g_assert_cmpuint (position + removed, <=, *n);
  *n = *n - removed + added;
  g_assert_cmpuint (*n, ==, g_list_model_get_n_items (model));
}

static void
test_sheet_list_search (Fixture       *f,
                        gconstpointer  data)
{
  guint n_counted = 0;
  g_autoptr(MsSheetList) list = ms_sheet_list_new (f->base.store);
  MsProcedure *p = g_ptr_array_index (f->sheets, 42);
  const char *title = ms_procedure_get_title (p, MS_LANG_FR);
  g_autoptr(GPtrArray) found = ms_store_search (f->base.store, title, NULL, 20, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (list);

  g_assert_cmpuint (found->len, >, 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_cb), &n_counted);
  g_assert_true (ms_sheet_list_set_query (list, NULL, title, 20, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, found->len);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(MsSheetRow) row = g_list_model_get_item (model, i);
      MsSheetInfo *info = g_ptr_array_index (found, i);

      g_assert_cmpstr (ms_sheet_row_get_id (row), ==, info->id);
      g_assert_cmpstr (ms_sheet_row_get_info (row)->snippet, ==, info->snippet);
    }
  /* The results came with their rows: nothing more read. */
  g_assert_cmpuint (ms_sheet_list_get_n_reads (list), ==, 0);
  g_assert_cmpuint (ms_sheet_list_find (list, p->id), !=, G_MAXUINT);

  /* Another search finding the same sheet: the same row (a view keeps
   * what it drew), with the new search's snippet. */
  {
    g_autoptr(MsSheetRow) before = g_list_model_get_item (model, ms_sheet_list_find (list, p->id));
    g_autoptr(MsSheetRow) after = NULL;
    g_autofree char *code_search = g_strdup (p->code);
    g_autoptr(GPtrArray) by_code = ms_store_search (f->base.store, code_search, NULL, 20, NULL);

    g_assert_true (ms_sheet_list_set_query (list, NULL, code_search, 20, &error));
    g_assert_cmpuint (ms_sheet_list_find (list, p->id), !=, G_MAXUINT);
    after = g_list_model_get_item (model, ms_sheet_list_find (list, p->id));
    g_assert_true (after == before);
    for (guint i = 0; i < by_code->len; i++)
      if (g_str_equal (((MsSheetInfo *) g_ptr_array_index (by_code, i))->id, p->id))
        g_assert_cmpstr (ms_sheet_row_get_info (after)->snippet, ==,
                         ((MsSheetInfo *) g_ptr_array_index (by_code, i))->snippet);
  }

  /* The search cleared: every sheet again, in the list's order. */
  {
    g_autoptr(GPtrArray) all = ms_store_list_ids (f->base.store, NULL, NULL);

    g_assert_true (ms_sheet_list_set_query (list, NULL, NULL, 0, &error));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, all->len);
    for (guint i = 0; i < all->len; i++)
      g_assert_cmpstr (ms_sheet_list_get_id (list, i), ==, g_ptr_array_index (all, i));
  }

  /* Searching, then the catalog changes: cleared, the search shows it. */
  {
    g_autoptr(MsProcedure) draft = ms_procedure_new_draft (NULL, NULL, NULL, &error);
    g_autoptr(MsSheetInfo) created = NULL;

    g_assert_true (ms_sheet_list_set_query (list, NULL, title, 20, &error));
    created = ms_store_create_draft (f->base.store, "amina", draft, &error);
    g_assert_no_error (error);
    g_assert_true (ms_sheet_list_reload (list, NULL, &error));
    g_assert_true (ms_sheet_list_set_query (list, NULL, NULL, 0, &error));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_SHEETS + 1);
    g_assert_cmpuint (ms_sheet_list_find (list, created->id), !=, G_MAXUINT);
  }

  g_assert_cmpuint (n_counted, ==, g_list_model_get_n_items (model));

  /* Another filter while searching: cleared, that filter's sheets. */
  {
    MsStoreFilter filter = MS_STORE_FILTER_INIT;
    g_autoptr(GPtrArray) errored = NULL;

    filter.has_errors = 1;
    errored = ms_store_list_ids (f->base.store, &filter, NULL);
    g_assert_true (ms_sheet_list_set_query (list, NULL, title, 20, &error));
    g_assert_true (ms_sheet_list_set_query (list, &filter, title, 20, &error));
    g_assert_true (ms_sheet_list_set_query (list, &filter, NULL, 0, &error));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, errored->len);
  }
}

/* A catalog in memory: what a folder of sheets is shown through. */
static void
test_memory_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsStore) store = MS_STORE (ms_sqlite_store_open (MS_SQLITE_STORE_MEMORY, 0, &error));
  g_autoptr(GPtrArray) ids = NULL;

  g_assert_no_error (error);
  g_assert_false (g_file_test (MS_SQLITE_STORE_MEMORY, G_FILE_TEST_EXISTS));
  store_add_user (store, "root", "admin", MS_ROLE_ADMIN);
  ids = ms_store_list_ids (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-list/list-ids", test_list_ids);
  ADD ("/store-list/reviewer", test_reviewer);
  ADD ("/store-list/get-infos", test_get_infos);
  ADD ("/store-list/changes-since", test_changes_since);
  ADD ("/store-list/sheet-list", test_sheet_list);
  ADD ("/store-list/sheet-list-cache", test_sheet_list_cache);
  ADD ("/store-list/sheet-list-search", test_sheet_list_search);
#undef ADD
  g_test_add_func ("/store-list/memory", test_memory_store);

  return g_test_run ();
}
