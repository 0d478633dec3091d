/** semver.*, net.cidr_is_valid, strings.*, regex.replace and units.parse_bytes as OPA's evaluator defines them. */
import { isIPv4, isIPv6 } from 'node:net';

// --- semver (OPA's internal/semver) ---
const META = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
interface Version { major: bigint; minor: bigint; patch: bigint; pre: string }

function numeric(s: string): bigint | undefined {
  if (!/^\d+$/.test(s) || (s.length > 1 && s[0] === '0')) return undefined;
  const n = BigInt(s);
  return n < 2n ** 63n ? n : undefined;
}

function parseVersion(text: string): Version | undefined {
  let v = text.startsWith('v') ? text.slice(1) : text;
  const plus = v.indexOf('+');
  if (plus >= 0) {
    if (!META.test(v.slice(plus + 1))) return undefined;
    v = v.slice(0, plus);
  }
  let pre = '';
  const dash = v.indexOf('-');
  if (dash >= 0) {
    pre = v.slice(dash + 1);
    if (!META.test(pre) || pre.split('.').some((id) => id.length > 1 && id[0] === '0' && /^\d+$/.test(id))) return undefined;
    v = v.slice(0, dash);
  }
  const parts = v.split('.');
  if (parts.length !== 3) return undefined;
  const [major, minor, patch] = parts.map(numeric);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return { major, minor, patch, pre };
}

function cmp<T>(a: T, b: T): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; ; i++) {
    if (i >= as.length || i >= bs.length) return cmp(as.length, bs.length);
    const ai = /^\d+$/.test(as[i]);
    const bi = /^\d+$/.test(bs[i]);
    if (ai !== bi) return ai ? -1 : 1;
    const c = ai ? cmp(BigInt(as[i]), BigInt(bs[i])) : cmp(as[i], bs[i]);
    if (c !== 0) return c;
  }
}

export function semverIsValid(value: unknown): boolean {
  return typeof value === 'string' && parseVersion(value) !== undefined;
}

export function semverCompare(a: unknown, b: unknown): number | undefined {
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return undefined;
  return cmp(va.major, vb.major) || cmp(va.minor, vb.minor) || cmp(va.patch, vb.patch) || comparePre(va.pre, vb.pre);
}

// --- net ---
export function cidrIsValid(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  if (isIPv4(ip)) return n <= 32;
  return isIPv6(ip) && !ip.includes('%') && n <= 128;
}

// --- strings ---
function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

export function anyPrefixMatch(search: unknown, base: unknown): boolean | undefined {
  const s = stringList(search);
  const b = stringList(base);
  if (!s || !b) return undefined;
  return s.some((x) => b.some((p) => x.startsWith(p)));
}

export function anySuffixMatch(search: unknown, base: unknown): boolean | undefined {
  const s = stringList(search);
  const b = stringList(base);
  if (!s || !b) return undefined;
  return s.some((x) => b.some((p) => x.endsWith(p)));
}

/** Go's strings.Count: non-overlapping occurrences; an empty substring counts rune boundaries. */
export function stringsCount(search: unknown, sub: unknown): number | undefined {
  if (typeof search !== 'string' || typeof sub !== 'string') return undefined;
  if (sub === '') return [...search].length + 1;
  let n = 0;
  for (let i = search.indexOf(sub); i >= 0; i = search.indexOf(sub, i + sub.length)) n++;
  return n;
}

// --- regex ---
const regexCache = new Map<string, RegExp>();
function compile(pattern: string): RegExp | undefined {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, 'gu');
    } catch {
      return undefined;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Go's Regexp.ReplaceAllString: `$1` / `${name}` expand, `$$` is a dollar. */
export function regexReplace(s: unknown, pattern: unknown, value: unknown): string | undefined {
  if (typeof s !== 'string' || typeof pattern !== 'string' || typeof value !== 'string') return undefined;
  const re = compile(pattern);
  if (!re) return undefined;
  return s.replace(re, (...args) => {
    const groupsArg = args[args.length - 1];
    const named = typeof groupsArg === 'object' && groupsArg !== null ? (groupsArg as Record<string, string>) : {};
    const groups = args.slice(0, typeof groupsArg === 'object' ? -3 : -2) as Array<string | undefined>;
    return value.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_m, dollar: string, braced?: string, bare?: string) => {
      if (dollar === '$') return '$';
      const name = braced ?? bare ?? '';
      if (/^\d+$/.test(name)) return groups[Number(name)] ?? '';
      return named[name] ?? '';
    });
  });
}

// --- units ---
const BYTE_UNITS: Record<string, bigint> = {
  '': 1n, kb: 1000n, k: 1000n, kib: 1024n, ki: 1024n, mb: 1000n ** 2n, m: 1000n ** 2n, mib: 1024n ** 2n, mi: 1024n ** 2n,
  gb: 1000n ** 3n, g: 1000n ** 3n, gib: 1024n ** 3n, gi: 1024n ** 3n, tb: 1000n ** 4n, t: 1000n ** 4n, tib: 1024n ** 4n, ti: 1024n ** 4n,
  pb: 1000n ** 5n, p: 1000n ** 5n, pib: 1024n ** 5n, pi: 1024n ** 5n, eb: 1000n ** 6n, e: 1000n ** 6n, eib: 1024n ** 6n, ei: 1024n ** 6n,
};

/** units.parse_bytes: "10KB" → 10000, "1KiB" → 1024, fractions truncated toward zero. */
export function parseBytes(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.toLowerCase().replaceAll('"', '');
  if (s.includes(' ')) return undefined;
  const m = /^([0-9.]*(?:e[+-]?\d{1,6})?)([a-z]*)$/.exec(s);
  if (!m || m[1] === '') return undefined;
  const unit = BYTE_UNITS[m[2]];
  if (unit === undefined) return undefined;
  const num = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/.exec(m[1]);
  if (!num || (num[1] === '' && (num[2] ?? '') === '')) return undefined;
  const fracDigits = num[2] ?? '';
  const exp = Number(num[3] ?? '0') - fracDigits.length;
  const mantissa = BigInt((num[1] || '0') + fracDigits) * unit;
  return exp >= 0 ? mantissa * 10n ** BigInt(exp) : mantissa / 10n ** BigInt(-exp);
}
