/* ms-editor-sections.c — the sheet editor's sections, article 6's order
 *
 * The same groups, in the same order, as the sheet view, so that an editor
 * and a reviewer find each field at the same place. Captions come from
 * ms_field_label(): the field and the issue list name it with the same words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-editor-sections"

#include "config.h"

#include <glib/gi18n.h>

#include "ms-format.h"
#include "ms-i18n.h"
#include "ms-path-label.h"
#include "ms-sheet-editor-private.h"

#define MAX_DAYS 3650
#define MAX_COPIES 100
#define MAX_VALIDITY_DAYS 36500

static char *
member_path (const char *item_path,
             const char *member)
{
  return g_strdup_printf ("%s.%s", item_path, member);
}

/* A fresh id for an item of @items: the prefix and the first number no
 * item uses ("d3"), so that references to other items stay right. */
static char *
fresh_id (GPtrArray  *items,
          gsize       id_offset,
          const char *prefix)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, n);
      gboolean used = FALSE;

      for (guint i = 0; items != NULL && i < items->len && !used; i++)
        used = g_strcmp0 (*(char **) ((char *) g_ptr_array_index (items, i) + id_offset), id) == 0;
      if (!used)
        return g_steal_pointer (&id);
    }
}

static char *
localized_title (MsLocalized *text)
{
  const char *best = text != NULL ? ms_localized_best (text, ms_ui_lang ()) : NULL;

  return g_strdup (best);
}

/*
 * Items of the lists
 */

static gpointer
create_localized (MsSheetEditor *self)
{
  return ms_localized_new ();
}

static void
build_localized (MsSheetEditor *self,
                 GtkWidget     *row,
                 const char    *path,
                 gpointer      *slot)
{
  _ms_editor_localized (self, row, path, _("Text"), TRUE, (MsLocalized **) slot);
}

static char *
title_localized (gpointer item)
{
  return localized_title (item);
}

/* A new theme or life event starts as the first one the sheet does not
 * have yet: a list of codes holds no empty code. */
static gpointer
create_code_of (GPtrArray *used,
                MsVocab    vocab)
{
  g_autoptr(GPtrArray) codes = ms_vocabulary_codes (ms_vocabulary_get_default (), vocab);

  for (guint i = 0; i < codes->len; i++)
    if (used == NULL || !g_ptr_array_find_with_equal_func (used, codes->pdata[i], g_str_equal, NULL))
      return g_strdup (codes->pdata[i]);

  return g_strdup (codes->len > 0 ? codes->pdata[0] : "other");
}

static gpointer
create_theme (MsSheetEditor *self)
{
  return create_code_of (self->sheet->themes, MS_VOCAB_THEMES);
}

static gpointer
create_life_event (MsSheetEditor *self)
{
  return create_code_of (self->sheet->life_events, MS_VOCAB_LIFE_EVENTS);
}

static void
build_theme (MsSheetEditor *self,
             GtkWidget     *row,
             const char    *path,
             gpointer      *slot)
{
  _ms_editor_vocab (self, row, path, ms_field_label ("themes"), MS_VOCAB_THEMES, (char **) slot);
}

static void
build_life_event (MsSheetEditor *self,
                  GtkWidget     *row,
                  const char    *path,
                  gpointer      *slot)
{
  _ms_editor_vocab (self, row, path, ms_field_label ("life_events"), MS_VOCAB_LIFE_EVENTS, (char **) slot);
}

static char *
title_theme (gpointer item)
{
  return item != NULL ? g_strdup (ms_vocabulary_label (ms_vocabulary_get_default (), MS_VOCAB_THEMES,
                                                       item, ms_ui_lang ())) : NULL;
}

static char *
title_life_event (gpointer item)
{
  return item != NULL ? g_strdup (ms_vocabulary_label (ms_vocabulary_get_default (), MS_VOCAB_LIFE_EVENTS,
                                                       item, ms_ui_lang ())) : NULL;
}

static gpointer
create_legal_ref (MsSheetEditor *self)
{
  MsLegalRef *ref = g_new0 (MsLegalRef, 1);

  ref->id = fresh_id (self->sheet->legal_basis, G_STRUCT_OFFSET (MsLegalRef, id), "l");
  return ref;
}

static void
build_legal_ref (MsSheetEditor *self,
                 GtkWidget     *row,
                 const char    *path,
                 gpointer      *slot)
{
  MsLegalRef *ref = *slot;
  g_autofree char *kind = member_path (path, "kind");
  g_autofree char *number = member_path (path, "number");
  g_autofree char *date = member_path (path, "date");
  g_autofree char *title = member_path (path, "title");
  g_autofree char *bulletin = member_path (path, "bulletin");
  g_autofree char *articles = member_path (path, "articles");

  _ms_editor_enum (self, row, kind, ms_field_label_in ("legal_basis", "kind"), MS_ENUM_LEGAL_KIND, (int *) &ref->kind);
  _ms_editor_text (self, row, number, ms_field_label_in ("legal_basis", "number"), MS_TEXT_PLAIN, &ref->number);
  _ms_editor_date (self, row, date, ms_field_label_in ("legal_basis", "date"), &ref->date);
  _ms_editor_localized (self, row, title, ms_field_label_in ("legal_basis", "title"), FALSE, &ref->title);
  _ms_editor_text (self, row, bulletin, ms_field_label_in ("legal_basis", "bulletin"), MS_TEXT_PLAIN, &ref->bulletin);
  _ms_editor_text (self, row, articles, ms_field_label_in ("legal_basis", "articles"), MS_TEXT_PLAIN, &ref->articles);
}

static char *
title_legal_ref (gpointer item)
{
  return ms_format_legal_ref (item, ms_ui_lang ());
}

static gpointer
create_document (MsSheetEditor *self)
{
  MsDocument *doc = g_new0 (MsDocument, 1);

  doc->id = fresh_id (self->sheet->documents, G_STRUCT_OFFSET (MsDocument, id), "d");
  /* Law 55-19 art. 7: one copy, unless the sheet says otherwise. */
  doc->copies = 1;
  return doc;
}

static void
build_document (MsSheetEditor *self,
                GtkWidget     *row,
                const char    *path,
                gpointer      *slot)
{
  MsDocument *doc = *slot;
  g_autofree char *name = member_path (path, "name");
  g_autofree char *section = member_path (path, "section");
  g_autofree char *copies = member_path (path, "copies");
  g_autofree char *provided_by = member_path (path, "provided_by");
  g_autofree char *issuer = member_path (path, "issuer");
  g_autofree char *issuer_name = member_path (path, "issuer_name");
  g_autofree char *certified = member_path (path, "certified");
  g_autofree char *sworn = member_path (path, "sworn_statement_allowed");
  g_autofree char *linked = member_path (path, "linked_procedure");
  g_autofree char *legal_basis = member_path (path, "legal_basis");
  g_autofree char *condition = member_path (path, "condition");

  _ms_editor_localized (self, row, name, ms_field_label_in ("documents", "name"), FALSE, &doc->name);
  _ms_editor_enum (self, row, provided_by, ms_field_label_in ("documents", "provided_by"),
                   MS_ENUM_PROVIDER, (int *) &doc->provided_by);
  _ms_editor_enum (self, row, issuer, ms_field_label_in ("documents", "issuer"),
                   MS_ENUM_ISSUER, (int *) &doc->issuer);
  _ms_editor_localized (self, row, issuer_name, ms_field_label_in ("documents", "issuer_name"), FALSE,
                        &doc->issuer_name);
  _ms_editor_count (self, row, copies, ms_field_label_in ("documents", "copies"), 1, MAX_COPIES, &doc->copies);
  _ms_editor_bool (self, row, certified, ms_field_label_in ("documents", "certified"), &doc->certified);
  _ms_editor_bool (self, row, sworn, ms_field_label_in ("documents", "sworn_statement_allowed"),
                   &doc->sworn_statement_allowed);
  _ms_editor_references (self, row, legal_basis, ms_field_label_in ("documents", "legal_basis"),
                         &doc->legal_basis);
  _ms_editor_localized (self, row, condition, ms_field_label_in ("documents", "condition"), FALSE,
                        &doc->condition);
  _ms_editor_localized (self, row, section, ms_field_label_in ("documents", "section"), FALSE, &doc->section);
  _ms_editor_text (self, row, linked, ms_field_label_in ("documents", "linked_procedure"), MS_TEXT_PLAIN,
                   &doc->linked_procedure);
}

static char *
title_document (gpointer item)
{
  return localized_title (((MsDocument *) item)->name);
}

static gpointer
create_channel (MsSheetEditor *self)
{
  return g_new0 (MsChannel, 1);
}

static void
build_channel (MsSheetEditor *self,
               GtkWidget     *row,
               const char    *path,
               gpointer      *slot)
{
  MsChannel *channel = *slot;
  g_autofree char *kind = member_path (path, "kind");
  g_autofree char *url = member_path (path, "url");
  g_autofree char *where = member_path (path, "where");

  _ms_editor_enum (self, row, kind, ms_field_label_in ("channels", "kind"), MS_ENUM_CHANNEL_KIND, (int *) &channel->kind);
  _ms_editor_text (self, row, url, ms_field_label_in ("channels", "url"), MS_TEXT_URL, &channel->url);
  _ms_editor_localized (self, row, where, ms_field_label_in ("channels", "where"), FALSE, &channel->where);
}

static char *
title_channel (gpointer item)
{
  MsChannel *channel = item;
  const char *kind = channel->kind != MS_CHANNEL_UNSET ? ms_format_enum (MS_ENUM_CHANNEL_KIND, channel->kind) : NULL;
  g_autofree char *where = localized_title (channel->where);

  if (kind != NULL && where != NULL)
    return g_strdup_printf (C_("channel", "%s — %s"), kind, where);
  return g_strdup (kind != NULL ? kind : where != NULL ? where : channel->url);
}

static gpointer
create_form (MsSheetEditor *self)
{
  return g_new0 (MsForm, 1);
}

static void
build_form (MsSheetEditor *self,
            GtkWidget     *row,
            const char    *path,
            gpointer      *slot)
{
  MsForm *form = *slot;
  g_autofree char *title = member_path (path, "title");
  g_autofree char *url = member_path (path, "url");

  _ms_editor_localized (self, row, title, ms_field_label_in ("forms", "title"), FALSE, &form->title);
  _ms_editor_text (self, row, url, ms_field_label_in ("forms", "url"), MS_TEXT_URL, &form->url);
}

static char *
title_form (gpointer item)
{
  return localized_title (((MsForm *) item)->title);
}

static gpointer
create_step (MsSheetEditor *self)
{
  MsStep *step = g_new0 (MsStep, 1);

  step->id = fresh_id (self->sheet->steps, G_STRUCT_OFFSET (MsStep, id), "s");
  step->days = -1;
  return step;
}

static void
build_step (MsSheetEditor *self,
            GtkWidget     *row,
            const char    *path,
            gpointer      *slot)
{
  MsStep *step = *slot;
  g_autofree char *title = member_path (path, "title");
  g_autofree char *actor = member_path (path, "actor");
  g_autofree char *days = member_path (path, "days");

  _ms_editor_localized (self, row, title, ms_field_label_in ("steps", "title"), FALSE, &step->title);
  _ms_editor_enum (self, row, actor, ms_field_label_in ("steps", "actor"), MS_ENUM_ACTOR, (int *) &step->actor);
  _ms_editor_count (self, row, days, ms_field_label_in ("steps", "days"), 0, MAX_DAYS, &step->days);
}

static char *
title_step (gpointer item)
{
  return localized_title (((MsStep *) item)->title);
}

static gpointer
create_fee (MsSheetEditor *self)
{
  MsFee *fee = g_new0 (MsFee, 1);

  fee->id = fresh_id (self->sheet->fees, G_STRUCT_OFFSET (MsFee, id), "f");
  fee->amount_centimes = -1;
  return fee;
}

static void
build_fee (MsSheetEditor *self,
           GtkWidget     *row,
           const char    *path,
           gpointer      *slot)
{
  MsFee *fee = *slot;
  g_autofree char *label = member_path (path, "label");
  g_autofree char *amount = member_path (path, "amount_centimes");
  g_autofree char *per_unit = member_path (path, "per_unit");
  g_autofree char *legal_basis = member_path (path, "legal_basis");

  _ms_editor_localized (self, row, label, ms_field_label_in ("fees", "label"), FALSE, &fee->label);
  _ms_editor_amount (self, row, amount, ms_field_label_in ("fees", "amount_centimes"), &fee->amount_centimes);
  _ms_editor_localized (self, row, per_unit, ms_field_label_in ("fees", "per_unit"), FALSE, &fee->per_unit);
  _ms_editor_references (self, row, legal_basis, ms_field_label_in ("fees", "legal_basis"), &fee->legal_basis);
}

static char *
title_fee (gpointer item)
{
  MsFee *fee = item;
  g_autofree char *label = localized_title (fee->label);
  g_autofree char *amount = fee->amount_centimes >= 0 ? ms_format_amount (fee->amount_centimes) : NULL;

  if (label != NULL && amount != NULL)
    return g_strdup_printf (C_("fee", "%s — %s"), label, amount);
  return g_strdup (label != NULL ? label : amount);
}

/*
 * Sections
 */

static void
free_toggled_cb (GtkCheckButton *check,
                 MsSheetEditor  *self)
{
  gboolean free_of_charge = gtk_check_button_get_active (check);

  if (self->building)
    return;

  _ms_sheet_editor_snapshot_now (self);
  /* An empty list says the procedure is free; no list says nothing. */
  if (free_of_charge && self->sheet->fees == NULL)
    self->sheet->fees = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_fee_free);
  else if (!free_of_charge && self->sheet->fees != NULL && self->sheet->fees->len == 0)
    g_clear_pointer (&self->sheet->fees, g_ptr_array_unref);
  _ms_sheet_editor_changed (self, TRUE);
}

static void
build_fees (MsSheetEditor *self)
{
  MsProcedure *sheet = self->sheet;
  GtkWidget *group = _ms_editor_group (self, _("Fees"), _("Only as set by a legal text — article 6 (4)"));

  if (sheet->fees == NULL || sheet->fees->len == 0)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *check = gtk_check_button_new_with_label (_("The procedure is free of charge"));

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_widget_set_margin_top (check, 8);
      gtk_widget_set_margin_bottom (check, 8);
      gtk_widget_set_margin_start (check, 8);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), sheet->fees != NULL);
      g_signal_connect (check, "toggled", G_CALLBACK (free_toggled_cb), self);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      _ms_sheet_editor_add_field (self, "fees", ms_field_label ("fees"), row, check, NULL);
    }

  _ms_editor_list (self, group, "fees", _("Fee"), _("Add a Fee"), &sheet->fees,
                   (GDestroyNotify) ms_fee_free, create_fee, build_fee, title_fee);
}

void
_ms_editor_build_sections (MsSheetEditor *self)
{
  MsProcedure *sheet = self->sheet;
  GtkWidget *group;

  group = _ms_editor_group (self, _("The Act"),
                            _("Name of the act, what the user obtains and who may ask for it — law 55-19, article 6 (1)"));
  _ms_editor_localized (self, group, "title", ms_field_label ("title"), FALSE, &sheet->title);
  _ms_editor_text (self, group, "code", ms_field_label ("code"), MS_TEXT_PLAIN, &sheet->code);
  _ms_editor_localized (self, group, "summary", ms_field_label ("summary"), TRUE, &sheet->summary);
  _ms_editor_enum (self, group, "act_kind", ms_field_label ("act_kind"), MS_ENUM_ACT_KIND, (int *) &sheet->act_kind);
  _ms_editor_audiences (self, group, "audiences", ms_field_label ("audiences"), &sheet->audiences);
  _ms_editor_vocab (self, group, "administration", ms_field_label ("administration"),
                    MS_VOCAB_ADMINISTRATIONS, &sheet->administration);
  _ms_editor_enum (self, group, "admin_level", ms_field_label ("admin_level"),
                   MS_ENUM_ADMIN_LEVEL, (int *) &sheet->admin_level);

  group = _ms_editor_group (self, ms_field_label ("themes"), NULL);
  _ms_editor_list (self, group, "themes", _("Theme"), _("Add a Theme"), &sheet->themes,
                   g_free, create_theme, build_theme, title_theme);
  group = _ms_editor_group (self, ms_field_label ("life_events"), NULL);
  _ms_editor_list (self, group, "life_events", _("Life event"), _("Add a Life Event"), &sheet->life_events,
                   g_free, create_life_event, build_life_event, title_life_event);

  group = _ms_editor_group (self, ms_field_label ("conditions"), _("Who is eligible, and when the procedure applies"));
  _ms_editor_list (self, group, "conditions", _("Condition"), _("Add a Condition"), &sheet->conditions,
                   (GDestroyNotify) ms_localized_free, create_localized, build_localized, title_localized);

  group = _ms_editor_group (self, _("Legal References"), _("The texts the procedure rests on — articles 3 and 6 (1)"));
  _ms_editor_list (self, group, "legal_basis", _("Legal reference"), _("Add a Legal Reference"),
                   &sheet->legal_basis, (GDestroyNotify) ms_legal_ref_free,
                   create_legal_ref, build_legal_ref, title_legal_ref);

  group = _ms_editor_group (self, ms_field_label ("receiving"), _("Who receives and processes the file — article 6 (2)"));
  _ms_editor_list (self, group, "receiving", _("Receiving service"), _("Add a Receiving Service"),
                   &sheet->receiving, (GDestroyNotify) ms_localized_free,
                   create_localized, build_localized, title_localized);
  group = _ms_editor_group (self, ms_field_label ("delivering"), _("Who delivers the act — article 6 (2)"));
  _ms_editor_list (self, group, "delivering", _("Delivering service"), _("Add a Delivering Service"),
                   &sheet->delivering, (GDestroyNotify) ms_localized_free,
                   create_localized, build_localized, title_localized);

  group = _ms_editor_group (self, _("Documents"),
                            _("What the user provides and what the administration obtains itself: one copy, no certified copies, no legalised signatures — articles 6 (3), 7, 8 and 23"));
  _ms_editor_list (self, group, "documents", _("Document"), _("Add a Document"), &sheet->documents,
                   (GDestroyNotify) ms_document_free, create_document, build_document, title_document);

  group = _ms_editor_group (self, _("How to File"), _("Channels where the request is filed — articles 6 (3) and 13"));
  _ms_editor_list (self, group, "channels", _("Channel"), _("Add a Channel"), &sheet->channels,
                   (GDestroyNotify) ms_channel_free, create_channel, build_channel, title_channel);

  group = _ms_editor_group (self, _("Forms"), NULL);
  _ms_editor_list (self, group, "forms", _("Form"), _("Add a Form"), &sheet->forms,
                   (GDestroyNotify) ms_form_free, create_form, build_form, title_form);

  group = _ms_editor_group (self, _("Steps"), NULL);
  _ms_editor_list (self, group, "steps", _("Step"), _("Add a Step"), &sheet->steps,
                   (GDestroyNotify) ms_step_free, create_step, build_step, title_step);

  build_fees (self);

  group = _ms_editor_group (self, _("Answer Deadline"),
                            _("At most 60 days, 30 for investment acts, from a complete file — articles 6 (5), 14 and 16"));
  _ms_editor_count (self, group, "deadline_days", ms_field_label ("deadline_days"), 0, MAX_DAYS, &sheet->deadline_days);
  _ms_editor_bool (self, group, "deadline_working_days", ms_field_label ("deadline_working_days"),
                   &sheet->deadline_working_days);
  _ms_editor_bool (self, group, "investment_act", ms_field_label ("investment_act"), &sheet->investment_act);
  _ms_editor_bool (self, group, "complement_step", ms_field_label ("complement_step"), &sheet->complement_step);

  group = _ms_editor_group (self, _("Silence and Appeal"),
                            _("Effect of the administration’s silence and means of redress — articles 6 (6), 19 and 21"));
  _ms_editor_bool (self, group, "silence_is_acceptance", ms_field_label ("silence_is_acceptance"),
                   &sheet->silence_is_acceptance);
  _ms_editor_text (self, group, "silence_decree", ms_field_label ("silence_decree"), MS_TEXT_PLAIN,
                   &sheet->silence_decree);
  _ms_editor_localized (self, group, "appeal.authority", ms_field_label_in ("appeal", "authority"), FALSE,
                        &sheet->appeal->authority);
  _ms_editor_localized (self, group, "appeal.text", ms_field_label_in ("appeal", "text"), TRUE,
                        &sheet->appeal->text);

  group = _ms_editor_group (self, _("Technical Expertise and Public Inquiry"),
                            _("One extension of the deadline at most — articles 6 (7) and 17"));
  _ms_editor_bool (self, group, "extension.allowed", ms_field_label_in ("extension", "allowed"),
                   &sheet->extension->allowed);
  _ms_editor_enum (self, group, "extension.reason", ms_field_label_in ("extension", "reason"),
                   MS_ENUM_EXTENSION_REASON, (int *) &sheet->extension->reason);
  _ms_editor_localized (self, group, "extension.conditions", ms_field_label_in ("extension", "conditions"), TRUE,
                        &sheet->extension->conditions);

  group = _ms_editor_group (self, _("Output and Validity"), NULL);
  _ms_editor_localized (self, group, "output.name", ms_field_label_in ("output", "name"), FALSE,
                        &sheet->output->name);
  _ms_editor_count (self, group, "output.validity_days", ms_field_label_in ("output", "validity_days"),
                    0, MAX_VALIDITY_DAYS, &sheet->output->validity_days);

  group = _ms_editor_group (self, _("Approval"), _("Approval of the compendium entry before publication — articles 9 and 27"));
  _ms_editor_enum (self, group, "approval_decision.body", ms_field_label_in ("approval_decision", "body"),
                   MS_ENUM_APPROVAL_BODY, (int *) &sheet->approval_decision->body);
  _ms_editor_text (self, group, "approval_decision.reference", ms_field_label_in ("approval_decision", "reference"),
                   MS_TEXT_PLAIN, &sheet->approval_decision->reference);
  _ms_editor_date (self, group, "approval_decision.date", ms_field_label_in ("approval_decision", "date"),
                   &sheet->approval_decision->date);

  group = _ms_editor_group (self, _("Contact"), NULL);
  _ms_editor_text (self, group, "contact.phone", ms_field_label_in ("contact", "phone"), MS_TEXT_PHONE,
                   &sheet->contact->phone);
  _ms_editor_text (self, group, "contact.email", ms_field_label_in ("contact", "email"), MS_TEXT_EMAIL,
                   &sheet->contact->email);
  _ms_editor_text (self, group, "contact.url", ms_field_label_in ("contact", "url"), MS_TEXT_URL,
                   &sheet->contact->url);

  group = _ms_editor_group (self, _("Dates"), NULL);
  _ms_editor_date (self, group, "effective_date", ms_field_label ("effective_date"), &sheet->effective_date);
  _ms_editor_date (self, group, "review_due", ms_field_label ("review_due"), &sheet->review_due);
}
