/* ms-procedure.c — the procedure sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-procedure"

#include "config.h"

#include <string.h>

#include "ms-nick.h"
#include "ms-procedure.h"

G_DEFINE_FINAL_TYPE (MsProcedure, ms_procedure, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const enum_nicks[MS_N_ENUMS][8] = {
  [MS_ENUM_ACT_KIND] = { NULL, "licence", "permit", "authorisation", "certificate", "approval",
                         "decision", "other" },
  [MS_ENUM_AUDIENCE] = { NULL, "citizen", "business", "administration" },
  [MS_ENUM_ADMIN_LEVEL] = { NULL, "central", "deconcentrated", "public_establishment",
                            "collectivity", "delegated" },
  [MS_ENUM_PROVIDER] = { NULL, "user", "administration" },
  [MS_ENUM_ISSUER] = { NULL, "user", "this_administration", "other_administration" },
  [MS_ENUM_ACTOR] = { NULL, "user", "administration" },
  [MS_ENUM_EXTENSION_REASON] = { NULL, "expertise", "public_inquiry" },
  [MS_ENUM_CHANNEL_KIND] = { NULL, "online", "counter", "mail" },
  [MS_ENUM_LEGAL_KIND] = { NULL, "dahir", "loi", "decret", "arrete", "circulaire", "autre" },
  [MS_ENUM_APPROVAL_BODY] = { NULL, "national_commission", "interior_ministry" },
};

const char *
ms_enum_to_nick (MsEnumType type,
                 int        value)
{
  g_return_val_if_fail (type < MS_N_ENUMS, NULL);

  if (value <= 0 || value >= (int) G_N_ELEMENTS (enum_nicks[type]))
    return NULL;
  return enum_nicks[type][value];
}

/* 0 (unset) when @nick is not a value of @type. */
int
ms_enum_from_nick (MsEnumType  type,
                   const char *nick)
{
  int i;

  g_return_val_if_fail (type < MS_N_ENUMS, 0);
  g_return_val_if_fail (nick != NULL, 0);

  i = MS_NICK_INDEX (enum_nicks[type], nick);
  return i > 0 ? i : 0;
}

void
ms_document_free (MsDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  ms_localized_free (doc->name);
  ms_localized_free (doc->section);
  ms_localized_free (doc->issuer_name);
  g_free (doc->linked_procedure);
  g_clear_pointer (&doc->legal_basis, g_ptr_array_unref);
  ms_localized_free (doc->condition);
  g_free (doc);
}

void
ms_form_free (MsForm *form)
{
  if (form == NULL)
    return;
  ms_localized_free (form->title);
  g_free (form->url);
  g_free (form);
}

void
ms_step_free (MsStep *step)
{
  if (step == NULL)
    return;
  g_free (step->id);
  ms_localized_free (step->title);
  g_free (step);
}

void
ms_fee_free (MsFee *fee)
{
  if (fee == NULL)
    return;
  g_free (fee->id);
  ms_localized_free (fee->label);
  ms_localized_free (fee->per_unit);
  g_clear_pointer (&fee->legal_basis, g_ptr_array_unref);
  g_free (fee);
}

void
ms_channel_free (MsChannel *channel)
{
  if (channel == NULL)
    return;
  g_free (channel->url);
  ms_localized_free (channel->where);
  g_free (channel);
}

void
ms_legal_ref_free (MsLegalRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->id);
  g_free (ref->number);
  g_free (ref->date);
  ms_localized_free (ref->title);
  g_free (ref->bulletin);
  g_free (ref->articles);
  g_free (ref);
}

static void
output_free (MsOutput *output)
{
  if (output == NULL)
    return;
  ms_localized_free (output->name);
  g_free (output);
}

static void
extension_free (MsExtension *extension)
{
  if (extension == NULL)
    return;
  ms_localized_free (extension->conditions);
  g_free (extension);
}

static void
appeal_free (MsAppeal *appeal)
{
  if (appeal == NULL)
    return;
  ms_localized_free (appeal->authority);
  ms_localized_free (appeal->text);
  g_free (appeal);
}

static void
approval_free (MsApproval *approval)
{
  if (approval == NULL)
    return;
  g_free (approval->reference);
  g_free (approval->date);
  g_free (approval);
}

static void
contact_free (MsContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->phone);
  g_free (contact->email);
  g_free (contact->url);
  g_free (contact);
}

static void
ms_procedure_finalize (GObject *object)
{
  MsProcedure *self = MS_PROCEDURE (object);

  g_free (self->id);
  g_free (self->code);
  ms_localized_free (self->title);
  ms_localized_free (self->summary);
  g_clear_pointer (&self->audiences, g_array_unref);
  g_clear_pointer (&self->life_events, g_ptr_array_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_free (self->administration);
  g_clear_pointer (&self->receiving, g_ptr_array_unref);
  g_clear_pointer (&self->delivering, g_ptr_array_unref);
  output_free (self->output);
  g_clear_pointer (&self->conditions, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->forms, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  extension_free (self->extension);
  g_free (self->silence_decree);
  g_clear_pointer (&self->fees, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->legal_basis, g_ptr_array_unref);
  appeal_free (self->appeal);
  approval_free (self->approval_decision);
  contact_free (self->contact);
  g_free (self->effective_date);
  g_free (self->review_due);
  g_free (self->published);

  G_OBJECT_CLASS (ms_procedure_parent_class)->finalize (object);
}

static void
ms_procedure_class_init (MsProcedureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ms_procedure_finalize;

  /**
   * MsProcedure::changed:
   *
   * Emitted by ms_procedure_changed() after code changed fields.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
ms_procedure_init (MsProcedure *self)
{
  self->deadline_days = -1;
  self->revision = -1;
}

MsProcedure *
ms_procedure_new (const char *id)
{
  MsProcedure *self = g_object_new (MS_TYPE_PROCEDURE, NULL);

  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  return self;
}

MsProcedure *
ms_procedure_copy (MsProcedure *self)
{
  g_autoptr(JsonNode) node = NULL;
  MsProcedure *copy;

  g_return_val_if_fail (MS_IS_PROCEDURE (self), NULL);

  /* The JSON form is lossless, so it is also the deep copy. */
  node = ms_procedure_to_json (self);
  copy = ms_procedure_new_from_json (node, NULL);
  g_assert (copy != NULL);
  return copy;
}

gboolean
ms_procedure_equal (MsProcedure *a,
                    MsProcedure *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;

  g_return_val_if_fail (MS_IS_PROCEDURE (a), FALSE);
  g_return_val_if_fail (MS_IS_PROCEDURE (b), FALSE);

  if (a == b)
    return TRUE;
  da = ms_procedure_to_data (a, NULL);
  db = ms_procedure_to_data (b, NULL);
  return strcmp (da, db) == 0;
}

void
ms_procedure_changed (MsProcedure *self)
{
  g_return_if_fail (MS_IS_PROCEDURE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
ms_procedure_get_title (MsProcedure *self,
                        MsLang       preferred)
{
  g_return_val_if_fail (MS_IS_PROCEDURE (self), NULL);

  return ms_localized_best (self->title, preferred);
}

gint64
ms_procedure_deadline_calendar_days (MsProcedure *self)
{
  g_return_val_if_fail (MS_IS_PROCEDURE (self), -1);

  if (self->deadline_days < 0)
    return -1;
  if (self->deadline_working_days != MS_BOOL_TRUE)
    return self->deadline_days;
  return (self->deadline_days * 7 + 4) / 5;
}
