/* atlas-data-dir.c: where the built-in story and datasets are, installed or not. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-data-dir.h"

/* The folder holding story/ and datasets/: $ATLAS_DATA_DIR when set (an
 * uninstalled run, the tests); else the one installed beside the program,
 * found from the program's own path, so that an installed tree works
 * wherever it is put (a Flatpak, a staging folder); else the folder the
 * build was configured to install into. */
char *
atlas_find_data_dir (void)
{
  const char *from_environment = g_getenv ("ATLAS_DATA_DIR");
  g_autofree char *program = NULL;

  if (from_environment && *from_environment)
    return g_strdup (from_environment);
  program = g_file_read_link ("/proc/self/exe", NULL);
  if (program)
    {
      g_autofree char *bindir = g_path_get_dirname (program);
      g_autofree char *beside = g_build_filename (bindir, ATLAS_BINDIR_TO_DATADIR, NULL);
      g_autofree char *story = g_build_filename (beside, "story", "silicon-self-reliance.story", NULL);

      if (g_file_test (story, G_FILE_TEST_IS_REGULAR))
        return g_canonicalize_filename (beside, NULL);
    }
  return g_strdup (ATLAS_DATA_DIR);
}
