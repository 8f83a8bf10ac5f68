/** How a queued write is retried: tries in all (the confirm was the first), and the backoff's first step and cap. */
export interface WriteRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long one instance holds a write it is trying; one that dies mid-try lets it go after this. */
  leaseMs?: number;
}

export const DEFAULT_WRITE_RETRY_POLICY: WriteRetryPolicy = { maxAttempts: 8, baseDelayMs: 5_000, maxDelayMs: 15 * 60_000, leaseMs: 60_000 };

/**
 * The wait before try `attempt + 1`: exponential with jitter (between half and all of the step, so
 * retries of many users spread out), never sooner than Google's Retry-After.
 */
export function writeRetryDelayMs(attempt: number, retryAfterMs: number, policy: WriteRetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs, Math.round(step * (0.5 + random() / 2)));
}
