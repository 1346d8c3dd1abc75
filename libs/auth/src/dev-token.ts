import { SignJWT } from 'jose';
import type { Role } from './roles';

/** The development HS256 secret. The gateway refuses to start with it when NODE_ENV=production. */
export const DEVELOPMENT_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export interface DevTokenRequest {
  partnerId: string;
  roles: Role[];
  subject?: string;
  tenantId?: string;
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 token with the claims of docs/api-conventions.md; for development, tests and benchmarks. */
export async function signDevToken(secret: string, request: DevTokenRequest): Promise<string> {
  const jwt = new SignJWT({
    partnerId: request.partnerId,
    roles: request.roles,
    ...(request.tenantId ? { tenantId: request.tenantId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? `dev:${request.roles[0]}`)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h');
  if (request.issuer) jwt.setIssuer(request.issuer);
  if (request.audience) jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** The variables the gateway verifies tokens with (see services/gateway gateway.config.ts). */
export type AuthEnvironment = Readonly<
  Partial<Record<'AUTH_JWT_SECRET' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE', string | undefined>>
>;

/**
 * Signs a development token that the gateway of this environment accepts: with AUTH_JWT_SECRET (or the
 * development default) and, when AUTH_ISSUER / AUTH_AUDIENCE are set, with those `iss` / `aud`, because the
 * gateway checks them for HS256 tokens too. Every tool that prints or sends a token goes through here.
 */
export async function signDevTokenFromEnv(
  env: AuthEnvironment,
  request: Omit<DevTokenRequest, 'issuer' | 'audience'>,
): Promise<string> {
  // an empty variable is "not configured", as in the gateway
  return signDevToken(env.AUTH_JWT_SECRET || DEVELOPMENT_JWT_SECRET, {
    ...request,
    ...(env.AUTH_ISSUER ? { issuer: env.AUTH_ISSUER } : {}),
    ...(env.AUTH_AUDIENCE ? { audience: env.AUTH_AUDIENCE } : {}),
  });
}
