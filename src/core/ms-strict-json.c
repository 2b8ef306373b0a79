/* ms-strict-json.c — recursive descent over RFC 8259, refusing what is ambiguous
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-strict-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-json-scan.h"
#include "ms-json-lex-private.h"
#include "ms-strict-json.h"

/* Where the parser is, for the messages of the limits: the member name or
 * the index in each open container. */
typedef struct {
  const char *name;
  guint       index;
} Frame;

typedef struct {
  const char         *start;
  const char         *p;
  const char         *end;
  GString            *scratch;
  GError            **error;
  GHashTable         *spans;       /* ms_strict_json_parse_spans: JsonNode* → MsJsonSpan* */
  const char         *span;        /* the last string, when left in the input */
  gsize               span_length;
  const MsJsonLimits *limits;
  guint               skipping;    /* > 0: inside a value that is checked, not built */
  guint64             n_values;    /* built since the start, or since the last root element given away */
  MsJsonEachFunc      each;
  gpointer            each_data;
  Frame               frames[MS_STRICT_JSON_MAX_DEPTH + 1];
} Parser;

/* What a value that is checked but not built returns: never dereferenced. */
static char skipped_value;
#define SKIPPED ((JsonNode *) &skipped_value)

static JsonNode *parse_value (Parser *ps,
                              guint   depth);

/* Sets the error once, at the position @at, and returns NULL so that
 * callers can "return fail (…)" whatever they return. */
G_GNUC_PRINTF (3, 4)
static gpointer
fail (Parser     *ps,
      const char *at,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *located = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* The input was validated as UTF-8 before parsing: columns count characters. */
  located = ms_json_locate (ps->start, at, message);
  g_set_error_literal (ps->error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE, located);
  return NULL;
}

char *
ms_json_too_many (gboolean object,
                  guint64  n,
                  guint    limit)
{
  if (object)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%llu member, at most %u are allowed",
                                         "%llu members, at most %u are allowed", (gulong) n),
                            (unsigned long long) n, limit);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u item, at most %u are allowed",
                                       "%u items, at most %u are allowed", (gulong) n),
                          (guint) MIN (n, G_MAXUINT), limit);
}

char *
ms_json_too_long (gboolean value,
                  glong    n_chars,
                  guint    limit)
{
  if (!value)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "a member name has %ld character, no name may have more than %u",
                                         "a member name has %ld characters, no name may have more than %u",
                                         n_chars),
                            n_chars, limit);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "the text has %ld character, no text may have more than %u",
                                       "the text has %ld characters, no text may have more than %u",
                                       n_chars),
                          n_chars, limit);
}

char *
ms_json_locate (const char *start,
                const char *at,
                const char *message)
{
  const char *line_start = start;
  guint line = 1;

  for (const char *q = start; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }
  return g_strdup_printf (_("line %u, column %ld: %s"), line, g_utf8_strlen (line_start, at - line_start) + 1, message);
}

/* A limit of the format, not of JSON: "PATH: what" without a position,
 * as the sheet reader words its problems, so that both read the same. */
G_GNUC_PRINTF (3, 4)
static gpointer
fail_limit (Parser     *ps,
            guint       depth,
            const char *format,
            ...)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *message = NULL;
  va_list args;

  for (guint d = 1; d <= depth; d++)
    {
      if (ps->frames[d].name != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, ps->frames[d].name);
        }
      else
        g_string_append_printf (path, "[%u]", ps->frames[d].index);
    }
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (path->len > 0)
    g_set_error (ps->error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, "%s: %s", path->str, message);
  else
    g_set_error_literal (ps->error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, message);
  return NULL;
}

/* One more value built; FALSE (and the error) past limits->max_values. */
static gboolean
count_value (Parser *ps,
             guint   depth)
{
  if (ps->skipping > 0 || ps->limits == NULL || ps->limits->max_values == 0
      || ++ps->n_values <= ps->limits->max_values)
    return TRUE;
  return fail_limit (ps, depth, _("more than %llu values"),
                     (unsigned long long) ps->limits->max_values) != NULL;
}

static void
skip_space (Parser *ps)
{
  while (ps->p < ps->end
         && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
    ps->p++;
}

static gboolean
read_hex4 (Parser   *ps,
           gunichar *out)
{
  *out = 0;
  if (ps->end - ps->p < 4)
    return fail (ps, ps->p, _("\\u needs four hexadecimal digits")) != NULL;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (ps->p[i]);

      if (digit < 0)
        return fail (ps, ps->p, _("\\u needs four hexadecimal digits")) != NULL;
      *out = (*out << 4) | (gunichar) digit;
    }
  ps->p += 4;
  return TRUE;
}

static gboolean
read_unicode_escape (Parser  *ps,
                     GString *out)
{
  const char *at = ps->p - 2;
  gunichar c, low;

  if (!read_hex4 (ps, &c))
    return FALSE;
  if (c >= 0xDC00 && c <= 0xDFFF)
    return fail (ps, at, _("a lone low surrogate (\\u%04X) is not a character"), c) != NULL;
  if (c >= 0xD800 && c <= 0xDBFF)
    {
      if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
        return fail (ps, at, _("a high surrogate (\\u%04X) must be followed by a low one"), c) != NULL;
      ps->p += 2;
      if (!read_hex4 (ps, &low))
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        return fail (ps, at, _("a high surrogate (\\u%04X) must be followed by a low one"), c) != NULL;
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
  if (c == 0)
    return fail (ps, at, _("\\u0000 is not supported")) != NULL;
  g_string_append_unichar (out, c);
  return TRUE;
}

/* Bytes of a skipped string kept at a time: its characters are not needed. */
#define SKIP_SCRATCH 65536

/* A string: its characters in ps->scratch, or, for a long value without
 * escapes when spans are asked for, left in the input (ps->span). Past
 * the text limit, and in a skipped value, the characters are counted and
 * let go as they come, so that the scratch stays small. */
static gboolean
parse_string (Parser   *ps,
              gboolean  value,
              guint     depth)
{
  const char *opening = ps->p;
  guint max_chars = ps->limits != NULL ? ps->limits->max_chars : 0;
  /* More bytes than four per character: certainly too many characters. */
  gsize keep_max = ps->skipping > 0 ? SKIP_SCRATCH : max_chars > 0 ? (gsize) max_chars * 4 : G_MAXSIZE;
  glong n_dropped = 0;

  g_assert (*ps->p == '"');
  ps->p++;
  g_string_truncate (ps->scratch, 0);
  ps->span = NULL;
  for (;;)
    {
      const char *run = ps->p;
      char c;

      /* Strings can be megabytes long (ms-json-scan.h). */
      ps->p = ms_json_string_run (ps->p, ps->end, NULL);
      if (value && ps->spans != NULL && run == opening + 1 && ps->p < ps->end && *ps->p == '"'
          && (gsize) (ps->p - run) >= MS_JSON_SPAN_MIN)
        {
          ps->span = run;
          ps->span_length = ps->p - run;
          ps->p++;
          return TRUE;
        }
      /* A run longer than what is kept is counted where it lies. */
      if ((gsize) (ps->p - run) > keep_max)
        {
          n_dropped += g_utf8_strlen (ps->scratch->str, ps->scratch->len) + g_utf8_strlen (run, ps->p - run);
          g_string_truncate (ps->scratch, 0);
        }
      else
        g_string_append_len (ps->scratch, run, ps->p - run);
      /* Runs end before ASCII bytes and escapes append whole characters:
       * the scratch never ends inside a character here. */
      if (ps->scratch->len > keep_max)
        {
          n_dropped += g_utf8_strlen (ps->scratch->str, ps->scratch->len);
          g_string_truncate (ps->scratch, 0);
        }
      if (ps->p >= ps->end)
        return fail (ps, opening, _("a string is not closed")) != NULL;
      if (*ps->p == '"')
        {
          ps->p++;
          if (n_dropped > 0 && ps->skipping == 0)
            {
              glong n_chars = n_dropped + g_utf8_strlen (ps->scratch->str, ps->scratch->len);
              g_autofree char *message = ms_json_too_long (value, n_chars, max_chars);

              return fail_limit (ps, depth, "%s", message) != NULL;
            }
          return TRUE;
        }
      if ((guchar) *ps->p < 0x20)
        return fail (ps, ps->p, _("a control character in a string must be escaped")) != NULL;
      if (++ps->p >= ps->end)
        return fail (ps, opening, _("a string is not closed")) != NULL;
      switch ((c = *ps->p++))
        {
        case '"': case '\\': case '/': g_string_append_c (ps->scratch, c); break;
        case 'b': g_string_append_c (ps->scratch, '\b'); break;
        case 'f': g_string_append_c (ps->scratch, '\f'); break;
        case 'n': g_string_append_c (ps->scratch, '\n'); break;
        case 'r': g_string_append_c (ps->scratch, '\r'); break;
        case 't': g_string_append_c (ps->scratch, '\t'); break;
        case 'u':
          if (!read_unicode_escape (ps, ps->scratch))
            return FALSE;
          break;
        default:
          return fail (ps, ps->p - 2, _("invalid escape sequence")) != NULL;
        }
    }
}

static JsonNode *
parse_number (Parser *ps)
{
  const char *s = ps->p;
  gboolean integral;
  double value;
  gint64 small;

  if (!(ps->p = ms_json_lex_number (s, ps->end, &integral)))
    {
      ps->p = s;
      return fail (ps, s, _("invalid number"));
    }
  if (integral && ms_json_lex_small_int (s, ps->p, &small))
    return json_node_init_int (json_node_alloc (), small);
  g_string_truncate (ps->scratch, 0);
  g_string_append_len (ps->scratch, s, ps->p - s);
  value = g_ascii_strtod (ps->scratch->str, NULL);
  if (!isfinite (value))
    return fail (ps, s, _("the number %s is out of range"), ps->scratch->str);
  /* Not through the double: 9223372036854775807 rounds up to 2^63. */
  if (integral)
    {
      gint64 v;

      if (g_ascii_string_to_signed (ps->scratch->str, 10, G_MININT64, G_MAXINT64, &v, NULL))
        return json_node_init_int (json_node_alloc (), v);
    }
  return json_node_init_double (json_node_alloc (), value);
}

static gboolean
expect (Parser *ps,
        char    c)
{
  skip_space (ps);
  if (ps->p < ps->end && *ps->p == c)
    {
      ps->p++;
      return TRUE;
    }
  if (ps->p >= ps->end)
    return fail (ps, ps->p, _("“%c” expected, the text ends"), c) != NULL;
  return fail (ps, ps->p, _("“%c” expected"), c) != NULL;
}

/* After an element: TRUE with *more for ",", TRUE without for @closing. */
static gboolean
next_element (Parser   *ps,
              char      closing,
              gboolean *more)
{
  skip_space (ps);
  if (ps->p < ps->end && (*ps->p == ',' || *ps->p == closing))
    {
      *more = *ps->p++ == ',';
      return TRUE;
    }
  return fail (ps, ps->p, _("“,” or “%c” expected"), closing) != NULL;
}

static gboolean
empty_container (Parser *ps,
                 char    closing)
{
  skip_space (ps);
  if (ps->p < ps->end && *ps->p == closing)
    {
      ps->p++;
      return TRUE;
    }
  return FALSE;
}

/* Past the limit of a container: the rest is checked and counted, not
 * built, so that the message gives the real number. */
static gpointer
fail_too_many (Parser   *ps,
               guint     depth,
               gboolean  object,
               guint     limit)
{
  guint64 n = limit + 1;
  gboolean more = TRUE;
  g_autofree char *message = NULL;

  ps->skipping++;
  while (more)
    {
      if (object)
        {
          skip_space (ps);
          if (ps->p >= ps->end || *ps->p != '"')
            return fail (ps, ps->p, _("a member name expected"));
          if (!parse_string (ps, FALSE, depth) || !expect (ps, ':'))
            return NULL;
        }
      if (!parse_value (ps, depth) || !next_element (ps, object ? '}' : ']', &more))
        return NULL;
      n += more;
    }
  ps->skipping--;
  message = ms_json_too_many (object, n, limit);
  return fail_limit (ps, depth - 1, "%s", message);
}

static guint
max_items (Parser *ps,
           guint   depth)
{
  guint limit;

  if (ps->limits == NULL || ps->skipping > 0)
    return G_MAXUINT;
  limit = depth == 1 ? ps->limits->max_root_items : ps->limits->max_items;
  return limit > 0 ? limit : G_MAXUINT;
}

static JsonNode *
parse_object (Parser *ps,
              guint   depth)
{
  g_autoptr(JsonObject) object = ps->skipping > 0 ? NULL : json_object_new ();
  const char * const *only = depth == 1 && ps->limits != NULL ? ps->limits->root_members : NULL;
  guint limit = max_items (ps, depth);
  gboolean more = TRUE;

  ps->p++;
  if (empty_container (ps, '}'))
    more = FALSE;
  for (guint i = 0; more; i++)
    {
      g_autofree char *name = NULL;
      const char *name_at;
      JsonNode *value;
      gboolean skip;

      if (i == limit)
        return fail_too_many (ps, depth, TRUE, limit);
      skip_space (ps);
      name_at = ps->p;
      if (ps->p >= ps->end || *ps->p != '"')
        return fail (ps, ps->p, _("a member name expected"));
      if (!parse_string (ps, FALSE, depth))
        return NULL;
      if (object == NULL)
        {
          /* A skipped value is refused whatever it holds: no need to
           * remember its names to find duplicates. */
          if (!expect (ps, ':') || !parse_value (ps, depth) || !next_element (ps, '}', &more))
            return NULL;
          continue;
        }
      if (json_object_has_member (object, ps->scratch->str))
        return fail (ps, name_at, _("duplicate member name “%s”"), ps->scratch->str);
      name = g_strndup (ps->scratch->str, ps->scratch->len);
      if (!expect (ps, ':'))
        return NULL;
      ps->frames[depth].name = name;
      /* A member the format does not define is refused later, with the
       * others: its value is only checked, and stands as null meanwhile. */
      skip = only != NULL && !g_strv_contains (only, name);
      ps->skipping += skip;
      value = parse_value (ps, depth);
      ps->skipping -= skip;
      if (value == NULL)
        return NULL;
      if (skip)
        value = json_node_init_null (json_node_alloc ());
      json_object_set_member (object, name, value);
      if (!next_element (ps, '}', &more))
        return NULL;
    }
  if (object == NULL)
    return SKIPPED;
  if (!count_value (ps, depth - 1))
    return NULL;
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
parse_array (Parser *ps,
             guint   depth)
{
  g_autoptr(JsonArray) array = ps->skipping > 0 ? NULL : json_array_new ();
  /* The root list's elements go one by one to ps->each, not into a tree. */
  gboolean give = depth == 1 && ps->each != NULL && array != NULL;
  guint limit = max_items (ps, depth);
  gboolean more = TRUE;

  ps->p++;
  if (empty_container (ps, ']'))
    more = FALSE;
  for (guint i = 0; more; i++)
    {
      JsonNode *value;

      if (i == limit)
        return fail_too_many (ps, depth, FALSE, limit);
      ps->frames[depth].name = NULL;
      ps->frames[depth].index = i;
      if (!(value = parse_value (ps, depth)))
        return NULL;
      if (give)
        {
          g_autoptr(JsonNode) element = value;

          ps->each (element, i, ps->each_data);
          ps->n_values = 0;
        }
      else if (array != NULL)
        json_array_add_element (array, value);
      if (!next_element (ps, ']', &more))
        return NULL;
    }
  if (array == NULL)
    return SKIPPED;
  if (!count_value (ps, depth - 1))
    return NULL;
  return json_node_init_array (json_node_alloc (), array);
}

static gboolean
take_word (Parser     *ps,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (ps->end - ps->p) < n || memcmp (ps->p, word, n) != 0)
    return FALSE;
  ps->p += n;
  return TRUE;
}

/* A scalar value's node, or SKIPPED in a skipped value. */
static JsonNode *
scalar (Parser   *ps,
        guint     depth,
        JsonNode *node)
{
  if (ps->skipping > 0)
    {
      json_node_unref (node);
      return SKIPPED;
    }
  if (!count_value (ps, depth))
    {
      json_node_unref (node);
      return NULL;
    }
  return node;
}

static JsonNode *
parse_value (Parser *ps,
             guint   depth)
{
  JsonNode *node;

  skip_space (ps);
  if (ps->p >= ps->end)
    return fail (ps, ps->p, _("a value expected, the text ends"));
  switch (*ps->p)
    {
    case '{':
    case '[':
      if (depth >= MS_STRICT_JSON_MAX_DEPTH)
        return fail (ps, ps->p, _("nested deeper than %d levels"), MS_STRICT_JSON_MAX_DEPTH);
      return *ps->p == '{' ? parse_object (ps, depth + 1) : parse_array (ps, depth + 1);
    case '"':
      if (!parse_string (ps, TRUE, depth))
        return NULL;
      if (ps->skipping > 0)
        return SKIPPED;
      if (!count_value (ps, depth))
        return NULL;
      if (ps->span != NULL)
        {
          MsJsonSpan *span = g_new (MsJsonSpan, 1);

          node = json_node_init_string (json_node_alloc (), "");
          span->text = ps->span;
          span->length = ps->span_length;
          g_hash_table_insert (ps->spans, node, span);
          return node;
        }
      return json_node_init_string (json_node_alloc (), ps->scratch->str);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      if (ps->skipping > 0)
        {
          /* Only its syntax and range matter. */
          if (!(node = parse_number (ps)))
            return NULL;
          json_node_unref (node);
          return SKIPPED;
        }
      if (!(node = parse_number (ps)))
        return NULL;
      return scalar (ps, depth, node);
    default:
      if (take_word (ps, "true") || take_word (ps, "false") || take_word (ps, "null"))
        {
          if (ps->skipping > 0)
            return SKIPPED;
          switch (ps->p[-1])
            {
            case 'e':
              node = json_node_init_boolean (json_node_alloc (), ps->p[-2] == 'u');
              break;
            default:
              node = json_node_init_null (json_node_alloc ());
              break;
            }
          return scalar (ps, depth, node);
        }
      return fail (ps, ps->p, _("a value expected"));
    }
}

JsonNode *
ms_strict_json_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  return ms_strict_json_parse_full (data, length, NULL, NULL, NULL, NULL, error);
}

JsonNode *
ms_strict_json_parse_spans (const char  *data,
                            gsize        length,
                            GHashTable  *spans,
                            GError     **error)
{
  return ms_strict_json_parse_full (data, length, NULL, spans, NULL, NULL, error);
}

JsonNode *
ms_strict_json_parse_full (const char          *data,
                           gsize                length,
                           const MsJsonLimits  *limits,
                           GHashTable          *spans,
                           MsJsonEachFunc       each,
                           gpointer             user_data,
                           GError             **error)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  Parser ps = {
    .start = data, .p = data, .end = data + length, .scratch = scratch, .error = error,
    .spans = spans, .limits = limits, .each = each, .each_data = user_data,
  };
  const char *invalid = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((invalid = ms_json_utf8_invalid (data, length)) != NULL)
    {
      /* Columns are counted on the valid prefix only. */
      ps.start = data;
      return fail (&ps, invalid, _("not valid UTF-8 (byte %llu)"),
                   (unsigned long long) (invalid - data));
    }
  if (!(root = parse_value (&ps, 0)))
    {
      /* The spans of a tree that is no more. */
      if (spans != NULL)
        g_hash_table_remove_all (spans);
      return NULL;
    }
  skip_space (&ps);
  if (ps.p != ps.end)
    {
      if (spans != NULL)
        g_hash_table_remove_all (spans);
      return fail (&ps, ps.p, _("text after the JSON value"));
    }
  return g_steal_pointer (&root);
}

GHashTable *
ms_json_spans_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

const char *
ms_json_span_string (GHashTable *spans,
                     JsonNode   *node,
                     gsize      *length)
{
  MsJsonSpan *span = spans != NULL ? g_hash_table_lookup (spans, node) : NULL;
  const char *text;

  if (span != NULL)
    {
      *length = span->length;
      return span->text;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  *length = strlen (text);
  return text;
}

const char *
ms_json_string_member (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
ms_json_exact_members (JsonObject         *object,
                       const char * const *names)
{
  guint n = 0;

  for (; names[n] != NULL; n++)
    if (!json_object_has_member (object, names[n]))
      return FALSE;
  return json_object_get_size (object) == n;
}

gboolean
ms_json_node_int (JsonNode *node,
                  gint64   *out)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}
