/* ms-about.c — the About window, in Masatir's languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-about"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-about.h"

/* Every string of libadwaita 1.2's About window (adw-about-window.ui and
 * the credits' headings of adw-about-window.c), in Masatir's catalogue
 * under the context "libadwaita". */
static const char * const adw_strings[] = {
  NC_("libadwaita", "About"),
  NC_("libadwaita", "_What’s New"),
  NC_("libadwaita", "_Details"),
  NC_("libadwaita", "_Website"),
  NC_("libadwaita", "_Support Questions"),
  NC_("libadwaita", "_Report an Issue"),
  NC_("libadwaita", "_Troubleshooting"),
  NC_("libadwaita", "_Credits"),
  NC_("libadwaita", "_Legal"),
  NC_("libadwaita", "_Acknowledgements"),
  NC_("libadwaita", "What’s New"),
  NC_("libadwaita", "Back"),
  NC_("libadwaita", "Details"),
  NC_("libadwaita", "Troubleshooting"),
  NC_("libadwaita", "To assist in troubleshooting, you can view your debugging information. "
                    "Providing this information to the application developers can help diagnose "
                    "any problems you encounter when you report an issue."),
  NC_("libadwaita", "_Debugging Information"),
  NC_("libadwaita", "Credits"),
  NC_("libadwaita", "Legal"),
  NC_("libadwaita", "Acknowledgements"),
  NC_("libadwaita", "Debugging Information"),
  NC_("libadwaita", "_Copy Text"),
  NC_("libadwaita", "_Save as…"),
  NC_("libadwaita", "Code by"),
  NC_("libadwaita", "Design by"),
  NC_("libadwaita", "Artwork by"),
  NC_("libadwaita", "Documentation by"),
  NC_("libadwaita", "Translated by"),
};

/* Masatir's translation of @text when it is one of libadwaita's strings
 * left in English, else NULL. */
static const char *
translation_of (const char *text)
{
  if (text == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (adw_strings); i++)
    if (g_strcmp0 (text, adw_strings[i]) == 0)
      {
        const char *ours = g_dpgettext2 (GETTEXT_PACKAGE, "libadwaita", adw_strings[i]);

        return ours != adw_strings[i] && g_strcmp0 (ours, text) != 0 ? ours : NULL;
      }
  return NULL;
}

/* libadwaita 1.2's About window leaves three controls without a name: the
 * button that shows the version (named by its text) and the text views of
 * the description and of the legal notes. */
static void
name_control (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget)))
      && gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    gtk_button_get_child (GTK_BUTTON (widget)), NULL,
                                    -1);
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      /* The first page shows the description; the legal page the licence. */
      gboolean legal = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_PAGE) != NULL
                       || gtk_text_buffer_get_char_count (buffer) > 400;

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      legal ? _("Legal notes") : _("About Masatir"),
                                      -1);
    }
}

/* Masatir's words where libadwaita has none, and names for the controls
 * it leaves unnamed: one walk over the window. */
static void
prepare_tree (GtkWidget *widget)
{
  const char *ours;

  if ((ours = translation_of (gtk_widget_get_tooltip_text (widget))))
    gtk_widget_set_tooltip_text (widget, ours);

  if (GTK_IS_LABEL (widget) && (ours = translation_of (gtk_label_get_label (GTK_LABEL (widget)))))
    gtk_label_set_label (GTK_LABEL (widget), ours);
  else if (GTK_IS_BUTTON (widget) && (ours = translation_of (gtk_button_get_label (GTK_BUTTON (widget)))))
    gtk_button_set_label (GTK_BUTTON (widget), ours);
  else if (ADW_IS_PREFERENCES_ROW (widget)
           && (ours = translation_of (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)))))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), ours);
  else if (ADW_IS_PREFERENCES_GROUP (widget)
           && (ours = translation_of (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)))))
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), ours);
  else if (ADW_IS_WINDOW_TITLE (widget)
           && (ours = translation_of (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)))))
    adw_window_title_set_title (ADW_WINDOW_TITLE (widget), ours);
  else if (GTK_IS_WINDOW (widget) && (ours = translation_of (gtk_window_get_title (GTK_WINDOW (widget)))))
    gtk_window_set_title (GTK_WINDOW (widget), ours);
  name_control (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    prepare_tree (child);
}

GtkWidget *
ms_about_window_new (GtkWindow *parent)
{
  GtkWidget *about = adw_about_window_new ();
  /* The licence's sentence from Masatir's catalogue too (libadwaita's
   * GTK_LICENSE_GPL_3_0 text has no Arabic). */
  g_autofree char *license =
    g_strdup_printf (_("This application comes with absolutely no warranty. See the "
                       "<a href=\"%s\">GNU General Public License, version 3 or later</a> "
                       "for details."),
                     "https://www.gnu.org/licenses/gpl-3.0.html");

  g_object_set (about,
                "application-name", _("Masatir"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("Masatir developers"),
                "license-type", GTK_LICENSE_CUSTOM,
                "license", license,
                "website", "https://masatir.idarati.ma",
                "comments", _("Write, check, approve and publish the procedure sheets "
                              "of Moroccan administrations under law 55-19, for the "
                              "national portal idarati.ma."),
                /* Translators: replace with your names, one per line. */
                "translator-credits", _("translator-credits"),
                NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);

  prepare_tree (about);
  return about;
}
