/* atlas-accessible.c: names every control of a window as a person would say it, for screen readers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-accessible.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "atlas-table.h"

/* text without a mnemonic's underscores ("_Cancel" reads "Cancel"; a
 * doubled one stands for itself). */
static char *
without_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '_' && p[1] == '_')
        g_string_append_c (out, *p++);
      else if (*p != '_')
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The first label's text inside widget (a button's content), or NULL. */
static const char *
find_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *text = find_label_text (child);
      if (text)
        return text;
    }
  return NULL;
}

/* The tooltip of widget or of the nearest control holding it (a menu
 * button's inner button has none of its own). */
static const char *
find_tooltip (GtkWidget *widget)
{
  for (; widget; widget = gtk_widget_get_parent (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      if (tooltip && *tooltip)
        return tooltip;
      if (ADW_IS_SPLIT_BUTTON (widget) && adw_split_button_get_dropdown_tooltip (ADW_SPLIT_BUTTON (widget)))
        return adw_split_button_get_dropdown_tooltip (ADW_SPLIT_BUTTON (widget));
      if (GTK_IS_ROOT (widget))
        break;
    }
  return NULL;
}

/* A button that shows only an icon and has no tooltip, as GTK and
 * libadwaita make some (an info bar's close button, a search toggle): the
 * name the icon stands for; a menu button is a menu. */
static char *
name_from_icon (GtkWidget *button)
{
  static const struct
  {
    const char *icon;
    const char *name;
  } icons[] = {
    { "window-close-symbolic", N_("Close") },
    { "edit-find-symbolic", N_("Search") },
    { "go-previous-symbolic", N_("Back") },
    { "open-menu-symbolic", N_("Menu") },
    { "view-more-symbolic", N_("More") },
  };
  const char *icon = GTK_IS_BUTTON (button) ? gtk_button_get_icon_name (GTK_BUTTON (button)) : NULL;
  GtkWidget *image = icon ? NULL : gtk_widget_get_first_child (button);

  if (!icon && GTK_IS_IMAGE (image))
    icon = gtk_image_get_icon_name (GTK_IMAGE (image));
  for (guint i = 0; icon && i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (icon, icons[i].icon))
      return g_strdup (_(icons[i].name));
  if (GTK_IS_MENU_BUTTON (button) || (gtk_widget_get_parent (button)
                                      && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (button))))
    return g_strdup (_("Menu"));
  return NULL;
}

/* What a button says: its label without the mnemonic, else the text it
 * shows, else its tooltip; NULL when it says nothing. */
static char *
name_of_button (GtkWidget *button)
{
  const char *label = NULL, *tooltip;

  if (GTK_IS_BUTTON (button))
    label = gtk_button_get_label (GTK_BUTTON (button));
  else if (GTK_IS_MENU_BUTTON (button))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (button));
  if (label && *label)
    return without_mnemonic (label);
  label = find_label_text (button);
  if (label)
    return without_mnemonic (label);
  tooltip = find_tooltip (button);
  /* A tooltip as a name: without the key that does the same, which the
   * tooltip gives in brackets at its end ("Open a CSV File… (Ctrl+O)"). */
  if (tooltip)
    return atlas_name_without_bracket (tooltip);
  return name_from_icon (button);
}

/* What a list is of: the title of the group or row around it. */
static char *
name_of_list (GtkWidget *list)
{
  for (GtkWidget *up = gtk_widget_get_parent (list); up; up = gtk_widget_get_parent (up))
    {
      if (ADW_IS_PREFERENCES_GROUP (up) && adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (up))
          && *adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (up)))
        return without_mnemonic (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (up)));
      if (ADW_IS_PREFERENCES_ROW (up) && *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up)))
        return without_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up)));
      /* Else the window it is in ("About Silicon Atlas"). */
      if (GTK_IS_WINDOW (up) && gtk_window_get_title (GTK_WINDOW (up)))
        return g_strdup (gtk_window_get_title (GTK_WINDOW (up)));
      if (GTK_IS_ROOT (up))
        break;
    }
  return NULL;
}

static void
set_name (GtkWidget  *widget,
          const char *name)
{
  if (name && *name)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Gives each control in widget that GTK would read by its class name or
 * with a mnemonic's underscore ("GtkMenuButton", "_Cancel Cancel") the
 * name a person would say: a button's label or tooltip, a list's group,
 * a search entry's placeholder. A list with no group or row around it
 * keeps the name its window gave it. */
void
atlas_accessible_name_controls (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    {
      g_autofree char *name = name_of_button (widget);
      set_name (widget, name);
    }
  else if (GTK_IS_LIST_BOX (widget) || GTK_IS_LIST_VIEW (widget))
    {
      g_autofree char *name = name_of_list (widget);
      set_name (widget, name);
    }
  else if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;
      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      set_name (widget, placeholder);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    atlas_accessible_name_controls (child);
}
