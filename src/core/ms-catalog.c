/* ms-catalog.c — a list of sheets with their workflow state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-catalog.h"
#include "ms-core-error.h"

struct _MsCatalogEntry
{
  GObject      parent_instance;
  MsProcedure *procedure;
  MsState      state;
  char        *source;
};

G_DEFINE_FINAL_TYPE (MsCatalogEntry, ms_catalog_entry, G_TYPE_OBJECT)

static void
ms_catalog_entry_finalize (GObject *object)
{
  MsCatalogEntry *self = MS_CATALOG_ENTRY (object);

  g_clear_object (&self->procedure);
  g_free (self->source);

  G_OBJECT_CLASS (ms_catalog_entry_parent_class)->finalize (object);
}

static void
ms_catalog_entry_class_init (MsCatalogEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_catalog_entry_finalize;
}

static void
ms_catalog_entry_init (MsCatalogEntry *self)
{
}

MsCatalogEntry *
ms_catalog_entry_new (MsProcedure *procedure,
                      MsState      state,
                      const char  *source)
{
  MsCatalogEntry *self;

  g_return_val_if_fail (MS_IS_PROCEDURE (procedure), NULL);
  g_return_val_if_fail (state < MS_N_STATES, NULL);

  self = g_object_new (MS_TYPE_CATALOG_ENTRY, NULL);
  self->procedure = g_object_ref (procedure);
  self->state = state;
  self->source = g_strdup (source);
  return self;
}

MsProcedure *
ms_catalog_entry_get_procedure (MsCatalogEntry *self)
{
  g_return_val_if_fail (MS_IS_CATALOG_ENTRY (self), NULL);
  return self->procedure;
}

MsState
ms_catalog_entry_get_state (MsCatalogEntry *self)
{
  g_return_val_if_fail (MS_IS_CATALOG_ENTRY (self), MS_STATE_DRAFT);
  return self->state;
}

const char *
ms_catalog_entry_get_source (MsCatalogEntry *self)
{
  g_return_val_if_fail (MS_IS_CATALOG_ENTRY (self), NULL);
  return self->source;
}

struct _MsCatalog
{
  GObject    parent_instance;
  GPtrArray *entries;     /* MsCatalogEntry*, sorted by code then id */
};

static GType
ms_catalog_get_item_type (GListModel *model)
{
  return MS_TYPE_CATALOG_ENTRY;
}

static guint
ms_catalog_get_n_items (GListModel *model)
{
  return MS_CATALOG (model)->entries->len;
}

static gpointer
ms_catalog_get_item (GListModel *model,
                     guint       position)
{
  MsCatalog *self = MS_CATALOG (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ms_catalog_get_item_type;
  iface->get_n_items = ms_catalog_get_n_items;
  iface->get_item = ms_catalog_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MsCatalog, ms_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
ms_catalog_finalize (GObject *object)
{
  g_clear_pointer (&MS_CATALOG (object)->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (ms_catalog_parent_class)->finalize (object);
}

static void
ms_catalog_class_init (MsCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_catalog_finalize;
}

static void
ms_catalog_init (MsCatalog *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

MsCatalog *
ms_catalog_new (void)
{
  return g_object_new (MS_TYPE_CATALOG, NULL);
}

static int
compare_entries (MsCatalogEntry *a,
                 MsCatalogEntry *b)
{
  int cmp = g_strcmp0 (a->procedure->code, b->procedure->code);

  return cmp != 0 ? cmp : g_strcmp0 (a->procedure->id, b->procedure->id);
}

static guint
insertion_point (MsCatalog      *self,
                 MsCatalogEntry *entry)
{
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (g_ptr_array_index (self->entries, mid), entry) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Adding a sheet whose id is already there replaces it. */
void
ms_catalog_add (MsCatalog      *self,
                MsCatalogEntry *entry)
{
  guint old, position;

  g_return_if_fail (MS_IS_CATALOG (self));
  g_return_if_fail (MS_IS_CATALOG_ENTRY (entry));

  if ((old = ms_catalog_find_position (self, entry->procedure->id)) != G_MAXUINT)
    {
      MsCatalogEntry *before = g_ptr_array_index (self->entries, old);

      /* Same code, same place: one change, so that a list showing it keeps
       * its row, its scroll and its selection where they were. */
      if (compare_entries (before, entry) == 0)
        {
          g_ptr_array_index (self->entries, old) = g_object_ref (entry);
          g_object_unref (before);
          g_list_model_items_changed (G_LIST_MODEL (self), old, 1, 1);
          return;
        }
      g_ptr_array_remove_index (self->entries, old);
      g_list_model_items_changed (G_LIST_MODEL (self), old, 1, 0);
    }
  position = insertion_point (self, entry);
  g_ptr_array_insert (self->entries, position, g_object_ref (entry));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* Removes the entry of sheet @id; FALSE when there is none. */
gboolean
ms_catalog_remove (MsCatalog  *self,
                   const char *id)
{
  guint position;

  g_return_val_if_fail (MS_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((position = ms_catalog_find_position (self, id)) == G_MAXUINT)
    return FALSE;

  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}

guint
ms_catalog_find_position (MsCatalog  *self,
                          const char *id)
{
  g_return_val_if_fail (MS_IS_CATALOG (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  for (guint i = 0; i < self->entries->len; i++)
    {
      MsCatalogEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->procedure->id, id) == 0)
        return i;
    }
  return G_MAXUINT;
}

MsCatalogEntry *
ms_catalog_find (MsCatalog  *self,
                 const char *id)
{
  guint position = ms_catalog_find_position (self, id);

  return position == G_MAXUINT ? NULL : g_ptr_array_index (self->entries, position);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
ms_catalog_load_directory (MsCatalog   *self,
                           const char  *dir,
                           GPtrArray  **problems,
                           GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_return_val_if_fail (MS_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (!(d = g_dir_open (dir, 0, &local_error)))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
                   _("Cannot open the catalog folder: %s"), local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) file_error = NULL;
      g_autoptr(MsProcedure) procedure = ms_procedure_new_from_file (path, &file_error);
      g_autoptr(MsCatalogEntry) entry = NULL;

      if (procedure == NULL)
        {
          g_ptr_array_add (found, g_strdup_printf ("%s: %s", file, file_error->message));
          continue;
        }
      if (ms_catalog_find (self, procedure->id) != NULL)
        {
          g_ptr_array_add (found, g_strdup_printf (_("%s: another file has the same id %s"),
                                                   file, procedure->id));
          continue;
        }
      entry = ms_catalog_entry_new (procedure, MS_STATE_DRAFT, path);
      ms_catalog_add (self, entry);
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;
}
