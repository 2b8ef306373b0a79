/* ms-new-catalog-dialog.c — creating a catalog and its first admin
 *
 * The same store calls as "masatir-cli init --issuer ID" followed by
 * "masatir-cli users add LOGIN --roles admin": a catalog that could not be
 * given its first admin is removed again, so no catalog nobody can manage
 * is left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-new-catalog-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ms-new-catalog-dialog.h"
#include "ms-sqlite-store.h"
#include "ms-text.h"

struct _MsNewCatalogDialog
{
  AdwWindow             parent_instance;

  /* Template Widgets */
  AdwActionRow         *file_row;
  GtkWidget            *issuer_entry;
  GtkWidget            *login_entry;
  GtkWidget            *name_entry;

  /* Owned References */
  GFile                *file;
  MsStore              *store;
  GtkFileChooserNative *chooser;
  char                 *refusal;
};

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MsNewCatalogDialog, ms_new_catalog_dialog, ADW_TYPE_WINDOW)

static void
update_actions (MsNewCatalogDialog *self)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_entry));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-catalog.create",
                                 self->store == NULL && self->file != NULL && *login != '\0');
}

static void
show_refusal (MsNewCatalogDialog *self,
              const char         *message)
{
  g_autofree char *body = ms_text_escape_controls (message);
  GtkWidget *dialog;

  g_free (self->refusal);
  self->refusal = g_strdup (message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Catalog Was Not Created"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The database and the files SQLite keeps beside it. */
static void
remove_catalog (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static void
entry_changed_cb (GtkEditable        *editable,
                  MsNewCatalogDialog *self)
{
  update_actions (self);
}

/* Actions {{{1 */

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MsNewCatalogDialog *self = MS_NEW_CATALOG_DIALOG (widget);
  g_autoptr(MsSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *issuer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->issuer_entry))));
  g_autofree char *login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_entry))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  MsUser admin = { login, *name != '\0' ? name : NULL, MS_ROLE_ADMIN, FALSE };

  g_return_if_fail (path != NULL && self->store == NULL);

  if (!(store = ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, &error)))
    {
      show_refusal (self, error->message);
      return;
    }
  if ((*issuer != '\0' && !ms_sqlite_store_set_issuer (store, issuer, &error))
      || !ms_store_add_user (MS_STORE (store), login, &admin, &error))
    {
      g_clear_object (&store);
      remove_catalog (path);
      show_refusal (self, error->message);
      return;
    }

  self->store = MS_STORE (g_steal_pointer (&store));
  update_actions (self);
  g_signal_emit (self, signals[CREATED], 0, self->store);
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     MsNewCatalogDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ms_new_catalog_dialog_set_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MsNewCatalogDialog *self = MS_NEW_CATALOG_DIALOG (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("New Catalog"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "catalog.db");
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject {{{1 */

static void
ms_new_catalog_dialog_dispose (GObject *object)
{
  MsNewCatalogDialog *self = MS_NEW_CATALOG_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_NEW_CATALOG_DIALOG);

  G_OBJECT_CLASS (ms_new_catalog_dialog_parent_class)->dispose (object);
}

static void
ms_new_catalog_dialog_finalize (GObject *object)
{
  MsNewCatalogDialog *self = MS_NEW_CATALOG_DIALOG (object);

  g_clear_object (&self->file);
  g_clear_object (&self->store);
  g_free (self->refusal);

  G_OBJECT_CLASS (ms_new_catalog_dialog_parent_class)->finalize (object);
}

static void
ms_new_catalog_dialog_class_init (MsNewCatalogDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_new_catalog_dialog_dispose;
  object_class->finalize = ms_new_catalog_dialog_finalize;

  /**
   * MsNewCatalogDialog::created:
   * @store: the new catalog, with its first admin
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, MS_TYPE_STORE);

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-new-catalog-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MsNewCatalogDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, MsNewCatalogDialog, issuer_entry);
  gtk_widget_class_bind_template_child (widget_class, MsNewCatalogDialog, login_entry);
  gtk_widget_class_bind_template_child (widget_class, MsNewCatalogDialog, name_entry);

  gtk_widget_class_install_action (widget_class, "new-catalog.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "new-catalog.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ms_new_catalog_dialog_init (MsNewCatalogDialog *self)
{
  const char *real_name = g_get_real_name ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Who creates the catalog is usually its first admin. */
  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), g_get_user_name ());
  if (g_strcmp0 (real_name, "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), real_name);
  g_signal_connect (self->login_entry, "changed", G_CALLBACK (entry_changed_cb), self);
  update_actions (self);
}

/* Public API {{{1 */

MsNewCatalogDialog *
ms_new_catalog_dialog_new (void)
{
  return g_object_new (MS_TYPE_NEW_CATALOG_DIALOG, NULL);
}

void
ms_new_catalog_dialog_set_file (MsNewCatalogDialog *self,
                                GFile              *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (MS_IS_NEW_CATALOG_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  name = g_file_get_parse_name (file);
  {
    g_autofree char *markup = g_markup_escape_text (name, -1);

    adw_action_row_set_subtitle (self->file_row, markup);
  }
  update_actions (self);
}

void
ms_new_catalog_dialog_fill (MsNewCatalogDialog *self,
                            const char         *issuer,
                            const char         *login,
                            const char         *name)
{
  g_return_if_fail (MS_IS_NEW_CATALOG_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->issuer_entry), issuer != NULL ? issuer : "");
  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), login != NULL ? login : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
}

MsStore *
ms_new_catalog_dialog_get_store (MsNewCatalogDialog *self)
{
  g_return_val_if_fail (MS_IS_NEW_CATALOG_DIALOG (self), NULL);

  return self->store;
}

const char *
ms_new_catalog_dialog_get_refusal (MsNewCatalogDialog *self)
{
  g_return_val_if_fail (MS_IS_NEW_CATALOG_DIALOG (self), NULL);

  return self->refusal;
}
