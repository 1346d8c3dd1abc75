import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, signDevToken } from '@pac/auth';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freePort } from '@pac/testing';

/** A key jose generated (a CryptoKey): jose 6 no longer exports its KeyLike type. */
type GeneratedKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * The gateway as a process, started the way production starts it (the compiled main, settings from the
 * environment). `npm test` builds dist/ before running this.
 */
const MAIN = path.resolve(__dirname, '..', '..', '..', 'dist', 'services', 'gateway', 'src', 'main.js');

jest.setTimeout(60_000);

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

function startGateway(env: NodeJS.ProcessEnv, port: number): Started {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env['PATH'],
      GATEWAY_PORT: String(port),
      LOG_LEVEL: 'warn',
      // services that are not there: these tests stop at the gateway's own checks
      TENANT_URL: 'http://127.0.0.1:9',
      LIFECYCLE_URL: 'http://127.0.0.1:9',
      NOTIFICATION_URL: 'http://127.0.0.1:9',
      TELEMETRY_URL: 'http://127.0.0.1:9',
      SANDBOX_URL: 'http://127.0.0.1:9',
      KAFKA_BROKERS: '127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exit };
}

async function waitUntilLive(started: Started): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`gateway exited: ${started.output()}`);
    try {
      if ((await fetch(`${started.url}/health/live`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gateway not live in time: ${started.output()}`);
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
  await started.exit;
}

describe('gateway process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run through npm test (it builds first)`);
  });

  it('refuses to start in production with the development secrets: exit 1 and one clear message', async () => {
    const started = startGateway({ NODE_ENV: 'production' }, await freePort());
    const code = await started.exit;
    expect(code).toBe(1);
    expect(started.output()).toContain('gateway: invalid configuration, not starting');
    expect(started.output()).toContain(
      'AUTH_JWT_SECRET: the development secret cannot be used in production',
    );
    expect(started.output()).toContain(
      'INTERNAL_AUTH_SECRET: the development secret cannot be used in production',
    );
  });

  it('refuses to start in production when the secret is given explicitly as the development one', async () => {
    const started = startGateway(
      { NODE_ENV: 'production', AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET },
      await freePort(),
    );
    expect(await started.exit).toBe(1);
    expect(started.output()).toContain('the development secret cannot be used in production');
  });

  describe('in production with a JWKS', () => {
    let jwks: Server;
    let key: GeneratedKey;
    let gateway: Started;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      key = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
      jwks = createHttpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
      gateway = startGateway(
        {
          NODE_ENV: 'production',
          AUTH_JWKS_URL: jwksUrl,
          AUTH_ISSUER: 'https://login.example',
          INTERNAL_AUTH_SECRET: 'a-production-internal-secret-of-32-characters',
        },
        await freePort(),
      );
      await waitUntilLive(gateway);
    });

    afterAll(async () => {
      await stop(gateway);
      await new Promise<void>((resolve) => jwks.close(() => resolve()));
    });

    const rs256 = (issuer: string) =>
      new SignJWT({ partnerId: '6f1c7a52-7a3e-4a0e-9a55-1f7c0f5b2a11', roles: ['partner:admin'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('ana')
        .setIssuer(issuer)
        .setExpirationTime('5m')
        .sign(key);

    const list = (token: string) =>
      fetch(`${gateway.url}/v1/tenants`, { headers: { authorization: `Bearer ${token}` } });

    it('starts without an HS256 secret, and accepts RS256 tokens of its issuer', async () => {
      // past authentication, the tenant service is not there: 503, not 401
      expect((await list(await rs256('https://login.example'))).status).toBe(503);
    });

    it('refuses development HS256 tokens and tokens of another issuer (401 problem+json)', async () => {
      const dev = await signDevToken(DEVELOPMENT_JWT_SECRET, {
        partnerId: '6f1c7a52-7a3e-4a0e-9a55-1f7c0f5b2a11',
        roles: ['platform:admin'],
        issuer: 'https://login.example',
      });
      for (const token of [dev, await rs256('https://evil.example')]) {
        const answer = await list(token);
        expect(answer.status).toBe(401);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
      }
    });

    it('tells browsers to use HTTPS only, on every answer (strict-transport-security)', async () => {
      for (const url of ['/v1/tenants', '/health/live', '/docs', '/nope']) {
        const answer = await fetch(`${gateway.url}${url}`);
        expect({ url, hsts: answer.headers.get('strict-transport-security') }).toEqual({
          url,
          hsts: 'max-age=31536000; includeSubDomains',
        });
      }
    });

    it('has no development clock in production', async () => {
      const answer = await fetch(`${gateway.url}/v1/dev/clock`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await rs256('https://login.example')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ advanceMs: 1000 }),
      });
      expect(answer.status).toBe(404);
    });
  });

  it('refuses to start with a CORS origin that is not scheme://host[:port]', async () => {
    const started = startGateway({ CORS_ORIGINS: 'https://portal.example/app' }, await freePort());
    expect(await started.exit).toBe(1);
    expect(started.output()).toContain('CORS_ORIGINS');
  });

  describe('with CORS_ORIGINS', () => {
    const portal = 'https://portal.example';
    const elsewhere = 'https://elsewhere.example';
    let gateway: Started;

    beforeAll(async () => {
      gateway = startGateway({ CORS_ORIGINS: `${portal}, http://localhost:5173` }, await freePort());
      await waitUntilLive(gateway);
    });

    afterAll(async () => {
      await stop(gateway);
    });

    const preflight = (origin: string) =>
      fetch(`${gateway.url}/v1/tenants`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });

    it('answers the preflight of an allowed origin with what a front end may send', async () => {
      const answer = await preflight(portal);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(portal);
      expect(answer.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
      expect(answer.headers.get('access-control-allow-headers')).toBe(
        'authorization, content-type, idempotency-key, x-request-id',
      );
      expect(Number(answer.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('does not answer the preflight of another origin (problem+json, no CORS headers)', async () => {
      const answer = await preflight(elsewhere);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-methods')).toBeNull();
    });

    it('lets an allowed origin read answers and the headers a front end needs; another origin gets none', async () => {
      const allowed = await fetch(`${gateway.url}/v1/tenants`, { headers: { origin: portal } });
      expect(allowed.status).toBe(401);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(portal);
      expect(allowed.headers.get('access-control-expose-headers')).toBe(
        'x-request-id, retry-after, ratelimit, ratelimit-policy, idempotent-replayed, location',
      );
      expect(allowed.headers.get('vary')).toContain('Origin');
      const other = await fetch(`${gateway.url}/v1/tenants`, { headers: { origin: elsewhere } });
      expect(other.status).toBe(401);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-expose-headers')).toBeNull();
    });
  });
});
