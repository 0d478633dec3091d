/**
 * Retry with exponential backoff and full jitter, for the paging loops the
 * collectors run around their SDK calls (the SDKs retry single requests too;
 * this covers whatever still fails after their attempts).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Backoff base in ms; attempt n waits a random time in [0, min(maxDelayMs, baseMs * 2^n)). */
  baseMs?: number;
  maxDelayMs?: number;
  /** Whether an error is worth another attempt (throttling, 5xx, connection resets). */
  isRetryable?: (err: unknown) => boolean;
  /** Told about every retry, e.g. to count it in the progress line. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** A server's own hint (Retry-After), in ms, when it gives one. */
  retryAfterMs?: (err: unknown) => number | undefined;
  random?: () => number;
  signal?: AbortSignal;
}

const THROTTLING_CODES = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException',
  'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'TransactionInProgressException',
  'RequestLimitExceeded', 'BandwidthLimitExceeded', 'LimitExceededException', 'RequestThrottled',
  'SlowDown', 'PriorRequestNotComplete', 'EC2ThrottledException', 'RESOURCE_EXHAUSTED', 'UNAVAILABLE',
]);
const TRANSIENT_NET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** The HTTP status an SDK error carries, when it carries one (AWS `$metadata`, Azure `statusCode`, gRPC none). */
export function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { $metadata?: { httpStatusCode?: number }; statusCode?: number; status?: number };
  return e.$metadata?.httpStatusCode ?? e.statusCode ?? (typeof e.status === 'number' ? e.status : undefined);
}

/** Throttling, 5xx, and dropped connections: the faults a later attempt may not meet. */
export function isTransientError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: string; code?: string | number; Code?: string; $retryable?: unknown };
  if (e.$retryable) return true;
  for (const c of [e.name, e.code, e.Code]) {
    if (typeof c === 'string' && (THROTTLING_CODES.has(c) || TRANSIENT_NET_CODES.has(c))) return true;
  }
  const status = httpStatusOf(err);
  return status === 429 || (status !== undefined && status >= 500 && status <= 599);
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const baseMs = options.baseMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const isRetryable = options.isRetryable ?? isTransientError;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err) || options.signal?.aborted) throw err;
      const hinted = options.retryAfterMs?.(err);
      const ceiling = Math.min(maxDelayMs, baseMs * 2 ** (attempt - 1));
      const delay = hinted !== undefined ? Math.min(hinted, maxDelayMs) : Math.floor(random() * ceiling);
      options.onRetry?.(err, attempt, delay);
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : undefined);
    }
  }
}
