/* test-portal-import.c — portal records merged into the catalog, never replacing
 *
 * The fixtures in tests/data/portal/ are written for these tests, in the
 * portal's shape: one record per procedure and locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ms-core-error.h"
#include "ms-portal.h"
#include "ms-store-import.h"
#include "store-fixture.h"

#define BIRTH_ID "e0fc3713-8d38-85d3-b0c6-d392df1688b7"    /* portal procedure 5001 */

static const StoreFixtureUser users[] = {
  { "amina", MS_ROLE_EDITOR },
  { "omar", MS_ROLE_EDITOR },
  { NULL },
};

static void
set_up (StoreFixture  *f,
        gconstpointer  data)
{
  store_fixture_set_up (f, "masatir-portal-import-XXXXXX", users);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "portal", name, NULL);
}

/* Imports @name and returns its report. */
static GPtrArray *
import (StoreFixture          *f,
        const char            *name,
        const MsImportOptions *options,
        MsImportSummary       *summary)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = ms_store_import_file_full (f->store, "amina", path, MS_IMPORT_FORMAT_PORTAL, options,
                                                summary, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lines);
  return lines;
}

/* The first line of @kind about @field (any when NULL); it must be there. */
static const MsImportLine *
find_line (GPtrArray        *lines,
           MsImportLineKind  kind,
           const char       *field)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const MsImportLine *line = g_ptr_array_index (lines, i);

      if (line->kind == kind && (field == NULL || g_strcmp0 (line->field, field) == 0))
        return line;
    }
  g_error ("no “%s” line about %s", ms_import_line_kind_to_nick (kind), field != NULL ? field : "anything");
}

static guint
count_lines (GPtrArray        *lines,
             MsImportLineKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    n += ((MsImportLine *) g_ptr_array_index (lines, i))->kind == kind;
  return n;
}

static MsProcedure *
stored (StoreFixture *f,
        const char   *id,
        gint64       *revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  MsProcedure *p = ms_store_get_sheet (f->store, id, 0, &info, &error);

  g_assert_no_error (error);
  if (revision != NULL)
    *revision = info->revision;
  return p;
}

static void
assert_birth_bilingual (MsProcedure *p)
{
  MsFee *fee;

  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_AR), ==, "نسخة موجزة من رسم الولادة");
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_FR), ==, "Extrait d'acte de naissance");
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_ZGH), ==, "ⴰⵙⵏⵖⵍ ⵏ ⵜⵍⴰⵍⵉⵜ");
  g_assert_cmpstr (ms_localized_get (p->summary, MS_LANG_AR), ==, "وثيقة تثبت ولادة الشخص");
  g_assert_cmpstr (ms_localized_get (p->summary, MS_LANG_FR), ==, "Document qui atteste la naissance d'une personne");
  g_assert_cmpstr (p->administration, ==, "interior");
  /* Nothing lost on the documents the two records share. */
  g_assert_cmpstr (ms_localized_get (((MsDocument *) g_ptr_array_index (p->documents, 0))->name, MS_LANG_AR), ==,
                   "البطاقة الوطنية للتعريف الإلكترونية");
  g_assert_cmpstr (ms_localized_get (((MsDocument *) g_ptr_array_index (p->documents, 0))->name, MS_LANG_FR), ==,
                   "Carte nationale d'identité électronique");
  /* A price per page is a fee with its unit, in both languages. */
  g_assert_cmpuint (p->fees->len, ==, 1);
  fee = g_ptr_array_index (p->fees, 0);
  g_assert_cmpint (fee->amount_centimes, ==, 500);
  g_assert_cmpstr (ms_localized_get (fee->per_unit, MS_LANG_AR), ==, "صفحة");
  g_assert_cmpstr (ms_localized_get (fee->per_unit, MS_LANG_FR), ==, "page");
  g_assert_cmpstr (ms_localized_get (((MsLocalized *) g_ptr_array_index (p->receiving, 0)), MS_LANG_FR), ==,
                   "Bureau d'état civil");
}

/* Arabic then French, in two runs: one sheet, nothing lost, every
 * disagreement listed, the catalog's value kept. */
static void
test_two_files_two_runs (StoreFixture  *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(MsProcedure) birth = NULL;
  g_autoptr(MsProcedure) shop = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  MsImportSummary summary = { 0 };
  const MsImportLine *line;
  gint64 revision;

  first = import (f, "civil-ar.json", NULL, &summary);
  g_assert_cmpuint (summary.created, ==, 2);
  g_assert_cmpuint (summary.records, ==, 2);
  memset (&summary, 0, sizeof summary);
  second = import (f, "civil-fr.json", NULL, &summary);
  g_assert_cmpuint (summary.updated, ==, 2);
  g_assert_cmpuint (summary.records, ==, 3);
  g_assert_cmpuint (summary.conflicts, ==, 3);
  list = ms_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  birth = stored (f, BIRTH_ID, &revision);
  g_assert_cmpint (revision, ==, 2);
  assert_birth_bilingual (birth);
  /* The catalog's values, the record's listed. */
  g_assert_cmpint (birth->output->validity_days, ==, 90);
  g_assert_cmpint (birth->deadline_days, ==, 2);           /* "48 ساعة" */
  g_assert_cmpuint (birth->documents->len, ==, 2);
  line = find_line (second, MS_IMPORT_LINE_CONFLICT, "output.validity_days");
  g_assert_cmpstr (line->value, ==, "30");
  g_assert_cmpstr (line->id, ==, BIRTH_ID);
  g_assert_cmpstr (line->record, ==, "5001");
  g_assert_nonnull (strstr (line->message, "the catalog has “90”"));
  line = find_line (second, MS_IMPORT_LINE_CONFLICT, "deadline_days");
  g_assert_cmpstr (line->value, ==, "3");                   /* "72h" */
  line = find_line (second, MS_IMPORT_LINE_CONFLICT, "documents");
  g_assert_nonnull (strstr (line->value, "d-33"));

  /* Working days, and a portal id of 36 characters. */
  shop = stored (f, "30b43502-3568-8dac-96df-cc25dba99b0c", NULL);
  g_assert_cmpint (shop->deadline_days, ==, 15);
  g_assert_true (shop->deadline_working_days == MS_BOOL_TRUE);
  g_assert_cmpint (((MsFee *) g_ptr_array_index (shop->fees, 0))->amount_centimes, ==, 100050);
  g_assert_cmpstr (ms_localized_get (shop->title, MS_LANG_FR), ==, "Autorisation d'exploitation d'un local commercial");

  /* A third run of either file changes nothing and says no more. */
  memset (&summary, 0, sizeof summary);
  third = import (f, "civil-fr.json", NULL, &summary);
  g_assert_cmpuint (summary.unchanged, ==, 2);
  g_assert_cmpuint (summary.conflicts, ==, 0);
  g_clear_pointer (&third, g_ptr_array_unref);
  memset (&summary, 0, sizeof summary);
  third = import (f, "civil-ar.json", NULL, &summary);
  g_assert_cmpuint (summary.unchanged, ==, 2);
}

/* The other order gives the same bilingual sheet, with the other file's
 * values kept; --prefer incoming takes the record's. */
static void
test_other_order_and_prefer (StoreFixture  *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(MsProcedure) birth = NULL;
  g_autoptr(MsProcedure) preferred = NULL;
  MsImportOptions prefer = { TRUE, FALSE, FALSE };
  const MsImportLine *line;

  first = import (f, "civil-fr.json", NULL, NULL);
  second = import (f, "civil-ar.json", NULL, NULL);
  birth = stored (f, BIRTH_ID, NULL);
  assert_birth_bilingual (birth);
  g_assert_cmpint (birth->output->validity_days, ==, 30);
  g_assert_cmpint (birth->deadline_days, ==, 3);
  g_assert_cmpuint (birth->documents->len, ==, 3);
  find_line (second, MS_IMPORT_LINE_CONFLICT, "output.validity_days");

  /* The French file's records merged into the Arabic file's values: the
   * records' own value wins. */
  third = import (f, "civil-fr.json", &prefer, NULL);
  g_clear_object (&birth);
  g_clear_pointer (&third, g_ptr_array_unref);
  third = import (f, "civil-ar.json", &prefer, NULL);
  preferred = stored (f, BIRTH_ID, NULL);
  g_assert_cmpint (preferred->output->validity_days, ==, 90);
  g_assert_cmpint (preferred->deadline_days, ==, 2);
  assert_birth_bilingual (preferred);
  line = find_line (third, MS_IMPORT_LINE_CONFLICT, "output.validity_days");
  g_assert_nonnull (strstr (line->message, "--prefer incoming"));
}

/* Two locales of one file that disagree: the same rule, reported the same
 * way, for every field. */
static void
test_one_file_conflict (void)
{
  g_autofree char *path = fixture ("one-file-conflict.json");
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_portal_note_free);
  g_autoptr(GPtrArray) procedures = NULL;
  g_autoptr(GError) error = NULL;
  MsProcedure *p;
  guint n_conflicts = 0;
  gboolean fees = FALSE, deadline = FALSE, title = FALSE;

  procedures = ms_portal_read_file (path, FALSE, notes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (procedures->len, ==, 1);
  p = ((MsPortalProcedure *) g_ptr_array_index (procedures, 0))->sheet;
  g_assert_cmpuint (((MsPortalProcedure *) g_ptr_array_index (procedures, 0))->n_records, ==, 3);
  /* The first record's values. */
  g_assert_cmpuint (p->fees->len, ==, 0);
  g_assert_cmpint (p->deadline_days, ==, 30);
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_FR), ==, "Attestation de non imposition");
  for (guint i = 0; i < notes->len; i++)
    {
      MsPortalNote *n = g_ptr_array_index (notes, i);
      g_autofree char *line = NULL;

      if (n->kind != MS_PORTAL_NOTE_CONFLICT)
        continue;
      n_conflicts++;
      line = ms_portal_note_to_line (n);
      g_assert_nonnull (strstr (line, "portal procedure 5003: "));
      fees |= strcmp (n->field, "fees") == 0 && strstr (n->value, "60.00") != NULL;
      deadline |= strcmp (n->field, "deadline_days") == 0 && strcmp (n->value, "15") == 0
                  && strcmp (n->record, "5003/fr") == 0;
      title |= strcmp (n->field, "title.fr") == 0 && strcmp (n->value, "Certificat de non-imposition") == 0;
    }
  g_assert_true (fees);
  g_assert_true (deadline);
  g_assert_true (title);
  /* output.name.fr, named after the title, is not listed a second time. */
  g_assert_cmpuint (n_conflicts, ==, 3);

  /* --prefer incoming: the later record's values. */
  g_clear_pointer (&procedures, g_ptr_array_unref);
  procedures = ms_portal_read_file (path, TRUE, NULL, &error);
  g_assert_no_error (error);
  p = ((MsPortalProcedure *) g_ptr_array_index (procedures, 0))->sheet;
  g_assert_cmpuint (p->fees->len, ==, 1);
  g_assert_cmpint (p->deadline_days, ==, 15);
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_FR), ==, "Certificat de non-imposition");
}

/* A sheet edited in Masatir since its import is left, or the record goes
 * into a new draft. */
static void
test_edited_since_import (StoreFixture  *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(MsProcedure) birth = NULL;
  g_autoptr(MsProcedure) after = NULL;
  g_autoptr(MsProcedure) draft = NULL;
  g_autoptr(MsSheetInfo) info = NULL;
  MsImportOptions into_draft = { FALSE, TRUE, FALSE };
  MsImportSummary summary = { 0 };
  const MsImportLine *line;
  gint64 revision;

  first = import (f, "civil-ar.json", NULL, NULL);
  birth = stored (f, BIRTH_ID, &revision);
  ms_localized_set (birth->title, MS_LANG_FR, "Extrait d'acte de naissance (corrigé)");
  info = store_save_ok (f->store, "omar", birth, revision);
  g_assert_cmpint (info->revision, ==, 2);

  second = import (f, "civil-fr.json", NULL, &summary);
  g_assert_cmpuint (summary.edited, ==, 1);
  g_assert_cmpuint (summary.updated, ==, 1);   /* the other procedure */
  line = find_line (second, MS_IMPORT_LINE_EDITED, NULL);
  g_assert_cmpstr (line->id, ==, BIRTH_ID);
  g_assert_nonnull (strstr (line->message, "omar"));
  g_assert_nonnull (strstr (line->message, "--into-draft"));
  after = stored (f, BIRTH_ID, &revision);
  g_assert_cmpint (revision, ==, 2);
  g_assert_cmpstr (ms_localized_get (after->title, MS_LANG_FR), ==, "Extrait d'acte de naissance (corrigé)");
  g_assert_null (ms_localized_get (after->title, MS_LANG_ZGH));

  memset (&summary, 0, sizeof summary);
  third = import (f, "civil-fr.json", &into_draft, &summary);
  g_assert_cmpuint (summary.drafted, ==, 1);
  line = find_line (third, MS_IMPORT_LINE_EDITED, NULL);
  g_assert_nonnull (strstr (line->message, "new draft"));
  g_clear_object (&after);
  after = stored (f, BIRTH_ID, &revision);
  g_assert_cmpint (revision, ==, 2);
  /* The draft holds the incoming version, under a code of its own. */
  {
    g_autoptr(GPtrArray) list = ms_store_list (f->store, NULL, NULL);
    const char *draft_id = NULL;

    g_assert_cmpuint (list->len, ==, 3);
    for (guint i = 0; i < list->len; i++)
      {
        MsSheetInfo *sheet = g_ptr_array_index (list, i);

        if (g_str_has_prefix (sheet->code, "idarati-5001-"))
          draft_id = sheet->id;
      }
    g_assert_nonnull (draft_id);
    draft = stored (f, draft_id, NULL);
    g_assert_cmpstr (ms_localized_get (draft->title, MS_LANG_FR), ==, "Extrait d'acte de naissance");
    g_assert_cmpstr (ms_localized_get (draft->title, MS_LANG_ZGH), ==, "ⴰⵙⵏⵖⵍ ⵏ ⵜⵍⴰⵍⵉⵜ");
    /* Over what the last import wrote: the Arabic texts are there too. */
    g_assert_cmpstr (ms_localized_get (draft->title, MS_LANG_AR), ==, "نسخة موجزة من رسم الولادة");
    g_assert_cmpint (draft->output->validity_days, ==, 30);
  }
}

/* A dry run reports what an import would do and keeps nothing. */
static void
test_dry_run (StoreFixture  *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  MsImportOptions dry = { FALSE, FALSE, TRUE };
  MsImportSummary summary = { 0 };
  guint n_entries;

  log = ms_store_audit (f->store, NULL, &error);
  g_assert_no_error (error);
  n_entries = log->len;
  lines = import (f, "civil-ar.json", &dry, &summary);
  g_assert_cmpuint (summary.created, ==, 2);
  g_assert_cmpuint (count_lines (lines, MS_IMPORT_LINE_CREATED), ==, 2);
  list = ms_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&log, g_ptr_array_unref);
  log = ms_store_audit (f->store, NULL, &error);
  g_assert_cmpuint (log->len, ==, n_entries);

  /* After a real import, a dry run of the French file shows its conflicts
   * and leaves revision 1. */
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = import (f, "civil-ar.json", NULL, NULL);
  g_clear_pointer (&lines, g_ptr_array_unref);
  memset (&summary, 0, sizeof summary);
  lines = import (f, "civil-fr.json", &dry, &summary);
  g_assert_cmpuint (summary.conflicts, ==, 3);
  {
    g_autoptr(MsProcedure) birth = NULL;
    gint64 revision;

    birth = stored (f, BIRTH_ID, &revision);
    g_assert_cmpint (revision, ==, 1);
    g_assert_null (ms_localized_get (birth->title, MS_LANG_FR));
  }
}

/* Nulls and wrong types are reported at their JSON path, with the value. */
static void
test_nulls_and_types (StoreFixture  *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(MsProcedure) p = NULL;
  MsImportSummary summary = { 0 };
  const MsImportLine *line;
  static const struct { MsImportLineKind kind; const char *field; const char *value; } expected[] = {
    { MS_IMPORT_LINE_REFUSED, "[0].title", "42" },
    { MS_IMPORT_LINE_NOT_MAPPED, "[0].description", "null" },
    { MS_IMPORT_LINE_REFUSED, "[0].price", "-20" },
    { MS_IMPORT_LINE_REFUSED, "[0].hasComplementStep", "yes" },
    { MS_IMPORT_LINE_REFUSED, "[0].validityDurationInDays", "90" },
    { MS_IMPORT_LINE_REFUSED, "[0].receivingAdministrations[0]", "5" },
    { MS_IMPORT_LINE_REFUSED, "[0].downloadableForms", NULL },
    { MS_IMPORT_LINE_REFUSED, "[0].documents", "la liste des pièces" },
    { MS_IMPORT_LINE_NOT_MAPPED, "[0].administrationInCharge", "Agence nationale imaginaire" },
    { MS_IMPORT_LINE_REFUSED, "[1].price", "-5 دراهم" },
    { MS_IMPORT_LINE_REFUSED, "[1].documents[0]", "7" },
    { MS_IMPORT_LINE_NOT_MAPPED, "[1].documents[1].title", "null" },
  };

  lines = import (f, "messy-types.json", NULL, &summary);
  g_assert_cmpuint (summary.created, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      line = find_line (lines, expected[i].kind, expected[i].field);
      if (expected[i].value != NULL)
        g_assert_cmpstr (line->value, ==, expected[i].value);
      g_assert_null (strchr (line->message, '\n'));
    }
  line = find_line (lines, MS_IMPORT_LINE_REFUSED, "[0].price");
  g_assert_nonnull (strstr (line->message, "price -20 is negative"));
  line = find_line (lines, MS_IMPORT_LINE_NOT_MAPPED, "[0].administrationInCharge");
  g_assert_nonnull (strstr (line->message, "choose the sheet's administration by hand"));

  p = stored (f, "cf766a88-a476-8f44-b9ce-0bb8a87aa61a", NULL);
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_AR), ==, "شهادة تجريبية");
  g_assert_null (ms_localized_get (p->title, MS_LANG_FR));
  g_assert_null (p->fees);
  g_assert_null (p->administration);
  g_assert_cmpstr (ms_localized_get (g_ptr_array_index (p->receiving, 0), MS_LANG_FR), ==, "Guichet unique");
  g_assert_cmpuint (p->documents->len, ==, 1);
}

/* Locales read exactly; ids up to MS_PORTAL_MAX_ID_CHARS. */
static void
test_locales_and_ids (void)
{
  static const char * const refused[] = { "bad-locale.json", "too-long-id.json" };
  g_autofree char *long_ids = fixture ("long-id.json");
  g_autoptr(GPtrArray) procedures = NULL;
  g_autoptr(GError) error = NULL;
  MsProcedure *p;

  procedures = ms_portal_read_file (long_ids, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (procedures->len, ==, 1);
  p = ((MsPortalProcedure *) g_ptr_array_index (procedures, 0))->sheet;
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_FR), ==, "Procédure au long identifiant");
  g_assert_cmpstr (ms_localized_get (p->title, MS_LANG_EN), ==, "A procedure with a long id");
  g_assert_cmpuint (strlen (((MsPortalProcedure *) g_ptr_array_index (procedures, 0))->portal_id), ==,
                    MS_PORTAL_MAX_ID_CHARS);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = fixture (refused[i]);
      g_autoptr(GPtrArray) none = NULL;
      g_autoptr(GError) local_error = NULL;

      none = ms_portal_read_file (path, FALSE, NULL, &local_error);
      g_assert_null (none);
      g_assert_error (local_error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
      if (i == 0)
        g_assert_nonnull (strstr (local_error->message, "[0].locale: “french”"));
      else
        g_assert_nonnull (strstr (local_error->message, "[0].id: "));
    }
  {
    static const char * const bad[] = {
      "{\"id\": 1, \"locale\": \"fra\", \"title\": \"x\"}",
      "{\"id\": 1, \"locale\": \"a\", \"title\": \"x\"}",
      "{\"id\": 1, \"locale\": \"zg\", \"title\": \"x\"}",
      "{\"id\": 1, \"locale\": \"fr-\", \"title\": \"x\"}",
      "{\"id\": \"a b\", \"locale\": \"fr\", \"title\": \"x\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GPtrArray) none = NULL;
        g_autoptr(GError) local_error = NULL;

        none = ms_portal_read_data (bad[i], -1, FALSE, NULL, &local_error);
        g_assert_null (none);
        g_assert_error (local_error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT);
      }
  }
  {
    g_autoptr(GPtrArray) zgh = ms_portal_read_data ("{\"id\": 1, \"locale\": \"zgh-Tfng\", \"title\": \"ⴰⵙⵏⵖⵍ\"}", -1,
                                                    FALSE, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ms_localized_get (((MsPortalProcedure *) g_ptr_array_index (zgh, 0))->sheet->title, MS_LANG_ZGH),
                     ==, "ⴰⵙⵏⵖⵍ");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/portal-import/two-files-two-runs", StoreFixture, NULL, set_up, test_two_files_two_runs,
              store_fixture_tear_down);
  g_test_add ("/portal-import/other-order-and-prefer", StoreFixture, NULL, set_up, test_other_order_and_prefer,
              store_fixture_tear_down);
  g_test_add_func ("/portal-import/one-file-conflict", test_one_file_conflict);
  g_test_add ("/portal-import/edited-since-import", StoreFixture, NULL, set_up, test_edited_since_import,
              store_fixture_tear_down);
  g_test_add ("/portal-import/dry-run", StoreFixture, NULL, set_up, test_dry_run, store_fixture_tear_down);
  g_test_add ("/portal-import/nulls-and-types", StoreFixture, NULL, set_up, test_nulls_and_types,
              store_fixture_tear_down);
  g_test_add_func ("/portal-import/locales-and-ids", test_locales_and_ids);

  return g_test_run ();
}
