import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';
import { publishedEventsOf } from './support/tenant-topic';

// Effects travel through Kafka: a busy machine can take longer than Jest's default 5 s per test.
jest.setTimeout(60_000);

interface Operation {
  id: string;
  type: string;
  status: string;
  tenantId: string;
  environmentName: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  error: unknown;
  parameters: Record<string, unknown>;
}

interface Environment {
  name: string;
  tenantId: string;
  type: string;
  status: string;
  applicationVersion: string;
  countryCode: string;
  softDeletedAt: string | null;
  purgeAt: string | null;
}

interface Problem {
  status: number;
  detail?: string;
  code?: string;
  errors?: Array<{ field: string; message: string }>;
}

const DAY_MS = 86_400_000;

/**
 * Environments, extensions and operations through the gateway, against the running services, Kafka and
 * Postgres. Time-based behaviour (the purge) is driven by moving the clock, never by waiting.
 */
describe('environments of a customer', () => {
  let platform: GatewayClient;
  let partner: GatewayClient;
  let partnerId: string;

  const newTenant = async (name: string): Promise<string> => {
    const created = await partner.post<{ id: string }>('/v1/tenants', { name, countryCode: 'FR' });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const environments = (tenantId: string) => `/v1/tenants/${tenantId}/environments`;
  const createEnvironment = (tenantId: string, body: Record<string, unknown>) =>
    partner.post<Operation & Problem>(environments(tenantId), body);
  /** Creates an environment and waits until its create operation has made it active. */
  const activeEnvironment = async (tenantId: string, name: string, type = 'production') => {
    const accepted = await createEnvironment(tenantId, { name, type });
    expect(accepted.status).toBe(202);
    await eventually(
      () => partner.get<Environment>(`${environments(tenantId)}/${name}`),
      (r) => r.body.status === 'active',
    );
  };

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Environment Partner' });
    partnerId = created.body.id;
    partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:operator'] });
  });

  it('creates an environment: 202 with a create operation, then preparing becomes active', async () => {
    const tenantId = await newTenant('Fabrikam');
    const accepted = await createEnvironment(tenantId, { name: 'Main', type: 'production' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      type: 'create',
      status: 'running',
      tenantId,
      environmentName: 'Main',
      createdBy: 'test:partner:operator',
      completedAt: null,
      error: null,
      parameters: { type: 'production', applicationVersion: '26.0', countryCode: 'FR' },
    });

    const done = await eventually(
      () => partner.get<Operation>(`/v1/operations/${accepted.body.id}`),
      (r) => r.body.status === 'succeeded',
    );
    expect(done.body.completedAt).toEqual(expect.any(String));
    const environment = await partner.get<Environment>(`${environments(tenantId)}/main`);
    expect(environment.status).toBe(200);
    expect(environment.body).toMatchObject({
      name: 'Main',
      tenantId,
      type: 'production',
      status: 'active',
      applicationVersion: '26.0',
      countryCode: 'FR',
      sourceEnvironment: null,
      softDeletedAt: null,
      purgeAt: null,
    });
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(list.body.items.map((e) => e.name)).toEqual(['Main']);
    const operations = await partner.get<{ items: Operation[] }>(`/v1/tenants/${tenantId}/operations`);
    expect(operations.body.items.map((o) => [o.type, o.status])).toEqual([['create', 'succeeded']]);
  });

  it('refuses bad and reserved names with 400 naming `name`, and a taken name (any case) with 409', async () => {
    const tenantId = await newTenant('Naming Rules');
    for (const name of ['1st', 'with space', 'x'.repeat(30), 'Production', 'sandbox', 'API']) {
      const refused = await createEnvironment(tenantId, { name, type: 'sandbox' });
      expect({ name, status: refused.status }).toEqual({ name, status: 400 });
      expect(refused.body.errors?.map((e) => e.field)).toEqual(['name']);
    }
    await activeEnvironment(tenantId, 'Test', 'sandbox');
    const taken = await createEnvironment(tenantId, { name: 'TEST', type: 'sandbox' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('name-taken');
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(list.body.items.map((e) => e.name)).toEqual(['Test']);
  });

  it('holds each type to its quota (3 by default), soft-deleted environments included', async () => {
    const tenantId = await newTenant('Quota Corp');
    for (const name of ['p1', 'p2', 'p3']) await activeEnvironment(tenantId, name);
    const over = await createEnvironment(tenantId, { name: 'p4', type: 'production' });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('quota-exceeded');
    expect((await partner.send('DELETE', `${environments(tenantId)}/p3`)).status).toBe(200);
    expect((await createEnvironment(tenantId, { name: 'p4', type: 'production' })).status).toBe(409);
    expect((await createEnvironment(tenantId, { name: 's1', type: 'sandbox' })).status).toBe(202);
  });

  it('renames, refusing a name another environment has (409) and a bad one (400 naming newName)', async () => {
    const tenantId = await newTenant('Rename Ltd');
    await activeEnvironment(tenantId, 'Alpha', 'sandbox');
    await activeEnvironment(tenantId, 'Beta', 'sandbox');
    const conflict = await partner.post<Problem>(`${environments(tenantId)}/Alpha/rename`, {
      newName: 'beta',
    });
    expect(conflict.status).toBe(409);
    const invalid = await partner.post<Problem>(`${environments(tenantId)}/Alpha/rename`, {
      newName: 'default',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.field)).toEqual(['newName']);
    const renamed = await partner.post<Environment>(`${environments(tenantId)}/alpha/rename`, {
      newName: 'Gamma',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Gamma');
    expect((await partner.get(`${environments(tenantId)}/Alpha`)).status).toBe(404);
    const operations = await partner.get<{ items: Operation[] }>(
      `/v1/tenants/${tenantId}/operations?type=rename`,
    );
    expect(operations.body.items).toEqual([
      expect.objectContaining({
        environmentName: 'Gamma',
        status: 'succeeded',
        parameters: { previousName: 'Alpha', newName: 'Gamma' },
      }),
    ]);
  });

  it('soft-deletes for 14 days and recovers', async () => {
    const tenantId = await newTenant('Recover Inc');
    await activeEnvironment(tenantId, 'Main');
    const deleted = await partner.send<Environment>('DELETE', `${environments(tenantId)}/Main`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.status).toBe('soft-deleted');
    expect(Date.parse(deleted.body.purgeAt ?? '') - Date.parse(deleted.body.softDeletedAt ?? '')).toBe(
      14 * DAY_MS,
    );
    const listed = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(listed.body.items.map((e) => [e.name, e.status])).toEqual([['Main', 'soft-deleted']]);
    const renameDeleted = await partner.post(`${environments(tenantId)}/Main/rename`, { newName: 'Other' });
    expect(renameDeleted.status).toBe(409);

    const recovered = await partner.post<Environment>(`${environments(tenantId)}/Main/recover`);
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({ status: 'active', softDeletedAt: null, purgeAt: null });
    expect((await partner.post(`${environments(tenantId)}/Main/recover`)).status).toBe(409);
  });

  it('purges a soft-deleted environment once the clock passes its purgeAt, not before', async () => {
    const tenantId = await newTenant('Purge GmbH');
    await activeEnvironment(tenantId, 'Old', 'sandbox');
    await activeEnvironment(tenantId, 'Kept', 'sandbox');
    expect((await partner.send('DELETE', `${environments(tenantId)}/Old`)).status).toBe(200);

    expect((await platform.post('/v1/dev/clock', { advanceMs: 13 * DAY_MS })).status).toBe(200);
    expect((await partner.get<Environment>(`${environments(tenantId)}/Old`)).body.status).toBe(
      'soft-deleted',
    );

    expect((await platform.post('/v1/dev/clock', { advanceMs: DAY_MS + 60_000 })).status).toBe(200);
    // The clock move answers once the purge job has run: no waiting needed.
    expect((await partner.get(`${environments(tenantId)}/Old`)).status).toBe(404);
    expect((await partner.post(`${environments(tenantId)}/Old/recover`)).status).toBe(404);
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(list.body.items.map((e) => e.name)).toEqual(['Kept']);
    const purges = await partner.get<{ items: Operation[] }>(`/v1/tenants/${tenantId}/operations?type=purge`);
    expect(purges.body.items).toEqual([
      expect.objectContaining({ environmentName: 'Old', status: 'succeeded', createdBy: 'system' }),
    ]);
    // The name is free again.
    expect((await createEnvironment(tenantId, { name: 'old', type: 'sandbox' })).status).toBe(202);

    const events = await publishedEventsOf(tenantId, (types) => types.includes('environment.purged'));
    expect(events.slice(0, 5).map((e) => [e.type, e.subject])).toEqual([
      ['tenant.created', `tenants/${tenantId}`],
      ['environment.created', `tenants/${tenantId}/environments/Old`],
      ['environment.created', `tenants/${tenantId}/environments/Kept`],
      ['environment.soft-deleted', `tenants/${tenantId}/environments/Old`],
      ['environment.purged', `tenants/${tenantId}/environments/Old`],
    ]);
    expect(events[1]!.data).toMatchObject({
      tenantId,
      partnerId,
      environment: {
        name: 'Old',
        type: 'sandbox',
        status: 'active',
        applicationVersion: '26.0',
        extensions: [],
      },
      operationId: expect.any(String),
    });
    expect(events[4]!.data).toMatchObject({ environment: { name: 'Old', status: 'soft-deleted' } });
  });

  it('installs extensions (one version per environment), lists and uninstalls them', async () => {
    const tenantId = await newTenant('Extension SA');
    await activeEnvironment(tenantId, 'Main');
    const extensions = `${environments(tenantId)}/Main/extensions`;
    const payments = { publisher: 'Contoso', name: 'Payments', version: '1.2.3.4', minVersion: '25.0' };
    const installed = await partner.post<{ id: string }>(extensions, { ...payments, maxVersion: '27.5' });
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({
      id: expect.any(String),
      environmentName: 'Main',
      ...payments,
      maxVersion: '27.5',
    });

    const again = await partner.post<Problem>(extensions, {
      ...payments,
      publisher: 'CONTOSO',
      version: '2.0.0',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('extension-already-installed');
    const incompatible = await partner.post<Problem>(extensions, {
      ...payments,
      name: 'Next',
      minVersion: '27.0',
    });
    expect(incompatible.status).toBe(409);
    const badRange = await partner.post<Problem>(extensions, {
      ...payments,
      name: 'Range',
      minVersion: '26.0',
      maxVersion: '25.9',
    });
    expect(badRange.status).toBe(400);
    expect(badRange.body.errors?.map((e) => e.field)).toEqual(['maxVersion']);
    const badVersion = await partner.post<Problem>(extensions, { ...payments, name: 'V', version: 'latest' });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.errors?.map((e) => e.field)).toEqual(['version']);

    const list = await partner.get<{ items: Array<{ id: string }> }>(extensions);
    expect(list.body.items.map((e) => e.id)).toEqual([installed.body.id]);
    expect((await partner.send('DELETE', `${extensions}/${installed.body.id}`)).status).toBe(204);
    expect((await partner.send('DELETE', `${extensions}/${installed.body.id}`)).status).toBe(404);
    expect((await partner.get<{ items: unknown[] }>(extensions)).body.items).toEqual([]);

    const events = await publishedEventsOf(tenantId, (types) => types.includes('extension.uninstalled'));
    const extensionEvents = events.filter((e) => e.type.startsWith('extension.'));
    expect(extensionEvents.map((e) => e.type)).toEqual(['extension.installed', 'extension.uninstalled']);
    expect(extensionEvents[0]!.data).toMatchObject({
      extensionId: installed.body.id,
      environment: {
        name: 'Main',
        extensions: [{ extensionId: installed.body.id, ...payments, maxVersion: '27.5' }],
      },
    });
    expect(extensionEvents[1]!.data).toMatchObject({ environment: { name: 'Main', extensions: [] } });
  });

  it('refuses to cancel an operation that already ran (409)', async () => {
    const tenantId = await newTenant('Cancel BV');
    const accepted = await createEnvironment(tenantId, { name: 'Main', type: 'production' });
    await eventually(
      () => partner.get<Operation>(`/v1/operations/${accepted.body.id}`),
      (r) => r.body.status === 'succeeded',
    );
    const cancel = await partner.post<Problem>(`/v1/operations/${accepted.body.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('operation-not-cancelable');
  });

  it('keeps environments, extensions and operations from another partner (404)', async () => {
    const tenantId = await newTenant('Private Co');
    const accepted = await createEnvironment(tenantId, { name: 'Main', type: 'production' });
    const stranger = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['partner:admin'],
    });
    const calls: Array<[string, string, unknown?]> = [
      ['GET', environments(tenantId)],
      ['POST', environments(tenantId), { name: 'Mine', type: 'sandbox' }],
      ['GET', `${environments(tenantId)}/Main`],
      ['DELETE', `${environments(tenantId)}/Main`],
      ['POST', `${environments(tenantId)}/Main/recover`],
      ['POST', `${environments(tenantId)}/Main/rename`, { newName: 'Mine' }],
      ['GET', `${environments(tenantId)}/Main/extensions`],
      [
        'POST',
        `${environments(tenantId)}/Main/extensions`,
        { publisher: 'X', name: 'Y', version: '1.0', minVersion: '20.0' },
      ],
      ['GET', `/v1/tenants/${tenantId}/operations`],
      ['GET', `/v1/operations/${accepted.body.id}`],
      ['POST', `/v1/operations/${accepted.body.id}/cancel`],
    ];
    for (const [method, path, body] of calls) {
      const answer = await stranger.send(method, path, body);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
    }
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(list.body.items.map((e) => e.name)).toEqual(['Main']);
  });
});
