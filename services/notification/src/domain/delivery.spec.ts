import { afterAttempt, newDeliveryProgress, retryDelayMs, RETRY_FOR_MS } from './delivery';

const start = new Date('2026-05-01T10:00:00.000Z');
const failure = { ok: false as const, statusCode: 500, error: 'answered 500', latencyMs: 12.4 };

describe('a delivery', () => {
  it('waits 10 s, 20 s, 40 s ... up to an hour between attempts', () => {
    expect([1, 2, 3, 4, 10, 20].map(retryDelayMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 3_600_000, 3_600_000,
    ]);
  });

  it('is tried again after a failure, then delivered', () => {
    const failed = afterAttempt(newDeliveryProgress(start), failure, start);
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'answered 500',
      latencyMs: 12,
      firstAttemptAt: start.toISOString(),
      nextAttemptAt: new Date(start.getTime() + 10_000).toISOString(),
    });
    const later = new Date(start.getTime() + 10_000);
    expect(afterAttempt(failed, { ok: true, statusCode: 204, latencyMs: 3 }, later)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 204,
      lastError: null,
      deliveredAt: later.toISOString(),
      firstAttemptAt: start.toISOString(),
    });
  });

  it('is given up when it still fails 24 hours after its first attempt', () => {
    const first = afterAttempt(newDeliveryProgress(start), failure, start);
    const almost = afterAttempt(first, failure, new Date(start.getTime() + RETRY_FOR_MS - 1));
    expect(almost.status).toBe('pending');
    expect(afterAttempt(almost, failure, new Date(start.getTime() + RETRY_FOR_MS)).status).toBe('failed');
  });
});
