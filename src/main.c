/* main.c: the silicon-atlas command: the person's language, then what the options ask for. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atlas-command-line.h"

#define WINDOW_PROGRAM "silicon-atlas-window"

/* The window's program: beside this one in a build tree; else in the
 * installed tree's libexec folder, found from this program's own path so
 * that the tree can move (a Flatpak, a staging folder); else where the
 * build was configured to install it. */
static char *
find_window_program (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);

  if (program)
    {
      g_autofree char *bindir = g_path_get_dirname (program);
      g_autofree char *beside = g_build_filename (bindir, WINDOW_PROGRAM, NULL);
      g_autofree char *installed = g_build_filename (bindir, ATLAS_BINDIR_TO_LIBEXECDIR, WINDOW_PROGRAM, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
      if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&installed);
    }
  return g_build_filename (ATLAS_LIBEXECDIR, WINDOW_PROGRAM, NULL);
}

/* The window lives in a program of its own, so that the commands that
 * need no display (--describe, --export, --audit) never load GTK and
 * libadwaita: this one becomes it, with the command line as given. */
static int
exec_window_program (char       **argv,
                     const char  *story_path,
                     char       **inputs)
{
  g_autofree char *window_program = find_window_program ();

  (void) story_path;
  (void) inputs;
  execv (window_program, argv);
  fprintf (stderr, "silicon-atlas: %s: %s\n", window_program, g_strerror (errno));
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  atlas_command_line_set_language ();
  return atlas_command_line_run (argc, argv, exec_window_program);
}
