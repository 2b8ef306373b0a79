/* ms-export-output.c — the bundle file on its way: FILE.XXXXXX to FILE
 *
 * The export's file side (ms-export.c says why in this order): the stale
 * temporaries removed, FILE.XXXXXX created and locked beside FILE, written
 * a chunk at a time, flushed in a thread of its own while it is read back
 * and verified, renamed to FILE (a file it replaces kept as a hard link
 * until the commit), the folder synced; or, after a failure or a
 * cancellation, everything as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-export"
/* open (O_DIRECTORY, O_CLOEXEC) and link under -std=c11 */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ms-core-error.h"
#include "ms-export-private.h"
#include "ms-temp-file.h"

static const char * const step_names[] = { "", "build", "write", "verify", "rename", "commit" };

/* Once temp and previous are gone: another export may remove what it
 * finds of their pattern. */
static void
output_unlock (Output *out)
{
  if (out->lock >= 0)
    close (out->lock);
  if (out->previous_lock >= 0)
    close (out->previous_lock);
  out->lock = out->previous_lock = -1;
}

void
_ms_export_output_clear (Output *out)
{
  _ms_export_output_flushed (out, NULL);
  g_free (out->path);
  g_free (out->dir);
  g_free (out->temp);
  g_free (out->previous);
  output_unlock (out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Output, _ms_export_output_clear)

/* {{{1 Helpers */

/* The step $MASATIR_EXPORT_FAIL_AT names (a test knob). */
static Step
injected_step (void)
{
  const char *name = g_getenv ("MASATIR_EXPORT_FAIL_AT");

  for (guint i = STEP_BUILD; name != NULL && i < G_N_ELEMENTS (step_names); i++)
    if (strcmp (name, step_names[i]) == 0)
      return i;
  return STEP_NONE;
}

/* TRUE, with @error set, when the test knob asks @step to fail. */
gboolean
_ms_export_fails_here (Step     step,
                       GError **error)
{
  if (injected_step () != step)
    return FALSE;
  g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
               _("failure injected at the %s step (MASATIR_EXPORT_FAIL_AT)"), step_names[step]);
  return TRUE;
}

/* Makes the folder's entries (a rename, an unlink) durable. */
static gboolean
sync_dir (const char  *dir,
          GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    return close (fd) == 0 || ms_set_io_error (error, errno, _("cannot close the folder"), dir);
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  return ms_set_io_error (error, saved_errno, _("cannot sync the folder"), dir);
}

/* What an export killed on its way (kill -9, a power cut) leaves beside
 * FILE: FILE.XXXXXX, and FILE.XXXXXX.previous once it was renamed. */
static const char * const temp_suffixes[] = { "", ".previous", NULL };

/* FILE.XXXXXX in FILE's folder (so that the rename stays in one file
 * system), open for writing, locked (see ms-temp-file.c) until the export
 * ends. The stale ones a killed export left are removed first; those of an
 * export still running, locked, are left alone. */
gboolean
_ms_export_output_create (Output  *out,
                          GError **error)
{
  guint stale = ms_temp_file_remove_stale (out->path, temp_suffixes);

  if (stale > 0)
    g_debug ("removed %u stale temporary files beside %s", stale, out->path);
  out->fd = ms_temp_file_create (out->path, 0644, &out->temp, &out->lock, error);
  return out->fd >= 0;
}

/* The MsBundleSink: the next piece of the bundle into the file. */
gboolean
_ms_export_output_sink (const char  *data,
                        gsize        length,
                        gpointer     user_data,
                        GError     **error)
{
  Output *out = user_data;
  /* The knob stops half-way: a partial file is what must not remain. */
  gsize wanted = injected_step () == STEP_WRITE ? length / 2 : length;
  gsize written = 0;

  if (g_cancellable_set_error_if_cancelled (out->cancellable, error))
    return FALSE;
  while (written < wanted)
    {
      gssize n = write (out->fd, data + written, MIN (wanted - written, (gsize) 1 << 30));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return ms_set_io_error (error, errno, _("cannot write"), out->temp);
      written += (gsize) n;
    }
  return written == length || !_ms_export_fails_here (STEP_WRITE, error);
}

/* Flushes the file to the disk and closes it, in a thread of its own: the
 * verification reads the same bytes meanwhile (from memory); the rename
 * waits for both (_ms_export_output_flushed). */
static gpointer
flush_thread (gpointer data)
{
  Output *out = data;
  int fd = out->fd;

  out->fd = -1;
  if (g_fsync (fd) != 0)
    {
      out->flush_errno = errno;
      out->flush_what = _("cannot flush");
      close (fd);
    }
  else if (close (fd) != 0)
    {
      out->flush_errno = errno;
      out->flush_what = _("cannot close");
    }
  return NULL;
}

gboolean
_ms_export_output_close (Output  *out,
                         GError **error)
{
  return (out->flush = g_thread_try_new ("ms-export-flush", flush_thread, out, error)) != NULL;
}

gboolean
_ms_export_output_flushed (Output  *out,
                           GError **error)
{
  if (out->flush != NULL)
    g_thread_join (g_steal_pointer (&out->flush));
  return out->flush_what == NULL || ms_set_io_error (error, out->flush_errno, out->flush_what, out->temp);
}

/* The trust store the portal would pin for this key and issuer. */
static MsTrustStore *
own_trust_store (MsKey       *key,
                 const char  *issuer,
                 GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "keys");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, key->kid);
  json_builder_add_value (b, ms_key_to_trust_entry (key, issuer));
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  return ms_trust_store_new_from_data (text, strlen (text), error);
}

/* The portal's view of the catalog's last export, so that the chain is
 * verified too. */
static JsonNode *
own_state (const MsExportSet *set)
{
  JsonObject *state = json_object_new ();

  if (set->sequence > 0 && set->previous != NULL)
    {
      JsonObject *last = json_object_new ();

      json_object_set_int_member (last, "sequence", set->sequence);
      json_object_set_string_member (last, "manifest_sha256", set->previous);
      json_object_set_object_member (state, set->issuer, last);
    }
  return json_node_init_object (json_node_alloc (), state);
}

/* The portal's checks on the bytes now on the disk: the wrapper, the
 * signature, the manifest, the chain, the entry set and every entry's size
 * and SHA-256, all read back from the file. */
gboolean
_ms_export_output_verify (Output             *out,
                          const MsExportSet  *set,
                          MsKey              *key,
                          GPtrArray          *entries,
                          const char         *manifest_sha256,
                          GError            **error)
{
  g_autoptr(MsTrustStore) trust = NULL;
  g_autoptr(JsonNode) state = own_state (set);
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autoptr(GMappedFile) file = NULL;
  char *data;

  /* Mapped, not copied: a private mapping, so the knob below changes the
   * bytes seen here only. */
  if (!(trust = own_trust_store (key, set->issuer, error))
      || !(file = g_mapped_file_new (out->temp, TRUE, error)))
    return FALSE;
  data = g_mapped_file_get_contents (file);
  if (injected_step () == STEP_VERIFY)
    {
      /* The knob damages the signature in memory: the real check refuses it. */
      char *signature = g_strstr_len (data, g_mapped_file_get_length (file), "\"signature\": \"");

      g_assert (signature != NULL);
      signature += strlen ("\"signature\": \"");
      *signature = *signature == 'A' ? 'B' : 'A';
    }
  verified = ms_bundle_verify_built (data, g_mapped_file_get_length (file), trust, state,
                                     g_get_real_time () / G_USEC_PER_SEC, entries, error);
  if (verified == NULL)
    {
      g_prefix_error (error, _("the bundle written does not verify (%s): "),
                      ms_bundle_failure_name ((*error)->code));
      return FALSE;
    }
  if (verified->sequence != set->sequence + 1 || strcmp (verified->manifest_sha256, manifest_sha256) != 0
      || verified->ids->len != set->items->len || verified->withdrawn->len != set->withdrawn->len)
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO,
                           _("the bundle read back is not the bundle built"));
      return FALSE;
    }
  return TRUE;
}

/* The temporary file becomes FILE; a file already there is kept as a hard
 * link until the commit, to be put back if the commit fails. */
gboolean
_ms_export_output_install (Output   *out,
                           GError  **error)
{
  if (_ms_export_fails_here (STEP_RENAME, error))
    return FALSE;
  if (g_file_test (out->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *previous = g_strconcat (out->temp, ".previous", NULL);

      if ((out->previous_lock = ms_temp_file_lock (out->path, previous, error)) < 0)
        return FALSE;
      out->previous = g_steal_pointer (&previous);
    }
  if (g_rename (out->temp, out->path) != 0)
    return ms_set_io_error (error, errno, _("cannot rename the bundle to"), out->path);
  g_clear_pointer (&out->temp, g_free);
  out->installed = TRUE;
  return sync_dir (out->dir, error);
}

/* After a failure: no temporary file, and FILE as it was before. */
void
_ms_export_output_abort (Output *out)
{
  _ms_export_output_flushed (out, NULL);
  if (out->fd >= 0)
    close (out->fd);
  out->fd = -1;
  if (out->temp != NULL)
    g_unlink (out->temp);
  if (out->installed)
    {
      if (out->previous != NULL)
        g_rename (out->previous, out->path);
      else
        g_unlink (out->path);
    }
  else if (out->previous != NULL)
    g_unlink (out->previous);
  output_unlock (out);
  sync_dir (out->dir, NULL);
}

void
_ms_export_output_finish (Output *out)
{
  if (out->previous != NULL)
    g_unlink (out->previous);
  output_unlock (out);
}
