/* ms-store-error.h — the error domain of the store layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MS_STORE_ERROR (ms_store_error_quark ())

typedef enum {
  MS_STORE_ERROR_OPEN,
  MS_STORE_ERROR_LOCKED,
  MS_STORE_ERROR_CORRUPT,
  MS_STORE_ERROR_TOO_NEW,
  MS_STORE_ERROR_CONFLICT,    /* edited meanwhile; a login or code already taken */
  MS_STORE_ERROR_NOT_FOUND,
  MS_STORE_ERROR_DENIED,      /* refused by a rule: unknown user, first user not an admin */
  MS_STORE_ERROR_INVALID,     /* input the store cannot take: a bad login, bad value, not UTF-8 */
  MS_STORE_ERROR_FAILED,      /* any other database failure */
} MsStoreError;

GQuark ms_store_error_quark (void);

G_END_DECLS
