/* atlas-describe-command.h: `silicon-atlas --describe FILE`, the reader's findings as JSON. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "atlas-csv-reader.h"

G_BEGIN_DECLS

char *atlas_csv_result_to_json      (const AtlasCsvResult *result,
                                     const char           *path);
int   atlas_describe_command_run    (const char           *path);
int   atlas_list_datasets_command_run (const char         *datasets_dir);

G_END_DECLS
