import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ServiceProcess } from '@pac/launcher';
import { freePort, gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';

jest.setTimeout(60_000);

/** The timeouts of the gateway under test: short, so that a hung service is found out quickly. */
const HEADERS_TIMEOUT_MS = 1_000;
const BODY_TIMEOUT_MS = 1_000;
/** What a busy test machine may add to a timeout before the gateway answers. */
const SLACK_MS = 2_000;

/** A stand-in service on a free port of loopback that does what `answer` does with every request. */
async function stubService(answer: (response: import('node:http').ServerResponse) => void): Promise<Server> {
  const server = createServer((_request, response) => answer(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/**
 * One slow or dead service does not take the API down: a gateway of its own, in front of the real tenant
 * service, a telemetry service that never answers, a notification service that starts its answer and never
 * finishes it, and no lifecycle service at all.
 */
describe('gateway: degrade, don’t fall over', () => {
  let gateway: ServiceProcess;
  let hung: Server;
  let stalled: Server;
  let partner: GatewayClient;
  let tenantId: string;

  beforeAll(async () => {
    hung = await stubService(() => undefined);
    stalled = await stubService((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"items": [');
    });
    gateway = ServiceProcess.start({
      name: 'gateway',
      port: await freePort(),
      distDir: path.resolve(__dirname, '..', 'dist'),
      logTo: { folder: requiredEnv('TEST_LOG_DIR') },
      env: {
        ...process.env,
        NODE_ENV: 'test',
        TENANT_URL: requiredEnv('TENANT_URL'),
        NOTIFICATION_URL: urlOf(stalled),
        TELEMETRY_URL: urlOf(hung),
        SANDBOX_URL: requiredEnv('SANDBOX_URL'),
        // a port nothing listens on
        LIFECYCLE_URL: `http://127.0.0.1:${await freePort()}`,
        UPSTREAM_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        UPSTREAM_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
      },
    });
    await gateway.waitUntilReady();

    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Degraded' })).body.id;
    partner = await GatewayClient.as(gateway.url, { partnerId, roles: ['partner:admin'] });
    const created = await partner.post<{ id: string }>('/v1/tenants', {
      name: 'Still Served',
      countryCode: 'FR',
    });
    expect(created.status).toBe(201);
    tenantId = created.body.id;
  });

  afterAll(async () => {
    await gateway?.stop();
    for (const server of [hung, stalled]) {
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  };

  it('is ready at once: readiness is about serving its own requests, not about every service', async () => {
    const { result, ms } = await timed(() => fetch(`${gateway.url}/health/ready`));
    expect(result.status).toBe(200);
    expect(ms).toBeLessThan(500);
  });

  it('answers 504 upstream-timeout within the timeout for a service that does not answer', async () => {
    const { result, ms } = await timed(() =>
      partner.get<{ status: number; code: string }>(`/v1/tenants/${tenantId}/telemetry`),
    );
    expect(result.status).toBe(504);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body).toMatchObject({ status: 504, code: 'upstream-timeout' });
    expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
  });

  it('answers 504 for a service that starts its answer and never finishes it', async () => {
    const { result, ms } = await timed(() => partner.get<{ code: string }>('/v1/notifications'));
    expect(result.status).toBe(504);
    expect(result.body.code).toBe('upstream-timeout');
    expect(ms).toBeLessThan(BODY_TIMEOUT_MS + SLACK_MS);
  });

  it('answers 503 dependency-unavailable with retry-after for a service that cannot be reached', async () => {
    const answer = await partner.get<{ status: number; code: string }>(`/v1/releases`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 503, code: 'dependency-unavailable' });
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('keeps serving the routes of healthy services while calls to the hung one wait', async () => {
    const waiting = Array.from({ length: 8 }, () => partner.get(`/v1/tenants/${tenantId}/telemetry`));
    const { result, ms } = await timed(() =>
      Promise.all([
        partner.get(`/v1/tenants/${tenantId}`),
        partner.get(`/v1/tenants/${tenantId}/environments`),
        partner.get('/v1/tenants'),
      ]),
    );
    expect(result.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS);
    expect((await Promise.all(waiting)).map((answer) => answer.status)).toEqual(Array(8).fill(504));
  });
});
