/**
 * What every AWS read shares: the account and region being read, the client
 * settings, the retry around each call (on top of the SDK's own), progress,
 * and where resources and errors go.
 */
import type { Resource, SourceError } from '../schema/inventory.js';
import { errorMessage } from '../../common/errors.js';
import { withRetry, type RetryOptions } from '../common/retry.js';
import type { Progress } from '../common/progress.js';
import { sdkRetries, type AwsClientSettings } from './clients.js';

export interface AwsScope {
  account: string;
  /** The region being read, or `global` for account-wide facts. */
  region: string;
  /** Where account-wide APIs (IAM, S3 Control, STS) are called. */
  homeRegion: string;
  settings: AwsClientSettings;
  retry: RetryOptions;
  progress?: Progress;
  emit(resource: Resource): Promise<void>;
  errors: SourceError[];
  /** Resources this scope emitted. */
  count: number;
}

/** One SDK call (one page) with our retry around the SDK's, counted in the progress line. */
export async function call<T>(scope: AwsScope, fn: () => Promise<T>): Promise<T> {
  return withRetry(async () => {
    const out = await fn();
    scope.progress?.page();
    const inner = sdkRetries(out);
    if (inner) scope.progress?.retry(inner);
    return out;
  }, {
    ...scope.retry,
    onRetry: (err, attempt, delay) => {
      scope.progress?.retry();
      scope.retry.onRetry?.(err, attempt, delay);
    },
  });
}

/** Runs one part of a scope; a failure is recorded against the scope and the rest goes on. */
export async function attempt(scope: AwsScope, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    scope.errors.push({ scope: `${scope.account}/${scope.region}/${what}`, code: errorCode(err), message: errorMessage(err).slice(0, 1000) });
  }
}

export function errorCode(err: unknown): string {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  const name = typeof e?.code === 'string' ? e.code : e?.name && e.name !== 'Error' ? e.name : 'error';
  return status ? `${name} (HTTP ${status})` : name;
}

/** The error's name as the AWS SDK reports it (`NoSuchEntityException`, `InvalidAccessException`, …). */
export function isAwsError(err: unknown, ...names: string[]): boolean {
  const e = err as { name?: string; Code?: string; code?: string } | undefined;
  return names.some((n) => e?.name === n || e?.Code === n || e?.code === n);
}

export async function emit(scope: AwsScope, resource: Resource): Promise<void> {
  await scope.emit(resource);
  scope.count++;
  scope.progress?.resources();
}
