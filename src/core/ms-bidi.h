/* ms-bidi.h — text that reads in its own order in Arabic and in French
 *
 * The Unicode bidirectional algorithm reverses what a reader of Arabic
 * expects of law numbers ("55-19" drawn "19-55"), phone numbers and runs of
 * French inside an Arabic sentence. Every text the window or masatir-cli
 * shows goes through ms_bidi_isolate(), which wraps those runs in isolates
 * (LRI … PDI, RLI … PDI); the stored text never does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MS_BIDI_LRI "\xe2\x81\xa6" /* U+2066 LEFT-TO-RIGHT ISOLATE */
#define MS_BIDI_RLI "\xe2\x81\xa7" /* U+2067 RIGHT-TO-LEFT ISOLATE */
#define MS_BIDI_PDI "\xe2\x81\xa9" /* U+2069 POP DIRECTIONAL ISOLATE */

typedef enum {
  MS_BIDI_NEUTRAL,      /* no strong letter: the context decides */
  MS_BIDI_LTR,
  MS_BIDI_RTL,
} MsBidiDir;

/* The direction of @text's first strong letter (rule P2 of the algorithm,
 * the direction Pango gives a paragraph of it). */
MsBidiDir  ms_bidi_base_dir   (const char *text);

/* @text ready to be shown in a paragraph of either direction:
 *  - in text that starts in Arabic, or has no letter at all, each run of
 *    digits joined by - / . , : or single spaces (law and decree numbers
 *    "2-18-577", dates "2021/12/20", phone numbers "05 37 00 00 00",
 *    amounts "1 234,50") is wrapped in LRI … PDI; a run of Latin words is
 *    wrapped in LRI … PDI as a whole, with the numbers that spaces or signs
 *    such as ° join to it ("55 à 58", "Loi n° 55-19 du 2021") and the
 *    brackets around it ("(BO n° 6866 du 19/03/2020)"); a comma ends it;
 *  - in text that starts in Latin letters, a run of Arabic words (with the
 *    numbers joined to it) is wrapped in RLI … PDI, its numbers in
 *    LRI … PDI inside it.
 * Each line is a paragraph of its own. Embeddings, overrides and isolates
 * already in @text are dropped first, so that a stray one cannot turn the
 * rest of a line around and applying the function twice changes nothing.
 * Text with no right-to-left letter that starts in Latin letters comes
 * back unchanged. Bytes that are not UTF-8 become U+FFFD. Newly
 * allocated; NULL only for NULL. */
char      *ms_bidi_isolate    (const char *text);

/* @text without the directional formatting characters ms_bidi_isolate()
 * adds (U+202A–U+202E, U+2066–U+2069): what to copy or store from text
 * that was shown. NULL only for NULL. */
char      *ms_bidi_strip      (const char *text);

G_END_DECLS
