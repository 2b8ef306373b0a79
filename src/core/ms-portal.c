/* ms-portal.c — sheets from the records of the national portal's public API
 *
 * The records are mapped to the sheet's JSON form and read back with the
 * sheet reader, so a mapped sheet obeys exactly the limits of a hand-written
 * one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-json-reader.h"
#include "ms-portal.h"
#include "ms-text.h"

/* Delays and prices {{{1 */

typedef struct {
  const char *word;
  gint64      days;      /* for units: days per unit; for words: the delay */
} Word;

/* Normalised forms (ms_text_normalize: ة → ه, أ → ا, ى → ي). */
static const Word units[] = {
  { "يوم", 1 }, { "يوما", 1 }, { "ايام", 1 }, { "jour", 1 }, { "jours", 1 }, { "j", 1 },
  { "اسبوع", 7 }, { "اسبوعا", 7 }, { "اسابيع", 7 }, { "semaine", 7 }, { "semaines", 7 },
  { "شهر", 30 }, { "شهرا", 30 }, { "اشهر", 30 }, { "mois", 30 },
};
static const Word duals[] = {
  { "يومان", 2 }, { "يومين", 2 }, { "اسبوعان", 14 }, { "اسبوعين", 14 }, { "شهران", 60 }, { "شهرين", 60 },
};
static const char * const immediately[] = {
  "فورا", "فوري", "الفور", "حينه", "immediat", "immediate", "immediatement", "instantane", "sur le champ",
};
static const char * const free_words[] = {
  "مجان", "مجانا", "مجاني", "مجانيه", "بالمجان", "gratuit", "gratuite", "gratuitement", "sans frais",
};

static gint64
lookup_word (const Word *words,
             gsize       n_words,
             const char *word)
{
  for (gsize i = 0; i < n_words; i++)
    if (strcmp (words[i].word, word) == 0)
      return words[i].days;
  return 0;
}

static gboolean
contains_any (const char         *normal,
              const char * const *words,
              gsize               n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (strstr (normal, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Splits normalised text into words of letters or of digits. */
static GPtrArray *
split_words (const char *normal)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);
  int kind = 0;   /* 0 none, 1 letters, 2 digits */

  for (const char *p = normal; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int k = c == 0 ? 0 : g_unichar_isdigit (c) ? 2 : g_unichar_isalpha (c) ? 1 : 0;

      if (k != kind && word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (k != 0)
        g_string_append_unichar (word, c);
      kind = k;
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

gint64
ms_portal_parse_delay (const char *text)
{
  g_autofree char *normal = NULL;
  g_autoptr(GPtrArray) words = NULL;
  gint64 found = -1;
  gboolean now;

  if (text == NULL)
    return -1;
  normal = ms_text_normalize (text);
  now = contains_any (normal, immediately, G_N_ELEMENTS (immediately));
  words = split_words (normal);

  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);
      gint64 days = lookup_word (duals, G_N_ELEMENTS (duals), w);

      if (g_ascii_isdigit (w[0]))
        {
          const char *next = i + 1 < words->len ? g_ptr_array_index (words, i + 1) : "";
          gint64 unit = lookup_word (units, G_N_ELEMENTS (units), next);

          if (strlen (w) > 4)
            return -1;
          days = g_ascii_strtoll (w, NULL, 10) * (unit > 0 ? unit : 1);
        }
      if (days == 0)
        continue;
      /* "يومان (2)" says one delay twice; "4 أيام … 7 أيام" says two. */
      if (found >= 0 && found != days)
        return -1;
      found = days;
    }
  if (now)
    return found < 0 ? 0 : -1;
  return found;
}

gboolean
ms_portal_parse_price (JsonNode *node,
                       gint64   *centimes)
{
  g_autofree char *normal = NULL;
  g_autoptr(GPtrArray) words = NULL;
  gint64 amount = -1, cents = 0;

  g_return_val_if_fail (centimes != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!(value >= 0 && value < 1e9))
        return FALSE;
      *centimes = (gint64) (value * 100 + 0.5);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  normal = ms_text_normalize (json_node_get_string (node));
  words = split_words (normal);
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);

      if (!g_ascii_isdigit (w[0]) || strlen (w) > 9)
        {
          if (g_ascii_isdigit (w[0]))
            return FALSE;
          continue;
        }
      if (amount < 0)
        amount = g_ascii_strtoll (w, NULL, 10);
      else if (cents == 0 && strlen (w) <= 2 && i == 1)
        cents = g_ascii_strtoll (w, NULL, 10) * (strlen (w) == 1 ? 10 : 1);   /* "100,50" */
      else
        return FALSE;   /* two amounts: it depends, say it in words */
    }
  if (amount >= 0)
    {
      *centimes = amount * 100 + cents;
      return TRUE;
    }
  if (contains_any (normal, free_words, G_N_ELEMENTS (free_words)))
    {
      *centimes = 0;
      return TRUE;
    }
  return FALSE;
}

/* Records {{{1 */

typedef struct {
  char       *portal_id;
  JsonObject *sheet;       /* the sheet's JSON form, being built */
  GHashTable *documents;   /* portal document id → JsonObject in sheet.documents */
  gboolean    price_done;
  gboolean    delay_done;
} Procedure;

static void
procedure_free (gpointer data)
{
  Procedure *p = data;

  g_free (p->portal_id);
  json_object_unref (p->sheet);
  g_hash_table_unref (p->documents);
  g_free (p);
}

typedef struct {
  GPtrArray  *report;
  GPtrArray  *procedures;   /* Procedure*, in order of appearance */
  GHashTable *by_id;        /* portal id → Procedure* */
} Mapper;

static void
note (Mapper     *m,
      Procedure  *p,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
note (Mapper     *m,
      Procedure  *p,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: portal procedure id: what could not be mapped */
  line = g_strdup_printf (_("portal procedure %s: %s"), p->portal_id, message);
  /* A note quotes the record (a delay written on two lines): one line. */
  g_ptr_array_add (m->report, ms_text_escape_controls (line));
}

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

/* An id as the portal writes it, a number or a string. */
static char *
id_string (JsonNode *id)
{
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id))
    return NULL;
  if (json_node_get_value_type (id) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
  if (json_node_get_value_type (id) == G_TYPE_STRING && *json_node_get_string (id) != '\0'
      && strlen (json_node_get_string (id)) <= 40)
    return g_strdup (json_node_get_string (id));
  return NULL;
}

/* @prefix and the letters and digits of @id: a sheet item id or code. */
static char *
id_with_prefix (const char *prefix,
                const char *id)
{
  GString *out = g_string_new (prefix);

  for (const char *c = id; *c != '\0'; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (out, g_ascii_tolower (*c));
  return g_string_free (out, FALSE);
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

/* Element @index of @array, an object, appended when missing. */
static JsonObject *
object_at (JsonArray *array,
           guint      index)
{
  while (json_array_get_length (array) <= index)
    json_array_add_object_element (array, json_object_new ());
  return json_array_get_object_element (array, index);
}

/* receivingAdministrations and friends: a list, or sometimes one object. */
static void
map_services (JsonObject *record,
              const char *portal_member,
              JsonObject *sheet,
              const char *member,
              const char *lang)
{
  JsonNode *node = json_object_get_member (record, portal_member);
  g_autoptr(JsonArray) single = NULL;
  JsonArray *items;
  guint n = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
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
      const char *text = text_of (json_array_get_element (items, i));
      JsonObject *item;

      if (text == NULL)
        continue;
      item = object_at (child_array (sheet, member), n++);
      json_object_set_string_member (item, lang, text);
    }
}

static void
map_forms (Mapper     *m,
           Procedure  *p,
           JsonObject *record,
           const char *lang)
{
  JsonNode *node = json_object_get_member (record, "downloadableForms");
  JsonArray *forms;
  guint n = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  forms = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (forms); i++)
    {
      JsonNode *form = json_array_get_element (forms, i);
      const char *url = NULL;
      JsonObject *item;

      if (JSON_NODE_HOLDS_OBJECT (form))
        url = text_of (json_object_get_member (json_node_get_object (form), "url"));
      if (url == NULL || !g_str_has_prefix (url, "http"))
        {
          note (m, p, _("form %u of the “%s” record has no address"), i + 1, lang);
          continue;
        }
      item = object_at (child_array (p->sheet, "forms"), n++);
      json_object_set_string_member (item, "url", url);
      set_text (item, "title", lang, text_of (form));
    }
}

static void
map_documents (Procedure  *p,
               JsonObject *record,
               const char *lang)
{
  JsonNode *node = json_object_get_member (record, "documents");
  JsonArray *docs;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  docs = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonNode *doc_node = json_array_get_element (docs, i);
      JsonObject *doc, *item;
      g_autofree char *key = NULL;
      g_autofree char *portal_doc_id = NULL;
      JsonNode *linked;

      if (!JSON_NODE_HOLDS_OBJECT (doc_node))
        continue;
      doc = json_node_get_object (doc_node);
      /* Matched across locales by the portal's document id, else by rank. */
      portal_doc_id = id_string (json_object_get_member (doc, "id"));
      key = portal_doc_id != NULL ? id_with_prefix ("d-", portal_doc_id) : g_strdup_printf ("d-%s-%u", lang, i + 1);
      if (!(item = g_hash_table_lookup (p->documents, key)))
        {
          item = object_at (child_array (p->sheet, "documents"), g_hash_table_size (p->documents));
          json_object_set_string_member (item, "id", key);
          g_hash_table_insert (p->documents, g_strdup (key), item);
        }
      set_text (item, "name", lang, text_of (doc_node));
      if (json_object_has_member (doc, "section"))
        set_text (item, "section", lang, text_of (json_object_get_member (doc, "section")));
      linked = json_object_get_member (doc, "linkedProcedures");
      if (linked != NULL && JSON_NODE_HOLDS_ARRAY (linked) && json_array_get_length (json_node_get_array (linked)) > 0)
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

static void
map_price (Mapper     *m,
           Procedure  *p,
           JsonObject *record)
{
  JsonNode *price = json_object_get_member (record, "price");
  gint64 centimes;

  if (price == NULL || JSON_NODE_HOLDS_NULL (price) || p->price_done)
    return;
  if (!ms_portal_parse_price (price, &centimes))
    {
      g_autofree char *text = JSON_NODE_HOLDS_VALUE (price) ? json_node_get_string (price) != NULL
                              ? g_strdup (json_node_get_string (price)) : NULL : NULL;

      if (text != NULL && text_of (price) == NULL)
        return;   /* empty: says nothing */
      note (m, p, _("price “%s” is not an amount; fees left unstated"), text != NULL ? text : "?");
      return;
    }
  p->price_done = TRUE;
  json_object_set_array_member (p->sheet, "fees", json_array_new ());
  if (centimes > 0)
    {
      JsonObject *fee = object_at (json_object_get_array_member (p->sheet, "fees"), 0);

      json_object_set_string_member (fee, "id", "f1");
      set_text (fee, "label", "ar", "الرسوم");
      set_text (fee, "label", "fr", "Frais");
      json_object_set_int_member (fee, "amount_centimes", centimes);
    }
}

static void
map_delay (Mapper     *m,
           Procedure  *p,
           JsonObject *record)
{
  const char *delay = text_of (json_object_get_member (record, "delay"));
  gint64 days;

  if (delay == NULL || p->delay_done)
    return;
  if ((days = ms_portal_parse_delay (delay)) < 0 || days > 3650)
    {
      note (m, p, _("delay “%s” does not state one number of days; the answer deadline is left unstated"), delay);
      return;
    }
  p->delay_done = TRUE;
  json_object_set_int_member (p->sheet, "deadline_days", days);
}

static void
map_scalars (Mapper     *m,
             Procedure  *p,
             JsonObject *record)
{
  static const char * const unmapped[] = { "thematicId", "linkedSubThematic", "averageDelay",
                                           "downloadableCosts", "administrationInCharge" };
  JsonNode *node;
  const char *site;

  if ((node = json_object_get_member (record, "hasComplementStep")) != NULL
      && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    json_object_set_boolean_member (p->sheet, "complement_step", json_node_get_boolean (node));
  if ((node = json_object_get_member (record, "validityDurationInDays")) != NULL
      && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
      && json_node_get_int (node) >= 0 && json_node_get_int (node) <= 36500)
    json_object_set_int_member (child_object (p->sheet, "output"), "validity_days", json_node_get_int (node));
  if ((site = text_of (json_object_get_member (record, "webSiteUrl"))) != NULL && !json_object_has_member (p->sheet, "channels"))
    {
      if (g_str_has_prefix (site, "https://"))
        {
          JsonObject *channel = object_at (child_array (p->sheet, "channels"), 0);

          json_object_set_string_member (channel, "kind", "online");
          json_object_set_string_member (channel, "url", site);
        }
      else
        note (m, p, _("web site “%s” is not an https:// address; no online channel"), site);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unmapped); i++)
    {
      node = json_object_get_member (record, unmapped[i]);
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && p->sheet != NULL
          && !json_object_has_member (child_object (p->sheet, "_noted"), unmapped[i]))
        {
          g_autofree char *text = text_of (node) != NULL ? g_strdup (text_of (node)) : id_string (node);

          json_object_set_boolean_member (child_object (p->sheet, "_noted"), unmapped[i], TRUE);
          note (m, p, _("“%s”%s%s%s has no Masatir field yet (set the administration and themes by hand)"),
                unmapped[i], text != NULL ? " (" : "", text != NULL ? text : "", text != NULL ? ")" : "");
        }
    }
}

static gboolean
map_record (Mapper      *m,
            JsonNode    *node,
            guint        index,
            GError     **error)
{
  JsonObject *record;
  g_autofree char *id = NULL;
  g_autofree char *lang = NULL;
  const char *locale;
  Procedure *p;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
               _("[%u]: a portal record is an object, found %s"), index, ms_json_type_name (node));
      return FALSE;
    }
  record = json_node_get_object (node);
  if (!(id = id_string (json_object_get_member (record, "id"))))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, _("[%u].id: a portal record needs its id"), index);
      return FALSE;
    }
  locale = json_object_has_member (record, "locale") ? text_of (json_object_get_member (record, "locale")) : NULL;
  lang = g_ascii_strdown (locale != NULL ? locale : "", 2);
  if (!ms_lang_from_code (lang, NULL))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
               _("[%u].locale: “%s” is not a language of sheets (ar, fr, zgh, en)"), index,
               locale != NULL ? locale : "");
      return FALSE;
    }

  if (!(p = g_hash_table_lookup (m->by_id, id)))
    {
      g_autofree char *uuid = sheet_uuid (id);
      g_autofree char *code = id_with_prefix ("idarati-", id);

      p = g_new0 (Procedure, 1);
      p->portal_id = g_strdup (id);
      p->sheet = json_object_new ();
      p->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      json_object_set_string_member (p->sheet, "id", uuid);
      json_object_set_string_member (p->sheet, "code", code);
      g_ptr_array_add (m->procedures, p);
      g_hash_table_insert (m->by_id, p->portal_id, p);
    }

  set_text (p->sheet, "title", lang, text_of (json_object_get_member (record, "title")));
  set_text (p->sheet, "summary", lang, text_of (json_object_get_member (record, "description")));
  map_services (record, "receivingAdministrations", p->sheet, "receiving", lang);
  map_services (record, "deliveringAdministrations", p->sheet, "delivering", lang);
  map_forms (m, p, record, lang);
  map_documents (p, record, lang);
  map_price (m, p, record);
  map_delay (m, p, record);
  map_scalars (m, p, record);
  if (json_object_has_member (p->sheet, "title"))
    json_object_set_object_member (child_object (p->sheet, "output"), "name",
                                   json_object_ref (json_object_get_object_member (p->sheet, "title")));
  return TRUE;
}

GPtrArray *
ms_portal_map_data (const char  *data,
                    gssize       length,
                    GPtrArray   *report,
                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) procedures = g_ptr_array_new_with_free_func (procedure_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  Mapper m = { notes, procedures, by_id };

  g_return_val_if_fail (data != NULL, NULL);

  if (!(root = ms_json_parse (data, length, error)))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *records = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (records); i++)
        if (!map_record (&m, json_array_get_element (records, i), i, error))
          return NULL;
    }
  else if (!map_record (&m, root, 0, error))
    return NULL;

  for (guint i = 0; i < procedures->len; i++)
    {
      Procedure *p = g_ptr_array_index (procedures, i);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(GError) local_error = NULL;
      MsProcedure *sheet;

      json_object_remove_member (p->sheet, "_noted");
      json_node_set_object (node, p->sheet);
      if (!(sheet = ms_procedure_new_from_json (node, &local_error)))
        {
          ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("portal procedure %s: %s"), p->portal_id, local_error->message);
          return NULL;
        }
      g_ptr_array_add (sheets, sheet);
    }
  if (report != NULL)
    for (guint i = 0; i < notes->len; i++)
      g_ptr_array_add (report, g_strdup (g_ptr_array_index (notes, i)));
  return g_steal_pointer (&sheets);
}

GPtrArray *
ms_portal_map_file (const char  *path,
                    GPtrArray   *report,
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
  return ms_portal_map_data (contents, length, report, error);
}

/* vim: set foldmethod=marker: */
