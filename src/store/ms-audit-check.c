/* ms-audit-check.c — the audit log's hash chain and its replay under the workflow's rules
 *
 * What every store backend needs to check its audit log (ms_store_verify_audit,
 * ms_store_read_export): the hash of an entry, as each backend computes it
 * when appending (the PostgreSQL backend's functions compute the same bytes
 * in SQL), and the replay of the entries in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-audit-check.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-sha256.h"
#include "ms-store-error.h"

/* Integers up to 2^53 are written the same as doubles (RFC 8785 §3.2.2.3). */
#define EXACT_INTEGER(n) ((n) >= -(G_GINT64_CONSTANT (1) << 53) && (n) <= (G_GINT64_CONSTANT (1) << 53))

static char *entry_hash_built (const MsAuditEntry *e,
                               const char         *prev);

/* The SHA-256 of the entry's canonical JSON: its members written in their
 * sorted order, without building the object first (an export checks every
 * entry of the log); the same bytes as entry_hash_built. */
char *
ms_audit_entry_hash (const MsAuditEntry *e,
                     const char         *prev)
{
  const struct { const char *name; const char *text; const gint64 *number; } members[] = {
    { "action", e->action }, { "actor", e->actor }, { "comment", e->comment },
    { "from", e->from_state }, { "prev", prev }, { "revision", NULL, &e->revision },
    { "seq", NULL, &e->seq }, { "sha256", e->sha256 }, { "sheet", e->sheet_id },
    { "time", e->time }, { "to", e->to_state },
  };
  g_autoptr(GString) out = NULL;

  if (!EXACT_INTEGER (e->seq) || !EXACT_INTEGER (e->revision))
    return entry_hash_built (e, prev);
  out = g_string_sized_new (512);
  g_string_append_c (out, '{');
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      if (members[i].text == NULL && members[i].number == NULL)
        continue;
      if (out->len > 1)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "\"%s\":", members[i].name);
      if (members[i].number != NULL)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, *members[i].number);
      else
        ms_canonical_json_append_string (out, members[i].text);
    }
  g_string_append_c (out, '}');
  return ms_sha256_hex (out->str, out->len);
}

/* The same, through a JsonNode: for integers a double cannot hold exactly. */
static char *
entry_hash_built (const MsAuditEntry *e,
                        const char         *prev)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  const struct { const char *name; const char *value; } strings[] = {
    { "time", e->time }, { "actor", e->actor }, { "action", e->action }, { "sheet", e->sheet_id },
    { "sha256", e->sha256 }, { "from", e->from_state }, { "to", e->to_state },
    { "comment", e->comment }, { "prev", prev },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, e->seq);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, e->revision);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (strings[i].value == NULL)
        continue;
      json_builder_set_member_name (b, strings[i].name);
      json_builder_add_string_value (b, strings[i].value);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  /* Only strings and small integers: canonicalisation cannot fail. */
  return ms_canonical_json_sha256 (node, NULL);
}

#define audit_broken(error, ...) ms_fail ((error), MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT, __VA_ARGS__)

/* What the audit log says of one sheet: its entries replayed in order
 * under the workflow's own rules (ms_workflow_check) with the roles the
 * log gave people, so that the sheets table, which anyone holding the
 * database can change, is believed only where the chain agrees. */
typedef struct {
  MsState      state;
  gint64       head;
  gint64       live;         /* 0 when none */
  const char  *submitter;    /* interned in MsAuditLog's strings */
  GPtrArray   *editors;      /* logins who saved since the last publication */
  char        *refused;      /* why its last refused entry was refused */
  char         head_sha[MS_SHA256_HEX_LEN + 1];
  char         live_sha[MS_SHA256_HEX_LEN + 1];
} SheetLog;

struct _MsAuditLog {
  GStringChunk *strings;     /* logins and sheet ids */
  GHashTable   *roles;       /* login → MsRoles | LOG_INACTIVE, from the user entries */
  GHashTable   *sheets;      /* sheet id → SheetLog* */
  /* The chain so far: the hash of the last entry, the seq of the next. */
  char          prev[MS_SHA256_HEX_LEN + 1];
  gint64        expected;
};

static void
sheet_log_free (gpointer data)
{
  SheetLog *s = data;

  g_clear_pointer (&s->editors, g_ptr_array_unref);
  g_free (s->refused);
  g_free (s);
}

MsAuditLog *
ms_audit_log_new (void)
{
  MsAuditLog *log = g_new0 (MsAuditLog, 1);

  log->strings = g_string_chunk_new (64 * 1024);
  log->roles = g_hash_table_new (g_str_hash, g_str_equal);
  log->sheets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sheet_log_free);
  memcpy (log->prev, MS_AUDIT_NO_HASH, sizeof log->prev);
  log->expected = 1;
  return log;
}

void
ms_audit_log_free (MsAuditLog *log)
{
  if (log == NULL)
    return;
  g_clear_pointer (&log->sheets, g_hash_table_unref);
  g_clear_pointer (&log->roles, g_hash_table_unref);
  g_clear_pointer (&log->strings, g_string_chunk_free);
  g_free (log);
}

/* A hash that is not 64 characters matches none. */
static void
copy_sha (char        dest[MS_SHA256_HEX_LEN + 1],
          const char *sha256)
{
  if (sha256 != NULL && strlen (sha256) == MS_SHA256_HEX_LEN)
    memcpy (dest, sha256, MS_SHA256_HEX_LEN + 1);
  else
    *dest = '\0';
}

/* In MsAuditLog.roles: the user was deactivated, and acts with no role. */
#define LOG_INACTIVE (1u << 8)

static MsRoles
audit_log_roles (MsAuditLog *log,
                 const char *login)
{
  guint value = GPOINTER_TO_UINT (g_hash_table_lookup (log->roles, login));

  return (value & LOG_INACTIVE) ? MS_ROLE_NONE : (MsRoles) (value & MS_ROLE_ALL);
}

/* "user-roles" ("login: roles"), "user-deactivate" and "user-activate"
 * ("login"), by an active admin, about a user already added. */
static void
replay_user_change (MsAuditLog         *log,
                    const MsAuditEntry *e)
{
  const char *sep = e->comment != NULL ? strstr (e->comment, ": ") : NULL;
  g_autofree char *login = NULL;
  gpointer key, value;
  guint next;

  if (!(audit_log_roles (log, e->actor) & MS_ROLE_ADMIN) || e->comment == NULL)
    return;
  login = strcmp (e->action, "user-roles") == 0
          ? (sep != NULL ? g_strndup (e->comment, sep - e->comment) : NULL)
          : g_strdup (e->comment);
  if (login == NULL || !g_hash_table_lookup_extended (log->roles, login, &key, &value))
    return;
  next = GPOINTER_TO_UINT (value);
  if (strcmp (e->action, "user-roles") == 0)
    {
      MsRoles roles;

      if (!ms_roles_from_string (sep + 2, &roles, NULL))
        return;
      next = (next & LOG_INACTIVE) | roles;
    }
  else if (strcmp (e->action, "user-deactivate") == 0)
    next |= LOG_INACTIVE;
  else
    next &= ~LOG_INACTIVE;
  g_hash_table_insert (log->roles, key, GUINT_TO_POINTER (next));
}

/* "login: editor,reviewer" added by an admin (anyone for the first user,
 * who must be one): the roles that login has from then on. */
static void
replay_user_add (MsAuditLog         *log,
                 const MsAuditEntry *e)
{
  const char *sep = e->comment != NULL ? strstr (e->comment, ": ") : NULL;
  g_autofree char *login = NULL;
  MsRoles roles;

  if (sep == NULL || !ms_roles_from_string (sep + 2, &roles, NULL))
    return;
  login = g_strndup (e->comment, sep - e->comment);
  if (g_hash_table_contains (log->roles, login))
    return;
  if (g_hash_table_size (log->roles) == 0
      ? !(roles & MS_ROLE_ADMIN)
      : !(audit_log_roles (log, e->actor) & MS_ROLE_ADMIN))
    return;
  g_hash_table_insert (log->roles, g_string_chunk_insert_const (log->strings, login), GUINT_TO_POINTER (roles));
}

static void
sheet_log_refuse (SheetLog           *s,
                  const MsAuditEntry *e,
                  const char         *why)
{
  g_free (s->refused);
  s->refused = g_strdup_printf (_("audit entry %d, %s by %s: %s"), (int) e->seq, e->action, e->actor, why);
}

/* One entry about a sheet. A transition the rules would have refused
 * changes nothing (its refusal is kept to explain what follows); an edit
 * stands whoever made it, since its revision exists either way. */
static void
replay_sheet_entry (MsAuditLog         *log,
                    const MsAuditEntry *e)
{
  g_autoptr(GError) refusal = NULL;
  SheetLog *s = g_hash_table_lookup (log->sheets, e->sheet_id);
  const char *actor = g_string_chunk_insert_const (log->strings, e->actor);
  MsRoles roles = audit_log_roles (log, actor);
  gboolean about_head;
  MsAction action;
  MsState from;

  if (s == NULL)
    {
      s = g_new0 (SheetLog, 1);
      s->state = MS_STATE_DRAFT;
      g_hash_table_insert (log->sheets, g_string_chunk_insert (log->strings, e->sheet_id), s);
    }

  if (strcmp (e->action, "import") == 0 || strcmp (e->action, "edit") == 0)
    {
      if (!ms_workflow_check (MS_ACTION_EDIT, s->state, actor, roles, NULL, NULL, FALSE, NULL, &refusal))
        sheet_log_refuse (s, e, refusal->message);
      else
        g_clear_pointer (&s->refused, g_free);
      s->state = MS_STATE_DRAFT;
      s->head = e->revision;
      copy_sha (s->head_sha, e->sha256);
      s->submitter = NULL;
      if (s->editors == NULL)
        s->editors = g_ptr_array_new_null_terminated (1, NULL, TRUE);
      if (!g_ptr_array_find (s->editors, actor, NULL))
        g_ptr_array_add (s->editors, (gpointer) actor);
      return;
    }
  if (!ms_action_from_nick (e->action, &action) || action == MS_ACTION_EDIT)
    return;

  /* A withdrawal is about the live revision, every other action about the head. */
  from = action == MS_ACTION_WITHDRAW && s->live > 0 ? MS_STATE_PUBLISHED : s->state;
  about_head = action == MS_ACTION_WITHDRAW
               ? e->revision == s->live && g_strcmp0 (e->sha256, s->live_sha) == 0
               : e->revision == s->head && g_strcmp0 (e->sha256, s->head_sha) == 0;
  if (!ms_workflow_check (action, from, actor, roles,
                          s->editors != NULL && s->editors->len > 0 ? (const char * const *) s->editors->pdata : NULL,
                          s->submitter, FALSE, e->comment, &refusal))
    {
      sheet_log_refuse (s, e, refusal->message);
      return;
    }
  if (!about_head)
    {
      sheet_log_refuse (s, e, _("not about the revision the sheet had then"));
      return;
    }

  switch (action)
    {
    case MS_ACTION_SUBMIT:
      s->submitter = actor;
      break;
    case MS_ACTION_PUBLISH:
      s->live = s->head;
      memcpy (s->live_sha, s->head_sha, sizeof s->live_sha);
      if (s->editors != NULL)
        g_ptr_array_set_size (s->editors, 0);
      break;
    case MS_ACTION_WITHDRAW:
      s->live = 0;
      *s->live_sha = '\0';
      if (s->head != e->revision)
        return;   /* the draft over it stays a draft */
      break;
    case MS_ACTION_REQUEST_CHANGES:
    case MS_ACTION_APPROVE:
      break;
    case MS_ACTION_EDIT:
    case MS_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
  s->state = ms_workflow_target (action, from);
}


gboolean
ms_audit_log_add (MsAuditLog          *log,
                  const MsAuditEntry  *e,
                  const char          *stored_prev,
                  const char          *stored_hash,
                  GError             **error)
{
  g_autofree char *hash = ms_audit_entry_hash (e, stored_prev);

  if (e->seq != log->expected)
    return audit_broken (error, _("audit entry %d is missing (deleted)"), (int) log->expected);
  if (g_strcmp0 (hash, stored_hash) != 0)
    return audit_broken (error,
                         _("audit entry %d (%s, %s, %s) was altered: its content does not match its hash"),
                         (int) e->seq, e->time, e->actor, e->action);
  if (g_strcmp0 (stored_prev, log->prev) != 0)
    return audit_broken (error,
                         _("audit entry %d does not follow the previous entry: an earlier entry was altered or deleted"),
                         (int) e->seq);
  /* Its hash matched: a string of 64 characters. */
  memcpy (log->prev, stored_hash, sizeof log->prev);
  log->expected++;

  if (e->actor == NULL || e->action == NULL)
    return TRUE;
  if (strcmp (e->action, "user-add") == 0)
    replay_user_add (log, e);
  else if (g_str_has_prefix (e->action, "user-"))
    replay_user_change (log, e);
  else if (e->sheet_id != NULL)
    replay_sheet_entry (log, e);
  return TRUE;
}

gboolean
ms_audit_log_end (MsAuditLog  *log,
                  const char  *head,
                  const char  *count,
                  gint64      *n_entries,
                  GError     **error)
{
  if ((head != NULL || log->expected > 1)
      && (g_strcmp0 (head, log->prev) != 0
          || g_ascii_strtoll (count != NULL ? count : "0", NULL, 10) != log->expected - 1))
    return audit_broken (error, _("the audit log ends at entry %d but it had %s entries: the last entries were deleted"),
                         (int) (log->expected - 1), count != NULL ? count : "?");
  if (n_entries != NULL)
    *n_entries = log->expected - 1;
  return TRUE;
}

/* Whether the log shows revision @revision of sheet @id, of content
 * @sha256, approved after its submission (@approved) or published after
 * its approval, each by people the rules allowed; fails with
 * MS_STORE_ERROR_CORRUPT naming the sheet otherwise. */
gboolean
ms_audit_log_check_sheet (MsAuditLog  *log,
                          const char  *id,
                          gboolean     approved,
                          gint64       revision,
                          const char  *sha256,
                          GError     **error)
{
  SheetLog *s = g_hash_table_lookup (log->sheets, id);
  g_autoptr(GString) message = g_string_new (NULL);

  if (s != NULL && sha256 != NULL
      && (approved
          ? s->state == MS_STATE_APPROVED && s->head == revision && strcmp (s->head_sha, sha256) == 0
          : s->live > 0 && s->live == revision && strcmp (s->live_sha, sha256) == 0))
    return TRUE;

  if (approved)
    g_string_printf (message, _("Sheet %s is approved, but the audit log does not show its revision %d "
                                   "(SHA-256 %s) submitted and then approved by people allowed to"),
                     id, (int) revision, sha256 != NULL ? sha256 : "?");
  else
    g_string_printf (message, _("Sheet %s has revision %d published, but the audit log does not show it "
                                   "(SHA-256 %s) approved and then published by people allowed to"),
                     id, (int) revision, sha256 != NULL ? sha256 : "?");
  if (s != NULL && s->refused != NULL)
    g_string_append_printf (message, " (%s)", s->refused);
  g_string_append (message, _("; the catalog was changed behind the application's back"));
  g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT, message->str);
  return FALSE;
}
