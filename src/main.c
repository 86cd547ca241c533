/* main.c: the silicon-atlas command: the person's language, then what the options ask for. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-command-line.h"

int
main (int   argc,
      char *argv[])
{
  /* First of all, so that the help, the errors and the window read in the
   * person's language; GtkBuilder translates the .ui files in the default
   * domain set here. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return atlas_command_line_run (argc, argv, TRUE);
}
