/* atlas-settings.h: the app's GSettings, when its schema is installed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *atlas_settings_new (void);

G_END_DECLS
