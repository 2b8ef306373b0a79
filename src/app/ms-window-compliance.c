/* ms-window-compliance.c — the Compliance window (win.show-compliance) and
 * the subset of sheets one of its bars lets the list show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-compliance-window.h"
#include "ms-window-private.h"

void
_ms_window_set_subset (MsWindow           *self,
                       const char         *label,
                       const char * const *ids)
{
  g_assert (MS_IS_WINDOW (self));

  g_clear_pointer (&self->subset, g_strfreev);
  if (ids != NULL)
    {
      g_autofree char *text = NULL;
      guint n = g_strv_length ((GStrv) ids);

      /* The store lets them through (MsStoreFilter's ids). */
      self->subset = g_strdupv ((GStrv) ids);
      /* Translators: the list shows only the sheets behind a bar of the
       * compliance report: "Sheets with errors: 10 sheets" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u sheet", "%s: %u sheets", n), label, n);
      gtk_label_set_text (self->subset_label, text);
    }
  gtk_revealer_set_reveal_child (self->subset_revealer, self->subset != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-all-sheets", self->subset != NULL);
  _ms_window_refilter (self);
}

static void
show_sheets_cb (MsComplianceWindow *compliance,
                const char         *label,
                GStrv               ids,
                MsWindow           *self)
{
  _ms_window_set_subset (self, label, (const char * const *) ids);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
show_compliance_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MsWindow *self = MS_WINDOW (widget);
  MsComplianceWindow *compliance;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->list_store != NULL);

  /* The report checks every sheet: read them all, once, and keep them up
   * to date (ms-window-live.c) while a Compliance window may show them. */
  if (self->compliance_catalog == NULL)
    {
      g_autoptr(MsCatalog) catalog = ms_catalog_new ();

      if (!ms_store_fill_catalog (self->list_store, catalog, &error))
        {
          ms_window_show_error (self, _("Could Not Check the Catalog"), error->message);
          return;
        }
      self->compliance_catalog = g_steal_pointer (&catalog);
    }
  compliance = ms_compliance_window_new (G_LIST_MODEL (self->compliance_catalog));
  g_signal_connect_object (compliance, "show-sheets", G_CALLBACK (show_sheets_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (compliance), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (compliance));
}

static void
show_all_sheets_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _ms_window_set_subset (MS_WINDOW (widget), NULL, NULL);
}

void
_ms_window_class_compliance_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, MsWindow, subset_revealer);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, subset_label);
  gtk_widget_class_install_action (widget_class, "win.show-compliance", NULL, show_compliance_action);
  gtk_widget_class_install_action (widget_class, "win.show-all-sheets", NULL, show_all_sheets_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.show-compliance", NULL);
}

void
_ms_window_compliance_update_actions (MsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-compliance", self->list != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-all-sheets", self->subset != NULL);
}
