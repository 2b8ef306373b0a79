/* ms-sheet-view.c — a read-only view of one procedure sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-sheet-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-bidi.h"
#include "ms-format.h"
#include "ms-i18n.h"
#include "ms-path-label.h"
#include "ms-sheet-view.h"
#include "ms-validator.h"
#include "ms-vocabulary.h"
#include "ms-widgets.h"

/* The sheet is shown in the order of law 55-19 article 6. Every field gets a
 * row even when the sheet does not state it: a missing field is what the law
 * cares about, so it reads "Not stated" instead of disappearing. Each row is
 * registered under the JSON path of its field ("documents[2]") so that the
 * validator can point at it, and so that editing can later replace a row in
 * place. Above the sections, the law 55-19 check lists the validator's
 * issues; activating one scrolls to the row of its path and highlights it. */

/* How long a row stays highlighted after its issue is activated. */
#define HIGHLIGHT_MS 2000
/* Room left above a row scrolled to, so that it does not touch the edge. */
#define SCROLL_MARGIN 24.0

struct _MsSheetView
{
  AdwBin               parent_instance;

  /* Template Widgets; the scrolled window, AdwBin's child, is not bound:
   * gtk_widget_dispose_template() would unparent it behind AdwBin's back. */
  AdwPreferencesGroup *issues_group;
  AdwPreferencesGroup *act_group;
  AdwPreferencesGroup *legal_group;
  AdwPreferencesGroup *admin_group;
  AdwPreferencesGroup *user_docs_group;
  AdwPreferencesGroup *admin_docs_group;
  AdwPreferencesGroup *channels_group;
  AdwPreferencesGroup *forms_group;
  AdwPreferencesGroup *steps_group;
  AdwPreferencesGroup *fees_group;
  AdwPreferencesGroup *deadline_group;
  AdwPreferencesGroup *silence_group;
  AdwPreferencesGroup *extension_group;
  AdwPreferencesGroup *output_group;
  AdwPreferencesGroup *approval_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *dates_group;

  /* Owned References */
  MsProcedure         *procedure;
  GHashTable          *rows_by_path;  /* char* path → borrowed GtkWidget* */
  GPtrArray           *rows;          /* borrowed rows, owned by their group */
  GPtrArray           *issue_rows;    /* borrowed, owned by issues_group */
  GtkWidget           *highlighted;   /* the row or group marked ms-highlight */
  guint                highlight_id;  /* timeout that removes the mark */
  GStrv                changed_paths; /* marked ms-changed at each rebuild */
  GPtrArray           *changed_rows;  /* borrowed rows marked ms-changed */
};

enum {
  PROP_0,
  PROP_PROCEDURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MsSheetView, ms_sheet_view, ADW_TYPE_BIN)

/* Builds the row of one item of a list field; @index is its position in the
 * sheet's list, @title the name of the field. */
typedef GtkWidget *(*ItemRowFunc) (MsSheetView *self,
                                   const char  *title,
                                   guint        index,
                                   gpointer     item);
typedef gboolean   (*ItemFilter)  (gpointer     item);

/* The languages in the order they are shown, with the tag in front of each
 * text. Arabic and French are always shown (both are required); Amazigh and
 * English only when the sheet has them. */
static const struct {
  MsLang      lang;
  const char *tag;
  gboolean    required;
} languages[] = {
  { MS_LANG_AR,  NC_("language tag", "AR"), TRUE },
  { MS_LANG_FR,  NC_("language tag", "FR"), TRUE },
  { MS_LANG_ZGH, NC_("language tag", "ⵣ"),  FALSE },
  { MS_LANG_EN,  NC_("language tag", "EN"), FALSE },
};

/*
 * Formatting
 */

/* Joins the non-empty strings of @parts with " · "; NULL when all are empty. */
static char *
join_parts_v (const char * const *parts,
              gsize               n_parts)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n_parts; i++)
    {
      if (parts[i] == NULL || parts[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, parts[i]);
    }

  return g_string_free (out, out->len == 0);
}

#define join_parts(...) \
  join_parts_v ((const char * const[]) { __VA_ARGS__ }, \
                G_N_ELEMENTS (((const char * const[]) { __VA_ARGS__ })))

static char *
join_labels (GPtrArray *labels)
{
  g_ptr_array_add (labels, NULL);

  return g_strjoinv (_(", "), (char **) labels->pdata);
}

static char *
format_audiences (GArray *audiences)
{
  g_autoptr(GPtrArray) labels = NULL;

  if (audiences == NULL)
    return NULL;

  labels = g_ptr_array_new ();
  for (guint i = 0; i < audiences->len; i++)
    {
      const char *label = ms_format_enum (MS_ENUM_AUDIENCE, g_array_index (audiences, int, i));

      if (label != NULL)
        g_ptr_array_add (labels, (gpointer) label);
    }

  return join_labels (labels);
}

static char *
format_codes (GPtrArray *codes,
              MsVocab    vocab)
{
  MsVocabulary *vocabulary = ms_vocabulary_get_default ();
  g_autoptr(GPtrArray) labels = NULL;

  if (codes == NULL)
    return NULL;

  labels = g_ptr_array_new ();
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (labels, (gpointer) ms_vocabulary_label (vocabulary, vocab,
                                                             g_ptr_array_index (codes, i),
                                                             ms_ui_lang ()));

  return join_labels (labels);
}

static MsLegalRef *
find_legal_ref (MsSheetView *self,
                const char  *id)
{
  GPtrArray *refs = self->procedure->legal_basis;

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      MsLegalRef *ref = g_ptr_array_index (refs, i);

      if (g_strcmp0 (ref->id, id) == 0)
        return ref;
    }

  return NULL;
}

/* "Decree 2-58-1151": the kind of text and its number (its id without one). */
static char *
format_legal_ref_name (MsLegalRef *ref)
{
  const char *kind = ms_format_enum (MS_ENUM_LEGAL_KIND, ref->kind);
  const char *number = ref->number != NULL ? ref->number : ref->id;

  if (kind == NULL && number == NULL)
    return g_strdup (_("Unnamed legal text"));
  if (kind == NULL)
    return g_strdup (number);
  if (number == NULL)
    return g_strdup (kind);

  return g_strconcat (kind, " ", number, NULL);
}

/* "Decree 2-58-1151 · Law 55-19" for a list of legal_basis ids. */
static char *
format_legal_ids (MsSheetView *self,
                  GPtrArray   *ids)
{
  g_autoptr(GPtrArray) labels = NULL;

  if (ids == NULL || ids->len == 0)
    return NULL;

  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      MsLegalRef *ref = find_legal_ref (self, id);

      if (ref == NULL)
        {
          /* Translators: a reference to a legal text the sheet does not list. */
          g_ptr_array_add (labels, g_strdup_printf (_("unknown reference “%s”"), id));
        }
      else
        {
          g_ptr_array_add (labels, format_legal_ref_name (ref));
        }
    }

  g_ptr_array_add (labels, NULL);
  return g_strjoinv (" · ", (char **) labels->pdata);
}

/*
 * Widgets
 */

static GtkWidget *
text_label_new (const char       *text,
                GtkTextDirection  direction)
{
  GtkWidget *label = gtk_label_new (NULL);

  ms_label_set_display_text (GTK_LABEL (label), text);
  /* xalign 0 is the start edge: the right one once the direction is RTL. */
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Ask for the unwrapped width, so a short value is not broken into
   * syllables when its row has room. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  /* Selectable with the pointer, to copy a value; but only controls take
   * the keyboard focus, or one sheet would need dozens of Tab presses. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  if (direction != GTK_TEXT_DIR_NONE)
    gtk_widget_set_direction (label, direction);

  return label;
}

static void
mark_not_stated (GtkWidget *label)
{
  gtk_label_set_text (GTK_LABEL (label), ms_format_not_stated ());
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "ms-not-stated");
}

/* A short value: the field's name, its value at the end of the row. */
static GtkWidget *
value_row_new (const char *title,
               const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = text_label_new (value, GTK_TEXT_DIR_NONE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Read, not acted on: the row takes no focus either. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (label, FALSE);
  if (value == NULL || value[0] == '\0')
    mark_not_stated (label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/* A field with long or multilingual content: a small heading, then lines. */
static GtkWidget *
field_row_new (const char *heading)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* An AdwPreferencesRow, not a plain GtkListBoxRow: only those go into the
   * group's boxed list. */
  if (heading != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (box, "ms-field");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (heading != NULL)
    {
      GtkWidget *label = text_label_new (heading, GTK_TEXT_DIR_NONE);

      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_widget_add_css_class (label, "ms-field-heading");
      gtk_box_append (GTK_BOX (box), label);
    }

  return row;
}

static void
field_row_append (GtkWidget *row,
                  GtkWidget *child)
{
  gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), child);
}

/* One language of a text: its tag, then the text in its own direction. */
static void
field_row_add_text (GtkWidget  *row,
                    guint       lang_index,
                    const char *text)
{
  GtkTextDirection direction;
  GtkWidget *line;
  GtkWidget *tag;
  GtkWidget *value;

  g_assert (lang_index < G_N_ELEMENTS (languages));

  direction = ms_lang_is_rtl (languages[lang_index].lang) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_direction (line, direction);

  tag = gtk_label_new (g_dpgettext2 (GETTEXT_PACKAGE, "language tag", languages[lang_index].tag));
  gtk_widget_set_direction (tag, direction);
  gtk_widget_set_valign (tag, GTK_ALIGN_BASELINE);
  gtk_widget_set_tooltip_text (tag, ms_lang_to_label (languages[lang_index].lang));
  gtk_widget_add_css_class (tag, "ms-lang-tag");
  gtk_widget_add_css_class (line, ms_lang_to_code (languages[lang_index].lang));

  value = text_label_new (text, direction);
  /* A paragraph asks for a width it can wrap to, not its unwrapped width. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (value), GTK_NATURAL_WRAP_WORD);
  gtk_widget_set_valign (value, GTK_ALIGN_BASELINE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  ms_lang_to_label (languages[lang_index].lang),
                                  -1);
  if (text == NULL || text[0] == '\0')
    mark_not_stated (value);

  gtk_box_append (GTK_BOX (line), tag);
  gtk_box_append (GTK_BOX (line), value);
  field_row_append (row, line);
}

static void
field_row_add_localized (GtkWidget         *row,
                         const MsLocalized *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *value = text != NULL ? ms_localized_get (text, languages[i].lang) : NULL;

      if (languages[i].required || (value != NULL && value[0] != '\0'))
        field_row_add_text (row, i, value);
    }
}

/* A dim line under the content; nothing when @text is NULL. */
static void
field_row_add_note (GtkWidget  *row,
                    const char *text)
{
  GtkWidget *label;

  if (text == NULL || text[0] == '\0')
    return;

  label = text_label_new (text, GTK_TEXT_DIR_NONE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  field_row_append (row, label);
}

static void
field_row_add_link (GtkWidget  *row,
                    const char *url)
{
  GtkWidget *label;

  if (url == NULL || url[0] == '\0')
    return;

  label = text_label_new (NULL, GTK_TEXT_DIR_LTR);
  gtk_widget_add_css_class (label, "caption");

  /* Only web addresses become links; anything else stays plain text. */
  if (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"))
    {
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", url, url);

      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), url);

  field_row_append (row, label);
}

/*
 * Rows and their paths
 */

static void
register_path (MsSheetView *self,
               const char  *path,
               GtkWidget   *widget)
{
  if (path != NULL && !g_hash_table_contains (self->rows_by_path, path))
    g_hash_table_insert (self->rows_by_path, g_strdup (path), widget);
}

static void
add_row (MsSheetView         *self,
         AdwPreferencesGroup *group,
         const char          *path,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  register_path (self, path, row);
}

static void
add_value_row (MsSheetView         *self,
               AdwPreferencesGroup *group,
               const char          *path,
               const char          *title,
               const char          *value)
{
  add_row (self, group, path, value_row_new (title, value));
}

/* Takes @value. */
static void
add_value_row_take (MsSheetView         *self,
                    AdwPreferencesGroup *group,
                    const char          *path,
                    const char          *title,
                    char                *value)
{
  g_autofree char *owned = value;

  add_value_row (self, group, path, title, owned);
}

/* A date of the format, in the language's words. */
static void
add_date_row (MsSheetView         *self,
              AdwPreferencesGroup *group,
              const char          *path,
              const char          *title,
              const char          *iso)
{
  add_value_row_take (self, group, path, title, ms_format_date (iso));
}

static void
add_localized_row (MsSheetView         *self,
                   AdwPreferencesGroup *group,
                   const char          *path,
                   const char          *title,
                   const MsLocalized   *text)
{
  GtkWidget *row = field_row_new (title);

  field_row_add_localized (row, text);
  add_row (self, group, path, row);
}

/* One row per item that @keep accepts, registered as "path[index]"; a row
 * saying "Not stated" (list absent) or @empty_text (no item) otherwise. */
static void
add_list (MsSheetView         *self,
          AdwPreferencesGroup *group,
          const char          *path,
          const char          *title,
          const char          *empty_text,
          GPtrArray           *items,
          ItemRowFunc          item_row,
          ItemFilter           keep)
{
  guint shown = 0;

  register_path (self, path, GTK_WIDGET (group));

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      g_autofree char *item_path = NULL;

      if (keep != NULL && !keep (item))
        continue;

      item_path = g_strdup_printf ("%s[%u]", path, i);
      add_row (self, group, item_path, item_row (self, title, i, item));
      shown++;
    }

  if (shown == 0)
    add_value_row (self, group, NULL, title, items != NULL ? empty_text : NULL);
}

/*
 * The law 55-19 check
 */

/* Core messages go after a colon ("the law 55-19 rules could not be
 * loaded: …"); a description starts a sentence. */
static char *
capitalize (const char *text)
{
  char first[6];
  int length;

  if (text[0] == '\0')
    return g_strdup (text);

  length = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strdup_printf ("%.*s%s", length, first, g_utf8_next_char (text));
}

static GtkWidget *
issue_row_new (const MsIssue *issue)
{
  gboolean is_error = issue->severity == MS_SEVERITY_ERROR;
  const char *severity = is_error ? _("Error") : _("Warning");
  const char *rule_name = ms_rule_get_name (issue->rule);
  g_autofree char *reference = ms_issue_format_reference (issue);
  g_autofree char *field = issue->path != NULL ? ms_path_to_label (issue->path) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *shown_subtitle = NULL;
  g_autofree char *message = ms_bidi_isolate (issue->message);
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GtkWidget *rule;

  /* People read the field's and the rule's names; the ids, for whoever
   * reports a problem, are in the tooltip. */
  subtitle = join_parts (field, reference);
  shown_subtitle = ms_bidi_isolate (subtitle);
  tooltip = issue->path != NULL ? g_strdup_printf ("%s — %s", issue->rule, issue->path)
                                : g_strdup (issue->rule);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  if (shown_subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);

  icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic"
                                                : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, severity,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  rule = gtk_label_new (rule_name != NULL ? rule_name : issue->rule);
  gtk_label_set_wrap (GTK_LABEL (rule), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (rule), 18);
  gtk_label_set_justify (GTK_LABEL (rule), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (rule), 1.0);
  gtk_widget_set_tooltip_text (rule, tooltip);
  gtk_widget_add_css_class (rule, "caption");
  gtk_widget_add_css_class (rule, "dim-label");
  gtk_widget_add_css_class (rule, "ms-rule-id");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rule);

  /* Translators: the accessible name of an issue: its severity, its message. */
  accessible = g_strdup_printf (C_("issue row", "%s: %s"), severity, issue->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle != NULL ? subtitle : "",
                                  -1);

  if (issue->path != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", issue->path);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row),
                                  issue->path != NULL ? "sheet.show-issue" : NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), issue->path != NULL);

  return row;
}

static void
clear_issue_rows (MsSheetView *self)
{
  for (guint i = 0; i < self->issue_rows->len; i++)
    adw_preferences_group_remove (self->issues_group, g_ptr_array_index (self->issue_rows, i));

  g_ptr_array_set_size (self->issue_rows, 0);
}

static void
clear_highlight (MsSheetView *self)
{
  g_clear_handle_id (&self->highlight_id, g_source_remove);

  if (self->highlighted != NULL)
    gtk_widget_remove_css_class (self->highlighted, "ms-highlight");
  g_clear_object (&self->highlighted);
}

static GtkAdjustment *
get_vadjustment (MsSheetView *self)
{
  GtkWidget *scrolled_window = adw_bin_get_child (ADW_BIN (self));

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled_window));
}

/* GTK 4.8 has no gtk_viewport_scroll_to(): the scroll value that brings
 * @widget to the top is its position in the viewport's child, which does not
 * depend on a scroll value the viewport may not have applied yet. */
static void
scroll_to_widget (MsSheetView *self,
                  GtkWidget   *widget)
{
  GtkWidget *scrolled_window = adw_bin_get_child (ADW_BIN (self));
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled_window));
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  graphene_point_t top;

  if (!gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &top))
    return;

  gtk_adjustment_set_value (get_vadjustment (self), top.y - SCROLL_MARGIN);
}

static gboolean
highlight_timeout_cb (gpointer user_data)
{
  MsSheetView *self = user_data;

  g_assert (MS_IS_SHEET_VIEW (self));

  self->highlight_id = 0;
  clear_highlight (self);

  return G_SOURCE_REMOVE;
}

static void
show_path (MsSheetView *self,
           const char  *path)
{
  GtkWidget *widget = ms_sheet_view_get_row_for_path (self, path);

  if (widget == NULL)
    {
      g_debug ("No row shows %s", path);
      return;
    }

  clear_highlight (self);
  self->highlighted = g_object_ref (widget);
  gtk_widget_add_css_class (widget, "ms-highlight");
  /* The timeout holds no reference: dispose removes it with the mark. */
  self->highlight_id = g_timeout_add (HIGHLIGHT_MS, highlight_timeout_cb, self);

  scroll_to_widget (self, widget);
}

/*
 * Item rows
 */

static GtkWidget *
localized_item_row (MsSheetView *self,
                    const char  *title,
                    guint        index,
                    gpointer     item)
{
  GtkWidget *row = field_row_new (title);

  field_row_add_localized (row, item);

  return row;
}

static GtkWidget *
legal_ref_row (MsSheetView *self,
               const char  *title,
               guint        index,
               gpointer     item)
{
  MsLegalRef *ref = item;
  g_autofree char *name = format_legal_ref_name (ref);
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *bulletin = NULL;
  g_autofree char *articles = NULL;
  GtkWidget *row;

  date = ms_format_date (ref->date);
  heading = join_parts (name, date);
  row = field_row_new (heading != NULL ? heading : title);
  field_row_add_localized (row, ref->title);

  if (ref->bulletin != NULL)
    /* Translators: the Bulletin officiel issue where a legal text was published. */
    bulletin = g_strdup_printf (_("Official bulletin: %s"), ref->bulletin);
  if (ref->articles != NULL)
    articles = g_strdup_printf (_("Articles: %s"), ref->articles);
  field_row_add_note (row, bulletin);
  field_row_add_note (row, articles);

  return row;
}

static GtkWidget *
document_row (MsSheetView *self,
              const char  *title,
              guint        index,
              gpointer     item)
{
  MsDocument *doc = item;
  g_autofree char *copies = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *legal = NULL;
  g_autofree char *legal_note = NULL;
  g_autofree char *linked = NULL;
  const char *certified = NULL;
  const char *sworn = NULL;
  GtkWidget *row;

  row = field_row_new (doc->section != NULL ? ms_localized_best (doc->section, ms_ui_lang ())
                                            : title);
  field_row_add_localized (row, doc->name);

  if (doc->copies >= 0)
    copies = g_strdup_printf (ngettext ("%d copy", "%d copies", (gulong) doc->copies),
                              (int) doc->copies);
  else
    copies = g_strdup (_("Copies not stated"));

  if (doc->certified == MS_BOOL_TRUE)
    certified = _("Certified copy");
  else if (doc->certified == MS_BOOL_FALSE)
    certified = _("Plain copy");

  if (doc->sworn_statement_allowed == MS_BOOL_TRUE)
    sworn = _("A sworn statement may replace it");

  facts = join_parts (copies,
                      doc->issuer != MS_ISSUER_UNSET ? ms_format_enum (MS_ENUM_ISSUER, doc->issuer)
                                                     : _("Issuer not stated"),
                      doc->issuer_name != NULL ? ms_localized_best (doc->issuer_name, ms_ui_lang ())
                                               : NULL,
                      certified,
                      sworn);
  field_row_add_note (row, facts);

  if (doc->provided_by == MS_PROVIDER_UNSET)
    field_row_add_note (row, _("Who provides this document is not stated"));

  legal = format_legal_ids (self, doc->legal_basis);
  if (legal != NULL)
    legal_note = g_strdup_printf (_("Legal basis: %s"), legal);
  else
    legal_note = g_strdup (_("Legal basis: not stated"));
  field_row_add_note (row, legal_note);

  if (doc->linked_procedure != NULL)
    linked = g_strdup_printf (_("Delivered by the procedure %s"), doc->linked_procedure);
  field_row_add_note (row, linked);

  if (doc->condition != NULL)
    {
      field_row_add_note (row, _("Only when:"));
      field_row_add_localized (row, doc->condition);
    }

  return row;
}

static gboolean
document_from_user (gpointer item)
{
  return ((MsDocument *) item)->provided_by != MS_PROVIDER_ADMINISTRATION;
}

static gboolean
document_from_administration (gpointer item)
{
  return ((MsDocument *) item)->provided_by == MS_PROVIDER_ADMINISTRATION;
}

static GtkWidget *
channel_row (MsSheetView *self,
             const char  *title,
             guint        index,
             gpointer     item)
{
  MsChannel *channel = item;
  const char *kind = ms_format_enum (MS_ENUM_CHANNEL_KIND, channel->kind);
  GtkWidget *row = field_row_new (kind != NULL ? kind : title);

  if (channel->where != NULL || channel->url == NULL)
    field_row_add_localized (row, channel->where);
  field_row_add_link (row, channel->url);

  return row;
}

static GtkWidget *
form_row (MsSheetView *self,
          const char  *title,
          guint        index,
          gpointer     item)
{
  MsForm *form = item;
  GtkWidget *row = field_row_new (title);

  field_row_add_localized (row, form->title);
  field_row_add_link (row, form->url);

  return row;
}

static GtkWidget *
step_row (MsSheetView *self,
          const char  *title,
          guint        index,
          gpointer     item)
{
  MsStep *step = item;
  g_autofree char *number = g_strdup_printf (_("Step %u"), index + 1);
  g_autofree char *days = ms_format_days (step->days);
  g_autofree char *heading = NULL;

  heading = join_parts (number, ms_format_enum (MS_ENUM_ACTOR, step->actor), days);

  return localized_item_row (self, heading, index, step->title);
}

static GtkWidget *
fee_row (MsSheetView *self,
         const char  *title,
         guint        index,
         gpointer     item)
{
  MsFee *fee = item;
  g_autofree char *amount = NULL;
  g_autofree char *legal = format_legal_ids (self, fee->legal_basis);
  g_autofree char *legal_note = NULL;
  GtkWidget *row;

  if (fee->amount_centimes >= 0 && fee->per_unit != NULL)
    {
      g_autofree char *each = ms_format_amount (fee->amount_centimes);

      /* TRANSLATORS: a fee charged per unit: "5.00 MAD per page" */
      amount = g_strdup_printf (_("%s per %s"), each, ms_localized_best (fee->per_unit, ms_ui_lang ()));
    }
  else if (fee->amount_centimes >= 0)
    amount = ms_format_amount (fee->amount_centimes);
  else
    amount = g_strdup (_("Amount not stated"));

  row = field_row_new (amount);
  field_row_add_localized (row, fee->label);
  legal_note = g_strdup_printf (_("Legal basis: %s"), legal != NULL ? legal : _("not stated"));
  field_row_add_note (row, legal_note);

  return row;
}

/*
 * Sections, in the order of law 55-19 article 6
 */

static void
build_act (MsSheetView *self,
           MsProcedure *p)
{
  AdwPreferencesGroup *group = self->act_group;

  add_localized_row (self, group, "title", _("Title"), p->title);
  add_localized_row (self, group, "summary", _("Summary"), p->summary);
  add_value_row (self, group, "code", _("Reference code"), p->code);
  add_value_row (self, group, "act_kind", _("Kind of act"),
                 ms_format_enum (MS_ENUM_ACT_KIND, p->act_kind));
  add_value_row_take (self, group, "audiences", _("For"), format_audiences (p->audiences));
  add_value_row_take (self, group, "themes", _("Themes"),
                      format_codes (p->themes, MS_VOCAB_THEMES));
  add_value_row_take (self, group, "life_events", _("Life events"),
                      format_codes (p->life_events, MS_VOCAB_LIFE_EVENTS));
  add_list (self, group, "conditions", _("Condition"), _("None"),
            p->conditions, localized_item_row, NULL);

  add_list (self, self->legal_group, "legal_basis", _("Legal text"), _("None"),
            p->legal_basis, legal_ref_row, NULL);
}

static void
build_administrations (MsSheetView *self,
                       MsProcedure *p)
{
  AdwPreferencesGroup *group = self->admin_group;
  const MsLocalized *name = NULL;

  if (p->administration != NULL)
    name = ms_vocabulary_lookup (ms_vocabulary_get_default (),
                                 MS_VOCAB_ADMINISTRATIONS, p->administration);

  if (name != NULL)
    add_localized_row (self, group, "administration", _("Administration in charge"), name);
  else
    add_value_row (self, group, "administration", _("Administration in charge"),
                   p->administration);

  add_value_row (self, group, "admin_level", _("Level"),
                 ms_format_enum (MS_ENUM_ADMIN_LEVEL, p->admin_level));
  add_list (self, group, "receiving", _("Receiving service"), _("None"),
            p->receiving, localized_item_row, NULL);
  add_list (self, group, "delivering", _("Delivering service"), _("None"),
            p->delivering, localized_item_row, NULL);
}

static void
build_filing (MsSheetView *self,
              MsProcedure *p)
{
  add_list (self, self->user_docs_group, "documents", _("Document"), _("None"),
            p->documents, document_row, document_from_user);
  add_list (self, self->admin_docs_group, "documents", _("Document"), _("None"),
            p->documents, document_row, document_from_administration);
  add_list (self, self->channels_group, "channels", _("Channel"), _("None"),
            p->channels, channel_row, NULL);
  add_list (self, self->forms_group, "forms", _("Form"), _("None"),
            p->forms, form_row, NULL);
  add_list (self, self->steps_group, "steps", _("Step"), _("None"),
            p->steps, step_row, NULL);
}

static void
build_fees (MsSheetView *self,
            MsProcedure *p)
{
  add_list (self, self->fees_group, "fees", _("Fees"), _("Free"),
            p->fees, fee_row, NULL);
}

static void
build_deadline (MsSheetView *self,
                MsProcedure *p)
{
  AdwPreferencesGroup *group = self->deadline_group;

  add_value_row_take (self, group, "deadline_days", _("Answer deadline"),
                      ms_format_days (p->deadline_days));
  add_value_row (self, group, "deadline_working_days", _("Counted in working days"),
                 ms_format_bool (p->deadline_working_days));
  add_value_row (self, group, "investment_act", _("Act needed by an investment project"),
                 ms_format_bool (p->investment_act));
  add_value_row (self, group, "complement_step", _("Complementary information asked once"),
                 ms_format_bool (p->complement_step));
}

static void
build_silence_and_appeal (MsSheetView *self,
                          MsProcedure *p)
{
  AdwPreferencesGroup *group = self->silence_group;
  MsAppeal *appeal = p->appeal;

  add_value_row (self, group, "silence_is_acceptance", _("Silence means acceptance"),
                 ms_format_bool (p->silence_is_acceptance));
  add_value_row (self, group, "silence_decree", _("Decree listing the act"), p->silence_decree);
  register_path (self, "appeal", GTK_WIDGET (group));
  add_localized_row (self, group, "appeal.authority", _("Appeal authority"),
                     appeal != NULL ? appeal->authority : NULL);
  add_localized_row (self, group, "appeal.text", _("Means of appeal"),
                     appeal != NULL ? appeal->text : NULL);
}

static void
build_extension (MsSheetView *self,
                 MsProcedure *p)
{
  AdwPreferencesGroup *group = self->extension_group;
  MsExtension *extension = p->extension;

  register_path (self, "extension", GTK_WIDGET (group));
  add_value_row (self, group, "extension.allowed", _("Deadline may be extended"),
                 extension != NULL ? ms_format_bool (extension->allowed) : NULL);
  add_value_row (self, group, "extension.reason", _("Reason"),
                 extension != NULL ? ms_format_enum (MS_ENUM_EXTENSION_REASON, extension->reason)
                                   : NULL);
  if (extension != NULL && extension->conditions != NULL)
    add_localized_row (self, group, "extension.conditions", _("Conditions"),
                       extension->conditions);
}

static void
build_output (MsSheetView *self,
              MsProcedure *p)
{
  AdwPreferencesGroup *group = self->output_group;
  MsOutput *output = p->output;

  register_path (self, "output", GTK_WIDGET (group));
  add_localized_row (self, group, "output.name", _("Act delivered"),
                     output != NULL ? output->name : NULL);
  add_value_row_take (self, group, "output.validity_days", _("Validity"),
                      output != NULL ? ms_format_days (output->validity_days) : NULL);
}

static void
build_approval (MsSheetView *self,
                MsProcedure *p)
{
  AdwPreferencesGroup *group = self->approval_group;
  MsApproval *approval = p->approval_decision;

  register_path (self, "approval_decision", GTK_WIDGET (group));
  add_value_row (self, group, "approval_decision.body", _("Approved by"),
                 approval != NULL ? ms_format_enum (MS_ENUM_APPROVAL_BODY, approval->body) : NULL);
  add_value_row (self, group, "approval_decision.reference", _("Decision reference"),
                 approval != NULL ? approval->reference : NULL);
  add_date_row (self, group, "approval_decision.date", _("Decision date"),
                approval != NULL ? approval->date : NULL);
}

static void
build_contact_and_dates (MsSheetView *self,
                         MsProcedure *p)
{
  MsContact *contact = p->contact;

  register_path (self, "contact", GTK_WIDGET (self->contact_group));
  add_value_row (self, self->contact_group, "contact.phone", _("Phone"),
                 contact != NULL ? contact->phone : NULL);
  add_value_row (self, self->contact_group, "contact.email", _("Email"),
                 contact != NULL ? contact->email : NULL);
  add_value_row (self, self->contact_group, "contact.url", _("Website"),
                 contact != NULL ? contact->url : NULL);

  add_date_row (self, self->dates_group, "effective_date", _("In force since"),
                p->effective_date);
  add_date_row (self, self->dates_group, "review_due", _("Review due"), p->review_due);
}

/* The rows of changed fields keep their mark, and say it to assistive
 * technology, for as long as the sheet is shown. */
static void
clear_changed (MsSheetView *self)
{
  for (guint i = 0; i < self->changed_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->changed_rows, i);

      gtk_widget_remove_css_class (row, "ms-changed");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  g_ptr_array_set_size (self->changed_rows, 0);
}

static void
mark_changed (MsSheetView *self)
{
  clear_changed (self);

  for (guint i = 0; self->changed_paths != NULL && self->changed_paths[i] != NULL; i++)
    {
      GtkWidget *row = ms_sheet_view_get_row_for_path (self, self->changed_paths[i]);

      if (row == NULL || g_ptr_array_find (self->changed_rows, row, NULL))
        continue;
      gtk_widget_add_css_class (row, "ms-changed");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Changed since the published version"),
                                      -1);
      g_ptr_array_add (self->changed_rows, row);
    }
}

static void
clear_rows (MsSheetView *self)
{
  clear_changed (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }

  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->rows_by_path);
}

static void
rebuild (MsSheetView *self)
{
  GtkAdjustment *adjustment;

  g_assert (MS_IS_SHEET_VIEW (self));

  clear_highlight (self);
  clear_rows (self);

  if (self->procedure != NULL)
    {
      build_act (self, self->procedure);
      build_administrations (self, self->procedure);
      build_filing (self, self->procedure);
      build_fees (self, self->procedure);
      build_deadline (self, self->procedure);
      build_silence_and_appeal (self, self->procedure);
      build_extension (self, self->procedure);
      build_output (self, self->procedure);
      build_approval (self, self->procedure);
      build_contact_and_dates (self, self->procedure);
      mark_changed (self);
    }

  adjustment = get_vadjustment (self);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/*
 * Actions
 */

static void
ms_sheet_view_show_issue (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MsSheetView *self = MS_SHEET_VIEW (widget);

  g_assert (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING));

  show_path (self, g_variant_get_string (param, NULL));
}

/*
 * GObject overrides
 */

static void
ms_sheet_view_dispose (GObject *object)
{
  MsSheetView *self = MS_SHEET_VIEW (object);

  clear_highlight (self);
  g_ptr_array_set_size (self->changed_rows, 0);
  g_hash_table_remove_all (self->rows_by_path);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->issue_rows, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_SHEET_VIEW);

  g_clear_object (&self->procedure);

  G_OBJECT_CLASS (ms_sheet_view_parent_class)->dispose (object);
}

static void
ms_sheet_view_finalize (GObject *object)
{
  MsSheetView *self = MS_SHEET_VIEW (object);

  g_clear_pointer (&self->rows_by_path, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->issue_rows, g_ptr_array_unref);
  g_clear_pointer (&self->changed_rows, g_ptr_array_unref);
  g_clear_pointer (&self->changed_paths, g_strfreev);

  G_OBJECT_CLASS (ms_sheet_view_parent_class)->finalize (object);
}

static void
ms_sheet_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MsSheetView *self = MS_SHEET_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROCEDURE:
      g_value_set_object (value, self->procedure);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ms_sheet_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MsSheetView *self = MS_SHEET_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROCEDURE:
      ms_sheet_view_set_procedure (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ms_sheet_view_class_init (MsSheetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_sheet_view_dispose;
  object_class->finalize = ms_sheet_view_finalize;
  object_class->get_property = ms_sheet_view_get_property;
  object_class->set_property = ms_sheet_view_set_property;

  properties[PROP_PROCEDURE] =
    g_param_spec_object ("procedure", NULL, NULL,
                         MS_TYPE_PROCEDURE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               MS_RESOURCE_PATH "/ms-sheet-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, issues_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, act_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, legal_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, admin_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, user_docs_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, admin_docs_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, channels_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, forms_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, steps_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, fees_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, deadline_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, silence_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, extension_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, output_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, approval_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, contact_group);
  gtk_widget_class_bind_template_child (widget_class, MsSheetView, dates_group);

  gtk_widget_class_install_action (widget_class, "sheet.show-issue", "s",
                                   ms_sheet_view_show_issue);
}

static void
ms_sheet_view_init (MsSheetView *self)
{
  self->rows_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_ptr_array_new ();
  self->issue_rows = g_ptr_array_new ();
  self->changed_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ms_widgets_wrap_descriptions (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
ms_sheet_view_new (void)
{
  return g_object_new (MS_TYPE_SHEET_VIEW, NULL);
}

/**
 * ms_sheet_view_set_procedure:
 * @self: the view
 * @procedure: (nullable): the sheet to show
 */
void
ms_sheet_view_set_procedure (MsSheetView *self,
                             MsProcedure *procedure)
{
  g_return_if_fail (MS_IS_SHEET_VIEW (self));
  g_return_if_fail (procedure == NULL || MS_IS_PROCEDURE (procedure));

  if (!g_set_object (&self->procedure, procedure))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCEDURE]);
}

/**
 * ms_sheet_view_get_procedure:
 *
 * Returns: (transfer none) (nullable): the sheet shown
 */
MsProcedure *
ms_sheet_view_get_procedure (MsSheetView *self)
{
  g_return_val_if_fail (MS_IS_SHEET_VIEW (self), NULL);

  return self->procedure;
}

/**
 * ms_sheet_view_get_row_for_path:
 * @self: the view
 * @path: a JSON path into the sheet, such as "documents[2].name"
 *
 * Finds the widget that shows @path. A path finer than the rows (a member of
 * a list item, a language of a text) gives the row of the enclosing field;
 * an item of a list gives the list's group when the item has no row.
 *
 * Returns: (transfer none) (nullable): the row, a group, or %NULL
 */
GtkWidget *
ms_sheet_view_get_row_for_path (MsSheetView *self,
                                const char  *path)
{
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (MS_IS_SHEET_VIEW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  prefix = g_strdup (path);

  while (prefix[0] != '\0')
    {
      GtkWidget *widget = g_hash_table_lookup (self->rows_by_path, prefix);
      char *cut;

      if (widget != NULL)
        return widget;

      /* "documents[2].name" → "documents[2]" → "documents" */
      cut = strrchr (prefix, '.');
      if (cut == NULL || strrchr (prefix, '[') > cut)
        cut = strrchr (prefix, '[');
      if (cut == NULL)
        break;
      *cut = '\0';
    }

  return NULL;
}

/**
 * ms_sheet_view_set_issues:
 * @self: the view
 * @issues: (nullable) (element-type MsIssue): what the validator found in
 *   the sheet shown, errors first; %NULL when it was not checked
 * @error: (nullable): why the sheet could not be checked
 *
 * Lists @issues in the law 55-19 check above the sections, or @error when
 * there are no issues to list; hides the check when both are %NULL.
 */
void
ms_sheet_view_set_issues (MsSheetView  *self,
                          GPtrArray    *issues,
                          const GError *error)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (MS_IS_SHEET_VIEW (self));

  clear_issue_rows (self);

  if (issues != NULL)
    summary = ms_issues_format_summary (issues, 0);
  else if (error != NULL)
    summary = capitalize (error->message);  /* says the rules could not be loaded, and why */

  adw_preferences_group_set_description (self->issues_group, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->issues_group), summary != NULL);

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      GtkWidget *row = issue_row_new (g_ptr_array_index (issues, i));

      adw_preferences_group_add (self->issues_group, row);
      g_ptr_array_add (self->issue_rows, row);
    }
  ms_widgets_name_parts (GTK_WIDGET (self));
}

/**
 * ms_sheet_view_set_changed_paths:
 * @self: the view
 * @paths: (nullable) (array zero-terminated=1): JSON paths of the fields
 *   that changed since the published version (ms_procedure_changed_paths)
 *
 * Marks the rows that show @paths (style class "ms-changed", and an
 * accessible description saying so), now and whenever the sheet shown is
 * rebuilt, until other paths are set; %NULL marks none.
 */
void
ms_sheet_view_set_changed_paths (MsSheetView        *self,
                                 const char * const *paths)
{
  g_return_if_fail (MS_IS_SHEET_VIEW (self));

  g_clear_pointer (&self->changed_paths, g_strfreev);
  self->changed_paths = g_strdupv ((char **) paths);
  mark_changed (self);
}
