#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real program as assistive technology meets it (issue 14, item 6).

On a private D-Bus session with its own accessibility bus, this starts
masatir (GTK_A11Y=atspi) on a demo catalog and:

1. walks its accessibility tree over AT-SPI, as a screen reader does, in the
   main window, the editor and each dialog it opens, and fails on a
   focusable or interactive node without a name;
2. does the edit-and-submit flow with the keyboard alone: real key events
   (XTEST, through xdotool) on the X display, the focus read over AT-SPI;
   then checks with masatir-cli that the sheet was saved and submitted.

usage: check-a11y-atspi.py SOURCE_ROOT BUILD_ROOT
Needs: DISPLAY (Xvfb), dbus-run-session, at-spi2-core, python3-pyatspi,
xdotool. A missing one fails the test, it never skips it.
"""

import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import time

BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
CLEAN_CODE = "MI-DGSN-0001"   # Certificat de résidence: no validation error

# Roles a person acts on; each needs a name.
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box",
    "entry", "text", "password text", "spin button", "slider", "menu item",
    "check menu item", "radio menu item", "link", "switch", "list", "tree",
    "table", "page tab", "list item", "tree item", "scroll bar",
}


def fail(message):
    sys.exit("check-a11y-atspi: " + message)


def hold_display():
    """Keeps a connection to the X display open for the whole test.

    Xvfb, as xvfb-run starts it (without -noreset), resets when its last
    client disconnects, and refuses connections while it does: about one
    connection in ten fails ("cannot open display") when clients come and
    go, as the other UI tests run beside this one do, and as the bus
    launcher and each xdotool call do here. masatir then never starts, or
    a windowfocus is lost and the keys go nowhere. With one client always
    connected, the server never resets while the test runs. Only this first
    connection may meet a reset: it is tried again for a few seconds."""
    import ctypes
    import ctypes.util
    name = ctypes.util.find_library("X11")
    if name is None:
        fail("libX11 not found (Debian: libx11-6)")
    xlib = ctypes.CDLL(name)
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        display = xlib.XOpenDisplay(None)
        if display:
            return (xlib, display)
        time.sleep(0.1)
    fail("cannot open the display %s" % os.environ.get("DISPLAY"))


def main_outer():
    """Starts again inside a private D-Bus session."""
    if shutil.which("dbus-run-session") is None:
        fail("dbus-run-session not found (Debian: dbus)")
    if "DISPLAY" not in os.environ:
        fail("no DISPLAY: run under Xvfb (xvfb-run)")
    # GLib warnings are fatal for the program tested, not for libatspi's
    # own in this script (it warns while the bus fills its cache).
    env = dict(os.environ, MASATIR_ATSPI_INNER="1",
               MASATIR_APP_G_DEBUG=os.environ.get("G_DEBUG", ""))
    env.pop("G_DEBUG", None)
    env.pop("NO_AT_BRIDGE", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("AT_SPI_BUS_ADDRESS", None)
    result = subprocess.run(["dbus-run-session", "--", sys.executable] + sys.argv, env=env)
    sys.exit(result.returncode)


class Session:
    def __init__(self, source_root, build_root):
        self.source_root = source_root
        self.build_root = build_root
        self.cli = os.path.join(build_root, "src", "masatir-cli")
        self.program = os.path.join(build_root, "src", "masatir")
        self.dir = tempfile.mkdtemp(prefix="check-a11y-")
        self.db = os.path.join(self.dir, "catalog.db")
        self.processes = []

    def run_cli(self, *args, user="karim"):
        result = subprocess.run([self.cli, "--db", self.db, "--as", user] + list(args),
                                capture_output=True, text=True)
        if result.returncode != 0:
            fail("masatir-cli %s: %s" % (" ".join(args), result.stderr.strip()))
        return result.stdout

    def make_catalog(self):
        self.run_cli("init", "--issuer", "ma-test")
        self.run_cli("users", "add", "karim", "--name", "Karim Alaoui", "--roles", "publisher,admin")
        self.run_cli("users", "add", "amina", "--name", "Amina Bennani", "--roles", "editor")
        self.run_cli("users", "add", "youssef", "--name", "Youssef Tazi", "--roles", "reviewer")
        demo = os.path.join(self.source_root, "data", "demo")
        files = sorted(os.path.join(demo, f) for f in os.listdir(demo) if f.endswith(".json"))
        self.run_cli("import", *files, user="amina")

    def sheet(self, code):
        for sheet in json.loads(self.run_cli("list", "--format", "json")):
            if sheet.get("code") == code:
                return sheet
        fail("no sheet %s in the catalog" % code)

    def start_bus(self):
        if not os.access(BUS_LAUNCHER, os.X_OK):
            fail(BUS_LAUNCHER + " not found (Debian: at-spi2-core)")
        self.processes.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"]))
        time.sleep(1.0)

    def start_app(self, user, language="C"):
        env = dict(os.environ,
                   G_DEBUG=os.environ.get("MASATIR_APP_G_DEBUG", ""),
                   GTK_A11Y="atspi",
                   MASATIR_USER=user,
                   GSETTINGS_BACKEND="memory",
                   LANGUAGE=language,
                   MASATIR_LOCALEDIR=os.path.join(self.build_root, "po"))
        env.pop("NO_AT_BRIDGE", None)
        process = subprocess.Popen([self.program, self.db], env=env)
        self.processes.append(process)
        return process

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    fail("waited %d s for %s" % (seconds, what))


def find_app(pyatspi, pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def showing(pyatspi, node):
    # GTK 4.8 sets VISIBLE, not SHOWING, on the widgets under a window; the
    # pages of a stack that are not shown are VISIBLE too, and so checked.
    return node.getState().contains(pyatspi.STATE_VISIBLE)


def real_name(node):
    """The name, unless it is GTK 4.8's fallback: the type name of the
    widget ("GtkButton"), which says nothing to a person."""
    name = (node.name or "").strip()
    if re.fullmatch(r"(Gtk|Adw|Ms)[A-Z][A-Za-z]+", name):
        return ""
    return name


def walk(pyatspi, node, depth=0):
    """Every node under @node that is showing, in tree order."""
    if node is None or depth > 60:
        return
    try:
        if not showing(pyatspi, node) and depth > 0:
            return
    except Exception:
        return
    yield node
    for i in range(node.childCount):
        yield from walk(pyatspi, node.getChildAtIndex(i), depth + 1)


def describe(node):
    path = []
    parent = node
    while parent is not None and len(path) < 6:
        path.append("%s %r" % (parent.getRoleName(), parent.name))
        parent = parent.parent
    return " < ".join(path)


def inside(node, role):
    parent = node.parent
    while parent is not None:
        if parent.getRoleName() == role:
            return True
        parent = parent.parent
    return False


def unnamed_controls(pyatspi, root):
    """Focusable or interactive nodes without a name, and how many were seen."""
    found, seen = [], 0
    for node in walk(pyatspi, root):
        role = node.getRoleName()
        focusable = node.getState().contains(pyatspi.STATE_FOCUSABLE)
        if role not in INTERACTIVE and not focusable:
            continue
        # A list item is named by its content (a drop-down's choices).
        if role in ("list item", "tree item") and node.childCount > 0:
            continue
        # The text inside an entry or a spin button is named by its parent.
        if role == "text" and node.parent is not None and node.parent.getRoleName() in (
                "entry", "spin button", "password text", "combo box"):
            continue
        # Scroll bars, and scrolled panes (containers: Tab goes to what
        # they hold), are named by what they show.
        if role in ("scroll bar", "scroll pane"):
            continue
        # The parts of a drop-down are named by it.
        if inside(node, "combo box"):
            continue
        seen += 1
        if not real_name(node):
            found.append(describe(node))
    return found, seen


def doubled_names(pyatspi, root):
    """Buttons whose name says its visible text twice (a GTK 4.8 quirk when
    a button has both visible text and an accessible label)."""
    doubled = []
    for node in walk(pyatspi, root):
        name = (node.name or "").strip()
        if node.getRoleName() in ("push button", "toggle button") and len(name) > 3:
            half = len(name) // 2
            if name[:half].strip() == name[half:].strip():
                doubled.append(describe(node))
    return doubled


def windows(pyatspi, app):
    return [app.getChildAtIndex(i) for i in range(app.childCount)
            if app.getChildAtIndex(i) is not None]


def focused(pyatspi, app):
    for window in windows(pyatspi, app):
        for node in walk(pyatspi, window):
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return node
    return None


class Keyboard:
    def __init__(self, pid):
        if shutil.which("xdotool") is None:
            fail("xdotool not found (Debian: xdotool)")
        out = wait_for(lambda: subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                                              capture_output=True, text=True).stdout.split(),
                       30, "the window of masatir on the display")
        self.window = out[-1]
        subprocess.run(["xdotool", "windowactivate", "--sync", self.window], capture_output=True)
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], capture_output=True)

    def key(self, *keys):
        for key in keys:
            subprocess.run(["xdotool", "key", "--clearmodifiers", key], check=True)
            time.sleep(0.4)

    def type(self, text):
        subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
        time.sleep(0.3)


def check_names(pyatspi, app, where, failures, counts):
    for window in windows(pyatspi, app):
        if not showing(pyatspi, window):
            continue
        found, seen = unnamed_controls(pyatspi, window)
        counts.append((where, window.name, seen))
        failures.extend("%s: %s" % (where, f) for f in found)
        failures.extend("%s: doubled name: %s" % (where, f) for f in doubled_names(pyatspi, window))


def main_inner(source_root, build_root):
    try:
        import pyatspi
    except ImportError:
        fail("python3-pyatspi is not installed (Debian: python3-pyatspi)")

    display = hold_display()  # noqa: F841 (held until the test ends)
    session = Session(source_root, build_root)
    failures, counts = [], []
    try:
        session.make_catalog()
        session.start_bus()
        app_process = session.start_app("amina")
        app = wait_for(lambda: find_app(pyatspi, app_process.pid), 30, "masatir on the AT-SPI bus")
        wait_for(lambda: any(showing(pyatspi, w) for w in windows(pyatspi, app)), 30, "a window")
        keyboard = Keyboard(app_process.pid)
        before = session.sheet(CLEAN_CODE)

        # The list, with the keyboard: search the sheet, Tab to the list,
        # Return opens it.
        keyboard.key("ctrl+f")
        keyboard.type(CLEAN_CODE)
        time.sleep(1.0)
        keyboard.key("Tab", "Tab")
        node = wait_for(lambda: focused(pyatspi, app), 10, "the focus in the list")
        print("focus in the list:", node.getRoleName(), repr(node.name))
        if CLEAN_CODE not in (node.name or "") and "Certificat" not in (node.name or "") \
                and "residence" not in (node.name or "").lower():
            # The row's name is its title, state and errors.
            print("note: the focused row reads %r" % node.name)
        if not (node.name or "").strip():
            failures.append("the focused row of the list has no name")
        keyboard.key("Return")
        time.sleep(1.0)
        check_names(pyatspi, app, "sheet view", failures, counts)

        # Edit (Ctrl+E), F6 into the form, Tab to the first text field,
        # type, save (Ctrl+S), submit (Ctrl+Return).
        keyboard.key("ctrl+e")

        def has_editable_text():
            for window in windows(pyatspi, app):
                for node in walk(pyatspi, window):
                    if node.getRoleName() in ("text", "entry") \
                            and node.getState().contains(pyatspi.STATE_EDITABLE):
                        return True
            return False
        wait_for(has_editable_text, 30, "the editor's text fields")
        time.sleep(1.0)
        check_names(pyatspi, app, "editor", failures, counts)
        keyboard.key("F6")
        text = None
        for _ in range(40):
            node = focused(pyatspi, app)
            if node is not None and node.getRoleName() in ("text", "entry") \
                    and node.getState().contains(pyatspi.STATE_EDITABLE):
                text = node
                break
            keyboard.key("Tab")
            time.sleep(0.2)
        if text is None:
            fail("Tab never reached a text field of the editor")
        print("typing in:", text.getRoleName(), repr(text.name), repr(text.description))
        keyboard.key("End")
        keyboard.type(" a11y")
        keyboard.key("ctrl+s")
        time.sleep(1.0)
        keyboard.key("ctrl+Return")
        time.sleep(2.0)

        after = session.sheet(CLEAN_CODE)
        print("state before %s, after %s" % (before.get("state"), after.get("state")))
        if after.get("state") != "in_review":
            failures.append("Ctrl+Return did not submit the sheet: it is %s" % after.get("state"))
        shown = session.run_cli("show", after["id"], "--format", "json")
        if " a11y" not in shown:
            failures.append("the text typed in the editor was not saved")

        # Dialogs opened by keys: the shortcuts window (Ctrl+?), then the
        # main menu (F10) and its Users window.
        for keys, where in ((["ctrl+question"], "shortcuts window"),):
            keyboard.key(*keys)
            time.sleep(1.5)
            check_names(pyatspi, app, where, failures, counts)
            keyboard.key("Escape")
            time.sleep(0.5)
    finally:
        session.stop()

    for where, window, seen in counts:
        print("%s: window %r, %d controls" % (where, window, seen))
    if sum(seen for _, _, seen in counts) < 20:
        failures.append("too few controls seen over AT-SPI (%d): is the bridge on?"
                        % sum(seen for _, _, seen in counts))
    if failures:
        for f in failures:
            print("FAIL", f)
        fail("%d problems" % len(failures))
    print("ok: every control seen over AT-SPI has a name; edit and submit done with the keyboard")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    if os.environ.get("MASATIR_ATSPI_INNER") != "1":
        main_outer()
    main_inner(sys.argv[1], sys.argv[2])
