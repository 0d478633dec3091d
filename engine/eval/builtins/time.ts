/**
 * OPA's time.* built-ins over exact nanoseconds (BigInt), matching Go's time package
 * as OPA's evaluator uses it. Invalid operands return undefined: OPA's evaluator makes
 * a failing built-in call undefined (non-strict mode), and so does the wasm host call.
 */
const NS_PER_MS = 1_000_000n;
const MIN_NS = -(2n ** 63n);
const MAX_NS = 2n ** 63n - 1n;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function toNs(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return undefined;
}

/** Floor division for BigInt (JS `/` truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

interface Fields { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number; nsOfSecond: bigint }

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(tz: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    zoneFormats.set(tz, f);
  }
  return f;
}

/** Offset of zone `tz` from UTC at instant `ms`, in milliseconds. */
function zoneOffsetMs(tz: string, ms: number): number {
  const parts = Object.fromEntries(zoneFormat(tz).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const local = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const utcSeconds = Math.floor(ms / 1000) * 1000;
  return local - utcSeconds;
}

interface ZonedTime { ns: bigint; tz: string }

/** OPA's tzTime: a number (ns, UTC) or [ns, tz]. */
function zoned(value: unknown): ZonedTime | undefined {
  let tz = 'UTC';
  let nsValue: unknown = value;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    nsValue = value[0];
    if (value.length > 1) {
      if (typeof value[1] !== 'string') return undefined;
      tz = value[1] === '' ? 'UTC' : value[1] === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : value[1];
      try {
        zoneFormat(tz);
      } catch {
        return undefined;
      }
    }
  }
  const ns = toNs(nsValue);
  if (ns === undefined || ns < MIN_NS || ns > MAX_NS) return undefined;
  return { ns, tz };
}

function fields({ ns, tz }: ZonedTime): Fields {
  const msUtc = Number(floorDiv(ns, NS_PER_MS));
  const shifted = tz === 'UTC' ? msUtc : msUtc + zoneOffsetMs(tz, msUtc);
  const d = new Date(shifted);
  const nsOfSecond = ns - floorDiv(ns, 1_000_000_000n) * 1_000_000_000n;
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    weekday: d.getUTCDay(), nsOfSecond,
  };
}

/** Nanoseconds of a wall-clock time in zone `tz` (Go's time.Date normalisation: overflowing fields carry). */
function fromFields(f: Omit<Fields, 'weekday'>, tz: string): bigint {
  const wallMs = Date.UTC(2000, 0, 1, f.hour, f.minute, f.second) - Date.UTC(2000, 0, 1);
  const dayMs = new Date(0);
  dayMs.setUTCFullYear(f.year, f.month - 1, f.day);
  let ms = dayMs.getTime() + wallMs;
  if (tz !== 'UTC') {
    // Two passes settle the offset across a DST boundary, as Go's Date does for most cases.
    let offset = zoneOffsetMs(tz, ms);
    offset = zoneOffsetMs(tz, ms - offset);
    ms -= offset;
  }
  return BigInt(ms) * NS_PER_MS + f.nsOfSecond;
}

function safe(ns: bigint): bigint | undefined {
  return ns < MIN_NS || ns > MAX_NS ? undefined : ns;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Parsed { year: number; month: number; day: number; hour: number; minute: number; second: number; frac: string; offsetMin: number }

function validParsed(p: Parsed): boolean {
  return p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysIn(p.year, p.month) &&
    p.hour < 24 && p.minute < 60 && p.second < 60 && Math.abs(p.offsetMin) < 24 * 60;
}

function parsedNs(p: Parsed): bigint | undefined {
  if (!validParsed(p)) return undefined;
  const nanos = BigInt((p.frac + '000000000').slice(0, 9));
  const utc = fromFields({ year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, nsOfSecond: 0n }, 'UTC');
  return safe(utc - BigInt(p.offsetMin) * 60_000_000_000n + nanos);
}

export function parseRfc3339Ns(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const offsetMin = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (m[10] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return undefined;
  return parsedNs({
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]),
    second: Number(m[6]), frac: m[7] ?? '', offsetMin,
  });
}

const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
};

// Go layout elements, longest first so that e.g. `January` wins over `Jan`.
const ELEMENTS: Array<[string, string, (p: Parsed, s: string) => void]> = [
  ['January', '(January|February|March|April|May|June|July|August|September|October|November|December)', (p, s) => { p.month = MONTHS.indexOf(s) + 1; }],
  ['Monday', '(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)', () => {}],
  ['Z07:00', '(Z|[+-]\\d{2}:\\d{2})', (p, s) => { p.offsetMin = offset(s); }],
  ['-07:00', '([+-]\\d{2}:\\d{2})', (p, s) => { p.offsetMin = offset(s); }],
  ['Z0700', '(Z|[+-]\\d{4})', (p, s) => { p.offsetMin = offset(s); }],
  ['-0700', '([+-]\\d{4})', (p, s) => { p.offsetMin = offset(s); }],
  ['2006', '(\\d{4})', (p, s) => { p.year = Number(s); }],
  ['Jan', '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)', (p, s) => { p.month = MONTHS.findIndex((m) => m.startsWith(s)) + 1; }],
  ['Mon', '(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat)', () => {}],
  ['MST', '(?:UTC|GMT|[A-Z]{3,4})', () => {}],
  ['-07', '([+-]\\d{2})', (p, s) => { p.offsetMin = offset(s); }],
  ['_2', ' ?(\\d{1,2})', (p, s) => { p.day = Number(s); }],
  ['01', '(\\d{2})', (p, s) => { p.month = Number(s); }],
  ['02', '(\\d{2})', (p, s) => { p.day = Number(s); }],
  ['03', '(\\d{2})', (p, s) => { p.hour = Number(s) % 12; }],
  ['04', '(\\d{2})', (p, s) => { p.minute = Number(s); }],
  ['05', '(\\d{2})', (p, s) => { p.second = Number(s); }],
  ['06', '(\\d{2})', (p, s) => { const y = Number(s); p.year = y >= 69 ? 1900 + y : 2000 + y; }],
  ['15', '(\\d{1,2})', (p, s) => { p.hour = Number(s); }],
  ['PM', '(AM|PM)', (p, s) => { if (s === 'PM') p.hour += 12; }],
  ['pm', '(am|pm)', (p, s) => { if (s === 'pm') p.hour += 12; }],
  ['1', '(\\d{1,2})', (p, s) => { p.month = Number(s); }],
  ['2', '(\\d{1,2})', (p, s) => { p.day = Number(s); }],
  ['3', '(\\d{1,2})', (p, s) => { p.hour = Number(s) % 12; }],
  ['4', '(\\d{1,2})', (p, s) => { p.minute = Number(s); }],
  ['5', '(\\d{1,2})', (p, s) => { p.second = Number(s); }],
];

function offset(s: string): number {
  if (s === 'Z') return 0;
  const digits = s.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return s[0] === '-' ? -minutes : minutes;
}

const layoutCache = new Map<string, { re: RegExp; setters: Array<(p: Parsed, s: string) => void> }>();

function compileLayout(layout: string) {
  let cached = layoutCache.get(layout);
  if (cached) return cached;
  let re = '^';
  const setters: Array<(p: Parsed, s: string) => void> = [];
  for (let i = 0; i < layout.length; ) {
    const fracMatch = /^[.,](0+|9+)/.exec(layout.slice(i));
    if (fracMatch && !/\d/.test(layout[i + fracMatch[0].length] ?? '')) {
      re += '[.,](\\d+)';
      setters.push((p, s) => { p.frac = s; });
      i += fracMatch[0].length;
      continue;
    }
    const el = ELEMENTS.find(([token]) => layout.startsWith(token, i));
    if (el) {
      re += el[1];
      if (el[1].includes('(') && !el[1].startsWith('(?:')) setters.push(el[2]);
      // Go accepts fractional seconds after a seconds element even when the layout has none.
      if ((el[0] === '05' || el[0] === '5') && !/^[.,][09]/.test(layout.slice(i + el[0].length))) {
        re += '(?:[.,](\\d+))?';
        setters.push((p, s) => { if (s !== undefined) p.frac = s; });
      }
      i += el[0].length;
      continue;
    }
    re += layout[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    i += 1;
  }
  cached = { re: new RegExp(re + '$'), setters };
  layoutCache.set(layout, cached);
  return cached;
}

export function parseNs(layout: unknown, value: unknown): bigint | undefined {
  if (typeof layout !== 'string' || typeof value !== 'string') return undefined;
  const { re, setters } = compileLayout(NAMED_LAYOUTS[layout] ?? layout);
  const m = re.exec(value);
  if (!m) return undefined;
  const p: Parsed = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, frac: '', offsetMin: 0 };
  setters.forEach((set, i) => set(p, m[i + 1]));
  return parsedNs(p);
}

/** Go's time.ParseDuration (without OPA's d/w/y extension). */
export function parseDurationNs(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const units: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
  let s = value;
  let sign = 1n;
  if (s[0] === '-' || s[0] === '+') { if (s[0] === '-') sign = -1n; s = s.slice(1); }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  const re = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
    const unit = units[m[3]];
    const whole = BigInt(m[1] || '0') * unit;
    const fracDigits = m[2] ?? '';
    const frac = fracDigits ? (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length) : 0n;
    total += whole + frac;
    s = s.slice(m[0].length);
  }
  return safe(sign * total);
}

export function addDate(t: unknown, years: unknown, months: unknown, days: unknown): bigint | undefined {
  const z = zoned(t);
  if (!z || ![years, months, days].every((n) => typeof n === 'number' && Number.isInteger(n))) return undefined;
  const f = fields(z);
  return safe(fromFields({ ...f, year: f.year + (years as number), month: f.month + (months as number), day: f.day + (days as number) }, z.tz));
}

export function diff(a: unknown, b: unknown): number[] | undefined {
  const za = zoned(a);
  const zb = zoned(b);
  if (!za || !zb) return undefined;
  let t1 = za;
  let t2: ZonedTime = { ns: zb.ns, tz: za.tz };
  if (t1.ns > t2.ns) [t1, t2] = [t2, t1];
  const f1 = fields(t1);
  const f2 = fields(t2);
  let year = f2.year - f1.year;
  let month = f2.month - f1.month;
  let day = f2.day - f1.day;
  let hour = f2.hour - f1.hour;
  let min = f2.minute - f1.minute;
  let sec = f2.second - f1.second;
  if (sec < 0) { sec += 60; min--; }
  if (min < 0) { min += 60; hour--; }
  if (hour < 0) { hour += 24; day--; }
  if (day < 0) {
    // Go: time.Date(y1, M1, 32) normalised; 32 minus its day is the length of month M1.
    day += daysIn(f1.year, f1.month);
    month--;
  }
  if (month < 0) { month += 12; year--; }
  return [year, month, day, hour, min, sec];
}

export function date(t: unknown): number[] | undefined {
  const z = zoned(t);
  if (!z) return undefined;
  const f = fields(z);
  return [f.year, f.month, f.day];
}

export function clock(t: unknown): number[] | undefined {
  const z = zoned(t);
  if (!z) return undefined;
  const f = fields(z);
  return [f.hour, f.minute, f.second];
}

export function weekday(t: unknown): string | undefined {
  const z = zoned(t);
  return z ? WEEKDAYS[fields(z).weekday] : undefined;
}

/** An RFC 3339 instant as exact nanoseconds, for `--now`. */
export function nowFromRfc3339(text: string): bigint | undefined {
  return parseRfc3339Ns(text);
}

