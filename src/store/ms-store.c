/* ms-store.c — the catalog store interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ms-store.h"
#include "ms-store-error.h"

G_DEFINE_INTERFACE (MsStore, ms_store, G_TYPE_OBJECT)

static guint changed_signal;

static void
ms_store_default_init (MsStoreInterface *iface)
{
  /* The catalog was changed by someone else (ms_store_watch). */
  changed_signal = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
}

#define IFACE(self) MS_STORE_GET_IFACE (self)

char *
ms_store_get_setting (MsStore     *self,
                      const char  *key,
                      GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return IFACE (self)->get_setting (self, key, error);
}

gboolean
ms_store_add_user (MsStore       *self,
                   const char    *actor,
                   const MsUser  *user,
                   GError       **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && user != NULL && user->login != NULL, FALSE);
  return IFACE (self)->add_user (self, actor, user, error);
}

GPtrArray *
ms_store_list_users (MsStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  return IFACE (self)->list_users (self, error);
}

gboolean
ms_store_set_user_roles (MsStore     *self,
                         const char  *actor,
                         const char  *login,
                         MsRoles      roles,
                         GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && login != NULL, FALSE);
  g_return_val_if_fail ((roles & ~MS_ROLE_ALL) == 0, FALSE);
  return IFACE (self)->set_user_roles (self, actor, login, roles, error);
}

gboolean
ms_store_set_user_active (MsStore     *self,
                          const char  *actor,
                          const char  *login,
                          gboolean     active,
                          GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && login != NULL, FALSE);
  return IFACE (self)->set_user_active (self, actor, login, !!active, error);
}

MsUser *
ms_store_get_user (MsStore     *self,
                   const char  *login,
                   GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (login != NULL, NULL);
  return IFACE (self)->get_user (self, login, error);
}

MsSheetInfo *
ms_store_save (MsStore      *self,
               const char   *actor,
               MsProcedure  *procedure,
               gint64        base_revision,
               GError      **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (procedure), NULL);
  return IFACE (self)->save (self, actor, procedure, base_revision, error);
}

GPtrArray *
ms_store_import (MsStore     *self,
                 const char  *actor,
                 GPtrArray   *procedures,
                 GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL && procedures != NULL, NULL);
  return IFACE (self)->import (self, actor, procedures, error);
}

GPtrArray *
ms_store_import_entries (MsStore               *self,
                         const char            *actor,
                         GPtrArray             *entries,
                         const MsImportOptions *options,
                         GError               **error)
{
  static const MsImportOptions defaults = { FALSE, FALSE, FALSE };

  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL && entries != NULL, NULL);
  if (IFACE (self)->import_entries == NULL)
    {
      g_set_error (error, MS_STORE_ERROR, MS_STORE_ERROR_FAILED, _("This catalog cannot import portal records"));
      return NULL;
    }
  return IFACE (self)->import_entries (self, actor, entries, options != NULL ? options : &defaults, error);
}

MsProcedure *
ms_store_get_sheet (MsStore      *self,
                    const char   *id,
                    gint64        revision,
                    MsSheetInfo **info,
                    GError      **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return IFACE (self)->get_sheet (self, id, revision, info, error);
}

MsSheetInfo *
ms_store_get_sheet_info (MsStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return IFACE (self)->get_info (self, id, error);
}

GPtrArray *
ms_store_list (MsStore             *self,
               const MsStoreFilter *filter,
               GError             **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  return IFACE (self)->list (self, filter, error);
}

GPtrArray *
ms_store_search (MsStore             *self,
                 const char          *query,
                 const MsStoreFilter *filter,
                 guint                limit,
                 GError             **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  return IFACE (self)->search (self, query, filter, limit, error);
}

GPtrArray *
ms_store_list_ids (MsStore             *self,
                   const MsStoreFilter *filter,
                   GError             **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (IFACE (self)->list_ids != NULL, NULL);
  return IFACE (self)->list_ids (self, filter, error);
}

GPtrArray *
ms_store_get_infos (MsStore            *self,
                    const char * const *ids,
                    guint               n_ids,
                    GError            **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (IFACE (self)->get_infos != NULL, NULL);
  return IFACE (self)->get_infos (self, ids, n_ids, error);
}

GPtrArray *
ms_store_changes_since (MsStore  *self,
                        gint64    mark,
                        gint64   *new_mark,
                        GError  **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (new_mark != NULL, NULL);
  g_return_val_if_fail (IFACE (self)->changes_since != NULL, NULL);
  return IFACE (self)->changes_since (self, mark, new_mark, error);
}

MsSheetInfo *
ms_store_transition (MsStore     *self,
                     const char  *actor,
                     const char  *id,
                     MsAction     action,
                     const char  *comment,
                     GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL && id != NULL, NULL);
  /* Editing is ms_store_save; publishing is an export (ms_store_commit_export). */
  g_return_val_if_fail (action < MS_N_ACTIONS && action != MS_ACTION_EDIT && action != MS_ACTION_PUBLISH, NULL);
  return IFACE (self)->transition (self, actor, id, action, comment, error);
}

GPtrArray *
ms_store_revisions (MsStore     *self,
                    const char  *id,
                    GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return IFACE (self)->revisions (self, id, error);
}

GPtrArray *
ms_store_audit (MsStore     *self,
                const char  *id,
                GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  return IFACE (self)->audit (self, id, error);
}

gboolean
ms_store_verify_audit (MsStore  *self,
                       gint64   *n_entries,
                       GError  **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), FALSE);
  return IFACE (self)->verify_audit (self, n_entries, error);
}

MsExportSet *
ms_store_read_export (MsStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  return IFACE (self)->read_export (self, error);
}

gboolean
ms_store_commit_export (MsStore               *self,
                        const char            *actor,
                        const MsExportSet     *set,
                        const MsExportRecord  *record,
                        GError               **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && set != NULL && record != NULL, FALSE);
  g_return_val_if_fail (record->sequence == set->sequence + 1, FALSE);
  g_return_val_if_fail (record->manifest_sha256 != NULL, FALSE);
  g_return_val_if_fail (record->published != NULL, FALSE);
  return IFACE (self)->commit_export (self, actor, set, record, error);
}

void
ms_user_free (MsUser *user)
{
  if (user == NULL)
    return;
  g_free (user->login);
  g_free (user->name);
  g_free (user);
}

void
ms_sheet_info_free (MsSheetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->code);
  ms_localized_free (info->title);
  g_free (info->administration);
  g_free (info->sha256);
  g_free (info->updated);
  g_free (info->updated_by);
  g_free (info->snippet);
  g_free (info);
}

void
ms_revision_info_free (MsRevisionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->sha256);
  g_free (info->author);
  g_free (info->created);
  g_free (info);
}

void
ms_audit_entry_free (MsAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->sheet_id);
  g_free (entry->sha256);
  g_free (entry->from_state);
  g_free (entry->to_state);
  g_free (entry->comment);
  g_free (entry);
}

void
ms_import_item_free (MsImportItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->code);
  g_clear_pointer (&item->conflicts, g_ptr_array_unref);
  g_free (item->draft_id);
  g_free (item->draft_code);
  g_free (item->edited_by);
  g_free (item->edited_at);
  g_free (item);
}

static void
export_item_free (MsExportItem *item)
{
  g_free (item->id);
  g_free (item->sha256);
  g_free (item->published);
  g_clear_pointer (&item->json, g_bytes_unref);
  g_free (item);
}

MsExportSet *
ms_export_set_new (void)
{
  MsExportSet *set = g_new0 (MsExportSet, 1);

  set->items = g_ptr_array_new_with_free_func ((GDestroyNotify) export_item_free);
  set->withdrawn = g_ptr_array_new_with_free_func (g_free);
  return set;
}

void
ms_export_set_free (MsExportSet *set)
{
  if (set == NULL)
    return;
  g_free (set->issuer);
  g_free (set->previous);
  g_ptr_array_unref (set->items);
  g_ptr_array_unref (set->withdrawn);
  g_free (set);
}

MsSheetInfo *
ms_store_create_draft (MsStore      *self,
                       const char   *actor,
                       MsProcedure  *procedure,
                       GError      **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (procedure), NULL);
  return IFACE (self)->create_draft (self, actor, procedure, error);
}

MsSheetInfo *
ms_store_duplicate (MsStore     *self,
                    const char  *actor,
                    const char  *id,
                    GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL && id != NULL, NULL);
  return IFACE (self)->duplicate (self, actor, id, error);
}

gboolean
ms_store_delete_draft (MsStore     *self,
                       const char  *actor,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && id != NULL, FALSE);
  return IFACE (self)->delete_draft (self, actor, id, FALSE, error);
}

gboolean
ms_store_check_delete (MsStore     *self,
                       const char  *actor,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (MS_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && id != NULL, FALSE);
  return IFACE (self)->delete_draft (self, actor, id, TRUE, error);
}

void
ms_store_watch (MsStore *self,
                guint    interval_ms)
{
  g_return_if_fail (MS_IS_STORE (self));

  if (IFACE (self)->watch != NULL)
    IFACE (self)->watch (self, interval_ms);
}

void
ms_store_emit_changed (MsStore *self)
{
  g_return_if_fail (MS_IS_STORE (self));

  g_signal_emit (self, changed_signal, 0);
}
