/* ms-workflow.c — states, actions, roles and the four-eyes rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-nick.h"
#include "ms-workflow.h"

static const struct {
  const char *nick;
  const char *label;
} states[MS_N_STATES] = {
  [MS_STATE_DRAFT] = { "draft", N_("Draft") },
  [MS_STATE_IN_REVIEW] = { "in_review", N_("In review") },
  [MS_STATE_CHANGES_REQUESTED] = { "changes_requested", N_("Changes requested") },
  [MS_STATE_APPROVED] = { "approved", N_("Approved") },
  [MS_STATE_PUBLISHED] = { "published", N_("Published") },
  [MS_STATE_WITHDRAWN] = { "withdrawn", N_("Withdrawn") },
};

static const char * const role_nicks[] = { "editor", "reviewer", "publisher", "admin" };

/* The table of design.md §3: who, from which states, to which state. */
static const struct {
  const char *nick;
  const char *label;
  MsRoles     role;
  guint       from;      /* bit set of MsState */
  MsState     to;
} actions[MS_N_ACTIONS] = {
  [MS_ACTION_EDIT] = { "edit", N_("Edit"), MS_ROLE_EDITOR,
                       (1 << MS_N_STATES) - 1, MS_STATE_DRAFT },
  [MS_ACTION_SUBMIT] = { "submit", N_("Submit for review"), MS_ROLE_EDITOR,
                         1 << MS_STATE_DRAFT | 1 << MS_STATE_CHANGES_REQUESTED, MS_STATE_IN_REVIEW },
  [MS_ACTION_REQUEST_CHANGES] = { "request-changes", N_("Request changes"), MS_ROLE_REVIEWER,
                                  1 << MS_STATE_IN_REVIEW, MS_STATE_CHANGES_REQUESTED },
  [MS_ACTION_APPROVE] = { "approve", N_("Approve"), MS_ROLE_REVIEWER,
                          1 << MS_STATE_IN_REVIEW, MS_STATE_APPROVED },
  [MS_ACTION_PUBLISH] = { "publish", N_("Publish"), MS_ROLE_PUBLISHER,
                          1 << MS_STATE_APPROVED, MS_STATE_PUBLISHED },
  [MS_ACTION_WITHDRAW] = { "withdraw", N_("Withdraw"), MS_ROLE_PUBLISHER,
                           1 << MS_STATE_PUBLISHED, MS_STATE_WITHDRAWN },
};

const char *
ms_state_to_nick (MsState state)
{
  g_return_val_if_fail (state < MS_N_STATES, NULL);
  return states[state].nick;
}

gboolean
ms_state_from_nick (const char *nick,
                    MsState    *state)
{
  int i = MS_NICK_INDEX (states, nick);

  if (i < 0)
    return FALSE;
  if (state != NULL)
    *state = i;
  return TRUE;
}

const char *
ms_state_to_label (MsState state)
{
  g_return_val_if_fail (state < MS_N_STATES, NULL);
  return _(states[state].label);
}

gboolean
ms_roles_from_string (const char  *text,
                      MsRoles     *roles,
                      GError     **error)
{
  g_auto(GStrv) names = NULL;
  MsRoles result = MS_ROLE_NONE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (roles != NULL, FALSE);

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      int r;

      if (*name == '\0')
        continue;
      if ((r = MS_NICK_INDEX (role_nicks, name)) >= 0)
        result |= 1 << r;
      else
        {
          g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                       _("unknown role “%s” (roles: editor, reviewer, publisher, admin)"), name);
          return FALSE;
        }
    }
  *roles = result;
  return TRUE;
}

char *
ms_roles_to_string (MsRoles roles)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < G_N_ELEMENTS (role_nicks); r++)
    if (roles & (1 << r))
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", role_nicks[r]);
  return g_string_free (out, FALSE);
}

const char *
ms_action_to_nick (MsAction action)
{
  g_return_val_if_fail (action < MS_N_ACTIONS, NULL);
  return actions[action].nick;
}

gboolean
ms_action_from_nick (const char *nick,
                     MsAction   *action)
{
  int i = MS_NICK_INDEX (actions, nick);

  if (i < 0)
    return FALSE;
  if (action != NULL)
    *action = i;
  return TRUE;
}

const char *
ms_action_to_label (MsAction action)
{
  g_return_val_if_fail (action < MS_N_ACTIONS, NULL);
  return _(actions[action].label);
}

MsState
ms_workflow_target (MsAction action,
                    MsState  from)
{
  g_return_val_if_fail (action < MS_N_ACTIONS, from);
  return actions[action].to;
}

static const char *
role_label (MsRoles role)
{
  switch (role)
    {
    case MS_ROLE_EDITOR: return _("editor");
    case MS_ROLE_REVIEWER: return _("reviewer");
    case MS_ROLE_PUBLISHER: return _("publisher");
    case MS_ROLE_ADMIN: return _("admin");
    case MS_ROLE_NONE:
    case MS_ROLE_ALL:
    default: return "";
    }
}

#define deny(error, ...) ms_fail ((error), MS_CORE_ERROR, MS_CORE_ERROR_DENIED, __VA_ARGS__)

gboolean
ms_workflow_check (MsAction            action,
                   MsState             state,
                   const char         *actor,
                   MsRoles             roles,
                   const char * const *editors,
                   const char         *submitter,
                   gboolean            has_errors,
                   const char         *comment,
                   GError            **error)
{
  g_return_val_if_fail (action < MS_N_ACTIONS, FALSE);
  g_return_val_if_fail (state < MS_N_STATES, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(roles & actions[action].role))
    return deny (error, _("“%s” does not have the %s role needed to %s"),
                 actor, role_label (actions[action].role), actions[action].nick);

  if (!(actions[action].from & (1u << state)))
    return deny (error, _("“%s” is not possible while the sheet is “%s”"),
                 ms_action_to_label (action), ms_state_to_label (state));

  switch (action)
    {
    case MS_ACTION_SUBMIT:
      if (has_errors)
        return deny (error, _("the sheet has validation errors; correct them before submitting it"));
      break;

    case MS_ACTION_REQUEST_CHANGES:
    case MS_ACTION_WITHDRAW:
      if (comment == NULL || *comment == '\0' || strspn (comment, " \t\r\n") == strlen (comment))
        return deny (error, action == MS_ACTION_WITHDRAW
                     ? _("a reason is required to withdraw a sheet (--comment)")
                     : _("a comment is required to request changes (--comment)"));
      break;

    case MS_ACTION_APPROVE:
      /* Four eyes against everyone who shaped the content, not only the submitter. */
      if (editors != NULL && g_strv_contains (editors, actor))
        return deny (error, _("“%s” edited this revision and cannot approve it (four-eyes rule)"),
                     actor);
      if (submitter != NULL && strcmp (submitter, actor) == 0)
        return deny (error, _("“%s” submitted this revision and cannot approve it (four-eyes rule)"),
                     actor);
      if (has_errors)
        return deny (error, _("the sheet has validation errors and cannot be approved"));
      break;

    case MS_ACTION_EDIT:
    case MS_ACTION_PUBLISH:
    case MS_N_ACTIONS:
    default:
      break;
    }
  return TRUE;
}
