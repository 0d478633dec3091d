/**
 * JSON that keeps integers beyond 2^53 exact. Nanosecond timestamps (~1.7e18) do not
 * fit a double: opa-wasm's JSON.parse would round them, so values crossing the
 * wasm ↔ host boundary for our built-ins go through this codec instead, and those
 * integers travel as BigInt.
 */
// A private-use character: legal raw inside a JSON string, never produced by OPA's dump.
const MARK = '\uE000bigint:';
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d{16,}(?![.eE\d])/g;

export function parseExact(text: string): unknown {
  let found = false;
  const marked = text.replace(TOKENS, (tok) => {
    if (tok.startsWith('"')) return tok;
    const n = Number(tok);
    if (Number.isSafeInteger(n)) return tok;
    found = true;
    return `"${MARK}${tok}"`;
  });
  if (!found) return JSON.parse(text);
  return JSON.parse(marked, (_k, v) => (typeof v === 'string' && v.startsWith(MARK) ? BigInt(v.slice(MARK.length)) : v));
}

export function stringifyExact(value: unknown): string | undefined {
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
