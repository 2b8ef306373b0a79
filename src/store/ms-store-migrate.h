/* ms-store-migrate.h — a SQLite catalog copied to a PostgreSQL server (issue 16 item 7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64  n_users;
  gint64  n_sheets;
  gint64  n_revisions;
  gint64  n_entries;     /* of the audit log */
  char   *head;          /* the audit chain's last hash, the same on both sides */
} MsMigrateReport;

void      ms_migrate_report_clear (MsMigrateReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MsMigrateReport, ms_migrate_report_clear)

/* Copies the SQLite catalog @sqlite_path (brought up to date and its audit
 * log verified first) to the PostgreSQL catalog @conninfo (its schema made
 * or brought up to date): settings, users, sheets, every revision,
 * publications, comments, import origins and the audit log, each row as it
 * is (the same seq, times and hashes), in one transaction, then verifies the
 * audit log on the server and checks its head is the source's. The login of
 * @conninfo must be allowed to write the tables (the schema's owner); a
 * target that holds users, sheets or audit entries is refused with
 * MS_STORE_ERROR_CONFLICT, nothing changed. */
gboolean  ms_store_migrate        (const char       *sqlite_path,
                                   const char       *conninfo,
                                   MsMigrateReport  *report,
                                   GError          **error);

G_END_DECLS
