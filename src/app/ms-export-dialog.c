/* ms-export-dialog.c — the Export dialog: a signed bundle from the window
 *
 * The export is the publishing layer's (ms_publish_export_async); this is
 * its face: what the bundle will carry, the key and its passphrase, the
 * expiry and the file, then the steps as they pass, and what was written.
 * The export runs on a store of its own on the same catalog file, as
 * ms-export.h asks, so that the window keeps reading its own meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-export-dialog.h"
#include "ms-window-private.h"

struct _MsExportDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkWidget           *close_button;
  GtkWidget           *export_button;
  GtkWidget           *cancel_button;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_label;
  GtkStack            *stack;
  GtkLabel            *publish_label;
  GtkLabel            *carried_label;
  GtkLabel            *withdraw_label;
  GtkLabel            *sequence_label;
  AdwComboRow         *key_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkSpinButton       *expires_spin;
  AdwActionRow        *destination_row;
  GtkLabel            *step_label;
  GtkProgressBar      *progress_bar;
  AdwActionRow        *bundle_row;
  AdwActionRow        *entries_row;
  AdwActionRow        *withdrawn_row;
  AdwActionRow        *sha_row;
  AdwActionRow        *file_row;

  /* Owned References */
  MsWindow            *window;          /* weak */
  MsKeyring           *keyring;
  GPtrArray           *keys;            /* MsKeyInfo*, in the combo row's order */
  MsExportPreview     *preview;         /* NULL when the catalog could not be read */
  char                *path;
  char                *message;
  MsStore             *export_store;    /* the export's own, while it runs */
  GCancellable        *cancellable;     /* while it runs */
  MsExportResult      *result;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (MsExportDialog, ms_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROGRESS,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * Helpers
 */

static void
show_message (MsExportDialog *self,
              const char     *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

/* @path isolated left to right: in Arabic its leading "/" stays in front. */
static char *
isolate_path (const char *path)
{
  return g_strconcat ("\u2066", path, "\u2069", NULL);
}

static const char *
selected_kid (MsExportDialog *self)
{
  guint position = adw_combo_row_get_selected (self->key_row);

  if (self->keys == NULL || position == GTK_INVALID_LIST_POSITION || position >= self->keys->len)
    return NULL;
  return ((MsKeyInfo *) g_ptr_array_index (self->keys, position))->kid;
}

static gboolean
is_running (MsExportDialog *self)
{
  return self->cancellable != NULL;
}

static void
update_actions (MsExportDialog *self)
{
  gboolean running = is_running (self);
  gboolean setup = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "setup") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.start",
                                 setup && !running && self->preview != NULL && selected_kid (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose", setup && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.copy-hash", self->result != NULL);
  gtk_widget_set_visible (self->export_button, setup);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->close_button, !running);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
load_keys (MsExportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  self->keys = ms_keyring_list (self->keyring, &error);
  if (self->keys == NULL)
    {
      show_message (self, error->message);
      self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_key_info_free);
    }
  for (guint i = 0; i < self->keys->len; i++)
    {
      MsKeyInfo *info = g_ptr_array_index (self->keys, i);
      g_autofree char *label = NULL;
      const char *created = info->created != NULL ? info->created : _("date unknown");

      if (info->name != NULL)
        /* Translators: a signing key: its name, its kid, when it was made */
        label = g_strdup_printf (_("%s — %s — %s"), info->name, info->kid, created);
      else
        /* Translators: a signing key: its kid, when it was made */
        label = g_strdup_printf (_("%s — %s"), info->kid, created);
      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->key_row, G_LIST_MODEL (labels));
  if (self->keys->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->key_row),
                                 _("The keyring has no key: make one in Signing Keys"));
}

static void
load_preview (MsExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  MsStore *store = self->window != NULL ? ms_window_get_store (self->window) : NULL;
  g_autofree char *sequence = NULL;

  g_clear_pointer (&self->preview, ms_export_preview_free);
  if (store == NULL)
    {
      show_message (self, _("Open a catalog database to export it"));
      return;
    }
  if (!ms_publish_check_publisher (store, ms_window_get_actor (self->window), &error)
      || !(self->preview = ms_publish_export_preview (store, &error)))
    {
      show_message (self, error->message);
      return;
    }

  set_count (self->publish_label, self->preview->to_publish->len);
  set_count (self->carried_label, self->preview->carried->len);
  set_count (self->withdraw_label, self->preview->to_withdraw->len);
  sequence = g_strdup_printf ("%s-%" G_GINT64_FORMAT, self->preview->issuer, self->preview->next_sequence);
  gtk_label_set_text (self->sequence_label, sequence);
}

static char *
default_name (MsExportDialog *self)
{
  if (self->preview == NULL)
    return g_strdup ("masatir.bundle");
  return g_strdup_printf ("%s-%" G_GINT64_FORMAT ".bundle", self->preview->issuer, self->preview->next_sequence);
}

static const char *
step_text (MsExportStep step)
{
  switch (step)
    {
    case MS_EXPORT_STEP_READ: return _("Reading the sheets to publish…");
    case MS_EXPORT_STEP_ENTRY: return _("Building the entries…");
    case MS_EXPORT_STEP_ENTRIES: return _("Unsealing the key…");
    case MS_EXPORT_STEP_UNSEALED: return _("Signing the manifest…");
    case MS_EXPORT_STEP_SIGNED: return _("Writing the bundle…");
    case MS_EXPORT_STEP_WRITTEN: return _("Verifying the bundle as the portal will…");
    case MS_EXPORT_STEP_VERIFIED: return _("Recording the export in the catalog…");
    case MS_EXPORT_STEP_COMMITTED: return _("Exported");
    default: g_assert_not_reached ();
    }
}

/* The window shows the states the export recorded (published), with the
 * same sheet selected. A window in the middle of an edit keeps its page:
 * the sheets' states are read again when it next loads the catalog. */
static void
refresh_window (MsExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *selected = NULL;
  MsProcedure *procedure;
  MsStore *store;

  if (self->window == NULL || self->window->editing
      || (store = ms_window_get_store (self->window)) == NULL)
    return;

  if ((procedure = ms_window_get_selected (self->window)) != NULL)
    selected = g_strdup (procedure->id);
  g_object_ref (store);
  if (!ms_window_open_store (self->window, store, &error))
    g_warning ("The catalog could not be read again after the export: %s", error->message);
  else if (selected != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.select-sheet", "s", selected);
  g_object_unref (store);
}

static void
show_result (MsExportDialog *self)
{
  g_autofree char *entries = NULL;
  g_autofree char *withdrawn = NULL;
  g_autofree char *file = isolate_path (self->result->path);

  entries = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet, %u of them published now",
                                          "%u sheets, %u of them published now", self->result->n_entries),
                             self->result->n_entries, self->result->n_published);
  withdrawn = g_strdup_printf ("%u", self->result->n_withdrawn);
  adw_action_row_set_subtitle (self->bundle_row, self->result->bundle_id);
  adw_action_row_set_subtitle (self->entries_row, entries);
  adw_action_row_set_subtitle (self->withdrawn_row, withdrawn);
  adw_action_row_set_subtitle (self->sha_row, self->result->manifest_sha256);
  adw_action_row_set_subtitle (self->file_row, file);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

/*
 * Callbacks
 */

static void
export_progress_cb (MsExportStep step,
                    guint        done,
                    guint        total,
                    gpointer     user_data)
{
  MsExportDialog *self = user_data;
  double fraction;

  g_assert (MS_IS_EXPORT_DIALOG (self));

  fraction = (double) step / (MS_EXPORT_N_STEPS - 1);
  if (step == MS_EXPORT_STEP_ENTRY && total > 0)
    {
      g_autofree char *text = NULL;

      /* READ is 0, ENTRY fills the way to ENTRIES. */
      fraction = (1.0 + (double) done / total) / (MS_EXPORT_N_STEPS - 1);
      /* Translators: the export's progress: entries built of the set */
      text = g_strdup_printf (_("Building entry %u of %u…"), done, total);
      gtk_label_set_text (self->step_label, text);
    }
  else
    gtk_label_set_text (self->step_label, step_text (step));
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));

  g_signal_emit (self, signals[PROGRESS], 0, (guint) step, done, total);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MsExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_EXPORT_DIALOG (self));

  g_clear_pointer (&self->result, ms_export_result_free);
  self->result = ms_publish_export_finish (MS_STORE (object), result, &error);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_store);

  if (self->result == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      /* Someone else may have exported meanwhile: the summary is read
       * again before the message, which stays. */
      load_preview (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("The export was cancelled: nothing changed"));
      else
        show_message (self, error->message);
    }
  else
    {
      show_result (self);
      refresh_window (self);
    }

  update_actions (self);
  g_signal_emit (self, signals[FINISHED], 0, self->result != NULL);
}

static void
chooser_response_cb (MsExportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_assert (MS_IS_EXPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        ms_export_dialog_set_path (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
passphrase_activated_cb (MsExportDialog *self)
{
  g_assert (MS_IS_EXPORT_DIALOG (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "export.start", NULL);
}

static void
key_selected_cb (MsExportDialog *self)
{
  update_actions (self);
}

/*
 * Actions
 */

static void
ms_export_dialog_choose (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MsExportDialog *self = MS_EXPORT_DIALOG (widget);
  g_autofree char *name = default_name (self);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Bundle To"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export To"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ms_export_dialog_start (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MsExportDialog *self = MS_EXPORT_DIALOG (widget);
  g_autoptr(MsPassphrase) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  MsExportOptions options = { 0 };
  MsStore *store;

  if (is_running (self) || self->window == NULL || (store = ms_window_get_store (self->window)) == NULL)
    return;

  if (self->path == NULL)
    {
      show_message (self, _("Choose the file to write the bundle to"));
      return;
    }
  passphrase = ms_passphrase_new (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  /* Never kept in the entry once used: typed again for the next export. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  if (passphrase[0] == '\0')
    {
      show_message (self, _("the passphrase is empty"));
      return;
    }

  options.actor = ms_window_get_actor (self->window);
  options.kid = selected_kid (self);
  options.keyring = self->keyring;
  options.passphrase = passphrase;
  options.path = self->path;
  options.expires_days = gtk_spin_button_get_value_as_int (self->expires_spin);

  /* The export runs on a connection of its own (ms_store_commit_export). */
  if (!ms_publish_export_creation_time (&options.created, &error)
      || !ms_publish_check_publisher (store, options.actor, &error)
      || !(self->export_store = ms_store_reopen (store, &error)))
    {
      show_message (self, error->message);
      return;
    }

  show_message (self, NULL);
  g_clear_pointer (&self->result, ms_export_result_free);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->step_label, step_text (MS_EXPORT_STEP_READ));
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);

  /* The export copies the passphrase when it starts; ours is wiped on
   * return. */
  ms_publish_export_async (self->export_store, &options, self->cancellable,
                           export_progress_cb, g_object_ref (self), g_object_unref,
                           export_done_cb, g_object_ref (self));
  gtk_widget_grab_focus (self->cancel_button);
}

static void
ms_export_dialog_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  ms_export_dialog_cancel (MS_EXPORT_DIALOG (widget));
}

static void
ms_export_dialog_copy_hash (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MsExportDialog *self = MS_EXPORT_DIALOG (widget);

  if (self->result == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->result->manifest_sha256);
}

/*
 * Overrides
 */

static gboolean
ms_export_dialog_close_request (GtkWindow *window)
{
  MsExportDialog *self = MS_EXPORT_DIALOG (window);

  /* The export is stopped, and the dialog goes once it has: the catalog and
   * the file are then as they were. */
  if (is_running (self))
    {
      ms_export_dialog_cancel (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ms_export_dialog_parent_class)->close_request (window);
}

static void
ms_export_dialog_dispose (GObject *object)
{
  MsExportDialog *self = MS_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_EXPORT_DIALOG);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (ms_export_dialog_parent_class)->dispose (object);
}

static void
ms_export_dialog_finalize (GObject *object)
{
  MsExportDialog *self = MS_EXPORT_DIALOG (object);

  g_assert (self->cancellable == NULL);

  g_clear_object (&self->keyring);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->preview, ms_export_preview_free);
  g_clear_pointer (&self->result, ms_export_result_free);
  g_clear_object (&self->export_store);
  g_free (self->path);
  g_free (self->message);

  G_OBJECT_CLASS (ms_export_dialog_parent_class)->finalize (object);
}

static void
ms_export_dialog_class_init (MsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ms_export_dialog_dispose;
  object_class->finalize = ms_export_dialog_finalize;
  window_class->close_request = ms_export_dialog_close_request;

  /**
   * MsExportDialog::progress:
   *
   * A step of the export (an MsExportStep) has been shown.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE,
                                    3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * MsExportDialog::finished:
   * @success: whether the bundle was written and recorded
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, publish_label);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, carried_label);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, withdraw_label);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, sequence_label);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, expires_spin);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, step_label);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, bundle_row);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, entries_row);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, withdrawn_row);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, sha_row);
  gtk_widget_class_bind_template_child (widget_class, MsExportDialog, file_row);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);

  gtk_widget_class_install_action (widget_class, "export.start", NULL, ms_export_dialog_start);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, ms_export_dialog_cancel_action);
  gtk_widget_class_install_action (widget_class, "export.choose", NULL, ms_export_dialog_choose);
  gtk_widget_class_install_action (widget_class, "export.copy-hash", NULL, ms_export_dialog_copy_hash);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ms_export_dialog_init (MsExportDialog *self)
{
  GtkEditable *text;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The text inside the row is what assistive technology focuses. */
  text = gtk_editable_get_delegate (GTK_EDITABLE (self->passphrase_row));
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Passphrase of the key"), -1);
  adw_action_row_set_subtitle (self->destination_row, _("Not chosen yet"));
  g_signal_connect_swapped (self->key_row, "notify::selected", G_CALLBACK (key_selected_cb), self);
}

/*
 * Public API
 */

/**
 * ms_export_dialog_new:
 * @window: the window whose catalog is exported, as its acting user
 * @keyring: (nullable): the keys to sign with; %NULL: the default keyring
 */
MsExportDialog *
ms_export_dialog_new (MsWindow  *window,
                      MsKeyring *keyring)
{
  MsExportDialog *self;

  g_return_val_if_fail (MS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (keyring == NULL || MS_IS_KEYRING (keyring), NULL);

  self = g_object_new (MS_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->keyring = keyring != NULL ? g_object_ref (keyring) : ms_keyring_new (NULL);
  load_keys (self);
  load_preview (self);
  update_actions (self);

  return self;
}

void
ms_export_dialog_set_path (MsExportDialog *self,
                           const char     *path)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (MS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  g_free (self->path);
  self->path = g_strdup (path);
  shown = isolate_path (path);
  adw_action_row_set_subtitle (self->destination_row, shown);
  update_actions (self);
}

const char *
ms_export_dialog_get_path (MsExportDialog *self)
{
  g_return_val_if_fail (MS_IS_EXPORT_DIALOG (self), NULL);

  return self->path;
}

/* Selects the key @kid; FALSE when the keyring has no such key. */
gboolean
ms_export_dialog_set_key (MsExportDialog *self,
                          const char     *kid)
{
  g_return_val_if_fail (MS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (kid != NULL, FALSE);

  for (guint i = 0; i < self->keys->len; i++)
    if (g_strcmp0 (((MsKeyInfo *) g_ptr_array_index (self->keys, i))->kid, kid) == 0)
      {
        adw_combo_row_set_selected (self->key_row, i);
        return TRUE;
      }

  return FALSE;
}

const char *
ms_export_dialog_get_message (MsExportDialog *self)
{
  g_return_val_if_fail (MS_IS_EXPORT_DIALOG (self), NULL);

  return self->message;
}

gboolean
ms_export_dialog_is_running (MsExportDialog *self)
{
  g_return_val_if_fail (MS_IS_EXPORT_DIALOG (self), FALSE);

  return is_running (self);
}

const MsExportResult *
ms_export_dialog_get_result (MsExportDialog *self)
{
  g_return_val_if_fail (MS_IS_EXPORT_DIALOG (self), NULL);

  return self->result;
}

/* Stops a running export: it fails with G_IO_ERROR_CANCELLED and changes
 * nothing, unless the catalog was already recording it. */
void
ms_export_dialog_cancel (MsExportDialog *self)
{
  g_return_if_fail (MS_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
