export interface RateLimitOptions {
  /** Tokens added per minute (the sustained rate). */
  perMinute: number;
  /** The bucket's size: how many requests may arrive at once. A new key starts with a full bucket. */
  burst: number;
  /** Monotonic milliseconds; real time, not the adjustable clock (moving test time must not refill buckets). */
  now?: () => number;
}

/** `remaining`: whole requests left now; `fullInSeconds`: until the bucket is full again (nothing spent). */
export type RateLimitDecision =
  | { allowed: true; remaining: number; fullInSeconds: number }
  | { allowed: false; retryAfterSeconds: number; remaining: 0; fullInSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * One token bucket per key (a partner), in this process's memory: each request takes a token; tokens come
 * back at `perMinute` per minute up to `burst`. Buckets that have filled up again are forgotten (a full
 * bucket is the same as none), so memory follows the partners active in the last minutes.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.perMinute > 0) || !(options.burst >= 1)) {
      throw new RangeError('a rate limit needs perMinute > 0 and burst >= 1');
    }
    this.perMs = options.perMinute / 60_000;
    this.now = options.now ?? (() => performance.now());
    this.lastSweep = this.now();
  }

  take(key: string): RateLimitDecision {
    const now = this.now();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updatedAt: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return {
        allowed: true,
        remaining: Math.floor(bucket.tokens),
        fullInSeconds: this.fullInSeconds(bucket),
      };
    }
    const waitMs = (1 - bucket.tokens) / this.perMs;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      remaining: 0,
      fullInSeconds: this.fullInSeconds(bucket),
    };
  }

  /** The policy as a quota per window: `burst` requests, refilled in full in `windowSeconds`. */
  get policy(): { quota: number; windowSeconds: number } {
    return { quota: this.options.burst, windowSeconds: Math.ceil(this.options.burst / this.perMs / 1000) };
  }

  private fullInSeconds(bucket: Bucket): number {
    return Math.ceil((this.options.burst - bucket.tokens) / this.perMs / 1000);
  }

  /** Keys currently remembered (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.options.burst)
        this.buckets.delete(key);
    }
  }
}
