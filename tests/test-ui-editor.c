/* test-ui-editor.c — the sheet editor as a person uses it: a sheet written
 * from blank to submitted, conflicts, undo, money, three-state answers,
 * right to left, accessible names, reviewer feedback, quitting, delete and
 * duplicate, the selection through a search
 *
 * The window is driven through its actions and the editor's controls (text
 * set in entries, items chosen in drop-downs, buttons clicked); what is
 * asserted is what the store holds, what the editor holds and what
 * assistive technologies are told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ms-application.h"
#include "ms-input.h"
#include "ms-sheet-editor-private.h"
#include "ms-sqlite-store.h"
#include "ms-store-catalog.h"
#include "ms-store-error.h"
#include "ms-window-private.h"
#include "ui-fixture.h"

/* A sheet of the demo catalog with no validation error, three documents,
 * one fee (f1, 20 dirhams, under l1) and silence_is_acceptance false. */
static const char *clean_code = "MI-DGSN-0001";   /* Certificat de résidence */

/* Bounds the waits for debounced work (checks, snapshots, autosave): a
 * test that reaches one has failed, it does not measure time. */
#define WAIT_MS 10000

/*
 * The catalog and the window
 */

/* The demo users, and bruno a second editor. */
static const MsUser users[] = {
  UI_DEMO_USERS,
  { (char *) "bruno", (char *) "Bruno Haddad", MS_ROLE_EDITOR },
};

static void issues_changed_cb (MsSheetEditor *editor,
                               gpointer       user_data);

/* The window, larger than the other tests' for the editor's columns,
 * its editor watched for issues. */
static MsWindow *
open_editor_window (const char *path,
                    const char *user)
{
  MsWindow *window = open_window_sized (path, user, 1200, 760);

  g_assert_nonnull (window->validator);
  g_signal_connect (window->sheet_editor, "issues-changed", G_CALLBACK (issues_changed_cb), NULL);

  return window;
}

/* As a click on an answer does: respond, then the dialog goes (unless the
 * answer already took it, with its window). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  adw_message_dialog_response (dialog, response);
  if (widget != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
      gtk_window_destroy (GTK_WINDOW (widget));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
is_editing (MsWindow *window)
{
  gboolean editing = FALSE;

  g_object_get (window, "editing", &editing, NULL);
  return editing;
}

/* Ctrl+E on a draft: the editor opens at once. */
static void
start_editing (MsWindow *window)
{
  g_assert_false (is_editing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.editing", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_null (find_dialog (window));
  g_assert_true (is_editing (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sheet_stack), ==, "edit");
}

static void
stop_editing (MsWindow *window)
{
  g_assert_true (is_editing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.editing", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (is_editing (window));
}

/* A button bound to @action is sensitive exactly when the action is enabled. */
static gboolean
action_enabled (GtkWidget  *button,
                const char *action)
{
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, action);
  return gtk_widget_get_sensitive (button);
}

static MsProcedure *
stored_sheet (MsWindow     *window,
              const char   *id,
              MsSheetInfo **info)
{
  g_autoptr(GError) error = NULL;
  MsProcedure *sheet = ms_store_get_sheet (ms_window_get_store (window), id, 0, info, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  return sheet;
}

static gint64
stored_revision (MsWindow   *window,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = ms_store_get_sheet_info (ms_window_get_store (window), id, &error);

  g_assert_no_error (error);
  return info->revision;
}

/*
 * Waiting for the main loop
 */

static gboolean
saved_cond (gpointer data)
{
  MsWindow *window = data;

  return !window->dirty && window->autosave_id == 0;
}

/* The autosave after the last change has run. */
static void
wait_autosave (MsWindow *window)
{
  g_assert_true (window->dirty);
  g_assert_true (wait_until (saved_cond, window, WAIT_MS));
}

static gboolean
snapshot_cond (gpointer data)
{
  return MS_SHEET_EDITOR (data)->snapshot_id == 0;
}

/* The pause after typing that makes it a step of undo. */
static void
wait_snapshot (MsSheetEditor *editor)
{
  g_assert_true (wait_until (snapshot_cond, editor, WAIT_MS));
}

/*
 * The editor's fields
 */

static MsSheetEditor *
editor_of (MsWindow *window)
{
  return window->sheet_editor;
}

static GtkWidget *
field (MsWindow   *window,
       const char *path)
{
  GtkWidget *control = ms_sheet_editor_get_field (editor_of (window), path);

  if (control == NULL)
    g_error ("no control edits %s", path);
  return control;
}

static char *
field_text (MsWindow   *window,
            const char *path)
{
  GtkWidget *control = field (window, path);

  if (GTK_IS_TEXT_VIEW (control))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (control));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (control)));
}

/* Types @text in the field, replacing what it held. */
static void
type_text (MsWindow   *window,
           const char *path,
           const char *text)
{
  GtkWidget *control = field (window, path);

  if (GTK_IS_TEXT_VIEW (control))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (control)), text, -1);
  else
    {
      g_assert_true (GTK_IS_EDITABLE (control));
      gtk_editable_set_text (GTK_EDITABLE (control), text);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
choose (MsWindow   *window,
        const char *path,
        guint       position)
{
  GtkWidget *control = field (window, path);

  g_assert_true (GTK_IS_DROP_DOWN (control));
  g_assert_cmpuint (position, <, g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (control))));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control), position);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Chooses the vocabulary entry whose code is @code, by its label
 * ("Ministry of the Interior — interior"), as a person searching does. */
static void
choose_code (MsWindow   *window,
             const char *path,
             const char *code)
{
  GtkWidget *control = field (window, path);
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (control));
  g_autofree char *suffix = g_strdup_printf (" — %s", code);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_has_suffix (gtk_string_object_get_string (item), suffix))
        {
          choose (window, path, i);
          return;
        }
    }

  g_error ("no choice %s in %s", code, path);
}

static void
check (MsWindow   *window,
       const char *path,
       gboolean    active)
{
  GtkWidget *control = field (window, path);

  g_assert_true (GTK_IS_CHECK_BUTTON (control));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (control), active);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A click on a button; list edits build the form again in an idle. */
static void
click (MsWindow  *window,
       GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  flush_widget (GTK_WIDGET (window));
}

/* "Add a Document" and the like, at "documents+". */
static void
add_item (MsWindow   *window,
          const char *list)
{
  g_autofree char *path = g_strdup_printf ("%s+", list);
  g_autoptr(MsProcedure) before = ms_sheet_editor_dup_procedure (editor_of (window));
  g_autofree char *item = NULL;

  click (window, field (window, path));

  /* The new item is open, in a form built again. */
  item = g_strdup_printf ("%s[0]", list);
  g_assert_nonnull (ms_sheet_editor_get_field (editor_of (window), item));
}

/* The button of a list item whose accessible name is @label ("Move
 * Document 2 Up"), in the item row of @item_path. */
static GtkWidget *
item_button (MsWindow   *window,
             const char *item_path,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *row = field (window, item_path);

  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  collect_widgets (row, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (g_ptr_array_index (buttons, i),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                      label);
      if (mismatch == NULL)
        return g_ptr_array_index (buttons, i);
    }

  g_error ("no button “%s” in %s", label, item_path);
  return NULL;
}

/* What a key press on @widget does through its shortcut controllers: the
 * shortcut for @keyval with @modifiers is activated. */
static void
press_shortcut (MsWindow        *window,
                GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              flush_widget (GTK_WIDGET (window));
              return;
            }
        }
    }

  g_error ("no shortcut %s on %s", gtk_accelerator_name (keyval, modifiers), G_OBJECT_TYPE_NAME (widget));
}

/*
 * Issues
 */

static gboolean
has_issue (MsWindow   *window,
           const char *rule,
           const char *path)
{
  GPtrArray *issues = ms_sheet_editor_get_issues (editor_of (window));

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->rule, rule) == 0 && (path == NULL || g_strcmp0 (issue->path, path) == 0))
        return TRUE;
    }

  return FALSE;
}

/* The check of what is typed now has come back: no change waits for its
 * check, and the last issues reported are of the last check started. */
static void
issues_changed_cb (MsSheetEditor *editor,
                   gpointer       user_data)
{
  g_object_set_data (G_OBJECT (editor), "test-checked", GUINT_TO_POINTER (editor->generation));
}

static gboolean
checked_cond (gpointer data)
{
  MsSheetEditor *editor = data;

  return editor->validate_id == 0
         && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editor), "test-checked")) == editor->generation;
}

static void
wait_checked (MsWindow *window)
{
  g_assert_true (wait_until (checked_cond, editor_of (window), WAIT_MS));
}

/* The live check (debounced, in a thread) finds the issue, or does not. */
static void
expect_issue (MsWindow   *window,
              const char *rule,
              const char *path,
              gboolean    present)
{
  wait_checked (window);
  if (has_issue (window, rule, path) != present)
    g_error ("issue %s at %s is %s", rule, path != NULL ? path : "(any)",
             present ? "not reported" : "still reported");
}

static guint
n_errors (MsWindow *window)
{
  GPtrArray *issues = ms_sheet_editor_get_issues (editor_of (window));

  g_assert_nonnull (issues);
  return ms_issues_count (issues, MS_SEVERITY_ERROR);
}

static void
print_errors (MsWindow *window)
{
  GPtrArray *issues = ms_sheet_editor_get_issues (editor_of (window));

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == MS_SEVERITY_ERROR)
        g_test_message ("error %s at %s: %s", issue->rule, issue->path, issue->message);
    }
}

/* The errors the header bar counts: "3 errors · 2 warnings", "No problems". */
static guint
header_errors (MsWindow *window)
{
  const char *label = gtk_label_get_text (window->issues_label);
  guint n = 0;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (window->issues_button));
  gtk_test_accessible_assert_property (window->issues_button, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  if (g_strcmp0 (label, "No problems") == 0)
    return 0;
  if (sscanf (label, "%u error", &n) != 1)
    g_error ("the header says “%s”", label);
  return n;
}

/* Fills a field and sees its error go, and the header's count with it. */
typedef void (*Fill) (MsWindow *window);

static void
fix_error (MsWindow   *window,
           const char *rule,
           const char *path,
           Fill        fill)
{
  guint before;

  expect_issue (window, rule, path, TRUE);
  before = header_errors (window);
  g_assert_cmpuint (before, ==, n_errors (window) + ms_sheet_editor_get_n_invalid (editor_of (window)));

  fill (window);

  expect_issue (window, rule, path, FALSE);
  g_test_message ("%s at %s fixed: %u errors, %u before", rule, path, header_errors (window), before);
  print_errors (window);
  g_assert_cmpuint (header_errors (window), ==, n_errors (window));
  g_assert_cmpuint (header_errors (window), <, before);
}

/*
 * 1. From blank to submitted
 */

static void fill_title_ar (MsWindow *w) { type_text (w, "title.ar", "شهادة التسجيل في سجل التجربة"); }
static void fill_title_fr (MsWindow *w) { type_text (w, "title.fr", "Certificat d'inscription au registre d'essai"); }
static void fill_audience (MsWindow *w) { check (w, "audiences", TRUE); }
static void fill_administration (MsWindow *w) { choose_code (w, "administration", "interior"); }
static void fill_theme (MsWindow *w) { add_item (w, "themes"); }

static void
fill_receiving (MsWindow *w)
{
  add_item (w, "receiving");
  type_text (w, "receiving[0].ar", "مكتب الضبط بالعمالة");
  type_text (w, "receiving[0].fr", "Bureau d'ordre de la préfecture");
}

static void
fill_legal_ref (MsWindow *w)
{
  add_item (w, "legal_basis");
  choose (w, "legal_basis[0].kind", MS_LEGAL_LOI);
  type_text (w, "legal_basis[0].number", "55-19");
  type_text (w, "legal_basis[0].date", "2020-03-06");
}

static void
fill_channel (MsWindow *w)
{
  add_item (w, "channels");
  choose (w, "channels[0].kind", MS_CHANNEL_COUNTER);
}

static void fill_fee_basis (MsWindow *w) { check (w, "fees[0].legal_basis", TRUE); }
static void fill_deadline (MsWindow *w) { type_text (w, "deadline_days", "30"); }
static void fill_silence (MsWindow *w) { choose (w, "silence_is_acceptance", 2); }

static void
fill_appeal (MsWindow *w)
{
  type_text (w, "appeal.text.ar", "يمكن الطعن أمام المحكمة الإدارية المختصة.");
  type_text (w, "appeal.text.fr", "Recours devant le tribunal administratif compétent.");
}

static void
test_blank_to_submitted (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  guint n_sheets = n_listed (window);
  g_autoptr(MsProcedure) sheet = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  MsDocument *doc;
  MsFee *fee;
  char *id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sheet", NULL));
  flush_widget (GTK_WIDGET (window));

  /* A new draft, in the list, selected, open in the editor. */
  g_assert_true (is_editing (window));
  g_assert_cmpuint (n_listed (window), ==, n_sheets + 1);
  id = ms_window_get_selected (window)->id;
  g_assert_nonnull (id);
  info = ms_store_get_sheet_info (ms_window_get_store (window), id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, MS_STATE_DRAFT);
  g_assert_cmpint (info->revision, ==, 1);
  g_clear_pointer (&info, ms_sheet_info_free);
  {
    g_autoptr(MsProcedure) typed = ms_sheet_editor_dup_procedure (editor_of (window));

    g_assert_cmpstr (typed->id, ==, id);
    g_assert_null (typed->title);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sheet_stack), ==, "edit");
  /* The new sheet cannot be submitted yet. */
  g_assert_false (action_enabled (window->submit_button, "win.submit"));

  /* Each error of the law 55-19 check appears, then goes when its field
   * is filled, and the header bar counts along. */
  fix_error (window, "title-ar", "title.ar", fill_title_ar);
  fix_error (window, "title-fr", "title.fr", fill_title_fr);
  fix_error (window, "classification", "audiences", fill_audience);
  fix_error (window, "classification", "themes", fill_theme);
  fix_error (window, "administration", "administration", fill_administration);
  fix_error (window, "administration", "receiving", fill_receiving);
  fix_error (window, "legal-basis", "legal_basis", fill_legal_ref);
  fix_error (window, "channel", "channels", fill_channel);
  fix_error (window, "deadline-max", "deadline_days", fill_deadline);
  fix_error (window, "silence-effect", "silence_is_acceptance", fill_silence);
  fix_error (window, "appeal", "appeal", fill_appeal);

  /* A document, and the error its source brings. */
  add_item (window, "documents");
  expect_issue (window, "documents-source", "documents[0].provided_by", TRUE);
  type_text (window, "documents[0].name.ar", "طلب موقع من المعني بالأمر");
  type_text (window, "documents[0].name.fr", "Demande signée par l'intéressé");
  choose (window, "documents[0].provided_by", MS_PROVIDER_USER);
  expect_issue (window, "documents-source", "documents[0].provided_by", FALSE);

  /* A fee: due only under one of the sheet's legal texts. */
  add_item (window, "fees");
  type_text (window, "fees[0].label.ar", "واجب التنبر");
  type_text (window, "fees[0].label.fr", "Droit de timbre");
  type_text (window, "fees[0].amount_centimes", "12,50");
  fix_error (window, "fee-basis", "fees[0].legal_basis", fill_fee_basis);

  print_errors (window);
  expect_issue (window, "title-ar", NULL, FALSE);
  g_assert_cmpuint (n_errors (window), ==, 0);
  g_assert_cmpuint (header_errors (window), ==, 0);
  g_assert_false (gtk_widget_has_css_class (window->issues_button, "error"));

  /* Saved: what was typed is the stored revision. */
  g_assert_true (window->dirty);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (window->dirty);
  g_assert_null (find_dialog (window));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (editor_of (window)->status_label), "Saved at "));

  /* Submitted: in review in the store, with every field typed. */
  g_assert_true (action_enabled (window->submit_button, "win.submit"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (is_editing (window));

  id = ms_window_get_selected (window)->id;
  sheet = stored_sheet (window, id, &info);
  g_assert_cmpint (info->state, ==, MS_STATE_IN_REVIEW);
  g_assert_cmpint (state_of_listed (window, id), ==,
                   MS_STATE_IN_REVIEW);
  g_assert_cmpstr (ms_localized_get (sheet->title, MS_LANG_AR), ==, "شهادة التسجيل في سجل التجربة");
  g_assert_cmpstr (ms_localized_get (sheet->title, MS_LANG_FR), ==, "Certificat d'inscription au registre d'essai");
  g_assert_cmpuint (sheet->audiences->len, ==, 1);
  g_assert_cmpint (g_array_index (sheet->audiences, int, 0), ==, MS_AUDIENCE_CITIZEN);
  g_assert_cmpstr (sheet->administration, ==, "interior");
  g_assert_cmpuint (sheet->themes->len, ==, 1);
  g_assert_cmpstr (ms_localized_get (g_ptr_array_index (sheet->receiving, 0), MS_LANG_FR), ==,
                   "Bureau d'ordre de la préfecture");
  g_assert_cmpuint (sheet->legal_basis->len, ==, 1);
  g_assert_cmpint (((MsLegalRef *) g_ptr_array_index (sheet->legal_basis, 0))->kind, ==, MS_LEGAL_LOI);
  g_assert_cmpstr (((MsLegalRef *) g_ptr_array_index (sheet->legal_basis, 0))->date, ==, "2020-03-06");
  g_assert_cmpint (((MsChannel *) g_ptr_array_index (sheet->channels, 0))->kind, ==, MS_CHANNEL_COUNTER);
  g_assert_cmpint (sheet->deadline_days, ==, 30);
  g_assert_cmpint (sheet->silence_is_acceptance, ==, MS_BOOL_FALSE);
  g_assert_cmpstr (ms_localized_get (sheet->appeal->text, MS_LANG_AR), ==, "يمكن الطعن أمام المحكمة الإدارية المختصة.");
  g_assert_cmpuint (sheet->documents->len, ==, 1);
  doc = g_ptr_array_index (sheet->documents, 0);
  g_assert_cmpstr (ms_localized_get (doc->name, MS_LANG_FR), ==, "Demande signée par l'intéressé");
  g_assert_cmpint (doc->provided_by, ==, MS_PROVIDER_USER);
  g_assert_cmpint (doc->copies, ==, 1);
  g_assert_cmpuint (sheet->fees->len, ==, 1);
  fee = g_ptr_array_index (sheet->fees, 0);
  g_assert_cmpint (fee->amount_centimes, ==, 1250);
  g_assert_cmpuint (fee->legal_basis->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fee->legal_basis, 0), ==,
                   ((MsLegalRef *) g_ptr_array_index (sheet->legal_basis, 0))->id);
  g_assert_cmpuint (info->n_errors, ==, 0);

  close_window (window);
  remove_catalog (path);
}

/*
 * 2. Someone else saved meanwhile
 */

static void
test_conflict (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  g_autofree char *id = select_code (window, clean_code);
  MsStore *store = ms_window_get_store (window);
  g_autoptr(MsProcedure) original = NULL;
  g_autoptr(MsProcedure) theirs = NULL;
  g_autoptr(MsProcedure) stored = NULL;
  g_autoptr(MsProcedure) merged = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(MsSheetInfo) b_info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  const char *a_title = "Certificat de résidence (texte d'Amina)";
  const char *b_phone = "+212 5 37 00 00 01";
  AdwMessageDialog *dialog;
  gint64 base;

  original = stored_sheet (window, id, &info);
  base = info->revision;
  g_clear_pointer (&info, ms_sheet_info_free);

  /* Amina types a new French title... */
  start_editing (window);
  type_text (window, "title.fr", a_title);
  g_assert_true (window->dirty);

  /* ...while Bruno saves another phone number, from the same revision. */
  theirs = ms_procedure_copy (original);
  g_free (theirs->contact->phone);
  theirs->contact->phone = g_strdup (b_phone);
  b_info = ms_store_save (store, "bruno", theirs, base, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b_info->revision, ==, base + 1);

  /* Amina's save is refused: the bar says who changed it, her text stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (window->conflict);
  g_assert_true (gtk_revealer_get_reveal_child (editor_of (window)->conflict_revealer));
  g_test_message ("conflict bar: %s", gtk_label_get_text (editor_of (window)->conflict_label));
  /* Who, by name, and what the bar offers instead of the store's advice. */
  g_assert_nonnull (strstr (gtk_label_get_text (editor_of (window)->conflict_label),
                            "Bruno Haddad saved this sheet at"));
  g_assert_nonnull (strstr (gtk_label_get_text (editor_of (window)->conflict_label), "re-apply"));
  g_assert_null (find_dialog (window));
  typed = field_text (window, "title.fr");
  g_assert_cmpstr (typed, ==, a_title);
  {
    g_autoptr(MsProcedure) mine = ms_sheet_editor_dup_procedure (editor_of (window));

    g_assert_cmpstr (ms_localized_get (mine->title, MS_LANG_FR), ==, a_title);
  }
  stored = stored_sheet (window, id, &info);
  g_assert_cmpint (info->revision, ==, base + 1);
  g_assert_cmpstr (info->updated_by, ==, "bruno");
  g_assert_cmpstr (stored->contact->phone, ==, b_phone);
  g_assert_cmpstr (ms_localized_get (stored->title, MS_LANG_FR), ==,
                   ms_localized_get (original->title, MS_LANG_FR));
  g_clear_pointer (&info, ms_sheet_info_free);
  g_clear_object (&stored);

  /* The autosave does not go over Bruno's revision either. */
  g_assert_cmpuint (window->autosave_id, ==, 0);

  /* Compare shows what her text changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  flush_widget (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "close");

  /* Re-apply: her change over his revision, saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reapply", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (window->conflict);
  g_assert_false (window->dirty);
  g_assert_false (gtk_revealer_get_reveal_child (editor_of (window)->conflict_revealer));

  stored = stored_sheet (window, id, &info);
  g_assert_cmpint (info->revision, ==, base + 2);
  g_assert_cmpstr (info->updated_by, ==, "amina");
  g_assert_cmpstr (stored->contact->phone, ==, b_phone);
  g_assert_cmpstr (ms_localized_get (stored->title, MS_LANG_FR), ==, a_title);
  merged = ms_sheet_editor_dup_procedure (editor_of (window));
  g_assert_cmpstr (merged->contact->phone, ==, b_phone);
  g_assert_cmpstr (ms_localized_get (merged->title, MS_LANG_FR), ==, a_title);

  close_window (window);
  remove_catalog (path);
}

/*
 * 3. Undo and redo
 */

static char *
document_ids (MsWindow *window)
{
  g_autoptr(MsProcedure) sheet = ms_sheet_editor_dup_procedure (editor_of (window));
  GString *ids = g_string_new (NULL);

  for (guint i = 0; sheet->documents != NULL && i < sheet->documents->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "",
                            ((MsDocument *) g_ptr_array_index (sheet->documents, i))->id);

  return g_string_free (ids, FALSE);
}

static void
undo (MsWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  flush_widget (GTK_WIDGET (window));
}

static void
redo (MsWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  flush_widget (GTK_WIDGET (window));
}

static void
assert_title_fr (MsWindow   *window,
                 const char *expected)
{
  g_autoptr(MsProcedure) sheet = ms_sheet_editor_dup_procedure (editor_of (window));
  g_autofree char *shown = field_text (window, "title.fr");

  g_assert_cmpstr (ms_localized_get (sheet->title, MS_LANG_FR), ==, expected);
  g_assert_cmpstr (shown, ==, expected);
}

static void
assert_summary_fr (MsWindow   *window,
                   const char *expected)
{
  g_autoptr(MsProcedure) sheet = ms_sheet_editor_dup_procedure (editor_of (window));
  g_autofree char *shown = field_text (window, "summary.fr");

  g_assert_cmpstr (ms_localized_get (sheet->summary, MS_LANG_FR), ==, expected);
  g_assert_cmpstr (shown, ==, expected);
}

static void
test_undo_reorder (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  g_autofree char *id = select_code (window, clean_code);
  g_autofree char *original = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *now = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  gint64 base;

  start_editing (window);
  base = window->edit_base;
  g_assert_false (ms_sheet_editor_can_undo (editor_of (window)));

  original = document_ids (window);
  ids = g_strsplit (original, ",", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);

  /* Document 2 moves up, with its button. */
  g_assert_false (gtk_widget_get_sensitive (item_button (window, "documents[0]", "Move Document 1 Up")));
  click (window, item_button (window, "documents[1]", "Move Document 2 Up"));
  moved = document_ids (window);
  {
    g_autofree char *expected = g_strdup_printf ("%s,%s,%s", ids[1], ids[0], ids[2]);

    g_assert_cmpstr (moved, ==, expected);
  }
  /* The item moved is open, under its new number. */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (field (window, "documents[0]"))));
  /* A change to save, or one the autosave has saved already (three seconds
   * can pass on a loaded machine). */
  g_assert_true (window->dirty || window->edit_base > base);

  undo (window);
  now = document_ids (window);
  g_assert_cmpstr (now, ==, original);
  g_clear_pointer (&now, g_free);
  g_assert_true (ms_sheet_editor_can_redo (editor_of (window)));

  redo (window);
  now = document_ids (window);
  g_assert_cmpstr (now, ==, moved);
  g_clear_pointer (&now, g_free);
  g_assert_false (ms_sheet_editor_can_redo (editor_of (window)));

  /* Down again with the other button: back to the first order. */
  click (window, item_button (window, "documents[0]", "Move Document 1 Down"));
  now = document_ids (window);
  g_assert_cmpstr (now, ==, original);
  g_clear_pointer (&now, g_free);
  undo (window);
  now = document_ids (window);
  g_assert_cmpstr (now, ==, moved);
  g_clear_pointer (&now, g_free);
  undo (window);
  now = document_ids (window);
  g_assert_cmpstr (now, ==, original);
  g_clear_pointer (&now, g_free);

  /* Alt+Up on the third document, Alt+Down on the first. */
  press_shortcut (window, field (window, "documents[2]"), GDK_KEY_Up, GDK_ALT_MASK);
  now = document_ids (window);
  {
    g_autofree char *expected = g_strdup_printf ("%s,%s,%s", ids[0], ids[2], ids[1]);

    g_assert_cmpstr (now, ==, expected);
  }
  g_clear_pointer (&now, g_free);
  undo (window);
  press_shortcut (window, field (window, "documents[0]"), GDK_KEY_Down, GDK_ALT_MASK);
  now = document_ids (window);
  g_assert_cmpstr (now, ==, moved);
  g_clear_pointer (&now, g_free);
  undo (window);
  now = document_ids (window);
  g_assert_cmpstr (now, ==, original);
  g_clear_pointer (&now, g_free);

  /* Undo across two fields: each pause in typing is a step. */
  title = field_text (window, "title.fr");
  summary = field_text (window, "summary.fr");
  type_text (window, "title.fr", "Titre changé");
  wait_snapshot (editor_of (window));
  type_text (window, "summary.fr", "Résumé changé");
  wait_snapshot (editor_of (window));
  assert_title_fr (window, "Titre changé");
  assert_summary_fr (window, "Résumé changé");

  undo (window);
  assert_title_fr (window, "Titre changé");
  assert_summary_fr (window, summary);
  undo (window);
  assert_title_fr (window, title);
  assert_summary_fr (window, summary);
  redo (window);
  assert_title_fr (window, "Titre changé");
  assert_summary_fr (window, summary);
  redo (window);
  assert_title_fr (window, "Titre changé");
  assert_summary_fr (window, "Résumé changé");

  /* Typing after an undo drops what could be redone. */
  undo (window);
  type_text (window, "title.fr", "Autre titre");
  g_assert_false (ms_sheet_editor_can_redo (editor_of (window)));

  close_window (window);
  remove_catalog (path);
}

/*
 * 4. Money
 */

static MsEditorField *
editor_field (MsWindow   *window,
              const char *path)
{
  MsEditorField *found = g_hash_table_lookup (editor_of (window)->fields, path);

  g_assert_nonnull (found);
  return found;
}

static gint64
typed_amount (MsWindow *window,
              guint     index)
{
  g_autoptr(MsProcedure) sheet = ms_sheet_editor_dup_procedure (editor_of (window));

  g_assert_cmpuint (index, <, sheet->fees->len);
  return ((MsFee *) g_ptr_array_index (sheet->fees, index))->amount_centimes;
}

static void
test_money (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  g_autofree char *id = select_code (window, clean_code);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(MsProcedure) stored = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  const char *amount = "fees[1].amount_centimes";
  GtkWidget *entry;
  MsEditorField *marks;
  const char *message;
  const char *tooltip;

  start_editing (window);
  g_assert_true (action_enabled (window->submit_button, "win.submit"));
  g_assert_cmpuint (typed_amount (window, 0), ==, 2000);

  /* A second fee, under the sheet's first legal text. */
  add_item (window, "fees");
  check (window, "fees[1].legal_basis", TRUE);
  type_text (window, "fees[1].label.fr", "Frais de dossier");

  type_text (window, amount, "12,50");
  g_assert_cmpint (typed_amount (window, 1), ==, 1250);
  type_text (window, amount, "12.5");
  g_assert_cmpint (typed_amount (window, 1), ==, 1250);
  type_text (window, amount, "7");
  g_assert_cmpint (typed_amount (window, 1), ==, 700);
  type_text (window, amount, "12,50");
  g_assert_cmpint (typed_amount (window, 1), ==, 1250);
  g_assert_cmpuint (ms_sheet_editor_get_n_invalid (editor_of (window)), ==, 0);
  expect_issue (window, "fee-basis", NULL, FALSE);
  g_assert_cmpuint (n_errors (window), ==, 0);
  g_assert_true (action_enabled (window->submit_button, "win.submit"));
  entry = field (window, amount);
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  /* Letters: refused on the field, the amount stays what it was. */
  g_assert_false (ms_parse_amount ("abc", &(gint64) { 0 }, &parse_error));
  g_assert_nonnull (parse_error);
  type_text (window, amount, "abc");
  g_assert_true (field (window, amount) == entry);
  g_assert_cmpint (typed_amount (window, 1), ==, 1250);
  g_assert_cmpuint (ms_sheet_editor_get_n_invalid (editor_of (window)), ==, 1);
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  marks = editor_field (window, amount);
  message = gtk_label_get_text (GTK_LABEL (marks->message));
  g_assert_true (g_str_has_prefix (message, parse_error->message));
  g_assert_true (gtk_widget_get_visible (marks->message));
  g_assert_true (gtk_widget_has_css_class (marks->row, "ms-field-error"));
  gtk_test_accessible_assert_property (entry, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message);

  /* Counted in the header; submitting waits until it is corrected. */
  g_assert_cmpuint (header_errors (window), ==, 1);
  g_assert_false (action_enabled (window->submit_button, "win.submit"));
  tooltip = gtk_widget_get_tooltip_text (window->submit_button);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "cannot be stored"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_true (is_editing (window));
  g_assert_cmpint (state_of_listed (window, id), ==,
                   MS_STATE_DRAFT);

  /* Saving stores the last valid amount, never the letters. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  flush_widget (GTK_WIDGET (window));
  stored = stored_sheet (window, id, &info);
  g_assert_cmpuint (stored->fees->len, ==, 2);
  g_assert_cmpint (((MsFee *) g_ptr_array_index (stored->fees, 1))->amount_centimes, ==, 1250);
  g_clear_object (&stored);
  g_clear_pointer (&info, ms_sheet_info_free);

  /* Emptied: the sheet says nothing of the amount, and nothing is wrong. */
  type_text (window, amount, "");
  g_assert_cmpint (typed_amount (window, 1), ==, -1);
  g_assert_cmpuint (ms_sheet_editor_get_n_invalid (editor_of (window)), ==, 0);
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  /* Corrected: the mark goes, submitting is possible again. */
  type_text (window, amount, "15");
  g_assert_cmpint (typed_amount (window, 1), ==, 1500);
  g_assert_cmpuint (ms_sheet_editor_get_n_invalid (editor_of (window)), ==, 0);
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
  gtk_test_accessible_assert_property (entry, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  g_assert_false (gtk_widget_get_visible (marks->message));
  g_assert_cmpuint (header_errors (window), ==, 0);
  g_assert_true (action_enabled (window->submit_button, "win.submit"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  flush_widget (GTK_WIDGET (window));
  stored = stored_sheet (window, id, &info);
  g_assert_cmpint (((MsFee *) g_ptr_array_index (stored->fees, 1))->amount_centimes, ==, 1500);

  close_window (window);
  remove_catalog (path);
}

/*
 * 5. Three-state answers
 */

static void
assert_silence_round_trip (MsWindow   *window,
                           const char *id,
                           guint       position,
                           MsBool      expected)
{
  g_autoptr(MsProcedure) stored = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  start_editing (window);
  choose (window, "silence_is_acceptance", position);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (window->dirty);
  /* The pause that makes the choice a step of undo changes nothing:
   * saved stays saved. */
  wait_snapshot (editor_of (window));
  g_assert_false (window->dirty);
  g_assert_cmpuint (window->autosave_id, ==, 0);
  stop_editing (window);

  stored = stored_sheet (window, id, &info);
  g_assert_cmpint (stored->silence_is_acceptance, ==, expected);
  /* Absent and false are not the same answer. */
  node = ms_procedure_to_json (stored);
  object = json_node_get_object (node);
  if (expected == MS_BOOL_UNSET)
    g_assert_false (json_object_has_member (object, "silence_is_acceptance"));
  else
    g_assert_cmpint (json_object_get_boolean_member (object, "silence_is_acceptance"), ==,
                     expected == MS_BOOL_TRUE);

  /* Opened again, the editor shows the same answer. */
  start_editing (window);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (window, "silence_is_acceptance"))), ==,
                    position);
  stop_editing (window);
}

static void
test_three_state (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  g_autofree char *id = select_code (window, clean_code);
  GListModel *choices;

  start_editing (window);
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (field (window, "silence_is_acceptance")));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "Not stated");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==, "Yes");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==, "No");
  /* The sheet says false: "No". */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (window, "silence_is_acceptance"))), ==, 2);
  stop_editing (window);

  assert_silence_round_trip (window, id, 0, MS_BOOL_UNSET);
  assert_silence_round_trip (window, id, 1, MS_BOOL_TRUE);
  assert_silence_round_trip (window, id, 2, MS_BOOL_FALSE);
  assert_silence_round_trip (window, id, 0, MS_BOOL_UNSET);

  close_window (window);
  remove_catalog (path);
}

/*
 * 6. Right to left
 */

static float
x_of (MsWindow   *window,
      const char *path)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (field (window, path), GTK_WIDGET (window), &bounds));
  return bounds.origin.x;
}

static void
assert_text_directions (MsWindow *window)
{
  const char *ar[] = { "title.ar", "summary.ar", "documents[0].name.ar", "appeal.text.ar" };
  const char *fr[] = { "title.fr", "summary.fr", "documents[0].name.fr", "appeal.text.fr" };

  for (guint i = 0; i < G_N_ELEMENTS (ar); i++)
    {
      g_assert_cmpint (gtk_widget_get_direction (field (window, ar[i])), ==, GTK_TEXT_DIR_RTL);
      g_assert_cmpint (gtk_widget_get_direction (field (window, fr[i])), ==, GTK_TEXT_DIR_LTR);
    }
  /* Amounts, dates, addresses read left to right in both. */
  g_assert_cmpint (gtk_widget_get_direction (field (window, "fees[0].amount_centimes")), ==, GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (field (window, "review_due")), ==, GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (field (window, "contact.url")), ==, GTK_TEXT_DIR_LTR);
}

static void
editor_in_direction (GtkTextDirection direction)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window;
  g_autofree char *id = NULL;
  graphene_rect_t sidebar, content;

  gtk_widget_set_default_direction (direction);
  window = open_editor_window (path, "amina");
  id = select_code (window, clean_code);
  start_editing (window);
  g_assert_true (ms_sheet_editor_focus_path (editor_of (window), "documents[0].name"));
  flush_widget (GTK_WIDGET (window));

  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (editor_of (window))), ==, direction);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (editor_of (window)->form)), ==, direction);
  assert_text_directions (window);

  /* Mirrored: the sidebar on the right, the Arabic text before (right of)
   * the French one; the other way round left to right. */
  g_assert_true (gtk_widget_compute_bounds (window->sidebar_box, GTK_WIDGET (window), &sidebar));
  g_assert_true (gtk_widget_compute_bounds (window->content_box, GTK_WIDGET (window), &content));
  if (direction == GTK_TEXT_DIR_RTL)
    {
      g_assert_cmpfloat (sidebar.origin.x, >, content.origin.x);
      g_assert_cmpfloat (x_of (window, "title.ar"), >, x_of (window, "title.fr"));
      g_assert_cmpfloat (x_of (window, "documents[0].name.ar"), >, x_of (window, "documents[0].name.fr"));
    }
  else
    {
      g_assert_cmpfloat (sidebar.origin.x, <, content.origin.x);
      g_assert_cmpfloat (x_of (window, "title.ar"), <, x_of (window, "title.fr"));
      g_assert_cmpfloat (x_of (window, "documents[0].name.ar"), <, x_of (window, "documents[0].name.fr"));
    }

  close_window (window);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  remove_catalog (path);
}

static void
test_right_to_left (void)
{
  editor_in_direction (GTK_TEXT_DIR_RTL);
}

static void
test_left_to_right (void)
{
  editor_in_direction (GTK_TEXT_DIR_LTR);
}

/*
 * 7. Accessible names
 */

static void
expand_all_items (GtkWidget *widget)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (widget, ADW_TYPE_EXPANDER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    adw_expander_row_set_expanded (g_ptr_array_index (rows, i), TRUE);
}

static void
test_accessible_names (void)
{
  static const char *lists[] = {
    "themes", "life_events", "conditions", "legal_basis", "receiving", "delivering",
    "documents", "channels", "forms", "steps", "fees",
  };
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  g_autoptr(MsProcedure) sheet = NULL;
  guint n_checked;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sheet", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_true (is_editing (window));

  /* Every list has an item (a legal reference first, for the check buttons
   * of the documents and fees that cite it). */
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    add_item (window, lists[i]);
  sheet = ms_sheet_editor_dup_procedure (editor_of (window));
  g_assert_cmpuint (sheet->documents->len, ==, 1);
  g_assert_cmpuint (sheet->fees->len, ==, 1);
  /* The Amazigh and English texts too, and every item open. */
  gtk_toggle_button_set_active (editor_of (window)->languages_button, TRUE);
  flush_widget (GTK_WIDGET (window));
  g_assert_true (ms_sheet_editor_get_all_languages (editor_of (window)));
  g_assert_nonnull (ms_sheet_editor_get_field (editor_of (window), "title.zgh"));
  expand_all_items (GTK_WIDGET (editor_of (window)));
  flush_widget (GTK_WIDGET (window));

  n_checked = assert_accessible_labels (GTK_WIDGET (editor_of (window)));
  g_test_message ("%u controls of the editor have an accessible name", n_checked);
  /* The walk saw the form, not an empty page: some hundred controls. */
  g_assert_cmpuint (n_checked, >, 100);

  /* A few by name: what a screen reader says for them. */
  gtk_test_accessible_assert_property (field (window, "title.ar"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Title (Arabic)");
  gtk_test_accessible_assert_property (field (window, "title.fr"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Title (French)");
  /* Named by the label it shows, so that it is said once. */
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (field (window, "documents+")),
                                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  g_assert_nonnull (find_label (field (window, "documents+"), "Add a Document"));
  gtk_test_accessible_assert_property (item_button (window, "documents[0]", "Remove Document 1"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove Document 1");

  close_window (window);
  remove_catalog (path);
}

/*
 * 8. Reviewer feedback
 */

static void
test_reviewer_feedback (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  const char *comment = "Citez le décret du droit de timbre.";
  g_autofree char *id = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  MsSheetEditor *editor;
  AdwMessageDialog *dialog;
  MsWindow *window;
  const char *heading;

  /* Submitted by Amina, sent back by Youssef, through the store. */
  {
    g_autoptr(MsSqliteStore) store = ms_sqlite_store_open (path, MS_SQLITE_STORE_OPEN_EXISTING, &error);
    g_autoptr(GPtrArray) infos = NULL;

    g_assert_no_error (error);
    infos = ms_store_list (MS_STORE (store), NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < infos->len; i++)
      if (g_strcmp0 (((MsSheetInfo *) g_ptr_array_index (infos, i))->code, clean_code) == 0)
        id = g_strdup (((MsSheetInfo *) g_ptr_array_index (infos, i))->id);
    g_assert_nonnull (id);
    info = ms_store_transition (MS_STORE (store), "amina", id, MS_ACTION_SUBMIT, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&info, ms_sheet_info_free);
    info = ms_store_transition (MS_STORE (store), "youssef", id, MS_ACTION_REQUEST_CHANGES, comment, &error);
    g_assert_no_error (error);
    g_assert_cmpint (info->state, ==, MS_STATE_CHANGES_REQUESTED);
  }

  window = open_editor_window (path, "amina");
  editor = editor_of (window);
  g_free (select_code (window, clean_code));

  /* Above the form: who asked, when, and what. */
  start_editing (window);
  g_assert_true (gtk_revealer_get_reveal_child (editor->notice_revealer));
  heading = gtk_label_get_text (editor->notice_heading);
  g_test_message ("notice: %s", heading);
  g_assert_true (g_str_has_prefix (heading, "Changes requested by Youssef Tazi on "));
  {
    /* "on 1 January 2026, 10:00", local time, in words (ms_format_date_time). */
    const char *when = heading + strlen ("Changes requested by Youssef Tazi on ");

    g_assert_true (g_regex_match_simple ("^[0-9]{1,2} [A-Z][a-z]+ [0-9]{4}, [0-9]{2}:[0-9]{2}$", when, 0, 0));
  }
  g_assert_cmpstr (gtk_label_get_text (editor->notice_label), ==, comment);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->notice_label)));

  /* The editor fixes the sheet; the autosave keeps the comment in sight. */
  type_text (window, "legal_basis[0].articles", "Article 1 du décret 2-58-1151");
  wait_autosave (window);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (editor->status_label), "Saved at "));
  g_assert_true (gtk_revealer_get_reveal_child (editor->notice_revealer));
  g_assert_cmpstr (gtk_label_get_text (editor->notice_label), ==, comment);

  /* Leaving the editor and coming back: still there. */
  stop_editing (window);
  start_editing (window);
  g_assert_true (gtk_revealer_get_reveal_child (editor->notice_revealer));
  g_assert_cmpstr (gtk_label_get_text (editor->notice_label), ==, comment);

  /* Resubmitted: the comment is answered, and goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (is_editing (window));
  g_assert_cmpint (state_of_listed (window, id), ==,
                   MS_STATE_IN_REVIEW);

  /* Editing it in review asks first; then no notice. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.editing", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (is_editing (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "edit");
  g_assert_true (is_editing (window));
  g_assert_false (gtk_revealer_get_reveal_child (editor->notice_revealer));

  close_window (window);
  remove_catalog (path);
}

/*
 * 9. Closing with unsaved text
 */

/* The window as amina on the clean sheet, @text typed in its French
 * title and not saved yet; the sheet's id in @id, its revision before in
 * @base. */
static MsWindow *
open_typed (const char  *path,
            const char  *text,
            char       **id,
            gint64      *base)
{
  MsWindow *window = open_editor_window (path, "amina");

  *id = select_code (window, clean_code);
  *base = stored_revision (window, *id);
  start_editing (window);
  type_text (window, "title.fr", text);

  return window;
}

static void
test_close_saves (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  g_autofree char *id = NULL;
  const char *text = "Certificat de résidence — écrit avant de fermer";
  g_autoptr(MsProcedure) stored = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  gint64 base;
  MsWindow *window = open_typed (path, text, &id, &base);
  MsStore *store;

  g_assert_true (window->dirty);
  g_assert_cmpuint (window->autosave_id, !=, 0);

  /* The store outlives the window, to read what it saved. */
  store = g_object_ref (ms_window_get_store (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (window);

  stored = ms_store_get_sheet (store, id, 0, &info, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (info->revision, ==, base + 1);
  g_assert_cmpstr (ms_localized_get (stored->title, MS_LANG_FR), ==, text);
  g_object_unref (store);

  remove_catalog (path);
}

static void
test_close_refused (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  g_autofree char *id = NULL;
  const char *text = "Certificat de résidence — écrit pendant que Bruno enregistrait";
  g_autoptr(MsProcedure) theirs = NULL;
  g_autoptr(MsProcedure) stored = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 base;
  MsWindow *window = open_typed (path, text, &id, &base);
  MsStore *store = ms_window_get_store (window);

  theirs = stored_sheet (window, id, NULL);
  g_free (theirs->contact->phone);
  theirs->contact->phone = g_strdup ("+212 5 37 00 00 02");
  g_clear_pointer (&info, ms_sheet_info_free);
  info = ms_store_save (store, "bruno", theirs, base, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, ms_sheet_info_free);

  /* Closing cannot save over Bruno's revision: it asks. */
  g_object_ref (store);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));
  g_assert_nonnull (window);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "changed by"));

  /* Keep editing: the window and the text stay. */
  respond (dialog, "cancel");
  g_assert_nonnull (window);
  g_assert_true (is_editing (window));
  {
    g_autofree char *typed = field_text (window, "title.fr");

    g_assert_cmpstr (typed, ==, text);
  }
  g_assert_true (window->dirty);

  /* Asked again; closing without saving now. */
  gtk_window_close (GTK_WINDOW (window));
  flush_widget (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  g_assert_null (window);

  /* Bruno's revision is the last, untouched. */
  stored = ms_store_get_sheet (store, id, 0, &info, NULL);
  g_assert_cmpint (info->revision, ==, base + 1);
  g_assert_cmpstr (info->updated_by, ==, "bruno");
  g_assert_cmpstr (stored->contact->phone, ==, "+212 5 37 00 00 02");
  g_assert_cmpstr (ms_localized_get (stored->title, MS_LANG_FR), !=, text);
  g_object_unref (store);

  remove_catalog (path);
}

/*
 * 10. Delete and duplicate
 */

static void
test_delete (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  guint n_sheets = n_listed (window);
  g_autofree char *id = NULL;
  g_autofree char *clean_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sheet", NULL));
  flush_widget (GTK_WIDGET (window));
  id = g_strdup (ms_window_get_selected (window)->id);
  g_assert_cmpuint (n_listed (window), ==, n_sheets + 1);

  /* Cancelled: nothing happens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  flush_widget (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  g_assert_cmpint (catalog_state (window, id), ==, MS_STATE_DRAFT);
  g_assert_true (ms_sheet_list_find (ms_window_get_list (window), id) != G_MAXUINT);
  g_assert_true (is_editing (window));

  /* Confirmed: out of the list and of the store. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  flush_widget (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "delete");
  g_assert_cmpint (catalog_state (window, id), ==, -1);
  g_assert_true (ms_sheet_list_find (ms_window_get_list (window), id) == G_MAXUINT);
  g_assert_cmpuint (n_listed (window), ==, n_sheets);
  g_assert_false (is_editing (window));
  g_assert_null (ms_window_get_selected (window));
  info = ms_store_get_sheet_info (ms_window_get_store (window), id, &error);
  g_assert_null (info);
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A submitted sheet cannot be deleted: the action is disabled, nothing
   * is asked. */
  clean_id = select_code (window, clean_code);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_cmpint (state_of_listed (window, clean_id), ==, MS_STATE_IN_REVIEW);
  g_assert_false (ms_store_check_delete (ms_window_get_store (window), "amina", clean_id, &error));
  g_assert_error (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
  flush_widget (GTK_WIDGET (window));
  g_assert_null (find_dialog (window));
  g_assert_cmpint (catalog_state (window, clean_id), ==, MS_STATE_IN_REVIEW);

  close_window (window);
  remove_catalog (path);
}

static void
test_duplicate (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  guint n_sheets = n_listed (window);
  g_autofree char *id = select_code (window, clean_code);
  g_autoptr(MsProcedure) original = stored_sheet (window, id, NULL);
  g_autoptr(MsProcedure) typed = NULL;
  MsSheetRow *selected;
  MsProcedure *copy;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate", NULL));
  flush_widget (GTK_WIDGET (window));

  g_assert_cmpuint (n_listed (window), ==, n_sheets + 1);
  copy = ms_window_get_selected (window);
  g_assert_nonnull (copy);
  g_assert_cmpstr (copy->id, !=, id);
  g_assert_cmpstr (copy->code, ==, "MI-DGSN-0001-COPY");
  /* Selected in the list too, and open in the editor. */
  selected = gtk_single_selection_get_selected_item (window->selection);
  g_assert_nonnull (selected);
  g_assert_cmpstr (ms_sheet_row_get_id (selected), ==, copy->id);
  g_assert_cmpint (ms_sheet_row_get_state (selected), ==, MS_STATE_DRAFT);
  g_assert_true (is_editing (window));
  typed = ms_sheet_editor_dup_procedure (editor_of (window));
  g_assert_cmpstr (typed->id, ==, copy->id);
  g_assert_cmpstr (ms_localized_get (typed->title, MS_LANG_FR), !=, ms_localized_get (original->title, MS_LANG_FR));
  g_assert_true (g_str_has_prefix (ms_localized_get (typed->title, MS_LANG_FR),
                                   ms_localized_get (original->title, MS_LANG_FR)));
  g_assert_cmpuint (typed->documents->len, ==, original->documents->len);
  g_assert_cmpint (catalog_state (window, id), >=, 0);

  close_window (window);
  remove_catalog (path);
}

/*
 * 11. The selection through a search
 */

static const char *
list_selection (MsWindow *window)
{
  MsSheetRow *row = gtk_single_selection_get_selected_item (window->selection);

  return row != NULL ? ms_sheet_row_get_id (row) : NULL;
}

static void
test_selection_search (void)
{
  g_autofree char *path = make_catalog (users, G_N_ELEMENTS (users));
  MsWindow *window = open_editor_window (path, "amina");
  guint n_sheets = n_listed (window);
  g_autofree char *id = select_code (window, clean_code);
  g_autoptr(MsProcedure) stored = NULL;

  g_assert_cmpstr (list_selection (window), ==, id);

  /* Filtered out: still the sheet shown. */
  search_sheets (window, "zzzqqq", 0, WAIT_MS);
  g_assert_nonnull (ms_window_get_selected (window));
  g_assert_cmpstr (ms_window_get_selected (window)->id, ==, id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "sheet");

  /* Cleared: selected in the list again. */
  search_sheets (window, "", n_sheets, WAIT_MS);
  g_assert_cmpstr (list_selection (window), ==, id);
  g_assert_cmpstr (ms_window_get_selected (window)->id, ==, id);

  /* Also while editing: typed and saved while hidden, still shown, and
   * selected once the search is cleared. */
  start_editing (window);
  search_sheets (window, "zzzqqq", 0, WAIT_MS);
  g_assert_true (is_editing (window));
  type_text (window, "title.fr", "Certificat de résidence modifié");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  flush_widget (GTK_WIDGET (window));
  g_assert_false (window->dirty);
  g_assert_true (is_editing (window));
  g_assert_cmpstr (ms_window_get_selected (window)->id, ==, id);
  search_sheets (window, "", n_sheets, WAIT_MS);
  g_assert_cmpstr (list_selection (window), ==, id);
  g_assert_true (is_editing (window));
  stored = stored_sheet (window, id, NULL);
  g_assert_cmpstr (ms_localized_get (stored->title, MS_LANG_FR), ==, "Certificat de résidence modifié");

  close_window (window);
  remove_catalog (path);
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);

  g_test_add_func ("/ui/editor/blank-to-submitted", test_blank_to_submitted);
  g_test_add_func ("/ui/editor/conflict", test_conflict);
  g_test_add_func ("/ui/editor/undo-reorder", test_undo_reorder);
  g_test_add_func ("/ui/editor/money", test_money);
  g_test_add_func ("/ui/editor/three-state", test_three_state);
  g_test_add_func ("/ui/editor/right-to-left", test_right_to_left);
  g_test_add_func ("/ui/editor/left-to-right", test_left_to_right);
  g_test_add_func ("/ui/editor/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/editor/reviewer-feedback", test_reviewer_feedback);
  g_test_add_func ("/ui/editor/close-saves", test_close_saves);
  g_test_add_func ("/ui/editor/close-refused", test_close_refused);
  g_test_add_func ("/ui/editor/delete", test_delete);
  g_test_add_func ("/ui/editor/duplicate", test_duplicate);
  g_test_add_func ("/ui/editor/selection-search", test_selection_search);

  return ui_fixture_run ();
}
