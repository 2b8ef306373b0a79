/* ms-window-search.c — the main window's search: the store's ranked
 * results with their snippets, or core's analysis on a folder of sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-window-private.h"

/* Search: the store's (ms_store_search), the call masatir-cli makes, ranked
 * and with snippets, for a folder of sheets too (held in a catalog in
 * memory). The entry's "search-changed" comes a moment after the last key,
 * and a search stays well under 50 ms on 100,000 sheets (README), so it
 * runs as typed; the list (MsSheetList) holds its results. */

/* A snippet as Pango markup: the text escaped, the matches in bold. */
static char *
snippet_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);
  const char *p = snippet;

  while (*p != '\0')
    {
      gsize n = strcspn (p, MS_SNIPPET_START MS_SNIPPET_END);
      g_autofree char *escaped = g_markup_escape_text (p, (gssize) n);

      g_string_append (markup, escaped);
      p += n;
      if (*p == MS_SNIPPET_START[0])
        g_string_append (markup, "<b>");
      else if (*p == MS_SNIPPET_END[0])
        g_string_append (markup, "</b>");
      if (*p != '\0')
        p++;
    }
  return g_string_free (markup, FALSE);
}

/* Why the sheet matches the search, when searching: the words found in
 * bold in the row's title when that is where they are, else on a second
 * line under it. */
void
_ms_window_search_update_row (MsWindow    *self,
                              GtkListItem *list_item)
{
  MsSheetRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (title);
  g_autofree char *title_text = g_strdup (gtk_label_get_text (GTK_LABEL (title)));
  g_autofree char *snippet = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;

  if (row != NULL && self->search_key != NULL)
    snippet = g_strdup (ms_sheet_row_get_info (row)->snippet);
  /* Plain text again, whatever the last search made of it. */
  gtk_label_set_text (GTK_LABEL (title), title_text);
  if (snippet == NULL || *snippet == '\0')
    {
      gtk_widget_set_visible (label, FALSE);
      return;
    }
  markup = snippet_markup (snippet);
  plain = ms_snippet_split (snippet, NULL);
  if (g_strcmp0 (plain, title_text) == 0)
    {
      gtk_label_set_markup (GTK_LABEL (title), markup);
      gtk_widget_set_visible (label, FALSE);
      return;
    }
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
  gtk_widget_set_visible (label, TRUE);
}

void
_ms_window_search_update_rows (MsWindow *self)
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    _ms_window_search_update_row (self, list_item);
}

/* The window's search state: the rows shown. */
void
_ms_window_search_init (MsWindow *self)
{
  self->bound_rows = g_hash_table_new (NULL, NULL);
}

void
_ms_window_search_finalize (MsWindow *self)
{
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
}
