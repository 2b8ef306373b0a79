/* ms-audit-window.c — the audit log, read-only, and its verification
 *
 * One row per entry of ms_store_audit (NULL): every entry, oldest first.
 * "Verify" runs ms_store_verify_audit, the check "masatir-cli audit
 * verify" runs, and shows what it says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-audit-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-audit-window.h"
#include "ms-text.h"
#include "ms-workflow.h"

/* One row: the texts of its cells, made once. */
#define MS_TYPE_AUDIT_ROW (ms_audit_row_get_type ())
G_DECLARE_FINAL_TYPE (MsAuditRow, ms_audit_row, MS, AUDIT_ROW, GObject)

static const char * const columns[] = { "seq", "time", "actor", "action", "sheet", "change", "comment" };
#define N_COLUMNS G_N_ELEMENTS (columns)

struct _MsAuditRow
{
  GObject  parent_instance;
  char    *cells[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (MsAuditRow, ms_audit_row, G_TYPE_OBJECT)

static void
ms_audit_row_finalize (GObject *object)
{
  MsAuditRow *self = MS_AUDIT_ROW (object);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->cells[i]);
  G_OBJECT_CLASS (ms_audit_row_parent_class)->finalize (object);
}

static void
ms_audit_row_class_init (MsAuditRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ms_audit_row_finalize;
}

static void
ms_audit_row_init (MsAuditRow *self)
{
}

struct _MsAuditWindow
{
  AdwWindow         parent_instance;

  /* Template Widgets */
  GtkColumnView    *column_view;
  GtkRevealer      *result_revealer;
  GtkWidget        *result_box;
  GtkImage         *result_icon;
  GtkLabel         *result_label;

  /* Owned References */
  MsStore          *store;
  GListStore       *rows;
  char             *result;
  gboolean          result_ok;
};

G_DEFINE_FINAL_TYPE (MsAuditWindow, ms_audit_window, ADW_TYPE_WINDOW)

/* Helpers {{{1 */

static const char *
state_label (const char *nick)
{
  MsState state;

  return nick != NULL && ms_state_from_nick (nick, &state) ? ms_state_to_label (state) : nick;
}

static MsAuditRow *
audit_row_new (const MsAuditEntry *e,
               GHashTable         *codes)
{
  MsAuditRow *row = g_object_new (MS_TYPE_AUDIT_ROW, NULL);
  g_autoptr(GDateTime) time = e->time != NULL ? g_date_time_new_from_iso8601 (e->time, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
  const char *code = e->sheet_id != NULL ? g_hash_table_lookup (codes, e->sheet_id) : NULL;

  row->cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, e->seq);
  row->cells[1] = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup (e->time);
  row->cells[2] = g_strdup (e->actor);
  row->cells[3] = g_strdup (e->action);
  if (e->sheet_id == NULL)
    row->cells[4] = g_strdup ("");
  else if (e->revision > 0)
    /* Translators: a sheet's code (or id) and revision in the audit log, as in "COM-DP-0026 r3" */
    row->cells[4] = g_strdup_printf (_("%s r%d"), code != NULL ? code : e->sheet_id, (int) e->revision);
  else
    row->cells[4] = g_strdup (code != NULL ? code : e->sheet_id);
  if (e->from_state != NULL || e->to_state != NULL)
    /* Translators: a change of state, as in "Draft → In Review" */
    row->cells[5] = g_strdup_printf (_("%s → %s"), e->from_state != NULL ? state_label (e->from_state) : "—",
                                     e->to_state != NULL ? state_label (e->to_state) : "—");
  else
    row->cells[5] = g_strdup ("");
  row->cells[6] = ms_text_escape_controls (e->comment != NULL ? e->comment : "");
  return row;
}

static gboolean
reload (MsAuditWindow  *self,
        GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(entries = ms_store_audit (self->store, NULL, error))
      || !(sheets = ms_store_list (self->store, NULL, error)))
    return FALSE;
  for (guint i = 0; i < sheets->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (sheets, i);

      if (info->code != NULL)
        g_hash_table_insert (codes, info->id, info->code);
    }
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (rows, audit_row_new (g_ptr_array_index (entries, i), codes));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  return TRUE;
}

static void
show_result (MsAuditWindow *self,
             gboolean       ok,
             const char    *message)
{
  g_free (self->result);
  self->result = g_strdup (message);
  self->result_ok = ok;
  gtk_label_set_text (self->result_label, message);
  gtk_image_set_from_icon_name (self->result_icon, ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (self->result_box, ok ? "error" : "success");
  gtk_widget_add_css_class (self->result_box, ok ? "success" : "error");
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
  /* Said aloud as well as shown. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

/* Cells {{{1 */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 1.0f : 0.0f);
  if (column == 6)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == 0 || column == 1)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  MsAuditRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), row->cells[column]);
  gtk_widget_set_tooltip_text (label, column == 4 || column == 6 ? row->cells[column] : NULL);
}

static void
add_column (MsAuditWindow *self,
            guint          column,
            const char    *title,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

/* Actions {{{1 */

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MsAuditWindow *self = MS_AUDIT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reload_error = NULL;
  gint64 n_entries = 0;

  if (ms_store_verify_audit (self->store, &n_entries, &error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The audit log is intact: %d entry, every approval and publication as the rules allowed",
                                              "The audit log is intact: %d entries, every approval and publication as the rules allowed",
                                              (gulong) n_entries),
                                 (int) n_entries);
      show_result (self, TRUE, message);
    }
  else
    show_result (self, FALSE, error->message);
  /* What was verified is what is listed. */
  if (!reload (self, &reload_error))
    g_warning ("Could not read the audit log again: %s", reload_error->message);
}

/* GObject {{{1 */

static void
ms_audit_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MS_TYPE_AUDIT_WINDOW);

  G_OBJECT_CLASS (ms_audit_window_parent_class)->dispose (object);
}

static void
ms_audit_window_finalize (GObject *object)
{
  MsAuditWindow *self = MS_AUDIT_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->rows);
  g_free (self->result);

  G_OBJECT_CLASS (ms_audit_window_parent_class)->finalize (object);
}

static void
ms_audit_window_class_init (MsAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_audit_window_dispose;
  object_class->finalize = ms_audit_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MsAuditWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, MsAuditWindow, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, MsAuditWindow, result_box);
  gtk_widget_class_bind_template_child (widget_class, MsAuditWindow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MsAuditWindow, result_label);

  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ms_audit_window_init (MsAuditWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (MS_TYPE_AUDIT_ROW);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_column (self, 0, _("No."), FALSE);
  add_column (self, 1, _("Time"), FALSE);
  add_column (self, 2, _("By"), FALSE);
  add_column (self, 3, _("Action"), FALSE);
  add_column (self, 4, _("Sheet"), FALSE);
  add_column (self, 5, _("State"), FALSE);
  add_column (self, 6, _("Comment"), TRUE);

  /* The column view's rows are a list view of its own: named as the table. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Audit entries"),
                                      -1);
}

/* Public API {{{1 */

/**
 * ms_audit_window_new:
 * @store: the catalog
 *
 * Returns: (transfer full): a window listing every audit entry of @store;
 *   when they cannot be read, it says why.
 */
MsAuditWindow *
ms_audit_window_new (MsStore *store)
{
  MsAuditWindow *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);

  self = g_object_new (MS_TYPE_AUDIT_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (!reload (self, &error))
    show_result (self, FALSE, error->message);
  return self;
}

guint
ms_audit_window_get_n_rows (MsAuditWindow *self)
{
  g_return_val_if_fail (MS_IS_AUDIT_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

const char *
ms_audit_window_get_cell (MsAuditWindow *self,
                          guint          row,
                          const char    *column)
{
  g_autoptr(MsAuditRow) item = NULL;

  g_return_val_if_fail (MS_IS_AUDIT_WINDOW (self), NULL);
  g_return_val_if_fail (row < ms_audit_window_get_n_rows (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (columns[i], column) == 0)
      return item->cells[i];   /* the store holds a reference */
  g_return_val_if_reached (NULL);
}

const char *
ms_audit_window_get_result (MsAuditWindow *self,
                            gboolean      *ok)
{
  g_return_val_if_fail (MS_IS_AUDIT_WINDOW (self), NULL);

  if (ok != NULL)
    *ok = self->result_ok;
  return self->result;
}
