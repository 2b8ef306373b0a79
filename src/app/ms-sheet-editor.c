/* ms-sheet-editor.c — the form where a procedure sheet is written
 *
 * The form is built from the sheet being edited, section by section in the
 * order of law 55-19 article 6 (ms-editor-sections.c), out of controls bound
 * to the sheet's members (ms-editor-fields.c). Typing changes the sheet in
 * place; adding, removing or moving an item, and undo, build the form again.
 * After each change the sheet is checked against law 55-19 in a thread, and
 * the issues are marked on their fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-sheet-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-path-label.h"
#include "ms-bidi.h"
#include "ms-sheet-editor-private.h"
#include "ms-widgets.h"

/* Typing pauses this long before the sheet is checked again. */
#define VALIDATE_DELAY_MS 300
/* ... and before it becomes a step of undo. */
#define SNAPSHOT_DELAY_MS 700
/* A field brought into sight keeps this much room around it, and is kept in
 * sight while the items around it unfold. */
#define REVEAL_MARGIN 24.0
#define REVEAL_USEC (600 * G_TIME_SPAN_MILLISECOND)

G_DEFINE_FINAL_TYPE (MsSheetEditor, ms_sheet_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  SIGNAL_ISSUES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (MsSheetEditor *self);

/*
 * The sheet's JSON
 */

/* A control may leave a localized text with no language, or a part of the
 * sheet (contact, appeal…) with no member, while the person is typing: the
 * format has no empty localized text, and an empty part says what its
 * absence says. They are left out of what is stored. Empty lists stay: they
 * say "none". */
static void
tidy_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          tidy_node (member);
          if (JSON_NODE_HOLDS_OBJECT (member) && json_object_get_size (json_node_get_object (member)) == 0)
            json_object_remove_member (object, l->data);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = json_array_get_length (array); i > 0; i--)
        {
          JsonNode *element = json_array_get_element (array, i - 1);

          tidy_node (element);
          if (JSON_NODE_HOLDS_OBJECT (element) && json_object_get_size (json_node_get_object (element)) == 0)
            json_array_remove_element (array, i - 1);
        }
    }
}

static JsonNode *
sheet_to_json (MsSheetEditor *self)
{
  JsonNode *node = ms_procedure_to_json (self->sheet);

  tidy_node (node);
  return node;
}

static char *
sheet_to_data (MsSheetEditor *self)
{
  g_autoptr(JsonNode) node = sheet_to_json (self);

  return json_to_string (node, FALSE);
}

/* Every part exists while the sheet is edited, so that each control can
 * point at its member; sheet_to_json() leaves out the empty ones. */
static void
ensure_parts (MsProcedure *sheet)
{
  if (sheet->output == NULL)
    {
      sheet->output = g_new0 (MsOutput, 1);
      sheet->output->validity_days = -1;
    }
  if (sheet->extension == NULL)
    sheet->extension = g_new0 (MsExtension, 1);
  if (sheet->appeal == NULL)
    sheet->appeal = g_new0 (MsAppeal, 1);
  if (sheet->approval_decision == NULL)
    sheet->approval_decision = g_new0 (MsApproval, 1);
  if (sheet->contact == NULL)
    sheet->contact = g_new0 (MsContact, 1);
}

static void
set_sheet (MsSheetEditor *self,
           MsProcedure   *sheet)
{
  g_clear_object (&self->sheet);
  self->sheet = sheet;
  if (sheet != NULL)
    ensure_parts (sheet);
}

/*
 * Fields and their marks
 */

static void
field_free (gpointer data)
{
  MsEditorField *field = data;

  g_free (field->label);
  g_free (field->input_error);
  if (field->issues != NULL)
    g_string_free (field->issues, TRUE);
  g_free (field);
}

MsEditorField *
_ms_sheet_editor_add_field (MsSheetEditor *self,
                            const char    *path,
                            const char    *label,
                            GtkWidget     *row,
                            GtkWidget     *focus,
                            GtkWidget     *message)
{
  MsEditorField *field = g_new0 (MsEditorField, 1);

  field->row = row;
  field->focus = focus;
  field->message = message;
  field->label = g_strdup (label);
  g_hash_table_replace (self->fields, g_strdup (path), field);

  return field;
}

/* The field that shows @path: itself, else the nearest field that holds it
 * ("documents[1].name.fr" → "documents[1].name" → "documents[1]"). */
static MsEditorField *
lookup_field (MsSheetEditor *self,
              const char    *path)
{
  g_autofree char *key = g_strdup (path);

  while (key[0] != '\0')
    {
      MsEditorField *field = g_hash_table_lookup (self->fields, key);
      char *cut;

      if (field != NULL)
        return field;

      cut = MAX (strrchr (key, '.'), strrchr (key, '['));
      if (cut == NULL)
        break;
      *cut = '\0';
    }

  return NULL;
}

static void
update_field_marks (MsEditorField *field)
{
  gboolean has_issues = field->issues != NULL && field->issues->len > 0;
  gboolean invalid = field->input_error != NULL
                     || (has_issues && field->severity == MS_SEVERITY_ERROR);
  g_autofree char *text = NULL;
  GtkWidget *item;

  if (field->input_error != NULL && has_issues)
    text = g_strconcat (field->input_error, "\n", field->issues->str, NULL);
  else if (field->input_error != NULL)
    text = g_strdup (field->input_error);
  else if (has_issues)
    text = g_strdup (field->issues->str);

  gtk_widget_remove_css_class (field->row, "ms-field-error");
  gtk_widget_remove_css_class (field->row, "ms-field-warning");
  if (text != NULL)
    gtk_widget_add_css_class (field->row, invalid ? "ms-field-error" : "ms-field-warning");

  if (field->message != NULL)
    {
      gtk_label_set_text (GTK_LABEL (field->message), text != NULL ? text : "");
      gtk_widget_set_visible (field->message, text != NULL);
      gtk_widget_remove_css_class (field->message, "error");
      gtk_widget_remove_css_class (field->message, "warning");
      if (text != NULL)
        gtk_widget_add_css_class (field->message, invalid ? "error" : "warning");
    }
  else if (ADW_IS_EXPANDER_ROW (field->row))
    gtk_widget_set_tooltip_text (field->row, text);

  if (field->focus != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->focus),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->focus),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }

  /* A closed item shows that something inside it needs attention. */
  item = gtk_widget_get_ancestor (gtk_widget_get_parent (field->row), ADW_TYPE_EXPANDER_ROW);
  if (item != NULL && text != NULL)
    gtk_widget_add_css_class (item, invalid ? "ms-field-error" : "ms-field-warning");
}

void
_ms_sheet_editor_apply_marks (MsSheetEditor *self)
{
  GHashTableIter iter;
  MsEditorField *field;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &field))
    {
      if (field->issues != NULL)
        g_string_truncate (field->issues, 0);
      if (ADW_IS_EXPANDER_ROW (field->row))
        {
          gtk_widget_remove_css_class (field->row, "ms-field-error");
          gtk_widget_remove_css_class (field->row, "ms-field-warning");
        }
    }

  for (guint i = 0; self->issues != NULL && i < self->issues->len; i++)
    {
      const MsIssue *issue = g_ptr_array_index (self->issues, i);
      MsEditorField *target;

      if (issue->path == NULL || (target = lookup_field (self, issue->path)) == NULL)
        continue;
      if (target->owner != NULL)
        target = target->owner;
      if (target->issues == NULL)
        target->issues = g_string_new (NULL);
      if (target->issues->len == 0)
        target->severity = issue->severity;
      else
        g_string_append_c (target->issues, '\n');
      target->severity = MIN (target->severity, issue->severity);
      g_string_append (target->issues, issue->message);
    }

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &field))
    if (field->owner == NULL)
      update_field_marks (field);
}

void
_ms_sheet_editor_set_input_error (MsSheetEditor *self,
                                  const char    *path,
                                  const char    *message)
{
  MsEditorField *field = self->fields != NULL ? g_hash_table_lookup (self->fields, path) : NULL;

  if (field == NULL)
    return;
  if (field->owner != NULL)
    field = field->owner;
  if (g_strcmp0 (field->input_error, message) == 0)
    return;

  g_free (field->input_error);
  field->input_error = g_strdup (message);
  update_field_marks (field);
  g_signal_emit (self, signals[SIGNAL_ISSUES_CHANGED], 0);
}

/*
 * The issue list at the top of the form
 */

static GtkWidget *
issue_row_new (const MsIssue *issue)
{
  gboolean is_error = issue->severity == MS_SEVERITY_ERROR;
  const char *severity = is_error ? _("Error") : _("Warning");
  const char *rule = ms_rule_get_name (issue->rule);
  g_autofree char *field = issue->path != NULL ? ms_path_to_label (issue->path) : NULL;
  g_autofree char *reference = ms_issue_format_reference (issue);
  g_autofree char *subtitle = NULL;
  g_autofree char *shown_message = NULL;
  g_autofree char *shown_subtitle = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  /* Translators: under an issue: the rule's name, the field, the article, as in "One copy · Document 2 › Copies · art. 7" */
  subtitle = g_strjoin (C_("issue details", " · "), rule != NULL ? rule : issue->rule,
                        field != NULL ? field : reference, field != NULL ? reference : NULL, NULL);
  tooltip = issue->path != NULL ? g_strdup_printf ("%s — %s", issue->rule, issue->path)
                                : g_strdup (issue->rule);

  shown_message = ms_bidi_isolate (issue->message);
  shown_subtitle = ms_bidi_isolate (subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);

  icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, severity, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  accessible = g_strdup_printf (C_("issue row", "%s: %s"), severity, issue->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  if (issue->path != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", issue->path);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "editor.focus-path");
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), issue->path != NULL);

  return row;
}

static void
show_issues (MsSheetEditor *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *status = NULL;

  for (guint i = 0; i < self->issue_rows->len; i++)
    adw_expander_row_remove (self->issues_expander, g_ptr_array_index (self->issue_rows, i));
  g_ptr_array_set_size (self->issue_rows, 0);

  summary = ms_issues_format_summary (self->issues, 0);
  adw_preferences_group_set_description (self->issues_group, summary);
  /* GTK 4.8 has no way to announce (no gtk_accessible_announce): a label
   * with the status role whose text and description change is the live
   * region it offers; changed only when the summary does, so that it is
   * said once. */
  /* Translators: the line above the editor's form, as in "Law 55-19 check: 2 errors · 3 warnings" */
  status = g_strdup_printf (_("Law 55-19 check: %s"), summary);
  if (g_strcmp0 (gtk_label_get_text (self->check_status), status) != 0)
    {
      gtk_label_set_text (self->check_status, status);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_status),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status,
                                      -1);
    }

  /* The list folds away so that the form stays in sight; F8 and the
   * marks on the fields lead to each issue as well. */
  gtk_widget_set_visible (GTK_WIDGET (self->issues_expander), self->issues != NULL && self->issues->len > 0);
  for (guint i = 0; self->issues != NULL && i < self->issues->len; i++)
    {
      GtkWidget *row = issue_row_new (g_ptr_array_index (self->issues, i));

      adw_expander_row_add_row (self->issues_expander, row);
      g_ptr_array_add (self->issue_rows, row);
    }

  _ms_sheet_editor_apply_marks (self);
}

/*
 * Live validation
 */

typedef struct {
  MsValidator *validator;
  MsProcedure *sheet;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *check = data;

  g_clear_object (&check->sheet);
  g_free (check);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *check = task_data;

  g_task_return_pointer (task, ms_validator_check (check->validator, check->sheet),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MsSheetEditor *self = MS_SHEET_EDITOR (source);
  GPtrArray *issues = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Only the check of what is typed now counts. */
  if (GPOINTER_TO_UINT (user_data) != self->generation || issues == NULL)
    {
      g_clear_pointer (&issues, g_ptr_array_unref);
      return;
    }

  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->issues = issues;
  self->current_issue = -1;
  show_issues (self);
  g_signal_emit (self, signals[SIGNAL_ISSUES_CHANGED], 0);
}

static gboolean
validate_cb (gpointer user_data)
{
  MsSheetEditor *self = user_data;
  g_autoptr(GTask) task = NULL;
  CheckData *check;

  self->validate_id = 0;
  if (self->validator == NULL || self->sheet == NULL)
    return G_SOURCE_REMOVE;

  check = g_new0 (CheckData, 1);
  check->validator = self->validator;
  check->sheet = ms_sheet_editor_dup_procedure (self);
  if (check->sheet == NULL)
    {
      check_data_free (check);
      return G_SOURCE_REMOVE;
    }

  self->generation++;
  task = g_task_new (self, NULL, check_done_cb, GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, check, check_data_free);
  g_task_run_in_thread (task, check_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_validation (MsSheetEditor *self)
{
  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_cb, self);
}

/*
 * Undo
 */

void
_ms_sheet_editor_snapshot_now (MsSheetEditor *self)
{
  g_autofree char *data = NULL;

  g_clear_handle_id (&self->snapshot_id, g_source_remove);
  if (self->sheet == NULL)
    return;

  data = sheet_to_data (self);
  if (self->undo_pos < self->snapshots->len
      && strcmp (g_ptr_array_index (self->snapshots, self->undo_pos), data) == 0)
    return;

  g_ptr_array_set_size (self->snapshots, MIN (self->snapshots->len, self->undo_pos + 1));
  g_ptr_array_add (self->snapshots, g_steal_pointer (&data));
  self->undo_pos = self->snapshots->len - 1;
}

static gboolean
snapshot_cb (gpointer user_data)
{
  MsSheetEditor *self = user_data;

  self->snapshot_id = 0;
  /* Not "changed": the text is the same, and a step of undo is not a
   * change to save (the window would mark a saved sheet unsaved again). */
  _ms_sheet_editor_snapshot_now (self);

  return G_SOURCE_REMOVE;
}

/* The path of the control that has the focus, to give it back after the
 * form is built again. */
static char *
focused_path (MsSheetEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    {
      const char *path = g_object_get_data (G_OBJECT (focus), "ms-path");

      if (path != NULL)
        return g_strdup (path);
    }

  return NULL;
}

static void
restore (MsSheetEditor *self,
         const char    *data)
{
  g_autoptr(GError) error = NULL;
  MsProcedure *sheet = ms_procedure_new_from_data (data, -1, &error);

  if (sheet == NULL)
    {
      g_warning ("An undo step does not load: %s", error->message);
      return;
    }

  g_free (self->focus_path);
  self->focus_path = focused_path (self);
  set_sheet (self, sheet);
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  schedule_validation (self);
}

/*
 * Building the form
 */

static gboolean
grab_focus_cb (gpointer user_data)
{
  MsSheetEditor *self = user_data;
  g_autofree char *path = g_steal_pointer (&self->focus_path);

  if (path != NULL && self->fields != NULL)
    ms_sheet_editor_focus_path (self, path);

  return G_SOURCE_REMOVE;
}

static void
rebuild (MsSheetEditor *self)
{
  /* An idle may come after dispose, which clears the fields. */
  if (self->fields == NULL)
    return;

  self->building = TRUE;

  if (self->groups != NULL)
    gtk_box_remove (self->form, self->groups);
  self->groups = NULL;
  g_hash_table_remove_all (self->fields);

  if (self->sheet != NULL)
    {
      gint64 start = g_get_monotonic_time ();

      self->groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
      gtk_box_append (self->form, self->groups);
      _ms_editor_build_sections (self);
      ms_widgets_name_parts (self->groups);
      ms_widgets_wrap_descriptions (GTK_WIDGET (self));
      g_debug ("Form of %s built: %u fields in %.1f ms", self->sheet->id,
               g_hash_table_size (self->fields), (g_get_monotonic_time () - start) / 1000.0);
    }

  self->building = FALSE;
  _ms_sheet_editor_apply_marks (self);

  if (self->focus_path != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grab_focus_cb, g_object_ref (self), g_object_unref);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  MsSheetEditor *self = user_data;

  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* After a list edit: the clicked button goes with the old form, so the new
 * one is built once its signal has returned. */
void
_ms_sheet_editor_rebuild_later (MsSheetEditor *self,
                                const char    *focus_path)
{
  g_free (self->focus_path);
  self->focus_path = g_strdup (focus_path);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, g_object_ref (self), g_object_unref);
}

void
_ms_sheet_editor_changed (MsSheetEditor *self,
                          gboolean       shape)
{
  /* Nothing is scheduled once disposed (fields gone): a control's late
   * signal must not start a timer on an editor about to be freed. */
  if (self->building || self->fields == NULL)
    return;

  if (shape)
    _ms_sheet_editor_snapshot_now (self);
  else
    {
      g_clear_handle_id (&self->snapshot_id, g_source_remove);
      self->snapshot_id = g_timeout_add (SNAPSHOT_DELAY_MS, snapshot_cb, self);
    }

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  schedule_validation (self);
}

GtkWidget *
_ms_editor_group (MsSheetEditor *self,
                  const char    *title,
                  const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->groups), group);

  return group;
}

/*
 * Callbacks and actions
 */

static void
languages_toggled_cb (GtkToggleButton *button,
                      MsSheetEditor   *self)
{
  ms_sheet_editor_set_all_languages (self, gtk_toggle_button_get_active (button));
}

static void
focus_path_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ms_sheet_editor_focus_path (MS_SHEET_EDITOR (widget), g_variant_get_string (param, NULL));
}

/*
 * GObject overrides
 */

static void
ms_sheet_editor_dispose (GObject *object)
{
  MsSheetEditor *self = MS_SHEET_EDITOR (object);

  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->snapshot_id, g_source_remove);
  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
  g_clear_object (&self->reveal);
  self->generation++;
  g_clear_pointer (&self->fields, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_SHEET_EDITOR);
  self->groups = NULL;
  g_clear_object (&self->sheet);

  G_OBJECT_CLASS (ms_sheet_editor_parent_class)->dispose (object);
}

static void
ms_sheet_editor_finalize (GObject *object)
{
  MsSheetEditor *self = MS_SHEET_EDITOR (object);

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->issue_rows, g_ptr_array_unref);
  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->focus_path, g_free);

  G_OBJECT_CLASS (ms_sheet_editor_parent_class)->finalize (object);
}

static void
ms_sheet_editor_class_init (MsSheetEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_sheet_editor_dispose;
  object_class->finalize = ms_sheet_editor_finalize;

  /* What is typed changed: to be saved. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The law 55-19 issues or the invalid fields changed. */
  signals[SIGNAL_ISSUES_CHANGED] = g_signal_new ("issues-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, MS_RESOURCE_PATH "/ms-sheet-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, notice_heading);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, form);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, issues_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, check_status);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, issues_expander);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, MsSheetEditor, languages_button);
  gtk_widget_class_bind_template_callback (widget_class, languages_toggled_cb);

  gtk_widget_class_install_action (widget_class, "editor.focus-path", "s", focus_path_action);
}

static void
ms_sheet_editor_init (MsSheetEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, field_free);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->issue_rows = g_ptr_array_new ();
  self->snapshots = g_ptr_array_new_with_free_func (g_free);
  self->current_issue = -1;
}

/*
 * Public API
 */

GtkWidget *
ms_sheet_editor_new (void)
{
  return g_object_new (MS_TYPE_SHEET_EDITOR, NULL);
}

void
ms_sheet_editor_set_procedure (MsSheetEditor *self,
                               MsProcedure   *procedure)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));
  g_return_if_fail (procedure == NULL || MS_IS_PROCEDURE (procedure));

  g_clear_handle_id (&self->snapshot_id, g_source_remove);
  g_ptr_array_set_size (self->snapshots, 0);
  self->undo_pos = 0;
  g_hash_table_remove_all (self->expanded);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->focus_path, g_free);
  self->generation++;

  set_sheet (self, procedure != NULL ? ms_procedure_copy (procedure) : NULL);
  rebuild (self);
  show_issues (self);
  ms_sheet_editor_set_conflict (self, NULL);

  if (self->sheet != NULL)
    {
      g_ptr_array_add (self->snapshots, sheet_to_data (self));
      /* The first check runs at once: the issues are there when the form is. */
      ms_sheet_editor_validate_now (self);
    }
}

MsProcedure *
ms_sheet_editor_dup_procedure (MsSheetEditor *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  MsProcedure *copy;

  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), NULL);

  if (self->sheet == NULL)
    return NULL;

  node = sheet_to_json (self);
  copy = ms_procedure_new_from_json (node, &error);
  if (copy == NULL)
    g_warning ("The sheet being edited does not load: %s", error->message);

  return copy;
}

void
ms_sheet_editor_replace (MsSheetEditor *self,
                         MsProcedure   *procedure)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));
  g_return_if_fail (MS_IS_PROCEDURE (procedure));

  _ms_sheet_editor_snapshot_now (self);
  g_free (self->focus_path);
  self->focus_path = focused_path (self);
  set_sheet (self, ms_procedure_copy (procedure));
  rebuild (self);
  _ms_sheet_editor_changed (self, TRUE);
}

void
ms_sheet_editor_set_validator (MsSheetEditor *self,
                               MsValidator   *validator)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  self->validator = validator;
}

GPtrArray *
ms_sheet_editor_get_issues (MsSheetEditor *self)
{
  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), NULL);

  return self->issues;
}

void
ms_sheet_editor_validate_now (MsSheetEditor *self)
{
  g_autoptr(MsProcedure) sheet = NULL;

  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->generation++;
  if (self->validator == NULL || (sheet = ms_sheet_editor_dup_procedure (self)) == NULL)
    return;

  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->issues = ms_validator_check (self->validator, sheet);
  self->current_issue = -1;
  show_issues (self);
  g_signal_emit (self, signals[SIGNAL_ISSUES_CHANGED], 0);
}

guint
ms_sheet_editor_get_n_invalid (MsSheetEditor *self)
{
  GHashTableIter iter;
  MsEditorField *field;
  guint n = 0;

  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), 0);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &field))
    n += field->owner == NULL && field->input_error != NULL;

  return n;
}

gboolean
ms_sheet_editor_can_undo (MsSheetEditor *self)
{
  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), FALSE);

  return self->sheet != NULL && (self->undo_pos > 0 || self->snapshot_id != 0);
}

gboolean
ms_sheet_editor_can_redo (MsSheetEditor *self)
{
  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), FALSE);

  return self->sheet != NULL && self->snapshot_id == 0
         && self->undo_pos + 1 < self->snapshots->len;
}

void
ms_sheet_editor_undo (MsSheetEditor *self)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  _ms_sheet_editor_snapshot_now (self);
  if (self->undo_pos == 0)
    return;

  self->undo_pos--;
  restore (self, g_ptr_array_index (self->snapshots, self->undo_pos));
}

void
ms_sheet_editor_redo (MsSheetEditor *self)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  if (self->snapshot_id != 0 || self->undo_pos + 1 >= self->snapshots->len)
    return;

  self->undo_pos++;
  restore (self, g_ptr_array_index (self->snapshots, self->undo_pos));
}

/* The items on the way to @path built, so that its field exists
 * ("documents[1].copies" builds documents[1]). */
static void
ensure_built (MsSheetEditor *self,
              const char    *path)
{
  for (const char *end = strchr (path, ']'); end != NULL; end = strchr (end + 1, ']'))
    {
      g_autofree char *item = g_strndup (path, end - path + 1);
      MsEditorField *field = g_hash_table_lookup (self->fields, item);

      if (field != NULL && ADW_IS_EXPANDER_ROW (field->row))
        _ms_editor_build_item (self, field->row);
    }
}

/* Keeps @widget in sight while the items opened for it unfold (their
 * animation moves it for a while), then stops. */
static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MsSheetEditor *self = MS_SHEET_EDITOR (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  graphene_point_t top;
  double value, page, height;

  if (self->reveal == NULL || gdk_frame_clock_get_frame_time (clock) > self->reveal_until
      || !gtk_widget_compute_point (self->reveal, GTK_WIDGET (self->form), &GRAPHENE_POINT_INIT (0, 0), &top))
    {
      g_clear_object (&self->reveal);
      self->reveal_tick = 0;
      return G_SOURCE_REMOVE;
    }

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  height = gtk_widget_get_height (self->reveal);
  if (top.y - REVEAL_MARGIN < value || height + 2 * REVEAL_MARGIN > page)
    gtk_adjustment_set_value (adjustment, top.y - REVEAL_MARGIN);
  else if (top.y + height + REVEAL_MARGIN > value + page)
    gtk_adjustment_set_value (adjustment, top.y + height + REVEAL_MARGIN - page);

  return G_SOURCE_CONTINUE;
}

static void
reveal (MsSheetEditor *self,
        GtkWidget     *widget)
{
  g_set_object (&self->reveal, widget);
  self->reveal_until = g_get_monotonic_time () + REVEAL_USEC;
  if (self->reveal_tick == 0)
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb, NULL, NULL);
}

gboolean
ms_sheet_editor_focus_path (MsSheetEditor *self,
                            const char    *path)
{
  MsEditorField *field;
  GtkWidget *item;

  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ensure_built (self, path);
  if ((field = lookup_field (self, path)) == NULL || field->focus == NULL)
    return FALSE;

  /* Open the items around the field, and the item that is the field. */
  if (ADW_IS_EXPANDER_ROW (field->row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field->row), TRUE);
  for (item = gtk_widget_get_ancestor (gtk_widget_get_parent (field->row), ADW_TYPE_EXPANDER_ROW);
       item != NULL;
       item = gtk_widget_get_ancestor (gtk_widget_get_parent (item), ADW_TYPE_EXPANDER_ROW))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item), TRUE);

  reveal (self, field->row);
  return gtk_widget_grab_focus (field->focus);
}

gboolean
ms_sheet_editor_focus_issue (MsSheetEditor *self,
                             gboolean       forward)
{
  guint n;

  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), FALSE);

  n = self->issues != NULL ? self->issues->len : 0;
  for (guint tries = 0; tries < n; tries++)
    {
      const MsIssue *issue;

      if (forward)
        self->current_issue = (self->current_issue + 1) % (int) n;
      else
        self->current_issue = (self->current_issue <= 0 ? (int) n : self->current_issue) - 1;

      issue = g_ptr_array_index (self->issues, self->current_issue);
      if (issue->path != NULL && ms_sheet_editor_focus_path (self, issue->path))
        return TRUE;
    }

  return FALSE;
}

GtkWidget *
ms_sheet_editor_get_field (MsSheetEditor *self,
                           const char    *path)
{
  MsEditorField *field;

  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), NULL);

  ensure_built (self, path);
  field = g_hash_table_lookup (self->fields, path);
  return field != NULL ? field->focus : NULL;
}

void
ms_sheet_editor_set_notice (MsSheetEditor *self,
                            const char    *heading,
                            const char    *text)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  gtk_label_set_text (self->notice_heading, heading != NULL ? heading : "");
  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL && *text != '\0');
  gtk_revealer_set_reveal_child (self->notice_revealer, heading != NULL);
}

void
ms_sheet_editor_set_conflict (MsSheetEditor *self,
                              const char    *message)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  gtk_label_set_text (self->conflict_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->conflict_revealer, message != NULL);
}

void
ms_sheet_editor_set_status (MsSheetEditor *self,
                            const char    *status)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  gtk_label_set_text (self->status_label, status != NULL ? status : "");
}

void
ms_sheet_editor_set_all_languages (MsSheetEditor *self,
                                   gboolean       all)
{
  g_return_if_fail (MS_IS_SHEET_EDITOR (self));

  if (self->all_languages == !!all)
    return;

  self->all_languages = !!all;
  gtk_toggle_button_set_active (self->languages_button, all);
  g_free (self->focus_path);
  self->focus_path = focused_path (self);
  rebuild (self);
}

gboolean
ms_sheet_editor_get_all_languages (MsSheetEditor *self)
{
  g_return_val_if_fail (MS_IS_SHEET_EDITOR (self), FALSE);

  return self->all_languages;
}
