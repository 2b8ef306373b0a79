/* ms-sheet-editor.h — the form where a procedure sheet is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ms-app-types.h"
#include "ms-issue.h"
#include "ms-procedure.h"
#include "ms-validator.h"

G_BEGIN_DECLS

#define MS_TYPE_SHEET_EDITOR (ms_sheet_editor_get_type ())
G_DECLARE_FINAL_TYPE (MsSheetEditor, ms_sheet_editor, MS, SHEET_EDITOR, AdwBin)

GtkWidget   *ms_sheet_editor_new              (void);
/* Starts editing a copy of @procedure: the undo history starts again. */
void         ms_sheet_editor_set_procedure    (MsSheetEditor *self,
                                               MsProcedure   *procedure);
/* The sheet as typed so far (fields whose input is invalid keep their last
 * valid value), a new copy; NULL when nothing is edited. */
MsProcedure *ms_sheet_editor_dup_procedure    (MsSheetEditor *self);
/* Replaces what is edited, as one step that can be undone (re-applying
 * changes over someone else's revision). */
void         ms_sheet_editor_replace          (MsSheetEditor *self,
                                               MsProcedure   *procedure);
void         ms_sheet_editor_set_validator    (MsSheetEditor *self,
                                               MsValidator   *validator);
/* The issues of the last check of what is typed; transfer none. */
GPtrArray   *ms_sheet_editor_get_issues       (MsSheetEditor *self);
/* Runs the pending check now (tests, and before submitting). */
void         ms_sheet_editor_validate_now     (MsSheetEditor *self);
/* Fields whose text cannot be stored as typed ("abc" as an amount). */
guint        ms_sheet_editor_get_n_invalid    (MsSheetEditor *self);

gboolean     ms_sheet_editor_can_undo         (MsSheetEditor *self);
gboolean     ms_sheet_editor_can_redo         (MsSheetEditor *self);
void         ms_sheet_editor_undo             (MsSheetEditor *self);
void         ms_sheet_editor_redo             (MsSheetEditor *self);

/* Moves the focus to the next (@forward) or previous issue's field;
 * FALSE when there is none. */
gboolean     ms_sheet_editor_focus_issue      (MsSheetEditor *self,
                                               gboolean       forward);
/* Focuses the field at a JSON path ("documents[1].copies"), opening the
 * item it belongs to. */
gboolean     ms_sheet_editor_focus_path       (MsSheetEditor *self,
                                               const char    *path);
/* The control editing @path, for tests and assistive technologies. */
GtkWidget   *ms_sheet_editor_get_field        (MsSheetEditor *self,
                                               const char    *path);

/* A message above the form (a reviewer's comment, why a sheet was
 * withdrawn); NULL hides it. */
void         ms_sheet_editor_set_notice       (MsSheetEditor *self,
                                               const char    *heading,
                                               const char    *text);
/* The conflict bar: someone else saved meanwhile. NULL hides it. */
void         ms_sheet_editor_set_conflict     (MsSheetEditor *self,
                                               const char    *message);
void         ms_sheet_editor_set_status       (MsSheetEditor *self,
                                               const char    *status);

/* Amazigh and English fields beside Arabic and French. */
void         ms_sheet_editor_set_all_languages (MsSheetEditor *self,
                                                gboolean       all);
gboolean     ms_sheet_editor_get_all_languages (MsSheetEditor *self);

G_END_DECLS
