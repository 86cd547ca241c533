/* window-main.c: the silicon-atlas-window program, which the silicon-atlas command becomes to open the window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "atlas-application.h"
#include "atlas-command-line.h"

int
main (int   argc,
      char *argv[])
{
  atlas_command_line_set_language ();
  /* The same options as silicon-atlas, so a headless one still works here. */
  return atlas_command_line_run (argc, argv, atlas_application_launch);
}
