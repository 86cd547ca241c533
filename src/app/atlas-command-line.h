/* atlas-command-line.h: the silicon-atlas command's options, and the command or the window they ask for. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Opens the window on story_path with the files in inputs (NULL when
 * none); argv is the command line as given, options included. Returns
 * the exit status. */
typedef int (*AtlasWindowLauncher) (char       **argv,
                                    const char  *story_path,
                                    char       **inputs);

void atlas_command_line_set_language (void);

int atlas_command_line_run (int                  argc,
                            char               **argv,
                            AtlasWindowLauncher  launch_window);

G_END_DECLS
