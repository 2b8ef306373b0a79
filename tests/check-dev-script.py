#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""build-aux/dev demo, as the README's Quick start describes it: no colour
codes when stderr is not a terminal, and one demo folder per user, made
afresh by each run (an earlier one, even from a killed run, is replaced) and
removed when the window closes. MASATIR_DEV_APP stands in for the window: it
records the catalog it was given and what the folder holds. Exits 1 on the
first failure."""

import os
import pwd
import subprocess
import sys
import tempfile

APP = """#!/bin/sh
# The window's stand-in: where the catalog is, and that it is a catalog.
db="$1"
echo "$db" > "$RECORD"
ls "$(dirname "$db")" >> "$RECORD"
test -s "$db"
"""


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main():
    top = sys.argv[1]
    builddir = os.path.relpath(sys.argv[2], top)  # the script takes it from the top
    user = pwd.getpwuid(os.getuid()).pw_name
    with tempfile.TemporaryDirectory() as tmp:
        runtime = os.path.join(tmp, "runtime")
        tmpdir = os.path.join(tmp, "tmp")
        os.mkdir(runtime, 0o700)
        os.mkdir(tmpdir)
        app = os.path.join(tmp, "app")
        record = os.path.join(tmp, "record")
        with open(app, "w") as f:
            f.write(APP)
        os.chmod(app, 0o755)
        folder = os.path.join(runtime, "masatir-demo-" + user)

        # What a killed run left behind.
        os.mkdir(folder)
        with open(os.path.join(folder, "stale"), "w") as f:
            f.write("from a killed run")

        env = dict(os.environ, MASATIR_BUILDDIR=builddir, MASATIR_DEV_APP=app, RECORD=record,
                   XDG_RUNTIME_DIR=runtime, TMPDIR=tmpdir, USER=user)
        for run in (1, 2):
            r = subprocess.run([os.path.join(top, "build-aux", "dev"), "demo"], cwd=top, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
            err = r.stderr.decode(errors="replace")
            if r.returncode != 0:
                fail("run %d: exit %d: %s" % (run, r.returncode, err[-2000:]))
            if b"\x1b" in r.stderr or b"\x1b" in r.stdout:
                fail("run %d: colour codes written to a pipe: %r" % (run, err[:300]))
            if "==> Creating the demo catalog" not in err:
                fail("run %d: the steps are not announced: %s" % (run, err[-500:]))
            with open(record) as f:
                lines = f.read().split("\n")
            if lines[0] != os.path.join(folder, "catalog.db"):
                fail("run %d: the catalog was %s, not in %s" % (run, lines[0], folder))
            if "stale" in lines:
                fail("run %d: the folder was not made afresh: %s" % (run, lines))
            if os.path.exists(folder):
                fail("run %d: %s is still there after the window closed" % (run, folder))
            left = [n for d in (runtime, tmpdir) for n in os.listdir(d)]
            if left:
                fail("run %d: left behind: %s" % (run, left))
            print("ok run %d: %s, made afresh and removed, no colour codes" % (run, folder))

        # Not a folder of ours (here a symbolic link): refused, untouched.
        target = os.path.join(tmp, "elsewhere")
        os.mkdir(target)
        os.symlink(target, folder)
        r = subprocess.run([os.path.join(top, "build-aux", "dev"), "demo"], cwd=top, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        if r.returncode == 0 or not os.path.islink(folder) or not os.path.isdir(target):
            fail("a symbolic link in place of the folder was not refused")
        print("ok a symbolic link in place of the folder is refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
