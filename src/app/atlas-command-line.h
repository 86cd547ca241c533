/* atlas-command-line.h: the silicon-atlas command's options, and the command or the window they ask for. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int atlas_command_line_run (int       argc,
                            char    **argv,
                            gboolean  allow_window);

G_END_DECLS
