/* ms-pg-store-list.c — the PostgreSQL backend's lists: the filters, the
 * list, and the window's paged list (issue 15 item 1: ids, infos by ids,
 * changes since a mark), with the results of the SQLite backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <string.h>

#include "ms-pg-store-private.h"

/* The sort of the list: as SQLite sorts text, by bytes, a NULL code first
 * (the index sheets_code_id of migration 2 reads it without a sort). */
#define LIST_ORDER " ORDER BY s.code COLLATE \"C\" NULLS FIRST, s.id COLLATE \"C\""

char *
ms_pg_text_array (const char * const *strings,
                  guint               n)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const char *c = strings[i]; *c != '\0'; c++)
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

char *
ms_pg_filter_where (int first)
{
  /* The same conditions as the SQLite backend's FILTER_WHERE. */
  return g_strdup_printf (" ($%d::text IS NULL OR s.state = $%d)"
                          " AND ($%d::text IS NULL OR s.administration = $%d)"
                          " AND ($%d::boolean IS NULL OR (s.errors > 0) = $%d)"
                          " AND ($%d::text IS NULL OR EXISTS (SELECT 1 FROM masatir.sheet_terms t"
                          "      WHERE t.kind = 'audience' AND t.code = $%d AND t.sheet = s.num))"
                          " AND ($%d::text IS NULL OR EXISTS (SELECT 1 FROM masatir.sheet_terms t"
                          "      WHERE t.kind = 'theme' AND t.code = $%d AND t.sheet = s.num))"
                          " AND ($%d::text[] IS NULL OR s.id = ANY ($%d::text[]))"
                          " AND ($%d::text IS NULL OR (s.state = 'in_review' AND s.submitted_by IS DISTINCT FROM $%d"
                          "      AND NOT EXISTS (SELECT 1 FROM masatir.revisions e WHERE e.sheet = s.num"
                          "                      AND e.number > s.last_published AND e.author = $%d)))",
                          first, first, first + 1, first + 1, first + 2, first + 2, first + 3, first + 3,
                          first + 4, first + 4, first + 5, first + 5, first + 6, first + 6, first + 6);
}

void
ms_pg_filter_values (const MsStoreFilter  *filter,
                     const char          **values,
                     char                **arena)
{
  static const MsStoreFilter no_filter = MS_STORE_FILTER_INIT;
  const MsStoreFilter *f = filter != NULL ? filter : &no_filter;

  values[0] = f->state >= 0 && f->state < MS_N_STATES ? ms_state_to_nick (f->state) : NULL;
  values[1] = f->administration;
  values[2] = f->has_errors < 0 ? NULL : f->has_errors > 0 ? "true" : "false";
  values[3] = f->audience;
  values[4] = f->theme;
  *arena = f->ids != NULL ? ms_pg_text_array (f->ids, g_strv_length ((char **) f->ids)) : NULL;
  values[5] = *arena;
  values[6] = f->reviewer;
}

static GPtrArray *
list (MsStore             *store,
      const MsStoreFilter *filter,
      GError             **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autofree char *where = ms_pg_filter_where (1);
  g_autofree char *sql = g_strconcat ("SELECT " INFO_COLUMNS INFO_FROM " WHERE", where, LIST_ORDER, NULL);
  g_autofree char *arena = NULL;
  const char *values[MS_PG_FILTER_N_VALUES];
  PGresult *result;
  GPtrArray *infos;

  ms_pg_filter_values (filter, values, &arena);
  if (!(result = ms_pg_run (self, error, sql, G_N_ELEMENTS (values), values)))
    return NULL;
  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_sheet_info_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (infos, ms_pg_info_from_row (result, i));
  PQclear (result);
  return infos;
}

static GPtrArray *
list_ids (MsStore             *store,
          const MsStoreFilter *filter,
          GError             **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autofree char *where = ms_pg_filter_where (1);
  g_autofree char *sql = g_strconcat ("SELECT s.id FROM masatir.sheets s WHERE", where, LIST_ORDER, NULL);
  g_autofree char *arena = NULL;
  const char *values[MS_PG_FILTER_N_VALUES];
  PGresult *result;
  GPtrArray *ids;

  ms_pg_filter_values (filter, values, &arena);
  if (!(result = ms_pg_run (self, error, sql, G_N_ELEMENTS (values), values)))
    return NULL;
  ids = g_ptr_array_new_full (PQntuples (result), g_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (ids, ms_pg_dup (result, i, 0));
  PQclear (result);
  return ids;
}

/* One statement, so one snapshot: the rows agree with each other. */
static GPtrArray *
get_infos (MsStore            *store,
           const char * const *ids,
           guint               n_ids,
           GError            **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *array = NULL;
  const char *values[1];
  PGresult *result;
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_sheet_info_free);

  if (n_ids == 0)
    return infos;
  array = ms_pg_text_array (ids, n_ids);
  values[0] = array;
  if (!(result = ms_pg_run (self, error, "SELECT " INFO_COLUMNS INFO_FROM " WHERE s.id = ANY ($1::text[])",
                            1, values)))
    {
      g_ptr_array_unref (infos);
      return NULL;
    }
  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_insert (rows, PQgetvalue (result, i, 0), GINT_TO_POINTER (i + 1));
  /* In the order of @ids, each as often as asked; deleted ones left out. */
  for (guint i = 0; i < n_ids; i++)
    {
      int row = GPOINTER_TO_INT (g_hash_table_lookup (rows, ids[i]));

      if (row > 0)
        g_ptr_array_add (infos, ms_pg_info_from_row (result, row - 1));
    }
  PQclear (result);
  return infos;
}

/* A mark is an audit sequence number, as on SQLite. Audit entries are
 * appended with the head row locked until the commit, so they become
 * visible in the order of their numbers: no change slips below a mark. */
static GPtrArray *
changes_since (MsStore  *store,
               gint64    mark,
               gint64   *new_mark,
               GError  **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  char since[24];
  const char *values[] = { since };
  PGresult *result;
  GPtrArray *ids;

  g_snprintf (since, sizeof since, "%" G_GINT64_FORMAT, mark);
  /* One statement: the mark and the changes up to it from one snapshot. */
  if (!(result = ms_pg_run (self, error,
                            "WITH m AS (SELECT coalesce (max (seq), 0) AS now FROM masatir.audit)"
                            " SELECT m.now, c.sheet_id FROM m LEFT JOIN LATERAL"
                            " (SELECT DISTINCT a.sheet_id FROM masatir.audit a WHERE $1::bigint >= 0"
                            "  AND a.seq > $1::bigint AND a.seq <= m.now AND a.sheet_id IS NOT NULL) c ON true",
                            1, values)))
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (result); i++)
    if (!PQgetisnull (result, i, 1))
      g_ptr_array_add (ids, ms_pg_dup (result, i, 1));
  *new_mark = PQntuples (result) > 0 ? ms_pg_int (result, 0, 0) : 0;
  PQclear (result);
  return ids;
}

void
ms_pg_store_list_iface_init (MsStoreInterface *iface)
{
  iface->list = list;
  iface->list_ids = list_ids;
  iface->get_infos = get_infos;
  iface->changes_since = changes_since;
}
