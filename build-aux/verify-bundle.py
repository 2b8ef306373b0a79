#!/usr/bin/env python3
# verify-bundle.py — a second, independent verifier of procbundle/1 bundles
#
# Same checks, same order and same failure names as `masatir-cli verify`
# (design.md §4, src/core/ms-bundle.c). Standard library plus Debian's
# python3-cryptography only.
#
#   verify-bundle.py --trust FILE [--state FILE] [--schema FILE] BUNDLE...
#
# One line per bundle on stdout: "BUNDLE<TAB>ok" or "BUNDLE<TAB>NAME", the
# detail on stderr. Exit 0 when every bundle passed, 1 when one failed a
# check, 2 on unusable input. The state file is updated only when a single
# bundle was given and it passed; with --state, FILE.lock is held locked
# (flock) from reading the state to writing it, the lock masatir-cli takes.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import base64
import binascii
import datetime
import fcntl
import hashlib
import json
import math
import os
import re
import sys
import tempfile
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MAX_BYTES = 1024 * 1024 * 1024
MAX_ENTRIES = 100000
MAX_ENTRY_BYTES = 1024 * 1024
MAX_MANIFEST = 32 * 1024 * 1024
MAX_HEADER = 4096
MAX_DEPTH = 64
CLOCK_SKEW = 300
FORBIDDEN_HEADER = ("crit", "jwk", "jku", "x5u", "x5c", "b64")
SHEET_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
HEX64 = re.compile(r"[0-9a-f]{64}\Z")
ISSUER = re.compile(r"[A-Za-z0-9._-]{1,64}\Z")
# [0-9], not \d: in Python \d and int() take any Unicode digit ("٢٠٢٥").
TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\Z")
B64URL = re.compile(r"[A-Za-z0-9_-]*\Z")


class Failure(Exception):
    def __init__(self, name, detail):
        super().__init__(detail)
        self.name = name


def encoded_length(n):
    return (n * 4 + 2) // 3


# Strict JSON: what ms-strict-json.c refuses, refused here too.
def _pairs(items):
    d = {}
    for k, v in items:
        if k in d:
            raise ValueError("duplicate member name %r" % k)
        d[k] = v
    return d


def _constant(name):
    raise ValueError("%s is not JSON" % name)


def _float(text):
    value = float(text)
    if math.isinf(value):
        raise ValueError("the number %s is out of range" % text)
    return value


def _int(text):
    value = int(text)
    if -2**63 <= value < 2**63:
        return value
    return _float(text)


def _walk(value, depth):
    if isinstance(value, (dict, list)):
        if depth >= MAX_DEPTH:
            raise ValueError("nested deeper than %d levels" % MAX_DEPTH)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in items:
            if isinstance(k, str):
                _check_string(k)
            _walk(v, depth + 1)
    elif isinstance(value, str):
        _check_string(value)


def _check_string(s):
    if "\x00" in s:
        raise ValueError("\\u0000 is not supported")
    if any("\ud800" <= c <= "\udfff" for c in s):
        raise ValueError("a lone surrogate is not a character")


def strict_loads(data):
    # json recurses once per level and gives up near 1,000 levels, before
    # _walk can say the text is too deep: the same refusal.
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_pairs, parse_constant=_constant,
                           parse_float=_float, parse_int=_int)
    except RecursionError:
        raise ValueError("nested deeper than %d levels" % MAX_DEPTH)
    _walk(value, 0)
    return value


# Ed25519 points (RFC 8032 §5.1), as libsodium's checks see them. The
# cryptography module (OpenSSL) accepts a small-order public key and a
# small-order R, so that a signature R = identity, S = 0 verifies for any
# message under the identity key: both are refused here, as by libsodium.
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
IDENTITY = (0, 1, 1, 0)
# The y of the 8 points of small order (the sign of x aside), and p and
# p + 1, which encode 0 and 1 again: ge25519_has_small_order's list.
SMALL_ORDER_Y = {0, 1, P - 1, P, P + 1,
                 2707385501144840649318225287225658788936804267575313519463743609750303402022,
                 55188659117513257062467267217118295137698188065244968500265048394206261417927}


def _point_add(p, q):
    a = (p[1] - p[0]) * (q[1] - q[0]) % P
    b = (p[1] + p[0]) * (q[1] + q[0]) % P
    c = 2 * p[3] * q[3] * D % P
    d = 2 * p[2] * q[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _point_mul(n, p):
    r = IDENTITY
    while n:
        if n & 1:
            r = _point_add(r, p)
        p = _point_add(p, p)
        n >>= 1
    return r


def _is_identity(p):
    return p[0] % P == 0 and (p[1] - p[2]) % P == 0


def _point_decode(raw):
    y = int.from_bytes(raw, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P or (x == 0 and sign):
        return None
    if x & 1 != sign:
        x = P - x
    return (x, y, 1, x * y % P)


def valid_public_key(raw):
    """crypto_core_ed25519_is_valid_point: y < p, on the curve, not of small
    order, in the prime-order subgroup."""
    point = _point_decode(raw)
    return (point is not None and not _is_identity(_point_mul(8, point))
            and _is_identity(_point_mul(L, point)))


def canonical_signature(signature):
    """What libsodium checks before the equation: S < L, R not of small order."""
    r = int.from_bytes(signature[:32], "little") & ((1 << 255) - 1)
    return int.from_bytes(signature[32:], "little") < L and r not in SMALL_ORDER_Y


def b64url(text, what):
    if not isinstance(text, str) or not B64URL.match(text) or len(text) % 4 == 1:
        raise Failure("base64url", "%s is not strict base64url" % what)
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    # Non-zero padding bits: the canonical encoding must give the text back.
    if base64.urlsafe_b64encode(data).decode().rstrip("=") != text:
        raise Failure("base64url", "%s is not strict base64url" % what)
    return data


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def parse_time(text):
    if not isinstance(text, str) or not TIME.match(text):
        return None
    try:
        t = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
    return int(t.replace(tzinfo=datetime.timezone.utc).timestamp())


def ecma_pattern(pattern):
    """The schema's ECMA-262 pattern in Python's words: \\d is ASCII only, and
    $ only matches at the very end (Python's also before a final newline)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + "\\Z"
    return re.compile(pattern, re.ASCII)


# A subset of JSON Schema 2020-12: what data/schema/procedure.schema.json uses.
class Schema:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.root = json.load(f)

    def check(self, value, schema, path):
        if "$ref" in schema:
            ref = schema["$ref"]
            target = self.root
            for part in ref.lstrip("#/").split("/"):
                target = target[part]
            self.check(value, target, path)
            # The loader also checks that a date exists.
            if ref == "#/$defs/date" and isinstance(value, str):
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    raise ValueError("%s: %s is not a date" % (path, value))
        kind = schema.get("type")
        types = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
        if kind == "integer":
            if not is_int(value):
                raise ValueError("%s: not an integer" % path)
        elif kind == "number":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ValueError("%s: not a number" % path)
        elif kind is not None and not isinstance(value, types[kind]):
            raise ValueError("%s: not a %s" % (path, kind))
        if "enum" in schema and value not in schema["enum"]:
            raise ValueError("%s: not one of %s" % (path, schema["enum"]))
        if isinstance(value, str):
            n = len(value)
            if n < schema.get("minLength", 0) or n > schema.get("maxLength", n):
                raise ValueError("%s: length" % path)
            if "pattern" in schema and not re.search(ecma_pattern(schema["pattern"]), value):
                raise ValueError("%s: pattern" % path)
        if is_int(value) or isinstance(value, float):
            if value < schema.get("minimum", value) or value > schema.get("maximum", value):
                raise ValueError("%s: out of range" % path)
        if isinstance(value, list):
            if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
                raise ValueError("%s: number of items" % path)
            if "items" in schema:
                for i, item in enumerate(value):
                    self.check(item, schema["items"], "%s[%d]" % (path, i))
        if isinstance(value, dict):
            if len(value) < schema.get("minProperties", 0):
                raise ValueError("%s: too few members" % path)
            for name in schema.get("required", []):
                if name not in value:
                    raise ValueError("%s: %s is required" % (path, name))
            props = schema.get("properties", {})
            extra = schema.get("additionalProperties", True)
            for name, item in value.items():
                where = "%s.%s" % (path, name)
                if name in props:
                    self.check(item, props[name], where)
                elif extra is False:
                    raise ValueError("%s: unknown member" % where)
                elif isinstance(extra, dict):
                    self.check(item, extra, where)


def load_trust(path):
    with open(path, "rb") as f:
        trust = strict_loads(f.read())
    # is_int: True == 1 and 1.0 == 1 in Python; masatir-cli wants the integer.
    if (not isinstance(trust, dict) or not is_int(trust.get("threshold")) or trust["threshold"] != 1
            or not isinstance(trust.get("keys"), dict)):
        raise ValueError("trust store: expected {threshold: 1, keys: {...}}")
    keys = {}
    for kid, jwk in trust["keys"].items():
        x = jwk.get("x") if isinstance(jwk, dict) else None
        raw = None
        if isinstance(x, str):
            try:
                raw = b64url(x, "x")
            except Failure:
                raw = None
        thumb = None
        if raw is not None and len(raw) == 32:
            canonical = '{"crv":"Ed25519","kty":"OKP","x":"%s"}' % x
            thumb = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).decode().rstrip("=")
        if (thumb != kid or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519"
                or not isinstance(jwk.get("issuer"), str) or not ISSUER.match(jwk["issuer"])):
            raise ValueError("trust store: the key %s is not an Ed25519 JWK with an issuer and this thumbprint" % kid)
        # masatir-cli says the same words.
        if not valid_public_key(raw):
            raise ValueError("trust store: the key %s is not a valid Ed25519 public key (small order, "
                             "not in the prime-order subgroup, or not canonical)" % kid)
        keys[kid] = (Ed25519PublicKey.from_public_bytes(raw), jwk["issuer"])
    return keys


def lock_state(path):
    """The lock masatir-cli takes (ms-bundle-lock.c): flock on FILE.lock, a
    file never replaced, since writing the state renames a new file over it."""
    if path is None:
        return None
    fd = os.open(path + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def load_state(path):
    if path is None or not os.path.exists(path):
        return {}
    with open(path, "rb") as f:
        state = strict_loads(f.read())
    if not isinstance(state, dict):
        raise ValueError("state file %s: not a JSON object" % path)
    for issuer, entry in state.items():
        if (not isinstance(entry, dict) or not is_int(entry.get("sequence")) or entry["sequence"] < 1
                or not isinstance(entry.get("manifest_sha256"), str) or not HEX64.match(entry["manifest_sha256"])):
            raise ValueError("state file: %s needs a sequence and a manifest_sha256" % issuer)
    return state


def check_manifest(m):
    members = {"type", "schema_version", "bundle_id", "issuer", "sequence", "created", "expires",
               "previous", "entries", "withdrawn"}
    bad = lambda why: Failure("manifest", why)
    if not isinstance(m, dict) or set(m) != members:
        raise bad("not an object with exactly the procbundle-manifest members")
    if m["type"] != "procbundle-manifest" or not is_int(m["schema_version"]) or m["schema_version"] != 1:
        raise bad("not a procbundle-manifest of schema_version 1")
    issuer, seq = m["issuer"], m["sequence"]
    if not isinstance(issuer, str) or not ISSUER.match(issuer) or not is_int(seq) or not 1 <= seq <= 2**53 - 1:
        raise bad("issuer or sequence invalid")
    if m["bundle_id"] != "%s-%d" % (issuer, seq):
        raise bad("bundle_id is not ISSUER-SEQUENCE")
    created, expires = parse_time(m["created"]), parse_time(m["expires"])
    if created is None or expires is None or expires <= created:
        raise bad("created and expires must be YYYY-MM-DDTHH:MM:SSZ, expires after created")
    prev = m["previous"]
    if (prev is not None) if seq == 1 else not (isinstance(prev, str) and HEX64.match(prev)):
        raise bad("previous must be null for sequence 1, else a lowercase SHA-256")
    entries = m["entries"]
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise bad("entries must be {id, media_type, sha256, size} sorted by distinct id")
    last = None
    for e in entries:
        if (not isinstance(e, dict) or set(e) != {"id", "media_type", "sha256", "size"}
                or not isinstance(e["id"], str) or not SHEET_ID.match(e["id"])
                or e["media_type"] != "application/json"
                or not isinstance(e["sha256"], str) or not HEX64.match(e["sha256"])
                or not is_int(e["size"]) or not 0 <= e["size"] <= MAX_ENTRY_BYTES
                or (last is not None and last >= e["id"])):
            raise bad("entries must be {id, media_type, sha256, size} sorted by distinct id")
        last = e["id"]
    gone = m["withdrawn"]
    if (not isinstance(gone, list) or len(gone) > MAX_ENTRIES
            or not all(isinstance(i, str) and SHEET_ID.match(i) for i in gone)
            or any(gone[i] >= gone[i + 1] for i in range(len(gone) - 1))):
        raise bad("withdrawn must be distinct sheet ids, sorted")
    if set(gone) & {e["id"] for e in entries}:
        raise bad("a sheet is both withdrawn and an entry")
    return created, expires


def verify(data, keys, state, schema, now):
    if len(data) > MAX_BYTES:
        raise Failure("size", "the file is larger than %d bytes" % MAX_BYTES)
    try:
        root = strict_loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise Failure("format", "not strict JSON: %s" % e)
    # 1. size limits (what needs the tree)
    jws = root.get("jws") if isinstance(root, dict) else None
    if isinstance(jws, dict) and isinstance(jws.get("payload"), str) and \
            len(jws["payload"]) > encoded_length(MAX_MANIFEST):
        raise Failure("size", "the manifest is too large")
    entries = root.get("entries") if isinstance(root, dict) else None
    if isinstance(entries, dict):
        if len(entries) > MAX_ENTRIES:
            raise Failure("size", "%d entries, more than %d" % (len(entries), MAX_ENTRIES))
        for i, v in entries.items():
            if isinstance(v, str) and len(v) > encoded_length(MAX_ENTRY_BYTES):
                raise Failure("size", "entry %s is too large" % i)
    # 2. format
    if not isinstance(root, dict) or set(root) != {"format", "jws", "entries"}:
        raise Failure("format", "expected exactly the members format, jws and entries")
    if root["format"] != "procbundle/1":
        raise Failure("format", "format is not procbundle/1")
    sigs = jws.get("signatures") if isinstance(jws, dict) else None
    if (not isinstance(jws, dict) or set(jws) != {"payload", "signatures"} or not isinstance(jws["payload"], str)
            or not isinstance(sigs, list) or len(sigs) != 1 or not isinstance(sigs[0], dict)
            or set(sigs[0]) != {"protected", "signature"}
            or not isinstance(sigs[0]["protected"], str) or not isinstance(sigs[0]["signature"], str)):
        raise Failure("format", "jws must be {payload, signatures: [{protected, signature}]}")
    if not isinstance(entries, dict):
        raise Failure("format", "entries is not an object")
    for i, v in entries.items():
        if not isinstance(v, str):
            raise Failure("format", "entry %s is not a string" % i)
    # 3. strict base64url
    header = b64url(sigs[0]["protected"], "protected")
    payload = b64url(jws["payload"], "payload")
    signature = b64url(sigs[0]["signature"], "signature")
    decoded = {i: b64url(v, "entry %s" % i) for i, v in entries.items()}
    # 4. header
    try:
        h = strict_loads(header) if len(header) <= MAX_HEADER else None
    except (ValueError, UnicodeDecodeError):
        h = None
    if not isinstance(h, dict):
        raise Failure("header", "the protected header is not a JSON object")
    if h.get("alg") not in ("EdDSA", "Ed25519"):
        raise Failure("header", "alg %r is not allowed" % h.get("alg"))
    for name in FORBIDDEN_HEADER:
        if name in h:
            raise Failure("header", "the header member %s is not allowed" % name)
    if h.get("typ") != "procbundle-manifest+jws":
        raise Failure("header", "typ is not procbundle-manifest+jws")
    kid = h.get("kid")
    if not isinstance(kid, str):
        raise Failure("header", "the header has no kid")
    # 5. kid
    if kid not in keys:
        raise Failure("kid", "the key %s is not in the trust store" % kid)
    public_key, bound_issuer = keys[kid]
    # 6. signature
    try:
        if len(signature) != 64 or not canonical_signature(signature):
            raise InvalidSignature()
        public_key.verify(signature, (sigs[0]["protected"] + "." + jws["payload"]).encode("ascii"))
    except InvalidSignature:
        raise Failure("signature", "the Ed25519 signature of key %s does not verify" % kid)
    # 7. manifest
    try:
        m = strict_loads(payload)
    except (ValueError, UnicodeDecodeError):
        m = None
    created, expires = check_manifest(m)
    # 8. issuer
    if bound_issuer != m["issuer"]:
        raise Failure("issuer", "the key %s is bound to %s, not %s" % (kid, bound_issuer, m["issuer"]))
    # 9. time
    if created > now + CLOCK_SKEW:
        raise Failure("not-yet-valid", "created %s is in the future" % m["created"])
    if expires <= now:
        raise Failure("expired", "expired on %s" % m["expires"])
    # 10. state
    sha = hashlib.sha256(payload).hexdigest()
    last = state.get(m["issuer"])
    if last is not None:
        if m["sequence"] < last["sequence"]:
            raise Failure("rollback", "sequence %d < last accepted %d" % (m["sequence"], last["sequence"]))
        if m["sequence"] == last["sequence"] and sha != last["manifest_sha256"]:
            raise Failure("equivocation", "sequence %d was already accepted with another manifest" % m["sequence"])
        if m["sequence"] > last["sequence"] and m["previous"] != last["manifest_sha256"]:
            raise Failure("chain", "previous is not the manifest of sequence %d" % last["sequence"])
    # 11. entry set
    ids = [e["id"] for e in m["entries"]]
    for i in ids:
        if i not in decoded:
            raise Failure("missing-entry", "entry %s is in the manifest, not in the bundle" % i)
    extra = sorted(set(decoded) - set(ids))
    if extra:
        raise Failure("extra-entry", "entry %s is in the bundle, not in the manifest" % extra[0])
    # 12. sizes and hashes
    for e in m["entries"]:
        blob = decoded[e["id"]]
        if len(blob) != e["size"]:
            raise Failure("entry-size", "entry %s has %d bytes, not %d" % (e["id"], len(blob), e["size"]))
        if hashlib.sha256(blob).hexdigest() != e["sha256"]:
            raise Failure("entry-sha256", "entry %s does not have its SHA-256" % e["id"])
    # 13. ids
    sheets = []
    for i in ids:
        try:
            sheet = strict_loads(decoded[i])
        except (ValueError, UnicodeDecodeError) as e:
            raise Failure("entry-id", "entry %s is not JSON: %s" % (i, e))
        if not isinstance(sheet, dict) or sheet.get("id") != i:
            raise Failure("entry-id", "entry %s does not carry its own id" % i)
        sheets.append(sheet)
    # 14. the procedure format
    for i, sheet in zip(ids, sheets):
        try:
            schema.check(sheet, schema.root, "$")
        except ValueError as e:
            raise Failure("entry-schema", "entry %s: %s" % (i, e))
        if "revision" not in sheet or "published" not in sheet:
            raise Failure("entry-schema", "entry %s has no revision or published date" % i)
    return m["issuer"], m["sequence"], sha


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Verify procbundle/1 bundles.")
    parser.add_argument("--trust", required=True)
    parser.add_argument("--state")
    parser.add_argument("--schema", default=os.path.join(here, "..", "data", "schema", "procedure.schema.json"))
    parser.add_argument("bundles", nargs="+")
    args = parser.parse_args()
    try:
        keys = load_trust(args.trust)
        lock_state(args.state)  # held until the process ends
        state = load_state(args.state)
        schema = Schema(args.schema)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        print("verify-bundle: %s" % e, file=sys.stderr)
        return 2
    status = 0
    now = int(time.time())
    for path in args.bundles:
        try:
            with open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
        except OSError as e:
            print("verify-bundle: %s" % e, file=sys.stderr)
            return 2
        try:
            issuer, sequence, sha = verify(data, keys, state, schema, now)
        except Failure as e:
            print("%s\t%s" % (path, e.name))
            print("verify-bundle: %s: %s: %s" % (path, e.name, e), file=sys.stderr)
            status = 1
            continue
        print("%s\tok" % path)
        if args.state and len(args.bundles) == 1:
            state[issuer] = {"sequence": sequence, "manifest_sha256": sha}
            folder = os.path.dirname(os.path.abspath(args.state))
            with tempfile.NamedTemporaryFile("w", dir=folder, delete=False) as f:
                json.dump(state, f, indent=2)
                f.flush()
                os.fsync(f.fileno())
            os.replace(f.name, args.state)
    return status


if __name__ == "__main__":
    sys.exit(main())
