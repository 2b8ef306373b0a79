/* ms-pg-store-import.c — importing portal records into a catalog on PostgreSQL
 *
 * The same outcomes as the SQLite backend (ms_store_import_entries): a
 * portal sheet merged into the stored one unless it was edited in Masatir
 * since its last import (then left, or its incoming version made a new
 * draft), each origin recorded. One transaction for all the entries; every
 * write based on the head read in it, so that an edit saved meanwhile is a
 * conflict, never overwritten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-pg-store-private.h"
#include "ms-portal.h"
#include "ms-store-common-private.h"
#include "ms-store-error.h"

typedef struct {
  gint64  head;          /* 0: no such sheet */
  char   *head_author;
  char   *head_created;
  gint64  origin;        /* the revision its last import wrote, 0 when unknown */
  char   *origin_sha;    /* the records' hash then */
  gboolean head_imported; /* without an origin: the head's audit entry is an import */
} ImportRow;

static void
import_row_clear (ImportRow *row)
{
  g_free (row->head_author);
  g_free (row->head_created);
  g_free (row->origin_sha);
  memset (row, 0, sizeof *row);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportRow, import_row_clear)

static gboolean
load_import_row (MsPgStore   *self,
                 const char  *id,
                 ImportRow   *row,
                 GError     **error)
{
  const char *values[] = { id };
  PGresult *result = ms_pg_run (self, error,
                                "SELECT s.head, r.author, r.created, o.revision, o.records_sha256,"
                                " (SELECT a.action = 'import' FROM masatir.audit a WHERE a.sheet_id = s.id"
                                "   AND a.revision = s.head AND a.action IN ('edit', 'import')"
                                "   ORDER BY a.seq DESC LIMIT 1)"
                                " FROM masatir.sheets s JOIN masatir.revisions r ON r.sheet = s.num AND r.number = s.head"
                                " LEFT JOIN masatir.import_origins o ON o.sheet_id = s.id WHERE s.id = $1",
                                1, values);

  memset (row, 0, sizeof *row);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) > 0)
    {
      row->head = ms_pg_int (result, 0, 0);
      row->head_author = ms_pg_dup (result, 0, 1);
      row->head_created = ms_pg_dup (result, 0, 2);
      row->origin = ms_pg_int (result, 0, 3);
      row->origin_sha = ms_pg_dup (result, 0, 4);
      row->head_imported = g_strcmp0 (PQgetvalue (result, 0, 5), "t") == 0;
    }
  PQclear (result);
  return TRUE;
}

static gboolean
record_origin (MsPgStore            *self,
               const MsImportEntry  *entry,
               gint64                revision,
               GError              **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
  const char *values[] = { entry->sheet->id, entry->portal_id, entry->records_sha256, number };

  return ms_pg_command (self, error, "SELECT masatir.record_import_origin ($1, $2, $3, $4)",
                        G_N_ELEMENTS (values), values);
}

/* The incoming version of a sheet edited since its import, as a new draft:
 * the revision the last import wrote (0 when unknown) with the records
 * merged over it, their values taken. */
static gboolean
import_into_draft (MsPgStore            *self,
                   const MsImportEntry  *entry,
                   gint64                origin_revision,
                   MsImportItem         *item,
                   GError              **error)
{
  g_autoptr(MsProcedure) draft = NULL;
  g_autoptr(MsProcedure) imported = NULL;
  g_autofree char *comment = NULL;

  if ((origin_revision > 0 && !(imported = ms_pg_load_procedure (self, entry->sheet->id, origin_revision, error)))
      || !(draft = ms_store_incoming_draft (imported, entry, &comment, error))
      || !(draft->code = ms_pg_free_code (self, entry->sheet->code, entry->sheet->administration, error))
      || !ms_pg_write_new_sheet (self, draft, comment, error))
    return FALSE;
  ms_store_import_drafted (item, draft);
  return TRUE;
}

/* @p written over @row's head; fills @item's revision and outcome. */
static gboolean
write_over (MsPgStore     *self,
            MsProcedure   *p,
            ImportRow     *row,
            MsImportItem  *item,
            GError       **error)
{
  g_autofree char *base = g_strdup_printf ("%" G_GINT64_FORMAT, row->head);
  gint64 head = ms_pg_write_revision (self, p, base, "import", NULL, error);

  if (head == 0)
    return FALSE;
  item->revision = head;
  item->outcome = head == row->head ? MS_IMPORT_UNCHANGED : row->head > 0 ? MS_IMPORT_UPDATED : MS_IMPORT_CREATED;
  return TRUE;
}

static gboolean
import_entry (MsPgStore              *self,
              const MsImportOptions  *options,
              const MsImportEntry    *entry,
              MsImportItem           *item,
              GError                **error)
{
  g_auto(ImportRow) row = { 0 };
  g_autoptr(MsProcedure) current = NULL;
  g_autoptr(MsProcedure) merged = NULL;
  MsProcedure *p = entry->sheet;
  gboolean edited;

  ms_store_import_item_start (item, p);
  if (!load_import_row (self, p->id, &row, error))
    return FALSE;
  if (entry->portal_id == NULL || row.head == 0)
    return write_over (self, p, &row, item, error)
           && (entry->portal_id == NULL || record_origin (self, entry, item->revision, error));

  /* Edited in Masatir since its last import: its head is not what that import wrote. */
  edited = row.origin_sha != NULL ? row.origin != row.head : !row.head_imported;
  item->revision = row.head;
  if (edited)
    {
      ms_store_import_edited (item, row.head_author, row.head_created);
      return !options->into_draft || import_into_draft (self, entry, row.origin, item, error);
    }
  /* The same records as last time: nothing to merge. */
  if (g_strcmp0 (row.origin_sha, entry->records_sha256) == 0)
    {
      item->outcome = MS_IMPORT_UNCHANGED;
      return TRUE;
    }
  if (!(current = ms_pg_load_procedure (self, p->id, row.head, error))
      || !(merged = ms_store_import_merge (item, current, p, options, error)))
    return FALSE;
  return write_over (self, merged, &row, item, error)
         && record_origin (self, entry, item->revision, error);
}

typedef struct {
  GPtrArray             *entries;   /* MsImportEntry* */
  const MsImportOptions *options;
  GPtrArray             *items;     /* MsImportItem* */
} EntriesJob;

static gboolean
import_entries_in_transaction (MsPgStore  *self,
                               gpointer    data,
                               GError    **error)
{
  EntriesJob *job = data;

  for (guint i = 0; i < job->entries->len; i++)
    {
      MsImportItem *item = g_new0 (MsImportItem, 1);

      g_ptr_array_add (job->items, item);
      if (!import_entry (self, job->options, g_ptr_array_index (job->entries, i), item, error))
        return FALSE;
    }
  /* A dry run stops here: the transaction is rolled back. */
  if (job->options->dry_run)
    return ms_store_dry_run_stop (error);
  return TRUE;
}

static GPtrArray *
import_entries (MsStore                *store,
                const char             *actor,
                GPtrArray              *entries,
                const MsImportOptions  *options,
                GError                **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_item_free);
  g_autoptr(GError) local_error = NULL;
  EntriesJob job = { entries, options, items };
  gboolean ok;

  ok = ms_pg_act_as (self, actor, &local_error)
       && ms_pg_transaction (self, "BEGIN", import_entries_in_transaction, &job, &local_error);
  ms_pg_act_end (self);
  return ms_store_import_finish (ok, &items, entries->len, options, &local_error, error);
}

void
ms_pg_store_import_iface_init (MsStoreInterface *iface)
{
  iface->import_entries = import_entries;
}
