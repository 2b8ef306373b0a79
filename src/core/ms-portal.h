/* ms-portal.h — sheets from the records of the national portal's public API
 *
 * The portal serves one record per procedure and locale (law-55-19.md, last
 * section); the records of one procedure become one multilingual sheet,
 * merged (ms_procedure_merge_incoming), never replaced. What has no place in
 * a sheet, or cannot be read (a delay that depends on the channel, a price
 * in words), is reported, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-procedure.h"

G_BEGIN_DECLS

/* The longest portal id read (UUIDs are 36): longer ones refuse the file. */
#define MS_PORTAL_MAX_ID_CHARS 128

typedef enum {
  MS_PORTAL_NOTE_MAPPED,       /* read, with an interpretation worth knowing */
  MS_PORTAL_NOTE_NOT_MAPPED,   /* no place in a sheet, or not readable: left out */
  MS_PORTAL_NOTE_CONFLICT,     /* two sources disagree: one kept, the other said */
  MS_PORTAL_NOTE_REFUSED,      /* a value of the wrong type: left out */
} MsPortalNoteKind;

/* One note of the mapping. Strings are as read: quote them through
 * ms_text_escape_controls (ms_portal_note_to_line does). */
typedef struct {
  MsPortalNoteKind  kind;
  char             *record;   /* "1201/fr": the portal id and locale */
  char             *sheet;    /* the sheet's id */
  char             *field;    /* the record's JSON path ("[3].price"), or for a
                               * conflict the sheet's path ("fees[0].amount_centimes") */
  char             *value;    /* the value read (for a conflict: the record's) */
  char             *detail;   /* what was done and what to do, translated */
} MsPortalNote;

/* One procedure of a file: its records merged into one sheet. */
typedef struct {
  char        *portal_id;
  MsProcedure *sheet;
  /* SHA-256 (hex) of the procedure's records, in canonical JSON, in an order
   * that does not depend on the file's: what the import recorded last. */
  char        *records_sha256;
  guint        n_records;
} MsPortalProcedure;

/* @data holds one record or a JSON array of records. Returns the
 * procedures (MsPortalProcedure*, in order of first appearance), their
 * records' locales merged, disagreements settled for the record read first
 * (for the later one when @prefer_incoming) and listed in @notes
 * (MsPortalNote*, when not NULL). Fails with MS_CORE_ERROR_PARSE/FORMAT,
 * returning nothing, when @data is not JSON, holds something that is not a
 * record, a record without a usable id (1 to MS_PORTAL_MAX_ID_CHARS
 * letters, digits, “.”, “_”, “:” or “-”, or an integer), or a locale that
 * is not a sheet language (ar, fr, zgh, en — exactly, or followed by a
 * region or script: “fr-MA”, “zgh-Tfng”). */
GPtrArray  *ms_portal_read_data   (const char  *data,
                                   gssize       length,
                                   gboolean     prefer_incoming,
                                   GPtrArray   *notes,
                                   GError     **error);
GPtrArray  *ms_portal_read_file   (const char  *path,
                                   gboolean     prefer_incoming,
                                   GPtrArray   *notes,
                                   GError     **error);

/* The same, returning the sheets (MsProcedure*) and one translated line per
 * note ("portal procedure 1203: …") in @report. */
GPtrArray  *ms_portal_map_data    (const char  *data,
                                   gssize       length,
                                   GPtrArray   *report,
                                   GError     **error);
GPtrArray  *ms_portal_map_file    (const char  *path,
                                   GPtrArray   *report,
                                   GError     **error);

/* Removes from @conflicts (MsMergeConflict*) those that repeat another:
 * the mapper names a procedure's act (output.name) after its title, so a
 * conflict on "output.name.fr" says again what "title.fr" says. */
void        ms_portal_drop_repeated_conflicts (GPtrArray *conflicts);

/* The code in data/vocabulary/administrations.json of the administration
 * named @name in either language, compared normalised (ms_text_normalize,
 * final punctuation dropped); NULL when none. */
const char *ms_portal_administration_code (const char *name);

/* "portal procedure 1203: …", one line, controls escaped. */
char       *ms_portal_note_to_line (const MsPortalNote *note);
/* "mapped", "not-mapped", "conflict", "refused" (the JSON report's kinds). */
const char *ms_portal_note_kind_to_nick (MsPortalNoteKind kind);
void        ms_portal_note_free   (MsPortalNote       *note);
void        ms_portal_procedure_free (MsPortalProcedure *procedure);

typedef struct {
  gint64   days;           /* -1 when none */
  gint64   hours;          /* the hours written, -1 when the delay was in days */
  gboolean working_days;   /* "jours ouvrables", "أيام عمل" */
} MsPortalDelay;

/* "60 يوما" → 60, "يومان (2)" → 2, "على الفور"/"فورا"/"immédiat" → 0,
 * "48 heures" → 2 (hours: 1 to 24 → 1 day, more rounded up to whole days),
 * "15 jours ouvrables" → 15 working days. FALSE (days -1) when the text
 * states no single delay (empty, two delays, it depends). */
gboolean    ms_portal_read_delay  (const char     *text,
                                   MsPortalDelay  *delay);
/* The days of ms_portal_read_delay, or -1. */
gint64      ms_portal_parse_delay (const char     *text);

typedef enum {
  MS_PORTAL_PRICE_OK,
  MS_PORTAL_PRICE_UNREADABLE,   /* words, two amounts, a list… */
  MS_PORTAL_PRICE_NEGATIVE,
} MsPortalPrice;

/* A price as the portal writes it — a number, "100", "1 000,50 درهم",
 * "50 DH", "MAD 1,500.00", "بالمجان", "gratuit" — in centimes (0 for
 * free). A price per unit ("5 دراهم عن كل صفحة", "2 DH par page", "5
 * DH/page") sets @per_unit to the unit as written ("صفحة", "page"). */
MsPortalPrice ms_portal_read_price (JsonNode    *node,
                                    gint64      *centimes,
                                    char       **per_unit);
/* TRUE with the centimes when ms_portal_read_price reads an amount. */
gboolean    ms_portal_parse_price (JsonNode    *node,
                                   gint64      *centimes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsPortalNote, ms_portal_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsPortalProcedure, ms_portal_procedure_free)

G_END_DECLS
