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
import { IdempotencyStore, type ClaimResult, type IdempotentRequest } from './idempotency.store';

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
    store = new IdempotencyStore(dataSource, schema, clock);
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

  /** Claims, and if claimed, records `answer` and commits: a request that ran to its end. */
  async function runToEnd(same: IdempotentRequest, on = store): Promise<ClaimResult> {
    const result = await on.claim(same);
    if (result.kind === 'claimed') {
      await on.complete(result.transaction, same, answer);
      await result.transaction.commit();
    }
    return result;
  }

  it('lets the first request run, replays its answer to the same request, refuses another request', async () => {
    const first = request();
    expect((await runToEnd(first)).kind).toBe('claimed');
    await expect(store.claim(first)).resolves.toEqual({ kind: 'replay', answer });
    await expect(store.claim({ ...first, fingerprint: 'f-2' })).resolves.toEqual({ kind: 'mismatch' });
  });

  it('lets exactly one of many concurrent requests run; the others wait for its answer', async () => {
    const same = request();
    const results = await Promise.all(Array.from({ length: 8 }, () => runToEnd(same)));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'replay')).toEqual(Array(7).fill({ kind: 'replay', answer }));
  });

  it('answers in-progress to a duplicate when the first request outlasts the wait', async () => {
    const impatient = new IdempotencyStore(dataSource, schema, clock, { waitForFirstMs: 150 });
    const same = request();
    const first = await store.claim(same);
    if (first.kind !== 'claimed') throw new Error('not claimed');
    await expect(impatient.claim(same)).resolves.toEqual({ kind: 'in-progress' });
    await store.complete(first.transaction, same, answer);
    await first.transaction.commit();
    await expect(impatient.claim(same)).resolves.toEqual({ kind: 'replay', answer });
  });

  it('keeps keys apart per partner', async () => {
    const mine = request();
    expect((await runToEnd(mine)).kind).toBe('claimed');
    expect((await runToEnd({ ...mine, partnerId: 'p-2' })).kind).toBe('claimed');
  });

  it('leaves no trace of a request that did not commit: the key can be used again at once', async () => {
    const same = request();
    const abandoned = await store.claim(same);
    if (abandoned.kind !== 'claimed') throw new Error('not claimed');
    await store.complete(abandoned.transaction, same, { ...answer, body: '{"id":"lost"}' });
    await abandoned.transaction.rollback();
    expect((await runToEnd(same)).kind).toBe('claimed');
    await expect(store.claim(same)).resolves.toEqual({ kind: 'replay', answer });
  });

  it('takes over a key left in progress by an earlier version, which committed claims on their own', async () => {
    const same = request();
    await dataSource.query(
      `INSERT INTO "${schema}".idempotency_keys
         (partner_id, key, method, path, fingerprint, state, claim, locked_at, created_at, expires_at)
       VALUES ($1, $2, 'POST', '/tenants', $3, 'in-progress', $4, $5, $5, $6)`,
      [
        same.partnerId,
        same.key,
        same.fingerprint,
        randomUUID(),
        clock.now(),
        new Date(clock.now().getTime() + 3_600_000),
      ],
    );
    expect((await runToEnd(same)).kind).toBe('claimed');
  });

  it('expires keys after 24 h by the clock, and purges them', async () => {
    const same = request();
    await runToEnd(same);
    await clock.advance(24 * 3_600_000 - 1_000);
    expect((await store.claim(same)).kind).toBe('replay');
    await clock.advance(2_000);
    expect(await store.purgeExpired()).toBeGreaterThan(0);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM "${schema}".idempotency_keys WHERE partner_id = $1 AND key = $2`,
      [same.partnerId, same.key],
    );
    expect(count).toBe(0);
    expect((await runToEnd({ ...same, fingerprint: 'another' })).kind).toBe('claimed');
  });
});
