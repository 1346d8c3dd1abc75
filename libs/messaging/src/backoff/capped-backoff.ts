export interface CappedBackoffOptions {
  /** Delay before the first retry; default 100 ms. */
  initialMs?: number;
  /** Longest delay; default 5 s. */
  maxMs?: number;
  /** Each delay is the previous one times this, up to maxMs; default 2. */
  multiplier?: number;
  /** A number in [0, 1); Math.random by default (tests pass their own). */
  random?: () => number;
}

/**
 * Delays between attempts at something that is down (a database, a broker): capped exponential growth with
 * "equal jitter" (each delay is half its step plus a random part of the other half), so that many
 * instances that lost the same server do not all come back at the same instant, and no delay shrinks to
 * nothing. `reset()` once an attempt succeeds.
 */
export class CappedBackoff {
  private failures = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly multiplier: number;
  private readonly random: () => number;

  constructor(options: CappedBackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 100;
    this.maxMs = options.maxMs ?? 5_000;
    this.multiplier = options.multiplier ?? 2;
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt, counting one more failure. */
  next(): number {
    const step = Math.min(this.maxMs, this.initialMs * this.multiplier ** this.failures);
    this.failures += 1;
    return Math.round(step / 2 + this.random() * (step / 2));
  }

  reset(): void {
    this.failures = 0;
  }

  /** Failures since the last reset. */
  attempts(): number {
    return this.failures;
  }
}
