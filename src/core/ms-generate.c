/* ms-generate.c — deterministic synthetic catalogs
 *
 * The texts are pieces of ordinary administrative wording, combined so that
 * lengths vary as on the portal (titles of 30–120 characters, summaries of
 * one to four sentences, documents named in 15–80 characters).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-generate"

#include "config.h"

#include <string.h>

#include "ms-canonical-json.h"
#include "ms-generate.h"

typedef struct {
  const char *ar;
  const char *fr;
} Pair;

static const Pair acts[] = {
  { "طلب الحصول على رخصة", "Demande de licence" },
  { "تسليم شهادة", "Délivrance d'un certificat" },
  { "طلب الترخيص", "Demande d'autorisation" },
  { "تجديد رخصة", "Renouvellement de la licence" },
  { "التصريح", "Déclaration" },
  { "طلب المصادقة على", "Demande d'approbation de" },
  { "تسجيل", "Inscription" },
  { "منح بطاقة", "Octroi de la carte" },
};

static const Pair objects[] = {
  { "فتح محل تجاري", "d'ouverture d'un commerce" },
  { "البناء في الوسط القروي", "de construire en milieu rural" },
  { "استغلال مقلع", "d'exploitation d'une carrière" },
  { "السكنى", "de résidence" },
  { "احتلال الملك العمومي الجماعي مؤقتا", "d'occupation temporaire du domaine public communal" },
  { "نقل البضائع لحساب الغير", "de transport de marchandises pour compte d'autrui" },
  { "إحداث مؤسسة للتعليم الخصوصي", "de création d'un établissement d'enseignement privé" },
  { "ممارسة مهنة صيدلي", "d'exercice de la profession de pharmacien" },
  { "تقسيم عقار", "de morcellement d'un terrain" },
  { "تصدير المنتجات الفلاحية", "d'exportation des produits agricoles" },
  { "التسجيل في السجل التجاري", "au registre du commerce" },
  { "الاستفادة من الدعم المباشر", "au bénéfice de l'aide directe" },
};

static const Pair sentences[] = {
  { "يجب أن يكون الطالب مقيما بالنفوذ الترابي للجماعة منذ ستة أشهر على الأقل عند إيداع الطلب.",
    "Le demandeur doit résider dans le ressort de la commune depuis au moins six mois à la date du dépôt." },
  { "تسلم الرخصة بعد دراسة الملف من طرف اللجنة المختصة والتأكد من احترام الشروط التقنية والصحية.",
    "La licence est délivrée après examen du dossier par la commission compétente et vérification des conditions techniques et sanitaires." },
  { "لا يمكن إيداع الطلب إلا من طرف المعني بالأمر أو من ينوب عنه بوكالة.",
    "La demande n'est déposée que par l'intéressé ou son mandataire muni d'une procuration." },
  { "تخضع هذه المسطرة لمقتضيات القانون رقم 55-19 المتعلق بتبسيط المساطر والإجراءات الإدارية.",
    "Cette procédure est régie par la loi n° 55-19 relative à la simplification des procédures et formalités administratives." },
  { "يتم إشعار الطالب بقرار الإدارة عبر البريد الإلكتروني أو برسالة نصية.",
    "Le demandeur est informé de la décision de l'administration par courriel ou par SMS." },
  { "تمنح الرخصة لمدة سنة قابلة للتجديد بنفس الشروط.",
    "La licence est accordée pour un an, renouvelable dans les mêmes conditions." },
};

static const Pair documents[] = {
  { "طلب خطي موقع من طرف المعني بالأمر", "Demande manuscrite signée par l'intéressé" },
  { "عقد الكراء أو شهادة الملكية", "Contrat de bail ou certificat de propriété" },
  { "تصميم الموقع مؤشر عليه من طرف مهندس معماري", "Plan de situation visé par un architecte" },
  { "صورتان شمسيتان حديثتان", "Deux photographies d'identité récentes" },
  { "نسخة من البطاقة الوطنية للتعريف الإلكترونية", "Copie de la carte nationale d'identité électronique" },
  { "شهادة طبية تثبت القدرة البدنية", "Certificat médical d'aptitude physique" },
  { "مستخرج من السجل التجاري (نموذج 7)", "Extrait du registre de commerce (modèle 7)" },
  { "دفتر التحملات موقع", "Cahier des charges signé" },
  { "بيان وصفي للمشروع", "Note descriptive du projet" },
  { "النظام الأساسي للشركة", "Statuts de la société" },
  { "محضر الجمع العام", "Procès-verbal de l'assemblée générale" },
  { "شهادة التسجيل في الضريبة المهنية", "Attestation d'inscription à la taxe professionnelle" },
  { "شهادة التأمين عن المسؤولية المدنية", "Attestation d'assurance responsabilité civile" },
  { "دراسة التأثير على البيئة", "Étude d'impact sur l'environnement" },
};

static const Pair open_ended = {
  "وكل وثيقة أخرى تراها الإدارة ضرورية", "Toute pièce jugée utile par l'administration"
};

static const Pair fee_labels[] = {
  { "رسم دراسة الملف", "Frais d'étude du dossier" },
  { "واجب التسجيل", "Droit d'enregistrement" },
  { "رسم الخدمات", "Redevance pour services rendus" },
  { "واجب التنبر", "Droit de timbre" },
};

typedef struct {
  const char *kind;
  const char *number;
  const char *date;
  Pair        title;
} Law;

static const Law laws[] = {
  { "loi", "55-19", "2020-03-06",
    { "القانون المتعلق بتبسيط المساطر والإجراءات الإدارية",
      "Loi relative à la simplification des procédures et formalités administratives" } },
  { "loi", "113-14", "2015-07-07",
    { "القانون التنظيمي المتعلق بالجماعات", "Loi organique relative aux communes" } },
  { "decret", "2-20-660", "2020-09-23",
    { "مرسوم بتطبيق القانون رقم 55-19", "Décret pris pour l'application de la loi n° 55-19" } },
  { "loi", "12-90", "1992-06-17",
    { "القانون المتعلق بالتعمير", "Loi relative à l'urbanisme" } },
  { "dahir", "1-96-83", "1996-08-01",
    { "ظهير بتنفيذ مدونة التجارة", "Dahir portant promulgation du code de commerce" } },
  { "arrete", "3129-21", "2021-11-25",
    { "قرار بتحديد لائحة الوثائق", "Arrêté fixant la liste des pièces" } },
};

static const char * const administrations[] = {
  "interior", "communes", "justice", "health", "education", "finance-dgi",
  "industry-trade", "equipment", "urbanism", "transport", "agriculture", "cnss",
};

static const char * const themes[] = {
  "civil-status", "urbanism", "business-creation", "economic-activities",
  "taxation", "agriculture", "transport", "health", "education", "environment",
};

static const char * const act_kinds[] = {
  "licence", "permit", "authorisation", "certificate", "approval", "decision",
};

static const char * const levels[] = {
  "central", "deconcentrated", "public_establishment", "collectivity",
};

typedef enum {
  FAULT_NONE,
  FAULT_COPIES,
  FAULT_CERTIFIED,
  FAULT_OPEN_ENDED,
  FAULT_APPEAL,
  FAULT_DEADLINE,
  FAULT_FEE_WITHOUT_BASIS,
  N_FAULTS
} Fault;

static guint
pick (GRand *rand,
      guint  n)
{
  return (guint) g_rand_int_range (rand, 0, (gint32) n);
}

static void
append_pair (GString    *json,
             const char *member,
             const char *ar,
             const char *fr)
{
  g_string_append_printf (json, "\"%s\": {\"ar\": ", member);
  ms_canonical_json_append_string (json, ar);
  g_string_append (json, ", \"fr\": ");
  ms_canonical_json_append_string (json, fr);
  g_string_append_c (json, '}');
}

/* One to @max sentences, no two the same in a row. */
static void
append_text (GString    *json,
             const char *member,
             GRand      *rand,
             guint       max)
{
  g_autoptr(GString) ar = g_string_new (NULL);
  g_autoptr(GString) fr = g_string_new (NULL);
  guint n = 1 + pick (rand, max), first = pick (rand, G_N_ELEMENTS (sentences));

  for (guint i = 0; i < n; i++)
    {
      const Pair *s = &sentences[(first + i) % G_N_ELEMENTS (sentences)];

      g_string_append_printf (ar, "%s%s", i > 0 ? " " : "", s->ar);
      g_string_append_printf (fr, "%s%s", i > 0 ? " " : "", s->fr);
    }
  append_pair (json, member, ar->str, fr->str);
}

static void
append_document (GString    *json,
                 guint       index,
                 const Pair *name,
                 gboolean    held_by_administration,
                 guint       copies,
                 gboolean    certified,
                 gboolean    with_condition)
{
  g_string_append_printf (json, "%s{\"id\": \"d%u\", ", index > 0 ? ", " : "", index + 1);
  append_pair (json, "name", name->ar, name->fr);
  g_string_append_printf (json, ", \"copies\": %u, \"provided_by\": \"%s\", \"issuer\": \"%s\", "
                          "\"certified\": %s, \"sworn_statement_allowed\": false, \"legal_basis\": [\"l1\"]",
                          copies,
                          held_by_administration ? "administration" : "user",
                          held_by_administration ? "this_administration" : "user",
                          certified ? "true" : "false");
  if (with_condition)
    {
      g_string_append (json, ", ");
      append_pair (json, "condition", "إذا كان الطالب شخصا معنويا", "Si le demandeur est une personne morale");
    }
  g_string_append_c (json, '}');
}

char *
ms_generate_sheet (guint64   seed,
                   guint     n,
                   gboolean *faulty)
{
  guint32 seeds[3] = { (guint32) seed, (guint32) (seed >> 32), n };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  g_autoptr(GString) json = g_string_sized_new (8192);
  Fault fault = pick (rand, 100) < MS_GENERATE_FAULTY_PERCENT ? 1 + pick (rand, N_FAULTS - 1) : FAULT_NONE;
  const Pair *act = &acts[pick (rand, G_N_ELEMENTS (acts))];
  const Pair *object = &objects[pick (rand, G_N_ELEMENTS (objects))];
  guint n_documents = 3 + pick (rand, 10), n_fees = pick (rand, 4), n_laws = 1 + pick (rand, 3);
  guint n_steps = 2 + pick (rand, 4), n_conditions = 1 + pick (rand, 3), deadline;
  const char *level = levels[pick (rand, G_N_ELEMENTS (levels))];
  guint first_document = pick (rand, G_N_ELEMENTS (documents)), first_law = pick (rand, G_N_ELEMENTS (laws));
  g_autofree char *ar_title = g_strdup_printf ("%s %s", act->ar, object->ar);
  g_autofree char *fr_title = g_strdup_printf ("%s %s", act->fr, object->fr);

  if (fault == FAULT_FEE_WITHOUT_BASIS && n_fees == 0)
    n_fees = 1;
  /* Ids and codes from the seed too: two seeds make two catalogs that
   * can live in one database. */
  g_string_append_printf (json, "{\"id\": \"%08x-%04x-4%03x-8%03x-%012x\", \"code\": \"GEN-%04X-%06u\", ",
                          (guint32) seed, (guint) (seed >> 32) & 0xffff, (guint) (seed >> 48) & 0xfff,
                          (n >> 24) & 0xff, n, (guint) (seed & 0xffff), n);
  g_string_append (json, "\"title\": {\"ar\": ");
  ms_canonical_json_append_string (json, ar_title);
  g_string_append (json, ", \"fr\": ");
  ms_canonical_json_append_string (json, fr_title);
  /* A third of the portal's sheets have an Amazigh title. */
  if (pick (rand, 3) == 0)
    g_string_append (json, ", \"zgh\": \"ⵜⴰⵙⵏⴰⴷⵜ ⵏ ⵓⵙⵓⵔⴼ\"");
  g_string_append (json, "}, ");
  append_text (json, "summary", rand, 4);
  g_string_append_printf (json, ", \"act_kind\": \"%s\", \"audiences\": [\"citizen\"%s], "
                          "\"themes\": [\"%s\"], \"administration\": \"%s\", \"admin_level\": \"%s\", ",
                          act_kinds[pick (rand, G_N_ELEMENTS (act_kinds))],
                          pick (rand, 2) ? ", \"business\"" : "",
                          themes[pick (rand, G_N_ELEMENTS (themes))],
                          administrations[pick (rand, G_N_ELEMENTS (administrations))], level);
  g_string_append (json, "\"receiving\": [{\"ar\": \"مكتب الضبط\", \"fr\": \"Bureau d'ordre\"}], ");
  g_string_append_printf (json, "\"output\": {\"name\": {\"ar\": \"القرار\", \"fr\": \"La décision\"}, "
                          "\"validity_days\": %u}, ", 365 * (1 + pick (rand, 5)));

  g_string_append (json, "\"conditions\": [");
  for (guint c = 0; c < n_conditions; c++)
    {
      const Pair *s = &sentences[(first_document + c) % G_N_ELEMENTS (sentences)];

      g_string_append (json, c > 0 ? ", {\"ar\": " : "{\"ar\": ");
      ms_canonical_json_append_string (json, s->ar);
      g_string_append (json, ", \"fr\": ");
      ms_canonical_json_append_string (json, s->fr);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "], \"documents\": [");
  for (guint d = 0; d < n_documents; d++)
    {
      gboolean last = d == n_documents - 1;
      const Pair *name = &documents[(first_document + d) % G_N_ELEMENTS (documents)];
      guint copies = 1;
      gboolean certified = FALSE;

      if (last && fault == FAULT_OPEN_ENDED)
        name = &open_ended;
      else if (last && fault == FAULT_COPIES)
        copies = 2 + pick (rand, 2);
      else if (last && fault == FAULT_CERTIFIED)
        certified = TRUE;
      append_document (json, d, name, !last && d % 5 == 4, copies, certified, d % 4 == 1);
    }
  g_string_append (json, "], \"steps\": [");
  for (guint s = 0; s < n_steps; s++)
    g_string_append_printf (json, "%s{\"id\": \"s%u\", \"title\": {\"ar\": \"المرحلة %u: دراسة الملف\", "
                            "\"fr\": \"Étape %u : examen du dossier\"}, \"actor\": \"%s\", \"days\": %u}",
                            s > 0 ? ", " : "", s + 1, s + 1, s + 1, s == 0 ? "user" : "administration",
                            s == 0 ? 0 : 1 + pick (rand, 10));
  deadline = fault == FAULT_DEADLINE ? 61 + pick (rand, 60) : 5 + pick (rand, 56);
  /* Acts of investment must be answered within 30 days (art. 16); silence
   * worth acceptance needs a decree (art. 19): neither planted here. */
  g_string_append_printf (json, "], \"deadline_days\": %u, \"investment_act\": %s, \"silence_is_acceptance\": false, ",
                          deadline, deadline <= 30 && pick (rand, 3) == 0 ? "true" : "false");
  g_string_append (json, "\"fees\": [");
  for (guint f = 0; f < n_fees; f++)
    {
      const Pair *label = &fee_labels[(n + f) % G_N_ELEMENTS (fee_labels)];

      g_string_append_printf (json, "%s{\"id\": \"f%u\", ", f > 0 ? ", " : "", f + 1);
      append_pair (json, "label", label->ar, label->fr);
      g_string_append_printf (json, ", \"amount_centimes\": %u, \"legal_basis\": [%s]}",
                              100 * (10 + 10 * pick (rand, 50)),
                              fault == FAULT_FEE_WITHOUT_BASIS && f == 0 ? "" : "\"l1\"");
    }
  g_string_append (json, "], \"channels\": [{\"kind\": \"counter\", "
                   "\"where\": {\"ar\": \"مقر الإدارة\", \"fr\": \"Siège de l'administration\"}}");
  if (pick (rand, 2))
    g_string_append (json, ", {\"kind\": \"online\", \"url\": \"https://www.idarati.ma\"}");
  g_string_append (json, "], \"legal_basis\": [");
  for (guint l = 0; l < n_laws; l++)
    {
      const Law *law = &laws[(first_law + l) % G_N_ELEMENTS (laws)];

      g_string_append_printf (json, "%s{\"id\": \"l%u\", \"kind\": \"%s\", \"number\": \"%s\", \"date\": \"%s\", ",
                              l > 0 ? ", " : "", l + 1, law->kind, law->number, law->date);
      append_pair (json, "title", law->title.ar, law->title.fr);
      g_string_append_c (json, '}');
    }
  /* The means of appeal must be given in both languages (art. 21). */
  if (fault == FAULT_APPEAL)
    g_string_append (json, "], \"appeal\": {\"authority\": {\"ar\": \"رئيس الإدارة\"}, "
                     "\"text\": {\"ar\": \"تظلم داخل أجل ثلاثين يوما.\"}}, ");
  else
    g_string_append (json, "], \"appeal\": {\"authority\": {\"ar\": \"رئيس الإدارة\", "
                     "\"fr\": \"Le chef de l'administration\"}, \"text\": {\"ar\": \"تظلم داخل أجل ثلاثين يوما.\", "
                     "\"fr\": \"Recours dans les 30 jours.\"}}, ");
  /* Collectivities' procedures are approved by the Interior (art. 27). */
  g_string_append_printf (json, "\"approval_decision\": {\"body\": \"%s\", \"reference\": \"D-%u\", "
                          "\"date\": \"2022-01-10\"}, ",
                          g_str_equal (level, "collectivity") ? "interior_ministry" : "national_commission", n + 1);
  g_string_append_printf (json, "\"contact\": {\"phone\": \"+212 5 37 %02u %02u %02u\"}, "
                          "\"review_due\": \"%u-%02u-28\"}",
                          pick (rand, 100), pick (rand, 100), pick (rand, 100),
                          2026 + pick (rand, 4), 1 + pick (rand, 12));
  if (faulty != NULL)
    *faulty = fault != FAULT_NONE;
  return g_string_free (g_steal_pointer (&json), FALSE);
}

gboolean
ms_generate_file (const char    *path,
                  guint          count,
                  guint64        seed,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_file_new_for_path (path);
  /* g_file_replace writes beside the target and renames on close: an
   * interrupted run leaves the old file. */
  if (!(stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error)))
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 1 << 20);
  if (!g_output_stream_write_all (buffered, "[", 1, NULL, cancellable, error))
    goto fail;
  for (guint n = 0; n < count; n++)
    {
      g_autofree char *sheet = ms_generate_sheet (seed, n, NULL);

      if ((n > 0 && !g_output_stream_write_all (buffered, ",\n", 2, NULL, cancellable, error))
          || !g_output_stream_write_all (buffered, sheet, strlen (sheet), NULL, cancellable, error))
        goto fail;
    }
  if (!g_output_stream_write_all (buffered, "]\n", 2, NULL, cancellable, error)
      || !g_output_stream_close (buffered, cancellable, error))
    goto fail;
  return TRUE;

fail:
  {
    g_autoptr(GCancellable) abandon = g_cancellable_new ();

    /* Closing with a cancelled cancellable drops the temporary file. */
    g_cancellable_cancel (abandon);
    g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
    return FALSE;
  }
}
