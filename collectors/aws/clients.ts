/**
 * One place that configures the SDK v3 clients the AWS collector uses:
 * credentials (the SDK's default provider chain unless a role is assumed),
 * an optional endpoint (moto, LocalStack), and the SDK's own retries.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface AwsClientSettings {
  /** Undefined: the SDK's default provider chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** Sends every service to one endpoint (moto's server mode, LocalStack). */
  endpoint?: string;
  /** Attempts the SDK makes for one request before our own retry takes over. */
  maxAttempts?: number;
}

/** The constructor options of any SDK v3 client for one region. */
export function clientConfig(settings: AwsClientSettings, region: string, extra: Record<string, unknown> = {}) {
  return {
    region,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    maxAttempts: settings.maxAttempts ?? 3,
    retryMode: 'standard' as const,
    ...extra,
  };
}

/** Drops the SDK's `$metadata` and turns dates into ISO-8601 strings (the shapes ARCHITECTURE.md fixes). */
export function plain<T>(value: T): Record<string, unknown> {
  const { $metadata: _drop, ...rest } = (value ?? {}) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

/** The retries the SDK made inside one call (to count them in the progress line). */
export function sdkRetries(output: unknown): number {
  const attempts = (output as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
  return typeof attempts === 'number' && attempts > 1 ? attempts - 1 : 0;
}
