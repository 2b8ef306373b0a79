/* ms-window.c — the main window: the catalog beside the selected sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-application.h"
#include "ms-sqlite-store.h"
#include "ms-i18n.h"
#include "ms-text.h"
#include "ms-vocabulary.h"
#include "ms-widgets.h"
#include "ms-window-private.h"

G_DEFINE_FINAL_TYPE (MsWindow, ms_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_EDITING,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

/* A sheet's title in the language of the interface, else another, else
 * its code. */
static const char *
display_title (MsLocalized *titles,
               const char  *code)
{
  const char *title = titles != NULL ? ms_localized_best (titles, ms_ui_lang ()) : NULL;

  if (title != NULL && title[0] != '\0')
    return title;
  if (code != NULL)
    return code;

  return _("Untitled Procedure");
}

static const char *
procedure_display_title (MsProcedure *procedure)
{
  return display_title (procedure->title, procedure->code);
}

/* The caches start again, the issues with the date of today, so that all
 * the sheets of a catalog are checked against the same day. */
static void
reset_caches (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  g_hash_table_remove_all (self->issues);
  _ms_window_live_reset (self);

  if (self->validator != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                               g_date_time_get_month (now),
                                               g_date_time_get_year (now));

      ms_validator_set_today (self->validator, today);
    }
}

/* The workflow state as a coloured pill (style.css: .ms-state). */
static void
set_state_pill (GtkWidget *label,
                MsState    state)
{
  const char *classes[] = { "caption", "ms-state", ms_state_to_nick (state), NULL };

  gtk_label_set_text (GTK_LABEL (label), ms_state_to_label (state));
  gtk_widget_set_css_classes (label, classes);
}

static void
update_user_display (MsWindow *self)
{
  g_autofree char *subtitle = NULL;
  const char *banner = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (self->list == NULL)
    ;
  else if (self->store == NULL)
    banner = _("A folder of sheets is read-only: open a catalog database to submit and approve sheets");
  else if (self->user == NULL)
    {
      gboolean deactivated = FALSE;

      for (guint i = 0; self->users != NULL && i < self->users->len; i++)
        deactivated |= g_strcmp0 (((MsUser *) g_ptr_array_index (self->users, i))->login, self->actor) == 0;
      /* Translators: the login of the person at the computer */
      subtitle = g_strdup_printf (_("%s · read-only"), self->actor);
      banner = deactivated ? _("You were deactivated in this catalog: read-only")
                           : _("You are not a user of this catalog: read-only");
    }
  else
    {
      g_autofree char *roles = _ms_roles_label (self->user->roles);
      const char *name = self->user->name != NULL && *self->user->name != '\0'
                         ? self->user->name : self->user->login;

      /* Translators: a user's name and roles, as in "Amina Bennani · Editor" */
      subtitle = g_strdup_printf (_("%s · %s"), name, roles);
    }

  adw_window_title_set_subtitle (self->sidebar_title, subtitle != NULL ? subtitle : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title),
                               subtitle != NULL ? _("The person acting; change it with Change Person… in the main menu")
                                                : NULL);
  if (banner != NULL)
    gtk_label_set_text (self->banner_label, banner);
  gtk_revealer_set_reveal_child (self->banner_revealer, banner != NULL);
}

/* What the workflow rules need about the selected sheet, read from the
 * store each time the selection changes: another program may have moved it. */
static void
update_facts (MsWindow *self)
{
  MsProcedure *procedure = ms_window_get_selected (self);
  g_autoptr(GError) error = NULL;

  g_assert (MS_IS_WINDOW (self));

  g_clear_pointer (&self->facts, ms_workflow_facts_free);
  self->can_delete = FALSE;
  if (self->store == NULL || procedure == NULL)
    return;

  /* Asked of the store, which alone knows whether the sheet ever went to
   * review; read here, not at every key typed in the editor. */
  self->can_delete = self->user != NULL
                     && ms_store_check_delete (self->store, self->user->login, procedure->id, NULL);

  self->facts = ms_store_get_workflow_facts (self->store, procedure->id, &error);
  if (self->facts == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the workflow of this sheet: %s"),
                                               error->message);

      g_message ("Cannot read the workflow of sheet %s: %s", procedure->id, error->message);
      ms_window_add_toast (self, adw_toast_new (text));
    }
}

static void
update_sidebar (MsWindow *self)
{
  const char *page = "list";

  g_assert (MS_IS_WINDOW (self));

  if (self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    page = self->search_key != NULL || self->subset != NULL || _ms_window_live_filtering (self)
           ? "no-results" : "empty";

  gtk_stack_set_visible_child_name (self->sidebar_stack, page);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    self->list != NULL ? "catalog" : "welcome");
}

static void
update_content (MsWindow *self)
{
  MsProcedure *procedure;

  g_assert (MS_IS_WINDOW (self));

  procedure = ms_window_get_selected (self);
  update_facts (self);
  self->read_issue = -1;

  /* Another sheet: the editor is left (saved first, by the caller). */
  if (self->editing && (procedure == NULL || self->edit_saved == NULL
                        || g_strcmp0 (procedure->id, self->edit_saved->id) != 0))
    {
      self->dirty = FALSE;
      _ms_window_stop_editing (self);
    }

  ms_sheet_view_set_procedure (self->sheet_view, procedure);
  if (procedure != NULL)
    ms_sheet_view_set_issues (self->sheet_view, _ms_window_get_issues (self, procedure),
                              self->validator_error);
  else
    ms_sheet_view_set_issues (self->sheet_view, NULL, NULL);

  if (procedure == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Masatir"));
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      const char *title = procedure_display_title (procedure);

      adw_window_title_set_title (self->content_title, title);
      adw_window_title_set_subtitle (self->content_title,
                                     procedure->code != NULL ? procedure->code : "");
      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_stack_set_visible_child_name (self->content_stack, "sheet");
      set_state_pill (GTK_WIDGET (self->state_label),
                      ms_catalog_entry_get_state (_ms_window_get_selected_entry (self)));
    }
  gtk_widget_set_visible (self->workflow_buttons, self->store != NULL);

  _ms_window_update_content_page (self);
}

/* The read-only view or the editor, and what goes with each. */
void
_ms_window_update_content_page (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->sheet_stack, self->editing ? "edit" : "read");
  _ms_window_update_issue_count (self);
  _ms_window_update_history (self);
  _ms_window_actions_update (self);
}

static guint
find_position (MsWindow   *self,
               const char *id)
{
  guint position;

  if (self->list == NULL || (position = ms_sheet_list_find (self->list, id)) == G_MAXUINT)
    return GTK_INVALID_LIST_POSITION;
  return position;
}

static const char *
shown_id (MsWindow *self)
{
  return self->shown != NULL ? ms_catalog_entry_get_procedure (self->shown)->id : NULL;
}

static void
apply_search (MsWindow   *self,
              const char *text)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *key = NULL;

  g_assert (MS_IS_WINDOW (self));

  /* Only spaces, marks or punctuation: nothing to look for. */
  if (text != NULL && (words = ms_analyzer_query_words (text, NULL))->len > 0)
    key = g_strdup (text);

  if (g_strcmp0 (key, self->search_key) == 0)
    return;

  g_free (self->search_key);
  self->search_key = g_steal_pointer (&key);
  _ms_window_refilter (self);

  /* Another search: its best match at the top of the list, in sight (the
   * list view keeps its anchor row otherwise; GTK 4.8's list views scroll
   * through their "list.scroll-to-item" action). */
  if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

void
_ms_window_refilter (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  if (self->list != NULL)
    {
      MsStoreFilter filter = MS_STORE_FILTER_INIT;
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      guint n_before = g_list_model_get_n_items (G_LIST_MODEL (self->list));

      _ms_window_live_get_filter (self, &filter);
      /* The list changes under the selection: not a choice of the person. */
      self->replacing = TRUE;
      _ms_window_unselect_for_change (self);
      if (!ms_sheet_list_set_query (self->list, &filter, self->search_key, MS_WINDOW_SEARCH_LIMIT, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Could not search the catalog: %s"), error->message);

          g_message ("Listing the catalog failed: %s", error->message);
          ms_window_add_toast (self, adw_toast_new (text));
        }
      self->replacing = FALSE;
      g_debug ("List: %u rows, then %u, in %.1f ms", n_before,
               g_list_model_get_n_items (G_LIST_MODEL (self->list)),
               (g_get_monotonic_time () - started) / 1000.0);
    }
  _ms_window_search_update_rows (self);
  update_sidebar (self);
  _ms_window_bench_list_updated (self);

  /* The sheet shown stays shown while the search hides it, and is selected
   * again when the search lets it back into the list. */
  if (self->shown != NULL)
    {
      guint position = find_position (self, shown_id (self));

      if (position != gtk_single_selection_get_selected (self->selection))
        {
          self->replacing = TRUE;
          gtk_single_selection_set_selected (self->selection, position);
          self->replacing = FALSE;
        }
    }
}

/*
 * Signal callbacks
 */

/* A click on a row shows its sheet even when it was already selected: on a
 * folded window the selection alone does not move to the content. */
static void
row_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 MsWindow        *self)
{
  g_assert (MS_IS_WINDOW (self));

  _ms_window_show_content (self);
}

/* What a screen reader says of a row of the list, which takes the focus:
 * the title, the state and the number of errors, in one name. */
static void
set_row_accessible_label (GtkWidget  *row,
                          const char *title,
                          MsState     state,
                          guint       n_errors)
{
  g_autofree char *errors = NULL;
  g_autofree char *label = NULL;

  if (n_errors > 0)
    errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  else
    errors = g_strdup (_("no errors"));
  /* Translators: the accessible name of a row of the list of procedures:
   * its title, its state, its errors, as in "Birth certificate, Draft, 2 errors" */
  label = g_strdup_printf (_("%s, %s, %s"), title, ms_state_to_label (state), errors);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);
  GtkWidget *administration = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *errors = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  GtkGesture *click;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  if (ms_ui_lang () == MS_LANG_AR)
    gtk_widget_add_css_class (box, ms_lang_to_code (MS_LANG_AR));

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);

  gtk_label_set_xalign (GTK_LABEL (administration), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (administration), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (administration, TRUE);
  gtk_widget_add_css_class (administration, "caption");
  gtk_widget_add_css_class (administration, "dim-label");

  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);

  gtk_widget_set_valign (errors, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (errors, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (errors),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Has errors"),
                                  -1);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (row_released_cb), user_data);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));

  /* Why the sheet matches the search (_ms_window_search_update_row). */
  gtk_label_set_xalign (GTK_LABEL (snippet), 0.0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_use_markup (GTK_LABEL (snippet), TRUE);
  gtk_widget_add_css_class (snippet, "caption");
  gtk_widget_add_css_class (snippet, "ms-snippet");
  gtk_widget_set_visible (snippet, FALSE);

  gtk_box_append (GTK_BOX (meta), administration);
  gtk_box_append (GTK_BOX (meta), errors);
  gtk_box_append (GTK_BOX (meta), state);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  MsSheetRow *row = gtk_list_item_get_item (list_item);
  const MsSheetInfo *info = ms_sheet_row_get_info (row);
  MsState state = info->state;
  const char *title_text = display_title (info->title, info->code);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *meta = gtk_widget_get_last_child (box);
  GtkWidget *administration = gtk_widget_get_first_child (meta);
  GtkWidget *errors = gtk_widget_get_next_sibling (administration);
  GtkWidget *state_label = gtk_widget_get_last_child (meta);
  const char *admin_name = _("No administration");
  /* The store's count, kept with each revision: drawing a row never
   * validates its sheet. */
  guint n_errors = info->n_errors;
  g_autofree char *errors_tooltip = NULL;

  if (info->administration != NULL)
    admin_name = ms_vocabulary_label (ms_vocabulary_get_default (),
                                      MS_VOCAB_ADMINISTRATIONS,
                                      info->administration,
                                      ms_ui_lang ());

  ms_label_set_display_text (GTK_LABEL (title), title_text);
  /* A title shown in Arabic (the French one missing) in the Arabic font. */
  if (ms_text_script (title_text) == MS_SCRIPT_ARABIC)
    gtk_widget_add_css_class (title, ms_lang_to_code (MS_LANG_AR));
  else
    gtk_widget_remove_css_class (title, ms_lang_to_code (MS_LANG_AR));
  ms_label_set_display_text (GTK_LABEL (administration), admin_name);
  set_state_pill (state_label, state);

  /* Errors only: almost every sheet has some warning, and marking them all
   * would drown the sheets that cannot be approved. */
  if (n_errors > 0)
    errors_tooltip = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  gtk_widget_set_tooltip_text (errors, errors_tooltip);
  gtk_widget_set_visible (errors, n_errors > 0);
  set_row_accessible_label (gtk_widget_get_parent (box) != NULL ? gtk_widget_get_parent (box) : box,
                            title_text, state, n_errors);

  _ms_window_search_update_row (user_data, list_item);
  g_hash_table_add (((MsWindow *) user_data)->bound_rows, list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  g_hash_table_remove (((MsWindow *) user_data)->bound_rows, list_item);
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  g_hash_table_remove (((MsWindow *) user_data)->bound_rows, list_item);
}

static void
selected_item_changed_cb (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  MsSheetRow *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(MsCatalogEntry) entry = NULL;
  g_autoptr(GError) read_error = NULL;

  /* The list changes under the selection: do not show an empty page meanwhile. */
  if (self->replacing)
    return;

  if (selected == NULL && self->shown != NULL
      && find_position (self, shown_id (self)) == GTK_INVALID_LIST_POSITION)
    /* Hidden by the search, not unselected: it stays shown. */
    return;

  if (selected != NULL && self->shown != NULL
      && g_strcmp0 (ms_sheet_row_get_id (selected), shown_id (self)) == 0)
    return;

  /* Leaving a sheet saves what was typed in it; when that is refused the
   * sheet stays, with the text, and the person is told why. */
  if (self->editing && self->dirty)
    {
      g_autoptr(GError) error = NULL;

      if (!_ms_window_save_edits (self, &error))
        {
          ms_window_show_error (self, _("Your Changes Are Not Saved"), error->message);
          if (self->shown != NULL)
            {
              guint position = find_position (self, shown_id (self));

              gtk_single_selection_set_selected (self->selection, position);
            }
          return;
        }
    }

  /* The sheet itself, read now: the list holds its row only. */
  if (selected != NULL && !(entry = _ms_window_load_entry (self, ms_sheet_row_get_id (selected), &read_error)))
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the sheet: %s"), read_error->message);

      g_message ("Cannot read sheet %s: %s", ms_sheet_row_get_id (selected), read_error->message);
      ms_window_add_toast (self, adw_toast_new (text));
    }
  g_set_object (&self->shown, entry);
  update_content (self);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   MsWindow       *self)
{
  g_assert (MS_IS_WINDOW (self));

  gint64 started = g_get_monotonic_time ();

  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_debug ("Search “%s” answered in %.1f ms", gtk_editable_get_text (GTK_EDITABLE (entry)),
           (g_get_monotonic_time () - started) / 1000.0);
  /* Answered, the list changed or not (a key that adds no word). */
  _ms_window_bench_list_updated (self);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                MsWindow       *self)
{
  g_assert (MS_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  apply_search (self, NULL);
}

static void
list_activate_cb (GtkListView *list_view,
                  guint        position,
                  MsWindow    *self)
{
  g_assert (MS_IS_WINDOW (self));

  gtk_single_selection_set_selected (self->selection, position);
  _ms_window_show_content (self);
}

/* Folded, the window is narrow (down to 360 px): the Edit button shows its icon alone, the issue count its number alone
 * (their names stay in their tooltips and accessible labels), and the
 * workflow buttons go under the state rather than beside it. */
static void
leaflet_changed_cb (MsWindow *self)
{
  gboolean folded;

  g_assert (MS_IS_WINDOW (self));

  folded = adw_leaflet_get_folded (self->leaflet);
  gtk_widget_set_visible (self->edit_label, !folded);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->workflow_bar),
                                  folded ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (GTK_WIDGET (self->state_label), folded ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  /* Beside the state, the strut gives the bar the buttons' height; under
   * it, it would be an empty line. */
  gtk_widget_set_visible (self->workflow_strut, !folded);
  _ms_window_update_issue_count (self);
  _ms_window_actions_update (self);
}

/*
 * GObject overrides
 */

static void
ms_window_dispose (GObject *object)
{
  MsWindow *self = MS_WINDOW (object);

  _ms_window_live_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_WINDOW);

  g_clear_pointer (&self->edit_refusal, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->list_store);
  g_clear_object (&self->compliance_catalog);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->subset, g_strfreev);
  g_clear_pointer (&self->facts, ms_workflow_facts_free);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_object (&self->shown);
  g_clear_object (&self->edit_saved);
  g_clear_pointer (&self->deleting, g_free);
  self->workflow_toast = NULL;
  self->user = NULL;
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->actor, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ms_window_parent_class)->dispose (object);
}

static void
ms_window_finalize (GObject *object)
{
  MsWindow *self = MS_WINDOW (object);

  g_clear_pointer (&self->issues, g_hash_table_unref);
  _ms_window_search_finalize (self);
  g_clear_error (&self->validator_error);

  G_OBJECT_CLASS (ms_window_parent_class)->finalize (object);
}

static void
ms_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MsWindow *self = MS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    case PROP_HISTORY:
      g_value_set_boolean (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ms_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MsWindow *self = MS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      _ms_window_set_editing (self, g_value_get_boolean (value));
      break;
    case PROP_HISTORY:
      _ms_window_set_history (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
close_request_cb (MsWindow *self)
{
  return _ms_window_close_request (self);
}

static void
ms_window_class_init (MsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_window_dispose;
  object_class->finalize = ms_window_finalize;
  object_class->get_property = ms_window_get_property;
  object_class->set_property = ms_window_set_property;

  /* Whether the sheet shown is open in the editor; setting it asks first
   * when editing sends the sheet back to draft. */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the history of the sheet shown replaces the read-only view. */
  properties[PROP_HISTORY] =
    g_param_spec_boolean ("history", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MS_TYPE_SHEET_VIEW);
  g_type_ensure (MS_TYPE_SHEET_EDITOR);
  g_type_ensure (MS_TYPE_HISTORY_VIEW);
  g_type_ensure (MS_TYPE_REVIEW_CHANGES);

  gtk_widget_class_set_template_from_resource (widget_class, MS_RESOURCE_PATH "/ms-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, state_filter);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, workflow_bar);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, workflow_strut);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, workflow_buttons);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, submit_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, approve_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, request_changes_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, sheet_stack);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, sheet_view);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, sheet_editor);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, issues_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, history_button);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, edit_label);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, issues_icon);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, issues_label);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, workflow_reason);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, history_view);
  gtk_widget_class_bind_template_child (widget_class, MsWindow, review_changes);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  _ms_window_class_actions_init (klass);
}

static void
ms_window_init (MsWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->issues = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        g_free, (GDestroyNotify) g_ptr_array_unref);
  _ms_window_search_init (self);
  self->validator = ms_validator_get_default (&self->validator_error);
  if (self->validator == NULL)
    g_message ("%s", self->validator_error->message);

  _ms_window_editor_init (self);
  _ms_window_actions_init (self);
  _ms_window_live_init (self);
  _ms_window_watchdog_start ();
  _ms_window_bench_init (self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selected_item_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->leaflet, "notify::folded",
                            G_CALLBACK (leaflet_changed_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child",
                            G_CALLBACK (leaflet_changed_cb), self);

  self->settings = ms_application_new_settings ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
    }

  update_sidebar (self);
  update_content (self);
}

/*
 * Module-internal API
 */

/* Before the list changes (self->replacing set): GtkSingleSelection looks
 * for a selected row that the change removed among every row it adds,
 * which reads every row of the list (all of its pages, 100,000 sheets);
 * the caller selects the sheet shown again after. */
void
_ms_window_unselect_for_change (MsWindow *self)
{
  g_assert (self->replacing);

  if (gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

void
_ms_window_update_sidebar (MsWindow *self)
{
  update_sidebar (self);
}

void
_ms_window_update_content (MsWindow *self)
{
  update_content (self);
}

guint
_ms_window_find_position (MsWindow   *self,
                          const char *id)
{
  return find_position (self, id);
}

void
_ms_window_select_sheet (MsWindow   *self,
                         const char *id)
{
  guint position;

  g_assert (MS_IS_WINDOW (self));
  g_assert (id != NULL);

  position = find_position (self, id);

  /* A sheet hidden by the search is still reachable: clear the search. */
  if (position == GTK_INVALID_LIST_POSITION && self->search_key != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      apply_search (self, NULL);
      position = find_position (self, id);
    }
  /* ...and by the state filter, likewise. */
  if (position == GTK_INVALID_LIST_POSITION && _ms_window_live_filtering (self))
    {
      gtk_drop_down_set_selected (self->state_filter, 0);
      position = find_position (self, id);
    }

  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_message ("No sheet with id %s in the catalog", id);
      return;
    }

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  _ms_window_show_content (self);
}

void
_ms_window_show_content (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

MsCatalogEntry *
_ms_window_get_selected_entry (MsWindow *self)
{
  g_assert (MS_IS_WINDOW (self));

  return self->shown;
}

MsCatalogEntry *
_ms_window_load_entry (MsWindow    *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(MsProcedure) sheet = NULL;
  g_autoptr(MsSheetInfo) info = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (self->list_store == NULL)
    return NULL;
  if (!(sheet = ms_store_get_sheet (self->list_store, id, 0, &info, error)))
    return NULL;
  return ms_catalog_entry_new (sheet, info->state, NULL);
}

/* A sheet deleted from the catalog: out of the list and of the view. */
void
_ms_window_forget_sheet (MsWindow   *self,
                         const char *id)
{
  g_assert (MS_IS_WINDOW (self));

  if (self->shown != NULL && g_strcmp0 (shown_id (self), id) == 0)
    g_clear_object (&self->shown);
  g_hash_table_remove (self->issues, id);
  self->replacing = TRUE;
  if (self->list != NULL)
    {
      const char *changed[] = { id, NULL };
      g_autoptr(GError) error = NULL;

      _ms_window_unselect_for_change (self);
      if (!ms_sheet_list_reload (self->list, changed, &error))
        g_message ("Cannot read the list again: %s", error->message);
    }
  self->replacing = FALSE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_sidebar (self);
  update_content (self);
}

/* The people of the store again, after the Users window changed them: the
 * acting user's roles decide the actions. */
void
_ms_window_reload_users (MsWindow *self)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *actor = NULL;

  g_assert (MS_IS_WINDOW (self));

  if (self->store == NULL || !(users = ms_store_list_users (self->store, NULL)))
    return;
  self->user = NULL;
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = g_steal_pointer (&users);
  actor = g_strdup (self->actor);
  _ms_window_set_user (self, actor);
}

void
_ms_window_set_user (MsWindow   *self,
                     const char *login)
{
  g_assert (MS_IS_WINDOW (self));
  g_assert (login != NULL);

  /* What was typed is saved under the name of who typed it. */
  if (self->editing && g_strcmp0 (login, self->actor) != 0
      && !_ms_window_stop_editing (self))
    return;

  if (login != self->actor)
    {
      g_free (self->actor);
      self->actor = g_strdup (login);
    }

  self->user = NULL;
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      MsUser *user = g_ptr_array_index (self->users, i);

      /* A deactivated user reads only, as the store refuses them. */
      if (g_strcmp0 (user->login, login) == 0 && !user->inactive)
        self->user = user;
    }
  update_facts (self);
  _ms_window_live_user_changed (self);

  update_user_display (self);
  _ms_window_actions_update (self);
}

void
_ms_window_replace_entry (MsWindow       *self,
                          MsCatalogEntry *entry)
{
  g_autofree char *id = NULL;

  g_assert (MS_IS_WINDOW (self));
  g_assert (MS_IS_CATALOG_ENTRY (entry));
  g_assert (self->list != NULL);

  id = g_strdup (ms_catalog_entry_get_procedure (entry)->id);

  /* Its row read again (title, state, error badge), wherever its code now
   * puts it; what it was checked against is dropped. */
  g_hash_table_remove (self->issues, id);
  self->replacing = TRUE;
  {
    const char *changed[] = { id, NULL };
    g_autoptr(GError) error = NULL;

    _ms_window_unselect_for_change (self);
    if (!ms_sheet_list_reload (self->list, changed, &error))
      g_message ("Cannot read the list again: %s", error->message);
  }
  if (self->compliance_catalog != NULL)
    ms_catalog_add (self->compliance_catalog, entry);
  self->replacing = FALSE;
  if (self->shown != NULL && g_strcmp0 (shown_id (self), id) == 0
      && find_position (self, id) == GTK_INVALID_LIST_POSITION)
    {
      /* Saved while the search hides it: it stays shown, the search too. */
      g_set_object (&self->shown, entry);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      update_content (self);
      return;
    }

  /* Shown first, so that selecting its row does not read it again. */
  g_set_object (&self->shown, entry);
  _ms_window_select_sheet (self, id);
  /* Selected at the same position, the selection may not notify. */
  update_content (self);
}

/* The issues of @procedure, checked once and kept until the catalog changes;
 * NULL when the rules could not be loaded. Transfer none. */
GPtrArray *
_ms_window_get_issues (MsWindow    *self,
                       MsProcedure *procedure)
{
  GPtrArray *issues;

  g_assert (MS_IS_WINDOW (self));
  g_assert (MS_IS_PROCEDURE (procedure));
  g_assert (procedure->id != NULL);

  if (self->validator == NULL)
    return NULL;

  issues = g_hash_table_lookup (self->issues, procedure->id);
  if (issues == NULL)
    {
      issues = ms_validator_check (self->validator, procedure);
      g_hash_table_insert (self->issues, g_strdup (procedure->id), issues);
    }

  return issues;
}

/*
 * Public API
 */

MsWindow *
ms_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (MS_TYPE_WINDOW, "application", application, NULL);
}

/* Shows what @list_store holds; @store is the same when it is a catalog
 * database the workflow acts on, NULL for a folder (read-only). */
static void
set_catalog (MsWindow  *self,
             MsStore   *list_store,
             MsStore   *store,
             GPtrArray *users)
{
  g_assert (MS_IS_WINDOW (self));

  /* What is typed goes to the catalog it was typed for. */
  if (self->editing)
    {
      _ms_window_stop_editing (self);
      self->dirty = FALSE;
      self->editing = FALSE;
    }
  g_clear_object (&self->shown);

  /* Who acts and where, before the list and the actions see the catalog. */
  _ms_window_live_unfollow (self);
  g_set_object (&self->store, store);
  self->user = NULL;
  g_clear_pointer (&self->users, g_ptr_array_unref);
  if (users != NULL)
    self->users = g_ptr_array_ref (users);

  g_set_object (&self->list_store, list_store);
  g_clear_object (&self->compliance_catalog);
  reset_caches (self);

  g_free (self->search_key);
  self->search_key = NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->subset, g_strfreev);
  gtk_revealer_set_reveal_child (self->subset_revealer, FALSE);

  self->replacing = TRUE;
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->list);
  if (list_store != NULL)
    {
      self->list = ms_sheet_list_new (list_store);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
    }
  self->replacing = FALSE;
  _ms_window_refilter (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);

  update_sidebar (self);
  update_content (self);
  _ms_window_live_follow (self);
  _ms_window_set_user (self, ms_store_default_actor (NULL));
}

/* The login that holds a folder's sheets in its catalog in memory. */
#define FOLDER_ACTOR "folder"

/* A folder's sheets in a catalog in memory, shown through the same list as
 * a database. A sheet the store refuses (two with one code in one
 * administration) is left out and said in the log. */
static MsStore *
folder_store (MsCatalog  *catalog,
              GError    **error)
{
  g_autoptr(MsStore) store = MS_STORE (ms_sqlite_store_open (MS_SQLITE_STORE_MEMORY,
                                                                         MS_SQLITE_STORE_CREATE | MS_SQLITE_STORE_UNCHECKED,
                                                                         error));
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) local_error = NULL;
  MsUser holder = { (char *) FOLDER_ACTOR, (char *) FOLDER_ACTOR, MS_ROLE_ADMIN | MS_ROLE_EDITOR };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  if (store == NULL || !ms_store_add_user (store, FOLDER_ACTOR, &holder, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      g_ptr_array_add (sheets, g_object_ref (ms_catalog_entry_get_procedure (entry)));
    }
  /* All at once; one by one when one of them is refused. */
  if ((items = ms_store_import (store, FOLDER_ACTOR, sheets, &local_error)) != NULL)
    return g_steal_pointer (&store);
  for (guint i = 0; i < sheets->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(GPtrArray) item = NULL;
      g_autoptr(GError) sheet_error = NULL;
      MsProcedure *sheet = g_ptr_array_index (sheets, i);

      g_ptr_array_add (one, sheet);
      if (!(item = ms_store_import (store, FOLDER_ACTOR, one, &sheet_error)))
        g_message ("Sheet %s of the folder is not shown: %s", sheet->id, sheet_error->message);
    }
  return g_steal_pointer (&store);
}

/**
 * ms_window_set_catalog:
 * @self: the window
 * @catalog: (nullable): the catalog to show, read-only (a folder of sheets)
 *
 * Shows @catalog in the list, through a catalog in memory holding its
 * sheets; the selection and the search are reset.
 */
void
ms_window_set_catalog (MsWindow  *self,
                       MsCatalog *catalog)
{
  g_autoptr(MsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MS_IS_WINDOW (self));
  g_return_if_fail (catalog == NULL || MS_IS_CATALOG (catalog));

  if (catalog != NULL && !(store = folder_store (catalog, &error)))
    {
      ms_window_show_error (self, _("Could Not Open the Catalog"), error->message);
      return;
    }
  set_catalog (self, store, NULL, NULL);
}

/**
 * ms_window_open_store:
 * @self: the window
 * @store: a catalog database
 * @error: where to say why it could not be read
 *
 * Shows the sheets of @store and lets the acting user (ms_store_default_actor)
 * move them through the workflow; someone who is not a user of the catalog
 * reads it only. When @store cannot be read the window is left as it was.
 */
gboolean
ms_window_open_store (MsWindow  *self,
                      MsStore   *store,
                      GError   **error)
{
  g_autoptr(GPtrArray) users = NULL;

  g_return_val_if_fail (MS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (MS_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Readable: its people. */
  if (!(users = ms_store_list_users (store, error)))
    return FALSE;

  set_catalog (self, store, store, users);
  return TRUE;
}

/**
 * ms_window_get_store:
 *
 * Returns: (transfer none) (nullable): the catalog database shown, or %NULL
 *   for a folder of sheets
 */
MsStore *
ms_window_get_store (MsWindow *self)
{
  g_return_val_if_fail (MS_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * ms_window_get_actor:
 *
 * Returns: (transfer none) (nullable): the login of the person acting
 */
const char *
ms_window_get_actor (MsWindow *self)
{
  g_return_val_if_fail (MS_IS_WINDOW (self), NULL);

  return self->actor;
}

/* Whether the workflow is out of reach: a folder, or someone who is not a
 * user of the catalog. */
gboolean
ms_window_is_read_only (MsWindow *self)
{
  g_return_val_if_fail (MS_IS_WINDOW (self), TRUE);

  return self->store == NULL || self->user == NULL;
}

/**
 * ms_window_get_list:
 *
 * Returns: (transfer none) (nullable): the list of sheets shown, NULL
 *   before a catalog is open
 */
MsSheetList *
ms_window_get_list (MsWindow *self)
{
  g_return_val_if_fail (MS_IS_WINDOW (self), NULL);

  return self->list;
}

/**
 * ms_window_get_selected:
 *
 * Returns: (transfer none) (nullable): the sheet shown in the detail view
 */
MsProcedure *
ms_window_get_selected (MsWindow *self)
{
  MsCatalogEntry *entry;

  g_return_val_if_fail (MS_IS_WINDOW (self), NULL);

  entry = self->shown;
  if (entry == NULL)
    return NULL;

  return ms_catalog_entry_get_procedure (entry);
}

/**
 * ms_window_add_toast:
 * @self: the window
 * @toast: (transfer full): the toast
 */
void
ms_window_add_toast (MsWindow *self,
                     AdwToast *toast)
{
  g_autofree char *title = NULL;

  g_return_if_fail (MS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* Toasts quote errors, and errors quote input: a toast is one line. */
  title = ms_text_escape_controls (adw_toast_get_title (toast));
  if (g_strcmp0 (title, adw_toast_get_title (toast)) != 0)
    adw_toast_set_title (toast, title);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  /* Its close button, made now, named "Dismiss"; the toasts are the
   * overlay's children other than its content. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toast_overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != adw_toast_overlay_get_child (self->toast_overlay))
      ms_widgets_name_parts (child);
}

/**
 * ms_window_show_error:
 * @self: the window
 * @heading: what failed, short
 * @message: why, as the layer that failed said it
 *
 * One dialog for a failure the person must read before going on, such as a
 * catalog that cannot be opened.
 */
void
ms_window_show_error (MsWindow   *self,
                      const char *heading,
                      const char *message)
{
  g_autofree char *body = ms_text_escape_controls (message);
  GtkWidget *dialog;

  g_return_if_fail (MS_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  /* The message comes from a lower layer and may quote a file name. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
