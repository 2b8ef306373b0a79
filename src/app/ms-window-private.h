/* ms-window-private.h — MsWindow internals shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-history-view.h"
#include "ms-review-changes.h"
#include "ms-sheet-editor.h"
#include "ms-sheet-view.h"
#include "ms-analyzer.h"
#include "ms-sheet-list.h"
#include "ms-store-catalog.h"
#include "ms-validator.h"
#include "ms-window.h"

G_BEGIN_DECLS

struct _MsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AdwWindowTitle       *sidebar_title;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *state_filter;
  GtkRevealer          *subset_revealer;
  GtkLabel             *subset_label;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  GtkWidget            *content_box;
  GtkWidget            *back_button;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  GtkWidget            *workflow_bar;
  GtkWidget            *workflow_strut;
  GtkLabel             *state_label;
  GtkWidget            *workflow_buttons;
  GtkWidget            *submit_button;
  GtkWidget            *approve_button;
  GtkWidget            *request_changes_button;
  GtkWidget            *withdraw_button;
  GtkStack             *sheet_stack;
  MsSheetView          *sheet_view;
  MsSheetEditor        *sheet_editor;
  GtkWidget            *edit_button;
  GtkWidget            *issues_button;
  GtkWidget            *history_button;
  MsHistoryView        *history_view;
  MsReviewChanges      *review_changes;
  GtkWidget            *edit_label;
  GtkImage             *issues_icon;
  GtkLabel             *issues_label;
  GtkLabel             *workflow_reason;
  char                 *edit_refusal;  /* why the sheet cannot be edited now, or NULL */

  /* Owned References */
  GSettings            *settings;
  /* The list: the sheets the search, the state filter and the subset let
   * through, read from list_store in pages (ms-sheet-list.h); NULL before
   * a catalog is open. */
  MsSheetList          *list;
  GtkSingleSelection   *selection;
  char                 *search_key;    /* the search typed, NULL when it has no word */
  GHashTable           *issues;        /* sheet id → GPtrArray of MsIssue, of sheets opened */
  GHashTable           *bound_rows;    /* GtkListItem* bound, to update their snippets */

  /* What the list reads: the catalog database, or for a folder of sheets
   * a catalog in memory holding them (one code path). */
  MsStore              *list_store;
  /* What the Compliance window checks, filled when it opens (NULL before)
   * and kept up to date by the live refresh. */
  MsCatalog            *compliance_catalog;
  /* A catalog database; NULL for a folder of sheets, which is read-only. */
  MsStore              *store;
  GPtrArray            *users;         /* MsUser*, the store's */
  char                 *actor;         /* the login acting */
  MsUser               *user;          /* borrowed from users; NULL: not a user, read-only */
  MsWorkflowFacts      *facts;         /* of the selected sheet, NULL when unknown */
  gboolean              can_delete;    /* the acting user may delete it (a never-submitted draft) */
  gboolean              replacing;     /* an entry is being replaced in the catalog */
  AdwToast             *workflow_toast; /* the last transition's, until dismissed */

  /* The sheet shown, read from the store when opened: the list's
   * selection, kept while a search hides it. */
  MsCatalogEntry       *shown;

  /* Writing (ms-window-editor.c) */
  gboolean              editing;
  gboolean              dirty;         /* typed since the last save */
  gboolean              conflict;      /* someone else saved meanwhile */
  gint64                edit_base;     /* the revision the text started from */
  MsProcedure          *edit_saved;    /* its content */
  guint                 autosave_id;
  char                 *deleting;      /* the sheet Delete Draft asks about */
  int                   read_issue;    /* the issue F8 showed in the sheet view, -1 */

  /* History (ms-window-history.c): the history page replaces the view */
  gboolean              history;
  /* Following the catalog and filtering it (ms-window-live.c) */
  gint64                change_mark;   /* ms_store_changes_since's, as last read */
  guint                 state_filter_kind; /* the state filter's item */
  GStrv                 subset;        /* sheet ids a compliance bar chose, or NULL: all */

  /* The benchmark's probes (ms-window-watchdog.c, MASATIR_BENCH=1). */
  gboolean              bench_first_drawn;
  gint64                bench_key_time;     /* of the key typed in the search, 0 */
  gboolean              bench_list_updated; /* the list answered it */

  /* Borrowed from core, which keeps it for the whole run; NULL when the
   * rules did not load, and then validator_error says why. */
  MsValidator          *validator;
  GError               *validator_error;
};

void       _ms_window_class_actions_init (MsWindowClass *klass);
void       _ms_window_actions_init       (MsWindow      *self);
void       _ms_window_actions_update     (MsWindow      *self);
void       _ms_window_select_sheet       (MsWindow      *self,
                                          const char    *id);
void       _ms_window_show_content       (MsWindow      *self);
GPtrArray *_ms_window_get_issues         (MsWindow      *self,
                                          MsProcedure   *procedure);
MsCatalogEntry *_ms_window_get_selected_entry (MsWindow *self);
/* The sheet @id read from the list's store with its state, as shown. */
MsCatalogEntry *_ms_window_load_entry    (MsWindow      *self,
                                          const char    *id,
                                          GError       **error);
void       _ms_window_set_user           (MsWindow      *self,
                                          const char    *login);
void       _ms_window_reload_users       (MsWindow      *self);
/* Shows @entry, which replaces the entry of the same sheet, and keeps it
 * selected; the list reads its row again, the workflow facts of the sheet
 * are read again. */
void       _ms_window_replace_entry      (MsWindow       *self,
                                          MsCatalogEntry *entry);

gboolean   _ms_window_workflow_allowed   (MsWindow      *self,
                                          MsAction       action,
                                          const char    *comment,
                                          char         **reason);

/* ms-window.c */
void       _ms_window_update_content_page (MsWindow     *self);
void       _ms_window_update_content     (MsWindow      *self);
void       _ms_window_update_sidebar     (MsWindow      *self);
void       _ms_window_unselect_for_change (MsWindow     *self);
/* The list filtered again (search or state filter changed), the sheet shown
 * selected again when it is let back in. */
void       _ms_window_refilter           (MsWindow      *self);
guint      _ms_window_find_position      (MsWindow      *self,
                                          const char    *id);
void       _ms_window_forget_sheet       (MsWindow      *self,
                                          const char    *id);

/* ms-window-editor.c: writing sheets */
void       _ms_window_editor_init        (MsWindow      *self);
void       _ms_window_set_editing        (MsWindow      *self,
                                          gboolean       editing);
gboolean   _ms_window_stop_editing       (MsWindow      *self);
gboolean   _ms_window_save_edits         (MsWindow      *self,
                                          GError       **error);
void       _ms_window_update_issue_count (MsWindow      *self);
void       _ms_window_show_issue         (MsWindow      *self,
                                          gboolean       forward);
void       _ms_window_new_sheet          (MsWindow      *self);
void       _ms_window_duplicate_sheet    (MsWindow      *self);
void       _ms_window_delete_sheet       (MsWindow      *self);
void       _ms_window_compare            (MsWindow      *self);
void       _ms_window_reapply            (MsWindow      *self);
gboolean   _ms_window_close_request      (MsWindow      *self);

/* ms-window-history.c: the history and what changed since publication */
void       _ms_window_update_history     (MsWindow      *self);
void       _ms_window_set_history        (MsWindow      *self,
                                          gboolean       history);
void       _ms_window_history_update_actions (MsWindow  *self);
/* ms-window-live.c: following the catalog, the state filter */
void       _ms_window_live_init          (MsWindow      *self);
void       _ms_window_live_dispose       (MsWindow      *self);
void       _ms_window_live_follow        (MsWindow      *self);
void       _ms_window_live_unfollow      (MsWindow      *self);
void       _ms_window_live_reset         (MsWindow      *self);
void       _ms_window_live_user_changed  (MsWindow      *self);
gboolean   _ms_window_live_filtering     (MsWindow      *self);
/* The store filter of the state filter and the subset. */
void       _ms_window_live_get_filter    (MsWindow      *self,
                                          MsStoreFilter *filter);
void       _ms_window_live_refresh       (MsWindow      *self);

/* ms-window-compliance.c: the Compliance window and the subset of sheets
 * one of its bars lets the list show (@ids NULL: every sheet again) */
void       _ms_window_class_compliance_init (GtkWidgetClass *widget_class);
void       _ms_window_compliance_update_actions (MsWindow *self);
void       _ms_window_set_subset         (MsWindow           *self,
                                          const char         *label,
                                          const char * const *ids);

/* ms-window-workflow.c: transitions and the dialogs they need */
char      *_ms_roles_label               (MsRoles        roles);
void       _ms_window_run_transition     (MsWindow      *self,
                                          MsAction       action,
                                          const char    *comment);
void       _ms_window_ask_comment        (MsWindow      *self,
                                          MsAction       action);
void       _ms_window_choose_user        (MsWindow      *self);

/* ms-window-watchdog.c: the main-loop watchdog (MASATIR_WATCHDOG=1) and
 * the benchmark's probes (MASATIR_BENCH=1) */
void       _ms_window_watchdog_start     (void);
void       _ms_window_bench_init         (MsWindow      *self);
void       _ms_window_bench_list_updated (MsWindow      *self);

/* ms-window-search.c: the store's search, ranked, with snippets. At most
 * this many results: a word found everywhere lists the best ones
 * (bench-store times searches of this size). */
#define MS_WINDOW_SEARCH_LIMIT 200

void       _ms_window_search_init        (MsWindow      *self);
void       _ms_window_search_finalize    (MsWindow      *self);
/* A row's snippet line, and those of every row shown (self->bound_rows). */
void       _ms_window_search_update_row  (MsWindow      *self,
                                          GtkListItem   *list_item);
void       _ms_window_search_update_rows (MsWindow      *self);

G_END_DECLS
