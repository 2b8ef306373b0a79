/* ms-cli-keys.h — the passphrase prompt, shared by keys and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $MASATIR_PASSPHRASE, else a prompt on the terminal without echo (asked
 * twice when @confirm), else one line of standard input. NULL with an error
 * when there is none or the two do not match. Free with _ms_cli_passphrase_free. */
typedef char MsPassphrase;

MsPassphrase *_ms_cli_read_passphrase (const char    *prompt,
                                       gboolean       confirm,
                                       GError       **error);
void          _ms_cli_passphrase_free (MsPassphrase  *passphrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsPassphrase, _ms_cli_passphrase_free)

G_END_DECLS
