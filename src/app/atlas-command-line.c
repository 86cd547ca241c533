/* atlas-command-line.c: the silicon-atlas command's options, and the command or the window they ask for. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-command-line.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "atlas-data-dir.h"
#include "atlas-describe-command.h"
#include "atlas-export-command.h"

/* The person's language, first of all in each program: the help, the
 * errors and the window read in it; GtkBuilder translates the .ui files
 * in the default domain set here. */
void
atlas_command_line_set_language (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Reads the options in argv and runs what they ask for: a command that
 * needs no display, or the window on the story by launch_window (NULL:
 * none to open). Returns the exit status: 0 done, 1 failed, 2 a usage
 * error. */
int
atlas_command_line_run (int                  argc,
                        char               **argv,
                        AtlasWindowLauncher  launch_window)
{
  /* As given: parsing takes the options out of argv. */
  g_auto (GStrv) given = g_strdupv (argv);
  g_autofree char *describe_path = NULL;
  g_autofree char *story_path = NULL;
  g_autofree char *data_dir = atlas_find_data_dir ();
  g_autofree char *datasets_dir = g_build_filename (data_dir, "datasets", NULL);
  g_autofree char *default_story = g_build_filename (data_dir, "story", "silicon-self-reliance.story", NULL);
  g_autofree char *publish_path = NULL;
  g_autofree char *paper = NULL;
  gboolean read_outside = FALSE;
  int story_step = 0;
  gboolean list_datasets = FALSE;
  g_auto (GStrv) inputs = NULL;
  gboolean show_version = FALSE;
  AtlasExportOptions export = { .width = 1200, .height = 800, .scale = 1 };
  /* GOption translates these itself, in the domain given to it below. */
  const GOptionEntry entries[] = {
    { "describe", 0, 0, G_OPTION_ARG_FILENAME, &describe_path,
      /* Translators: the words in capitals name what an option takes. */
      N_("Print what the reader detects in FILE (encoding, dialect, columns, problems) as JSON"),
      N_("FILE") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export.output,
      N_("Draw the chart into OUT (.png, .svg or .pdf)"), N_("OUT") },
    { "save-chart", 0, 0, G_OPTION_ARG_FILENAME, &export.save_chart,
      N_("Write the chart as a chart file (.atlaschart) that opens and exports the same anywhere"),
      N_("OUT.atlaschart") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &export.summary,
      N_("Print a plain-language description of the chart"), NULL },
    { "audit", 0, 0, G_OPTION_ARG_NONE, &export.audit,
      N_("Print, as JSON, what a chart desk would check: text over text or data, what was left out, "
         "values not drawn, the smallest text and the value axis"),
      NULL },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &export.chart_type,
      /* Translators: the chart types --chart takes, which stay in English. */
      N_("line, area, stacked-area, stacked-area-percent, bar, bar-horizontal, bar-stacked, "
         "bar-horizontal-stacked, scatter, donut or timeline"),
      N_("TYPE") },
    { "x", 0, 0, G_OPTION_ARG_STRING, &export.x_column, N_("The column along the x axis"), N_("COLUMN") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &export.group_column,
      N_("A series for each value of COLUMN, from a table with a row per x and group (a year and a company)"),
      N_("COLUMN") },
    { "y", 0, 0, G_OPTION_ARG_STRING, &export.y_columns, N_("The columns to draw, separated by commas"),
      N_("COLUMN,…") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &export.title, N_("The chart's title"), N_("TEXT") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &export.subtitle, N_("A line under the title"), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &export.source, N_("Where the data come from"), N_("TEXT") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &export.notes, N_("Notes under the chart"), N_("TEXT") },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &export.width, N_("Width in pixels (default 1200)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &export.height, N_("Height in pixels (default 800)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &export.scale, N_("Pixel density of a PNG, 1 to 4 (default 1)"),
      N_("S") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &export.dark, N_("Use the dark theme"), NULL },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &export.transparent, N_("Leave the background transparent"),
      NULL },
    { "log", 0, 0, G_OPTION_ARG_NONE, &export.log_y, N_("Use a log scale for the values"), NULL },
    { "fit-values", 0, 0, G_OPTION_ARG_NONE, &export.fit_values,
      N_("Fit a line chart's value axis to the data rather than start it at zero"), NULL },
    { "markers", 0, 0, G_OPTION_ARG_NONE, &export.markers, N_("Mark each point of a line"), NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &export.size_column,
      N_("Numbers that set the area of a scatter plot's points"), N_("COLUMN") },
    { "x-range", 0, 0, G_OPTION_ARG_STRING, &export.x_range,
      N_("Show only FROM..TO along x (dates, numbers or the first and last names)"), N_("FROM..TO") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &export.label_column, N_("The column naming a timeline's events"),
      N_("COLUMN") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &export.status_column,
      N_("The column saying which rows are estimates or forecasts (default: one named “status”)"),
      N_("COLUMN") },
    { "callout", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export.callouts, N_("A note on the first series at X"),
      N_("X=TEXT") },
    { "range", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export.ranges, N_("A shaded span from X1 to X2"),
      N_("X1..X2=TEXT") },
    { "reference", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export.references, N_("A line across the chart at Y"),
      N_("Y=TEXT") },
    { "events", 0, 0, G_OPTION_ARG_FILENAME, &export.events_file,
      N_("Dated events (a CSV with dates and names) drawn as lines over a time axis"), N_("FILE.csv") },
    { "list-datasets", 0, 0, G_OPTION_ARG_NONE, &list_datasets,
      N_("List the built-in datasets with their descriptions"), NULL },
    { "story-step", 0, 0, G_OPTION_ARG_INT, &story_step, N_("Draw passage N of the story (with --export)"),
      N_("N") },
    { "story", 0, 0, G_OPTION_ARG_FILENAME, &story_path,
      N_("The story to open, or for --story-step and --export-story (default: the built-in one)"),
      N_("FILE.story") },
    { "export-story", 0, 0, G_OPTION_ARG_FILENAME, &publish_path,
      N_("Publish the story as OUT: a PDF to print or share, or one web page (.html) that needs no network"),
      N_("OUT") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper,
      N_("The PDF's paper: a4 or letter (default: the locale's)"), N_("SIZE") },
    { "allow-outside-data", 0, 0, G_OPTION_ARG_NONE, &read_outside,
      N_("Let the story read data files outside its own folder; only for a story you trust"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Print the version"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, N_("FILE.csv") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (N_("[FILE.csv|CHART.atlaschart|DATASET]"));
  g_autoptr (GError) error = NULL;
  int status = 2;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Silicon Atlas: charts of China's push for semiconductor self-reliance."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
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
    status = atlas_list_datasets_command_run (datasets_dir);
  else if (publish_path)
    status = atlas_publish_story_command_run (publish_path, story_path ? story_path : default_story, paper,
                                              datasets_dir, read_outside);
  else if (story_step != 0)
    status = atlas_story_step_command_run (&export, story_path ? story_path : default_story, story_step,
                                           datasets_dir, read_outside);
  else if ((export.output || export.save_chart || export.summary || export.audit) && inputs && inputs[0] && !inputs[1])
    status = atlas_export_command_run (&export, inputs[0], datasets_dir);
  else if (export.output || export.save_chart || export.summary || export.audit)
    fprintf (stderr, "silicon-atlas: %s\n",
             _("--export, --save-chart and --summary take one CSV file, built-in dataset or chart file"));
  else if (!launch_window)
    fprintf (stderr, "silicon-atlas: %s\n", _("nothing to do without the window"));
  else
    /* No headless mode asked for: the window, on the story. */
    status = launch_window (given, story_path ? story_path : default_story, inputs);

  atlas_export_options_clear (&export);
  return status;
}
