/* ms-core-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-core"

#include "config.h"

#include "ms-core-error.h"

G_DEFINE_QUARK (ms-core-error-quark, ms_core_error)

gboolean
ms_fail (GError     **error,
         GQuark       domain,
         int          code,
         const char  *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  return FALSE;
}
