/* bench-hostile.c — peak memory of verify and check-json on hostile input
 *
 * Not a test. Writes each worst case the hardening review found (issue 9,
 * item 3) at the sizes given, runs $MASATIR_CLI on it and prints the
 * file's size, the child's peak RSS (ru_maxrss) and their ratio, next to
 * the bound (3 × the file + 64 MiB) that test-hostile asserts for small
 * files.
 *
 *   MASATIR_CLI=build/src/masatir-cli bench-hostile [MB...]   (default 100)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* wait4 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <sys/wait.h>

#define SHEET_ID "0f8e4c2a-6d1b-4f3e-9a57-2c1d8b9e7a10"
#define WRAPPER_HEAD "{\"format\":\"procbundle/1\",\"jws\":{\"payload\":\"\",\"signatures\":" \
  "[{\"protected\":\"\",\"signature\":\"\"}]},\"entries\":{}"

typedef struct {
  const char *name;
  gboolean    bundle;       /* verify, else check-json */
  const char *head;
  const char *first;        /* the first repeated item (no separator) */
  const char *item;         /* each further one */
  const char *tail;
} Case;

static const Case cases[] = {
  { "bundle: extra member \"x\":[0,0,…]", TRUE, WRAPPER_HEAD ",\"x\":[", "0", ",0", "]}" },
  { "bundle: [{},{},…]", TRUE, "[", "{}", ",{}", "]" },
  { "bundle: 10^n entries", TRUE, "{\"format\":\"procbundle/1\",\"entries\":{", "\"e0\":\"\"", NULL, "}}" },
  { "bundle: deep nesting in \"x\"", TRUE, WRAPPER_HEAD ",\"x\":", "[", "[", "" },
  { "sheet: documents [{…},…]", FALSE, "{\"id\":\"" SHEET_ID "\",\"documents\":[", "{\"id\":\"d\"}", ",{\"id\":\"d\"}", "]}" },
  { "sheets: [{},{},…]", FALSE, "[", "{}", ",{}", "]" },
  { "sheet: unknown \"x\":[0,0,…]", FALSE, "{\"id\":\"" SHEET_ID "\",\"x\":[", "0", ",0", "]}" },
  { "sheet: tiny members", FALSE, "{\"id\":\"" SHEET_ID "\"", NULL, NULL, "}" },
  { "sheet: one long text", FALSE, "{\"id\":\"" SHEET_ID "\",\"summary\":{\"fr\":\"", "a", "a", "\"}}" },
};

/* Writes @c to @path with about @size bytes; returns the size written. */
static gsize
write_case (const Case *c,
            const char *path,
            gsize       size)
{
  FILE *f = fopen (path, "w");
  gsize written = 0;
  char member[32];

  if (f == NULL)
    g_error ("cannot write %s", path);
  written += fprintf (f, "%s", c->head);
  if (c->first != NULL)
    written += fprintf (f, "%s", c->first);
  for (guint64 i = 1; written + strlen (c->tail) < size; i++)
    {
      if (c->item != NULL)
        written += fprintf (f, "%s", c->item);
      else
        {
          /* Distinct member names, so that duplicates are not what refuses them. */
          g_snprintf (member, sizeof member, c->first != NULL ? ",\"e%" G_GUINT64_FORMAT "\":\"\""
                                                              : ",\"m%" G_GUINT64_FORMAT "\":0", i);
          written += fprintf (f, "%s", member);
        }
    }
  written += fprintf (f, "%s", c->tail);
  if (fclose (f) != 0)
    g_error ("cannot write %s", path);
  return written;
}

static void
run (const char * const *argv,
     double             *peak_mib,
     int                *status,
     char              **err_line)
{
  struct rusage usage;
  g_autoptr(GError) error = NULL;
  GPid pid;
  int fds[2];
  char buffer[2][512] = { "", "" };

  /* Both outputs are a few lines: they fit the pipes until the child ends. */
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &fds[0], &fds[1], &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  wait4 (pid, status, 0, &usage);
  for (guint i = 0; i < 2; i++)
    {
      gssize n = read (fds[i], buffer[i], sizeof buffer[i] - 1);

      buffer[i][MAX (n, 0)] = '\0';
      close (fds[i]);
    }
  *peak_mib = usage.ru_maxrss / 1024.0;
  /* check-json reports on the standard output, verify on the error output. */
  *err_line = g_strndup (buffer[1][0] != '\0' ? buffer[1] : buffer[0],
                         strcspn (buffer[1][0] != '\0' ? buffer[1] : buffer[0], "\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *cli = g_getenv ("MASATIR_CLI");
  g_autofree char *dir = g_dir_make_tmp ("masatir-bench-hostile-XXXXXX", NULL);
  g_autofree char *trust = g_build_filename (dir, "trust.json", NULL);
  g_autofree char *path = g_build_filename (dir, "hostile.json", NULL);
  const char *default_sizes[] = { NULL, "100" };

  if (cli == NULL || dir == NULL)
    g_error ("set MASATIR_CLI to masatir-cli");
  if (argc < 2)
    {
      argc = 2;
      argv = (char **) default_sizes;
    }
  /* Every case is refused before a key is needed. */
  if (!g_file_set_contents (trust, "{\"threshold\":1,\"keys\":{}}", -1, NULL))
    g_error ("cannot write %s", trust);

  g_print ("%-34s %9s %10s %6s %10s  %s\n", "case", "file MiB", "peak MiB", "ratio", "bound MiB", "exit, message");
  for (int a = 1; a < argc; a++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const Case *c = &cases[i];
        gsize size = write_case (c, path, (gsize) (g_ascii_strtod (argv[a], NULL) * 1024 * 1024));
        const char *verify_argv[] = { cli, "verify", "--trust", trust, path, NULL };
        const char *check_argv[] = { cli, "check-json", path, NULL };
        g_autofree char *line = NULL;
        double peak, mib = size / 1048576.0;
        int status;

        run (c->bundle ? verify_argv : check_argv, &peak, &status, &line);
        g_print ("%-34s %9.1f %10.1f %6.2f %10.1f  %d, %.90s\n", c->name, mib, peak, peak / mib, 3 * mib + 64,
                 WIFEXITED (status) ? WEXITSTATUS (status) : -WTERMSIG (status), line);
      }
  g_unlink (path);
  g_unlink (trust);
  g_rmdir (dir);
  return 0;
}
