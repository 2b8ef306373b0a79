/* ms-path-label.h — the sheet's JSON paths and members as people name them
 *
 * The issue list shows where a problem is ("Document 2 › Copies") with the
 * same words the editor puts on its fields, so both come from here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "documents[1].copies" → "Document 2 › Copies", "title.ar" → "Title ›
 * Arabic"; unknown members are shown as written, and a malformed path still
 * gives a readable label. Newly allocated, never NULL. */
char       *ms_path_to_label   (const char *path);
/* The caption of a member of the sheet ("deadline_days" → "Answer deadline
 * (days)"), translated: a top-level member, else the first item or object
 * member of that name; NULL when unknown. */
const char *ms_field_label     (const char *member);
/* The caption of @member inside the top-level member @parent ("documents",
 * "contact"; NULL for the top level), for fields whose meaning depends on
 * where they are ("url" of a form, of a channel, of the contact). NULL when
 * unknown. */
const char *ms_field_label_in  (const char *parent,
                                const char *member);

G_END_DECLS
