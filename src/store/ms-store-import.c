/* ms-store-import.c — importing one file into a store, with its report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ms-core-error.h"
#include "ms-portal.h"
#include "ms-store-import.h"

static MsImportLine *
line_new (const char       *file,
          MsImportLineKind  kind,
          const char       *message)
{
  MsImportLine *line = g_new0 (MsImportLine, 1);

  line->file = g_strdup (file);
  line->kind = kind;
  line->message = g_strdup (message);
  return line;
}

GPtrArray *
ms_store_import_file (MsStore         *store,
                      const char      *actor,
                      const char      *path,
                      MsImportFormat   format,
                      GPtrArray      **refusals,
                      GError         **error)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_line_free);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && path != NULL, NULL);

  if (refusals != NULL)
    *refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_line_free);

  sheets = format == MS_IMPORT_FORMAT_PORTAL ? ms_portal_map_file (path, notes, &local_error)
                                             : ms_procedure_list_from_file (path, &problems, &local_error);
  if (sheets == NULL)
    {
      if (refusals != NULL && !g_error_matches (local_error, MS_CORE_ERROR, MS_CORE_ERROR_IO))
        {
          if (problems == NULL || problems->len == 0)
            g_ptr_array_add (*refusals, line_new (path, MS_IMPORT_LINE_REFUSED, local_error->message));
          for (guint p = 0; problems != NULL && p < problems->len; p++)
            g_ptr_array_add (*refusals, line_new (path, MS_IMPORT_LINE_REFUSED, g_ptr_array_index (problems, p)));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!(items = ms_store_import (store, actor, sheets, error)))
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      MsImportItem *item = g_ptr_array_index (items, i);
      MsImportLine *line = line_new (path, item->outcome == MS_IMPORT_CREATED ? MS_IMPORT_LINE_CREATED
                                           : item->outcome == MS_IMPORT_UPDATED ? MS_IMPORT_LINE_UPDATED
                                           : MS_IMPORT_LINE_UNCHANGED, NULL);

      line->id = g_strdup (item->id);
      line->code = g_strdup (item->code);
      line->revision = item->revision;
      g_ptr_array_add (lines, line);
    }
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_add (lines, line_new (path, MS_IMPORT_LINE_NOT_MAPPED, g_ptr_array_index (notes, i)));
  return g_steal_pointer (&lines);
}

const char *
ms_import_line_kind_to_label (MsImportLineKind kind)
{
  switch (kind)
    {
    case MS_IMPORT_LINE_CREATED: return _("created");
    case MS_IMPORT_LINE_UPDATED: return _("updated");
    case MS_IMPORT_LINE_UNCHANGED: return _("unchanged");
    case MS_IMPORT_LINE_NOT_MAPPED: return _("not mapped");
    case MS_IMPORT_LINE_REFUSED: return _("refused");
    default: g_return_val_if_reached (NULL);
    }
}

void
ms_import_line_free (MsImportLine *line)
{
  if (line == NULL)
    return;
  g_free (line->file);
  g_free (line->id);
  g_free (line->code);
  g_free (line->message);
  g_free (line);
}
