/* ms-pg-store-export.c — recording an export on a catalog on PostgreSQL
 *
 * masatir.commit_export checks the publisher, that the set is still the
 * catalog's and that no other export came between, publishes and appends
 * the audit entries; the exporter's ready () runs in the same transaction,
 * before the commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ms-core-error.h"
#include "ms-pg-store-private.h"
#include "ms-store-error.h"

/* A PostgreSQL array literal of @n strings (NULL elements are NULL). */
static char *
array_literal (const char * const *texts,
               guint               n)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (texts[i] == NULL)
        {
          g_string_append (out, "NULL");
          continue;
        }
      g_string_append_c (out, '"');
      for (const char *c = texts[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

typedef struct {
  const MsExportSet    *set;
  const MsExportRecord *record;
} ExportJob;

static gboolean
commit_export_in_transaction (MsPgStore  *self,
                              gpointer    data,
                              GError    **error)
{
  ExportJob *job = data;
  const MsExportSet *set = job->set;
  guint n = set->items->len;
  g_autofree const char **ids = g_new0 (const char *, n + 1);
  g_autofree const char **shas = g_new0 (const char *, n + 1);
  g_autofree const char **dates = g_new0 (const char *, n + 1);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sequence = g_strdup_printf ("%" G_GINT64_FORMAT, job->record->sequence);
  g_autofree char *ids_text = NULL, *revisions_text = NULL, *shas_text = NULL;
  g_autofree char *dates_text = NULL, *withdrawn_text = NULL;

  for (guint i = 0; i < n; i++)
    {
      const MsExportItem *item = g_ptr_array_index (set->items, i);

      ids[i] = item->id;
      shas[i] = item->sha256;
      dates[i] = item->published;
      g_ptr_array_add (numbers, g_strdup_printf ("%" G_GINT64_FORMAT, item->revision));
    }
  ids_text = array_literal (ids, n);
  revisions_text = array_literal ((const char * const *) numbers->pdata, n);
  shas_text = array_literal (shas, n);
  dates_text = array_literal (dates, n);
  withdrawn_text = array_literal ((const char * const *) set->withdrawn->pdata, set->withdrawn->len);
  {
    const char *values[] = { sequence, job->record->manifest_sha256, job->record->published, ids_text,
                             revisions_text, shas_text, dates_text, withdrawn_text, set->previous };

    if (job->record->sequence != set->sequence + 1)
      return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID,
                      _("An export follows sequence %d, not %d"), (int) set->sequence, (int) job->record->sequence);
    if (!ms_pg_command (self, error,
                        "SELECT masatir.commit_export ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        G_N_ELEMENTS (values), values))
      return FALSE;
  }
  return job->record->ready == NULL || job->record->ready (job->record->ready_data, error);
}

static gboolean
commit_export (MsStore               *store,
               const char            *actor,
               const MsExportSet     *set,
               const MsExportRecord  *record,
               GError               **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  ExportJob job = { set, record };
  gboolean ok;

  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_transaction (self, "BEGIN", commit_export_in_transaction, &job, error);
  ms_pg_act_end (self);
  return ok;
}

void
ms_pg_store_export_iface_init (MsStoreInterface *iface)
{
  iface->commit_export = commit_export;
}
