/* test-chart-file.c: the chart language: every chart saved and opened again draws the same, files move, errors say where. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-context.h"
#include "atlas-dataset.h"
#include "atlas-story.h"
#include "atlas-table.h"
#include "test-support.h"

static char *test_dir;

/* Saves definition (taking chart's state) as a file, opens it again and
 * checks the chart it builds draws chart's pixels. */
static void
assert_reopens_identical (const char           *name,
                          AtlasChartDefinition *definition,
                          AtlasChart           *chart,
                          AtlasChartContext    *context)
{
  g_autofree char *file_name = g_strconcat (name, ".atlaschart", NULL);
  g_autofree char *path = g_build_filename (test_dir, file_name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasChartDefinition) again = NULL;
  g_autoptr (AtlasTable) table = NULL;
  g_autoptr (AtlasChart) reopened = NULL;

  atlas_chart_definition_take_chart (definition, chart);
  atlas_chart_definition_save (definition, path, &error);
  g_assert_no_error (error);
  again = atlas_chart_definition_load (path, &error);
  g_assert_no_error (error);
  table = atlas_chart_context_read_table (context, again, &error);
  g_assert_no_error (error);
  reopened = atlas_chart_context_build (context, again, table, &error);
  g_assert_no_error (error);
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      atlas_chart_set_look (chart, dark, FALSE);
      atlas_chart_set_look (reopened, dark, FALSE);
      before = test_render_hash (chart, dark ? 480 : 1200, dark ? 320 : 800);
      after = test_render_hash (reopened, dark ? 480 : 1200, dark ? 320 : 800);
      if (!g_str_equal (before, after))
        {
          g_autofree char *text = NULL;
          g_file_get_contents (path, &text, NULL, NULL);
          g_error ("%s draws differently once saved and opened again:\n%s", name, text);
        }
    }
  g_unlink (path);
}

/* Also zoomed in to a span that falls between the data's own values. */
static void
assert_reopens_identical_zoomed (const char           *name,
                                 AtlasChartDefinition *definition,
                                 AtlasChart           *chart,
                                 AtlasChartContext    *context)
{
  g_autofree char *zoomed_name = g_strconcat (name, "-zoomed", NULL);
  g_autoptr (AtlasChartDefinition) zoomed = atlas_chart_definition_copy (definition);
  g_autoptr (AtlasChartLayout) layout = NULL;
  double x_min, x_max;

  assert_reopens_identical (name, definition, chart, context);
  layout = atlas_chart_layout_new (chart, NULL, 1200, 800);
  if (!atlas_chart_get_x_view (layout, &x_min, &x_max) || !(x_max > x_min))
    return;
  atlas_chart_set_view (chart, x_min + (x_max - x_min) / 7.3, x_max - (x_max - x_min) / 5.9, NAN, NAN);
  assert_reopens_identical (zoomed_name, zoomed, chart, context);
}

static char *
data_path (const char *part,
           const char *name)
{
  return g_build_filename (g_getenv ("ATLAS_DATA_DIR"), part, name, NULL);
}

static void
test_story_charts_reopen (void)
{
  g_autofree char *story_path = data_path ("story", "silicon-self-reliance.story");
  g_autofree char *datasets_dir = data_path ("datasets", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasStory) story = atlas_story_load (story_path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, i, &error);
      g_autoptr (AtlasChartDefinition) definition = atlas_story_export_passage (story, i, datasets_dir);
      g_autofree char *name = g_strdup_printf ("passage-%u", i + 1);

      g_assert_no_error (error);
      assert_reopens_identical_zoomed (name, definition, chart, atlas_story_get_context (story));
    }
}

static void
test_dataset_charts_reopen (void)
{
  g_autofree char *datasets_dir = data_path ("datasets", NULL);
  g_autoptr (AtlasChartContext) context = atlas_chart_context_new (datasets_dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) catalog = atlas_dataset_catalog_load (datasets_dir, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr (AtlasChartDefinition) definition = atlas_chart_definition_new ();
      g_autoptr (AtlasTable) table = NULL;
      g_autoptr (AtlasChart) chart = NULL;

      definition->dataset = g_strdup (info->id);
      table = atlas_chart_context_read_table (context, definition, &error);
      g_assert_no_error (error);
      chart = atlas_chart_context_build (context, definition, table, &error);
      g_assert_no_error (error);
      assert_reopens_identical_zoomed (info->id, definition, chart, context);
    }
}

/* A file opened as the window opens one, saved beside it or elsewhere. */
static void
test_file_charts_reopen (void)
{
  g_autofree char *sample = data_path ("samples", "china-ic-imports.csv");
  g_autofree char *fixture = g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), "semicolon-decimal-comma.csv", NULL);
  const char *paths[] = { sample, fixture };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (AtlasChartDefinition) definition = atlas_chart_definition_new ();
      g_autoptr (AtlasTable) table = NULL;
      g_autoptr (AtlasChart) chart = NULL;
      g_autoptr (GError) error = NULL;

      atlas_chart_definition_set_data (definition, paths[i]);
      definition->title = g_strdup ("Opened");
      table = atlas_chart_context_read_table (NULL, definition, &error);
      g_assert_no_error (error);
      chart = atlas_chart_context_build (NULL, definition, table, &error);
      g_assert_no_error (error);
      assert_reopens_identical_zoomed (i == 0 ? "sample" : "fixture", definition, chart, NULL);
    }
}

/* Whether some text chart draws at width x height reads text. */
static gboolean
chart_shows_text (AtlasChart *chart,
                  const char *text)
{
  g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (chart, NULL, 900, 600);
  GArray *boxes = atlas_chart_get_text_boxes (layout);

  for (guint i = 0; i < boxes->len; i++)
    if (g_str_equal (g_array_index (boxes, AtlasTextBox, i).text, text))
      return TRUE;
  for (guint i = 0; i < boxes->len; i++)
    g_test_message ("shown: %s", g_array_index (boxes, AtlasTextBox, i).text);
  return FALSE;
}

/* Everything the window's settings and pointer change: the number
 * format, colours, the bars' order, text and notes of every kind. Each
 * shows on the chart, and is kept once saved and opened again. */
static void
test_edited_charts_reopen (void)
{
  g_autofree char *path = g_build_filename (test_dir, "fabs.csv", NULL);
  g_autoptr (AtlasChartDefinition) definition = atlas_chart_definition_new ();
  g_autoptr (AtlasChartDefinition) again = NULL;
  g_autoptr (AtlasTable) table = NULL;
  g_autoptr (AtlasChart) plain = NULL;
  g_autoptr (AtlasChart) edited = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = g_build_filename (test_dir, "edited.atlaschart", NULL);
  g_autofree char *text = NULL;
  AtlasChartSpec spec;
  const char *colors[] = { "#d62728", "", NULL };

  g_file_set_contents (path, "company,capacity,share\nA,3,10\nB,9,30\nC,5,60\n", -1, &error);
  g_assert_no_error (error);
  atlas_chart_definition_set_data (definition, path);
  definition->has_type = TRUE;
  definition->type = ATLAS_CHART_BAR;
  definition->y_columns = g_strsplit ("capacity", ";", -1);
  table = atlas_chart_context_read_table (NULL, definition, &error);
  g_assert_no_error (error);
  plain = atlas_chart_context_build (NULL, definition, table, &error);
  g_assert_no_error (error);
  g_assert_true (chart_shows_text (plain, "A"));
  g_assert_false (chart_shows_text (plain, "$4.0k"));

  atlas_chart_copy_shown_spec (plain, &spec, TRUE);
  spec.value_decimals = 1;
  spec.value_prefix = g_strdup ("$");
  spec.value_suffix = g_strdup ("k");
  spec.value_unit = g_strdup ("wafers a month");
  spec.series_colors = g_strdupv ((char **) colors);
  spec.sort = ATLAS_SORT_DESCENDING;
  g_free (spec.title);
  spec.title = g_strdup ("Capacity by company");
  spec.subtitle = g_strdup ("Thousand wafers a month");
  spec.source = g_strdup ("a test");
  spec.notes = g_strdup ("Three companies.");
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT, 1, 1, NAN, 0, "B leads");
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_REFERENCE_LINE, NAN, NAN, 4.5, 0, "Average");
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_RANGE, 0, 1, NAN, 0, "Leaders");
  edited = atlas_chart_new (table, &spec, &error);
  atlas_chart_spec_clear (&spec);
  g_assert_no_error (error);

  /* The format reads on the value axis and in tooltips, the bars stand
   * largest first, and the unit names the axis. */
  g_assert_true (chart_shows_text (edited, "$4.0k"));
  g_assert_true (chart_shows_text (edited, "wafers a month"));
  g_assert_true (chart_shows_text (edited, "Capacity by company"));
  {
    AtlasChartPick pick = { 0, 1, 0, 9 };
    g_autofree char *said = atlas_chart_describe_pick (edited, &pick, NULL);
    g_assert_nonnull (strstr (said, "$9.0k"));
  }
  {
    g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (edited, NULL, 900, 600);
    double bx, by, cx, cy, ax, ay;
    g_assert_true (atlas_chart_point_position (layout, 0, 1, &bx, &by));
    g_assert_true (atlas_chart_point_position (layout, 0, 2, &cx, &cy));
    g_assert_true (atlas_chart_point_position (layout, 0, 0, &ax, &ay));
    g_assert_cmpfloat (bx, <, cx);
    g_assert_cmpfloat (cx, <, ax);
  }
  {
    g_autofree char *plain_hash = test_render_hash (plain, 900, 600);
    g_autofree char *edited_hash = test_render_hash (edited, 900, 600);
    g_assert_cmpstr (plain_hash, !=, edited_hash);
  }

  assert_reopens_identical ("edited", definition, edited, NULL);
  atlas_chart_definition_save (definition, saved, &error);
  g_assert_no_error (error);
  g_file_get_contents (saved, &text, NULL, &error);
  g_assert_no_error (error);
  for (const char *const *key = (const char *const[]){ "Decimals=1\n", "Prefix=$\n", "Suffix=k\n",
                                                        "Unit=wafers a month\n", "Colors=#d62728;\n",
                                                        "Sort=descending\n", "Note1=callout|B|B leads\n",
                                                        "Note2=reference|4.5|Average\n",
                                                        "Note3=range|A..B|Leaders\n", NULL };
       *key; key++)
    if (!strstr (text, *key))
      g_error ("the saved chart lacks %s in:\n%s", *key, text);
  again = atlas_chart_definition_load (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->value_decimals, ==, 1);
  g_assert_cmpint (again->sort, ==, ATLAS_SORT_DESCENDING);
  g_assert_cmpstr (again->series_colors[0], ==, "#d62728");
  g_assert_cmpstr (again->series_colors[1], ==, "");
  g_unlink (saved);
  g_unlink (path);
}

/* A chart and its data in one folder keep working when the folder moves;
 * without the data, the error names the file looked for. */
static void
test_moved_and_missing_data (void)
{
  g_autofree char *folder = g_build_filename (test_dir, "project", NULL);
  g_autofree char *moved = g_build_filename (test_dir, "moved", NULL);
  g_autofree char *data = g_build_filename (folder, "data", NULL);
  g_autofree char *csv = g_build_filename (data, "values.csv", NULL);
  g_autofree char *chart_path = g_build_filename (folder, "chart.atlaschart", NULL);
  g_autofree char *moved_chart = g_build_filename (moved, "chart.atlaschart", NULL);
  g_autofree char *moved_csv = g_build_filename (moved, "data", "values.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (AtlasChartDefinition) definition = atlas_chart_definition_new ();
  g_autoptr (AtlasChartDefinition) again = NULL;
  g_autoptr (AtlasTable) table = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_true (g_file_set_contents (csv, "year,value\n2020,1\n2021,3\n2022,2\n", -1, NULL));
  atlas_chart_definition_set_data (definition, csv);
  atlas_chart_definition_save (definition, chart_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (chart_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\nData=data/values.csv\n"));

  g_assert_cmpint (g_rename (folder, moved), ==, 0);
  again = atlas_chart_definition_load (moved_chart, &error);
  g_assert_no_error (error);
  table = atlas_chart_context_read_table (NULL, again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_table_get_n_rows (table), ==, 3);
  g_clear_pointer (&table, atlas_table_unref);

  g_assert_cmpint (g_unlink (moved_csv), ==, 0);
  table = atlas_chart_context_read_table (NULL, again, &error);
  g_assert_null (table);
  g_assert_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_MISSING_DATA);
  prefix = g_strdup_printf ("%s:5:1: ", moved_chart);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, moved_csv));
  g_assert_true (test_remove_dir (moved));
}

/* Text that needs escaping in the language reads back as it was. */
static void
test_escapes_round_trip (void)
{
  g_autofree char *path = g_build_filename (test_dir, "escapes.atlaschart", NULL);
  g_autoptr (AtlasChartDefinition) definition = atlas_chart_definition_new ();
  g_autoptr (AtlasChartDefinition) again = NULL;
  g_autoptr (GError) error = NULL;
  AtlasChartNote *note = g_new0 (AtlasChartNote, 1);
  const AtlasChartNote *read;
  const char *columns[] = { "a;b", " spaced", "back\\slash", NULL };

  definition->dataset = g_strdup ("values");
  definition->y_columns = g_strdupv ((char **) columns);
  definition->title = g_strdup (" Two\nlines\twith | bars");
  note->kind = ATLAS_ANNOTATION_RANGE;
  note->where = g_strdup ("2020..2021");
  note->text = g_strdup ("a | in the text, a \\ and\na new line");
  note->sources = g_strsplit ("S1;S2", ";", -1);
  note->series = g_strdup ("a;b");
  g_ptr_array_add (definition->annotations, note);
  atlas_chart_definition_save (definition, path, &error);
  g_assert_no_error (error);
  again = atlas_chart_definition_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (again->y_columns, columns);
  g_assert_cmpstr (again->title, ==, definition->title);
  g_assert_cmpuint (again->annotations->len, ==, 1);
  read = g_ptr_array_index (again->annotations, 0);
  g_assert_cmpint (read->kind, ==, ATLAS_ANNOTATION_RANGE);
  g_assert_cmpstr (read->where, ==, note->where);
  g_assert_cmpstr (read->text, ==, note->text);
  g_assert_cmpstrv (read->sources, note->sources);
  g_assert_cmpstr (read->series, ==, note->series);
  g_unlink (path);
}

/* What is wrong in a chart file is said at its line. */
static void
test_errors_say_where (void)
{
  g_autofree char *path = g_build_filename (test_dir, "broken.atlaschart", NULL);
  static const struct
  {
    const char *text;
    guint line;
    AtlasChartFileError code;
    const char *expected;
  } cases[] = {
    { "[Chart]\nVersion=1\nData=a.csv\nTitel=Hello\n", 4, ATLAS_CHART_FILE_ERROR_INVALID, "no key “Titel”" },
    { "[Chart]\nVersion=2\nData=a.csv\n", 2, ATLAS_CHART_FILE_ERROR_NEWER_VERSION, "version 2 of the chart language" },
    { "[Chart]\nVersion=one\nData=a.csv\n", 2, ATLAS_CHART_FILE_ERROR_INVALID, "Version is a whole number" },
    { "# no chart\n[Story]\nTitle=x\n", 1, ATLAS_CHART_FILE_ERROR_INVALID, "in a [Chart] group" },
    { "[Chart]\nData=a.csv\n\n[Other]\nX=1\n", 4, ATLAS_CHART_FILE_ERROR_INVALID, "not [Other]" },
    { "[Chart]\nVersion=1\n", 1, ATLAS_CHART_FILE_ERROR_INVALID, "needs Data" },
    { "[Chart]\nData=a.csv\nDataset=b\n", 1, ATLAS_CHART_FILE_ERROR_INVALID, "both Data and Dataset" },
    { "[Chart]\nData=a.csv\nLog=maybe\n", 3, ATLAS_CHART_FILE_ERROR_INVALID, "[Chart] Log: it is true or false" },
    { "[Chart]\nData=a.csv\nChart=pie\n", 3, ATLAS_CHART_FILE_ERROR_INVALID, "no chart type is called “pie”" },
    { "[Chart]\nData=a.csv\nNote1=callout|2020\n", 3, ATLAS_CHART_FILE_ERROR_INVALID, "a note is kind|where|text" },
    { "[Chart]\nData=a.csv\nNote1=arrow|2020|Hi\n", 3, ATLAS_CHART_FILE_ERROR_INVALID, "not “arrow”" },
    { "[Chart]\nData=a.csv\nNote1=callout|2020|H\\i\n", 3, ATLAS_CHART_FILE_ERROR_INVALID, "escapes nothing" },
    { "[Chart]\nDataset=a\nDelimiter=;\n", 1, ATLAS_CHART_FILE_ERROR_INVALID, "without reader settings" },
    { "[Chart]\nData=a.csv\nTitle=Chips \xff\n", 3, ATLAS_CHART_FILE_ERROR_INVALID, "[Chart] Title: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s:%u:1: ", path, cases[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasChartDefinition) definition = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      definition = atlas_chart_definition_load (path, &error);
      g_assert_null (definition);
      g_assert_error (error, ATLAS_CHART_FILE_ERROR, (int) cases[i].code);
      if (!g_str_has_prefix (error->message, prefix) || !strstr (error->message, cases[i].expected))
        g_error ("“%s” should start with “%s” and say “%s”", error->message, prefix, cases[i].expected);
    }
  g_unlink (path);
}

/* Values that need the data, and the reader's settings, are checked when
 * the data is read and the chart built, at the key that holds them. */
static void
test_build_errors_say_where (void)
{
  g_autofree char *csv = g_build_filename (test_dir, "values.csv", NULL);
  g_autofree char *path = g_build_filename (test_dir, "build.atlaschart", NULL);
  static const struct
  {
    const char *keys;
    guint line;
    const char *expected;
  } cases[] = {
    { "X=when\n", 4, "no column “when”" },
    { "Y=value;worth\n", 4, "no column “worth”" },
    { "XRange=2020..soon\n", 4, "“soon” is not a value of column “year”" },
    { "YRange=0..lots\n", 4, "YRange takes FROM..TO in numbers" },
    { "Highlight=never\n", 4, "“never” is not a value" },
    { "Note1=callout|2021|Hi||other\n", 4, "names series “other”" },
    { "Note1=reference|high|Hi\n", 4, "a reference line needs a number" },
    { "EventsData=none.csv\n", 4, "events “none.csv”" },
    { "DecimalMark=;\n", 4, "the reader cannot take DecimalMark=;" },
  };

  g_assert_true (g_file_set_contents (csv, "year,value\n2020,1\n2021,3\n2022,2\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("[Chart]\nVersion=1\nData=values.csv\n%s", cases[i].keys);
      g_autofree char *prefix = g_strdup_printf ("%s:%u:1: ", path, cases[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasChartDefinition) definition = NULL;
      g_autoptr (AtlasTable) table = NULL;
      g_autoptr (AtlasChart) chart = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      definition = atlas_chart_definition_load (path, &error);
      g_assert_no_error (error);
      table = atlas_chart_context_read_table (NULL, definition, &error);
      chart = table ? atlas_chart_context_build (NULL, definition, table, &error) : NULL;
      if (chart)
        g_error ("%s builds a chart", cases[i].keys);
      if (!g_str_has_prefix (error->message, prefix) || !strstr (error->message, cases[i].expected))
        g_error ("“%s” should start with “%s” and say “%s”", error->message, prefix, cases[i].expected);
    }
  g_unlink (path);
  g_unlink (csv);
}

/* x values written back read as the same number, whatever the column. */
static void
test_format_x_round_trips (void)
{
  g_autoptr (AtlasTable) table
    = test_load_table (test_dir, "kinds.csv",
                       "day,year,name,amount\n2021-03-04,2019,Alpha,1.5\n2021-03-05,2020,Beta,2.25\n2021-04-01,2021,Gamma,3\n");
  const struct
  {
    const char *column;
    double value;
  } cases[] = {
    { "day", 1614816000 }, { "day", 1614816000.123456 }, { "day", 1617235200 }, { "year", 1577836800 },
    { "year", 1590000000.5 }, { "name", 1 }, { "name", 1.37 }, { "amount", 0.1 }, { "amount", 1e-300 },
    { "amount", -2.5e17 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = atlas_chart_format_x (table, cases[i].column, cases[i].value);
      double back = NAN;

      g_assert_true (atlas_chart_parse_x (table, cases[i].column, text, &back));
      /* Dates keep microseconds: the view of a chart, not its data. */
      g_assert_cmpfloat_with_epsilon (back, cases[i].value, 1e-6);
    }
}

/* The chart language names the reader's settings as the reader does. */
static void
test_reader_keys_agree (void)
{
  g_assert_cmpstrv (atlas_chart_reader_keys, atlas_import_settings_keys);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-chart-file-XXXXXX", NULL);
  g_test_add_func ("/chart-file/story-charts-reopen", test_story_charts_reopen);
  g_test_add_func ("/chart-file/dataset-charts-reopen", test_dataset_charts_reopen);
  g_test_add_func ("/chart-file/file-charts-reopen", test_file_charts_reopen);
  g_test_add_func ("/chart-file/edited-charts-reopen", test_edited_charts_reopen);
  g_test_add_func ("/chart-file/moved-and-missing-data", test_moved_and_missing_data);
  g_test_add_func ("/chart-file/escapes-round-trip", test_escapes_round_trip);
  g_test_add_func ("/chart-file/errors-say-where", test_errors_say_where);
  g_test_add_func ("/chart-file/build-errors-say-where", test_build_errors_say_where);
  g_test_add_func ("/chart-file/format-x-round-trips", test_format_x_round_trips);
  g_test_add_func ("/chart-file/reader-keys-agree", test_reader_keys_agree);
  status = g_test_run ();
  g_assert_true (test_remove_dir (test_dir));
  test_release_font_caches ();
  return status;
}
