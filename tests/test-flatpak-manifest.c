/* test-flatpak-manifest.c: the Flatpak manifests parse, and hold what Flathub requires and no more sandbox than needed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>
#include <string.h>

static char *manifest_dir;

static JsonObject *
load_manifest (JsonParser *parser,
               const char *name)
{
  g_autofree char *path = g_build_filename (manifest_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *text)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* Every source outside the checkout is pinned: an archive by its sha256,
 * a git repository by its commit. */
static void
check_sources_pinned (JsonObject *module)
{
  JsonArray *sources = json_object_get_array_member (module, "sources");

  g_assert_nonnull (sources);
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);
      const char *type = json_object_get_string_member (source, "type");

      if (g_str_equal (type, "dir"))
        continue;
      g_assert_true (json_object_has_member (source, "url"));
      if (g_str_equal (type, "git"))
        {
          const char *commit = json_object_get_string_member_with_default (source, "commit", "");
          g_assert_cmpuint (strlen (commit), ==, 40);
          g_assert_cmpuint (strspn (commit, "0123456789abcdef"), ==, 40);
        }
      else
        g_assert_cmpuint (strlen (json_object_get_string_member_with_default (source, "sha256", "")), ==, 64);
    }
}

static void
check_manifest (gconstpointer data)
{
  const char *app_id = data;
  g_autofree char *name = g_strconcat (app_id, ".json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser, name);
  JsonArray *finish_args = json_object_get_array_member (manifest, "finish-args");
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *app = NULL;
  gboolean has_libcsv = FALSE;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, app_id);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_true (g_ascii_strtoull (json_object_get_string_member (manifest, "runtime-version"), NULL, 10) >= 47);
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "silicon-atlas");

  /* The narrowest sandbox that works: a display, the GPU, and files only
   * through the portals. */
  g_assert_true (array_has_string (finish_args, "--socket=wayland"));
  g_assert_true (array_has_string (finish_args, "--socket=fallback-x11"));
  g_assert_true (array_has_string (finish_args, "--share=ipc"));
  g_assert_true (array_has_string (finish_args, "--device=dri"));
  for (guint i = 0; i < json_array_get_length (finish_args); i++)
    {
      const char *arg = json_array_get_string_element (finish_args, i);
      g_assert_false (g_str_has_prefix (arg, "--filesystem="));
      g_assert_false (g_str_equal (arg, "--socket=x11"));
      g_assert_false (g_str_equal (arg, "--share=network"));
      g_assert_false (g_str_equal (arg, "--device=all"));
    }

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      const char *module_name = json_object_get_string_member (module, "name");

      check_sources_pinned (module);
      if (g_str_equal (module_name, "libcsv"))
        {
          has_libcsv = TRUE;
          g_assert_null (app);
        }
      if (g_str_equal (module_name, "silicon-atlas"))
        app = module;
    }
  g_assert_true (has_libcsv);
  g_assert_nonnull (app);
  g_assert_cmpstr (json_object_get_string_member (app, "buildsystem"), ==, "meson");
  /* The development build says so to meson, to get its own ID and icon. */
  {
    JsonArray *options = json_object_get_array_member (app, "config-opts");
    g_assert_cmpint (array_has_string (options, "-Ddevelopment=true"), ==, g_str_has_suffix (app_id, ".Devel"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  manifest_dir = argv[1];
  g_test_add_data_func ("/flatpak/manifest", "io.github.siliconatlas.SiliconAtlas", check_manifest);
  g_test_add_data_func ("/flatpak/manifest-devel", "io.github.siliconatlas.SiliconAtlas.Devel", check_manifest);
  return g_test_run ();
}
