export interface RetryPolicy {
  /** Retries after the first failed attempt; default 3. */
  retries: number;
  /** Delay before the first retry; default 100 ms. */
  initialDelayMs: number;
  /** Each further delay is the previous one times this; default 4 (100, 400, 1600 ms). */
  multiplier: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, initialDelayMs: 100, multiplier: 4 };

/** The delay before retry number `retry` (1 for the first retry). */
export function retryDelayMs(policy: RetryPolicy, retry: number): number {
  return policy.initialDelayMs * policy.multiplier ** (retry - 1);
}
