/* test-validator.c — the law 55-19 rules, rule by rule, and the demo catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ms-core-error.h"
#include "ms-procedure.h"
#include "ms-rule-data.h"
#include "ms-validator.h"
#include "ms-vocabulary.h"
#include "test-util.h"

/* A sheet that passes every rule, errors and warnings alike (with today =
 * 2026-01-01); each case below changes a few members of it. */
static const char base_sheet[] =
  "{"
  "  \"id\": \"11111111-2222-4333-8444-555555555555\","
  "  \"code\": \"TEST-0001\","
  "  \"title\": {\"ar\": \"رخصة فتح محل تجاري\", \"fr\": \"Licence d'ouverture d'un commerce\","
  "             \"zgh\": \"ⵜⴰⵙⵏⴰⴷⵜ ⵏ ⵜⵃⴰⵏⵓⵜ\"},"
  "  \"summary\": {\"ar\": \"تسمح هذه الرخصة بفتح محل تجاري.\", \"fr\": \"Cette licence permet d'ouvrir un commerce.\"},"
  "  \"act_kind\": \"licence\","
  "  \"audiences\": [\"business\"],"
  "  \"themes\": [\"business-creation\"],"
  "  \"administration\": \"interior\","
  "  \"admin_level\": \"central\","
  "  \"receiving\": [{\"ar\": \"مكتب الضبط\", \"fr\": \"Bureau d'ordre\"}],"
  "  \"output\": {\"name\": {\"ar\": \"رخصة\", \"fr\": \"Licence\"}, \"validity_days\": 365},"
  "  \"conditions\": [{\"ar\": \"أن يكون الطالب راشدا.\", \"fr\": \"Être majeur.\"}],"
  "  \"documents\": ["
  "    {\"id\": \"d1\", \"name\": {\"ar\": \"طلب موقع\", \"fr\": \"Demande signée\"}, \"copies\": 1,"
  "     \"provided_by\": \"user\", \"issuer\": \"user\", \"certified\": false, \"legal_basis\": [\"l1\"]},"
  "    {\"id\": \"d2\", \"name\": {\"ar\": \"تصميم المحل\", \"fr\": \"Plan du local\"}, \"copies\": 1,"
  "     \"provided_by\": \"user\", \"issuer\": \"user\"},"
  "    {\"id\": \"d3\", \"name\": {\"ar\": \"عقد الكراء\", \"fr\": \"Contrat de bail\"}, \"copies\": 1,"
  "     \"provided_by\": \"user\", \"issuer\": \"user\"},"
  "    {\"id\": \"d4\", \"name\": {\"ar\": \"رأي الوقاية المدنية\", \"fr\": \"Avis de la protection civile\"},"
  "     \"copies\": 1, \"provided_by\": \"administration\", \"issuer\": \"other_administration\","
  "     \"issuer_name\": {\"ar\": \"الوقاية المدنية\", \"fr\": \"Protection civile\"}}"
  "  ],"
  "  \"steps\": [{\"id\": \"s1\", \"title\": {\"ar\": \"إيداع الطلب\", \"fr\": \"Déposer la demande\"},"
  "              \"actor\": \"user\", \"days\": 0}],"
  "  \"deadline_days\": 30,"
  "  \"investment_act\": false,"
  "  \"silence_is_acceptance\": false,"
  "  \"fees\": [{\"id\": \"f1\", \"label\": {\"ar\": \"رسم\", \"fr\": \"Droit\"}, \"amount_centimes\": 10000,"
  "            \"legal_basis\": [\"l1\"]}],"
  "  \"channels\": [{\"kind\": \"counter\", \"where\": {\"ar\": \"الجماعة\", \"fr\": \"La commune\"}},"
  "               {\"kind\": \"online\", \"url\": \"https://example.ma/depot\"}],"
  "  \"legal_basis\": [{\"id\": \"l1\", \"kind\": \"loi\", \"number\": \"55-19\", \"date\": \"2020-03-06\"}],"
  "  \"appeal\": {\"authority\": {\"ar\": \"العامل\", \"fr\": \"Le gouverneur\"},"
  "             \"text\": {\"ar\": \"تظلم داخل أجل ثلاثين يوما.\", \"fr\": \"Recours dans les 30 jours.\"}},"
  "  \"approval_decision\": {\"body\": \"national_commission\", \"reference\": \"CN-1\", \"date\": \"2021-03-01\"},"
  "  \"contact\": {\"email\": \"contact@example.ma\"},"
  "  \"review_due\": \"2027-01-01\""
  "}";

/* Member names and list indices: "documents[1].name.fr". */
static JsonNode *
walk (JsonNode    *node,
      const char  *segment,
      JsonObject **object,
      const char **member,
      JsonArray  **array,
      guint       *index)
{
  g_auto(GStrv) parts = g_strsplit_set (segment, "[]", -1);

  *object = NULL;
  *array = NULL;
  if (parts[0][0] != '\0')
    {
      *object = json_node_get_object (node);
      *member = g_intern_string (parts[0]);
      if (parts[1] == NULL)
        return json_object_get_member (*object, parts[0]);
      node = json_object_get_member (*object, parts[0]);
      *object = NULL;
    }
  *array = json_node_get_array (node);
  *index = (guint) g_ascii_strtoull (parts[1], NULL, 10);
  return *index < json_array_get_length (*array) ? json_array_get_element (*array, *index) : NULL;
}

/* Sets the member at @path to the JSON text @value, or removes it when
 * @value is NULL. */
static void
edit (JsonNode   *root,
      const char *path,
      const char *value)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  JsonNode *node = root;
  JsonObject *object = NULL;
  JsonArray *array = NULL;
  const char *member = NULL;
  guint index = 0;

  for (guint i = 0; segments[i] != NULL; i++)
    {
      node = walk (node, segments[i], &object, &member, &array, &index);
      g_assert_true (node != NULL || segments[i + 1] == NULL);
    }

  if (object != NULL && value != NULL)
    json_object_set_member (object, member, json_from_string (value, NULL));
  else if (object != NULL)
    json_object_remove_member (object, member);
  else
    {
      /* List items are only removed: json-glib 1.6 cannot replace one. */
      g_assert_null (value);
      json_array_remove_element (array, index);
    }
}

typedef struct {
  const char *path;
  const char *value;     /* JSON text; NULL removes the member */
} Edit;

#define MAX_EDITS 3

typedef struct {
  const char *rule;
  gboolean    fires;
  const char *path;      /* of the issue, when it fires */
  Edit        edits[MAX_EDITS];
} Case;

static MsValidator *
test_validator (void)
{
  static MsValidator *validator;

  if (validator == NULL)
    {
      g_autoptr(GError) error = NULL;
      GDate today;

      validator = ms_validator_get_default (&error);
      g_assert_no_error (error);
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 1, G_DATE_JANUARY, 2026);
      ms_validator_set_today (validator, &today);
    }
  return validator;
}

static MsProcedure *
sheet_with (const Edit *edits,
            guint       n_edits)
{
  g_autoptr(JsonNode) root = json_from_string (base_sheet, NULL);
  g_autoptr(GError) error = NULL;
  MsProcedure *p;

  g_assert_nonnull (root);
  for (guint i = 0; i < n_edits && edits[i].path != NULL; i++)
    edit (root, edits[i].path, edits[i].value);
  p = ms_procedure_new_from_json (root, &error);
  g_assert_no_error (error);
  return p;
}

static void
dump_issues (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);

      g_test_message ("  %s %s %s: %s", ms_severity_to_string (issue->severity), issue->rule,
                      issue->path, issue->message);
    }
}

static void
test_base_is_clean (void)
{
  g_autoptr(MsProcedure) p = sheet_with (NULL, 0);
  g_autoptr(GPtrArray) issues = ms_validator_check (test_validator (), p);

  dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 0);
}

static const Case cases[] = {
  /* title-ar, title-fr */
  { "title-ar", TRUE, "title.ar", { { "title.ar", NULL } } },
  { "title-ar", TRUE, "title.ar", { { "title.ar", "\"_\"" } } },
  { "title-ar", FALSE, NULL, { { "title.ar", "\"رخصة\"" } } },
  { "title-fr", TRUE, "title.fr", { { "title.fr", NULL } } },
  { "title-fr", FALSE, NULL, { { "title.fr", "\"Licence\"" } } },

  /* legal-basis */
  { "legal-basis", TRUE, "legal_basis", { { "legal_basis", "[]" }, { "fees", "[]" }, { "documents[0].legal_basis", "[]" } } },
  { "legal-basis", TRUE, "legal_basis", { { "legal_basis", NULL }, { "fees", "[]" } } },
  { "legal-basis", TRUE, "legal_basis[0].date", { { "legal_basis[0].date", NULL } } },
  { "legal-basis", TRUE, "legal_basis[0].number", { { "legal_basis[0].number", NULL } } },
  { "legal-basis", TRUE, "legal_basis[0].kind", { { "legal_basis[0].kind", NULL } } },
  { "legal-basis", FALSE, NULL, { { "legal_basis[0].articles", "\"7\"" } } },

  /* administration */
  { "administration", TRUE, "administration", { { "administration", NULL } } },
  { "administration", TRUE, "receiving", { { "receiving", "[]" } } },
  { "administration", FALSE, NULL, { { "delivering", "[]" } } },

  /* documents-source */
  { "documents-source", TRUE, "documents[1].provided_by", { { "documents[1].provided_by", NULL } } },
  { "documents-source", TRUE, "documents[3].issuer_name", { { "documents[3].issuer_name", NULL } } },
  { "documents-source", FALSE, NULL, { { "documents[1].issuer", NULL } } },

  /* one-copy */
  { "one-copy", TRUE, "documents[1].copies", { { "documents[1].copies", "2" } } },
  { "one-copy", TRUE, "documents[1].copies", { { "documents[1].copies", NULL } } },
  { "one-copy", TRUE, "documents[1].condition", { { "documents[1].condition", "{\"ar\": \"يقدم في نسختين\"}" } } },
  { "one-copy", TRUE, "documents[2].name", { { "documents[2].name.ar", "\"عقد الكراء (نُسختان)\"" } } },
  { "one-copy", TRUE, "conditions[0]", { { "conditions[0].fr", "\"Déposer le dossier en double exemplaire.\"" } } },
  { "one-copy", TRUE, "steps[0].title", { { "steps[0].title.fr", "\"Remettre la demande en 2 exemplaires\"" } } },
  { "one-copy", FALSE, NULL, { { "documents[2].name", "{\"ar\": \"نسخة من عقد الكراء\", \"fr\": \"Copie du contrat de bail (un exemplaire)\"}" } } },
  { "one-copy", FALSE, NULL, { { "documents[2].name.fr", "\"Contrat de bail (12 pages, recto verso)\"" } } },
  { "one-copy", FALSE, NULL, { { "summary.fr", "\"La licence est remise en deux exemplaires.\"" } } },

  /* no-legalisation */
  { "no-legalisation", TRUE, "documents[0].name", { { "documents[0].name.ar", "\"طلب مصحح الإمضاء\"" } } },
  { "no-legalisation", TRUE, "documents[0].name", { { "documents[0].name.ar", "\"طلب مُصَحَّح الإِمْضَاء\"" } } },
  { "no-legalisation", TRUE, "documents[0].name", { { "documents[0].name.ar", "\"التزام مصادق على صحة الإمضاء\"" } } },
  { "no-legalisation", TRUE, "documents[0].name", { { "documents[0].name.fr", "\"Demande avec signature légalisée\"" } } },
  { "no-legalisation", TRUE, "documents[0].condition", { { "documents[0].condition", "{\"fr\": \"LÉGALISATION obligatoire\"}" } } },
  { "no-legalisation", FALSE, NULL, { { "documents[0].name", "{\"ar\": \"طلب موقع من طرف المعني بالأمر\", \"fr\": \"Demande signée par l'intéressé\"}" } } },
  { "no-legalisation", FALSE, NULL, { { "title.fr", "\"Légalisation de signature\"" } } },

  /* no-certified-copy */
  { "no-certified-copy", TRUE, "documents[2].certified", { { "documents[2].certified", "true" } } },
  { "no-certified-copy", TRUE, "documents[2].name", { { "documents[2].name.ar", "\"نسخة مطابقة للأصل من عقد الكراء\"" } } },
  { "no-certified-copy", TRUE, "documents[2].name", { { "documents[2].name.ar", "\"نُسخة مُطابِقة للأصل من عقد الكراء\"" } } },
  { "no-certified-copy", TRUE, "documents[2].name", { { "documents[2].name.fr", "\"Copie Certifiée Conforme du bail\"" } } },
  { "no-certified-copy", TRUE, "documents[2].name", { { "documents[2].name.fr", "\"Copie certifiee conforme du bail\"" } } },
  { "no-certified-copy", FALSE, NULL, { { "documents[2].certified", "false" }, { "documents[2].name", "{\"ar\": \"نسخة من عقد الكراء\", \"fr\": \"Copie du contrat de bail\"}" } } },

  /* closed-list */
  { "closed-list", TRUE, "documents[2].name", { { "documents[2].name.ar", "\"وكل وثيقة أخرى تطلبها الإدارة\"" } } },
  { "closed-list", TRUE, "documents[2].name", { { "documents[2].name.ar", "\"الوثائق التقنية… إلخ\"" } } },
  { "closed-list", TRUE, "documents[2].name", { { "documents[2].name.fr", "\"Toute pièce jugée utile\"" } } },
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.fr", "\"Plans, coupes, etc.\"" } } },
  { "closed-list", TRUE, "documents[1].section", { { "documents[1].section", "{\"fr\": \"Pièces techniques…\"}" } } },
  { "closed-list", FALSE, NULL, { { "documents[1].name", "{\"ar\": \"تصميم المحل الخدماتي\", \"fr\": \"Plan du local (échelle 1/100)\"}" } } },
  { "closed-list", FALSE, NULL, { { "conditions[0].fr", "\"Commerçants, artisans, etc.\"" } } },
  /* ... as the portal writes them: two dots, "etc" without its dot, "or any
   * document as the case may be". */
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.fr", "\"Plans, coupes..\"" } } },
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.fr", "\"Plans, coupes etc\"" } } },
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.fr", "\"Plans, coupes, etc, selon le dossier\"" } } },
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.ar", "\"الدفتر العائلي أو أي وثيقة حسب الحالة\"" } } },
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.ar", "\"عقد الكراء وكل وثيقة أخرى\"" } } },
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.ar", "\"أو أية وثيقة حسب الحالة\"" } } },
  { "closed-list", TRUE, "documents[1].name", { { "documents[1].name.fr", "\"Toute pièce selon le cas\"" } } },
  { "closed-list", FALSE, NULL, { { "documents[1].name.fr", "\"Plan du local (version 2.1, échelle 1/100)\"" } } },
  { "closed-list", FALSE, NULL, { { "documents[1].name.ar", "\"شهادة طبية حسب نوع الرخصة\"" } } },

  /* duplicate-document */
  { "duplicate-document", TRUE, "documents[2].name", { { "documents[2].name.fr", "\"DEMANDE  SIGNEE\"" } } },
  { "duplicate-document", TRUE, "documents[2].name", { { "documents[2].name.ar", "\"طَلَب مُوَقَّع\"" } } },
  { "duplicate-document", FALSE, NULL, { { "documents[2].name.fr", "\"Demande signée du gérant\"" } } },
  { "duplicate-document", FALSE, NULL, { { "documents[2].name.ar", "\"طلب موقع من المسير\"" } } },

  /* fee-basis */
  { "fee-basis", TRUE, "fees[0].legal_basis", { { "fees[0].legal_basis", "[]" } } },
  { "fee-basis", TRUE, "fees[0].legal_basis", { { "fees[0].legal_basis", "[\"l9\"]" } } },
  { "fee-basis", TRUE, "fees[0].legal_basis", { { "fees[0].legal_basis", NULL } } },
  { "fee-basis", FALSE, NULL, { { "fees[0].legal_basis", "[]" }, { "fees[0].amount_centimes", "0" } } },

  /* deadline-max, deadline-investment */
  { "deadline-max", TRUE, "deadline_days", { { "deadline_days", NULL } } },
  { "deadline-max", TRUE, "deadline_days", { { "deadline_days", "90" } } },
  { "deadline-max", FALSE, NULL, { { "deadline_days", "60" } } },
  { "deadline-max", FALSE, NULL, { { "deadline_days", "0" } } },
  { "deadline-investment", TRUE, "deadline_days", { { "investment_act", "true" }, { "deadline_days", "45" } } },
  { "deadline-investment", FALSE, NULL, { { "investment_act", "true" }, { "deadline_days", "30" } } },
  { "deadline-investment", FALSE, NULL, { { "investment_act", "false" }, { "deadline_days", "45" } } },

  /* deadline-max with working days: art. 16 counts calendar days; 45
   * working days are 63 calendar days, 40 are 56. */
  { "deadline-max", TRUE, "deadline_days", { { "deadline_days", "45" }, { "deadline_working_days", "true" } } },
  { "deadline-max", FALSE, NULL, { { "deadline_days", "40" }, { "deadline_working_days", "true" } } },
  { "deadline-max", FALSE, NULL, { { "deadline_days", "45" }, { "deadline_working_days", "false" } } },
  { "deadline-investment", TRUE, "deadline_days", { { "investment_act", "true" }, { "deadline_days", "25" }, { "deadline_working_days", "true" } } },
  { "deadline-investment", FALSE, NULL, { { "investment_act", "true" }, { "deadline_days", "21" }, { "deadline_working_days", "true" } } },

  /* silence-effect */
  { "silence-effect", TRUE, "silence_is_acceptance", { { "silence_is_acceptance", NULL } } },
  { "silence-effect", TRUE, "silence_decree", { { "silence_is_acceptance", "true" } } },
  { "silence-effect", FALSE, NULL, { { "silence_is_acceptance", "true" }, { "silence_decree", "\"2-22-141\"" } } },

  /* appeal */
  { "appeal", TRUE, "appeal", { { "appeal", NULL } } },
  { "appeal", TRUE, "appeal.text", { { "appeal.text.fr", NULL }, { "appeal.authority.fr", NULL } } },
  { "appeal", TRUE, "appeal.text", { { "appeal.text.ar", NULL }, { "appeal.authority", NULL } } },
  { "appeal", FALSE, NULL, { { "appeal.text.fr", NULL } } },
  { "appeal", FALSE, NULL, { { "appeal.authority", NULL } } },

  /* channel */
  { "channel", TRUE, "channels", { { "channels", "[]" } } },
  { "channel", TRUE, "channels[1].url", { { "channels[1].url", "\"http://example.ma/depot\"" } } },
  { "channel", TRUE, "channels[1].url", { { "channels[1].url", NULL } } },
  { "channel", TRUE, "channels[1].url", { { "channels[1].url", "\"https://\"" } } },
  { "channel", FALSE, NULL, { { "channels[1].url", "\"HTTPS://portail.example.ma/a?b=c\"" } } },

  /* classification */
  { "classification", TRUE, "audiences", { { "audiences", "[]" } } },
  { "classification", TRUE, "themes", { { "themes", NULL } } },
  { "classification", FALSE, NULL, { { "life_events", "[]" } } },

  /* zgh-missing */
  { "zgh-missing", TRUE, "title.zgh", { { "title.zgh", NULL } } },
  { "zgh-missing", FALSE, NULL, { { "title.zgh", "\"ⵜⴰⵙⵏⴰⴷⵜ\"" } } },

  /* wrong-script */
  { "wrong-script", TRUE, "title.fr", { { "title.fr", "\"رخصة فتح محل تجاري\"" } } },
  { "wrong-script", TRUE, "title.ar", { { "title.ar", "\"Licence d'ouverture\"" } } },
  { "wrong-script", TRUE, "title.zgh", { { "title.zgh", "\"Tasnadt\"" } } },
  { "wrong-script", TRUE, "summary.ar", { { "summary.ar", "\"Cette licence permet d'ouvrir un commerce.\"" } } },
  { "wrong-script", TRUE, "documents[1].name.fr", { { "documents[1].name.fr", "\"تصميم المحل\"" } } },
  { "wrong-script", FALSE, NULL, { { "documents[1].name", "{\"ar\": \"البطاقة الوطنية CNIE\", \"fr\": \"Carte nationale (البطاقة)\"}" } } },
  { "wrong-script", FALSE, NULL, { { "title.fr", "\"55-19\"" } } },

  /* held-by-administration */
  { "held-by-administration", TRUE, "documents[1].provided_by", { { "documents[1].name", "{\"ar\": \"نسخة من رسم الولادة\", \"fr\": \"Extrait d'acte de naissance\"}" } } },
  { "held-by-administration", TRUE, "documents[1].provided_by", { { "documents[1].name.ar", "\"عقد الازدياد\"" } } },
  { "held-by-administration", TRUE, "documents[1].provided_by", { { "documents[1].name.fr", "\"Photocopie de la CIN\"" } } },
  { "held-by-administration", TRUE, "documents[1].provided_by", { { "documents[1].name.fr", "\"Extrait du casier judiciaire\"" } } },
  { "held-by-administration", TRUE, "documents[1].provided_by", { { "documents[1].issuer", "\"other_administration\"" }, { "documents[1].issuer_name", "{\"fr\": \"Commune\"}" } } },
  /* A document listed without saying who provides it is asked of the user
   * (how the portal shows it). */
  { "held-by-administration", TRUE, "documents[1].provided_by", { { "documents[1].provided_by", NULL }, { "documents[1].name.fr", "\"Extrait d'acte de naissance\"" } } },
  { "held-by-administration", FALSE, NULL, { { "documents[3].name", "{\"ar\": \"عقد الازدياد\", \"fr\": \"Acte de naissance\"}" } } },
  { "held-by-administration", FALSE, NULL, { { "documents[1].name.fr", "\"Certificat du médecin\"" } } },
  { "held-by-administration", FALSE, NULL, { { "documents[1].name.ar", "\"شهادة طبية\"" } } },

  /* sworn-statement */
  { "sworn-statement", TRUE, "documents[1].sworn_statement_allowed", { { "documents[1].name.ar", "\"شهادة السكنى\"" } } },
  { "sworn-statement", TRUE, "documents[1].sworn_statement_allowed", { { "documents[1].name.fr", "\"Certificat de vie\"" }, { "documents[1].sworn_statement_allowed", "false" } } },
  { "sworn-statement", FALSE, NULL, { { "documents[1].name.fr", "\"Certificat de vie\"" }, { "documents[1].sworn_statement_allowed", "true" } } },
  { "sworn-statement", FALSE, NULL, { { "documents[3].name.ar", "\"شهادة السكنى\"" } } },

  /* many-documents: the list is set by test_many_documents */

  /* no-online, no-steps, no-contact, validity-missing */
  { "no-online", TRUE, "channels", { { "channels[1]", NULL } } },
  { "no-online", FALSE, NULL, { { "channels[0]", NULL } } },
  { "no-steps", TRUE, "steps", { { "steps", "[]" } } },
  { "no-steps", TRUE, "steps", { { "steps", NULL } } },
  { "no-steps", FALSE, NULL, { { "steps[0].title", NULL } } },
  { "no-contact", TRUE, "contact", { { "contact", NULL } } },
  { "no-contact", TRUE, "contact", { { "contact", "{\"phone\": \"  \"}" } } },
  { "no-contact", FALSE, NULL, { { "contact", "{\"phone\": \"+212 5 37 00 00 00\"}" } } },
  { "validity-missing", TRUE, "output.validity_days", { { "output.validity_days", NULL } } },
  { "validity-missing", TRUE, "output.validity_days", { { "output", NULL } } },
  { "validity-missing", FALSE, NULL, { { "output.validity_days", "0" } } },

  /* readability: long sentences are set by test_readability */
  { "readability", TRUE, "documents", { { "documents[1].name.fr", NULL } } },
  { "readability", FALSE, NULL, { { "documents[1].name", "{\"ar\": \"تصميم\", \"fr\": \"Plan\", \"en\": \"Plan\"}" } } },

  /* review-due (today is 2026-01-01) */
  { "review-due", TRUE, "review_due", { { "review_due", "\"2025-12-31\"" } } },
  { "review-due", TRUE, "review_due", { { "review_due", NULL } } },
  { "review-due", FALSE, NULL, { { "review_due", "\"2026-01-01\"" } } },

  /* approval-decision */
  { "approval-decision", TRUE, "approval_decision", { { "approval_decision", NULL } } },
  { "approval-decision", TRUE, "approval_decision.body", { { "admin_level", "\"collectivity\"" } } },
  { "approval-decision", TRUE, "approval_decision.body", { { "approval_decision.body", "\"interior_ministry\"" } } },
  { "approval-decision", FALSE, NULL, { { "admin_level", "\"collectivity\"" }, { "approval_decision.body", "\"interior_ministry\"" } } },
  { "approval-decision", FALSE, NULL, { { "admin_level", NULL } } },
};

static void
assert_case (const Case  *c,
             MsProcedure *p)
{
  g_autoptr(GPtrArray) issues = ms_validator_check (test_validator (), p);
  gboolean found = FALSE;

  for (guint i = 0; i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);

      if (strcmp (issue->rule, c->rule) != 0)
        continue;
      if (!c->fires || g_strcmp0 (issue->path, c->path) == 0)
        found = TRUE;
      /* The issue carries the catalogue's severity and article, and a
       * message that says what to do. */
      g_assert_cmpint (issue->severity, ==, ms_validator_lookup_rule (c->rule)->severity);
      g_assert_cmpstr (issue->article, ==, ms_validator_lookup_rule (c->rule)->article);
      g_assert_cmpuint (strlen (issue->message), >, 20);
    }
  if (found != c->fires)
    {
      dump_issues (issues);
      g_error ("rule %s with %s=%s: expected %s at %s", c->rule, c->edits[0].path,
               c->edits[0].value ? c->edits[0].value : "(removed)",
               c->fires ? "an issue" : "no issue", c->path ? c->path : "-");
    }
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(MsProcedure) p = sheet_with (c->edits, MAX_EDITS);

  assert_case (c, p);
}

/* Every rule id of the catalogue has a case that fires and one that does not. */
static void
test_every_rule_is_tested (void)
{
  static const char * const extra[] = { "many-documents", NULL };

  for (guint r = 0; r < ms_validator_get_n_rules (); r++)
    {
      const char *id = ms_validator_get_rule (r)->id;
      gboolean fires = FALSE, quiet = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        if (strcmp (cases[i].rule, id) == 0)
          {
            fires = fires || cases[i].fires;
            quiet = quiet || !cases[i].fires;
          }
      if (g_strv_contains (extra, id))
        continue;
      if (!fires || !quiet)
        g_error ("rule %s lacks a case that fires or one that does not", id);
    }
}

static void
test_catalogue (void)
{
  static const char * const errors[] = {
    "title-ar", "title-fr", "legal-basis", "administration", "documents-source", "one-copy",
    "no-legalisation", "no-certified-copy", "closed-list", "duplicate-document", "fee-basis",
    "deadline-max", "deadline-investment", "silence-effect", "appeal", "channel", "classification",
  };
  static const char * const warnings[] = {
    "zgh-missing", "wrong-script", "held-by-administration", "sworn-statement", "many-documents",
    "no-online", "no-steps", "validity-missing", "readability", "review-due", "no-contact",
    "approval-decision",
  };

  g_assert_cmpuint (ms_validator_get_n_rules (), ==, G_N_ELEMENTS (errors) + G_N_ELEMENTS (warnings));
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_assert_nonnull (ms_validator_lookup_rule (errors[i]));
      g_assert_cmpint (ms_validator_lookup_rule (errors[i])->severity, ==, MS_SEVERITY_ERROR);
    }
  for (guint i = 0; i < G_N_ELEMENTS (warnings); i++)
    {
      g_assert_nonnull (ms_validator_lookup_rule (warnings[i]));
      g_assert_cmpint (ms_validator_lookup_rule (warnings[i])->severity, ==, MS_SEVERITY_WARNING);
    }
  g_assert_null (ms_validator_lookup_rule ("no-such-rule"));
  g_assert_cmpstr (ms_validator_lookup_rule ("one-copy")->article, ==, "7");
}

/* Every rule has a short human name of its own, so that a rule cannot be
 * added to a table without one and two rules never read the same. */
static void
test_rule_names (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ms_validator_get_n_rules (); i++)
    {
      const MsRuleInfo *info = ms_validator_get_rule (i);
      const char *name = ms_rule_get_name (info->id);

      g_test_message ("%s: %s", info->id, name);
      g_assert_nonnull (info->name);
      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (name), >, 3);
      g_assert_cmpstr (name, !=, info->id);
      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (gpointer) name);
    }
  g_assert_cmpuint (g_hash_table_size (names), ==, 29);
  g_assert_cmpstr (ms_rule_get_name ("no-legalisation"), ==, "No legalised signatures");
  g_assert_cmpstr (ms_rule_get_name ("one-copy"), ==, "One copy of each document");
  g_assert_cmpstr (ms_rule_get_name ("fee-basis"), ==, "Every fee rests on a legal text");
  g_assert_null (ms_rule_get_name ("no-such-rule"));
  g_assert_null (ms_rule_get_name (""));
  g_assert_null (ms_rule_get_name ("One-copy"));
}

static char *
documents_json (guint n)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"d%u\", \"name\": {\"ar\": \"وثيقة رقم %u\", \"fr\": \"Pièce numéro %u\"},"
                            " \"copies\": 1, \"provided_by\": \"user\", \"issuer\": \"user\"}",
                            i > 0 ? ", " : "", i + 1, i + 1, i + 1);
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
test_many_documents (void)
{
  g_autofree char *nine = documents_json (9);
  g_autofree char *eight = documents_json (8);
  Case fires = { "many-documents", TRUE, "documents", { { "documents", nine } } };
  Case quiet = { "many-documents", FALSE, NULL, { { "documents", eight } } };
  g_autoptr(MsProcedure) p9 = sheet_with (fires.edits, MAX_EDITS);
  g_autoptr(MsProcedure) p8 = sheet_with (quiet.edits, MAX_EDITS);

  assert_case (&fires, p9);
  assert_case (&quiet, p8);
}

static char *
sentence (const char *word,
          guint       n)
{
  g_autoptr(GString) text = g_string_new ("\"");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "", word);
  g_string_append (text, ". ");
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (text, "%s ", word);
  g_string_append (text, "\"");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_readability (void)
{
  g_autofree char *fr31 = sentence ("mot", 31);
  g_autofree char *fr30 = sentence ("mot", 30);
  g_autofree char *ar31 = sentence ("كلمة", 31);
  g_autofree char *ar30 = sentence ("كلمة", 30);
  const Case cases_[] = {
    { "readability", TRUE, "summary.fr", { { "summary.fr", fr31 } } },
    { "readability", FALSE, NULL, { { "summary.fr", fr30 } } },
    { "readability", TRUE, "conditions[0].ar", { { "conditions[0].ar", ar31 } } },
    { "readability", FALSE, NULL, { { "conditions[0].ar", ar30 } } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases_); i++)
    {
      g_autoptr(MsProcedure) p = sheet_with (cases_[i].edits, MAX_EDITS);

      assert_case (&cases_[i], p);
    }
}

/* Errors first, then paths with indices in numeric order; the input order
 * of the rules is kept among equal paths. */
static void
test_order (void)
{
  g_autofree char *eleven = documents_json (11);
  const Edit edits[] = {
    { "title.zgh", NULL },
    { "documents", eleven },
    { "review_due", NULL },
  };
  g_autoptr(MsProcedure) p = sheet_with (edits, G_N_ELEMENTS (edits));
  g_autoptr(GPtrArray) issues = NULL;
  MsIssue *previous = NULL;

  ((MsDocument *) g_ptr_array_index (p->documents, 10))->copies = 3;
  ((MsDocument *) g_ptr_array_index (p->documents, 2))->copies = 2;

  issues = ms_validator_check (test_validator (), p);
  dump_issues (issues);
  g_assert_cmpuint (ms_issues_count (issues, MS_SEVERITY_ERROR), ==, 2);
  g_assert_cmpuint (ms_issues_count (issues, MS_SEVERITY_WARNING), ==, 3);
  g_assert_true (ms_issues_has_errors (issues));
  g_assert_true (ms_issues_has_rule (issues, "zgh-missing"));
  g_assert_true (ms_issues_has_rule (issues, "many-documents"));
  g_assert_cmpstr (((MsIssue *) g_ptr_array_index (issues, 0))->path, ==, "documents[2].copies");
  g_assert_cmpstr (((MsIssue *) g_ptr_array_index (issues, 1))->path, ==, "documents[10].copies");
  g_assert_cmpstr (((MsIssue *) g_ptr_array_index (issues, 2))->path, ==, "documents");
  for (guint i = 0; i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);

      if (previous != NULL)
        g_assert_cmpint (ms_issue_compare (&previous, &issue), <=, 0);
      previous = issue;
    }
}

/* Without a fixed day, review_due is compared with the real date. */
static void
test_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsRuleData) data = NULL;
  g_autoptr(MsValidator) validator = NULL;
  g_autofree char *dir = g_build_filename (ms_get_data_dir (), "rules", NULL);
  const Edit past[] = { { "review_due", "\"2000-01-01\"" } };
  const Edit future[] = { { "review_due", "\"2999-01-01\"" } };
  g_autoptr(MsProcedure) old = sheet_with (past, 1);
  g_autoptr(MsProcedure) later = sheet_with (future, 1);
  g_autoptr(GPtrArray) old_issues = NULL;
  g_autoptr(GPtrArray) later_issues = NULL;
  GDate day;

  data = ms_rule_data_load (dir, &error);
  g_assert_no_error (error);
  validator = ms_validator_new (data);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, 1990);
  ms_validator_set_today (validator, &day);
  ms_validator_set_today (validator, NULL);

  old_issues = ms_validator_check (validator, old);
  later_issues = ms_validator_check (validator, later);
  g_assert_true (ms_issues_has_rule (old_issues, "review-due"));
  g_assert_false (ms_issues_has_rule (later_issues, "review-due"));
}

/* No rule may crash or misread a sheet that says almost nothing. */
static void
test_minimal_sheets (void)
{
  static const char * const sheets[] = {
    "{\"id\": \"11111111-2222-4333-8444-555555555555\"}",
    "{\"id\": \"11111111-2222-4333-8444-555555555555\", \"audiences\": [], \"themes\": [],"
    " \"receiving\": [], \"conditions\": [], \"documents\": [], \"steps\": [], \"fees\": [],"
    " \"channels\": [], \"legal_basis\": [], \"forms\": [], \"appeal\": {}, \"contact\": {},"
    " \"output\": {}, \"extension\": {}, \"approval_decision\": {}}",
    "{\"id\": \"11111111-2222-4333-8444-555555555555\", \"documents\": [{\"id\": \"d1\"}, {\"id\": \"d2\"}],"
    " \"fees\": [{\"id\": \"f1\"}], \"channels\": [{\"kind\": \"online\"}, {\"kind\": \"counter\"}], \"steps\": [{\"id\": \"s1\"}],"
    " \"legal_basis\": [{\"id\": \"l1\"}], \"title\": {\"en\": \"Only English\"}}",
  };
  static const char * const expected[] = {
    "title-ar", "title-fr", "legal-basis", "administration", "deadline-max", "silence-effect",
    "appeal", "channel", "classification",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MsProcedure) p = ms_procedure_new_from_data (sheets[i], -1, &error);
      g_autoptr(GPtrArray) issues = NULL;

      g_assert_no_error (error);
      issues = ms_validator_check (test_validator (), p);
      dump_issues (issues);
      for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
        g_assert_true (ms_issues_has_rule (issues, expected[e]));
    }

  {
    g_autoptr(MsProcedure) empty = ms_procedure_new (NULL);
    g_autoptr(GPtrArray) issues = ms_validator_check (test_validator (), empty);

    g_assert_true (ms_issues_has_errors (issues));
  }
}

static GHashTable *
error_rules (GPtrArray *issues)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == MS_SEVERITY_ERROR)
        g_hash_table_add (set, issue->rule);
    }
  return set;
}

static gboolean
has_error_at (GPtrArray  *issues,
              const char *rule,
              const char *path)
{
  for (guint i = 0; i < issues->len; i++)
    {
      MsIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == MS_SEVERITY_ERROR && strcmp (issue->rule, rule) == 0
          && strcmp (issue->path, path) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The demo catalog's planted errors are found, exactly, at their paths. */
static void
test_demo_catalog (void)
{
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "data", "demo-planted.json", NULL);
  g_autofree char *dir = g_build_filename (ms_get_data_dir (), "demo", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  JsonObject *key;
  const char *name;
  guint n_files = 0;

  g_assert_true (json_parser_load_from_file (parser, key_path, &error));
  g_assert_no_error (error);
  key = json_node_get_object (json_parser_get_root (parser));

  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(MsProcedure) p = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GHashTable) found = NULL;
      JsonObject *planted;
      JsonArray *rules, *paths;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      n_files++;
      if (!json_object_has_member (key, name))
        g_error ("%s is not in demo-planted.json", name);
      planted = json_object_get_object_member (key, name);
      rules = json_object_get_array_member (planted, "errors");
      paths = json_object_get_array_member (planted, "paths");

      path = g_build_filename (dir, name, NULL);
      p = ms_procedure_new_from_file (path, &error);
      g_assert_no_error (error);
      issues = ms_validator_check (test_validator (), p);
      found = error_rules (issues);

      g_test_message ("%s", name);
      dump_issues (issues);
      for (guint i = 0; i < json_array_get_length (rules); i++)
        {
          const char *rule = json_array_get_string_element (rules, i);

          if (!g_hash_table_remove (found, rule))
            g_error ("%s: planted error %s not found", name, rule);
          if (i < json_array_get_length (paths)
              && !has_error_at (issues, rule, json_array_get_string_element (paths, i)))
            g_error ("%s: %s not reported at %s", name, rule, json_array_get_string_element (paths, i));
        }
      if (g_hash_table_size (found) > 0)
        {
          GHashTableIter iter;
          gpointer extra;

          g_hash_table_iter_init (&iter, found);
          g_hash_table_iter_next (&iter, &extra, NULL);
          g_error ("%s: unexpected error %s", name, (const char *) extra);
        }
    }
  g_assert_cmpuint (n_files, ==, json_object_get_size (key));
}

static char *
copy_rules (void)
{
  g_autofree char *source = g_build_filename (ms_get_data_dir (), "rules", NULL);
  g_autoptr(GDir) d = g_dir_open (source, 0, NULL);
  char *tmp = g_dir_make_tmp ("masatir-rules-XXXXXX", NULL);
  const char *name;

  g_assert_nonnull (d);
  g_assert_nonnull (tmp);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (tmp, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  return tmp;
}


static void
test_rule_data (void)
{
  static const struct {
    const char *file;
    const char *contents;   /* NULL: the file is removed */
    const char *message;    /* the error message starts so */
  } broken[] = {
    { "one-copy.json", "{\"rule\": \"one-copy\", \"keywords\": {\"fr\": [\"deux exemplaires\", 2]}}",
      "one-copy.json: keywords.fr[1]: expected text, found an integer" },
    { "closed-list.json", "{\"rule\": \"closed-list\", \"keywords\": {\"fr\": [\"etc\"], \"de\": [\"usw\"]}}",
      "closed-list.json: keywords: unknown member “de”" },
    { "closed-list.json", "{\"rule\": \"closed-list\", \"keywords\": {\"fr\": [\"ٌ…\", \"a\"]}}",
      "closed-list.json: keywords.fr[1]: “a” is too short" },
    { "no-legalisation.json", "{\"rule\": \"one-copy\", \"keywords\": {\"fr\": [\"légalis*\"]}}",
      "no-legalisation.json: rule: expected “no-legalisation”" },
    { "sworn-statement.json", "{\"rule\": \"sworn-statement\", \"keywords\": {\"fr\": \"certificat de vie\"}}",
      "sworn-statement.json: keywords.fr: expected a list, found a string" },
    { "sworn-statement.json", "{\"rule\": \"sworn-statement\", \"keywords\": {}}",
      "sworn-statement.json: keywords: no keyword is given" },
    { "sworn-statement.json", "{\"rule\": \"sworn-statement\", \"words\": []}",
      "sworn-statement.json: unknown member “words”" },
    { "sworn-statement.json", "{\"rule\": \"sworn-statement\"}",
      "sworn-statement.json: the required member “keywords” is missing" },
    { "held-by-administration.json", "{\"rule\": \"held-by-administration\", \"keywords\": ",
      "held-by-administration.json: line 1, column" },
    { "held-by-administration.json", "[]",
      "held-by-administration.json: expected an object, found a list" },
    { "no-certified-copy.json", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *dir = copy_rules ();
      g_autofree char *path = g_build_filename (dir, broken[i].file, NULL);
      g_autoptr(MsRuleData) data = NULL;
      g_autoptr(GError) error = NULL;

      if (broken[i].contents != NULL)
        g_assert_true (g_file_set_contents (path, broken[i].contents, -1, NULL));
      else
        g_assert_cmpint (g_remove (path), ==, 0);

      data = ms_rule_data_load (dir, &error);
      g_assert_null (data);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      if (broken[i].message != NULL)
        g_assert_true (g_str_has_prefix (error->message, broken[i].message));
      else
        {
          g_assert_error (error, MS_CORE_ERROR, MS_CORE_ERROR_IO);
          g_assert_nonnull (strstr (error->message, broken[i].file));
        }
      test_remove_tree (dir);
    }
}

/* An administration can add its own wording without a build. */
static void
test_rule_data_extension (void)
{
  g_autofree char *dir = copy_rules ();
  g_autofree char *path = g_build_filename (dir, "closed-list.json", NULL);
  g_autoptr(MsRuleData) data = NULL;
  g_autoptr(MsValidator) validator = NULL;
  g_autoptr(GError) error = NULL;
  const Edit edits[] = { { "documents[1].name.fr", "\"Plans et pièces diverses\"" } };
  g_autoptr(MsProcedure) p = sheet_with (edits, 1);
  g_autoptr(GPtrArray) before = ms_validator_check (test_validator (), p);
  g_autoptr(GPtrArray) after = NULL;
  MsScreenHits hits;

  g_assert_false (ms_issues_has_rule (before, "closed-list"));
  g_assert_true (g_file_set_contents (path,
                                      "{\"rule\": \"closed-list\", \"description\": \"test\","
                                      " \"keywords\": {\"fr\": [\"PIÈCES DIVERSES\", \"*xyz*\"]}}", -1, NULL));
  data = ms_rule_data_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ms_rule_data_get_n_keywords (data, MS_SCREEN_OPEN_LIST), ==, 2);
  validator = ms_validator_new (data);
  after = ms_validator_check (validator, p);
  g_assert_true (ms_issues_has_rule (after, "closed-list"));

  /* Open ends match inside words; closed ones only whole words. */
  ms_rule_data_scan (data, "abxyzcd", &hits);
  g_assert_cmpuint (hits.screens, ==, 1u << MS_SCREEN_OPEN_LIST);
  g_assert_cmpstr (hits.keyword[MS_SCREEN_OPEN_LIST], ==, "xyz");
  ms_rule_data_scan (data, "des piecesdiverses", &hits);
  g_assert_cmpuint (hits.screens, ==, 0);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validator/catalogue", test_catalogue);
  g_test_add_func ("/validator/rule-names", test_rule_names);
  g_test_add_func ("/validator/base-is-clean", test_base_is_clean);
  g_test_add_func ("/validator/every-rule-is-tested", test_every_rule_is_tested);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/validator/rule/%s/%s-%u", cases[i].rule,
                                               cases[i].fires ? "fires" : "quiet", i);

      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/validator/rule/many-documents", test_many_documents);
  g_test_add_func ("/validator/rule/readability/sentences", test_readability);
  g_test_add_func ("/validator/order", test_order);
  g_test_add_func ("/validator/today", test_today);
  g_test_add_func ("/validator/minimal-sheets", test_minimal_sheets);
  g_test_add_func ("/validator/demo-catalog", test_demo_catalog);
  g_test_add_func ("/validator/rule-data/malformed", test_rule_data);
  g_test_add_func ("/validator/rule-data/extension", test_rule_data_extension);

  return g_test_run ();
}
