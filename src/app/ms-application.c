/* ms-application.c — the Masatir application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-about.h"
#include "ms-application.h"
#include "ms-catalog.h"
#include "ms-new-catalog-dialog.h"
#include "ms-sqlite-store.h"
#include "ms-widgets.h"
#include "ms-window.h"

struct _MsApplication
{
  AdwApplication  parent_instance;

  /* Owned References */
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (MsApplication, ms_application, ADW_TYPE_APPLICATION)

/*
 * Auxiliary methods
 */

static MsWindow *
get_or_create_window (MsApplication *self)
{
  GtkWindow *window;

  g_assert (MS_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (MS_IS_WINDOW (window))
    return MS_WINDOW (window);

  return ms_window_new (GTK_APPLICATION (self));
}

static void
report_problems (MsWindow  *window,
                 GPtrArray *problems)
{
  g_autofree char *text = NULL;

  g_assert (MS_IS_WINDOW (window));

  if (problems == NULL || problems->len == 0)
    return;

  for (guint i = 0; i < problems->len; i++)
    g_message ("%s", (const char *) g_ptr_array_index (problems, i));

  text = g_strdup_printf (ngettext ("%u file could not be loaded",
                                    "%u files could not be loaded",
                                    problems->len),
                          problems->len);
  ms_window_add_toast (window, adw_toast_new (text));
}

/* The path to open when none is given: the catalog opened last, else
 * $MASATIR_DB, else the default database, when they exist; NULL for the
 * welcome page. */
static char *
startup_path (MsApplication *self)
{
  g_autofree char *last = NULL;
  g_autofree char *database = NULL;
  const char *env;

  g_assert (MS_IS_APPLICATION (self));

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-database");
  if (last != NULL && last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&last);

  /* Named on purpose: opened even when missing, so that a typo is reported. */
  env = g_getenv ("MASATIR_DB");
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  database = ms_sqlite_store_default_path ();
  if (g_file_test (database, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&database);

  return NULL;
}

static gboolean
open_folder (MsApplication  *self,
             MsWindow       *window,
             const char     *path,
             GError        **error)
{
  g_autoptr(MsCatalog) catalog = ms_catalog_new ();
  g_autoptr(GPtrArray) problems = NULL;

  g_assert (MS_IS_APPLICATION (self));

  if (!ms_catalog_load_directory (catalog, path, &problems, error))
    return FALSE;

  ms_window_set_catalog (window, catalog);
  report_problems (window, problems);
  return TRUE;
}

static gboolean
open_database (MsApplication  *self,
               MsWindow       *window,
               const char     *path,
               GError        **error)
{
  g_autoptr(MsSqliteStore) store = NULL;

  g_assert (MS_IS_APPLICATION (self));

  store = ms_sqlite_store_open (path, MS_SQLITE_STORE_OPEN_EXISTING, error);
  return store != NULL && ms_window_open_store (window, MS_STORE (store), error);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  MsApplication *self = user_data;

  g_assert (MS_IS_APPLICATION (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ms_application_open_catalog (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_application_release (G_APPLICATION (self));
}

static void
show_chooser (MsApplication        *self,
              GtkFileChooserNative *chooser)
{
  g_assert (MS_IS_APPLICATION (self));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* The chooser is not a window: hold the application until it answers. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/*
 * Actions
 */

static void
open_catalog_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MsApplication *self = user_data;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  g_assert (MS_IS_APPLICATION (self));

  chooser = gtk_file_chooser_native_new (_("Open Catalog"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (databases, _("Catalog databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  show_chooser (self, chooser);
}

static void
catalog_created_cb (MsNewCatalogDialog *dialog,
                    MsStore            *store,
                    MsApplication      *self)
{
  g_autoptr(GError) error = NULL;
  MsWindow *window = get_or_create_window (self);

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (!ms_window_open_store (window, store, &error))
    {
      ms_window_show_error (window, _("Could Not Open the Catalog"), error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-database",
                           ms_sqlite_store_get_path (MS_SQLITE_STORE (store)));
}

static void
new_catalog_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MsApplication *self = user_data;
  MsNewCatalogDialog *dialog = ms_new_catalog_dialog_new ();

  g_assert (MS_IS_APPLICATION (self));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), gtk_application_get_active_window (GTK_APPLICATION (self)));
  g_signal_connect_object (dialog, "created", G_CALLBACK (catalog_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_folder_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MsApplication *self = user_data;

  g_assert (MS_IS_APPLICATION (self));

  show_chooser (self, gtk_file_chooser_native_new (_("Open a Folder of Sheets"),
                                                   gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                   _("_Open"),
                                                   _("_Cancel")));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MsApplication *self = user_data;
  GtkWidget *about;

  g_assert (MS_IS_APPLICATION (self));

  about = ms_about_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MsApplication *self = user_data;
  GList *windows;

  g_assert (MS_IS_APPLICATION (self));

  /* Each window is asked to close, so that what is typed in it is saved
   * (or the person says to drop it); the application ends with the last. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "open-catalog", open_catalog_action },
  { "new-catalog", new_catalog_action },
  { "open-folder", open_folder_action },
  { "about", about_action },
  { "quit", quit_action },
};

/*
 * GApplication overrides
 */

static void
toplevel_map_cb (GtkWidget *window)
{
  ms_widgets_name_parts (window);
}

/* Every window and dialog, once shown, has its drop-downs named (GTK 4.8
 * leaves their inner buttons without a name). */
static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (window), "ms-names-drop-downs") != NULL)
        continue;
      g_object_set_data (G_OBJECT (window), "ms-names-drop-downs", GINT_TO_POINTER (TRUE));
      g_signal_connect (window, "map", G_CALLBACK (toplevel_map_cb), NULL);
    }
}

static void
ms_application_startup (GApplication *app)
{
  MsApplication *self = MS_APPLICATION (app);
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (ms_application_parent_class)->startup (app);

  self->settings = ms_application_new_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-catalog", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, 0);
}

static void
ms_application_activate (GApplication *app)
{
  MsApplication *self = MS_APPLICATION (app);
  MsWindow *window;

  window = get_or_create_window (self);

  if (ms_window_get_list (window) == NULL)
    {
      g_autofree char *path = startup_path (self);

      if (path != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          ms_application_open_catalog (self, file);
        }
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
ms_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  MsApplication *self = MS_APPLICATION (app);
  MsWindow *window;

  g_assert (n_files > 0);

  window = get_or_create_window (self);

  if (n_files > 1)
    g_message ("Only the first catalog is opened; %d more were ignored", n_files - 1);

  ms_application_open_catalog (self, files[0]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
ms_application_dispose (GObject *object)
{
  MsApplication *self = MS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ms_application_parent_class)->dispose (object);
}

static void
ms_application_class_init (MsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ms_application_dispose;

  app_class->startup = ms_application_startup;
  app_class->activate = ms_application_activate;
  app_class->open = ms_application_open;
}

static void
ms_application_init (MsApplication *self)
{
}

/*
 * Public API
 */

MsApplication *
ms_application_new (void)
{
  return g_object_new (MS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", MS_RESOURCE_PATH,
                       NULL);
}

/**
 * ms_application_open_catalog:
 * @self: the application
 * @file: a catalog database, or a folder of sheets (one *.json file each)
 *
 * Shows @file in the active window: a database with its workflow, a folder
 * read-only. Sheets of a folder that do not load are skipped, logged and
 * counted in a toast. A catalog that cannot be opened (locked, damaged,
 * written by a newer version…) is reported in a dialog and changes nothing.
 *
 * Returns: whether @file was opened
 */
gboolean
ms_application_open_catalog (MsApplication *self,
                             GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  MsWindow *window;
  gboolean opened;

  g_return_val_if_fail (MS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  window = get_or_create_window (self);
  path = g_file_get_path (file);
  name = g_file_get_parse_name (file);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist"), name);

  if (error != NULL)
    opened = FALSE;
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    opened = open_folder (self, window, path, &error);
  else
    opened = open_database (self, window, path, &error);

  if (!opened)
    {
      g_message ("Cannot open catalog %s: %s", name, error->message);
      ms_window_show_error (window, _("Could Not Open the Catalog"), error->message);
      return FALSE;
    }

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-database", path);
  return TRUE;
}

GSettings *
ms_application_new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("Settings schema %s is not installed; settings will not be saved", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
