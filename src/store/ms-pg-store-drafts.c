/* ms-pg-store-drafts.c — the PostgreSQL backend's imports, new sheets,
 * copies and deletions
 *
 * Each in one transaction around the schema's functions (save_revision,
 * delete_draft), which check who may and write the audit entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-draft.h"
#include "ms-pg-store-private.h"
#include "ms-store-common-private.h"
#include "ms-store-error.h"

/* The head of sheet @id, 0 when there is none; -1 with @error set. */
static gint64
load_head (MsPgStore   *self,
           const char  *id,
           GError     **error)
{
  const char *values[] = { id };
  PGresult *result = ms_pg_run (self, error, "SELECT head FROM masatir.sheets WHERE id = $1", 1, values);
  gint64 head;

  if (result == NULL)
    return -1;
  head = PQntuples (result) > 0 ? ms_pg_int (result, 0, 0) : 0;
  PQclear (result);
  return head;
}

/* Importing {{{1 */

typedef struct {
  GPtrArray *procedures;
  GPtrArray *items;      /* MsImportItem* */
} ImportJob;

static gboolean
import_in_transaction (MsPgStore  *self,
                       gpointer    data,
                       GError    **error)
{
  ImportJob *job = data;

  for (guint i = 0; i < job->procedures->len; i++)
    {
      MsProcedure *p = g_ptr_array_index (job->procedures, i);
      MsImportItem *item;
      gint64 before, after;

      if ((before = load_head (self, p->id, error)) < 0
          || !(after = ms_pg_write_revision (self, p, NULL, "import", NULL, error)))
        return FALSE;
      item = g_new0 (MsImportItem, 1);
      item->id = g_strdup (p->id);
      item->code = g_strdup (p->code);
      item->revision = after;
      item->outcome = before == 0 ? MS_IMPORT_CREATED : after == before ? MS_IMPORT_UNCHANGED : MS_IMPORT_UPDATED;
      g_ptr_array_add (job->items, item);
    }
  return TRUE;
}

static GPtrArray *
import (MsStore     *store,
        const char  *actor,
        GPtrArray   *procedures,
        GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_item_free);
  ImportJob job = { procedures, items };
  gboolean ok;

  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_transaction (self, "BEGIN", import_in_transaction, &job, error);
  ms_pg_act_end (self);
  return ok ? g_steal_pointer (&items) : NULL;
}

/* New and copies {{{1 */

/* The first of ms_draft_code_candidate (@base, 1), (@base, 2)… that no
 * sheet of @administration uses; a provisional code (@base NULL) is free
 * in the whole catalog. save_revision checks again under a lock: a code
 * taken meanwhile is a conflict, and the caller tries again. */
static int
code_taken (gpointer     store,
            const char  *code,
            const char  *administration,
            gboolean     any_administration,
            GError     **error)
{
  const char *values[] = { code, administration, any_administration ? "true" : "false" };
  PGresult *result = ms_pg_run (store, error,
                                "SELECT 1 FROM masatir.sheets WHERE code = $1"
                                " AND ($3::boolean OR administration IS NOT DISTINCT FROM $2) LIMIT 1",
                                G_N_ELEMENTS (values), values);
  gboolean taken;

  if (result == NULL)
    return -1;
  taken = PQntuples (result) > 0;
  PQclear (result);
  return taken;
}

char *
ms_pg_free_code (MsPgStore   *self,
                 const char  *base,
                 const char  *administration,
                 GError     **error)
{
  return ms_store_free_code (self, code_taken, base, administration, error);
}

typedef struct {
  const char  *id;          /* duplicate: the sheet */
  MsProcedure *procedure;   /* create: the new sheet; duplicate: the copy made */
  gboolean     free_code;   /* the code is the store's choice */
} DraftJob;

/* Revision 1 of @p, a sheet not in the catalog yet, by the acting user. */
gboolean
ms_pg_write_new_sheet (MsPgStore    *self,
                       MsProcedure  *p,
                       const char   *comment,
                       GError      **error)
{
  gint64 head = load_head (self, p->id, error);

  if (head < 0)
    return FALSE;
  if (head > 0)
    return ms_store_fail_sheet_exists (p->id, head, error);
  return ms_pg_write_revision (self, p, "0", "edit", comment, error) > 0;
}

static gboolean
create_draft_in_transaction (MsPgStore  *self,
                             gpointer    data,
                             GError    **error)
{
  DraftJob *job = data;

  if (job->free_code)
    {
      g_clear_pointer (&job->procedure->code, g_free);
      if (!(job->procedure->code = ms_pg_free_code (self, NULL, NULL, error)))
        return FALSE;
    }
  return ms_pg_write_new_sheet (self, job->procedure, NULL, error);
}

/* Runs @func, again while the code it chose was taken meanwhile. */
static gboolean
draft_transaction (MsPgStore        *self,
                   const char       *actor,
                   MsPgTransaction   func,
                   DraftJob         *job,
                   GError          **error)
{
  gboolean ok = FALSE;

  if (!ms_pg_act_as (self, actor, error))
    return FALSE;
  for (int attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if ((ok = ms_pg_transaction (self, "BEGIN", func, job, &local_error)))
        break;
      if (!job->free_code || !g_error_matches (local_error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT)
          || attempt == 4)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
    }
  ms_pg_act_end (self);
  return ok;
}

static MsSheetInfo *
create_draft (MsStore      *store,
              const char   *actor,
              MsProcedure  *procedure,
              GError      **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  DraftJob job = { NULL, procedure, procedure->code == NULL };

  if (!draft_transaction (self, actor, create_draft_in_transaction, &job, error))
    {
      if (job.free_code)
        g_clear_pointer (&procedure->code, g_free);
      return NULL;
    }
  return ms_pg_load_info (self, procedure->id, error);
}

static gboolean
duplicate_in_transaction (MsPgStore  *self,
                          gpointer    data,
                          GError    **error)
{
  DraftJob *job = data;
  g_autoptr(MsProcedure) source = NULL;
  g_autofree char *code = NULL;
  g_autofree char *comment = NULL;
  gint64 head = load_head (self, job->id, error);

  if (head < 0)
    return FALSE;
  if (head == 0)
    return ms_store_fail_no_revision (job->id, 0, error);
  if (!(source = ms_pg_load_procedure (self, job->id, head, error))
      || !(code = ms_pg_free_code (self, source->code, source->administration, error)))
    return FALSE;
  g_clear_object (&job->procedure);
  job->procedure = ms_procedure_new_copy (source, code);
  comment = ms_store_copy_comment (job->id, source, head);
  return ms_pg_write_new_sheet (self, job->procedure, comment, error);
}

static MsSheetInfo *
duplicate (MsStore     *store,
           const char  *actor,
           const char  *id,
           GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  DraftJob job = { id, NULL, TRUE };
  g_autoptr(MsProcedure) copy = NULL;
  gboolean ok = draft_transaction (self, actor, duplicate_in_transaction, &job, error);

  copy = g_steal_pointer (&job.procedure);
  return ok ? ms_pg_load_info (self, copy->id, error) : NULL;
}

/* Deleting {{{1 */

static gboolean
delete_draft (MsStore     *store,
              const char  *actor,
              const char  *id,
              gboolean     dry_run,
              GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  const char *values[] = { id, dry_run ? "true" : "false" };
  gboolean ok;

  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_command (self, error, "SELECT masatir.delete_draft ($1, $2)", G_N_ELEMENTS (values), values);
  ms_pg_act_end (self);
  return ok;
}

void
ms_pg_store_drafts_iface_init (MsStoreInterface *iface)
{
  iface->import = import;
  iface->create_draft = create_draft;
  iface->duplicate = duplicate;
  iface->delete_draft = delete_draft;
}

/* vim: set foldmethod=marker: */
