import { AdjustableClock } from '@pac/clock';
import { hashTelemetryKey } from '@pac/auth';
import type { ProblemException } from '@pac/bootstrap';
import type { GatewayConfig } from '../gateway.config';
import type { Upstream, UpstreamAnswer } from '../upstream/upstream';
import { TelemetryKeyCache } from './telemetry-key-cache';

const resolution = { keyId: 'k', tenantId: 't', partnerId: 'p', environmentName: 'Production' };
const logger = { warn: () => undefined } as never;

function cacheWith(answers: () => UpstreamAnswer, ttlMs = 30_000, size = 10_000) {
  const clock = new AdjustableClock(0, () => Date.parse('2026-12-04T10:00:00Z'));
  const asked: string[] = [];
  const upstream = {
    call: async (_service: string, call: { body: { keyHash: string } }) => {
      asked.push(call.body.keyHash);
      return answers();
    },
  } as unknown as Upstream;
  const config = { TELEMETRY_KEY_CACHE_TTL_MS: ttlMs, TELEMETRY_KEY_CACHE_SIZE: size } as GatewayConfig;
  return { cache: new TelemetryKeyCache(upstream, config, clock, logger), clock, asked };
}

const found = (): UpstreamAnswer => ({
  status: 200,
  contentType: 'application/json',
  headers: {},
  text: JSON.stringify(resolution),
});
const notFound = (): UpstreamAnswer => ({
  status: 404,
  contentType: 'application/problem+json',
  headers: {},
  text: '{}',
});

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as ProblemException).problem.status;
  }
}

describe('the gateway’s ingestion key cache', () => {
  it('asks the telemetry service once per key and period, by the key’s hash only', async () => {
    const { cache, asked } = cacheWith(found);
    await expect(cache.resolve('ptk_secret', 'r1')).resolves.toEqual(resolution);
    await expect(cache.resolve('ptk_secret', 'r2')).resolves.toEqual(resolution);
    expect(asked).toEqual([hashTelemetryKey('ptk_secret')]);
  });

  it('refuses a revoked key once the period is over, not later', async () => {
    let answer = found;
    const { cache, clock } = cacheWith(() => answer(), 30_000);
    await cache.resolve('ptk_secret', 'r1');
    answer = notFound; // revoked at the telemetry service
    await clock.advance(29_999);
    expect(await statusOf(cache.resolve('ptk_secret', 'r2'))).toBe(200);
    await clock.advance(1);
    expect(await statusOf(cache.resolve('ptk_secret', 'r3'))).toBe(401);
  });

  it('refuses a missing key without asking, and shares one question between concurrent requests', async () => {
    const { cache, asked } = cacheWith(notFound);
    expect(await statusOf(cache.resolve(undefined, 'r0'))).toBe(401);
    expect(asked).toEqual([]);
    const both = await Promise.all([
      statusOf(cache.resolve('ptk_x', 'r1')),
      statusOf(cache.resolve('ptk_x', 'r2')),
    ]);
    expect(both).toEqual([401, 401]);
    expect(asked).toHaveLength(1);
  });

  it('learns nothing when the telemetry service cannot answer', async () => {
    let answer = (): UpstreamAnswer => ({
      status: 503,
      contentType: 'application/problem+json',
      headers: {},
      text: JSON.stringify({ status: 503, code: 'dependency-unavailable', title: 'Service Unavailable' }),
    });
    const { cache } = cacheWith(() => answer());
    expect(await statusOf(cache.resolve('ptk_secret', 'r1'))).toBe(503);
    answer = found;
    expect(await statusOf(cache.resolve('ptk_secret', 'r2'))).toBe(200);
  });

  it('remembers at most its size, forgetting the oldest learnt', async () => {
    const { cache, asked } = cacheWith(found, 30_000, 2);
    for (const key of ['ptk_a', 'ptk_b', 'ptk_c', 'ptk_a']) await cache.resolve(key, 'r');
    expect(asked).toHaveLength(4);
  });
});
