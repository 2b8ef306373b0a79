/* ms-window-history.c — the history of the selected sheet, and what changed
 * since its published version for whoever reviews it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window-history"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-diff.h"
#include "ms-history-view.h"
#include "ms-i18n.h"
#include "ms-review-changes.h"
#include "ms-window-private.h"

/* Whether a sheet in @state is on its way to the portal, and so compared
 * with what the portal has: a draft only when it edits a published sheet,
 * or every new sheet being written would say "New sheet". */
static gboolean
is_under_review (MsState state,
                 gint64  live_revision)
{
  switch (state)
    {
    case MS_STATE_IN_REVIEW:
    case MS_STATE_APPROVED:
    case MS_STATE_CHANGES_REQUESTED:
      return TRUE;
    case MS_STATE_DRAFT:
      return live_revision > 0;
    case MS_STATE_PUBLISHED:
    case MS_STATE_WITHDRAWN:
    case MS_N_STATES:
    default:
      return FALSE;
    }
}

static void
hide_review_changes (MsWindow *self)
{
  ms_review_changes_set_changes (self->review_changes, NULL, NULL);
  ms_sheet_view_set_changed_paths (self->sheet_view, NULL);
}

/* "What Changed" above the review buttons, and the changed fields marked in
 * the sheet: the current revision against the published one still live, as
 * `masatir-cli diff ID` compares them. */
static void
update_review_changes (MsWindow *self)
{
  MsProcedure *procedure = ms_window_get_selected (self);
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsProcedure) before = NULL;
  g_autoptr(MsProcedure) after = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *description = NULL;
  gint64 base;

  if (self->store == NULL || procedure == NULL || self->editing || self->history)
    {
      hide_review_changes (self);
      return;
    }

  info = ms_store_get_sheet_info (self->store, procedure->id, &error);
  if (info == NULL || !is_under_review (info->state, info->live_revision)
      || info->live_revision == info->revision)
    {
      if (error != NULL)
        g_message ("Cannot read sheet %s: %s", procedure->id, error->message);
      hide_review_changes (self);
      return;
    }

  /* Never published: what changed since it was created, when it has
   * been changed at all. */
  base = info->live_revision > 0 ? info->live_revision : 1;
  if (base >= info->revision)
    {
      ms_review_changes_set_changes (self->review_changes, _("New sheet: no published version"), NULL);
      ms_sheet_view_set_changed_paths (self->sheet_view, NULL);
      return;
    }

  if (!(before = ms_store_get_sheet (self->store, procedure->id, base, NULL, &error))
      || !(after = ms_store_get_sheet (self->store, procedure->id, info->revision, NULL, &error)))
    {
      g_autofree char *text = g_strdup_printf (_("Could not compare with the published version: %s"),
                                               error->message);

      lines = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (lines, g_steal_pointer (&text));
      ms_review_changes_set_changes (self->review_changes, _("Since the published version"), lines);
      ms_sheet_view_set_changed_paths (self->sheet_view, NULL);
      return;
    }

  lines = ms_procedure_diff (before, after, ms_ui_lang ());
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (_("No change")));
  paths = ms_procedure_changed_paths (before, after);
  if (info->live_revision > 0)
    /* Translators: revision numbers of a sheet, as in "Since the published version (revision 3 → 5)" */
    description = g_strdup_printf (_("Since the published version (revision %d → %d)"),
                                   (int) info->live_revision, (int) info->revision);
  else
    /* Translators: revision numbers of a sheet never published, as in "New sheet, since its first revision (revision 1 → 3)" */
    description = g_strdup_printf (_("New sheet, since its first revision (revision %d → %d)"),
                                   (int) base, (int) info->revision);
  ms_review_changes_set_changes (self->review_changes, description, lines);
  ms_sheet_view_set_changed_paths (self->sheet_view, (const char * const *) paths);
}

/* Called each time the content page changes: the history page replaces the
 * read-only view while the History toggle is on (never the editor). */
void
_ms_window_update_history (MsWindow *self)
{
  MsProcedure *procedure = ms_window_get_selected (self);

  g_assert (MS_IS_WINDOW (self));

  if (self->history && self->editing)
    {
      self->history = FALSE;
      g_object_notify (G_OBJECT (self), "history");
    }

  if (self->history && procedure != NULL && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!ms_history_view_load (self->history_view, self->store, procedure->id, self->users, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Could not read the history of this sheet: %s"),
                                                   error->message);

          ms_window_add_toast (self, adw_toast_new (text));
        }
      gtk_stack_set_visible_child_name (self->sheet_stack, "history");
    }
  else
    ms_history_view_clear (self->history_view);

  update_review_changes (self);
}

void
_ms_window_set_history (MsWindow *self,
                        gboolean  history)
{
  g_assert (MS_IS_WINDOW (self));

  history = !!history;
  if (history == self->history)
    return;

  /* What is typed is saved before the history is read. */
  if (history && self->editing && !_ms_window_stop_editing (self))
    {
      g_object_notify (G_OBJECT (self), "history");
      return;
    }

  self->history = history;
  g_object_notify (G_OBJECT (self), "history");
  _ms_window_update_content_page (self);
}

void
_ms_window_history_update_actions (MsWindow *self)
{
  gboolean can_show;

  g_assert (MS_IS_WINDOW (self));

  can_show = self->store != NULL && ms_window_get_selected (self) != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", can_show || self->history);
  /* Folded (narrow), it is in the sheet menu: the header bar has no room. */
  gtk_widget_set_visible (self->history_button, can_show && !adw_leaflet_get_folded (self->leaflet));
}
