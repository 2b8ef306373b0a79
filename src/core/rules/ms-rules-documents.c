/* ms-rules-documents.c — the file the user provides (art. 4, 6-7, 8, 10, 23)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-rules"

#include "config.h"

#include <string.h>

#include "ms-rules-private.h"

/* Proportionality (art. 4): past this, the file deserves a second look. */
#define MANY_DOCUMENTS 8

#define foreach_document(p, i, doc) \
  for (guint i = 0; (p)->documents != NULL && i < (p)->documents->len; i++) \
    for (MsDocument *doc = g_ptr_array_index ((p)->documents, i); doc != NULL; doc = NULL)

/* documents-source: error, path "documents[i].provided_by", when a document
 * does not say whether the user or the administration provides it; and path
 * "documents[i].issuer_name" when its issuer is "other_administration" and
 * the issuer is not named. */
static void
rule_documents_source (MsRuleContext *ctx,
                       MsProcedure   *p)
{
  foreach_document (p, i, doc)
    {
      if (doc->provided_by == MS_PROVIDER_UNSET)
        _ms_rule_report (ctx, g_strdup_printf ("documents[%u].provided_by", i),
                         _("Law 55-19 art. 6: say whether the user provides this document or the administration obtains it"));
      if (doc->issuer == MS_ISSUER_OTHER_ADMINISTRATION && ms_localized_is_empty (doc->issuer_name))
        _ms_rule_report (ctx, g_strdup_printf ("documents[%u].issuer_name", i),
                         _("Law 55-19 art. 23: name the administration that issues this document"));
    }
}

/* one-copy: error, path "documents[i].copies", when a document's copies is
 * absent or not 1; and, path of the text, when a document's name, section or
 * condition, a condition of the sheet or a step's title matches the one-copy
 * screen ("نسختين", "deux exemplaires", "en double"…). */
static void
rule_one_copy (MsRuleContext *ctx,
               MsProcedure   *p)
{
  foreach_document (p, i, doc)
    {
      if (doc->copies < 0)
        _ms_rule_report (ctx, g_strdup_printf ("documents[%u].copies", i),
                         _("Law 55-19 art. 7: say how many copies are asked; the law allows one"));
      else if (doc->copies != 1)
        _ms_rule_report (ctx, g_strdup_printf ("documents[%u].copies", i),
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Law 55-19 art. 7: ask for one copy only (%d is asked)",
                                      "Law 55-19 art. 7: ask for one copy only (%d are asked)",
                                      (gulong) doc->copies),
                         (int) doc->copies);
    }
  _ms_rules_screen_texts (ctx, MS_TEXTS_REQUIREMENTS, MS_SCREEN_TWO_COPIES,
                          _("Law 55-19 art. 7: ask for one copy only"));
}

/* no-legalisation: error, path of the text, when a document's name, section
 * or condition, a condition of the sheet or a step's title matches the
 * legalisation screen ("تصحيح الإمضاء", "légalis…"). */
static void
rule_no_legalisation (MsRuleContext *ctx,
                      MsProcedure   *p)
{
  _ms_rules_screen_texts (ctx, MS_TEXTS_REQUIREMENTS, MS_SCREEN_LEGALISATION,
                          _("Law 55-19 art. 7: a legalised signature may not be required"));
}

/* no-certified-copy: error, path "documents[i].certified", when a document
 * has certified = true; and, path of the text, when the texts the one-copy
 * rule reads match the certified-copy screen ("نسخة مطابقة للأصل", "copie
 * certifiée conforme"…). */
static void
rule_no_certified_copy (MsRuleContext *ctx,
                        MsProcedure   *p)
{
  const char *advice = _("Law 55-19 art. 7: a certified copy may not be required; accept a plain copy");

  foreach_document (p, i, doc)
    if (doc->certified == MS_BOOL_TRUE)
      _ms_rule_report (ctx, g_strdup_printf ("documents[%u].certified", i), "%s", advice);
  _ms_rules_screen_texts (ctx, MS_TEXTS_REQUIREMENTS, MS_SCREEN_CERTIFIED_COPY, advice);
}

/* closed-list: error, path of the text, when a document's name, section or
 * condition matches the open-list screen ("وكل وثيقة أخرى", "toute pièce
 * jugée utile", "etc.", "…"). The sheet's conditions are not read: an
 * "etc." there does not open the list of documents. */
static void
rule_closed_list (MsRuleContext *ctx,
                  MsProcedure   *p)
{
  _ms_rules_screen_texts (ctx, MS_TEXTS_DOCUMENT_NAMES | MS_TEXTS_DOCUMENT_DETAILS,
                          MS_SCREEN_OPEN_LIST,
                          _("Law 55-19 art. 10: the list of documents must be closed; name every document"));
}

/* duplicate-document: error, path "documents[j].name", when document j's
 * name equals an earlier document's name in some language once both are
 * normalised (ms_text_normalize). */
static void
rule_duplicate_document (MsRuleContext *ctx,
                         MsProcedure   *p)
{
  g_autofree const char **names = NULL;
  guint n;

  if (p->documents == NULL || p->documents->len < 2)
    return;
  /* Normalised once, compared n²/2 times. */
  n = p->documents->len;
  names = g_new (const char *, (gsize) n * MS_N_LANGS);
  foreach_document (p, i, doc)
    for (MsLang l = 0; l < MS_N_LANGS; l++)
      names[i * MS_N_LANGS + l] = _ms_rules_normalized (ctx, doc->name, l);

  for (guint j = 1; j < n; j++)
    for (guint i = 0; i < j; i++)
      {
        gboolean same = FALSE;

        for (MsLang l = 0; l < MS_N_LANGS && !same; l++)
          {
            const char *a = names[i * MS_N_LANGS + l], *b = names[j * MS_N_LANGS + l];

            same = a != NULL && b != NULL && *a != '\0' && strcmp (a, b) == 0;
          }
        if (!same)
          continue;
        _ms_rule_report (ctx, g_strdup_printf ("documents[%u].name", j),
                         _("Law 55-19 art. 4: this document is already asked as document %u; ask for it once"),
                         i + 1);
        break;
      }
}

/* held-by-administration: warning, path "documents[i].provided_by", when the
 * user provides (provided_by = user, or not said: a document listed without
 * saying who provides it is asked of the user, as the portal shows it) a
 * document that another administration
 * issues: its issuer is "other_administration", or its name matches the
 * held-by-administration screen (birth extract, copy of the CIN, residence
 * certificate, tax or CNSS certificate, RC extract, criminal record…). */
static void
rule_held_by_administration (MsRuleContext *ctx,
                             MsProcedure   *p)
{
  foreach_document (p, i, doc)
    {
      const char *keyword;

      if (doc->provided_by == MS_PROVIDER_ADMINISTRATION)
        continue;
      keyword = _ms_rules_screen (ctx, doc->name, MS_SCREEN_HELD_BY_ADMINISTRATION, NULL);
      if (keyword != NULL)
        {
          g_autofree char *quoted = _ms_rules_isolate (keyword);

          _ms_rule_report (ctx, g_strdup_printf ("documents[%u].provided_by", i),
                           _("Law 55-19 art. 23–24: “%s” is held by an administration; obtain it yourself, with the user’s consent, instead of asking the user"),
                           quoted);
        }
      else if (doc->issuer == MS_ISSUER_OTHER_ADMINISTRATION)
        _ms_rule_report (ctx, g_strdup_printf ("documents[%u].provided_by", i),
                         _("Law 55-19 art. 23–24: another administration issues this document; obtain it yourself, with the user’s consent, instead of asking the user"));
    }
}

/* sworn-statement: warning, path "documents[i].sworn_statement_allowed", when
 * a document that the administration does not obtain itself matches the
 * sworn-statement screen (residence, life or income certificate…) and
 * sworn_statement_allowed is not true. */
static void
rule_sworn_statement (MsRuleContext *ctx,
                      MsProcedure   *p)
{
  foreach_document (p, i, doc)
    {
      const char *keyword;

      if (doc->provided_by == MS_PROVIDER_ADMINISTRATION || doc->sworn_statement_allowed == MS_BOOL_TRUE)
        continue;
      if ((keyword = _ms_rules_screen (ctx, doc->name, MS_SCREEN_SWORN_STATEMENT, NULL)) != NULL)
        {
          g_autofree char *quoted = _ms_rules_isolate (keyword);

          _ms_rule_report (ctx, g_strdup_printf ("documents[%u].sworn_statement_allowed", i),
                           _("Law 55-19 art. 8: a sworn statement could replace “%s”; accept one"),
                           quoted);
        }
    }
}

/* many-documents: warning, path "documents", when more than 8 documents are
 * listed. */
static void
rule_many_documents (MsRuleContext *ctx,
                     MsProcedure   *p)
{
  if (p->documents != NULL && p->documents->len > MANY_DOCUMENTS)
    _ms_rule_report (ctx, g_strdup ("documents"),
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Law 55-19 art. 4: %u document is asked; ask only what the act needs",
                                  "Law 55-19 art. 4: %u documents are asked; ask only what the act needs",
                                  p->documents->len),
                     p->documents->len);
}

const MsRule _ms_rules_documents[] = {
  { { "documents-source", MS_SEVERITY_ERROR, "6, 23",
      N_("Who provides each document") }, rule_documents_source },
  { { "one-copy", MS_SEVERITY_ERROR, "7",
      N_("One copy of each document") }, rule_one_copy },
  { { "no-legalisation", MS_SEVERITY_ERROR, "7",
      N_("No legalised signatures") }, rule_no_legalisation },
  { { "no-certified-copy", MS_SEVERITY_ERROR, "7",
      N_("No certified copies") }, rule_no_certified_copy },
  { { "closed-list", MS_SEVERITY_ERROR, "3, 10",
      N_("Closed list of documents") }, rule_closed_list },
  { { "duplicate-document", MS_SEVERITY_ERROR, "4",
      N_("No document asked twice") }, rule_duplicate_document },
  { { "held-by-administration", MS_SEVERITY_WARNING, "23, 24, 25",
      N_("Documents the administration can obtain") }, rule_held_by_administration },
  { { "sworn-statement", MS_SEVERITY_WARNING, "8",
      N_("Sworn statement instead of a certificate") }, rule_sworn_statement },
  { { "many-documents", MS_SEVERITY_WARNING, "4",
      N_("A proportionate number of documents") }, rule_many_documents },
};
const guint _ms_rules_documents_len = G_N_ELEMENTS (_ms_rules_documents);
