/* ms-export-private.h — the export's parts, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ms-bundle.h"
#include "ms-keys.h"
#include "ms-store.h"

G_BEGIN_DECLS

/* The steps MASATIR_EXPORT_FAIL_AT names (a test knob). */
typedef enum {
  STEP_NONE,
  STEP_BUILD,
  STEP_WRITE,
  STEP_VERIFY,
  STEP_RENAME,
  STEP_COMMIT,
} Step;

/* The bundle file on its way to FILE. */
typedef struct {
  char     *path;       /* FILE */
  char     *dir;
  char     *temp;       /* FILE.XXXXXX, while it exists */
  int       fd;         /* open on temp while it is written, else -1 */
  int       lock;       /* holds temp (then FILE) locked: never taken for stale */
  int       previous_lock; /* the same for previous */
  GThread  *flush;      /* flushing temp to the disk */
  int       flush_errno;
  const char *flush_what;
  char     *previous;   /* a hard link to the file FILE replaced, until the commit */
  gboolean  installed;  /* FILE is the new bundle */
  GCancellable *cancellable;
} Output;

/* TRUE, with @error set, when the test knob asks @step to fail. */
gboolean _ms_export_fails_here      (Step                step,
                                     GError            **error);

/* The bundle file, from FILE.XXXXXX to FILE (ms-export-output.c). */
void     _ms_export_output_clear    (Output             *out);
gboolean _ms_export_output_create   (Output             *out,
                                     GError            **error);
/* An MsBundleSink writing to the temporary file; @user_data is the Output. */
gboolean _ms_export_output_sink     (const char         *data,
                                     gsize               length,
                                     gpointer            user_data,
                                     GError            **error);
gboolean _ms_export_output_close    (Output             *out,
                                     GError            **error);
gboolean _ms_export_output_flushed  (Output             *out,
                                     GError            **error);
gboolean _ms_export_output_verify   (Output             *out,
                                     const MsExportSet  *set,
                                     MsKey              *key,
                                     GPtrArray          *entries,
                                     const char         *manifest_sha256,
                                     GError            **error);
gboolean _ms_export_output_install  (Output             *out,
                                     GError            **error);
void     _ms_export_output_abort    (Output             *out);
void     _ms_export_output_finish   (Output             *out);

G_END_DECLS
