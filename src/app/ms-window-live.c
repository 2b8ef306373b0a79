/* ms-window-live.c — the window follows the catalog, and filters it by state
 *
 * Issue 11 item 9. When the store says someone else changed the catalog
 * (ms_store_watch), the list, the sheet shown, its workflow facts and the
 * allowed actions are read again — without touching the editor, which holds
 * its own copy of what is being typed: a sheet changed elsewhere while it is
 * edited meets the optimistic lock at the next save, which shows the
 * conflict bar. The store says which sheets changed since the window last
 * looked (ms_store_changes_since); the list reads its ids again and the rows
 * of those sheets only, and the sheet shown when it is one of them: a change
 * costs one query of ids plus one read per changed sheet, never every
 * sheet's info.
 *
 * The state filter beside the search combines with it, in the store's
 * query (MsStoreFilter): a state; "waiting for my review", the store's
 * four-eyes filter for a user the rules let approve; "with errors", the
 * error count the store keeps with each revision.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-issue.h"
#include "ms-store-error.h"
#include "ms-window-private.h"

/* How long a change made elsewhere may go unnoticed (issue 11: "within a
 * second or two"); the poll is one PRAGMA that reads no page. */
#define WATCH_INTERVAL_MS 1000

/* The positions of the state filter's items. */
enum {
  FILTER_ALL,
  FILTER_STATE_FIRST,                                   /* MS_STATE_DRAFT */
  FILTER_STATE_LAST = FILTER_STATE_FIRST + MS_STATE_WITHDRAWN,
  FILTER_MY_REVIEW,
  FILTER_ERRORS,
  N_FILTERS
};

/* What the window keeps about one sheet, dropped when it changes. */
static void
forget_cached (MsWindow   *self,
               const char *id)
{
  g_hash_table_remove (self->issues, id);
}

/* The people and their roles too: an admin may have added the person at
 * the computer, or changed what they may do. Who acts is asked again only
 * when their entry changed, as that reads the workflow facts again. */
static void
refresh_users (MsWindow *self)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  MsUser *now = NULL;
  gboolean same;

  if (!(users = ms_store_list_users (self->store, &error)))
    {
      g_message ("Cannot read the users again: %s", error->message);
      return;
    }

  for (guint i = 0; i < users->len; i++)
    {
      MsUser *user = g_ptr_array_index (users, i);

      if (g_strcmp0 (user->login, self->actor) == 0)
        now = user;
    }
  same = (now == NULL) == (self->user == NULL)
         && (now == NULL || (now->roles == self->user->roles
                             && g_strcmp0 (now->name, self->user->name) == 0));

  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = g_steal_pointer (&users);
  self->user = now;
  if (!same && self->actor != NULL)
    _ms_window_set_user (self, self->actor);
}

static void refresh (MsWindow *self);

static gboolean
retry_cb (gpointer data)
{
  refresh (data);
  return G_SOURCE_REMOVE;
}

/* The Compliance window's sheets follow the catalog too. */
static void
refresh_compliance (MsWindow  *self,
                    GPtrArray *changed)
{
  for (guint i = 0; self->compliance_catalog != NULL && i < changed->len; i++)
    {
      const char *id = g_ptr_array_index (changed, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(MsCatalogEntry) entry = _ms_window_load_entry (self, id, &error);

      if (entry != NULL)
        ms_catalog_add (self->compliance_catalog, entry);
      else if (g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND))
        ms_catalog_remove (self->compliance_catalog, id);
    }
}

/* Asks the store what changed since the window last looked (the audit
 * log's sequence, ms_store_changes_since), reads the list's ids again and
 * the rows of the sheets changed only, and the sheet shown when it is one
 * of them: a change costs one query of ids plus one read per changed sheet,
 * never every sheet's info. */
static void
refresh (MsWindow *self)
{
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsCatalogEntry) fresh = NULL;
  g_autofree char *shown_id = NULL;
  gboolean shown_changed = FALSE;
  gboolean shown_gone = FALSE;
  gint64 shown_revision = 0;
  gint64 mark = self->change_mark;
  gint64 started = g_get_monotonic_time ();
  guint position;

  g_assert (MS_IS_WINDOW (self));

  if (self->store == NULL || self->list == NULL)
    return;

  if (!(changed = ms_store_changes_since (self->store, mark, &mark, &error)))
    {
      /* Busy for a moment: the store will not say it again, so the window
       * asks again itself, a second later. */
      g_message ("Cannot read the catalog again: %s", error->message);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, retry_cb,
                                  g_object_ref (self), g_object_unref);
      return;
    }

  refresh_users (self);
  if (changed->len == 0)
    {
      self->change_mark = mark;
      return;
    }
  if (self->shown != NULL)
    shown_id = g_strdup (ms_catalog_entry_get_procedure (self->shown)->id);

  g_ptr_array_add (changed, NULL);
  /* The list changes under the selection: the selection callbacks must not
   * take it for the person choosing another sheet (which would save the
   * editor's text and leave it). */
  self->replacing = TRUE;
  _ms_window_unselect_for_change (self);
  if (!ms_sheet_list_reload (self->list, (const char * const *) changed->pdata, &error))
    {
      self->replacing = FALSE;
      g_message ("Cannot read the catalog again: %s", error->message);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, retry_cb,
                                  g_object_ref (self), g_object_unref);
      return;
    }
  g_ptr_array_remove_index (changed, changed->len - 1);
  self->change_mark = mark;

  for (guint i = 0; i < changed->len; i++)
    {
      const char *id = g_ptr_array_index (changed, i);

      if (g_strcmp0 (id, shown_id) != 0)
        {
          forget_cached (self, id);
          continue;
        }
      /* The sheet shown, read again. A transition (the same content in
       * another state) keeps the sheet object, and with it the view (its
       * scroll) and the issues found in it. */
      {
        g_autoptr(GError) local_error = NULL;
        g_autoptr(MsSheetInfo) info = ms_store_get_sheet_info (self->store, id, &local_error);
        MsProcedure *before = ms_catalog_entry_get_procedure (self->shown);
        g_autoptr(MsProcedure) sheet = NULL;

        if (info == NULL)
          {
            if (g_error_matches (local_error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND))
              shown_gone = TRUE;
            else
              g_message ("Cannot read sheet %s again: %s", id, local_error->message);
            continue;
          }
        sheet = ms_store_get_sheet (self->store, id, 0, NULL, &local_error);
        if (sheet == NULL)
          {
            g_message ("Cannot read sheet %s again: %s", id, local_error->message);
            continue;
          }
        if (ms_procedure_equal (sheet, before))
          fresh = ms_catalog_entry_new (before, info->state, NULL);
        else
          {
            forget_cached (self, id);
            fresh = ms_catalog_entry_new (sheet, info->state, NULL);
            shown_changed = TRUE;
            shown_revision = info->revision;
          }
      }
    }
  refresh_compliance (self, changed);

  /* The sheet shown stays shown, by id: the new entry if it is still in the
   * catalog; the old one if it went while being edited, so that what is
   * typed stays and its save says what happened. */
  if (fresh != NULL)
    g_set_object (&self->shown, fresh);
  position = shown_id != NULL && !shown_gone ? _ms_window_find_position (self, shown_id)
                                             : GTK_INVALID_LIST_POSITION;
  gtk_single_selection_set_selected (self->selection, position);
  self->replacing = FALSE;

  if (shown_gone && !self->editing)
    {
      ms_window_add_toast (self, adw_toast_new (_("The sheet shown was deleted elsewhere")));
      _ms_window_forget_sheet (self, shown_id);
    }
  else
    {
      _ms_window_update_sidebar (self);
      if (shown_gone)
        {
          /* No workflow left to read (and to complain about): no action. */
          ms_window_add_toast (self, adw_toast_new (_("This sheet was deleted elsewhere; your text is kept until you leave it")));
          g_clear_pointer (&self->facts, ms_workflow_facts_free);
          self->can_delete = FALSE;
          _ms_window_actions_update (self);
        }
      else
        {
          if (shown_changed && self->editing && shown_revision != self->edit_base)
            ms_window_add_toast (self, adw_toast_new (_("Someone else saved this sheet; saving will show both versions")));
          _ms_window_update_content (self);
        }
    }

  g_debug ("Catalog read again: %u sheets changed, %.1f ms", changed->len,
           (g_get_monotonic_time () - started) / 1000.0);
}

static void
store_changed_cb (MsStore  *store,
                  MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  refresh (self);
}

static void
state_filter_changed_cb (MsWindow *self)
{
  GtkWidget *page;
  gint64 started;
  guint selected;

  g_assert (MS_IS_WINDOW (self));

  selected = gtk_drop_down_get_selected (self->state_filter);
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = FILTER_ALL;
  if (selected == self->state_filter_kind)
    return;

  self->state_filter_kind = selected;

  /* An empty list says what to change: the search, or the state too. */
  page = gtk_stack_get_child_by_name (self->sidebar_stack, "no-results");
  if (ADW_IS_STATUS_PAGE (page))
    adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                     selected != FILTER_ALL ? _("Try a different search, or choose “All States”")
                                                            : _("Try a different search"));

  started = g_get_monotonic_time ();
  _ms_window_refilter (self);
  g_debug ("State filter %u: %u sheets, %.1f ms", selected,
           self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0,
           (g_get_monotonic_time () - started) / 1000.0);
}

/*
 * Module-internal API
 */

void
_ms_window_live_init (MsWindow *self)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

  g_assert (MS_IS_WINDOW (self));

  gtk_string_list_append (items, _("All States"));
  for (MsState state = MS_STATE_DRAFT; state <= MS_STATE_WITHDRAWN; state++)
    gtk_string_list_append (items, ms_state_to_label (state));
  gtk_string_list_append (items, _("Waiting for My Review"));
  gtk_string_list_append (items, _("With Errors"));
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (items)) == N_FILTERS);

  gtk_drop_down_set_model (self->state_filter, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->state_filter, FILTER_ALL);
  g_signal_connect_swapped (self->state_filter, "notify::selected",
                            G_CALLBACK (state_filter_changed_cb), self);
}

void
_ms_window_live_dispose (MsWindow *self)
{
  _ms_window_live_unfollow (self);
}

/* Follows self->store, just set: remembers what it holds now and listens. */
void
_ms_window_live_follow (MsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  if (!(none = ms_store_changes_since (self->store, -1, &self->change_mark, &error)))
    g_message ("Cannot list the catalog: %s", error->message);
  g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);
  ms_store_watch (self->store, WATCH_INTERVAL_MS);
}

void
_ms_window_live_unfollow (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  self->change_mark = 0;
  if (self->store == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  ms_store_watch (self->store, 0);
}

/* Nothing kept about the list's sheets: the store filters them. */
void
_ms_window_live_reset (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));
}

/* Who acts changed: whose review a sheet waits for too. */
void
_ms_window_live_user_changed (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  _ms_window_live_reset (self);
  if (self->state_filter_kind == FILTER_MY_REVIEW)
    _ms_window_refilter (self);
}

gboolean
_ms_window_live_filtering (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  return self->state_filter_kind != FILTER_ALL;
}

/* "Waiting for my review" is the store's four-eyes filter (not submitted
 * nor saved by the user since the last publication) for someone whom the
 * workflow rules let approve a sheet in review at all. */
static gboolean
may_review_any (MsWindow *self)
{
  MsWorkflowFacts facts = { MS_STATE_IN_REVIEW, FALSE, NULL, NULL };
  const char *no_editors[] = { NULL };

  if (self->store == NULL || self->user == NULL)
    return FALSE;
  facts.editors = (GStrv) no_editors;
  return ms_workflow_facts_check (&facts, MS_ACTION_APPROVE, self->user, FALSE, NULL, NULL);
}

void
_ms_window_live_get_filter (MsWindow      *self,
                            MsStoreFilter *filter)
{
  guint kind = self->state_filter_kind;

  g_assert (MS_IS_WINDOW (self));

  filter->ids = (const char * const *) self->subset;
  if (kind >= FILTER_STATE_FIRST && kind <= FILTER_STATE_LAST)
    filter->state = (int) (kind - FILTER_STATE_FIRST);
  else if (kind == FILTER_MY_REVIEW)
    {
      filter->state = MS_STATE_IN_REVIEW;
      /* No login matches no sheet: nobody's review. */
      filter->reviewer = may_review_any (self) ? self->user->login : "";
      if (!may_review_any (self))
        {
          static const char * const none[] = { NULL };

          filter->ids = none;
        }
    }
  else if (kind == FILTER_ERRORS)
    filter->has_errors = 1;
}

/* For tests: the catalog read again now, as on the store's "changed". */
void
_ms_window_live_refresh (MsWindow *self)
{
  refresh (self);
}
