/* atlas-table-view.c: the rows of the table a chart draws, in sortable columns; missing cells read as missing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-table-view.h"

#include <glib/gi18n.h>
#include <math.h>

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

  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;
  GtkSortListModel *sorted; /* the rows in the order the column headers ask */
  AtlasTable *table;        /* owned */
  AtlasDocument *document;  /* whose chart's table shows; NULL: the table set by hand */
};

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
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  const AtlasColumn *column = data;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  AtlasRowItem *row = gtk_list_item_get_item (item);
  g_autofree char *text = atlas_column_format_cell (column, row->row);

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
  g_clear_object (&self->sorted);
  columns = gtk_column_view_get_columns (self->column_view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
  g_clear_pointer (&self->table, atlas_table_unref);
  self->table = table ? atlas_table_ref (table) : NULL;

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

      g_signal_connect (factory, "setup", G_CALLBACK (atlas_table_view_setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) column);
      view_column = gtk_column_view_column_new (atlas_column_get_name (column), factory);
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, view_column);
    }
  {
    g_autoptr (GtkNoSelection) selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (sorted)));
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  }
  g_set_object (&self->sorted, sorted);
}

/* The rows in the order shown. */
GListModel *
atlas_table_view_get_rows (AtlasTableView *self)
{
  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/* The text of the cell shown at position in column, NULL where missing. */
char *
atlas_table_view_get_cell (AtlasTableView *self,
                           guint           position,
                           guint           column)
{
  g_autoptr (AtlasRowItem) item = NULL;

  g_return_val_if_fail (ATLAS_IS_TABLE_VIEW (self), NULL);

  if (!self->table || !self->sorted || column >= atlas_table_get_n_columns (self->table))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  return item ? atlas_column_format_cell (atlas_table_get_column (self->table, column), item->row) : NULL;
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
  g_clear_pointer ((GtkWidget **) &self->scroller, gtk_widget_unparent);
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
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, ATLAS_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_table_view_init (AtlasTableView *self)
{
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
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->column_view));
  gtk_widget_set_parent (GTK_WIDGET (self->scroller), GTK_WIDGET (self));
}
