/* ms-temp-file.c — temporary files beside their target, locked while in use
 *
 * A file replaced atomically is first written as PATH.XXXXXX beside PATH
 * (the rename then stays in one file system). A process killed before the
 * rename leaves that file behind, and the next writer of PATH removes it —
 * but only if it is stale: a writer holds an exclusive flock on its
 * temporary file from the moment it creates it until the file is renamed
 * or removed, so a file that can be locked belongs to no live writer, and
 * one that cannot is left alone. Only names of exactly the pattern a
 * writer creates are touched (PATH, a dot, six letters or digits, then one
 * of the given suffixes), and only regular files of the current user.
 *
 * The creator locks after mkstemp, so a cleaner may remove the file in
 * between; the creator then finds its name gone (or naming another file)
 * once it holds the lock, and creates another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-temp-file"
/* open (O_CLOEXEC, O_NOFOLLOW), flock, fstat under -std=c11 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ms-core-error.h"
#include "ms-temp-file.h"

#define RANDOM_LENGTH 6   /* the XXXXXX of g_mkstemp */
#define MAX_ATTEMPTS  16

static int
lock_fd (int fd)
{
  int rc;

  while ((rc = flock (fd, LOCK_EX)) != 0 && errno == EINTR)
    ;
  return rc;
}

/* TRUE when @path names the file open as @fd. */
static gboolean
names_fd (const char *path,
          int         fd)
{
  struct stat by_name, by_fd;

  return lstat (path, &by_name) == 0 && fstat (fd, &by_fd) == 0
         && by_name.st_dev == by_fd.st_dev && by_name.st_ino == by_fd.st_ino;
}

/* Creates PATH.XXXXXX with @mode (before the umask), open for writing.
 * *@lock_fd holds the lock: the file counts as in use until it is closed
 * (the returned descriptor may be closed earlier). */
int
ms_temp_file_create (const char  *path,
                     int          mode,
                     char       **temp,
                     int         *lock_fd_out,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL && temp != NULL && lock_fd_out != NULL, -1);

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autofree char *name = g_strconcat (path, ".XXXXXX", NULL);
      int fd = g_mkstemp_full (name, O_WRONLY | O_CLOEXEC, mode);
      int lock;

      if (fd < 0)
        {
          ms_set_io_error (error, errno, _("cannot create a file beside"), path);
          return -1;
        }
      if (lock_fd (fd) != 0 || (lock = fcntl (fd, F_DUPFD_CLOEXEC, 0)) < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (name);
          ms_set_io_error (error, saved_errno, _("cannot lock"), name);
          return -1;
        }
      if (names_fd (name, fd))
        {
          *temp = g_steal_pointer (&name);
          *lock_fd_out = lock;
          return fd;
        }
      /* Removed as stale before we held the lock: another name. */
      close (lock);
      close (fd);
    }
  g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
               _("cannot create a file beside %s: its temporary files keep disappearing"), path);
  return -1;
}

/* Locks the file at @path and links it as @link_path (one of the names
 * ms_temp_file_remove_stale looks for), so that the link is never taken
 * for stale while the returned descriptor is open. -1 with @error set on
 * failure, and no link left. */
int
ms_temp_file_lock (const char  *path,
                   const char  *link_path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL && link_path != NULL, -1);

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

      if (fd < 0 || lock_fd (fd) != 0)
        {
          int saved_errno = errno;

          if (fd >= 0)
            close (fd);
          ms_set_io_error (error, saved_errno, _("cannot lock"), path);
          return -1;
        }
      if (link (path, link_path) != 0)
        {
          int saved_errno = errno;

          close (fd);
          ms_set_io_error (error, saved_errno, _("cannot keep the file being replaced"), path);
          return -1;
        }
      if (names_fd (link_path, fd))
        return fd;
      /* @path was replaced between the open and the link: again. */
      g_unlink (link_path);
      close (fd);
    }
  g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
               _("cannot keep the file being replaced %s: it keeps changing"), path);
  return -1;
}

/* TRUE when @name is @base, a dot, RANDOM_LENGTH letters or digits, and
 * one of @suffixes. */
static gboolean
is_temp_name (const char         *name,
              const char         *base,
              const char * const *suffixes)
{
  gsize base_length = strlen (base);
  const char *rest;

  if (strncmp (name, base, base_length) != 0 || name[base_length] != '.')
    return FALSE;
  rest = name + base_length + 1;
  for (guint i = 0; i < RANDOM_LENGTH; i++)
    if (!g_ascii_isalnum (rest[i]))
      return FALSE;
  rest += RANDOM_LENGTH;
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (strcmp (rest, suffixes[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Removes @candidate when it is a regular file of ours that no process
 * holds locked. */
static gboolean
remove_if_stale (const char *candidate)
{
  int fd = open (candidate, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  struct stat st;
  gboolean removed = FALSE;

  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
      && flock (fd, LOCK_EX | LOCK_NB) == 0
      && names_fd (candidate, fd))
    removed = g_unlink (candidate) == 0;
  close (fd);
  return removed;
}

/* Removes the stale temporary files of @path: PATH.XXXXXX followed by one
 * of @suffixes ("" for none), that no live writer holds. Returns how many
 * were removed. */
guint
ms_temp_file_remove_stale (const char         *path,
                           const char * const *suffixes)
{
  g_autofree char *dir_name = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (path != NULL && suffixes != NULL, 0);

  dir_name = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if ((dir = g_dir_open (dir_name, 0, NULL)) == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_temp_name (name, base, suffixes))
      {
        g_autofree char *candidate = g_build_filename (dir_name, name, NULL);

        if (remove_if_stale (candidate))
          {
            g_debug ("removed the stale temporary file %s", candidate);
            removed++;
          }
      }
  return removed;
}

/* Replaces @path with @data atomically and durably, through a locked
 * PATH.XXXXXX; stale ones left by a writer that was killed are removed
 * first. */
gboolean
ms_temp_file_replace (const char  *path,
                      const char  *data,
                      gsize        length,
                      int          mode,
                      GError     **error)
{
  static const char * const plain[] = { "", NULL };
  g_autofree char *temp = NULL;
  g_autofree char *dir = NULL;
  gsize written = 0;
  int fd, lock, dir_fd;

  g_return_val_if_fail (path != NULL && (data != NULL || length == 0), FALSE);

  ms_temp_file_remove_stale (path, plain);
  if ((fd = ms_temp_file_create (path, mode, &temp, &lock, error)) < 0)
    return FALSE;
  while (written < length)
    {
      gssize n = write (fd, data + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      written += (gsize) n;
    }
  if (written < length || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      fd = -1;
      errno = saved_errno;
    }
  if (fd < 0 || close (fd) != 0 || g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      close (lock);
      return ms_set_io_error (error, saved_errno, _("cannot write"), path);
    }
  close (lock);
  dir = g_path_get_dirname (path);
  if ((dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}
