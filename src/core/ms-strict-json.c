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
#include "ms-strict-json.h"

typedef struct {
  const char  *start;
  const char  *p;
  const char  *end;
  GString     *scratch;
  GError     **error;
  GHashTable  *spans;       /* ms_strict_json_parse_spans: JsonNode* → MsJsonSpan* */
  const char  *span;        /* the last string, when left in the input */
  gsize        span_length;
} Parser;

static JsonNode *parse_value (Parser *ps,
                              guint   depth);

/* The bytes that end a run of plain characters in a string: the closing
 * quote, an escape, and the control characters that must be escaped. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

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
  const char *line_start = ps->start;
  guint line = 1;
  va_list args;

  for (const char *q = ps->start; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* The input was validated as UTF-8 before parsing: columns count characters. */
  g_set_error (ps->error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE, _("line %u, column %ld: %s"),
               line, g_utf8_strlen (line_start, at - line_start) + 1, message);
  return NULL;
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

/* Leaves the decoded string in ps->scratch. */
/* A string: its characters in ps->scratch, or, for a long value without
 * escapes when spans are asked for, left in the input (ps->span). */
static gboolean
parse_string (Parser   *ps,
              gboolean  value)
{
  const char *opening = ps->p;

  g_assert (*ps->p == '"');
  ps->p++;
  g_string_truncate (ps->scratch, 0);
  ps->span = NULL;
  for (;;)
    {
      const char *run = ps->p;
      char c;

      /* Four bytes a step while they last: strings can be megabytes long. */
      while (ps->end - ps->p >= 4
             && !(string_stop[(guchar) ps->p[0]] | string_stop[(guchar) ps->p[1]]
                  | string_stop[(guchar) ps->p[2]] | string_stop[(guchar) ps->p[3]]))
        ps->p += 4;
      while (ps->p < ps->end && !string_stop[(guchar) *ps->p])
        ps->p++;
      if (value && ps->spans != NULL && run == opening + 1 && ps->p < ps->end && *ps->p == '"'
          && (gsize) (ps->p - run) >= MS_JSON_SPAN_MIN)
        {
          ps->span = run;
          ps->span_length = ps->p - run;
          ps->p++;
          return TRUE;
        }
      g_string_append_len (ps->scratch, run, ps->p - run);
      if (ps->p >= ps->end)
        return fail (ps, opening, _("a string is not closed")) != NULL;
      if (*ps->p == '"')
        {
          ps->p++;
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

static gboolean
at_digit (Parser *ps)
{
  return ps->p < ps->end && g_ascii_isdigit (*ps->p);
}

static void
skip_digits (Parser *ps)
{
  while (at_digit (ps))
    ps->p++;
}

static JsonNode *
parse_number (Parser *ps)
{
  const char *s = ps->p;
  gboolean integral = TRUE;
  double value;

  if (*ps->p == '-')
    ps->p++;
  if (!at_digit (ps))
    return fail (ps, s, _("invalid number"));
  if (*ps->p == '0')
    ps->p++;
  else
    skip_digits (ps);
  if (ps->p < ps->end && *ps->p == '.')
    {
      integral = FALSE;
      ps->p++;
      if (!at_digit (ps))
        return fail (ps, s, _("invalid number"));
      skip_digits (ps);
    }
  if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E'))
    {
      integral = FALSE;
      ps->p++;
      if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
        ps->p++;
      if (!at_digit (ps))
        return fail (ps, s, _("invalid number"));
      skip_digits (ps);
    }

  /* Up to 18 digits always fit an int64. */
  if (integral && ps->p - s <= 18)
    {
      gint64 v = 0;

      for (const char *q = s[0] == '-' ? s + 1 : s; q < ps->p; q++)
        v = v * 10 + (*q - '0');
      return json_node_init_int (json_node_alloc (), s[0] == '-' ? -v : v);
    }
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

static JsonNode *
parse_object (Parser *ps,
              guint   depth)
{
  g_autoptr(JsonObject) object = json_object_new ();
  gboolean more = TRUE;

  ps->p++;
  if (empty_container (ps, '}'))
    more = FALSE;
  while (more)
    {
      g_autofree char *name = NULL;
      const char *name_at;
      JsonNode *value;

      skip_space (ps);
      name_at = ps->p;
      if (ps->p >= ps->end || *ps->p != '"')
        return fail (ps, ps->p, _("a member name expected"));
      if (!parse_string (ps, FALSE))
        return NULL;
      if (json_object_has_member (object, ps->scratch->str))
        return fail (ps, name_at, _("duplicate member name “%s”"), ps->scratch->str);
      name = g_strndup (ps->scratch->str, ps->scratch->len);
      if (!expect (ps, ':'))
        return NULL;
      if (!(value = parse_value (ps, depth)))
        return NULL;
      json_object_set_member (object, name, value);
      if (!next_element (ps, '}', &more))
        return NULL;
    }
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
parse_array (Parser *ps,
             guint   depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  gboolean more = TRUE;

  ps->p++;
  if (empty_container (ps, ']'))
    more = FALSE;
  while (more)
    {
      JsonNode *value;

      if (!(value = parse_value (ps, depth)))
        return NULL;
      json_array_add_element (array, value);
      if (!next_element (ps, ']', &more))
        return NULL;
    }
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

static JsonNode *
parse_value (Parser *ps,
             guint   depth)
{
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
      if (!parse_string (ps, TRUE))
        return NULL;
      if (ps->span != NULL)
        {
          JsonNode *node = json_node_init_string (json_node_alloc (), "");
          MsJsonSpan *span = g_new (MsJsonSpan, 1);

          span->text = ps->span;
          span->length = ps->span_length;
          g_hash_table_insert (ps->spans, node, span);
          return node;
        }
      return json_node_init_string (json_node_alloc (), ps->scratch->str);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (ps);
    default:
      if (take_word (ps, "true"))
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (take_word (ps, "false"))
        return json_node_init_boolean (json_node_alloc (), FALSE);
      if (take_word (ps, "null"))
        return json_node_init_null (json_node_alloc ());
      return fail (ps, ps->p, _("a value expected"));
    }
}

JsonNode *
ms_strict_json_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  return ms_strict_json_parse_spans (data, length, NULL, error);
}

JsonNode *
ms_strict_json_parse_spans (const char  *data,
                            gsize        length,
                            GHashTable  *spans,
                            GError     **error)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  Parser ps = { data, data, data + length, scratch, error, spans };
  const char *invalid = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate_len (data, length, &invalid))
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
    return fail (&ps, ps.p, _("text after the JSON value"));
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
