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

/** Signs an HS256 token with the claims of api.md; for development, tests and benchmarks. */
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
