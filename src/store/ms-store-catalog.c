/* ms-store-catalog.c — what the window needs from a store, on top of MsStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store-catalog"

#include "config.h"

#include <string.h>

#include "ms-store-catalog.h"

const char *
ms_store_default_actor (const char *requested)
{
  const char *env;

  if (requested != NULL && *requested != '\0')
    return requested;
  env = g_getenv ("MASATIR_USER");
  if (env != NULL && *env != '\0')
    return env;
  return g_get_user_name ();
}

gboolean
ms_store_fill_catalog (MsStore    *store,
                       MsCatalog  *catalog,
                       GError    **error)
{
  g_autoptr(GPtrArray) infos = NULL;

  g_return_val_if_fail (MS_IS_STORE (store), FALSE);
  g_return_val_if_fail (MS_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(infos = ms_store_list (store, NULL, error)))
    return FALSE;

  for (guint i = 0; i < infos->len; i++)
    {
      MsSheetInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(MsProcedure) procedure = NULL;
      g_autoptr(MsCatalogEntry) entry = NULL;

      if (!(procedure = ms_store_get_sheet (store, info->id, 0, NULL, error)))
        return FALSE;
      entry = ms_catalog_entry_new (procedure, info->state, NULL);
      ms_catalog_add (catalog, entry);
    }
  return TRUE;
}

void
ms_workflow_facts_free (MsWorkflowFacts *facts)
{
  if (facts == NULL)
    return;
  g_strfreev (facts->editors);
  g_free (facts->submitter);
  g_free (facts);
}

/* The store keeps who may approve in its own rows; the public API shows them
 * through the revisions (their authors) and the audit log (publications and
 * submissions), which is what the rules were computed from. */
MsWorkflowFacts *
ms_store_get_workflow_facts (MsStore     *store,
                             const char  *id,
                             GError     **error)
{
  g_autoptr(MsWorkflowFacts) facts = g_new0 (MsWorkflowFacts, 1);
  g_autoptr(MsSheetInfo) info = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GStrvBuilder) editors = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *submitter = NULL;
  gint64 last_published = 0;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(info = ms_store_get_sheet_info (store, id, error))
      || !(revisions = ms_store_revisions (store, id, error))
      || !(audit = ms_store_audit (store, id, error)))
    return NULL;

  for (guint i = 0; i < audit->len; i++)
    {
      MsAuditEntry *entry = g_ptr_array_index (audit, i);

      if (g_strcmp0 (entry->action, ms_action_to_nick (MS_ACTION_PUBLISH)) == 0)
        last_published = MAX (last_published, entry->revision);
      else if (g_strcmp0 (entry->action, ms_action_to_nick (MS_ACTION_SUBMIT)) == 0)
        submitter = entry->actor;
    }

  for (guint i = 0; i < revisions->len; i++)
    {
      MsRevisionInfo *revision = g_ptr_array_index (revisions, i);

      if (revision->number > last_published && revision->author != NULL
          && g_hash_table_add (seen, revision->author))
        g_strv_builder_add (editors, revision->author);
    }

  facts->state = info->state;
  facts->live = info->live_revision > 0;
  facts->editors = g_strv_builder_end (editors);
  /* A save after a submission sends the sheet back to draft: only a sheet
   * in review has a submitter. */
  if (info->state == MS_STATE_IN_REVIEW)
    facts->submitter = g_strdup (submitter);
  return g_steal_pointer (&facts);
}

gboolean
ms_workflow_facts_check (const MsWorkflowFacts  *facts,
                         MsAction                action,
                         const MsUser           *user,
                         gboolean                has_errors,
                         const char             *comment,
                         GError                **error)
{
  MsState from;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  /* As the store does: a withdrawal is about the live revision, even with
   * a new draft over it. */
  from = action == MS_ACTION_WITHDRAW && facts->live ? MS_STATE_PUBLISHED : facts->state;
  return ms_workflow_check (action, from, user->login, user->roles,
                            (const char * const *) facts->editors, facts->submitter,
                            has_errors, comment, error);
}

gboolean
ms_workflow_facts_applies (const MsWorkflowFacts *facts,
                           MsAction               action)
{
  /* Nobody who shaped the sheet, with every role and a comment: only the
   * state can refuse. */
  static const MsUser anyone = { (char *) "", NULL, MS_ROLE_ALL };

  g_return_val_if_fail (facts != NULL, FALSE);

  return ms_workflow_facts_check (facts, action, &anyone, FALSE, "-", NULL);
}
