import 'reflect-metadata';
import { AdjustableClock } from '@pac/clock';
import { ReleasePublished, TenantCreated } from '@pac/contracts';
import type { EntityManager } from 'typeorm';
import { Outbox } from './outbox';

const tenantId = '3f6f4b1e-6a3b-4c61-9a55-0d7c1f0a2b11';
const tenant = {
  tenantId,
  partnerId: '9b2e4c6a-1d3f-4e5a-8b7c-0a1b2c3d4e5f',
  name: 'Contoso',
  countryCode: 'DK',
  status: 'active' as const,
  tags: [],
  contacts: [],
  occurredAt: '2026-03-29T10:15:00.000Z',
};
const release = {
  version: '26.1',
  type: 'minor' as const,
  availableFrom: '2026-04-01T00:00:00.000Z',
  latestSelectableDays: 30,
  occurredAt: '2026-03-29T10:15:00.000Z',
};

/** A manager in a transaction that records its statements instead of running them. */
function recordingManager(): {
  manager: EntityManager;
  calls: { sql: string; rows: Record<string, unknown>[] }[];
} {
  const calls: { sql: string; rows: Record<string, unknown>[] }[] = [];
  const manager = {
    queryRunner: { isTransactionActive: true },
    query: async (sql: string, params: string[]) => {
      calls.push({ sql, rows: JSON.parse(params[0]!) });
      return [];
    },
  } as unknown as EntityManager;
  return { manager, calls };
}

describe('Outbox', () => {
  const outbox = new Outbox({
    schema: 'lifecycle',
    serviceName: 'lifecycle',
    clock: new AdjustableClock(0, () => Date.parse('2026-03-29T10:15:00Z')),
  });

  it('keys a tenant event by its tenant and names it in the subject', async () => {
    const { manager, calls } = recordingManager();
    const envelope = await outbox.add(manager, {
      definition: TenantCreated,
      tenantId,
      environmentName: 'production',
      data: tenant,
    });
    expect(envelope).toMatchObject({ tenantId, subject: `tenants/${tenantId}/environments/production` });
    expect(calls[0]!.rows[0]).toMatchObject({ message_key: tenantId });
  });

  it('keys an event about no tenant by its own key and subject', async () => {
    const { manager, calls } = recordingManager();
    const envelope = await outbox.add(manager, {
      definition: ReleasePublished,
      key: '26.1',
      subject: 'releases/26.1',
      data: release,
    });
    expect(envelope).toMatchObject({ tenantId: '26.1', subject: 'releases/26.1' });
    expect(calls[0]!.rows[0]).toMatchObject({ message_key: '26.1', subject: 'releases/26.1' });
  });

  it('refuses an event without a tenant or with a subject that is not about its key', async () => {
    const { manager } = recordingManager();
    await expect(outbox.add(manager, { definition: ReleasePublished, data: release })).rejects.toThrow(
      /needs a key and a subject/,
    );
    await expect(
      outbox.add(manager, {
        definition: ReleasePublished,
        key: '26.1',
        subject: 'releases/26.2',
        data: release,
      }),
    ).rejects.toThrow(/needs a key and a subject/);
  });

  it('writes many events in order, a few thousand rows per statement', async () => {
    const { manager, calls } = recordingManager();
    const events = Array.from({ length: 4500 }, (_, i) => ({
      definition: TenantCreated,
      tenantId,
      data: { ...tenant, name: `Contoso ${i}` },
    }));
    const envelopes = await outbox.addMany(manager, events, { validate: 'first' });
    expect(envelopes).toHaveLength(4500);
    expect(calls.map((c) => c.rows.length)).toEqual([2000, 2000, 500]);
    const payloads = calls.flatMap((c) => c.rows.map((r) => (r['payload'] as { name: string }).name));
    expect(payloads[0]).toBe('Contoso 0');
    expect(payloads[4499]).toBe('Contoso 4499');
  });

  it('validates every event unless told to check only the first of each type', async () => {
    const { manager } = recordingManager();
    const events = [
      { definition: TenantCreated, tenantId, data: tenant },
      { definition: TenantCreated, tenantId, data: { ...tenant, countryCode: 'denmark' } },
    ];
    await expect(outbox.addMany(manager, events)).rejects.toThrow(/countryCode/);
    await expect(outbox.addMany(manager, events, { validate: 'first' })).resolves.toHaveLength(2);
  });

  it('refuses a manager outside a transaction', async () => {
    const manager = { queryRunner: undefined, query: jest.fn() } as unknown as EntityManager;
    await expect(outbox.add(manager, { definition: TenantCreated, tenantId, data: tenant })).rejects.toThrow(
      /inside the transaction/,
    );
  });
});
