/* ms-diff.c — what changed between two revisions of a sheet, in legal terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-diff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-diff.h"
#include "ms-format.h"

typedef struct {
  GPtrArray *out;
  MsLang     lang;
} Diff;

static void
say (Diff       *d,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (Diff       *d,
     const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (d->out, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
or_none (const char *text)
{
  return text != NULL ? text : ms_format_not_stated ();
}

static void
diff_text (Diff              *d,
           const char        *label,
           const MsLocalized *a,
           const MsLocalized *b)
{
  for (guint lang = 0; lang < MS_N_LANGS; lang++)
    {
      const char *ta = a != NULL ? ms_localized_get (a, lang) : NULL;
      const char *tb = b != NULL ? ms_localized_get (b, lang) : NULL;

      if (g_strcmp0 (ta, tb) != 0)
        /* TRANSLATORS: field [language]: “old” → “new” */
        say (d, _("%s [%s]: “%s” → “%s”"), label, ms_lang_to_code (lang), or_none (ta), or_none (tb));
    }
}

static void
diff_string (Diff       *d,
             const char *label,
             const char *a,
             const char *b)
{
  if (g_strcmp0 (a, b) != 0)
    say (d, _("%s: %s → %s"), label, or_none (a), or_none (b));
}

static void
diff_days (Diff       *d,
           const char *label,
           gint64      a,
           gint64      b)
{
  g_autofree char *fa = ms_format_days (a);
  g_autofree char *fb = ms_format_days (b);

  diff_string (d, label, fa, fb);
}

static void
diff_bool (Diff       *d,
           const char *label,
           MsBool      a,
           MsBool      b)
{
  diff_string (d, label, ms_format_bool (a), ms_format_bool (b));
}

static void
diff_enum (Diff       *d,
           const char *label,
           MsEnumType  type,
           int         a,
           int         b)
{
  diff_string (d, label, ms_format_enum (type, a), ms_format_enum (type, b));
}

/* Lists whose items have an id: matched by id, so that a reordering is not
 * reported as a removal and an addition. */
typedef struct {
  const char *added;      /* "Document added" */
  const char *removed;
  const char *(*id) (gpointer item);
  char       *(*name) (gpointer item, MsLang lang);
  void        (*compare) (Diff *d, const char *name, gpointer a, gpointer b);
} ItemKind;

static gpointer
find_item (GPtrArray      *list,
           const ItemKind *kind,
           const char     *id)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_strcmp0 (kind->id (g_ptr_array_index (list, i)), id) == 0)
      return g_ptr_array_index (list, i);
  return NULL;
}

static void
diff_items (Diff           *d,
            const ItemKind *kind,
            GPtrArray      *a,
            GPtrArray      *b)
{
  for (guint i = 0; a != NULL && i < a->len; i++)
    {
      gpointer item = g_ptr_array_index (a, i);
      gpointer other = find_item (b, kind, kind->id (item));
      g_autofree char *name = kind->name (item, d->lang);

      if (other == NULL)
        say (d, "%s: %s", _(kind->removed), name);
      else if (kind->compare != NULL)
        kind->compare (d, name, item, other);
    }
  for (guint i = 0; b != NULL && i < b->len; i++)
    {
      gpointer item = g_ptr_array_index (b, i);

      if (find_item (a, kind, kind->id (item)) == NULL)
        {
          g_autofree char *name = kind->name (item, d->lang);

          say (d, "%s: %s", _(kind->added), name);
        }
    }
}

static char *
best_name (const MsLocalized *text,
           const char        *id,
           MsLang             lang)
{
  const char *best = text != NULL ? ms_localized_best (text, lang) : NULL;

  return g_strdup (best != NULL ? best : id);
}

static const char *
document_id (gpointer item)
{
  return ((MsDocument *) item)->id;
}

static char *
document_name (gpointer item,
               MsLang   lang)
{
  return best_name (((MsDocument *) item)->name, document_id (item), lang);
}

static void
compare_documents (Diff       *d,
                   const char *name,
                   gpointer    pa,
                   gpointer    pb)
{
  MsDocument *a = pa, *b = pb;
  g_autofree char *label = g_strdup_printf (_("Document “%s”"), name);
  g_autofree char *copies = g_strdup_printf (_("%s, copies"), label);
  g_autofree char *provider = g_strdup_printf (_("%s, provided by"), label);
  g_autofree char *certified = g_strdup_printf (_("%s, certified copy"), label);
  g_autofree char *sworn = g_strdup_printf (_("%s, sworn statement allowed"), label);

  diff_text (d, label, a->name, b->name);
  if (a->copies != b->copies)
    say (d, _("%s: %d → %d"), copies, (int) a->copies, (int) b->copies);
  diff_enum (d, provider, MS_ENUM_PROVIDER, a->provided_by, b->provided_by);
  diff_bool (d, certified, a->certified, b->certified);
  diff_bool (d, sworn, a->sworn_statement_allowed, b->sworn_statement_allowed);
}

static const char *
fee_id (gpointer item)
{
  return ((MsFee *) item)->id;
}

static char *
fee_name (gpointer item,
          MsLang   lang)
{
  MsFee *fee = item;
  g_autofree char *label = best_name (fee->label, fee->id, lang);
  g_autofree char *amount = ms_format_amount (fee->amount_centimes);

  return g_strdup_printf ("%s (%s)", label, amount);
}

static void
compare_fees (Diff       *d,
              const char *name,
              gpointer    pa,
              gpointer    pb)
{
  MsFee *a = pa, *b = pb;
  g_autofree char *label = best_name (a->label, a->id, d->lang);
  g_autofree char *fee = g_strdup_printf (_("Fee “%s”"), label);

  if (a->amount_centimes != b->amount_centimes)
    {
      g_autofree char *fa = ms_format_amount (a->amount_centimes);
      g_autofree char *fb = ms_format_amount (b->amount_centimes);

      say (d, _("%s: %s → %s"), fee, fa, fb);
    }
  diff_text (d, fee, a->label, b->label);
  diff_text (d, fee, a->per_unit, b->per_unit);
}

static const char *
legal_id (gpointer item)
{
  return ((MsLegalRef *) item)->id;
}

static char *
legal_name (gpointer item,
            MsLang   lang)
{
  return ms_format_legal_ref (item, lang);
}

static void
compare_legal (Diff       *d,
               const char *name,
               gpointer    a,
               gpointer    b)
{
  g_autofree char *fb = legal_name (b, d->lang);

  if (strcmp (name, fb) != 0)
    say (d, _("Legal basis: %s → %s"), name, fb);
}

static const char *
step_id (gpointer item)
{
  return ((MsStep *) item)->id;
}

static char *
step_name (gpointer item,
           MsLang   lang)
{
  return best_name (((MsStep *) item)->title, step_id (item), lang);
}

static void
compare_steps (Diff       *d,
               const char *name,
               gpointer    pa,
               gpointer    pb)
{
  MsStep *a = pa, *b = pb;
  g_autofree char *label = g_strdup_printf (_("Step “%s”"), name);

  diff_text (d, label, a->title, b->title);
  diff_days (d, label, a->days, b->days);
}

/* Channels have no id: a channel is its kind and its address. */
static const char *
channel_id (gpointer item)
{
  MsChannel *channel = item;

  return channel->url != NULL ? channel->url : ms_enum_to_nick (MS_ENUM_CHANNEL_KIND, channel->kind);
}

static char *
channel_name (gpointer item,
              MsLang   lang)
{
  MsChannel *channel = item;
  const char *where = channel->url != NULL ? channel->url : ms_localized_best (channel->where, lang);

  return g_strdup_printf ("%s %s", ms_format_enum (MS_ENUM_CHANNEL_KIND, channel->kind), where ?: "");
}

static const ItemKind documents = {
  N_("Document added"), N_("Document removed"), document_id, document_name, compare_documents
};
static const ItemKind fees = {
  N_("Fee added"), N_("Fee removed"), fee_id, fee_name, compare_fees
};
static const ItemKind legal_refs = {
  N_("Legal basis added"), N_("Legal basis removed"), legal_id, legal_name, compare_legal
};
static const ItemKind steps = {
  N_("Step added"), N_("Step removed"), step_id, step_name, compare_steps
};
static const ItemKind channels = {
  N_("Channel added"), N_("Channel removed"), channel_id, channel_name, NULL
};

static void
diff_free_or_paid (Diff      *d,
                   GPtrArray *a,
                   GPtrArray *b)
{
  gboolean free_a = a != NULL && a->len == 0;
  gboolean free_b = b != NULL && b->len == 0;

  if (free_a != free_b)
    say (d, free_b ? _("The procedure is now free") : _("The procedure is no longer free"));
}

GPtrArray *
ms_procedure_diff (MsProcedure *before,
                   MsProcedure *after,
                   MsLang       lang)
{
  Diff d = { g_ptr_array_new_with_free_func (g_free), lang };
  MsProcedure *a = before, *b = after;

  g_return_val_if_fail (MS_IS_PROCEDURE (before), NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (after), NULL);

  diff_text (&d, _("Title"), a->title, b->title);
  diff_string (&d, _("Code"), a->code, b->code);
  diff_enum (&d, _("Kind of act"), MS_ENUM_ACT_KIND, a->act_kind, b->act_kind);
  diff_string (&d, _("Administration"), a->administration, b->administration);
  diff_enum (&d, _("Level"), MS_ENUM_ADMIN_LEVEL, a->admin_level, b->admin_level);
  diff_days (&d, _("Answer deadline"), a->deadline_days, b->deadline_days);
  diff_bool (&d, _("Deadline in working days"), a->deadline_working_days, b->deadline_working_days);
  diff_bool (&d, _("Investment act (30-day cap)"), a->investment_act, b->investment_act);
  diff_bool (&d, _("Silence means acceptance"), a->silence_is_acceptance, b->silence_is_acceptance);
  diff_string (&d, _("Silence decree"), a->silence_decree, b->silence_decree);
  diff_bool (&d, _("Complementary information step"), a->complement_step, b->complement_step);
  diff_free_or_paid (&d, a->fees, b->fees);
  diff_items (&d, &fees, a->fees, b->fees);
  diff_items (&d, &documents, a->documents, b->documents);
  diff_items (&d, &legal_refs, a->legal_basis, b->legal_basis);
  diff_items (&d, &steps, a->steps, b->steps);
  diff_items (&d, &channels, a->channels, b->channels);
  diff_days (&d, _("Validity of the act"), a->output != NULL ? a->output->validity_days : -1,
             b->output != NULL ? b->output->validity_days : -1);
  diff_text (&d, _("Appeal to"), a->appeal != NULL ? a->appeal->authority : NULL,
             b->appeal != NULL ? b->appeal->authority : NULL);
  diff_text (&d, _("Appeal"), a->appeal != NULL ? a->appeal->text : NULL,
             b->appeal != NULL ? b->appeal->text : NULL);
  diff_text (&d, _("Summary"), a->summary, b->summary);

  /* Whatever the lines above do not name still shows that something changed. */
  if (d.out->len == 0 && !ms_procedure_equal (a, b))
    say (&d, _("Other changes (conditions, services, forms, contact or dates)"));
  return d.out;
}

/* Changed paths {{{1 */

static const char *
item_id (JsonNode *node)
{
  JsonObject *object;
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  id = json_object_get_member (object, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (id);
}

static JsonNode *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (item_id (json_array_get_element (array, i)), id) == 0)
      return json_array_get_element (array, i);
  return NULL;
}

static void changed_paths (GPtrArray *out, const char *path, JsonNode *a, JsonNode *b);

static void
changed_items (GPtrArray  *out,
               const char *path,
               JsonArray  *a,
               JsonArray  *b)
{
  guint na = json_array_get_length (a), nb = json_array_get_length (b);
  gboolean by_id = TRUE;
  gboolean lost = FALSE;

  for (guint i = 0; i < na && by_id; i++)
    by_id = item_id (json_array_get_element (a, i)) != NULL;
  for (guint i = 0; i < nb && by_id; i++)
    by_id = item_id (json_array_get_element (b, i)) != NULL;

  for (guint i = 0; i < nb; i++)
    {
      JsonNode *item = json_array_get_element (b, i);
      JsonNode *old = by_id ? find_by_id (a, item_id (item)) : i < na ? json_array_get_element (a, i) : NULL;
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

      if (old == NULL || !json_node_equal (old, item))
        g_ptr_array_add (out, g_steal_pointer (&item_path));
    }

  if (by_id)
    for (guint i = 0; i < na && !lost; i++)
      lost = find_by_id (b, item_id (json_array_get_element (a, i))) == NULL;
  else
    lost = na > nb;
  if (lost)
    g_ptr_array_add (out, g_strdup (path));
}

static void
changed_paths (GPtrArray  *out,
               const char *path,
               JsonNode   *a,
               JsonNode   *b)
{
  if (a != NULL && b != NULL && json_node_equal (a, b))
    return;

  if (a != NULL && b != NULL && JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    {
      JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
      g_autoptr(GList) names = json_object_get_members (ob);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *member = path != NULL ? g_strdup_printf ("%s.%s", path, (char *) l->data)
                                                 : g_strdup (l->data);

          changed_paths (out, member, json_object_get_member (oa, l->data),
                         json_object_get_member (ob, l->data));
        }
      g_clear_pointer (&names, g_list_free);
      names = json_object_get_members (oa);
      for (GList *l = names; l != NULL; l = l->next)
        if (!json_object_has_member (ob, l->data))
          g_ptr_array_add (out, path != NULL ? g_strdup_printf ("%s.%s", path, (char *) l->data)
                                             : g_strdup (l->data));
      return;
    }

  g_assert (path != NULL);
  if (a != NULL && b != NULL && JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    changed_items (out, path, json_node_get_array (a), json_node_get_array (b));
  else
    g_ptr_array_add (out, g_strdup (path));
}

GStrv
ms_procedure_changed_paths (MsProcedure *before,
                            MsProcedure *after)
{
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  GPtrArray *out;

  g_return_val_if_fail (MS_IS_PROCEDURE (before), NULL);
  g_return_val_if_fail (MS_IS_PROCEDURE (after), NULL);

  a = ms_procedure_to_json (before);
  b = ms_procedure_to_json (after);
  out = g_ptr_array_new ();
  changed_paths (out, NULL, a, b);
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}
