/**
 * JSON that keeps integers beyond 2^53 exact. Nanosecond timestamps (~1.7e18) do not
 * fit a double: opa-wasm's JSON.parse would round them, so values crossing the
 * wasm ↔ host boundary for our built-ins go through this codec instead, and those
 * integers travel as BigInt. Deny results decode through it too (`bigints: 'string'`),
 * so evidence keeps every digit as a decimal string (JSON-safe downstream).
 */
// A private-use character: legal raw inside a JSON string, never produced by OPA's dump.
const MARK = '\uE000bigint:';
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d{16,}(?![.eE\d])/g;

const LONG_DIGITS = /\d{16}/;

/**
 * JSON.parse that keeps integers beyond 2^53: as BigInt (default) or, with
 * `bigints: 'string'`, as their decimal string.
 */
export function parseExact(text: string, options: { bigints?: 'bigint' | 'string' } = {}): unknown {
  // Fast path: no run of 16 digits anywhere, so no integer can exceed 2^53.
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  const asString = options.bigints === 'string';
  let found = false;
  const marked = text.replace(TOKENS, (tok) => {
    if (tok.startsWith('"')) return tok;
    const n = Number(tok);
    if (Number.isSafeInteger(n)) return tok;
    found = true;
    return `"${MARK}${tok}"`;
  });
  if (!found) return JSON.parse(text);
  return JSON.parse(marked, (_k, v) => {
    if (typeof v !== 'string' || !v.startsWith(MARK)) return v;
    const digits = v.slice(MARK.length);
    return asString ? digits : BigInt(digits);
  });
}

export function stringifyExact(value: unknown): string | undefined {
  // Fast path: JSON.stringify refuses a BigInt with a TypeError; only then is a replacer needed.
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
  let found = false;
  const text = JSON.stringify(value, (_k, v) => {
    if (typeof v !== 'bigint') return v;
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    found = true;
    return `${MARK}${v}`;
  });
  if (!found || text === undefined) return text;
  return text.replace(/"\uE000bigint:(-?\d+)"/g, '$1');
}
