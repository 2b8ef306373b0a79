#!/usr/bin/env python3
# bench-gui.py — the window at 10,000 and 100,000 sheets (issue 15 item 1)
#
# For each size: a catalog of `masatir-cli generate --count N --seed 1`
# sheets, imported once and cached (MASATIR_BENCH_CACHE, default
# ~/.cache/masatir-bench/catalog-N.db); then the real masatir, under Xvfb
# and a D-Bus session of its own, with MASATIR_BENCH=1 and
# MASATIR_WATCHDOG=1 (ms-window-watchdog.c):
#
#   launch      from the process start to the first frame drawn with rows
#   memory      VmRSS and VmHWM (/proc) once the window is up
#   keystrokes  real key presses (xdotool) in the search entry, each timed
#               inside the app from the key event to the list updated and
#               the next frame drawn; p50 and p95
#   scrolling   Page Down through the list (each key selects and opens the
#               sheet it lands on); the watchdog's longest main-loop block
#
# Xvfb has no GPU: GTK's GL renderer would draw through llvmpipe, Mesa's
# software OpenGL, which alone took a third of the CPU time of the keystroke
# runs (perf); the window is drawn with GTK's cairo renderer unless
# GSK_RENDERER says otherwise (GSK_RENDERER=gl to measure that too).
#
# MASATIR_BENCH_LOG=FILE keeps masatir's log (with G_MESSAGES_DEBUG=ms-window,
# ms-sheet-list: the time of each query). MASATIR_BENCH_WRAP, a command put
# before masatir, profiles it, e.g.
#   MASATIR_BENCH_WRAP="perf record -g -o /tmp/gui.perf" tests/bench-gui.py 10000
#
# Prints a table and the BENCH lines of bench-format.md.
#
# Usage: bench-gui.py [--builddir DIR] [SIZE...]   (default 10000 100000)
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

SRCDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Words of the Xvfb keyboard map: xdotool types another character (Arabic)
# by remapping a key first, and every remapping makes GTK read the keyboard
# map again, a block of its own that is not the search's (the Arabic search
# is timed by bench-store).
QUERIES = ["certificat", "autorisation", "demande", "permis"]
N_PAGE_DOWNS = 40
TIMEOUT_S = 600

TARGETS = {
    "gui.launch_s": ("<", 1.5),
    "gui.rss_mb": ("<", 400),
    "gui.keystroke_p95_ms": ("<", 50),
    "gui.max_stall_ms": ("<", 100),
}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run(cmd, **kwargs):
    log("$", " ".join(cmd))
    subprocess.run(cmd, check=True, **kwargs)


def ensure_catalog(cli, size, cache):
    """The cached catalog of @size sheets; made (slowly: the CLI's import)
    the first time."""
    path = os.path.join(cache, "catalog-%d.db" % size)
    if os.path.exists(path):
        return path
    os.makedirs(cache, exist_ok=True)
    tmp = os.path.join(cache, "catalog-%d.tmp.db" % size)
    sheets = os.path.join(cache, "sheets-%d.json" % size)
    for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
        if os.path.exists(leftover):
            os.unlink(leftover)
    env = dict(os.environ, MASATIR_USER="bench")
    if not os.path.exists(sheets):
        run([cli, "generate", "--count", str(size), "--seed", "1", "--out", sheets], env=env)
    run([cli, "--db", tmp, "init", "--issuer", "bench.example"], env=env)
    run([cli, "--db", tmp, "users", "add", "bench", "--name", "Bench",
         "--roles", "admin,editor,reviewer,publisher"], env=env)
    started = time.monotonic()
    run([cli, "--db", tmp, "import", sheets], env=env, stdout=subprocess.DEVNULL)
    log("imported %d sheets in %.0f s" % (size, time.monotonic() - started))
    for suffix in ("-wal", "-shm"):
        if os.path.exists(tmp + suffix) and os.path.getsize(tmp + suffix) > 0:
            # Checkpointed by the next open; keep the files together.
            os.rename(tmp + suffix, path + suffix)
    os.rename(tmp, path)
    return path


def status_mb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def find_masatir(pid):
    """@pid, or the masatir process under it (MASATIR_BENCH_WRAP)."""
    todo = [pid]
    while todo:
        p = todo.pop(0)
        try:
            with open("/proc/%d/comm" % p) as f:
                if f.read().strip() == "masatir":
                    return p
            for task in os.listdir("/proc/%d/task" % p):
                with open("/proc/%d/task/%s/children" % (p, task)) as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return pid


def xdotool(*args):
    done = subprocess.run(["xdotool"] + list(args), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("xdotool %s: %s" % (" ".join(args), done.stderr.strip()))
    return done.stdout.strip()


def window_area(wid):
    try:
        geometry = xdotool("getwindowgeometry", wid)
    except RuntimeError:
        return 0
    m = re.search(r"Geometry: (\d+)x(\d+)", geometry)
    return int(m.group(1)) * int(m.group(2)) if m else 0


class App:
    """The running masatir, its stdout probes and stderr watchdog lines."""

    def __init__(self, masatir, db, env):
        self.lines = queue.Queue()
        self.stalls = []          # (time.monotonic(), ms)
        self.err_tail = []
        self.started_wall = time.time()
        self.started = time.monotonic()
        wrap = os.environ.get("MASATIR_BENCH_WRAP", "").split()
        self.proc = subprocess.Popen(wrap + [masatir, db], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        self.pid = self.proc.pid
        threading.Thread(target=self._read_out, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    def _read_out(self):
        log_path = os.environ.get("MASATIR_BENCH_LOG")
        log_file = open(log_path, "a") if log_path else None
        for line in self.proc.stdout:
            if log_file is not None:
                log_file.write("%.3f %s" % (time.monotonic() - self.started, line))
                log_file.flush()
            self.lines.put(line.strip())

    def _read_err(self):
        log_path = os.environ.get("MASATIR_BENCH_LOG")
        log_file = open(log_path, "a") if log_path else None
        for line in self.proc.stderr:
            if log_file is not None:
                log_file.write("%.3f %s" % (time.monotonic() - self.started, line))
                log_file.flush()
            self.err_tail = (self.err_tail + [line.rstrip()])[-20:]
            m = re.search(r"Main loop blocked for (\d+) ms", line)
            if m:
                self.stalls.append((time.monotonic(), int(m.group(1))))
            elif "CRITICAL" in line or "WARNING" in line:
                log("masatir:", line.rstrip())

    def expect(self, key, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise RuntimeError("masatir exited (%d)" % self.proc.returncode)
                continue
            parts = line.split()
            if len(parts) == 3 and parts[0] == "MASATIR_BENCH" and parts[1] == key:
                return float(parts[2])
        raise RuntimeError("no %s from masatir within %d s" % (key, timeout))

    def drain(self, key):
        values = []
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                return values
            parts = line.split()
            if len(parts) == 3 and parts[0] == "MASATIR_BENCH" and parts[1] == key:
                values.append(float(parts[2]))


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def bench_size(args, size):
    db = ensure_catalog(args.cli, size, args.cache)
    env = dict(os.environ,
               MASATIR_BENCH="1", MASATIR_WATCHDOG="1", MASATIR_USER="bench",
               GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=os.path.join(args.builddir, "data"),
               MASATIR_DATADIR=os.path.join(SRCDIR, "data"),
               GSK_RENDERER=os.environ.get("GSK_RENDERER", "cairo"),
               LC_ALL="C.UTF-8", LANGUAGE="C")
    # The database opened once before, as a person's second start: the
    # launch measured is the window's, not the disk's first read.
    with open(db, "rb") as f:
        while f.read(1 << 20):
            pass

    app = App(args.masatir, db, env)
    first = app.expect("first-rows", TIMEOUT_S)
    launch_s = first / 1e6 - app.started_wall
    time.sleep(1.0)
    app.pid = find_masatir(app.proc.pid)
    rss_mb = status_mb(app.pid, "VmRSS")

    # The biggest of its windows is the main one (no window manager: it
    # sits at 0,0 and takes the focus it is given).
    wids = xdotool("search", "--sync", "--onlyvisible", "--pid", str(app.pid)).split()
    wid = max(wids, key=window_area)
    xdotool("windowfocus", "--sync", wid)
    xdotool("key", "ctrl+f")
    time.sleep(0.3)
    app.drain("keystroke-ms")
    typing_started = time.monotonic()
    n_keys = 0
    for word in QUERIES:
        # One key at a time, each answered before the next (a fast typist's
        # pace is about 100 ms a key).
        for ch in word:
            xdotool("type", "--delay", "0", ch)
            n_keys += 1
            time.sleep(0.12)
        for _ in word:
            xdotool("key", "BackSpace")
            n_keys += 1
            time.sleep(0.12)
    time.sleep(0.5)
    keystrokes = app.drain("keystroke-ms")
    typing_stalls = [ms for (t, ms) in app.stalls if t >= typing_started]

    # Scrolling: out of the search, into the list, Page Down.
    xdotool("key", "Escape")
    time.sleep(0.3)
    xdotool("mousemove", "120", "260", "click", "1")
    time.sleep(0.5)
    scroll_started = time.monotonic()
    for _ in range(N_PAGE_DOWNS):
        xdotool("key", "Page_Down")
        time.sleep(0.1)
    time.sleep(0.5)
    scroll_stalls = [ms for (t, ms) in app.stalls if t >= scroll_started]
    if app.proc.poll() is not None:
        raise RuntimeError("masatir exited (%d) while scrolling:\n%s"
                           % (app.proc.returncode, "\n".join(app.err_tail)))
    hwm_mb = status_mb(app.pid, "VmHWM")

    xdotool("key", "ctrl+q")
    try:
        max_stall = app.expect("max-stall-ms", 30)
        app.proc.wait(timeout=30)
    except (RuntimeError, subprocess.TimeoutExpired):
        app.proc.kill()
        max_stall = float("nan")
    launch_stalls = [ms for (t, ms) in app.stalls if t < typing_started]

    return {
        "launch_s": launch_s,
        "rss_mb": rss_mb,
        "hwm_mb": hwm_mb,
        "n_keys": n_keys,
        "keystrokes": keystrokes,
        "typing_stall_ms": max(typing_stalls, default=0),
        "scroll_stall_ms": max(scroll_stalls, default=0),
        "launch_stall_ms": max(launch_stalls, default=0),
        "max_stall_ms": max_stall,
    }


def bench_line(size, key, value, unit):
    op, target = TARGETS[key]
    print("BENCH %d %s %.2f %s %s %g" % (size, key, value, unit, op, target))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--builddir", default=os.path.join(SRCDIR, "build"))
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    args = parser.parse_args()
    args.builddir = os.path.abspath(args.builddir)
    args.masatir = os.path.join(args.builddir, "src", "masatir")
    args.cli = os.path.join(args.builddir, "src", "masatir-cli")
    args.cache = os.environ.get("MASATIR_BENCH_CACHE",
                                os.path.expanduser("~/.cache/masatir-bench"))

    # A display and a session bus of our own.
    if not os.environ.get("MASATIR_BENCH_INNER"):
        for tool in ("xvfb-run", "dbus-run-session", "xdotool"):
            if shutil.which(tool) is None:
                sys.exit("bench-gui: %s is needed (build-aux/dev installs it)" % tool)
        os.environ["MASATIR_BENCH_INNER"] = "1"
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                               "dbus-run-session", "--", sys.executable, os.path.abspath(__file__),
                               "--builddir", args.builddir] + [str(s) for s in args.sizes])

    results = {}
    for size in args.sizes:
        results[size] = bench_size(args, size)

    print("GUI (window under Xvfb)        " + "".join("%14d" % s for s in args.sizes))
    rows = [
        ("launch to rows drawn (s)", lambda r: "%.2f" % r["launch_s"]),
        ("RSS after launch (MB)", lambda r: "%.0f" % r["rss_mb"]),
        ("peak RSS, VmHWM (MB)", lambda r: "%.0f" % r["hwm_mb"]),
        ("keystrokes measured", lambda r: "%d/%d" % (len(r["keystrokes"]), r["n_keys"])),
        ("keystroke p50 (ms)", lambda r: "%.1f" % statistics.median(r["keystrokes"]) if r["keystrokes"] else "-"),
        ("keystroke p95 (ms)", lambda r: "%.1f" % percentile(r["keystrokes"], 95) if r["keystrokes"] else "-"),
        ("longest block at launch (ms)", lambda r: "%d" % r["launch_stall_ms"]),
        ("longest block typing (ms)", lambda r: "%d" % r["typing_stall_ms"]),
        ("longest block scrolling (ms)", lambda r: "%d" % r["scroll_stall_ms"]),
        ("longest block overall (ms)", lambda r: "%.0f" % r["max_stall_ms"]),
    ]
    for label, fmt in rows:
        print("%-30s" % label + "".join("%14s" % fmt(results[s]) for s in args.sizes))

    for size in args.sizes:
        r = results[size]
        bench_line(size, "gui.launch_s", r["launch_s"], "s")
        bench_line(size, "gui.rss_mb", r["rss_mb"], "MB")
        if r["keystrokes"]:
            bench_line(size, "gui.keystroke_p95_ms", percentile(r["keystrokes"], 95), "ms")
        # Once the window is up: typing and scrolling (the launch is timed
        # on its own above).
        bench_line(size, "gui.max_stall_ms", max(r["typing_stall_ms"], r["scroll_stall_ms"]), "ms")


if __name__ == "__main__":
    main()
