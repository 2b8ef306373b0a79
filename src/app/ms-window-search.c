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
 * and with snippets; for a folder of sheets, which has no store, core's
 * analysis on the sheets held (ms_search_terms_match), in list order. The
 * entry's "search-changed" comes a moment after the last key, and a search
 * stays well under 50 ms on 100,000 sheets (README), so it runs as typed. */

/* At most this many results from the store: a word found everywhere lists
 * the best ones (bench-store times searches of this size). */
#define WINDOW_SEARCH_LIMIT 200

typedef struct {
  guint  rank;
  char  *snippet;   /* MS_SNIPPET_START/END marks */
} SearchHit;

static void
search_hit_free (gpointer data)
{
  SearchHit *hit = data;

  g_free (hit->snippet);
  g_free (hit);
}

/* A folder sheet's searchable text (lines) and its terms, kept until it
 * changes: typing matches every sheet at each key. */
typedef struct {
  char  *text;
  GStrv  terms;
} SearchText;

static void
search_text_free (gpointer data)
{
  SearchText *t = data;

  g_free (t->text);
  g_strfreev (t->terms);
  g_free (t);
}

static SearchText *
get_search_text (MsWindow    *self,
                 MsProcedure *procedure)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  SearchText *found;

  g_assert (MS_IS_WINDOW (self));
  g_assert (procedure->id != NULL);

  if ((found = g_hash_table_lookup (self->search_texts, procedure->id)) != NULL)
    return found;

  ms_analyzer_sheet_text (procedure, title, code, body);
  found = g_new0 (SearchText, 1);
  found->text = g_strjoin ("\n", title->str, code->str, body->str, NULL);
  found->terms = ms_analyzer_term_set (found->text);
  g_hash_table_insert (self->search_texts, g_strdup (procedure->id), found);
  return found;
}

gboolean
_ms_window_search_matches (MsWindow    *self,
                MsProcedure *procedure)
{
  if (self->store != NULL)
    return g_hash_table_contains (self->search_hits, procedure->id);
  return ms_search_terms_match_set (self->search_terms,
                                    (const char * const *) get_search_text (self, procedure)->terms);
}

/* The snippet of @procedure for the current search, or NULL. */
static char *
search_snippet (MsWindow    *self,
                MsProcedure *procedure)
{
  SearchHit *hit;
  const char *text;

  if (self->search_key == NULL)
    return NULL;
  if (self->store != NULL)
    return (hit = g_hash_table_lookup (self->search_hits, procedure->id)) != NULL
           ? g_strdup (hit->snippet) : NULL;
  text = get_search_text (self, procedure)->text;
  return ms_search_terms_snippet (self->search_terms, &text, 1, 14);
}

/* Asks the store again (the search changed, or the catalog). */
void
_ms_window_search_run (MsWindow *self)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->search_hits);
  if (self->store == NULL || self->search_key == NULL)
    return;
  infos = ms_store_search (self->store, self->search_key, NULL, WINDOW_SEARCH_LIMIT, &error);
  if (infos == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not search the catalog: %s"), error->message);

      g_message ("Search failed: %s", error->message);
      ms_window_add_toast (self, adw_toast_new (text));
      return;
    }
  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);
      SearchHit *hit = g_new0 (SearchHit, 1);

      hit->rank = i;
      hit->snippet = g_steal_pointer (&info->snippet);
      g_hash_table_insert (self->search_hits, g_strdup (info->id), hit);
    }
}

/* Best match first while searching; the catalog's order otherwise (the
 * sort is stable). */
static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  MsWindow *self = user_data;
  SearchHit *x, *y;

  if (self->search_key == NULL || self->store == NULL)
    return GTK_ORDERING_EQUAL;
  x = g_hash_table_lookup (self->search_hits, ms_catalog_entry_get_procedure ((gpointer) a)->id);
  y = g_hash_table_lookup (self->search_hits, ms_catalog_entry_get_procedure ((gpointer) b)->id);
  if (x == NULL || y == NULL)
    return x != NULL ? GTK_ORDERING_SMALLER : y != NULL ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
  return x->rank < y->rank ? GTK_ORDERING_SMALLER : x->rank > y->rank ? GTK_ORDERING_LARGER
                                                                      : GTK_ORDERING_EQUAL;
}

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
  MsCatalogEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (title);
  g_autofree char *title_text = g_strdup (gtk_label_get_text (GTK_LABEL (title)));
  g_autofree char *snippet = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;

  if (entry != NULL)
    snippet = search_snippet (self, ms_catalog_entry_get_procedure (entry));
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

/* The window's search state: the store's hits, the folder's texts, the
 * rows shown and the ranking sorter (self->sorter). */
void
_ms_window_search_init (MsWindow *self)
{
  self->search_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, search_text_free);
  self->search_hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, search_hit_free);
  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
}

void
_ms_window_search_finalize (MsWindow *self)
{
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->search_terms, ms_search_terms_free);
  g_clear_pointer (&self->search_texts, g_hash_table_unref);
  g_clear_pointer (&self->search_hits, g_hash_table_unref);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
}
