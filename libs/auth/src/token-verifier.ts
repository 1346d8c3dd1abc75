import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, type Caller } from './roles';

export interface TokenVerifierOptions {
  /** HS256 shared secret (development and simple deployments). */
  hs256Secret?: string;
  /** JWKS endpoint for RS256 tokens (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /**
   * Verified tokens remembered (least recently used evicted beyond this many) until their `exp`, so that a
   * front end's token is verified once rather than on every request. 0 turns the cache off. Default 10,000.
   */
  cacheSize?: number;
  /**
   * The longest a verified token is remembered, even if its `exp` is later: a key removed from the JWKS (a
   * compromised key taken out of rotation) must stop being honoured within this time, not at the token's
   * expiry. Default one minute.
   */
  cacheTtlMs?: number;
  /** Milliseconds since the epoch; real time, like jose's own `exp` check. For tests. */
  now?: () => number;
}

export const DEFAULT_TOKEN_CACHE_SIZE = 10_000;
export const DEFAULT_TOKEN_CACHE_TTL_MS = 60_000;

export type VerifyResult = { ok: true; caller: Caller } | { ok: false; reason: string };

/**
 * Verifies a bearer token and turns its claims into a Caller. Failures are values: the gateway answers 401.
 * A token that verified is remembered until its `exp` or for cacheTtlMs, whichever comes first (the same
 * token string, so the same signature): the
 * HMAC or RSA check and the claims' parsing are paid once per token, not once per request. Refused tokens
 * are never remembered.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
  private readonly cacheSize: number;
  private readonly cacheTtlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenVerifierOptions) {
    this.cacheSize = options.cacheSize ?? DEFAULT_TOKEN_CACHE_SIZE;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_TOKEN_CACHE_TTL_MS;
    this.now = options.now ?? Date.now;
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ['RS256'];
    } else if (options.hs256Secret) {
      this.key = new TextEncoder().encode(options.hs256Secret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs an HS256 secret or a JWKS URL');
    }
  }

  async verify(token: string): Promise<VerifyResult> {
    const known = this.verified.get(token);
    if (known) {
      this.verified.delete(token);
      if (this.now() < known.expiresAtMs) {
        this.verified.set(token, known); // the most recently used, evicted last
        return { ok: true, caller: known.caller };
      }
    }
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      });
      payload = verified.payload;
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : 'invalid token' };
    }
    const result = callerFromClaims(payload);
    if (result.ok) this.remember(token, result.caller, payload.exp!);
    return result;
  }

  /** Tokens remembered now (for tests and metrics). */
  get cachedTokens(): number {
    return this.verified.size;
  }

  private remember(token: string, caller: Caller, exp: number): void {
    if (this.cacheSize <= 0) return;
    if (this.verified.size >= this.cacheSize) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    const expiresAtMs = Math.min(exp * 1000, this.now() + this.cacheTtlMs);
    this.verified.set(token, { caller: Object.freeze(caller), expiresAtMs });
  }
}

export function callerFromClaims(payload: JWTPayload): VerifyResult {
  const roles = Array.isArray(payload['roles']) ? payload['roles'] : [];
  if (!roles.every(isRole) || roles.length === 0)
    return { ok: false, reason: 'roles claim is missing or unknown' };
  const partnerId = payload['partnerId'];
  if (typeof partnerId !== 'string' || partnerId.length === 0) {
    return { ok: false, reason: 'partnerId claim is missing' };
  }
  const tenantId = payload['tenantId'];
  if (roles.includes('customer:admin') && typeof tenantId !== 'string') {
    return { ok: false, reason: 'a customer admin token needs a tenantId claim' };
  }
  return {
    ok: true,
    caller: {
      subject: String(payload.sub),
      partnerId,
      roles,
      ...(typeof tenantId === 'string' ? { tenantId } : {}),
    },
  };
}
