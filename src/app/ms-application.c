/* ms-application.c — the Masatir application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-application.h"
#include "ms-catalog.h"
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

static void
open_catalog_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  MsApplication *self = user_data;

  g_assert (MS_IS_APPLICATION (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (folder != NULL)
        ms_application_open_catalog (self, folder);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_application_release (G_APPLICATION (self));
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
  GtkFileChooserNative *chooser;
  GtkWindow *parent;

  g_assert (MS_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  chooser = gtk_file_chooser_native_new (_("Open Catalog Folder"),
                                         parent,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* The chooser is not a window: hold the application until it answers. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (chooser, "response", G_CALLBACK (open_catalog_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MsApplication *self = user_data;

  g_assert (MS_IS_APPLICATION (self));

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Masatir"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Masatir developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://masatir.idarati.ma",
                         "comments", _("Write, check, approve and publish the procedure sheets "
                                       "of Moroccan administrations under law 55-19, for the "
                                       "national portal idarati.ma."),
                         /* Translators: replace with your names, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MsApplication *self = user_data;
  GList *windows;

  g_assert (MS_IS_APPLICATION (self));

  /* Destroy the windows first so their size reaches GSettings. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "open-catalog", open_catalog_action },
  { "about", about_action },
  { "quit", quit_action },
};

/*
 * GApplication overrides
 */

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
}

static void
ms_application_activate (GApplication *app)
{
  MsApplication *self = MS_APPLICATION (app);
  MsWindow *window;

  window = get_or_create_window (self);

  if (ms_window_get_catalog (window) == NULL && self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-database");

      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) folder = g_file_new_for_path (last);

          ms_application_open_catalog (self, folder);
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
    g_message ("Only the first folder is opened; %d more were ignored", n_files - 1);

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
 * @folder: a folder of sheets, one *.json file each
 *
 * Loads @folder into a new catalog and shows it in the active window. Files
 * that do not load are skipped, logged and counted in a toast; a folder that
 * cannot be read leaves the current catalog in place.
 */
void
ms_application_open_catalog (MsApplication *self,
                             GFile         *folder)
{
  g_autoptr(MsCatalog) catalog = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  MsWindow *window;

  g_return_if_fail (MS_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (folder));

  window = get_or_create_window (self);
  path = g_file_get_path (folder);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_autofree char *text = g_strdup_printf (_("“%s” is not a folder"), name);

      g_message ("Cannot open catalog %s: not a folder", name);
      ms_window_add_toast (window, adw_toast_new (text));
      return;
    }

  catalog = ms_catalog_new ();
  if (!ms_catalog_load_directory (catalog, path, &problems, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the catalog: %s"),
                                               error->message);

      g_message ("Cannot open catalog %s: %s", path, error->message);
      ms_window_add_toast (window, adw_toast_new (text));
      return;
    }

  ms_window_set_catalog (window, catalog);
  report_problems (window, problems);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-database", path);
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
