#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Structural check (issue 11, item 10): the shells do not write bundles.

Nothing under src/cli or src/app writes, renames or fsyncs a bundle file
itself, nor records an export in the catalog: the publishing layer
(src/publish) does, for both. Checked on what the compiler produced rather
than on the sources, so that a macro (g_rename is rename), a static inline
function of a header or a wrapper cannot hide a call: the symbols the shells'
static libraries leave undefined (nm -u) must include none of the functions
below. The publishing layer's library must use them (the same nm run): a
list that names functions nobody calls any more would check nothing.

usage: check-publish-layer.py NM PUBLISH_LIB SHELL_LIB...
"""
import re
import subprocess
import sys

# Each: (pattern on the symbol, why the shells must not call it).
FORBIDDEN = [
    (r"rename(at2?)?|link(at)?|unlink(at)?", "renames, links or removes files (the bundle's install and undo)"),
    (r"fsync|fdatasync|syncfs|sync_file_range", "makes a file durable"),
    (r"(__)?open(64|at|at64)?(_2)?|creat(64)?|fopen(64)?|freopen(64)?|fdopen|mkstemp(64)?|mkostemps?(64)?",
     "opens a file for writing (fwrite then only reaches stdout and stderr)"),
    (r"write|pwrite(64)?|writev|pwritev2?", "writes to a file descriptor"),
    (r"g_rename|g_unlink|g_remove|g_fsync|g_open|g_creat|g_fopen|g_freopen|g_mkstemp(_full)?|g_file_open_tmp",
     "is GLib's wrapper of a call that renames, removes, syncs or opens a file"),
    (r"g_file_set_contents(_full)?|g_file_replace(_contents(_async|_bytes_async)?|_readwrite)?|g_file_create"
     r"(_readwrite)?|g_file_append_to|g_file_move|g_file_copy|g_file_delete|g_output_stream_write\w*",
     "writes, moves or removes a file (GLib, GIO)"),
    (r"ms_temp_file_\w+", "handles the temporary file beside the bundle (its creation, lock, stale-file cleanup)"),
    (r"ms_bundle_write|ms_bundle_writer_\w+", "streams a signed bundle"),
    (r"ms_store_commit_export", "records an export in the catalog (only after the bundle is in place)"),
    (r"ms_key_save_sealed", "writes a sealed key (the keyring's job)"),
]

# What the publishing layer must be seen to call, so that the list above
# is known to name the functions really used.
REQUIRED_IN_PUBLISH = ["rename", "fsync", "write", "ms_temp_file_create", "ms_temp_file_remove_stale",
                       "ms_bundle_writer_write", "ms_store_commit_export", "ms_key_save_sealed"]

PATTERN = re.compile("^(?:%s)$" % "|".join("(?:%s)" % p for p, _ in FORBIDDEN))


def undefined(nm, library):
    out = subprocess.run([nm, "-u", library], check=True, capture_output=True, text=True).stdout
    symbols = {}
    member = library
    for line in out.splitlines():
        line = line.strip()
        if line.endswith(":"):
            member = line[:-1]
        elif line:
            name = line.split()[-1].split("@")[0]
            symbols.setdefault(name, set()).add(member)
    if not symbols:
        sys.exit("%s: nm -u found no symbols at all: not the library it should be" % library)
    return symbols


def reason(symbol):
    for pattern, why in FORBIDDEN:
        if re.fullmatch(pattern, symbol):
            return why
    return ""


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    nm, publish, shells = sys.argv[1], sys.argv[2], sys.argv[3:]
    failures = []

    used = undefined(nm, publish)
    for symbol in REQUIRED_IN_PUBLISH:
        if symbol not in used:
            failures.append("%s does not call %s: update the list of check-publish-layer.py" % (publish, symbol))

    for library in shells:
        found = ["%s calls %s, which %s: that is src/publish's job" % (member, symbol, reason(symbol))
                 for symbol, members in sorted(undefined(nm, library).items()) if PATTERN.match(symbol)
                 for member in sorted(members)]
        if not found:
            print("ok: %s calls nothing that writes, renames or syncs a file, nor commits an export" % library)
        failures += found

    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
