/* ms-bundle-lock.c — the lock on verify's state file (design.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-bundle"
/* flock (2) and O_CLOEXEC under -std=c11 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "ms-bundle.h"
#include "ms-core-error.h"

struct _MsBundleStateLock {
  int fd;
};

/* The lock is on a sibling file, never on the state file itself: saving
 * renames a new file over the state (a new inode), so a lock on the old
 * inode would let a process that waited on it and one that opens the new
 * file both go on; and before the first bundle is accepted there is no
 * state file to lock. PATH.lock is never replaced nor removed. flock(2),
 * not fcntl(2), so that build-aux/verify-bundle.py (fcntl.flock) takes the
 * very same lock. */
MsBundleStateLock *
ms_bundle_state_lock (const char  *path,
                      GError     **error)
{
  g_autofree char *lock_path = NULL;
  MsBundleStateLock *lock;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lock_path = g_strconcat (path, ".lock", NULL);
  if ((fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, _("cannot open the lock file %s: %s"),
                   lock_path, g_strerror (saved_errno));
      return NULL;
    }
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        int saved_errno = errno;

        close (fd);
        g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, _("cannot lock %s: %s"),
                     lock_path, g_strerror (saved_errno));
        return NULL;
      }
  lock = g_new0 (MsBundleStateLock, 1);
  lock->fd = fd;
  return lock;
}

void
ms_bundle_state_unlock (MsBundleStateLock *lock)
{
  if (lock == NULL)
    return;
  /* Closing the only descriptor of the open file releases the lock. */
  close (lock->fd);
  g_free (lock);
}
