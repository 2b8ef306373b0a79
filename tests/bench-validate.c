/* bench-validate.c — how many sheets per second ms_validator_check() handles
 *
 * Builds a synthetic catalog in memory (realistic sizes: about eight
 * documents, Arabic and French texts, some planted problems) and times the
 * validator alone, on one core. Not a test: run it by hand.
 *
 *   MASATIR_DATADIR=data build/tests/bench-validate [N_SHEETS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "ms-procedure.h"
#include "ms-validator.h"

#define DEFAULT_SHEETS 10000
#define PASSES 3

static const char * const doc_names[][2] = {
  { "طلب خطي موقع من طرف المعني بالأمر", "Demande manuscrite signée par l'intéressé" },
  { "نسخة من البطاقة الوطنية للتعريف الإلكترونية", "Copie de la carte nationale d'identité électronique" },
  { "عقد الكراء أو شهادة الملكية", "Contrat de bail ou certificat de propriété" },
  { "تصميم الموقع مؤشر عليه من طرف مهندس معماري", "Plan de situation visé par un architecte" },
  { "صورتان شمسيتان حديثتان", "Deux photographies d'identité récentes" },
  { "شهادة طبية تثبت القدرة البدنية", "Certificat médical d'aptitude physique" },
  { "نسخة موجزة من رسم الولادة", "Extrait d'acte de naissance" },
  { "مستخرج من السجل التجاري (نموذج 7)", "Extrait du registre de commerce (modèle 7)" },
  { "شهادة السكنى", "Certificat de résidence" },
  { "الدفتر العائلي", "Livret de famille" },
  { "وصل أداء الرسوم", "Quittance de paiement des droits" },
  { "دفتر التحملات موقع", "Cahier des charges signé" },
  { "بيان وصفي للمشروع", "Note descriptive du projet" },
  { "شهادة مدرسية", "Certificat de scolarité" },
  { "النظام الأساسي للشركة", "Statuts de la société" },
  { "محضر الجمع العام", "Procès-verbal de l'assemblée générale" },
};

/* Planted now and then, as the published catalog has them. */
static const char * const faults[][2] = {
  { "طلب في نسختين", "Demande en deux exemplaires" },
  { "نسخة مطابقة للأصل من الشهادة", "Copie certifiée conforme du diplôme" },
  { "التزام مصحح الإمضاء", "Engagement avec signature légalisée" },
  { "وكل وثيقة أخرى تراها الإدارة ضرورية", "Toute pièce jugée utile" },
};

static const char * const sentences[][2] = {
  { "يجب أن يكون الطالب مقيما بالنفوذ الترابي للجماعة منذ ستة أشهر على الأقل عند إيداع الطلب.",
    "Le demandeur doit résider dans le ressort de la commune depuis au moins six mois à la date du dépôt." },
  { "تسلم الرخصة بعد دراسة الملف من طرف اللجنة المختصة والتأكد من احترام الشروط التقنية والصحية.",
    "La licence est délivrée après examen du dossier par la commission compétente et vérification des conditions techniques et sanitaires." },
  { "لا يمكن إيداع الطلب إلا من طرف المعني بالأمر أو من ينوب عنه بوكالة.",
    "La demande n'est déposée que par l'intéressé ou son mandataire muni d'une procuration." },
};

static void
add_localized (GString    *json,
               const char *member,
               const char *ar,
               const char *fr)
{
  /* The texts above hold no quote nor backslash: no escaping needed. */
  g_string_append_printf (json, "\"%s\": {\"ar\": \"%s\", \"fr\": \"%s\"}", member, ar, fr);
}

static char *
synthetic_sheet (GRand *rand,
                 guint  n)
{
  g_autoptr(GString) json = g_string_new ("{");
  guint n_docs = (guint) g_rand_int_range (rand, 5, 12);
  guint n_conditions = (guint) g_rand_int_range (rand, 1, 4);
  gboolean faulty = g_rand_int_range (rand, 0, 10) == 0;

  g_string_append_printf (json, "\"id\": \"%08x-0000-4000-8000-%012x\", \"code\": \"BENCH-%05u\", ",
                          n, n, n);
  g_string_append_printf (json, "\"title\": {\"ar\": \"رخصة رقم %u لفتح محل تجاري\", "
                          "\"fr\": \"Licence n° %u d'ouverture d'un commerce\", \"zgh\": \"ⵜⴰⵙⵏⴰⴷⵜ\"}, ", n, n);
  add_localized (json, "summary", sentences[n % 3][0], sentences[n % 3][1]);
  g_string_append (json, ", \"act_kind\": \"licence\", \"audiences\": [\"citizen\", \"business\"], "
                   "\"themes\": [\"business-creation\"], \"administration\": \"interior\", "
                   "\"admin_level\": \"collectivity\", ");
  g_string_append (json, "\"receiving\": [{\"ar\": \"مكتب الضبط بالجماعة\", \"fr\": \"Bureau d'ordre de la commune\"}], ");
  g_string_append (json, "\"output\": {\"name\": {\"ar\": \"رخصة\", \"fr\": \"Licence\"}, \"validity_days\": 365}, ");

  g_string_append (json, "\"conditions\": [");
  for (guint c = 0; c < n_conditions; c++)
    g_string_append_printf (json, "%s{\"ar\": \"%s\", \"fr\": \"%s\"}", c > 0 ? ", " : "",
                            sentences[(n + c) % 3][0], sentences[(n + c) % 3][1]);
  g_string_append (json, "], \"documents\": [");
  for (guint d = 0; d < n_docs; d++)
    {
      guint pick = (n * 7 + d * 3) % G_N_ELEMENTS (doc_names);
      const char * const *name = doc_names[pick];

      if (faulty && d == n_docs - 1)
        name = faults[n % G_N_ELEMENTS (faults)];
      g_string_append_printf (json, "%s{\"id\": \"d%u\", ", d > 0 ? ", " : "", d + 1);
      add_localized (json, "name", name[0], name[1]);
      g_string_append_printf (json, ", \"copies\": 1, \"provided_by\": \"%s\", \"issuer\": \"%s\", "
                              "\"certified\": false, \"sworn_statement_allowed\": %s, \"legal_basis\": [\"l1\"]",
                              d % 4 == 3 ? "administration" : "user",
                              d % 4 == 3 ? "this_administration" : "user",
                              d % 2 ? "true" : "false");
      if (d % 3 == 0)
        {
          g_string_append (json, ", ");
          add_localized (json, "condition", "إذا كان الطالب شخصا معنويا", "Si le demandeur est une personne morale");
        }
      g_string_append_c (json, '}');
    }
  g_string_append (json, "], \"steps\": [");
  for (guint s = 0; s < 3; s++)
    g_string_append_printf (json, "%s{\"id\": \"s%u\", \"title\": {\"ar\": \"المرحلة %u: دراسة الملف\", "
                            "\"fr\": \"Étape %u : examen du dossier\"}, \"actor\": \"%s\", \"days\": %u}",
                            s > 0 ? ", " : "", s + 1, s + 1, s + 1, s == 0 ? "user" : "administration", s * 5);
  g_string_append_printf (json, "], \"deadline_days\": %u, \"investment_act\": %s, \"silence_is_acceptance\": false, ",
                          (n % 7 == 0) ? 90 : 30, n % 5 == 0 ? "true" : "false");
  g_string_append (json, "\"fees\": [{\"id\": \"f1\", \"label\": {\"ar\": \"رسم\", \"fr\": \"Droit\"}, "
                   "\"amount_centimes\": 20000, \"legal_basis\": [\"l1\"]}], ");
  g_string_append (json, "\"channels\": [{\"kind\": \"counter\", \"where\": {\"ar\": \"الجماعة\", \"fr\": \"La commune\"}}, "
                   "{\"kind\": \"online\", \"url\": \"https://rokhas.ma\"}], ");
  g_string_append (json, "\"legal_basis\": [{\"id\": \"l1\", \"kind\": \"loi\", \"number\": \"113-14\", "
                   "\"date\": \"2015-07-07\", \"title\": {\"ar\": \"القانون التنظيمي المتعلق بالجماعات\", "
                   "\"fr\": \"Loi organique relative aux communes\"}}], ");
  g_string_append (json, "\"appeal\": {\"authority\": {\"ar\": \"رئيس المجلس\", \"fr\": \"Le président du conseil\"}, "
                   "\"text\": {\"ar\": \"تظلم داخل أجل ثلاثين يوما.\", \"fr\": \"Recours dans les 30 jours.\"}}, ");
  g_string_append (json, "\"approval_decision\": {\"body\": \"interior_ministry\", \"reference\": \"MI-1\", \"date\": \"2022-01-10\"}, ");
  g_string_append (json, "\"contact\": {\"phone\": \"+212 5 22 00 00 00\"}, \"review_due\": \"2027-06-30\"}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

int
main (int    argc,
      char **argv)
{
  guint n_sheets = argc > 1 ? (guint) atoi (argv[1]) : DEFAULT_SHEETS;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5519);
  g_autoptr(GError) error = NULL;
  MsValidator *validator;
  double best = 0;
  guint n_issues = 0, n_errors = 0;

  if (n_sheets == 0)
    n_sheets = DEFAULT_SHEETS;
  if (!(validator = ms_validator_get_default (&error)))
    {
      g_printerr ("bench-validate: %s (set MASATIR_DATADIR to the data folder)\n", error->message);
      return 1;
    }

  for (guint i = 0; i < n_sheets; i++)
    {
      g_autofree char *json = synthetic_sheet (rand, i);
      MsProcedure *p = ms_procedure_new_from_data (json, -1, &error);

      if (p == NULL)
        g_error ("synthetic sheet %u: %s", i, error->message);
      g_ptr_array_add (sheets, p);
    }

  for (guint pass = 0; pass < PASSES; pass++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;

      n_issues = n_errors = 0;
      for (guint i = 0; i < sheets->len; i++)
        {
          g_autoptr(GPtrArray) issues = ms_validator_check (validator, g_ptr_array_index (sheets, i));

          n_issues += issues->len;
          n_errors += ms_issues_count (issues, MS_SEVERITY_ERROR);
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      best = MAX (best, sheets->len / seconds);
      g_print ("pass %u: %u sheets in %.3f s = %.0f sheets/s\n", pass + 1, sheets->len, seconds,
               sheets->len / seconds);
    }
  g_print ("best: %.0f sheets/s on one core (%u issues, %u errors per pass)\n", best, n_issues, n_errors);
  return 0;
}
