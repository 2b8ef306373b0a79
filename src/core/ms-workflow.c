/* ms-workflow.c — the states of a sheet's revision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-workflow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

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
  g_return_val_if_fail (nick != NULL, FALSE);

  for (guint i = 0; i < MS_N_STATES; i++)
    {
      if (strcmp (states[i].nick, nick) == 0)
        {
          if (state != NULL)
            *state = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
ms_state_to_label (MsState state)
{
  g_return_val_if_fail (state < MS_N_STATES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, states[state].label);
}
