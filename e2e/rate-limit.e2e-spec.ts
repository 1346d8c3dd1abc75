import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ServiceProcess } from '@pac/launcher';
import { freePort, GatewayClient, requiredEnv } from '@pac/testing';

jest.setTimeout(60_000);

/**
 * The per-partner rate limit, on a gateway instance of its own with a low limit (3 at once, then one a
 * second), in front of the same services as the others.
 */
describe('rate limit per partner', () => {
  let gateway: ServiceProcess;

  beforeAll(async () => {
    requiredEnv('TENANT_URL');
    gateway = ServiceProcess.start({
      name: 'gateway',
      port: await freePort(),
      distDir: path.resolve(__dirname, '..', 'dist'),
      logTo: { folder: requiredEnv('TEST_LOG_DIR') },
      env: { ...process.env, NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '3' },
    });
    await gateway.waitUntilReady();
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  const as = (partnerId: string, roles: Parameters<typeof GatewayClient.as>[1]['roles']) =>
    GatewayClient.as(gateway.url, { partnerId, roles });

  it('lets a burst through, then answers 429 problem+json with retry-after in seconds', async () => {
    const partner = await as(randomUUID(), ['partner:viewer']);
    const statuses: number[] = [];
    const left: Array<string | null> = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await partner.get('/v1/tenants');
      statuses.push(answer.status);
      // the IETF RateLimit headers: 3 per 3 s (a burst of 3, one a second), and what is left of it
      expect(answer.headers.get('ratelimit-policy')).toBe('"partner";q=3;w=3');
      left.push(answer.headers.get('ratelimit'));
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(left.map((value) => value?.replace(/;t=\d+$/, ''))).toEqual([
      '"partner";r=2',
      '"partner";r=1',
      '"partner";r=0',
    ]);
    const limited = await partner.get<{ status: number; title: string }>('/v1/tenants');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests', code: 'rate-limited' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-request-id')).toBeTruthy();
    expect(limited.headers.get('ratelimit')).toMatch(/^"partner";r=0;t=[1-3]$/);

    // the limit is real time: after retry-after seconds, the next token is there
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await partner.get('/v1/tenants')).status).toBe(200);
  });

  it('counts per partner: one partner at its limit does not slow another; every role of a partner shares it', async () => {
    const partnerId = randomUUID();
    const viewer = await as(partnerId, ['partner:viewer']);
    const admin = await as(partnerId, ['partner:admin']);
    for (let i = 0; i < 3; i += 1) await viewer.get('/v1/tenants');
    expect((await admin.get('/v1/tenants')).status).toBe(429);
    expect((await (await as(randomUUID(), ['partner:viewer'])).get('/v1/tenants')).status).toBe(200);
  });

  it('limits platform admins by their partner too', async () => {
    const platform = await as(randomUUID(), ['platform:admin']);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await platform.get('/v1/tenants')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('never limits probes, metrics, the OpenAPI document and the docs, nor counts calls without a token', async () => {
    const anonymous = new GatewayClient(gateway.url);
    for (let i = 0; i < 8; i += 1) {
      for (const url of ['/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs']) {
        expect({ url, status: (await anonymous.raw('GET', url)).status }).toEqual({ url, status: 200 });
      }
      expect((await anonymous.get('/v1/tenants')).status).toBe(401);
    }
  });
});
