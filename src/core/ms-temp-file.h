/* ms-temp-file.h — temporary files beside their target, locked while in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int      ms_temp_file_create       (const char          *path,
                                    int                  mode,
                                    char               **temp,
                                    int                 *lock_fd,
                                    GError             **error);
int      ms_temp_file_lock         (const char          *path,
                                    const char          *link_path,
                                    GError             **error);
guint    ms_temp_file_remove_stale (const char          *path,
                                    const char * const  *suffixes);
gboolean ms_temp_file_replace      (const char          *path,
                                    const char          *data,
                                    gsize                length,
                                    int                  mode,
                                    GError             **error);

G_END_DECLS
