/* ms-editor-fields.c — the sheet editor's controls, each bound to a member
 *
 * A control writes into the sheet being edited as the person types, through
 * a pointer to the member it edits. Text that cannot be stored as typed (a
 * letter in an amount, a date that does not exist) is marked on the field
 * and leaves the member as it was: a wrong value is never stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-editor-fields"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-format.h"
#include "ms-i18n.h"
#include "ms-input.h"
#include "ms-sheet-editor-private.h"
#include "ms-widgets.h"

typedef struct {
  MsSheetEditor *editor;
  char          *path;
  gpointer       target;
  MsLang         lang;
  gint64         minimum;
  gint64         maximum;
  GPtrArray     *codes;    /* char*: the choices of a drop-down, [0] NULL */
  char          *code;     /* a reference id, for its check button */
  guint          clear_id; /* a parsed field emptied, stored once idle */
} Binding;

static void
binding_free (gpointer data)
{
  Binding *b = data;

  g_clear_handle_id (&b->clear_id, g_source_remove);

  g_free (b->path);
  g_free (b->code);
  g_clear_pointer (&b->codes, g_ptr_array_unref);
  g_free (b);
}

static Binding *
bind (GtkWidget     *widget,
      MsSheetEditor *editor,
      const char    *path,
      gpointer       target)
{
  Binding *b = g_new0 (Binding, 1);

  b->editor = editor;
  b->path = g_strdup (path);
  b->target = target;
  g_object_set_data_full (G_OBJECT (widget), "ms-binding", b, binding_free);
  g_object_set_data_full (G_OBJECT (widget), "ms-path", g_strdup (path), g_free);

  return b;
}

/*
 * Rows
 */

static void
add_to_parent (GtkWidget *parent,
               GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
}

/* A row of the form: the field's name, its controls, and a line for what
 * is wrong with it. The row takes no focus itself: Tab goes from control to
 * control, never to a label. */
static GtkWidget *
field_row_new (GtkWidget   *parent,
               const char  *label,
               GtkWidget  **content,
               GtkWidget  **message)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (label);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (box, "ms-field");

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "ms-field-heading");
  gtk_box_append (GTK_BOX (box), heading);

  *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), *content);

  *message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (*message), 0.0);
  gtk_label_set_wrap (GTK_LABEL (*message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (*message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (*message, "ms-field-message");
  gtk_widget_set_visible (*message, FALSE);
  gtk_box_append (GTK_BOX (box), *message);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  add_to_parent (parent, row);

  return row;
}

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* @control on a row of its own; @focus, inside it, is what takes the
 * focus and the field's name. */
static MsEditorField *
field_of (MsSheetEditor *self,
          GtkWidget     *parent,
          const char    *path,
          const char    *label,
          GtkWidget     *control,
          GtkWidget     *focus)
{
  GtkWidget *content, *message;
  GtkWidget *row = field_row_new (parent, label, &content, &message);

  gtk_widget_set_hexpand (control, TRUE);
  gtk_box_append (GTK_BOX (content), control);
  set_label (focus, label);

  return _ms_sheet_editor_add_field (self, path, label, row, focus, message);
}

/* One control on a row of its own. */
static MsEditorField *
simple_field (MsSheetEditor *self,
              GtkWidget     *parent,
              const char    *path,
              const char    *label,
              GtkWidget     *control)
{
  return field_of (self, parent, path, label, control, control);
}

/*
 * Texts
 */

static void
store_string (char       **target,
              const char  *text)
{
  g_free (*target);
  *target = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
text_changed_cb (GtkEditable *editable,
                 gpointer     user_data)
{
  Binding *b = g_object_get_data (G_OBJECT (editable), "ms-binding");

  store_string (b->target, gtk_editable_get_text (editable));
  _ms_sheet_editor_changed (b->editor, FALSE);
}

static GtkWidget *
entry_new (const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  /* The editor's own undo covers every field, lists included. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);

  return entry;
}

void
_ms_editor_text (MsSheetEditor  *self,
                 GtkWidget      *parent,
                 const char     *path,
                 const char     *label,
                 MsTextKind      kind,
                 char          **target)
{
  GtkWidget *entry = entry_new (*target);

  switch (kind)
    {
    case MS_TEXT_URL:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
      gtk_widget_set_direction (entry, GTK_TEXT_DIR_LTR);
      break;
    case MS_TEXT_EMAIL:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
      gtk_widget_set_direction (entry, GTK_TEXT_DIR_LTR);
      break;
    case MS_TEXT_PHONE:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
      gtk_widget_set_direction (entry, GTK_TEXT_DIR_LTR);
      break;
    case MS_TEXT_PLAIN:
    default:
      break;
    }
  gtk_entry_set_max_length (GTK_ENTRY (entry),
                            kind == MS_TEXT_URL ? MS_MAX_URL_CHARS : MS_MAX_SHORT_CHARS);

  bind (entry, self, path, target);
  g_signal_connect (entry, "changed", G_CALLBACK (text_changed_cb), NULL);
  simple_field (self, parent, path, label, entry);
}

/* Localized texts: Arabic (right to left) beside French, Amazigh and
 * English beside them on demand or when the sheet has them. */

static void
store_localized (Binding    *b,
                 const char *text)
{
  MsLocalized **target = b->target;

  if (*target == NULL)
    *target = ms_localized_new ();
  ms_localized_set (*target, b->lang, text != NULL && *text != '\0' ? text : NULL);
  _ms_sheet_editor_changed (b->editor, FALSE);
}

static void
localized_entry_changed_cb (GtkEditable *editable,
                            gpointer     user_data)
{
  store_localized (g_object_get_data (G_OBJECT (editable), "ms-binding"),
                   gtk_editable_get_text (editable));
}

static void
localized_buffer_changed_cb (GtkTextBuffer *buffer,
                             GtkWidget     *view)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  store_localized (g_object_get_data (G_OBJECT (view), "ms-binding"), text);
}

static GtkWidget *
text_view_new (const char *text)
{
  GtkWidget *view = ms_text_area_new (text);

  /* The editor's own undo covers every field, lists included. */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "ms-text-area");

  return view;
}

void
_ms_editor_localized (MsSheetEditor  *self,
                      GtkWidget      *parent,
                      const char     *path,
                      const char     *label,
                      gboolean        multiline,
                      MsLocalized   **target)
{
  GtkWidget *content, *message;
  GtkWidget *row = field_row_new (parent, label, &content, &message);
  MsEditorField *field = NULL;

  gtk_box_set_homogeneous (GTK_BOX (content), TRUE);

  for (MsLang lang = 0; lang < MS_N_LANGS; lang++)
    {
      const char *text = *target != NULL ? ms_localized_get (*target, lang) : NULL;
      g_autofree char *lang_path = g_strdup_printf ("%s.%s", path, ms_lang_to_code (lang));
      /* Translators: the accessible name of a field in one language, as in "Title (Arabic)" */
      g_autofree char *lang_label = g_strdup_printf (C_("field in a language", "%s (%s)"),
                                                     label, ms_lang_to_label (lang));
      gboolean shown = lang == MS_LANG_AR || lang == MS_LANG_FR
                       || self->all_languages || (text != NULL && *text != '\0');
      GtkWidget *column, *tag, *control;
      MsEditorField *lang_field;
      Binding *b;

      if (!shown)
        continue;

      column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      /* The script's font (style.css). */
      gtk_widget_add_css_class (column, ms_lang_to_code (lang));
      tag = gtk_label_new (ms_lang_to_label (lang));
      gtk_label_set_xalign (GTK_LABEL (tag), 0.0);
      gtk_widget_add_css_class (tag, "ms-lang-tag");
      gtk_box_append (GTK_BOX (column), tag);

      if (multiline)
        {
          GtkWidget *frame = gtk_frame_new (NULL);

          control = text_view_new (text);
          gtk_frame_set_child (GTK_FRAME (frame), control);
          gtk_box_append (GTK_BOX (column), frame);
        }
      else
        {
          control = entry_new (text);
          gtk_entry_set_max_length (GTK_ENTRY (control), MS_MAX_TEXT_CHARS);
          gtk_box_append (GTK_BOX (column), control);
        }

      /* Each text runs in its own script's direction, whatever the UI's. */
      gtk_widget_set_direction (control, ms_lang_is_rtl (lang) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      gtk_widget_set_hexpand (control, TRUE);
      set_label (control, lang_label);

      b = bind (control, self, lang_path, target);
      b->lang = lang;
      if (multiline)
        g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (control)), "changed",
                          G_CALLBACK (localized_buffer_changed_cb), control);
      else
        g_signal_connect (control, "changed", G_CALLBACK (localized_entry_changed_cb), NULL);

      gtk_box_append (GTK_BOX (content), column);

      if (field == NULL)
        field = _ms_sheet_editor_add_field (self, path, label, row, control, message);
      lang_field = _ms_sheet_editor_add_field (self, lang_path, lang_label, row, control, message);
      lang_field->owner = field;
    }
}

/*
 * Choices
 */

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  in_list)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (in_list)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  in_list)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (choice));
  if (!in_list)
    gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (choice));
}

/* A long choice (the name of an administration) does not widen the form
 * past a 360 px window: in the list it wraps, on the button it is cut
 * with "…" and whole in its tooltip. (Wrapped on the button, GTK 4.8's
 * horizontal box would measure it for one line's height, whole.) */
static void
set_wrapping_choices (GtkWidget *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice_cb), GINT_TO_POINTER (TRUE));
  gtk_drop_down_set_factory (GTK_DROP_DOWN (drop_down), factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (drop_down), list_factory);
}

static GtkWidget *
drop_down_new (const char * const *choices,
               guint               selected)
{
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (choices);

  set_wrapping_choices (drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_halign (drop_down, GTK_ALIGN_START);

  return drop_down;
}

static void
enum_selected_cb (GtkDropDown *drop_down,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  Binding *b = g_object_get_data (G_OBJECT (drop_down), "ms-binding");

  *(int *) b->target = (int) gtk_drop_down_get_selected (drop_down);
  _ms_sheet_editor_changed (b->editor, FALSE);
}

void
_ms_editor_enum (MsSheetEditor *self,
                 GtkWidget     *parent,
                 const char    *path,
                 const char    *label,
                 MsEnumType     type,
                 int           *target)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();
  GtkWidget *drop_down;

  g_ptr_array_add (choices, (gpointer) ms_format_not_stated ());
  for (int value = 1; ms_enum_to_nick (type, value) != NULL; value++)
    g_ptr_array_add (choices, (gpointer) ms_format_enum (type, value));
  g_ptr_array_add (choices, NULL);

  drop_down = drop_down_new ((const char * const *) choices->pdata, (guint) *target);
  bind (drop_down, self, path, target);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (enum_selected_cb), NULL);
  gtk_widget_set_hexpand (drop_down, FALSE);
  simple_field (self, parent, path, label, drop_down);
}

/* "Not stated" is not "no": the validator reads an absent answer as a
 * question the sheet has not answered. Order: not stated, yes, no. */
static void
bool_selected_cb (GtkDropDown *drop_down,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  Binding *b = g_object_get_data (G_OBJECT (drop_down), "ms-binding");
  static const MsBool values[] = { MS_BOOL_UNSET, MS_BOOL_TRUE, MS_BOOL_FALSE };
  guint selected = gtk_drop_down_get_selected (drop_down);

  *(MsBool *) b->target = selected < G_N_ELEMENTS (values) ? values[selected] : MS_BOOL_UNSET;
  _ms_sheet_editor_changed (b->editor, FALSE);
}

void
_ms_editor_bool (MsSheetEditor *self,
                 GtkWidget     *parent,
                 const char    *path,
                 const char    *label,
                 MsBool        *target)
{
  const char *choices[] = { ms_format_not_stated (), ms_format_bool (MS_BOOL_TRUE),
                            ms_format_bool (MS_BOOL_FALSE), NULL };
  guint selected = *target == MS_BOOL_TRUE ? 1 : *target == MS_BOOL_FALSE ? 2 : 0;
  GtkWidget *drop_down = drop_down_new (choices, selected);

  bind (drop_down, self, path, target);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (bool_selected_cb), NULL);
  simple_field (self, parent, path, label, drop_down);
  gtk_widget_set_hexpand (drop_down, FALSE);
}

/* Vocabulary codes: a searchable drop-down of the vocabulary's labels in
 * the UI language; a code the vocabulary does not know stays a choice, so
 * that opening a sheet never changes it. */
static void
vocab_selected_cb (GtkDropDown *drop_down,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  Binding *b = g_object_get_data (G_OBJECT (drop_down), "ms-binding");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected >= b->codes->len)
    return;
  store_string (b->target, g_ptr_array_index (b->codes, selected));
  _ms_sheet_editor_changed (b->editor, FALSE);
}

void
_ms_editor_vocab (MsSheetEditor  *self,
                  GtkWidget      *parent,
                  const char     *path,
                  const char     *label,
                  MsVocab         vocab,
                  char          **target)
{
  MsVocabulary *vocabulary = ms_vocabulary_get_default ();
  g_autoptr(GPtrArray) known = ms_vocabulary_codes (vocabulary, vocab);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkExpression) expression = NULL;
  GtkWidget *drop_down;
  guint selected = 0;
  Binding *b;

  /* An item of a list of codes is always one: it is removed, not unset. */
  gboolean in_list = g_str_has_suffix (path, "]");

  if (!in_list)
    {
      g_ptr_array_add (codes, NULL);
      gtk_string_list_append (labels, ms_format_not_stated ());
    }
  for (guint i = 0; i < known->len; i++)
    g_ptr_array_add (codes, g_strdup (g_ptr_array_index (known, i)));
  if (*target != NULL && ms_vocabulary_lookup (vocabulary, vocab, *target) == NULL)
    g_ptr_array_add (codes, g_strdup (*target));

  for (guint i = in_list ? 0 : 1; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      const char *name = ms_vocabulary_label (vocabulary, vocab, code, ms_ui_lang ());
      g_autofree char *text = NULL;

      /* Translators: a vocabulary entry and its code, as in "Ministry of the Interior — interior" */
      text = g_strcmp0 (name, code) != 0 ? g_strdup_printf (C_("vocabulary choice", "%s — %s"), name, code)
                                         : g_strdup (code);
      gtk_string_list_append (labels, text);
      if (g_strcmp0 (code, *target) == 0)
        selected = i;
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), gtk_expression_ref (expression));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  set_wrapping_choices (drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);

  b = bind (drop_down, self, path, target);
  b->codes = codes;
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (vocab_selected_cb), NULL);
  simple_field (self, parent, path, label, drop_down);
}

/*
 * Numbers and dates: typed as text, parsed, stored only when they parse.
 */

typedef gboolean (*ParseFunc) (Binding     *b,
                               const char  *text,
                               GError     **error);

static gboolean
parse_count (Binding     *b,
             const char  *text,
             GError     **error)
{
  gint64 value;

  if (!ms_parse_count (text, b->maximum, &value, error))
    return FALSE;
  if (value < b->minimum)
    {
      /* Translators: %s is the smallest number allowed, as in "at least 1" */
      g_autofree char *minimum = g_strdup_printf ("%" G_GINT64_FORMAT, b->minimum);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Type a whole number of at least %s"), minimum);
      return FALSE;
    }
  *(gint64 *) b->target = value;
  return TRUE;
}

static gboolean
parse_amount (Binding     *b,
              const char  *text,
              GError     **error)
{
  return ms_parse_amount (text, b->target, error);
}

static gboolean
parse_date (Binding     *b,
            const char  *text,
            GError     **error)
{
  g_autofree char *iso = NULL;

  if (!ms_parse_date (text, &iso, error))
    return FALSE;
  store_string (b->target, iso);
  return TRUE;
}

static gboolean
parsed_cleared_cb (gpointer user_data)
{
  GtkEditable *editable = user_data;
  Binding *b = g_object_get_data (G_OBJECT (editable), "ms-binding");
  ParseFunc parse = g_object_get_data (G_OBJECT (editable), "ms-parse");

  b->clear_id = 0;
  /* Empty: the sheet says nothing. */
  if (parse == parse_date)
    store_string (b->target, NULL);
  else
    *(gint64 *) b->target = -1;
  _ms_sheet_editor_set_input_error (b->editor, b->path, NULL);
  _ms_sheet_editor_changed (b->editor, FALSE);

  return G_SOURCE_REMOVE;
}

static void
parsed_changed_cb (GtkEditable *editable,
                   ParseFunc    parse)
{
  Binding *b = g_object_get_data (G_OBJECT (editable), "ms-binding");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autoptr(GError) error = NULL;

  /* Text typed over a selection (or set) reaches us emptied first, then
   * with the new text: an emptied field is stored once the main loop is
   * idle, so that "12,50" replaced by "abc" keeps 12,50 rather than
   * becoming "not stated". */
  g_clear_handle_id (&b->clear_id, g_source_remove);
  if (*text == '\0')
    {
      b->clear_id = g_idle_add (parsed_cleared_cb, editable);
      return;
    }

  if (!parse (b, text, &error))
    {
      _ms_sheet_editor_set_input_error (b->editor, b->path, error->message);
      return;
    }

  _ms_sheet_editor_set_input_error (b->editor, b->path, NULL);
  _ms_sheet_editor_changed (b->editor, FALSE);
}

static GtkWidget *
parsed_entry_new (MsSheetEditor *self,
                  const char    *path,
                  gpointer       target,
                  const char    *text,
                  ParseFunc      parse)
{
  GtkWidget *entry = entry_new (text);

  gtk_widget_set_direction (entry, GTK_TEXT_DIR_LTR);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 40);
  bind (entry, self, path, target);
  g_object_set_data (G_OBJECT (entry), "ms-parse", parse);
  g_signal_connect (entry, "changed", G_CALLBACK (parsed_changed_cb), parse);

  return entry;
}

static char *
format_integer (gint64 value)
{
  return value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
}

void
_ms_editor_count (MsSheetEditor *self,
                  GtkWidget     *parent,
                  const char    *path,
                  const char    *label,
                  gint64         minimum,
                  gint64         maximum,
                  gint64        *target)
{
  g_autofree char *text = format_integer (*target);
  GtkWidget *entry = parsed_entry_new (self, path, target, text, parse_count);
  Binding *b = g_object_get_data (G_OBJECT (entry), "ms-binding");

  b->minimum = minimum;
  b->maximum = maximum;
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  simple_field (self, parent, path, label, entry);
}

void
_ms_editor_amount (MsSheetEditor *self,
                   GtkWidget     *parent,
                   const char    *path,
                   const char    *label,
                   gint64        *target)
{
  g_autofree char *text = *target >= 0 ? ms_format_amount_input (*target) : NULL;
  GtkWidget *entry = parsed_entry_new (self, path, target, text, parse_amount);

  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  /* Translators: a placeholder for an amount in dirhams */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("12,50"));
  simple_field (self, parent, path, label, entry);
}

static void
day_selected_cb (GtkCalendar *calendar,
                 GtkWidget   *entry)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_show_cb (GtkWidget *popover,
                  GtkWidget *calendar)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (calendar), "ms-entry");
  g_autofree char *iso = NULL;
  int y, m, d;

  /* Open on the date typed, when there is one. */
  if (ms_parse_date (gtk_editable_get_text (GTK_EDITABLE (entry)), &iso, NULL)
      && sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (y, m, d, 0, 0, 0);

      g_signal_handlers_block_by_func (calendar, day_selected_cb, entry);
      gtk_calendar_select_day (GTK_CALENDAR (calendar), date);
      g_signal_handlers_unblock_by_func (calendar, day_selected_cb, entry);
    }
}

void
_ms_editor_date (MsSheetEditor  *self,
                 GtkWidget      *parent,
                 const char     *path,
                 const char     *label,
                 char          **target)
{
  GtkWidget *entry = parsed_entry_new (self, path, target, *target, parse_date);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  /* Translators: the accessible name of the button that opens a calendar for a date field */
  g_autofree char *choose = g_strdup_printf (_("Choose %s in a calendar"), label);

  /* Translators: how a date is typed; keep the letters as they are */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_add_css_class (box, "linked");

  g_object_set_data (G_OBJECT (calendar), "ms-entry", entry);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (day_selected_cb), entry);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_show_cb), calendar);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, choose);
  set_label (button, choose);

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  field_of (self, parent, path, label, box, entry);
}

/*
 * Sets of values: audiences, and the legal references a document or a fee
 * rests on.
 */

static void
audience_toggled_cb (GtkCheckButton *check,
                     gpointer        user_data)
{
  Binding *b = g_object_get_data (G_OBJECT (check), "ms-binding");
  GArray **target = b->target;
  int audience = (int) b->minimum;

  if (*target == NULL)
    *target = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = (*target)->len; i > 0; i--)
    if (g_array_index (*target, int, i - 1) == audience)
      g_array_remove_index (*target, i - 1);
  if (gtk_check_button_get_active (check))
    {
      /* Kept in the order of the enumeration, as the sheet view lists them. */
      guint at = 0;

      while (at < (*target)->len && g_array_index (*target, int, at) < audience)
        at++;
      g_array_insert_val (*target, at, audience);
    }

  _ms_sheet_editor_changed (b->editor, FALSE);
}

void
_ms_editor_audiences (MsSheetEditor  *self,
                      GtkWidget      *parent,
                      const char     *path,
                      const char     *label,
                      GArray        **target)
{
  GtkWidget *content, *message;
  GtkWidget *row = field_row_new (parent, label, &content, &message);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *first = NULL;

  /* On one line when there is room, on two or three in a narrow window. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  set_label (flow, label);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_widget_set_hexpand (flow, TRUE);
  gtk_box_append (GTK_BOX (content), flow);

  for (int audience = 1; ms_enum_to_nick (MS_ENUM_AUDIENCE, audience) != NULL; audience++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (ms_format_enum (MS_ENUM_AUDIENCE, audience));
      gboolean active = FALSE;
      Binding *b;

      for (guint i = 0; *target != NULL && i < (*target)->len; i++)
        active |= g_array_index (*target, int, i) == audience;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);

      b = bind (check, self, path, target);
      b->minimum = audience;
      g_signal_connect (check, "toggled", G_CALLBACK (audience_toggled_cb), NULL);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
      /* The check takes the focus, not the cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
      if (first == NULL)
        first = check;
    }

  _ms_sheet_editor_add_field (self, path, label, row, first, message);
}

static void
reference_toggled_cb (GtkCheckButton *check,
                      gpointer        user_data)
{
  Binding *b = g_object_get_data (G_OBJECT (check), "ms-binding");
  GPtrArray **target = b->target;
  guint index;

  if (*target == NULL)
    *target = g_ptr_array_new_with_free_func (g_free);

  if (gtk_check_button_get_active (check))
    {
      if (!g_ptr_array_find_with_equal_func (*target, b->code, g_str_equal, NULL))
        g_ptr_array_add (*target, g_strdup (b->code));
    }
  else if (g_ptr_array_find_with_equal_func (*target, b->code, g_str_equal, &index))
    g_ptr_array_remove_index (*target, index);

  _ms_sheet_editor_changed (b->editor, FALSE);
}

void
_ms_editor_references (MsSheetEditor  *self,
                       GtkWidget      *parent,
                       const char     *path,
                       const char     *label,
                       GPtrArray     **target)
{
  GPtrArray *refs = self->sheet->legal_basis;
  GtkWidget *content, *message;
  GtkWidget *row = field_row_new (parent, label, &content, &message);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *first = NULL;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  set_label (flow, label);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_widget_set_hexpand (flow, TRUE);
  gtk_box_append (GTK_BOX (content), flow);

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      MsLegalRef *ref = g_ptr_array_index (refs, i);
      g_autofree char *name = NULL;
      GtkWidget *check, *text;
      Binding *b;

      if (ref->id == NULL)
        continue;

      name = ms_format_legal_ref (ref, ms_ui_lang ());
      /* The label made by gtk_check_button_new_with_label() is not the
       * button's child: give it one that can be ellipsized, and the
       * whole name to assistive technologies. */
      text = gtk_label_new (name != NULL ? name : ref->id);
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (text), 0.0);
      check = gtk_check_button_new ();
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
      set_label (check, name != NULL ? name : ref->id);
      gtk_widget_set_tooltip_text (check, name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   *target != NULL
                                   && g_ptr_array_find_with_equal_func (*target, ref->id, g_str_equal, NULL));
      b = bind (check, self, path, target);
      b->code = g_strdup (ref->id);
      g_signal_connect (check, "toggled", G_CALLBACK (reference_toggled_cb), NULL);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
      /* The check takes the focus, not the cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
      if (first == NULL)
        first = check;
    }

  if (first == NULL)
    {
      GtkWidget *none = gtk_label_new (_("The sheet has no legal reference yet: add them under Legal References"));

      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_label_set_xalign (GTK_LABEL (none), 0.0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (content), none);
      gtk_widget_set_visible (flow, FALSE);
    }

  _ms_sheet_editor_add_field (self, path, label, row, first, message);
}

/*
 * Repeatable lists
 */

typedef enum { ITEM_UP, ITEM_DOWN, ITEM_REMOVE } ItemOp;

typedef struct {
  MsSheetEditor  *editor;
  GPtrArray     **target;
  char           *path;    /* the list's */
  guint           index;
  GDestroyNotify  free_item;
  MsItemCreate    create;
} ListOp;

static void
list_op_free (gpointer data)
{
  ListOp *op = data;

  g_free (op->path);
  g_free (op);
}

static ListOp *
list_op_new (MsSheetEditor  *self,
             GPtrArray     **target,
             const char     *path,
             guint           index,
             GDestroyNotify  free_item,
             MsItemCreate    create)
{
  ListOp *op = g_new0 (ListOp, 1);

  op->editor = self;
  op->target = target;
  op->path = g_strdup (path);
  op->index = index;
  op->free_item = free_item;
  op->create = create;

  return op;
}

static void
list_apply (ListOp *op,
            ItemOp  what)
{
  GPtrArray *items = *op->target;
  g_autofree char *focus = NULL;
  guint other;

  g_assert (items != NULL && op->index < items->len);

  _ms_sheet_editor_snapshot_now (op->editor);
  switch (what)
    {
    case ITEM_UP:
    case ITEM_DOWN:
      if ((what == ITEM_UP && op->index == 0) || (what == ITEM_DOWN && op->index + 1 >= items->len))
        return;
      other = what == ITEM_UP ? op->index - 1 : op->index + 1;
      {
        gpointer item = items->pdata[op->index];

        items->pdata[op->index] = items->pdata[other];
        items->pdata[other] = item;
      }
      focus = g_strdup_printf ("%s[%u]", op->path, other);
      break;

    case ITEM_REMOVE:
    default:
      {
        gpointer item = g_ptr_array_steal_index (items, op->index);

        if (op->free_item != NULL)
          op->free_item (item);
      }
      if (items->len > 0)
        focus = g_strdup_printf ("%s[%u]", op->path, MIN (op->index, items->len - 1));
      else
        focus = g_strdup_printf ("%s+", op->path);
      break;
    }

  g_hash_table_remove_all (op->editor->expanded);
  if (what != ITEM_REMOVE)
    g_hash_table_add (op->editor->expanded, g_strdup (focus));
  _ms_sheet_editor_changed (op->editor, TRUE);
  _ms_sheet_editor_rebuild_later (op->editor, focus);
}

static void
item_button_clicked_cb (GtkButton *button,
                        gpointer   user_data)
{
  ListOp *op = g_object_get_data (G_OBJECT (button), "ms-list-op");

  list_apply (op, GPOINTER_TO_INT (user_data));
}

static gboolean
item_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  ListOp *op = g_object_get_data (G_OBJECT (widget), "ms-list-op");

  list_apply (op, GPOINTER_TO_INT (user_data));
  return TRUE;
}

static void
add_item_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  ListOp *op = g_object_get_data (G_OBJECT (button), "ms-list-op");
  g_autofree char *focus = NULL;

  _ms_sheet_editor_snapshot_now (op->editor);
  if (*op->target == NULL)
    *op->target = g_ptr_array_new_with_free_func (op->free_item);
  g_ptr_array_add (*op->target, op->create (op->editor));

  focus = g_strdup_printf ("%s[%u]", op->path, (*op->target)->len - 1);
  g_hash_table_remove_all (op->editor->expanded);
  g_hash_table_add (op->editor->expanded, g_strdup (focus));
  _ms_sheet_editor_changed (op->editor, TRUE);
  _ms_sheet_editor_rebuild_later (op->editor, focus);
}

/* An item's fields are built the first time it is opened: a sheet of
 * hundreds of documents opens, and is built again after each list edit or
 * undo, at the cost of its closed rows only. */
void
_ms_editor_build_item (MsSheetEditor *self,
                       GtkWidget     *row)
{
  MsItemBuild build = g_object_get_data (G_OBJECT (row), "ms-item-build");
  gboolean building = self->building;

  if (build == NULL)
    return;

  g_object_set_data (G_OBJECT (row), "ms-item-build", NULL);
  self->building = TRUE;
  build (self, row, g_object_get_data (G_OBJECT (row), "ms-path"),
         g_object_get_data (G_OBJECT (row), "ms-item-slot"));
  self->building = building;
  if (!building)
    _ms_sheet_editor_apply_marks (self);
}

static void
item_expanded_cb (AdwExpanderRow *row,
                  GParamSpec     *pspec,
                  MsSheetEditor  *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "ms-path");

  if (adw_expander_row_get_expanded (row))
    _ms_editor_build_item (self, GTK_WIDGET (row));
  if (self->building)
    return;
  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (path));
  else
    g_hash_table_remove (self->expanded, path);
}

static GtkWidget *
item_button_new (const char *icon,
                 const char *label,
                 ListOp     *op,
                 ItemOp      what,
                 gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  set_label (button, label);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "ms-list-op", op);
  g_signal_connect (button, "clicked", G_CALLBACK (item_button_clicked_cb), GINT_TO_POINTER (what));

  return button;
}

static void
add_item_shortcut (GtkEventController *controller,
                   guint               key,
                   GdkModifierType     modifiers,
                   ItemOp              what)
{
  GtkShortcutAction *action = gtk_callback_action_new (item_shortcut_cb, GINT_TO_POINTER (what), NULL);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers), action));
}

void
_ms_editor_list (MsSheetEditor  *self,
                 GtkWidget      *group,
                 const char     *path,
                 const char     *item_label,
                 const char     *add_label,
                 GPtrArray     **target,
                 GDestroyNotify  free_item,
                 MsItemCreate    create,
                 MsItemBuild     build,
                 MsItemTitle     title)
{
  GPtrArray *items = *target;
  guint n = items != NULL ? items->len : 0;
  GtkWidget *add_row, *add_button, *add_content, *add_label_widget;
  ListOp *add_op;
  g_autofree char *add_path = g_strdup_printf ("%s+", path);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *preview = title != NULL ? title (items->pdata[i]) : NULL;
      /* Translators: a list item's name and number, as in "Document 2" */
      g_autofree char *name = g_strdup_printf (C_("list item", "%s %u"), item_label, i + 1);
      g_autofree char *up = NULL, *down = NULL, *remove = NULL;
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkEventController *shortcuts = gtk_shortcut_controller_new ();
      ListOp *op = list_op_new (self, target, path, i, free_item, create);
      MsEditorField *field;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     preview != NULL && *preview != '\0' ? preview : name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), name);
      g_object_set_data_full (G_OBJECT (row), "ms-path", g_strdup (item_path), g_free);
      g_object_set_data_full (G_OBJECT (row), "ms-list-op", op, list_op_free);

      /* Translators: accessible names of the buttons that move or remove a list item, as in "Move Document 2 Up" */
      up = g_strdup_printf (_("Move %s Up"), name);
      down = g_strdup_printf (_("Move %s Down"), name);
      remove = g_strdup_printf (_("Remove %s"), name);
      gtk_box_append (GTK_BOX (buttons), item_button_new ("go-up-symbolic", up, op, ITEM_UP, i > 0));
      gtk_box_append (GTK_BOX (buttons), item_button_new ("go-down-symbolic", down, op, ITEM_DOWN, i + 1 < n));
      gtk_box_append (GTK_BOX (buttons), item_button_new ("user-trash-symbolic", remove, op, ITEM_REMOVE, TRUE));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), buttons);

      /* Alt+Up and Alt+Down move the item the focus is in. */
      gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
      add_item_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, ITEM_UP);
      add_item_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, ITEM_DOWN);
      gtk_widget_add_controller (row, shortcuts);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      field = _ms_sheet_editor_add_field (self, item_path, name, row, row, NULL);
      (void) field;

      g_object_set_data (G_OBJECT (row), "ms-item-build", build);
      g_object_set_data (G_OBJECT (row), "ms-item-slot", &items->pdata[i]);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (item_expanded_cb), self);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (self->expanded, item_path));
    }

  add_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), FALSE);
  gtk_widget_set_focusable (add_row, FALSE);
  /* The label inside names the button: an accessible label as well would
   * make a screen reader say it twice. */
  add_content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  add_label_widget = gtk_label_new (add_label);
  gtk_box_append (GTK_BOX (add_content), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (add_content), add_label_widget);
  add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add_button), add_content);
  gtk_widget_add_css_class (add_button, "flat");
  gtk_widget_set_halign (add_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (add_button, 4);
  gtk_widget_set_margin_bottom (add_button, 4);
  gtk_widget_set_margin_start (add_button, 4);
  gtk_widget_set_margin_end (add_button, 4);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (add_button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, add_label_widget, NULL,
                                  -1);
  add_op = list_op_new (self, target, path, 0, free_item, create);
  g_object_set_data_full (G_OBJECT (add_button), "ms-list-op", add_op, list_op_free);
  g_signal_connect (add_button, "clicked", G_CALLBACK (add_item_clicked_cb), NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (add_row), add_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add_row);
  _ms_sheet_editor_add_field (self, add_path, add_label, add_row, add_button, NULL);
}
