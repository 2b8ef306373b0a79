/* ms-pg-store-read.c — what the PostgreSQL backend reads: sheets, lists,
 * revisions, the audit log and its check, the export set
 *
 * Plain SELECTs with bound parameters, which the catalog's group roles are
 * granted; the checks that span many statements read one snapshot
 * (REPEATABLE READ).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-audit-check.h"
#include "ms-core-error.h"
#include "ms-pg-store-private.h"
#include "ms-store-common-private.h"
#include "ms-store-error.h"

#define SNAPSHOT "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

/* Text of a row, NULL for NULL, valid while @result is. */
static char *
text_at (const PGresult *result,
         int             row,
         int             column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

/* The texts of @row's first @n columns. */
static void
row_texts (const PGresult  *result,
           int              row,
           const char     **texts,
           int              n)
{
  for (int i = 0; i < n; i++)
    texts[i] = text_at (result, row, i);
}

MsSheetInfo *
ms_pg_info_from_row (const PGresult *result,
                     int             row)
{
  const char *texts[MS_STORE_INFO_N_COLUMNS];

  row_texts (result, row, texts, G_N_ELEMENTS (texts));
  return ms_store_info_from_texts (texts);
}

MsSheetInfo *
ms_pg_load_info (MsPgStore   *self,
                 const char  *id,
                 GError     **error)
{
  const char *values[] = { id };
  PGresult *result = ms_pg_run (self, error, "SELECT " INFO_COLUMNS INFO_FROM " WHERE s.id = $1", 1, values);
  MsSheetInfo *info = NULL;

  if (result == NULL)
    return NULL;
  if (PQntuples (result) > 0)
    info = ms_pg_info_from_row (result, 0);
  else
    ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, _("No sheet “%s” in the catalog"), id);
  PQclear (result);
  return info;
}

MsProcedure *
ms_pg_load_procedure (MsPgStore   *self,
                      const char  *id,
                      gint64       revision,
                      GError     **error)
{
  char number[24];
  const char *values[] = { id, number };
  PGresult *result;
  MsProcedure *p = NULL;

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, revision);
  result = ms_pg_run (self, error,
                      "SELECT r.json FROM masatir.sheets s JOIN masatir.revisions r ON r.sheet = s.num"
                      " AND r.number = CASE WHEN $2::bigint > 0 THEN $2::bigint ELSE s.head END WHERE s.id = $1",
                      2, values);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    ms_store_fail_no_revision (id, revision, error);
  else
    p = ms_store_procedure_from_stored (id, PQgetvalue (result, 0, 0), PQgetlength (result, 0, 0), error);
  PQclear (result);
  return p;
}

static MsProcedure *
get_sheet (MsStore      *store,
           const char   *id,
           gint64        revision,
           MsSheetInfo **info,
           GError      **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autoptr(MsProcedure) p = NULL;

  if (!(p = ms_pg_load_procedure (self, id, revision, error)))
    return NULL;
  if (info != NULL && !(*info = ms_pg_load_info (self, id, error)))
    return NULL;
  return g_steal_pointer (&p);
}

static MsSheetInfo *
get_info (MsStore     *store,
          const char  *id,
          GError     **error)
{
  return ms_pg_load_info (MS_PG_STORE (store), id, error);
}

static GPtrArray *
revisions (MsStore     *store,
           const char  *id,
           GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  const char *values[] = { id };
  PGresult *result;
  GPtrArray *list;

  result = ms_pg_run (self, error,
                      "SELECT r.number, r.sha256, r.author, r.created, s.num FROM masatir.sheets s"
                      " LEFT JOIN masatir.revisions r ON r.sheet = s.num WHERE s.id = $1 ORDER BY r.number",
                      1, values);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      PQclear (result);
      ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, _("No sheet “%s” in the catalog"), id);
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_revision_info_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      MsRevisionInfo *info = g_new0 (MsRevisionInfo, 1);

      info->number = ms_pg_int (result, i, 0);
      info->sha256 = ms_pg_dup (result, i, 1);
      info->author = ms_pg_dup (result, i, 2);
      info->created = ms_pg_dup (result, i, 3);
      g_ptr_array_add (list, info);
    }
  PQclear (result);
  return list;
}

#define AUDIT_COLUMNS \
  "seq, time, actor, action, sheet_id, revision, sha256, from_state, to_state, comment, prev, hash"

static GPtrArray *
audit (MsStore     *store,
       const char  *id,
       GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  const char *values[] = { id };
  PGresult *result = ms_pg_run (self, error, "SELECT " AUDIT_COLUMNS " FROM masatir.audit"
                                             " WHERE $1::text IS NULL OR sheet_id = $1 ORDER BY seq", 1, values);
  GPtrArray *list;

  if (result == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_audit_entry_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *texts[MS_STORE_AUDIT_N_COLUMNS];

      row_texts (result, i, texts, G_N_ELEMENTS (texts));
      g_ptr_array_add (list, ms_store_audit_entry_from_texts (texts));
    }
  PQclear (result);
  return list;
}

/* The audit log {{{1 */

#define AUDIT_PAGE 1000

/* The entries of @result, in order, into @log. */
static gboolean
replay_page (MsAuditLog      *log,
             const PGresult  *result,
             GError         **error)
{
  gboolean ok = TRUE;

  for (int i = 0; ok && i < PQntuples (result); i++)
    {
      const char *texts[MS_STORE_AUDIT_N_COLUMNS];
      MsAuditEntry e = { 0 };

      row_texts (result, i, texts, G_N_ELEMENTS (texts));
      ms_store_audit_entry_borrow (&e, texts);
      ok = ms_audit_log_add (log, &e, text_at (result, i, 10), text_at (result, i, 11), error);
    }
  return ok;
}

/* One pass over the log in a snapshot: the hash chain, as far as the head
 * the catalog records, and every entry replayed into @log. */
static gboolean
audit_replay (MsPgStore   *self,
              MsAuditLog  *log,
              gint64      *n_entries,
              GError     **error)
{
  PGresult *result, *head;
  g_autofree char *count = NULL;
  gboolean ok = TRUE;
  char after[24] = "0";
  const char *values[] = { after };
  int n;

  /* In pages, by seq, in the caller's snapshot: a long log is never held
   * in memory at once. */
  do
    {
      if (!(result = ms_pg_run (self, error, "SELECT " AUDIT_COLUMNS " FROM masatir.audit WHERE seq > $1"
                                             " ORDER BY seq LIMIT " G_STRINGIFY (AUDIT_PAGE), 1, values)))
        return FALSE;
      n = PQntuples (result);
      ok = replay_page (log, result, error);
      if (n > 0)
        g_strlcpy (after, PQgetvalue (result, n - 1, 0), sizeof after);
      PQclear (result);
    }
  while (ok && n == AUDIT_PAGE);
  if (!ok || !(head = ms_pg_run (self, error, "SELECT seq, hash FROM masatir.audit_head", 0, NULL)))
    return FALSE;
  if (PQntuples (head) == 1)
    {
      count = ms_pg_dup (head, 0, 0);
      ok = ms_audit_log_end (log, text_at (head, 0, 1), count, n_entries, error);
    }
  else
    ok = ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT,
                  _("The catalog does not record the head of its audit log"));
  PQclear (head);
  return ok;
}

static gboolean
verify_audit_in_transaction (MsPgStore  *self,
                             gpointer    data,
                             GError    **error)
{
  g_autoptr(MsAuditLog) log = ms_audit_log_new ();
  PGresult *result;
  gboolean ok = TRUE;

  if (!audit_replay (self, log, data, error))
    return FALSE;
  /* Every approved revision, and every revision published and live (or
   * said to be published): what an export publishes or carries again. */
  result = ms_pg_run (self, error,
                      "SELECT s.id, 1, r.number, r.sha256 FROM masatir.sheets s JOIN masatir.revisions r"
                      " ON r.sheet = s.num AND r.number = s.head WHERE s.state = 'approved'"
                      " UNION ALL"
                      " SELECT s.id, 0, r.number, r.sha256 FROM masatir.sheets s JOIN masatir.revisions r"
                      " ON r.sheet = s.num AND r.number = coalesce (s.live, s.head)"
                      " WHERE s.live IS NOT NULL OR s.state = 'published'", 0, NULL);
  if (result == NULL)
    return FALSE;
  for (int i = 0; ok && i < PQntuples (result); i++)
    ok = ms_audit_log_check_sheet (log, text_at (result, i, 0), ms_pg_int (result, i, 1) == 1,
                                   ms_pg_int (result, i, 2), text_at (result, i, 3), error);
  PQclear (result);
  return ok;
}

static gboolean
verify_audit (MsStore  *store,
              gint64   *n_entries,
              GError  **error)
{
  return ms_pg_transaction (MS_PG_STORE (store), SNAPSHOT, verify_audit_in_transaction, n_entries, error);
}

/* Export {{{1 */

static gboolean
read_export_in_transaction (MsPgStore  *self,
                            gpointer    data,
                            GError    **error)
{
  g_autoptr(MsAuditLog) log = ms_audit_log_new ();
  MsExportSet *set = data;
  PGresult *result;
  gboolean ok = TRUE;

  /* The whole log is checked before anything is read for the bundle: a
   * sheet goes to the portal only as the chain says it was approved. */
  if (!audit_replay (self, log, NULL, error))
    return FALSE;
  if (!(result = ms_pg_run (self, error,
                            "SELECT (SELECT value FROM masatir.settings WHERE key = 'issuer'),"
                            " (SELECT value FROM masatir.settings WHERE key = 'bundle_sequence'),"
                            " (SELECT value FROM masatir.settings WHERE key = 'bundle_manifest_sha256')", 0, NULL)))
    return FALSE;
  set->issuer = ms_pg_dup (result, 0, 0);
  set->sequence = ms_pg_int (result, 0, 1);
  set->previous = ms_pg_dup (result, 0, 2);
  PQclear (result);
  if (set->issuer == NULL)
    return ms_store_fail_no_issuer (error);

  /* The approved revision when there is one, else the live one. */
  if (!(result = ms_pg_run (self, error,
                            "SELECT s.id, r.number, r.sha256,"
                            " CASE WHEN s.state = 'approved' THEN NULL ELSE p.published END,"
                            " r.json, s.state = 'approved'"
                            " FROM masatir.sheets s JOIN masatir.revisions r ON r.sheet = s.num"
                            " AND r.number = CASE WHEN s.state = 'approved' THEN s.head ELSE s.live END"
                            " LEFT JOIN masatir.publications p ON p.sheet = r.sheet AND p.number = r.number"
                            " WHERE s.state = 'approved' OR s.live IS NOT NULL ORDER BY s.id COLLATE \"C\"",
                            0, NULL)))
    return FALSE;
  for (int i = 0; ok && i < PQntuples (result); i++)
    {
      MsExportItem *item = g_new0 (MsExportItem, 1);

      item->id = ms_pg_dup (result, i, 0);
      item->revision = ms_pg_int (result, i, 1);
      item->sha256 = ms_pg_dup (result, i, 2);
      item->published = ms_pg_dup (result, i, 3);
      item->json = g_bytes_new (PQgetvalue (result, i, 4), PQgetlength (result, i, 4));
      g_ptr_array_add (set->items, item);
      ok = ms_audit_log_check_sheet (log, item->id, strcmp (PQgetvalue (result, i, 5), "t") == 0,
                                     item->revision, item->sha256, error);
    }
  PQclear (result);
  if (!ok)
    return FALSE;

  /* Published once, live no more: withdrawn, even with a draft over it. */
  if (!(result = ms_pg_run (self, error, "SELECT id FROM masatir.sheets WHERE live IS NULL AND last_published > 0"
                                         " AND state != 'approved' ORDER BY id COLLATE \"C\"", 0, NULL)))
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (set->withdrawn, ms_pg_dup (result, i, 0));
  PQclear (result);
  return TRUE;
}

static MsExportSet *
read_export (MsStore  *store,
             GError  **error)
{
  g_autoptr(MsExportSet) set = ms_export_set_new ();

  /* One snapshot: the chain and the sheets from the same moment. */
  if (!ms_pg_transaction (MS_PG_STORE (store), SNAPSHOT, read_export_in_transaction, set, error))
    return NULL;
  return g_steal_pointer (&set);
}

void
ms_pg_store_read_iface_init (MsStoreInterface *iface)
{
  iface->get_sheet = get_sheet;
  iface->get_info = get_info;
  iface->revisions = revisions;
  iface->audit = audit;
  iface->verify_audit = verify_audit;
  iface->read_export = read_export;
}

/* vim: set foldmethod=marker: */
