/* atlas-chart-settings.c: the chart settings sidebar: type, columns, text, axis, numbers, colours, order and notes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-settings.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-cell-parse.h"
#include "atlas-chart-definition.h"
#include "atlas-table.h"

/* Every change goes through the window's "options" actions, so that one
 * path draws it, says why the data cannot take it, and keeps it to undo.
 * The sidebar only shows the chart, and asks. */

static const AtlasChartType chart_types[] = {
  ATLAS_CHART_LINE,          ATLAS_CHART_AREA,        ATLAS_CHART_STACKED_AREA, ATLAS_CHART_STACKED_AREA_PERCENT,
  ATLAS_CHART_BAR,           ATLAS_CHART_BAR_STACKED, ATLAS_CHART_BAR_HORIZONTAL, ATLAS_CHART_BAR_HORIZONTAL_STACKED,
  ATLAS_CHART_SCATTER,       ATLAS_CHART_DONUT,       ATLAS_CHART_TIMELINE,
};

static const AtlasSortOrder sort_orders[] = { ATLAS_SORT_NONE, ATLAS_SORT_DESCENDING, ATLAS_SORT_ASCENDING };

/* The most decimals offered; a chart file may say up to 12. */
#define MAX_OFFERED_DECIMALS 4

/* A searchable list of names to check: the columns drawn, the groups. */
typedef struct
{
  AdwPreferencesGroup *group;
  GtkSearchEntry *search;
  GtkListBox *list;
  GtkLabel *empty; /* said when the search finds nothing */
} CheckList;

struct _AtlasChartSettings
{
  GtkWidget parent_instance;

  AdwPreferencesPage *page;
  AtlasChart *chart;
  AtlasTable *table;   /* the table the lists were made for: not owned, compared only */
  char *listed_x;      /* the x column the values list was made without */
  char *listed_groups; /* the group column the groups list was made for */
  gboolean updating;   /* rows are being set to the chart's state: not a person's change */
  gboolean built;      /* the rows are made: when the sidebar first shows, not at launch */
  gboolean stale;      /* the chart changed while the sidebar was hidden */

  AdwComboRow *type_row;
  AdwComboRow *x_row;
  GtkStringList *x_names;
  AdwComboRow *group_row;
  GtkStringList *group_names; /* "None", then the columns of names */
  AdwComboRow *rows_row;
  GtkStringList *rows_names;  /* "All rows", then the filter column's names */

  CheckList values;
  CheckList groups;

  AdwEntryRow *title_row;
  AdwEntryRow *subtitle_row;
  AdwEntryRow *source_row;
  AdwEntryRow *notes_row;

  AdwActionRow *zero_row;
  GtkSwitch *zero_switch;
  AdwActionRow *log_row;
  GtkSwitch *log_switch;
  AdwEntryRow *min_row;
  AdwEntryRow *max_row;

  AdwComboRow *decimals_row;
  AdwEntryRow *prefix_row;
  AdwEntryRow *suffix_row;
  AdwEntryRow *unit_row;

  AdwPreferencesGroup *colors_group;
  GPtrArray *color_rows;  /* AdwActionRow, one a series */
  AdwComboRow *sort_row;

  AdwPreferencesGroup *notes_group;
  GPtrArray *note_rows;   /* AdwEntryRow, one a note */
  AdwEntryRow *reference_row;
};

G_DEFINE_FINAL_TYPE (AtlasChartSettings, atlas_chart_settings, GTK_TYPE_WIDGET)

static const AtlasChartSpec *
shown_spec (AtlasChartSettings *self)
{
  return self->chart ? atlas_chart_get_spec (self->chart) : NULL;
}

/* Rows */

/* A row's subtitle says why a choice is off, and the row is off with it;
 * NULL: it is on, and the subtitle is plain. */
static void
set_row_reason (AdwActionRow *row,
                const char   *reason,
                const char   *plain)
{
  gtk_widget_set_sensitive (GTK_WIDGET (row), reason == NULL);
  adw_action_row_set_subtitle (row, reason ? reason : plain ? plain : "");
}

static AdwPreferencesGroup *
add_group (AtlasChartSettings *self,
           const char         *title,
           const char         *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  if (description)
    adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (self->page, group);
  return group;
}

static AdwComboRow *
add_combo_row (AdwPreferencesGroup *group,
               const char          *title,
               GListModel          *model)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, model);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

/* The entry row of a text field: field names what options.text sets. */
static void on_text_applied (AdwEntryRow *row,
                             gpointer     data);

static AdwEntryRow *
add_entry_row (AtlasChartSettings  *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *field)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (row, TRUE);
  if (field)
    {
      g_object_set_data (G_OBJECT (row), "field", (gpointer) field);
      g_signal_connect (row, "apply", G_CALLBACK (on_text_applied), self);
    }
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static AdwActionRow *
add_switch_row (AdwPreferencesGroup *group,
                const char          *title,
                GtkSwitch          **out_switch)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  *out_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (*out_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (row, GTK_WIDGET (*out_switch));
  adw_action_row_set_activatable_widget (row, GTK_WIDGET (*out_switch));
  gtk_accessible_update_property (GTK_ACCESSIBLE (*out_switch), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

/* Sets an entry row's text to what the chart says, unless a person is
 * typing in it. */
static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  if (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
activate_option (AtlasChartSettings *self,
                 const char         *name,
                 GVariant           *parameter)
{
  if (self->updating)
    {
      if (parameter)
        g_variant_unref (g_variant_ref_sink (parameter));
      return;
    }
  gtk_widget_activate_action_variant (GTK_WIDGET (self), name, parameter);
}

static void
on_text_applied (AdwEntryRow *row,
                 gpointer     data)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (data);

  activate_option (self, "options.text",
                   g_variant_new ("(ss)", (const char *) g_object_get_data (G_OBJECT (row), "field"),
                                  gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Check lists */

static gboolean
check_row_matches (GtkListBoxRow *row,
                   gpointer       data)
{
  CheckList *list = data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (list->search));
  const char *name = g_object_get_data (G_OBJECT (row), "name");
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_query = NULL;

  if (!*query)
    return TRUE;
  folded_name = g_utf8_casefold (name, -1);
  folded_query = g_utf8_casefold (query, -1);
  return strstr (folded_name, folded_query) != NULL;
}

static void
on_check_search_changed (GtkSearchEntry *entry,
                         gpointer        data)
{
  CheckList *list = data;
  gboolean any = FALSE;

  gtk_list_box_invalidate_filter (list->list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list->list)); row && !any;
       row = gtk_widget_get_next_sibling (row))
    any = check_row_matches (GTK_LIST_BOX_ROW (row), list);
  gtk_widget_set_visible (GTK_WIDGET (list->empty), !any);
}

static void
check_list_init (CheckList           *list,
                 AdwPreferencesGroup *group,
                 const char          *search_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  list->group = group;
  list->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (list->search), GTK_ACCESSIBLE_PROPERTY_LABEL, search_label, -1);
  g_object_set (list->search, "placeholder-text", search_label, NULL);
  list->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (list->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_group_get_title (group), -1);
  gtk_list_box_set_filter_func (list->list, check_row_matches, list, NULL);
  list->empty = GTK_LABEL (gtk_label_new (_("Nothing matches")));
  gtk_widget_add_css_class (GTK_WIDGET (list->empty), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (list->empty), FALSE);
  g_signal_connect (list->search, "search-changed", G_CALLBACK (on_check_search_changed), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (list->search));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (list->list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (list->empty));
  adw_preferences_group_add (group, box);
}

/* The list holds a row for each (name, action) pair: a check button
 * bound to the window's option action, so it shows the state the chart
 * has and changes it, and the list stays open. */
static void
check_list_fill (CheckList          *list,
                 const char * const *names,
                 const char * const *actions)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list->list))))
    gtk_list_box_remove (list->list, child);
  for (guint i = 0; names && names[i]; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), actions[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, names[i], -1);
      adw_action_row_add_prefix (row, check);
      adw_action_row_set_activatable_widget (row, check);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (names[i]), g_free);
      gtk_list_box_append (list->list, GTK_WIDGET (row));
    }
  gtk_editable_set_text (GTK_EDITABLE (list->search), "");
  /* A search is worth its room only where the list is long. */
  gtk_widget_set_visible (GTK_WIDGET (list->search), names && g_strv_length ((char **) names) > 8);
  gtk_widget_set_visible (GTK_WIDGET (list->empty), FALSE);
}

/* The columns that can be drawn as values, and their options: those of
 * numbers, other than the one along x, as the window numbers them. */
static void
fill_values (AtlasChartSettings *self)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);
  AtlasTable *table = atlas_chart_get_table (self->chart);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, c);

      if (atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER
          || g_strcmp0 (atlas_column_get_name (column), spec->x_column) == 0)
        continue;
      g_ptr_array_add (names, (gpointer) atlas_column_get_name (column));
      g_ptr_array_add (actions, g_strdup_printf ("options.y-column-%u", c));
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (actions, NULL);
  check_list_fill (&self->values, (const char *const *) names->pdata, (const char *const *) actions->pdata);
}

static void
fill_groups (AtlasChartSettings *self)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);
  g_auto (GStrv) all = NULL;
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_visible (GTK_WIDGET (self->groups.group), spec->group_column != NULL);
  if (!spec->group_column)
    return;
  adw_preferences_group_set_title (self->groups.group, spec->group_column);
  all = atlas_table_list_groups (atlas_chart_get_table (self->chart), spec->group_column, 200);
  for (guint g = 0; all[g]; g++)
    g_ptr_array_add (actions, g_strdup_printf ("options.group-%u", g));
  g_ptr_array_add (actions, NULL);
  check_list_fill (&self->groups, (const char *const *) all, (const char *const *) actions->pdata);
}

/* Lists */

static void
fill_string_list (GtkStringList *list,
                  const char    *first)
{
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), NULL);
  if (first)
    gtk_string_list_append (list, first);
}

/* The index of text among list's strings, or fallback. */
static guint
find_string (GtkStringList *list,
             const char    *text,
             guint          fallback)
{
  for (guint i = 0; text && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_str_equal (gtk_string_list_get_string (list, i), text))
      return i;
  return fallback;
}

/* The lists of the table's columns: along x, group by, and the rows a
 * filter column may show. */
static void
fill_column_lists (AtlasChartSettings *self)
{
  AtlasTable *table = atlas_chart_get_table (self->chart);

  fill_string_list (self->x_names, NULL);
  fill_string_list (self->group_names, _("None"));
  for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, c);

      gtk_string_list_append (self->x_names, atlas_column_get_name (column));
      if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
        gtk_string_list_append (self->group_names, atlas_column_get_name (column));
    }
}

static void
fill_rows (AtlasChartSettings *self)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);
  AtlasTable *table = atlas_chart_get_table (self->chart);
  const AtlasColumn *column = spec->filter_column ? atlas_table_find_column (table, spec->filter_column) : NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  fill_string_list (self->rows_names, _("All rows"));
  for (gsize row = 0; column && row < atlas_table_get_n_rows (table) && g_hash_table_size (seen) < 200; row++)
    {
      const char *name = atlas_column_get_text (column, row);
      if (name && g_hash_table_add (seen, (gpointer) name))
        gtk_string_list_append (self->rows_names, name);
    }
}

/* Colours and notes */

static void
on_color_set (GtkColorButton *button,
              gpointer        data)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (data);
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (guint) lround (rgba.red * 255), (guint) lround (rgba.green * 255),
                         (guint) lround (rgba.blue * 255));
  activate_option (self, "options.series-color",
                   g_variant_new ("(us)", GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "series")), hex));
}

static void
on_color_reset (GtkButton *button,
                gpointer   data)
{
  activate_option (ATLAS_CHART_SETTINGS (data), "options.series-color",
                   g_variant_new ("(us)", GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "series")), ""));
}

/* A row per series: its colour, to change or give back to the palette. */
static void
fill_colors (AtlasChartSettings *self)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);
  guint n_series = atlas_chart_get_n_series (self->chart);
  const char *reason = NULL;

  for (guint i = 0; i < self->color_rows->len; i++)
    adw_preferences_group_remove (self->colors_group, g_ptr_array_index (self->color_rows, i));
  g_ptr_array_set_size (self->color_rows, 0);
  if (spec->type == ATLAS_CHART_DONUT)
    reason = _("A donut’s slices take the palette’s colours in turn");
  else if (spec->type == ATLAS_CHART_TIMELINE)
    reason = _("A timeline’s events take the colours of their sides");
  adw_preferences_group_set_description (self->colors_group, reason);
  for (guint s = 0; s < n_series && !reason; s++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      const char *name = atlas_chart_get_series_name (self->chart, s);
      const char *chosen = spec->series_colors && s < g_strv_length (spec->series_colors) ? spec->series_colors[s] : "";
      GtkWidget *button = gtk_color_button_new ();
      GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
      AtlasColor color;
      g_autofree char *button_name = g_strdup_printf (_("Colour of %s"), name);
      g_autofree char *reset_name = g_strdup_printf (_("Give %s the Palette’s Colour"), name);

      if (!atlas_chart_parse_color (chosen, &color))
        {
          color = atlas_theme_series_color (atlas_theme_get (FALSE), s);
          gtk_widget_set_sensitive (reset, FALSE);
        }
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button),
                                  &(GdkRGBA) { (float) color.red, (float) color.green, (float) color.blue, 1 });
      gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
      gtk_color_button_set_modal (GTK_COLOR_BUTTON (button), TRUE);
      gtk_color_button_set_title (GTK_COLOR_BUTTON (button), button_name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (reset, "flat");
      gtk_widget_set_tooltip_text (reset, reset_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      /* The colour button is a button inside a box: the button is what a
       * screen reader meets. */
      for (GtkWidget *inner = gtk_widget_get_first_child (button); inner; inner = gtk_widget_get_next_sibling (inner))
        gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (reset), GTK_ACCESSIBLE_PROPERTY_LABEL, reset_name, -1);
      g_object_set_data (G_OBJECT (button), "series", GUINT_TO_POINTER (s));
      g_object_set_data (G_OBJECT (reset), "series", GUINT_TO_POINTER (s));
      g_signal_connect (button, "color-set", G_CALLBACK (on_color_set), self);
      g_signal_connect (reset, "clicked", G_CALLBACK (on_color_reset), self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_suffix (row, reset);
      adw_action_row_add_suffix (row, button);
      adw_action_row_set_activatable_widget (row, button);
      adw_preferences_group_add (self->colors_group, GTK_WIDGET (row));
      g_ptr_array_add (self->color_rows, row);
    }
}

/* What a note is, where: the title of its row. */
static char *
describe_note (AtlasChartSettings    *self,
               const AtlasAnnotation *note)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);
  AtlasTable *table = atlas_chart_get_table (self->chart);
  g_autofree char *x = NULL;
  g_autofree char *x_end = NULL;

  switch (note->kind)
    {
    case ATLAS_ANNOTATION_REFERENCE_LINE:
      {
        g_autofree char *y = atlas_cell_format_number (note->y);
        /* Translators: a note that is a line across the chart at a value. */
        return g_strdup_printf (_("Line at %s"), y);
      }
    case ATLAS_ANNOTATION_RANGE:
      x = atlas_chart_format_x (table, spec->x_column, note->x);
      x_end = atlas_chart_format_x (table, spec->x_column, note->x_end);
      /* Translators: a note over a span of the chart, from one x to another. */
      return g_strdup_printf (_("Span %s to %s"), x, x_end);
    case ATLAS_ANNOTATION_CALLOUT:
    default:
      x = atlas_chart_format_x (table, spec->x_column, note->x);
      if (atlas_chart_get_n_series (self->chart) > 1 && note->series < atlas_chart_get_n_series (self->chart))
        /* Translators: a note on one point: its series, then its x. */
        return g_strdup_printf (_("Note on %s at %s"), atlas_chart_get_series_name (self->chart, note->series), x);
      /* Translators: a note on one point, at its x. */
      return g_strdup_printf (_("Note at %s"), x);
    }
}

static void
on_note_applied (AdwEntryRow *row,
                 gpointer     data)
{
  activate_option (ATLAS_CHART_SETTINGS (data), "options.note-text",
                   g_variant_new ("(us)", GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "note")),
                                  gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_note_delete (GtkButton *button,
                gpointer   data)
{
  activate_option (ATLAS_CHART_SETTINGS (data), "options.delete-note",
                   g_variant_new_uint32 (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "note"))));
}

/* A row per note: its text to edit, and a button to delete it. */
static void
fill_notes (AtlasChartSettings *self)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);
  guint n_notes = spec->annotations ? spec->annotations->len : 0;

  /* Rows of notes still there keep their place: one typed in keeps its
   * focus while another note changes. */
  while (self->note_rows->len > n_notes)
    {
      adw_preferences_group_remove (self->notes_group, g_ptr_array_index (self->note_rows, self->note_rows->len - 1));
      g_ptr_array_remove_index (self->note_rows, self->note_rows->len - 1);
    }
  for (guint i = 0; i < n_notes; i++)
    {
      const AtlasAnnotation *note = &g_array_index (spec->annotations, AtlasAnnotation, i);
      g_autofree char *title = describe_note (self, note);
      g_autofree char *delete_name = NULL;
      AdwEntryRow *row;

      if (i >= self->note_rows->len)
        {
          GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

          row = ADW_ENTRY_ROW (adw_entry_row_new ());
          adw_entry_row_set_show_apply_button (row, TRUE);
          adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
          gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (delete, "flat");
          g_object_set_data (G_OBJECT (row), "note", GUINT_TO_POINTER (i));
          g_object_set_data (G_OBJECT (delete), "note", GUINT_TO_POINTER (i));
          g_object_set_data (G_OBJECT (row), "delete", delete);
          g_signal_connect (row, "apply", G_CALLBACK (on_note_applied), self);
          g_signal_connect (delete, "clicked", G_CALLBACK (on_note_delete), self);
          adw_entry_row_add_suffix (row, delete);
          /* Before the row that adds a line: notes first, then the way to add one. */
          g_object_ref (self->reference_row);
          adw_preferences_group_remove (self->notes_group, GTK_WIDGET (self->reference_row));
          adw_preferences_group_add (self->notes_group, GTK_WIDGET (row));
          adw_preferences_group_add (self->notes_group, GTK_WIDGET (self->reference_row));
          g_object_unref (self->reference_row);
          g_ptr_array_add (self->note_rows, row);
        }
      row = g_ptr_array_index (self->note_rows, i);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      set_entry_text (row, note->text);
      /* Translators: the name of a button that deletes a note, then which. */
      delete_name = g_strdup_printf (_("Delete %s"), title);
      gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (row), "delete"), delete_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), "delete")),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, delete_name, -1);
    }
}

static void
on_reference_applied (AdwEntryRow *row,
                      gpointer     data)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (data);
  double y;

  if (!atlas_cell_parse_typed_number (gtk_editable_get_text (GTK_EDITABLE (row)), &y))
    {
      gtk_widget_error_bell (GTK_WIDGET (row));
      return;
    }
  activate_option (self, "options.add-note",
                   g_variant_new ("(uuddds)", (guint) ATLAS_ANNOTATION_REFERENCE_LINE, 0u, (double) NAN,
                                  (double) NAN, y, gtk_editable_get_text (GTK_EDITABLE (row))));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* Axis and order */

/* Why the chart's value axis cannot start at zero or fit its data,
 * cannot be a log scale, or its bars cannot be sorted; NULL when it can. */
static const char *
why_no_fit (AtlasChartType type)
{
  if (type == ATLAS_CHART_DONUT || type == ATLAS_CHART_TIMELINE)
    return _("This chart has no value axis");
  if (type == ATLAS_CHART_SCATTER)
    return _("A scatter plot’s axis fits its points");
  if (type != ATLAS_CHART_LINE)
    return _("Bars and areas start at zero: their length is their value");
  return NULL;
}

static const char *
why_no_log (AtlasChartSettings *self)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);

  if (spec->type == ATLAS_CHART_DONUT || spec->type == ATLAS_CHART_TIMELINE)
    return _("This chart has no value axis");
  if (spec->type != ATLAS_CHART_LINE && spec->type != ATLAS_CHART_SCATTER)
    return _("Bars and areas need a zero, which a log axis lacks");
  if (spec->log_y)
    return NULL;
  for (guint s = 0; s < atlas_chart_get_n_series (self->chart); s++)
    {
      const AtlasColumn *column = atlas_table_find_column (atlas_chart_get_table (self->chart),
                                                           atlas_chart_get_series_name (self->chart, s));
      const double *values = column ? atlas_column_get_numbers (column) : NULL;

      for (gsize row = 0; values && row < atlas_table_get_n_rows (atlas_chart_get_table (self->chart)); row++)
        if (values[row] <= 0)
          return _("Every value must be above zero");
    }
  return NULL;
}

static const char *
why_no_sort (AtlasChartSettings *self)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (self->chart);
  const AtlasColumn *x = atlas_table_find_column (atlas_chart_get_table (self->chart), spec->x_column);

  if (spec->type != ATLAS_CHART_BAR && spec->type != ATLAS_CHART_BAR_HORIZONTAL && spec->type != ATLAS_CHART_BAR_STACKED
      && spec->type != ATLAS_CHART_BAR_HORIZONTAL_STACKED)
    return _("Only bars are sorted");
  if (!x || atlas_column_get_column_type (x) != ATLAS_COLUMN_TEXT)
    return _("Bars along dates or numbers keep their order");
  return NULL;
}

static void
format_axis_end (AdwEntryRow *row,
                 double       value)
{
  g_autofree char *text = isfinite (value) ? atlas_cell_format_number (value) : NULL;

  set_entry_text (row, text);
}

/* Showing the chart */

static void build_rows (AtlasChartSettings *self);

/* Every row set to the chart's state. */
static void
show_chart (AtlasChartSettings *self)
{
  AtlasChart *chart = self->chart;
  const AtlasChartSpec *spec;
  const AtlasViewState *view;
  guint type_index = 0;
  const char *reason;

  self->stale = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), chart != NULL);
  if (!chart)
    return;
  spec = atlas_chart_get_spec (chart);
  view = atlas_chart_get_view_state (chart);
  self->updating = TRUE;

  if (atlas_chart_get_table (chart) != self->table)
    {
      self->table = atlas_chart_get_table (chart);
      fill_column_lists (self);
      g_clear_pointer (&self->listed_x, g_free);
      g_clear_pointer (&self->listed_groups, g_free);
    }
  if (g_strcmp0 (self->listed_x, spec->x_column) != 0)
    {
      fill_values (self);
      g_free (self->listed_x);
      self->listed_x = g_strdup (spec->x_column);
    }
  if (g_strcmp0 (self->listed_groups, spec->group_column) != 0 || !spec->group_column)
    {
      fill_groups (self);
      g_free (self->listed_groups);
      self->listed_groups = g_strdup (spec->group_column);
    }
  fill_rows (self);

  for (guint i = 0; i < G_N_ELEMENTS (chart_types); i++)
    if (chart_types[i] == spec->type)
      type_index = i;
  adw_combo_row_set_selected (self->type_row, type_index);
  adw_combo_row_set_selected (self->x_row, find_string (self->x_names, spec->x_column, GTK_INVALID_LIST_POSITION));
  adw_combo_row_set_selected (self->group_row, find_string (self->group_names, spec->group_column, 0));
  set_row_reason (ADW_ACTION_ROW (self->group_row),
                  g_list_model_get_n_items (G_LIST_MODEL (self->group_names)) < 2 ? _("The data has no column of names")
                                                                                 : NULL,
                  NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_row), spec->filter_column != NULL);
  if (spec->filter_column)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows_row), spec->filter_column);
  adw_combo_row_set_selected (self->rows_row, find_string (self->rows_names, spec->filter_value, 0));
  gtk_widget_set_visible (GTK_WIDGET (self->values.group), spec->type != ATLAS_CHART_TIMELINE);

  set_entry_text (self->title_row, spec->title);
  set_entry_text (self->subtitle_row, spec->subtitle);
  set_entry_text (self->source_row, spec->source);
  set_entry_text (self->notes_row, spec->notes);

  reason = why_no_fit (spec->type);
  set_row_reason (self->zero_row, reason, _("Off: the axis fits the data"));
  gtk_switch_set_active (self->zero_switch, reason ? spec->type != ATLAS_CHART_SCATTER : !spec->fit_values);
  reason = why_no_log (self);
  set_row_reason (self->log_row, reason, NULL);
  gtk_switch_set_active (self->log_switch, spec->log_y);
  reason = spec->type == ATLAS_CHART_DONUT || spec->type == ATLAS_CHART_TIMELINE ? _("No value axis") : NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->min_row), reason == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_row), reason == NULL);
  format_axis_end (self->min_row, view->y_min);
  format_axis_end (self->max_row, view->y_max);

  adw_combo_row_set_selected (self->decimals_row, (guint) CLAMP (spec->value_decimals + 1, 0, MAX_OFFERED_DECIMALS + 1));
  set_entry_text (self->prefix_row, spec->value_prefix);
  set_entry_text (self->suffix_row, spec->value_suffix);
  set_entry_text (self->unit_row, spec->value_unit);

  fill_colors (self);
  reason = why_no_sort (self);
  set_row_reason (ADW_ACTION_ROW (self->sort_row), reason, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sort_orders); i++)
    if (sort_orders[i] == spec->sort)
      adw_combo_row_set_selected (self->sort_row, i);
  fill_notes (self);
  self->updating = FALSE;
}

/* The sidebar shows chart: its rows set to the chart's state, the lists
 * made again only for another table or x, so that a value checked keeps
 * the list where it was. While hidden, it only keeps the chart, and
 * shows it when it shows. */
void
atlas_chart_settings_set_chart (AtlasChartSettings *self,
                                AtlasChart         *chart)
{
  g_return_if_fail (ATLAS_IS_CHART_SETTINGS (self));

  if (chart)
    atlas_chart_ref (chart);
  g_clear_pointer (&self->chart, atlas_chart_unref);
  self->chart = chart;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_chart (self);
  else
    self->stale = TRUE;
}

/* Makes the rows, when first about to show, and sets them to the chart:
 * a launch builds none of it. Called before the sidebar is revealed, as
 * rows made while it is mapped would change its size in the middle of
 * its slide. */
void
atlas_chart_settings_prepare (AtlasChartSettings *self)
{
  g_return_if_fail (ATLAS_IS_CHART_SETTINGS (self));

  if (!self->built)
    build_rows (self);
  if (self->stale)
    show_chart (self);
}

static void
atlas_chart_settings_map (GtkWidget *widget)
{
  atlas_chart_settings_prepare (ATLAS_CHART_SETTINGS (widget));
  GTK_WIDGET_CLASS (atlas_chart_settings_parent_class)->map (widget);
}

/* Takes a person to the row of a text field ("title", "notes", ...). */
void
atlas_chart_settings_edit_text (AtlasChartSettings *self,
                                const char         *field)
{
  AdwEntryRow *rows[] = { self->title_row, self->subtitle_row, self->source_row, self->notes_row };

  g_return_if_fail (ATLAS_IS_CHART_SETTINGS (self));

  if (!self->built)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (rows[i]), "field"), field) == 0)
      {
        gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
      }
}

/* Takes a person to the row of a note, to edit what it says. */
void
atlas_chart_settings_edit_note (AtlasChartSettings *self,
                                guint               note)
{
  g_return_if_fail (ATLAS_IS_CHART_SETTINGS (self));

  if (note < self->note_rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->note_rows, note));
}

/* Choices */

static void
on_type_selected (AdwComboRow *row,
                  GParamSpec  *pspec,
                  gpointer     data)
{
  guint index = adw_combo_row_get_selected (row);

  if (index < G_N_ELEMENTS (chart_types))
    activate_option (ATLAS_CHART_SETTINGS (data), "options.chart-type",
                     g_variant_new_string (atlas_chart_type_to_string (chart_types[index])));
}

/* A name chosen from a list of the table's: the option the row sets
 * ("option") takes it, or "" for the row's first item where that is
 * "None" or "All rows" ("first-is-none"). */
static void
on_name_selected (AdwComboRow *row,
                  GParamSpec  *pspec,
                  gpointer     data)
{
  GtkStringList *names = GTK_STRING_LIST (adw_combo_row_get_model (row));
  guint index = adw_combo_row_get_selected (row);
  gboolean first_is_none = g_object_get_data (G_OBJECT (row), "first-is-none") != NULL;

  if (index != GTK_INVALID_LIST_POSITION)
    activate_option (ATLAS_CHART_SETTINGS (data), g_object_get_data (G_OBJECT (row), "option"),
                     g_variant_new_string (index == 0 && first_is_none ? ""
                                                                      : gtk_string_list_get_string (names, index)));
}

static void
connect_name_row (AtlasChartSettings *self,
                  AdwComboRow        *row,
                  const char         *option,
                  gboolean            first_is_none)
{
  g_object_set_data (G_OBJECT (row), "option", (gpointer) option);
  g_object_set_data (G_OBJECT (row), "first-is-none", GINT_TO_POINTER (first_is_none));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_name_selected), self);
}

static void
on_decimals_selected (AdwComboRow *row,
                      GParamSpec  *pspec,
                      gpointer     data)
{
  guint index = adw_combo_row_get_selected (row);

  if (index != GTK_INVALID_LIST_POSITION)
    activate_option (ATLAS_CHART_SETTINGS (data), "options.decimals", g_variant_new_int32 ((int) index - 1));
}

static void
on_sort_selected (AdwComboRow *row,
                  GParamSpec  *pspec,
                  gpointer     data)
{
  guint index = adw_combo_row_get_selected (row);

  if (index < G_N_ELEMENTS (sort_orders))
    activate_option (ATLAS_CHART_SETTINGS (data), "options.sort",
                     g_variant_new_string (atlas_sort_order_to_string (sort_orders[index])));
}

static void
on_zero_switched (GtkSwitch  *zero,
                  GParamSpec *pspec,
                  gpointer    data)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (data);
  const AtlasChartSpec *spec = shown_spec (self);

  /* Starting at zero is not fitting the data: the option toggles. */
  if (spec && gtk_switch_get_active (zero) == spec->fit_values)
    activate_option (self, "options.fit-values", NULL);
}

static void
on_log_switched (GtkSwitch  *log,
                 GParamSpec *pspec,
                 gpointer    data)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (data);
  const AtlasChartSpec *spec = shown_spec (self);

  if (spec && gtk_switch_get_active (log) != spec->log_y)
    activate_option (self, "options.log-scale", NULL);
}

static void
on_axis_end_applied (AdwEntryRow *row,
                     gpointer     data)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (data);
  const AtlasViewState *view = self->chart ? atlas_chart_get_view_state (self->chart) : NULL;
  g_autofree char *kept = NULL;

  if (!view)
    return;
  /* The other end stays where it is set, or where the data put it. */
  kept = row == self->min_row   ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->max_row)))
                                : g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->min_row)));
  activate_option (self, "options.y-range",
                   row == self->min_row ? g_variant_new ("(ss)", gtk_editable_get_text (GTK_EDITABLE (row)), kept)
                                        : g_variant_new ("(ss)", kept, gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Building */

static void
build_chart_group (AtlasChartSettings *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Chart"), NULL);
  g_autoptr (GtkStringList) types = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (chart_types); i++)
    gtk_string_list_append (types, atlas_chart_type_describe (chart_types[i]));
  self->type_row = add_combo_row (group, _("Type"), G_LIST_MODEL (types));
  self->x_names = gtk_string_list_new (NULL);
  /* Translators: the setting choosing the column along the x axis. */
  self->x_row = add_combo_row (group, _("Along the X Axis"), G_LIST_MODEL (self->x_names));
  self->group_names = gtk_string_list_new (NULL);
  /* Translators: the setting that draws a series for each name in a column. */
  self->group_row = add_combo_row (group, _("A Series for Each"), G_LIST_MODEL (self->group_names));
  self->rows_names = gtk_string_list_new (NULL);
  self->rows_row = add_combo_row (group, _("Rows"), G_LIST_MODEL (self->rows_names));
  g_signal_connect (self->type_row, "notify::selected", G_CALLBACK (on_type_selected), self);
  connect_name_row (self, self->x_row, "options.x-column", FALSE);
  connect_name_row (self, self->group_row, "options.group-column", TRUE);
  connect_name_row (self, self->rows_row, "options.filter-value", TRUE);

  check_list_init (&self->values, add_group (self, _("Values"), _("The columns drawn")), _("Search Columns"));
  check_list_init (&self->groups, add_group (self, _("Groups"), _("The series drawn")), _("Search Names"));
}

static void
build_text_group (AtlasChartSettings *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Text"), _("Double-click the chart’s title or notes to edit them there"));

  self->title_row = add_entry_row (self, group, _("Title"), "title");
  self->subtitle_row = add_entry_row (self, group, _("Subtitle"), "subtitle");
  self->source_row = add_entry_row (self, group, _("Source"), "source");
  self->notes_row = add_entry_row (self, group, _("Notes"), "notes");
}

static void
build_axis_group (AtlasChartSettings *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Value Axis"), NULL);

  self->zero_row = add_switch_row (group, _("Start at Zero"), &self->zero_switch);
  self->log_row = add_switch_row (group, _("Log Scale"), &self->log_switch);
  self->min_row = add_entry_row (self, group, _("Lowest Value Shown"), NULL);
  self->max_row = add_entry_row (self, group, _("Highest Value Shown"), NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->min_row), _("Empty: where the data put it"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->max_row), _("Empty: where the data put it"));
  g_signal_connect (self->zero_switch, "notify::active", G_CALLBACK (on_zero_switched), self);
  g_signal_connect (self->log_switch, "notify::active", G_CALLBACK (on_log_switched), self);
  g_signal_connect (self->min_row, "apply", G_CALLBACK (on_axis_end_applied), self);
  g_signal_connect (self->max_row, "apply", G_CALLBACK (on_axis_end_applied), self);
}

static void
build_numbers_group (AtlasChartSettings *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Numbers"), NULL);
  g_autoptr (GtkStringList) decimals = gtk_string_list_new (NULL);

  gtk_string_list_append (decimals, _("As the data need"));
  for (int d = 0; d <= MAX_OFFERED_DECIMALS; d++)
    {
      g_autofree char *label = g_strdup_printf ("%d", d);
      gtk_string_list_append (decimals, label);
    }
  self->decimals_row = add_combo_row (group, _("Decimals"), G_LIST_MODEL (decimals));
  self->prefix_row = add_entry_row (self, group, _("Before Each Value"), "prefix");
  self->suffix_row = add_entry_row (self, group, _("After Each Value"), "suffix");
  self->unit_row = add_entry_row (self, group, _("Unit over the Axis"), "unit");
  g_signal_connect (self->decimals_row, "notify::selected", G_CALLBACK (on_decimals_selected), self);
}

static void
build_look_groups (AtlasChartSettings *self)
{
  AdwPreferencesGroup *bars = add_group (self, _("Bars"), NULL);
  g_autoptr (GtkStringList) orders = gtk_string_list_new (NULL);

  self->colors_group = add_group (self, _("Colours"), NULL);
  gtk_string_list_append (orders, _("As in the data"));
  gtk_string_list_append (orders, _("Largest first"));
  gtk_string_list_append (orders, _("Smallest first"));
  self->sort_row = add_combo_row (bars, _("Order"), G_LIST_MODEL (orders));
  g_signal_connect (self->sort_row, "notify::selected", G_CALLBACK (on_sort_selected), self);

  self->notes_group = add_group (self, _("Notes on the Chart"),
                                 _("Right-click a point to note it, or Shift-drag along the chart to mark a span"));
  self->reference_row = add_entry_row (self, self->notes_group, _("Add a Line at Value"), NULL);
  g_signal_connect (self->reference_row, "apply", G_CALLBACK (on_reference_applied), self);
}

static void
atlas_chart_settings_dispose (GObject *object)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (object);

  g_clear_pointer (&self->chart, atlas_chart_unref);
  if (self->page)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->page)));
  G_OBJECT_CLASS (atlas_chart_settings_parent_class)->dispose (object);
}

static void
atlas_chart_settings_finalize (GObject *object)
{
  AtlasChartSettings *self = ATLAS_CHART_SETTINGS (object);

  g_free (self->listed_x);
  g_free (self->listed_groups);
  g_ptr_array_unref (self->color_rows);
  g_ptr_array_unref (self->note_rows);
  g_clear_object (&self->x_names);
  g_clear_object (&self->group_names);
  g_clear_object (&self->rows_names);
  G_OBJECT_CLASS (atlas_chart_settings_parent_class)->finalize (object);
}

static void
atlas_chart_settings_class_init (AtlasChartSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_chart_settings_dispose;
  object_class->finalize = atlas_chart_settings_finalize;
  widget_class->map = atlas_chart_settings_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartsettings");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_chart_settings_init (AtlasChartSettings *self)
{
  self->color_rows = g_ptr_array_new ();
  self->note_rows = g_ptr_array_new ();
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart Settings"), -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), FALSE);
}

static void
build_rows (AtlasChartSettings *self)
{
  self->built = TRUE;
  build_chart_group (self);
  build_text_group (self);
  build_axis_group (self);
  build_numbers_group (self);
  build_look_groups (self);
  self->stale = TRUE;
}

GtkWidget *
atlas_chart_settings_new (void)
{
  return g_object_new (ATLAS_TYPE_CHART_SETTINGS, NULL);
}
