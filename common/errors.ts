/**
 * Errors with stable codes, in the manner of OPA's `{code, message}` errors:
 * callers branch on `code`, people read `message`.
 */
export class ParapetError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ParapetError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isParapetError(err: unknown, code?: string): err is ParapetError {
  return err instanceof ParapetError && (code === undefined || err.code === code);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
