/* ms-store-common.c — the logic both backends share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-draft.h"
#include "ms-portal.h"
#include "ms-store-common-private.h"
#include "ms-store-error.h"
#include "ms-validator.h"

#define DRY_RUN_STOP "dry run"

/* Codes tried before giving up: a catalog does not hold a million copies. */
#define MAX_CODE_CANDIDATES 1000000

gboolean
ms_store_count_issues (MsProcedure  *procedure,
                       guint        *n_errors,
                       guint        *n_warnings,
                       GError      **error)
{
  MsValidator *validator = ms_validator_get_default (error);
  g_autoptr(GPtrArray) issues = NULL;

  if (validator == NULL)
    return FALSE;
  issues = ms_validator_check (validator, procedure);
  *n_errors = ms_issues_count (issues, MS_SEVERITY_ERROR);
  if (n_warnings != NULL)
    *n_warnings = ms_issues_count (issues, MS_SEVERITY_WARNING);
  return TRUE;
}

static gint64
text_int (const char *text)
{
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

MsSheetInfo *
ms_store_info_from_texts (const char * const *texts)
{
  MsSheetInfo *info = g_new0 (MsSheetInfo, 1);
  MsState state;

  info->id = g_strdup (texts[0]);
  info->code = g_strdup (texts[1]);
  info->title = ms_localized_new ();
  for (guint lang = 0; lang < MS_N_LANGS; lang++)
    ms_localized_set (info->title, lang, texts[2 + lang]);
  info->administration = g_strdup (texts[6]);
  info->state = texts[7] != NULL && ms_state_from_nick (texts[7], &state) ? state : MS_STATE_DRAFT;
  info->revision = text_int (texts[8]);
  info->live_revision = text_int (texts[9]);
  info->sha256 = g_strdup (texts[10]);
  info->updated = g_strdup (texts[11]);
  info->updated_by = g_strdup (texts[12]);
  info->n_errors = text_int (texts[13]);
  info->n_warnings = text_int (texts[14]);
  return info;
}

void
ms_store_audit_entry_borrow (MsAuditEntry       *e,
                             const char * const *texts)
{
  e->seq = text_int (texts[0]);
  e->time = (char *) texts[1];
  e->actor = (char *) texts[2];
  e->action = (char *) texts[3];
  e->sheet_id = (char *) texts[4];
  e->revision = text_int (texts[5]);
  e->sha256 = (char *) texts[6];
  e->from_state = (char *) texts[7];
  e->to_state = (char *) texts[8];
  e->comment = (char *) texts[9];
}

MsAuditEntry *
ms_store_audit_entry_from_texts (const char * const *texts)
{
  MsAuditEntry *e = g_new0 (MsAuditEntry, 1);

  ms_store_audit_entry_borrow (e, texts);
  e->time = g_strdup (e->time);
  e->actor = g_strdup (e->actor);
  e->action = g_strdup (e->action);
  e->sheet_id = g_strdup (e->sheet_id);
  e->sha256 = g_strdup (e->sha256);
  e->from_state = g_strdup (e->from_state);
  e->to_state = g_strdup (e->to_state);
  e->comment = g_strdup (e->comment);
  return e;
}

MsUser *
ms_store_user_new (const char *login,
                   const char *name,
                   gint64      roles,
                   gboolean    active)
{
  MsUser *user = g_new0 (MsUser, 1);

  user->login = g_strdup (login);
  user->name = g_strdup (name);
  user->roles = roles & MS_ROLE_ALL;
  user->inactive = !active;
  return user;
}

gboolean
ms_store_check_actor (const char  *login,
                      gboolean     known,
                      gboolean     active,
                      GError     **error)
{
  if (!known)
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                    _("“%s” is not a user of this catalog; an admin adds people with “masatir-cli users add”"), login);
  if (!active)
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_DENIED,
                    _("“%s” was deactivated and can no longer act in this catalog; an admin reactivates people with “masatir-cli users activate”"),
                    login);
  return TRUE;
}

gboolean
ms_store_check_login (const char  *login,
                      GError     **error)
{
  if (*login == '\0' || strpbrk (login, " \t\n,:") != NULL || !g_utf8_validate (login, -1, NULL))
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID,
                    _("“%s” is not a valid login: no spaces, commas or colons"), login);
  return TRUE;
}

gboolean
ms_store_fail_no_revision (const char  *id,
                           gint64       revision,
                           GError     **error)
{
  if (revision > 0)
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND,
                    _("Sheet “%s” has no revision %d"), id, (int) revision);
  return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, _("No sheet “%s” in the catalog"), id);
}

MsProcedure *
ms_store_procedure_from_stored (const char  *id,
                                const char  *json,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  MsProcedure *p = ms_procedure_new_from_data (json, length, &local_error);

  if (p == NULL)
    g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_CORRUPT,
                 _("Revision of sheet %s does not load: %s"), id, local_error->message);
  return p;
}

char *
ms_store_copy_comment (const char        *id,
                       const MsProcedure *source,
                       gint64             head)
{
  /* Audit data, not interface text: not translated. */
  return g_strdup_printf ("copy of %s (%s), revision %d", id,
                          source->code != NULL ? source->code : "-", (int) head);
}

gboolean
ms_store_check_base (const char  *id,
                     gint64       base,
                     gint64       head,
                     const char  *head_author,
                     const char  *head_created,
                     GError     **error)
{
  if (head == 0 && base > 0)
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND,
                    _("No sheet “%s” in the catalog: revision %d cannot be the base of this save"),
                    id, (int) base);
  if (head > 0 && base != head)
    return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
                    _("Sheet %s was changed by %s at %s (revision %d); this edit is based on "
                      "revision %d. Nothing was saved: reopen the sheet and redo the edit"),
                    id, head_author, head_created, (int) head, (int) base);
  return TRUE;
}

gboolean
ms_store_fail_sheet_exists (const char  *id,
                            gint64       head,
                            GError     **error)
{
  return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
                  _("Sheet %s is already in the catalog (revision %d); a new sheet needs a new id"),
                  id, (int) head);
}

gboolean
ms_store_fail_code_used (const MsProcedure  *p,
                         const char         *other,
                         GError            **error)
{
  return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_CONFLICT,
                  _("%s: the code “%s” is already used by sheet %s of the same administration"),
                  p->id, p->code, other);
}

gboolean
ms_store_fail_no_setting (const char  *key,
                          GError     **error)
{
  return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_NOT_FOUND, _("The catalog has no setting “%s”"), key);
}

gboolean
ms_store_fail_no_issuer (GError **error)
{
  return ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID, "%s",
                  _("The catalog has no issuer id to sign bundles with; it is given to "
                    "“masatir-cli init --issuer ID”"));
}

char *
ms_store_free_code (gpointer          store,
                    MsStoreCodeTaken  taken,
                    const char       *base,
                    const char       *administration,
                    GError          **error)
{
  for (guint n = 1; n <= MAX_CODE_CANDIDATES; n++)
    {
      g_autofree char *candidate = ms_draft_code_candidate (base, n);
      int rc = taken (store, candidate, administration, base == NULL, error);

      if (rc < 0)
        return NULL;
      if (rc == 0)
        return g_steal_pointer (&candidate);
    }
  ms_fail (error, MS_STORE_ERROR, MS_STORE_ERROR_INVALID,
           _("No free code left for a copy of “%s”; give the new sheet a code"), base);
  return NULL;
}

GSource *
ms_store_watch_source_new (guint        interval_ms,
                           GSourceFunc  func,
                           gpointer     store)
{
  GSource *source = g_timeout_source_new (interval_ms);

  g_source_set_callback (source, func, store, NULL);
  g_source_set_static_name (source, "[masatir] catalog watch");
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

gboolean
ms_store_watch_source_clear (GSource **source)
{
  if (*source == NULL)
    return FALSE;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
  return TRUE;
}

void
ms_store_import_item_start (MsImportItem      *item,
                            const MsProcedure *p)
{
  item->id = g_strdup (p->id);
  item->code = g_strdup (p->code);
  item->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_merge_conflict_free);
}

MsProcedure *
ms_store_incoming_draft (MsProcedure          *imported,
                         const MsImportEntry  *entry,
                         char                **comment,
                         GError              **error)
{
  g_autoptr(GPtrArray) ignored = NULL;
  MsProcedure *draft;

  if (imported != NULL)
    {
      if (!(draft = ms_procedure_merge_incoming (imported, entry->sheet, TRUE, &ignored, error)))
        return NULL;
    }
  else
    draft = ms_procedure_copy (entry->sheet);

  g_free (draft->id);
  draft->id = g_uuid_string_random ();
  g_clear_pointer (&draft->code, g_free);
  *comment = g_strdup_printf (_("portal procedure %s, imported while sheet %s was edited since its last import"),
                              entry->portal_id, entry->sheet->id);
  return draft;
}

void
ms_store_import_drafted (MsImportItem      *item,
                         const MsProcedure *draft)
{
  item->outcome = MS_IMPORT_DRAFTED;
  item->draft_id = g_strdup (draft->id);
  item->draft_code = g_strdup (draft->code);
}

void
ms_store_import_edited (MsImportItem *item,
                        const char   *author,
                        const char   *created)
{
  item->outcome = MS_IMPORT_EDITED_SINCE_IMPORT;
  item->edited_by = g_strdup (author);
  item->edited_at = g_strdup (created);
}

MsProcedure *
ms_store_import_merge (MsImportItem          *item,
                       MsProcedure           *current,
                       MsProcedure           *p,
                       const MsImportOptions *options,
                       GError               **error)
{
  MsProcedure *merged;

  g_clear_pointer (&item->conflicts, g_ptr_array_unref);
  if (!(merged = ms_procedure_merge_incoming (current, p, options->prefer_incoming, &item->conflicts, error)))
    return NULL;
  ms_portal_drop_repeated_conflicts (item->conflicts);
  return merged;
}

gboolean
ms_store_dry_run_stop (GError **error)
{
  g_set_error_literal (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED, DRY_RUN_STOP);
  return FALSE;
}

GPtrArray *
ms_store_import_finish (gboolean                ok,
                        GPtrArray             **items,
                        guint                   n_entries,
                        const MsImportOptions  *options,
                        GError                **local_error,
                        GError                **error)
{
  /* Every entry went through: the error is the dry run's own stop. */
  if (ok
      || (options->dry_run && (*items)->len == n_entries
          && g_error_matches (*local_error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED)
          && g_strcmp0 ((*local_error)->message, DRY_RUN_STOP) == 0))
    return g_steal_pointer (items);
  g_propagate_error (error, g_steal_pointer (local_error));
  return NULL;
}
