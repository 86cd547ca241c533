/* atlas-export-command.c: reads a CSV, builds the chart the options ask for, and writes it or describes it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-export-command.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atlas-chart-audit.h"
#include "atlas-chart-definition.h"
#include "atlas-chart-export.h"
#include "atlas-story-publish.h"
#include "atlas-csv-reader.h"
#include "atlas-table.h"

void
atlas_export_options_clear (AtlasExportOptions *options)
{
  g_free (options->output);
  g_free (options->chart_type);
  g_free (options->x_column);
  g_free (options->y_columns);
  g_free (options->group_column);
  g_free (options->title);
  g_free (options->subtitle);
  g_free (options->source);
  g_free (options->notes);
  g_free (options->label_column);
  g_free (options->x_range);
  g_free (options->size_column);
  g_free (options->status_column);
  g_free (options->events_file);
  g_strfreev (options->callouts);
  g_strfreev (options->ranges);
  g_strfreev (options->references);
  g_free (options->save_chart);
}

/* Says on stderr what is wrong with the command line. */
static void G_GNUC_PRINTF (1, 2)
print_usage_error (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "silicon-atlas: %s\n", message);
}

/* A note option's "WHERE=TEXT" as a note of the chart language, into
 * keys as the next NoteN; FALSE when there is no "=". */
static gboolean
add_note_option (GKeyFile           *keys,
                 GHashTable         *option_names,
                 AtlasAnnotationKind kind,
                 const char         *option,
                 const char         *argument,
                 guint              *n_notes)
{
  const char *equals = strchr (argument, '=');
  g_autofree char *where = equals ? g_strndup (argument, equals - argument) : NULL;
  AtlasChartNote note = { kind, NULL, where, (char *) (equals ? equals + 1 : NULL), NULL, NULL };
  char *no_sources[] = { NULL };
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (!equals)
    {
      /* Translators: an option (--callout), then what was given to it; the
       * words in capitals name what to give, as --help does. */
      print_usage_error (_("%s takes %s=TEXT, not “%s”"), option,
                         kind == ATLAS_ANNOTATION_RANGE ? "FROM..TO" : kind == ATLAS_ANNOTATION_CALLOUT ? "X" : "Y",
                         argument);
      return FALSE;
    }
  note.sources = no_sources;
  key = g_strdup_printf ("Note%u", ++*n_notes);
  value = atlas_chart_note_format (&note);
  g_key_file_set_value (keys, ATLAS_CHART_FILE_GROUP, key, value);
  g_hash_table_insert (option_names, g_steal_pointer (&key), g_strdup (option));
  return TRUE;
}

static void
set_option (GKeyFile   *keys,
            GHashTable *option_names,
            const char *key,
            const char *option,
            const char *value)
{
  if (!value)
    return;
  g_key_file_set_string (keys, ATLAS_CHART_FILE_GROUP, key, value);
  g_hash_table_insert (option_names, g_strdup (key), g_strdup (option));
}

static void
set_flag (GKeyFile   *keys,
          GHashTable *option_names,
          const char *key,
          const char *option,
          gboolean    value)
{
  if (!value)
    return;
  g_key_file_set_boolean (keys, ATLAS_CHART_FILE_GROUP, key, TRUE);
  g_hash_table_insert (option_names, g_strdup (key), g_strdup (option));
}

/* Whether any option says what to chart, rather than how big or in
 * which look: those belong to a chart file when one is given. */
static gboolean
has_chart_options (const AtlasExportOptions *o)
{
  return o->chart_type || o->x_column || o->y_columns || o->title || o->subtitle || o->source || o->notes || o->log_y
         || o->fit_values
         || o->markers || o->label_column || o->x_range || o->size_column || o->status_column || o->group_column
         || o->events_file
         || o->callouts || o->ranges || o->references;
}

/* The chart the options ask for, of input (a CSV file, or a built-in
 * dataset's id), in the chart language: each option is a key of
 * [Chart], read by the parser that reads chart files. */
static AtlasChartDefinition *
definition_from_options (const AtlasExportOptions *options,
                         const char               *input,
                         AtlasChartContext        *context,
                         GError                  **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GHashTable) option_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *dataset_csv = atlas_chart_context_get_dataset_path (context, input);
  guint n_notes = 0;

  /* A name that is no file but a built-in dataset's is that dataset. */
  if (!g_file_test (input, G_FILE_TEST_EXISTS) && !strchr (input, G_DIR_SEPARATOR)
      && dataset_csv && g_file_test (dataset_csv, G_FILE_TEST_IS_REGULAR))
    set_option (keys, option_names, "Dataset", input, input);
  else
    set_option (keys, option_names, "Data", input, input);
  set_option (keys, option_names, "Chart", "--chart", options->chart_type);
  set_option (keys, option_names, "X", "--x", options->x_column);
  if (options->y_columns)
    {
      g_auto (GStrv) columns = g_strsplit (options->y_columns, ",", -1);
      g_key_file_set_string_list (keys, ATLAS_CHART_FILE_GROUP, "Y", (const char *const *) columns,
                                  g_strv_length (columns));
      g_hash_table_insert (option_names, g_strdup ("Y"), g_strdup ("--y"));
    }
  set_option (keys, option_names, "Title", "--title", options->title);
  set_option (keys, option_names, "Subtitle", "--subtitle", options->subtitle);
  set_option (keys, option_names, "Source", "--source", options->source);
  set_option (keys, option_names, "Notes", "--notes", options->notes);
  set_option (keys, option_names, "Label", "--label", options->label_column);
  set_option (keys, option_names, "Size", "--size", options->size_column);
  set_option (keys, option_names, "Status", "--status", options->status_column);
  set_option (keys, option_names, "Group", "--group", options->group_column);
  set_option (keys, option_names, "XRange", "--x-range", options->x_range);
  set_option (keys, option_names, "EventsData", "--events", options->events_file);
  set_flag (keys, option_names, "Log", "--log", options->log_y);
  set_flag (keys, option_names, "FitValues", "--fit-values", options->fit_values);
  set_flag (keys, option_names, "Markers", "--markers", options->markers);
  set_flag (keys, option_names, "Dark", "--dark", options->dark);
  set_flag (keys, option_names, "Transparent", "--transparent", options->transparent);
  for (guint i = 0; options->callouts && options->callouts[i]; i++)
    if (!add_note_option (keys, option_names, ATLAS_ANNOTATION_CALLOUT, "--callout", options->callouts[i], &n_notes))
      return NULL;
  for (guint i = 0; options->ranges && options->ranges[i]; i++)
    if (!add_note_option (keys, option_names, ATLAS_ANNOTATION_RANGE, "--range", options->ranges[i], &n_notes))
      return NULL;
  for (guint i = 0; options->references && options->references[i]; i++)
    if (!add_note_option (keys, option_names, ATLAS_ANNOTATION_REFERENCE_LINE, "--reference", options->references[i],
                          &n_notes))
      return NULL;
  return atlas_chart_definition_read_options (keys, option_names, cwd, error);
}

/* Lays chart out at the options' size and prints its summary. */
static void
print_summary (AtlasChart               *chart,
               const AtlasExportOptions *options)
{
  g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (chart, NULL, options->width, options->height);
  g_autofree char *summary = atlas_chart_summarize (layout);

  printf ("%s\n", summary);
}

static void
add_member_double (JsonBuilder *builder,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_text_box (JsonBuilder        *builder,
              const AtlasTextBox *box)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, box->text);
  add_member_double (builder, "x", box->box.x);
  add_member_double (builder, "y", box->box.y);
  add_member_double (builder, "width", box->box.width);
  add_member_double (builder, "height", box->box.height);
  json_builder_end_object (builder);
}

/* Lays chart out at the options' size and prints its audit as one JSON
 * object. */
static void
print_audit (AtlasChart               *chart,
             const AtlasExportOptions *options)
{
  g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (chart, NULL, options->width, options->height);
  g_autoptr (AtlasChartAudit) audit = atlas_chart_audit (layout);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  add_member_double (builder, "width", audit->width);
  add_member_double (builder, "height", audit->height);
  json_builder_set_member_name (builder, "text_overlaps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < audit->text_overlaps->len; i++)
    {
      const AtlasTextOverlap *overlap = &g_array_index (audit->text_overlaps, AtlasTextOverlap, i);
      json_builder_begin_array (builder);
      add_text_box (builder, &g_array_index (audit->text_boxes, AtlasTextBox, overlap->first));
      add_text_box (builder, &g_array_index (audit->text_boxes, AtlasTextBox, overlap->second));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text_over_data");
  json_builder_begin_array (builder);
  for (guint i = 0; i < audit->text_over_data->len; i++)
    add_text_box (builder,
                  &g_array_index (audit->text_boxes, AtlasTextBox, g_array_index (audit->text_over_data, guint, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "dropped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < audit->dropped->len; i++)
    {
      const AtlasDroppedItem *item = &g_array_index (audit->dropped, AtlasDroppedItem, i);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "what");
      json_builder_add_string_value (builder, item->what);
      json_builder_set_member_name (builder, "announced");
      json_builder_add_boolean_value (builder, item->announced);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "hidden_values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < audit->hidden_values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (audit->hidden_values, i));
  json_builder_end_array (builder);
  add_member_double (builder, "smallest_text_px", audit->smallest_text_px);
  json_builder_set_member_name (builder, "y_axis");
  if (audit->has_value_axis)
    {
      json_builder_begin_object (builder);
      add_member_double (builder, "min", audit->value_min);
      add_member_double (builder, "max", audit->value_max);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "clean");
  json_builder_add_boolean_value (builder, atlas_chart_audit_is_clean (audit));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  printf ("%s\n", json);
}

/* Writes what the options ask of chart, made from definition: the chart
 * file, the image, the summary, the audit. */
static int
write_chart (AtlasChart                 *chart,
             const AtlasChartDefinition *definition,
             const AtlasExportOptions   *options)
{
  g_autoptr (GError) error = NULL;

  if (options->save_chart && !atlas_chart_definition_save (definition, options->save_chart, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (options->output
      && !atlas_chart_export (chart, options->output, options->width, options->height, options->scale, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (options->summary)
    print_summary (chart, options);
  if (options->audit)
    print_audit (chart, options);
  return 0;
}

/* Charts input: a CSV file or a built-in dataset, with the options'
 * chart, or a .atlaschart file as it is written. */
int
atlas_export_command_run (const AtlasExportOptions *options,
                          const char               *input,
                          const char               *datasets_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasChartContext) context = atlas_chart_context_new (datasets_dir);
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_autoptr (AtlasTable) table = NULL;
  g_autoptr (AtlasChart) chart = NULL;
  gboolean chart_file = g_str_has_suffix (input, ".atlaschart");

  if (chart_file && has_chart_options (options))
    {
      print_usage_error (_("%s is a chart file: it says what to draw itself, so it takes only --export, "
                           "--save-chart, --summary, the size and the look"),
                         input);
      return 2;
    }
  definition = chart_file ? atlas_chart_definition_load (input, &error)
                          : definition_from_options (options, input, context, &error);
  if (!definition)
    {
      if (error)
        fprintf (stderr, "%s\n", error->message);
      return chart_file ? 1 : 2;
    }
  if (chart_file)
    {
      /* The look asked for on the command line wins over the file's. */
      definition->dark |= options->dark;
      definition->transparent |= options->transparent;
    }
  table = atlas_chart_context_read_table (context, definition, &error);
  if (!table)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  chart = atlas_chart_context_build (context, definition, table, &error);
  if (!chart)
    {
      fprintf (stderr, "%s\n", error->message);
      /* An option that names what is not in the data is a usage error. */
      return !chart_file && error->domain == ATLAS_CHART_FILE_ERROR ? 2 : 1;
    }
  /* The file says what the options chose and what was suggested for
   * them, so that it draws the same wherever it is opened. */
  atlas_chart_definition_take_chart (definition, chart);
  return write_chart (chart, definition, options);
}

/* The story at story_path, its datasets those it names or the built-in
 * ones; NULL, having said why, when it cannot be read or names files
 * outside its folder that read_outside does not let it read. */
static AtlasStory *
open_story (const char *story_path,
            const char *datasets_dir,
            gboolean    read_outside)
{
  g_autoptr (GError) error = NULL;
  AtlasStory *story = atlas_story_open (story_path, datasets_dir,
                                        read_outside ? ATLAS_STORY_OPEN_READ_OUTSIDE : ATLAS_STORY_OPEN_DEFAULT,
                                        NULL, &error);

  if (!story && g_error_matches (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_OUTSIDE_FOLDER))
    /* Translators: the story's message, then the option that lets it read them. */
    fprintf (stderr, _("%s; %s lets it read them\n"), error->message, "--allow-outside-data");
  else if (!story)
    fprintf (stderr, "%s\n", error->message);
  return story;
}

/* Draws passage step (1-based) of the story: its chart state, into the
 * file --export names, at the size and in the look the options ask;
 * --save-chart writes the passage's chart as a chart file. */
int
atlas_story_step_command_run (const AtlasExportOptions *options,
                              const char               *story_path,
                              int                       step,
                              const char               *datasets_dir,
                              gboolean                  read_outside)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasStory) story = open_story (story_path, datasets_dir, read_outside);
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_autoptr (AtlasChart) chart = NULL;

  if (!story)
    return 1;
  if (step < 1 || (guint) step > atlas_story_get_n_passages (story))
    {
      /* Translators: the story's last passage, then the one asked for. */
      print_usage_error (_("the story has passages 1 to %u, not %d"), atlas_story_get_n_passages (story),
                         step);
      return 2;
    }
  chart = atlas_story_build_chart (story, (guint) step - 1, &error);
  if (!chart)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  /* The look is the reader's choice, not the story's. */
  atlas_chart_set_look (chart, options->dark, options->transparent);
  definition = atlas_story_export_passage (story, (guint) step - 1, datasets_dir);
  definition->dark = options->dark;
  definition->transparent = options->transparent;
  return write_chart (chart, definition, options);
}

/* Publishes the story as output, a PDF (on paper, "a4" or "letter"; NULL
 * for the locale's) or a web page, by its extension. */
int
atlas_publish_story_command_run (const char *output,
                                 const char *story_path,
                                 const char *paper,
                                 const char *datasets_dir,
                                 gboolean    read_outside)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasStory) story = NULL;
  AtlasPublishFormat format;
  AtlasPaperSize paper_size = atlas_paper_size_for_locale ();

  if (!atlas_publish_format_from_path (output, &format))
    {
      print_usage_error (_("--export-story writes a .pdf or .html file, not “%s”"), output);
      return 2;
    }
  if (paper && !atlas_paper_size_from_string (paper, &paper_size))
    {
      print_usage_error (_("--paper takes a4 or letter, not “%s”"), paper);
      return 2;
    }
  story = open_story (story_path, datasets_dir, read_outside);
  if (!story)
    return 1;
  if (!atlas_story_publish (story, output, paper_size, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
