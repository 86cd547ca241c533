/* atlas-import-dialog.c: what the reader detected in a CSV file, each setting changeable, beside its first rows.
 *
 * Every setting starts at "Automatic", its subtitle saying what the reader
 * found; choosing a value overrides only that decision. The preview reads
 * only the start of the file, so it follows each change at once whatever
 * the file's size. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-import-dialog.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-table-view.h"

#include "atlas-cell-parse.h"
#include "atlas-table.h"

/* The preview shows this many rows; it reads this much of the file to
 * find them, more when rows are long. */
#define PREVIEW_ROWS 200
#define PREVIEW_FIRST_BYTES (256 * 1024)
#define PREVIEW_MOST_BYTES (8 * 1024 * 1024)

struct _AtlasImportDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkWidget *import_button;
  AdwComboRow *encoding_row;
  AdwComboRow *delimiter_row;
  AdwComboRow *quote_row;
  AdwComboRow *header_row;
  AdwActionRow *skip_row;
  GtkSpinButton *skip_spin;
  AdwComboRow *decimal_row;
  AdwComboRow *thousands_row;
  AdwComboRow *date_order_row;
  AdwPreferencesGroup *columns_group;
  AdwComboRow *dialect_row;
  AdwEntryRow *dialect_entry;
  GtkLabel *status_label;
  GtkColumnView *preview;

  GFile *file;
  char *path;
  AtlasImportMemory *memory;     /* the window's; outlives the dialog */
  AtlasImportSettings *settings; /* what the person chose; the rest is detected */
  AtlasCsvResult *result;        /* the preview's read; NULL when it failed */
  char *error;                   /* why it failed */
  guint *unreadable_shown;       /* per file column: cells shown that will load as missing */
  GPtrArray *column_rows;        /* AdwComboRow per file column */
  GtkStringList *rows;           /* one item per preview row */
  GtkSelectionModel *row_selection;
  GHashTable *bound_cells;       /* GtkListItem: the preview's cells on screen */
  GtkStringList *dialect_names;
  gboolean syncing;              /* the widgets are being set from the settings */
};

G_DEFINE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rows of each combo, after "Automatic" (row 0). */
static const char delimiters[] = { ',', ';', '\t', '|', ' ' };
static const char quotes[] = { '"', '\'' };
static const char decimal_marks[] = { '.', ',' };
static const char thousands_seps[] = { '\0', ',', '.', ' ', '\'' };

static const char *
describe_delimiter (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("comma");
    case ';':
      return _("semicolon");
    case '\t':
      return _("tab");
    case '|':
      return _("vertical bar");
    case ' ':
      return _("space");
    default:
      return _("other");
    }
}

static const char *
describe_separator (char c)
{
  switch (c)
    {
    case '\0':
      return _("none");
    case '.':
      return _("point");
    case '\'':
      return _("apostrophe");
    default:
      return describe_delimiter (c);
    }
}

static const char *
describe_column_type (AtlasColumnType type)
{
  switch (type)
    {
    case ATLAS_COLUMN_NUMBER:
      return _("numbers");
    case ATLAS_COLUMN_DATE:
      return _("dates");
    default:
      return _("text");
    }
}

/* The combo row for a character among choices; 0 (Automatic) for '\0'. */
static guint
row_of_character (const char *choices,
                  guint       n_choices,
                  char        c,
                  gboolean    set)
{
  for (guint i = 0; set && i < n_choices; i++)
    if (choices[i] == c)
      return i + 1;
  return 0;
}

static void
set_subtitle (AdwComboRow *row,
              const char  *format,
              ...) G_GNUC_PRINTF (2, 3);

static void
set_subtitle (AdwComboRow *row,
              const char  *format,
              ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

/* Adds to the decimal mark row's subtitle the number columns read with
 * the other mark, whose cells all use it: “Detected: point; comma in
 * “price””. */
static void
describe_columns_with_other_mark (AtlasImportDialog *self,
                                  char               file_mark)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  char other = file_mark == ',' ? '.' : ',';

  for (guint i = 0; i < self->result->file_columns->len; i++)
    {
      const AtlasCsvFileColumn *column = &g_array_index (self->result->file_columns, AtlasCsvFileColumn, i);

      if (column->decimal_mark != other)
        continue;
      if (names->len > 0)
        g_string_append (names, _(", "));
      /* Translators: a column's name in quotes. */
      g_string_append_printf (names, _("“%s”"), column->name);
    }
  if (names->len == 0)
    return;
  subtitle = g_strdup_printf (
    /* Translators: the detected mark, then the other mark and the columns that use it. */
    _("%s; %s in %s"), adw_action_row_get_subtitle (ADW_ACTION_ROW (self->decimal_row)),
    other == ',' ? _("comma") : _("point"), names->str);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->decimal_row), subtitle);
}

/* For each column of the file, how many cells of the rows shown hold
 * something the column could not read (none for text or ignored ones):
 * counted once a read, for the column rows and the status line. */
static void
count_unreadable_shown (AtlasImportDialog *self)
{
  guint n_columns = self->result ? self->result->file_columns->len : 0;

  g_clear_pointer (&self->unreadable_shown, g_free);
  self->unreadable_shown = g_new0 (guint, MAX (n_columns, 1));
  for (guint c = 0; c < n_columns; c++)
    {
      const AtlasCsvFileColumn *info = &g_array_index (self->result->file_columns, AtlasCsvFileColumn, c);
      const AtlasColumn *column;

      if (info->ignored || info->type == ATLAS_COLUMN_TEXT)
        continue;
      column = atlas_table_get_column (self->result->table, (guint) info->table_column);
      for (guint row = 0; row < atlas_import_dialog_get_n_shown_rows (self); row++)
        {
          GStrv raw = g_ptr_array_index (self->result->raw_rows, row);
          const char *cell = raw[c];

          if (atlas_column_is_missing (column, row) && !atlas_cell_is_missing (cell, strlen (cell)))
            self->unreadable_shown[c]++;
        }
    }
}

static void on_column_choice_changed (AdwComboRow       *row,
                                      GParamSpec        *pspec,
                                      AtlasImportDialog *self);

/* One row per column of the file: its name, what it holds, and what it
 * should hold. Rows are kept while the file keeps its columns, so a
 * change made from the keyboard keeps its focus. */
static void
update_column_rows (AtlasImportDialog *self)
{
  GArray *columns = self->result ? self->result->file_columns : NULL;
  guint n = columns ? columns->len : 0;

  if (self->column_rows->len != n)
    {
      for (guint i = 0; i < self->column_rows->len; i++)
        adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
      g_ptr_array_set_size (self->column_rows, 0);
      for (guint i = 0; i < n; i++)
        {
          const char *choices[] = { _("Automatic"), _("Number"), _("Date"), _("Text"), _("Ignore"), NULL };
          g_autoptr (GtkStringList) model = gtk_string_list_new (choices);
          GtkWidget *row = adw_combo_row_new ();

          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          g_signal_connect (row, "notify::selected", G_CALLBACK (on_column_choice_changed), self);
          adw_preferences_group_add (self->columns_group, row);
          g_ptr_array_add (self->column_rows, row);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      const AtlasCsvFileColumn *column = &g_array_index (columns, AtlasCsvFileColumn, i);
      AdwComboRow *row = g_ptr_array_index (self->column_rows, i);
      AtlasColumnChoice choice = atlas_import_settings_get_column_choice (self->settings, i);
      guint n_bad = self->unreadable_shown[i];
      g_autofree char *read_as = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);
      adw_combo_row_set_selected (row, choice);
      if (column->ignored)
        {
          set_subtitle (row, "%s", _("Not loaded"));
          continue;
        }
      /* Translators: what the reader found or was told, such as
       * “numbers”, an encoding's name or “comma”. */
      read_as = g_strdup_printf (choice == ATLAS_COLUMN_CHOICE_DETECT ? _("Detected: %s") : _("Read as %s"),
                                 describe_column_type (column->type));
      if (n_bad > 0)
        {
          g_autofree char *unreadable = g_strdup_printf (ngettext ("%u cell shown will not load",
                                                                   "%u cells shown will not load", n_bad),
                                                         n_bad);
          set_subtitle (row, "%s · %s", read_as, unreadable);
        }
      else
        set_subtitle (row, "%s", read_as);
    }
}

/* What the lines-to-skip row says: how many lines come before the header
 * or the first row, and whether they are skipped as chosen or as found. */
static char *
describe_skipped_lines (const AtlasCsvDialect *found,
                        gboolean               chosen)
{
  guint n = found->skipped_lines;

  if (chosen && found->header)
    return g_strdup_printf (ngettext ("Skipping %u line before the header",
                                      "Skipping %u lines before the header", n), n);
  if (chosen)
    return g_strdup_printf (ngettext ("Skipping %u line before the first row",
                                      "Skipping %u lines before the first row", n), n);
  if (found->header)
    return g_strdup_printf (ngettext ("Detected: %u line before the header",
                                      "Detected: %u lines before the header", n), n);
  return g_strdup_printf (ngettext ("Detected: %u line before the first row",
                                    "Detected: %u lines before the first row", n), n);
}

/* The settings' values in the widgets, and what the reader found in the
 * subtitles. */
static void
sync_widgets (AtlasImportDialog *self)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (self->settings);
  const AtlasCsvDialect *found = self->result ? &self->result->dialect : NULL;

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->encoding_row, o->force_encoding ? (guint) o->encoding + 1 : 0);
  adw_combo_row_set_selected (self->delimiter_row,
                              row_of_character (delimiters, G_N_ELEMENTS (delimiters), o->delimiter, TRUE));
  adw_combo_row_set_selected (self->quote_row, o->no_quote ? G_N_ELEMENTS (quotes) + 1
                                                           : row_of_character (quotes, G_N_ELEMENTS (quotes), o->quote, TRUE));
  adw_combo_row_set_selected (self->header_row, o->header);
  gtk_spin_button_set_value (self->skip_spin, o->force_skip_lines ? (double) o->skip_lines : -1.0);
  adw_combo_row_set_selected (self->decimal_row, row_of_character (decimal_marks, G_N_ELEMENTS (decimal_marks),
                                                                   o->decimal_mark, TRUE));
  adw_combo_row_set_selected (self->thousands_row, row_of_character (thousands_seps, G_N_ELEMENTS (thousands_seps),
                                                                     o->thousands_sep, o->force_thousands_sep));
  adw_combo_row_set_selected (self->date_order_row, o->date_order);

  if (found)
    {
      const char *encoding = atlas_text_encoding_get_name (found->encoding);
      const char *delimiter = describe_delimiter (found->delimiter);
      const char *quote = found->quote == '\0'    ? _("none")
                          : found->quote == '\'' ? _("single quote")
                                                 : _("double quote");
      const char *date_order;
      g_autofree char *skipped = describe_skipped_lines (found, o->force_skip_lines);

      if (found->date_order == ATLAS_DATE_ORDER_DAY_FIRST && found->date_order_guessed)
        date_order = _("Day first, a guess: no day is past the 12th");
      else if (found->date_order == ATLAS_DATE_ORDER_MONTH_FIRST && found->date_order_guessed)
        date_order = _("Month first, a guess: no day is past the 12th");
      else if (found->date_order == ATLAS_DATE_ORDER_DAY_FIRST)
        date_order = _("Detected: day first");
      else if (found->date_order == ATLAS_DATE_ORDER_MONTH_FIRST)
        date_order = _("Detected: month first");
      else
        date_order = _("Detected: no dates like 31/12 or 12/31");

      if (found->has_bom)
        set_subtitle (self->encoding_row,
                      /* Translators: %s names a text encoding, such as UTF-8. */
                      o->force_encoding ? _("Reading as %s with a byte order mark")
                                        : _("Detected: %s with a byte order mark"),
                      encoding);
      else
        set_subtitle (self->encoding_row, o->force_encoding ? _("Reading as %s") : _("Detected: %s"),
                      encoding);
      if (found->excel_sep_line)
        set_subtitle (self->delimiter_row,
                      o->delimiter ? _("Splitting at %s, named on the file’s first line")
                                   : _("Detected: %s, named on the file’s first line"),
                      delimiter);
      else
        set_subtitle (self->delimiter_row, o->delimiter ? _("Splitting at %s") : _("Detected: %s"),
                      delimiter);
      set_subtitle (self->quote_row, o->quote || o->no_quote ? _("Quoting with %s") : _("Detected: %s"), quote);
      set_subtitle (self->header_row, "%s",
                    found->header ? _("Detected: the first row") : _("Detected: none, columns numbered"));
      adw_action_row_set_subtitle (self->skip_row, skipped);
      /* Translators: %s names a character: “comma”, “point”, “space”. */
      set_subtitle (self->decimal_row, o->decimal_mark ? _("Reading %s") : _("Detected: %s"),
                    found->decimal_mark == ',' ? _("comma") : _("point"));
      describe_columns_with_other_mark (self, found->decimal_mark);
      set_subtitle (self->thousands_row, o->force_thousands_sep ? _("Reading %s") : _("Detected: %s"),
                    describe_separator (found->thousands_sep));
      set_subtitle (self->date_order_row, "%s", date_order);
    }
  update_column_rows (self);
  self->syncing = FALSE;
}

/* One preview column's cells: the value as it will load; a cell the
 * column cannot read shows what the file says, marked; a missing cell is
 * a dimmed dash; an ignored column is dimmed. */
static void
fill_preview_cell (AtlasImportDialog *self,
                   GtkListItem       *item)
{
  guint file_column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "file-column"));
  guint row = gtk_list_item_get_position (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const AtlasCsvFileColumn *info = &g_array_index (self->result->file_columns, AtlasCsvFileColumn, file_column);
  GStrv raw = g_ptr_array_index (self->result->raw_rows, row);
  const char *cell = raw[file_column];
  g_autofree char *text = NULL;
  const char *style = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  g_object_set_data (G_OBJECT (label), "atlas-tooltip", NULL);
  if (info->ignored)
    {
      text = g_strdup (cell);
      style = "dim-label";
    }
  else
    {
      const AtlasColumn *column = atlas_table_get_column (self->result->table, (guint) info->table_column);

      if (!atlas_column_is_missing (column, row))
        text = atlas_column_format_cell (column, row);
      else if (atlas_cell_is_missing (cell, strlen (cell)))
        {
          text = g_strdup ("—");
          style = "dim-label";
        }
      else
        {
          /* Translators: a cell as written, then “numbers” or “dates”. */
          g_autofree char *why = g_strdup_printf (_("“%s” cannot be read as %s: it will load as missing"),
                                                  cell, describe_column_type (info->type));
          text = g_strdup (cell);
          style = "error";
          g_object_set_data_full (G_OBJECT (label), "atlas-tooltip", g_steal_pointer (&why), g_free);
        }
    }
  gtk_label_set_text (label, text);
  gtk_label_set_xalign (label, info->type == ATLAS_COLUMN_TEXT || info->ignored ? 0 : 1);
  if (style)
    gtk_widget_add_css_class (GTK_WIDGET (label), style);
}

/* Cells on screen are kept in bound_cells, so a new read refills them in
 * place: making the cells again would cost far more than the read. */
static void
bind_preview_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   AtlasImportDialog        *self)
{
  g_object_set_data (G_OBJECT (item), "file-column", g_object_get_data (G_OBJECT (factory), "file-column"));
  g_hash_table_add (self->bound_cells, item);
  fill_preview_cell (self, item);
}

static void
unbind_preview_cell (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AtlasImportDialog        *self)
{
  g_hash_table_remove (self->bound_cells, item);
}

/* The preview's columns, one per column of the file, headed by its name
 * and what it holds. Columns are made again only when the file's shape
 * changes; otherwise the cells on screen are refilled. */
static void
rebuild_preview (AtlasImportDialog *self)
{
  GListModel *existing = gtk_column_view_get_columns (self->preview);
  guint n_columns = self->result ? self->result->file_columns->len : 0;
  guint n_rows = atlas_import_dialog_get_n_shown_rows (self);
  guint n_listed = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  GHashTableIter iter;
  gpointer item;

  if (g_list_model_get_n_items (existing) != n_columns)
    {
      /* Without a model while its columns change, the view builds no
       * cells for the columns about to go. */
      gtk_column_view_set_model (self->preview, NULL);
      while (g_list_model_get_n_items (existing) > 0)
        {
          g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (existing, 0);
          gtk_column_view_remove_column (self->preview, column);
        }
      for (guint c = 0; c < n_columns; c++)
        {
          g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
          g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new (NULL, g_object_ref (factory));

          g_object_set_data (G_OBJECT (factory), "file-column", GUINT_TO_POINTER (c));
          g_signal_connect (factory, "setup", G_CALLBACK (atlas_table_view_setup_cell), NULL);
          g_signal_connect (factory, "bind", G_CALLBACK (bind_preview_cell), self);
          g_signal_connect (factory, "unbind", G_CALLBACK (unbind_preview_cell), self);
          gtk_column_view_column_set_resizable (column, TRUE);
          gtk_column_view_append_column (self->preview, column);
        }
      gtk_column_view_set_model (self->preview, self->row_selection);
    }
  for (guint c = 0; c < n_columns; c++)
    {
      const AtlasCsvFileColumn *info = &g_array_index (self->result->file_columns, AtlasCsvFileColumn, c);
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (existing, c);
      const char *holds = info->ignored ? _("ignored") : describe_column_type (info->type);
      g_autofree char *title = g_strdup_printf ("%s · %s", info->name, holds);

      gtk_column_view_column_set_title (column, title);
    }

  /* The rows are positions: the cells look themselves up. */
  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (gtk_list_item_get_position (item) < MIN (n_rows, n_listed))
      fill_preview_cell (self, item);
  if (n_rows < n_listed)
    gtk_string_list_splice (self->rows, n_rows, n_listed - n_rows, NULL);
  for (guint i = n_listed; i < n_rows; i++)
    gtk_string_list_append (self->rows, "");
}

/* What the status line says of the preview: how much of the file it
 * shows, and how many of the cells shown will not load. */
static void
update_status (AtlasImportDialog *self)
{
  g_autoptr (GString) status = g_string_new (NULL);
  guint n_rows = atlas_import_dialog_get_n_shown_rows (self);
  guint n_bad = 0, n_bad_columns = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  if (!self->result)
    {
      /* Translators: %s is the reader's message, saying where and why. */
      g_string_append_printf (status, _("This file cannot be read this way: %s"), self->error);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_label_set_text (self->status_label, status->str);
      return;
    }
  for (guint c = 0; c < self->result->file_columns->len; c++)
    {
      n_bad += self->unreadable_shown[c];
      n_bad_columns += self->unreadable_shown[c] > 0;
    }
  if (self->result->truncated || atlas_table_get_n_rows (self->result->table) > n_rows)
    g_string_append_printf (status, ngettext ("The first %u row, as it will load.",
                                              "The first %u rows, as they will load.", n_rows), n_rows);
  else
    g_string_append_printf (status, ngettext ("All %u row, as it will load.",
                                              "All %u rows, as they will load.", n_rows), n_rows);
  if (n_bad > 0)
    {
      g_autofree char *cells = g_strdup_printf (ngettext ("%u cell", "%u cells", n_bad), n_bad);
      g_autofree char *columns
        = g_strdup_printf (ngettext ("%u column", "%u columns", n_bad_columns), n_bad_columns);

      g_string_append_c (status, ' ');
      g_string_append_printf (status,
                              /* Translators: “3 cells”, then “2 columns”. */
                              _("%s in %s cannot be read and will load as missing: they are marked in red."),
                              cells, columns);
    }
  gtk_label_set_text (self->status_label, status->str);
}

/* Reads the start of the file with the settings chosen and shows it. The
 * read is short (PREVIEW_FIRST_BYTES, more only when rows are so long
 * that fewer than PREVIEW_ROWS fit), so it runs here, between frames. */
static void
refresh_preview (AtlasImportDialog *self)
{
  AtlasCsvOptions options = *atlas_import_settings_get_options (self->settings);
  g_autoptr (GError) error = NULL;
  AtlasCsvResult *result = NULL;

  options.n_threads = 1;
  options.keep_raw_rows = TRUE;
  for (options.max_bytes = PREVIEW_FIRST_BYTES; options.max_bytes <= PREVIEW_MOST_BYTES; options.max_bytes *= 4)
    {
      g_clear_pointer (&result, atlas_csv_result_free);
      g_clear_error (&error);
      result = atlas_csv_read_file (self->path, &options, NULL, NULL, NULL, &error);
      if (!result || !result->truncated || atlas_table_get_n_rows (result->table) >= PREVIEW_ROWS)
        break;
    }
  g_clear_pointer (&self->result, atlas_csv_result_free);
  g_clear_pointer (&self->error, g_free);
  self->result = result;
  if (!result)
    self->error = g_strdup (error->message);
  gtk_widget_set_sensitive (self->import_button, result != NULL);
  count_unreadable_shown (self);
  rebuild_preview (self);
  sync_widgets (self);
  update_status (self);
}

static void
on_column_choice_changed (AdwComboRow       *row,
                          GParamSpec        *pspec,
                          AtlasImportDialog *self)
{
  guint index;

  if (self->syncing || !g_ptr_array_find (self->column_rows, row, &index))
    return;
  atlas_import_settings_set_column_choice (self->settings, index, (AtlasColumnChoice) adw_combo_row_get_selected (row));
  refresh_preview (self);
}

/* A file-wide setting changed in its widget: into the settings, then the
 * preview. Columns follow the file's shape, so a change that reshapes it
 * (another delimiter, header or start) lets them be detected afresh. */
static void
on_setting_changed (AtlasImportDialog *self)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (self->settings);
  guint encoding = adw_combo_row_get_selected (self->encoding_row);
  guint delimiter = adw_combo_row_get_selected (self->delimiter_row);
  guint quote = adw_combo_row_get_selected (self->quote_row);
  guint decimal = adw_combo_row_get_selected (self->decimal_row);
  guint thousands = adw_combo_row_get_selected (self->thousands_row);
  int skip = gtk_spin_button_get_value_as_int (self->skip_spin);
  char old_delimiter = o->delimiter;
  AtlasCsvHeaderChoice old_header = o->header;

  if (self->syncing)
    return;
  o->force_encoding = encoding > 0;
  o->encoding = encoding > 0 ? (AtlasTextEncoding) (encoding - 1) : ATLAS_TEXT_ENCODING_UTF8;
  o->delimiter = delimiter > 0 ? delimiters[delimiter - 1] : '\0';
  o->no_quote = quote == G_N_ELEMENTS (quotes) + 1;
  o->quote = quote > 0 && !o->no_quote ? quotes[quote - 1] : '\0';
  o->header = (AtlasCsvHeaderChoice) adw_combo_row_get_selected (self->header_row);
  o->force_skip_lines = skip >= 0;
  o->skip_lines = (guint) MAX (skip, 0);
  o->decimal_mark = decimal > 0 ? decimal_marks[decimal - 1] : '\0';
  o->force_thousands_sep = thousands > 0;
  o->thousands_sep = thousands > 0 ? thousands_seps[thousands - 1] : '\0';
  o->date_order = (AtlasDateOrder) adw_combo_row_get_selected (self->date_order_row);
  if (o->delimiter != old_delimiter || o->header != old_header)
    atlas_import_settings_clear_columns (self->settings);
  refresh_preview (self);
}

/* "-1" reads "Auto" in the lines-to-skip spin button. */
static gboolean
on_skip_output (GtkSpinButton *spin,
                gpointer       data)
{
  int value = gtk_spin_button_get_value_as_int (spin);
  /* Translators: the lines to skip are left for the reader to find. */
  g_autofree char *text = value < 0 ? g_strdup (C_("lines to skip", "Auto")) : g_strdup_printf ("%d", value);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_skip_input (GtkSpinButton *spin,
               double        *new_value,
               gpointer       data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *automatic = g_utf8_casefold (C_("lines to skip", "Auto"), -1);
  char *end = NULL;
  gint64 value;

  /* "Auto" as shown, or in English, typed in any case. */
  if (g_str_equal (folded, automatic) || g_ascii_strncasecmp (text, "auto", 4) == 0 || *text == '\0')
    {
      *new_value = -1;
      return TRUE;
    }
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0')
    return GTK_INPUT_ERROR;
  *new_value = CLAMP (value, -1, 1000);
  return TRUE;
}

const AtlasImportSettings *
atlas_import_dialog_get_settings (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);
  return self->settings;
}

/* Takes settings as the person's choices, as if set in the widgets. */
void
atlas_import_dialog_set_settings (AtlasImportDialog         *self,
                                  const AtlasImportSettings *settings)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (settings != NULL);

  atlas_import_settings_free (self->settings);
  self->settings = atlas_import_settings_copy (settings);
  refresh_preview (self);
}

/* The last preview's read; NULL when the file could not be read so. */
const AtlasCsvResult *
atlas_import_dialog_get_preview (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);
  return self->result;
}

const char *
atlas_import_dialog_get_preview_error (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

guint
atlas_import_dialog_get_n_shown_rows (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), 0);
  return self->result ? (guint) MIN (atlas_table_get_n_rows (self->result->table), PREVIEW_ROWS) : 0;
}

/* Hands the settings to ::import (which reads the whole file) and closes;
 * FALSE while the preview says the file cannot be read so. */
gboolean
atlas_import_dialog_accept (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), FALSE);

  if (!self->result)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_IMPORT], 0, self->settings);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
accept_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  atlas_import_dialog_accept (ATLAS_IMPORT_DIALOG (widget));
}

/* The saved dialects under "None", which leaves the settings as they are. */
static void
update_dialect_names (AtlasImportDialog *self)
{
  g_auto (GStrv) names = atlas_import_memory_list_dialects (self->memory);

  self->syncing = TRUE;
  gtk_string_list_splice (self->dialect_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->dialect_names)),
                          NULL);
  gtk_string_list_append (self->dialect_names, C_("dialect", "None"));
  for (guint i = 0; names[i]; i++)
    gtk_string_list_append (self->dialect_names, names[i]);
  adw_combo_row_set_selected (self->dialect_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dialect_row), names[0] != NULL);
  self->syncing = FALSE;
}

/* Applies a saved dialect: its way of writing over the settings, the
 * columns chosen kept. */
gboolean
atlas_import_dialog_apply_dialect (AtlasImportDialog *self,
                                   const char        *name)
{
  g_autoptr (AtlasImportSettings) dialect = NULL;

  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), FALSE);

  dialect = atlas_import_memory_lookup_dialect (self->memory, name);
  if (!dialect)
    return FALSE;
  for (guint i = 0; i < atlas_import_settings_get_options (self->settings)->n_column_choices; i++)
    atlas_import_settings_set_column_choice (dialect, i, atlas_import_settings_get_column_choice (self->settings, i));
  atlas_import_dialog_set_settings (self, dialect);
  return TRUE;
}

static void
on_dialect_chosen (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   AtlasImportDialog *self)
{
  guint chosen = adw_combo_row_get_selected (row);

  if (self->syncing || chosen == 0 || chosen == GTK_INVALID_LIST_POSITION)
    return;
  atlas_import_dialog_apply_dialect (self, gtk_string_list_get_string (self->dialect_names, chosen));
}

/* Settings that read a file as dialect says it is written, every choice
 * made: what was detected is kept as much as what was chosen. */
static AtlasImportSettings *
settings_from_dialect (const AtlasCsvDialect *dialect)
{
  AtlasImportSettings *settings = atlas_import_settings_new ();
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->force_encoding = TRUE;
  o->encoding = dialect->encoding;
  o->delimiter = dialect->delimiter;
  o->quote = dialect->quote;
  o->no_quote = dialect->quote == '\0';
  o->header = dialect->header ? ATLAS_CSV_HEADER_FIRST_ROW : ATLAS_CSV_HEADER_NONE;
  o->force_skip_lines = TRUE;
  o->skip_lines = dialect->skipped_lines;
  o->decimal_mark = dialect->decimal_mark;
  o->force_thousands_sep = TRUE;
  o->thousands_sep = dialect->thousands_sep;
  o->date_order = dialect->date_order;
  return settings;
}

/* Saves how the file is written, as read now (not its columns), as a
 * dialect called name; the toast says whether it worked. */
gboolean
atlas_import_dialog_save_dialect (AtlasImportDialog *self,
                                  const char        *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *message = NULL;
  g_autoptr (AtlasImportSettings) dialect = NULL;
  gboolean saved;

  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), FALSE);

  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0' || !self->result)
    return FALSE;
  dialect = settings_from_dialect (&self->result->dialect);
  saved = atlas_import_memory_save_dialect (self->memory, clean, dialect, &error);
  if (saved)
    message = g_strdup_printf (_("Saved the dialect “%s”"), clean);
  else
    message = g_strdup_printf (_("Could not save the dialect: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  update_dialect_names (self);
  return saved;
}

static void
on_dialect_entry_apply (AtlasImportDialog *self)
{
  if (atlas_import_dialog_save_dialect (self, gtk_editable_get_text (GTK_EDITABLE (self->dialect_entry))))
    gtk_editable_set_text (GTK_EDITABLE (self->dialect_entry), "");
}

static void
atlas_import_dialog_dispose (GObject *object)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (atlas_import_dialog_parent_class)->dispose (object);
}

static void
atlas_import_dialog_finalize (GObject *object)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (object);

  g_clear_object (&self->file);
  g_free (self->path);
  g_clear_pointer (&self->settings, atlas_import_settings_free);
  g_clear_pointer (&self->result, atlas_csv_result_free);
  g_free (self->error);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable_shown, g_free);
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
  g_clear_object (&self->row_selection);
  g_clear_object (&self->dialect_names);
  G_OBJECT_CLASS (atlas_import_dialog_parent_class)->finalize (object);
}

static void
atlas_import_dialog_class_init (AtlasImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_import_dialog_dispose;
  object_class->finalize = atlas_import_dialog_finalize;

  /* The settings chosen (AtlasImportSettings, borrowed: copy to keep). */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/siliconatlas/SiliconAtlas/atlas-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, quote_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, header_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, skip_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, skip_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, thousands_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, dialect_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, dialect_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_dialect_entry_apply);
  gtk_widget_class_install_action (widget_class, "import.accept", NULL, accept_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.accept", NULL);
}

static void
atlas_import_dialog_init (AtlasImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_name_controls (GTK_WIDGET (self));
  self->settings = atlas_import_settings_new ();
  self->column_rows = g_ptr_array_new ();
  self->bound_cells = g_hash_table_new (NULL, NULL);
  self->rows = gtk_string_list_new (NULL);
  self->row_selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (self->rows)));
  self->dialect_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->dialect_row, G_LIST_MODEL (self->dialect_names));

  g_signal_connect_swapped (self->encoding_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->delimiter_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->quote_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->header_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->decimal_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->thousands_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->date_order_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->skip_spin, "value-changed", G_CALLBACK (on_setting_changed), self);
  g_signal_connect (self->skip_spin, "output", G_CALLBACK (on_skip_output), NULL);
  g_signal_connect (self->skip_spin, "input", G_CALLBACK (on_skip_input), NULL);
  g_signal_connect (self->dialect_row, "notify::selected", G_CALLBACK (on_dialect_chosen), self);
}

/* A dialog for file over parent, starting from initial (the choices
 * remembered for it, or NULL to detect everything); dialects are saved
 * in memory. */
AtlasImportDialog *
atlas_import_dialog_new (GtkWindow                 *parent,
                         GFile                     *file,
                         AtlasImportMemory         *memory,
                         const AtlasImportSettings *initial)
{
  AtlasImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (memory != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  self->memory = memory;
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
  update_dialect_names (self);
  if (initial)
    {
      atlas_import_settings_free (self->settings);
      self->settings = atlas_import_settings_copy (initial);
    }
  refresh_preview (self);
  return self;
}
