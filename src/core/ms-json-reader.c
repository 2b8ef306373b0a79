/* ms-json-reader.c — reading JSON with the path of every problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-json-reader.h"
#include "ms-procedure.h"
#include "ms-strict-json.h"

void
ms_json_reader_init (MsJsonReader *r,
                     const char   *base_path)
{
  r->path = g_string_new (base_path != NULL ? base_path : "");
  r->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  r->problems = g_ptr_array_new_with_free_func (g_free);
  r->n_dropped = 0;
}

void
ms_json_reader_clear (MsJsonReader *r)
{
  if (r->path != NULL)
    g_string_free (r->path, TRUE);
  g_clear_pointer (&r->marks, g_array_unref);
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  r->path = NULL;
}

void
ms_json_reader_push_member (MsJsonReader *r,
                            const char   *member)
{
  g_array_append_val (r->marks, r->path->len);
  if (r->path->len > 0)
    g_string_append_c (r->path, '.');
  g_string_append (r->path, member);
}

void
ms_json_reader_push_index (MsJsonReader *r,
                           guint         index)
{
  g_array_append_val (r->marks, r->path->len);
  g_string_append_printf (r->path, "[%u]", index);
}

void
ms_json_reader_pop (MsJsonReader *r)
{
  g_assert (r->marks->len > 0);
  g_string_truncate (r->path, g_array_index (r->marks, gsize, r->marks->len - 1));
  g_array_set_size (r->marks, r->marks->len - 1);
}

void
ms_json_reader_problem (MsJsonReader *r,
                        const char   *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (r->problems->len >= MS_JSON_MAX_PROBLEMS)
    {
      r->n_dropped++;
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (r->problems,
                   g_strdup_printf ("%s: %s",
                                    r->path->len > 0 ? r->path->str : _("(sheet)"),
                                    message));
}

gboolean
ms_json_reader_ok (MsJsonReader *r)
{
  return r->problems->len == 0;
}

GPtrArray *
ms_json_reader_steal_problems (MsJsonReader *r)
{
  if (r->n_dropped > 0)
    g_ptr_array_add (r->problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "… and %u more problem",
                                                   "… and %u more problems",
                                                   r->n_dropped),
                                      r->n_dropped));
  return g_steal_pointer (&r->problems);
}

void
ms_json_reader_set_error (MsJsonReader *r,
                          GError      **error)
{
  guint more;

  g_return_if_fail (r->problems->len > 0);

  more = r->problems->len - 1 + r->n_dropped;
  if (more == 0)
    g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                         g_ptr_array_index (r->problems, 0));
  else
    g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s (and %u more problem)",
                              "%s (and %u more problems)", more),
                 (const char *) g_ptr_array_index (r->problems, 0), more);
}

const char *
ms_json_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_DOUBLE:
      return _("a decimal number");
    case G_TYPE_INT64:
      return _("an integer");
    default:
      return _("a value");
    }
}

JsonObject *
ms_json_reader_object (MsJsonReader       *r,
                       JsonNode           *node,
                       const char * const *allowed)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ms_json_reader_problem (r, _("expected an object, found %s"), ms_json_type_name (node));
      return NULL;
    }

  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 64));

          ms_json_reader_problem (r, _("unknown member “%s”"), shown);
        }
    }
  return object;
}

char *
ms_json_reader_string (MsJsonReader *r,
                       JsonNode     *node,
                       guint         min_chars,
                       guint         max_chars)
{
  const char *value;
  glong n_chars;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      ms_json_reader_problem (r, _("expected text, found %s"), ms_json_type_name (node));
      return NULL;
    }

  value = json_node_get_string (node);
  /* ms_json_parse() refuses such bytes, but a tree built another way (the
   * portal import, a caller of ms_procedure_new_from_json) may hold any. */
  if (!g_utf8_validate (value, -1, NULL))
    {
      ms_json_reader_problem (r, _("the text is not valid UTF-8"));
      return NULL;
    }
  n_chars = g_utf8_strlen (value, -1);
  if (n_chars < (glong) min_chars)
    {
      ms_json_reader_problem (r, _("the text is empty"));
      return NULL;
    }
  if (n_chars > (glong) max_chars)
    {
      ms_json_reader_problem (r, g_dngettext (GETTEXT_PACKAGE,
                                              "the text has %ld character, at most %u are allowed",
                                              "the text has %ld characters, at most %u are allowed",
                                              n_chars),
                              n_chars, max_chars);
      return NULL;
    }
  return g_strdup (value);
}

gboolean
ms_json_reader_int (MsJsonReader *r,
                    JsonNode     *node,
                    gint64        min,
                    gint64        max,
                    gint64       *out)
{
  gint64 value;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* The strict reader keeps every integer written as one that fits
       * 64 bits as an integer: a double is either written with a fraction
       * or an exponent (100.0, 1e2: refused, though JSON Schema would take
       * them; the sheet format and canonical JSON write integers as
       * digits only), or too large. */
      if (d >= 9223372036854775808.0 || d <= -9223372036854775808.0)
        ms_json_reader_problem (r, _("not an integer: too large for 64 bits"));
      else
        ms_json_reader_problem (r, _("expected an integer written with digits only (no fraction or "
                                     "exponent), found a decimal number"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      ms_json_reader_problem (r, _("expected an integer, found %s"), ms_json_type_name (node));
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      /* Written with %lld: xgettext cannot see through G_GINT64_FORMAT. */
      ms_json_reader_problem (r, _("%lld is out of range (%lld to %lld)"),
                              (long long) value, (long long) min, (long long) max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
ms_json_reader_bool (MsJsonReader *r,
                     JsonNode     *node,
                     gboolean     *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      ms_json_reader_problem (r, _("expected true or false, found %s"), ms_json_type_name (node));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

JsonArray *
ms_json_reader_array (MsJsonReader *r,
                      JsonNode     *node,
                      guint         max_items)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ms_json_reader_problem (r, _("expected a list, found %s"), ms_json_type_name (node));
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > max_items)
    {
      ms_json_reader_problem (r, g_dngettext (GETTEXT_PACKAGE,
                                              "%u item, at most %u are allowed",
                                              "%u items, at most %u are allowed", n),
                              n, max_items);
      return NULL;
    }
  return array;
}

MsLocalized *
ms_json_reader_localized (MsJsonReader *r,
                          JsonNode     *node)
{
  static const char * const langs[] = { "ar", "fr", "zgh", "en", NULL };
  g_autoptr(MsLocalized) localized = NULL;
  JsonObject *object;
  gboolean ok = TRUE;

  if (!(object = ms_json_reader_object (r, node, langs)))
    return NULL;
  if (json_object_get_size (object) == 0)
    {
      ms_json_reader_problem (r, _("the text is given in no language"));
      return NULL;
    }

  localized = ms_localized_new ();
  for (guint i = 0; i < MS_N_LANGS; i++)
    {
      JsonNode *member = json_object_get_member (object, langs[i]);

      if (member == NULL)
        continue;
      ms_json_reader_push_member (r, langs[i]);
      localized->text[i] = ms_json_reader_string (r, member, 1, MS_MAX_TEXT_CHARS);
      ok = ok && localized->text[i] != NULL;
      ms_json_reader_pop (r);
    }
  return ok ? g_steal_pointer (&localized) : NULL;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* The strict reader, not json-glib's parser: json-glib keeps the last of two
 * members with the same name, wraps integers too long for 64 bits, turns
 * lone surrogates into U+FFFD, cuts strings at "\u0000" and recurses without
 * limit — each a silent change of what the file says. */
JsonNode *
ms_json_parse (const char *data,
               gssize      length,
               GError    **error)
{
  return ms_json_parse_full (data, length, NULL, NULL, NULL, error);
}

JsonNode *
ms_json_parse_full (const char          *data,
                    gssize               length,
                    const MsJsonLimits  *limits,
                    MsJsonEachFunc       each,
                    gpointer             user_data,
                    GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (is_blank (data, len))
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE, _("the file is empty"));
      return NULL;
    }
  if (!(root = ms_strict_json_parse_full (data, len, limits, NULL, each, user_data, &local_error)))
    {
      /* "line L, column C: what" becomes "line L, column C: not valid JSON: what". */
      const char *what = local_error->message;
      guint line, column;
      int consumed = 0;

      /* A limit of the format is worded as the reader's problems are. */
      if (local_error->code != MS_CORE_ERROR_PARSE)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (sscanf (what, "line %u, column %u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE,
                     _("line %u, column %u: not valid JSON: %s"), line, column, what + consumed);
      else
        g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_PARSE, _("not valid JSON: %s"), what);
      return NULL;
    }
  return root;
}

JsonNode *
ms_json_parse_file (const char  *path,
                    GError     **error)
{
  return ms_json_parse_file_full (path, NULL, NULL, NULL, error);
}

JsonNode *
ms_json_parse_file_full (const char          *path,
                         const MsJsonLimits  *limits,
                         MsJsonEachFunc       each,
                         gpointer             user_data,
                         GError             **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *contents;

  g_return_val_if_fail (path != NULL, NULL);

  /* Mapped, not copied: the file's pages are the only copy of it. */
  if (!(file = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_IO, local_error->message);
      return NULL;
    }
  contents = g_mapped_file_get_contents (file);
  return ms_json_parse_full (contents != NULL ? contents : "", g_mapped_file_get_length (file),
                             limits, each, user_data, error);
}
