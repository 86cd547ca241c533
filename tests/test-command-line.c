/* test-command-line.c: `silicon-atlas` run as a person would run it: --describe, --export, --story-step, --list-datasets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *test_dir;

typedef struct
{
  int status;
  char *out;
  char *err;
} CommandRun;

static void
command_run_clear (CommandRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CommandRun, command_run_clear)

static void
run_command (const char *const *arguments,
             CommandRun        *run)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int wait_status;

  g_assert_nonnull (g_getenv ("ATLAS_BINARY"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("ATLAS_BINARY"));
  for (guint i = 0; arguments[i]; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err, &wait_status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
run_describe (const char *path,
              CommandRun *run)
{
  const char *arguments[] = { "--describe", path, NULL };

  run_command (arguments, run);
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), name, NULL);
}

static JsonObject *
describe (const char *path)
{
  g_auto (CommandRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  run_describe (path, &run);
  if (run.status != 0)
    g_error ("--describe %s exited %d: %s", path, run.status, run.err);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Columns as "name:type:missing" joined by '|', to compare in one line. */
static char *
columns_summary (JsonObject *description)
{
  JsonArray *columns = json_object_get_array_member (description, "columns");
  GString *summary = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
      const char *mark = json_object_get_string_member_with_default (column, "decimal_mark", NULL);

      g_string_append_printf (summary, "%s%s:%s:%" G_GINT64_FORMAT, i ? "|" : "",
                              json_object_get_string_member (column, "name"),
                              json_object_get_string_member (column, "type"),
                              json_object_get_int_member (column, "missing"));
      /* A number column read with the other decimal mark than the file's. */
      if (mark && !g_str_equal (mark, json_object_get_string_member (description, "decimal_mark")))
        g_string_append_printf (summary, ":%s", mark);
    }
  return g_string_free (summary, FALSE);
}

static void
assert_description (const char *name,
                    const char *encoding,
                    const char *delimiter,
                    const char *decimal_mark,
                    gboolean    header,
                    gint64      rows,
                    const char *columns,
                    gint64      n_problems)
{
  g_autofree char *path = fixture (name);
  g_autoptr (JsonObject) d = describe (path);
  g_autofree char *summary = columns_summary (d);

  g_assert_cmpstr (json_object_get_string_member (d, "encoding"), ==, encoding);
  g_assert_cmpstr (json_object_get_string_member (d, "delimiter"), ==, delimiter);
  g_assert_cmpstr (json_object_get_string_member (d, "decimal_mark"), ==, decimal_mark);
  g_assert_cmpint (json_object_get_boolean_member (d, "header"), ==, header);
  g_assert_cmpint (json_object_get_int_member (d, "rows"), ==, rows);
  g_assert_cmpstr (summary, ==, columns);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (d, "problems"), "count"), ==,
                   n_problems);
}

static void
test_fixtures (void)
{
  assert_description ("comma-basic.csv", "UTF-8", ",", ".", TRUE, 3,
                      "year:date:0|imports (USD bn):number:0|exports (USD bn):number:0", 0);
  assert_description ("semicolon-decimal-comma.csv", "UTF-8", ";", ",", TRUE, 3,
                      "Land:text:0|Kapazität (Wafer/Monat):number:0|Anteil (%):number:1", 0);
  assert_description ("title-lines.csv", "UTF-8", ",", ".", TRUE, 3,
                      "year:date:0|scope:text:0|capacity (k wafers/month):number:0", 0);
  assert_description ("no-header.csv", "UTF-8", ",", ".", FALSE, 3,
                      "Column 1:number:0|Column 2:number:0|Column 3:number:0", 0);
  assert_description ("quoted-multiline.csv", "UTF-8", ",", ".", TRUE, 2,
                      "event:text:0|date:date:0|note:text:0", 0);
  assert_description ("ragged.csv", "UTF-8", ",", ".", TRUE, 3, "a:number:0|b:number:0|c:number:1", 2);
  assert_description ("excel-sep.csv", "UTF-8", "|", ".", TRUE, 2, "company:text:0|node (nm):number:0", 0);
  assert_description ("day-month-year.csv", "UTF-8", ",", ".", TRUE, 3, "date:date:0|value:number:0", 0);
  assert_description ("month-day-year-crlf.csv", "UTF-8", ",", ".", TRUE, 3, "date:date:0|value:number:0", 0);
  assert_description ("mixed-decimal-marks.csv", "UTF-8", ";", ".", TRUE, 3,
                      "item:text:0|weight:number:0|price:number:0:,", 0);
}

static void
test_problem_locations (void)
{
  g_autofree char *path = fixture ("ragged.csv");
  g_autoptr (JsonObject) d = describe (path);
  JsonArray *first = json_object_get_array_member (json_object_get_object_member (d, "problems"), "first");
  JsonObject *short_row = json_array_get_object_element (first, 0);
  JsonObject *long_row = json_array_get_object_element (first, 1);

  g_assert_cmpint (json_object_get_int_member (short_row, "line"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (short_row, "column"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (long_row, "line"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (long_row, "column"), ==, 4);
}

static void
test_encoded_files (void)
{
  static const char text[] = "城市,产量 (亿块)\n上海,12.5\n无锡,7\n";
  static const struct
  {
    const char *charset;
    const char *bom;
    gsize bom_len;
    const char *expected;
  } cases[] = {
    { "GB18030", "", 0, "GB18030" },
    { "UTF-16LE", "\xff\xfe", 2, "UTF-16LE" },
    { "UTF-16BE", "\xfe\xff", 2, "UTF-16BE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len;
      g_autofree char *encoded = g_convert (text, -1, cases[i].charset, "UTF-8", NULL, &len, NULL);
      g_autofree char *name = g_strdup_printf ("encoded-%u.csv", i);
      g_autofree char *path = g_build_filename (test_dir, name, NULL);
      g_autoptr (GString) bytes = g_string_new_len (cases[i].bom, cases[i].bom_len);
      g_autoptr (JsonObject) d = NULL;
      g_autofree char *summary = NULL;

      g_string_append_len (bytes, encoded, len);
      g_assert_true (g_file_set_contents (path, bytes->str, bytes->len, NULL));
      d = describe (path);
      summary = columns_summary (d);
      g_assert_cmpstr (json_object_get_string_member (d, "encoding"), ==, cases[i].expected);
      g_assert_cmpstr (summary, ==, "城市:text:0|产量 (亿块):number:0");
      g_unlink (path);
    }
}

/* expected is what follows "PATH:" on standard error. */
static void
assert_fails (const char *path,
              const char *expected)
{
  g_auto (CommandRun) run = { 0 };
  g_autofree char *line = g_strdup_printf ("%s:%s\n", path, expected);

  run_describe (path, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, line);
}

static void
test_errors (void)
{
  g_autofree char *unterminated = fixture ("unterminated-quote.csv");
  g_autofree char *missing = g_build_filename (test_dir, "missing.csv", NULL);
  g_autofree char *empty = g_build_filename (test_dir, "empty.csv", NULL);
  g_autofree char *binary = g_build_filename (test_dir, "binary.csv", NULL);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (binary, "PK\x03\x04\0\0\x14\0", 8, NULL));

  /* A quote that never closes is no failure: the file is read without
   * quotes, and the quote is the first problem. */
  {
    g_auto (CommandRun) run = { 0 };
    run_describe (unterminated, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"quote\" : null"));
    g_assert_nonnull (strstr (run.out, "a quote opened here is never closed"));
  }
  assert_fails (missing, "1:1: no such file");
  assert_fails (empty, "1:1: the file is empty");
  assert_fails (binary, "1:5: this is a binary file, not CSV text (byte 0x00)");
  assert_fails (test_dir, "1:1: this is a folder, not a CSV file");

  g_unlink (empty);
  g_unlink (binary);
}

static void
test_export_and_summary (void)
{
  g_autofree char *input = fixture ("comma-basic.csv");
  g_autofree char *output = g_build_filename (test_dir, "chart.svg", NULL);
  const char *arguments[] = { "--export", output, "--summary", "--title", "Imports", input, NULL };
  const char *bad_type[] = { "--export", output, "--chart", "pie", input, NULL };
  /* An empty range splits into no ends at all. */
  const char *empty_range[] = { "--export", output, "--x-range", "", input, NULL };
  g_auto (CommandRun) run = { 0 };
  g_auto (CommandRun) bad = { 0 };
  g_auto (CommandRun) empty = { 0 };

  run_command (arguments, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Line chart of imports (USD bn) and exports (USD bn) by year"));
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  run_command (bad_type, &bad);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--chart: no chart type is called “pie”"));
  run_command (empty_range, &empty);
  g_assert_cmpint (empty.status, ==, 2);
  g_assert_nonnull (strstr (empty.err, "--x-range: "));
  g_assert_nonnull (strstr (empty.err, "takes FROM..TO, not “”"));
  g_unlink (output);
}

/* Two files hold the same bytes. */
static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_len, second_len;

  g_assert_true (g_file_get_contents (a, &first, &first_len, NULL));
  g_assert_true (g_file_get_contents (b, &second, &second_len, NULL));
  g_assert_cmpmem (first, first_len, second, second_len);
}

/* --save-chart then --export of the chart file draws what --export with
 * the same options draws, from wherever the folder moves; without its
 * data, the chart file says which file it looked for. */
static void
test_save_chart (void)
{
  g_autofree char *source = fixture ("comma-basic.csv");
  g_autofree char *folder = g_build_filename (test_dir, "project", NULL);
  g_autofree char *moved = g_build_filename (test_dir, "project-moved", NULL);
  g_autofree char *input = g_build_filename (folder, "data.csv", NULL);
  g_autofree char *chart = g_build_filename (folder, "chart.atlaschart", NULL);
  g_autofree char *moved_chart = g_build_filename (moved, "chart.atlaschart", NULL);
  g_autofree char *moved_input = g_build_filename (moved, "data.csv", NULL);
  g_autofree char *direct = g_build_filename (test_dir, "direct.png", NULL);
  g_autofree char *via_file = g_build_filename (test_dir, "via-file.png", NULL);
  g_autofree char *step_chart = g_build_filename (test_dir, "step.atlaschart", NULL);
  g_autofree char *step_direct = g_build_filename (test_dir, "step-direct.png", NULL);
  g_autofree char *step_via_file = g_build_filename (test_dir, "step-via-file.png", NULL);
  g_autofree char *text = NULL;
  const char *options[] = { "--title", "Trade", "--callout", "2021=A | note", "--range", "2019..2020=Two years",
                            "--reference", "100=Level", "--markers", "--x-range", "2018..2022", input, NULL };
  g_autoptr (GPtrArray) export_direct = g_ptr_array_new ();
  g_autoptr (GPtrArray) save = g_ptr_array_new ();
  const char *export_file[] = { "--export", via_file, moved_chart, NULL };
  const char *missing[] = { "--export", via_file, moved_chart, NULL };
  const char *save_step[] = { "--save-chart", step_chart, "--story-step", "3", NULL };
  const char *export_step[] = { "--export", step_direct, "--story-step", "3", NULL };
  const char *export_step_file[] = { "--export", step_via_file, step_chart, NULL };
  CommandRun runs[7] = { 0 };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (input, text, -1, NULL));
  g_ptr_array_add (export_direct, "--export");
  g_ptr_array_add (export_direct, direct);
  g_ptr_array_add (save, "--save-chart");
  g_ptr_array_add (save, chart);
  for (guint i = 0; options[i]; i++)
    {
      g_ptr_array_add (export_direct, (gpointer) options[i]);
      g_ptr_array_add (save, (gpointer) options[i]);
    }
  g_ptr_array_add (export_direct, NULL);
  g_ptr_array_add (save, NULL);

  run_command ((const char *const *) export_direct->pdata, &runs[0]);
  g_assert_cmpint (runs[0].status, ==, 0);
  run_command ((const char *const *) save->pdata, &runs[1]);
  g_assert_cmpint (runs[1].status, ==, 0);
  g_assert_cmpint (g_rename (folder, moved), ==, 0);
  run_command (export_file, &runs[2]);
  g_assert_cmpint (runs[2].status, ==, 0);
  assert_same_file (direct, via_file);

  g_assert_cmpint (g_unlink (moved_input), ==, 0);
  run_command (missing, &runs[3]);
  g_assert_cmpint (runs[3].status, ==, 1);
  g_assert_nonnull (strstr (runs[3].err, moved_chart));
  g_assert_nonnull (strstr (runs[3].err, moved_input));

  run_command (save_step, &runs[4]);
  g_assert_cmpint (runs[4].status, ==, 0);
  run_command (export_step, &runs[5]);
  g_assert_cmpint (runs[5].status, ==, 0);
  run_command (export_step_file, &runs[6]);
  g_assert_cmpint (runs[6].status, ==, 0);
  assert_same_file (step_direct, step_via_file);

  g_unlink (moved_chart);
  g_rmdir (moved);
  for (guint i = 0; i < 2; i++)
    {
      g_unlink (i ? step_via_file : via_file);
      g_unlink (i ? step_direct : direct);
    }
  g_unlink (step_chart);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    command_run_clear (&runs[i]);
}

static void
test_story_steps (void)
{
  g_autofree char *output = g_build_filename (test_dir, "step.png", NULL);
  const char *step[] = { "--export", output, "--story-step", "4", "--width", "640", "--height", "400", NULL };
  const char *summary[] = { "--summary", "--story-step", "1", NULL };
  const char *out_of_range[] = { "--export", output, "--story-step", "99", NULL };
  g_auto (CommandRun) run = { 0 };
  g_auto (CommandRun) described = { 0 };
  g_auto (CommandRun) wrong = { 0 };

  run_command (step, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  run_command (summary, &described);
  g_assert_cmpint (described.status, ==, 0);
  g_assert_true (g_str_has_prefix (described.out, "Line chart of imports (USD bn) by year, from 2016 to 2024"));
  run_command (out_of_range, &wrong);
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "the story has passages 1 to 13, not 99"));
  g_unlink (output);
}

static void
test_list_datasets (void)
{
  const char *arguments[] = { "--list-datasets", NULL };
  g_auto (CommandRun) run = { 0 };

  run_command (arguments, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "(export-controls.csv, 75 rows,"));
  g_assert_nonnull (strstr (run.out, "Units: CNY bn; USD bn"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-describe-XXXXXX", NULL);
  g_test_add_func ("/describe-command/fixtures", test_fixtures);
  g_test_add_func ("/describe-command/problem-locations", test_problem_locations);
  g_test_add_func ("/describe-command/encoded-files", test_encoded_files);
  g_test_add_func ("/describe-command/errors", test_errors);
  g_test_add_func ("/command-line/export-and-summary", test_export_and_summary);
  g_test_add_func ("/command-line/story-steps", test_story_steps);
  g_test_add_func ("/command-line/save-chart", test_save_chart);
  g_test_add_func ("/command-line/list-datasets", test_list_datasets);
  status = g_test_run ();
  g_rmdir (test_dir);
  return status;
}
