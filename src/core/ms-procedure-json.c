/* ms-procedure-json.c — the sheet's JSON form (data/schema/procedure.schema.json)
 *
 * The reader applies exactly the constraints of the JSON Schema (tests check
 * that both agree) and reports every problem with its JSON path; the writer
 * emits members in the schema's order, so saved files are stable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-procedure"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-input.h"
#include "ms-json-reader.h"
#include "ms-procedure.h"

/* Reading {{{1 */

typedef gpointer (*ItemReader) (MsJsonReader *r,
                                JsonNode     *node);

static gboolean
is_uuid (const char *s)
{
  static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (strlen (s) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '-' ? s[i] != '-' : !(g_ascii_isdigit (s[i]) || (s[i] >= 'a' && s[i] <= 'f')))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_item_id (const char *s)
{
  gsize n = strlen (s);

  if (n < 1 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '_' && s[i] != '-')
      return FALSE;
  return TRUE;
}

/* ^[a-z0-9]+(-[a-z0-9]+)*$ */
static gboolean
is_code (const char *s)
{
  gsize n = strlen (s);

  if (n < 1 || n > 64 || s[0] == '-' || s[n - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == '-' ? s[i + 1] == '-' : !(g_ascii_isdigit (s[i]) || (s[i] >= 'a' && s[i] <= 'z')))
        return FALSE;
    }
  return TRUE;
}

typedef enum {
  STRING_PLAIN,
  STRING_UUID,
  STRING_ITEM_ID,
  STRING_CODE,
  STRING_DATE,
} StringKind;

/* What each kind of string must look like, and what to say when it does not. */
static const struct {
  gboolean   (*check) (const char *s);
  const char  *message;
} string_checks[] = {
  [STRING_PLAIN] = { NULL, NULL },
  [STRING_UUID] = { is_uuid, N_("expected a lowercase UUID such as 0f8e4c2a-6d1b-4f3e-9a57-2c1d8b9e7a10") },
  [STRING_ITEM_ID] = { is_item_id, N_("an id has 1 to 64 letters, digits, “-” or “_”") },
  [STRING_CODE] = { is_code, N_("expected a code of lowercase letters, digits and single hyphens") },
  [STRING_DATE] = { ms_date_is_valid, N_("expected a date written YYYY-MM-DD") },
};

G_STATIC_ASSERT ((int) STRING_UUID == (int) MS_SHEET_STRING_UUID
                 && (int) STRING_ITEM_ID == (int) MS_SHEET_STRING_ITEM_ID
                 && (int) STRING_CODE == (int) MS_SHEET_STRING_CODE
                 && (int) STRING_DATE == (int) MS_SHEET_STRING_DATE);

const char *
ms_sheet_string_problem (MsSheetString  kind,
                         const char    *s)
{
  g_return_val_if_fail (kind <= MS_SHEET_STRING_DATE && s != NULL, NULL);

  if (string_checks[kind].check == NULL || string_checks[kind].check (s))
    return NULL;
  return _(string_checks[kind].message);
}

static char *
read_checked_string (MsJsonReader *r,
                     JsonNode     *node,
                     StringKind    kind,
                     guint         max_chars)
{
  g_autofree char *value = ms_json_reader_string (r, node, 1, max_chars);

  if (value == NULL)
    return NULL;
  if (string_checks[kind].check != NULL && !string_checks[kind].check (value))
    {
      ms_json_reader_problem (r, "%s", _(string_checks[kind].message));
      return NULL;
    }
  return g_steal_pointer (&value);
}

static gpointer
read_item_id (MsJsonReader *r,
              JsonNode     *node)
{
  return read_checked_string (r, node, STRING_ITEM_ID, 64);
}

static gpointer
read_code (MsJsonReader *r,
           JsonNode     *node)
{
  return read_checked_string (r, node, STRING_CODE, 64);
}

static gpointer
read_localized_item (MsJsonReader *r,
                     JsonNode     *node)
{
  return ms_json_reader_localized (r, node);
}

/* Each opt_* helper reads @name of @object if present, recording problems
 * under its path; absent members leave the field as it is (unset). */
static JsonNode *
enter (MsJsonReader *r,
       JsonObject   *object,
       const char   *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL)
    ms_json_reader_push_member (r, name);
  return node;
}

static void
opt_string (MsJsonReader *r,
            JsonObject   *object,
            const char   *name,
            StringKind    kind,
            guint         max_chars,
            char        **field)
{
  JsonNode *node;

  if (!(node = enter (r, object, name)))
    return;
  *field = read_checked_string (r, node, kind, max_chars);
  ms_json_reader_pop (r);
}

static void
opt_int (MsJsonReader *r,
         JsonObject   *object,
         const char   *name,
         gint64        min,
         gint64        max,
         gint64       *field)
{
  JsonNode *node;

  if (!(node = enter (r, object, name)))
    return;
  ms_json_reader_int (r, node, min, max, field);
  ms_json_reader_pop (r);
}

static void
opt_bool (MsJsonReader *r,
          JsonObject   *object,
          const char   *name,
          MsBool       *field)
{
  JsonNode *node;
  gboolean value;

  if (!(node = enter (r, object, name)))
    return;
  if (ms_json_reader_bool (r, node, &value))
    *field = value ? MS_BOOL_TRUE : MS_BOOL_FALSE;
  ms_json_reader_pop (r);
}

static int
read_enum (MsJsonReader *r,
           JsonNode     *node,
           MsEnumType    type)
{
  g_autofree char *nick = ms_json_reader_string (r, node, 1, 64);
  int value;

  if (nick == NULL)
    return 0;
  if ((value = ms_enum_from_nick (type, nick)) == 0)
    {
      g_autoptr(GString) allowed = g_string_new (NULL);

      for (int i = 1; ms_enum_to_nick (type, i) != NULL; i++)
        g_string_append_printf (allowed, "%s%s", i > 1 ? ", " : "", ms_enum_to_nick (type, i));
      ms_json_reader_problem (r, _("“%s” is not one of: %s"), nick, allowed->str);
    }
  return value;
}

static void
opt_enum (MsJsonReader *r,
          JsonObject   *object,
          const char   *name,
          MsEnumType    type,
          int          *field)
{
  JsonNode *node;

  if (!(node = enter (r, object, name)))
    return;
  *field = read_enum (r, node, type);
  ms_json_reader_pop (r);
}

static void
opt_localized (MsJsonReader  *r,
               JsonObject    *object,
               const char    *name,
               MsLocalized  **field)
{
  JsonNode *node;

  if (!(node = enter (r, object, name)))
    return;
  *field = ms_json_reader_localized (r, node);
  ms_json_reader_pop (r);
}

static GPtrArray *
read_list (MsJsonReader   *r,
           JsonNode       *node,
           guint           max_items,
           ItemReader      read_item,
           GDestroyNotify  free_item)
{
  g_autoptr(GPtrArray) list = NULL;
  JsonArray *array;
  guint n;

  if (!(array = ms_json_reader_array (r, node, max_items)))
    return NULL;

  n = json_array_get_length (array);
  list = g_ptr_array_new_full (n, free_item);
  for (guint i = 0; i < n; i++)
    {
      gpointer item;

      ms_json_reader_push_index (r, i);
      if ((item = read_item (r, json_array_get_element (array, i))) != NULL)
        g_ptr_array_add (list, item);
      ms_json_reader_pop (r);
    }
  return g_steal_pointer (&list);
}

static void
opt_list (MsJsonReader   *r,
          JsonObject     *object,
          const char     *name,
          guint           max_items,
          ItemReader      read_item,
          GDestroyNotify  free_item,
          GPtrArray     **field)
{
  JsonNode *node;

  if (!(node = enter (r, object, name)))
    return;
  *field = read_list (r, node, max_items, read_item, free_item);
  ms_json_reader_pop (r);
}

#define ALLOWED(...) ((const char * const[]) { __VA_ARGS__, NULL })

static gpointer
read_document (MsJsonReader *r,
               JsonNode     *node)
{
  JsonObject *o = ms_json_reader_object (r, node,
                                         ALLOWED ("id", "name", "section", "copies", "provided_by",
                                                  "issuer", "issuer_name", "certified",
                                                  "sworn_statement_allowed", "linked_procedure",
                                                  "legal_basis", "condition"));
  MsDocument *doc;

  if (o == NULL)
    return NULL;

  doc = g_new0 (MsDocument, 1);
  doc->copies = -1;
  if (!json_object_has_member (o, "id"))
    ms_json_reader_problem (r, _("the required member “%s” is missing"), "id");
  opt_string (r, o, "id", STRING_ITEM_ID, 64, &doc->id);
  opt_localized (r, o, "name", &doc->name);
  opt_localized (r, o, "section", &doc->section);
  opt_int (r, o, "copies", 1, 100, &doc->copies);
  opt_enum (r, o, "provided_by", MS_ENUM_PROVIDER, (int *) &doc->provided_by);
  opt_enum (r, o, "issuer", MS_ENUM_ISSUER, (int *) &doc->issuer);
  opt_localized (r, o, "issuer_name", &doc->issuer_name);
  opt_bool (r, o, "certified", &doc->certified);
  opt_bool (r, o, "sworn_statement_allowed", &doc->sworn_statement_allowed);
  opt_string (r, o, "linked_procedure", STRING_UUID, 36, &doc->linked_procedure);
  opt_list (r, o, "legal_basis", MS_MAX_LIST_ITEMS, read_item_id, g_free, &doc->legal_basis);
  opt_localized (r, o, "condition", &doc->condition);
  return doc;
}

static gpointer
read_form (MsJsonReader *r,
           JsonNode     *node)
{
  JsonObject *o = ms_json_reader_object (r, node, ALLOWED ("title", "url"));
  MsForm *form;

  if (o == NULL)
    return NULL;
  form = g_new0 (MsForm, 1);
  opt_localized (r, o, "title", &form->title);
  opt_string (r, o, "url", STRING_PLAIN, MS_MAX_URL_CHARS, &form->url);
  return form;
}

static gpointer
read_step (MsJsonReader *r,
           JsonNode     *node)
{
  JsonObject *o = ms_json_reader_object (r, node, ALLOWED ("id", "title", "actor", "days"));
  MsStep *step;

  if (o == NULL)
    return NULL;
  step = g_new0 (MsStep, 1);
  step->days = -1;
  if (!json_object_has_member (o, "id"))
    ms_json_reader_problem (r, _("the required member “%s” is missing"), "id");
  opt_string (r, o, "id", STRING_ITEM_ID, 64, &step->id);
  opt_localized (r, o, "title", &step->title);
  opt_enum (r, o, "actor", MS_ENUM_ACTOR, (int *) &step->actor);
  opt_int (r, o, "days", 0, 3650, &step->days);
  return step;
}

static gpointer
read_fee (MsJsonReader *r,
          JsonNode     *node)
{
  JsonObject *o = ms_json_reader_object (r, node,
                                         ALLOWED ("id", "label", "amount_centimes", "per_unit", "legal_basis"));
  MsFee *fee;

  if (o == NULL)
    return NULL;
  fee = g_new0 (MsFee, 1);
  fee->amount_centimes = -1;
  if (!json_object_has_member (o, "id"))
    ms_json_reader_problem (r, _("the required member “%s” is missing"), "id");
  opt_string (r, o, "id", STRING_ITEM_ID, 64, &fee->id);
  opt_localized (r, o, "label", &fee->label);
  opt_int (r, o, "amount_centimes", 0, MS_MAX_AMOUNT_CENTIMES, &fee->amount_centimes);
  opt_localized (r, o, "per_unit", &fee->per_unit);
  opt_list (r, o, "legal_basis", MS_MAX_LIST_ITEMS, read_item_id, g_free, &fee->legal_basis);
  return fee;
}

static gpointer
read_channel (MsJsonReader *r,
              JsonNode     *node)
{
  JsonObject *o = ms_json_reader_object (r, node, ALLOWED ("kind", "url", "where"));
  MsChannel *channel;

  if (o == NULL)
    return NULL;
  channel = g_new0 (MsChannel, 1);
  if (!json_object_has_member (o, "kind"))
    ms_json_reader_problem (r, _("the required member “%s” is missing"), "kind");
  opt_enum (r, o, "kind", MS_ENUM_CHANNEL_KIND, (int *) &channel->kind);
  opt_string (r, o, "url", STRING_PLAIN, MS_MAX_URL_CHARS, &channel->url);
  opt_localized (r, o, "where", &channel->where);
  return channel;
}

static gpointer
read_legal_ref (MsJsonReader *r,
                JsonNode     *node)
{
  JsonObject *o = ms_json_reader_object (r, node,
                                         ALLOWED ("id", "kind", "number", "date", "title",
                                                  "bulletin", "articles"));
  MsLegalRef *ref;

  if (o == NULL)
    return NULL;
  ref = g_new0 (MsLegalRef, 1);
  if (!json_object_has_member (o, "id"))
    ms_json_reader_problem (r, _("the required member “%s” is missing"), "id");
  opt_string (r, o, "id", STRING_ITEM_ID, 64, &ref->id);
  opt_enum (r, o, "kind", MS_ENUM_LEGAL_KIND, (int *) &ref->kind);
  opt_string (r, o, "number", STRING_PLAIN, MS_MAX_SHORT_CHARS, &ref->number);
  opt_string (r, o, "date", STRING_DATE, 10, &ref->date);
  opt_localized (r, o, "title", &ref->title);
  opt_string (r, o, "bulletin", STRING_PLAIN, MS_MAX_SHORT_CHARS, &ref->bulletin);
  opt_string (r, o, "articles", STRING_PLAIN, MS_MAX_SHORT_CHARS, &ref->articles);
  return ref;
}

/* The single-object members: each reads into a fresh struct. */
static JsonObject *
enter_object (MsJsonReader       *r,
              JsonObject         *object,
              const char         *name,
              const char * const *allowed)
{
  JsonNode *node;
  JsonObject *o;

  if (!(node = enter (r, object, name)))
    return NULL;
  if (!(o = ms_json_reader_object (r, node, allowed)))
    ms_json_reader_pop (r);
  return o;
}

static void
read_audiences (MsJsonReader *r,
                JsonObject   *object,
                GArray      **field)
{
  JsonNode *node;
  JsonArray *array;

  if (!(node = enter (r, object, "audiences")))
    return;
  if ((array = ms_json_reader_array (r, node, 3)) != NULL)
    {
      *field = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          int value;

          ms_json_reader_push_index (r, i);
          if ((value = read_enum (r, json_array_get_element (array, i), MS_ENUM_AUDIENCE)) != 0)
            g_array_append_val (*field, value);
          ms_json_reader_pop (r);
        }
    }
  ms_json_reader_pop (r);
}

static const char * const procedure_members[] = {
  "id", "code", "title", "summary", "act_kind", "audiences", "life_events", "themes",
  "administration", "admin_level", "receiving", "delivering", "output", "conditions",
  "documents", "forms", "steps", "deadline_days", "deadline_working_days", "investment_act", "extension",
  "silence_is_acceptance", "silence_decree", "complement_step", "fees", "channels",
  "legal_basis", "appeal", "approval_decision", "contact", "effective_date", "review_due",
  "revision", "published", NULL
};

const char * const *
ms_procedure_get_members (void)
{
  return procedure_members;
}

static MsProcedure *
read_procedure (MsJsonReader *r,
                JsonNode     *node)
{
  g_autoptr(MsProcedure) self = NULL;
  JsonObject *root, *o;

  if (!(root = ms_json_reader_object (r, node, procedure_members)))
    return NULL;

  self = g_object_new (MS_TYPE_PROCEDURE, NULL);

  if (!json_object_has_member (root, "id"))
    ms_json_reader_problem (r, _("the required member “%s” is missing"), "id");
  opt_string (r, root, "id", STRING_UUID, 36, &self->id);
  opt_string (r, root, "code", STRING_PLAIN, MS_MAX_SHORT_CHARS, &self->code);
  opt_localized (r, root, "title", &self->title);
  opt_localized (r, root, "summary", &self->summary);
  opt_enum (r, root, "act_kind", MS_ENUM_ACT_KIND, (int *) &self->act_kind);
  read_audiences (r, root, &self->audiences);
  opt_list (r, root, "life_events", MS_MAX_CODES, read_code, g_free, &self->life_events);
  opt_list (r, root, "themes", MS_MAX_CODES, read_code, g_free, &self->themes);
  opt_string (r, root, "administration", STRING_CODE, 64, &self->administration);
  opt_enum (r, root, "admin_level", MS_ENUM_ADMIN_LEVEL, (int *) &self->admin_level);
  opt_list (r, root, "receiving", MS_MAX_LIST_ITEMS, read_localized_item,
            (GDestroyNotify) ms_localized_free, &self->receiving);
  opt_list (r, root, "delivering", MS_MAX_LIST_ITEMS, read_localized_item,
            (GDestroyNotify) ms_localized_free, &self->delivering);

  if ((o = enter_object (r, root, "output", ALLOWED ("name", "validity_days"))))
    {
      self->output = g_new0 (MsOutput, 1);
      self->output->validity_days = -1;
      opt_localized (r, o, "name", &self->output->name);
      opt_int (r, o, "validity_days", 0, 36500, &self->output->validity_days);
      ms_json_reader_pop (r);
    }

  opt_list (r, root, "conditions", MS_MAX_LIST_ITEMS, read_localized_item,
            (GDestroyNotify) ms_localized_free, &self->conditions);
  opt_list (r, root, "documents", MS_MAX_LIST_ITEMS, read_document,
            (GDestroyNotify) ms_document_free, &self->documents);
  opt_list (r, root, "forms", MS_MAX_LIST_ITEMS, read_form,
            (GDestroyNotify) ms_form_free, &self->forms);
  opt_list (r, root, "steps", MS_MAX_LIST_ITEMS, read_step,
            (GDestroyNotify) ms_step_free, &self->steps);
  opt_int (r, root, "deadline_days", 0, 3650, &self->deadline_days);
  opt_bool (r, root, "deadline_working_days", &self->deadline_working_days);
  opt_bool (r, root, "investment_act", &self->investment_act);

  if ((o = enter_object (r, root, "extension", ALLOWED ("allowed", "reason", "conditions"))))
    {
      self->extension = g_new0 (MsExtension, 1);
      opt_bool (r, o, "allowed", &self->extension->allowed);
      opt_enum (r, o, "reason", MS_ENUM_EXTENSION_REASON, (int *) &self->extension->reason);
      opt_localized (r, o, "conditions", &self->extension->conditions);
      ms_json_reader_pop (r);
    }

  opt_bool (r, root, "silence_is_acceptance", &self->silence_is_acceptance);
  opt_string (r, root, "silence_decree", STRING_PLAIN, MS_MAX_SHORT_CHARS, &self->silence_decree);
  opt_bool (r, root, "complement_step", &self->complement_step);
  opt_list (r, root, "fees", MS_MAX_LIST_ITEMS, read_fee,
            (GDestroyNotify) ms_fee_free, &self->fees);
  opt_list (r, root, "channels", MS_MAX_LIST_ITEMS, read_channel,
            (GDestroyNotify) ms_channel_free, &self->channels);
  opt_list (r, root, "legal_basis", MS_MAX_LIST_ITEMS, read_legal_ref,
            (GDestroyNotify) ms_legal_ref_free, &self->legal_basis);

  if ((o = enter_object (r, root, "appeal", ALLOWED ("authority", "text"))))
    {
      self->appeal = g_new0 (MsAppeal, 1);
      opt_localized (r, o, "authority", &self->appeal->authority);
      opt_localized (r, o, "text", &self->appeal->text);
      ms_json_reader_pop (r);
    }

  if ((o = enter_object (r, root, "approval_decision", ALLOWED ("body", "reference", "date"))))
    {
      self->approval_decision = g_new0 (MsApproval, 1);
      opt_enum (r, o, "body", MS_ENUM_APPROVAL_BODY, (int *) &self->approval_decision->body);
      opt_string (r, o, "reference", STRING_PLAIN, MS_MAX_SHORT_CHARS,
                  &self->approval_decision->reference);
      opt_string (r, o, "date", STRING_DATE, 10, &self->approval_decision->date);
      ms_json_reader_pop (r);
    }

  if ((o = enter_object (r, root, "contact", ALLOWED ("phone", "email", "url"))))
    {
      self->contact = g_new0 (MsContact, 1);
      opt_string (r, o, "phone", STRING_PLAIN, MS_MAX_SHORT_CHARS, &self->contact->phone);
      opt_string (r, o, "email", STRING_PLAIN, MS_MAX_SHORT_CHARS, &self->contact->email);
      opt_string (r, o, "url", STRING_PLAIN, MS_MAX_URL_CHARS, &self->contact->url);
      ms_json_reader_pop (r);
    }

  opt_string (r, root, "effective_date", STRING_DATE, 10, &self->effective_date);
  opt_string (r, root, "review_due", STRING_DATE, 10, &self->review_due);
  opt_int (r, root, "revision", 1, G_MAXINT32, &self->revision);
  opt_string (r, root, "published", STRING_DATE, 10, &self->published);

  return g_steal_pointer (&self);
}

MsProcedure *
ms_procedure_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(MsProcedure) self = NULL;
  MsJsonReader r;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ms_json_reader_init (&r, NULL);
  self = read_procedure (&r, node);
  if (!ms_json_reader_ok (&r))
    {
      ms_json_reader_set_error (&r, error);
      ms_json_reader_clear (&r);
      return NULL;
    }
  ms_json_reader_clear (&r);
  return g_steal_pointer (&self);
}

/* Lists, objects and texts no longer than the longest the format allows
 * (the reader says which field allows less); a file's list of sheets up
 * to MS_MAX_FILE_SHEETS, each of at most MS_MAX_SHEET_VALUES values. */
static const MsJsonLimits sheet_limits = {
  .max_items = MS_MAX_LIST_ITEMS,
  .max_root_items = MS_MAX_FILE_SHEETS,
  .max_values = MS_MAX_SHEET_VALUES,
  .max_chars = MS_MAX_TEXT_CHARS,
};

const MsJsonLimits *
ms_procedure_json_limits (void)
{
  return &sheet_limits;
}

MsProcedure *
ms_procedure_new_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!(node = ms_json_parse_full (data, length, &sheet_limits, NULL, NULL, error)))
    return NULL;
  return ms_procedure_new_from_json (node, error);
}

MsProcedure *
ms_procedure_new_from_file (const char  *path,
                            GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(node = ms_json_parse_file_full (path, &sheet_limits, NULL, NULL, error)))
    return NULL;
  return ms_procedure_new_from_json (node, error);
}

typedef struct {
  MsJsonReader  r;
  GPtrArray    *list;
} ListReading;

/* Each sheet of a list is read as soon as it is parsed, and its tree let
 * go: a file of many sheets never is one tree. */
static void
read_listed_cb (JsonNode *element,
                guint     index,
                gpointer  user_data)
{
  ListReading *reading = user_data;
  MsProcedure *procedure;

  ms_json_reader_push_index (&reading->r, index);
  if ((procedure = read_procedure (&reading->r, element)))
    g_ptr_array_add (reading->list, procedure);
  ms_json_reader_pop (&reading->r);
}

/* @root is what is left of the file once read_listed_cb had its elements. */
static GPtrArray *
list_finish (ListReading  *reading,
             JsonNode     *root,
             GPtrArray   **problems,
             GError      **error)
{
  g_autoptr(GPtrArray) list = g_steal_pointer (&reading->list);
  MsJsonReader *r = &reading->r;

  if (root == NULL)
    {
      ms_json_reader_clear (r);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      MsProcedure *procedure;

      if ((procedure = read_procedure (r, root)))
        g_ptr_array_add (list, procedure);
    }

  if (!ms_json_reader_ok (r))
    {
      ms_json_reader_set_error (r, error);
      if (problems != NULL)
        *problems = ms_json_reader_steal_problems (r);
      ms_json_reader_clear (r);
      return NULL;
    }
  ms_json_reader_clear (r);
  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func (g_free);
  return g_steal_pointer (&list);
}

/* A file holds one sheet or a list of sheets; every problem of every sheet
 * is listed in @problems, and the call fails if there is any. */
GPtrArray *
ms_procedure_list_from_data (const char  *data,
                             gssize       length,
                             GPtrArray  **problems,
                             GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  ListReading reading = { .list = g_ptr_array_new_with_free_func (g_object_unref) };

  g_return_val_if_fail (data != NULL, NULL);

  ms_json_reader_init (&reading.r, NULL);
  node = ms_json_parse_full (data, length, &sheet_limits, read_listed_cb, &reading, error);
  return list_finish (&reading, node, problems, error);
}

GPtrArray *
ms_procedure_list_from_file (const char  *path,
                             GPtrArray  **problems,
                             GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  ListReading reading = { .list = g_ptr_array_new_with_free_func (g_object_unref) };

  g_return_val_if_fail (path != NULL, NULL);

  ms_json_reader_init (&reading.r, NULL);
  node = ms_json_parse_file_full (path, &sheet_limits, read_listed_cb, &reading, error);
  return list_finish (&reading, node, problems, error);
}

/* Writing {{{1 */

static void
put_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
put_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  if (value < 0)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
put_bool (JsonBuilder *b,
          const char  *name,
          MsBool       value)
{
  if (value == MS_BOOL_UNSET)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value == MS_BOOL_TRUE);
}

static void
put_enum (JsonBuilder *b,
          const char  *name,
          MsEnumType   type,
          int          value)
{
  put_string (b, name, ms_enum_to_nick (type, value));
}

static void
add_localized (JsonBuilder       *b,
               const MsLocalized *localized)
{
  json_builder_begin_object (b);
  for (guint i = 0; i < MS_N_LANGS; i++)
    put_string (b, ms_lang_to_code (i), localized->text[i]);
  json_builder_end_object (b);
}

static void
put_localized (JsonBuilder       *b,
               const char        *name,
               const MsLocalized *localized)
{
  if (localized == NULL)
    return;
  json_builder_set_member_name (b, name);
  add_localized (b, localized);
}

typedef void (*ItemWriter) (JsonBuilder *b,
                            gpointer     item);

static void
put_list (JsonBuilder *b,
          const char  *name,
          GPtrArray   *list,
          ItemWriter   write_item)
{
  if (list == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    write_item (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);
}

static void
write_string_item (JsonBuilder *b,
                   gpointer     item)
{
  json_builder_add_string_value (b, item);
}

static void
write_localized_item (JsonBuilder *b,
                      gpointer     item)
{
  add_localized (b, item);
}

static void
write_document (JsonBuilder *b,
                gpointer     item)
{
  MsDocument *doc = item;

  json_builder_begin_object (b);
  put_string (b, "id", doc->id);
  put_localized (b, "name", doc->name);
  put_localized (b, "section", doc->section);
  put_int (b, "copies", doc->copies);
  put_enum (b, "provided_by", MS_ENUM_PROVIDER, doc->provided_by);
  put_enum (b, "issuer", MS_ENUM_ISSUER, doc->issuer);
  put_localized (b, "issuer_name", doc->issuer_name);
  put_bool (b, "certified", doc->certified);
  put_bool (b, "sworn_statement_allowed", doc->sworn_statement_allowed);
  put_string (b, "linked_procedure", doc->linked_procedure);
  put_list (b, "legal_basis", doc->legal_basis, write_string_item);
  put_localized (b, "condition", doc->condition);
  json_builder_end_object (b);
}

static void
write_form (JsonBuilder *b,
            gpointer     item)
{
  MsForm *form = item;

  json_builder_begin_object (b);
  put_localized (b, "title", form->title);
  put_string (b, "url", form->url);
  json_builder_end_object (b);
}

static void
write_step (JsonBuilder *b,
            gpointer     item)
{
  MsStep *step = item;

  json_builder_begin_object (b);
  put_string (b, "id", step->id);
  put_localized (b, "title", step->title);
  put_enum (b, "actor", MS_ENUM_ACTOR, step->actor);
  put_int (b, "days", step->days);
  json_builder_end_object (b);
}

static void
write_fee (JsonBuilder *b,
           gpointer     item)
{
  MsFee *fee = item;

  json_builder_begin_object (b);
  put_string (b, "id", fee->id);
  put_localized (b, "label", fee->label);
  put_int (b, "amount_centimes", fee->amount_centimes);
  put_localized (b, "per_unit", fee->per_unit);
  put_list (b, "legal_basis", fee->legal_basis, write_string_item);
  json_builder_end_object (b);
}

static void
write_channel (JsonBuilder *b,
               gpointer     item)
{
  MsChannel *channel = item;

  json_builder_begin_object (b);
  put_enum (b, "kind", MS_ENUM_CHANNEL_KIND, channel->kind);
  put_string (b, "url", channel->url);
  put_localized (b, "where", channel->where);
  json_builder_end_object (b);
}

static void
write_legal_ref (JsonBuilder *b,
                 gpointer     item)
{
  MsLegalRef *ref = item;

  json_builder_begin_object (b);
  put_string (b, "id", ref->id);
  put_enum (b, "kind", MS_ENUM_LEGAL_KIND, ref->kind);
  put_string (b, "number", ref->number);
  put_string (b, "date", ref->date);
  put_localized (b, "title", ref->title);
  put_string (b, "bulletin", ref->bulletin);
  put_string (b, "articles", ref->articles);
  json_builder_end_object (b);
}

static gboolean
begin_member_object (JsonBuilder   *b,
                     const char    *name,
                     gconstpointer  value)
{
  if (value == NULL)
    return FALSE;
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  return TRUE;
}

JsonNode *
ms_procedure_to_json (MsProcedure *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  g_return_val_if_fail (MS_IS_PROCEDURE (self), NULL);

  json_builder_begin_object (b);
  put_string (b, "id", self->id);
  put_string (b, "code", self->code);
  put_localized (b, "title", self->title);
  put_localized (b, "summary", self->summary);
  put_enum (b, "act_kind", MS_ENUM_ACT_KIND, self->act_kind);
  if (self->audiences != NULL)
    {
      json_builder_set_member_name (b, "audiences");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->audiences->len; i++)
        json_builder_add_string_value (b, ms_enum_to_nick (MS_ENUM_AUDIENCE,
                                                           g_array_index (self->audiences, int, i)));
      json_builder_end_array (b);
    }
  put_list (b, "life_events", self->life_events, write_string_item);
  put_list (b, "themes", self->themes, write_string_item);
  put_string (b, "administration", self->administration);
  put_enum (b, "admin_level", MS_ENUM_ADMIN_LEVEL, self->admin_level);
  put_list (b, "receiving", self->receiving, write_localized_item);
  put_list (b, "delivering", self->delivering, write_localized_item);
  if (begin_member_object (b, "output", self->output))
    {
      put_localized (b, "name", self->output->name);
      put_int (b, "validity_days", self->output->validity_days);
      json_builder_end_object (b);
    }
  put_list (b, "conditions", self->conditions, write_localized_item);
  put_list (b, "documents", self->documents, write_document);
  put_list (b, "forms", self->forms, write_form);
  put_list (b, "steps", self->steps, write_step);
  put_int (b, "deadline_days", self->deadline_days);
  put_bool (b, "deadline_working_days", self->deadline_working_days);
  put_bool (b, "investment_act", self->investment_act);
  if (begin_member_object (b, "extension", self->extension))
    {
      put_bool (b, "allowed", self->extension->allowed);
      put_enum (b, "reason", MS_ENUM_EXTENSION_REASON, self->extension->reason);
      put_localized (b, "conditions", self->extension->conditions);
      json_builder_end_object (b);
    }
  put_bool (b, "silence_is_acceptance", self->silence_is_acceptance);
  put_string (b, "silence_decree", self->silence_decree);
  put_bool (b, "complement_step", self->complement_step);
  put_list (b, "fees", self->fees, write_fee);
  put_list (b, "channels", self->channels, write_channel);
  put_list (b, "legal_basis", self->legal_basis, write_legal_ref);
  if (begin_member_object (b, "appeal", self->appeal))
    {
      put_localized (b, "authority", self->appeal->authority);
      put_localized (b, "text", self->appeal->text);
      json_builder_end_object (b);
    }
  if (begin_member_object (b, "approval_decision", self->approval_decision))
    {
      put_enum (b, "body", MS_ENUM_APPROVAL_BODY, self->approval_decision->body);
      put_string (b, "reference", self->approval_decision->reference);
      put_string (b, "date", self->approval_decision->date);
      json_builder_end_object (b);
    }
  if (begin_member_object (b, "contact", self->contact))
    {
      put_string (b, "phone", self->contact->phone);
      put_string (b, "email", self->contact->email);
      put_string (b, "url", self->contact->url);
      json_builder_end_object (b);
    }
  put_string (b, "effective_date", self->effective_date);
  put_string (b, "review_due", self->review_due);
  put_int (b, "revision", self->revision);
  put_string (b, "published", self->published);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* Pretty-printed, members in schema order, with a final newline. */
char *
ms_procedure_to_data (MsProcedure *self,
                      gsize       *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;
  GString *out;

  g_return_val_if_fail (MS_IS_PROCEDURE (self), NULL);

  node = ms_procedure_to_json (self);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* vim: set foldmethod=marker: */
