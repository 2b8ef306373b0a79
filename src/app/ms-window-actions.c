/* ms-window-actions.c — the window's actions and their shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-audit-window.h"
#include "ms-import-dialog.h"
#include "ms-sqlite-store.h"
#include "ms-users-window.h"
#include "ms-export-dialog.h"
#include "ms-keys-window.h"
#include "ms-window-private.h"

static void
ms_window_actions_select_sheet (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));
  g_assert (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING));

  _ms_window_select_sheet (self, g_variant_get_string (param, NULL));
}

static void
ms_window_actions_search (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
ms_window_actions_back (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Alt+← goes back to the list; in a right-to-left window, where "back"
 * points right (the list is on the right), Alt+→ does. Not handled, the
 * other arrow goes on to the focused widget. */
static gboolean
back_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  guint keyval = g_variant_get_uint32 (args);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  if ((keyval == GDK_KEY_Left) == rtl)
    return FALSE;

  return gtk_widget_activate_action (widget, "win.back", NULL);
}

/* F6: the keyboard focus goes from the list to the sheet shown (or the
 * editor), and from there back to the list, the selected row. Folded, the
 * leaflet shows the pane that gets the focus. */
static void
ms_window_actions_switch_pane (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *page;

  g_assert (MS_IS_WINDOW (self));

  if (gtk_stack_get_visible_child (self->main_stack) != GTK_WIDGET (self->leaflet))
    return;

  /* From outside the list, or from the search entry with nothing shown
   * yet: to the list. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->sidebar_box)
      || (ms_window_get_selected (self) == NULL
          && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view))))
    {
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
      if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
        gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }

  if (ms_window_get_selected (self) == NULL)
    return;
  _ms_window_show_content (self);
  page = gtk_stack_get_visible_child (self->sheet_stack);
  if (!gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (self->content_box, GTK_DIR_TAB_FORWARD);
}

/* GTK 4.8's list view takes Tab from row to row (its tab-behavior is 4.12):
 * out of the list, Tab goes on to the sheet and Shift+Tab back to the
 * filter, so that a list of 30 sheets is one Tab stop; arrows move in it. */
static gboolean
list_tab_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  MsWindow *self = user_data;
  gboolean forward = g_variant_get_boolean (args);
  GtkWidget *page;

  if (!forward)
    return gtk_widget_grab_focus (GTK_WIDGET (self->state_filter));

  if (ms_window_get_selected (self) == NULL)
    return FALSE;
  _ms_window_show_content (self);
  page = gtk_widget_get_parent (self->workflow_bar);
  return gtk_widget_child_focus (self->content_box, GTK_DIR_TAB_FORWARD)
         || gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
label_help_overlay_widgets (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search shortcuts"),
                                    -1);
  else if (GTK_IS_MENU_BUTTON (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sections of shortcuts"),
                                    -1);
  else if (GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
    {
      const char *icon = gtk_image_get_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))));

      if (g_strcmp0 (icon, "edit-find-symbolic") == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search shortcuts"),
                                        -1);
      else if (g_strcmp0 (icon, "window-close-symbolic") == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"),
                                        -1);
      else
        g_message ("a button of the shortcuts window (%s) has no name", icon);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    label_help_overlay_widgets (child);
}

/* GTK's shortcuts window leaves its search entry and its section menu
 * without a name (GTK 4.8): a screen reader says "entry", "button". */
static void
realize_cb (MsWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay != NULL)
    label_help_overlay_widgets (GTK_WIDGET (overlay));
}

void
_ms_window_actions_init (MsWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct {
    guint           keyval;
    GdkModifierType mods;
    gboolean        forward;
  } keys[] = {
    { GDK_KEY_Tab, 0, TRUE },
    { GDK_KEY_KP_Tab, 0, TRUE },
    { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, FALSE },
    { GDK_KEY_Tab, GDK_SHIFT_MASK, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i].keyval, keys[i].mods),
                                                                           gtk_callback_action_new (list_tab_cb, self, NULL),
                                                                           "b", keys[i].forward));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
}

/* The workflow actions on the selected sheet and what each one needs first. */
static const struct {
  const char *name;
  MsAction    action;
  gboolean    needs_comment;
} workflow_actions[] = {
  { "win.submit", MS_ACTION_SUBMIT, FALSE },
  { "win.approve", MS_ACTION_APPROVE, FALSE },
  { "win.request-changes", MS_ACTION_REQUEST_CHANGES, TRUE },
  { "win.withdraw", MS_ACTION_WITHDRAW, TRUE },
};

static void
ms_window_actions_workflow (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (workflow_actions); i++)
    {
      if (strcmp (action_name, workflow_actions[i].name) != 0)
        continue;

      if (workflow_actions[i].needs_comment)
        _ms_window_ask_comment (self, workflow_actions[i].action);
      else
        _ms_window_run_transition (self, workflow_actions[i].action, NULL);
      return;
    }

  g_assert_not_reached ();
}

static void
ms_window_actions_act_as (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  _ms_window_choose_user (self);
}

static void
ms_window_actions_set_user (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));
  g_assert (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING));

  _ms_window_set_user (self, g_variant_get_string (param, NULL));
}

static void
users_changed_cb (MsUsersWindow *users,
                  MsWindow      *self)
{
  _ms_window_reload_users (self);
}

static void
ms_window_actions_users (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;
  MsUsersWindow *users;

  g_assert (MS_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  users = ms_users_window_new (self->store, self->actor);
  gtk_window_set_transient_for (GTK_WINDOW (users), GTK_WINDOW (self));
  g_signal_connect_object (users, "changed", G_CALLBACK (users_changed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (users));
}

static void
ms_window_actions_audit_log (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;
  MsAuditWindow *audit;

  g_assert (MS_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  audit = ms_audit_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (audit), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (audit));
}

static void
imported_cb (MsImportDialog *dialog,
             MsWindow       *self)
{
  g_autoptr(GError) error = NULL;

  /* What is being typed stays; the list catches up when it is saved. */
  if (self->store != NULL && !self->editing
      && !ms_window_open_store (self, self->store, &error))
    g_warning ("Could not read the catalog again: %s", error->message);
}

static void
ms_window_actions_import (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;
  MsImportDialog *dialog;

  g_assert (MS_IS_WINDOW (self));
  g_return_if_fail (MS_IS_SQLITE_STORE (self->store));

  dialog = ms_import_dialog_new (self->store, self->actor);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ms_window_actions_editor (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (strcmp (action_name, "win.new-sheet") == 0)
    _ms_window_new_sheet (self);
  else if (strcmp (action_name, "win.duplicate") == 0)
    _ms_window_duplicate_sheet (self);
  else if (strcmp (action_name, "win.delete") == 0)
    _ms_window_delete_sheet (self);
  else if (strcmp (action_name, "win.save") == 0)
    {
      if (!_ms_window_save_edits (self, &error) && !self->conflict)
        ms_window_show_error (self, _("Your Changes Are Not Saved"), error->message);
    }
  else if (strcmp (action_name, "win.undo") == 0)
    ms_sheet_editor_undo (self->sheet_editor);
  else if (strcmp (action_name, "win.redo") == 0)
    ms_sheet_editor_redo (self->sheet_editor);
  else if (strcmp (action_name, "win.next-issue") == 0)
    _ms_window_show_issue (self, TRUE);
  else if (strcmp (action_name, "win.previous-issue") == 0)
    _ms_window_show_issue (self, FALSE);
  else if (strcmp (action_name, "win.compare") == 0)
    _ms_window_compare (self);
  else if (strcmp (action_name, "win.reapply") == 0)
    _ms_window_reapply (self);
  else
    g_assert_not_reached ();

  _ms_window_actions_update (self);
}

static void
ms_window_actions_export (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (ms_export_dialog_new (self, NULL)));
}

static void
ms_window_actions_keys (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (ms_keys_window_new (self, NULL)));
}

static const char * const editor_actions[] = {
  "win.new-sheet", "win.duplicate", "win.delete", "win.save", "win.undo", "win.redo",
  "win.next-issue", "win.previous-issue", "win.compare", "win.reapply",
};

void
_ms_window_class_actions_init (MsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.select-sheet", "s",
                                   ms_window_actions_select_sheet);
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   ms_window_actions_search);
  gtk_widget_class_install_action (widget_class, "win.back", NULL,
                                   ms_window_actions_back);
  for (guint i = 0; i < G_N_ELEMENTS (workflow_actions); i++)
    gtk_widget_class_install_action (widget_class, workflow_actions[i].name, NULL,
                                     ms_window_actions_workflow);
  gtk_widget_class_install_action (widget_class, "win.act-as", NULL,
                                   ms_window_actions_act_as);
  gtk_widget_class_install_action (widget_class, "win.set-user", "s",
                                   ms_window_actions_set_user);
  gtk_widget_class_install_action (widget_class, "win.users", NULL,
                                   ms_window_actions_users);
  gtk_widget_class_install_action (widget_class, "win.audit-log", NULL,
                                   ms_window_actions_audit_log);
  gtk_widget_class_install_action (widget_class, "win.import", NULL,
                                   ms_window_actions_import);
  gtk_widget_class_install_action (widget_class, "win.export", NULL,
                                   ms_window_actions_export);
  gtk_widget_class_install_action (widget_class, "win.keys", NULL,
                                   ms_window_actions_keys);
  _ms_window_class_compliance_init (widget_class);

  for (guint i = 0; i < G_N_ELEMENTS (editor_actions); i++)
    gtk_widget_class_install_action (widget_class, editor_actions[i], NULL,
                                     ms_window_actions_editor);
  gtk_widget_class_install_property_action (widget_class, "win.editing", "editing");
  gtk_widget_class_install_property_action (widget_class, "win.history", "history");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-sheet", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.editing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0,
                                       "win.next-issue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK,
                                       "win.previous-issue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.submit", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                back_key_cb, "u", GDK_KEY_Left);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                back_key_cb, "u", GDK_KEY_Right);
  gtk_widget_class_install_action (widget_class, "win.switch-pane", NULL,
                                   ms_window_actions_switch_pane);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0,
                                       "win.switch-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK,
                                       "win.switch-pane", NULL);
  /* The reviewer's keys, beside the editor's Ctrl+Return (submit): none is
   * taken by a text field (Ctrl+Shift+A would be: "select none"). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.approve", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.request-changes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.request-changes", NULL);
}

static GtkWidget *
workflow_button (MsWindow *self,
                 MsAction  action)
{
  switch (action)
    {
    case MS_ACTION_SUBMIT: return self->submit_button;
    case MS_ACTION_APPROVE: return self->approve_button;
    case MS_ACTION_REQUEST_CHANGES: return self->request_changes_button;
    case MS_ACTION_WITHDRAW: return self->withdraw_button;
    case MS_ACTION_EDIT:
    case MS_ACTION_PUBLISH:
    case MS_N_ACTIONS:
    default: g_assert_not_reached ();
    }
}

/* Core's refusals are clauses for a log line ("the sheet has validation
 * errors; …"); a tooltip or a line under the bar says them as a sentence:
 * a capital first letter and a full stop. */
static char *
as_sentence (const char *clause)
{
  GString *text = g_string_new (NULL);
  gunichar first = g_utf8_get_char (clause);
  const char *end;

  g_string_append_unichar (text, g_unichar_totitle (first));
  g_string_append (text, g_utf8_next_char (clause));
  end = g_utf8_find_prev_char (text->str, text->str + text->len);
  if (end != NULL && strchr (".!?…", *end) == NULL)
    /* Translators: the full stop that ends a sentence */
    g_string_append (text, _("."));

  return g_string_free (text, FALSE);
}

/* Whether the acting user may do @action on the selected sheet, as core's
 * rules say (ms_workflow_check); when not, @reason (if not NULL) says why.
 * A NULL @comment means it is asked once the action runs, and then the check
 * assumes one. */
gboolean
_ms_window_workflow_allowed (MsWindow    *self,
                             MsAction     action,
                             const char  *comment,
                             char       **reason)
{
  g_autoptr(GError) error = NULL;
  MsProcedure *procedure = ms_window_get_selected (self);
  gboolean has_errors;

  g_assert (MS_IS_WINDOW (self));

  if (reason != NULL)
    *reason = NULL;
  if (self->store == NULL || procedure == NULL || self->facts == NULL)
    return FALSE;
  if (self->user == NULL)
    {
      if (reason != NULL)
        *reason = g_strdup (_("You are not a user of this catalog: it is read-only."));
      return FALSE;
    }

  has_errors = ms_issues_count (_ms_window_get_issues (self, procedure), MS_SEVERITY_ERROR) > 0;
  if (self->editing && action == MS_ACTION_SUBMIT)
    {
      GPtrArray *typed = ms_sheet_editor_get_issues (self->sheet_editor);

      if (ms_sheet_editor_get_n_invalid (self->sheet_editor) > 0)
        {
          if (reason != NULL)
            *reason = g_strdup (_("Some fields hold text that cannot be stored: correct the marked fields first."));
          return FALSE;
        }
      /* What is typed is saved before it is submitted. */
      has_errors = typed != NULL && ms_issues_count (typed, MS_SEVERITY_ERROR) > 0;
    }
  if (!ms_workflow_facts_check (self->facts, action, self->user, has_errors,
                                comment != NULL ? comment : "(asked next)", &error))
    {
      if (reason != NULL)
        *reason = as_sentence (error->message);
      return FALSE;
    }

  return TRUE;
}

/* The one place that decides which window actions can run. */
void
_ms_window_actions_update (MsWindow *self)
{
  gboolean has_catalog;
  gboolean can_go_back;

  g_assert (MS_IS_WINDOW (self));

  has_catalog = self->list != NULL;
  can_go_back = has_catalog
                && adw_leaflet_get_folded (self->leaflet)
                && adw_leaflet_get_visible_child (self->leaflet) == self->content_box;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-sheet", has_catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", can_go_back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.act-as",
                                 self->store != NULL && self->users != NULL && self->users->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-user", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.users", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit-log", self->store != NULL);
  _ms_window_compliance_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", MS_IS_SQLITE_STORE (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 self->store != NULL && self->user != NULL
                                 && (self->user->roles & MS_ROLE_PUBLISHER) != 0);

  {
    MsProcedure *procedure = ms_window_get_selected (self);
    gboolean can_write = self->store != NULL && self->user != NULL
                         && (self->user->roles & MS_ROLE_EDITOR) != 0;
    g_autofree char *edit_reason = NULL;
    gboolean can_edit = procedure != NULL
                        && _ms_window_workflow_allowed (self, MS_ACTION_EDIT, "", &edit_reason);
    gboolean can_delete = procedure != NULL && self->can_delete;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-sheet", can_write);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", can_write && procedure != NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", can_delete);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.editing", can_edit || self->editing);
    gtk_widget_set_tooltip_text (self->edit_button, can_edit || self->editing ? _("Edit the sheet (Ctrl+E)")
                                                                              : edit_reason);
    /* Said under the bar too when no workflow button has a reason to give. */
    g_free (self->edit_refusal);
    self->edit_refusal = can_edit || self->editing || procedure == NULL ? NULL : g_strdup (edit_reason);
    gtk_widget_set_visible (self->edit_button, self->store != NULL && procedure != NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", self->editing && self->dirty);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                   self->editing && ms_sheet_editor_can_undo (self->sheet_editor));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                   self->editing && ms_sheet_editor_can_redo (self->sheet_editor));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-issue", procedure != NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-issue", procedure != NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", self->editing && self->conflict);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reapply", self->editing && self->conflict);
  }
  _ms_window_history_update_actions (self);

  {
    g_autofree char *shown_reason = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (workflow_actions); i++)
      {
        g_autofree char *reason = NULL;
        gboolean allowed = _ms_window_workflow_allowed (self, workflow_actions[i].action, NULL, &reason);
        GtkWidget *button = workflow_button (self, workflow_actions[i].action);
        gboolean applies = self->facts != NULL
                           && ms_workflow_facts_applies (self->facts, workflow_actions[i].action);

        gtk_widget_action_set_enabled (GTK_WIDGET (self), workflow_actions[i].name, allowed);
        /* Shown when the sheet's state has the action, even if someone else
         * must do it: the tooltip then says who, and so does the line under
         * the bar, for those who do not hover (the first reason only). */
        gtk_widget_set_visible (button, applies);
        gtk_widget_set_tooltip_text (button, allowed ? ms_action_to_label (workflow_actions[i].action) : reason);
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        allowed ? ms_action_to_label (workflow_actions[i].action) : reason,
                                        -1);
        if (applies && !allowed && reason != NULL && shown_reason == NULL)
          shown_reason = g_steal_pointer (&reason);
      }
    if (shown_reason == NULL && self->edit_refusal != NULL && gtk_widget_get_visible (self->edit_button))
      shown_reason = g_strdup (self->edit_refusal);
    gtk_label_set_text (self->workflow_reason, shown_reason != NULL ? shown_reason : "");
    gtk_widget_set_visible (GTK_WIDGET (self->workflow_reason), shown_reason != NULL);
  }
}
