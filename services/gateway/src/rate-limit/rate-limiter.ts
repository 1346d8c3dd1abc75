import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { problem, ProblemException } from '@pac/bootstrap';
import { GatewayConfig } from '../gateway.config';
import { TokenBucketLimiter } from './token-bucket';

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

  /** Takes one request from the caller's partner, or refuses it: 429 problem+json and retry-after. */
  admit(caller: Caller): void {
    if (!this.limiter) return;
    const decision = this.limiter.take(caller.partnerId);
    if (decision.allowed) return;
    // retryAfterSeconds: the problem filter also writes it as the retry-after header.
    throw new ProblemException(
      problem(429, `Too many requests for your partner; retry in ${decision.retryAfterSeconds} s.`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      }),
    );
  }
}
