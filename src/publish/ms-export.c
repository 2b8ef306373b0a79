/* ms-export.c — publishing by export: the signed bundle, for both shells
 *
 * Publishing happens by export (design.md §3), and an export is atomic
 * (§4): the sequence number and the sheets' published state are committed
 * only once the bundle is completely written and has passed verification.
 * The steps, each of which may fail leaving the catalog as it was and no
 * partial file behind:
 *
 *   read the export set → unseal the key → build (each revision's JSON
 *   checked against the SHA-256 the catalog recorded when it was saved and
 *   approved) → sign, and write FILE.XXXXXX a chunk at a time, and fsync it →
 *   verify the bytes written
 *   (ms_bundle_verify_built, the key as trust store, the catalog's chain as
 *   state: every check of the portal but the reading of each entry as a
 *   procedure) → rename to FILE and fsync the folder → commit in the catalog.
 *
 * The catalog's changes (states, publications, audit entries, sequence)
 * are made in their transaction by a second thread from the signature on,
 * while the file is written and verified; the transaction then
 * waits, and is committed only after the rename, or rolled back. A
 * transaction that fails on its own (another export came first, the set
 * changed, an approval does not match its revision) stops the export
 * before the rename.
 *
 * Why the rename comes before the commit: done the other way round, a
 * failed rename after a successful commit leaves a sequence number recorded
 * (and the next bundle chained to it) with no bundle under FILE, so the
 * portal's chain breaks. Renamed first, FILE is complete and verified at
 * every instant; if the commit then fails, FILE is removed again (or the
 * file it replaced is put back, kept meanwhile as a hard link), so no bundle
 * is left whose sequence the catalog does not know. Only a crash between
 * the two steps can leave such a file; the export then did not report
 * success, and its bundle must not be delivered: the next export reuses
 * the sequence, which a portal that saw the first calls an equivocation.
 *
 * A killed export cannot remove FILE.XXXXXX (nor FILE.XXXXXX.previous);
 * the next export does, leaving alone those an export still running holds
 * locked (ms-temp-file.c).
 *
 * Moved out of masatir-cli so that the window exports through the same
 * code: ms_publish_export runs it in the calling thread (the CLI),
 * ms_publish_export_async in a GTask thread, reporting each step on the
 * caller's main context. A cancellation is honoured at every step up to
 * the commit: the gate is closed, the transaction rolled back, and the
 * file put back as it was (as for any failure).
 *
 * The file's side of it is ms-export-output.c.
 *
 * MASATIR_EXPORT_FAIL_AT=build|write|verify|commit|rename is a test knob,
 * read only by the export: it fails at that step as if that step had gone
 * wrong, so that tests can check what is left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-export"

#include "config.h"

#include <malloc.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ms-bundle.h"
#include "ms-core-error.h"
#include "ms-export.h"
#include "ms-export-private.h"
#include "ms-keys.h"
#include "ms-parallel.h"
#include "ms-workflow.h"

/* {{{1 The export and its reports */

typedef struct {
  MsStore            *store;
  MsKeyring          *keyring;
  char               *actor;
  char               *kid;
  MsPassphrase       *passphrase;  /* until the key is unsealed */
  gint64              expires_days;
  gint64              created;
  GCancellable       *cancellable;
  Output              out;

  MsExportSet        *set;
  MsKey              *key;
  GPtrArray          *entries;   /* MsBundleEntry*, sorted: what the bundle holds */
  MsBundleWriter     *writer;
  char               *manifest_sha256;
  char               *today;
  gint64              started;   /* monotonic µs */
  /* The key is unsealed (Argon2id: slow on purpose) in a thread of its own
   * while the set is read and the entries are built; signing waits for it. */
  GThread            *unseal;
  GError             *unseal_error;

  /* Reports: called under report_lock (sync), or delivered on context
   * (async), where a step report holds the export until it is delivered. */
  MsExportProgressFunc progress;
  gpointer            progress_data;
  GDestroyNotify      progress_data_free;
  GMainContext       *context;
  GTask              *task;      /* not a reference: the task owns the export */
  GMutex              report_lock;
  GCond               report_cond;
  guint               reports_sent;
  guint               reports_delivered;
  guint               entries_reported;
  gint                entries_built;  /* atomic */
  gint                entry_pending;  /* atomic: an ENTRY report waits on context */
} Export;

typedef struct {
  GTask        *task;
  MsExportStep  step;
  guint         done;
  guint         total;
} Report;

static guint
export_total (Export *e)
{
  return e->set != NULL ? e->set->items->len : 0;
}

static gboolean
deliver_cb (gpointer data)
{
  Report *r = data;
  Export *e = g_task_get_task_data (r->task);

  if (r->step == MS_EXPORT_STEP_ENTRY)
    {
      /* Coalesced: the count when the main loop gets here. */
      guint done;

      g_atomic_int_set (&e->entry_pending, 0);
      done = (guint) g_atomic_int_get (&e->entries_built);
      if (done > e->entries_reported)
        {
          e->entries_reported = done;
          e->progress (MS_EXPORT_STEP_ENTRY, done, export_total (e), e->progress_data);
        }
      return G_SOURCE_REMOVE;
    }
  e->progress (r->step, r->done, r->total, e->progress_data);
  return G_SOURCE_REMOVE;
}

/* Called once the report is delivered, or dropped with its context: the
 * export waiting for it goes on either way. */
static void
report_free (gpointer data)
{
  Report *r = data;
  Export *e = g_task_get_task_data (r->task);

  if (r->step != MS_EXPORT_STEP_ENTRY)
    {
      g_mutex_lock (&e->report_lock);
      e->reports_delivered++;
      g_cond_broadcast (&e->report_cond);
      g_mutex_unlock (&e->report_lock);
    }
  g_object_unref (r->task);
  g_free (r);
}

static void
post (Export       *e,
      MsExportStep  step,
      guint         done,
      guint         total)
{
  Report *r = g_new0 (Report, 1);
  GSource *source;

  r->task = g_object_ref (e->task);
  r->step = step;
  r->done = done;
  r->total = total;
  /* An idle source rather than g_main_context_invoke: invoked from this
   * thread on the global default context, which this thread may acquire
   * too, the report would be delivered here. */
  source = g_idle_source_new ();
  /* The task's priority: the result never overtakes a report. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, r, report_free);
  g_source_set_static_name (source, "[ms-export] report");
  g_source_attach (source, e->context);
  g_source_unref (source);
}

/* One more entry built, on any thread. */
static void
report_entry (Export *e)
{
  guint done = (guint) g_atomic_int_add (&e->entries_built, 1) + 1;

  if (e->progress == NULL)
    return;
  if (e->context != NULL)
    {
      if (g_atomic_int_compare_and_exchange (&e->entry_pending, 0, 1))
        post (e, MS_EXPORT_STEP_ENTRY, 0, 0);
      return;
    }
  g_mutex_lock (&e->report_lock);
  done = (guint) g_atomic_int_get (&e->entries_built);
  if (done > e->entries_reported)
    {
      e->entries_reported = done;
      e->progress (MS_EXPORT_STEP_ENTRY, done, export_total (e), e->progress_data);
    }
  g_mutex_unlock (&e->report_lock);
}

/* @step is done: reported, and then FALSE (with G_IO_ERROR_CANCELLED) when
 * the export is cancelled, so that it stops before the next step. */
static gboolean
report (Export        *e,
        MsExportStep   step,
        GError       **error)
{
  guint done = (guint) g_atomic_int_get (&e->entries_built);

  if (e->progress != NULL && e->context != NULL)
    {
      guint serial;

      g_mutex_lock (&e->report_lock);
      serial = ++e->reports_sent;
      g_mutex_unlock (&e->report_lock);
      post (e, step, done, export_total (e));
      g_mutex_lock (&e->report_lock);
      while (e->reports_delivered < serial)
        g_cond_wait (&e->report_cond, &e->report_lock);
      g_mutex_unlock (&e->report_lock);
    }
  else if (e->progress != NULL)
    {
      g_mutex_lock (&e->report_lock);
      e->progress (step, done, export_total (e), e->progress_data);
      g_mutex_unlock (&e->report_lock);
    }
  return !g_cancellable_set_error_if_cancelled (e->cancellable, error);
}

/* Where the time goes, for G_MESSAGES_DEBUG=ms-export. */
static gboolean
done (Export     *e,
      const char *step)
{
  g_debug ("export: %s done at %.3f s", step, (g_get_monotonic_time () - e->started) / 1e6);
  return TRUE;
}

/* {{{1 Steps */

typedef struct {
  Export         *e;
  MsExportSet    *set;
  const char     *today;
  MsBundleEntry **entries;
  GError        **errors;
} EntriesJob;

/* One entry from its revision's JSON, on any core. The JSON must be the
 * bytes whose SHA-256 the catalog recorded when the revision was saved
 * (and the reviewer approved): that is what goes to the portal. The store
 * keeps that JSON canonical (design.md §2), so the two members are spliced
 * in without parsing it. A revision published before the publications
 * table existed has no date of its own: it takes the export's. */
static void
build_entry (guint    index,
             gpointer data)
{
  EntriesJob *job = data;
  MsExportItem *item = g_ptr_array_index (job->set->items, index);
  GError **error = &job->errors[index];
  g_autoptr(MsBundleEntry) entry = NULL;
  char sha256[MS_SHA256_HEX_LEN + 1];
  gsize length;
  const char *json;

  if (g_cancellable_set_error_if_cancelled (job->e->cancellable, error))
    return;
  json = g_bytes_get_data (item->json, &length);
  if (!(entry = ms_bundle_entry_new_from_canonical (item->id, json, length, item->revision,
                                                    item->published != NULL ? item->published : job->today,
                                                    sha256, error)))
    {
      g_prefix_error (error, _("sheet %s revision %d: "), item->id, (int) item->revision);
      return;
    }
  if (g_strcmp0 (sha256, item->sha256) != 0)
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("sheet %s revision %d: the stored content does not have the SHA-256 recorded "
                     "when it was saved; the catalog was altered"), item->id, (int) item->revision);
      return;
    }
  g_clear_pointer (&item->json, g_bytes_unref);
  job->entries[index] = g_steal_pointer (&entry);
  report_entry (job->e);
}

/* The entries, from the revisions' JSON; each JSON is dropped once used.
 * The first failure in the catalog's order is the one reported. */
static GPtrArray *
build_entries (Export       *e,
               GError      **error)
{
  MsExportSet *set = e->set;
  guint n = set->items->len;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (n, (GDestroyNotify) ms_bundle_entry_free);
  g_autofree MsBundleEntry **built = g_new0 (MsBundleEntry *, n);
  g_autofree GError **errors = g_new0 (GError *, n);
  EntriesJob job = { e, set, e->today, built, errors };
  gboolean failed = FALSE;

  ms_parallel_for (n, build_entry, &job);
  for (guint i = 0; i < n; i++)
    {
      if (errors[i] != NULL && !failed)
        {
          g_propagate_error (error, g_steal_pointer (&errors[i]));
          failed = TRUE;
        }
      g_clear_error (&errors[i]);
      g_ptr_array_add (entries, g_steal_pointer (&built[i]));
    }
  return failed ? NULL : g_steal_pointer (&entries);
}
/* {{{1 The export's steps */

static gpointer
unseal_thread (gpointer data)
{
  Export *e = data;

  return ms_keyring_unseal (e->keyring, e->kid, e->passphrase, &e->unseal_error);
}

/* Starts unsealing the key with the passphrase. */
static gboolean
unseal_start (Export  *e,
              GError **error)
{
  return (e->unseal = g_thread_try_new ("ms-export-unseal", unseal_thread, e, error)) != NULL;
}

static gboolean
unseal_finish (Export  *e,
               GError **error)
{
  e->key = g_thread_join (g_steal_pointer (&e->unseal));
  g_clear_pointer (&e->passphrase, ms_passphrase_free);
  if (e->key != NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&e->unseal_error));
  return FALSE;
}

static gboolean
export_read (Export  *e,
             GError **error)
{
  return (e->set = ms_store_read_export (e->store, error)) != NULL;
}

/* The entries, on every core; the key is not needed yet. */
static gboolean
export_entries (Export  *e,
                GError **error)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (e->created);

  e->today = g_date_time_format (created, "%Y-%m-%d");
  if (_ms_export_fails_here (STEP_BUILD, error) || !(e->entries = build_entries (e, error)))
    return FALSE;
  /* The revisions' JSON is gone: its memory goes back to the system, which
   * hands it out again for the file's pages instead of memory never used
   * (on a virtual machine, memory touched the first time costs as much as
   * hashing it: 10% of an export of 100,000 sheets). */
  malloc_trim (0);
  return TRUE;
}

/* The manifest, signed: the file is written next (export_write). */
static gboolean
export_sign (Export  *e,
             GError **error)
{
  MsBundleSpec spec = {
    .issuer = e->set->issuer,
    .sequence = e->set->sequence + 1,
    .created = e->created,
    .expires = e->created + e->expires_days * 24 * 3600,
    .previous = e->set->previous,
    .entries = e->entries,
    .withdrawn = e->set->withdrawn,
  };

  if (!(e->writer = ms_bundle_writer_new (&spec, e->key, error)))
    return FALSE;
  e->manifest_sha256 = g_strdup (ms_bundle_writer_get_manifest_sha256 (e->writer));
  return TRUE;
}

static gboolean
export_write (Export  *e,
              GError **error)
{
  if (!ms_bundle_writer_write (e->writer, _ms_export_output_sink, &e->out, error))
    return FALSE;
  /* The entries are in the file now: the verification reads them back
   * from there and hashes them (ms_bundle_verify_built), so that their
   * memory is not held beside the file's while it does. */
  for (guint i = 0; i < e->entries->len; i++)
    g_clear_pointer (&((MsBundleEntry *) g_ptr_array_index (e->entries, i))->bytes, g_bytes_unref);
  malloc_trim (0);
  return TRUE;
}

/* {{{1 The commit, prepared alongside */

/* The catalog's side of the export runs in a thread of its own once the
 * manifest is signed: it makes every change in its transaction while the
 * bundle is written and verified, then waits at a gate; the main thread
 * opens the gate once FILE is in place (the commit follows), or closes it
 * (everything is rolled back). */
typedef enum {
  GATE_WAITING,
  GATE_OPEN,
  GATE_CLOSED,
} Gate;

typedef struct {
  Export   *e;
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  gboolean  prepared;   /* the transaction waits at the gate */
  gboolean  finished;   /* the thread is done: ok and error are set */
  Gate      gate;
  gboolean  ok;
  GError   *error;
} Commit;

static gboolean
commit_ready (gpointer   data,
              GError   **error)
{
  Commit *c = data;
  Gate gate;

  g_mutex_lock (&c->lock);
  c->prepared = TRUE;
  g_cond_broadcast (&c->cond);
  while (c->gate == GATE_WAITING)
    g_cond_wait (&c->cond, &c->lock);
  gate = c->gate;
  g_mutex_unlock (&c->lock);
  if (gate == GATE_CLOSED)
    {
      /* Not reported: the main thread reports why it closed the gate. */
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, "closed");
      return FALSE;
    }
  return !_ms_export_fails_here (STEP_COMMIT, error);
}

static gpointer
commit_thread (gpointer data)
{
  Commit *c = data;
  Export *e = c->e;
  MsExportRecord record = {
    .sequence = e->set->sequence + 1,
    .manifest_sha256 = e->manifest_sha256,
    .published = e->today,
    .ready = commit_ready,
    .ready_data = c,
  };
  GError *error = NULL;
  gboolean ok = ms_store_commit_export (e->store, e->actor, e->set, &record, &error);

  g_mutex_lock (&c->lock);
  c->ok = ok;
  c->error = error;
  c->finished = TRUE;
  g_cond_broadcast (&c->cond);
  g_mutex_unlock (&c->lock);
  return NULL;
}

static gboolean
commit_start (Commit  *c,
              Export  *e,
              GError **error)
{
  c->e = e;
  g_mutex_init (&c->lock);
  g_cond_init (&c->cond);
  c->thread = g_thread_try_new ("ms-export-commit", commit_thread, c, error);
  return c->thread != NULL;
}

/* TRUE once the transaction waits at the gate; FALSE, with its error, when
 * it failed before (another export, a changed set, a tampered approval):
 * then FILE is left alone. */
static gboolean
commit_wait_prepared (Commit  *c,
                      GError **error)
{
  gboolean failed;

  g_mutex_lock (&c->lock);
  while (!c->prepared && !c->finished)
    g_cond_wait (&c->cond, &c->lock);
  failed = c->finished && !c->ok;
  g_mutex_unlock (&c->lock);
  if (failed)
    g_propagate_error (error, g_steal_pointer (&c->error));
  return !failed;
}

/* Opens (@go) or closes the gate and waits for the thread: TRUE when the
 * export is committed. */
static gboolean
commit_finish (Commit   *c,
               gboolean  go,
               GError  **error)
{
  if (c->thread == NULL)
    return FALSE;
  g_mutex_lock (&c->lock);
  c->gate = go ? GATE_OPEN : GATE_CLOSED;
  g_cond_broadcast (&c->cond);
  g_mutex_unlock (&c->lock);
  g_thread_join (g_steal_pointer (&c->thread));
  if (!c->ok && go)
    g_propagate_error (error, g_steal_pointer (&c->error));
  return c->ok;
}

static void
commit_clear (Commit *c)
{
  if (c->e == NULL)
    return;
  if (c->thread != NULL)
    commit_finish (c, FALSE, NULL);
  g_clear_error (&c->error);
  g_mutex_clear (&c->lock);
  g_cond_clear (&c->cond);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Commit, commit_clear)

static void
export_free (Export *e)
{
  /* The key may be unsealed still, when something failed first. */
  if (e->unseal != NULL)
    unseal_finish (e, NULL);
  _ms_export_output_clear (&e->out);
  g_clear_pointer (&e->passphrase, ms_passphrase_free);
  g_clear_error (&e->unseal_error);
  g_clear_object (&e->store);
  g_clear_object (&e->keyring);
  g_clear_object (&e->cancellable);
  g_free (e->actor);
  g_free (e->kid);
  g_clear_pointer (&e->set, ms_export_set_free);
  g_clear_pointer (&e->key, ms_key_free);
  g_clear_pointer (&e->writer, ms_bundle_writer_free);
  g_clear_pointer (&e->entries, g_ptr_array_unref);
  g_free (e->manifest_sha256);
  g_free (e->today);
  if (e->progress_data_free != NULL)
    e->progress_data_free (e->progress_data);
  g_clear_pointer (&e->context, g_main_context_unref);
  g_mutex_clear (&e->report_lock);
  g_cond_clear (&e->report_cond);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

/* The options checked and copied (the passphrase too: the caller may wipe
 * its own as soon as the call returns). */
static Export *
export_new (MsStore                *store,
            const MsExportOptions  *options,
            GCancellable           *cancellable,
            MsExportProgressFunc    progress,
            gpointer                progress_data,
            GDestroyNotify          progress_data_free,
            GError                **error)
{
  g_autoptr(Export) e = g_new0 (Export, 1);

  g_mutex_init (&e->report_lock);
  g_cond_init (&e->report_cond);
  e->out.fd = e->out.lock = e->out.previous_lock = -1;
  e->progress = progress;
  e->progress_data = progress_data;
  e->progress_data_free = progress_data_free;
  e->started = g_get_monotonic_time ();
  e->store = g_object_ref (store);
  e->keyring = options->keyring != NULL ? g_object_ref (options->keyring) : ms_keyring_new (NULL);
  e->actor = g_strdup (options->actor);
  e->kid = g_strdup (options->kid);
  e->passphrase = ms_passphrase_new (options->passphrase);
  e->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  e->out.cancellable = e->cancellable;
  e->out.path = g_strdup (options->path);
  e->out.dir = g_path_get_dirname (options->path);
  e->expires_days = options->expires_days != 0 ? options->expires_days : MS_EXPORT_DEFAULT_EXPIRES_DAYS;
  if (e->expires_days < 1 || e->expires_days > MS_EXPORT_MAX_EXPIRES_DAYS)
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_INPUT,
                   _("a bundle expires after 1 to %d days"), MS_EXPORT_MAX_EXPIRES_DAYS);
      return NULL;
    }
  e->created = options->created;
  if (e->created <= 0 && !ms_publish_export_creation_time (&e->created, error))
    return NULL;
  return g_steal_pointer (&e);
}

static MsExportResult *
export_result (Export *e)
{
  MsExportResult *result = g_new0 (MsExportResult, 1);

  result->issuer = g_strdup (e->set->issuer);
  result->sequence = e->set->sequence + 1;
  result->bundle_id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, result->issuer, result->sequence);
  result->n_entries = e->set->items->len;
  for (guint i = 0; i < e->set->items->len; i++)
    result->n_published += ((MsExportItem *) g_ptr_array_index (e->set->items, i))->published == NULL;
  result->n_withdrawn = e->set->withdrawn->len;
  result->manifest_sha256 = g_strdup (e->manifest_sha256);
  result->path = g_strdup (e->out.path);
  return result;
}

/* The whole export, in whatever thread calls it. */
static MsExportResult *
export_run (Export  *e,
            GError **error)
{
  g_auto(Commit) commit = { 0 };
  MsExportResult *result;

  if (g_cancellable_set_error_if_cancelled (e->cancellable, error)
      || !ms_publish_check_publisher (e->store, e->actor, error)
      || !unseal_start (e, error)
      || !(export_read (e, error) && done (e, "read") && report (e, MS_EXPORT_STEP_READ, error))
      || !(export_entries (e, error) && done (e, "entries") && report (e, MS_EXPORT_STEP_ENTRIES, error))
      || !(unseal_finish (e, error) && done (e, "unseal") && report (e, MS_EXPORT_STEP_UNSEALED, error))
      || !(export_sign (e, error) && done (e, "sign") && report (e, MS_EXPORT_STEP_SIGNED, error)))
    return NULL;
  if (!commit_start (&commit, e, error)
      || !_ms_export_output_create (&e->out, error)
      || !(export_write (e, error) && _ms_export_output_close (&e->out, error) && done (e, "write")
           && report (e, MS_EXPORT_STEP_WRITTEN, error))
      || !(_ms_export_output_verify (&e->out, e->set, e->key, e->entries, e->manifest_sha256, error)
           && done (e, "verify") && report (e, MS_EXPORT_STEP_VERIFIED, error))
      || !(commit_wait_prepared (&commit, error) && done (e, "prepare the commit"))
      || !(_ms_export_output_flushed (&e->out, error) && done (e, "flush"))
      || !(_ms_export_output_install (&e->out, error) && done (e, "rename"))
      /* The last moment a cancellation changes nothing. */
      || g_cancellable_set_error_if_cancelled (e->cancellable, error))
    {
      commit_finish (&commit, FALSE, NULL);
      _ms_export_output_abort (&e->out);
      return NULL;
    }
  if (!commit_finish (&commit, TRUE, error))
    {
      _ms_export_output_abort (&e->out);
      return NULL;
    }
  _ms_export_output_finish (&e->out);
  done (e, "commit");
  result = export_result (e);
  /* Done: a cancellation now comes too late to change anything. */
  report (e, MS_EXPORT_STEP_COMMITTED, NULL);
  return result;
}

/* The caller's progress data is freed on the caller's context too (a
 * window's object must not be released from the export's thread). */
static gboolean
release_progress_cb (gpointer data)
{
  Export *e = g_task_get_task_data (data);

  if (e->progress_data_free != NULL)
    e->progress_data_free (g_steal_pointer (&e->progress_data));
  e->progress_data_free = NULL;
  e->progress = NULL;
  return G_SOURCE_REMOVE;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *e = task_data;
  GError *error = NULL;
  MsExportResult *result = export_run (e, &error);

  if (e->progress_data_free != NULL)
    {
      GSource *source = g_idle_source_new ();

      /* The task's own priority: dispatched before its callback. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, release_progress_cb, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[ms-export] release");
      g_source_attach (source, e->context);
      g_source_unref (source);
    }

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ms_export_result_free);
}

/* {{{1 Public API */

void
ms_export_result_free (MsExportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->bundle_id);
  g_free (result->issuer);
  g_free (result->manifest_sha256);
  g_free (result->path);
  g_free (result);
}

void
ms_export_preview_free (MsExportPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->issuer);
  g_clear_pointer (&preview->to_publish, g_ptr_array_unref);
  g_clear_pointer (&preview->carried, g_ptr_array_unref);
  g_clear_pointer (&preview->to_withdraw, g_ptr_array_unref);
  g_free (preview);
}

gboolean
ms_publish_export_creation_time (gint64  *created,
                                 GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  g_return_val_if_fail (created != NULL, FALSE);

  if (epoch == NULL || *epoch == '\0')
    {
      *created = g_get_real_time () / G_USEC_PER_SEC;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (epoch, 10, 0, G_GINT64_CONSTANT (253402300799), created, NULL))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("SOURCE_DATE_EPOCH=%s is not a number of seconds since 1970"), epoch);
      return FALSE;
    }
  return TRUE;
}

gboolean
ms_publish_check_publisher (MsStore     *store,
                            const char  *actor,
                            GError     **error)
{
  g_autoptr(MsUser) user = NULL;

  g_return_val_if_fail (MS_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  return (user = ms_store_get_user (store, actor, error)) != NULL
         && ms_workflow_check (MS_ACTION_PUBLISH, MS_STATE_APPROVED, user->login, user->roles,
                               NULL, NULL, FALSE, NULL, error);
}

MsExportPreview *
ms_publish_export_preview (MsStore  *store,
                           GError  **error)
{
  g_autoptr(MsExportSet) set = NULL;
  MsExportPreview *preview;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(set = ms_store_read_export (store, error)))
    return NULL;
  preview = g_new0 (MsExportPreview, 1);
  preview->issuer = g_strdup (set->issuer);
  preview->next_sequence = set->sequence + 1;
  preview->to_publish = g_ptr_array_new_with_free_func (g_free);
  preview->carried = g_ptr_array_new_with_free_func (g_free);
  preview->to_withdraw = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < set->items->len; i++)
    {
      MsExportItem *item = g_ptr_array_index (set->items, i);

      g_ptr_array_add (item->published == NULL ? preview->to_publish : preview->carried, g_strdup (item->id));
    }
  for (guint i = 0; i < set->withdrawn->len; i++)
    g_ptr_array_add (preview->to_withdraw, g_strdup (g_ptr_array_index (set->withdrawn, i)));
  return preview;
}

static gboolean
options_valid (const MsExportOptions *options)
{
  return options != NULL && options->actor != NULL && options->kid != NULL && options->passphrase != NULL
         && options->path != NULL;
}

MsExportResult *
ms_publish_export (MsStore                *store,
                   const MsExportOptions  *options,
                   GCancellable           *cancellable,
                   MsExportProgressFunc    progress,
                   gpointer                progress_data,
                   GError                **error)
{
  g_autoptr(Export) e = NULL;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (options_valid (options), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(e = export_new (store, options, cancellable, progress, progress_data, NULL, error)))
    return NULL;
  return export_run (e, error);
}

void
ms_publish_export_async (MsStore                *store,
                         const MsExportOptions  *options,
                         GCancellable           *cancellable,
                         MsExportProgressFunc    progress,
                         gpointer                progress_data,
                         GDestroyNotify          progress_data_free,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Export *e;

  g_return_if_fail (MS_IS_STORE (store));
  g_return_if_fail (options_valid (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ms_publish_export_async);
  g_task_set_name (task, "ms-publish-export");
  /* The export reports its own cancellation, after undoing its steps. */
  g_task_set_check_cancellable (task, FALSE);
  if (!(e = export_new (store, options, cancellable, progress, progress_data, progress_data_free, &error)))
    {
      /* export_new's failure freed progress_data already. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  e->context = g_main_context_ref_thread_default ();
  e->task = task;
  g_task_set_task_data (task, e, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

MsExportResult *
ms_publish_export_finish (MsStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ms_publish_export_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* vim: set foldmethod=marker: */
