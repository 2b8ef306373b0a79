/* ms-sheet-list.c — a store's sheets as a GListModel read in pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-sheet-list"

#include "config.h"

#include <string.h>

#include "ms-sheet-list.h"

struct _MsSheetRow
{
  GObject      parent_instance;
  MsSheetInfo *info;
  gboolean     loaded;
};

G_DEFINE_FINAL_TYPE (MsSheetRow, ms_sheet_row, G_TYPE_OBJECT)

static void
ms_sheet_row_finalize (GObject *object)
{
  g_clear_pointer (&MS_SHEET_ROW (object)->info, ms_sheet_info_free);

  G_OBJECT_CLASS (ms_sheet_row_parent_class)->finalize (object);
}

static void
ms_sheet_row_class_init (MsSheetRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_sheet_row_finalize;
}

static void
ms_sheet_row_init (MsSheetRow *self)
{
}

/* Takes @info. */
static MsSheetRow *
row_new (MsSheetInfo *info,
         gboolean     loaded)
{
  MsSheetRow *self = g_object_new (MS_TYPE_SHEET_ROW, NULL);

  self->info = info;
  self->loaded = loaded;
  return self;
}

static MsSheetRow *
row_new_missing (const char *id)
{
  MsSheetInfo *info = g_new0 (MsSheetInfo, 1);

  info->id = g_strdup (id);
  info->title = ms_localized_new ();
  return row_new (info, FALSE);
}

const MsSheetInfo *
ms_sheet_row_get_info (MsSheetRow *self)
{
  g_return_val_if_fail (MS_IS_SHEET_ROW (self), NULL);
  return self->info;
}

const char *
ms_sheet_row_get_id (MsSheetRow *self)
{
  g_return_val_if_fail (MS_IS_SHEET_ROW (self), NULL);
  return self->info->id;
}

MsState
ms_sheet_row_get_state (MsSheetRow *self)
{
  g_return_val_if_fail (MS_IS_SHEET_ROW (self), MS_STATE_DRAFT);
  return self->info->state;
}

gboolean
ms_sheet_row_is_loaded (MsSheetRow *self)
{
  g_return_val_if_fail (MS_IS_SHEET_ROW (self), FALSE);
  return self->loaded;
}

/* The list {{{1 */

typedef struct {
  GPtrArray *rows;    /* MsSheetRow*, the page's, in order */
  guint64    used;    /* when last read: the least recent goes first */
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->rows);
  g_free (page);
}

struct _MsSheetList
{
  GObject        parent_instance;
  MsStore       *store;
  GPtrArray     *ids;         /* char*, the rows in order */
  GHashTable    *positions;   /* id → position + 1, built when asked, NULL when stale */
  GHashTable    *pages;       /* page number → Page* */
  guint64        clock;
  guint          n_reads;
  guint          n_gets;
  guint          max_pages;
  guint          n_between;   /* the length told during a change in two, else G_MAXUINT */

  /* The query, copied. */
  gboolean       has_query;
  MsStoreFilter  filter;
  char          *administration;
  char          *audience;
  char          *theme;
  GStrv          subset;
  char          *reviewer;
  char          *search;
  guint          limit;
  /* The ids of the query without its search, kept while searching: the
   * list they come back to when the search is cleared (they cost a query
   * of every id on a large catalog). NULL when unknown or stale. */
  GPtrArray     *unsearched;
};

static GType
ms_sheet_list_get_item_type (GListModel *model)
{
  return MS_TYPE_SHEET_ROW;
}

static guint
ms_sheet_list_get_n_items (GListModel *model)
{
  MsSheetList *self = MS_SHEET_LIST (model);

  return MIN (self->ids->len, self->n_between);
}

static void
evict (MsSheetList *self)
{
  while (g_hash_table_size (self->pages) > self->max_pages)
    {
      GHashTableIter iter;
      gpointer key, value, oldest = NULL;
      guint64 used = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Page *) value)->used < used)
          {
            used = ((Page *) value)->used;
            oldest = key;
          }
      g_hash_table_remove (self->pages, oldest);
    }
}

/* Reads page @number from the store. Rows that cannot be read are rows
 * with an id only; a page that failed whole is not kept. */
static Page *
read_page (MsSheetList *self,
           guint        number)
{
  guint first = number * MS_SHEET_LIST_PAGE_SIZE;
  guint n = MIN (MS_SHEET_LIST_PAGE_SIZE, self->ids->len - first);
  const char * const *ids = (const char * const *) self->ids->pdata + first;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  Page *page = g_new0 (Page, 1);
  guint taken = 0;

  self->n_reads++;
  page->rows = g_ptr_array_new_full (n, g_object_unref);
  if (!(infos = ms_store_get_infos (self->store, ids, n, &error)))
    g_message ("Cannot read the rows %u to %u of the list: %s", first, first + n, error->message);
  /* The infos come in the order of the ids, without those not found. */
  for (guint i = 0; i < n; i++)
    {
      MsSheetInfo *info = infos != NULL && taken < infos->len ? g_ptr_array_index (infos, taken) : NULL;

      if (info != NULL && strcmp (info->id, ids[i]) == 0)
        {
          infos->pdata[taken++] = NULL;
          g_ptr_array_add (page->rows, row_new (info, TRUE));
        }
      else
        g_ptr_array_add (page->rows, row_new_missing (ids[i]));
    }
  if (infos == NULL)
    return page;
  /* The newest: the others go first. */
  page->used = ++self->clock;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
  evict (self);
  return page;
}

static gpointer
ms_sheet_list_get_item (GListModel *model,
                        guint       position)
{
  MsSheetList *self = MS_SHEET_LIST (model);
  guint number = position / MS_SHEET_LIST_PAGE_SIZE;
  Page *page;
  gpointer row;

  self->n_gets++;
  if (position >= MIN (self->ids->len, self->n_between))
    return NULL;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  if (page == NULL)
    {
      page = read_page (self, number);
      if (g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number)) != page)
        {
          /* Not kept: the row is the caller's alone. */
          row = g_object_ref (g_ptr_array_index (page->rows, position % MS_SHEET_LIST_PAGE_SIZE));
          page_free (page);
          return row;
        }
    }
  page->used = ++self->clock;
  return g_object_ref (g_ptr_array_index (page->rows, position % MS_SHEET_LIST_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ms_sheet_list_get_item_type;
  iface->get_n_items = ms_sheet_list_get_n_items;
  iface->get_item = ms_sheet_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MsSheetList, ms_sheet_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
clear_query (MsSheetList *self)
{
  g_clear_pointer (&self->administration, g_free);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->theme, g_free);
  g_clear_pointer (&self->subset, g_strfreev);
  g_clear_pointer (&self->reviewer, g_free);
  g_clear_pointer (&self->search, g_free);
}

static void
ms_sheet_list_finalize (GObject *object)
{
  MsSheetList *self = MS_SHEET_LIST (object);

  clear_query (self);
  g_clear_pointer (&self->unsearched, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ms_sheet_list_parent_class)->finalize (object);
}

static void
ms_sheet_list_class_init (MsSheetListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_sheet_list_finalize;
}

static void
ms_sheet_list_init (MsSheetList *self)
{
  static const MsStoreFilter no_filter = MS_STORE_FILTER_INIT;

  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->filter = no_filter;
  self->max_pages = MS_SHEET_LIST_MAX_PAGES;
  self->n_between = G_MAXUINT;
}

MsSheetList *
ms_sheet_list_new (MsStore *store)
{
  MsSheetList *self;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);

  self = g_object_new (MS_TYPE_SHEET_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

MsStore *
ms_sheet_list_get_store (MsSheetList *self)
{
  g_return_val_if_fail (MS_IS_SHEET_LIST (self), NULL);
  return self->store;
}

/* The search's rows come with their infos (and snippets): kept as pages. */
static GPtrArray *
read_ids (MsSheetList  *self,
          GPtrArray   **search_infos,
          GError      **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  GPtrArray *ids;

  if (self->search == NULL)
    {
      if (self->unsearched != NULL)
        return g_steal_pointer (&self->unsearched);
      return ms_store_list_ids (self->store, &self->filter, error);
    }

  if (!(infos = ms_store_search (self->store, self->search, &self->filter, self->limit, error)))
    return NULL;
  ids = g_ptr_array_new_full (infos->len, g_free);
  for (guint i = 0; i < infos->len; i++)
    g_ptr_array_add (ids, g_strdup (((MsSheetInfo *) g_ptr_array_index (infos, i))->id));
  *search_infos = g_steal_pointer (&infos);
  return ids;
}

/* Takes @ids: the rows now. The common beginning and end keep their
 * rows, and their place in a view; the rest is one change. */
static void
replace_ids (MsSheetList        *self,
             GPtrArray          *ids,
             GPtrArray          *search_infos,
             const char * const *changed)
{
  g_autoptr(GPtrArray) old = self->ids;
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  guint prefix = 0, suffix = 0;
  guint n_old = old->len, n_new = ids->len;

  while (prefix < n_old && prefix < n_new
         && strcmp (g_ptr_array_index (old, prefix), g_ptr_array_index (ids, prefix)) == 0)
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && strcmp (g_ptr_array_index (old, n_old - 1 - suffix),
                    g_ptr_array_index (ids, n_new - 1 - suffix)) == 0)
    suffix++;

  /* The rows that keep their place but changed, read again. */
  if (changed != NULL && changed[0] != NULL)
    {
      g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; changed[i] != NULL; i++)
        g_hash_table_add (set, (gpointer) changed[i]);
      for (guint i = 0; i < n_new; i++)
        if ((i < prefix || i >= n_new - suffix) && g_hash_table_contains (set, g_ptr_array_index (ids, i)))
          g_array_append_val (moved, i);
    }

  /* The rows read already that stay the same, kept as they are (a view
   * keeps what it drew for them): only their snippet follows the search. */
  if (search_infos != NULL)
    {
      GHashTableIter iter;
      gpointer page;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, &page))
        for (guint i = 0; i < ((Page *) page)->rows->len; i++)
          {
            MsSheetRow *row = g_ptr_array_index (((Page *) page)->rows, i);

            if (row->loaded)
              g_hash_table_insert (kept, row->info->id, g_object_ref (row));
          }
    }

  self->ids = ids;
  g_clear_pointer (&self->positions, g_hash_table_unref);
  /* Pages are cut by position: after a change in the middle, those past
   * it hold other rows. */
  if (prefix != n_old || n_old != n_new || search_infos != NULL)
    g_hash_table_remove_all (self->pages);
  else
    for (guint i = 0; i < moved->len; i++)
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (g_array_index (moved, guint, i) / MS_SHEET_LIST_PAGE_SIZE));

  /* A search's results are read already: its first pages. */
  for (guint first = 0; search_infos != NULL && first < search_infos->len; first += MS_SHEET_LIST_PAGE_SIZE)
    {
      Page *page = g_new0 (Page, 1);
      guint n = MIN (MS_SHEET_LIST_PAGE_SIZE, search_infos->len - first);

      page->rows = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = first; i < first + n; i++)
        {
          MsSheetInfo *info = g_steal_pointer (&search_infos->pdata[i]);
          MsSheetRow *row = g_hash_table_lookup (kept, info->id);

          if (row != NULL && row->info->revision == info->revision && row->info->state == info->state
              && g_strcmp0 (row->info->sha256, info->sha256) == 0)
            {
              g_free (row->info->snippet);
              row->info->snippet = g_steal_pointer (&info->snippet);
              ms_sheet_info_free (info);
              g_ptr_array_add (page->rows, g_object_ref (row));
            }
          else
            g_ptr_array_add (page->rows, row_new (info, TRUE));
        }
      page->used = ++self->clock;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (first / MS_SHEET_LIST_PAGE_SIZE), page);
    }

  if (prefix != n_old || prefix != n_new)
    {
      guint removed = n_old - prefix - suffix, added = n_new - prefix - suffix;

      /* A view (GTK's list item manager) looks for the rows it drew among
       * the rows added, reading each: many rows added in place of drawn
       * ones (a search cleared on 100,000 sheets) are said as two changes,
       * so that it reads only those it draws. */
      if (removed > 0 && suffix == 0 && added > 2 * MS_SHEET_LIST_PAGE_SIZE)
        {
          /* Between the two, the list is its common beginning. */
          self->n_between = prefix;
          g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
          self->n_between = G_MAXUINT;
          g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
        }
      else
        g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }
  for (guint i = 0; i < moved->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (moved, guint, i), 1, 1);
}

static gboolean
same_filter (MsSheetList         *self,
             const MsStoreFilter *filter)
{
  const char * const *a = self->filter.ids, * const *b = filter->ids;

  if (!self->has_query || self->filter.state != filter->state
      || self->filter.has_errors != filter->has_errors
      || g_strcmp0 (self->filter.administration, filter->administration) != 0
      || g_strcmp0 (self->filter.audience, filter->audience) != 0
      || g_strcmp0 (self->filter.theme, filter->theme) != 0
      || g_strcmp0 (self->filter.reviewer, filter->reviewer) != 0
      || (a == NULL) != (b == NULL))
    return FALSE;
  return a == NULL || g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
ms_sheet_list_set_query (MsSheetList         *self,
                         const MsStoreFilter *filter,
                         const char          *search,
                         guint                limit,
                         GError             **error)
{
  static const MsStoreFilter no_filter = MS_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) search_infos = NULL;
  GPtrArray *ids;
  gint64 started = g_get_monotonic_time (), read;
  guint n_reads, n_gets;

  g_return_val_if_fail (MS_IS_SHEET_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (filter == NULL)
    filter = &no_filter;
  /* Typing a search keeps the list without it, for when it is cleared;
   * another filter makes it stale. */
  if (!same_filter (self, filter))
    g_clear_pointer (&self->unsearched, g_ptr_array_unref);
  else if (self->search == NULL && search != NULL && self->has_query)
    {
      g_clear_pointer (&self->unsearched, g_ptr_array_unref);
      self->unsearched = g_ptr_array_ref (self->ids);
    }
  clear_query (self);
  self->filter = *filter;
  self->filter.administration = self->administration = g_strdup (filter->administration);
  self->filter.audience = self->audience = g_strdup (filter->audience);
  self->filter.theme = self->theme = g_strdup (filter->theme);
  self->subset = g_strdupv ((GStrv) filter->ids);
  self->filter.ids = (const char * const *) self->subset;
  self->filter.reviewer = self->reviewer = g_strdup (filter->reviewer);
  self->search = g_strdup (search);
  self->limit = limit;
  self->has_query = TRUE;

  if (!(ids = read_ids (self, &search_infos, error)))
    return FALSE;
  read = g_get_monotonic_time ();
  n_reads = self->n_reads;
  n_gets = self->n_gets;
  replace_ids (self, ids, search_infos, NULL);
  g_debug ("Query: %u ids read in %.1f ms, shown in %.1f ms (%u rows asked, %u pages read)", ids->len,
           (read - started) / 1000.0, (g_get_monotonic_time () - read) / 1000.0,
           self->n_gets - n_gets, self->n_reads - n_reads);
  return TRUE;
}

gboolean
ms_sheet_list_reload (MsSheetList         *self,
                      const char * const  *changed,
                      GError             **error)
{
  g_autoptr(GPtrArray) search_infos = NULL;
  GPtrArray *ids;

  g_return_val_if_fail (MS_IS_SHEET_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->has_query)
    return TRUE;
  /* The catalog changed: the list without the search too. */
  g_clear_pointer (&self->unsearched, g_ptr_array_unref);
  if (!(ids = read_ids (self, &search_infos, error)))
    return FALSE;
  replace_ids (self, ids, search_infos, changed);
  return TRUE;
}

guint
ms_sheet_list_find (MsSheetList *self,
                    const char  *id)
{
  gpointer found;

  g_return_val_if_fail (MS_IS_SHEET_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < self->ids->len; i++)
        g_hash_table_insert (self->positions, g_ptr_array_index (self->ids, i), GUINT_TO_POINTER (i + 1));
    }
  found = g_hash_table_lookup (self->positions, id);
  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : G_MAXUINT;
}

const char *
ms_sheet_list_get_id (MsSheetList *self,
                      guint        position)
{
  g_return_val_if_fail (MS_IS_SHEET_LIST (self), NULL);
  return position < self->ids->len ? g_ptr_array_index (self->ids, position) : NULL;
}

guint
ms_sheet_list_get_n_reads (MsSheetList *self)
{
  g_return_val_if_fail (MS_IS_SHEET_LIST (self), 0);
  return self->n_reads;
}

void
ms_sheet_list_set_max_pages (MsSheetList *self,
                             guint        max_pages)
{
  g_return_if_fail (MS_IS_SHEET_LIST (self));
  g_return_if_fail (max_pages > 0);

  self->max_pages = max_pages;
  evict (self);
}

guint
ms_sheet_list_get_n_cached (MsSheetList *self)
{
  g_return_val_if_fail (MS_IS_SHEET_LIST (self), 0);
  return g_hash_table_size (self->pages);
}
