/* ms-rule-data.c — the keyword screens of the law 55-19 rules (data/rules/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-rule-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-json-reader.h"
#include "ms-procedure.h"
#include "ms-rule-data.h"
#include "ms-text.h"

/* Shorter normalised keywords ("...") are tried at every position; the
 * others go through the filter, which hashes this many leading bytes. */
#define WINDOW 4
#define MIN_KEYWORD_BYTES 3
#define MAX_KEYWORD_CHARS 200
#define MAX_KEYWORDS_PER_LIST 1000

typedef struct {
  char     *normalized;
  gsize     length;
  char     *original;
  MsScreen  screen;
  gboolean  check_start;
  gboolean  check_end;
  gboolean  arabic_start;
  /* The first (up to) 8 bytes and which of them count: most candidates a
   * filter hit brings are rejected by one comparison of these. */
  guint64   head;
  guint64   head_mask;
} Keyword;

typedef struct {
  guint16 hash;
  guint   keyword;
} IndexEntry;

struct _MsRuleData
{
  GArray *keywords;                 /* Keyword */
  guint   n_keywords[MS_N_SCREENS];
  /* One bit per hash of a keyword's first WINDOW bytes: most positions of a
   * text are rejected by one lookup in these 8 KiB. */
  guint8  filter[(G_MAXUINT16 + 1) / 8];
  GArray *index;                    /* IndexEntry, sorted by hash */
  GArray *short_keywords;           /* guint indices into keywords */
  guint8  short_first[256 / 8];     /* first bytes of the short keywords */
};

static const char * const screen_rules[MS_N_SCREENS] = {
  [MS_SCREEN_TWO_COPIES] = "one-copy",
  [MS_SCREEN_LEGALISATION] = "no-legalisation",
  [MS_SCREEN_CERTIFIED_COPY] = "no-certified-copy",
  [MS_SCREEN_OPEN_LIST] = "closed-list",
  [MS_SCREEN_HELD_BY_ADMINISTRATION] = "held-by-administration",
  [MS_SCREEN_SWORN_STATEMENT] = "sworn-statement",
};

const char *
ms_screen_to_rule (MsScreen screen)
{
  g_return_val_if_fail (screen < MS_N_SCREENS, NULL);
  return screen_rules[screen];
}

static void
keyword_clear (gpointer data)
{
  Keyword *k = data;

  g_free (k->normalized);
  g_free (k->original);
}

static void
rule_data_clear (gpointer data)
{
  MsRuleData *self = data;

  g_clear_pointer (&self->keywords, g_array_unref);
  g_clear_pointer (&self->index, g_array_unref);
  g_clear_pointer (&self->short_keywords, g_array_unref);
}

MsRuleData *
ms_rule_data_ref (MsRuleData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
ms_rule_data_unref (MsRuleData *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, rule_data_clear);
}

guint
ms_rule_data_get_n_keywords (MsRuleData *self,
                             MsScreen    screen)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (screen < MS_N_SCREENS, 0);
  return self->n_keywords[screen];
}

static inline guint16
window_hash (const char *p)
{
  guint32 word;

  memcpy (&word, p, sizeof word);
  return (guint16) ((word * 2654435761u) >> 16);
}

static inline gboolean
filter_has (const MsRuleData *self,
            guint16           hash)
{
  return (self->filter[hash >> 3] & (1u << (hash & 7))) != 0;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const IndexEntry *ea = a, *eb = b;

  if (ea->hash != eb->hash)
    return ea->hash < eb->hash ? -1 : 1;
  /* Keeps the order of the files among equal hashes, so that the keyword
   * reported for a text does not depend on the sort. */
  return ea->keyword < eb->keyword ? -1 : ea->keyword > eb->keyword;
}

static void
build_index (MsRuleData *self)
{
  for (guint i = 0; i < self->keywords->len; i++)
    {
      const Keyword *k = &g_array_index (self->keywords, Keyword, i);
      IndexEntry entry;

      if (k->length < WINDOW)
        {
          guchar first = (guchar) k->normalized[0];

          self->short_first[first >> 3] |= 1u << (first & 7);
          g_array_append_val (self->short_keywords, i);
          continue;
        }
      entry.hash = window_hash (k->normalized);
      entry.keyword = i;
      self->filter[entry.hash >> 3] |= 1u << (entry.hash & 7);
      g_array_append_val (self->index, entry);
    }
  g_array_sort (self->index, compare_entries);
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c);
}

/* و ف ب ل ك: written attached to the next word. */
static inline gboolean
is_arabic_proclitic (gunichar c)
{
  return c == 0x0648 || c == 0x0641 || c == 0x0628 || c == 0x0644 || c == 0x0643;
}

static gboolean
has_keyword (MsRuleData    *self,
             const Keyword *k)
{
  for (guint i = 0; i < self->keywords->len; i++)
    {
      const Keyword *other = &g_array_index (self->keywords, Keyword, i);

      if (other->screen == k->screen && strcmp (other->normalized, k->normalized) == 0
          && other->check_start == k->check_start && other->check_end == k->check_end)
        return TRUE;
    }
  return FALSE;
}

static void
set_head (Keyword *k)
{
  guint8 mask[sizeof k->head_mask] = { 0 };
  gsize head_length = MIN (k->length, sizeof k->head);

  k->head = 0;
  memcpy (&k->head, k->normalized, head_length);
  memset (mask, 0xFF, head_length);
  memcpy (&k->head_mask, mask, sizeof mask);
}

static void
add_keyword (MsRuleData   *self,
             MsJsonReader *r,
             MsScreen      screen,
             const char   *written)
{
  g_autofree char *stem = g_strdup (written);
  char *start = stem;
  gsize len = strlen (stem);
  gboolean open_start = FALSE, open_end = FALSE;
  Keyword k = { 0 };
  gunichar first, last;

  if (len > 0 && stem[len - 1] == '*')
    {
      stem[--len] = '\0';
      open_end = TRUE;
    }
  if (*start == '*')
    {
      start++;
      open_start = TRUE;
    }
  k.normalized = ms_text_normalize (start);
  k.length = strlen (k.normalized);
  /* Two dots ("..", how an open list often ends) are a keyword; two
   * letters would match everywhere. */
  if (k.length < MIN_KEYWORD_BYTES
      && !(k.length == 2 && !is_word_char (k.normalized[0]) && !is_word_char (k.normalized[1])))
    {
      ms_json_reader_problem (r, _("“%s” is too short to screen texts with"), written);
      g_free (k.normalized);
      return;
    }
  first = g_utf8_get_char (k.normalized);
  last = g_utf8_get_char (g_utf8_prev_char (k.normalized + k.length));
  k.screen = screen;
  /* An edge that is punctuation ("etc.", "...") is a boundary by itself. */
  k.check_start = !open_start && is_word_char (first);
  k.check_end = !open_end && is_word_char (last);
  k.arabic_start = g_unichar_get_script (first) == G_UNICODE_SCRIPT_ARABIC;
  /* "…" and "..." are one keyword once normalised: scan for it once. */
  if (has_keyword (self, &k))
    {
      g_free (k.normalized);
      return;
    }
  k.original = g_strdup (start);
  set_head (&k);
  g_array_append_val (self->keywords, k);
  self->n_keywords[screen]++;
}

static void
read_keywords (MsRuleData   *self,
               MsJsonReader *r,
               MsScreen      screen,
               JsonNode     *node)
{
  static const char * const langs[] = { "ar", "fr", "zgh", "en", NULL };
  JsonObject *object;
  JsonObjectIter iter;
  const char *lang;
  JsonNode *list_node;

  if (!(object = ms_json_reader_object (r, node, langs)))
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &lang, &list_node))
    {
      JsonArray *list;

      if (!g_strv_contains (langs, lang))
        continue;   /* already reported */
      ms_json_reader_push_member (r, lang);
      if ((list = ms_json_reader_array (r, list_node, MAX_KEYWORDS_PER_LIST)))
        {
          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              g_autofree char *written = NULL;

              ms_json_reader_push_index (r, i);
              written = ms_json_reader_string (r, json_array_get_element (list, i), 1,
                                               MAX_KEYWORD_CHARS);
              if (written != NULL)
                add_keyword (self, r, screen, written);
              ms_json_reader_pop (r);
            }
        }
      ms_json_reader_pop (r);
    }
}

/* The root object is checked here rather than by the reader so that its
 * problems read "one-copy.json: …" and not "(sheet): …". */
static gboolean
check_root (JsonNode    *root,
            const char  *file,
            const char  *rule,
            GError     **error)
{
  static const char * const members[] = { "rule", "description", "keywords", NULL };
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *rule_node;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("%s: expected an object, found %s"), file, ms_json_type_name (root));
      return FALSE;
    }
  object = json_node_get_object (root);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (members, name))
      {
        g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 64));

        g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                     _("%s: unknown member “%s”"), file, shown);
        return FALSE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (members) - 1; i++)
    if (i != 1 && !json_object_has_member (object, members[i]))
      {
        g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                     _("%s: the required member “%s” is missing"), file, members[i]);
        return FALSE;
      }
  /* Renaming a file must not silently move its keywords to another rule. */
  rule_node = json_object_get_member (object, "rule");
  if (!JSON_NODE_HOLDS_VALUE (rule_node) || json_node_get_value_type (rule_node) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (rule_node), rule) != 0)
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("%s: rule: expected “%s”"), file, rule);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_screen (MsRuleData  *self,
             MsScreen     screen,
             const char  *dir,
             GError     **error)
{
  g_autofree char *file = g_strconcat (screen_rules[screen], ".json", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *description;
  MsJsonReader r;

  if (!(root = ms_json_parse_file (path, &local_error)))
    {
      /* A missing file says its full path; a broken one, its name. */
      if (g_error_matches (local_error, MS_CORE_ERROR, MS_CORE_ERROR_IO))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE, "%s: %s", file, local_error->message);
      return FALSE;
    }
  if (!check_root (root, file, screen_rules[screen], error))
    return FALSE;

  object = json_node_get_object (root);
  ms_json_reader_init (&r, NULL);
  if ((description = json_object_get_member (object, "description")) != NULL)
    {
      g_autofree char *text = NULL;

      ms_json_reader_push_member (&r, "description");
      text = ms_json_reader_string (&r, description, 0, MS_MAX_TEXT_CHARS);
      ms_json_reader_pop (&r);
    }
  ms_json_reader_push_member (&r, "keywords");
  read_keywords (self, &r, screen, json_object_get_member (object, "keywords"));
  if (ms_json_reader_ok (&r) && self->n_keywords[screen] == 0)
    ms_json_reader_problem (&r, _("no keyword is given"));
  ms_json_reader_pop (&r);

  if (!ms_json_reader_ok (&r))
    {
      ms_json_reader_set_error (&r, error);
      g_prefix_error (error, "%s: ", file);
      ms_json_reader_clear (&r);
      return FALSE;
    }
  ms_json_reader_clear (&r);
  return TRUE;
}

MsRuleData *
ms_rule_data_load (const char  *dir,
                   GError     **error)
{
  g_autoptr(MsRuleData) self = NULL;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_atomic_rc_box_new0 (MsRuleData);
  self->keywords = g_array_new (FALSE, TRUE, sizeof (Keyword));
  g_array_set_clear_func (self->keywords, keyword_clear);
  self->index = g_array_new (FALSE, FALSE, sizeof (IndexEntry));
  self->short_keywords = g_array_new (FALSE, FALSE, sizeof (guint));

  for (MsScreen s = 0; s < MS_N_SCREENS; s++)
    if (!load_screen (self, s, dir, error))
      return NULL;

  build_index (self);
  return g_steal_pointer (&self);
}

/* Whether the match at @at begins a word, allowing Arabic keywords up to two
 * attached proclitics (وب, فل…). */
static gboolean
starts_word (const Keyword *k,
             const char    *text,
             gsize          at)
{
  const char *p = text + at;

  for (guint n = 0; p > text; n++)
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (prev);

      if (!is_word_char (c))
        return TRUE;
      if (!k->arabic_start || n == 2 || !is_arabic_proclitic (c))
        return FALSE;
      p = prev;
    }
  return TRUE;
}

static inline void
try_keyword (const MsRuleData *self,
             guint             index,
             const char       *text,
             gsize             text_length,
             gsize             at,
             MsScreenHits     *hits)
{
  const Keyword *k = &g_array_index (self->keywords, Keyword, index);
  guint bit = 1u << k->screen;

  if ((hits->screens & bit) != 0 || k->length > text_length - at)
    return;
  if (text_length - at >= sizeof (guint64))
    {
      guint64 window;

      memcpy (&window, text + at, sizeof window);
      if ((window & k->head_mask) != k->head)
        return;
    }
  if (memcmp (text + at, k->normalized, k->length) != 0)
    return;
  if (k->check_start && !starts_word (k, text, at))
    return;
  if (k->check_end && at + k->length < text_length
      && is_word_char (g_utf8_get_char (text + at + k->length)))
    return;
  hits->screens |= bit;
  hits->keyword[k->screen] = k->original;
}

void
ms_rule_data_scan (MsRuleData   *self,
                   const char   *normalized,
                   MsScreenHits *hits)
{
  gsize length;

  g_return_if_fail (self != NULL);
  g_return_if_fail (hits != NULL);

  memset (hits, 0, sizeof *hits);
  if (normalized == NULL)
    return;

  length = strlen (normalized);
  for (gsize at = 0; at < length; at++)
    {
      /* No keyword starts inside a character. */
      if (((guchar) normalized[at] & 0xC0) == 0x80)
        continue;
      for (guint s = 0; (self->short_first[(guchar) normalized[at] >> 3] & (1u << (normalized[at] & 7))) != 0
                        && s < self->short_keywords->len; s++)
        try_keyword (self, g_array_index (self->short_keywords, guint, s),
                     normalized, length, at, hits);
      if (at + WINDOW <= length)
        {
          guint16 hash = window_hash (normalized + at);
          guint lo = 0, hi = self->index->len;

          if (!filter_has (self, hash))
            continue;
          while (lo < hi)
            {
              guint mid = (lo + hi) / 2;

              if (g_array_index (self->index, IndexEntry, mid).hash < hash)
                lo = mid + 1;
              else
                hi = mid;
            }
          for (; lo < self->index->len && g_array_index (self->index, IndexEntry, lo).hash == hash; lo++)
            try_keyword (self, g_array_index (self->index, IndexEntry, lo).keyword,
                         normalized, length, at, hits);
        }
    }
}
