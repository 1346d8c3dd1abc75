import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { problem, ProblemException } from '@pac/bootstrap';
import { GatewayConfig } from '../gateway.config';
import { TokenBucketLimiter, type RateLimitDecision } from './token-bucket';

/**
 * The per-partner rate limit of this gateway instance (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST): keyed by
 * the token's partnerId, platform admins included. Only authenticated routes count; probes, /metrics, /docs
 * and /openapi.json are not limited. The buckets are in memory, so the limit holds per instance.
 */
@Injectable()
export class RateLimiter {
  private readonly limiter: TokenBucketLimiter | undefined;

  constructor(config: GatewayConfig) {
    this.limiter =
      config.RATE_LIMIT_PER_MINUTE > 0
        ? new TokenBucketLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST })
        : undefined;
  }

  /**
   * Takes one request from the caller's partner, or refuses it: 429 problem+json and retry-after. Either way
   * the answer carries the IETF RateLimit headers (rateLimitHeaders), written with `setHeader`.
   */
  admit(caller: Caller, setHeader: (name: string, value: string) => void): void {
    if (!this.limiter) return;
    const decision = this.limiter.take(caller.partnerId);
    for (const [name, value] of Object.entries(rateLimitHeaders(this.limiter.policy, decision)))
      setHeader(name, value);
    if (decision.allowed) return;
    // retryAfterSeconds: the problem filter also writes it as the retry-after header.
    throw new ProblemException(
      problem(429, `Too many requests for your partner; retry in ${decision.retryAfterSeconds} s.`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      }),
    );
  }
}

/** The name of our one policy in the headers. */
const POLICY = 'partner';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` says the quota
 * (`q` requests per `w` seconds: the bucket's size and the time it takes to refill it whole, e.g. 300 per 15 s
 * for 1,200 a minute with a burst of 300), `RateLimit` what is left of it now (`r`) and in how many seconds it
 * is whole again (`t`).
 */
export function rateLimitHeaders(
  policy: { quota: number; windowSeconds: number },
  decision: RateLimitDecision,
): Record<string, string> {
  return {
    'ratelimit-policy': `"${POLICY}";q=${policy.quota};w=${policy.windowSeconds}`,
    ratelimit: `"${POLICY}";r=${decision.remaining};t=${decision.fullInSeconds}`,
  };
}
