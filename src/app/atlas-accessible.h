/* atlas-accessible.h: names every control of a window as a person would say it, for screen readers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void atlas_accessible_name_controls (GtkWidget *widget);

G_END_DECLS
