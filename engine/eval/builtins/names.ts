/**
 * The built-ins Parapet's evaluator provides on top of the wasm-native ones and the
 * opa-wasm SDK's. capabilities.json is generated from this list (see capabilities.ts);
 * ./index.ts implements exactly these (the compiler checks it).
 */
export const HOST_BUILTIN_NAMES = [
  'net.cidr_is_valid',
  'regex.replace',
  'semver.compare',
  'semver.is_valid',
  'sprintf',
  'strings.any_prefix_match',
  'strings.any_suffix_match',
  'strings.count',
  'time.add_date',
  'time.clock',
  'time.date',
  'time.diff',
  'time.now_ns',
  'time.parse_duration_ns',
  'time.parse_ns',
  'time.parse_rfc3339_ns',
  'time.weekday',
  'units.parse_bytes',
] as const;
