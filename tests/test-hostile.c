/* test-hostile.c — hostile input is refused within bounded memory (issue 9, item 3)
 *
 * Each case is written at a few megabytes and given to masatir-cli
 * (verify or check-json) with its address space limited to 3 × the file
 * plus 64 MiB (RLIMIT_AS): before the limits were applied while reading,
 * the same files took 15 to 200 times their size. The refusal and its
 * message are asserted; the bound, which AddressSanitizer's shadow memory
 * cannot live with, is left out of sanitizer builds (said in the output).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
# define BOUND_MEMORY 0
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define BOUND_MEMORY 0
# endif
#endif
#ifndef BOUND_MEMORY
# define BOUND_MEMORY 1
#endif

#define SIZE (6 * 1024 * 1024)
#define CONSTANT (64 * 1024 * 1024)
#define SHEET_ID "0f8e4c2a-6d1b-4f3e-9a57-2c1d8b9e7a10"
#define WRAPPER "{\"format\":\"procbundle/1\",\"jws\":{\"payload\":\"\",\"signatures\":" \
  "[{\"protected\":\"\",\"signature\":\"\"}]},\"entries\":{}"

typedef struct {
  const char *name;
  gboolean    bundle;
  const char *head;
  const char *item;      /* repeated; "%u" is the index */
  const char *separator;
  const char *tail;
  const char *message;   /* expected in the output */
} Case;

static Case cases[] = {
  { "bundle-extra-member", TRUE, WRAPPER ",\"x\":[", "0", ",", "]}",
    "verify: format: expected exactly the members format, jws and entries" },
  { "bundle-list-of-objects", TRUE, "[", "{}", ",", "]",
    "verify: format: beyond the wrapper's limits: 2097151 items, at most 16 are allowed" },
  { "bundle-many-entries", TRUE, "{\"format\":\"procbundle/1\",\"entries\":{", "\"e%u\":\"\"", ",", "}}",
    "verify: size: entries: " },
  { "bundle-deep-nesting", TRUE, WRAPPER ",\"x\":", "[", "", "",
    "verify: format: not strict JSON: line 1, column 174: nested deeper than 64 levels" },
  { "bundle-unknown-jws-member", TRUE, "{\"format\":\"procbundle/1\",\"jws\":{\"x\":[", "[0,0,0,0,0,0,0,0]", ",", "]}}",
    "verify: format: beyond the wrapper's limits: jws.x[11118][1]: more than 100064 values" },
  { "sheet-many-documents", FALSE, "{\"id\":\"" SHEET_ID "\",\"documents\":[", "{\"id\":\"d\"}", ",", "]}",
    "documents: 571945 items, at most 500 are allowed" },
  { "sheets-list-of-objects", FALSE, "[", "{}", ",", "]",
    ": 2097151 items, at most 100000 are allowed" },
  { "sheet-unknown-member", FALSE, "{\"id\":\"" SHEET_ID "\",\"x\":[", "0", ",", "]}",
    "x: 3145702 items, at most 500 are allowed" },
  { "sheet-tiny-members", FALSE, "{\"id\":\"" SHEET_ID "\",", "\"m%u\":0", ",", "}",
    "members, at most 100000 are allowed" },
  { "sheet-tiny-strings", FALSE, "{\"id\":\"" SHEET_ID "\",\"themes\":[", "\"a\"", ",", "]}",
    "themes: 1572850 items, at most 500 are allowed" },
  /* Each document with 500 legal bases (its item is made in main): no
   * list is too long, but the sheet has too many values. */
  { "sheet-many-values", FALSE, "{\"id\":\"" SHEET_ID "\",\"documents\":[", NULL, ",", "]}",
    "documents[497].legal_basis[7]: more than 250000 values" },
  { "sheet-long-text", FALSE, "{\"id\":\"" SHEET_ID "\",\"summary\":{\"fr\":\"", "a", "", "\"}}",
    "summary.fr: the text has 6291391 characters, no text may have more than 20000" },
};

static char *dir;
static char *trust;

/* @item with its "%u" (if any) replaced by @index. */
static void
append_item (GString    *text,
             const char *item,
             guint       index)
{
  const char *number = strstr (item, "%u");

  if (number == NULL)
    {
      g_string_append (text, item);
      return;
    }
  g_string_append_len (text, item, number - item);
  g_string_append_printf (text, "%u", index);
  g_string_append (text, number + 2);
}

/* @c at SIZE bytes or just under. */
static char *
write_case (const Case *c)
{
  g_autoptr(GString) text = g_string_sized_new (SIZE);
  g_autofree char *name = g_strconcat (c->name, ".json", NULL);
  char *path = g_build_filename (dir, name, NULL);
  gsize tail = strlen (c->tail);

  g_string_append (text, c->head);
  for (guint i = 0;; i++)
    {
      gsize before = text->len;

      if (i > 0)
        g_string_append (text, c->separator);
      append_item (text, c->item, i);
      if (text->len + tail > SIZE)
        {
          g_string_truncate (text, before);
          break;
        }
    }
  g_string_append (text, c->tail);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

static void
limit_memory_cb (gpointer user_data)
{
  rlim_t bytes = (rlim_t) GPOINTER_TO_SIZE (user_data);
  struct rlimit limit = { bytes, bytes };

  setrlimit (RLIMIT_AS, &limit);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *path = write_case (c);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("MASATIR_CLI");
  const char *verify_argv[] = { cli, "verify", "--trust", trust, path, NULL };
  const char *check_argv[] = { cli, "check-json", path, NULL };

  g_assert_nonnull (cli);
  if (BOUND_MEMORY)
    g_subprocess_launcher_set_child_setup (launcher, limit_memory_cb,
                                           GSIZE_TO_POINTER ((gsize) 3 * SIZE + CONSTANT), NULL);
  proc = g_subprocess_launcher_spawnv (launcher, c->bundle ? verify_argv : check_argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* A clean refusal: no crash, no abort on a failed allocation. */
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  if (strstr (out, c->message) == NULL)
    {
      g_test_message ("%s: “%s” not in: %s", c->name, c->message, out);
      g_test_fail ();
    }
  g_assert_cmpuint (strlen (out) - strlen (g_strchomp (out)), <=, 1);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("hostile-XXXXXX", NULL);
  trust = g_build_filename (dir, "trust.json", NULL);
  /* Every case is refused before a key is looked up. */
  g_assert_true (g_file_set_contents (trust, "{\"threshold\":1,\"keys\":{}}", -1, NULL));
  {
    GString *document = g_string_new ("{\"id\":\"d\",\"legal_basis\":[\"a\"");

    for (guint i = 1; i < 500; i++)
      g_string_append (document, ",\"a\"");
    g_string_append (document, "]}");
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      if (cases[i].item == NULL)
        cases[i].item = g_string_free (document, FALSE);
  }
  if (!BOUND_MEMORY)
    g_test_message ("built with AddressSanitizer: the refusals are checked, not the memory bound");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strconcat ("/hostile/", cases[i].name, NULL);

      g_test_add_data_func (test_path, &cases[i], test_case);
    }
  status = g_test_run ();
  g_unlink (trust);
  g_rmdir (dir);
  g_free (trust);
  g_free (dir);
  return status;
}
