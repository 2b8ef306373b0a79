/* ms-store-import.c — importing one file into a store, with its report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "ms-core-error.h"
#include "ms-json-reader.h"
#include "ms-parallel.h"
#include "ms-portal.h"
#include "ms-store-import.h"
#include "ms-text.h"

/* Reading a file of sheets on every core {{{1 */

/* A file of many sheets is one JSON list of objects: its elements are found
 * by a scan that only follows strings and brackets, then each is read on
 * its own, on every core, as ms_procedure_new_from_data reads a sheet —
 * the same strict reader with the same limits. Anything out of the
 * ordinary (not a list, an element that does not read, nesting near the
 * limit, more sheets than a file may hold) is left to
 * ms_procedure_list_from_file, whose report names each problem with its
 * place in the file. */

typedef struct {
  const char   *data;
  gsize        *starts;
  gsize        *lengths;
  MsJsonLimits  limits;
  MsProcedure **sheets;
  gint          failed;
} ParallelRead;

static const char *
skip_blank (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

/* The end of the value at @p (an object or a list; strings followed), or
 * NULL when it does not end or nests deeper than @max_depth. */
static const char *
scan_value (const char *p,
            const char *end,
            guint       max_depth)
{
  guint depth = 0;

  do
    {
      if (p >= end)
        return NULL;
      switch (*p++)
        {
        case '"':
          while (p < end && *p != '"')
            p += *p == '\\' ? 2 : 1;
          if (p >= end)
            return NULL;
          p++;
          break;
        case '{':
        case '[':
          if (++depth > max_depth)
            return NULL;
          break;
        case '}':
        case ']':
          if (depth == 0)
            return NULL;
          depth--;
          break;
        default:
          if (depth == 0)
            return NULL;   /* only objects and lists are scanned */
          break;
        }
    }
  while (depth > 0);
  return p;
}

static void
read_one (guint    index,
          gpointer user_data)
{
  ParallelRead *read = user_data;
  g_autoptr(JsonNode) node = NULL;

  if (g_atomic_int_get (&read->failed))
    return;
  node = ms_json_parse_full (read->data + read->starts[index], (gssize) read->lengths[index], &read->limits,
                             NULL, NULL, NULL);
  if (node == NULL || !(read->sheets[index] = ms_procedure_new_from_json (node, NULL)))
    g_atomic_int_set (&read->failed, TRUE);
}

/* The sheets of @path, or NULL: read it with ms_procedure_list_from_file. */
static GPtrArray *
read_sheets_parallel (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  ParallelRead read = { 0 };
  const char *data, *end, *p;
  GPtrArray *sheets;

  if (file == NULL || (data = g_mapped_file_get_contents (file)) == NULL)
    return NULL;
  end = data + g_mapped_file_get_length (file);
  p = skip_blank (data, end);
  if (p >= end || *p != '[')
    return NULL;
  for (p++;;)
    {
      const char *start = skip_blank (p, end);
      gsize offset = start - data, length;

      /* An element at the list's depth 1 may nest one level less. */
      if (start >= end || *start != '{' || !(p = scan_value (start, end, MS_STRICT_JSON_MAX_DEPTH - 2)))
        return NULL;
      length = p - start;
      g_array_append_val (starts, offset);
      g_array_append_val (lengths, length);
      if (starts->len > MS_MAX_FILE_SHEETS)
        return NULL;
      p = skip_blank (p, end);
      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p >= end || *p != ']' || skip_blank (p + 1, end) != end)
        return NULL;
      break;
    }

  read.data = data;
  read.starts = (gsize *) starts->data;
  read.lengths = (gsize *) lengths->data;
  /* As in the list: a sheet's own members count as an object's, not as the
   * file's list. */
  read.limits = *ms_procedure_json_limits ();
  read.limits.max_root_items = read.limits.max_items;
  read.sheets = g_new0 (MsProcedure *, starts->len);
  ms_parallel_for (starts->len, read_one, &read);

  sheets = g_ptr_array_new_full (starts->len, g_object_unref);
  for (guint i = 0; i < starts->len; i++)
    if (read.sheets[i] != NULL)
      g_ptr_array_add (sheets, read.sheets[i]);
  g_free (read.sheets);
  if (read.failed)
    g_clear_pointer (&sheets, g_ptr_array_unref);
  return sheets;
}

/* Reports {{{1 */

static MsImportLine *
line_new (const char       *file,
          MsImportLineKind  kind,
          const char       *message)
{
  MsImportLine *line = g_new0 (MsImportLine, 1);

  line->file = g_strdup (file);
  line->kind = kind;
  /* A message quotes the file (a delay written on two lines): one line. */
  line->message = ms_text_escape_controls (message);
  return line;
}

static MsImportLineKind
note_kind (MsPortalNoteKind kind)
{
  switch (kind)
    {
    case MS_PORTAL_NOTE_MAPPED: return MS_IMPORT_LINE_MAPPED;
    case MS_PORTAL_NOTE_CONFLICT: return MS_IMPORT_LINE_CONFLICT;
    case MS_PORTAL_NOTE_REFUSED: return MS_IMPORT_LINE_REFUSED;
    case MS_PORTAL_NOTE_NOT_MAPPED:
    default: return MS_IMPORT_LINE_NOT_MAPPED;
    }
}

static void
count_line (MsImportSummary    *summary,
            const MsImportLine *line)
{
  switch (line->kind)
    {
    case MS_IMPORT_LINE_CREATED: summary->created++; break;
    case MS_IMPORT_LINE_UPDATED: summary->updated++; break;
    case MS_IMPORT_LINE_UNCHANGED: summary->unchanged++; break;
    case MS_IMPORT_LINE_EDITED: summary->edited++; break;
    case MS_IMPORT_LINE_CONFLICT: summary->conflicts++; break;
    case MS_IMPORT_LINE_REFUSED: summary->refusals++; break;
    case MS_IMPORT_LINE_NOT_MAPPED: summary->not_mapped++; break;
    case MS_IMPORT_LINE_MAPPED:
    default: break;
    }
}

/* The lines of one imported sheet: its outcome, then its conflicts with the
 * catalog. */
static void
add_item_lines (GPtrArray           *lines,
                const char          *path,
                const MsImportEntry *entry,
                const MsImportItem  *item,
                const MsImportOptions *options)
{
  MsImportLine *line;

  if (item->outcome == MS_IMPORT_EDITED_SINCE_IMPORT || item->outcome == MS_IMPORT_DRAFTED)
    {
      g_autofree char *message = NULL;

      if (item->outcome == MS_IMPORT_DRAFTED)
        message = g_strdup_printf (_("sheet %s (%s) was edited in Masatir since its last import (revision %d, by %s at %s): "
                                     "left as it is; this import is in the new draft %s (%s)"),
                                   item->id, item->code != NULL ? item->code : "", (int) item->revision,
                                   item->edited_by, item->edited_at, item->draft_id, item->draft_code);
      else
        message = g_strdup_printf (_("sheet %s (%s) was edited in Masatir since its last import (revision %d, by %s at %s): "
                                     "left as it is; import with --into-draft to get this version as a new draft"),
                                   item->id, item->code != NULL ? item->code : "", (int) item->revision,
                                   item->edited_by, item->edited_at);
      line = line_new (path, MS_IMPORT_LINE_EDITED, message);
      line->record = g_strdup (entry->portal_id);
    }
  else
    line = line_new (path, item->outcome == MS_IMPORT_CREATED ? MS_IMPORT_LINE_CREATED
                           : item->outcome == MS_IMPORT_UPDATED ? MS_IMPORT_LINE_UPDATED
                           : MS_IMPORT_LINE_UNCHANGED, NULL);
  line->id = g_strdup (item->id);
  line->code = g_strdup (item->code);
  line->revision = item->revision;
  g_ptr_array_add (lines, line);

  for (guint c = 0; item->conflicts != NULL && c < item->conflicts->len; c++)
    {
      MsMergeConflict *conflict = g_ptr_array_index (item->conflicts, c);
      g_autofree char *message = NULL;

      if (options->prefer_incoming)
        message = g_strdup_printf (_("%s: the catalog had “%s”, portal procedure %s says “%s”; the record's value taken (--prefer incoming)"),
                                   conflict->path, conflict->current, entry->portal_id, conflict->incoming);
      else
        message = g_strdup_printf (_("%s: the catalog has “%s”, portal procedure %s says “%s”; the catalog's value kept "
                                     "(--prefer incoming takes the record's)"),
                                   conflict->path, conflict->current, entry->portal_id, conflict->incoming);
      line = line_new (path, MS_IMPORT_LINE_CONFLICT, message);
      line->id = g_strdup (item->id);
      line->code = g_strdup (item->code);
      line->revision = item->revision;
      line->record = g_strdup (entry->portal_id);
      line->field = g_strdup (conflict->path);
      line->value = g_strdup (conflict->incoming);
      g_ptr_array_add (lines, line);
    }
}

GPtrArray *
ms_store_import_file_full (MsStore               *store,
                           const char            *actor,
                           const char            *path,
                           MsImportFormat         format,
                           const MsImportOptions *options,
                           MsImportSummary       *summary,
                           GPtrArray            **refusals,
                           GError               **error)
{
  static const MsImportOptions defaults = { FALSE, FALSE, FALSE };
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) procedures = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_portal_note_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_line_free);
  g_autoptr(GError) local_error = NULL;
  guint n_records = 0;

  g_return_val_if_fail (MS_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (refusals != NULL)
    *refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_import_line_free);

  if (format == MS_IMPORT_FORMAT_PORTAL)
    procedures = ms_portal_read_file (path, options->prefer_incoming, notes, &local_error);
  else if (!(sheets = read_sheets_parallel (path)))
    sheets = ms_procedure_list_from_file (path, &problems, &local_error);
  if (procedures == NULL && sheets == NULL)
    {
      if (refusals != NULL && !g_error_matches (local_error, MS_CORE_ERROR, MS_CORE_ERROR_IO))
        {
          if (problems == NULL || problems->len == 0)
            g_ptr_array_add (*refusals, line_new (path, MS_IMPORT_LINE_REFUSED, local_error->message));
          for (guint p = 0; problems != NULL && p < problems->len; p++)
            g_ptr_array_add (*refusals, line_new (path, MS_IMPORT_LINE_REFUSED, g_ptr_array_index (problems, p)));
          if (summary != NULL)
            summary->refusals += (*refusals)->len;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; procedures != NULL && i < procedures->len; i++)
    {
      MsPortalProcedure *p = g_ptr_array_index (procedures, i);
      MsImportEntry *entry = g_new0 (MsImportEntry, 1);

      entry->sheet = p->sheet;
      entry->portal_id = p->portal_id;
      entry->records_sha256 = p->records_sha256;
      n_records += p->n_records;
      g_ptr_array_add (entries, entry);
    }
  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      MsImportEntry *entry = g_new0 (MsImportEntry, 1);

      entry->sheet = g_ptr_array_index (sheets, i);
      n_records++;
      g_ptr_array_add (entries, entry);
    }
  if (!(items = ms_store_import_entries (store, actor, entries, options, error)))
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      add_item_lines (lines, path, g_ptr_array_index (entries, i), g_ptr_array_index (items, i), options);
    }
  /* The mapping's notes come after the outcomes, in the file's order; a
   * catalog conflict is listed with its sheet. */
  for (guint i = 0; i < notes->len; i++)
    {
      MsPortalNote *n = g_ptr_array_index (notes, i);
      g_autofree char *message = ms_portal_note_to_line (n);
      MsImportLine *line = line_new (path, note_kind (n->kind), message);

      line->id = g_strdup (n->sheet);
      line->record = g_strdup (n->record);
      line->field = g_strdup (n->field);
      line->value = g_strdup (n->value);
      g_ptr_array_add (lines, line);
    }
  if (summary != NULL)
    {
      summary->records += n_records;
      for (guint i = 0; i < lines->len; i++)
        count_line (summary, g_ptr_array_index (lines, i));
      for (guint i = 0; i < items->len; i++)
        if (((MsImportItem *) g_ptr_array_index (items, i))->outcome == MS_IMPORT_DRAFTED)
          summary->drafted++;
    }
  return g_steal_pointer (&lines);
}

GPtrArray *
ms_store_import_file (MsStore         *store,
                      const char      *actor,
                      const char      *path,
                      MsImportFormat   format,
                      GPtrArray      **refusals,
                      GError         **error)
{
  return ms_store_import_file_full (store, actor, path, format, NULL, NULL, refusals, error);
}

gboolean
ms_import_line_is_outcome (const MsImportLine *line)
{
  return line != NULL && (line->kind == MS_IMPORT_LINE_CREATED || line->kind == MS_IMPORT_LINE_UPDATED
                          || line->kind == MS_IMPORT_LINE_UNCHANGED);
}

const char *
ms_import_line_kind_to_label (MsImportLineKind kind)
{
  switch (kind)
    {
    case MS_IMPORT_LINE_CREATED: return _("created");
    case MS_IMPORT_LINE_UPDATED: return _("updated");
    case MS_IMPORT_LINE_UNCHANGED: return _("unchanged");
    case MS_IMPORT_LINE_NOT_MAPPED: return _("not mapped");
    case MS_IMPORT_LINE_REFUSED: return _("refused");
    case MS_IMPORT_LINE_MAPPED: return _("mapped");
    case MS_IMPORT_LINE_CONFLICT: return _("conflict");
    case MS_IMPORT_LINE_EDITED: return _("edited since import");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
ms_import_line_kind_to_nick (MsImportLineKind kind)
{
  switch (kind)
    {
    case MS_IMPORT_LINE_CREATED: return "created";
    case MS_IMPORT_LINE_UPDATED: return "updated";
    case MS_IMPORT_LINE_UNCHANGED: return "unchanged";
    case MS_IMPORT_LINE_NOT_MAPPED: return "not-mapped";
    case MS_IMPORT_LINE_REFUSED: return "refused";
    case MS_IMPORT_LINE_MAPPED: return "mapped";
    case MS_IMPORT_LINE_CONFLICT: return "conflict";
    case MS_IMPORT_LINE_EDITED: return "edited-since-import";
    default: g_return_val_if_reached (NULL);
    }
}

void
ms_import_line_free (MsImportLine *line)
{
  if (line == NULL)
    return;
  g_free (line->file);
  g_free (line->id);
  g_free (line->code);
  g_free (line->message);
  g_free (line->record);
  g_free (line->field);
  g_free (line->value);
  g_free (line);
}
