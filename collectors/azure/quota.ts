/**
 * Resource Graph's per-user quota: every response says how many requests are
 * left in the window (`x-ms-user-quota-remaining`) and when it refills
 * (`x-ms-user-quota-resets-after`, `hh:mm:ss`). When nothing is left the next
 * request waits for the refill instead of drawing a 429.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface HeaderBag {
  get(name: string): string | undefined | null;
}

/** `00:00:05` (or `00:00:05.500`, or bare seconds) → milliseconds; undefined when unreadable. */
export function parseResetsAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (m) {
    const [, days, h, min, s] = m;
    return Math.round(((Number(days ?? 0) * 24 + Number(h)) * 3600 + Number(min) * 60 + Number(s)) * 1000);
  }
  return /^\d+(\.\d+)?$/.test(value.trim()) ? Math.round(Number(value) * 1000) : undefined;
}

/** `Retry-After` as seconds or an HTTP date → milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class QuotaPacer {
  private waitUntil = 0;
  /** Waits made so far and their total length, for the report. */
  waits = 0;
  waitedMs = 0;

  constructor(private readonly onWait?: (ms: number) => void) {}

  /** Reads the quota headers of a response (a success or an error). */
  observe(headers: HeaderBag | undefined): void {
    if (!headers) return;
    const remaining = headers.get('x-ms-user-quota-remaining');
    const resetsMs = parseResetsAfter(headers.get('x-ms-user-quota-resets-after'));
    if (remaining !== undefined && remaining !== null && Number(remaining) <= 0 && resetsMs !== undefined) {
      this.waitUntil = Math.max(this.waitUntil, Date.now() + resetsMs);
    }
  }

  /** The quota's own refill time, when a throttled response gave one. */
  resetsAfterMs(headers: HeaderBag | undefined): number | undefined {
    return parseResetsAfter(headers?.get('x-ms-user-quota-resets-after'));
  }

  /** Resolves when a request may be sent. */
  async ready(): Promise<void> {
    const ms = this.waitUntil - Date.now();
    if (ms <= 0) return;
    this.waits++;
    this.waitedMs += ms;
    this.onWait?.(ms);
    await sleep(ms);
  }
}
