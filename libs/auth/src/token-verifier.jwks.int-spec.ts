import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { TokenVerifier } from './token-verifier';

/** A key jose generated (a CryptoKey): jose 6 no longer exports its KeyLike type. */
type GeneratedKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * The production option: RS256 tokens checked against a JWKS served over HTTP. A real JWKS endpoint on
 * loopback, real RSA keys; no mock of jose.
 */
describe('TokenVerifier (JWKS, RS256)', () => {
  const partnerId = '6f1c7a52-7a3e-4a0e-9a55-1f7c0f5b2a11';
  let server: Server;
  let jwksUrl: string;
  let jwksFetches = 0;
  let signingKey: GeneratedKey;
  let publicJwk: JWK;
  let otherKey: GeneratedKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    otherKey = (await generateKeyPair('RS256')).privateKey;
    server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      jwksFetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** An RS256 token with the claims of docs/api-conventions.md; `claims`/`options` vary one thing at a time. */
  async function rs256(
    options: {
      key?: GeneratedKey;
      kid?: string;
      exp?: string | null;
      issuer?: string;
      audience?: string;
    } = {},
    claims: Record<string, unknown> = { partnerId, roles: ['partner:operator'] },
  ): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setSubject('ana')
      .setIssuedAt();
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? '10m');
    if (options.issuer) jwt.setIssuer(options.issuer);
    if (options.audience) jwt.setAudience(options.audience);
    return jwt.sign(options.key ?? signingKey);
  }

  it('accepts a token signed by a key of the JWKS, fetching the key set once', async () => {
    const verifier = new TokenVerifier({ jwksUrl });
    const before = jwksFetches;
    await expect(verifier.verify(await rs256())).resolves.toEqual({
      ok: true,
      caller: { subject: 'ana', partnerId, roles: ['partner:operator'] },
    });
    await expect(verifier.verify(await rs256())).resolves.toMatchObject({ ok: true });
    expect(jwksFetches - before).toBe(1);
  });

  it('refuses a token signed by another key, even under a known key id', async () => {
    const verifier = new TokenVerifier({ jwksUrl });
    expect(await verifier.verify(await rs256({ key: otherKey }))).toMatchObject({ ok: false });
    expect(await verifier.verify(await rs256({ key: otherKey, kid: 'unknown' }))).toMatchObject({
      ok: false,
    });
  });

  it('refuses HS256 tokens when configured for JWKS, even signed with the public key (algorithm confusion)', async () => {
    const verifier = new TokenVerifier({ jwksUrl, hs256Secret: 'a-secret-that-must-be-ignored-1234567890' });
    const hs = await new SignJWT({ partnerId, roles: ['platform:admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setSubject('mallory')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    expect(await verifier.verify(hs)).toMatchObject({ ok: false });
    const withSecret = await new SignJWT({ partnerId, roles: ['platform:admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-secret-that-must-be-ignored-1234567890'));
    expect(await verifier.verify(withSecret)).toMatchObject({ ok: false });
  });

  it('requires exp, and refuses an expired token', async () => {
    const verifier = new TokenVerifier({ jwksUrl });
    expect(await verifier.verify(await rs256({ exp: null }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('exp'),
    });
    expect(await verifier.verify(await rs256({ exp: '-5m' }))).toMatchObject({ ok: false });
  });

  it('checks iss and aud only when configured', async () => {
    const lenient = new TokenVerifier({ jwksUrl });
    expect(await lenient.verify(await rs256({ issuer: 'anyone', audience: 'anything' }))).toMatchObject({
      ok: true,
    });
    expect(await lenient.verify(await rs256())).toMatchObject({ ok: true });

    const strict = new TokenVerifier({ jwksUrl, issuer: 'https://login.example', audience: 'pac-gateway' });
    const right = { issuer: 'https://login.example', audience: 'pac-gateway' };
    expect(await strict.verify(await rs256(right))).toMatchObject({ ok: true });
    expect(await strict.verify(await rs256())).toMatchObject({ ok: false });
    expect(await strict.verify(await rs256({ ...right, issuer: 'https://evil.example' }))).toMatchObject({
      ok: false,
    });
    expect(await strict.verify(await rs256({ ...right, audience: 'another-api' }))).toMatchObject({
      ok: false,
    });
  });

  it('still reads the caller from the claims: unknown roles and a customer admin without tenant are refused', async () => {
    const verifier = new TokenVerifier({ jwksUrl });
    expect(await verifier.verify(await rs256({}, { partnerId, roles: ['root'] }))).toMatchObject({
      ok: false,
    });
    expect(await verifier.verify(await rs256({}, { partnerId, roles: ['customer:admin'] }))).toMatchObject({
      ok: false,
    });
    expect(
      await verifier.verify(await rs256({}, { partnerId, roles: ['customer:admin'], tenantId: 't-1' })),
    ).toMatchObject({ ok: true, caller: { tenantId: 't-1' } });
  });

  it('refuses every token (401, never a crash) when the JWKS cannot be fetched', async () => {
    const verifier = new TokenVerifier({ jwksUrl: jwksUrl.replace('/.well-known/jwks.json', '/missing') });
    expect(await verifier.verify(await rs256())).toMatchObject({ ok: false });
  });
});
