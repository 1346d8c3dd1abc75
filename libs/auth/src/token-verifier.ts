import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, type Caller } from './roles';

export interface TokenVerifierOptions {
  /** HS256 shared secret (development and simple deployments). */
  hs256Secret?: string;
  /** JWKS endpoint for RS256 tokens (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export type VerifyResult = { ok: true; caller: Caller } | { ok: false; reason: string };

/** Verifies a bearer token and turns its claims into a Caller. Failures are values: the gateway answers 401. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly options: TokenVerifierOptions) {
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
    return callerFromClaims(payload);
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
