/* atlas-data-dir.h: where the built-in story and datasets are. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *atlas_find_data_dir (void);

G_END_DECLS
