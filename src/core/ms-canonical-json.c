/* ms-canonical-json.c — RFC 8785 JSON Canonicalization Scheme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-canonical-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-strict-json.h"

typedef struct {
  const char *name;
  JsonNode   *value;
} Member;

/* RFC 8785 §3.2.3 sorts by UTF-16 code units, not by code points nor bytes:
 * an astral character is written as a surrogate pair (D800–DFFF), which
 * sorts before U+E000–U+FFFF although its code point is larger. */
static guint32
utf16_order_key (gunichar c)
{
  return c >= 0xE000 && c <= 0xFFFF ? c + 0x200000 : c;
}

static int
compare_utf16 (const char *a,
               const char *b)
{
  const char *start = a;

  while (*a != '\0' && *a == *b)
    a++, b++;
  /* Back to the first byte of the character where they part. */
  while (a > start && ((guchar) *a & 0xC0) == 0x80)
    a--, b--;
  if (*a == '\0' || *b == '\0')
    return *a == '\0' ? (*b == '\0' ? 0 : -1) : 1;
  return utf16_order_key (g_utf8_get_char (a)) < utf16_order_key (g_utf8_get_char (b)) ? -1 : 1;
}

static int
member_compare (gconstpointer a,
                gconstpointer b)
{
  return compare_utf16 (((const Member *) a)->name, ((const Member *) b)->name);
}

static void
write_string (GString    *out,
              const char *s)
{
  const char *run = s;

  g_string_append_c (out, '"');
  for (const char *p = s; ; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '\0': g_string_append_c (out, '"'); return;
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
}

/* ECMAScript Number::toString (ECMA-262 §7.1.12.1): the shortest digit
 * string that reads back as the same double, placed by its exponent. */
static gboolean
write_number (GString  *out,
              double    value,
              GError  **error)
{
  char buf[40];
  char digits[20];
  int n_digits = 0;
  int exponent;
  char *e;

  if (!isfinite (value))
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                           _("a number is not finite and has no JSON form"));
      return FALSE;
    }
  if (value == 0)
    {
      g_string_append_c (out, '0');
      return TRUE;
    }
  /* Integers below 2^53 print as themselves: the common case, kept fast. */
  if (fabs (value) < 9007199254740992.0 && value == (double) (gint64) value)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return TRUE;
    }
  if (value < 0)
    {
      g_string_append_c (out, '-');
      value = -value;
    }

  /* g_ascii_formatd, not printf: the decimal point must not follow the locale. */
  for (int precision = 0; precision < 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  /* buf is d[.ddd]e±x: collect the digits, drop trailing zeros. */
  for (const char *p = buf; *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';
  e = strchr (buf, 'e');
  g_assert (e != NULL);
  exponent = (int) strtol (e + 1, NULL, 10) + 1;   /* value = 0.digits × 10^exponent */

  if (n_digits <= exponent && exponent <= 21)
    {
      g_string_append (out, digits);
      for (int i = n_digits; i < exponent; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < exponent && exponent <= 21)
    {
      g_string_append_len (out, digits, exponent);
      g_string_append_c (out, '.');
      g_string_append (out, digits + exponent);
    }
  else if (-6 < exponent && exponent <= 0)
    {
      g_string_append (out, "0.");
      for (int i = exponent; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", exponent - 1 < 0 ? '-' : '+', ABS (exponent - 1));
    }
  return TRUE;
}

static gboolean write_node (GString   *out,
                            JsonNode  *node,
                            GError   **error);

static gboolean
write_object (GString     *out,
              JsonObject  *object,
              GError     **error)
{
  g_autoptr(GArray) members = g_array_sized_new (FALSE, FALSE, sizeof (Member),
                                                 json_object_get_size (object));
  JsonObjectIter iter;
  Member m;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &m.name, &m.value))
    g_array_append_val (members, m);
  g_array_sort (members, member_compare);

  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      Member *member = &g_array_index (members, Member, i);

      if (i > 0)
        g_string_append_c (out, ',');
      write_string (out, member->name);
      g_string_append_c (out, ':');
      if (!write_node (out, member->value, error))
        return FALSE;
    }
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
write_value (GString   *out,
             JsonNode  *node,
             GError   **error)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      /* JSON numbers are IEEE doubles (RFC 8785 §3.2.2.3), integers too. */
      return write_number (out, (double) json_node_get_int (node), error);
    case G_TYPE_DOUBLE:
      return write_number (out, json_node_get_double (node), error);
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      return TRUE;
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      return TRUE;
    default:
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                           _("a value has no JSON form"));
      return FALSE;
    }
}

static gboolean
write_node (GString   *out,
            JsonNode  *node,
            GError   **error)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return write_object (out, json_node_get_object (node), error);
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!write_node (out, json_array_get_element (array, i), error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;
    case JSON_NODE_VALUE:
    default:
      return write_value (out, node, error);
    }
}

gboolean
ms_canonical_json_append (GString   *out,
                          JsonNode  *node,
                          GError   **error)
{
  gsize length;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = out->len;
  if (write_node (out, node, error))
    return TRUE;
  g_string_truncate (out, length);
  return FALSE;
}

void
ms_canonical_json_append_string (GString    *out,
                                 const char *text)
{
  g_return_if_fail (out != NULL && text != NULL);
  write_string (out, text);
}

char *
ms_canonical_json (JsonNode  *node,
                   gsize     *length,
                   GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ms_canonical_json_append (out, node, error))
    return NULL;
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ms_canonical_json_from_data (const char  *data,
                             gssize       length,
                             gsize       *out_length,
                             GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!(node = ms_strict_json_parse (data, length < 0 ? strlen (data) : (gsize) length, error)))
    return NULL;
  return ms_canonical_json (node, out_length, error);
}

char *
ms_canonical_json_sha256 (JsonNode  *node,
                          GError   **error)
{
  g_autofree char *bytes = NULL;
  gsize length;

  if (!(bytes = ms_canonical_json (node, &length, error)))
    return NULL;
  return ms_sha256_hex (bytes, length);
}
