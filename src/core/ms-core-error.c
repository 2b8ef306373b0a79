/* ms-core-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-core"

#include "config.h"

#include "ms-core-error.h"

G_DEFINE_QUARK (ms-core-error-quark, ms_core_error)
