import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';

const dist = path.resolve(__dirname, '..', 'dist');

describe('a service with bad configuration', () => {
  it('prints one message naming each bad variable and exits non-zero, before touching anything', () => {
    const env = { PATH: process.env['PATH'], TENANT_PORT: 'not-a-port', KAFKA_BROKERS: 'a b' };
    const run = spawnSync(process.execPath, [path.join(dist, 'services/tenant/src/main.js')], {
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tenant: invalid configuration, not starting');
    for (const variable of ['PORT', 'DATABASE_URL', 'KAFKA_BROKERS'])
      expect(run.stderr).toContain(`- ${variable}:`);
  });
});

describe('the clock of every service', () => {
  it('moves forward together through POST /v1/dev/clock, and only for a platform admin', async () => {
    const services = ['tenant', 'lifecycle', 'notification', 'telemetry', 'sandbox'];
    const nowOf = async (service: string) => {
      const answer = await fetch(`${requiredEnv(`${service.toUpperCase()}_URL`)}/internal/clock`);
      return Date.parse(((await answer.json()) as { now: string }).now);
    };
    const before = await Promise.all(services.map(nowOf));
    const partner = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['partner:admin'],
    });
    expect((await partner.post('/v1/dev/clock', { advanceMs: 3_600_000 })).status).toBe(403);

    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const moved = await platform.post<{ services: Record<string, string> }>('/v1/dev/clock', {
      advanceMs: 3_600_000,
    });
    expect(moved.status).toBe(200);
    expect(Object.keys(moved.body.services).sort()).toEqual([...services].sort());
    const after = await Promise.all(services.map(nowOf));
    after.forEach((now, i) => expect(now - before[i]!).toBeGreaterThanOrEqual(3_600_000));
  });
});
