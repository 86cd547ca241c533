/* atlas-application.h: the Silicon Atlas application: one window per activation, the built-in story in it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_APPLICATION (atlas_application_get_type ())

G_DECLARE_FINAL_TYPE (AtlasApplication, atlas_application, ATLAS, APPLICATION, AdwApplication)

AtlasApplication *atlas_application_new (const char *story_path);

int               atlas_application_launch (char       **argv,
                                            const char  *story_path,
                                            char       **inputs);

G_END_DECLS
