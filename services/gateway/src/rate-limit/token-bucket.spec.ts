import { TokenBucketLimiter } from './token-bucket';

describe('token bucket rate limit', () => {
  let time = 0;
  const now = () => time;
  beforeEach(() => {
    time = 1_000_000;
  });

  it('lets a burst through, then refuses with the seconds until the next token', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 6, burst: 3, now });
    expect([1, 2, 3].map(() => limiter.take('p').allowed)).toEqual([true, true, true]);
    // one token every 10 s
    expect(limiter.take('p')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    time += 4_000;
    expect(limiter.take('p')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    time += 6_000;
    expect(limiter.take('p')).toEqual({ allowed: true, remaining: 0 });
  });

  it('keeps one bucket per key: one partner’s traffic never limits another', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 1, now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('refills up to the burst only, and forgets buckets that are full again', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2, now });
    limiter.take('a');
    limiter.take('b');
    time += 3_600_000;
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 1 });
    // the sweep ran on that call: b had filled up and is gone, a is back
    expect(limiter.size).toBe(1);
  });

  it('refuses a meaningless configuration', () => {
    expect(() => new TokenBucketLimiter({ perMinute: 0, burst: 1 })).toThrow(RangeError);
  });
});
