/* ms-import-dialog.c — importing files of sheets or portal records
 *
 * The files chosen are imported one by one, each in one transaction, in a
 * thread with a connection of its own to the catalog, by the function
 * "masatir-cli import" runs (ms_store_import_file_full), with the same
 * options (--dry-run, --prefer incoming, --into-draft); the window stays
 * responsive and then sums up and lists what became of every sheet, field
 * and file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-import-dialog.h"
#include "ms-text.h"

struct _MsImportDialog
{
  AdwWindow             parent_instance;

  /* Template Widgets */
  AdwActionRow         *files_row;
  GtkCheckButton       *sheets_check;
  GtkCheckButton       *portal_check;
  GtkSwitch            *dry_run_switch;
  GtkWidget            *prefer_row;
  GtkSwitch            *prefer_switch;
  GtkWidget            *into_draft_row;
  GtkSwitch            *into_draft_switch;
  GtkSpinner           *spinner;
  GtkLabel             *summary_label;
  GtkListBox           *report_list;

  /* Owned References */
  MsStore              *store;
  char                 *actor;
  GPtrArray            *files;      /* GFile* */
  GPtrArray            *report;     /* MsImportLine*, of the last import */
  MsImportSummary       summary;    /* its counts */
  gboolean              dry_run;    /* it kept nothing */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gboolean              running;
};

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MsImportDialog, ms_import_dialog, ADW_TYPE_WINDOW)

typedef struct {
  MsStore         *store;    /* the catalog, reopened by the thread */
  char            *actor;
  GStrv            files;
  MsImportFormat   format;
  MsImportOptions  options;
  MsImportSummary  summary;  /* filled by the thread */
  GPtrArray       *report;   /* the same */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_free (job->actor);
  g_strfreev (job->files);
  g_clear_pointer (&job->report, g_ptr_array_unref);
  g_free (job);
}

/* Helpers {{{1 */

static MsImportLine *
refused_line (const char *file,
              const char *message)
{
  MsImportLine *line = g_new0 (MsImportLine, 1);

  line->file = g_strdup (file);
  line->kind = MS_IMPORT_LINE_REFUSED;
  line->message = g_strdup (message);
  return line;
}

/* "created MI-DGSN-0001 (revision 1)", "not mapped: …", "conflict: …",
 * "edited since import: …", "refused: …" */
static char *
line_text (const MsImportLine *line)
{
  if (!ms_import_line_is_outcome (line))
    /* Translators: what became of part of an imported file and why, as in "refused: title.ar is missing" */
    return g_strdup_printf (_("%s: %s"), ms_import_line_kind_to_label (line->kind), line->message);
  /* Translators: what became of an imported sheet, as in "created MI-DGSN-0001 (revision 1)" */
  return g_strdup_printf (_("%s %s (revision %d)"), ms_import_line_kind_to_label (line->kind),
                          line->code != NULL ? line->code : line->id, (int) line->revision);
}

static const char *
line_icon (MsImportLineKind kind)
{
  switch (kind)
    {
    case MS_IMPORT_LINE_CREATED:
    case MS_IMPORT_LINE_UPDATED: return "emblem-ok-symbolic";
    case MS_IMPORT_LINE_UNCHANGED: return "object-select-symbolic";
    case MS_IMPORT_LINE_MAPPED: return "dialog-information-symbolic";
    case MS_IMPORT_LINE_NOT_MAPPED:
    case MS_IMPORT_LINE_CONFLICT:
    case MS_IMPORT_LINE_EDITED: return "dialog-warning-symbolic";
    case MS_IMPORT_LINE_REFUSED:
    default: return "dialog-error-symbolic";
    }
}

static void
update_actions (MsImportDialog *self)
{
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", !self->running && self->files->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy",
                                 !self->running && self->report != NULL && self->report->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sheets_check), !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->portal_check), !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dry_run_switch), !self->running);
  /* What only a portal record can meet: a disagreement with the catalog,
   * a sheet edited since its import. */
  gtk_widget_set_sensitive (self->prefer_row,
                            !self->running && gtk_check_button_get_active (self->portal_check));
  gtk_widget_set_sensitive (self->into_draft_row,
                            !self->running && gtk_check_button_get_active (self->portal_check));
  gtk_spinner_set_spinning (self->spinner, self->running);

  if (self->files->len == 1)
    subtitle = g_file_get_basename (g_ptr_array_index (self->files, 0));
  else if (self->files->len > 1)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", self->files->len),
                                self->files->len);
  adw_action_row_set_subtitle (self->files_row, subtitle != NULL ? subtitle : _("None chosen"));
}

/* One count of a summary, when not zero, after the others. A macro, so that
 * the compiler checks each translated format against its count. */
#define ADD_COUNT(text, count, singular, plural)                                         \
  G_STMT_START {                                                                          \
    if ((count) > 0)                                                                      \
      {                                                                                   \
        if ((text)->len > 0)                                                              \
          g_string_append ((text), _(", "));                                              \
        g_string_append_printf ((text), g_dngettext (GETTEXT_PACKAGE, singular, plural, (count)), \
                                (count));                                                 \
      }                                                                                   \
  } G_STMT_END

/* "2 created, 1 conflict" and, after a dry run, that nothing was kept:
 * what "masatir-cli import" says in its summary line. */
static char *
summary_text (const MsImportSummary *s,
              gboolean               dry_run)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the counts of an import's summary, joined by ", " */
  ADD_COUNT (text, s->created, "%u sheet created", "%u sheets created");
  ADD_COUNT (text, s->updated, "%u sheet updated", "%u sheets updated");
  ADD_COUNT (text, s->unchanged, "%u sheet unchanged", "%u sheets unchanged");
  ADD_COUNT (text, s->edited, "%u sheet edited since its import, left as it was",
             "%u sheets edited since their import, left as they were");
  ADD_COUNT (text, s->drafted, "%u record put in a new draft", "%u records put in new drafts");
  ADD_COUNT (text, s->conflicts, "%u conflict", "%u conflicts");
  ADD_COUNT (text, s->refusals, "%u refusal", "%u refusals");
  ADD_COUNT (text, s->not_mapped, "%u value not mapped", "%u values not mapped");
  if (text->len == 0)
    g_string_append (text, _("Nothing imported"));
  if (dry_run)
    {
      /* Translators: after the counts of an import that only checked */
      g_string_append_c (text, '\n');
      g_string_append (text, _("Checked only: nothing was kept."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_report (MsImportDialog *self)
{
  GtkWidget *child;

  if (self->report != NULL)
    {
      g_autofree char *summary = summary_text (&self->summary, self->dry_run);

      gtk_label_set_text (self->summary_label, summary);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), self->report != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  for (guint i = 0; self->report != NULL && i < self->report->len; i++)
    {
      MsImportLine *line = g_ptr_array_index (self->report, i);
      g_autofree char *title = line_text (line);
      g_autofree char *escaped = ms_text_escape_controls (title);
      g_autofree char *markup = g_markup_escape_text (escaped, -1);
      g_autofree char *file = g_path_get_basename (line->file);
      g_autofree char *file_markup = g_markup_escape_text (file, -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (line_icon (line->kind));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), file_markup);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, ms_import_line_kind_to_label (line->kind),
                                      -1);
      if (line->kind == MS_IMPORT_LINE_REFUSED)
        gtk_widget_add_css_class (icon, "error");
      else if (line->kind == MS_IMPORT_LINE_NOT_MAPPED || line->kind == MS_IMPORT_LINE_CONFLICT
               || line->kind == MS_IMPORT_LINE_EDITED)
        gtk_widget_add_css_class (icon, "warning");
      else if (line->kind != MS_IMPORT_LINE_MAPPED)
        gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->report_list, row);
    }
  /* An empty boxed list still draws its frame. */
  gtk_widget_set_visible (GTK_WIDGET (self->report_list), self->report != NULL && self->report->len > 0);
}

/* The thread {{{1 */

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_line_free);
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of the thread's own: the same file, or the same server as the same login. */
  if (!(store = ms_store_reopen (job->store, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; job->files[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GPtrArray) refusals = NULL;
      g_autoptr(GError) file_error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      lines = ms_store_import_file_full (MS_STORE (store), job->actor, job->files[i], job->format,
                                         &job->options, &job->summary, &refusals, &file_error);
      /* The file could not be read, or the store refused it: one line,
       * which ms_store_import_file_full did not count. */
      if (lines == NULL && refusals->len == 0)
        {
          g_ptr_array_add (report, refused_line (job->files[i], file_error->message));
          job->summary.refusals++;
        }
      g_ptr_array_extend_and_steal (report, lines != NULL ? g_steal_pointer (&lines) : g_steal_pointer (&refusals));
    }
  job->report = g_steal_pointer (&report);
  g_task_return_boolean (task, TRUE);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MsImportDialog *self = MS_IMPORT_DIALOG (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean any = FALSE;

  self->running = FALSE;
  /* Closed meanwhile: the import went through, the window has gone. */
  if (self->report_list == NULL)
    return;
  g_clear_pointer (&self->report, g_ptr_array_unref);
  memset (&self->summary, 0, sizeof self->summary);
  self->dry_run = job->options.dry_run;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->report = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_line_free);
      g_autofree char *where = ms_store_describe (self->store);

      g_ptr_array_add (self->report, refused_line (where, error->message));
      self->summary.refusals = 1;
    }
  else
    {
      self->report = g_steal_pointer (&job->report);
      self->summary = job->summary;
    }
  show_report (self);
  update_actions (self);

  for (guint i = 0; i < self->report->len && !self->dry_run; i++)
    any |= ((MsImportLine *) g_ptr_array_index (self->report, i))->kind <= MS_IMPORT_LINE_UPDATED;
  if (any)
    g_signal_emit (self, signals[IMPORTED], 0);
}

/* Actions {{{1 */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  MsImportDialog *self = MS_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (!self->running && self->files->len > 0);

  for (guint i = 0; i < self->files->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (self->files, i));

      if (path != NULL)
        g_strv_builder_add (files, path);
    }
  job->store = g_object_ref (self->store);
  job->actor = g_strdup (self->actor);
  job->files = g_strv_builder_end (files);
  job->format = gtk_check_button_get_active (self->portal_check) ? MS_IMPORT_FORMAT_PORTAL
                                                                 : MS_IMPORT_FORMAT_SHEETS;
  job->options.dry_run = gtk_switch_get_active (self->dry_run_switch);
  job->options.prefer_incoming = job->format == MS_IMPORT_FORMAT_PORTAL
                                 && gtk_switch_get_active (self->prefer_switch);
  job->options.into_draft = job->format == MS_IMPORT_FORMAT_PORTAL
                            && gtk_switch_get_active (self->into_draft_switch);
  self->running = TRUE;
  update_actions (self);

  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, run_action);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     MsImportDialog  *self)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      ms_import_dialog_set_files (self, files);
    }
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MsImportDialog *self = MS_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose Files to Import"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (json, _("JSON files"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MsImportDialog *self = MS_IMPORT_DIALOG (widget);
  g_autofree char *text = ms_import_dialog_get_report_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* GObject {{{1 */

static void
ms_import_dialog_dispose (GObject *object)
{
  MsImportDialog *self = MS_IMPORT_DIALOG (object);

  /* A running import finishes its current file; nothing waits for it. */
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (ms_import_dialog_parent_class)->dispose (object);
}

static void
ms_import_dialog_finalize (GObject *object)
{
  MsImportDialog *self = MS_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_free (self->actor);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->report, g_ptr_array_unref);

  G_OBJECT_CLASS (ms_import_dialog_parent_class)->finalize (object);
}

static void
ms_import_dialog_class_init (MsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_import_dialog_dispose;
  object_class->finalize = ms_import_dialog_finalize;

  /**
   * MsImportDialog::imported:
   *
   * An import finished that created or updated sheets.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, files_row);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, sheets_check);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, portal_check);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, dry_run_switch);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, prefer_row);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, prefer_switch);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, into_draft_row);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, into_draft_switch);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MsImportDialog, report_list);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ms_import_dialog_init (MsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->portal_check, "toggled", G_CALLBACK (update_actions), self);

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

/* Public API {{{1 */

MsImportDialog *
ms_import_dialog_new (MsStore    *store,
                      const char *actor)
{
  MsImportDialog *self;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  self = g_object_new (MS_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->actor = g_strdup (actor);
  return self;
}

void
ms_import_dialog_set_files (MsImportDialog *self,
                            GPtrArray      *files)
{
  g_return_if_fail (MS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (files != NULL);
  g_return_if_fail (!self->running);

  g_ptr_array_set_size (self->files, 0);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (self->files, g_object_ref (g_ptr_array_index (files, i)));
  update_actions (self);
}

void
ms_import_dialog_set_format (MsImportDialog *self,
                             MsImportFormat  format)
{
  g_return_if_fail (MS_IS_IMPORT_DIALOG (self));

  gtk_check_button_set_active (format == MS_IMPORT_FORMAT_PORTAL ? self->portal_check : self->sheets_check, TRUE);
}

/* What the switches of the Options group say, as masatir-cli's --dry-run,
 * --prefer incoming and --into-draft. */
void
ms_import_dialog_set_options (MsImportDialog        *self,
                              const MsImportOptions *options)
{
  g_return_if_fail (MS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  gtk_switch_set_active (self->dry_run_switch, options->dry_run);
  gtk_switch_set_active (self->prefer_switch, options->prefer_incoming);
  gtk_switch_set_active (self->into_draft_switch, options->into_draft);
}

const char *
ms_import_dialog_get_summary (MsImportDialog *self)
{
  g_return_val_if_fail (MS_IS_IMPORT_DIALOG (self), NULL);

  return self->report != NULL ? gtk_label_get_text (self->summary_label) : NULL;
}

gboolean
ms_import_dialog_get_running (MsImportDialog *self)
{
  g_return_val_if_fail (MS_IS_IMPORT_DIALOG (self), FALSE);

  return self->running;
}

GPtrArray *
ms_import_dialog_get_report (MsImportDialog *self)
{
  g_return_val_if_fail (MS_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}

char *
ms_import_dialog_get_report_text (MsImportDialog *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (MS_IS_IMPORT_DIALOG (self), NULL);

  for (guint i = 0; self->report != NULL && i < self->report->len; i++)
    {
      MsImportLine *line = g_ptr_array_index (self->report, i);
      g_autofree char *body = line_text (line);

      g_string_append_printf (text, "%s: %s\n", line->file, body);
    }
  return g_string_free (text, FALSE);
}
