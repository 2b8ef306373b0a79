/* ms-text.h — Arabic and French text normalisation, script detection
 *
 * Shared by the law 55-19 keyword screens and by search, so that a spelling
 * variant that the screens catch is also one that search finds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MS_SCRIPT_NONE,       /* no letters: digits, punctuation, spaces */
  MS_SCRIPT_ARABIC,
  MS_SCRIPT_LATIN,
  MS_SCRIPT_TIFINAGH,
  MS_SCRIPT_OTHER,      /* letters of any other script dominate */
} MsScript;

/* A form of @text in which spelling variants compare equal:
 *  - Arabic: no tashkeel (U+064B–U+065F, U+0670) nor tatweel; أ إ آ ٱ → ا,
 *    ى → ي, ة → ه, ؤ → و, ئ → ي; Arabic-Indic digits → 0–9;
 *  - Latin: case-folded, accents dropped, œ → oe, æ → ae, ß → ss;
 *  - compatibility forms unfolded (… → ..., ligatures), typographic
 *    apostrophes → ', every run of white space → one space, no space at
 *    either end.
 * Returns a newly allocated string; NULL only for NULL. Bytes of @text that
 * are not UTF-8 become U+FFFD (callers take text from outside: validate it
 * first to refuse such input). */
char     *ms_text_normalize     (const char *text);

/* @text fit to be quoted in a one-line message or printed on a terminal:
 * control characters (C0, DEL, C1), U+2028, U+2029 and the bidirectional
 * embeddings, overrides and isolates are written as \n, \r, \t, \xHH or
 * \uHHHH, and bytes that are not UTF-8 as \xHH. Backslashes stay as they are,
 * so escaping twice changes nothing. NULL only for NULL. */
char     *ms_text_escape_controls (const char *text);

/* The script most letters of @text are written in (bytes that are not
 * UTF-8 count as no letter). */
MsScript  ms_text_script        (const char *text);
/* "arabic", "latin", "tifinagh", "other" or "none", for messages. */
const char *ms_script_to_string (MsScript    script);

G_END_DECLS
