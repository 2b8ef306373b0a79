/* ms-bundle-manifest.c — check 7: the signed manifest, read (design.md §4)
 *
 * A manifest lists every entry: at 100,000 sheets it is 17 MB of JSON, and
 * its json-glib tree (an object, a hash table and five nodes an entry) took
 * a fifth of a verification, on one core. A manifest in the form the
 * exporter writes (RFC 8785: no white space, the members in their order,
 * strings of printable ASCII without escapes, integers of digits) is read
 * here in one pass, without a tree: such a text is strict JSON with exactly
 * the ten members, and what it says is what the tree would say. Any other
 * text is read by the strict parser into a tree, as before. Both then go
 * through the same checks, in the same order, with the same words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-bundle.h"
#include "ms-bundle-private.h"
#include "ms-strict-json.h"

/* What the checks read of a manifest, from either reading. */
typedef struct {
  gboolean    shape;          /* an object with exactly the ten members */
  const char *type;
  gboolean    has_version;
  gint64      version;
  const char *bundle_id;
  const char *issuer;
  gboolean    has_sequence;
  gint64      sequence;
  const char *created;
  const char *expires;
  gboolean    previous_null;
  const char *previous;
  gboolean    entries_ok;     /* m->entries filled: each line valid, sorted */
  gboolean    withdrawn_ok;   /* m->withdrawn filled: the same */
} Values;

/* YYYY-MM-DDTHH:MM:SSZ exactly, a real instant; -1 otherwise. */
static gint64
parse_time (const char *text)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
  g_autoptr(GDateTime) time = NULL;
  int v[6] = { 0 };
  int field = 0;

  if (text == NULL || strlen (text) != sizeof shape - 1)
    return -1;
  for (guint i = 0; i < sizeof shape - 1; i++)
    {
      if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
        return -1;
      if (shape[i] == 'd')
        v[field] = v[field] * 10 + (text[i] - '0');
      else
        field++;
    }
  if (v[5] > 59 || !(time = g_date_time_new_utc (v[0], v[1], v[2], v[3], v[4], v[5])))
    return -1;
  return g_date_time_to_unix (time);
}

/* One line of "entries" after those in @out: FALSE when it is not valid. */
static gboolean
add_entry (GArray        *out,
           ManifestEntry *e,
           const char    *media_type,
           gboolean       has_size)
{
  if (out->len >= MS_BUNDLE_MAX_ENTRIES || !_ms_bundle_is_sheet_id (e->id)
      || g_strcmp0 (media_type, "application/json") != 0 || !_ms_bundle_is_hex64 (e->sha256)
      || !has_size || e->size < 0 || e->size > MS_BUNDLE_MAX_ENTRY_BYTES
      || (out->len > 0 && strcmp (g_array_index (out, ManifestEntry, out->len - 1).id, e->id) >= 0))
    return FALSE;
  g_array_append_val (out, *e);
  return TRUE;
}

/* One id of "withdrawn" after those in @out. */
static gboolean
add_withdrawn (GPtrArray  *out,
               const char *id)
{
  if (out->len >= MS_BUNDLE_MAX_ENTRIES || !_ms_bundle_is_sheet_id (id)
      || (out->len > 0 && strcmp (out->pdata[out->len - 1], id) >= 0))
    return FALSE;
  g_ptr_array_add (out, (gpointer) id);
  return TRUE;
}

/* {{{1 The exporter's form */

/* The literal @word at *@p. */
static gboolean
take (char       **p,
      const char  *end,
      const char  *word,
      gsize        length)
{
  if ((gsize) (end - *p) < length || memcmp (*p, word, length) != 0)
    return FALSE;
  *p += length;
  return TRUE;
}

#define TAKE(p, end, word) take (p, end, word, sizeof word - 1)

/* A string of printable ASCII without escapes, its closing quote made a
 * NUL (@p is in the caller's copy). */
static gboolean
take_string (char       **p,
             const char  *end,
             const char **out)
{
  char *q = *p;

  if (q >= end || *q != '"')
    return FALSE;
  for (q++; q < end && *q != '"'; q++)
    if ((guchar) *q < 0x20 || (guchar) *q > 0x7e || *q == '\\')
      return FALSE;
  if (q >= end)
    return FALSE;
  *q = '\0';
  *out = *p + 1;
  *p = q + 1;
  return TRUE;
}

/* A non-negative integer of 1 to 18 digits, without a leading zero. */
static gboolean
take_int (char       **p,
          const char  *end,
          gint64      *out)
{
  char *q = *p;
  gint64 v = 0;

  /* 18 digits at most: a 19th is left, and refuses the text here. */
  for (; q < end && g_ascii_isdigit (*q) && q - *p < 18; q++)
    v = v * 10 + (*q - '0');
  if (q == *p || (q < end && g_ascii_isdigit (*q)) || (**p == '0' && q - *p > 1))
    return FALSE;
  *out = v;
  *p = q;
  return TRUE;
}

/* TRUE when @text is a manifest in the exporter's form, @v and @m filled;
 * FALSE (@v and @m as they may be) for any other text. */
static gboolean
read_canonical (char     *text,
                gsize     length,
                Values   *v,
                Manifest *m)
{
  const char *end = text + length;
  char *p = text;

  v->entries_ok = v->withdrawn_ok = TRUE;
  if (!TAKE (&p, end, "{\"bundle_id\":") || !take_string (&p, end, &v->bundle_id)
      || !TAKE (&p, end, ",\"created\":") || !take_string (&p, end, &v->created)
      || !TAKE (&p, end, ",\"entries\":["))
    return FALSE;
  if (!TAKE (&p, end, "]"))
    for (gboolean more = TRUE; more;)
      {
        ManifestEntry e = { 0 };
        const char *media_type;

        if (!TAKE (&p, end, "{\"id\":") || !take_string (&p, end, &e.id)
            || !TAKE (&p, end, ",\"media_type\":") || !take_string (&p, end, &media_type)
            || !TAKE (&p, end, ",\"sha256\":") || !take_string (&p, end, &e.sha256)
            || !TAKE (&p, end, ",\"size\":") || !take_int (&p, end, &e.size)
            || !TAKE (&p, end, "}"))
          return FALSE;
        v->entries_ok = v->entries_ok && add_entry (m->entries, &e, media_type, TRUE);
        if (!(more = TAKE (&p, end, ",")) && !TAKE (&p, end, "]"))
          return FALSE;
      }
  if (!TAKE (&p, end, ",\"expires\":") || !take_string (&p, end, &v->expires)
      || !TAKE (&p, end, ",\"issuer\":") || !take_string (&p, end, &v->issuer)
      || !TAKE (&p, end, ",\"previous\":"))
    return FALSE;
  if (!(v->previous_null = TAKE (&p, end, "null")) && !take_string (&p, end, &v->previous))
    return FALSE;
  if (!TAKE (&p, end, ",\"schema_version\":") || !take_int (&p, end, &v->version)
      || !TAKE (&p, end, ",\"sequence\":") || !take_int (&p, end, &v->sequence)
      || !TAKE (&p, end, ",\"type\":") || !take_string (&p, end, &v->type)
      || !TAKE (&p, end, ",\"withdrawn\":["))
    return FALSE;
  if (!TAKE (&p, end, "]"))
    for (gboolean more = TRUE; more;)
      {
        const char *id;

        if (!take_string (&p, end, &id))
          return FALSE;
        v->withdrawn_ok = v->withdrawn_ok && add_withdrawn (m->withdrawn, id);
        if (!(more = TAKE (&p, end, ",")) && !TAKE (&p, end, "]"))
          return FALSE;
      }
  if (!TAKE (&p, end, "}") || p != end)
    return FALSE;
  v->shape = v->has_version = v->has_sequence = TRUE;
  return TRUE;
}

/* {{{1 Any other text: the tree */

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
tree_entries (JsonArray *list,
              GArray    *out)
{
  static const char * const members[] = { "id", "media_type", "sha256", "size", NULL };

  if (list == NULL || json_array_get_length (list) > MS_BUNDLE_MAX_ENTRIES)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      ManifestEntry e = { 0 };

      if (item == NULL || !ms_json_exact_members (item, members))
        return FALSE;
      e.id = ms_json_string_member (item, "id");
      e.sha256 = ms_json_string_member (item, "sha256");
      if (!add_entry (out, &e, ms_json_string_member (item, "media_type"),
                      ms_json_node_int (json_object_get_member (item, "size"), &e.size)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
tree_withdrawn (JsonArray *list,
                GPtrArray *out)
{
  if (list == NULL || json_array_get_length (list) > MS_BUNDLE_MAX_ENTRIES)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      const char *id = JSON_NODE_TYPE (node) == JSON_NODE_VALUE
                       && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;

      if (!add_withdrawn (out, id))
        return FALSE;
    }
  return TRUE;
}

static void
read_tree (JsonNode *node,
           Values   *v,
           Manifest *m)
{
  static const char * const members[] = {
    "type", "schema_version", "bundle_id", "issuer", "sequence", "created", "expires",
    "previous", "entries", "withdrawn", NULL
  };
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (!(v->shape = object != NULL && ms_json_exact_members (object, members)))
    return;
  v->type = ms_json_string_member (object, "type");
  v->has_version = ms_json_node_int (json_object_get_member (object, "schema_version"), &v->version);
  v->bundle_id = ms_json_string_member (object, "bundle_id");
  v->issuer = ms_json_string_member (object, "issuer");
  v->has_sequence = ms_json_node_int (json_object_get_member (object, "sequence"), &v->sequence);
  v->created = ms_json_string_member (object, "created");
  v->expires = ms_json_string_member (object, "expires");
  v->previous_null = JSON_NODE_HOLDS_NULL (json_object_get_member (object, "previous"));
  v->previous = ms_json_string_member (object, "previous");
  v->entries_ok = tree_entries (array_member (object, "entries"), m->entries);
  v->withdrawn_ok = tree_withdrawn (array_member (object, "withdrawn"), m->withdrawn);
}

/* {{{1 The checks */

/* Against data/schema/bundle.schema.json, plus what a schema cannot say
 * (bundle_id, previous iff sequence > 1, expires after created, withdrawn
 * ids not among the entries): the first problem, in this order. */
static const char *
check (Values   *v,
       Manifest *m)
{
  g_autofree char *bundle_id = NULL;

  if (!v->shape)
    return _("not an object with exactly the procbundle-manifest members");
  if (g_strcmp0 (v->type, MS_BUNDLE_MANIFEST_TYPE) != 0 || !v->has_version || v->version != 1)
    return _("not a procbundle-manifest of schema_version 1");
  m->issuer = v->issuer;
  m->sequence = v->sequence;
  if (!ms_bundle_is_issuer (v->issuer) || !v->has_sequence
      || v->sequence < 1 || v->sequence > G_GINT64_CONSTANT (9007199254740991))
    return _("issuer or sequence invalid");
  bundle_id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, m->issuer, m->sequence);
  if (g_strcmp0 (v->bundle_id, bundle_id) != 0)
    return _("bundle_id is not ISSUER-SEQUENCE");
  m->created_text = v->created;
  m->expires_text = v->expires;
  if ((m->created = parse_time (v->created)) < 0 || (m->expires = parse_time (v->expires)) < 0
      || m->expires <= m->created)
    return _("created and expires must be YYYY-MM-DDTHH:MM:SSZ, expires after created");
  if (m->sequence == 1 ? !v->previous_null : !_ms_bundle_is_hex64 ((m->previous = v->previous)))
    return _("previous must be null for sequence 1, else a lowercase SHA-256");
  if (!v->entries_ok)
    return _("entries must be {id, media_type, sha256, size} sorted by distinct id");
  if (!v->withdrawn_ok)
    return _("withdrawn must be distinct sheet ids, sorted");
  for (guint i = 0, j = 0; i < m->withdrawn->len && j < m->entries->len;)
    {
      int c = strcmp (m->withdrawn->pdata[i], g_array_index (m->entries, ManifestEntry, j).id);

      if (c == 0)
        return _("a sheet is both withdrawn and an entry");
      else if (c < 0)
        i++;
      else
        j++;
    }
  return NULL;
}

static gboolean
read_manifest (const char  *data,
               gsize        length,
               gboolean     canonical,
               Manifest    *m,
               GError     **error)
{
  Values v = { 0 };
  const char *problem;

  m->text = canonical ? g_memdup2 (data, length) : NULL;
  if (m->text == NULL || !read_canonical (m->text, length, &v, m))
    {
      Values none = { 0 };

      g_clear_pointer (&m->text, g_free);
      g_array_set_size (m->entries, 0);
      g_ptr_array_set_size (m->withdrawn, 0);
      v = none;
      m->tree = ms_strict_json_parse (data, length, NULL);
      read_tree (m->tree, &v, m);
    }
  if ((problem = check (&v, m)) != NULL)
    {
      g_set_error_literal (error, MS_BUNDLE_ERROR, MS_BUNDLE_ERROR_MANIFEST, problem);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ms_bundle_read_manifest (const char  *data,
                          gsize        length,
                          Manifest    *m,
                          GError     **error)
{
  return read_manifest (data, length, TRUE, m, error);
}

gboolean
_ms_bundle_read_manifest_tree (const char  *data,
                               gsize        length,
                               Manifest    *m,
                               GError     **error)
{
  return read_manifest (data, length, FALSE, m, error);
}

void
_ms_bundle_manifest_clear (Manifest *m)
{
  g_clear_pointer (&m->tree, json_node_unref);
  g_clear_pointer (&m->text, g_free);
}
