/* ui-util.h — helpers shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-application.h"

/* Lets the widget draw and the main loop settle. */
static inline void
flush_widget (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Every descendant of @widget (itself included) of @type, in tree order. */
static inline void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* The first descendant of @widget of @type, or NULL. */
static inline GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (widget, type, found);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* GTK and libadwaita set up, and a registered application: it loads
 * style.css and the shortcuts window from the resources; non-unique so
 * that test runs do not meet. */
static inline MsApplication *
test_ui_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  MsApplication *app;

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = ms_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}
