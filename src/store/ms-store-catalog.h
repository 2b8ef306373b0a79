/* ms-store-catalog.h — what the window needs from a store, on top of MsStore
 *
 * The acting user, the catalog list filled from a store, and the facts the
 * workflow rules (ms_workflow_check) need about one sheet, all through the
 * public MsStore API, so that the window and masatir-cli resolve them alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-catalog.h"
#include "ms-store.h"

G_BEGIN_DECLS

/* Who acts when nobody says: @requested (--as) when given, else
 * $MASATIR_USER, else the OS login. Never NULL. */
const char      *ms_store_default_actor      (const char       *requested);

/* Adds every sheet of @store to @catalog with its current state, as one
 * MsCatalogEntry each (its source is NULL). Fails, with @catalog possibly
 * half filled, when the store cannot be read. */
gboolean         ms_store_fill_catalog       (MsStore          *store,
                                              MsCatalog        *catalog,
                                              GError          **error);

/* What the workflow rules need to know about one sheet besides its content. */
typedef struct {
  MsState  state;       /* of the current revision */
  gboolean live;        /* a published revision is live (withdraw acts on it) */
  GStrv    editors;     /* who saved a revision since the last published one */
  char    *submitter;   /* who submitted the revision in review, or NULL */
} MsWorkflowFacts;

MsWorkflowFacts *ms_store_get_workflow_facts (MsStore          *store,
                                              const char       *id,
                                              GError          **error);
void             ms_workflow_facts_free      (MsWorkflowFacts  *facts);

/* ms_workflow_check() for @user doing @action on the sheet of @facts, from
 * the state the store will start from. */
gboolean         ms_workflow_facts_check     (const MsWorkflowFacts *facts,
                                              MsAction          action,
                                              const MsUser     *user,
                                              gboolean          has_errors,
                                              const char       *comment,
                                              GError          **error);

/* Whether @action applies to the sheet's state at all, for someone holding
 * every role: what a window shows, before asking whether its user may. */
gboolean         ms_workflow_facts_applies   (const MsWorkflowFacts *facts,
                                              MsAction          action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsWorkflowFacts, ms_workflow_facts_free)

G_END_DECLS
