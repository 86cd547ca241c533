/* test-import-settings.c: import choices kept per file and as named dialects, and never lost to a failed write. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "atlas-import-settings.h"
#include "test-support.h"

static char *test_dir;

/* Choices of every kind, so a round trip shows each survives. */
static AtlasImportSettings *
make_choices (void)
{
  AtlasImportSettings *settings = atlas_import_settings_new ();
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->force_encoding = TRUE;
  o->encoding = ATLAS_TEXT_ENCODING_WINDOWS_1252;
  o->delimiter = '\t';
  o->quote = '\'';
  o->header = ATLAS_CSV_HEADER_NONE;
  o->force_skip_lines = TRUE;
  o->skip_lines = 2;
  o->decimal_mark = ',';
  o->force_thousands_sep = TRUE;
  o->thousands_sep = ' ';
  o->date_order = ATLAS_DATE_ORDER_DAY_FIRST;
  atlas_import_settings_set_column_choice (settings, 0, ATLAS_COLUMN_CHOICE_DATE);
  atlas_import_settings_set_column_choice (settings, 3, ATLAS_COLUMN_CHOICE_IGNORE);
  return settings;
}

static void
test_remember_file (void)
{
  g_autofree char *path = g_build_filename (test_dir, "remember", "imports.ini", NULL);
  g_autoptr (AtlasImportSettings) chosen = make_choices ();
  g_autoptr (AtlasImportSettings) back = NULL;
  g_autoptr (AtlasImportSettings) nothing = NULL;
  g_autoptr (AtlasImportMemory) memory = atlas_import_memory_new (path);
  g_autoptr (AtlasImportMemory) reopened = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (atlas_import_memory_lookup_file (memory, "file:///data/a.csv"));
  g_assert_true (atlas_import_memory_remember_file (memory, "file:///data/a.csv", chosen, &error));
  g_assert_no_error (error);

  reopened = atlas_import_memory_new (path);
  back = atlas_import_memory_lookup_file (reopened, "file:///data/a.csv");
  g_assert_nonnull (back);
  g_assert_true (atlas_import_settings_equal (back, chosen));
  g_assert_cmpint (atlas_import_settings_get_column_choice (back, 3), ==, ATLAS_COLUMN_CHOICE_IGNORE);
  g_assert_cmpint (atlas_import_settings_get_column_choice (back, 1), ==, ATLAS_COLUMN_CHOICE_DETECT);
  g_assert_cmpint (atlas_import_settings_get_column_choice (back, 9), ==, ATLAS_COLUMN_CHOICE_DETECT);
  g_assert_cmpuint (atlas_import_settings_get_options (back)->n_column_choices, ==, 4);
  nothing = atlas_import_memory_lookup_file (reopened, "file:///data/b.csv");
  g_assert_null (nothing);

  /* Settings left to detection stay so. */
  {
    g_autoptr (AtlasImportSettings) plain = atlas_import_settings_new ();
    g_autoptr (AtlasImportSettings) plain_back = NULL;

    g_assert_true (atlas_import_memory_remember_file (reopened, "file:///data/a.csv", plain, &error));
    plain_back = atlas_import_memory_lookup_file (reopened, "file:///data/a.csv");
    g_assert_true (atlas_import_settings_equal (plain_back, plain));
    g_assert_false (atlas_import_settings_equal (plain_back, chosen));
  }
}

static void
test_dialects (void)
{
  g_autofree char *path = g_build_filename (test_dir, "dialects.ini", NULL);
  g_autoptr (AtlasImportMemory) memory = atlas_import_memory_new (path);
  g_autoptr (AtlasImportSettings) chosen = make_choices ();
  g_autoptr (AtlasImportSettings) plain = atlas_import_settings_new ();
  g_autoptr (AtlasImportSettings) back = NULL;
  g_autoptr (AtlasImportMemory) reopened = NULL;
  g_auto (GStrv) names = NULL;
  const char *expected[] = { "Eurostat exports", "Plain", NULL };

  g_assert_true (atlas_import_memory_save_dialect (memory, "Plain", plain, NULL));
  g_assert_true (atlas_import_memory_save_dialect (memory, "Eurostat exports", chosen, NULL));
  reopened = atlas_import_memory_new (path);
  names = atlas_import_memory_list_dialects (reopened);
  g_assert_cmpstrv (names, expected);

  /* A dialect is how files are written; the columns stay with the file. */
  back = atlas_import_memory_lookup_dialect (reopened, "Eurostat exports");
  g_assert_cmpint (atlas_import_settings_get_options (back)->delimiter, ==, '\t');
  g_assert_cmpint (atlas_import_settings_get_options (back)->thousands_sep, ==, ' ');
  g_assert_true (atlas_import_settings_get_options (back)->force_thousands_sep);
  g_assert_cmpint (atlas_import_settings_get_column_choice (back, 0), ==, ATLAS_COLUMN_CHOICE_DETECT);
  atlas_import_settings_clear_columns (chosen);
  g_assert_true (atlas_import_settings_equal (back, chosen));
  g_clear_pointer (&back, atlas_import_settings_free);
  back = atlas_import_memory_lookup_dialect (reopened, "Plain");
  g_assert_true (atlas_import_settings_equal (back, plain));
}

/* Hand-edited nonsense is left to detection, not trusted. */
static void
test_unreadable_values (void)
{
  g_autofree char *path = g_build_filename (test_dir, "edited.ini", NULL);
  g_autoptr (AtlasImportMemory) memory = NULL;
  g_autoptr (AtlasImportSettings) back = NULL;
  AtlasCsvOptions *o;

  g_assert_true (g_file_set_contents (path,
                                      "[File file:///x.csv]\nTextEncoding=klingon\nDelimiter=;;\nHeader=sometimes\n"
                                      "SkipLines=-3\nDecimalMark=x\nDateOrder=sideways\nColumns=number;wobbly\n",
                                      -1, NULL));
  memory = atlas_import_memory_new (path);
  back = atlas_import_memory_lookup_file (memory, "file:///x.csv");
  o = atlas_import_settings_get_options (back);
  g_assert_false (o->force_encoding);
  g_assert_cmpint (o->delimiter, ==, '\0');
  g_assert_cmpint (o->header, ==, ATLAS_CSV_HEADER_DETECT);
  g_assert_false (o->force_skip_lines);
  g_assert_cmpint (o->decimal_mark, ==, '\0');
  g_assert_cmpint (o->date_order, ==, ATLAS_DATE_ORDER_DETECT);
  g_assert_cmpint (atlas_import_settings_get_column_choice (back, 0), ==, ATLAS_COLUMN_CHOICE_NUMBER);
  g_assert_cmpint (atlas_import_settings_get_column_choice (back, 1), ==, ATLAS_COLUMN_CHOICE_DETECT);
}

/* Files remembered beyond the limit: the one used longest ago goes. */
static void
test_forget_oldest (void)
{
  g_autofree char *path = g_build_filename (test_dir, "many.ini", NULL);
  g_autoptr (AtlasImportMemory) memory = atlas_import_memory_new (path);
  g_autoptr (AtlasImportSettings) chosen = make_choices ();
  g_autoptr (AtlasImportSettings) first = NULL;
  g_autoptr (AtlasImportSettings) last = NULL;

  for (guint i = 0; i <= 200; i++)
    {
      g_autofree char *uri = g_strdup_printf ("file:///data/%u.csv", i);
      g_assert_true (atlas_import_memory_remember_file (memory, uri, chosen, NULL));
    }
  first = atlas_import_memory_lookup_file (memory, "file:///data/0.csv");
  last = atlas_import_memory_lookup_file (memory, "file:///data/200.csv");
  g_assert_null (first);
  g_assert_nonnull (last);
}

/* A write that fails part way (the disk full, as far as this process
 * can tell): the error, and the earlier file whole. */
static void
test_failed_write_keeps_earlier (void)
{
  g_autofree char *path = g_build_filename (test_dir, "full", "imports.ini", NULL);
  g_autoptr (AtlasImportMemory) memory = atlas_import_memory_new (path);
  g_autoptr (AtlasImportSettings) chosen = make_choices ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct rlimit saved, tight;
  gsize length;

  g_assert_true (atlas_import_memory_remember_file (memory, "file:///kept.csv", chosen, NULL));
  g_assert_true (g_file_get_contents (path, &before, &length, NULL));

  /* Files may grow no larger than the one there: the next, longer, fails. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  tight = saved;
  tight.rlim_cur = length;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &tight), ==, 0);
  g_assert_false (atlas_import_memory_remember_file (memory, "file:///new.csv", chosen, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_nonnull (error);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

/* Two windows (or two runs of the app) each keep a memory of one file:
 * what one saves, the other sees, and neither's save drops the other's. */
static void
test_two_memories_share_the_file (void)
{
  g_autofree char *path = g_build_filename (test_dir, "shared", "imports.ini", NULL);
  g_autoptr (AtlasImportSettings) chosen = make_choices ();
  g_autoptr (AtlasImportSettings) plain = atlas_import_settings_new ();
  g_autoptr (AtlasImportMemory) first = atlas_import_memory_new (path);
  g_autoptr (AtlasImportMemory) second = atlas_import_memory_new (path);
  g_autoptr (AtlasImportSettings) seen_by_second = NULL;
  g_autoptr (AtlasImportSettings) kept_a = NULL;
  g_autoptr (AtlasImportSettings) kept_b = NULL;
  g_autoptr (AtlasImportSettings) kept_dialect = NULL;
  g_autoptr (AtlasImportMemory) reopened = NULL;
  g_auto (GStrv) dialects = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (atlas_import_memory_remember_file (first, "file:///data/a.csv", chosen, &error));
  g_assert_no_error (error);
  seen_by_second = atlas_import_memory_lookup_file (second, "file:///data/a.csv");
  g_assert_nonnull (seen_by_second);
  g_assert_true (atlas_import_memory_remember_file (second, "file:///data/b.csv", plain, &error));
  g_assert_no_error (error);
  g_assert_true (atlas_import_memory_save_dialect (first, "Semicolons", chosen, &error));
  g_assert_no_error (error);
  dialects = atlas_import_memory_list_dialects (second);
  g_assert_cmpstr (dialects[0], ==, "Semicolons");

  reopened = atlas_import_memory_new (path);
  kept_a = atlas_import_memory_lookup_file (reopened, "file:///data/a.csv");
  kept_b = atlas_import_memory_lookup_file (reopened, "file:///data/b.csv");
  kept_dialect = atlas_import_memory_lookup_dialect (reopened, "Semicolons");
  g_assert_nonnull (kept_a);
  g_assert_true (atlas_import_settings_equal (kept_a, chosen));
  g_assert_nonnull (kept_b);
  g_assert_nonnull (kept_dialect);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-import-settings-XXXXXX", NULL);
  g_test_add_func ("/import-settings/remember-file", test_remember_file);
  g_test_add_func ("/import-settings/dialects", test_dialects);
  g_test_add_func ("/import-settings/unreadable-values", test_unreadable_values);
  g_test_add_func ("/import-settings/forget-oldest", test_forget_oldest);
  g_test_add_func ("/import-settings/failed-write-keeps-earlier", test_failed_write_keeps_earlier);
  g_test_add_func ("/import-settings/two-memories-share-the-file", test_two_memories_share_the_file);
  status = g_test_run ();
  status |= !test_remove_dir (test_dir);
  return status;
}
