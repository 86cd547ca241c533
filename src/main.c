/* main.c: the silicon-atlas command; reads the options and runs what they ask for. */
#include <glib.h>
#include <locale.h>
#include <stdio.h>

#include "atlas-describe-command.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *describe_path = NULL;
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = {
    { "describe", 0, 0, G_OPTION_ARG_FILENAME, &describe_path,
      "Print what the reader detects in FILE (encoding, dialect, columns, problems) as JSON", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, "Print the version", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
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
      return 0;
    }
  if (describe_path)
    return atlas_describe_command_run (describe_path);

  {
    g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
    fputs (help, stderr);
  }
  return 2;
}
