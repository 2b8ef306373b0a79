/* ms-store-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include "ms-store-error.h"

G_DEFINE_QUARK (ms-store-error-quark, ms_store_error)
