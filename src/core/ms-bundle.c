/* ms-bundle.c — procbundle/1: build, sign and verify (design.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "ms-bundle.h"
#include "ms-bundle-private.h"
#include "ms-canonical-json.h"
#include "ms-core-error.h"
#include "ms-parallel.h"
#include "ms-procedure.h"
#include "ms-sheet-scan.h"
#include "ms-strict-json.h"
#include "ms-temp-file.h"
#include "ms-text.h"

G_DEFINE_QUARK (ms-bundle-error-quark, ms_bundle_error)

static const char * const failure_names[] = {
  "size", "format", "base64url", "header", "kid", "signature", "manifest", "issuer",
  "not-yet-valid", "expired", "rollback", "equivocation", "chain", "missing-entry",
  "extra-entry", "entry-size", "entry-sha256", "entry-id", "entry-schema",
};

G_STATIC_ASSERT (G_N_ELEMENTS (failure_names) == MS_BUNDLE_ERROR_ENTRY_SCHEMA + 1);

const char *
ms_bundle_failure_name (MsBundleError code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (failure_names), "unknown");

  return failure_names[code];
}

typedef struct {
  guchar  public_key[MS_ED25519_PUBLIC_BYTES];
  char   *issuer;
} TrustKey;

struct _MsTrustStore {
  GHashTable *keys;   /* kid → TrustKey */
};

/* One entry of the outer wrapper. Each is read once, by one worker, in
 * one go while its bytes are in the cache: decoded (check 3), hashed
 * (for check 12) and scanned (checks 13–14); what the checks need of it
 * afterwards is kept here, its bytes are not. Each worker writes its own
 * entries only. */
typedef struct {
  char          *id;
  const char    *text;          /* base64url, in the file (a span); check 3 only */
  gsize          text_length;
  gsize          size;
  guchar         sha256[MS_SHA256_BYTES];
  MsBundleError  code;          /* of the entry's own failure, when failure != NULL */
  char          *failure;
  JsonNode      *node;          /* with MS_BUNDLE_VERIFY_KEEP_ENTRIES */
  const char    *built_sha256;  /* ms_bundle_verify_built: the built entry's, of the same id and place */
} Entry;

typedef struct {
  GArray   *entries;            /* Entry */
  gboolean  keep_nodes;
  GPtrArray *built;             /* ms_bundle_verify_built: MsBundleEntry*, sorted */
} Entries;

/* {{{1 Helpers */

G_GNUC_PRINTF (3, 4)
static gpointer
fail (GError        **error,
      MsBundleError   code,
      const char     *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* A verdict quotes what the bundle says (its kid, alg, entry ids) before
   * anything is trusted: unsigned text must not break the one line. */
  escaped = ms_text_escape_controls (message);
  g_set_error_literal (error, MS_BUNDLE_ERROR, code, escaped);
  return NULL;
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

gboolean
_ms_bundle_is_hex64 (const char *text)
{
  if (text == NULL || strlen (text) != MS_SHA256_HEX_LEN)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* A sheet id: a lowercase UUID, as data/schema/procedure.schema.json says;
 * ASCII, so byte order and UTF-16 order agree. */
gboolean
_ms_bundle_is_sheet_id (const char *text)
{
  static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (text == NULL || strlen (text) != sizeof shape - 1)
    return FALSE;
  for (guint i = 0; i < sizeof shape - 1; i++)
    if (shape[i] == '-' ? text[i] != '-' : !(g_ascii_isdigit (text[i]) || (text[i] >= 'a' && text[i] <= 'f')))
      return FALSE;
  return TRUE;
}

gboolean
ms_bundle_is_issuer (const char *text)
{
  gsize n = text != NULL ? strlen (text) : 0;

  if (n == 0 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) && !strchr ("._-", text[i]))
      return FALSE;
  return TRUE;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp ((*(MsBundleEntry * const *) a)->id, (*(MsBundleEntry * const *) b)->id);
}

/* {{{1 Building */

GBytes *
ms_bundle_entry_bytes (MsProcedure  *procedure,
                       gint64        revision,
                       const char   *published,
                       GError      **error)
{
  g_autoptr(MsProcedure) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length;
  char *bytes;

  g_return_val_if_fail (procedure != NULL && published != NULL, NULL);

  copy = ms_procedure_copy (procedure);
  copy->revision = revision;
  g_free (copy->published);
  copy->published = g_strdup (published);
  node = ms_procedure_to_json (copy);
  if (!(bytes = ms_canonical_json (node, &length, error)))
    return NULL;
  return g_bytes_new_take (bytes, length);
}

/* The end of the string whose opening quote is at @p, or NULL when the
 * bytes end first: the first quote after an even run of backslashes. */
static const char *
skip_string (const char *p,
             const char *end)
{
  for (p++; p < end; p++)
    {
      const char *quote = memchr (p, '"', end - p);
      const char *q = quote;

      if (quote == NULL)
        return NULL;
      while (q > p && q[-1] == '\\')
        q--;
      p = quote;
      if ((quote - q) % 2 == 0)
        return quote + 1;
    }
  return NULL;
}

/* The end of the JSON value at @p (canonical bytes: no white space), or
 * NULL when the bytes end first. Strings are skipped whole, so brackets
 * inside them do not count. */
static const char *
skip_canonical_value (const char *p,
                      const char *end)
{
  guint depth = 0;

  do
    {
      if (p >= end)
        return NULL;
      if (*p == '"')
        {
          if (!(p = skip_string (p, end)))
            return NULL;
        }
      else if (*p == '{' || *p == '[')
        depth++, p++;
      else if (*p == '}' || *p == ']')
        {
          if (depth == 0)
            return NULL;
          depth--, p++;
        }
      else if (depth > 0)
        p++;
      else
        while (p < end && *p != ',' && *p != '}' && *p != ']')
          p++;
    }
  while (depth > 0);
  return p;
}

/* Appends "name":value for the added members whose names sort before the
 * raw member name at @name (NULL: all that are left), and the one of the
 * same name, if any, in its place: TRUE then. Comparing the raw bytes of a
 * canonical name with an ASCII name agrees with RFC 8785's UTF-16 order:
 * an escape starts with "\\" (0x5C) and stands for a character below 0x5D,
 * and any non-ASCII code unit sorts after ASCII. */
static gboolean
append_added (GString     *out,
              const char **added_names,
              GString    **added_values,
              guint       *next,
              const char  *name,
              gsize        name_length)
{
  for (; added_names[*next] != NULL; (*next)++)
    {
      gsize n = strlen (added_names[*next]);
      int c = name != NULL ? memcmp (added_names[*next], name, MIN (n, name_length)) : -1;

      if (c == 0)
        c = n < name_length ? -1 : n > name_length;
      if (c > 0)
        return FALSE;
      g_string_append_printf (out, "%s\"%s\":", out->len > 1 ? "," : "", added_names[*next]);
      g_string_append_len (out, added_values[*next]->str, added_values[*next]->len);
      if (c == 0)
        {
          (*next)++;
          return TRUE;
        }
    }
  return FALSE;
}

GBytes *
ms_bundle_entry_bytes_from_canonical (const char  *json,
                                      gsize        length,
                                      gint64       revision,
                                      const char  *published,
                                      GError     **error)
{
  /* In RFC 8785 order. */
  static const char *names[] = { "published", "revision", NULL };
  g_autoptr(JsonNode) published_node = NULL;
  g_autoptr(JsonNode) revision_node = NULL;
  g_autoptr(GString) published_value = g_string_new (NULL);
  g_autoptr(GString) revision_value = g_string_new (NULL);
  GString *values[] = { published_value, revision_value };
  g_autoptr(GString) out = NULL;
  const char *p = json, *end = json + length;
  guint next = 0;

  g_return_val_if_fail (json != NULL && published != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  published_node = json_node_init_string (json_node_alloc (), published);
  revision_node = json_node_init_int (json_node_alloc (), revision);
  if (!ms_canonical_json_append (published_value, published_node, error)
      || !ms_canonical_json_append (revision_value, revision_node, error))
    return NULL;

  out = g_string_sized_new (length + 64);
  if (length < 2 || *p++ != '{' || end[-1] != '}')
    goto not_canonical;
  g_string_append_c (out, '{');
  while (*p != '}')
    {
      const char *name = p + 1;
      const char *colon = skip_canonical_value (p, end);
      const char *value_end;

      if (*p != '"' || colon == NULL || colon >= end || *colon != ':'
          || !(value_end = skip_canonical_value (colon + 1, end)) || value_end >= end
          || (*value_end != ',' && *value_end != '}'))
        goto not_canonical;
      /* A member of the same name is replaced (the sheet's own revision). */
      if (!append_added (out, names, values, &next, name, colon - 1 - name))
        {
          if (out->len > 1)
            g_string_append_c (out, ',');
          g_string_append_len (out, p, value_end - p);
        }
      p = *value_end == ',' ? value_end + 1 : value_end;
    }
  if (p + 1 != end)
    goto not_canonical;
  append_added (out, names, values, &next, NULL, 0);
  g_string_append_c (out, '}');
  /* The string's room (a power of two: up to twice the text) given back:
   * the export holds every entry at once. */
  length = out->len;
  return g_bytes_new_take (g_realloc (g_string_free (g_steal_pointer (&out), FALSE), length), length);

not_canonical:
  g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                       _("the stored sheet is not a canonical JSON object"));
  return NULL;
}

MsBundleEntry *
ms_bundle_entry_new (const char *id,
                     GBytes     *bytes)
{
  MsBundleEntry *entry;
  gsize size;
  const void *data;

  g_return_val_if_fail (id != NULL && bytes != NULL, NULL);

  entry = g_new0 (MsBundleEntry, 1);
  data = g_bytes_get_data (bytes, &size);
  ms_sha256_hex_into (data, size, entry->sha256);
  entry->id = g_strdup (id);
  entry->bytes = bytes;
  return entry;
}

MsBundleEntry *
ms_bundle_entry_new_from_canonical (const char  *id,
                                    const char  *json,
                                    gsize        length,
                                    gint64       revision,
                                    const char  *published,
                                    char         json_sha256[MS_SHA256_HEX_LEN + 1],
                                    GError     **error)
{
  GBytes *bytes = ms_bundle_entry_bytes_from_canonical (json, length, revision, published, error);
  MsBundleEntry *entry;
  const void *data;
  gsize size;

  if (bytes == NULL)
    return NULL;
  entry = g_new0 (MsBundleEntry, 1);
  data = g_bytes_get_data (bytes, &size);
  ms_sha256_hex_pair (json, length, data, size, json_sha256, entry->sha256);
  entry->id = g_strdup (id);
  entry->bytes = bytes;
  return entry;
}

void
ms_bundle_entry_free (MsBundleEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_free (entry);
}

static gboolean
check_spec (const MsBundleSpec  *spec,
            GPtrArray           *entries,
            GPtrArray           *withdrawn,
            GError             **error)
{
  const char *problem = NULL;

  if (!ms_bundle_is_issuer (spec->issuer))
    problem = _("the issuer id must be 1 to 64 letters, digits, “.”, “_” or “-”");
  else if (spec->sequence < 1 || spec->sequence > G_GINT64_CONSTANT (9007199254740991)
           || (spec->sequence == 1) != (spec->previous == NULL)
           || (spec->previous != NULL && !_ms_bundle_is_hex64 (spec->previous)))
    problem = _("the sequence and the previous manifest hash do not fit together");
  else if (spec->expires <= spec->created)
    problem = _("the bundle would expire before it was created");
  else if (entries->len > MS_BUNDLE_MAX_ENTRIES)
    problem = _("too many entries for one bundle");
  for (guint i = 0; problem == NULL && i < entries->len; i++)
    {
      MsBundleEntry *e = g_ptr_array_index (entries, i);

      if (!_ms_bundle_is_sheet_id (e->id) || (i > 0 && compare_entries (&entries->pdata[i - 1], &e) >= 0))
        problem = _("entry ids must be distinct lowercase UUIDs");
      else if (g_bytes_get_size (e->bytes) > MS_BUNDLE_MAX_ENTRY_BYTES)
        problem = _("an entry is larger than 1 MiB");
    }
  for (guint i = 0; problem == NULL && i < withdrawn->len; i++)
    if (!_ms_bundle_is_sheet_id (withdrawn->pdata[i])
        || (i > 0 && compare_strings (&withdrawn->pdata[i - 1], &withdrawn->pdata[i]) >= 0))
      problem = _("withdrawn ids must be distinct lowercase UUIDs");
  if (problem == NULL)
    return TRUE;
  g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, problem);
  return FALSE;
}

/* The entries' lines of the wrapper go out in chunks of about this size,
 * each written in place on every core into the same buffer: no copy of
 * the whole file is ever in memory. */
#define CHUNK_BYTES (16 * 1024 * 1024)

typedef struct {
  GPtrArray  *entries;          /* MsBundleEntry*, sorted */
  guint       first;            /* the chunk's first entry */
  gsize      *offsets;          /* of each entry's line in the chunk */
  char       *chunk;
} Build;

/* An entry's line: ,\n    "ID": "BASE64URL" (no comma before the first). */
#define LINE_PREFIX "\n    \""
#define LINE_MIDDLE "\": \""

static gsize
line_length (guint                index,
             const MsBundleEntry *e)
{
  return (index > 0 ? 1 : 0) + strlen (LINE_PREFIX) + strlen (e->id) + strlen (LINE_MIDDLE)
         + MS_BASE64URL_LENGTH (g_bytes_get_size (e->bytes)) + 1;
}

static void
write_entry_line (guint    index,
                  gpointer data)
{
  Build *b = data;
  MsBundleEntry *e = g_ptr_array_index (b->entries, b->first + index);
  char *p = b->chunk + b->offsets[b->first + index];
  gsize size;
  const void *bytes = g_bytes_get_data (e->bytes, &size);

  if (b->first + index > 0)
    *p++ = ',';
  p = g_stpcpy (g_stpcpy (g_stpcpy (p, LINE_PREFIX), e->id), LINE_MIDDLE);
  ms_base64url_encode_into (bytes, size, p);
  p[MS_BASE64URL_LENGTH (size)] = '"';
}

static JsonNode *
manifest_node (const MsBundleSpec *spec,
               GPtrArray          *entries,
               GPtrArray          *withdrawn)
{
  JsonObject *manifest = json_object_new ();
  JsonArray *list = json_array_sized_new (entries->len);
  JsonArray *gone = json_array_sized_new (withdrawn->len);
  g_autofree char *bundle_id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, spec->issuer, spec->sequence);
  g_autofree char *created = format_time (spec->created);
  g_autofree char *expires = format_time (spec->expires);

  json_object_set_string_member (manifest, "type", MS_BUNDLE_MANIFEST_TYPE);
  json_object_set_int_member (manifest, "schema_version", 1);
  json_object_set_string_member (manifest, "bundle_id", bundle_id);
  json_object_set_string_member (manifest, "issuer", spec->issuer);
  json_object_set_int_member (manifest, "sequence", spec->sequence);
  json_object_set_string_member (manifest, "created", created);
  json_object_set_string_member (manifest, "expires", expires);
  if (spec->previous != NULL)
    json_object_set_string_member (manifest, "previous", spec->previous);
  else
    json_object_set_null_member (manifest, "previous");
  for (guint i = 0; i < entries->len; i++)
    {
      MsBundleEntry *e = g_ptr_array_index (entries, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "id", e->id);
      json_object_set_string_member (item, "media_type", "application/json");
      json_object_set_string_member (item, "sha256", e->sha256);
      json_object_set_int_member (item, "size", (gint64) g_bytes_get_size (e->bytes));
      json_array_add_object_element (list, item);
    }
  json_object_set_array_member (manifest, "entries", list);
  for (guint i = 0; i < withdrawn->len; i++)
    json_array_add_string_element (gone, withdrawn->pdata[i]);
  json_object_set_array_member (manifest, "withdrawn", gone);
  return json_node_init_object (json_node_alloc (), manifest);
}

static char *
canonical_base64url (JsonNode  *node,
                     char     **sha256,
                     GError   **error)
{
  g_autofree char *bytes = NULL;
  gsize length;

  if (!(bytes = ms_canonical_json (node, &length, error)))
    return NULL;
  if (sha256 != NULL)
    *sha256 = ms_sha256_hex (bytes, length);
  return ms_base64url_encode (bytes, length);
}

struct _MsBundleWriter {
  GPtrArray *entries;           /* MsBundleEntry*, sorted; not owned */
  char      *head;              /* the file up to the entries */
  char      *manifest_sha256;
};

void
ms_bundle_writer_free (MsBundleWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->entries, g_ptr_array_unref);
  g_free (writer->head);
  g_free (writer->manifest_sha256);
  g_free (writer);
}

MsBundleWriter *
ms_bundle_writer_new (const MsBundleSpec  *spec,
                      MsKey               *key,
                      GError             **error)
{
  g_autoptr(MsBundleWriter) writer = NULL;
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new ();
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonNode) header_node = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *protected = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GString) input = NULL;
  guchar raw_signature[MS_ED25519_SIGNATURE_BYTES];

  g_return_val_if_fail (spec != NULL && spec->entries != NULL, NULL);
  g_return_val_if_fail (key != NULL && key->secret_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  writer = g_new0 (MsBundleWriter, 1);
  /* Not g_ptr_array_copy: it would take the free function too. */
  writer->entries = g_ptr_array_sized_new (spec->entries->len);
  for (guint i = 0; i < spec->entries->len; i++)
    g_ptr_array_add (writer->entries, spec->entries->pdata[i]);
  g_ptr_array_sort (writer->entries, compare_entries);
  for (guint i = 0; spec->withdrawn != NULL && i < spec->withdrawn->len; i++)
    g_ptr_array_add (withdrawn, spec->withdrawn->pdata[i]);
  g_ptr_array_sort (withdrawn, compare_strings);
  if (!check_spec (spec, writer->entries, withdrawn, error))
    return NULL;

  manifest = manifest_node (spec, writer->entries, withdrawn);
  json_object_set_string_member (header, "alg", "EdDSA");
  json_object_set_string_member (header, "kid", key->kid);
  json_object_set_string_member (header, "typ", MS_BUNDLE_TYP);
  header_node = json_node_init_object (json_node_alloc (), json_object_ref (header));
  if (!(payload = canonical_base64url (manifest, &writer->manifest_sha256, error))
      || !(protected = canonical_base64url (header_node, NULL, error)))
    return NULL;

  input = g_string_new (protected);
  g_string_append_c (input, '.');
  g_string_append (input, payload);
  ms_key_sign (key, input->str, input->len, raw_signature);
  signature = ms_base64url_encode (raw_signature, sizeof raw_signature);

  /* The wrapper is not signed; it is written by hand because every string
   * in it is base64url, a UUID or a constant (nothing to escape), and its
   * only white space is " " and "\n" (see the bit-flip test). */
  writer->head = g_strdup_printf ("{\n  \"format\": \"%s\",\n  \"jws\": {\n    \"payload\": \"%s\",\n"
                                  "    \"signatures\": [\n      {\n        \"protected\": \"%s\",\n"
                                  "        \"signature\": \"%s\"\n      }\n    ]\n  },\n  \"entries\": {",
                                  MS_BUNDLE_FORMAT, payload, protected, signature);
  return g_steal_pointer (&writer);
}

const char *
ms_bundle_writer_get_manifest_sha256 (MsBundleWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);

  return writer->manifest_sha256;
}

gboolean
ms_bundle_writer_write (MsBundleWriter  *writer,
                        MsBundleSink     sink,
                        gpointer         sink_data,
                        GError         **error)
{
  GPtrArray *entries;
  g_autofree gsize *lines = NULL;
  g_autofree gsize *offsets = NULL;
  g_autofree char *chunk = NULL;
  const char *tail;
  Build b = { 0 };
  gsize chunk_size = CHUNK_BYTES;

  g_return_val_if_fail (writer != NULL && sink != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entries = writer->entries;
  tail = entries->len > 0 ? "\n  }\n}\n" : "}\n}\n";
  if (!sink (writer->head, strlen (writer->head), sink_data, error))
    return FALSE;

  /* The entries, a chunk at a time: the lines that fit in the buffer,
   * which is made large enough for the longest line. */
  b.entries = entries;
  b.offsets = offsets = g_new (gsize, MAX (entries->len, 1));
  lines = g_new (gsize, MAX (entries->len, 1));
  for (guint i = 0; i < entries->len; i++)
    chunk_size = MAX (chunk_size, (lines[i] = line_length (i, g_ptr_array_index (entries, i))));
  b.chunk = chunk = g_malloc (chunk_size);
  while (b.first < entries->len)
    {
      guint end = b.first;
      gsize length = 0;

      while (end < entries->len && length + lines[end] <= chunk_size)
        {
          offsets[end] = length;
          length += lines[end];
          end++;
        }
      ms_parallel_for (end - b.first, write_entry_line, &b);
      if (!sink (chunk, length, sink_data, error))
        return FALSE;
      b.first = end;
    }
  return sink (tail, strlen (tail), sink_data, error);
}

gboolean
ms_bundle_write (const MsBundleSpec  *spec,
                 MsKey               *key,
                 MsBundleSink         sink,
                 gpointer             sink_data,
                 char               **manifest_sha256,
                 GError             **error)
{
  g_autoptr(MsBundleWriter) writer = ms_bundle_writer_new (spec, key, error);

  if (writer == NULL || !ms_bundle_writer_write (writer, sink, sink_data, error))
    return FALSE;
  if (manifest_sha256 != NULL)
    *manifest_sha256 = g_strdup (writer->manifest_sha256);
  return TRUE;
}

static gboolean
append_to_array (const char  *data,
                 gsize        length,
                 gpointer     user_data,
                 GError     **error)
{
  g_byte_array_append (user_data, (const guint8 *) data, length);
  return TRUE;
}

GBytes *
ms_bundle_build (const MsBundleSpec  *spec,
                 MsKey               *key,
                 char               **manifest_sha256,
                 GError             **error)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();

  if (!ms_bundle_write (spec, key, append_to_array, file, manifest_sha256, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&file));
}

/* {{{1 Trust store and state */

static void
trust_key_free (gpointer data)
{
  TrustKey *k = data;

  g_free (k->issuer);
  g_free (k);
}

void
ms_trust_store_free (MsTrustStore *trust)
{
  if (trust == NULL)
    return;
  g_clear_pointer (&trust->keys, g_hash_table_unref);
  g_free (trust);
}

MsTrustStore *
ms_trust_store_new_from_data (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(MsTrustStore) trust = g_new0 (MsTrustStore, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *keys;
  JsonObjectIter iter;
  const char *kid;
  JsonNode *value;
  gint64 threshold;

  trust->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, trust_key_free);
  if (!(root = ms_strict_json_parse (data, length, &local_error)))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, _("trust store: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !ms_json_node_int (json_object_get_member (json_node_get_object (root), "threshold"), &threshold)
      || threshold != 1 || !(keys = object_member (json_node_get_object (root), "keys")))
    {
      g_set_error_literal (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                           _("trust store: expected {\"threshold\": 1, \"keys\": {KID: JWK, …}}"));
      return NULL;
    }
  json_object_iter_init (&iter, keys);
  while (json_object_iter_next (&iter, &kid, &value))
    {
      JsonObject *jwk = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
      const char *x = jwk != NULL ? ms_json_string_member (jwk, "x") : NULL;
      const char *issuer = jwk != NULL ? ms_json_string_member (jwk, "issuer") : NULL;
      g_autoptr(MsKey) key = x != NULL ? ms_key_new_public (x, NULL) : NULL;
      TrustKey *k;

      if (key == NULL || g_strcmp0 (ms_json_string_member (jwk, "kty"), "OKP") != 0
          || g_strcmp0 (ms_json_string_member (jwk, "crv"), "Ed25519") != 0 || !ms_bundle_is_issuer (issuer)
          || strcmp (key->kid, kid) != 0)
        {
          ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("trust store: the key %s is not an Ed25519 JWK with an issuer and "
                     "this thumbprint"), kid);
          return NULL;
        }
      /* build-aux/verify-bundle.py says the same words. */
      if (!ms_ed25519_public_key_is_valid (key->public_key))
        {
          g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                       _("trust store: the key %s is not a valid Ed25519 public key (small order, "
                         "not in the prime-order subgroup, or not canonical)"), kid);
          return NULL;
        }
      k = g_new0 (TrustKey, 1);
      memcpy (k->public_key, key->public_key, sizeof k->public_key);
      k->issuer = g_strdup (issuer);
      g_hash_table_insert (trust->keys, g_strdup (kid), k);
    }
  return g_steal_pointer (&trust);
}

MsTrustStore *
ms_trust_store_load (const char  *path,
                     GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return ms_trust_store_new_from_data (data, length, error);
}

/* The state of @issuer: FALSE when there is none. */
static gboolean
state_get (JsonNode    *state,
           const char  *issuer,
           gint64      *sequence,
           const char **sha256)
{
  JsonObject *entry = state != NULL ? object_member (json_node_get_object (state), issuer) : NULL;

  if (entry == NULL)
    return FALSE;
  ms_json_node_int (json_object_get_member (entry, "sequence"), sequence);
  *sha256 = ms_json_string_member (entry, "manifest_sha256");
  return TRUE;
}

JsonNode *
ms_bundle_state_load (const char  *path,
                      GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObjectIter iter;
  const char *issuer;
  JsonNode *value;
  gsize length;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return json_node_init_object (json_node_alloc (), json_object_new ());
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  if (!(root = ms_strict_json_parse (data, length, &local_error)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT, _("state file %s: %s"), path,
               local_error != NULL ? local_error->message : _("not a JSON object"));
      return NULL;
    }
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &issuer, &value))
    {
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
      gint64 sequence;

      if (entry == NULL || !ms_json_node_int (json_object_get_member (entry, "sequence"), &sequence)
          || sequence < 1 || !_ms_bundle_is_hex64 (ms_json_string_member (entry, "manifest_sha256")))
        {
          ms_fail (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("state file %s: %s needs a sequence and a manifest_sha256"), path, issuer);
          return NULL;
        }
    }
  return g_steal_pointer (&root);
}

gboolean
ms_bundle_state_save (JsonNode          *state,
                      const char        *path,
                      MsBundleVerified  *verified,
                      GError           **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonObject *entry = json_object_new ();

  g_return_val_if_fail (state != NULL && JSON_NODE_HOLDS_OBJECT (state), FALSE);
  g_return_val_if_fail (verified != NULL, FALSE);

  json_object_set_int_member (entry, "sequence", verified->sequence);
  json_object_set_string_member (entry, "manifest_sha256", verified->manifest_sha256);
  json_object_set_object_member (json_node_get_object (state), verified->issuer, entry);
  json_generator_set_root (generator, state);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  /* Through a locked STATE.XXXXXX, removing those a killed verify left. */
  return ms_temp_file_replace (path, text, strlen (text), 0644, error);
}

/* {{{1 Verifying */

void
ms_bundle_verified_free (MsBundleVerified *verified)
{
  if (verified == NULL)
    return;
  g_free (verified->issuer);
  g_free (verified->manifest_sha256);
  g_free (verified->kid);
  g_clear_pointer (&verified->ids, g_ptr_array_unref);
  g_clear_pointer (&verified->entries, g_ptr_array_unref);
  g_clear_pointer (&verified->withdrawn, g_ptr_array_unref);
  g_free (verified);
}

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->id);
  g_free (e->failure);
  g_clear_pointer (&e->node, json_node_unref);
}

static void
entries_clear (Entries *entries)
{
  g_clear_pointer (&entries->entries, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Entries, entries_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Manifest, _ms_bundle_manifest_clear)

typedef void (*EntryFunc) (Entries *entries,
                           Entry   *entry);

typedef struct {
  Entries   *entries;
  EntryFunc  func;
} EntryWork;

static void
entry_work (guint    index,
            gpointer data)
{
  EntryWork *work = data;

  work->func (work->entries, &g_array_index (work->entries->entries, Entry, index));
}

/* Runs @func on every entry, on every core. Each entry's outcome is kept in
 * the entry, so the caller reports the lowest-index failure: the verdict
 * does not depend on which thread got there first. */
static void
for_each_entry (Entries   *entries,
                EntryFunc  func)
{
  EntryWork work = { entries, func };

  ms_parallel_for (entries->entries->len, entry_work, &work);
}

/* The first entry, in the array's order, that failed with one of @codes
 * (a -1 terminated list); FALSE with @error set from it. */
static gboolean
first_failure (Entries             *entries,
               const MsBundleError *codes,
               GError             **error)
{
  for (guint i = 0; i < entries->entries->len; i++)
    {
      Entry *e = &g_array_index (entries->entries, Entry, i);

      for (guint c = 0; e->failure != NULL && codes[c] != (MsBundleError) -1; c++)
        if (e->code == codes[c])
          return fail (error, e->code, "%s", e->failure) != NULL;
    }
  return TRUE;
}

G_GNUC_PRINTF (3, 4)
static void
entry_fail (Entry         *e,
            MsBundleError  code,
            const char    *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  e->code = code;
  message = g_strdup_vprintf (format, args);
  va_end (args);
  e->failure = ms_text_escape_controls (message);
}

/* Check 1 (what needs the tree): how many entries, how long each string. */
static gboolean
check_sizes (JsonNode    *root,
             GHashTable  *spans,
             GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *entries = object_member (object, "entries");
  JsonObject *jws = object_member (object, "jws");
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;
  gsize length;

  if (jws != NULL && ms_json_span_string (spans, json_object_get_member (jws, "payload"), &length) != NULL
      && length > MS_BASE64URL_LENGTH ((gsize) MS_BUNDLE_MAX_MANIFEST))
    return fail (error, MS_BUNDLE_ERROR_SIZE, _("the manifest is larger than %d bytes"),
                 MS_BUNDLE_MAX_MANIFEST) != NULL;
  if (entries == NULL)
    return TRUE;
  if (json_object_get_size (entries) > MS_BUNDLE_MAX_ENTRIES)
    return fail (error, MS_BUNDLE_ERROR_SIZE, _("%u entries, more than %d"),
                 json_object_get_size (entries), MS_BUNDLE_MAX_ENTRIES) != NULL;
  json_object_iter_init (&iter, entries);
  while (json_object_iter_next (&iter, &id, &value))
    if (ms_json_span_string (spans, value, &length) != NULL
        && length > MS_BASE64URL_LENGTH ((gsize) MS_BUNDLE_MAX_ENTRY_BYTES))
      return fail (error, MS_BUNDLE_ERROR_SIZE, _("entry %s is larger than %d bytes"), id,
                   MS_BUNDLE_MAX_ENTRY_BYTES) != NULL;
  return TRUE;
}

/* Check 2: the shape of the wrapper. */
static gboolean
check_format (JsonNode     *root,
              JsonObject  **jws_signature,
              JsonNode    **payload,
              JsonObject  **entries,
              GError      **error)
{
  static const char * const outer[] = { "format", "jws", "entries", NULL };
  static const char * const jws_members[] = { "payload", "signatures", NULL };
  static const char * const signature_members[] = { "protected", "signature", NULL };
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *jws;
  JsonArray *signatures;
  JsonNode *first;
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;

  if (object == NULL || !ms_json_exact_members (object, outer))
    return fail (error, MS_BUNDLE_ERROR_FORMAT, _("expected exactly the members format, jws and entries")) != NULL;
  if (g_strcmp0 (ms_json_string_member (object, "format"), MS_BUNDLE_FORMAT) != 0)
    return fail (error, MS_BUNDLE_ERROR_FORMAT, _("format is not “%s”"), MS_BUNDLE_FORMAT) != NULL;
  if (!(jws = object_member (object, "jws")) || !ms_json_exact_members (jws, jws_members)
      || !ms_json_string_member (jws, "payload")
      || !(signatures = array_member (jws, "signatures")) || json_array_get_length (signatures) != 1
      || !JSON_NODE_HOLDS_OBJECT ((first = json_array_get_element (signatures, 0)))
      || !ms_json_exact_members ((*jws_signature = json_node_get_object (first)), signature_members)
      || !ms_json_string_member (*jws_signature, "protected")
      || !ms_json_string_member (*jws_signature, "signature"))
    return fail (error, MS_BUNDLE_ERROR_FORMAT,
                 _("jws must be {payload, signatures: [{protected, signature}]} with one signature")) != NULL;
  *payload = json_object_get_member (jws, "payload");
  if (!(*entries = object_member (object, "entries")))
    return fail (error, MS_BUNDLE_ERROR_FORMAT, _("entries is not an object")) != NULL;
  json_object_iter_init (&iter, *entries);
  while (json_object_iter_next (&iter, &id, &value))
    if (JSON_NODE_TYPE (value) != JSON_NODE_VALUE || json_node_get_value_type (value) != G_TYPE_STRING)
      return fail (error, MS_BUNDLE_ERROR_FORMAT, _("entry %s is not a string"), id) != NULL;
  return TRUE;
}

static GBytes *
decode (GHashTable  *spans,
        JsonNode    *node,
        const char  *what,
        GError     **error)
{
  gsize length = 0;
  const char *text = ms_json_span_string (spans, node, &length);
  GBytes *bytes = ms_base64url_decode (text, length);

  if (bytes == NULL)
    fail (error, MS_BUNDLE_ERROR_BASE64URL, _("%s is not strict base64url"), what);
  return bytes;
}

/* Check 4: the protected header; returns its kid. */
static char *
check_header (GBytes  *header,
              GError **error)
{
  static const char * const forbidden[] = { "crit", "jwk", "jku", "x5u", "x5c", "b64" };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const char *alg, *kid;
  gsize length;
  const char *data = g_bytes_get_data (header, &length);

  if (length > MS_BUNDLE_MAX_HEADER || !(node = ms_strict_json_parse (data, length, NULL))
      || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, MS_BUNDLE_ERROR_HEADER, _("the protected header is not a JSON object"));
  object = json_node_get_object (node);
  alg = ms_json_string_member (object, "alg");
  if (g_strcmp0 (alg, "EdDSA") != 0 && g_strcmp0 (alg, "Ed25519") != 0)
    return fail (error, MS_BUNDLE_ERROR_HEADER, _("alg “%s” is not allowed (EdDSA or Ed25519 only)"),
                 alg != NULL ? alg : "");
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (json_object_has_member (object, forbidden[i]))
      return fail (error, MS_BUNDLE_ERROR_HEADER, _("the header member “%s” is not allowed"), forbidden[i]);
  if (g_strcmp0 (ms_json_string_member (object, "typ"), MS_BUNDLE_TYP) != 0)
    return fail (error, MS_BUNDLE_ERROR_HEADER, _("typ is not “%s”"), MS_BUNDLE_TYP);
  if (!(kid = ms_json_string_member (object, "kid")))
    return fail (error, MS_BUNDLE_ERROR_HEADER, _("the header has no kid"));
  return g_strdup (kid);
}

/* Check 10: against the last accepted bundle of the issuer. */
static gboolean
check_state (JsonNode    *state,
             Manifest    *m,
             const char  *sha256,
             GError     **error)
{
  gint64 last = 0;
  const char *last_sha256 = NULL;

  if (!state_get (state, m->issuer, &last, &last_sha256))
    return TRUE;
  if (m->sequence < last)
    return fail (error, MS_BUNDLE_ERROR_ROLLBACK, _("sequence %lld < last accepted %lld"),
                 (long long) m->sequence, (long long) last) != NULL;
  if (m->sequence == last && g_strcmp0 (sha256, last_sha256) != 0)
    return fail (error, MS_BUNDLE_ERROR_EQUIVOCATION, _("sequence %lld was already accepted with another manifest"),
                 (long long) m->sequence) != NULL;
  if (m->sequence > last && g_strcmp0 (m->previous, last_sha256) != 0)
    return fail (error, MS_BUNDLE_ERROR_CHAIN, _("previous is not the manifest of sequence %lld last accepted"),
                 (long long) last) != NULL;
  return TRUE;
}

static int
compare_decoded (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const Entry *) a)->id, ((const Entry *) b)->id);
}

/* Check 11: the same ids in the file and in the manifest. Sorts @decoded. */
static gboolean
check_entry_set (GArray    *decoded,
                 Manifest  *m,
                 GError   **error)
{
  guint i = 0, j = 0;

  g_array_sort (decoded, compare_decoded);
  /* Missing ones first, in manifest order; then extra ones, by id. */
  for (; i < m->entries->len; i++, j++)
    {
      const char *id = g_array_index (m->entries, ManifestEntry, i).id;

      while (j < decoded->len && strcmp (g_array_index (decoded, Entry, j).id, id) < 0)
        j++;
      if (j >= decoded->len || strcmp (g_array_index (decoded, Entry, j).id, id) != 0)
        return fail (error, MS_BUNDLE_ERROR_MISSING_ENTRY, _("entry %s is in the manifest, not in the bundle"),
                     id) != NULL;
    }
  if (decoded->len != m->entries->len)
    for (i = 0; i < decoded->len; i++)
      if (i >= m->entries->len
          || strcmp (g_array_index (decoded, Entry, i).id, g_array_index (m->entries, ManifestEntry, i).id) != 0)
        return fail (error, MS_BUNDLE_ERROR_EXTRA_ENTRY, _("entry %s is in the bundle, not in the manifest"),
                     g_array_index (decoded, Entry, i).id) != NULL;
  return TRUE;
}

/* With ms_bundle_verify_built: the built entry at @e's place, when it has
 * @e's id (the file's order is the built, sorted, order when all is
 * well); its SHA-256 must then be the manifest's too (check 12). */
static MsBundleEntry *
built_at (Entries *entries,
          Entry   *e)
{
  guint index = (guint) (e - &g_array_index (entries->entries, Entry, 0));
  MsBundleEntry *b;

  if (entries->built == NULL || index >= entries->built->len)
    return NULL;
  b = g_ptr_array_index (entries->built, index);
  return strcmp (b->id, e->id) == 0 ? b : NULL;
}

/* TRUE when @e, decoded into @bytes, is the built entry @b byte for byte:
 * its SHA-256 is then the built one's. One entry in SAMPLE_EVERY is hashed
 * all the same, so that a builder whose hashes are wrong (the manifest
 * would agree with them) is caught; and so is an entry whose built bytes
 * are gone (the exporter lets them go once written). */
#define SAMPLE_EVERY 16

static gboolean
same_as_built (Entries       *entries,
               Entry         *e,
               MsBundleEntry *b,
               const guchar  *bytes)
{
  guint index = (guint) (e - &g_array_index (entries->entries, Entry, 0));
  gsize size;
  const void *data;

  if (b == NULL || b->bytes == NULL || index % SAMPLE_EVERY == 0)
    return FALSE;
  data = g_bytes_get_data (b->bytes, &size);
  return size == e->size && memcmp (data, bytes, size) == 0
         && sodium_hex2bin (e->sha256, sizeof e->sha256, b->sha256, MS_SHA256_HEX_LEN, NULL, NULL, NULL) == 0;
}

/* Checks 13 and 14 for the bytes of @e, their outcome kept in @e. */
static void
check_entry_content (Entries      *entries,
                     Entry        *e,
                     const guchar *bytes)
{
  g_autofree char *message = NULL;

  switch (ms_sheet_scan ((const char *) bytes, e->size, e->id, &message))
    {
    case MS_SHEET_SCAN_OK:
      break;
    case MS_SHEET_SCAN_NOT_JSON:
      entry_fail (e, MS_BUNDLE_ERROR_ENTRY_ID, _("entry %s is not JSON: %s"), e->id, message);
      return;
    case MS_SHEET_SCAN_WRONG_ID:
      entry_fail (e, MS_BUNDLE_ERROR_ENTRY_ID, _("entry %s does not carry its own id"), e->id);
      return;
    /* Beyond a limit it is JSON, but not the procedure format. */
    case MS_SHEET_SCAN_LIMIT:
    case MS_SHEET_SCAN_SCHEMA:
      entry_fail (e, MS_BUNDLE_ERROR_ENTRY_SCHEMA, _("entry %s: %s"), e->id, message);
      return;
    case MS_SHEET_SCAN_NO_REVISION:
    default:
      entry_fail (e, MS_BUNDLE_ERROR_ENTRY_SCHEMA, _("entry %s has no revision or published date"), e->id);
      return;
    }
  /* The tree only when the caller keeps it: the scan said it is one. */
  if (entries->keep_nodes)
    e->node = ms_strict_json_parse_full ((const char *) bytes, e->size, ms_procedure_json_limits (),
                                         NULL, NULL, NULL, NULL);
}

/* Each worker's memory for the entry it reads (at most
 * MS_BUNDLE_MAX_ENTRY_BYTES), kept from one entry to the next. */
typedef struct {
  guchar *data;
  gsize   size;
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  g_free (scratch->data);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

static guchar *
scratch_get (gsize size)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_new0 (Scratch, 1);
      g_private_set (&scratch_key, scratch);
    }
  if (scratch->size < size)
    {
      g_free (scratch->data);
      scratch->size = MAX (size, 64 * 1024);
      scratch->data = g_malloc (scratch->size);
    }
  return scratch->data;
}

/* Checks 3, 13 and 14 for one entry, in one go: decoded into memory of
 * the worker's, hashed and scanned while its bytes are in the cache, and
 * let go. With built entries (ms_bundle_verify_built), the bytes are
 * compared with the built ones instead of scanned. A base64url failure
 * is reported before anything else (check 3); the others wait for their
 * turn in @e. */
static void
check_entry (Entries *entries,
             Entry   *e)
{
  guchar *bytes = scratch_get (MAX (e->size, 1));
  MsBundleEntry *b = built_at (entries, e);
  gsize length = 0;

  if (!ms_base64url_decode_into (e->text, e->text_length, bytes, e->size, &length) || length != e->size)
    {
      entry_fail (e, MS_BUNDLE_ERROR_BASE64URL, _("entry %s is not strict base64url"), e->id);
      return;
    }
  e->built_sha256 = b != NULL ? b->sha256 : NULL;
  if (!same_as_built (entries, e, b, bytes))
    ms_sha256 (bytes, length, e->sha256);
  if (entries->built == NULL)
    check_entry_content (entries, e, bytes);
}

/* Checks 12–14, each over every entry before the next: sizes and hashes
 * (computed by check 3), then ids, then the procedure format. @entries
 * is in manifest order (check 11 sorted it). */
static gboolean
check_entries (Entries   *entries,
               Manifest  *m,
               GError   **error)
{
  static const MsBundleError content[] = { MS_BUNDLE_ERROR_ENTRY_ID, -1 };
  static const MsBundleError schema[] = { MS_BUNDLE_ERROR_ENTRY_SCHEMA, -1 };

  for (guint i = 0; i < entries->entries->len; i++)
    {
      ManifestEntry *me = &g_array_index (m->entries, ManifestEntry, i);
      Entry *e = &g_array_index (entries->entries, Entry, i);
      char sha256[MS_SHA256_HEX_LEN + 1];

      if ((gint64) e->size != me->size)
        return fail (error, MS_BUNDLE_ERROR_ENTRY_SIZE, _("entry %s has %llu bytes, not %lld"),
                     me->id, (unsigned long long) e->size, (long long) me->size) != NULL;
      sodium_bin2hex (sha256, sizeof sha256, e->sha256, sizeof e->sha256);
      if (strcmp (sha256, me->sha256) != 0
          || (e->built_sha256 != NULL && strcmp (e->built_sha256, me->sha256) != 0))
        return fail (error, MS_BUNDLE_ERROR_ENTRY_SHA256, _("entry %s does not have its SHA-256"), me->id) != NULL;
    }
  /* Checks 13 and 14 were made with check 3: their outcome, in order. */
  return first_failure (entries, content, error) && first_failure (entries, schema, error);
}

static const char * const wrapper_members[] = { "format", "jws", "entries", NULL };

/* The wrapper is a dozen values and the entries' strings: what is beyond
 * is refused before it is built. A member it does not define is not
 * built at all, and check 2 refuses it (after check 1, as design.md §4
 * orders them); more than a few such members are refused at once. */
static const MsJsonLimits wrapper_limits = {
  .max_items = MS_BUNDLE_MAX_ENTRIES,
  .max_root_items = 16,
  .max_values = MS_BUNDLE_MAX_ENTRIES + 64,
  .root_members = wrapper_members,
};

/* Checks 1–3 on the wrapper; fills @entries, in file order. */
static gboolean
open_wrapper (const char  *data,
              gsize        length,
              Entries     *entries,
              GBytes     **header,
              GBytes     **payload,
              GBytes     **signature,
              GString    **signing_input,
              GError     **error)
{
  static const MsBundleError base64url[] = { MS_BUNDLE_ERROR_BASE64URL, -1 };
  /* The entries' text stays in @data: the tree holds no copy of it. */
  g_autoptr(GHashTable) spans = ms_json_spans_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *jws_signature = NULL, *members = NULL;
  JsonNode *payload_node = NULL;
  const char *text;
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;
  gsize text_length;

  if (length > MS_BUNDLE_MAX_BYTES)
    return fail (error, MS_BUNDLE_ERROR_SIZE, _("the file is larger than %d bytes"), MS_BUNDLE_MAX_BYTES) != NULL;
  if (!(root = ms_strict_json_parse_full (data, length, &wrapper_limits, spans, NULL, NULL, &local_error)))
    {
      /* Too many entries is check 1's; the path leads the message. */
      if (local_error->code == MS_CORE_ERROR_FORMAT && g_str_has_prefix (local_error->message, "entries: "))
        return fail (error, MS_BUNDLE_ERROR_SIZE, "%s", local_error->message) != NULL;
      if (local_error->code == MS_CORE_ERROR_FORMAT)
        return fail (error, MS_BUNDLE_ERROR_FORMAT, _("beyond the wrapper's limits: %s"),
                     local_error->message) != NULL;
      return fail (error, MS_BUNDLE_ERROR_FORMAT, _("not strict JSON: %s"), local_error->message) != NULL;
    }
  if (!check_sizes (root, spans, error)
      || !check_format (root, &jws_signature, &payload_node, &members, error))
    return FALSE;

  if (!(*header = decode (spans, json_object_get_member (jws_signature, "protected"), "protected", error))
      || !(*payload = decode (spans, payload_node, "payload", error))
      || !(*signature = decode (spans, json_object_get_member (jws_signature, "signature"), "signature", error)))
    return FALSE;
  entries->entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), json_object_get_size (members));
  g_array_set_clear_func (entries->entries, entry_clear);
  json_object_iter_init_ordered (&iter, members);
  while (json_object_iter_next_ordered (&iter, &id, &value))
    {
      Entry e = { .id = g_strdup (id) };

      /* The exact decoded size of unpadded base64url (an impossible
       * length fails the decoding anyway). */
      e.text = ms_json_span_string (spans, value, &e.text_length);
      e.size = e.text_length / 4 * 3 + (e.text_length % 4 == 0 ? 0 : e.text_length % 4 - 1);
      g_array_append_val (entries->entries, e);
    }
  for_each_entry (entries, check_entry);
  if (!first_failure (entries, base64url, error))
    return FALSE;
  for (guint i = 0; i < entries->entries->len; i++)
    g_array_index (entries->entries, Entry, i).text = NULL;
  /* The signature is over the characters received: base64url checked. */
  *signing_input = g_string_new (NULL);
  text = ms_json_span_string (spans, json_object_get_member (jws_signature, "protected"), &text_length);
  g_string_append_len (*signing_input, text, text_length);
  g_string_append_c (*signing_input, '.');
  text = ms_json_span_string (spans, payload_node, &text_length);
  g_string_append_len (*signing_input, text, text_length);
  return TRUE;
}

static MsBundleVerified *
verify (const char          *data,
        gsize                length,
        MsTrustStore        *trust,
        JsonNode            *state,
        gint64               now,
        MsBundleVerifyFlags  flags,
        GPtrArray           *built,
        GError             **error)
{
  g_autoptr(GBytes) header = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GString) signing_input = NULL;
  g_auto(Entries) entries = { .keep_nodes = (flags & MS_BUNDLE_VERIFY_KEEP_ENTRIES) != 0, .built = built };
  g_autoptr(GArray) manifest_items = g_array_new (FALSE, FALSE, sizeof (ManifestEntry));
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new ();
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autofree char *kid = NULL;
  g_autofree char *sha256 = NULL;
  g_auto(Manifest) m = { .entries = manifest_items, .withdrawn = withdrawn };
  TrustKey *key;
  gsize payload_length;
  const char *payload_data;

  ms_sodium_ensure ();
  if (!open_wrapper (data, length, &entries, &header, &payload, &signature, &signing_input, error)
      || !(kid = check_header (header, error)))
    return NULL;
  if (!(key = g_hash_table_lookup (trust->keys, kid)))
    return fail (error, MS_BUNDLE_ERROR_KID, _("the key %s is not in the trust store"), kid);
  if (g_bytes_get_size (signature) != MS_ED25519_SIGNATURE_BYTES
      || !ms_ed25519_verify (key->public_key, signing_input->str, signing_input->len,
                             g_bytes_get_data (signature, NULL)))
    return fail (error, MS_BUNDLE_ERROR_SIGNATURE, _("the Ed25519 signature of key %s does not verify"), kid);

  payload_data = g_bytes_get_data (payload, &payload_length);
  if (!_ms_bundle_read_manifest (payload_data, payload_length, &m, error))
    return NULL;
  if (strcmp (key->issuer, m.issuer) != 0)
    return fail (error, MS_BUNDLE_ERROR_ISSUER, _("the key %s is bound to %s, not %s"), kid, key->issuer, m.issuer);
  if (m.created > now + MS_BUNDLE_CLOCK_SKEW)
    return fail (error, MS_BUNDLE_ERROR_NOT_YET_VALID, _("created %s is in the future"), m.created_text);
  if (m.expires <= now)
    return fail (error, MS_BUNDLE_ERROR_EXPIRED, _("expired on %s"), m.expires_text);
  sha256 = ms_sha256_hex (payload_data, payload_length);
  if (!check_state (state, &m, sha256, error)
      || !check_entry_set (entries.entries, &m, error)
      || !check_entries (&entries, &m, error))
    return NULL;

  verified = g_new0 (MsBundleVerified, 1);
  verified->issuer = g_strdup (m.issuer);
  verified->sequence = m.sequence;
  verified->manifest_sha256 = g_steal_pointer (&sha256);
  verified->kid = g_steal_pointer (&kid);
  verified->ids = g_ptr_array_new_full (entries.entries->len, g_free);
  if (entries.keep_nodes)
    verified->entries = g_ptr_array_new_full (entries.entries->len, (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < entries.entries->len; i++)
    {
      Entry *e = &g_array_index (entries.entries, Entry, i);

      g_ptr_array_add (verified->ids, g_steal_pointer (&e->id));
      if (entries.keep_nodes)
        g_ptr_array_add (verified->entries, g_steal_pointer (&e->node));
    }
  verified->withdrawn = g_ptr_array_new_full (withdrawn->len, g_free);
  for (guint i = 0; i < withdrawn->len; i++)
    g_ptr_array_add (verified->withdrawn, g_strdup (withdrawn->pdata[i]));
  return g_steal_pointer (&verified);
}

MsBundleVerified *
ms_bundle_verify_full (const char          *data,
                       gsize                length,
                       MsTrustStore        *trust,
                       JsonNode            *state,
                       gint64               now,
                       MsBundleVerifyFlags  flags,
                       GError             **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (trust != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return verify (data, length, trust, state, now, flags, NULL, error);
}

MsBundleVerified *
ms_bundle_verify_built (const char    *data,
                        gsize          length,
                        MsTrustStore  *trust,
                        JsonNode      *state,
                        gint64         now,
                        GPtrArray     *built,
                        GError       **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (trust != NULL && built != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return verify (data, length, trust, state, now, MS_BUNDLE_VERIFY_NONE, built, error);
}

MsBundleVerified *
ms_bundle_verify (const char    *data,
                  gsize          length,
                  MsTrustStore  *trust,
                  JsonNode      *state,
                  gint64         now,
                  GError       **error)
{
  return ms_bundle_verify_full (data, length, trust, state, now, MS_BUNDLE_VERIFY_KEEP_ENTRIES, error);
}
