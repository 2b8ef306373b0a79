/* ms-workflow.h — states, actions, roles and the four-eyes rule (design.md §3)
 *
 * The rules live here, in core, so that every store backend and both user
 * interfaces apply the same ones; a store only applies a transition that
 * ms_workflow_check() allowed, in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MS_STATE_DRAFT,
  MS_STATE_IN_REVIEW,
  MS_STATE_CHANGES_REQUESTED,
  MS_STATE_APPROVED,
  MS_STATE_PUBLISHED,
  MS_STATE_WITHDRAWN,
  MS_N_STATES
} MsState;

const char *ms_state_to_nick   (MsState     state);
gboolean    ms_state_from_nick (const char *nick,
                                MsState    *state);
/* Translated, for people. */
const char *ms_state_to_label  (MsState     state);

/* A user's roles, a set of flags. */
typedef enum {
  MS_ROLE_NONE      = 0,
  MS_ROLE_EDITOR    = 1 << 0,
  MS_ROLE_REVIEWER  = 1 << 1,
  MS_ROLE_PUBLISHER = 1 << 2,
  MS_ROLE_ADMIN     = 1 << 3,
  MS_ROLE_ALL       = (1 << 4) - 1
} MsRoles;

/* "editor,reviewer" ↔ flags; parsing fails on an unknown role name. */
gboolean    ms_roles_from_string (const char  *text,
                                  MsRoles     *roles,
                                  GError     **error);
char       *ms_roles_to_string   (MsRoles      roles);

typedef enum {
  MS_ACTION_EDIT,
  MS_ACTION_SUBMIT,
  MS_ACTION_REQUEST_CHANGES,
  MS_ACTION_APPROVE,
  MS_ACTION_PUBLISH,
  MS_ACTION_WITHDRAW,
  MS_N_ACTIONS
} MsAction;

/* "edit", "submit", "request-changes", "approve", "publish", "withdraw". */
const char *ms_action_to_nick    (MsAction     action);
gboolean    ms_action_from_nick  (const char  *nick,
                                  MsAction    *action);
const char *ms_action_to_label   (MsAction     action);

/* The state @action leads to from @from (only meaningful when allowed). */
MsState     ms_workflow_target   (MsAction     action,
                                  MsState      from);

/* Whether @actor, holding @roles, may do @action on a sheet whose current
 * revision is in @state. @editors lists everyone who saved a revision since
 * the last published one (or since creation), @submitter who submitted the
 * revision in review (or NULL); @has_errors whether the current revision has
 * validation errors; @comment the comment given, or NULL.
 * Fails with MS_CORE_ERROR_DENIED and a message that says which rule. */
gboolean    ms_workflow_check    (MsAction            action,
                                  MsState             state,
                                  const char         *actor,
                                  MsRoles             roles,
                                  const char * const *editors,
                                  const char         *submitter,
                                  gboolean            has_errors,
                                  const char         *comment,
                                  GError            **error);

G_END_DECLS
