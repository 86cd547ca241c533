/* window-main.c: the silicon-atlas-window program, which the silicon-atlas command becomes to open the window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-application.h"
#include "atlas-command-line.h"

int
main (int   argc,
      char *argv[])
{
  /* First of all, so that the window reads in the person's language;
   * GtkBuilder translates the .ui files in the default domain set here. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The same options as silicon-atlas, so a headless one still works here. */
  return atlas_command_line_run (argc, argv, atlas_application_launch);
}
