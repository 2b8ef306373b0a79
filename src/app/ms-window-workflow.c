/* ms-window-workflow.c — the window's workflow: transitions, the comment
 * they may need, and who is acting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window-workflow"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-widgets.h"
#include "ms-window-private.h"

/* What the comment dialog says for the actions that need one. */
typedef struct {
  MsAction                  action;
  const char               *heading;
  const char               *body;
  const char               *field;      /* the accessible label of the text */
  const char               *response;
  AdwResponseAppearance     appearance;
} CommentDialog;

static const CommentDialog comment_dialogs[] = {
  { MS_ACTION_REQUEST_CHANGES,
    N_("Request Changes?"),
    N_("Say what the editors should change. The comment is kept in the sheet’s history."),
    N_("Comment"),
    N_("_Request Changes"),
    ADW_RESPONSE_SUGGESTED },
  { MS_ACTION_WITHDRAW,
    N_("Withdraw the Sheet?"),
    N_("The next bundle removes it from the portal. Say why; the reason is kept in the sheet’s history."),
    N_("Reason"),
    N_("_Withdraw"),
    ADW_RESPONSE_DESTRUCTIVE },
};

/*
 * Auxiliary methods
 */

static const char *
done_message (MsAction action)
{
  switch (action)
    {
    case MS_ACTION_SUBMIT: return _("Submitted for review");
    case MS_ACTION_APPROVE: return _("Approved");
    case MS_ACTION_REQUEST_CHANGES: return _("Changes requested");
    case MS_ACTION_WITHDRAW: return _("Withdrawn");
    case MS_ACTION_EDIT:
    case MS_ACTION_PUBLISH:
    case MS_N_ACTIONS:
    default: g_assert_not_reached ();
    }
}

static const CommentDialog *
find_comment_dialog (MsAction action)
{
  for (guint i = 0; i < G_N_ELEMENTS (comment_dialogs); i++)
    if (comment_dialogs[i].action == action)
      return &comment_dialogs[i];

  g_assert_not_reached ();
}

static char *
get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/*
 * Signal callbacks
 */

/* Core decides whether the comment is enough, as for the action itself. */
static void
comment_changed_cb (GtkTextBuffer    *buffer,
                    AdwMessageDialog *dialog)
{
  MsWindow *self = MS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  MsAction action = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "ms-action"));
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "ms-comment");
  g_autofree char *text = get_text (view);

  adw_message_dialog_set_response_enabled (dialog, "apply",
                                           _ms_window_workflow_allowed (self, action, text, NULL));
}

static void
comment_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MsWindow         *self)
{
  MsAction action = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "ms-action"));
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "ms-comment");
  g_autofree char *text = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (g_strcmp0 (response, "apply") != 0)
    return;

  text = get_text (view);
  _ms_window_run_transition (self, action, g_strstrip (text));
}

static void
workflow_toast_dismissed_cb (AdwToast *toast,
                             MsWindow *self)
{
  if (self->workflow_toast == toast)
    self->workflow_toast = NULL;
}

static void
act_as_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MsWindow         *self)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "ms-checks");

  g_assert (MS_IS_WINDOW (self));

  if (g_strcmp0 (response, "act") != 0)
    return;

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        {
          _ms_window_set_user (self, g_object_get_data (G_OBJECT (check), "ms-login"));
          return;
        }
    }
}

/*
 * Module-internal API
 */

/* "Editor", "Publisher, Administrator": a user's roles, for people. */
char *
_ms_roles_label (MsRoles roles)
{
  static const struct {
    MsRoles     role;
    const char *label;
  } names[] = {
    { MS_ROLE_EDITOR, N_("Editor") },
    { MS_ROLE_REVIEWER, N_("Reviewer") },
    { MS_ROLE_PUBLISHER, N_("Publisher") },
    { MS_ROLE_ADMIN, N_("Administrator") },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (!(roles & names[i].role))
        continue;
      if (text->len > 0)
        /* Translators: between two role names, as in "Publisher, Administrator" */
        g_string_append (text, _(", "));
      g_string_append (text, _(names[i].label));
    }

  if (text->len == 0)
    g_string_append (text, _("No role"));

  return g_string_free (text, FALSE);
}

/* Runs @action on the selected sheet as the acting user, through the store,
 * which checks the rules again in its transaction; says in a toast what
 * happened or why it was refused. */
void
_ms_window_run_transition (MsWindow   *self,
                           MsAction    action,
                           const char *comment)
{
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsSheetInfo) now = NULL;
  g_autoptr(MsCatalogEntry) replacement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refusal = NULL;
  MsCatalogEntry *entry;
  MsProcedure *procedure;
  AdwToast *toast;
  MsState state;

  g_assert (MS_IS_WINDOW (self));

  entry = _ms_window_get_selected_entry (self);
  if (entry == NULL || self->store == NULL || self->user == NULL)
    return;

  /* What is typed is what is submitted. */
  if (self->editing && !_ms_window_save_edits (self, &error))
    {
      refusal = g_strdup_printf (_("Refused: %s"), error->message);
      toast = adw_toast_new (refusal);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      ms_window_add_toast (self, toast);
      return;
    }
  entry = _ms_window_get_selected_entry (self);

  procedure = ms_catalog_entry_get_procedure (entry);
  info = ms_store_transition (self->store, self->user->login, procedure->id, action, comment, &error);
  if (info != NULL)
    {
      state = info->state;
      toast = adw_toast_new (done_message (action));
    }
  else
    {
      g_message ("%s %s as %s refused: %s", ms_action_to_nick (action), procedure->id,
                 self->user->login, error->message);
      refusal = g_strdup_printf (_("Refused: %s"), error->message);
      toast = adw_toast_new (refusal);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

      /* Another program may have moved the sheet meanwhile: show where it is. */
      now = ms_store_get_sheet_info (self->store, procedure->id, NULL);
      state = now != NULL ? now->state : ms_catalog_entry_get_state (entry);
    }

  /* Once moved on (submitted), the sheet is read, not written: an edit
   * now would send it back to draft. */
  if (info != NULL && self->editing)
    _ms_window_stop_editing (self);

  /* The content is the same; the state, and who may act next, changed. */
  replacement = ms_catalog_entry_new (procedure, state, ms_catalog_entry_get_source (entry));
  _ms_window_replace_entry (self, replacement);

  /* The news of the previous action is old now: say this one at once
   * rather than after it. */
  if (self->workflow_toast != NULL)
    adw_toast_dismiss (self->workflow_toast);
  self->workflow_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (workflow_toast_dismissed_cb), self, 0);
  ms_window_add_toast (self, toast);
}

/* One dialog for every action that needs a comment; its answer is enabled
 * only once the rules accept the comment written. */
void
_ms_window_ask_comment (MsWindow *self,
                        MsAction  action)
{
  const CommentDialog *spec = find_comment_dialog (action);
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *view;

  g_assert (MS_IS_WINDOW (self));

  view = ms_text_area_new (NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->field),
                                  -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _(spec->heading), _(spec->body));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _(spec->response),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", spec->appearance);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "ms-action", GUINT_TO_POINTER (action));
  g_object_set_data (G_OBJECT (dialog), "ms-comment", view);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (comment_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (comment_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Single-workstation mode: whoever sits at the computer says who they are. */
void
_ms_window_choose_user (MsWindow *self)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func (g_object_unref);
  GtkCheckButton *group = NULL;
  GtkWidget *dialog;
  GtkWidget *list;

  g_assert (MS_IS_WINDOW (self));
  g_return_if_fail (self->users != NULL);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Users of this catalog"),
                                  -1);

  for (guint i = 0; i < self->users->len; i++)
    {
      MsUser *user = g_ptr_array_index (self->users, i);
      const char *name = user->name != NULL && *user->name != '\0' ? user->name : user->login;
      g_autofree char *roles = _ms_roles_label (user->roles);
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), user->login, roles);
      g_autofree char *title_markup = g_markup_escape_text (name, -1);
      g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (user->login, self->actor) == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data_full (G_OBJECT (check), "ms-login", g_strdup (user->login), g_free);
      group = group != NULL ? group : GTK_CHECK_BUTTON (check);
      g_ptr_array_add (checks, g_object_ref (check));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Who Is Working Here?"),
                                   _("Choose who is working at this computer; what is done in the "
                                     "window is recorded under that name. This is a convenience for "
                                     "one shared workstation, not a login."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "act", _("_Work Under This Name"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "act", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "act");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "ms-checks", g_steal_pointer (&checks),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (act_as_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}
