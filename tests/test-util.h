/* test-util.h — small helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <errno.h>
#include <glib/gstdio.h>

/* Deletes @path and everything below it (a test's g_dir_make_tmp folder),
 * asserting that each removal succeeds, so a test that leaves a file open
 * or a folder it cannot delete is noticed. */
static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_remove_tree (child);
      /* Gone meanwhile is gone: SQLite removes a catalog's -wal and -shm
       * files when its last connection closes, which a thread that used
       * the catalog (an export's second connection) may do just as the
       * folder is removed. */
      else if (g_unlink (child) != 0)
        g_assert_cmpint (errno, ==, ENOENT);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* Copies the file @from over @to (a catalog put back as it was). */
static inline void
test_copy_file (const char *from,
                const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}
