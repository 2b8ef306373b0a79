/* ms-keys-window.c — the signing keys: list, generate, import, export
 *
 * Everything goes through the keyring (src/publish/ms-keyring.h), as
 * `masatir-cli keys` does, with its refusals in the same words. Sealing a
 * key is slow on purpose (Argon2id), so generating and importing run on a
 * thread; the passphrases are copied into wiped memory and the entries are
 * cleared as soon as they are read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-keys-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-keys-window.h"

struct _MsKeysWindow
{
  AdwWindow             parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *message_revealer;
  GtkLabel             *message_label;
  GtkStack             *list_stack;
  GtkListBox           *key_list;
  AdwActionRow         *issuer_row;
  AdwPasswordEntryRow  *passphrase_row;
  AdwPasswordEntryRow  *again_row;
  AdwActionRow         *strength_row;
  GtkLevelBar          *strength_bar;
  GtkSpinner           *spinner;

  /* Owned References */
  MsKeyring            *keyring;
  GPtrArray            *keys;       /* MsKeyInfo*, the list's order */
  GHashTable           *ticked;     /* kid → its check button (borrowed) */
  char                 *issuer;     /* the catalog's, NULL when there is none */
  char                 *message;
  GCancellable         *busy;       /* while a key is sealed */
  GtkFileChooserNative *chooser;
  char                 *chooser_kid; /* the key whose public part is exported */
};

G_DEFINE_FINAL_TYPE (MsKeysWindow, ms_keys_window, ADW_TYPE_WINDOW)

typedef struct {
  MsPassphrase *passphrase;
  char         *path;       /* a JWK file to import; NULL: generate */
} SealJob;

static void
seal_job_free (SealJob *job)
{
  g_clear_pointer (&job->passphrase, ms_passphrase_free);
  g_free (job->path);
  g_free (job);
}

/*
 * Helpers
 */

static void
show_message (MsKeysWindow *self,
              const char   *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
toast (MsKeysWindow *self,
       const char   *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (MsKeysWindow *self)
{
  gboolean busy = self->busy != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.generate", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.trust-store",
                                 self->keys != NULL && self->keys->len > 0);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static GtkWidget *
key_row_new (MsKeysWindow *self,
             MsKeyInfo    *info)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *tick_label = NULL;
  g_autofree char *export_label = NULL;
  g_autofree char *title = NULL;   /* the kid, isolated left to right */
  const char *created = info->created != NULL ? info->created : _("date unknown");
  const char *issuer = info->issuer != NULL ? info->issuer : _("none recorded");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Export _Public Key…"));

  if (info->name != NULL)
    /* Translators: a key's name, when it was made, the issuer it signs for */
    subtitle = g_strdup_printf (_("%s — created %s — issuer %s"), info->name, created, issuer);
  else
    /* Translators: when a key was made, the issuer it signs for */
    subtitle = g_strdup_printf (_("Created %s — issuer %s"), created, issuer);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* The kid is read and compared character by character: monospace
   * (style.css). */
  title = g_strconcat ("\u2066", info->kid, "\u2069", NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "ms-kid");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, info->kid, -1);

  tick_label = g_strdup_printf (_("Include key %s in the trust store"), info->kid);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Include in the trust store"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, tick_label, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_hash_table_insert (self->ticked, g_strdup (info->kid), check);

  export_label = g_strdup_printf (_("Export the public key %s"), info->kid);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, export_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "keys.export-public");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->kid);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
load_keys (MsKeysWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->key_list))) != NULL)
    gtk_list_box_remove (self->key_list, child);
  g_hash_table_remove_all (self->ticked);
  g_clear_pointer (&self->keys, g_ptr_array_unref);

  if (!(self->keys = ms_keyring_list (self->keyring, &error)))
    {
      show_message (self, error->message);
      self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_key_info_free);
    }
  for (guint i = 0; i < self->keys->len; i++)
    gtk_list_box_append (self->key_list, key_row_new (self, g_ptr_array_index (self->keys, i)));
  gtk_stack_set_visible_child_name (self->list_stack, self->keys->len > 0 ? "keys" : "empty");
  update_actions (self);
}

/* The two passphrases, checked as `keys generate` checks them; the entries
 * are cleared either way. */
static MsPassphrase *
take_passphrase (MsKeysWindow *self)
{
  g_autoptr(MsPassphrase) passphrase = ms_passphrase_new (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  g_autoptr(MsPassphrase) again = ms_passphrase_new (gtk_editable_get_text (GTK_EDITABLE (self->again_row)));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");

  if (passphrase[0] == '\0')
    {
      show_message (self, _("the passphrase is empty"));
      return NULL;
    }
  if (g_strcmp0 (passphrase, again) != 0)
    {
      show_message (self, _("the two passphrases differ"));
      return NULL;
    }

  return g_steal_pointer (&passphrase);
}

static void
seal_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MsKeyring *keyring = source_object;
  SealJob *job = task_data;
  GError *error = NULL;
  char *kid;

  if (job->path != NULL)
    kid = ms_keyring_import_jwk_file (keyring, job->path, job->passphrase, &error);
  else
    kid = ms_keyring_generate (keyring, job->passphrase, &error);
  g_clear_pointer (&job->passphrase, ms_passphrase_free);

  if (kid == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, kid, g_free);
}

static void
seal_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MsKeysWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kid = g_task_propagate_pointer (G_TASK (result), &error);
  SealJob *job = g_task_get_task_data (G_TASK (result));

  g_clear_object (&self->busy);
  if (kid == NULL)
    show_message (self, error->message);
  else
    {
      g_autofree char *text = NULL;

      show_message (self, NULL);
      text = job->path != NULL ? g_strdup_printf (_("Key %s imported"), kid)
                               : g_strdup_printf (_("Key %s generated"), kid);
      load_keys (self);
      toast (self, text);
    }
  update_actions (self);
}

static void
start_seal (MsKeysWindow *self,
            const char   *path)
{
  g_autoptr(GTask) task = NULL;
  SealJob *job;
  MsPassphrase *passphrase;

  if (self->busy != NULL)
    return;
  if (!(passphrase = take_passphrase (self)))
    return;

  show_message (self, NULL);
  job = g_new0 (SealJob, 1);
  job->passphrase = passphrase;
  job->path = g_strdup (path);
  self->busy = g_cancellable_new ();
  task = g_task_new (self->keyring, self->busy, seal_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_seal);
  g_task_set_task_data (task, job, (GDestroyNotify) seal_job_free);
  g_task_run_in_thread (task, seal_thread);
  update_actions (self);
}

static const char * const *
ticked_kids (MsKeysWindow *self,
             GPtrArray    *kids)
{
  for (guint i = 0; i < self->keys->len; i++)
    {
      MsKeyInfo *info = g_ptr_array_index (self->keys, i);
      GtkCheckButton *check = g_hash_table_lookup (self->ticked, info->kid);

      if (check != NULL && gtk_check_button_get_active (check))
        g_ptr_array_add (kids, info->kid);
    }
  g_ptr_array_add (kids, NULL);
  return (const char * const *) kids->pdata;
}

/*
 * Callbacks
 */

static void
passphrase_changed_cb (MsKeysWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->again_row));
  g_autofree char *subtitle = NULL;
  guint n_chars, n_kinds;
  MsPassphraseStrength strength = ms_passphrase_strength (text, &n_chars, &n_kinds);
  const char *verdict;

  switch (strength)
    {
    case MS_PASSPHRASE_EMPTY: verdict = NULL; break;
    case MS_PASSPHRASE_WEAK: verdict = _("Weak"); break;
    case MS_PASSPHRASE_FAIR: verdict = _("Fair"); break;
    case MS_PASSPHRASE_STRONG: verdict = _("Strong"); break;
    default: g_assert_not_reached ();
    }

  gtk_level_bar_set_value (self->strength_bar, strength);
  if (verdict == NULL)
    {
      adw_action_row_set_subtitle (self->strength_row, _("Type a passphrase"));
      return;
    }
  /* Translators: “Weak: 9 characters, 2 kinds of character (judged by
   * length and kinds only)”; a sentence of several words is best */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %u characters, %u kind of character (judged by length and kinds only)",
                                           "%s: %u characters, %u kinds of character (judged by length and kinds only)",
                                           n_kinds),
                              verdict, n_chars, n_kinds);
  if (again[0] != '\0' && g_strcmp0 (text, again) != 0)
    {
      g_autofree char *both = g_strdup_printf ("%s — %s", subtitle, _("the two passphrases differ"));

      adw_action_row_set_subtitle (self->strength_row, both);
    }
  else
    adw_action_row_set_subtitle (self->strength_row, subtitle);
}

static void
chooser_response_cb (MsKeysWindow         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkFileChooserAction action = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
        ms_keys_window_import_file (self, path);
      else if (self->chooser_kid != NULL)
        ms_keys_window_export_public_to (self, self->chooser_kid, path);
      else
        ms_keys_window_save_trust_store_to (self, path);
    }
  g_clear_pointer (&self->chooser_kid, g_free);
  g_clear_object (&self->chooser);
}

static void
choose_file (MsKeysWindow         *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char           *name)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/*
 * Actions
 */

static void
ms_keys_window_generate (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  start_seal (MS_KEYS_WINDOW (widget), NULL);
}

static void
ms_keys_window_import (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MsKeysWindow *self = MS_KEYS_WINDOW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  /* The passphrases are checked before a file is asked for. */
  if (text[0] == '\0')
    show_message (self, _("the passphrase is empty"));
  else if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->again_row))) != 0)
    show_message (self, _("the two passphrases differ"));
  else
    choose_file (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import a Private JWK"), _("_Import"), NULL);
}

static void
ms_keys_window_export_public (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  MsKeysWindow *self = MS_KEYS_WINDOW (widget);
  const char *kid = g_variant_get_string (param, NULL);
  g_autofree char *name = g_strdup_printf ("%s.jwks.json", kid);

  if (self->chooser != NULL)
    return;
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export the Public Key To"), _("_Export"), name);
  self->chooser_kid = g_strdup (kid);
}

static void
ms_keys_window_trust_store (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MsKeysWindow *self = MS_KEYS_WINDOW (widget);
  g_autoptr(GPtrArray) kids = g_ptr_array_new ();
  g_autofree char *name = NULL;

  if (self->issuer == NULL)
    {
      show_message (self, _("The catalog has no issuer to sign for: open the catalog the keys sign for"));
      return;
    }
  if (ticked_kids (self, kids)[0] == NULL)
    {
      show_message (self, _("Tick at least one key for the trust store"));
      return;
    }
  name = g_strdup_printf ("%s-trust.json", self->issuer);
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export the Trust Store To"), _("_Export"), name);
}

/*
 * Overrides
 */

static void
ms_keys_window_dispose (GObject *object)
{
  MsKeysWindow *self = MS_KEYS_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MS_TYPE_KEYS_WINDOW);

  G_OBJECT_CLASS (ms_keys_window_parent_class)->dispose (object);
}

static void
ms_keys_window_finalize (GObject *object)
{
  MsKeysWindow *self = MS_KEYS_WINDOW (object);

  g_assert (self->busy == NULL);

  g_clear_object (&self->keyring);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->ticked, g_hash_table_unref);
  g_free (self->issuer);
  g_free (self->message);
  g_free (self->chooser_kid);

  G_OBJECT_CLASS (ms_keys_window_parent_class)->finalize (object);
}

static void
ms_keys_window_class_init (MsKeysWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ms_keys_window_dispose;
  object_class->finalize = ms_keys_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/ma/idarati/Masatir/ms-keys-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, key_list);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, again_row);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, strength_row);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, MsKeysWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);

  gtk_widget_class_install_action (widget_class, "keys.generate", NULL, ms_keys_window_generate);
  gtk_widget_class_install_action (widget_class, "keys.import", NULL, ms_keys_window_import);
  gtk_widget_class_install_action (widget_class, "keys.export-public", "s", ms_keys_window_export_public);
  gtk_widget_class_install_action (widget_class, "keys.trust-store", NULL, ms_keys_window_trust_store);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
label_delegate (AdwPasswordEntryRow *row)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

static void
ms_keys_window_init (MsKeysWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  label_delegate (self->passphrase_row);
  label_delegate (self->again_row);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 2);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, 3);
}

/*
 * Public API
 */

MsPassphraseStrength
ms_passphrase_strength (const char *text,
                        guint      *n_chars,
                        guint      *n_kinds)
{
  gboolean lower = FALSE, upper = FALSE, uncased = FALSE, digit = FALSE, other = FALSE;
  guint chars = 0;
  guint kinds;

  g_return_val_if_fail (text != NULL, MS_PASSPHRASE_EMPTY);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      chars++;
      /* A diacritic (shadda, an accent) adds no kind of its own. */
      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isalpha (c))
        uncased = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }
  kinds = lower + upper + uncased + digit + other;
  if (n_chars != NULL)
    *n_chars = chars;
  if (n_kinds != NULL)
    *n_kinds = kinds;

  /* Length counts most: a long passphrase of words beats a short jumble. */
  if (chars == 0)
    return MS_PASSPHRASE_EMPTY;
  if (chars >= 20 || (chars >= 16 && kinds >= 2))
    return MS_PASSPHRASE_STRONG;
  if (chars >= 12 || (chars >= 10 && kinds >= 3))
    return MS_PASSPHRASE_FAIR;
  return MS_PASSPHRASE_WEAK;
}

/**
 * ms_keys_window_new:
 * @window: the window whose catalog gives the issuer of the trust store
 * @keyring: (nullable): the keys; %NULL: the default keyring
 */
MsKeysWindow *
ms_keys_window_new (MsWindow  *window,
                    MsKeyring *keyring)
{
  MsKeysWindow *self;
  MsStore *store;

  g_return_val_if_fail (MS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (keyring == NULL || MS_IS_KEYRING (keyring), NULL);

  self = g_object_new (MS_TYPE_KEYS_WINDOW, "transient-for", window, NULL);
  self->keyring = keyring != NULL ? g_object_ref (keyring) : ms_keyring_new (NULL);
  if ((store = ms_window_get_store (window)) != NULL)
    self->issuer = ms_store_get_setting (store, "issuer", NULL);
  adw_action_row_set_subtitle (self->issuer_row,
                               self->issuer != NULL ? self->issuer : _("None: the catalog has no issuer"));
  load_keys (self);

  return self;
}

guint
ms_keys_window_get_n_keys (MsKeysWindow *self)
{
  g_return_val_if_fail (MS_IS_KEYS_WINDOW (self), 0);

  return self->keys->len;
}

const char *
ms_keys_window_get_message (MsKeysWindow *self)
{
  g_return_val_if_fail (MS_IS_KEYS_WINDOW (self), NULL);

  return self->message;
}

gboolean
ms_keys_window_is_busy (MsKeysWindow *self)
{
  g_return_val_if_fail (MS_IS_KEYS_WINDOW (self), FALSE);

  return self->busy != NULL;
}

/* Imports the private JWK in @path, sealed with the passphrase typed twice. */
void
ms_keys_window_import_file (MsKeysWindow *self,
                            const char   *path)
{
  g_return_if_fail (MS_IS_KEYS_WINDOW (self));
  g_return_if_fail (path != NULL);

  start_seal (self, path);
}

gboolean
ms_keys_window_export_public_to (MsKeysWindow *self,
                                 const char   *kid,
                                 const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;   /* isolated left to right, for Arabic */

  g_return_val_if_fail (MS_IS_KEYS_WINDOW (self), FALSE);
  g_return_val_if_fail (kid != NULL && path != NULL, FALSE);

  if (!ms_keyring_save_public (self->keyring, kid, path, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  text = g_strdup_printf (_("Public key written to %s"), shown = g_strconcat ("\u2066", path, "\u2069", NULL));
  toast (self, text);
  return TRUE;
}

gboolean
ms_keys_window_set_ticked (MsKeysWindow *self,
                           const char   *kid,
                           gboolean      ticked)
{
  GtkCheckButton *check;

  g_return_val_if_fail (MS_IS_KEYS_WINDOW (self), FALSE);
  g_return_val_if_fail (kid != NULL, FALSE);

  if (!(check = g_hash_table_lookup (self->ticked, kid)))
    return FALSE;
  gtk_check_button_set_active (check, ticked);
  return TRUE;
}

/* The trust store of the ticked keys for the catalog's issuer. */
gboolean
ms_keys_window_save_trust_store_to (MsKeysWindow *self,
                                    const char   *path)
{
  g_autoptr(GPtrArray) kids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;   /* isolated left to right, for Arabic */
  const char * const *list;

  g_return_val_if_fail (MS_IS_KEYS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->issuer == NULL)
    {
      show_message (self, _("The catalog has no issuer to sign for: open the catalog the keys sign for"));
      return FALSE;
    }
  if ((list = ticked_kids (self, kids))[0] == NULL)
    {
      show_message (self, _("Tick at least one key for the trust store"));
      return FALSE;
    }
  if (!ms_keyring_save_trust_store (self->keyring, list, self->issuer, path, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  text = g_strdup_printf (_("Trust store written to %s"), shown = g_strconcat ("\u2066", path, "\u2069", NULL));
  toast (self, text);
  return TRUE;
}
