import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Caller } from './roles';

/**
 * How a domain service knows that a request comes from the gateway, and for whom: the gateway signs a
 * short-lived token (a compact JWT, HS256 with INTERNAL_AUTH_SECRET, shared by the gateway and the services
 * only) carrying the caller it verified; every service checks it on every route but its health and metrics.
 * A request straight to a service's port without it, or with a forged or expired one, is refused with 401,
 * whatever `x-caller-*`-like headers it carries.
 */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/** Development only: refused in production, where INTERNAL_AUTH_SECRET must be set (StatelessServiceConfig). */
export const DEVELOPMENT_INTERNAL_SECRET = 'dev-only-internal-secret-change-me-0123456789';

/** How long a token is valid by default; the gateway signs a new one for a caller half-way through. */
const LIFETIME_SECONDS = 60;
const AUDIENCE = 'pac-internal';
const ISSUER = 'pac-gateway';
/** The only header we sign with, hence the only one we accept (no `alg` negotiation, no `none`). */
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

interface InternalClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  sub: string;
  partnerId: string;
  roles: string[];
  tenantId?: string;
}

/** The gateway's side: signs tokens for callers, one per caller object until it is half-way to expiry. */
export class InternalTokenSigner {
  private readonly signed = new WeakMap<Caller, { token: string; renewAt: number }>();

  constructor(
    private readonly secret: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
    private readonly lifetimeSeconds = LIFETIME_SECONDS,
  ) {}

  /** The header that carries `caller` to a service. */
  headersFor(caller: Caller): Record<string, string> {
    const now = this.nowSeconds();
    let entry = this.signed.get(caller);
    if (!entry || now >= entry.renewAt) {
      entry = { token: this.sign(caller, now), renewAt: now + Math.floor(this.lifetimeSeconds / 2) };
      this.signed.set(caller, entry);
    }
    return { [INTERNAL_TOKEN_HEADER]: entry.token };
  }

  private sign(caller: Caller, now: number): string {
    const claims: InternalClaims = {
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now,
      exp: now + this.lifetimeSeconds,
      sub: caller.subject,
      partnerId: caller.partnerId,
      roles: caller.roles,
      ...(caller.tenantId ? { tenantId: caller.tenantId } : {}),
    };
    const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${unsigned}.${hmac(this.secret, unsigned)}`;
  }
}

/** A service's side: the caller of a request, if its internal token is genuine and current. */
export class InternalTokenVerifier {
  constructor(
    private readonly secret: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  verify(token: string | string[] | undefined): Caller | undefined {
    if (typeof token !== 'string') return undefined;
    const [header, payload, signature, extra] = token.split('.');
    if (header !== HEADER || !payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(hmac(this.secret, `${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claims = parseClaims(payload);
    if (!claims || claims.iss !== ISSUER || claims.aud !== AUDIENCE) return undefined;
    if (claims.exp <= this.nowSeconds()) return undefined;
    const roles = claims.roles.filter(isRole);
    if (roles.length === 0 || !claims.sub || !claims.partnerId) return undefined;
    return {
      subject: claims.sub,
      partnerId: claims.partnerId,
      roles,
      ...(claims.tenantId ? { tenantId: claims.tenantId } : {}),
    };
  }
}

function parseClaims(payload: string): InternalClaims | undefined {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<InternalClaims>;
    const valid =
      typeof claims.exp === 'number' &&
      typeof claims.sub === 'string' &&
      typeof claims.partnerId === 'string' &&
      Array.isArray(claims.roles) &&
      (claims.tenantId === undefined || typeof claims.tenantId === 'string');
    return valid ? (claims as InternalClaims) : undefined;
  } catch {
    return undefined;
  }
}

function hmac(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * For tools and benchmarks that call a service directly, as the gateway of this environment would: signed
 * with INTERNAL_AUTH_SECRET, or the development secret when it is unset, valid for `lifetimeSeconds`.
 */
export function internalHeadersFromEnv(
  env: Partial<Record<'INTERNAL_AUTH_SECRET', string | undefined>>,
  caller: Caller,
  lifetimeSeconds = 3_600,
): Record<string, string> {
  const secret = env.INTERNAL_AUTH_SECRET || DEVELOPMENT_INTERNAL_SECRET;
  return new InternalTokenSigner(secret, undefined, lifetimeSeconds).headersFor(caller);
}
