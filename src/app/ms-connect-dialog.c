/* ms-connect-dialog.c — connecting to a catalog on a PostgreSQL server
 *
 * Host, port, database, login and the TLS mode make a libpq connection
 * string; the connection is made in a thread. When the server asks for a
 * password (PQconnectionNeedsPassword) that neither libpq's own sources
 * (PGPASSWORD, ~/.pgpass) nor the GNOME keyring gave, the dialog asks for
 * it; with "Remember Password" it goes to the keyring through libsecret
 * once the connection succeeded. The password lives in memory for the
 * connection only (ms_store_reopen needs it for the export's and the
 * import's threads): never written anywhere else, never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "ms-connect-dialog.h"
#include "ms-pg-conninfo.h"
#include "ms-store-error.h"
#include "ms-text.h"

struct _MsConnectDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkWidget           *host_entry;
  GtkWidget           *port_entry;
  GtkWidget           *dbname_entry;
  GtkWidget           *user_entry;
  AdwComboRow         *tls_row;
  GtkWidget           *password_group;
  GtkWidget           *password_row;
  GtkSwitch           *remember_switch;
  GtkLabel            *message_label;
  GtkSpinner          *spinner;

  /* Owned References */
  GCancellable        *cancellable;
  gboolean             running;
};

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MsConnectDialog, ms_connect_dialog, ADW_TYPE_WINDOW)

/* libpq's sslmode values, safest first, and what a person reads. */
static const char * const tls_modes[] = { "verify-full", "require", "prefer", "disable" };
static const char * const tls_labels[] = {
  N_("Verify the server"),
  N_("Encrypt only (require)"),
  N_("Encrypt if possible (prefer)"),
  N_("Never encrypt (disable)"),
};

/* The keyring's entry for one login on one server. */
static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

typedef struct {
  char     *host, *port, *dbname, *user;
  char     *conninfo;          /* without the password */
  char     *password;          /* typed, or NULL */
  gboolean  remember;
  /* Results */
  MsStore  *store;
  gboolean  needs_password;
  gboolean  used_keyring;      /* the keyring's password was tried */
  char     *keyring_problem;
} ConnectJob;

static void
wipe_free (char *text)
{
  if (text == NULL)
    return;
  memset (text, 0, strlen (text));
  g_free (text);
}

static void
connect_job_free (ConnectJob *job)
{
  g_free (job->host);
  g_free (job->port);
  g_free (job->dbname);
  g_free (job->user);
  g_free (job->conninfo);
  wipe_free (job->password);
  g_clear_object (&job->store);
  g_free (job->keyring_problem);
  g_free (job);
}

/* The thread {{{1 */

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConnectJob *job = task_data;
  g_autoptr(GError) error = NULL;
  char *stored = NULL;
  char *conninfo;
  const char *password = job->password;

  /* A password typed now, else one the keyring kept (no keyring: none). */
  if (password == NULL)
    {
      stored = secret_password_lookup_sync (server_schema (), cancellable, NULL,
                                            "host", job->host, "port", job->port,
                                            "dbname", job->dbname, "user", job->user, NULL);
      password = stored;
      job->used_keyring = stored != NULL;
    }
  conninfo = password != NULL ? ms_pg_conninfo_with_password (job->conninfo, password, &error)
                              : g_strdup (job->conninfo);
  if (conninfo != NULL)
    job->store = ms_store_open_uri (conninfo, FALSE, &error);
  if (job->store == NULL && conninfo != NULL && g_error_matches (error, MS_STORE_ERROR, MS_STORE_ERROR_OPEN))
    job->needs_password = ms_pg_conninfo_needs_password (conninfo);
  wipe_free (conninfo);
  if (stored != NULL)
    secret_password_free (stored);
  if (job->store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->remember && job->password != NULL)
    {
      g_autofree char *where = ms_pg_conninfo_describe (job->conninfo);
      /* Translators: the keyring's name for a saved password; %s is "login@host:port/database" */
      g_autofree char *label = g_strdup_printf (_("Masatir catalog %s"), where);
      g_autoptr(GError) keyring_error = NULL;

      if (!secret_password_store_sync (server_schema (), SECRET_COLLECTION_DEFAULT, label, job->password,
                                       cancellable, &keyring_error,
                                       "host", job->host, "port", job->port,
                                       "dbname", job->dbname, "user", job->user, NULL))
        job->keyring_problem = g_strdup (keyring_error->message);
    }
  g_task_return_boolean (task, TRUE);
}

/* The dialog {{{1 */

/* The parts of a row GTK 4.8 leaves unnamed, named as the row is: the
 * combo row's list of modes in its popover, the password row's text. */
static void
name_parts (GtkWidget  *widget,
            GType       type,
            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_parts (child, type, name);
}

static void
show_message (MsConnectDialog *self,
              const char      *message)
{
  g_autofree char *shown = message != NULL ? ms_text_escape_controls (message) : NULL;

  gtk_label_set_text (self->message_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_actions (MsConnectDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", !self->running);
  gtk_spinner_set_spinning (self->spinner, self->running);
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MsConnectDialog *self = MS_CONNECT_DIALOG (source);
  ConnectJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  /* Closed meanwhile: whatever connection was made goes with the job. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  update_actions (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Asked for, or the one kept refused: a password to type. */
      if (job->needs_password || job->used_keyring)
        {
          gtk_widget_set_visible (self->password_group, TRUE);
          /* The group says the server asks; a password refused says why. */
          show_message (self, job->password != NULL || job->used_keyring ? error->message : NULL);
          gtk_widget_grab_focus (self->password_row);
        }
      else
        show_message (self, error->message);
      return;
    }
  if (job->keyring_problem != NULL)
    g_message ("The password could not be kept in the keyring: %s", job->keyring_problem);
  /* Typed once: not kept in the field. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_message (self, NULL);
  g_signal_emit (self, signals[CONNECTED], 0, job->store);
}

static char *
field (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MsConnectDialog *self = MS_CONNECT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ConnectJob *job;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  guint mode = adw_combo_row_get_selected (self->tls_row);

  g_return_if_fail (!self->running);

  job = g_new0 (ConnectJob, 1);
  job->host = field (self->host_entry);
  job->port = field (self->port_entry);
  job->dbname = field (self->dbname_entry);
  job->user = field (self->user_entry);
  job->conninfo = ms_pg_conninfo_build (job->host, job->port, job->dbname, job->user,
                                        tls_modes[mode < G_N_ELEMENTS (tls_modes) ? mode : 0]);
  if (gtk_widget_get_visible (self->password_group) && *typed != '\0')
    job->password = g_strdup (typed);
  job->remember = gtk_switch_get_active (self->remember_switch);

  self->running = TRUE;
  update_actions (self);
  show_message (self, NULL);
  task = g_task_new (self, self->cancellable, connect_done_cb, NULL);
  g_task_set_source_tag (task, connect_action);
  g_task_set_task_data (task, job, (GDestroyNotify) connect_job_free);
  g_task_run_in_thread (task, connect_thread);
}

/* GObject {{{1 */

static void
ms_connect_dialog_dispose (GObject *object)
{
  MsConnectDialog *self = MS_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_CONNECT_DIALOG);
  G_OBJECT_CLASS (ms_connect_dialog_parent_class)->dispose (object);
}

static void
ms_connect_dialog_finalize (GObject *object)
{
  MsConnectDialog *self = MS_CONNECT_DIALOG (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (ms_connect_dialog_parent_class)->finalize (object);
}

static void
ms_connect_dialog_class_init (MsConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_connect_dialog_dispose;
  object_class->finalize = ms_connect_dialog_finalize;

  /**
   * MsConnectDialog::connected:
   * @store: the catalog on the server, as the login connected
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, MS_TYPE_STORE);

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, host_entry);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, port_entry);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, dbname_entry);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, tls_row);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, password_group);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, MsConnectDialog, spinner);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ms_connect_dialog_init (MsConnectDialog *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);
  g_autofree char *login = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tls_labels); i++)
    gtk_string_list_append (modes, _(tls_labels[i]));
  adw_combo_row_set_model (self->tls_row, G_LIST_MODEL (modes));
  adw_combo_row_set_selected (self->tls_row, 0);
  name_parts (GTK_WIDGET (self->tls_row), GTK_TYPE_LIST_VIEW, _("Encryption"));
  name_parts (self->password_row, GTK_TYPE_TEXT, _("Password"));
  /* The login is, most often, the person's own. */
  login = g_strdup (g_get_user_name ());
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), login);
  update_actions (self);
}

/* Public API {{{1 */

MsConnectDialog *
ms_connect_dialog_new (void)
{
  return g_object_new (MS_TYPE_CONNECT_DIALOG, NULL);
}

void
ms_connect_dialog_set_conninfo (MsConnectDialog *self,
                                const char      *conninfo)
{
  static const char * const keywords[] = { "host", "port", "dbname", "user" };
  GtkWidget *entries[] = { self->host_entry, self->port_entry, self->dbname_entry, self->user_entry };
  g_autofree char *sslmode = NULL;

  g_return_if_fail (MS_IS_CONNECT_DIALOG (self));
  g_return_if_fail (conninfo != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      g_autofree char *value = ms_pg_conninfo_get (conninfo, keywords[i]);

      gtk_editable_set_text (GTK_EDITABLE (entries[i]), value != NULL ? value : "");
    }
  sslmode = ms_pg_conninfo_get (conninfo, "sslmode");
  for (guint i = 0; sslmode != NULL && i < G_N_ELEMENTS (tls_modes); i++)
    if (strcmp (sslmode, tls_modes[i]) == 0)
      adw_combo_row_set_selected (self->tls_row, i);
}
