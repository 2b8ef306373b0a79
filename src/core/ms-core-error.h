/* ms-core-error.h — the error domain of the domain layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MS_CORE_ERROR (ms_core_error_quark ())

typedef enum {
  MS_CORE_ERROR_PARSE,     /* not JSON, or not UTF-8 */
  MS_CORE_ERROR_FORMAT,    /* JSON, but not the sheet format */
  MS_CORE_ERROR_IO,        /* the file could not be read */
  MS_CORE_ERROR_DENIED,    /* the workflow or a role does not allow the action */
  MS_CORE_ERROR_INPUT,     /* what a person typed is not a value of the field */
  MS_CORE_ERROR_MISMATCH,  /* versions of different sheets were given together */
} MsCoreError;

GQuark   ms_core_error_quark (void);

/* Sets @error (when not NULL) from a printf-style message and returns FALSE,
 * so that a refusal reads "return ms_fail (error, …);". Control characters
 * in the message (in the input it quotes) are shown escaped
 * (ms_text_escape_controls): use it for every message that quotes input. */
gboolean ms_fail             (GError     **error,
                              GQuark       domain,
                              int          code,
                              const char  *format,
                              ...) G_GNUC_PRINTF (4, 5);
/* Sets @error (when not NULL) to MS_CORE_ERROR_IO, "@what @path: " and the
 * text of @saved_errno (an errno kept before a later call could change
 * it), and returns FALSE. */
gboolean ms_set_io_error     (GError     **error,
                              int          saved_errno,
                              const char  *what,
                              const char  *path);

G_END_DECLS
