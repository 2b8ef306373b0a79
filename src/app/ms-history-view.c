/* ms-history-view.c — the history of one sheet: revisions and transitions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-history-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-diff.h"
#include "ms-format.h"
#include "ms-history-view.h"
#include "ms-i18n.h"
#include "ms-widgets.h"

/* Every event of a sheet, newest first: the audit log's entries (saves,
 * imports, transitions, publications, withdrawals), and any revision the
 * log does not name, so that no revision is missing. Rows that made a
 * revision have a check button; checking two shows what changed between
 * them in legal terms, as `masatir-cli diff ID A B` prints it. */

/* The short form of a content hash, as `masatir-cli history` prints it. */
#define SHORT_HASH 12

typedef struct {
  gint64  seq;        /* -1 for a revision the audit log does not name */
  char   *time;
  char   *actor;
  char   *action;
  gint64  revision;
  char   *sha256;
  char   *to_state;
  char   *comment;
} Event;

struct _MsHistoryView
{
  AdwBin               parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup *compare_group;
  GtkListBox          *diff_list;
  AdwPreferencesGroup *events_group;
  GtkListBox          *events_list;

  /* Owned References */
  MsStore             *store;
  char                *id;
  GPtrArray           *events;       /* Event*, newest first */
  GPtrArray           *checks;       /* borrowed GtkCheckButton*, of revision rows */
  GArray              *checked;      /* gint64 revisions, in the order checked */
  GPtrArray           *diff_lines;   /* char*, the comparison shown */
  GtkSizeGroup        *check_slots;  /* hashes line up, with a check or not */
  gboolean             updating;     /* checks being set by the view itself */
};

G_DEFINE_FINAL_TYPE (MsHistoryView, ms_history_view, ADW_TYPE_BIN)

/*
 * Auxiliary methods
 */

static void
event_free (Event *event)
{
  g_free (event->time);
  g_free (event->actor);
  g_free (event->action);
  g_free (event->sha256);
  g_free (event->to_state);
  g_free (event->comment);
  g_free (event);
}

static gboolean
makes_revision (const Event *event)
{
  return event->revision > 0
         && (g_strcmp0 (event->action, "edit") == 0 || g_strcmp0 (event->action, "import") == 0);
}

/* Newest first: by time, then against the order of the log. */
static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = *(const Event **) a;
  const Event *eb = *(const Event **) b;
  int by_time = g_strcmp0 (eb->time, ea->time);

  if (by_time != 0)
    return by_time;
  return eb->seq < ea->seq ? -1 : eb->seq > ea->seq;
}

/* What happened, in words; the audit log keeps action nicks. */
static char *
describe_action (const Event *event)
{
  const char *action = event->action;

  if (g_strcmp0 (action, "edit") == 0)
    return event->revision == 1 ? g_strdup (_("Created revision 1"))
                                : g_strdup_printf (_("Saved revision %d"), (int) event->revision);
  if (g_strcmp0 (action, "import") == 0)
    return g_strdup_printf (_("Imported revision %d"), (int) event->revision);
  if (g_strcmp0 (action, "revision") == 0)
    return g_strdup_printf (_("Revision %d"), (int) event->revision);
  if (g_strcmp0 (action, "submit") == 0)
    return g_strdup_printf (_("Submitted revision %d for review"), (int) event->revision);
  if (g_strcmp0 (action, "request-changes") == 0)
    return g_strdup_printf (_("Changes requested on revision %d"), (int) event->revision);
  if (g_strcmp0 (action, "approve") == 0)
    return g_strdup_printf (_("Approved revision %d"), (int) event->revision);
  if (g_strcmp0 (action, "publish") == 0)
    return g_strdup_printf (_("Published revision %d"), (int) event->revision);
  if (g_strcmp0 (action, "withdraw") == 0)
    return g_strdup (_("Withdrawn from the portal"));
  if (g_strcmp0 (action, "delete") == 0)
    return g_strdup (_("Draft deleted"));
  if (g_strcmp0 (action, "export") == 0)
    return g_strdup (_("Exported"));

  return g_strdup (action != NULL ? action : "");
}

static const char *
state_label (const char *nick)
{
  MsState state;

  if (nick == NULL || !ms_state_from_nick (nick, &state))
    return NULL;
  return ms_state_to_label (state);
}

static GtkWidget *
caption_new (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  ms_label_set_display_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/*
 * The comparison
 */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_lines (MsHistoryView *self,
            const char    *description,
            GPtrArray     *lines)
{
  clear_list (self->diff_list);
  g_clear_pointer (&self->diff_lines, g_ptr_array_unref);

  adw_preferences_group_set_description (self->compare_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_group), description != NULL);
  if (lines == NULL)
    return;

  self->diff_lines = g_ptr_array_ref (lines);
  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->diff_list, ms_diff_line_row_new (g_ptr_array_index (lines, i)));
}

static void
update_comparison (MsHistoryView *self)
{
  g_autoptr(MsProcedure) before = NULL;
  g_autoptr(MsProcedure) after = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gint64 from, to;

  if (self->checked->len != 2 || self->store == NULL)
    {
      show_lines (self, NULL, NULL);
      return;
    }

  from = MIN (g_array_index (self->checked, gint64, 0), g_array_index (self->checked, gint64, 1));
  to = MAX (g_array_index (self->checked, gint64, 0), g_array_index (self->checked, gint64, 1));
  /* Translators: a comparison of two revisions of a sheet */
  description = g_strdup_printf (_("Revision %d → %d"), (int) from, (int) to);

  if (!(before = ms_store_get_sheet (self->store, self->id, from, NULL, &error))
      || !(after = ms_store_get_sheet (self->store, self->id, to, NULL, &error)))
    {
      lines = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (lines, g_strdup_printf (_("Could not read the revisions: %s"), error->message));
      show_lines (self, description, lines);
      return;
    }

  lines = ms_procedure_diff (before, after, ms_ui_lang ());
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (_("No change")));
  show_lines (self, description, lines);

  /* The comparison is above the history: checked far down, it would
   * otherwise appear out of sight. */
  {
    GtkWidget *scrolled_window = adw_bin_get_child (ADW_BIN (self));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled_window));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  }
}

static void
set_checked (MsHistoryView *self,
             gint64         revision,
             gboolean       active)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "revision")) == (gsize) revision)
        gtk_check_button_set_active (check, active);
    }
}

/*
 * Signal callbacks
 */

static void
check_toggled_cb (GtkCheckButton *check,
                  MsHistoryView  *self)
{
  gint64 revision = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "revision"));

  g_assert (MS_IS_HISTORY_VIEW (self));

  for (guint i = 0; i < self->checked->len; i++)
    if (g_array_index (self->checked, gint64, i) == revision)
      g_array_remove_index (self->checked, i--);

  if (gtk_check_button_get_active (check))
    {
      g_array_append_val (self->checked, revision);
      /* Two at a time: the one checked first makes room. */
      if (self->checked->len > 2)
        {
          gint64 oldest = g_array_index (self->checked, gint64, 0);

          self->updating = TRUE;
          g_array_remove_index (self->checked, 0);
          set_checked (self, oldest, FALSE);
          self->updating = FALSE;
        }
    }

  if (!self->updating)
    update_comparison (self);
}

/*
 * Rows
 */

static GtkWidget *
event_row_new (MsHistoryView *self,
               GPtrArray     *users,
               const Event   *event)
{
  g_autofree char *what = describe_action (event);
  const char *who = ms_users_display_name (users, event->actor);
  g_autofree char *when = ms_format_timestamp (event->time);
  g_autofree char *meta = NULL;
  g_autofree char *short_hash = event->sha256 != NULL ? g_strndup (event->sha256, SHORT_HASH) : NULL;
  g_autofree char *accessible = NULL;
  const char *state = state_label (event->to_state);
  GString *name = g_string_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = caption_new (what, "heading");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);

  /* Translators: who did it and when, as in "Amina Bennani · 2025-03-01 10:12" */
  meta = g_strdup_printf (_("%s · %s"), who, when);
  gtk_box_append (GTK_BOX (text), caption_new (meta, "dim-label"));
  /* Translators: what a row of the history says to a screen reader */
  g_string_append_printf (name, _("%s, by %s, %s"), what, who, when);

  if (state != NULL)
    {
      g_autofree char *reached = g_strdup_printf (_("State: %s"), state);

      gtk_box_append (GTK_BOX (text), caption_new (reached, "caption"));
      g_string_append_printf (name, ", %s", reached);
    }
  if (event->comment != NULL && event->comment[0] != '\0')
    {
      GtkWidget *comment = caption_new (event->comment, "ms-history-comment");

      gtk_label_set_selectable (GTK_LABEL (comment), FALSE);
      gtk_box_append (GTK_BOX (text), comment);
      g_string_append_printf (name, _(", comment: %s"), event->comment);
    }
  gtk_box_append (GTK_BOX (box), text);

  if (short_hash != NULL)
    {
      GtkWidget *hash = gtk_label_new (short_hash);
      g_autofree char *tooltip = g_strdup_printf (_("Content hash (SHA-256): %s"), event->sha256);

      gtk_widget_set_valign (hash, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (hash, "monospace");
      gtk_widget_add_css_class (hash, "dim-label");
      gtk_widget_set_tooltip_text (hash, tooltip);
      gtk_box_append (GTK_BOX (box), hash);
      g_string_append_printf (name, _(", content hash %s"), short_hash);
    }

  if (!makes_revision (event))
    {
      GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_size_group_add_widget (self->check_slots, slot);
      gtk_box_append (GTK_BOX (box), slot);
    }
  else
    {
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *label = g_strdup_printf (_("Compare revision %d"), (int) event->revision);

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, _("Check two revisions to compare them"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data (G_OBJECT (check), "revision", GSIZE_TO_POINTER ((gsize) event->revision));
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_size_group_add_widget (self->check_slots, check);
      gtk_box_append (GTK_BOX (box), check);
      g_ptr_array_add (self->checks, check);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  accessible = g_string_free (name, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

/*
 * Actions
 */

static void
ms_history_view_compare_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  gint64 from, to;

  g_variant_get (param, "(xx)", &from, &to);
  ms_history_view_compare (MS_HISTORY_VIEW (widget), from, to);
}

/*
 * GObject overrides
 */

static void
ms_history_view_dispose (GObject *object)
{
  MsHistoryView *self = MS_HISTORY_VIEW (object);

  g_ptr_array_set_size (self->checks, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_HISTORY_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ms_history_view_parent_class)->dispose (object);
}

static void
ms_history_view_finalize (GObject *object)
{
  MsHistoryView *self = MS_HISTORY_VIEW (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->checked, g_array_unref);
  g_clear_pointer (&self->diff_lines, g_ptr_array_unref);
  g_clear_object (&self->check_slots);

  G_OBJECT_CLASS (ms_history_view_parent_class)->finalize (object);
}

static void
ms_history_view_class_init (MsHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_history_view_dispose;
  object_class->finalize = ms_history_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               MS_RESOURCE_PATH "/ms-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MsHistoryView, compare_group);
  gtk_widget_class_bind_template_child (widget_class, MsHistoryView, diff_list);
  gtk_widget_class_bind_template_child (widget_class, MsHistoryView, events_group);
  gtk_widget_class_bind_template_child (widget_class, MsHistoryView, events_list);

  /* Compares two revisions, as checking their rows does. */
  gtk_widget_class_install_action (widget_class, "history.compare", "(xx)",
                                   ms_history_view_compare_action);
}

static void
ms_history_view_init (MsHistoryView *self)
{
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  self->checks = g_ptr_array_new ();
  self->checked = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->check_slots = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
ms_history_view_new (void)
{
  return g_object_new (MS_TYPE_HISTORY_VIEW, NULL);
}

void
ms_history_view_clear (MsHistoryView *self)
{
  g_return_if_fail (MS_IS_HISTORY_VIEW (self));

  self->updating = TRUE;
  g_ptr_array_set_size (self->checks, 0);
  clear_list (self->events_list);
  self->updating = FALSE;
  g_array_set_size (self->checked, 0);
  g_ptr_array_set_size (self->events, 0);
  g_clear_object (&self->store);
  g_clear_pointer (&self->id, g_free);
  show_lines (self, NULL, NULL);
}

/**
 * ms_history_view_load:
 * @self: the view
 * @store: the catalog database
 * @id: the sheet
 * @users: (element-type MsUser) (nullable): the catalog's users, whose
 *   names are shown instead of their logins
 * @error: where to say why the history could not be read
 *
 * Shows every revision and transition of sheet @id, newest first.
 */
gboolean
ms_history_view_load (MsHistoryView  *self,
                      MsStore        *store,
                      const char     *id,
                      GPtrArray      *users,
                      GError        **error)
{
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  g_return_val_if_fail (MS_IS_HISTORY_VIEW (self), FALSE);
  g_return_val_if_fail (MS_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  ms_history_view_clear (self);
  if (!(audit = ms_store_audit (store, id, error))
      || !(revisions = ms_store_revisions (store, id, error)))
    return FALSE;

  g_set_object (&self->store, store);
  self->id = g_strdup (id);

  for (guint i = 0; i < audit->len; i++)
    {
      MsAuditEntry *entry = g_ptr_array_index (audit, i);
      Event *event = g_new0 (Event, 1);

      event->seq = entry->seq;
      event->time = g_strdup (entry->time);
      event->actor = g_strdup (entry->actor);
      event->action = g_strdup (entry->action);
      event->revision = entry->revision;
      event->sha256 = g_strdup (entry->sha256);
      event->to_state = g_strdup (entry->to_state);
      event->comment = g_strdup (entry->comment);
      g_ptr_array_add (self->events, event);
    }

  /* A revision no save or import names still shows, and can be compared. */
  for (guint i = 0; i < revisions->len; i++)
    {
      MsRevisionInfo *info = g_ptr_array_index (revisions, i);
      gboolean named = FALSE;
      Event *event;

      for (guint j = 0; j < self->events->len && !named; j++)
        {
          Event *other = g_ptr_array_index (self->events, j);

          named = makes_revision (other) && other->revision == info->number;
        }
      if (named)
        continue;

      event = g_new0 (Event, 1);
      event->seq = -1;
      event->time = g_strdup (info->created);
      event->actor = g_strdup (info->author);
      event->action = g_strdup ("edit");
      event->revision = info->number;
      event->sha256 = g_strdup (info->sha256);
      g_ptr_array_add (self->events, event);
    }

  g_ptr_array_sort (self->events, compare_events);

  for (guint i = 0; i < self->events->len; i++)
    gtk_list_box_append (self->events_list,
                         event_row_new (self, users, g_ptr_array_index (self->events, i)));

  return TRUE;
}

guint
ms_history_view_get_n_events (MsHistoryView *self)
{
  g_return_val_if_fail (MS_IS_HISTORY_VIEW (self), 0);

  return self->events->len;
}

/**
 * ms_history_view_get_event_row:
 *
 * Returns: (transfer none) (nullable): the row of the @index-th event,
 *   newest first
 */
GtkWidget *
ms_history_view_get_event_row (MsHistoryView *self,
                               guint          index)
{
  g_return_val_if_fail (MS_IS_HISTORY_VIEW (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->events_list, (int) index));
}

/**
 * ms_history_view_compare:
 *
 * Checks the rows of revisions @from and @to, and only them, and shows what
 * changed between them. Returns: %FALSE when either is not a revision shown.
 */
gboolean
ms_history_view_compare (MsHistoryView *self,
                         gint64         from,
                         gint64         to)
{
  gboolean found_from = FALSE, found_to = FALSE;

  g_return_val_if_fail (MS_IS_HISTORY_VIEW (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    {
      gint64 revision = (gint64) GPOINTER_TO_SIZE (g_object_get_data (self->checks->pdata[i], "revision"));

      found_from |= revision == from;
      found_to |= revision == to;
    }
  if (!found_from || !found_to || from == to)
    return FALSE;

  self->updating = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (self->checks->pdata[i], FALSE);
  set_checked (self, from, TRUE);
  set_checked (self, to, TRUE);
  self->updating = FALSE;
  update_comparison (self);

  return TRUE;
}

/**
 * ms_history_view_get_diff_lines:
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the lines of the
 *   comparison shown, %NULL when none is
 */
GPtrArray *
ms_history_view_get_diff_lines (MsHistoryView *self)
{
  g_return_val_if_fail (MS_IS_HISTORY_VIEW (self), NULL);

  return self->diff_lines;
}
