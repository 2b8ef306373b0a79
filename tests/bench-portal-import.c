/* bench-portal-import.c — how long importing portal records takes
 *
 * bench-portal-import [N...]   (default: 8000 20000 records)
 *
 * N records in one file, two locales (ar, fr) per procedure, each with a
 * price, a delay, an administration and three documents, all without an
 * administration code of their own in half the cases (the case that made
 * the code check quadratic). Imported into a new catalog in one
 * transaction, then the same file again (every sheet unchanged), then the
 * French records alone into a catalog that has the Arabic ones (every
 * sheet merged). Prints wall-clock and CPU seconds, and records per second
 * for each, and BENCH lines (bench-format.md) keyed by the records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "bench-util.h"
#include "ms-portal.h"
#include "ms-sqlite-store.h"
#include "ms-store-import.h"

static char *
write_records (const char *dir,
               const char *name,
               guint       n,
               gboolean    ar,
               gboolean    fr)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) out = g_string_new ("[\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n / 2; i++)
    for (guint l = 0; l < 2; l++)
      {
        if ((l == 0 && !ar) || (l == 1 && !fr))
          continue;
        g_string_append_printf (out,
                                "%s{\"id\": %u, \"locale\": \"%s\", \"title\": \"%s %u\","
                                " \"description\": \"%s\", \"price\": \"%u DH\", \"delay\": \"%u %s\","
                                " \"administrationInCharge\": \"%s\","
                                " \"documents\": [{\"id\": %u, \"title\": \"%s\"}, {\"id\": %u, \"title\": \"%s\"},"
                                " {\"id\": %u, \"title\": \"%s\"}]}\n",
                                out->len > 2 ? "," : "", 100000 + i, l == 0 ? "ar" : "fr",
                                l == 0 ? "شهادة إدارية رقم" : "Attestation administrative n°", i,
                                l == 0 ? "وثيقة تثبت وضعية إدارية" : "Document qui atteste une situation",
                                10 + i % 50, 1 + i % 30, l == 0 ? "يوما" : "jours",
                                i % 2 == 0 ? "" : (l == 0 ? "وزارة الداخلية" : "Ministère de l'Intérieur"),
                                3 * i, l == 0 ? "نسخة من البطاقة الوطنية" : "Copie de la CNIE",
                                3 * i + 1, l == 0 ? "صورة شمسية" : "Photo d'identité",
                                3 * i + 2, l == 0 ? "طلب خطي" : "Demande écrite");
      }
  g_string_append (out, "]\n");
  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&path);
}

static MsSqliteStore *
new_catalog (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  MsUser admin = { (char *) "bench", (char *) "Bench", MS_ROLE_ALL };
  MsSqliteStore *store = ms_sqlite_store_open (path, MS_SQLITE_STORE_CREATE, &error);

  g_assert_no_error (error);
  ms_store_add_user (MS_STORE (store), "bench", &admin, &error);
  g_assert_no_error (error);
  return store;
}

static void
timed_import (MsSqliteStore *store,
              const char    *path,
              const char    *what,
              const char    *key,
              guint          n,
              guint          size)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  MsImportSummary summary = { 0 };
  gint64 start = g_get_monotonic_time ();
  clock_t cpu = clock ();
  double seconds, cpu_seconds;

  lines = ms_store_import_file_full (MS_STORE (store), "bench", path, MS_IMPORT_FORMAT_PORTAL, NULL,
                                     &summary, NULL, &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  /* CPU time too: on a shared machine the wall clock measures the others. */
  cpu_seconds = (double) (clock () - cpu) / CLOCKS_PER_SEC;
  g_print ("%6u records, %-28s %7.2f s (CPU %6.2f s)  %8.0f records/s  (created %u, updated %u, unchanged %u, conflicts %u)\n",
           n, what, seconds, cpu_seconds, n / seconds, summary.created, summary.updated, summary.unchanged,
           summary.conflicts);
  bench_line (size, key, n / seconds, "per_s", NULL);
}

static void
timed_mapping (const char *path,
               guint       n)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_portal_note_free);
  g_autoptr(GPtrArray) procedures = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  clock_t cpu = clock ();
  double seconds, cpu_seconds;

  procedures = ms_portal_read_file (path, FALSE, notes, &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu_seconds = (double) (clock () - cpu) / CLOCKS_PER_SEC;
  g_print ("%6u records, %-28s %7.2f s (CPU %6.2f s)  %8.0f records/s\n", n, "mapping only (no store)", seconds,
           cpu_seconds, n / seconds);
}

static void
bench (guint n)
{
  g_autofree char *dir = g_dir_make_tmp ("masatir-bench-XXXXXX", NULL);
  g_autofree char *both = write_records (dir, "both.json", n, TRUE, TRUE);
  g_autofree char *ar = write_records (dir, "ar.json", n, TRUE, FALSE);
  g_autofree char *fr = write_records (dir, "fr.json", n, FALSE, TRUE);
  g_autoptr(MsSqliteStore) one = new_catalog (dir, "one.db");
  g_autoptr(MsSqliteStore) two = new_catalog (dir, "two.db");

  timed_mapping (both, n);
  timed_import (one, both, "new catalog", "portal_import.records_per_s", n, n);
  timed_import (one, both, "again (unchanged)", "portal_import.unchanged_records_per_s", n, n);
  timed_import (two, ar, "Arabic only", "portal_import.half_records_per_s", n / 2, n);
  timed_import (two, fr, "then French (merged)", "portal_import.merged_records_per_s", n / 2, n);
  g_clear_object (&one);
  g_clear_object (&two);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc < 2)
    {
      bench (8000);
      bench (20000);
      return 0;
    }
  for (int i = 1; i < argc; i++)
    bench ((guint) g_ascii_strtoull (argv[i], NULL, 10));
  return 0;
}
