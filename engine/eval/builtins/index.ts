/**
 * The host built-ins Parapet adds to opa-wasm (names in ./names.ts, listed in
 * capabilities.json). `time.now_ns` is one fixed instant per evaluation run (the caller's `now`), so a scan is
 * reproducible. Arguments arrive and results leave through the exact JSON codec
 * (../json.ts): nanosecond integers are BigInt.
 */
import type { HOST_BUILTIN_NAMES } from './names.js';
import * as time from './time.js';
import * as misc from './misc.js';
import { sprintf } from './sprintf.js';

export type HostBuiltin = (...args: unknown[]) => unknown;

export function hostBuiltins(now: () => bigint): Record<(typeof HOST_BUILTIN_NAMES)[number], HostBuiltin> {
  return {
    'net.cidr_is_valid': (c) => misc.cidrIsValid(c),
    'regex.replace': (s, p, v) => misc.regexReplace(s, p, v),
    'semver.compare': (a, b) => misc.semverCompare(a, b),
    'semver.is_valid': (v) => misc.semverIsValid(v),
    sprintf: (f, a) => sprintf(f, a),
    'strings.any_prefix_match': (s, b) => misc.anyPrefixMatch(s, b),
    'strings.any_suffix_match': (s, b) => misc.anySuffixMatch(s, b),
    'strings.count': (s, sub) => misc.stringsCount(s, sub),
    'time.add_date': (t, y, m, d) => time.addDate(t, y, m, d),
    'time.clock': (t) => time.clock(t),
    'time.date': (t) => time.date(t),
    'time.diff': (a, b) => time.diff(a, b),
    'time.now_ns': () => now(),
    'time.parse_duration_ns': (s) => time.parseDurationNs(s),
    'time.parse_ns': (l, v) => time.parseNs(l, v),
    'time.parse_rfc3339_ns': (v) => time.parseRfc3339Ns(v),
    'time.weekday': (t) => time.weekday(t),
    'units.parse_bytes': (v) => misc.parseBytes(v),
  };
}
