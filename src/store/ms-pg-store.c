/* ms-pg-store.c — the PostgreSQL backend of MsStore, over libpq
 *
 * Every value is a bound parameter (PQexecParams); every write is one call
 * of a function of the schema (pg/001-schema.sql), which checks who may do
 * it and appends the audit entry in the same transaction: this file only
 * prepares what the function takes (the revision's canonical JSON, its
 * SHA-256, the validator's counts — law 55-19 validation is the client's
 * quality gate) and reads back. Reads are plain SELECTs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "ms-audit-check.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-pg-store.h"
#include "ms-pg-store-private.h"
#include "ms-sha256.h"
#include "ms-store-common-private.h"
#include "ms-store-error.h"
#include "ms-validator.h"

#include "ms-pg-sql.h"

static void ms_pg_store_iface_init (MsStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MsPgStore, ms_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MS_TYPE_STORE, ms_pg_store_iface_init))

/* Statements {{{1 */

/* SQLSTATEs the schema's functions raise (pg/001-schema.sql). */
static const struct {
  const char *sqlstate;
  GQuark    (*domain) (void);
  int         code;
} raised[] = {
  { "MS001", ms_store_error_quark, MS_STORE_ERROR_NOT_FOUND },
  { "MS002", ms_store_error_quark, MS_STORE_ERROR_CONFLICT },
  { "MS003", ms_store_error_quark, MS_STORE_ERROR_DENIED },
  { "MS004", ms_core_error_quark, MS_CORE_ERROR_DENIED },
  { "MS005", ms_store_error_quark, MS_STORE_ERROR_INVALID },
  { "MS006", ms_store_error_quark, MS_STORE_ERROR_CORRUPT },
  { "42501", ms_store_error_quark, MS_STORE_ERROR_DENIED },      /* insufficient_privilege */
  { "40001", ms_store_error_quark, MS_STORE_ERROR_LOCKED },      /* serialization_failure */
  { "40P01", ms_store_error_quark, MS_STORE_ERROR_LOCKED },      /* deadlock_detected */
  { "55P03", ms_store_error_quark, MS_STORE_ERROR_LOCKED },      /* lock_not_available */
  { "23505", ms_store_error_quark, MS_STORE_ERROR_CONFLICT },    /* unique_violation: written meanwhile */
};

void
ms_pg_set_error (MsPgStore       *self,
                 const PGresult  *result,
                 GError         **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  if (message == NULL)
    message = PQerrorMessage (self->conn);
  if (state == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
               _("Lost the connection to the catalog on %s: %s"), self->where, message);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (raised); i++)
    if (strcmp (state, raised[i].sqlstate) == 0)
      {
        if (g_str_has_prefix (state, "MS"))
          {
            g_autofree char *words = ms_pg_refusal_words (state, message);

            ms_fail (error, raised[i].domain (), raised[i].code, "%s", words != NULL ? words : message);
          }
        else
          ms_fail (error, raised[i].domain (), raised[i].code,
                   _("The database refused it (%s): %s"), state, message);
        return;
      }
  ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED, _("Catalog on %s: %s (%s)"), self->where, message, state);
}

/* The session as the store sets it up: on connecting, and again after
 * a reconnection. */
static gboolean
set_up_session (MsPgStore *self)
{
  PGresult *result;
  gboolean ok;

  if (PQsetClientEncoding (self->conn, "UTF8") != 0)
    return FALSE;
  result = PQexec (self->conn, "SET TIME ZONE 'UTC'");
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  PQclear (result);
  return ok;
}

/* A connection lost (a server restarted, a network down a while) is made
 * again before the next statement that does not belong to a transaction
 * begun on the lost one; the statement that met the loss failed, and
 * nothing is retried (a write may have been committed). */
static void
reconnect (MsPgStore *self)
{
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK || !set_up_session (self))
    return;
  g_free (self->acting);
  self->acting = g_strdup (self->login);
  if (self->watch_source != NULL)
    {
      g_autofree char *copy = NULL;

      PQclear (PQexec (self->conn, ms_pg_sql (self, "LISTEN masatir", &copy)));
    }
}

PGresult *
ms_pg_run (MsPgStore          *self,
           GError            **error,
           const char         *sql,
           int                 n_values,
           const char * const *values)
{
  PGresult *result;
  ExecStatusType status;

  g_autofree char *copy = NULL;

  if (PQstatus (self->conn) != CONNECTION_OK && !self->in_transaction)
    reconnect (self);
  result = PQexecParams (self->conn, ms_pg_sql (self, sql, &copy), n_values, NULL, values, NULL, NULL, 0);
  status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  ms_pg_set_error (self, result, error);
  PQclear (result);
  return NULL;
}

gboolean
ms_pg_command (MsPgStore          *self,
               GError            **error,
               const char         *sql,
               int                 n_values,
               const char * const *values)
{
  PGresult *result = ms_pg_run (self, error, sql, n_values, values);

  PQclear (result);
  return result != NULL;
}

char *
ms_pg_dup (const PGresult *result,
           int             row,
           int             column)
{
  return PQgetisnull (result, row, column) ? NULL : g_strdup (PQgetvalue (result, row, column));
}

gint64
ms_pg_int (const PGresult *result,
           int             row,
           int             column)
{
  return PQgetisnull (result, row, column) ? 0 : g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

/* Runs @func in one transaction (@isolation: "BEGIN …"), rolled back when
 * it fails. */
gboolean
ms_pg_transaction (MsPgStore        *self,
                   const char       *begin,
                   MsPgTransaction   func,
                   gpointer          data,
                   GError          **error)
{
  gboolean ok;

  if (!ms_pg_command (self, error, begin, 0, NULL))
    return FALSE;
  self->in_transaction = TRUE;
  ok = func (self, data, error) && ms_pg_command (self, error, "COMMIT", 0, NULL);
  if (!ok)
    PQclear (PQexec (self->conn, "ROLLBACK"));
  self->in_transaction = FALSE;
  return ok;
}

/* Identity {{{1 */

/* Makes @actor the acting user of what follows: the login itself, or with
 * impersonation (tests) that login by SET SESSION AUTHORIZATION. */
gboolean
ms_pg_act_as (MsPgStore   *self,
              const char  *actor,
              GError     **error)
{
  const char *values[] = { actor };
  PGresult *result;

  if (g_strcmp0 (actor, self->acting) == 0)
    return TRUE;
  if (!self->impersonate)
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                    _("On a PostgreSQL catalog you act as the database login “%s”, not as “%s”: "
                      "the database says who you are (--as and MASATIR_USER are refused)"),
                    self->acting, actor);
  if (PQstatus (self->conn) != CONNECTION_OK && !self->in_transaction)
    reconnect (self);
  result = PQexecParams (self->conn, "SELECT set_config ('session_authorization', $1, false)",
                         1, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      /* No such login (22023): nobody the catalog knows either. */
      if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "22023") == 0)
        ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                 _("“%s” is not a user of this catalog; an admin adds people with “masatir-cli users add”"), actor);
      else
        ms_pg_set_error (self, result, error);
      PQclear (result);
      return FALSE;
    }
  PQclear (result);
  g_free (self->acting);
  self->acting = g_strdup (actor);
  return TRUE;
}

/* Back to the login connected (impersonation only), for the reads that follow. */
void
ms_pg_act_end (MsPgStore *self)
{
  if (!self->impersonate || g_strcmp0 (self->acting, self->login) == 0)
    return;
  PQclear (PQexec (self->conn, "RESET SESSION AUTHORIZATION"));
  g_free (self->acting);
  self->acting = g_strdup (self->login);
}

/* Settings and users {{{1 */

static char *
get_setting (MsStore     *store,
             const char  *key,
             GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  const char *values[] = { key };
  PGresult *result = ms_pg_run (self, error, "SELECT value FROM masatir.settings WHERE key = $1", 1, values);
  char *value = NULL;

  if (result == NULL)
    return NULL;
  if (PQntuples (result) > 0)
    value = ms_pg_dup (result, 0, 0);
  PQclear (result);
  if (value == NULL)
    ms_store_fail_no_setting (key, error);
  return value;
}

static MsUser *
user_from_row (const PGresult *result,
               int             row)
{
  return ms_store_user_new (PQgetvalue (result, row, 0), PQgetisnull (result, row, 1) ? NULL : PQgetvalue (result, row, 1),
                            ms_pg_int (result, row, 2), ms_pg_int (result, row, 3) != 0);
}

static GPtrArray *
list_users (MsStore  *store,
            GError  **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  GPtrArray *users;
  PGresult *result = ms_pg_run (self, error, "SELECT login, name, roles, active FROM masatir.users"
                                             " ORDER BY login COLLATE \"C\"", 0, NULL);

  if (result == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_user_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (users, user_from_row (result, i));
  PQclear (result);
  return users;
}

static MsUser *
get_user (MsStore     *store,
          const char  *login,
          GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  const char *values[] = { login };
  PGresult *result = ms_pg_run (self, error, "SELECT login, name, roles, active FROM masatir.users"
                                             " WHERE login = $1", 1, values);
  MsUser *user = NULL;

  if (result == NULL)
    return NULL;
  if (PQntuples (result) > 0)
    user = user_from_row (result, 0);
  PQclear (result);
  if (!ms_store_check_actor (login, user != NULL, user != NULL && !user->inactive, error))
    g_clear_pointer (&user, ms_user_free);
  return user;
}

static gboolean
add_user (MsStore       *store,
          const char    *actor,
          const MsUser  *user,
          GError       **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  char roles[16];
  const char *values[] = { user->login, user->name, roles };
  gboolean ok;

  if (!ms_store_check_login (user->login, error))
    return FALSE;
  g_snprintf (roles, sizeof roles, "%d", (int) user->roles);
  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_command (self, error, "SELECT masatir.add_user ($1, $2, $3)", 3, values);
  ms_pg_act_end (self);
  return ok;
}

static gboolean
change_user (MsPgStore   *self,
             const char  *actor,
             const char  *login,
             const char  *roles,
             const char  *active,
             GError     **error)
{
  const char *values[] = { login, roles, active };
  gboolean ok;

  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_command (self, error, "SELECT masatir.change_user ($1, $2, $3)", 3, values);
  ms_pg_act_end (self);
  return ok;
}

static gboolean
set_user_roles (MsStore     *store,
                const char  *actor,
                const char  *login,
                MsRoles      roles,
                GError     **error)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", (int) roles);
  return change_user (MS_PG_STORE (store), actor, login, text, NULL, error);
}

static gboolean
set_user_active (MsStore     *store,
                 const char  *actor,
                 const char  *login,
                 gboolean     active,
                 GError     **error)
{
  return change_user (MS_PG_STORE (store), actor, login, NULL, active ? "true" : "false", error);
}

/* Writing {{{1 */

/* Core's checks of a revision about to be written by the acting user, in
 * the transaction: the same refusals, in the same (translated) words, as
 * on SQLite. save_revision checks it all again: this is for people, that
 * is the rule. */
static gboolean
precheck_revision (MsPgStore    *self,
                   MsProcedure  *p,
                   const char   *sha,
                   const char   *base,
                   GError      **error)
{
  const char *values[] = { p->id, p->code, p->administration };
  PGresult *result = ms_pg_run (self, error,
                                "SELECT u.roles, u.active, s.head, r.author, r.created, s.state, r.sha256,"
                                " (SELECT o.id FROM masatir.sheets o WHERE o.code = $2"
                                "   AND o.administration IS NOT DISTINCT FROM $3 AND o.id != $1 LIMIT 1)"
                                " FROM (SELECT 1) AS one"
                                " LEFT JOIN masatir.users u ON u.login = session_user"
                                " LEFT JOIN masatir.sheets s ON s.id = $1"
                                " LEFT JOIN masatir.revisions r ON r.sheet = s.num AND r.number = s.head",
                                G_N_ELEMENTS (values), values);
  gint64 head, base_number = base != NULL ? g_ascii_strtoll (base, NULL, 10) : 0;
  MsState state = MS_STATE_DRAFT;
  gboolean ok;

  if (result == NULL)
    return FALSE;
  head = ms_pg_int (result, 0, 2);
  if (head > 0)
    ms_state_from_nick (PQgetvalue (result, 0, 5), &state);
  if (!(ok = ms_store_check_actor (self->acting, !PQgetisnull (result, 0, 0), ms_pg_int (result, 0, 1) == 1, error)))
    ;
  else if (base != NULL
           && !(ok = ms_store_check_base (p->id, base_number, head, PQgetvalue (result, 0, 3),
                                          PQgetvalue (result, 0, 4), error)))
    ;
  else if (!(ok = ms_workflow_check (MS_ACTION_EDIT, state, self->acting, ms_pg_int (result, 0, 0) & MS_ROLE_ALL,
                                     NULL, NULL, FALSE, NULL, error)))
    ;
  /* The same content again stores nothing: no code to check. */
  else if (p->code != NULL && !PQgetisnull (result, 0, 7) && g_strcmp0 (PQgetvalue (result, 0, 6), sha) != 0)
    ok = ms_store_fail_code_used (p, PQgetvalue (result, 0, 7), error);
  PQclear (result);
  return ok;
}

/* Stores @p as the next revision of its sheet, by the acting user, through
 * masatir.save_revision; the head after it (unchanged when the content
 * was), or 0 with @error set. @base NULL: an import. */
gint64
ms_pg_write_revision (MsPgStore    *self,
                      MsProcedure  *p,
                      const char   *base,
                      const char   *action,
                      const char   *comment,
                      GError      **error)
{
  g_autoptr(JsonNode) node = ms_procedure_to_json (p);
  g_autofree char *json = NULL;
  g_autofree char *sha = NULL;
  char errors[16], warnings[16];
  g_autofree char *terms = NULL;
  const char *values[] = { NULL, NULL, base, errors, warnings, action, comment, NULL };
  guint n_errors, n_warnings;
  PGresult *result;
  gint64 head;
  gsize length;

  if (!(json = ms_canonical_json (node, &length, error)) || !ms_store_count_issues (p, &n_errors, &n_warnings, error))
    return 0;
  sha = ms_sha256_hex (json, length);
  if (!precheck_revision (self, p, sha, base, error))
    return 0;
  g_snprintf (errors, sizeof errors, "%u", n_errors);
  g_snprintf (warnings, sizeof warnings, "%u", n_warnings);
  terms = ms_pg_search_vector (p);
  values[0] = json;
  values[1] = sha;
  values[7] = terms;
  if (!(result = ms_pg_run (self, error, "SELECT masatir.save_revision ($1, $2, $3, $4, $5, $6, $7, $8)",
                            G_N_ELEMENTS (values), values)))
    return 0;
  head = ms_pg_int (result, 0, 0);
  PQclear (result);
  return head;
}

typedef struct {
  MsProcedure *procedure;
  const char  *base;
  MsSheetInfo *info;
} SaveJob;

/* The info read in the transaction that wrote, whose lock on the sheet
 * holds until the commit: what this save stored, not a later one. */
static gboolean
save_in_transaction (MsPgStore  *self,
                     gpointer    data,
                     GError    **error)
{
  SaveJob *job = data;

  return ms_pg_write_revision (self, job->procedure, job->base, "edit", NULL, error) > 0
         && (job->info = ms_pg_load_info (self, job->procedure->id, error)) != NULL;
}

static MsSheetInfo *
save (MsStore      *store,
      const char   *actor,
      MsProcedure  *procedure,
      gint64        base_revision,
      GError      **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  char base[24];
  gboolean ok;

  SaveJob job = { procedure, base, NULL };

  g_snprintf (base, sizeof base, "%" G_GINT64_FORMAT, base_revision);
  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_transaction (self, "BEGIN", save_in_transaction, &job, error);
  ms_pg_act_end (self);
  if (!ok)
    g_clear_pointer (&job.info, ms_sheet_info_free);
  return job.info;
}

typedef struct {
  const char         *id;
  MsAction            action;
  const char         *comment;
  guint               n_errors;   /* of the head, for a submission or approval */
  const char * const *values;
  MsSheetInfo        *info;
} TransitionJob;

/* Core's rules (ms_workflow_check) on what the transaction reads: the same
 * refusals, in the same translated words, as on SQLite; the function
 * checks again, for whoever bypasses this client. */
static gboolean
precheck_transition (MsPgStore      *self,
                     TransitionJob  *job,
                     GError        **error)
{
  const char *values[] = { job->id };
  PGresult *result = ms_pg_run (self, error,
                                "SELECT u.roles, u.active, s.num, s.state, s.live, s.submitted_by,"
                                " (SELECT string_agg (DISTINCT v.author, ',') FROM masatir.revisions v"
                                "   WHERE v.sheet = s.num AND v.number > s.last_published)"
                                " FROM (SELECT 1) AS one"
                                " LEFT JOIN masatir.users u ON u.login = session_user"
                                " LEFT JOIN masatir.sheets s ON s.id = $1", 1, values);
  g_auto(GStrv) editors = NULL;
  MsState state = MS_STATE_DRAFT;
  gboolean ok;

  if (result == NULL)
    return FALSE;
  if (!(ok = ms_store_check_actor (self->acting, !PQgetisnull (result, 0, 0), ms_pg_int (result, 0, 1) == 1, error)))
    ;
  else if (PQgetisnull (result, 0, 2))
    ok = ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, _("No sheet “%s” in the catalog"), job->id);
  else
    {
      ms_state_from_nick (PQgetvalue (result, 0, 3), &state);
      /* A withdrawal is about the live revision, even with a new draft over it. */
      if (job->action == MS_ACTION_WITHDRAW && ms_pg_int (result, 0, 4) > 0)
        state = MS_STATE_PUBLISHED;
      if (job->action == MS_ACTION_APPROVE && !PQgetisnull (result, 0, 6))
        editors = g_strsplit (PQgetvalue (result, 0, 6), ",", -1);
      ok = ms_workflow_check (job->action, state, self->acting, ms_pg_int (result, 0, 0) & MS_ROLE_ALL,
                              (const char * const *) editors,
                              PQgetisnull (result, 0, 5) ? NULL : PQgetvalue (result, 0, 5),
                              job->n_errors > 0, job->comment, error);
    }
  PQclear (result);
  return ok;
}

static gboolean
transition_in_transaction (MsPgStore  *self,
                           gpointer    data,
                           GError    **error)
{
  TransitionJob *job = data;

  return precheck_transition (self, job, error)
         && ms_pg_command (self, error, "SELECT masatir.transition ($1, $2, $3, $4, $5)", 5, job->values)
         && (job->info = ms_pg_load_info (self, job->id, error)) != NULL;
}

static MsSheetInfo *
transition (MsStore     *store,
            const char  *actor,
            const char  *id,
            MsAction     action,
            const char  *comment,
            GError     **error)
{
  MsPgStore *self = MS_PG_STORE (store);
  g_autoptr(MsProcedure) p = NULL;
  g_autofree char *sha = NULL;
  char errors[16];
  const char *values[] = { id, ms_action_to_nick (action), comment, NULL, NULL };
  TransitionJob job = { 0 };
  guint n_errors = 0;
  gboolean ok;

  /* Submitting and approving need the head validated here (a quality gate
   * of the client's): the function refuses another head than this one. */
  if (action == MS_ACTION_SUBMIT || action == MS_ACTION_APPROVE)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;
      gsize length;

      if (!(p = ms_pg_load_procedure (self, id, 0, error))
          || !ms_store_count_issues (p, &n_errors, NULL, error)
          || !(node = ms_procedure_to_json (p))
          || !(json = ms_canonical_json (node, &length, error)))
        return NULL;
      sha = ms_sha256_hex (json, length);
      g_snprintf (errors, sizeof errors, "%u", n_errors);
      values[3] = sha;
      values[4] = errors;
    }
  job.id = id;
  job.action = action;
  job.comment = comment;
  job.n_errors = n_errors;
  job.values = values;
  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_transaction (self, "BEGIN", transition_in_transaction, &job, error);
  ms_pg_act_end (self);
  if (!ok)
    g_clear_pointer (&job.info, ms_sheet_info_free);
  return job.info;
}

/* Watching {{{1 */

/* Whether a notification of another connection came (the writes of this
 * one notify too: the window knows what it did itself). */
static gboolean
drain_notifications (MsPgStore *self)
{
  gboolean foreign = FALSE;
  PGnotify *notify;

  PQconsumeInput (self->conn);
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      foreign |= notify->be_pid != PQbackendPID (self->conn);
      PQfreemem (notify);
    }
  return foreign;
}

static gboolean
watch_cb (gpointer data)
{
  MsPgStore *self = data;

  if (drain_notifications (self))
    ms_store_emit_changed (MS_STORE (self));
  return G_SOURCE_CONTINUE;
}

/* Every write function NOTIFYs channel "masatir"; what arrives is read at
 * the pace of @interval_ms, like the SQLite backend's poll, and also
 * whatever arrived during the store's own queries. */
static void
watch (MsStore *store,
       guint    interval_ms)
{
  MsPgStore *self = MS_PG_STORE (store);

  if (ms_store_watch_source_clear (&self->watch_source))
    ms_pg_command (self, NULL, "UNLISTEN masatir", 0, NULL);
  if (interval_ms == 0 || !ms_pg_command (self, NULL, "LISTEN masatir", 0, NULL))
    return;
  drain_notifications (self);

  /* Owned by the store: destroyed in finalize, before the connection closes. */
  self->watch_source = ms_store_watch_source_new (interval_ms, watch_cb, self);
}

/* Opening {{{1 */

static void
ms_pg_store_finalize (GObject *object)
{
  MsPgStore *self = MS_PG_STORE (object);

  ms_store_watch_source_clear (&self->watch_source);
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->schema);
  g_clear_pointer (&self->schema_regex, g_regex_unref);
  g_free (self->login);
  g_free (self->acting);
  g_free (self->where);
  G_OBJECT_CLASS (ms_pg_store_parent_class)->finalize (object);
}

static void
ms_pg_store_iface_init (MsStoreInterface *iface)
{
  iface->get_setting = get_setting;
  iface->add_user = add_user;
  iface->list_users = list_users;
  iface->get_user = get_user;
  iface->set_user_roles = set_user_roles;
  iface->set_user_active = set_user_active;
  iface->save = save;
  iface->transition = transition;
  iface->watch = watch;
  ms_pg_store_read_iface_init (iface);
  ms_pg_store_list_iface_init (iface);
  ms_pg_store_search_iface_init (iface);
  ms_pg_store_drafts_iface_init (iface);
  ms_pg_store_import_iface_init (iface);
  ms_pg_store_export_iface_init (iface);
}

static void
ms_pg_store_class_init (MsPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_pg_store_finalize;
}

static void
ms_pg_store_init (MsPgStore *self)
{
}

static gboolean
migrate_in_transaction (MsPgStore  *self,
                        gpointer    data,
                        GError    **error)
{
  int latest = G_N_ELEMENTS (ms_pg_migrations);
  PGresult *result;
  int version;

  /* One migration at a time, whoever else opens the catalog now. */
  if (!ms_pg_command (self, error, "SELECT pg_advisory_xact_lock (hashtext ('masatir schema'))", 0, NULL)
      || !ms_pg_command (self, error, "CREATE SCHEMA IF NOT EXISTS masatir", 0, NULL)
      || !ms_pg_command (self, error, "CREATE TABLE IF NOT EXISTS masatir.schema_version (version integer NOT NULL)",
                         0, NULL)
      || !(result = ms_pg_run (self, error, "SELECT max (version) FROM masatir.schema_version", 0, NULL)))
    return FALSE;
  version = ms_pg_int (result, 0, 0);
  PQclear (result);
  if (version > latest)
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_TOO_NEW,
                    _("The catalog on %s has schema version %d, newer than this Masatir knows (%d): upgrade Masatir"),
                    self->where, version, latest);
  for (int v = version; v < latest; v++)
    {
      char next[16];
      const char *values[] = { next };

      /* Static DDL without any value from outside: nothing to bind. */
      g_autofree char *copy = NULL;

      result = PQexec (self->conn, ms_pg_sql (self, ms_pg_migrations[v], &copy));
      if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          g_autoptr(GError) local_error = NULL;

          ms_pg_set_error (self, result, &local_error);
          PQclear (result);
          return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED,
                          _("Could not upgrade the catalog to version %d: %s"), v + 1, local_error->message);
        }
      PQclear (result);
      g_snprintf (next, sizeof next, "%d", v + 1);
      if (!ms_pg_command (self, error, "DELETE FROM masatir.schema_version", 0, NULL)
          || !ms_pg_command (self, error, "INSERT INTO masatir.schema_version (version) VALUES ($1)", 1, values))
        return FALSE;
    }
  /* Version 2 indexes for search what version 1 stored. */
  if (version < 2 && latest >= 2 && !ms_pg_search_backfill (self, error))
    return FALSE;
  return TRUE;
}

/* Brings the schema up to date. A login that only reads the version does
 * not need the owner's rights. */
static gboolean
migrate (MsPgStore  *self,
         GError    **error)
{
  g_autofree char *copy = NULL;
  PGresult *result = PQexec (self->conn, ms_pg_sql (self, "SELECT max (version) FROM masatir.schema_version", &copy));
  gboolean current = PQresultStatus (result) == PGRES_TUPLES_OK
                     && ms_pg_int (result, 0, 0) == (gint64) G_N_ELEMENTS (ms_pg_migrations);

  g_autoptr(GError) local_error = NULL;

  PQclear (result);
  if (current || ms_pg_transaction (self, "BEGIN", migrate_in_transaction, NULL, &local_error))
    return TRUE;
  /* A login of the catalog, not its owner, meeting no schema or an old one. */
  if (g_error_matches (local_error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED))
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN,
                    _("The catalog on %s has no schema, or an older one, and “%s” may not set it up: "
                      "its owner opens it once first (%s)"), self->where, self->login, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
ms_pg_store_is_conninfo (const char *uri)
{
  const char *c = uri;

  g_return_val_if_fail (uri != NULL, FALSE);

  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    return TRUE;
  /* "host=… dbname=…": a keyword, then "=" (a file name rarely starts so). */
  while (*c == ' ')
    c++;
  if (!g_ascii_isalpha (*c))
    return FALSE;
  while (g_ascii_isalnum (*c) || *c == '_')
    c++;
  while (*c == ' ')
    c++;
  return *c == '=';
}

MsPgStore *
ms_pg_store_open (const char  *conninfo,
                  GError     **error)
{
  g_autoptr(MsPgStore) self = NULL;
  PGresult *result;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MS_TYPE_PG_STORE, NULL);
  self->conn = PQconnectdb (conninfo);
  /* Where, for messages: never the connection string, which may hold a password. */
  self->where = g_strdup_printf ("%s/%s", PQhost (self->conn) != NULL ? PQhost (self->conn) : "?",
                                 PQdb (self->conn) != NULL ? PQdb (self->conn) : "?");
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (self->conn)));

      ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN, _("Could not connect to the catalog on %s: %s"),
               self->where, message);
      return NULL;
    }
  if (!set_up_session (self)
      || !(result = ms_pg_run (self, error, "SELECT session_user", 0, NULL)))
    {
      if (error != NULL && *error == NULL)
        ms_pg_set_error (self, NULL, error);
      return NULL;
    }
  self->login = ms_pg_dup (result, 0, 0);
  self->acting = g_strdup (self->login);
  PQclear (result);
  if (!ms_pg_choose_schema (self, error) || !migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
ms_pg_store_get_login (MsPgStore *self)
{
  g_return_val_if_fail (MS_IS_PG_STORE (self), NULL);
  return self->login;
}

gboolean
ms_pg_store_set_issuer (MsPgStore   *self,
                        const char  *actor,
                        const char  *issuer,
                        GError     **error)
{
  const char *values[] = { issuer };
  gboolean ok;

  g_return_val_if_fail (MS_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && issuer != NULL, FALSE);
  ok = ms_pg_act_as (self, actor, error)
       && ms_pg_command (self, error, "SELECT masatir.set_issuer ($1)", 1, values);
  ms_pg_act_end (self);
  return ok;
}

void
ms_pg_store_set_impersonate (MsPgStore *self,
                             gboolean   impersonate)
{
  g_return_if_fail (MS_IS_PG_STORE (self));
  ms_pg_act_end (self);
  self->impersonate = impersonate;
}

/* vim: set foldmethod=marker: */
