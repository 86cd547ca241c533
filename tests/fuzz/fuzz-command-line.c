/* fuzz-command-line.c: libFuzzer harness: any bytes as the silicon-atlas command's arguments, one per NUL-ended piece;
 * every run ends with a status, never a crash. The window is never opened.
 *
 * Run from the source tree; it works in a folder of its own, holding a
 * small CSV the arguments can name, and reads the built-in datasets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "atlas-command-line.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define MAX_ARGUMENTS 24

/* A folder to run in, with a.csv, and the datasets found from anywhere. */
static void
make_folder (void)
{
  g_autofree char *data = g_canonicalize_filename ("data", NULL);
  g_autofree char *folder = g_dir_make_tmp ("atlas-fuzz-command-XXXXXX", NULL);

  g_setenv ("ATLAS_DATA_DIR", data, TRUE);
  g_assert_cmpint (chdir (folder), ==, 0);
  g_assert_true (g_file_set_contents ("a.csv", "year,value,name\n2020,1.5,a\n2021,2.5,b\n2022,,c\n", -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean ready;
  g_autoptr (GPtrArray) arguments = g_ptr_array_new_with_free_func (g_free);
  const char *p = (const char *) data, *end = p + size;
  g_autofree char **argv = NULL;
  int status;

  if (!ready)
    {
      make_folder ();
      ready = TRUE;
    }
  g_ptr_array_add (arguments, g_strdup ("silicon-atlas"));
  while (p < end && arguments->len < MAX_ARGUMENTS)
    {
      const char *nul = memchr (p, '\0', end - p);
      gsize len = nul ? (gsize) (nul - p) : (gsize) (end - p);
      char *argument = g_strndup (p, len);

      /* Files are named within the run's folder only: nothing outside it
       * is read or written. */
      /* Help prints and exits the process: not a run that ends. The
       * command has no short options but GOption's -h and -?, which may
       * come in a cluster ("-ha"). */
      if (strchr (argument, '/') || g_str_has_prefix (argument, "--help")
          || (argument[0] == '-' && argument[1] != '-' && (strchr (argument, 'h') || strchr (argument, '?'))))
        {
          g_free (argument);
          return 0;
        }
      g_ptr_array_add (arguments, argument);
      p += len + 1;
    }
  g_ptr_array_add (arguments, NULL);
  /* The options parser takes out what it reads: it gets a copy of the
   * list, the strings staying with arguments. */
  argv = g_memdup2 (arguments->pdata, arguments->len * sizeof (char *));
  status = atlas_command_line_run ((int) arguments->len - 1, argv, NULL);
  g_assert_true (status >= 0 && status <= 2);
  return 0;
}
