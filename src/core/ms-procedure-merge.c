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
#include "ms-format.h"
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

/* Merging another source's version {{{1 */

typedef struct {
  gboolean   prefer_incoming;
  GPtrArray *conflicts;
} Merge;

void
ms_merge_conflict_free (MsMergeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->path);
  g_free (conflict->current);
  g_free (conflict->incoming);
  g_free (conflict);
}

/* The id of a list item, or NULL when the item has none. */
static const char *
item_id (JsonNode *item)
{
  JsonObject *o;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return NULL;
  o = json_node_get_object (item);
  if (!json_object_has_member (o, "id") || !JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "id")))
    return NULL;
  return json_object_get_string_member (o, "id");
}

static char *
short_value (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *list = json_node_get_array (node);
      guint n = json_array_get_length (list);
      g_autoptr(GString) ids = g_string_new (NULL);

      if (n == 0)
        return g_strdup (_("none"));
      /* Items with ids are named, so that the one only one side has shows. */
      for (guint i = 0; i < n && i < 20; i++)
        {
          JsonNode *item = json_array_get_element (list, i);
          const char *id = item_id (item);
          JsonObject *o;

          if (id == NULL)
            break;
          g_string_append_printf (ids, "%s%s", ids->len > 0 ? ", " : "", id);
          o = json_node_get_object (item);
          /* A fee is told by its amount. */
          if (json_object_has_member (o, "amount_centimes"))
            {
              g_autofree char *amount = ms_format_amount (json_object_get_int_member (o, "amount_centimes"));

              g_string_append_printf (ids, " (%s)", amount);
            }
        }
      if (ids->len > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item: %s", "%u items: %s", n), n, ids->str);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
    }
  return json_to_string (node, FALSE);
}

static void
add_conflict (Merge      *m,
              const char *path,
              JsonNode   *current,
              JsonNode   *incoming)
{
  MsMergeConflict *c = g_new0 (MsMergeConflict, 1);

  c->path = g_strdup (path);
  c->current = short_value (current);
  c->incoming = short_value (incoming);
  g_ptr_array_add (m->conflicts, c);
}

static gboolean
all_have_ids (JsonArray *list)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (item_id (json_array_get_element (list, i)) == NULL)
      return FALSE;
  return json_array_get_length (list) > 0;
}

static JsonNode *find_by_id (JsonArray  *list,
                             const char *id);
static JsonNode *merge_node (Merge      *m,
                             const char *path,
                             JsonNode   *current,
                             JsonNode   *incoming);

static JsonNode *
find_by_id (JsonArray  *list,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (item_id (json_array_get_element (list, i)), id) == 0)
      return json_array_get_element (list, i);
  return NULL;
}

static gboolean
same_ids (JsonArray *a,
          JsonArray *b)
{
  if (json_array_get_length (a) != json_array_get_length (b))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (a); i++)
    if (find_by_id (b, item_id (json_array_get_element (a, i))) == NULL)
      return FALSE;
  return TRUE;
}

static JsonNode *
merge_list (Merge      *m,
            const char *path,
            JsonNode   *current,
            JsonNode   *incoming)
{
  JsonArray *a = json_node_get_array (current), *b = json_node_get_array (incoming);
  gboolean by_id = all_have_ids (a) && all_have_ids (b);
  gboolean agree = by_id ? same_ids (a, b) : json_array_get_length (a) == json_array_get_length (b);
  gboolean take_incoming = !agree && m->prefer_incoming;
  JsonArray *winner = take_incoming ? b : a, *other = take_incoming ? a : b;
  JsonArray *out = json_array_new ();

  if (!agree && (json_array_get_length (a) > 0 || json_array_get_length (b) > 0))
    add_conflict (m, path, current, incoming);
  for (guint i = 0; i < json_array_get_length (winner); i++)
    {
      JsonNode *mine = json_array_get_element (winner, i);
      JsonNode *match = by_id ? find_by_id (other, item_id (mine))
                        : i < json_array_get_length (other) ? json_array_get_element (other, i) : NULL;
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

      if (match == NULL)
        json_array_add_element (out, json_node_copy (mine));
      else if (take_incoming)
        json_array_add_element (out, merge_node (m, item_path, match, mine));
      else
        json_array_add_element (out, merge_node (m, item_path, mine, match));
    }
  return json_node_init_array (json_node_alloc (), out);
}

static JsonNode *
merge_node (Merge      *m,
            const char *path,
            JsonNode   *current,
            JsonNode   *incoming)
{
  if (current == NULL || JSON_NODE_HOLDS_NULL (current))
    return json_node_copy (incoming);
  if (incoming == NULL || JSON_NODE_HOLDS_NULL (incoming) || json_node_equal (current, incoming))
    return json_node_copy (current);

  if (JSON_NODE_HOLDS_OBJECT (current) && JSON_NODE_HOLDS_OBJECT (incoming))
    {
      JsonObject *a = json_node_get_object (current), *b = json_node_get_object (incoming);
      JsonObject *out = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      /* A localized text is an object too: merged language by language
       * ("title.fr"), by the same rule as any other member. */
      json_object_iter_init (&iter, a);
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *sub = *path != '\0' ? g_strconcat (path, ".", name, NULL) : g_strdup (name);

          json_object_set_member (out, name, merge_node (m, sub, value, member (b, name)));
        }
      json_object_iter_init (&iter, b);
      while (json_object_iter_next (&iter, &name, &value))
        if (!json_object_has_member (a, name))
          json_object_set_member (out, name, json_node_copy (value));
      return json_node_init_object (json_node_alloc (), out);
    }
  if (JSON_NODE_HOLDS_ARRAY (current) && JSON_NODE_HOLDS_ARRAY (incoming))
    return merge_list (m, path, current, incoming);

  /* A scalar, or two values of different kinds: they disagree. */
  add_conflict (m, path, current, incoming);
  return json_node_copy (m->prefer_incoming ? incoming : current);
}

JsonNode *
ms_procedure_json_merge (JsonNode  *current,
                         JsonNode  *incoming,
                         gboolean   prefer_incoming,
                         GPtrArray *conflicts)
{
  Merge m = { prefer_incoming, conflicts };

  g_return_val_if_fail (current != NULL && incoming != NULL && conflicts != NULL, NULL);

  return merge_node (&m, "", current, incoming);
}

MsProcedure *
ms_procedure_merge_incoming (MsProcedure  *current,
                             MsProcedure  *incoming,
                             gboolean      prefer_incoming,
                             GPtrArray   **conflicts,
                             GError      **error)
{
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_merge_conflict_free);
  MsProcedure *result;

  g_return_val_if_fail (MS_IS_PROCEDURE (current), NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (incoming), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (current->id, incoming->id) != 0)
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_MISMATCH,
               _("The versions cannot be merged: they are not versions of the same sheet"));
      return NULL;
    }
  a = ms_procedure_to_json (current);
  b = ms_procedure_to_json (incoming);
  merged = ms_procedure_json_merge (a, b, prefer_incoming, found);
  if (!(result = ms_procedure_new_from_json (merged, error)))
    return NULL;
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&found);
  return result;
}
