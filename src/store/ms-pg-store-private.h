/* ms-pg-store-private.h — what the files of the PostgreSQL backend share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "ms-pg-store.h"

G_BEGIN_DECLS

struct _MsPgStore
{
  GObject   parent_instance;

  PGconn   *conn;
  char     *where;        /* host/database, for messages (never the password) */
  char     *login;        /* session_user when connected */
  char     *acting;       /* session_user now (differs while impersonating) */
  gboolean  impersonate;  /* tests only: ms_pg_store_set_impersonate */
  GSource  *watch_source; /* ms_store_watch(): the poll of the notifications */
  gboolean  in_transaction;
  /* The catalog's schema, "masatir" unless chosen (ms_pg_store_open);
   * its group roles are <schema>_editor… */
  char     *schema;
  GRegex   *schema_regex; /* NULL for "masatir": the SQL as written */
};

typedef gboolean (*MsPgTransaction) (MsPgStore  *self,
                                     gpointer    data,
                                     GError    **error);

/* @result's error (or the connection's, @result NULL) as an MsStoreError
 * or, for the workflow's refusals, an MsCoreError. */
void         ms_pg_set_error       (MsPgStore          *self,
                                    const PGresult     *result,
                                    GError            **error);
/* @sql (written for schema "masatir" and its roles masatir_*) for the
 * store's schema: a new string, or @sql itself (*@copy NULL). */
const char  *ms_pg_sql             (MsPgStore          *self,
                                    const char         *sql,
                                    char              **copy);
/* @sql with @n_values text parameters $1… (NULL is NULL): its result, or
 * NULL with @error set. */
PGresult    *ms_pg_run             (MsPgStore          *self,
                                    GError            **error,
                                    const char         *sql,
                                    int                 n_values,
                                    const char * const *values);
gboolean     ms_pg_command         (MsPgStore          *self,
                                    GError            **error,
                                    const char         *sql,
                                    int                 n_values,
                                    const char * const *values);
gboolean     ms_pg_transaction     (MsPgStore          *self,
                                    const char         *begin,
                                    MsPgTransaction     func,
                                    gpointer            data,
                                    GError            **error);
char        *ms_pg_dup             (const PGresult     *result,
                                    int                 row,
                                    int                 column);
gint64       ms_pg_int             (const PGresult     *result,
                                    int                 row,
                                    int                 column);
gboolean     ms_pg_act_as          (MsPgStore          *self,
                                    const char         *actor,
                                    GError            **error);
void         ms_pg_act_end         (MsPgStore          *self);
gint64       ms_pg_write_revision  (MsPgStore          *self,
                                    MsProcedure        *p,
                                    const char         *base,
                                    const char         *action,
                                    const char         *comment,
                                    GError            **error);

/* ms-pg-store-read.c */

/* The columns of an MsSheetInfo, read by ms_pg_info_from_row() from column 0. */
#define INFO_COLUMNS \
  "s.id, s.code, s.title_ar, s.title_fr, s.title_zgh, s.title_en, s.administration, s.state, " \
  "s.head, s.live, r.sha256, s.updated, s.updated_by, s.errors, s.warnings"
#define INFO_FROM \
  " FROM masatir.sheets s JOIN masatir.revisions r ON r.sheet = s.num AND r.number = s.head"
/* The number of INFO_COLUMNS. */
#define INFO_N_COLUMNS 15

MsSheetInfo *ms_pg_info_from_row   (const PGresult     *result,
                                    int                 row);
MsSheetInfo *ms_pg_load_info       (MsPgStore          *self,
                                    const char         *id,
                                    GError            **error);
MsProcedure *ms_pg_load_procedure  (MsPgStore          *self,
                                    const char         *id,
                                    gint64              revision,
                                    GError            **error);
void         ms_pg_store_read_iface_init (MsStoreInterface *iface);

/* ms-pg-store-schema.c */

/* Sets the store's schema, as ms_pg_store_get_schema() says. */
gboolean     ms_pg_choose_schema   (MsPgStore          *self,
                                    GError            **error);

/* ms-pg-store-list.c */

/* The list filters as SQL over "s" (masatir.sheets), its parameters from
 * $@first (MS_PG_FILTER_N_VALUES of them, set by ms_pg_filter_values). */
#define MS_PG_FILTER_N_VALUES 7
char        *ms_pg_filter_where    (int                 first);
/* @values (MS_PG_FILTER_N_VALUES) point into @filter or into @arena
 * (freed by the caller, g_free). */
void         ms_pg_filter_values   (const MsStoreFilter *filter,
                                    const char        **values,
                                    char              **arena);
/* @strings (@n of them) as a PostgreSQL array literal, for $n::text[]. */
char        *ms_pg_text_array      (const char * const *strings,
                                    guint               n);
void         ms_pg_store_list_iface_init (MsStoreInterface *iface);

/* ms-pg-store-search.c */

/* The search terms of @p as a tsvector's text, for masatir.save_revision. */
char        *ms_pg_search_vector   (MsProcedure        *p);
char        *ms_pg_search_query    (const char         *text,
                                    gboolean            titles,
                                    GPtrArray          *whole);
gboolean     ms_pg_search_backfill (MsPgStore          *self,
                                    GError            **error);
void         ms_pg_store_search_iface_init (MsStoreInterface *iface);

/* ms-pg-store-refusals.c */

/* @message, raised by the schema with @sqlstate, in the words of C in the
 * user's language; NULL when it is not one of the known refusals. */
char        *ms_pg_refusal_words   (const char         *sqlstate,
                                    const char         *message);
/* The English format of known refusal @i (for tests), NULL past the last. */
const char  *ms_pg_refusal_format  (guint               i);

/* ms-pg-store-drafts.c */
void         ms_pg_store_drafts_iface_init (MsStoreInterface *iface);
/* The first of ms_draft_code_candidate (@base, 1), (@base, 2)… that no
 * sheet of @administration uses (of the catalog, @base NULL). */
char        *ms_pg_free_code       (MsPgStore          *self,
                                    const char         *base,
                                    const char         *administration,
                                    GError            **error);
gboolean     ms_pg_write_new_sheet (MsPgStore          *self,
                                    MsProcedure        *p,
                                    const char         *comment,
                                    GError            **error);

/* ms-pg-store-import.c */
void         ms_pg_store_import_iface_init (MsStoreInterface *iface);

/* ms-pg-store-export.c */
void         ms_pg_store_export_iface_init (MsStoreInterface *iface);

G_END_DECLS
