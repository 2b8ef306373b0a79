/* ms-export.h — publishing by export: the signed bundle, for both shells
 *
 * An export writes a signed bundle (design.md §4) of the catalog's approved
 * and published sheets and, once the file is in place and verified,
 * records it in the catalog: the sequence, the sheets published. It is
 * atomic: a failed or cancelled export leaves the catalog (no sequence
 * consumed, nothing published) and the destination (the file it would
 * replace, no temporary file) as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ms-keyring.h"
#include "ms-store.h"

G_BEGIN_DECLS

#define MS_EXPORT_DEFAULT_EXPIRES_DAYS 30
#define MS_EXPORT_MAX_EXPIRES_DAYS     3650

/* What an export reports, in this order, each once, when it is done:
 * READ, ENTRY (any number of times, @done growing to @total), ENTRIES,
 * UNSEALED, SIGNED, WRITTEN, VERIFIED, COMMITTED. The key is unsealed while
 * the entries are built, so UNSEALED follows ENTRIES. */
typedef enum {
  MS_EXPORT_STEP_READ,       /* the export set is read: @total entries */
  MS_EXPORT_STEP_ENTRY,      /* @done of @total entries are built */
  MS_EXPORT_STEP_ENTRIES,    /* every entry is built */
  MS_EXPORT_STEP_UNSEALED,   /* the key is unsealed with the passphrase */
  MS_EXPORT_STEP_SIGNED,     /* the manifest is signed */
  MS_EXPORT_STEP_WRITTEN,    /* the bundle is written to a temporary file */
  MS_EXPORT_STEP_VERIFIED,   /* the bytes written pass the portal's checks */
  MS_EXPORT_STEP_COMMITTED,  /* the file is in place and the catalog records it */
} MsExportStep;

#define MS_EXPORT_N_STEPS (MS_EXPORT_STEP_COMMITTED + 1)

/* @done and @total count entries; for the other steps than ENTRY they are
 * the entries built so far and the set's size. */
typedef void (*MsExportProgressFunc) (MsExportStep  step,
                                      guint         done,
                                      guint         total,
                                      gpointer      user_data);

typedef struct {
  const char *actor;         /* the login of the publisher */
  const char *kid;           /* the signing key */
  MsKeyring  *keyring;       /* NULL: the default keyring */
  /* Supplied by the caller: the export copies it when it starts and wipes
   * its copy as soon as the key is unsealed (or the export ends). */
  const char *passphrase;
  const char *path;          /* the bundle file */
  int         expires_days;  /* 1 to MS_EXPORT_MAX_EXPIRES_DAYS; 0: the default, 30 */
  /* The bundle's "created", in seconds since 1970; 0: now, or
   * $SOURCE_DATE_EPOCH when set (reproducible exports), see
   * ms_publish_export_creation_time. */
  gint64      created;
} MsExportOptions;

typedef struct {
  char   *bundle_id;        /* ISSUER-SEQUENCE */
  char   *issuer;
  gint64  sequence;
  guint   n_entries;        /* sheets the bundle carries */
  guint   n_published;      /* of them, approved revisions this export published */
  guint   n_withdrawn;
  char   *manifest_sha256;  /* lowercase hex */
  char   *path;
} MsExportResult;

void ms_export_result_free (MsExportResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsExportResult, ms_export_result_free)

/* What an export would do now, for a summary before it starts. */
typedef struct {
  char      *issuer;
  gint64     next_sequence;
  GPtrArray *to_publish;    /* char* ids of approved revisions it would publish */
  GPtrArray *carried;       /* char* ids of published sheets it carries again */
  GPtrArray *to_withdraw;   /* char* ids it would list as withdrawn */
} MsExportPreview;

void ms_export_preview_free (MsExportPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsExportPreview, ms_export_preview_free)

/* $SOURCE_DATE_EPOCH when set, else now; MS_CORE_ERROR_FORMAT
 * ("SOURCE_DATE_EPOCH=… is not a number of seconds since 1970") when it is
 * set to something else. */
gboolean         ms_publish_export_creation_time (gint64                 *created,
                                                  GError                **error);
/* MS_CORE_ERROR_DENIED, in the workflow's words, unless @actor may publish:
 * a shell checks it before it asks for a passphrase. */
gboolean         ms_publish_check_publisher      (MsStore                *store,
                                                  const char             *actor,
                                                  GError                **error);
MsExportPreview *ms_publish_export_preview       (MsStore                *store,
                                                  GError                **error);

/* The export, on a thread of its own. @progress (may be NULL) and
 * @callback are called on the thread-default main context of the caller;
 * a step report (not ENTRY, which is coalesced) holds the export until it
 * has been delivered, so that cancelling @cancellable from @progress stops
 * the export before the next step. Cancelled before the catalog records the
 * export, it fails with G_IO_ERROR_CANCELLED and changes nothing.
 * @progress_data_free is called on the caller's context too, after the last
 * report. The export uses @store from its threads: no other call may be
 * made on @store until @callback runs, so a window that keeps using its
 * own store meanwhile gives the export another one (ms_sqlite_store_open
 * on the same catalog). The caller's main context must be iterated: the
 * export waits for each step report to be delivered. */
void             ms_publish_export_async         (MsStore                *store,
                                                  const MsExportOptions  *options,
                                                  GCancellable           *cancellable,
                                                  MsExportProgressFunc    progress,
                                                  gpointer                progress_data,
                                                  GDestroyNotify          progress_data_free,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
MsExportResult  *ms_publish_export_finish        (MsStore                *store,
                                                  GAsyncResult           *result,
                                                  GError                **error);
/* The same export in the calling thread (masatir-cli): @progress is called
 * from the export's threads, one call at a time. */
MsExportResult  *ms_publish_export               (MsStore                *store,
                                                  const MsExportOptions  *options,
                                                  GCancellable           *cancellable,
                                                  MsExportProgressFunc    progress,
                                                  gpointer                progress_data,
                                                  GError                **error);

G_END_DECLS
