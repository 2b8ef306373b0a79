/* ms-cli-keys.h — the passphrase prompt, shared by keys and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ms-keyring.h"

G_BEGIN_DECLS

/* $MASATIR_PASSPHRASE, else a prompt on the terminal without echo (asked
 * twice when @confirm), else one line of standard input. NULL with an error
 * when there is none or the two do not match. Free with ms_passphrase_free. */
MsPassphrase *_ms_cli_read_passphrase (const char    *prompt,
                                       gboolean       confirm,
                                       GError       **error);

G_END_DECLS
