/* ms-audit-check.h — the audit log's hash chain and its replay, for every backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-store.h"

G_BEGIN_DECLS

/* The "prev" of the first entry. */
#define MS_AUDIT_NO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* The SHA-256 (hex) of the RFC 8785 canonical JSON of @e chained to @prev:
 * what an entry's "hash" must be. */
char       *ms_audit_entry_hash      (const MsAuditEntry  *e,
                                      const char          *prev);

/* The log replayed in order under the workflow's rules (ms_workflow_check)
 * with the roles the log gave people, so that a backend's tables, which
 * whoever holds the database can change, are believed only where the chain
 * agrees. */
typedef struct _MsAuditLog MsAuditLog;

MsAuditLog *ms_audit_log_new         (void);
void        ms_audit_log_free        (MsAuditLog          *log);
/* The next entry as stored, with its stored prev and hash: checks that it
 * follows the previous one and replays it. MS_STORE_ERROR_CORRUPT naming
 * the first broken link. */
gboolean    ms_audit_log_add         (MsAuditLog          *log,
                                      const MsAuditEntry  *e,
                                      const char          *stored_prev,
                                      const char          *stored_hash,
                                      GError             **error);
/* After the last entry: the chain must end at the head the catalog
 * recorded, @head and @count (NULL when none was recorded). */
gboolean    ms_audit_log_end         (MsAuditLog          *log,
                                      const char          *head,
                                      const char          *count,
                                      gint64              *n_entries,
                                      GError             **error);
/* Whether the log shows revision @revision of sheet @id, of content
 * @sha256, approved after its submission (@approved) or published after
 * its approval, each by people the rules allowed; MS_STORE_ERROR_CORRUPT
 * naming the sheet otherwise. */
gboolean    ms_audit_log_check_sheet (MsAuditLog          *log,
                                      const char          *id,
                                      gboolean             approved,
                                      gint64               revision,
                                      const char          *sha256,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsAuditLog, ms_audit_log_free)

G_END_DECLS
