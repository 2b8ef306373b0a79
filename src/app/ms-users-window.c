/* ms-users-window.c — the people of a catalog and their roles
 *
 * Admins add people, change their roles, deactivate and reactivate them;
 * everyone else reads the list. Every change is the store's
 * (ms_store_add_user, ms_store_set_user_roles, ms_store_set_user_active),
 * which checks the rules again in its transaction and says why it refuses:
 * its message is what the window shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-users-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-text.h"
#include "ms-users-window.h"
#include "ms-window-private.h"

struct _MsUsersWindow
{
  AdwWindow             parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
  AdwPreferencesGroup  *people_group;
  AdwPreferencesGroup  *add_group;
  GtkWidget            *login_entry;
  GtkWidget            *name_entry;
  GtkWidget            *add_roles_box;
  GtkWidget            *add_button;

  /* Owned References */
  MsStore              *store;
  char                 *actor;
  GPtrArray            *users;         /* MsUser*, the store's list */
  GPtrArray            *rows;          /* the people group's rows */
  GHashTable           *row_checks;    /* login → GtkCheckButton*[4] (in the row) */
  GtkWidget            *add_checks[4];
  char                 *refusal;
  gboolean              editable;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MsUsersWindow, ms_users_window, ADW_TYPE_WINDOW)

static const struct {
  MsRoles     role;
  const char *label;
} role_names[4] = {
  { MS_ROLE_EDITOR, N_("Editor") },
  { MS_ROLE_REVIEWER, N_("Reviewer") },
  { MS_ROLE_PUBLISHER, N_("Publisher") },
  { MS_ROLE_ADMIN, N_("Administrator") },
};

/* Helpers {{{1 */

static GtkWidget *
role_check_new (guint i)
{
  GtkWidget *check = gtk_check_button_new_with_label (_(role_names[i].label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(role_names[i].label),
                                  -1);
  return check;
}

static MsRoles
checks_get_roles (GtkWidget **checks)
{
  MsRoles roles = MS_ROLE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (checks[i])))
      roles |= role_names[i].role;
  return roles;
}

static void
checks_set_roles (GtkWidget **checks,
                  MsRoles     roles)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (checks[i]), (roles & role_names[i].role) != 0);
}

/* Two roles a line: the row keeps room for its title. */
static GtkWidget *
roles_grid_new (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_valign (grid, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  return grid;
}

/* A button that shows @text and is named by it. */
static GtkWidget *
text_button_new (const char *text,
                 const char *action,
                 GVariant   *target)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  return button;
}

static MsUser *
find_user (MsUsersWindow *self,
           const char    *login)
{
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      MsUser *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->login, login) == 0)
        return user;
    }
  return NULL;
}

static void
show_refusal (MsUsersWindow *self,
              const char    *heading,
              const char    *message)
{
  g_autofree char *body = ms_text_escape_controls (message);
  GtkWidget *dialog;

  g_free (self->refusal);
  self->refusal = g_strdup (message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (MsUsersWindow *self,
            const char    *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
person_row_new (MsUsersWindow *self,
                MsUser        *user,
                const char    *why_not)
{
  g_autofree char *roles = _ms_roles_label (user->roles);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *roles_row = adw_action_row_new ();
  GtkWidget *state_row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *grid = roles_grid_new ();
  GtkWidget **checks = g_new0 (GtkWidget *, G_N_ELEMENTS (role_names));
  GtkWidget *apply, *toggle;

  title = g_markup_escape_text (user->name != NULL && *user->name != '\0' ? user->name : user->login, -1);
  subtitle = user->inactive
             /* Translators: a person's login, roles and state, as in "amina · Editor · Deactivated" */
             ? g_markup_printf_escaped (_("%s · %s · Deactivated"), user->login, roles)
             /* Translators: a person's login and roles, as in "amina · Editor" */
             : g_markup_printf_escaped (_("%s · %s"), user->login, roles);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (user->inactive)
    gtk_widget_add_css_class (row, "dim-label");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (roles_row), _("Roles"));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      checks[i] = role_check_new (i);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (checks[i]), (user->roles & role_names[i].role) != 0);
      gtk_widget_set_sensitive (checks[i], self->editable);
      gtk_widget_set_tooltip_text (checks[i], why_not);
      gtk_grid_attach (GTK_GRID (grid), checks[i], i % 2, i / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);
  apply = text_button_new (_("_Change Roles"), "users.set-roles", g_variant_new_string (user->login));
  gtk_widget_set_tooltip_text (apply, why_not != NULL ? why_not : _("Give the ticked roles to this person"));
  gtk_box_append (GTK_BOX (box), apply);
  adw_action_row_add_suffix (ADW_ACTION_ROW (roles_row), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), roles_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (state_row),
                                 user->inactive ? _("Deactivated: can no longer act") : _("Active"));
  toggle = text_button_new (user->inactive ? _("_Reactivate") : _("_Deactivate"), "users.set-active",
                            g_variant_new ("(sb)", user->login, user->inactive));
  if (!user->inactive)
    gtk_widget_add_css_class (toggle, "destructive-action");
  gtk_widget_set_tooltip_text (toggle, why_not != NULL ? why_not
                                       : user->inactive ? _("Let this person act again, with their roles")
                                                        : _("Stop this person from acting; they stay in the audit log"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (state_row), toggle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), state_row);

  g_object_set_data_full (G_OBJECT (row), "ms-login", g_strdup (user->login), g_free);
  g_hash_table_insert (self->row_checks, g_strdup (user->login), checks);
  return row;
}

/* Reads the people again and rebuilds their rows; the expanded row stays expanded. */
static gboolean
reload (MsUsersWindow  *self,
        GError        **error)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *why_not = NULL;
  MsUser *me;

  if (!(users = ms_store_list_users (self->store, error)))
    return FALSE;
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = g_steal_pointer (&users);

  me = find_user (self, self->actor);
  self->editable = me != NULL && !me->inactive && (me->roles & MS_ROLE_ADMIN);
  if (!self->editable)
    why_not = g_strdup_printf (me == NULL ? _("Only an admin can change people: %s is not a user of this catalog")
                               : me->inactive ? _("Only an admin can change people: %s was deactivated")
                               : _("Only an admin can change people: %s does not have the admin role"),
                               self->actor);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        {
          g_free (expanded);
          expanded = g_strdup (g_object_get_data (G_OBJECT (row), "ms-login"));
        }
      adw_preferences_group_remove (self->people_group, row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->row_checks);

  for (guint i = 0; i < self->users->len; i++)
    {
      MsUser *user = g_ptr_array_index (self->users, i);
      GtkWidget *row = person_row_new (self, user, why_not);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_strcmp0 (expanded, user->login) == 0);
      adw_preferences_group_add (self->people_group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.add", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.set-roles", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.set-active", self->editable);
  gtk_widget_set_sensitive (self->login_entry, self->editable);
  gtk_widget_set_sensitive (self->name_entry, self->editable);
  gtk_widget_set_tooltip_text (self->login_entry, why_not);
  gtk_widget_set_tooltip_text (self->name_entry, why_not);
  gtk_widget_set_tooltip_text (self->add_button, why_not);
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      gtk_widget_set_sensitive (self->add_checks[i], self->editable);
      gtk_widget_set_tooltip_text (self->add_checks[i], why_not);
    }
  adw_preferences_group_set_description (self->add_group, why_not);
  return TRUE;
}

/* After a change: the list again, and whoever shows the users is told. */
static void
changed (MsUsersWindow *self,
         const char    *toast)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, &error))
    show_refusal (self, _("The People Could Not Be Read"), error->message);
  show_toast (self, toast);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Actions {{{1 */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  MsUsersWindow *self = MS_USERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_entry))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autofree char *toast = NULL;
  MsUser user = { login, *name != '\0' ? name : NULL, checks_get_roles (self->add_checks), FALSE };

  if (!ms_store_add_user (self->store, self->actor, &user, &error))
    {
      show_refusal (self, _("The Person Was Not Added"), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  checks_set_roles (self->add_checks, MS_ROLE_NONE);
  toast = g_strdup_printf (_("Added %s"), login);
  changed (self, toast);
}

static void
set_roles_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MsUsersWindow *self = MS_USERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *login = g_variant_dup_string (param, NULL);
  g_autofree char *toast = NULL;
  GtkWidget **checks = g_hash_table_lookup (self->row_checks, login);
  MsUser *user = find_user (self, login);

  g_return_if_fail (checks != NULL && user != NULL);

  if (!ms_store_set_user_roles (self->store, self->actor, login, checks_get_roles (checks), &error))
    {
      /* The boxes show the roles the person still has. */
      checks_set_roles (checks, user->roles);
      show_refusal (self, _("The Roles Were Not Changed"), error->message);
      return;
    }
  toast = g_strdup_printf (_("Changed the roles of %s"), login);
  changed (self, toast);
}

static void
set_active_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MsUsersWindow *self = MS_USERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  const char *login;
  gboolean active;

  g_variant_get (param, "(&sb)", &login, &active);
  if (!ms_store_set_user_active (self->store, self->actor, login, active, &error))
    {
      show_refusal (self, active ? _("The Person Was Not Reactivated") : _("The Person Was Not Deactivated"),
                    error->message);
      return;
    }
  toast = g_strdup_printf (active ? _("Reactivated %s") : _("Deactivated %s"), login);
  changed (self, toast);
}

/* GObject {{{1 */

static void
ms_users_window_dispose (GObject *object)
{
  MsUsersWindow *self = MS_USERS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_USERS_WINDOW);

  G_OBJECT_CLASS (ms_users_window_parent_class)->dispose (object);
}

static void
ms_users_window_finalize (GObject *object)
{
  MsUsersWindow *self = MS_USERS_WINDOW (object);

  g_clear_object (&self->store);
  g_free (self->actor);
  g_free (self->refusal);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->row_checks, g_hash_table_unref);

  G_OBJECT_CLASS (ms_users_window_parent_class)->finalize (object);
}

static void
ms_users_window_class_init (MsUsersWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_users_window_dispose;
  object_class->finalize = ms_users_window_finalize;

  /**
   * MsUsersWindow::changed:
   *
   * A person was added or changed in the store.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-users-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MsUsersWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MsUsersWindow, people_group);
  gtk_widget_class_bind_template_child (widget_class, MsUsersWindow, add_group);
  gtk_widget_class_bind_template_child (widget_class, MsUsersWindow, login_entry);
  gtk_widget_class_bind_template_child (widget_class, MsUsersWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MsUsersWindow, add_roles_box);
  gtk_widget_class_bind_template_child (widget_class, MsUsersWindow, add_button);

  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "users.set-roles", "s", set_roles_action);
  gtk_widget_class_install_action (widget_class, "users.set-active", "(sb)", set_active_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ms_users_window_init (MsUsersWindow *self)
{
  GtkWidget *grid;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->row_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  grid = roles_grid_new ();
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      self->add_checks[i] = role_check_new (i);
      gtk_grid_attach (GTK_GRID (grid), self->add_checks[i], i % 2, i / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (self->add_roles_box), grid);
}

/* Public API {{{1 */

/**
 * ms_users_window_new:
 * @store: the catalog
 * @actor: the login acting; only an active admin may change people
 *
 * Returns: (transfer full): a window listing the people of @store. When
 *   they cannot be read, it says why and lists nobody.
 */
MsUsersWindow *
ms_users_window_new (MsStore    *store,
                     const char *actor)
{
  MsUsersWindow *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  self = g_object_new (MS_TYPE_USERS_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->actor = g_strdup (actor);
  if (!reload (self, &error))
    adw_preferences_group_set_description (self->people_group, error->message);
  return self;
}

gboolean
ms_users_window_get_editable (MsUsersWindow *self)
{
  g_return_val_if_fail (MS_IS_USERS_WINDOW (self), FALSE);

  return self->editable;
}

void
ms_users_window_fill_form (MsUsersWindow *self,
                           const char    *login,
                           const char    *name,
                           MsRoles        roles)
{
  g_return_if_fail (MS_IS_USERS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), login != NULL ? login : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  checks_set_roles (self->add_checks, roles);
}

void
ms_users_window_tick_roles (MsUsersWindow *self,
                            const char    *login,
                            MsRoles        roles)
{
  GtkWidget **checks;

  g_return_if_fail (MS_IS_USERS_WINDOW (self));
  g_return_if_fail ((checks = g_hash_table_lookup (self->row_checks, login)) != NULL);

  checks_set_roles (checks, roles);
}

GtkWidget *
ms_users_window_get_row (MsUsersWindow *self,
                         const char    *login)
{
  g_return_val_if_fail (MS_IS_USERS_WINDOW (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->rows, i), "ms-login"), login) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

const char *
ms_users_window_get_refusal (MsUsersWindow *self)
{
  g_return_val_if_fail (MS_IS_USERS_WINDOW (self), NULL);

  return self->refusal;
}
