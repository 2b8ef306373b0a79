/* ms-window-live.c — the window follows the catalog, and filters it by state
 *
 * Issue 11 item 9. When the store says someone else changed the catalog
 * (ms_store_watch), the list, the sheet shown, its workflow facts and the
 * allowed actions are read again — without touching the editor, which holds
 * its own copy of what is being typed: a sheet changed elsewhere while it is
 * edited meets the optimistic lock at the next save, which shows the
 * conflict bar. Only the sheets whose revision, state or content changed are
 * read again, so a change costs one list query plus one read per changed
 * sheet, whatever the size of the catalog.
 *
 * The state filter beside the search combines with it (filter_func in
 * ms-window.c). "Waiting for my review" asks the store for the facts of each
 * sheet in review once per catalog change, not at each key typed; "with
 * errors" uses the window's issues, checked once per sheet per catalog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-issue.h"
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

/* What says a sheet changed: its revision, its state, the live revision
 * (a withdrawal changes only that) and its content. */
static char *
info_key (const MsSheetInfo *info)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %s",
                          info->revision, (int) info->state, info->live_revision,
                          info->sha256 != NULL ? info->sha256 : "");
}

/* Whether two keys name the same revision with the same content. */
static gboolean
same_content (const char *a,
              const char *b)
{
  const char *sha_a, *sha_b;

  if (a == NULL || b == NULL)
    return FALSE;
  sha_a = strrchr (a, ' ');
  sha_b = strrchr (b, ' ');
  return sha_a != NULL && sha_b != NULL && strcmp (sha_a, sha_b) == 0
         && g_ascii_strtoll (a, NULL, 10) == g_ascii_strtoll (b, NULL, 10);
}

static MsState
key_state (const char *key)
{
  const char *space = strchr (key, ' ');

  g_assert (space != NULL);
  return (MsState) g_ascii_strtoll (space + 1, NULL, 10);
}

static GHashTable *
read_keys (MsWindow  *self,
           GError   **error)
{
  g_autoptr(GPtrArray) infos = ms_store_list (self->store, NULL, error);
  GHashTable *keys;

  if (infos == NULL)
    return NULL;

  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);

      g_hash_table_insert (keys, g_strdup (info->id), info_key (info));
    }
  return keys;
}

/* What the window keeps about one sheet, dropped when it changes. */
static void
forget_cached (MsWindow   *self,
               const char *id)
{
  g_hash_table_remove (self->issues, id);
  g_hash_table_remove (self->search_texts, id);
  g_hash_table_remove (self->review_ok, id);
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

static void
refresh (MsWindow *self)
{
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_id = NULL;
  GListModel *catalog;
  MsCatalogEntry *entry;
  gboolean shown_changed = FALSE;
  gboolean shown_gone = FALSE;
  gint64 shown_revision = 0;
  guint n_changed = 0;
  gint64 started = g_get_monotonic_time ();

  g_assert (MS_IS_WINDOW (self));

  if (self->store == NULL || self->catalog == NULL)
    return;

  if (!(keys = read_keys (self, &error)))
    {
      /* Busy for a moment: the store will not say it again, so the window
       * asks again itself, a second later. */
      g_message ("Cannot read the catalog again: %s", error->message);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, retry_cb,
                                  g_object_ref (self), g_object_unref);
      return;
    }
  catalog = G_LIST_MODEL (self->catalog);

  refresh_users (self);
  if (self->shown != NULL)
    shown_id = g_strdup (ms_catalog_entry_get_procedure (self->shown)->id);

  /* The list changes under the selection: the selection callbacks must not
   * take it for the person choosing another sheet (which would save the
   * editor's text and leave it), nor drop every cache. */
  self->replacing = TRUE;
  self->refreshing = TRUE;

  for (guint i = 0, n = g_list_model_get_n_items (catalog); i < n; i++)
    {
      g_autoptr(MsCatalogEntry) item = g_list_model_get_item (catalog, i);
      const char *id = ms_catalog_entry_get_procedure (item)->id;

      if (!g_hash_table_contains (keys, id))
        g_ptr_array_add (gone, g_strdup (id));
      else
        g_hash_table_add (listed, g_strdup (id));
    }
  for (guint i = 0; i < gone->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (gone, i), shown_id) == 0)
        shown_gone = TRUE;
      forget_cached (self, g_ptr_array_index (gone, i));
      ms_catalog_remove (self->catalog, g_ptr_array_index (gone, i));
      n_changed++;
    }

  {
    GHashTableIter iter;
    const char *id, *key;

    g_hash_table_iter_init (&iter, keys);
    while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &key))
      {
        g_autoptr(MsProcedure) procedure = NULL;
        g_autoptr(MsSheetInfo) info = NULL;
        g_autoptr(MsCatalogEntry) fresh = NULL;
        g_autoptr(GError) local_error = NULL;
        const char *old_key;
        MsCatalogEntry *old;

        /* Unchanged since last read, and shown: nothing to do. (A lookup,
         * not ms_catalog_find, which walks the list: 10,000 sheets.) */
        if (self->known != NULL && g_strcmp0 (g_hash_table_lookup (self->known, id), key) == 0
            && g_hash_table_contains (listed, id))
          continue;

        old_key = self->known != NULL ? g_hash_table_lookup (self->known, id) : NULL;
        old = g_hash_table_contains (listed, id) ? ms_catalog_find (self->catalog, id) : NULL;
        if (old != NULL && same_content (old_key, key))
          {
            /* A transition: the same content in another state. The sheet
             * object stays, and with it the view (its scroll) and the
             * issues found in it. */
            g_hash_table_remove (self->review_ok, id);
            fresh = ms_catalog_entry_new (ms_catalog_entry_get_procedure (old),
                                          key_state (key), NULL);
          }
        else
          {
            procedure = ms_store_get_sheet (self->store, id, 0, &info, &local_error);
            if (procedure == NULL)
              {
                /* Not remembered as read: the next change reads it again. */
                g_message ("Cannot read sheet %s again: %s", id, local_error->message);
                g_hash_table_iter_remove (&iter);
                continue;
              }
            forget_cached (self, id);
            fresh = ms_catalog_entry_new (procedure, info->state, NULL);
            if (g_strcmp0 (id, shown_id) == 0)
              {
                shown_changed = TRUE;
                shown_revision = info->revision;
              }
          }
        ms_catalog_add (self->catalog, fresh);
        n_changed++;
      }
  }

  g_clear_pointer (&self->known, g_hash_table_unref);
  self->known = g_steal_pointer (&keys);
  self->refreshing = FALSE;

  /* The sheet shown stays shown, by id: the new entry if it is still in the
   * catalog; the old one if it went while being edited, so that what is
   * typed stays and its save says what happened. */
  entry = shown_id != NULL ? ms_catalog_find (self->catalog, shown_id) : NULL;
  if (entry != NULL)
    {
      guint position = _ms_window_find_position (self, shown_id);

      g_set_object (&self->shown, entry);
      gtk_single_selection_set_selected (self->selection, position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->replacing = FALSE;

  if (shown_id != NULL && entry == NULL && !self->editing)
    {
      ms_window_add_toast (self, adw_toast_new (_("The sheet shown was deleted elsewhere")));
      _ms_window_forget_sheet (self, shown_id);
    }
  else
    {
      _ms_window_update_sidebar (self);
      if (shown_id != NULL && self->editing && entry == NULL)
        {
          /* No workflow left to read (and to complain about): no action. */
          if (shown_gone)
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

  g_debug ("Catalog read again: %u sheets changed, %.1f ms", n_changed,
           (g_get_monotonic_time () - started) / 1000.0);
}

static void
store_changed_cb (MsStore  *store,
                  MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  refresh (self);
}

/* "Waiting for my review": in review, and the acting user may approve it
 * (four eyes included). Validation errors do not count here — the reviewer
 * still has to send such a sheet back. Asked of the store once per sheet
 * until the catalog or the user changes. */
static gboolean
may_review (MsWindow   *self,
            const char *id)
{
  gpointer found;
  gboolean ok = FALSE;

  if (self->store == NULL || self->user == NULL)
    return FALSE;

  if (g_hash_table_lookup_extended (self->review_ok, id, NULL, &found))
    return GPOINTER_TO_INT (found);

  {
    g_autoptr(MsWorkflowFacts) facts = ms_store_get_workflow_facts (self->store, id, NULL);

    ok = facts != NULL
         && ms_workflow_facts_check (facts, MS_ACTION_APPROVE, self->user, FALSE, NULL, NULL);
  }
  g_hash_table_insert (self->review_ok, g_strdup (id), GINT_TO_POINTER (ok));
  return ok;
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
  g_debug ("State filter %u: %u of %u sheets, %.1f ms", selected,
           g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)),
           self->catalog != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) : 0,
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

  self->review_ok = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

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
  g_clear_pointer (&self->review_ok, g_hash_table_unref);
}

/* Follows self->store, just set: remembers what it holds now and listens. */
void
_ms_window_live_follow (MsWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  g_clear_pointer (&self->known, g_hash_table_unref);
  if (!(self->known = read_keys (self, &error)))
    g_message ("Cannot list the catalog: %s", error->message);
  g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);
  ms_store_watch (self->store, WATCH_INTERVAL_MS);
}

void
_ms_window_live_unfollow (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  g_clear_pointer (&self->known, g_hash_table_unref);
  if (self->store == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  ms_store_watch (self->store, 0);
}

/* The filter's cache starts again: the catalog changed. */
void
_ms_window_live_reset (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  if (self->review_ok != NULL)
    g_hash_table_remove_all (self->review_ok);
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

gboolean
_ms_window_live_match (MsWindow       *self,
                       MsCatalogEntry *entry)
{
  MsProcedure *procedure = ms_catalog_entry_get_procedure (entry);
  MsState state = ms_catalog_entry_get_state (entry);
  guint kind = self->state_filter_kind;

  if (kind == FILTER_ALL)
    return TRUE;
  if (kind >= FILTER_STATE_FIRST && kind <= FILTER_STATE_LAST)
    return (guint) state == kind - FILTER_STATE_FIRST;
  if (kind == FILTER_MY_REVIEW)
    return state == MS_STATE_IN_REVIEW && may_review (self, procedure->id);
  if (kind == FILTER_ERRORS)
    return ms_issues_count (_ms_window_get_issues (self, procedure), MS_SEVERITY_ERROR) > 0;

  g_assert_not_reached ();
}

/* For tests: the catalog read again now, as on the store's "changed". */
void
_ms_window_live_refresh (MsWindow *self)
{
  refresh (self);
}
