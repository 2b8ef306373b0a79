/* ms-window-editor.c — writing sheets in the window: new, duplicate, delete,
 * the editor's saves, conflicts and what happens to unsaved text
 *
 * What is typed is saved as a new draft revision a few seconds after the
 * last change, on leaving the sheet, with Ctrl+S and when the window
 * closes, through the store's optimistic lock: a save based on a revision
 * older than the stored one is refused, and the editor then keeps the text
 * and offers to compare and re-apply it. Nothing typed is dropped without
 * the person saying so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-diff.h"
#include "ms-draft.h"
#include "ms-format.h"
#include "ms-i18n.h"
#include "ms-path-label.h"
#include "ms-store-error.h"
#include "ms-widgets.h"
#include "ms-window-private.h"

/* Seconds after the last change before it is saved. */
#define AUTOSAVE_SECONDS 3

static void
set_status_saved (MsWindow   *self,
                  const char *updated)
{
  g_autoptr(GDateTime) time = updated != NULL ? g_date_time_new_from_iso8601 (updated, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (local, "%H:%M");
  /* Translators: %s is a time of day, as in "Saved at 10:42" */
  g_autofree char *status = g_strdup_printf (_("Saved at %s"), clock);

  ms_sheet_editor_set_status (self->sheet_editor, status);
}

/* What the reviewer said, shown above the form until the sheet is submitted
 * again; why a sheet was withdrawn, while it is. */
static void
update_notice (MsWindow *self)
{
  MsCatalogEntry *entry = _ms_window_get_selected_entry (self);
  g_autoptr(GPtrArray) audit = NULL;
  MsState state;

  ms_sheet_editor_set_notice (self->sheet_editor, NULL, NULL);
  if (entry == NULL || self->store == NULL)
    return;

  state = ms_catalog_entry_get_state (entry);
  audit = ms_store_audit (self->store, ms_catalog_entry_get_procedure (entry)->id, NULL);
  for (guint i = audit != NULL ? audit->len : 0; i > 0; i--)
    {
      MsAuditEntry *event = g_ptr_array_index (audit, i - 1);
      g_autofree char *heading = NULL;
      g_autofree char *when = ms_format_timestamp (event->time);

      if (g_strcmp0 (event->action, ms_action_to_nick (MS_ACTION_SUBMIT)) == 0
          || g_strcmp0 (event->action, "publish") == 0
          || g_strcmp0 (event->action, "export") == 0)
        break;

      if (g_strcmp0 (event->action, ms_action_to_nick (MS_ACTION_REQUEST_CHANGES)) == 0)
        /* Translators: "Changes requested by Youssef Tazi on 2026-12-06 10:42" */
        heading = g_strdup_printf (_("Changes requested by %s on %s"), ms_users_display_name (self->users, event->actor), when);
      else if (g_strcmp0 (event->action, ms_action_to_nick (MS_ACTION_WITHDRAW)) == 0)
        heading = g_strdup_printf (_("Withdrawn by %s on %s"), ms_users_display_name (self->users, event->actor), when);
      else
        continue;

      ms_sheet_editor_set_notice (self->sheet_editor, heading, event->comment);
      return;
    }

  if (state == MS_STATE_PUBLISHED || state == MS_STATE_WITHDRAWN)
    ms_sheet_editor_set_notice (self->sheet_editor,
                                _("Your changes make a new draft"),
                                _("The published version stays on the portal until the new one is approved and published."));
}

/* A question with Cancel and one destructive answer, Cancel by default. */
static void
ask (MsWindow    *self,
     const char  *heading,
     const char  *body,
     const char  *cancel_label,
     const char  *response,
     const char  *response_label,
     GCallback    callback)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", cancel_label,
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", callback, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The revision saved meanwhile, and what is typed: what a conflict is
 * resolved from. */
static gboolean
read_both_sides (MsWindow     *self,
                 MsSheetInfo **info,
                 MsProcedure **theirs,
                 MsProcedure **mine,
                 GError      **error)
{
  *theirs = ms_store_get_sheet (self->store, self->edit_saved->id, 0, info, error);
  if (*theirs == NULL)
    return FALSE;

  *mine = ms_sheet_editor_dup_procedure (self->sheet_editor);
  if (*mine == NULL)
    {
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID,
                           _("The sheet cannot be stored as it is"));
      return FALSE;
    }

  return TRUE;
}

static void
stop_autosave (MsWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
}

/* Saves what the editor holds as a new revision of the sheet. FALSE, with
 * the text kept in the editor, when the store refuses; a conflict shows
 * the conflict bar. */
gboolean
_ms_window_save_edits (MsWindow  *self,
                       GError   **error)
{
  g_autoptr(MsProcedure) sheet = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsCatalogEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert (MS_IS_WINDOW (self));

  stop_autosave (self);
  if (!self->editing || !self->dirty)
    return TRUE;
  if (self->conflict)
    {
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
                           _("Someone else saved this sheet meanwhile: compare and re-apply your changes first"));
      return FALSE;
    }
  if (self->store == NULL || self->user == NULL)
    {
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                           _("You are not a user of this catalog: read-only"));
      return FALSE;
    }

  sheet = ms_sheet_editor_dup_procedure (self->sheet_editor);
  if (sheet == NULL)
    {
      g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID,
                           _("The sheet cannot be stored as it is"));
      return FALSE;
    }

  ms_sheet_editor_set_status (self->sheet_editor, _("Saving…"));
  info = ms_store_save (self->store, self->user->login, sheet, self->edit_base, &local_error);
  if (info == NULL)
    {
      g_message ("Saving %s as %s refused: %s", sheet->id, self->user->login, local_error->message);
      if (g_error_matches (local_error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT))
        {
          g_autoptr(MsSheetInfo) now = ms_store_get_sheet_info (self->store, sheet->id, NULL);
          g_autofree char *text = NULL;

          self->conflict = TRUE;
          if (now != NULL && now->revision != self->edit_base)
            {
              g_autofree char *when = ms_format_timestamp (now->updated);

              /* Translators: "Bruno Haddad saved this sheet at 2026-12-06 10:42, after you started …" */
              text = g_strdup_printf (_("%s saved this sheet at %s, after you started editing it. "
                                        "Your text is kept here and is not saved: compare it with theirs, "
                                        "or re-apply your changes over their version."),
                                      ms_users_display_name (self->users, now->updated_by), when);
            }
          ms_sheet_editor_set_conflict (self->sheet_editor, text != NULL ? text : local_error->message);
        }
      ms_sheet_editor_set_status (self->sheet_editor, _("Not saved"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->edit_base = info->revision;
  g_set_object (&self->edit_saved, sheet);
  self->dirty = FALSE;
  set_status_saved (self, info->updated);

  /* The list follows: title, state and error badge of the saved sheet. */
  entry = ms_catalog_entry_new (sheet, info->state, NULL);
  _ms_window_replace_entry (self, entry);

  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  MsWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!_ms_window_save_edits (self, &error) && !self->conflict)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      ms_window_add_toast (self, toast);
    }

  return G_SOURCE_REMOVE;
}

static void
editor_changed_cb (MsSheetEditor *editor,
                   MsWindow      *self)
{
  if (!self->editing)
    return;

  self->dirty = TRUE;
  if (!self->conflict)
    {
      ms_sheet_editor_set_status (editor, _("Unsaved changes"));
      stop_autosave (self);
      self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, autosave_cb, self);
    }
  _ms_window_actions_update (self);
}

static void
editor_issues_changed_cb (MsSheetEditor *editor,
                          MsWindow      *self)
{
  _ms_window_update_issue_count (self);
  _ms_window_actions_update (self);
}

/* "2 errors · 3 warnings" in the header bar, of what is being typed when
 * editing, else of the sheet shown. */
void
_ms_window_update_issue_count (MsWindow *self)
{
  MsProcedure *procedure = ms_window_get_selected (self);
  GPtrArray *issues = NULL;
  g_autofree char *label = NULL;
  guint n_errors, n_warnings, n_invalid = 0;

  g_assert (MS_IS_WINDOW (self));

  if (self->editing)
    {
      issues = ms_sheet_editor_get_issues (self->sheet_editor);
      n_invalid = ms_sheet_editor_get_n_invalid (self->sheet_editor);
    }
  else if (procedure != NULL)
    issues = _ms_window_get_issues (self, procedure);

  n_errors = (issues != NULL ? ms_issues_count (issues, MS_SEVERITY_ERROR) : 0) + n_invalid;
  n_warnings = issues != NULL ? ms_issues_count (issues, MS_SEVERITY_WARNING) : 0;
  label = procedure != NULL && issues != NULL ? ms_issues_format_summary (issues, n_invalid) : g_strdup ("");

  gtk_label_set_text (self->issues_label, label);
  gtk_image_set_from_icon_name (self->issues_icon,
                                n_errors > 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->issues_icon), n_errors > 0 || n_warnings > 0);
  if (*label != '\0')
    {
      /* Translators: the tooltip of the issue count, as in "2 errors · 3 warnings — go to the next problem (F8)" */
      g_autofree char *tooltip = g_strdup_printf (_("%s — go to the next problem (F8)"), label);

      gtk_widget_set_tooltip_text (self->issues_button, tooltip);
    }
  /* Folded (narrow), the header bar has no room for it: the count is in
   * the check's group and line, and F8 or the sheet menu go to the next
   * problem. */
  gtk_widget_set_visible (self->issues_button, *label != '\0' && !adw_leaflet_get_folded (self->leaflet));
  gtk_widget_remove_css_class (self->issues_button, "error");
  gtk_widget_remove_css_class (self->issues_button, "warning");
  if (n_errors > 0 || n_warnings > 0)
    gtk_widget_add_css_class (self->issues_button, n_errors > 0 ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->issues_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Go to the next problem (F8)"),
                                  -1);
}

/* F8 and Shift+F8: the next or previous problem's field, in the editor,
 * or its row in the sheet view. */
void
_ms_window_show_issue (MsWindow *self,
                       gboolean  forward)
{
  MsProcedure *procedure = ms_window_get_selected (self);
  GPtrArray *issues;
  guint n;

  g_assert (MS_IS_WINDOW (self));

  if (self->editing)
    {
      ms_sheet_editor_focus_issue (self->sheet_editor, forward);
      return;
    }

  if (procedure == NULL || (issues = _ms_window_get_issues (self, procedure)) == NULL)
    return;

  n = issues->len;
  for (guint tries = 0; tries < n; tries++)
    {
      const MsIssue *issue;

      if (forward)
        self->read_issue = (self->read_issue + 1) % (int) n;
      else
        self->read_issue = (self->read_issue <= 0 ? (int) n : self->read_issue) - 1;

      issue = g_ptr_array_index (issues, self->read_issue);
      if (issue->path != NULL)
        {
          gtk_widget_activate_action (GTK_WIDGET (self->sheet_view), "sheet.show-issue", "s", issue->path);
          return;
        }
    }
}

/*
 * Entering and leaving the editor
 */

static void
start_editing (MsWindow *self)
{
  MsCatalogEntry *entry = _ms_window_get_selected_entry (self);
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsProcedure) sheet = NULL;
  g_autoptr(GError) error = NULL;

  if (entry == NULL || self->store == NULL)
    return;

  /* The stored revision, not the list's copy: someone may have saved since. */
  sheet = ms_store_get_sheet (self->store, ms_catalog_entry_get_procedure (entry)->id, 0, &info, &error);
  if (sheet == NULL)
    {
      ms_window_show_error (self, _("Cannot Edit the Sheet"), error->message);
      return;
    }

  self->editing = TRUE;
  self->dirty = FALSE;
  self->conflict = FALSE;
  self->edit_base = info->revision;
  g_set_object (&self->edit_saved, sheet);
  ms_sheet_editor_set_procedure (self->sheet_editor, sheet);
  set_status_saved (self, info->updated);
  update_notice (self);

  g_object_notify (G_OBJECT (self), "editing");
  _ms_window_update_content_page (self);
  ms_sheet_editor_focus_path (self->sheet_editor, "title.ar");
}

static void
confirm_edit_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 MsWindow         *self)
{
  if (g_strcmp0 (response, "edit") == 0)
    start_editing (self);
}

/* Leaves the editor once what is typed is saved; FALSE (and the editor
 * stays) when it cannot be. */
gboolean
_ms_window_stop_editing (MsWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (!self->editing)
    return TRUE;

  if (!_ms_window_save_edits (self, &error))
    {
      ms_window_show_error (self, _("Your Changes Are Not Saved"), error->message);
      return FALSE;
    }

  self->editing = FALSE;
  self->conflict = FALSE;
  g_clear_object (&self->edit_saved);
  ms_sheet_editor_set_procedure (self->sheet_editor, NULL);
  g_object_notify (G_OBJECT (self), "editing");
  _ms_window_update_content_page (self);

  return TRUE;
}

void
_ms_window_set_editing (MsWindow *self,
                        gboolean  editing)
{
  MsCatalogEntry *entry;
  g_autofree char *reason = NULL;
  const char *heading = NULL;
  const char *body = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (!editing)
    {
      _ms_window_stop_editing (self);
      return;
    }
  if (self->editing)
    return;

  entry = _ms_window_get_selected_entry (self);
  if (entry == NULL || !_ms_window_workflow_allowed (self, MS_ACTION_EDIT, "", &reason))
    {
      if (reason != NULL)
        ms_window_add_toast (self, adw_toast_new (reason));
      g_object_notify (G_OBJECT (self), "editing");
      return;
    }

  switch (ms_catalog_entry_get_state (entry))
    {
    case MS_STATE_IN_REVIEW:
      heading = _("Edit a Sheet in Review?");
      body = _("Saving a change takes the sheet out of review and sends it back to draft: it must be submitted again.");
      break;
    case MS_STATE_APPROVED:
      heading = _("Edit an Approved Sheet?");
      body = _("Saving a change sends the sheet back to draft and the approval lapses: it must be reviewed and approved again.");
      break;
    case MS_STATE_DRAFT:
    case MS_STATE_CHANGES_REQUESTED:
    case MS_STATE_PUBLISHED:
    case MS_STATE_WITHDRAWN:
    case MS_N_STATES:
    default:
      start_editing (self);
      return;
    }

  /* The toggle goes back until the answer. */
  g_object_notify (G_OBJECT (self), "editing");
  ask (self, heading, body, _("_Cancel"), "edit", _("_Edit"), G_CALLBACK (confirm_edit_cb));
}

/*
 * New, duplicate, delete
 */

/* Shows a sheet the store just made and opens it in the editor. */
static void
show_new_sheet (MsWindow    *self,
                const char  *id)
{
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsProcedure) sheet = NULL;
  g_autoptr(MsCatalogEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  sheet = ms_store_get_sheet (self->store, id, 0, &info, &error);
  if (sheet == NULL)
    {
      ms_window_show_error (self, _("Cannot Open the New Sheet"), error->message);
      return;
    }

  entry = ms_catalog_entry_new (sheet, info->state, NULL);
  _ms_window_replace_entry (self, entry);
  start_editing (self);
}

void
_ms_window_new_sheet (MsWindow *self)
{
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsProcedure) draft = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (self->store == NULL || self->user == NULL || !_ms_window_stop_editing (self))
    return;

  draft = ms_procedure_new_draft (NULL, NULL, NULL, &error);
  if (draft != NULL)
    info = ms_store_create_draft (self->store, self->user->login, draft, &error);
  if (info == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Refused: %s"), error->message);

      ms_window_add_toast (self, adw_toast_new (text));
      return;
    }

  show_new_sheet (self, info->id);
}

void
_ms_window_duplicate_sheet (MsWindow *self)
{
  MsProcedure *procedure = ms_window_get_selected (self);
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (procedure == NULL || self->store == NULL || self->user == NULL || !_ms_window_stop_editing (self))
    return;

  info = ms_store_duplicate (self->store, self->user->login, procedure->id, &error);
  if (info == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Refused: %s"), error->message);

      ms_window_add_toast (self, adw_toast_new (text));
      return;
    }

  show_new_sheet (self, info->id);
  ms_window_add_toast (self, adw_toast_new (_("Copied as a new draft")));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MsWindow         *self)
{
  g_autofree char *id = g_steal_pointer (&self->deleting);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || id == NULL || self->store == NULL || self->user == NULL)
    return;

  if (!ms_store_delete_draft (self->store, self->user->login, id, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Refused: %s"), error->message);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      ms_window_add_toast (self, toast);
      return;
    }

  if (self->editing && self->edit_saved != NULL && g_strcmp0 (self->edit_saved->id, id) == 0)
    {
      self->dirty = FALSE;
      _ms_window_stop_editing (self);
    }
  _ms_window_forget_sheet (self, id);
  ms_window_add_toast (self, adw_toast_new (_("Draft deleted")));
}

void
_ms_window_delete_sheet (MsWindow *self)
{
  MsProcedure *procedure = ms_window_get_selected (self);
  g_autofree char *body = NULL;
  const char *title;

  g_assert (MS_IS_WINDOW (self));

  if (procedure == NULL || self->store == NULL)
    return;

  title = ms_procedure_get_title (procedure, ms_ui_lang ());
  /* Translators: %s is the sheet's title or code */
  body = g_strdup_printf (_("“%s” will be removed from the catalog. The audit log keeps a record of the deletion."),
                          title != NULL ? title : procedure->code != NULL ? procedure->code : procedure->id);
  g_free (self->deleting);
  self->deleting = g_strdup (procedure->id);
  ask (self, _("Delete This Draft?"), body, _("_Cancel"), "delete", _("_Delete"),
       G_CALLBACK (delete_response_cb));
}

/*
 * Conflicts
 */

void
_ms_window_compare (MsWindow *self)
{
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsProcedure) theirs = NULL;
  g_autoptr(MsProcedure) mine = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog, *label, *scrolled;

  g_assert (MS_IS_WINDOW (self));

  if (!self->editing || self->edit_saved == NULL || self->store == NULL)
    return;

  if (!read_both_sides (self, &info, &theirs, &mine, &error))
    {
      ms_window_show_error (self, _("Cannot Compare"), error->message);
      return;
    }

  lines = ms_procedure_diff (theirs, mine, ms_ui_lang ());
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (body, "• %s\n", (const char *) g_ptr_array_index (lines, i));
  if (lines->len == 0)
    g_string_append (body, _("Your text and the saved version are the same."));

  /* Translators: "What your text changes in the version Amina Bennani saved at 2026-12-06T10:42:00Z" */
  heading = g_strdup_printf (_("What your text changes in the version %s saved at %s"),
                             ms_users_display_name (self->users, info->updated_by), info->updated);
  label = gtk_label_new (body->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Compare With the Saved Version"), heading);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The changes typed since the last save, put over the revision someone
 * else saved meanwhile; where both changed the same part, the text typed
 * here is kept, and theirs stays in the sheet's history. */
void
_ms_window_reapply (MsWindow *self)
{
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsProcedure) theirs = NULL;
  g_autoptr(MsProcedure) mine = NULL;
  g_autoptr(MsProcedure) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (!self->editing || self->edit_saved == NULL || self->store == NULL)
    return;

  if (!read_both_sides (self, &info, &theirs, &mine, &error)
      || !(merged = ms_procedure_merge (self->edit_saved, mine, theirs, &conflicts, &error)))
    {
      ms_window_show_error (self, _("Cannot Re-apply Your Changes"), error->message);
      return;
    }

  self->conflict = FALSE;
  self->edit_base = info->revision;
  g_set_object (&self->edit_saved, theirs);
  ms_sheet_editor_set_conflict (self->sheet_editor, NULL);
  ms_sheet_editor_replace (self->sheet_editor, merged);
  self->dirty = TRUE;

  if (conflicts != NULL && conflicts->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < conflicts->len; i++)
        {
          if (i > 0)
            g_string_append (names, _(", "));
          g_string_append (names, ms_field_label (g_ptr_array_index (conflicts, i)));
        }
      /* Translators: %s lists fields, as in "Title, Fees" */
      text = g_strdup_printf (_("You both changed %s: your text was kept; the other version stays in the history"),
                              names->str);
      ms_window_add_toast (self, adw_toast_new (text));
    }

  /* Saved now: the autosave that replacing scheduled goes, rather than
   * firing later (on a window that may be gone by then). */
  stop_autosave (self);
  autosave_cb (self);
}

/*
 * Set-up
 */

void
_ms_window_editor_init (MsWindow *self)
{
  ms_sheet_editor_set_validator (self->sheet_editor, self->validator);
  /* The editor may outlive the window for a moment (a check running in a
   * thread holds it): its signals stop reaching the window with it. */
  g_signal_connect_object (self->sheet_editor, "changed", G_CALLBACK (editor_changed_cb), self, 0);
  g_signal_connect_object (self->sheet_editor, "issues-changed", G_CALLBACK (editor_issues_changed_cb), self, 0);
}

/* Before the window closes: what is typed is saved, or the person says
 * to drop it. */
static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MsWindow         *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->dirty = FALSE;
  self->editing = FALSE;
  /* The dialog lives on until its response is over, after this window is
   * gone: GTK 4.8 would leave it a dangling transient parent (it is
   * destroyed with its parent, and then keeps the pointer), which its
   * dispose then touches. Untie it first. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
_ms_window_close_request (MsWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (_ms_window_save_edits (self, &error))
    return FALSE;

  ask (self, _("Your Changes Are Not Saved"), error->message, _("_Keep Editing"),
       "discard", _("Close _Without Saving"), G_CALLBACK (close_response_cb));

  return TRUE;
}
