/* ui-test-support.h: what the window tests share: waiting for frames and reads, screenshots, finding widgets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-window.h"

G_BEGIN_DECLS

void         wait_for_frames  (GtkWidget   *widget,
                               guint        n_frames);
gboolean     wait_for_mapped  (GtkWidget   *widget);
void         save_screenshot  (GtkWidget   *widget,
                               const char  *name);
AtlasWindow *new_story_window (void);
/* Whether widget is the one sought, given what a search was given. */
typedef gboolean (*WidgetTest) (GtkWidget     *widget,
                                gconstpointer  data);

GtkWidget   *find_widget_where (GtkWidget    *widget,
                                WidgetTest    test,
                                gconstpointer data);
GtkWidget   *find_descendant  (GtkWidget   *widget,
                               GType        type);
void         wait_for_loading (AtlasWindow *window);

G_END_DECLS
