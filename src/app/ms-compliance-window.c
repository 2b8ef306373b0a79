/* ms-compliance-window.c — the catalog's law 55-19 compliance, drawn
 *
 * The figures are those of masatir-cli report (ms_compliance_check, in a
 * GTask thread so that a big catalog does not freeze the window). Each bar
 * is an activatable row: its action, "compliance.show-sheets", names what
 * it counts, and the window emits "show-sheets" with the ids behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-compliance-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ms-catalog.h"
#include "ms-compliance-window.h"
#include "ms-i18n.h"
#include "ms-rule-data.h"
#include "ms-vocabulary.h"

#define TOP_VIOLATIONS 10
/* The portal lists some 2,450 administrations: a row each would be tens of
 * thousands of widgets built on the main loop. The largest are shown; the
 * report (masatir-cli report) lists them all. */
#define MAX_ADMINISTRATIONS 100

struct _MsComplianceWindow
{
  AdwWindow         parent_instance;

  /* Template Widgets */
  AdwWindowTitle   *window_title;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkBox           *report_box;

  /* Owned References */
  GListModel       *catalog;
  MsCompliance     *report;
  guint             changed_id;   /* checking again after the catalog changed */
  GCancellable     *cancellable;
  GHashTable       *bars;         /* target → GtkWidget row, borrowed */
};

G_DEFINE_FINAL_TYPE (MsComplianceWindow, ms_compliance_window, ADW_TYPE_WINDOW)

enum {
  SHOW_SHEETS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Computing {{{1 */

typedef struct {
  GPtrArray *procedures;
  GDate     *today;
  char      *date;
} Work;

static void
work_free (gpointer data)
{
  Work *work = data;

  g_ptr_array_unref (work->procedures);
  g_date_free (work->today);
  g_free (work->date);
  g_free (work);
}

/* A validator of its own: the shared one's day is set by the main window
 * when its caches start again, which must not happen under a check. */
static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Work *work = task_data;
  g_autofree char *dir = g_build_filename (ms_get_data_dir (), "rules", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsRuleData) data = ms_rule_data_load (dir, &error);
  g_autoptr(MsValidator) validator = NULL;

  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  validator = ms_validator_new (data);
  ms_validator_set_today (validator, work->today);
  g_task_return_pointer (task, ms_compliance_check (work->procedures, validator, work->date),
                         (GDestroyNotify) ms_compliance_free);
}

/* Showing {{{1 */

static GtkWidget *
group_new (MsComplianceWindow *self,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->report_box, group);
  return group;
}

/* A bar: @value out of @max, with @figure beside it; activating it shows
 * the sheets of @target. Its accessible label says what the eye sees. */
static GtkWidget *
bar_new (MsComplianceWindow *self,
         GtkWidget          *group,
         const char         *target,
         const char         *title,
         const char         *subtitle,
         guint               value,
         guint               max,
         const char         *figure)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *level = gtk_level_bar_new_for_interval (0, MAX (max, 1));
  GtkWidget *label = gtk_label_new (figure);
  g_autofree char *accessible = subtitle != NULL
                                ? g_strdup_printf ("%s: %s (%s)", title, figure, subtitle)
                                : g_strdup_printf ("%s: %s", title, figure);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (level), value);
  /* Plain bars: the default offsets colour a count as if it were a level. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (level, 160, -1);
  gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), level);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "compliance.show-sheets");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);
  gtk_widget_set_tooltip_text (row, _("Show these sheets in the list"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->bars, g_strdup (target), row);
  return row;
}

static char *
count_sheets (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet", "%u sheets", n), n);
}

static void
show_summary (MsComplianceWindow *self)
{
  MsCompliance *r = self->report;
  guint percent = ms_compliance_percent (r->n_without_errors, r->n_sheets);
  g_autofree char *description = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *figure = g_strdup_printf ("%u", r->error_sheet_ids->len);
  GtkWidget *group;

  description = ms_compliance_describe_date (r);
  group = group_new (self, _("Catalog"), description);
  /* Translators: "19 of 29 sheets without errors (66 %)" */
  subtitle = g_strdup_printf (_("%u of %u sheets without errors (%u %%); %u errors, %u warnings"),
                              r->n_without_errors, r->n_sheets, percent, r->n_errors, r->n_warnings);
  bar_new (self, group, "errors", _("Sheets with errors"), subtitle, r->error_sheet_ids->len,
           r->n_sheets, figure);
}

static void
show_administrations (MsComplianceWindow *self)
{
  MsCompliance *r = self->report;
  MsVocabulary *vocabulary = ms_vocabulary_get_default ();
  GtkWidget *group = group_new (self, _("Per Administration"),
                                _("The bar is the share of the administration’s sheets without errors"));

  for (guint a = 0; a < r->administrations->len && a < MAX_ADMINISTRATIONS; a++)
    {
      MsComplianceAdmin *admin = g_ptr_array_index (r->administrations, a);
      guint percent = ms_compliance_percent (admin->n_without_errors, admin->n_sheets);
      g_autofree char *target = g_strdup_printf ("admin:%s", admin->administration);
      g_autofree char *sheets = count_sheets (admin->n_sheets);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *figure = g_strdup_printf ("%u %%", percent);

      /* Translators: "6 sheets, 4 without errors" */
      g_string_append_printf (subtitle, _("%s, %u without errors"), sheets, admin->n_without_errors);
      for (guint t = 0; t < admin->top_rules->len; t++)
        {
          MsComplianceRule *rule = g_ptr_array_index (admin->top_rules, t);

          g_string_append_printf (subtitle, "%s%s (%u)", t == 0 ? " — " : ", ",
                                  ms_rule_get_name (rule->rule), rule->sheet_ids->len);
        }
      bar_new (self, group, target,
               ms_compliance_admin_label (admin->administration, vocabulary, ms_ui_lang ()),
               subtitle->str, percent, 100, figure);
    }
  if (r->administrations->len > MAX_ADMINISTRATIONS)
    {
      GtkWidget *row = adw_action_row_new ();
      guint more = r->administrations->len - MAX_ADMINISTRATIONS;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more administration",
                                                             "%u more administrations", more), more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The report of masatir-cli report lists every administration"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
show_rules (MsComplianceWindow *self)
{
  MsCompliance *r = self->report;
  GtkWidget *group = group_new (self, _("Most Frequent Violations"), NULL);
  guint max = r->rules->len > 0 ? ((MsComplianceRule *) g_ptr_array_index (r->rules, 0))->sheet_ids->len : 0;

  for (guint i = 0; i < r->rules->len && i < TOP_VIOLATIONS; i++)
    {
      MsComplianceRule *rule = g_ptr_array_index (r->rules, i);
      g_autoptr(MsIssue) issue = ms_issue_new (rule->rule, rule->severity, "", rule->article, "");
      g_autofree char *reference = ms_issue_format_reference (issue);
      g_autofree char *target = g_strdup_printf ("rule:%s", rule->rule);
      g_autofree char *subtitle = NULL;
      g_autofree char *figure = g_strdup_printf ("%u", rule->sheet_ids->len);

      if (rule->sheet_ids->len == 0)
        break;
      /* Translators: "error, art. 7" */
      subtitle = g_strdup_printf (_("%s, %s"), ms_severity_to_label (rule->severity), reference);
      bar_new (self, group, target, ms_rule_get_name (rule->rule), subtitle, rule->sheet_ids->len, max, figure);
    }
  if (max == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No rule is broken."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
show_deadlines (MsComplianceWindow *self)
{
  MsCompliance *r = self->report;
  GtkWidget *group = group_new (self, _("Answer Deadlines"), _("Law 55-19 art. 16: at most 60 days"));
  guint max = 0;

  for (guint d = 0; d < MS_N_DEADLINE_BUCKETS; d++)
    max = MAX (max, r->deadlines[d].sheet_ids->len);
  for (guint d = 0; d < MS_N_DEADLINE_BUCKETS; d++)
    {
      g_autofree char *target = g_strdup_printf ("deadline:%s", ms_deadline_bucket_to_string (d));
      g_autofree char *figure = g_strdup_printf ("%u", r->deadlines[d].sheet_ids->len);

      bar_new (self, group, target, ms_deadline_bucket_to_label (d), NULL,
               r->deadlines[d].sheet_ids->len, max, figure);
    }
}

static void
show_items (MsComplianceWindow *self)
{
  MsCompliance *r = self->report;
  GtkWidget *group = group_new (self, _("To Put Right"), NULL);
  struct {
    const char *target;
    const char *title;
    GPtrArray  *items;
  } lists[] = {
    { "unfounded_fees", _("Fees without legal basis (art. 6)"), r->unfounded_fees },
    { "held_documents", _("Documents another administration holds: candidates for removal (art. 23–25)"),
      r->held_documents },
    { "review_overdue", _("Sheets past their review date (art. 29)"), r->review_overdue },
  };
  guint max = 0;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    max = MAX (max, lists[l].items->len);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autofree char *figure = g_strdup_printf ("%u", lists[l].items->len);

      bar_new (self, group, lists[l].target, lists[l].title, NULL, lists[l].items->len, max, figure);
    }
}

static void
clear_report (MsComplianceWindow *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->bars);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_box))) != NULL)
    gtk_box_remove (self->report_box, child);
}

static void
show_report (MsComplianceWindow *self)
{
  clear_report (self);
  show_summary (self);
  show_administrations (self);
  show_rules (self);
  show_deadlines (self);
  show_items (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MsComplianceWindow *self = MS_COMPLIANCE_WINDOW (source);
  g_autoptr(GError) error = NULL;
  MsCompliance *report = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled: closed, or checked again meanwhile; the widgets may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compliance.refresh", TRUE);
  if (report == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      clear_report (self);
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The Sheets Could Not Be Checked"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
      gtk_box_append (self->report_box, status);
      gtk_stack_set_visible_child_name (self->stack, "report");
      return;
    }
  g_clear_pointer (&self->report, ms_compliance_free);
  self->report = report;
  show_report (self);
}

static void
compute (MsComplianceWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Work *work = g_new0 (Work, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->report, ms_compliance_free);

  /* The thread reads the sheets the catalog holds now; a sheet changed
   * later is a new object, these are not modified. */
  work->procedures = g_ptr_array_new_full (g_list_model_get_n_items (self->catalog), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (self->catalog); i++)
    {
      g_autoptr(MsCatalogEntry) entry = g_list_model_get_item (self->catalog, i);

      g_ptr_array_add (work->procedures, g_object_ref (ms_catalog_entry_get_procedure (entry)));
    }
  work->today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                g_date_time_get_year (now));
  work->date = g_date_time_format (now, "%Y-%m-%d");

  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compliance.refresh", FALSE);
  task = g_task_new (self, self->cancellable, compute_done_cb, NULL);
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, work, work_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

/* Actions {{{1 */

/* The ids behind @target and what they are, or FALSE. */
static gboolean
lookup_target (MsComplianceWindow *self,
               const char         *target,
               GPtrArray         **ids,
               char              **label)
{
  MsCompliance *r = self->report;
  MsVocabulary *vocabulary = ms_vocabulary_get_default ();
  GPtrArray *items = NULL;

  *ids = NULL;
  if (strcmp (target, "errors") == 0)
    {
      *ids = g_ptr_array_ref (r->error_sheet_ids);
      *label = g_strdup (_("Sheets with errors"));
    }
  else if (g_str_has_prefix (target, "admin:"))
    for (guint a = 0; a < r->administrations->len && *ids == NULL; a++)
      {
        MsComplianceAdmin *admin = g_ptr_array_index (r->administrations, a);

        if (strcmp (admin->administration, target + strlen ("admin:")) == 0)
          {
            *ids = g_ptr_array_ref (admin->sheet_ids);
            *label = g_strdup (ms_compliance_admin_label (admin->administration, vocabulary, ms_ui_lang ()));
          }
      }
  else if (g_str_has_prefix (target, "rule:"))
    for (guint i = 0; i < r->rules->len && *ids == NULL; i++)
      {
        MsComplianceRule *rule = g_ptr_array_index (r->rules, i);

        if (strcmp (rule->rule, target + strlen ("rule:")) == 0)
          {
            *ids = g_ptr_array_ref (rule->sheet_ids);
            *label = g_strdup (ms_rule_get_name (rule->rule));
          }
      }
  else if (g_str_has_prefix (target, "deadline:"))
    for (guint d = 0; d < MS_N_DEADLINE_BUCKETS && *ids == NULL; d++)
      if (strcmp (ms_deadline_bucket_to_string (d), target + strlen ("deadline:")) == 0)
        {
          *ids = g_ptr_array_ref (r->deadlines[d].sheet_ids);
          /* Translators: "Answer deadline: 1–7 days" */
          *label = g_strdup_printf (_("Answer deadline: %s"), ms_deadline_bucket_to_label (d));
        }
  if (strcmp (target, "unfounded_fees") == 0)
    items = r->unfounded_fees, *label = g_strdup (_("Fees without legal basis (art. 6)"));
  else if (strcmp (target, "held_documents") == 0)
    items = r->held_documents, *label = g_strdup (_("Documents another administration holds (art. 23–25)"));
  else if (strcmp (target, "review_overdue") == 0)
    items = r->review_overdue, *label = g_strdup (_("Sheets past their review date (art. 29)"));
  if (items != NULL)
    {
      *ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < items->len; i++)
        {
          const char *id = ((MsComplianceItem *) g_ptr_array_index (items, i))->sheet_id;

          if (!g_ptr_array_find_with_equal_func (*ids, id, g_str_equal, NULL))
            g_ptr_array_add (*ids, g_strdup (id));
        }
    }
  return *ids != NULL;
}

static void
show_sheets_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MsComplianceWindow *self = MS_COMPLIANCE_WINDOW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (self->report == NULL || !lookup_target (self, target, &ids, &label))
    {
      g_debug ("nothing behind the bar “%s”", target);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (ids, i));
  strv = g_strv_builder_end (builder);
  g_signal_emit (self, signals[SHOW_SHEETS], 0, label, strv);
}

static gboolean
check_again_cb (gpointer user_data)
{
  MsComplianceWindow *self = user_data;

  self->changed_id = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

/* A save, an import, a change made elsewhere: the figures follow, once the
 * changes have settled. */
static void
catalog_changed_cb (GListModel         *catalog,
                    guint               position,
                    guint               removed,
                    guint               added,
                    MsComplianceWindow *self)
{
  g_clear_handle_id (&self->changed_id, g_source_remove);
  self->changed_id = g_timeout_add (500, check_again_cb, self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  compute (MS_COMPLIANCE_WINDOW (widget));
}

/* Overrides and type {{{1 */

static void
ms_compliance_window_dispose (GObject *object)
{
  MsComplianceWindow *self = MS_COMPLIANCE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->changed_id, g_source_remove);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  g_clear_object (&self->catalog);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_COMPLIANCE_WINDOW);
  G_OBJECT_CLASS (ms_compliance_window_parent_class)->dispose (object);
}

static void
ms_compliance_window_finalize (GObject *object)
{
  MsComplianceWindow *self = MS_COMPLIANCE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, ms_compliance_free);
  g_clear_pointer (&self->bars, g_hash_table_unref);
  G_OBJECT_CLASS (ms_compliance_window_parent_class)->finalize (object);
}

static void
ms_compliance_window_class_init (MsComplianceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_compliance_window_dispose;
  object_class->finalize = ms_compliance_window_finalize;

  /**
   * MsComplianceWindow::show-sheets:
   * @label: what the bar counts, for people
   * @ids: (array zero-terminated=1): the sheets behind it
   */
  signals[SHOW_SHEETS] = g_signal_new ("show-sheets", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-compliance-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MsComplianceWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MsComplianceWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MsComplianceWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MsComplianceWindow, report_box);

  gtk_widget_class_install_action (widget_class, "compliance.show-sheets", "s", show_sheets_action);
  gtk_widget_class_install_action (widget_class, "compliance.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "compliance.refresh", NULL);
}

static void
ms_compliance_window_init (MsComplianceWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API {{{1 */

MsComplianceWindow *
ms_compliance_window_new (GListModel *catalog)
{
  MsComplianceWindow *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (catalog), NULL);

  self = g_object_new (MS_TYPE_COMPLIANCE_WINDOW, NULL);
  self->catalog = g_object_ref (catalog);
  g_signal_connect (catalog, "items-changed", G_CALLBACK (catalog_changed_cb), self);
  compute (self);
  return self;
}

MsCompliance *
ms_compliance_window_get_report (MsComplianceWindow *self)
{
  g_return_val_if_fail (MS_IS_COMPLIANCE_WINDOW (self), NULL);

  return self->report;
}

GtkWidget *
ms_compliance_window_find_bar (MsComplianceWindow *self,
                               const char         *target)
{
  g_return_val_if_fail (MS_IS_COMPLIANCE_WINDOW (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  return g_hash_table_lookup (self->bars, target);
}
