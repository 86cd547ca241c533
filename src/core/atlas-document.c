/* atlas-document.c: the chart a window shows, where it came from, and reading its file off the main thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-document.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-table.h"

/* How far the reading thread has come: it writes, a timer on the main
 * thread reads. */
typedef struct
{
  gatomicrefcount ref_count;
  GMutex lock;
  guint64 done;
  guint64 total;
} LoadProgress;

/* One read of a file, handed to the thread as the task's data. */
typedef struct
{
  char *path;
  GFile *file;
  AtlasImportSettings *settings;
  AtlasChartDefinition *definition; /* a chart file's chart; NULL: the chart suggested for the file */
  GFile *chart_file;
  gboolean reload;                  /* keep the chart shown, over the file's new rows */
  LoadProgress *progress;
} Load;

struct _AtlasDocument
{
  GObject parent_instance;

  AtlasChartContext *context;       /* where chart files' datasets and events are found */
  AtlasDocumentSource source;
  AtlasChart *chart;
  AtlasChartDefinition *definition; /* the chart shown in the chart language: what Save writes */
  char *title;                      /* what it is, as a window's subtitle says */
  GFile *chart_file;                /* the chart file it was opened from or saved to */
  GPtrArray *undo_specs;            /* AtlasChartSpec: the chart as it was before each edit, oldest first */
  GPtrArray *redo_specs;            /* AtlasChartSpec: edits undone, the last undone last */
  int saved_depth;                  /* undo_specs' length when the chart was as saved or opened; -1: never again */

  GFile *file;                      /* the data file shown, watched and read again; NULL for the story's */
  AtlasImportSettings *settings;    /* how it was read */
  GFileMonitor *monitor;
  guint reload_source;              /* a reload waiting for the file to settle */

  GCancellable *cancellable;        /* while a file is read */
  Load *load;                       /* that read */
  guint progress_source;
  double progress;

  AtlasChartDefinition *unlocated;  /* a chart file's chart whose data is not where it says */
  GFile *unlocated_chart_file;
  char *missing_data;               /* where its data was looked for */

  char *error_message;
  GPtrArray *problems;              /* AtlasCsvProblem: the first of the file's */
  guint64 n_problems;
  guint64 n_unreadable_cells;
  char *problems_file;
};

G_DEFINE_ENUM_TYPE (AtlasDocumentSource, atlas_document_source,
                    G_DEFINE_ENUM_VALUE (ATLAS_DOCUMENT_SOURCE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (ATLAS_DOCUMENT_SOURCE_PASSAGE, "passage"),
                    G_DEFINE_ENUM_VALUE (ATLAS_DOCUMENT_SOURCE_DATASET, "dataset"),
                    G_DEFINE_ENUM_VALUE (ATLAS_DOCUMENT_SOURCE_FILE, "file"),
                    G_DEFINE_ENUM_VALUE (ATLAS_DOCUMENT_SOURCE_CHART_FILE, "chart-file"))

G_DEFINE_FINAL_TYPE (AtlasDocument, atlas_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_TITLE,
  PROP_FILE,
  PROP_CHART_FILE,
  PROP_MISSING_DATA,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_ERROR_MESSAGE,
  PROP_N_PROBLEMS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

enum
{
  CHART_CHANGED,
  MESSAGE,
  OPENED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static LoadProgress *
load_progress_new (void)
{
  LoadProgress *progress = g_new0 (LoadProgress, 1);

  g_atomic_ref_count_init (&progress->ref_count);
  g_mutex_init (&progress->lock);
  return progress;
}

static void
load_progress_unref (LoadProgress *progress)
{
  if (!g_atomic_ref_count_dec (&progress->ref_count))
    return;
  g_mutex_clear (&progress->lock);
  g_free (progress);
}

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->path);
  g_clear_object (&load->file);
  g_clear_pointer (&load->settings, atlas_import_settings_free);
  g_clear_pointer (&load->definition, atlas_chart_definition_free);
  g_clear_object (&load->chart_file);
  load_progress_unref (load->progress);
  g_free (load);
}

static void
set_string (AtlasDocument *self,
            char         **field,
            const char    *value,
            guint          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_progress (AtlasDocument *self,
              double         progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* Says something people should hear of, in the window's words. */
static void G_GNUC_PRINTF (2, 3)
say (AtlasDocument *self,
     const char    *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* A failure: kept as the error message, and said. */
static void
fail (AtlasDocument *self,
      const char    *message)
{
  set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* The path of file, or NULL with an error saying why for a file that is
 * not on this computer: what the document and the window both ask. */
char *
atlas_document_file_get_local_path (GFile   *file,
                                    GError **error)
{
  char *path = g_file_get_path (file);

  if (!path)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: only files on this computer can be opened"),
                   uri);
    }
  return path;
}

/* The path of file, or NULL, failing with the reason. */
static char *
get_local_path (AtlasDocument *self,
                GFile         *file)
{
  g_autoptr (GError) error = NULL;
  char *path = atlas_document_file_get_local_path (file, &error);

  if (!path)
    fail (self, error->message);
  return path;
}

static void
clear_problems (AtlasDocument *self)
{
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->problems_file, g_free);
  self->n_unreadable_cells = 0;
  if (self->n_problems == 0)
    return;
  self->n_problems = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
}

static void
stop_reading (AtlasDocument *self)
{
  gboolean was_busy = self->cancellable != NULL;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->load = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
forget_missing (AtlasDocument *self)
{
  g_clear_pointer (&self->unlocated, atlas_chart_definition_free);
  g_clear_object (&self->unlocated_chart_file);
  set_string (self, &self->missing_data, NULL, PROP_MISSING_DATA);
}

/* Stops watching the file shown: another chart takes its place. */
static void
forget_file (AtlasDocument *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
    }
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->settings, atlas_import_settings_free);
  if (self->file)
    {
      g_clear_object (&self->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
}

static gboolean
reload_after_change (gpointer data)
{
  AtlasDocument *self = data;

  self->reload_source = 0;
  atlas_document_reload (self);
  return G_SOURCE_REMOVE;
}

/* The file changed on disk: read it again once it has been quiet for a
 * moment, as programs write in bursts; gone, the chart keeps what was
 * loaded. */
static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 AtlasDocument     *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (300, reload_after_change, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      {
        g_autofree char *name = g_file_get_basename (file);
        say (self, _("“%s” was removed; the chart keeps what was loaded"), name);
      }
      break;
    default:
      break;
    }
}

/* Watches the data file shown, read with settings, to read it again when
 * it changes. */
static void
watch_file (AtlasDocument             *self,
            GFile                     *file,
            const AtlasImportSettings *settings)
{
  g_autoptr (GError) error = NULL;

  if (self->file && g_file_equal (self->file, file))
    {
      atlas_import_settings_free (self->settings);
      self->settings = atlas_import_settings_copy (settings);
      return;
    }
  forget_file (self);
  self->file = g_object_ref (file);
  self->settings = atlas_import_settings_copy (settings);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_file_changed), self);
  else
    g_debug ("Changes to the file will not reload it: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/* The most edits a chart keeps to undo. */
#define MAX_UNDO 200

static void
spec_free (gpointer data)
{
  atlas_chart_spec_clear (data);
  g_free (data);
}

/* The chart shown, as it shows now, as undo and redo keep it. */
static AtlasChartSpec *
shown_spec_new (AtlasDocument *self)
{
  AtlasChartSpec *spec = g_new (AtlasChartSpec, 1);

  atlas_chart_copy_shown_spec (self->chart, spec, TRUE);
  return spec;
}

/* Says what of undo, redo and being changed since saved changed, after
 * was_* as they were before. */
static void
notify_history (AtlasDocument *self,
                gboolean       could_undo,
                gboolean       could_redo,
                gboolean       was_modified)
{
  if (could_undo != atlas_document_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != atlas_document_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != atlas_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Another chart is shown: nothing to undo, and nothing changed. */
static void
forget_history (AtlasDocument *self)
{
  gboolean could_undo = atlas_document_get_can_undo (self);
  gboolean could_redo = atlas_document_get_can_redo (self);
  gboolean was_modified = atlas_document_get_modified (self);

  g_ptr_array_set_size (self->undo_specs, 0);
  g_ptr_array_set_size (self->redo_specs, 0);
  self->saved_depth = 0;
  notify_history (self, could_undo, could_redo, was_modified);
}

/* Shows chart (taking it), the chart of definition (taking it), from
 * source, called title. A chart drawn again over its file's new rows
 * keeps its edits, to undo and to save; any other starts afresh. */
static void
set_shown (AtlasDocument        *self,
           AtlasDocumentSource   source,
           AtlasChartDefinition *definition,
           AtlasChart           *chart,
           const char           *title,
           GFile                *chart_file,
           gboolean              drawn_again)
{
  g_clear_pointer (&self->chart, atlas_chart_unref);
  self->chart = chart;
  if (definition)
    {
      g_clear_pointer (&self->definition, atlas_chart_definition_free);
      self->definition = definition;
    }
  set_string (self, &self->title, title, PROP_TITLE);
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  if (!drawn_again)
    forget_history (self);
  if (g_set_object (&self->chart_file, chart_file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_FILE]);
  if (self->source != source)
    {
      self->source = source;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
    }
  g_signal_emit (self, signals[CHART_CHANGED], 0);
}

/* The chart shown drawn again from table (the file read again): the same
 * type, columns, view and notes, and the same series switched off; NULL
 * when the file lost a column it draws. */
static AtlasChart *
chart_again (AtlasDocument *self,
             AtlasTable    *table)
{
  AtlasChartSpec spec;
  AtlasChart *chart;

  if (!self->chart)
    return NULL;
  atlas_chart_copy_shown_spec (self->chart, &spec, TRUE);
  chart = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);
  for (guint i = 0; chart && i < atlas_chart_get_n_series (self->chart); i++)
    if (!atlas_chart_get_series_visible (self->chart, i))
      atlas_chart_set_series_visible (chart, i, FALSE);
  return chart;
}

/* The chart of a file people opened, in the chart language: the file,
 * read with settings, and the chart the reader suggests for its
 * columns, titled with the file's name. */
static AtlasChartDefinition *
definition_for_opened_file (const char                *path,
                            const AtlasImportSettings *settings)
{
  AtlasChartDefinition *definition = atlas_chart_definition_new ();
  g_autofree char *name = g_filename_display_basename (path);
  const char *dot = strrchr (name, '.');

  atlas_chart_definition_set_data (definition, path);
  if (settings)
    atlas_chart_import_settings_write (definition, settings);
  definition->title = dot && dot != name ? g_strndup (name, (gsize) (dot - name)) : g_strdup (name);
  return definition;
}

/* What loaded is charted; what did not is kept to be told, with where to
 * look first. */
static void
keep_problems (AtlasDocument        *self,
               const char           *name,
               const AtlasCsvResult *result)
{
  clear_problems (self);
  if (result->n_problems == 0)
    return;
  self->problems = g_ptr_array_ref (result->problems);
  self->problems_file = g_strdup (name);
  for (guint c = 0; c < atlas_table_get_n_columns (result->table); c++)
    self->n_unreadable_cells += atlas_column_get_n_invalid (atlas_table_get_column (result->table, c));
  self->n_problems = result->n_problems;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
}

static void
on_read_progress (guint64  done,
                  guint64  total,
                  gpointer data)
{
  LoadProgress *progress = data;

  g_mutex_lock (&progress->lock);
  progress->done = done;
  progress->total = total;
  g_mutex_unlock (&progress->lock);
}

static gboolean
update_progress (gpointer data)
{
  AtlasDocument *self = data;
  double fraction = 0;

  g_mutex_lock (&self->load->progress->lock);
  if (self->load->progress->total > 0)
    fraction = (double) self->load->progress->done / (double) self->load->progress->total;
  g_mutex_unlock (&self->load->progress->lock);
  set_progress (self, CLAMP (fraction, 0, 1));
  return G_SOURCE_CONTINUE;
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;
  AtlasCsvResult *result = atlas_csv_read_file (load->path, atlas_import_settings_get_options (load->settings),
                                                on_read_progress, load->progress, cancellable, &error);

  if (result)
    g_task_return_pointer (task, result, (GDestroyNotify) atlas_csv_result_free);
  else
    g_task_return_error (task, error);
}

static void
on_read (GObject      *source,
         GAsyncResult *async_result,
         gpointer      data)
{
  AtlasDocument *self = ATLAS_DOCUMENT (source);
  GTask *task = G_TASK (async_result);
  Load *load = g_task_get_task_data (task);
  g_autofree char *name = g_filename_display_basename (load->path);
  g_autofree char *title = load->chart_file ? g_file_get_basename (load->chart_file) : g_strdup (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = g_task_propagate_pointer (task, &error);
  g_autoptr (AtlasChartDefinition) definition = NULL;
  AtlasChart *chart = NULL;
  gboolean drawn_again;

  /* A newer read took this one's place: say nothing of this one. */
  if (load != self->load)
    return;
  stop_reading (self);
  if (!result)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, _("Stopped reading “%s”"), name);
      else
        fail (self, error->message);
      return;
    }
  if (load->reload)
    chart = chart_again (self, result->table);
  drawn_again = chart != NULL;
  if (!chart)
    {
      definition = load->definition ? atlas_chart_definition_copy (load->definition)
                                    : definition_for_opened_file (load->path, load->settings);
      chart = atlas_chart_context_build (self->context, definition, result->table, &error);
      if (!chart)
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", load->path, error->message);
          fail (self, message);
          return;
        }
    }
  forget_missing (self);
  set_shown (self, load->chart_file ? ATLAS_DOCUMENT_SOURCE_CHART_FILE : ATLAS_DOCUMENT_SOURCE_FILE,
             g_steal_pointer (&definition), chart, title, load->chart_file, drawn_again);
  watch_file (self, load->file, load->settings);
  keep_problems (self, name, result);
  g_signal_emit (self, signals[OPENED], 0, load->chart_file ? load->chart_file : load->file);
  if (result->n_problems == 0 && load->reload)
    say (self, _("Reloaded “%s”"), name);
}

/* Reads file with settings off the main thread and charts it: the chart
 * of definition (a chart file's) when there is one, the chart shown again
 * when reloading, else the one suggested. */
static void
read_file (AtlasDocument              *self,
           GFile                      *file,
           const AtlasImportSettings  *settings,
           gboolean                    reload,
           const AtlasChartDefinition *definition,
           GFile                      *chart_file)
{
  g_autoptr (GTask) task = NULL;
  Load *load;
  char *path = get_local_path (self, file);

  if (!path)
    return;
  stop_reading (self);
  load = g_new0 (Load, 1);
  load->path = path;
  load->file = g_object_ref (file);
  load->settings = settings ? atlas_import_settings_copy (settings) : atlas_import_settings_new ();
  load->definition = definition ? atlas_chart_definition_copy (definition) : NULL;
  load->chart_file = chart_file ? g_object_ref (chart_file) : NULL;
  load->reload = reload;
  load->progress = load_progress_new ();

  self->cancellable = g_cancellable_new ();
  self->load = load;
  task = g_task_new (self, self->cancellable, on_read, NULL);
  g_task_set_task_data (task, load, load_free);
  set_progress (self, 0);
  self->progress_source = g_timeout_add (50, update_progress, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_task_run_in_thread (task, read_in_thread);
}

AtlasDocument *
atlas_document_new (AtlasChartContext *context)
{
  AtlasDocument *self = g_object_new (ATLAS_TYPE_DOCUMENT, NULL);

  atlas_document_set_context (self, context);
  return self;
}

/* Where chart files' datasets and events are found from now on; NULL
 * where there are no built-in datasets. */
void
atlas_document_set_context (AtlasDocument     *self,
                            AtlasChartContext *context)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));

  if (context)
    atlas_chart_context_ref (context);
  g_clear_pointer (&self->context, atlas_chart_context_unref);
  self->context = context;
}

/* Shows chart (taking it) of a passage or a dataset, which definition
 * (taking it) says in the chart language, called title. A file being
 * read is let go. */
void
atlas_document_show (AtlasDocument        *self,
                     AtlasDocumentSource   source,
                     AtlasChartDefinition *definition,
                     AtlasChart           *chart,
                     const char           *title)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  g_return_if_fail (definition != NULL && chart != NULL);

  stop_reading (self);
  forget_file (self);
  forget_missing (self);
  clear_problems (self);
  set_shown (self, source, definition, chart, title, NULL, FALSE);
}

/* Shows chart (taking it) in place of the chart shown, from the same
 * source: another type, other columns, other rows, other text or notes.
 * It is an edit: undo shows the chart as it was. */
void
atlas_document_set_chart (AtlasDocument *self,
                          AtlasChart    *chart)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  g_return_if_fail (chart != NULL);

  could_undo = atlas_document_get_can_undo (self);
  could_redo = atlas_document_get_can_redo (self);
  was_modified = atlas_document_get_modified (self);
  if (self->chart)
    {
      /* The state saved was among the edits undone, now gone for good. */
      if (self->saved_depth > (int) self->undo_specs->len)
        self->saved_depth = -1;
      g_ptr_array_set_size (self->redo_specs, 0);
      g_ptr_array_add (self->undo_specs, shown_spec_new (self));
      if (self->undo_specs->len > MAX_UNDO)
        {
          g_ptr_array_remove_index (self->undo_specs, 0);
          self->saved_depth = self->saved_depth > 0 ? self->saved_depth - 1 : -1;
        }
    }
  g_clear_pointer (&self->chart, atlas_chart_unref);
  self->chart = chart;
  g_signal_emit (self, signals[CHART_CHANGED], 0);
  notify_history (self, could_undo, could_redo, was_modified);
}

/* Moves the chart shown one step through its edits: back from the end of
 * from (undo), or forward (redo), keeping where it was on the other. */
static gboolean
step_history (AtlasDocument *self,
              GPtrArray     *from,
              GPtrArray     *to)
{
  gboolean could_undo = atlas_document_get_can_undo (self);
  gboolean could_redo = atlas_document_get_can_redo (self);
  gboolean was_modified = atlas_document_get_modified (self);
  AtlasChartSpec *spec;
  AtlasChart *chart;

  if (!self->chart || from->len == 0)
    return FALSE;
  spec = from->pdata[from->len - 1];
  chart = atlas_chart_new (atlas_chart_get_table (self->chart), spec, NULL);
  /* Every spec kept was shown once, of this table, which only a reload
   * that lost a column can make undrawable: then the step is lost too. */
  if (!chart)
    {
      g_ptr_array_set_size (from, 0);
      notify_history (self, could_undo, could_redo, was_modified);
      return FALSE;
    }
  g_ptr_array_add (to, shown_spec_new (self));
  g_ptr_array_remove_index (from, from->len - 1);
  g_clear_pointer (&self->chart, atlas_chart_unref);
  self->chart = chart;
  g_signal_emit (self, signals[CHART_CHANGED], 0);
  notify_history (self, could_undo, could_redo, was_modified);
  return TRUE;
}

/* Shows the chart as it was before its last edit. */
gboolean
atlas_document_undo (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return step_history (self, self->undo_specs, self->redo_specs);
}

/* Shows the edit last undone again. */
gboolean
atlas_document_redo (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return step_history (self, self->redo_specs, self->undo_specs);
}

gboolean
atlas_document_get_can_undo (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return self->undo_specs->len > 0;
}

gboolean
atlas_document_get_can_redo (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return self->redo_specs->len > 0;
}

/* Whether the chart shown differs from the one opened or last saved:
 * edits undone back to it leave it unchanged. */
gboolean
atlas_document_get_modified (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return (int) self->undo_specs->len != self->saved_depth;
}

/* Reads file with settings (NULL: as the reader detects) off the main
 * thread, and shows the chart the reader suggests for it. */
void
atlas_document_open_file (AtlasDocument             *self,
                          GFile                     *file,
                          const AtlasImportSettings *settings)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  read_file (self, file, settings, FALSE, NULL, NULL);
}

/* Draws the chart definition (taking it) of chart_file: a built-in
 * dataset's at once, a CSV file's once read; one whose data is not there
 * waits, missing-data saying where it was looked for. */
static void
open_chart_definition (AtlasDocument        *self,
                       GFile                *chart_file,
                       AtlasChartDefinition *definition)
{
  g_autoptr (AtlasChartDefinition) owned = definition;
  g_autofree char *name = g_file_get_basename (chart_file);
  g_autofree char *data_path = NULL;
  g_autoptr (AtlasImportSettings) settings = NULL;
  g_autoptr (GFile) data = NULL;
  g_autoptr (GError) error = NULL;

  if (owned->dataset)
    {
      g_autoptr (AtlasTable) table = atlas_chart_context_read_table (self->context, owned, &error);
      AtlasChart *chart = table ? atlas_chart_context_build (self->context, owned, table, &error) : NULL;

      if (!chart)
        {
          fail (self, error->message);
          return;
        }
      stop_reading (self);
      forget_file (self);
      forget_missing (self);
      clear_problems (self);
      set_shown (self, ATLAS_DOCUMENT_SOURCE_CHART_FILE, g_steal_pointer (&owned), chart, name, chart_file, FALSE);
      g_signal_emit (self, signals[OPENED], 0, chart_file);
      return;
    }
  data_path = atlas_chart_context_get_data_path (self->context, owned);
  if (!g_file_test (data_path, G_FILE_TEST_IS_REGULAR))
    {
      g_clear_pointer (&self->unlocated, atlas_chart_definition_free);
      self->unlocated = g_steal_pointer (&owned);
      g_set_object (&self->unlocated_chart_file, chart_file);
      /* Said again even when it is the same path: it is asked again. */
      g_clear_pointer (&self->missing_data, g_free);
      set_string (self, &self->missing_data, data_path, PROP_MISSING_DATA);
      return;
    }
  settings = atlas_chart_import_settings_read (owned, &error);
  if (!settings)
    {
      fail (self, error->message);
      return;
    }
  data = g_file_new_for_path (data_path);
  read_file (self, data, settings, FALSE, owned, chart_file);
}

/* Opens a .atlaschart file: its chart, over its data. FALSE, with the
 * error message set, when the file cannot be read as a chart. */
gboolean
atlas_document_open_chart_file (AtlasDocument *self,
                                GFile         *chart_file)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  AtlasChartDefinition *definition;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (chart_file), FALSE);

  path = get_local_path (self, chart_file);
  if (!path)
    return FALSE;
  definition = atlas_chart_definition_load (path, &error);
  if (!definition)
    {
      fail (self, error->message);
      return FALSE;
    }
  open_chart_definition (self, chart_file, definition);
  return TRUE;
}

/* Draws the chart file whose data was missing over data instead. */
void
atlas_document_locate_data (AtlasDocument *self,
                            GFile         *data)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) chart_file = NULL;
  AtlasChartDefinition *definition;

  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (data));
  g_return_if_fail (self->unlocated != NULL);

  path = g_file_get_path (data);
  if (!path)
    return;
  definition = g_steal_pointer (&self->unlocated);
  chart_file = g_steal_pointer (&self->unlocated_chart_file);
  set_string (self, &self->missing_data, NULL, PROP_MISSING_DATA);
  atlas_chart_definition_set_data (definition, path);
  open_chart_definition (self, chart_file, definition);
}

/* The chart file whose data was missing will not be drawn after all. */
void
atlas_document_forget_missing_data (AtlasDocument *self)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  forget_missing (self);
}

/* Reads the file shown again, as it was read, keeping the chart as it
 * is: its type, columns, view, notes and series switched off. FALSE when
 * no file shows. */
gboolean
atlas_document_reload (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (!self->file)
    return FALSE;
  read_file (self, self->file, self->settings, TRUE, NULL, self->chart_file);
  return TRUE;
}

/* Stops reading a file; the chart shown stays. */
void
atlas_document_cancel (AtlasDocument *self)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

/* Saves the chart shown, as it shows now (type, columns, view, notes),
 * as a chart file at file, through a temporary file renamed into place;
 * it is then the document's chart file. */
gboolean
atlas_document_save (AtlasDocument *self,
                     GFile         *file,
                     GError       **error)
{
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!self->chart || !self->definition)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no chart to save"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (!path)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: only files on this computer can be written"),
                   uri);
      return FALSE;
    }
  definition = atlas_document_dup_shown_definition (self);
  if (!atlas_chart_definition_save (definition, path, error))
    return FALSE;
  g_clear_pointer (&self->definition, atlas_chart_definition_free);
  self->definition = g_steal_pointer (&definition);
  if (g_set_object (&self->chart_file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_FILE]);
  atlas_document_set_saved (self);
  return TRUE;
}

/* The chart shown, as it shows now (type, columns, view, notes), in the
 * chart language; NULL before a chart is shown. */
AtlasChartDefinition *
atlas_document_dup_shown_definition (AtlasDocument *self)
{
  AtlasChartDefinition *definition;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);

  if (!self->chart || !self->definition)
    return NULL;
  definition = atlas_chart_definition_copy (self->definition);
  atlas_chart_definition_take_chart (definition, self->chart);
  return definition;
}

/* The chart as it shows now is kept: by a chart file, or by the story
 * whose passage it is. */
void
atlas_document_set_saved (AtlasDocument *self)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));

  if (atlas_document_get_modified (self))
    {
      self->saved_depth = (int) self->undo_specs->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

AtlasDocumentSource
atlas_document_get_source (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), ATLAS_DOCUMENT_SOURCE_NONE);
  return self->source;
}

/* The chart shown; NULL before one is. */
AtlasChart *
atlas_document_get_chart (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->chart;
}

/* The chart shown, as the chart language says it when it was shown. */
const AtlasChartDefinition *
atlas_document_get_definition (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->definition;
}

const char *
atlas_document_get_title (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->title;
}

/* The data file shown, which a reload reads again; NULL for the story's. */
GFile *
atlas_document_get_file (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->file;
}

/* How the data file shown was read; NULL for the story's. */
const AtlasImportSettings *
atlas_document_get_import_settings (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->settings;
}

GFile *
atlas_document_get_chart_file (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->chart_file;
}

/* Where a chart file's data was looked for and not found; NULL when no
 * chart file waits for its data. */
const char *
atlas_document_get_missing_data (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->missing_data;
}

/* The file being read; NULL when none is. */
GFile *
atlas_document_get_loading_file (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->load ? self->load->file : NULL;
}

/* The chart of a chart file whose data was not found, and that file:
 * NULL when no chart file waits for its data. */
const AtlasChartDefinition *
atlas_document_get_unlocated (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->unlocated;
}

GFile *
atlas_document_get_unlocated_chart_file (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->unlocated_chart_file;
}

gboolean
atlas_document_get_busy (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return self->cancellable != NULL;
}

double
atlas_document_get_progress (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), 0);
  return self->progress;
}

/* Why the last file or chart could not be shown; NULL after one was. */
const char *
atlas_document_get_error_message (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->error_message;
}

/* How many problems reading the file shown had; 0 for the story's. */
guint64
atlas_document_get_n_problems (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), 0);
  return self->n_problems;
}

/* The first of those problems (AtlasCsvProblem); NULL when none. */
GPtrArray *
atlas_document_get_problems (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->problems;
}

/* How many cells held something their column could not read, and were
 * left empty. */
guint64
atlas_document_get_n_unreadable_cells (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), 0);
  return self->n_unreadable_cells;
}

/* The name of the file the problems are in, as shown. */
const char *
atlas_document_get_problems_file (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->problems_file;
}

static void
atlas_document_dispose (GObject *object)
{
  AtlasDocument *self = ATLAS_DOCUMENT (object);

  stop_reading (self);
  forget_file (self);
  forget_missing (self);
  clear_problems (self);
  g_clear_pointer (&self->chart, atlas_chart_unref);
  g_clear_pointer (&self->definition, atlas_chart_definition_free);
  g_clear_object (&self->chart_file);
  g_clear_pointer (&self->context, atlas_chart_context_unref);
  g_ptr_array_set_size (self->undo_specs, 0);
  g_ptr_array_set_size (self->redo_specs, 0);
  G_OBJECT_CLASS (atlas_document_parent_class)->dispose (object);
}

static void
atlas_document_finalize (GObject *object)
{
  AtlasDocument *self = ATLAS_DOCUMENT (object);

  g_free (self->title);
  g_free (self->error_message);
  g_ptr_array_unref (self->undo_specs);
  g_ptr_array_unref (self->redo_specs);
  G_OBJECT_CLASS (atlas_document_parent_class)->finalize (object);
}

static void
atlas_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasDocument *self = ATLAS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_CHART_FILE:
      g_value_set_object (value, self->chart_file);
      break;
    case PROP_MISSING_DATA:
      g_value_set_string (value, self->missing_data);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, atlas_document_get_busy (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint64 (value, self->n_problems);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, atlas_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, atlas_document_get_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, atlas_document_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_document_class_init (AtlasDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = atlas_document_dispose;
  object_class->finalize = atlas_document_finalize;
  object_class->get_property = atlas_document_get_property;

  properties[PROP_SOURCE] = g_param_spec_enum ("source", NULL, NULL, ATLAS_TYPE_DOCUMENT_SOURCE,
                                               ATLAS_DOCUMENT_SOURCE_NONE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_CHART_FILE] = g_param_spec_object ("chart-file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_MISSING_DATA] = g_param_spec_string ("missing-data", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, flags);
  properties[PROP_N_PROBLEMS] = g_param_spec_uint64 ("n-problems", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The chart shown changed: another chart, or the same drawn anew. */
  signals[CHART_CHANGED] = g_signal_new ("chart-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 0);
  /* Something to tell people: a file stopped, reloaded or removed, or why
   * a chart could not be shown. */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A file or chart file was opened and shows: for the recent files. */
  signals[OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_FILE);
}

static void
atlas_document_init (AtlasDocument *self)
{
  self->undo_specs = g_ptr_array_new_with_free_func (spec_free);
  self->redo_specs = g_ptr_array_new_with_free_func (spec_free);
}
