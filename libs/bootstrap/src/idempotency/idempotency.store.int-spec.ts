import { randomBytes, randomUUID } from 'node:crypto';
import { AdjustableClock } from '@pac/clock';
import {
  createServiceDataSource,
  dropServiceDatabase,
  provisionServiceDatabase,
  runMigrations,
} from '@pac/persistence';
import type { DataSource } from 'typeorm';
import { idempotencyKeysMigration } from './idempotency.migration';
import { IdempotencyStore, type IdempotentRequest } from './idempotency.store';

jest.setTimeout(30_000);

describe('IdempotencyStore on Postgres', () => {
  const adminUrl = process.env['DATABASE_URL'];
  const schema = `idem_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let clock: AdjustableClock;
  let store: IdempotencyStore;

  beforeAll(async () => {
    if (!adminUrl) throw new Error('DATABASE_URL (a superuser URL) must be set: run through npm test');
    const url = await provisionServiceDatabase(adminUrl, schema, 'password');
    dataSource = createServiceDataSource({
      url,
      schema,
      entities: [],
      migrations: [idempotencyKeysMigration(schema)],
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    clock = new AdjustableClock();
    store = new IdempotencyStore(dataSource, schema, clock, { waitForFirstMs: 150, pollMs: 10 });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (adminUrl) await dropServiceDatabase(adminUrl, schema);
  });

  const request = (overrides: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
    partnerId: 'p-1',
    key: randomUUID(),
    method: 'POST',
    path: '/tenants',
    fingerprint: 'f-1',
    ...overrides,
  });
  const answer = { status: 201, contentType: 'application/json', body: '{"id":"t-1"}' };

  it('lets the first request run, replays its answer to the same request, refuses another request', async () => {
    const first = request();
    const claimed = await store.claim(first);
    expect(claimed.kind).toBe('claimed');
    if (claimed.kind !== 'claimed') return;
    await store.complete(claimed.claim, answer);
    await expect(store.claim(first)).resolves.toEqual({ kind: 'replay', answer });
    await expect(store.claim({ ...first, fingerprint: 'f-2' })).resolves.toEqual({ kind: 'mismatch' });
  });

  it('lets exactly one of many concurrent requests run; the others wait for its answer', async () => {
    const same = request();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.claim(same)));
    const winners = results.filter((r) => r.kind === 'claimed');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in-progress')).toHaveLength(7);

    const waiting = store.claim(same);
    const winner = winners[0]!;
    if (winner.kind === 'claimed') await store.complete(winner.claim, answer);
    await expect(waiting).resolves.toEqual({ kind: 'replay', answer });
  });

  it('keeps keys apart per partner', async () => {
    const mine = request();
    expect((await store.claim(mine)).kind).toBe('claimed');
    expect((await store.claim({ ...mine, partnerId: 'p-2' })).kind).toBe('claimed');
  });

  it('forgets a released claim, so the request can run again', async () => {
    const same = request();
    const claimed = await store.claim(same);
    if (claimed.kind !== 'claimed') throw new Error('not claimed');
    await store.release(claimed.claim);
    expect((await store.claim(same)).kind).toBe('claimed');
  });

  it('takes over a claim abandoned for over a minute; the old holder can no longer record its answer', async () => {
    const same = request();
    const old = await store.claim(same);
    if (old.kind !== 'claimed') throw new Error('not claimed');
    expect((await store.claim(same)).kind).toBe('in-progress');
    await clock.advance(61_000);
    const taken = await store.claim(same);
    expect(taken.kind).toBe('claimed');
    await store.complete(old.claim, { ...answer, body: '{"id":"stale"}' });
    expect((await store.claim(same)).kind).toBe('in-progress');
    if (taken.kind === 'claimed') await store.complete(taken.claim, answer);
    await expect(store.claim(same)).resolves.toEqual({ kind: 'replay', answer });
  });

  it('expires keys after 24 h by the clock, and purges them', async () => {
    const same = request();
    const claimed = await store.claim(same);
    if (claimed.kind !== 'claimed') throw new Error('not claimed');
    await store.complete(claimed.claim, answer);
    await clock.advance(24 * 3_600_000 - 1_000);
    expect((await store.claim(same)).kind).toBe('replay');
    await clock.advance(2_000);
    expect(await store.purgeExpired()).toBeGreaterThan(0);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM "${schema}".idempotency_keys WHERE partner_id = $1 AND key = $2`,
      [same.partnerId, same.key],
    );
    expect(count).toBe(0);
    expect((await store.claim({ ...same, fingerprint: 'another' })).kind).toBe('claimed');
  });
});
