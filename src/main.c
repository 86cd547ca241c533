/* main.c: the silicon-atlas command; reads the options and runs what they ask for. */
#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "atlas-application.h"
#include "atlas-describe-command.h"
#include "atlas-export-command.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *describe_path = NULL;
  g_autofree char *story_path = NULL;
  int story_step = 0;
  gboolean list_datasets = FALSE;
  g_auto (GStrv) inputs = NULL;
  gboolean show_version = FALSE;
  AtlasExportOptions export = { .width = 1200, .height = 800, .scale = 1 };
  const GOptionEntry entries[] = {
    { "describe", 0, 0, G_OPTION_ARG_FILENAME, &describe_path,
      "Print what the reader detects in FILE (encoding, dialect, columns, problems) as JSON", "FILE" },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export.output, "Draw the chart into OUT (.png, .svg or .pdf)", "OUT" },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &export.summary, "Print a plain-language description of the chart", NULL },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &export.chart_type,
      "line, area, stacked-area, stacked-area-percent, bar, bar-horizontal, bar-stacked, bar-horizontal-stacked, scatter, donut or timeline",
      "TYPE" },
    { "x", 0, 0, G_OPTION_ARG_STRING, &export.x_column, "The column along the x axis", "COLUMN" },
    { "y", 0, 0, G_OPTION_ARG_STRING, &export.y_columns, "The columns to draw, separated by commas", "COLUMN,…" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &export.title, "The chart's title", "TEXT" },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &export.subtitle, "A line under the title", "TEXT" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &export.source, "Where the data come from", "TEXT" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &export.notes, "Notes under the chart", "TEXT" },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &export.width, "Width in pixels (default 1200)", "W" },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &export.height, "Height in pixels (default 800)", "H" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &export.scale, "Pixel density of a PNG, 1 to 4 (default 1)", "S" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &export.dark, "Use the dark theme", NULL },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &export.transparent, "Leave the background transparent", NULL },
    { "log", 0, 0, G_OPTION_ARG_NONE, &export.log_y, "Use a log scale for the values", NULL },
    { "markers", 0, 0, G_OPTION_ARG_NONE, &export.markers, "Mark each point of a line", NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &export.size_column, "Numbers that set the area of a scatter plot's points",
      "COLUMN" },
    { "x-range", 0, 0, G_OPTION_ARG_STRING, &export.x_range,
      "Show only FROM..TO along x (dates, numbers or the first and last names)", "FROM..TO" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &export.label_column, "The column naming a timeline's events", "COLUMN" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &export.status_column,
      "The column saying which rows are estimates or forecasts (default: one named “status”)", "COLUMN" },
    { "callout", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export.callouts, "A note on the first series at X", "X=TEXT" },
    { "range", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export.ranges, "A shaded span from X1 to X2", "X1..X2=TEXT" },
    { "reference", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export.references, "A line across the chart at Y", "Y=TEXT" },
    { "events", 0, 0, G_OPTION_ARG_FILENAME, &export.events_file,
      "Dated events (a CSV with dates and names) drawn as lines over a time axis", "FILE.csv" },
    { "list-datasets", 0, 0, G_OPTION_ARG_NONE, &list_datasets,
      "List the built-in datasets with their descriptions", NULL },
    { "story-step", 0, 0, G_OPTION_ARG_INT, &story_step, "Draw passage N of the story (with --export)", "N" },
    { "story", 0, 0, G_OPTION_ARG_FILENAME, &story_path, "The story for --story-step (default: the built-in one)",
      "FILE.story" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, "Print the version", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, "FILE.csv" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[FILE.csv]");
  g_autoptr (GError) error = NULL;
  int status = 2;

  /* First of all, so that the help, the errors and the window read in the
   * person's language; GtkBuilder translates the .ui files in the default
   * domain set here. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_set_summary (context, "Silicon Atlas: charts of China's push for semiconductor self-reliance.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "silicon-atlas: %s\n", error->message);
      return 2;
    }
  if (show_version)
    {
      printf ("silicon-atlas %s\n", ATLAS_VERSION);
      status = 0;
    }
  else if (describe_path)
    status = atlas_describe_command_run (describe_path);
  else if (list_datasets)
    status = atlas_list_datasets_command_run (ATLAS_DATA_DIR "/datasets");
  else if (story_step != 0)
    status = atlas_story_step_command_run (&export, story_path ? story_path
                                                               : ATLAS_DATA_DIR "/story/silicon-self-reliance.story",
                                           story_step);
  else if ((export.output || export.summary) && inputs && inputs[0] && !inputs[1])
    status = atlas_export_command_run (&export, inputs[0]);
  else if (export.output || export.summary)
    fprintf (stderr, "silicon-atlas: --export and --summary take one CSV file\n");
  else
    {
      /* No headless mode asked for: the window, on the story. */
      g_autoptr (AtlasApplication) application
        = atlas_application_new (story_path ? story_path : ATLAS_DATA_DIR "/story/silicon-self-reliance.story");
      /* The options are read; what is left are the files to open. */
      g_autoptr (GPtrArray) arguments = g_ptr_array_new ();
      g_ptr_array_add (arguments, argv[0]);
      for (guint i = 0; inputs && inputs[i]; i++)
        g_ptr_array_add (arguments, inputs[i]);
      g_ptr_array_add (arguments, NULL);
      status = g_application_run (G_APPLICATION (application), (int) arguments->len - 1, (char **) arguments->pdata);
    }

  atlas_export_options_clear (&export);
  return status;
}
