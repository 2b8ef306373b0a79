#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A translation catalogue is complete (issue 14, item 8).

`msgfmt --check --statistics` on the file must report neither fuzzy nor
untranslated messages, and every plural message must have as many non-empty
forms as the header's nplurals says (Arabic: six, msgstr[0] to msgstr[5]),
since the number a form is chosen for is shown to the reader.

usage: check-po.py MSGFMT FILE.po
"""
import re
import subprocess
import sys


def unquote(line):
    body = line[line.index('"') + 1:line.rindex('"')]
    return bytes(body, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def entries(path):
    """The catalogue's messages: dicts of msgctxt, msgid, msgid_plural,
    msgstr[N], fuzzy; obsolete (#~) entries left out."""
    current, key, out = None, None, []
    with open(path, encoding='utf-8') as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            if line.startswith('#~'):
                continue
            if not line:
                if current:
                    out.append(current)
                current, key = None, None
                continue
            if current is None:
                current = {'line': number, 'fuzzy': False}
            if line.startswith('#,') and 'fuzzy' in line:
                current['fuzzy'] = True
            elif line.startswith('#'):
                continue
            elif line.startswith('"'):
                current[key] += unquote(line)
            else:
                m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s', line)
                if not m:
                    sys.exit(f'{path}:{number}: cannot read “{line}”')
                key = m.group(1)
                current[key] = unquote(line)
    if current:
        out.append(current)
    return out


def main():
    msgfmt, path = sys.argv[1:3]
    problems = []

    run = subprocess.run([msgfmt, '--check', '--statistics', '-o', '/dev/null', path],
                         capture_output=True, text=True)
    if run.returncode != 0:
        problems.append(f'msgfmt --check failed:\n{run.stderr.strip()}')
    stats = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ''
    if 'translated' not in stats:
        problems.append(f'no statistics from msgfmt: “{run.stderr.strip()}”')
    for word in ('fuzzy', 'untranslated'):
        if word in stats:
            problems.append(f'msgfmt: {stats}')

    messages = entries(path)
    header = next((m for m in messages if m.get('msgid') == '' and 'msgctxt' not in m), None)
    nplurals = re.search(r'nplurals=(\d+)', header.get('msgstr', '')) if header else None
    if not nplurals:
        problems.append('the header has no Plural-Forms nplurals')
        nplurals = 0
    else:
        nplurals = int(nplurals.group(1))

    plurals = 0
    for m in messages:
        if m.get('msgid') == '' or 'msgid' not in m:
            continue
        where = f'{path}:{m["line"]}: “{m["msgid"]}”'
        if m['fuzzy']:
            problems.append(f'{where} is fuzzy')
        if 'msgid_plural' in m:
            plurals += 1
            for n in range(nplurals):
                if not m.get(f'msgstr[{n}]'):
                    problems.append(f'{where}: plural form msgstr[{n}] is missing or empty')
            extra = [k for k in m if k.startswith('msgstr[') and int(k[7:-1]) >= nplurals]
            if extra:
                problems.append(f'{where}: more forms than nplurals={nplurals}: {", ".join(extra)}')
        elif not m.get('msgstr'):
            problems.append(f'{where} is not translated')

    if plurals == 0:
        problems.append('no plural message found: the catalogue was not read')
    for p in problems:
        print(p)
    count = sum(1 for m in messages if m.get('msgid'))
    print(f'{path}: {count} messages, {plurals} plural ({nplurals} forms): '
          f'{"FAILED" if problems else "complete"}')
    sys.exit(1 if problems else 0)


main()
