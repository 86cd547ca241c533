#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Walks Silicon Atlas's accessibility tree over AT-SPI, as a screen reader
reads it: the main window, the export dialog, the shortcuts window and the
about window. Every control a person can operate must have a name a person
would say: not empty, not a widget's class name ("GtkMenuButton"), and with
no mnemonic underscore ("_Cancel"). Prints TAP."""

import os
import re
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

APP_ID = "io.github.siliconatlas.SiliconAtlas"
APP_PATH = "/io/github/siliconatlas/SiliconAtlas"

# Roles a person operates; their names are what a screen reader says.
CONTROLS = {
    Atspi.Role.PUSH_BUTTON,
    Atspi.Role.TOGGLE_BUTTON,
    Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON,
    Atspi.Role.COMBO_BOX,
    Atspi.Role.ENTRY,
    Atspi.Role.SPIN_BUTTON,
    Atspi.Role.SLIDER,
    Atspi.Role.LINK,
    Atspi.Role.MENU_ITEM,
    Atspi.Role.CHECK_MENU_ITEM,
    Atspi.Role.RADIO_MENU_ITEM,
    Atspi.Role.LIST,
    Atspi.Role.TREE_TABLE,
    Atspi.Role.TABLE,
    Atspi.Role.PAGE_TAB,
}


def find_application(running, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and running():
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_name() in ("silicon-atlas", "Silicon Atlas", APP_ID):
                return app
        time.sleep(0.2)
    return None


def describe(node):
    try:
        return "%s %r" % (node.get_role_name(), node.get_name())
    except GLib.Error:
        return "?"


def unnamed_controls(node, path, found):
    """Collects the controls under node whose name a person would not say."""
    try:
        # GTK 4.8 sets no SHOWING state: every control is read, shown or not.
        role = node.get_role()
        name = node.get_name() or ""
        here = path + [describe(node)]
        if role in CONTROLS:
            # A mnemonic's underscore starts a word ("_Cancel"); one inside a
            # name from the data ("series_001") is part of it.
            if not name.strip() or re.match(r"(Gtk|Adw)[A-Z]", name) or re.search(r"(^|\s)_\w", name):
                found.append(" > ".join(here[-4:]))
        if len(path) > 60:
            return
        for i in range(min(node.get_child_count(), 400)):
            child = node.get_child_at_index(i)
            if child is not None:
                unnamed_controls(child, here, found)
    except GLib.Error:
        return


def find_named(node, name, depth=0):
    """The first node under node, node included, whose name is name."""
    try:
        if node.get_name() == name:
            return node
        if depth > 60:
            return None
        for i in range(min(node.get_child_count(), 400)):
            child = node.get_child_at_index(i)
            found = find_named(child, name, depth + 1) if child is not None else None
            if found is not None:
                return found
    except GLib.Error:
        pass
    return None


def activate(bus, path, action):
    bus.call_sync(APP_ID, path, "org.gtk.Actions", "Activate",
                  GLib.Variant("(sava{sv})", (action, [], {})), None, Gio.DBusCallFlags.NONE, 5000, None)


def press(keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers", keys], check=True)
    time.sleep(0.5)


def main():
    binary = os.environ["ATLAS_BINARY"]
    env = dict(os.environ)
    env["GTK_A11Y"] = "atspi"
    env["NO_AT_BRIDGE"] = "0"
    app_process = subprocess.Popen([binary], env=env)
    checks = []
    try:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        app = find_application(lambda: app_process.poll() is None)
        if app is None and app_process.poll() is not None:
            # The display was not there yet: once more.
            time.sleep(1)
            app_process = subprocess.Popen([binary], env=env)
            app = find_application(lambda: app_process.poll() is None)
        if app is None:
            print("1..1\nnot ok 1 - the app shows on the accessibility bus")
            return 1
        time.sleep(1.5)
        # The window's own actions are not on the session bus: the export
        # dialog is opened with its key, as a person would, and closed with
        # Escape before the next.
        steps = [
            ("the main window", None),
            ("the chart settings", lambda: press("F8")),
            ("the export dialog", lambda: (press("F8"), press("ctrl+e"))),
            ("the shortcuts window", lambda: (press("Escape"),
                                              activate(bus, APP_PATH + "/window/1", "show-help-overlay"))),
            ("the about window", lambda: (press("Escape"), activate(bus, APP_PATH, "about"))),
        ]
        for label, open_it in steps:
            if open_it:
                open_it()
                time.sleep(1.5)
            # The window just opened is the application's last; the main
            # window is read first, whole.
            found = []
            windows = [app.get_child_at_index(i) for i in range(app.get_child_count())]
            if label == "the chart settings":
                # The sidebar, shown by its key, read on its own: it is
                # there, and every control in it is named.
                settings = find_named(windows[0], "Chart Settings")
                if settings is None:
                    found.append("no part of the window is named Chart Settings")
                else:
                    unnamed_controls(settings, [], found)
            else:
                unnamed_controls(windows[-1] if open_it else app, [], found)
            checks.append((label, found))
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()

    print("1..%d" % len(checks))
    failed = 0
    for n, (label, found) in enumerate(checks, 1):
        if found:
            failed += 1
            print("not ok %d - every control in %s has a name a person would say" % (n, label))
            for item in found:
                print("# unnamed: %s" % item)
        else:
            print("ok %d - every control in %s has a name a person would say" % (n, label))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
