import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../api-error.ts';
import { classifyGoogleError, type GoogleFailure } from './google-failure.ts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out in the request: the caller is told to come back. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 4000, maxWaitMs: 10_000 };

export class GoogleCallFailed extends Error {
  constructor(
    readonly failure: GoogleFailure,
    readonly attempts: number,
    readonly original: unknown,
  ) {
    super(`Google call failed after ${attempts} attempt(s): ${failure.status ?? 'network'} ${failure.reason ?? ''}`.trim());
  }
}

/**
 * Runs a Google call, retrying what Google asks to be retried (429, 403 rate limits,
 * 5xx, dropped connections) with exponential backoff and full jitter, never sooner
 * than Retry-After. Anything else fails at once. Only idempotent calls belong here:
 * every write we make carries a client event id or is a patch/delete of a known id.
 */
export async function callWithRetries<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      // Our own verdicts (not connected, reconnect required) are final, not Google's hiccups.
      if (error instanceof ApiError) throw error;
      const failure = classifyGoogleError(error);
      if (failure.kind !== 'retryable' || attempt >= policy.maxAttempts) throw new GoogleCallFailed(failure, attempt, error);
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * random();
      const wait = Math.max(backoff, failure.retryAfterMs ?? 0);
      if (wait > policy.maxWaitMs) throw new GoogleCallFailed(failure, attempt, error);
      await sleep(wait);
    }
  }
}
