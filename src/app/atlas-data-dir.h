/* atlas-data-dir.h: where the built-in story and datasets are. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *atlas_find_data_dir (void);

G_END_DECLS
