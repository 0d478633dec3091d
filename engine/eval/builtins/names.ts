/**
 * The built-ins Parapet's evaluator provides on top of the wasm-native ones and the
 * opa-wasm SDK's. capabilities.json is generated from this list (see capabilities.ts),
 * and a test checks every name here has an implementation in ./index.ts.
 */
export const HOST_BUILTIN_NAMES = [
  'glob.quote_meta',
  'net.cidr_is_valid',
  'object.subset',
  'regex.find_n',
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
  'units.parse',
  'units.parse_bytes',
] as const;
