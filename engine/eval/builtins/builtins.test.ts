/**
 * Every host built-in, called from compiled Rego through the wasm host-call path,
 * against OPA's own evaluator (`opa eval`) on the same calls: the oracle.
 */
import t from 'tap';
import { rmSync } from 'node:fs';
import { runOpa } from '../../../common/opa.js';
import { CAPABILITIES_PATH } from '../capabilities.js';
import { WasmPolicy } from '../policy.js';
import { buildWasm, writeRego } from '../testing.js';
import { Wasm } from '../wasm-types.js';
import { parseExact } from '../json.js';
import { HOST_BUILTIN_NAMES } from './names.js';
import { hostBuiltins } from './index.js';

// name → Rego call. Undefined results (invalid operands) must be undefined on both sides.
const CASES: Record<string, string> = {
  rfc3339_nanos: 'time.parse_rfc3339_ns("2024-03-15T10:20:30.123456789Z")',
  rfc3339_offset: 'time.parse_rfc3339_ns("2024-07-01T23:59:59+05:30")',
  rfc3339_millis: 'time.parse_rfc3339_ns("2024-02-29T00:00:00.5-08:00")',
  rfc3339_bad_day: 'time.parse_rfc3339_ns("2023-02-29T00:00:00Z")',
  rfc3339_not_time: 'time.parse_rfc3339_ns("yesterday")',
  parse_ns_date: 'time.parse_ns("2006-01-02", "2024-11-05")',
  parse_ns_named: 'time.parse_ns("RFC1123", "Tue, 05 Nov 2024 14:03:07 GMT")',
  parse_ns_layout: 'time.parse_ns("Jan 2, 2006 at 3:04pm (MST)", "Feb 3, 2024 at 7:54pm (PST)")',
  parse_ns_frac: 'time.parse_ns("2006-01-02 15:04:05.000", "2024-06-30 08:09:10.123")',
  parse_ns_bad: 'time.parse_ns("2006-01-02", "2024/11/05")',
  duration: 'time.parse_duration_ns("1h30m15.5s")',
  duration_neg: 'time.parse_duration_ns("-2.5ms")',
  duration_bad: 'time.parse_duration_ns("10 days")',
  add_date: 'time.add_date(1706745600123456789, 0, 1, 0)',
  add_date_overflow: 'time.add_date(1706659200000000000, 0, 1, 0)',
  add_date_back: 'time.add_date(1709164800000000000, -1, 0, -90)',
  diff: 'time.diff(1704067200000000000, 1712345678987654321)',
  diff_reverse: 'time.diff(1712345678987654321, 1680307200000000000)',
  diff_month_end: 'time.diff(1706659200000000000, 1709251199000000000)',
  date: 'time.date(1712345678987654321)',
  date_tz: 'time.date([1704067199000000000, "America/New_York"])',
  clock: 'time.clock(1712345678987654321)',
  clock_tz: 'time.clock([1712345678987654321, "Asia/Kolkata"])',
  weekday: 'time.weekday(1712345678987654321)',
  weekday_tz: 'time.weekday([1704067199000000000, "Pacific/Auckland"])',
  key_age_days: 'floor((1735689600000000000 - time.parse_rfc3339_ns("2024-09-15T12:00:00Z")) / (24 * 3600 * 1000000000))',
  semver_lt: 'semver.compare("1.2.3", "1.10.0")',
  semver_pre: 'semver.compare("1.0.0-alpha.1", "1.0.0-alpha.beta")',
  semver_release: 'semver.compare("2.0.0", "2.0.0-rc.1")',
  semver_eq_build: 'semver.compare("1.0.0+build.5", "v1.0.0")',
  semver_valid: 'semver.is_valid("1.2.3-rc.1+meta")',
  semver_leading_zero: 'semver.is_valid("01.2.3")',
  semver_number: 'semver.is_valid(42)',
  semver_two_parts: 'semver.is_valid("1.2")',
  cidr_valid4: 'net.cidr_is_valid("10.0.0.0/8")',
  cidr_valid6: 'net.cidr_is_valid("2001:db8::/32")',
  cidr_bad_prefix: 'net.cidr_is_valid("10.0.0.0/33")',
  cidr_no_prefix: 'net.cidr_is_valid("10.0.0.0")',
  cidr_bad_ip: 'net.cidr_is_valid("300.0.0.0/8")',
  any_prefix: 'strings.any_prefix_match(["arn:aws:iam::1:role/x", "y"], "arn:aws:iam::")',
  any_prefix_none: 'strings.any_prefix_match("abc", ["b", "c"])',
  any_prefix_set: 'strings.any_prefix_match({"0.0.0.0/0", "10.0.0.0/8"}, {"0.0.0.0"})',
  any_suffix: 'strings.any_suffix_match("bucket.s3.amazonaws.com", [".s3.amazonaws.com"])',
  count: 'strings.count("a,b,,c", ",")',
  count_overlap: 'strings.count("aaaa", "aa")',
  count_empty: 'strings.count("héllo", "")',
  regex_replace: 'regex.replace("user-123-admin", "[0-9]+", "N")',
  regex_replace_groups: 'regex.replace("key=value", "(\\\\w+)=(\\\\w+)", "$2=$1")',
  sprintf_composite: 'sprintf("rule %s allows %v from %v (%d ports, %q)", ["fw-1", [{"IPProtocol": "tcp", "ports": ["22"]}], null, 3, "x"])',
  sprintf_float: 'sprintf("%.2f%% of %v", [12.3456, {"b": true, "a": [1, "2"]}])',
  sprintf_hex: 'sprintf("%%%02X %02x %5d|%-4s|", [10, 255, 42, "ab"])',
  bytes_kib: 'units.parse_bytes("1KiB")',
  bytes_gb: 'units.parse_bytes("5GB")',
  bytes_frac: 'units.parse_bytes("1.5Mi")',
  bytes_plain: 'units.parse_bytes("512")',
  bytes_bad: 'units.parse_bytes("12 MB")',
  bytes_unit: 'units.parse_bytes("3zb")',
};

const module = ['package builtins_test', '', ...Object.entries(CASES).map(([k, call]) => `r[${JSON.stringify(k)}] := ${call}`), ''].join('\n');

t.test('host built-ins through wasm equal opa eval', async (t) => {
  const dir = writeRego({ 'builtins_test.rego': module });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const wasm = await buildWasm([dir], ['builtins_test/r']);
  const policy = new WasmPolicy(new Wasm.Module(wasm), { nowNs: 0n, maxMemoryPages: 1024 });
  policy.setData({});
  const ours = parseExact(policy.evaluateRaw('builtins_test/r', '{}')) as Array<{ result: Record<string, unknown> }>;
  const opa = parseExact(
    await runOpa(['eval', '--format', 'json', '--capabilities', CAPABILITIES_PATH, '-d', dir, 'data.builtins_test.r']),
  ) as { result: Array<{ expressions: Array<{ value: Record<string, unknown> }> }> };
  const expected = opa.result[0].expressions[0].value;
  for (const name of Object.keys(CASES)) {
    t.same(ours[0].result[name], expected[name], `${name}: ${CASES[name]}`);
  }
  t.equal(typeof expected.rfc3339_nanos, 'bigint', 'nanosecond results are exact integers beyond 2^53');
  t.equal(ours[0].result.rfc3339_nanos, 1710498030123456789n);
});

t.test('time.now_ns is the one fixed instant of the run', async (t) => {
  const dir = writeRego({ 'now.rego': 'package now_test\n\nr := [time.now_ns(), time.now_ns() - time.parse_rfc3339_ns("2024-01-01T00:00:00Z")]\n' });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const wasm = await buildWasm([dir], ['now_test/r']);
  const policy = new WasmPolicy(new Wasm.Module(wasm), { nowNs: 1718000000123456789n, maxMemoryPages: 64 });
  policy.setData({});
  const first = parseExact(policy.evaluateRaw('now_test/r', '{}'));
  const second = parseExact(policy.evaluateRaw('now_test/r', '{}'));
  t.same(first, [{ result: [1718000000123456789n, 1718000000123456789n - 1704067200000000000n] }]);
  t.same(second, first, 'the same value on every call');
});

t.test('every host built-in name has an implementation', async (t) => {
  t.same(Object.keys(hostBuiltins(() => 0n)).sort(), [...HOST_BUILTIN_NAMES].sort());
});
