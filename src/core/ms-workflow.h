/* ms-workflow.h — the states of a sheet's revision (design.md §3)
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

G_END_DECLS
