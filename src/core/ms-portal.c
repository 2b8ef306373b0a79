/* ms-portal.c — sheets from the records of the national portal's public API
 *
 * Each record is mapped to the sheet's JSON form in its own language and
 * read back with the sheet reader, so a mapped sheet obeys exactly the
 * limits of a hand-written one; the records of one procedure are then
 * merged one into the other (ms_procedure_merge_incoming): the rule that
 * merges two files, or a file into the catalog, also merges two locales of
 * one file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-format.h"
#include "ms-json-reader.h"
#include "ms-portal.h"

/* Longest value quoted in a note. */
#define MAX_QUOTED_CHARS 200

/* Notes {{{1 */

typedef struct {
  char        *portal_id;
  JsonNode    *sheet;        /* the records merged so far, in the sheet's JSON form */
  char        *first_record; /* "1201/ar" */
  GPtrArray   *hashes;       /* char*: SHA-256 of each record */
  GHashTable  *noted;        /* fields already noted as not mapped */
} Procedure;

static void
procedure_free (gpointer data)
{
  Procedure *p = data;

  g_free (p->portal_id);
  g_clear_pointer (&p->sheet, json_node_unref);
  g_free (p->first_record);
  g_ptr_array_unref (p->hashes);
  g_hash_table_unref (p->noted);
  g_free (p);
}

typedef struct {
  GPtrArray  *notes;        /* MsPortalNote* */
  GPtrArray  *procedures;   /* Procedure*, in order of appearance */
  GHashTable *by_id;        /* portal id → Procedure* */
  gboolean    prefer_incoming;
  /* The record being mapped. */
  Procedure  *p;
  guint       index;
  char       *record;       /* "1201/fr" */
  const char *lang;
  JsonObject *sheet;        /* its sheet's JSON form */
  GHashTable *documents;    /* sheet document id → JsonObject in sheet.documents */
  GError     *error;        /* the first problem that refuses the file */
} Mapper;

/* A value as read, short enough to quote. */
static char *
value_text (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    text = json_to_string (node, FALSE);
  if (g_utf8_strlen (text, -1) > MAX_QUOTED_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (text, MAX_QUOTED_CHARS);

      *cut = '\0';
      return g_strconcat (text, "…", NULL);
    }
  return g_steal_pointer (&text);
}

/* "[3].price": where @field of the record being mapped is in the file. */
static char *
json_path (Mapper     *m,
           const char *field)
{
  return g_strdup_printf ("[%u].%s", m->index, field);
}

static void
note (Mapper           *m,
      MsPortalNoteKind  kind,
      const char       *field,
      const char       *value,
      const char       *format,
      ...) G_GNUC_PRINTF (5, 6);

static void
note (Mapper           *m,
      MsPortalNoteKind  kind,
      const char       *field,
      const char       *value,
      const char       *format,
      ...)
{
  MsPortalNote *n = g_new0 (MsPortalNote, 1);
  va_list args;

  va_start (args, format);
  n->detail = g_strdup_vprintf (format, args);
  va_end (args);
  n->kind = kind;
  n->record = g_strdup (m->record);
  n->sheet = g_strdup (json_object_get_string_member (m->sheet, "id"));
  n->field = json_path (m, field);
  n->value = g_strdup (value);
  g_ptr_array_add (m->notes, n);
}

/* Ids {{{1 */

/* A stable sheet id for a portal procedure, so a second import updates the
 * same sheet: a UUID (version 8) from SHA-256 of "idarati:ID". */
static char *
sheet_uuid (const char *portal_id)
{
  g_autofree char *seed = g_strconcat ("idarati:", portal_id, NULL);
  unsigned char h[crypto_hash_sha256_BYTES];

  crypto_hash_sha256 (h, (const unsigned char *) seed, strlen (seed));
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
                          h[10], h[11], h[12], h[13], h[14], h[15]);
}

static gboolean
is_portal_id (const char *id)
{
  gsize n = strlen (id);

  if (n == 0 || n > MS_PORTAL_MAX_ID_CHARS)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && strchr ("._:-", *c) == NULL)
      return FALSE;
  return TRUE;
}

/* An id as the portal writes it, an integer or a string. */
static char *
id_string (JsonNode *id)
{
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id))
    return NULL;
  if (json_node_get_value_type (id) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
  if (json_node_get_value_type (id) == G_TYPE_STRING && is_portal_id (json_node_get_string (id)))
    return g_strdup (json_node_get_string (id));
  return NULL;
}

/* @prefix and the letters and digits of @id: a sheet item id or code. Item
 * ids are at most 64 characters: a longer one is named by its hash. */
static char *
id_with_prefix (const char *prefix,
                const char *id,
                gsize       max_chars)
{
  GString *out = g_string_new (prefix);

  for (const char *c = id; *c != '\0'; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (out, g_ascii_tolower (*c));
  if (out->len > max_chars)
    {
      g_autofree char *sha = ms_sha256_hex (id, strlen (id));

      g_string_truncate (out, 0);
      g_string_append_printf (out, "%sh%.40s", prefix, sha);
    }
  return g_string_free (out, FALSE);
}

/* Values {{{1 */

typedef enum {
  T_STRING = 1 << 0,
  T_NUMBER = 1 << 1,   /* integer or not */
  T_INT    = 1 << 2,
  T_BOOL   = 1 << 3,
  T_OBJECT = 1 << 4,
  T_ARRAY  = 1 << 5,
} Types;

static gboolean
has_type (JsonNode *node,
          Types     types)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return types & T_OBJECT;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return types & T_ARRAY;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return types & T_STRING;
    case G_TYPE_INT64: return types & (T_NUMBER | T_INT);
    case G_TYPE_DOUBLE: return types & T_NUMBER;
    case G_TYPE_BOOLEAN: return types & T_BOOL;
    default: return FALSE;
    }
}

static const char *
types_name (Types types)
{
  if (types == T_BOOL)
    return _("true or false");
  if (types == T_INT)
    return _("a whole number");
  if (types == T_ARRAY)
    return _("a list");
  if (types == (T_STRING | T_NUMBER))
    return _("a number or a text");
  if (types & T_ARRAY)
    return _("a list or a text");
  return _("a text");
}

/* The member @name of @object when it has one of @types; a null or a value
 * of another type is noted (at @path) and NULL returned. */
static JsonNode *
usable (Mapper     *m,
        JsonObject *object,
        const char *path,
        const char *name,
        Types       types)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *field = NULL;
  g_autofree char *where = NULL;
  g_autofree char *value = NULL;

  if (node == NULL)
    return NULL;
  field = *path != '\0' ? g_strconcat (path, ".", name, NULL) : g_strdup (name);
  where = json_path (m, field);
  if (JSON_NODE_HOLDS_NULL (node))
    {
      note (m, MS_PORTAL_NOTE_NOT_MAPPED, field, "null", _("%s is null: nothing to import"), where);
      return NULL;
    }
  if (has_type (node, types))
    return node;
  value = value_text (node);
  note (m, MS_PORTAL_NOTE_REFUSED, field, value, _("%s: expected %s, found %s (“%s”); left out"),
        where, types_name (types), ms_json_type_name (node), value);
  return NULL;
}

/* The text of a portal value: a string, or an object's title/name/label. */
static const char *
text_of (JsonNode *node)
{
  static const char * const names[] = { "title", "name", "label", "libelle" };

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      /* Empty, "_" or "-" is how the portal says nothing. */
      return strspn (s, " _-.\t\r\n") == strlen (s) ? NULL : s;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (json_object_has_member (json_node_get_object (node), names[i]))
        return text_of (json_object_get_member (json_node_get_object (node), names[i]));
  return NULL;
}

static JsonObject *
child_object (JsonObject *parent,
              const char *member)
{
  if (!json_object_has_member (parent, member))
    json_object_set_object_member (parent, member, json_object_new ());
  return json_object_get_object_member (parent, member);
}

static JsonArray *
child_array (JsonObject *parent,
             const char *member)
{
  if (!json_object_has_member (parent, member))
    json_object_set_array_member (parent, member, json_array_new ());
  return json_object_get_array_member (parent, member);
}

static void
set_text (JsonObject *parent,
          const char *member,
          const char *lang,
          const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return;
  clean = g_strstrip (g_strdup (text));
  if (*clean != '\0')
    json_object_set_string_member (child_object (parent, member), lang, clean);
}

/* Administrations {{{1 */

static void
map_administration (Mapper     *m,
                    JsonObject *record)
{
  JsonNode *node = usable (m, record, "", "administrationInCharge", T_STRING | T_OBJECT);
  const char *name = text_of (node);
  const char *code;

  if (name == NULL)
    return;
  if ((code = ms_portal_administration_code (name)) != NULL)
    {
      json_object_set_string_member (m->sheet, "administration", code);
      note (m, MS_PORTAL_NOTE_MAPPED, "administrationInCharge", name,
            _("administration in charge “%s” is “%s” of the administrations list"), name, code);
    }
  else
    note (m, MS_PORTAL_NOTE_NOT_MAPPED, "administrationInCharge", name,
          _("administration in charge “%s” is not in the administrations list (data/vocabulary/administrations.json): "
            "choose the sheet's administration by hand, or add it to the list and import again"), name);
}

/* receivingAdministrations and friends: a list, or sometimes one object. */
static void
map_services (Mapper     *m,
              JsonObject *record,
              const char *portal_member,
              const char *member)
{
  JsonNode *node = usable (m, record, "", portal_member, T_ARRAY | T_OBJECT | T_STRING);
  g_autoptr(JsonArray) single = NULL;
  JsonArray *items;
  guint n = 0;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    items = json_node_get_array (node);
  else
    {
      single = json_array_new ();
      json_array_add_element (single, json_node_copy (node));
      items = single;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item_node = json_array_get_element (items, i);
      const char *text = text_of (item_node);
      g_autofree char *field = g_strdup_printf ("%s[%u]", portal_member, i);
      const char *code;
      JsonObject *item;

      if (text == NULL)
        {
          if (!JSON_NODE_HOLDS_OBJECT (item_node) && !(JSON_NODE_HOLDS_VALUE (item_node)
                                                       && json_node_get_value_type (item_node) == G_TYPE_STRING))
            {
              g_autofree char *value = value_text (item_node);
              g_autofree char *where = json_path (m, field);

              note (m, MS_PORTAL_NOTE_REFUSED, field, value, _("%s: expected a text, found %s (“%s”); left out"),
                    where, ms_json_type_name (item_node), value);
            }
          continue;
        }
      item = json_object_new ();
      json_object_set_string_member (item, m->lang, text);
      json_array_add_object_element (child_array (m->sheet, member), item);
      n++;
      if ((code = ms_portal_administration_code (text)) != NULL)
        note (m, MS_PORTAL_NOTE_MAPPED, field, text,
              _("service “%s” is “%s” of the administrations list; kept as the service's name"), text, code);
    }
}

/* Lists {{{1 */

static void
map_forms (Mapper     *m,
           JsonObject *record)
{
  JsonNode *node = usable (m, record, "", "downloadableForms", T_ARRAY);
  JsonArray *forms;

  if (node == NULL)
    return;
  forms = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (forms); i++)
    {
      JsonNode *form = json_array_get_element (forms, i);
      g_autofree char *field = g_strdup_printf ("downloadableForms[%u]", i);
      const char *url = NULL;
      JsonObject *item;

      if (JSON_NODE_HOLDS_OBJECT (form))
        url = text_of (usable (m, json_node_get_object (form), field, "url", T_STRING));
      if (url == NULL || !g_str_has_prefix (url, "http"))
        {
          note (m, MS_PORTAL_NOTE_NOT_MAPPED, field, url,
                _("form %u of the “%s” record has no address"), i + 1, m->lang);
          continue;
        }
      item = json_object_new ();
      json_object_set_string_member (item, "url", url);
      set_text (item, "title", m->lang, text_of (form));
      json_array_add_object_element (child_array (m->sheet, "forms"), item);
    }
}

static void
map_documents (Mapper     *m,
               JsonObject *record)
{
  JsonNode *node = usable (m, record, "", "documents", T_ARRAY);
  JsonArray *docs;

  if (node == NULL)
    return;
  docs = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonNode *doc_node = json_array_get_element (docs, i);
      g_autofree char *path = g_strdup_printf ("documents[%u]", i);
      g_autofree char *key = NULL;
      g_autofree char *portal_doc_id = NULL;
      JsonObject *doc, *item;
      JsonNode *linked, *section;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (doc_node))
        {
          g_autofree char *value = value_text (doc_node);
          g_autofree char *where = json_path (m, path);

          note (m, MS_PORTAL_NOTE_REFUSED, path, value, _("%s: expected a document (an object), found %s (“%s”); left out"),
                where, ms_json_type_name (doc_node), value);
          continue;
        }
      doc = json_node_get_object (doc_node);
      if (!(name = text_of (usable (m, doc, path, "title", T_STRING | T_OBJECT))))
        {
          g_autofree char *where = json_path (m, path);

          note (m, MS_PORTAL_NOTE_NOT_MAPPED, path, NULL, _("%s has no title; left out"), where);
          continue;
        }
      /* Matched across locales by the portal's document id, else by rank. */
      portal_doc_id = id_string (json_object_get_member (doc, "id"));
      key = portal_doc_id != NULL ? id_with_prefix ("d-", portal_doc_id, 64) : g_strdup_printf ("d-r%u", i + 1);
      if (!(item = g_hash_table_lookup (m->documents, key)))
        {
          item = json_object_new ();
          json_object_set_string_member (item, "id", key);
          json_array_add_object_element (child_array (m->sheet, "documents"), item);
          g_hash_table_insert (m->documents, g_strdup (key), item);
        }
      set_text (item, "name", m->lang, name);
      if ((section = usable (m, doc, path, "section", T_STRING | T_OBJECT)))
        set_text (item, "section", m->lang, text_of (section));
      linked = usable (m, doc, path, "linkedProcedures", T_ARRAY);
      if (linked != NULL && json_array_get_length (json_node_get_array (linked)) > 0)
        {
          JsonNode *first = json_array_get_element (json_node_get_array (linked), 0);
          g_autofree char *linked_id = JSON_NODE_HOLDS_OBJECT (first)
                                       ? id_string (json_object_get_member (json_node_get_object (first), "id"))
                                       : id_string (first);

          if (linked_id != NULL)
            {
              g_autofree char *uuid = sheet_uuid (linked_id);

              json_object_set_string_member (item, "linked_procedure", uuid);
            }
        }
    }
}

/* Price and delay {{{1 */

static void
map_price (Mapper     *m,
           JsonObject *record)
{
  JsonNode *price = usable (m, record, "", "price", T_STRING | T_NUMBER);
  g_autofree char *text = NULL;
  g_autofree char *unit = NULL;
  gint64 centimes;
  JsonObject *fee;

  if (price == NULL)
    return;
  text = value_text (price);
  switch (ms_portal_read_price (price, &centimes, &unit))
    {
    case MS_PORTAL_PRICE_NEGATIVE:
      note (m, MS_PORTAL_NOTE_REFUSED, "price", text, _("price %s is negative; fees left unstated"), text);
      return;
    case MS_PORTAL_PRICE_UNREADABLE:
      if (text_of (price) == NULL && JSON_NODE_HOLDS_VALUE (price)
          && json_node_get_value_type (price) == G_TYPE_STRING)
        return;   /* empty: says nothing */
      note (m, MS_PORTAL_NOTE_NOT_MAPPED, "price", text,
            _("price “%s” is not an amount; fees left unstated"), text);
      return;
    case MS_PORTAL_PRICE_OK:
    default:
      break;
    }
  json_object_set_array_member (m->sheet, "fees", json_array_new ());
  if (centimes == 0)
    return;
  fee = json_object_new ();
  json_object_set_string_member (fee, "id", "f1");
  set_text (fee, "label", "ar", "الرسوم");
  set_text (fee, "label", "fr", "Frais");
  json_object_set_int_member (fee, "amount_centimes", centimes);
  if (unit != NULL)
    {
      g_autofree char *amount = ms_format_amount (centimes);

      set_text (fee, "per_unit", m->lang, unit);
      note (m, MS_PORTAL_NOTE_MAPPED, "price", text,
            _("price “%s” is charged per unit: a fee of %s per “%s”"), text, amount, unit);
    }
  json_array_add_object_element (json_object_get_array_member (m->sheet, "fees"), fee);
}

static void
map_delay (Mapper     *m,
           JsonObject *record)
{
  const char *delay = text_of (usable (m, record, "", "delay", T_STRING));
  MsPortalDelay d;

  if (delay == NULL)
    return;
  if (!ms_portal_read_delay (delay, &d) || d.days > 3650)
    {
      note (m, MS_PORTAL_NOTE_NOT_MAPPED, "delay", delay,
            _("delay “%s” does not state one number of days; the answer deadline is left unstated"), delay);
      return;
    }
  json_object_set_int_member (m->sheet, "deadline_days", d.days);
  json_object_set_boolean_member (m->sheet, "deadline_working_days", d.working_days);
  if (d.hours >= 0)
    note (m, MS_PORTAL_NOTE_MAPPED, "delay", delay,
          g_dngettext (GETTEXT_PACKAGE,
                       "delay “%s” is in hours: read as %d day (up to 24 hours is one day, more is rounded up to whole days)",
                       "delay “%s” is in hours: read as %d days (up to 24 hours is one day, more is rounded up to whole days)",
                       (gulong) d.days),
          delay, (int) d.days);
  if (d.working_days)
    note (m, MS_PORTAL_NOTE_MAPPED, "delay", delay,
          _("delay “%s” counts working days: %d, marked as working days"), delay, (int) d.days);
}

/* The rest {{{1 */

static const char * const known_members[] = {
  "id", "locale", "title", "description", "price", "delay", "receivingAdministrations",
  "deliveringAdministrations", "administrationInCharge", "downloadableForms", "webSiteUrl",
  "hasComplementStep", "validityDurationInDays", "documents",
};
static void
map_scalars (Mapper     *m,
             JsonObject *record)
{
  JsonNode *node;
  const char *site;
  JsonObjectIter iter;
  const char *name;

  if ((node = usable (m, record, "", "hasComplementStep", T_BOOL)))
    json_object_set_boolean_member (m->sheet, "complement_step", json_node_get_boolean (node));
  if ((node = usable (m, record, "", "validityDurationInDays", T_INT)))
    {
      if (json_node_get_int (node) >= 0 && json_node_get_int (node) <= 36500)
        json_object_set_int_member (child_object (m->sheet, "output"), "validity_days", json_node_get_int (node));
      else
        {
          /* The number as text: a format macro inside _() would cut the
           * message in the catalogue. */
          g_autofree char *days = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

          note (m, MS_PORTAL_NOTE_REFUSED, "validityDurationInDays", NULL,
                _("validity of %s days is not a number of days (0 to 36500); left out"), days);
        }
    }
  if ((site = text_of (usable (m, record, "", "webSiteUrl", T_STRING))) != NULL)
    {
      if (g_str_has_prefix (site, "https://"))
        {
          JsonObject *channel = json_object_new ();

          json_object_set_string_member (channel, "kind", "online");
          json_object_set_string_member (channel, "url", site);
          json_array_add_object_element (child_array (m->sheet, "channels"), channel);
        }
      else
        note (m, MS_PORTAL_NOTE_NOT_MAPPED, "webSiteUrl", site,
              _("web site “%s” is not an https:// address; no online channel"), site);
    }

  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *text = NULL;
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (known_members) && !known; i++)
        known = strcmp (name, known_members[i]) == 0;
      if (known || JSON_NODE_HOLDS_NULL (node) || g_hash_table_contains (m->p->noted, name))
        continue;
      g_hash_table_add (m->p->noted, g_strdup (name));
      text = text_of (node) != NULL ? g_strdup (text_of (node)) : id_string (node);
      if (text == NULL)
        text = value_text (node);
      note (m, MS_PORTAL_NOTE_NOT_MAPPED, name, text,
            _("“%s” (%s) has no Masatir field yet (set the themes by hand)"), name, text);
    }
}

/* Records {{{1 */

static char *
record_sha256 (JsonNode *node)
{
  g_autofree char *bytes = NULL;
  gsize length;

  /* The canonical form does not depend on member order or spacing. */
  if (!(bytes = ms_canonical_json (node, &length, NULL)))
    {
      bytes = json_to_string (node, FALSE);
      length = strlen (bytes);
    }
  return ms_sha256_hex (bytes, length);
}

/* A locale of the sheets: "ar", "fr", "zgh", "en", in any case, or one
 * followed by a region or script ("fr-MA", "ar_MA", "zgh-Tfng"). "french"
 * is not one. */
static gboolean
read_locale (const char *locale,
             MsLang     *lang)
{
  g_autofree char *code = NULL;
  gsize n;

  if (locale == NULL)
    return FALSE;
  n = strcspn (locale, "-_");
  if (locale[n] != '\0')
    {
      const char *region = locale + n + 1;

      if (strlen (region) < 2 || strlen (region) > 4)
        return FALSE;
      for (const char *c = region; *c != '\0'; c++)
        if (!g_ascii_isalnum (*c))
          return FALSE;
    }
  code = g_ascii_strdown (locale, n);
  return ms_lang_from_code (code, lang);
}

static void
merge_record (Mapper   *m,
              JsonNode *sheet)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  JsonNode *merged;

  if (m->p->sheet == NULL)
    {
      m->p->sheet = json_node_ref (sheet);
      return;
    }
  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_merge_conflict_free);
  merged = ms_procedure_json_merge (m->p->sheet, sheet, m->prefer_incoming, conflicts);
  ms_portal_drop_repeated_conflicts (conflicts);
  json_node_unref (m->p->sheet);
  m->p->sheet = merged;
  for (guint i = 0; i < conflicts->len; i++)
    {
      MsMergeConflict *c = g_ptr_array_index (conflicts, i);
      MsPortalNote *n = g_new0 (MsPortalNote, 1);

      n->kind = MS_PORTAL_NOTE_CONFLICT;
      n->record = g_strdup (m->record);
      n->sheet = g_strdup (json_object_get_string_member (json_node_get_object (sheet), "id"));
      n->field = g_strdup (c->path);
      n->value = g_strdup (c->incoming);
      if (m->prefer_incoming)
        n->detail = g_strdup_printf (_("%s: record %s says “%s”, record %s said “%s”; %s's value taken (--prefer incoming)"),
                                     c->path, m->record, c->incoming, m->p->first_record, c->current, m->record);
      else
        n->detail = g_strdup_printf (_("%s: record %s says “%s”, record %s said “%s”; %s's value kept"),
                                     c->path, m->record, c->incoming, m->p->first_record, c->current,
                                     m->p->first_record);
      g_ptr_array_add (m->notes, n);
    }
}

static gboolean
map_record (Mapper      *m,
            JsonNode    *node,
            guint        index,
            GError     **error)
{
  g_autoptr(JsonObject) sheet = json_object_new ();
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) sheet_node = NULL;
  g_autofree char *id = NULL;
  g_autofree char *record = NULL;
  g_autofree char *locale = NULL;
  JsonObject *object;
  JsonNode *locale_node;
  MsLang lang;
  Procedure *p;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                    _("[%u]: a portal record is an object, found %s"), index, ms_json_type_name (node));
  object = json_node_get_object (node);
  if (!(id = id_string (json_object_get_member (object, "id"))))
    {
      g_autofree char *value = value_text (json_object_get_member (object, "id"));

      if (value == NULL)
        return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, _("[%u].id: a portal record needs its id"), index);
      return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                      _("[%u].id: “%s” is not a portal id (an integer, or 1 to %d letters, digits, “.”, “_”, “:” or “-”)"),
                      index, value, MS_PORTAL_MAX_ID_CHARS);
    }
  locale_node = json_object_get_member (object, "locale");
  if (locale_node != NULL && JSON_NODE_HOLDS_VALUE (locale_node)
      && json_node_get_value_type (locale_node) == G_TYPE_STRING)
    locale = g_strstrip (g_strdup (json_node_get_string (locale_node)));
  if (!read_locale (locale, &lang))
    {
      g_autofree char *value = locale != NULL ? g_strdup (locale) : value_text (locale_node);

      return ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                      _("[%u].locale: “%s” is not a language of sheets (ar, fr, zgh, en)"), index,
                      value != NULL ? value : "");
    }

  if (!(p = g_hash_table_lookup (m->by_id, id)))
    {
      p = g_new0 (Procedure, 1);
      p->portal_id = g_strdup (id);
      p->hashes = g_ptr_array_new_with_free_func (g_free);
      p->noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_add (m->procedures, p);
      g_hash_table_insert (m->by_id, p->portal_id, p);
    }
  record = g_strdup_printf ("%s/%s", id, ms_lang_to_code (lang));
  if (p->first_record == NULL)
    p->first_record = g_strdup (record);
  g_ptr_array_add (p->hashes, record_sha256 (node));

  {
    g_autofree char *uuid = sheet_uuid (id);
    g_autofree char *code = id_with_prefix ("idarati-", id, 1000);

    json_object_set_string_member (sheet, "id", uuid);
    json_object_set_string_member (sheet, "code", code);
  }
  m->p = p;
  m->index = index;
  m->record = record;
  m->lang = ms_lang_to_code (lang);
  m->sheet = sheet;
  m->documents = documents;

  set_text (sheet, "title", m->lang, text_of (usable (m, object, "", "title", T_STRING | T_OBJECT)));
  set_text (sheet, "summary", m->lang, text_of (usable (m, object, "", "description", T_STRING | T_OBJECT)));
  map_administration (m, object);
  map_services (m, object, "receivingAdministrations", "receiving");
  map_services (m, object, "deliveringAdministrations", "delivering");
  map_forms (m, object);
  map_documents (m, object);
  map_price (m, object);
  map_delay (m, object);
  map_scalars (m, object);
  if (json_object_has_member (sheet, "title"))
    json_object_set_object_member (child_object (sheet, "output"), "name",
                                   json_object_ref (json_object_get_object_member (sheet, "title")));

  sheet_node = json_node_init_object (json_node_alloc (), sheet);
  m->sheet = NULL;
  m->documents = NULL;
  /* The sheet reader checks the merged sheet once all records are in. */
  merge_record (m, sheet_node);
  m->record = NULL;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
map_record_cb (JsonNode *element,
               guint     index,
               gpointer  user_data)
{
  Mapper *m = user_data;

  if (m->error == NULL)
    map_record (m, element, index, &m->error);
}

GPtrArray *
ms_portal_read_data (const char  *data,
                     gssize       length,
                     gboolean     prefer_incoming,
                     GPtrArray   *notes,
                     GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) procedures = g_ptr_array_new_with_free_func (procedure_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_portal_note_free);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_portal_procedure_free);
  Mapper m = { found, procedures, by_id, prefer_incoming, NULL, 0, NULL, NULL, NULL, NULL, NULL };

  g_return_val_if_fail (data != NULL, NULL);

  /* A list of records is mapped record by record as it is parsed, so that
   * the file's tree is never held whole. */
  if (!(root = ms_json_parse_full (data, length < 0 ? strlen (data) : (gsize) length, NULL,
                                   map_record_cb, &m, error)))
    {
      g_clear_error (&m.error);
      return NULL;
    }
  if (m.error != NULL)
    {
      g_propagate_error (error, m.error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root) && !map_record (&m, root, 0, error))
    return NULL;

  for (guint i = 0; i < procedures->len; i++)
    {
      Procedure *p = g_ptr_array_index (procedures, i);
      MsPortalProcedure *out = g_new0 (MsPortalProcedure, 1);
      g_autoptr(GString) all = g_string_new (NULL);
      g_autoptr(GError) local_error = NULL;

      g_ptr_array_add (result, out);
      if (!(out->sheet = ms_procedure_new_from_json (p->sheet, &local_error)))
        {
          ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, _("portal procedure %s: %s"), p->portal_id,
                   local_error->message);
          return NULL;
        }
      g_ptr_array_sort (p->hashes, compare_strings);
      for (guint h = 0; h < p->hashes->len; h++)
        g_string_append (all, g_ptr_array_index (p->hashes, h));
      out->portal_id = g_strdup (p->portal_id);
      out->records_sha256 = ms_sha256_hex (all->str, all->len);
      out->n_records = p->hashes->len;
    }
  if (notes != NULL)
    g_ptr_array_extend_and_steal (notes, g_steal_pointer (&found));
  return g_steal_pointer (&result);
}

GPtrArray *
ms_portal_read_file (const char  *path,
                     gboolean     prefer_incoming,
                     GPtrArray   *notes,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, local_error->message);
      return NULL;
    }
  return ms_portal_read_data (contents, length, prefer_incoming, notes, error);
}

static GPtrArray *
sheets_and_lines (GPtrArray *procedures,
                  GPtrArray *notes,
                  GPtrArray *report)
{
  GPtrArray *sheets;

  if (procedures == NULL)
    return NULL;
  sheets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < procedures->len; i++)
    g_ptr_array_add (sheets, g_object_ref (((MsPortalProcedure *) g_ptr_array_index (procedures, i))->sheet));
  for (guint i = 0; report != NULL && i < notes->len; i++)
    g_ptr_array_add (report, ms_portal_note_to_line (g_ptr_array_index (notes, i)));
  return sheets;
}

GPtrArray *
ms_portal_map_data (const char  *data,
                    gssize       length,
                    GPtrArray   *report,
                    GError     **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_portal_note_free);
  g_autoptr(GPtrArray) procedures = ms_portal_read_data (data, length, FALSE, notes, error);

  return sheets_and_lines (procedures, notes, report);
}

GPtrArray *
ms_portal_map_file (const char  *path,
                    GPtrArray   *report,
                    GError     **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_portal_note_free);
  g_autoptr(GPtrArray) procedures = ms_portal_read_file (path, FALSE, notes, error);

  return sheets_and_lines (procedures, notes, report);
}

/* vim: set foldmethod=marker: */
