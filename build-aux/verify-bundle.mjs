#!/usr/bin/env node
// verify-bundle.mjs — a third, independent verifier of procbundle/1 bundles
//
// Same checks, same order and same failure names as `masatir-cli verify`
// (design.md §4, src/core/ms-bundle.c) and build-aux/verify-bundle.py, of
// which it is a line-by-line peer. Node.js's built-in modules only (no npm
// package): Node 18.19 or later (Debian 12's nodejs).
//
//   verify-bundle.mjs --trust FILE [--state FILE] [--schema FILE] BUNDLE...
//
// One line per bundle on stdout: "BUNDLE<TAB>ok" or "BUNDLE<TAB>NAME", the
// detail on stderr. Exit 0 when every bundle passed, 1 when one failed a
// check, 2 on unusable input. The state file is updated only when a single
// bundle was given and it passed; with --state, FILE.lock is held locked
// (flock) from reading the state to writing it, the lock masatir-cli takes.
//
// Node has no flock(2). The lock is taken by flock(1) from util-linux (an
// Essential package on Debian): this process opens FILE.lock and hands the
// descriptor to `flock -x 3` as its fd 3. A flock lock belongs to the open
// file description, which parent and child share, so when flock(1) returns
// the lock is this process's, and stays so until its descriptor is closed at
// exit — the very lock of masatir-cli and the Python peer, not an imitation.
//
// What JSON.parse would get wrong, and this file's own reader does not:
// duplicate member names (the last one silently wins), lone surrogates
// ("\ud800"), "\u0000", unbounded depth, and integers beyond 2^53 (rounded).
// Integers are BigInt here, floats Number, objects Map (insertion order, and
// no "__proto__" surprises).
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { Buffer } from 'node:buffer';
import * as bufferModule from 'node:buffer';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_BYTES = 1024 * 1024 * 1024;
const MAX_ENTRIES = 100000;
const MAX_ENTRY_BYTES = 1024 * 1024;
const MAX_MANIFEST = 32 * 1024 * 1024;
const MAX_HEADER = 4096;
const MAX_DEPTH = 64;
const CLOCK_SKEW = 300;
const FORBIDDEN_HEADER = ['crit', 'jwk', 'jku', 'x5u', 'x5c', 'b64'];
// No "m" flag: "$" matches at the very end only (Python's \Z). Explicit
// [0-9], as in the Python: no Unicode digit anywhere.
const SHEET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const ISSUER = /^[A-Za-z0-9._-]{1,64}$/;
const TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

class Failure extends Error {
  constructor (name, detail) {
    super(detail);
    this.failure = name;
  }
}

// Unusable input (exit 2): Python's ValueError and OSError.
class Unusable extends Error {}

function encodedLength (n) {
  return Math.floor((n * 4 + 2) / 3);
}

// Python's len () of a str counts code points, JavaScript's length UTF-16
// units; the strict reader lets no lone surrogate through, so every
// surrogate is half of a pair.
function codePoints (s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

// Python's str ordering (sorted, <): by code point, not by UTF-16 unit.
function compareCodePoints (a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const isInt = (v) => typeof v === 'bigint';
const isStr = (v) => typeof v === 'string';
const isMap = (v) => v instanceof Map;

// {{{1 Strict JSON: what ms-strict-json.c and the Python peer refuse

// Valid UTF-8 first, as Python's bytes.decode ("utf-8"): no overlong form,
// no encoded surrogate. buffer.isUtf8 is Node >= 18.14; the streaming
// TextDecoder is the fallback (and has no 512 M-character string limit).
function isUtf8 (bytes) {
  if (typeof bufferModule.isUtf8 === 'function') return bufferModule.isUtf8(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    const step = 16 * 1024 * 1024;
    for (let i = 0; i < bytes.length; i += step) {
      decoder.decode(bytes.subarray(i, Math.min(bytes.length, i + step)), { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

const SIMPLE_ESCAPES = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

// A recursive descent reader over the bytes (a 1 GiB bundle does not fit in
// one JavaScript string). RFC 8259 exactly, as Python's json: only " \t\n\r"
// as white space (a byte order mark is refused), no NaN or Infinity.
class Reader {
  constructor (bytes) {
    this.b = bytes;
    this.pos = 0;
  }

  fail (why) {
    throw new Unusable(`${why} at byte ${this.pos}`);
  }

  space () {
    const b = this.b;
    let c;
    while ((c = b[this.pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
  }

  literal (word, value) {
    for (let i = 0; i < word.length; i++) {
      if (this.b[this.pos + i] !== word.charCodeAt(i)) this.fail('unexpected character');
    }
    this.pos += word.length;
    return value;
  }

  value (depth) {
    this.space();
    const c = this.b[this.pos];
    if (c === 0x22) return this.string();
    if (c === 0x7b || c === 0x5b) {
      // Python's _walk: the root is at depth 0, a container at 64 too deep.
      if (depth >= MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
      return c === 0x7b ? this.object(depth) : this.array(depth);
    }
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.fail(c === undefined ? 'unexpected end of text' : 'unexpected character');
  }

  object (depth) {
    const members = new Map();
    this.pos++;
    this.space();
    if (this.b[this.pos] === 0x7d) {
      this.pos++;
      return members;
    }
    for (;;) {
      this.space();
      if (this.b[this.pos] !== 0x22) this.fail('a member name must be a string');
      const name = this.string();
      this.space();
      if (this.b[this.pos] !== 0x3a) this.fail('":" expected');
      this.pos++;
      // Compared after unescaping: "a" and "\u0061" are the same name.
      if (members.has(name)) this.fail(`duplicate member name ${JSON.stringify(name)}`);
      members.set(name, this.value(depth + 1));
      this.space();
      const c = this.b[this.pos++];
      if (c === 0x7d) return members;
      if (c !== 0x2c) this.fail('"," or "}" expected');
    }
  }

  array (depth) {
    const items = [];
    this.pos++;
    this.space();
    if (this.b[this.pos] === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.space();
      const c = this.b[this.pos++];
      if (c === 0x5d) return items;
      if (c !== 0x2c) this.fail('"," or "]" expected');
    }
  }

  hex4 () {
    const text = this.b.toString('latin1', this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(text)) this.fail('invalid \\u escape');
    this.pos += 4;
    return parseInt(text, 16);
  }

  string () {
    const b = this.b;
    let run = ++this.pos;
    // The common case in one pass: up to the next quote, no escape and no
    // control character (a base64url entry is up to 1.4 MB); V8 compiles
    // this loop to a few instructions a byte.
    let end = run;
    let c;
    while ((c = b[end]) !== 0x22 && c !== 0x5c && c >= 0x20) end++;
    if (c === 0x22) {
      this.pos = end + 1;
      return b.toString('utf8', run, end);
    }
    this.pos = end;
    let text = '';
    for (;;) {
      const c = b[this.pos];
      if (c === 0x22) {
        text += b.toString('utf8', run, this.pos);
        this.pos++;
        return text;
      }
      if (c === undefined) this.fail('unterminated string');
      if (c < 0x20) this.fail('a control character in a string');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      text += b.toString('utf8', run, this.pos);
      const e = b[++this.pos];
      this.pos++;
      if (e in SIMPLE_ESCAPES) {
        text += SIMPLE_ESCAPES[e];
      } else if (e === 0x75) {
        const u = this.hex4();
        if (u === 0) this.fail('\\u0000 is not supported');
        if (u >= 0xdc00 && u <= 0xdfff) this.fail('a lone surrogate is not a character');
        if (u >= 0xd800 && u <= 0xdbff) {
          // Only an escaped low surrogate right after completes the pair.
          if (b[this.pos] !== 0x5c || b[this.pos + 1] !== 0x75) this.fail('a lone surrogate is not a character');
          this.pos += 2;
          const low = this.hex4();
          if (low < 0xdc00 || low > 0xdfff) this.fail('a lone surrogate is not a character');
          text += String.fromCharCode(u, low);
        } else {
          text += String.fromCharCode(u);
        }
      } else {
        this.fail('invalid escape');
      }
      run = this.pos;
    }
  }

  number () {
    const start = this.pos;
    const b = this.b;
    const digits = () => {
      const from = this.pos;
      while (b[this.pos] >= 0x30 && b[this.pos] <= 0x39) this.pos++;
      if (this.pos === from) this.fail('a digit expected');
    };
    let integer = true;
    if (b[this.pos] === 0x2d) this.pos++;
    if (b[this.pos] === 0x30) this.pos++;
    else digits();
    if (b[this.pos] === 0x2e) {
      this.pos++;
      digits();
      integer = false;
    }
    if (b[this.pos] === 0x65 || b[this.pos] === 0x45) {
      this.pos++;
      if (b[this.pos] === 0x2b || b[this.pos] === 0x2d) this.pos++;
      digits();
      integer = false;
    }
    const text = b.toString('latin1', start, this.pos);
    // As the Python peer: an integer within int64 stays an exact integer,
    // any other number is a double, and one beyond the double range is
    // refused (Python's float () would give inf).
    if (integer) {
      const value = BigInt(text);
      if (value >= -(2n ** 63n) && value < 2n ** 63n) return value;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) this.fail(`the number ${text} is out of range`);
    return value;
  }
}

function strictParse (bytes) {
  if (!isUtf8(bytes)) throw new Unusable('not valid UTF-8');
  const reader = new Reader(bytes);
  const value = reader.value(0);
  reader.space();
  if (reader.pos !== bytes.length) reader.fail('extra data');
  return value;
}

// {{{1 Ed25519 points (RFC 8032 §5.1), as libsodium's checks see them
//
// OpenSSL accepts a small-order public key and a small-order R, so that a
// signature R = identity, S = 0 verifies for any message under the identity
// key: both are refused here, as by libsodium.

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const mod = (a) => ((a % P) + P) % P;

function power (base, exponent) {
  let result = 1n;
  base = mod(base);
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % P;
    base = (base * base) % P;
    exponent >>= 1n;
  }
  return result;
}

const D = mod(-121665n * power(121666n, P - 2n));
const SQRT_M1 = power(2n, (P - 1n) / 4n);
const IDENTITY = [0n, 1n, 1n, 0n];
// The y of the 8 points of small order (the sign of x aside), and p and
// p + 1, which encode 0 and 1 again: ge25519_has_small_order's list.
const SMALL_ORDER_Y = new Set([0n, 1n, P - 1n, P, P + 1n,
  2707385501144840649318225287225658788936804267575313519463743609750303402022n,
  55188659117513257062467267217118295137698188065244968500265048394206261417927n]);

function pointAdd (p, q) {
  const a = mod((p[1] - p[0]) * (q[1] - q[0]));
  const b = mod((p[1] + p[0]) * (q[1] + q[0]));
  const c = mod(2n * p[3] * q[3] * D);
  const d = mod(2n * p[2] * q[2]);
  const [e, f, g, h] = [b - a, d - c, d + c, b + a];
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}

function pointMul (n, p) {
  let r = IDENTITY;
  while (n) {
    if (n & 1n) r = pointAdd(r, p);
    p = pointAdd(p, p);
    n >>= 1n;
  }
  return r;
}

const isIdentity = (p) => mod(p[0]) === 0n && mod(p[1] - p[2]) === 0n;

function littleEndian (bytes) {
  return BigInt('0x' + (Buffer.from(bytes).reverse().toString('hex') || '0'));
}

function pointDecode (raw) {
  let y = littleEndian(raw);
  const sign = y >> 255n;
  y &= (1n << 255n) - 1n;
  if (y >= P) return null;
  const x2 = mod((y * y - 1n) * power(D * y * y + 1n, P - 2n));
  let x = power(x2, (P + 3n) / 8n);
  if (mod(x * x - x2) !== 0n) x = mod(x * SQRT_M1);
  if (mod(x * x - x2) !== 0n || (x === 0n && sign === 1n)) return null;
  if ((x & 1n) !== sign) x = P - x;
  return [x, y, 1n, mod(x * y)];
}

// crypto_core_ed25519_is_valid_point: y < p, on the curve, not of small
// order, in the prime-order subgroup.
function validPublicKey (raw) {
  const point = pointDecode(raw);
  return point !== null && !isIdentity(pointMul(8n, point)) && isIdentity(pointMul(L, point));
}

// What libsodium checks before the equation: S < L, R not of small order.
function canonicalSignature (signature) {
  const r = littleEndian(signature.subarray(0, 32)) & ((1n << 255n) - 1n);
  return littleEndian(signature.subarray(32)) < L && !SMALL_ORDER_Y.has(r);
}

// {{{1 Strict base64url

// RFC 4648 §5 without padding, canonical: Buffer.from (…, 'base64url')
// skips what it does not know and ignores the padding bits, so both are
// checked here. The last character of a 2- or 3-character group carries
// 4 or 2 padding bits, which must be zero (Python re-encodes and compares:
// the same test).
const PAD_MASK = [0, 0, 0x0f, 0x03];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function b64url (text, what) {
  if (!isStr(text) || !B64URL.test(text) || text.length % 4 === 1 ||
      (text.length % 4 !== 0 && (ALPHABET.indexOf(text[text.length - 1]) & PAD_MASK[text.length % 4]) !== 0)) {
    throw new Failure('base64url', `${what} is not strict base64url`);
  }
  return Buffer.from(text, 'base64url');
}

// {{{1 Times and dates, as Python's strptime and date.fromisoformat

function daysInMonth (year, month) {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

// A real date of years 1 to 9999 (datetime.MINYEAR..MAXYEAR).
function realDate (year, month, day) {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil): Date.UTC would take years 0–99 for 1900–1999.
function daysFromCivil (y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// YYYY-MM-DDTHH:MM:SSZ, a real date and time (no second 60): seconds since
// the epoch, or null.
function parseTime (text) {
  const m = isStr(text) ? TIME.exec(text) : null;
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  if (!realDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

// {{{1 A subset of JSON Schema 2020-12: what data/schema/procedure.schema.json uses

// Python's ==, which `in` uses for enum: True == 1 == 1.0.
function pyEqual (a, b) {
  const numeric = (v) => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
  if (numeric(a) && numeric(b)) {
    const n = (v) => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);
    return n(a) == n(b); // eslint-disable-line eqeqeq -- BigInt == Number is exact
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => pyEqual(v, b[i]));
  if (isMap(a) && isMap(b)) {
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && pyEqual(v, b.get(k)));
  }
  return a === b;
}

function pyRepr (v) {
  if (v === null || v === undefined) return 'None';
  if (isStr(v)) return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

const SURROGATE = /[\ud800-\udfff]/;
const TYPES = {
  object: isMap,
  array: Array.isArray,
  string: isStr,
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  integer: isInt,
  number: (v) => isInt(v) || typeof v === 'number',
};

// The schema is compiled once into plain objects ($ref resolved, patterns
// built, lengths as numbers): checking 10,000 sheets walks it a few million
// times. The path of a value ("$.documents[2].name") is only spelled out
// for an error.
class Schema {
  constructor (file) {
    this.root = strictParse(fs.readFileSync(file));
    this.compiled = new Map();
    this.top = this.compile(this.root);
  }

  compile (schema) {
    if (this.compiled.has(schema)) return this.compiled.get(schema);
    const node = {};
    this.compiled.set(schema, node);
    const number = (name, fallback) => (schema.has(name) ? Number(schema.get(name)) : fallback);
    if (schema.has('$ref')) {
      const ref = schema.get('$ref');
      let target = this.root;
      for (const part of ref.replace(/^[#/]+/, '').split('/')) target = target.get(part);
      node.ref = this.compile(target);
      // The loader also checks that a date exists.
      node.date = ref === '#/$defs/date';
    }
    node.type = schema.has('type') ? schema.get('type') : null;
    node.test = node.type !== null ? TYPES[node.type] : null;
    node.enum = schema.has('enum') ? schema.get('enum') : null;
    node.minLength = number('minLength', 0);
    node.maxLength = number('maxLength', Infinity);
    // ECMA-262 patterns are native here; "u" so that a character is a code
    // point, as in Python (\d stays ASCII with "u", as the schema means).
    node.pattern = schema.has('pattern') ? new RegExp(schema.get('pattern'), 'u') : null;
    // BigInt and Number compare exactly with < and >, as Python's int and float.
    node.minimum = schema.has('minimum') ? schema.get('minimum') : null;
    node.maximum = schema.has('maximum') ? schema.get('maximum') : null;
    node.minItems = number('minItems', 0);
    node.maxItems = number('maxItems', Infinity);
    node.items = schema.has('items') ? this.compile(schema.get('items')) : null;
    node.minProperties = number('minProperties', 0);
    node.required = schema.has('required') ? schema.get('required') : [];
    node.properties = new Map();
    for (const [name, sub] of schema.has('properties') ? schema.get('properties') : []) {
      node.properties.set(name, this.compile(sub));
    }
    const extra = schema.has('additionalProperties') ? schema.get('additionalProperties') : true;
    node.extra = isMap(extra) ? this.compile(extra) : extra;
    return node;
  }

  // Throws Unusable with the path and what is wrong, as the Python's Schema.
  check (value) {
    const path = [];
    const where = () => '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
    const walk = (v, node) => {
      if (node.ref !== undefined) {
        walk(v, node.ref);
        if (node.date && isStr(v)) {
          const [y, m, d] = v.split('-').map(Number);
          if (!realDate(y, m, d)) throw new Unusable(`${where()}: ${v} is not a date`);
        }
      }
      if (node.test !== null && !node.test(v)) {
        throw new Unusable(`${where()}: not ${node.type === 'integer' ? 'an' : 'a'} ${node.type}`);
      }
      if (node.enum !== null && !node.enum.some((option) => pyEqual(option, v))) {
        throw new Unusable(`${where()}: not one of ${node.enum.map(pyRepr).join(', ')}`);
      }
      if (isStr(v)) {
        const n = SURROGATE.test(v) ? codePoints(v) : v.length;
        if (n < node.minLength || n > node.maxLength) throw new Unusable(`${where()}: length`);
        if (node.pattern !== null && !node.pattern.test(v)) throw new Unusable(`${where()}: pattern`);
      } else if (isInt(v) || typeof v === 'number') {
        if ((node.minimum !== null && v < node.minimum) || (node.maximum !== null && v > node.maximum)) {
          throw new Unusable(`${where()}: out of range`);
        }
      } else if (Array.isArray(v)) {
        if (v.length < node.minItems || v.length > node.maxItems) throw new Unusable(`${where()}: number of items`);
        if (node.items !== null) {
          for (let i = 0; i < v.length; i++) {
            path.push(i);
            walk(v[i], node.items);
            path.pop();
          }
        }
      } else if (isMap(v)) {
        if (v.size < node.minProperties) throw new Unusable(`${where()}: too few members`);
        for (const name of node.required) {
          if (!v.has(name)) throw new Unusable(`${where()}: ${name} is required`);
        }
        for (const [name, item] of v) {
          path.push(name);
          const sub = node.properties.get(name);
          if (sub !== undefined) walk(item, sub);
          else if (node.extra === false) throw new Unusable(`${where()}: unknown member`);
          else if (typeof node.extra === 'object') walk(item, node.extra);
          path.pop();
        }
      }
    };
    walk(value, this.top);
  }
}

// {{{1 Trust store and state file

function loadTrust (file) {
  const trust = strictParse(fs.readFileSync(file));
  if (!isMap(trust) || !isInt(trust.get('threshold')) || trust.get('threshold') !== 1n || !isMap(trust.get('keys'))) {
    throw new Unusable('trust store: expected {threshold: 1, keys: {...}}');
  }
  const keys = new Map();
  for (const [kid, jwk] of trust.get('keys')) {
    const x = isMap(jwk) ? jwk.get('x') : undefined;
    let raw = null;
    if (isStr(x)) {
      try {
        raw = b64url(x, 'x');
      } catch {
        raw = null;
      }
    }
    let thumb = null;
    if (raw !== null && raw.length === 32) {
      // RFC 7638: the required members, sorted, no white space.
      thumb = crypto.createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
    }
    if (thumb !== kid || jwk.get('kty') !== 'OKP' || jwk.get('crv') !== 'Ed25519' ||
        !isStr(jwk.get('issuer')) || !ISSUER.test(jwk.get('issuer'))) {
      throw new Unusable(`trust store: the key ${kid} is not an Ed25519 JWK with an issuer and this thumbprint`);
    }
    // masatir-cli says the same words.
    if (!validPublicKey(raw)) {
      throw new Unusable(`trust store: the key ${kid} is not a valid Ed25519 public key (small order, ` +
                         'not in the prime-order subgroup, or not canonical)');
    }
    const key = crypto.createPublicKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed25519', x } });
    keys.set(kid, [key, jwk.get('issuer')]);
  }
  return keys;
}

// The lock masatir-cli takes (ms-bundle-lock.c): flock on FILE.lock, a file
// never replaced, since writing the state renames a new file over it. See
// the header for why flock(1) takes it on this process's descriptor.
function lockState (file) {
  const fd = fs.openSync(file + '.lock', fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
  const run = spawnSync('flock', ['--exclusive', '3'], { stdio: ['ignore', 'ignore', 'pipe', fd] });
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : String(run.stderr).trim();
    throw new Unusable(`cannot lock ${file}.lock with flock(1) from util-linux: ${why}`);
  }
  return fd; // kept open, hence locked, until the process ends
}

function loadState (file) {
  if (file === null || !fs.existsSync(file)) return new Map();
  const state = strictParse(fs.readFileSync(file));
  if (!isMap(state)) throw new Unusable(`state file ${file}: not a JSON object`);
  for (const [issuer, entry] of state) {
    if (!isMap(entry) || !isInt(entry.get('sequence')) || entry.get('sequence') < 1n ||
        !isStr(entry.get('manifest_sha256')) || !HEX64.test(entry.get('manifest_sha256'))) {
      throw new Unusable(`state file: ${issuer} needs a sequence and a manifest_sha256`);
    }
  }
  return state;
}

// Python's json.dump (…, indent=2) with its defaults (ensure_ascii, repr of
// floats), so that both peers write the same bytes.
function pyString (s) {
  const named = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch in named) out += named[ch];
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else out += '\\u' + c.toString(16).padStart(4, '0');
  }
  return out + '"';
}

// repr (float): the shortest digits (as JavaScript's), in exponent form
// below 1e-4 and from 1e16 on, where JavaScript's String () is fixed.
function pyFloat (x) {
  if (Object.is(x, -0)) return '-0.0';
  const [digits, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${digits}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const s = String(x);
  return s.includes('.') ? s : s + '.0';
}

function pyDump (v, indent = '') {
  const inner = indent + '  ';
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (isInt(v)) return v.toString();
  if (typeof v === 'number') return pyFloat(v);
  if (isStr(v)) return pyString(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((item) => inner + pyDump(item, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (v.size === 0) return '{}';
  return '{\n' + [...v].map(([k, item]) => `${inner}${pyString(k)}: ${pyDump(item, inner)}`).join(',\n') + '\n' + indent + '}';
}

// A new file beside the state, synced, renamed over it: never half a state.
function saveState (file, state) {
  const folder = path.dirname(path.resolve(file));
  let temp;
  let fd;
  for (;;) {
    temp = path.join(folder, `.verify-bundle-${crypto.randomBytes(6).toString('hex')}`);
    try {
      fd = fs.openSync(temp, 'wx', 0o600);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
  }
  try {
    fs.writeSync(fd, pyDump(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

// {{{1 The checks, in design.md §4's order

function checkManifest (m) {
  const members = ['type', 'schema_version', 'bundle_id', 'issuer', 'sequence', 'created', 'expires',
    'previous', 'entries', 'withdrawn'];
  const bad = (why) => new Failure('manifest', why);
  const exactly = (map, names) => map.size === names.length && names.every((n) => map.has(n));
  if (!isMap(m) || !exactly(m, members)) throw bad('not an object with exactly the procbundle-manifest members');
  if (m.get('type') !== 'procbundle-manifest' || m.get('schema_version') !== 1n) {
    throw bad('not a procbundle-manifest of schema_version 1');
  }
  const issuer = m.get('issuer');
  const seq = m.get('sequence');
  if (!isStr(issuer) || !ISSUER.test(issuer) || !isInt(seq) || seq < 1n || seq > 2n ** 53n - 1n) {
    throw bad('issuer or sequence invalid');
  }
  if (m.get('bundle_id') !== `${issuer}-${seq}`) throw bad('bundle_id is not ISSUER-SEQUENCE');
  const created = parseTime(m.get('created'));
  const expires = parseTime(m.get('expires'));
  if (created === null || expires === null || expires <= created) {
    throw bad('created and expires must be YYYY-MM-DDTHH:MM:SSZ, expires after created');
  }
  const prev = m.get('previous');
  if (seq === 1n ? prev !== null : !(isStr(prev) && HEX64.test(prev))) {
    throw bad('previous must be null for sequence 1, else a lowercase SHA-256');
  }
  const entries = m.get('entries');
  const entriesBad = 'entries must be {id, media_type, sha256, size} sorted by distinct id';
  if (!Array.isArray(entries) || entries.length > MAX_ENTRIES) throw bad(entriesBad);
  let last = null;
  for (const e of entries) {
    if (!isMap(e) || !exactly(e, ['id', 'media_type', 'sha256', 'size']) ||
        !isStr(e.get('id')) || !SHEET_ID.test(e.get('id')) ||
        e.get('media_type') !== 'application/json' ||
        !isStr(e.get('sha256')) || !HEX64.test(e.get('sha256')) ||
        !isInt(e.get('size')) || e.get('size') < 0n || e.get('size') > BigInt(MAX_ENTRY_BYTES) ||
        (last !== null && last >= e.get('id'))) {
      throw bad(entriesBad);
    }
    last = e.get('id');
  }
  const gone = m.get('withdrawn');
  if (!Array.isArray(gone) || gone.length > MAX_ENTRIES ||
      !gone.every((i) => isStr(i) && SHEET_ID.test(i)) ||
      gone.some((id, i) => i + 1 < gone.length && id >= gone[i + 1])) {
    throw bad('withdrawn must be distinct sheet ids, sorted');
  }
  const ids = new Set(entries.map((e) => e.get('id')));
  if (gone.some((id) => ids.has(id))) throw bad('a sheet is both withdrawn and an entry');
  return [created, expires];
}

function verify (data, keys, state, schema, now) {
  if (data.length > MAX_BYTES) throw new Failure('size', `the file is larger than ${MAX_BYTES} bytes`);
  let root;
  try {
    root = strictParse(data);
  } catch (e) {
    if (!(e instanceof Unusable)) throw e;
    throw new Failure('format', `not strict JSON: ${e.message}`);
  }
  // 1. size limits (what needs the tree)
  const jws = isMap(root) ? root.get('jws') : undefined;
  if (isMap(jws) && isStr(jws.get('payload')) && jws.get('payload').length > encodedLength(MAX_MANIFEST) &&
      codePoints(jws.get('payload')) > encodedLength(MAX_MANIFEST)) {
    throw new Failure('size', 'the manifest is too large');
  }
  const entries = isMap(root) ? root.get('entries') : undefined;
  if (isMap(entries)) {
    if (entries.size > MAX_ENTRIES) throw new Failure('size', `${entries.size} entries, more than ${MAX_ENTRIES}`);
    for (const [i, v] of entries) {
      if (isStr(v) && v.length > encodedLength(MAX_ENTRY_BYTES) && codePoints(v) > encodedLength(MAX_ENTRY_BYTES)) {
        throw new Failure('size', `entry ${i} is too large`);
      }
    }
  }
  // 2. format
  const exactly = (map, names) => map.size === names.length && names.every((n) => map.has(n));
  if (!isMap(root) || !exactly(root, ['format', 'jws', 'entries'])) {
    throw new Failure('format', 'expected exactly the members format, jws and entries');
  }
  if (root.get('format') !== 'procbundle/1') throw new Failure('format', 'format is not procbundle/1');
  const sigs = isMap(jws) ? jws.get('signatures') : undefined;
  if (!isMap(jws) || !exactly(jws, ['payload', 'signatures']) || !isStr(jws.get('payload')) ||
      !Array.isArray(sigs) || sigs.length !== 1 || !isMap(sigs[0]) ||
      !exactly(sigs[0], ['protected', 'signature']) ||
      !isStr(sigs[0].get('protected')) || !isStr(sigs[0].get('signature'))) {
    throw new Failure('format', 'jws must be {payload, signatures: [{protected, signature}]}');
  }
  if (!isMap(entries)) throw new Failure('format', 'entries is not an object');
  for (const [i, v] of entries) {
    if (!isStr(v)) throw new Failure('format', `entry ${i} is not a string`);
  }
  // 3. strict base64url
  const protectedText = sigs[0].get('protected');
  const payloadText = jws.get('payload');
  const header = b64url(protectedText, 'protected');
  const payload = b64url(payloadText, 'payload');
  const signature = b64url(sigs[0].get('signature'), 'signature');
  const decoded = new Map();
  for (const [i, v] of entries) decoded.set(i, b64url(v, `entry ${i}`));
  // 4. header
  let h = null;
  if (header.length <= MAX_HEADER) {
    try {
      h = strictParse(header);
    } catch (e) {
      if (!(e instanceof Unusable)) throw e;
    }
  }
  if (!isMap(h)) throw new Failure('header', 'the protected header is not a JSON object');
  if (!['EdDSA', 'Ed25519'].includes(h.get('alg'))) {
    throw new Failure('header', `alg ${pyRepr(h.get('alg'))} is not allowed`);
  }
  for (const name of FORBIDDEN_HEADER) {
    if (h.has(name)) throw new Failure('header', `the header member ${name} is not allowed`);
  }
  if (h.get('typ') !== 'procbundle-manifest+jws') throw new Failure('header', 'typ is not procbundle-manifest+jws');
  const kid = h.get('kid');
  if (!isStr(kid)) throw new Failure('header', 'the header has no kid');
  // 5. kid: only a pinned key, never one the message carries
  if (!keys.has(kid)) throw new Failure('kid', `the key ${kid} is not in the trust store`);
  const [publicKey, boundIssuer] = keys.get(kid);
  // 6. signature: libsodium's extra checks, then OpenSSL's Ed25519
  if (signature.length !== 64 || !canonicalSignature(signature) ||
      !crypto.verify(null, Buffer.from(`${protectedText}.${payloadText}`, 'ascii'), publicKey, signature)) {
    throw new Failure('signature', `the Ed25519 signature of key ${kid} does not verify`);
  }
  // 7. manifest
  let m = null;
  try {
    m = strictParse(payload);
  } catch (e) {
    if (!(e instanceof Unusable)) throw e;
  }
  const [created, expires] = checkManifest(m);
  // 8. issuer
  if (boundIssuer !== m.get('issuer')) {
    throw new Failure('issuer', `the key ${kid} is bound to ${boundIssuer}, not ${m.get('issuer')}`);
  }
  // 9. time
  if (created > now + CLOCK_SKEW) throw new Failure('not-yet-valid', `created ${m.get('created')} is in the future`);
  if (expires <= now) throw new Failure('expired', `expired on ${m.get('expires')}`);
  // 10. state
  const sha = crypto.createHash('sha256').update(payload).digest('hex');
  const last = state.get(m.get('issuer'));
  const seq = m.get('sequence');
  if (last !== undefined) {
    const lastSeq = last.get('sequence');
    if (seq < lastSeq) throw new Failure('rollback', `sequence ${seq} < last accepted ${lastSeq}`);
    if (seq === lastSeq && sha !== last.get('manifest_sha256')) {
      throw new Failure('equivocation', `sequence ${seq} was already accepted with another manifest`);
    }
    if (seq > lastSeq && m.get('previous') !== last.get('manifest_sha256')) {
      throw new Failure('chain', `previous is not the manifest of sequence ${lastSeq}`);
    }
  }
  // 11. entry set
  const ids = m.get('entries').map((e) => e.get('id'));
  for (const i of ids) {
    if (!decoded.has(i)) throw new Failure('missing-entry', `entry ${i} is in the manifest, not in the bundle`);
  }
  const listed = new Set(ids);
  const extra = [...decoded.keys()].filter((i) => !listed.has(i)).sort(compareCodePoints);
  if (extra.length > 0) throw new Failure('extra-entry', `entry ${extra[0]} is in the bundle, not in the manifest`);
  // 12. sizes and hashes
  for (const e of m.get('entries')) {
    const blob = decoded.get(e.get('id'));
    if (BigInt(blob.length) !== e.get('size')) {
      throw new Failure('entry-size', `entry ${e.get('id')} has ${blob.length} bytes, not ${e.get('size')}`);
    }
    if (crypto.createHash('sha256').update(blob).digest('hex') !== e.get('sha256')) {
      throw new Failure('entry-sha256', `entry ${e.get('id')} does not have its SHA-256`);
    }
  }
  // 13. ids and 14. the procedure format, in one pass so that no parsed
  // sheet is kept (10,000 of them kept make the garbage collector the
  // largest cost): every entry's id is checked before any schema failure is
  // named, as when the two steps are two passes.
  let schemaFailure = null;
  for (const i of ids) {
    let sheet;
    try {
      sheet = strictParse(decoded.get(i));
    } catch (e) {
      if (!(e instanceof Unusable)) throw e;
      throw new Failure('entry-id', `entry ${i} is not JSON: ${e.message}`);
    }
    if (!isMap(sheet) || sheet.get('id') !== i) throw new Failure('entry-id', `entry ${i} does not carry its own id`);
    if (schemaFailure !== null) continue;
    try {
      schema.check(sheet);
    } catch (e) {
      if (!(e instanceof Unusable)) throw e;
      schemaFailure = new Failure('entry-schema', `entry ${i}: ${e.message}`);
      continue;
    }
    if (!sheet.has('revision') || !sheet.has('published')) {
      schemaFailure = new Failure('entry-schema', `entry ${i} has no revision or published date`);
    }
  }
  if (schemaFailure !== null) throw schemaFailure;
  return [m.get('issuer'), seq, sha];
}

// {{{1 Command line

const USAGE = 'usage: verify-bundle.mjs [-h] --trust TRUST [--state STATE] [--schema SCHEMA] bundles [bundles ...]';

// As Python's argparse: --opt VALUE, --opt=VALUE, a unique prefix of an
// option, "--" before bundles; a usage error is exit 2.
function parseArguments (argv, here) {
  const options = { trust: null, state: null, schema: path.join(here, '..', 'data', 'schema', 'procedure.schema.json') };
  const bundles = [];
  const usage = (why) => {
    process.stderr.write(`${USAGE}\nverify-bundle.mjs: error: ${why}\n`);
    process.exit(2);
  };
  let trustSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      bundles.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n\nVerify procbundle/1 bundles.\n`);
      process.exit(0);
    }
    if (!arg.startsWith('-') || arg === '-') {
      bundles.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, null];
    const matches = flag.startsWith('--') && flag.length > 2
      ? ['trust', 'state', 'schema', 'help'].filter((name) => ('--' + name).startsWith(flag))
      : [];
    if (matches.length !== 1) usage(matches.length > 1 ? `ambiguous option: ${flag}` : `unrecognized arguments: ${arg}`);
    if (matches[0] === 'help') {
      process.stdout.write(`${USAGE}\n\nVerify procbundle/1 bundles.\n`);
      process.exit(0);
    }
    let value = inline;
    if (value === null) {
      if (i + 1 >= argv.length || (argv[i + 1].startsWith('-') && argv[i + 1] !== '-')) {
        usage(`argument --${matches[0]}: expected one argument`);
      }
      value = argv[++i];
    }
    options[matches[0]] = value;
    if (matches[0] === 'trust') trustSeen = true;
  }
  if (!trustSeen) usage('the following arguments are required: --trust');
  if (bundles.length === 0) usage('the following arguments are required: bundles');
  return { ...options, bundles };
}

// At most MAX_BYTES + 1 bytes: enough to know the file is too large. The
// buffer is sized from fstat (one byte more, to see a file that grew) and
// grown if the file is longer than it said.
function readBundle (file) {
  const fd = fs.openSync(file, 'r');
  try {
    let data = Buffer.allocUnsafe(Math.min(fs.fstatSync(fd).size, MAX_BYTES) + 1);
    let total = 0;
    for (;;) {
      if (total === data.length) {
        if (total === MAX_BYTES + 1) break;
        const bigger = Buffer.allocUnsafe(Math.min(2 * data.length, MAX_BYTES + 1));
        data.copy(bigger, 0, 0, total);
        data = bigger;
      }
      const n = fs.readSync(fd, data, total, data.length - total, null);
      if (n === 0) break;
      total += n;
    }
    return data.subarray(0, total);
  } finally {
    fs.closeSync(fd);
  }
}

function main () {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args = parseArguments(process.argv.slice(2), here);
  let keys, state, schema;
  try {
    keys = loadTrust(args.trust);
    if (args.state !== null) lockState(args.state); // held until the process ends
    state = loadState(args.state);
    schema = new Schema(args.schema);
  } catch (e) {
    process.stderr.write(`verify-bundle: ${e.message}\n`);
    return 2;
  }
  let status = 0;
  const now = Math.floor(Date.now() / 1000);
  for (const file of args.bundles) {
    let data;
    try {
      data = readBundle(file);
    } catch (e) {
      process.stderr.write(`verify-bundle: ${e.message}\n`);
      return 2;
    }
    let result;
    try {
      result = verify(data, keys, state, schema, now);
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      process.stdout.write(`${file}\t${e.failure}\n`);
      process.stderr.write(`verify-bundle: ${file}: ${e.failure}: ${e.message}\n`);
      status = 1;
      continue;
    }
    process.stdout.write(`${file}\tok\n`);
    if (args.state !== null && args.bundles.length === 1) {
      const [issuer, sequence, sha] = result;
      state.set(issuer, new Map([['sequence', sequence], ['manifest_sha256', sha]]));
      saveState(args.state, state);
    }
  }
  return status;
}

process.exitCode = main();
