/* ms-window-private.h — MsWindow internals shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-sheet-view.h"
#include "ms-validator.h"
#include "ms-window.h"

G_BEGIN_DECLS

struct _MsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  GtkWidget            *content_box;
  GtkWidget            *back_button;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  MsSheetView          *sheet_view;

  /* Owned References */
  GSettings            *settings;
  MsCatalog            *catalog;
  GtkFilterListModel   *filter_model;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  char                 *search_key;    /* ms_text_normalize()d, NULL when empty */
  GHashTable           *issues;        /* sheet id → GPtrArray of MsIssue, on demand */
  GHashTable           *search_texts;  /* sheet id → normalised code and titles, on demand */

  /* Borrowed from core, which keeps it for the whole run; NULL when the
   * rules did not load, and then validator_error says why. */
  MsValidator          *validator;
  GError               *validator_error;
};

void       _ms_window_class_actions_init (MsWindowClass *klass);
void       _ms_window_actions_update     (MsWindow      *self);
void       _ms_window_select_sheet       (MsWindow      *self,
                                          const char    *id);
void       _ms_window_show_content       (MsWindow      *self);
GPtrArray *_ms_window_get_issues         (MsWindow      *self,
                                          MsProcedure   *procedure);

G_END_DECLS
