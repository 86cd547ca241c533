/* csv-result-text.h: a reader's result written out whole, to compare two reads byte for byte. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-csv-reader.h"

G_BEGIN_DECLS

GString *csv_result_to_text (const AtlasCsvResult *result);

G_END_DECLS
