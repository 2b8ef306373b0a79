/* ms-path-label.c — the sheet's JSON paths and members as people name them
 *
 * One table per object of design.md §2, in schema order: a member added to
 * the format without a caption shows up as its raw name in the issue list,
 * and test-procedure's coverage test fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-path-label"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-localized.h"
#include "ms-path-label.h"

/* Every caption shares one context: "Date" or "Title" as a field of the
 * sheet may not be what the same word means elsewhere in the UI. */
#define FIELD_CONTEXT "sheet field"

typedef enum {
  FIELD_PLAIN,            /* a string, number, boolean or enum */
  FIELD_LOCALIZED,        /* members are language codes */
  FIELD_OBJECT,           /* members in children */
  FIELD_LIST,             /* items are plain values */
  FIELD_LOCALIZED_LIST,   /* items are localized texts */
  FIELD_OBJECT_LIST,      /* items are objects, members in children */
} FieldKind;

typedef struct _Field Field;
struct _Field
{
  const char  *member;
  const char  *label;     /* NC_ (FIELD_CONTEXT) */
  FieldKind    kind;
  const char  *item;      /* lists: NC_ (FIELD_CONTEXT) with a %u from 1 */
  const Field *children;
};

static const Field document_fields[] = {
  { "id", NC_("sheet field", "Identifier"), FIELD_PLAIN, NULL, NULL },
  { "name", NC_("sheet field", "Name"), FIELD_LOCALIZED, NULL, NULL },
  { "section", NC_("sheet field", "Section"), FIELD_LOCALIZED, NULL, NULL },
  { "copies", NC_("sheet field", "Copies"), FIELD_PLAIN, NULL, NULL },
  { "provided_by", NC_("sheet field", "Provided by"), FIELD_PLAIN, NULL, NULL },
  { "issuer", NC_("sheet field", "Issuer"), FIELD_PLAIN, NULL, NULL },
  { "issuer_name", NC_("sheet field", "Issuing administration"), FIELD_LOCALIZED, NULL, NULL },
  { "certified", NC_("sheet field", "Certified copy"), FIELD_PLAIN, NULL, NULL },
  { "sworn_statement_allowed", NC_("sheet field", "Sworn statement allowed"), FIELD_PLAIN, NULL, NULL },
  { "linked_procedure", NC_("sheet field", "Procedure that delivers it"), FIELD_PLAIN, NULL, NULL },
  { "legal_basis", NC_("sheet field", "Legal references"), FIELD_LIST,
    /* TRANSLATORS: the n-th legal reference a document or a fee cites; %u counts from 1 */
    NC_("sheet field", "Cited reference %u"), NULL },
  { "condition", NC_("sheet field", "Condition"), FIELD_LOCALIZED, NULL, NULL },
  { NULL }
};

static const Field form_fields[] = {
  { "title", NC_("sheet field", "Title"), FIELD_LOCALIZED, NULL, NULL },
  { "url", NC_("sheet field", "Web address"), FIELD_PLAIN, NULL, NULL },
  { NULL }
};

static const Field step_fields[] = {
  { "id", NC_("sheet field", "Identifier"), FIELD_PLAIN, NULL, NULL },
  { "title", NC_("sheet field", "Title"), FIELD_LOCALIZED, NULL, NULL },
  { "actor", NC_("sheet field", "Who acts"), FIELD_PLAIN, NULL, NULL },
  { "days", NC_("sheet field", "Duration (days)"), FIELD_PLAIN, NULL, NULL },
  { NULL }
};

static const Field fee_fields[] = {
  { "id", NC_("sheet field", "Identifier"), FIELD_PLAIN, NULL, NULL },
  { "label", NC_("sheet field", "Label"), FIELD_LOCALIZED, NULL, NULL },
  { "amount_centimes", NC_("sheet field", "Amount (dirhams)"), FIELD_PLAIN, NULL, NULL },
  { "per_unit", NC_("sheet field", "Charged per"), FIELD_LOCALIZED, NULL, NULL },
  { "legal_basis", NC_("sheet field", "Legal references"), FIELD_LIST,
    /* TRANSLATORS: the n-th legal reference a document or a fee cites; %u counts from 1 */
    NC_("sheet field", "Cited reference %u"), NULL },
  { NULL }
};

static const Field channel_fields[] = {
  { "kind", NC_("sheet field", "Kind of channel"), FIELD_PLAIN, NULL, NULL },
  { "url", NC_("sheet field", "Web address"), FIELD_PLAIN, NULL, NULL },
  { "where", NC_("sheet field", "Where"), FIELD_LOCALIZED, NULL, NULL },
  { NULL }
};

static const Field legal_ref_fields[] = {
  { "id", NC_("sheet field", "Identifier"), FIELD_PLAIN, NULL, NULL },
  { "kind", NC_("sheet field", "Kind of text"), FIELD_PLAIN, NULL, NULL },
  { "number", NC_("sheet field", "Number"), FIELD_PLAIN, NULL, NULL },
  { "date", NC_("sheet field", "Date"), FIELD_PLAIN, NULL, NULL },
  { "title", NC_("sheet field", "Title"), FIELD_LOCALIZED, NULL, NULL },
  { "bulletin", NC_("sheet field", "Official bulletin"), FIELD_PLAIN, NULL, NULL },
  { "articles", NC_("sheet field", "Articles"), FIELD_PLAIN, NULL, NULL },
  { NULL }
};

static const Field output_fields[] = {
  { "name", NC_("sheet field", "Name"), FIELD_LOCALIZED, NULL, NULL },
  { "validity_days", NC_("sheet field", "Validity (days)"), FIELD_PLAIN, NULL, NULL },
  { NULL }
};

static const Field extension_fields[] = {
  { "allowed", NC_("sheet field", "Extension allowed"), FIELD_PLAIN, NULL, NULL },
  { "reason", NC_("sheet field", "Reason"), FIELD_PLAIN, NULL, NULL },
  { "conditions", NC_("sheet field", "Conditions"), FIELD_LOCALIZED, NULL, NULL },
  { NULL }
};

static const Field appeal_fields[] = {
  { "authority", NC_("sheet field", "Appeal authority"), FIELD_LOCALIZED, NULL, NULL },
  { "text", NC_("sheet field", "How to appeal"), FIELD_LOCALIZED, NULL, NULL },
  { NULL }
};

static const Field approval_fields[] = {
  { "body", NC_("sheet field", "Approving body"), FIELD_PLAIN, NULL, NULL },
  { "reference", NC_("sheet field", "Reference"), FIELD_PLAIN, NULL, NULL },
  { "date", NC_("sheet field", "Date"), FIELD_PLAIN, NULL, NULL },
  { NULL }
};

static const Field contact_fields[] = {
  { "phone", NC_("sheet field", "Phone"), FIELD_PLAIN, NULL, NULL },
  { "email", NC_("sheet field", "Email"), FIELD_PLAIN, NULL, NULL },
  { "url", NC_("sheet field", "Website"), FIELD_PLAIN, NULL, NULL },
  { NULL }
};

static const Field sheet_fields[] = {
  { "id", NC_("sheet field", "Identifier"), FIELD_PLAIN, NULL, NULL },
  { "code", NC_("sheet field", "Reference code"), FIELD_PLAIN, NULL, NULL },
  { "title", NC_("sheet field", "Title"), FIELD_LOCALIZED, NULL, NULL },
  { "summary", NC_("sheet field", "Summary"), FIELD_LOCALIZED, NULL, NULL },
  { "act_kind", NC_("sheet field", "Kind of act"), FIELD_PLAIN, NULL, NULL },
  { "audiences", NC_("sheet field", "Audiences"), FIELD_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Audience %u"), NULL },
  { "life_events", NC_("sheet field", "Life events"), FIELD_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Life event %u"), NULL },
  { "themes", NC_("sheet field", "Themes"), FIELD_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Theme %u"), NULL },
  { "administration", NC_("sheet field", "Administration in charge"), FIELD_PLAIN, NULL, NULL },
  { "admin_level", NC_("sheet field", "Administrative level"), FIELD_PLAIN, NULL, NULL },
  { "receiving", NC_("sheet field", "Receiving services"), FIELD_LOCALIZED_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Receiving service %u"), NULL },
  { "delivering", NC_("sheet field", "Delivering services"), FIELD_LOCALIZED_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Delivering service %u"), NULL },
  { "output", NC_("sheet field", "Act obtained"), FIELD_OBJECT, NULL, output_fields },
  { "conditions", NC_("sheet field", "Conditions"), FIELD_LOCALIZED_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Condition %u"), NULL },
  { "documents", NC_("sheet field", "Documents"), FIELD_OBJECT_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Document %u"), document_fields },
  { "forms", NC_("sheet field", "Forms"), FIELD_OBJECT_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Form %u"), form_fields },
  { "steps", NC_("sheet field", "Steps"), FIELD_OBJECT_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Step %u"), step_fields },
  { "deadline_days", NC_("sheet field", "Answer deadline (days)"), FIELD_PLAIN, NULL, NULL },
  { "deadline_working_days", NC_("sheet field", "Deadline in working days"), FIELD_PLAIN, NULL, NULL },
  { "investment_act", NC_("sheet field", "Needed for an investment project"), FIELD_PLAIN, NULL, NULL },
  { "extension", NC_("sheet field", "Extension of the deadline"), FIELD_OBJECT, NULL, extension_fields },
  { "silence_is_acceptance", NC_("sheet field", "Silence means acceptance"), FIELD_PLAIN, NULL, NULL },
  { "silence_decree", NC_("sheet field", "Decree on silence"), FIELD_PLAIN, NULL, NULL },
  { "complement_step", NC_("sheet field", "Complementary information asked"), FIELD_PLAIN, NULL, NULL },
  { "fees", NC_("sheet field", "Fees"), FIELD_OBJECT_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Fee %u"), fee_fields },
  { "channels", NC_("sheet field", "Channels"), FIELD_OBJECT_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Channel %u"), channel_fields },
  { "legal_basis", NC_("sheet field", "Legal references"), FIELD_OBJECT_LIST,
    /* TRANSLATORS: %u is the position in the list, from 1 */
    NC_("sheet field", "Legal reference %u"), legal_ref_fields },
  { "appeal", NC_("sheet field", "Appeal"), FIELD_OBJECT, NULL, appeal_fields },
  { "approval_decision", NC_("sheet field", "Approval decision"), FIELD_OBJECT, NULL, approval_fields },
  { "contact", NC_("sheet field", "Contact"), FIELD_OBJECT, NULL, contact_fields },
  { "effective_date", NC_("sheet field", "In force since"), FIELD_PLAIN, NULL, NULL },
  { "review_due", NC_("sheet field", "Review due"), FIELD_PLAIN, NULL, NULL },
  { "revision", NC_("sheet field", "Revision"), FIELD_PLAIN, NULL, NULL },
  { "published", NC_("sheet field", "Published on"), FIELD_PLAIN, NULL, NULL },
  { NULL }
};

static const Field *
find_field (const Field *table,
            const char  *member,
            gsize        length)
{
  for (guint i = 0; table != NULL && table[i].member != NULL; i++)
    if (strlen (table[i].member) == length && strncmp (table[i].member, member, length) == 0)
      return &table[i];
  return NULL;
}

static const char *
translate (const char *label)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, FIELD_CONTEXT, label);
}

const char *
ms_field_label_in (const char *parent,
                   const char *member)
{
  const Field *table = sheet_fields;
  const Field *field;

  g_return_val_if_fail (member != NULL, NULL);

  if (parent != NULL)
    {
      const Field *p = find_field (sheet_fields, parent, strlen (parent));

      if (p == NULL || p->children == NULL)
        return NULL;
      table = p->children;
    }
  field = find_field (table, member, strlen (member));
  return field != NULL ? translate (field->label) : NULL;
}

const char *
ms_field_label (const char *member)
{
  const char *label;

  g_return_val_if_fail (member != NULL, NULL);

  if ((label = ms_field_label_in (NULL, member)) != NULL)
    return label;
  for (guint i = 0; sheet_fields[i].member != NULL; i++)
    if (sheet_fields[i].children != NULL
        && (label = ms_field_label_in (sheet_fields[i].member, member)) != NULL)
      return label;
  return NULL;
}

/* Where the walk along a path is: in a table of members, in a localized
 * text (members are languages), in a plain value (nothing inside), or lost
 * past a member no table describes. */
typedef struct {
  const Field *table;
  gboolean     localized;
  gboolean     lost;
} Place;

/* "name" or "name[index]", the index at most 9 digits so that it and its
 * 1-based form fit a guint; anything else is not a segment of a path. */
static gboolean
split_segment (const char *segment,
               gsize       length,
               gsize      *name_length,
               gboolean   *has_index,
               guint      *index)
{
  const char *bracket = memchr (segment, '[', length);
  gsize digits;

  *has_index = bracket != NULL;
  *name_length = bracket != NULL ? (gsize) (bracket - segment) : length;
  if (*name_length == 0 || memchr (segment, ']', *name_length) != NULL)
    return FALSE;
  if (bracket == NULL)
    return TRUE;
  if (length < *name_length + 3 || segment[length - 1] != ']')
    return FALSE;
  digits = length - *name_length - 2;
  if (digits > 9)
    return FALSE;
  for (gsize i = 0; i < digits; i++)
    if (!g_ascii_isdigit (bracket[1 + i]))
      return FALSE;
  *index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
  return TRUE;
}

/* The label of one segment, and where the next one is read. */
static char *
segment_label (Place      *place,
               const char *segment,
               gsize       length)
{
  gsize name_length;
  gboolean has_index;
  guint index = 0;
  const Field *field;
  MsLang lang;
  g_autofree char *name = NULL;

  if (!split_segment (segment, length, &name_length, &has_index, &index))
    {
      *place = (Place) { NULL, FALSE, TRUE };
      return g_strndup (segment, length);
    }
  name = g_strndup (segment, name_length);

  /* A language code ends a path; after an unknown member too, since a
   * localized text is the likeliest thing there. */
  if (!has_index && (place->localized || place->lost) && ms_lang_from_code (name, &lang))
    {
      *place = (Place) { NULL, FALSE, FALSE };
      return g_strdup (ms_lang_to_label (lang));
    }

  if (place->localized || !(field = find_field (place->table, name, name_length)))
    {
      *place = (Place) { NULL, FALSE, TRUE };
      return g_strndup (segment, length);
    }

  if (!has_index)
    {
      /* "documents.copies" names no document, but still a member of one. */
      *place = (Place) { field->children, field->kind == FIELD_LOCALIZED, FALSE };
      return g_strdup (translate (field->label));
    }
  if (field->item == NULL)
    {
      /* An index on a member that is no list: say which member, keep the
       * index as written. */
      *place = (Place) { NULL, FALSE, TRUE };
      return g_strdup_printf ("%s %.*s", translate (field->label),
                              (int) (length - name_length), segment + name_length);
    }
  *place = (Place) { field->kind == FIELD_OBJECT_LIST ? field->children : NULL,
                     field->kind == FIELD_LOCALIZED_LIST, FALSE };
  /* The label's format is one of the item strings of the tables above. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (translate (field->item), index + 1);
#pragma GCC diagnostic pop
}

char *
ms_path_to_label (const char *path)
{
  /* TRANSLATORS: between the parts of a place in a sheet, "Document 2 ›
   * Copies"; a right-to-left language may prefer " ‹ " */
  const char *separator = C_("path separator", " › ");
  g_autoptr(GString) label = g_string_new (NULL);
  Place place = { sheet_fields, FALSE, FALSE };
  const char *p;

  g_return_val_if_fail (path != NULL, NULL);

  p = path;
  while (*p != '\0')
    {
      gsize length = strcspn (p, ".");

      /* "a..b" or a leading or trailing dot: nothing to name there. */
      if (length > 0)
        {
          g_autofree char *part = segment_label (&place, p, length);

          if (label->len > 0)
            g_string_append (label, separator);
          g_string_append (label, part);
        }
      p += length;
      if (*p == '.')
        p++;
    }
  if (label->len == 0)
    /* TRANSLATORS: the place of a problem that concerns the sheet as a whole */
    return g_strdup (C_("sheet field", "Whole sheet"));
  return g_string_free (g_steal_pointer (&label), FALSE);
}
