/* atlas-application.c: starts the window on the story and offers quit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-application.h"

#include "atlas-window.h"

struct _AtlasApplication
{
  AdwApplication parent_instance;

  char *story_path;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

/* The window there is, or a new one on the story; presented. */
static AtlasWindow *
present_window (AtlasApplication *self,
                gboolean          reuse)
{
  GtkWindow *window = reuse ? gtk_application_get_active_window (GTK_APPLICATION (self)) : NULL;
  g_autoptr (GError) error = NULL;

  if (!window)
    {
      window = GTK_WINDOW (atlas_window_new (GTK_APPLICATION (self)));
      /* The window says nothing of a story it could not load; the
       * terminal it was started from does. */
      if (atlas_window_load_story (ATLAS_WINDOW (window), self->story_path, &error))
        ;
      else if (g_error_matches (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_OUTSIDE_FOLDER))
        {
          /* The built-in story, while the window asks about that one. */
          g_autoptr (GFile) story = g_file_new_for_path (self->story_path);
          g_autofree char *builtin = atlas_window_builtin_story_path ();
          g_autoptr (GError) builtin_error = NULL;

          if (!atlas_window_load_story (ATLAS_WINDOW (window), builtin, &builtin_error))
            g_printerr ("%s\n", builtin_error->message);
          atlas_window_open_story (ATLAS_WINDOW (window), story);
        }
      else
        g_printerr ("%s\n", error->message);
    }
  gtk_window_present (window);
  return ATLAS_WINDOW (window);
}

static void
atlas_application_activate (GApplication *application)
{
  present_window (ATLAS_APPLICATION (application), TRUE);
}

/* Files named on the command line: the first in the window there is, each
 * other in a window of its own. */
static void
atlas_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    atlas_window_import_file (present_window (ATLAS_APPLICATION (application), i == 0), files[i]);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (ATLAS_IS_WINDOW (window))
    atlas_window_present_about (ATLAS_WINDOW (window));
}

static void
atlas_application_startup (GApplication *application)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
    { "about", about_activated, NULL, NULL, NULL, { 0 } },
  };
  static const char *const quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (atlas_application_parent_class)->startup (application);
  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
atlas_application_finalize (GObject *object)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  g_free (self->story_path);
  G_OBJECT_CLASS (atlas_application_parent_class)->finalize (object);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = atlas_application_activate;
  G_APPLICATION_CLASS (klass)->open = atlas_application_open;
  G_APPLICATION_CLASS (klass)->startup = atlas_application_startup;
}

static void
atlas_application_init (AtlasApplication *self)
{
}

AtlasApplication *
atlas_application_new (const char *story_path)
{
  AtlasApplication *self = g_object_new (ATLAS_TYPE_APPLICATION, "application-id", ATLAS_APP_ID,
                                         "flags", G_APPLICATION_HANDLES_OPEN, NULL);

  self->story_path = g_strdup (story_path);
  return self;
}

/* Runs the application on story_path, opening inputs (NULL when none):
 * an AtlasWindowLauncher for the window program. */
int
atlas_application_launch (char       **argv,
                          const char  *story_path,
                          char       **inputs)
{
  g_autoptr (AtlasApplication) application = atlas_application_new (story_path);
  /* The options are read; what is left are the files to open. */
  g_autoptr (GPtrArray) arguments = g_ptr_array_new ();

  g_ptr_array_add (arguments, argv[0]);
  for (guint i = 0; inputs && inputs[i]; i++)
    g_ptr_array_add (arguments, inputs[i]);
  g_ptr_array_add (arguments, NULL);
  return g_application_run (G_APPLICATION (application), (int) arguments->len - 1, (char **) arguments->pdata);
}
