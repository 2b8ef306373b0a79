/* ms-review-changes.c — "What Changed": a sheet's changes since the
 * published version, in legal terms, above the review buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-review-changes"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-review-changes.h"
#include "ms-widgets.h"

/* The window puts it above the Approve and Request Changes buttons, so that
 * a reviewer, and a screen reader going through the window in tab order,
 * reads what changed before reaching them. Its lines are ms_procedure_diff's,
 * what `masatir-cli diff` prints; the window computes them. */

struct _MsReviewChanges
{
  AdwBin               parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup *group;
  GtkListBox          *list;

  /* Owned References */
  GPtrArray           *lines;
  char                *description;
};

G_DEFINE_FINAL_TYPE (MsReviewChanges, ms_review_changes, ADW_TYPE_BIN)

static void
ms_review_changes_dispose (GObject *object)
{
  MsReviewChanges *self = MS_REVIEW_CHANGES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_REVIEW_CHANGES);

  G_OBJECT_CLASS (ms_review_changes_parent_class)->dispose (object);
}

static void
ms_review_changes_finalize (GObject *object)
{
  MsReviewChanges *self = MS_REVIEW_CHANGES (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (ms_review_changes_parent_class)->finalize (object);
}

static void
ms_review_changes_class_init (MsReviewChangesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_review_changes_dispose;
  object_class->finalize = ms_review_changes_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               MS_RESOURCE_PATH "/ms-review-changes.ui");
  gtk_widget_class_bind_template_child (widget_class, MsReviewChanges, group);
  gtk_widget_class_bind_template_child (widget_class, MsReviewChanges, list);
}

static void
ms_review_changes_init (MsReviewChanges *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ms_review_changes_new (void)
{
  return g_object_new (MS_TYPE_REVIEW_CHANGES, NULL);
}

/**
 * ms_review_changes_set_changes:
 * @self: the group
 * @description: (nullable): what the lines compare ("Since the published
 *   revision 3"); %NULL hides the group
 * @lines: (nullable) (element-type utf8): the changes, one row each
 */
void
ms_review_changes_set_changes (MsReviewChanges *self,
                               const char      *description,
                               GPtrArray       *lines)
{
  GtkWidget *child;

  g_return_if_fail (MS_IS_REVIEW_CHANGES (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->description);
  self->description = g_strdup (description);

  adw_preferences_group_set_description (self->group, description);
  gtk_widget_set_visible (GTK_WIDGET (self), description != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->list), lines != NULL && lines->len > 0);
  if (lines == NULL)
    return;

  self->lines = g_ptr_array_ref (lines);
  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->list, ms_diff_line_row_new (g_ptr_array_index (lines, i)));
}

const char *
ms_review_changes_get_description (MsReviewChanges *self)
{
  g_return_val_if_fail (MS_IS_REVIEW_CHANGES (self), NULL);

  return self->description;
}

/**
 * ms_review_changes_get_lines:
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the lines shown
 */
GPtrArray *
ms_review_changes_get_lines (MsReviewChanges *self)
{
  g_return_val_if_fail (MS_IS_REVIEW_CHANGES (self), NULL);

  return self->lines;
}
