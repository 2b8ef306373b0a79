/* ms-core-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-core"

#include "config.h"

#include "ms-core-error.h"
#include "ms-text.h"

G_DEFINE_QUARK (ms-core-error-quark, ms_core_error)

gboolean
ms_fail (GError     **error,
         GQuark       domain,
         int          code,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* The arguments are ids, logins and values read from files: whatever
   * they hold, the message stays one line that cannot steer a terminal. */
  escaped = ms_text_escape_controls (message);
  *error = g_error_new_literal (domain, code, escaped);
  return FALSE;
}

gboolean
ms_set_io_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, "%s %s: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}
