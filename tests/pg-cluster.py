#!/usr/bin/env python3
# pg-cluster.py — a throwaway PostgreSQL cluster for the tests (issue 16 item 8)
#
#   pg-cluster.py CMD ARGS...
#
# Makes a temporary folder, initdb's a cluster in it (trust authentication on
# the Unix socket only: listen_addresses = '', the socket in that folder),
# starts it, creates a superuser login for the tests, runs CMD with
# MASATIR_TEST_PG set to the libpq conninfo, then stops the cluster and
# removes the folder whatever CMD did, and exits with CMD's status. initdb
# refuses root: when the tests run as root, the server runs as the
# "postgres" system user. Without PostgreSQL it says so loudly and exits 77,
# which meson counts as SKIP. MASATIR_PG_BINDIR names the server's binaries
# instead of pg_config --bindir and /usr/lib/postgresql/*/bin.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile

SKIP = 77
TEST_LOGIN = 'masatir_test'
TEST_DB = 'masatir_test'


def loud(message):
    print('*' * 72, file=sys.stderr)
    print(message, file=sys.stderr)
    print('*' * 72, file=sys.stderr)


def find_bindir():
    # MASATIR_PG_BINDIR: that folder only (also to check the loud skip).
    if os.environ.get('MASATIR_PG_BINDIR'):
        candidates = [os.environ['MASATIR_PG_BINDIR']]
    else:
        candidates = []
        pg_config = shutil.which('pg_config')
        if pg_config:
            try:
                out = subprocess.run([pg_config, '--bindir'], capture_output=True, text=True, check=True)
                candidates.append(out.stdout.strip())
            except (OSError, subprocess.CalledProcessError):
                pass
        candidates += sorted(glob.glob('/usr/lib/postgresql/*/bin'), reverse=True)
    for d in candidates:
        if all(os.access(os.path.join(d, exe), os.X_OK) for exe in ('initdb', 'pg_ctl', 'postgres')):
            return d
    return None


def main(argv):
    if len(argv) < 2:
        print('usage: pg-cluster.py CMD ARGS...', file=sys.stderr)
        return 2
    bindir = find_bindir()
    if bindir is None:
        loud('PostgreSQL tests NOT RUN: no initdb found (install postgresql)')
        return SKIP

    as_root = os.geteuid() == 0
    prefix = []
    if as_root:
        try:
            pw = pwd.getpwnam('postgres')
        except KeyError:
            loud('PostgreSQL tests NOT RUN: running as root and there is no "postgres" system user')
            return SKIP
        prefix = ['setpriv', '--reuid', str(pw.pw_uid), '--regid', str(pw.pw_gid), '--clear-groups', '--']

    folder = tempfile.mkdtemp(prefix='masatir-pg-')
    data = os.path.join(folder, 'data')
    log = os.path.join(folder, 'server.log')
    started = False
    status = 1
    try:
        if as_root:
            os.chown(folder, pw.pw_uid, pw.pw_gid)
        # The socket folder must be reachable by the test, the data folder
        # private to the server (initdb makes it 0700).
        os.chmod(folder, 0o755)
        env = dict(os.environ, LC_ALL='C.UTF-8', LANG='C.UTF-8')
        env.pop('PGDATA', None)

        def run(args, **kw):
            return subprocess.run(prefix + args, env=env, cwd=folder, **kw)

        r = run([os.path.join(bindir, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres',
                 '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            print(r.stderr, file=sys.stderr)
            loud('PostgreSQL tests FAILED TO START: initdb failed')
            return 1
        # Unix socket only, in our folder; no TCP at all.
        with open(os.path.join(data, 'postgresql.conf'), 'a') as conf:
            conf.write("\nlisten_addresses = ''\n"
                       "unix_socket_directories = '%s'\n"
                       "fsync = off\n"
                       "max_connections = 40\n" % folder)
        with open(os.path.join(data, 'pg_hba.conf'), 'w') as hba:
            hba.write('local all all trust\n')
        r = run([os.path.join(bindir, 'pg_ctl'), '-D', data, '-l', log, '-w', '-t', '60', 'start'],
                stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            if os.path.exists(log):
                with open(log) as f:
                    sys.stderr.write(f.read())
            loud('PostgreSQL tests FAILED TO START: pg_ctl start failed')
            return 1
        started = True

        psql = os.path.join(bindir, 'psql')
        setup = ("CREATE ROLE %s LOGIN SUPERUSER;\nCREATE DATABASE %s OWNER %s;\n"
                 % (TEST_LOGIN, TEST_DB, TEST_LOGIN))
        r = subprocess.run([psql, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', folder, '-U', 'postgres',
                            '-d', 'postgres'], input=setup, text=True, env=env)
        if r.returncode != 0:
            loud('PostgreSQL tests FAILED TO START: could not create the test login')
            return 1

        conninfo = 'host=%s dbname=%s user=%s' % (folder, TEST_DB, TEST_LOGIN)
        # MASATIR_TEST_PG_THROWAWAY: the fixture drops schemas only here.
        child_env = dict(os.environ, MASATIR_TEST_PG=conninfo, MASATIR_TEST_PG_THROWAWAY='1')
        try:
            status = subprocess.run(argv[1:], env=child_env).returncode
        except OSError as e:
            print('pg-cluster: %s: %s' % (argv[1], e), file=sys.stderr)
            status = 127
        if status < 0:
            status = 128 - status
        return status
    finally:
        if started:
            subprocess.run(prefix + [os.path.join(bindir, 'pg_ctl'), '-D', data, '-m', 'immediate',
                                     '-w', 'stop'], env=env, cwd=folder,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == '__main__':
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main(sys.argv))
