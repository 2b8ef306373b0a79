/* bench-bundle.c — build and verify bundles of 10,000 and 100,000 sheets
 *
 * Not a test. Prints seconds, MB/s and peak memory for ms_bundle_build (the
 * core of export, without the store) and ms_bundle_verify, next to
 * sha256sum of the same file, build-aux/verify-bundle.py and its Node.js
 * peer build-aux/verify-bundle.mjs.
 *
 *   bench-bundle [N...]        (default 10000 100000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "ms-bundle.h"
#include "ms-strict-json.h"

#define A4_JWK "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"," \
  "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"," \
  "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static double
run_seconds (const char *command)
{
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    g_printerr ("failed: %s\n", command);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench (guint       n,
       GPtrArray  *demo,
       MsKey      *key,
       const char *dir,
       const char *trust_path)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_bundle_entry_free);
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(MsTrustStore) trust = ms_trust_store_load (trust_path, NULL);
  g_autoptr(MsBundleVerified) verified = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/bench-%u.bundle", dir, n);
  g_autofree char *sha_command = g_strdup_printf ("sha256sum %s", path);
  g_autofree char *script = g_build_filename (MS_SOURCE_DATADIR, "..", "build-aux", "verify-bundle.py", NULL);
  g_autofree char *python_command = g_strdup_printf ("python3 %s --trust %s %s", script, trust_path, path);
  g_autofree char *node_script = g_build_filename (MS_SOURCE_DATADIR, "..", "build-aux", "verify-bundle.mjs", NULL);
  g_autofree char *node_command = g_strdup_printf ("node %s --trust %s %s", node_script, trust_path, path);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  MsBundleSpec spec = { "ma.bench", 1, now - 3600, now + 30 * 86400, NULL, entries, NULL };
  double t_build, t_verify, t_sha, t_python, t_node, mb;
  gint64 start;

  /* The sheets, made distinct by id and code, are made before the clock
   * starts: in a real export they come from the store. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      MsProcedure *p = ms_procedure_copy (g_ptr_array_index (demo, i % demo->len));
      GBytes *bytes;

      g_free (p->id);
      p->id = g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
      bytes = ms_bundle_entry_bytes (p, 1, "2025-01-15", &error);
      g_assert_no_error (error);
      g_ptr_array_add (entries, ms_bundle_entry_new (p->id, bytes));
      g_object_unref (p);
    }
  g_print ("%u sheets: entry bytes (procedure → JCS) %.2f s\n", n, (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  bundle = ms_bundle_build (&spec, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle), NULL));
  t_build = (g_get_monotonic_time () - start) / 1e6;
  mb = g_bytes_get_size (bundle) / 1e6;

  start = g_get_monotonic_time ();
  {
    g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

    g_assert_no_error (error);
    verified = ms_bundle_verify (g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                                 trust, NULL, now, &error);
    g_assert_no_error (error);
  }
  t_verify = (g_get_monotonic_time () - start) / 1e6;
  t_sha = run_seconds (sha_command);
  t_python = run_seconds (python_command);
  t_node = run_seconds (node_command);

  g_print ("  file %.1f MB\n", mb);
  g_print ("  build+write %.2f s (%.0f MB/s) = %.1f× sha256sum\n", t_build, mb / t_build, t_build / t_sha);
  g_print ("  verify      %.2f s (%.0f MB/s) = %.1f× sha256sum, %.1f× faster than Python\n",
           t_verify, mb / t_verify, t_verify / t_sha, t_python / t_verify);
  g_print ("  sha256sum   %.2f s (%.0f MB/s); verify-bundle.py %.2f s; verify-bundle.mjs %.2f s (%.1f× verify)\n",
           t_sha, mb / t_sha, t_python, t_node, t_node / t_verify);
  g_print ("  peak memory so far %.0f MiB\n", peak_mib ());
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) demo = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *demo_dir = g_build_filename (MS_SOURCE_DATADIR, "demo", NULL);
  g_autofree char *dir = g_dir_make_tmp ("bench-bundle-XXXXXX", NULL);
  g_autofree char *trust_path = g_build_filename (dir, "trust.json", NULL);
  g_autofree char *trust = NULL;
  g_autoptr(JsonNode) jwk = ms_strict_json_parse (A4_JWK, strlen (A4_JWK), NULL);
  g_autoptr(MsKey) key = ms_key_new_from_jwk (jwk, NULL);
  g_autoptr(GDir) folder = g_dir_open (demo_dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (demo_dir, name, NULL);
      MsProcedure *p = ms_procedure_new_from_file (path, NULL);

      if (p != NULL)
        g_ptr_array_add (demo, p);
    }
  g_assert_cmpuint (demo->len, >, 0);
  trust = g_strdup_printf ("{\"threshold\":1,\"keys\":{\"%s\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                           "\"x\":\"%s\",\"issuer\":\"ma.bench\"}}}", key->kid, key->x);
  g_assert_true (g_file_set_contents (trust_path, trust, -1, NULL));

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      bench ((guint) g_ascii_strtoull (argv[i], NULL, 10), demo, key, dir, trust_path);
  else
    {
      bench (10000, demo, key, dir, trust_path);
      bench (100000, demo, key, dir, trust_path);
    }
  g_unlink (trust_path);
  g_rmdir (dir);
  return 0;
}
