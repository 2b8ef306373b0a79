/* ms-sheet-editor-private.h — MsSheetEditor internals shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-sheet-editor.h"
#include "ms-vocabulary.h"

G_BEGIN_DECLS

/* One field of the form: the row people see and what marks it. */
typedef struct _MsEditorField MsEditorField;
struct _MsEditorField {
  GtkWidget *row;          /* borrowed: the row in its group or item */
  GtkWidget *focus;        /* borrowed: the first control of the field */
  GtkWidget *message;      /* borrowed: the label under the controls */
  char      *label;        /* the field's name, as the issue list says it */
  MsEditorField *owner;    /* the field whose row this one shares, or NULL */
  char      *input_error;  /* why the typed text was not stored, or NULL */
  GString   *issues;       /* the law 55-19 messages about the field */
  MsSeverity severity;     /* the worst of them, when issues is not empty */
};

struct _MsSheetEditor
{
  AdwBin               parent_instance;

  /* Template Widgets */
  GtkRevealer         *notice_revealer;
  GtkLabel            *notice_heading;
  GtkLabel            *notice_label;
  GtkRevealer         *conflict_revealer;
  GtkLabel            *conflict_label;
  GtkScrolledWindow   *scrolled;
  GtkBox              *form;
  AdwPreferencesGroup *issues_group;
  GtkLabel            *check_status;    /* role status: the check's summary */
  AdwExpanderRow      *issues_expander;
  GtkLabel            *status_label;
  GtkToggleButton     *languages_button;

  /* The sheet being written; fields point into it, so every change of its
   * shape (an item added, a step undone) builds the form again. */
  MsProcedure         *sheet;
  GtkWidget           *groups;         /* the box of sections, rebuilt */
  GHashTable          *fields;         /* char* path → MsEditorField* */
  GHashTable          *expanded;       /* char* paths of open items */
  GPtrArray           *issue_rows;     /* borrowed, in issues_expander */
  char                *focus_path;     /* to focus once the form is built */
  gboolean             building;

  /* Undo: the sheet's JSON after each pause in typing and each list edit. */
  GPtrArray           *snapshots;      /* char* */
  guint                undo_pos;
  guint                snapshot_id;

  /* Live validation, off the main loop. */
  MsValidator         *validator;
  GPtrArray           *issues;         /* MsIssue*, of the last check */
  guint                validate_id;
  guint                generation;
  int                  current_issue;

  gboolean             all_languages;

  /* A field being brought into sight (ms_sheet_editor_focus_path). */
  GtkWidget           *reveal;
  gint64               reveal_until;
  guint                reveal_tick;
};

typedef enum {
  MS_TEXT_PLAIN,
  MS_TEXT_URL,
  MS_TEXT_EMAIL,
  MS_TEXT_PHONE,
} MsTextKind;

/* ms-sheet-editor.c */
void        _ms_sheet_editor_changed        (MsSheetEditor *self,
                                             gboolean       shape);
void        _ms_sheet_editor_snapshot_now   (MsSheetEditor *self);
MsEditorField *_ms_sheet_editor_add_field   (MsSheetEditor *self,
                                             const char    *path,
                                             const char    *label,
                                             GtkWidget     *row,
                                             GtkWidget     *focus,
                                             GtkWidget     *message);
void        _ms_sheet_editor_set_input_error (MsSheetEditor *self,
                                              const char    *path,
                                              const char    *message);
void        _ms_sheet_editor_rebuild_later  (MsSheetEditor *self,
                                             const char    *focus_path);
void        _ms_sheet_editor_apply_marks    (MsSheetEditor *self);

/* ms-editor-fields.c: controls bound to members of the sheet. @parent is an
 * AdwPreferencesGroup or an AdwExpanderRow. */
GtkWidget  *_ms_editor_group                (MsSheetEditor *self,
                                             const char    *title,
                                             const char    *description);
void        _ms_editor_text                 (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             MsTextKind     kind,
                                             char         **target);
void        _ms_editor_localized            (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             gboolean       multiline,
                                             MsLocalized  **target);
void        _ms_editor_enum                 (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             MsEnumType     type,
                                             int           *target);
void        _ms_editor_bool                 (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             MsBool        *target);
void        _ms_editor_count                (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             gint64         minimum,
                                             gint64         maximum,
                                             gint64        *target);
void        _ms_editor_amount               (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             gint64        *target);
void        _ms_editor_date                 (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             char         **target);
void        _ms_editor_vocab                (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             MsVocab        vocab,
                                             char         **target);
void        _ms_editor_audiences            (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             GArray       **target);
void        _ms_editor_references           (MsSheetEditor *self,
                                             GtkWidget     *parent,
                                             const char    *path,
                                             const char    *label,
                                             GPtrArray    **target);

/* A repeatable list: one item row per element, built by @build, with
 * buttons (and Alt+Up, Alt+Down, Delete) to move and remove it, and an
 * "add" row that appends @create's item. */
typedef gpointer  (*MsItemCreate) (MsSheetEditor *self);
typedef void      (*MsItemBuild)  (MsSheetEditor *self,
                                   GtkWidget     *item_row,
                                   const char    *item_path,
                                   gpointer      *slot);
typedef char     *(*MsItemTitle)  (gpointer       item);

void        _ms_editor_list                 (MsSheetEditor *self,
                                             GtkWidget     *group,
                                             const char    *path,
                                             const char    *item_label,
                                             const char    *add_label,
                                             GPtrArray    **target,
                                             GDestroyNotify free_item,
                                             MsItemCreate   create,
                                             MsItemBuild    build,
                                             MsItemTitle    title);

/* Builds the fields of a list item (an AdwExpanderRow) if they are not
 * yet: items are built when first opened. */
void        _ms_editor_build_item           (MsSheetEditor *self,
                                             GtkWidget     *row);

/* ms-editor-sections.c: the sections of article 6, in the sheet view's order. */
void        _ms_editor_build_sections       (MsSheetEditor *self);

G_END_DECLS
