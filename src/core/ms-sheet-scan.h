/* ms-sheet-scan.h — a sheet's bytes checked in one pass, nothing built
 *
 * What the verification of a bundle asks of each entry (design.md §4,
 * checks 13 and 14): strict JSON (ms-strict-json.h: UTF-8, no duplicate
 * member names, no lone surrogates, no "\u0000", finite numbers, depth at
 * most MS_STRICT_JSON_MAX_DEPTH), an object carrying its own id, and the
 * procedure format of data/schema/procedure.schema.json with a revision
 * and a published date — the verdicts of ms_strict_json_parse_full () with
 * ms_procedure_json_limits () followed by ms_procedure_new_from_json (),
 * without a tree or a sheet: the bytes are read once, left to right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MS_SHEET_SCAN_OK,
  MS_SHEET_SCAN_NOT_JSON,     /* "line L, column C: …" */
  MS_SHEET_SCAN_LIMIT,        /* JSON beyond the sheet reader's limits: "PATH: …" */
  MS_SHEET_SCAN_WRONG_ID,     /* not an object whose "id" is the expected one */
  MS_SHEET_SCAN_SCHEMA,       /* not the procedure format: "PATH: …" */
  MS_SHEET_SCAN_NO_REVISION,  /* the format, without "revision" or "published" */
} MsSheetScan;

/* Checks the @length bytes at @data as the entry @id; on anything but
 * MS_SHEET_SCAN_OK, *@message (when not NULL) gets what is wrong (the
 * first problem found, for the format), for the caller to free. */
MsSheetScan ms_sheet_scan (const char  *data,
                           gsize        length,
                           const char  *id,
                           char       **message);

G_END_DECLS
