/* atlas-table-view.c: the rows of the table a chart draws, in sortable columns; missing cells read as missing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-table-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-cell-parse.h"
#include "atlas-file-chooser.h"

/* One row of the table, made when the list asks for it. */
#define ATLAS_TYPE_ROW_ITEM (atlas_row_item_get_type ())
G_DECLARE_FINAL_TYPE (AtlasRowItem, atlas_row_item, ATLAS, ROW_ITEM, GObject)

struct _AtlasRowItem
{
  GObject parent_instance;
  gsize row;
};

G_DEFINE_FINAL_TYPE (AtlasRowItem, atlas_row_item, G_TYPE_OBJECT)

static void
atlas_row_item_class_init (AtlasRowItemClass *klass)
{
}

static void
atlas_row_item_init (AtlasRowItem *self)
{
}

/* A list of every row of a table, as items made on demand: a million rows
 * cost nothing until they are shown or sorted. */
#define ATLAS_TYPE_ROW_LIST (atlas_row_list_get_type ())
G_DECLARE_FINAL_TYPE (AtlasRowList, atlas_row_list, ATLAS, ROW_LIST, GObject)

struct _AtlasRowList
{
  GObject parent_instance;
  guint n_rows;
};

static GType
atlas_row_list_get_item_type (GListModel *model)
{
  return ATLAS_TYPE_ROW_ITEM;
}

static guint
atlas_row_list_get_n_items (GListModel *model)
{
  return ATLAS_ROW_LIST (model)->n_rows;
}

static gpointer
atlas_row_list_get_item (GListModel *model,
                         guint       position)
{
  AtlasRowItem *item;

  if (position >= ATLAS_ROW_LIST (model)->n_rows)
    return NULL;
  item = g_object_new (ATLAS_TYPE_ROW_ITEM, NULL);
  item->row = position;
  return item;
}

static void
atlas_row_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_row_list_get_item_type;
  iface->get_n_items = atlas_row_list_get_n_items;
  iface->get_item = atlas_row_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasRowList, atlas_row_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, atlas_row_list_model_init))

static void
atlas_row_list_class_init (AtlasRowListClass *klass)
{
}

static void
atlas_row_list_init (AtlasRowList *self)
{
}

struct _AtlasTableView
{
  GtkWidget parent_instance;

  GtkBox *box;              /* the search bar over the rows */
  GtkSearchEntry *search;
  GtkLabel *count_label;    /* "12 of 40 rows" */
  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;
  GtkSortListModel *sorted; /* the rows in the order the column headers ask */
  GtkFilterListModel *shown; /* those of them the search finds */
  GtkCustomFilter *filter;
  char *query;              /* the search, case-folded; NULL: every row */
  AtlasTable *table;        /* owned */
  AtlasDocument *document;  /* whose chart's table shows; NULL: the table set by hand */
  guint64 marked_row;       /* the cell a problem named: its table row, G_MAXUINT64 for none */
  int marked_column;        /* and its column */
};

/* What a column's cells are bound with: the view (for the cell marked),
 * the column and its index. */
typedef struct
{
  AtlasTableView *self;
  const AtlasColumn *column;
  int index;
} ColumnBinding;

G_DEFINE_FINAL_TYPE (AtlasTableView, atlas_table_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sorting by a column: numbers and dates by value, text by the locale's
 * collation, missing cells after every value (last when ascending; the
 * column view turns the order round for descending). */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const AtlasColumn *column = data;
  gsize row_a = ((const AtlasRowItem *) a)->row, row_b = ((const AtlasRowItem *) b)->row;
  gboolean missing_a = atlas_column_is_missing (column, row_a), missing_b = atlas_column_is_missing (column, row_b);

  if (missing_a || missing_b)
    return missing_a - missing_b;
  if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
    return g_utf8_collate (atlas_column_get_text (column, row_a), atlas_column_get_text (column, row_b));
  {
    double x = atlas_column_get_number (column, row_a), y = atlas_column_get_number (column, row_b);
    return (x > y) - (x < y);
  }
}

/* A cell's tooltip: what the cell set as "atlas-tooltip", or its whole
 * text, which may be ellipsized on screen. Asked for only when the
 * pointer rests on a cell: setting a tooltip on every cell as it is
 * bound would ask the display where the pointer is, each time. */
static gboolean
on_cell_query_tooltip (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    data)
{
  const char *text = g_object_get_data (G_OBJECT (label), "atlas-tooltip");

  gtk_tooltip_set_text (tooltip, text ? text : gtk_label_get_text (GTK_LABEL (label)));
  return TRUE;
}

/* A cell of a table: one line, ellipsized past 40 characters, its whole
 * text in a tooltip. Shared with the import dialog's preview. */
void
atlas_table_view_setup_cell (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  /* One line, whatever the cell holds (a quoted field may hold line
   * breaks): every row of the table is as tall as every other. */
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  const ColumnBinding *binding = data;
  const AtlasColumn *column = binding->column;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  AtlasRowItem *row = gtk_list_item_get_item (item);
  g_autofree char *text = atlas_column_format_cell (column, row->row);
  gboolean marked = row->row == binding->self->marked_row && binding->index == binding->self->marked_column;

  /* The cell a problem names stands out, in the warning colour. */
  if (marked)
    gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");

  /* Missing is shown as missing, never as 0 or an empty string. */
  gtk_label_set_text (label, text ? text : "—");
  if (text)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  /* Numbers line up on the right, as in a spreadsheet. */
  gtk_label_set_xalign (label, atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT ? 0 : 1);
  /* Translators: the tooltip of a cell that holds no value. */
  g_object_set_data (G_OBJECT (label), "atlas-tooltip", text ? NULL : (gpointer) _("missing"));
}

/* Whether a row has the search in any of its cells, as they are shown,
 * whatever the case. */
static gboolean
row_matches (gpointer item,
             gpointer data)
{
  AtlasTableView *self = data;
  gsize row = ((AtlasRowItem *) item)->row;

  if (!self->query || !self->table)
    return TRUE;
  for (guint c = 0; c < atlas_table_get_n_columns (self->table); c++)
    {
      g_autofree char *text = atlas_column_format_cell (atlas_table_get_column (self->table, c), row);
      g_autofree char *folded = text ? g_utf8_casefold (text, -1) : NULL;

      if (folded && strstr (folded, self->query))
        return TRUE;
    }
  return FALSE;
}

/* "40 rows", or "12 of 40 rows" while a search leaves some out. */
static void
update_count (AtlasTableView *self)
{
  guint shown, all;
  g_autofree char *text = NULL;

  if (!self->count_label)
    return;
  shown = self->shown ? g_list_model_get_n_items (G_LIST_MODEL (self->shown)) : 0;
  all = self->sorted ? g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) : 0;
  if (self->query)
    /* Translators: rows a search finds, then all the table's rows. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u row", "%u of %u rows", all), shown, all);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", all), all);
  gtk_label_set_text (self->count_label, text);
}

static void
on_search_changed (AtlasTableView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_clear_pointer (&self->query, g_free);
  if (*text)
    self->query = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Shows the rows that contain text in any cell (empty: every row), as
 * typing it in the search entry does. */
void
atlas_table_view_search (AtlasTableView *self,
                         const char     *text)
{
  g_return_if_fail (ATLAS_IS_TABLE_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search), text ? text : "");
  on_search_changed (self);
}

/* A date as a CSV file holds it: ISO, to the column's own precision. */
static void
append_date (GString       *out,
             double         value,
             AtlasDateUnit  unit)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc ((gint64) floor (value));
  g_autofree char *text = NULL;

  if (!date)
    return;
  text = g_date_time_format (date, unit == ATLAS_DATE_UNIT_YEAR      ? "%Y"
                                   : unit == ATLAS_DATE_UNIT_MONTH   ? "%Y-%m"
                                   : unit == ATLAS_DATE_UNIT_SECOND  ? "%Y-%m-%dT%H:%M:%S"
                                                                     : "%Y-%m-%d");
  g_string_append (out, text);
}

/* A field quoted where it must be: with a comma, a quote or a line break. */
static void
append_field (GString    *out,
              const char *text)
{
  if (!strpbrk (text, ",\"\r\n"))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Writes the rows shown (a search's, in the order sorted) to path as CSV:
 * UTF-8, a header of the column names, numbers with a point, dates as
 * ISO, missing cells empty; through a temporary file renamed into place. */
gboolean
atlas_table_view_save_rows (AtlasTableView  *self,
                            const char      *path,
                            GError         **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  guint n_columns;

  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->table || !self->shown)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There are no rows to save"));
      return FALSE;
    }
  n_columns = atlas_table_get_n_columns (self->table);
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, atlas_column_get_name (atlas_table_get_column (self->table, c)));
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->shown)); i++)
    {
      g_autoptr (AtlasRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      for (guint c = 0; c < n_columns; c++)
        {
          const AtlasColumn *column = atlas_table_get_column (self->table, c);

          if (c > 0)
            g_string_append_c (out, ',');
          if (atlas_column_is_missing (column, item->row))
            continue;
          if (atlas_column_get_column_type (column) == ATLAS_COLUMN_NUMBER)
            {
              g_autofree char *number = atlas_cell_format_number (atlas_column_get_number (column, item->row));
              g_string_append (out, number);
            }
          else if (atlas_column_get_column_type (column) == ATLAS_COLUMN_DATE)
            append_date (out, atlas_column_get_number (column, item->row), atlas_column_get_date_unit (column));
          else
            {
              g_autofree char *text = atlas_column_format_cell (column, item->row);
              append_field (out, text);
            }
        }
      g_string_append (out, "\r\n");
    }
  return g_file_set_contents_full (path, out->str, (gssize) out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

static void
on_rows_file_chosen (GFile   *file,
                     gpointer data)
{
  AtlasTableView *self = data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr (GError) error = NULL;

  if (path && !atlas_table_view_save_rows (self, path, &error))
    {
      /* Told where the window tells things, in a toast. */
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      if (overlay)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
    }
}

/* "Save Rows…": the rows shown, to a CSV file the person names. */
static void
save_rows_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  static const char *const types[] = { "text/csv", NULL };
  static const char *const patterns[] = { "*.csv", NULL };
  g_autoptr (GListStore) filters = atlas_file_filters_new ();

  atlas_file_filters_add (filters, _("CSV files"), types, patterns);
  atlas_file_chooser_save (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save Rows"), _("_Save"), "rows.csv",
                           G_LIST_MODEL (filters), on_rows_file_chosen, g_object_ref (widget), g_object_unref);
}

/* Shows table's rows (NULL: none), one column per table column. */
void
atlas_table_view_set_table (AtlasTableView *self,
                            AtlasTable     *table)
{
  GListModel *columns;
  AtlasRowList *rows;
  g_autoptr (GtkSortListModel) sorted = NULL;

  g_return_if_fail (ATLAS_IS_TABLE_VIEW (self));

  if (table == self->table)
    return;
  /* No rows while the columns change: a cell of the old table must never
   * be bound to a column of the new one. */
  gtk_column_view_set_model (self->column_view, NULL);
  if (self->shown)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  g_clear_object (&self->sorted);
  columns = gtk_column_view_get_columns (self->column_view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
  g_clear_pointer (&self->table, atlas_table_unref);
  self->table = table ? atlas_table_ref (table) : NULL;
  self->marked_row = G_MAXUINT64;
  self->marked_column = -1;

  rows = g_object_new (ATLAS_TYPE_ROW_LIST, NULL);
  rows->n_rows = table ? (guint) MIN (atlas_table_get_n_rows (table), G_MAXUINT) : 0;
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (rows), g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  /* Sorting a million rows takes a moment: in steps, so the window keeps
   * responding. */
  gtk_sort_list_model_set_incremental (sorted, TRUE);
  for (guint c = 0; table && c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, c);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) view_column = NULL;
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, (gpointer) column, NULL));

      ColumnBinding *binding = g_new (ColumnBinding, 1);

      *binding = (ColumnBinding) { self, column, (int) c };
      g_signal_connect (factory, "setup", G_CALLBACK (atlas_table_view_setup_cell), NULL);
      g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell), binding, (GClosureNotify) (void (*) (void)) g_free,
                             0);
      view_column = gtk_column_view_column_new (atlas_column_get_name (column), factory);
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, view_column);
    }
  g_set_object (&self->sorted, sorted);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (sorted)),
                                           GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  {
    g_autoptr (GtkSingleSelection) selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
    /* Nothing chosen until a row is: a problem's, or a person's. */
    gtk_single_selection_set_autoselect (selection, FALSE);
    gtk_single_selection_set_can_unselect (selection, TRUE);
    gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  }
  update_count (self);
}

/* The rows shown, in their order. */
GListModel *
atlas_table_view_get_rows (AtlasTableView *self)
{
  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), NULL);
  return G_LIST_MODEL (self->shown);
}

/* The text of the cell shown at position in column, NULL where missing. */
char *
atlas_table_view_get_cell (AtlasTableView *self,
                           guint           position,
                           guint           column)
{
  g_autoptr (AtlasRowItem) item = NULL;

  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), NULL);

  if (!self->table || !self->shown || column >= atlas_table_get_n_columns (self->table))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  return item ? atlas_column_format_cell (atlas_table_get_column (self->table, column), item->row) : NULL;
}

/* Marks the cell at row (of the table) and column, as a problem names
 * it: every row shown again, the row selected and scrolled to, the cell
 * in the warning colour. FALSE for a cell the table does not have. */
gboolean
atlas_table_view_mark_cell (AtlasTableView *self,
                            guint64         row,
                            int             column)
{
  GtkSelectionModel *selection;
  GtkWidget *list = NULL;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n;

  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), FALSE);

  if (!self->table || row >= atlas_table_get_n_rows (self->table) || column < 0
      || (guint) column >= atlas_table_get_n_columns (self->table))
    return FALSE;
  atlas_table_view_search (self, "");
  self->marked_row = row;
  self->marked_column = column;
  /* In the table's order the row is at its own place; sorted, it is found. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  {
    g_autoptr (AtlasRowItem) at_own = row < n ? g_list_model_get_item (G_LIST_MODEL (self->shown), (guint) row) : NULL;
    if (at_own && at_own->row == row)
      position = (guint) row;
  }
  for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr (AtlasRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->shown), i);
      if (item->row == row)
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  /* Cells bound before the mark are bound again, marked. */
  g_list_model_items_changed (G_LIST_MODEL (self->shown), position, 1, 1);
  selection = gtk_column_view_get_model (self->column_view);
  gtk_selection_model_select_item (selection, position, TRUE);
  /* The rows are a list view inside the column view: it scrolls to one. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child && !list;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      list = child;
  if (list)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  return TRUE;
}

/* The row and column marked, FALSE when none is. */
gboolean
atlas_table_view_get_marked_cell (AtlasTableView *self,
                                  guint64        *out_row,
                                  int            *out_column)
{
  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), FALSE);

  if (self->marked_row == G_MAXUINT64)
    return FALSE;
  *out_row = self->marked_row;
  *out_column = self->marked_column;
  return TRUE;
}

GtkColumnView *
atlas_table_view_get_column_view (AtlasTableView *self)
{
  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), NULL);
  return self->column_view;
}

/* The document's table, filled in only while the view shows: building
 * its columns for every chart shown would slow each one. */
static void
show_document_table (AtlasTableView *self)
{
  AtlasChart *chart = self->document ? atlas_document_get_chart (self->document) : NULL;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    atlas_table_view_set_table (self, chart ? atlas_chart_get_table (chart) : NULL);
}

/* Shows the table of document's chart, and of each chart it shows after
 * (NULL: none). */
void
atlas_table_view_set_document (AtlasTableView *self,
                               AtlasDocument  *document)
{
  g_return_if_fail (ATLAS_IS_TABLE_VIEW (self));
  g_return_if_fail (document == NULL || ATLAS_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    g_signal_connect_object (document, "chart-changed", G_CALLBACK (show_document_table), self, G_CONNECT_SWAPPED);
  show_document_table (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
atlas_table_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_table_view_parent_class)->map (widget);
  show_document_table (ATLAS_TABLE_VIEW (widget));
}

static void
atlas_table_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasTableView *self = ATLAS_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_table_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasTableView *self = ATLAS_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      atlas_table_view_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_table_view_dispose (GObject *object)
{
  AtlasTableView *self = ATLAS_TABLE_VIEW (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  if (self->shown)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  g_clear_pointer ((GtkWidget **) &self->box, gtk_widget_unparent);
  self->scroller = NULL;
  self->search = NULL;
  self->count_label = NULL;
  g_clear_object (&self->filter);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->table, atlas_table_unref);
  G_OBJECT_CLASS (atlas_table_view_parent_class)->dispose (object);
}

static void
atlas_table_view_class_init (AtlasTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_table_view_dispose;
  object_class->get_property = atlas_table_view_get_property;
  object_class->set_property = atlas_table_view_set_property;
  GTK_WIDGET_CLASS (klass)->map = atlas_table_view_map;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "table.save-rows", NULL, save_rows_activated);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, ATLAS_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_table_view_init (AtlasTableView *self)
{
  self->marked_row = G_MAXUINT64;
  self->marked_column = -1;
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  /* Columns as wide as their cells, scrolled sideways when they do not
   * fit, rather than squeezed into ellipses. */
  gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (self->column_view), GTK_SCROLL_NATURAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The chart's data"), -1);
  /* The column view's list of rows would be read by its class name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Rows of the chart's data"), -1);
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->column_view));
  self->filter = gtk_custom_filter_new (row_matches, self, NULL);

  /* Over the rows: a search through every cell and how many rows it finds. */
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search the rows"), NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->search), TRUE);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (on_search_changed), self);
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  {
    GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Rows…"));

    gtk_widget_set_margin_start (bar, 12);
    gtk_widget_set_margin_end (bar, 12);
    gtk_widget_set_margin_top (bar, 6);
    gtk_widget_set_margin_bottom (bar, 6);
    gtk_widget_set_tooltip_text (save, _("Save the rows shown as a CSV file"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "table.save-rows");
    gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search));
    gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
    gtk_box_append (GTK_BOX (bar), save);
    self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
    gtk_box_append (self->box, bar);
    gtk_box_append (self->box, GTK_WIDGET (self->scroller));
  }
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
}
