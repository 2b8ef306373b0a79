/* ms-window-actions.c — the window's actions and their shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-window-private.h"

static void
ms_window_actions_select_sheet (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));
  g_assert (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING));

  _ms_window_select_sheet (self, g_variant_get_string (param, NULL));
}

static void
ms_window_actions_search (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
ms_window_actions_back (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MsWindow *self = (MsWindow *) widget;

  g_assert (MS_IS_WINDOW (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
_ms_window_class_actions_init (MsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.select-sheet", "s",
                                   ms_window_actions_select_sheet);
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   ms_window_actions_search);
  gtk_widget_class_install_action (widget_class, "win.back", NULL,
                                   ms_window_actions_back);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
}

/* The one place that decides which window actions can run. */
void
_ms_window_actions_update (MsWindow *self)
{
  gboolean has_catalog;
  gboolean can_go_back;

  g_assert (MS_IS_WINDOW (self));

  has_catalog = self->catalog != NULL;
  can_go_back = has_catalog
                && adw_leaflet_get_folded (self->leaflet)
                && adw_leaflet_get_visible_child (self->leaflet) == self->content_box;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-sheet", has_catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", can_go_back);
}
