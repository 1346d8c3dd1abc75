import { rateLimitHeaders } from './rate-limiter';
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
    expect(limiter.take('p')).toEqual({
      allowed: false,
      retryAfterSeconds: 10,
      remaining: 0,
      fullInSeconds: 30,
    });
    time += 4_000;
    expect(limiter.take('p')).toEqual({
      allowed: false,
      retryAfterSeconds: 6,
      remaining: 0,
      fullInSeconds: 26,
    });
    time += 6_000;
    expect(limiter.take('p')).toEqual({ allowed: true, remaining: 0, fullInSeconds: 30 });
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
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 1, fullInSeconds: 1 });
    // the sweep ran on that call: b had filled up and is gone, a is back
    expect(limiter.size).toBe(1);
  });

  it('refuses a meaningless configuration', () => {
    expect(() => new TokenBucketLimiter({ perMinute: 0, burst: 1 })).toThrow(RangeError);
  });

  it('states its policy as a quota per window: the burst, and the time to refill it whole', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 1200, burst: 300, now });
    expect(limiter.policy).toEqual({ quota: 300, windowSeconds: 15 });
  });
});

describe('the RateLimit headers (IETF draft-ietf-httpapi-ratelimit-headers)', () => {
  it('say the policy, what is left and when the quota is whole again', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 6, burst: 3, now: () => 0 });
    expect(rateLimitHeaders(limiter.policy, limiter.take('p'))).toEqual({
      'ratelimit-policy': '"partner";q=3;w=30',
      ratelimit: '"partner";r=2;t=10',
    });
    limiter.take('p');
    limiter.take('p');
    expect(rateLimitHeaders(limiter.policy, limiter.take('p'))).toEqual({
      'ratelimit-policy': '"partner";q=3;w=30',
      ratelimit: '"partner";r=0;t=30',
    });
  });
});
