/* ms-procedure-merge.c — re-applying an editor's changes over another save
 *
 * The unit is a top-level member of the JSON form: small enough that two
 * people editing different parts of a sheet both keep their work, large
 * enough that a merged list (documents, fees) is never a mix nobody wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-procedure"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ms-core-error.h"
#include "ms-procedure.h"

/* NULL is an absent member: absent and present are different values. */
static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

MsProcedure *
ms_procedure_merge (MsProcedure  *base,
                    MsProcedure  *mine,
                    MsProcedure  *theirs,
                    GPtrArray   **conflicts,
                    GError      **error)
{
  g_autoptr(JsonNode) base_node = NULL;
  g_autoptr(JsonNode) mine_node = NULL;
  g_autoptr(JsonNode) theirs_node = NULL;
  g_autoptr(JsonNode) merged_node = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) merged = NULL;
  const char * const *members = ms_procedure_get_members ();
  MsProcedure *result;

  g_return_val_if_fail (MS_IS_PROCEDURE (base), NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (mine), NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (theirs), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (base->id, mine->id) != 0 || g_strcmp0 (base->id, theirs->id) != 0)
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_MISMATCH,
               _("The changes cannot be merged: they are not changes of the same sheet"));
      return NULL;
    }

  base_node = ms_procedure_to_json (base);
  mine_node = ms_procedure_to_json (mine);
  theirs_node = ms_procedure_to_json (theirs);
  merged = json_object_new ();
  found = g_ptr_array_new_with_free_func (g_free);

  /* The writer only emits these members, so nothing is left out. */
  for (guint i = 0; members[i] != NULL; i++)
    {
      JsonNode *b = member (json_node_get_object (base_node), members[i]);
      JsonNode *m = member (json_node_get_object (mine_node), members[i]);
      JsonNode *t = member (json_node_get_object (theirs_node), members[i]);
      JsonNode *chosen;

      if (!same_value (b, m))
        {
          if (!same_value (b, t) && !same_value (m, t))
            g_ptr_array_add (found, g_strdup (members[i]));
          chosen = m;
        }
      else
        chosen = t;
      if (chosen != NULL)
        json_object_set_member (merged, members[i], json_node_copy (chosen));
    }

  merged_node = json_node_init_object (json_node_alloc (), merged);
  /* Each member comes from a valid sheet, so this only fails if the format
   * gains a rule across members; the loader then says which. */
  if (!(result = ms_procedure_new_from_json (merged_node, error)))
    return NULL;
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&found);
  return result;
}
