/* ms-canonical-json.c — RFC 8785 JSON Canonicalization Scheme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-canonical-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-json-reader.h"

typedef struct {
  const char *name;
  gunichar2  *utf16;
  glong       n_units;
} Member;

static int
member_compare (gconstpointer a,
                gconstpointer b)
{
  const Member *ma = a;
  const Member *mb = b;
  glong n = MIN (ma->n_units, mb->n_units);

  /* RFC 8785 §3.2.3: by UTF-16 code units, not by code points nor bytes. */
  for (glong i = 0; i < n; i++)
    if (ma->utf16[i] != mb->utf16[i])
      return ma->utf16[i] < mb->utf16[i] ? -1 : 1;
  return ma->n_units < mb->n_units ? -1 : ma->n_units > mb->n_units;
}

static void
write_string (GString    *out,
              const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
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

static void
member_clear (gpointer data)
{
  g_free (((Member *) data)->utf16);
}

static gboolean
write_object (GString     *out,
              JsonObject  *object,
              GError     **error)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_array_set_clear_func (members, member_clear);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      Member m = { name, NULL, 0 };

      m.utf16 = g_utf8_to_utf16 (name, -1, NULL, &m.n_units, NULL);
      if (m.utf16 == NULL)
        {
          g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE,
                               _("a member name is not valid UTF-8"));
          return FALSE;
        }
      g_array_append_val (members, m);
    }
  g_array_sort (members, member_compare);

  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);

      if (i > 0)
        g_string_append_c (out, ',');
      write_string (out, m->name);
      g_string_append_c (out, ':');
      if (!write_node (out, json_object_get_member (object, m->name), error))
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

char *
ms_canonical_json (JsonNode  *node,
                   gsize     *length,
                   GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!write_node (out, node, error))
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

  if (!(node = ms_json_parse (data, length, error)))
    return NULL;
  return ms_canonical_json (node, out_length, error);
}

char *
ms_sha256_hex (const void *data,
               gsize       length)
{
  unsigned char digest[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];

  crypto_hash_sha256 (digest, data, length);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
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
