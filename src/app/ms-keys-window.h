/* ms-keys-window.h — the signing keys: list, generate, import, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-keyring.h"
#include "ms-window.h"

G_BEGIN_DECLS

#define MS_TYPE_KEYS_WINDOW (ms_keys_window_get_type ())
G_DECLARE_FINAL_TYPE (MsKeysWindow, ms_keys_window, MS, KEYS_WINDOW, AdwWindow)

/* How strong a passphrase looks from its length and its kinds of
 * character (lower case, upper case, uncased letters, digits, others). */
typedef enum {
  MS_PASSPHRASE_EMPTY,
  MS_PASSPHRASE_WEAK,
  MS_PASSPHRASE_FAIR,
  MS_PASSPHRASE_STRONG,
} MsPassphraseStrength;

MsPassphraseStrength ms_passphrase_strength (const char *text,
                                             guint      *n_chars,
                                             guint      *n_kinds);

MsKeysWindow *ms_keys_window_new                 (MsWindow     *window,
                                                  MsKeyring    *keyring);
guint         ms_keys_window_get_n_keys          (MsKeysWindow *self);
/* The message shown (a refusal or a failure), or NULL. */
const char   *ms_keys_window_get_message         (MsKeysWindow *self);
/* A key is being generated or imported. */
gboolean      ms_keys_window_is_busy             (MsKeysWindow *self);
/* What the file choosers lead to. */
void          ms_keys_window_import_file         (MsKeysWindow *self,
                                                  const char   *path);
gboolean      ms_keys_window_export_public_to    (MsKeysWindow *self,
                                                  const char   *kid,
                                                  const char   *path);
gboolean      ms_keys_window_set_ticked          (MsKeysWindow *self,
                                                  const char   *kid,
                                                  gboolean      ticked);
gboolean      ms_keys_window_save_trust_store_to (MsKeysWindow *self,
                                                  const char   *path);

G_END_DECLS
