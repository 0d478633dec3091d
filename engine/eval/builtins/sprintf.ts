/**
 * sprintf as OPA's evaluator does it: Go's fmt over the operands, where strings stay
 * strings, numbers become Go numbers, and every other value prints as Rego
 * (`["a", "b"]`, `{"k": 1}`, `null`). The opa-wasm SDK's sprintf-js prints
 * `[object Object]` for composites, so ours replaces it. Sets arrive as JSON arrays
 * and print as arrays (the one difference left).
 */
function rego(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(rego).join(', ')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}: ${rego(obj[k])}`).join(', ')}}`;
}

function plain(value: unknown): string {
  return typeof value === 'string' ? value : rego(value);
}

export function sprintf(format: unknown, args: unknown): string | undefined {
  if (typeof format !== 'string' || !Array.isArray(args)) return undefined;
  let next = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (whole, flags: string, width?: string, precision?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[next++];
    let out: string;
    switch (verb) {
      case 'v':
      case 's':
        out = plain(arg);
        break;
      case 'q':
        out = typeof arg === 'string' ? JSON.stringify(arg) : plain(arg);
        break;
      case 'd':
        out = typeof arg === 'number' && Number.isInteger(arg) ? String(arg) : typeof arg === 'bigint' ? String(arg) : `%!d(${plain(arg)})`;
        break;
      case 'f':
      case 'F':
        out = typeof arg === 'number' ? arg.toFixed(precision === undefined ? 6 : Number(precision)) : `%!f(${plain(arg)})`;
        break;
      case 'x':
        out = typeof arg === 'number' && Number.isInteger(arg) ? arg.toString(16) : typeof arg === 'string' ? Buffer.from(arg).toString('hex') : `%!x(${plain(arg)})`;
        break;
      case 'X':
        out = typeof arg === 'number' && Number.isInteger(arg) ? arg.toString(16).toUpperCase() : typeof arg === 'string' ? Buffer.from(arg).toString('hex').toUpperCase() : `%!X(${plain(arg)})`;
        break;
      case 't':
        out = typeof arg === 'boolean' ? String(arg) : `%!t(${plain(arg)})`;
        break;
      default:
        return whole;
    }
    if (width !== undefined && out.length < Number(width)) {
      out = flags.includes('-') ? out.padEnd(Number(width)) : out.padStart(Number(width), flags.includes('0') && verb !== 's' && verb !== 'v' ? '0' : ' ');
    }
    return out;
  });
}
