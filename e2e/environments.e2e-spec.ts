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
  nameBeforeDeletion: string | null;
}

interface Quotas {
  tenantId: string;
  additionalProductionEnvironments: number;
  production: { quota: number; used: number };
  sandbox: { quota: number; used: number };
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

  /** Waits until an operation has ended, and answers it. */
  const ended = async (operationId: string): Promise<Operation> =>
    (
      await eventually(
        () => partner.get<Operation>(`/v1/operations/${operationId}`),
        (r) => ['succeeded', 'failed', 'canceled'].includes(r.body.status),
      )
    ).body;
  /** Sends a change that answers 202 with its operation, and waits until the operation has ended. */
  const changed = async (method: string, path: string, body?: unknown): Promise<Operation> => {
    const accepted = await partner.send<Operation>(method, path, body);
    expect({ path, status: accepted.status }).toEqual({ path, status: 202 });
    return ended(accepted.body.id);
  };
  /** The one environment of the tenant whose name was `name` before its deletion. */
  const deletedOne = async (tenantId: string, name: string): Promise<Environment> => {
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    const found = list.body.items.find((e) => e.nameBeforeDeletion === name);
    if (!found) throw new Error(`no deleted environment that was ${name}`);
    return found;
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
    for (const name of ['1st', 'with space', 'x'.repeat(30), 'sandboxes', 'API']) {
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

  it('accepts the reference’s default names, Production and Sandbox (unique whatever the case)', async () => {
    const tenantId = await newTenant('Default Names');
    await activeEnvironment(tenantId, 'Production', 'production');
    await activeEnvironment(tenantId, 'Sandbox', 'sandbox');
    const again = await createEnvironment(tenantId, { name: 'sandbox', type: 'sandbox' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('name-taken');
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(list.body.items.map((e) => [e.name, e.type]).sort()).toEqual([
      ['Production', 'production'],
      ['Sandbox', 'sandbox'],
    ]);
  });

  it('counts quotas as the reference: one production, three sandboxes, three more per production granted', async () => {
    const tenantId = await newTenant('Quota Corp');
    const quotas = `/v1/tenants/${tenantId}/environment-quotas`;
    expect((await partner.get<Quotas>(quotas)).body).toMatchObject({
      tenantId,
      additionalProductionEnvironments: 0,
      production: { quota: 1, used: 0 },
      sandbox: { quota: 3, used: 0 },
    });
    await activeEnvironment(tenantId, 'Production');
    for (const name of ['s1', 's2', 's3']) await activeEnvironment(tenantId, name, 'sandbox');
    for (const [name, type] of [
      ['p2', 'production'],
      ['s4', 'sandbox'],
    ]) {
      const over = await createEnvironment(tenantId, { name, type });
      expect({ name, status: over.status, code: over.body.code }).toEqual({
        name,
        status: 409,
        code: 'quota-exceeded',
      });
    }

    // only a platform admin grants more, and for any partner's customer
    const refused = await partner.send<Problem>('PUT', quotas, { additionalProductionEnvironments: 1 });
    expect(refused.status).toBe(403);
    const invalid = await platform.send<Problem>('PUT', quotas, { additionalProductionEnvironments: -1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.field)).toEqual(['additionalProductionEnvironments']);
    const granted = await platform.send<Quotas>('PUT', quotas, { additionalProductionEnvironments: 1 });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      additionalProductionEnvironments: 1,
      production: { quota: 2, used: 1 },
      sandbox: { quota: 6, used: 3 },
    });
    await activeEnvironment(tenantId, 'p2');
    for (const name of ['s4', 's5', 's6']) await activeEnvironment(tenantId, name, 'sandbox');
    expect((await createEnvironment(tenantId, { name: 's7', type: 'sandbox' })).body.code).toBe(
      'quota-exceeded',
    );

    // soft-deleted environments do not count
    expect((await changed('DELETE', `${environments(tenantId)}/s6`)).status).toBe('succeeded');
    expect((await partner.get<Quotas>(quotas)).body.sandbox).toEqual({ quota: 6, used: 5 });
    await activeEnvironment(tenantId, 's7', 'sandbox');
  });

  it('renames as an operation (202), refusing a name another environment has (409) and a bad one (400)', async () => {
    const tenantId = await newTenant('Rename Ltd');
    await activeEnvironment(tenantId, 'Alpha', 'sandbox');
    await activeEnvironment(tenantId, 'Beta', 'sandbox');
    const conflict = await partner.post<Problem>(`${environments(tenantId)}/Alpha/rename`, {
      newName: 'beta',
    });
    expect(conflict.status).toBe(409);
    const invalid = await partner.post<Problem>(`${environments(tenantId)}/Alpha/rename`, {
      newName: 'environments',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.field)).toEqual(['newName']);
    const accepted = await partner.post<Operation>(`${environments(tenantId)}/alpha/rename`, {
      newName: 'Gamma',
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      type: 'rename',
      status: 'scheduled',
      environmentName: 'Alpha',
      startedAt: null,
      parameters: { previousName: 'Alpha', newName: 'Gamma' },
    });
    const done = await ended(accepted.body.id);
    expect(done).toMatchObject({ status: 'succeeded', startedAt: expect.any(String), error: null });
    expect((await partner.get<Environment>(`${environments(tenantId)}/Gamma`)).body.name).toBe('Gamma');
    expect((await partner.get(`${environments(tenantId)}/Alpha`)).status).toBe(404);
    const operations = await partner.get<{ items: Operation[] }>(
      `/v1/tenants/${tenantId}/operations?type=rename`,
    );
    expect(operations.body.items).toEqual([
      expect.objectContaining({
        id: accepted.body.id,
        status: 'succeeded',
        createdBy: 'test:partner:operator',
        parameters: { previousName: 'Alpha', newName: 'Gamma' },
      }),
    ]);
  });

  it('soft-deletes as an operation: renamed <name>-yyMMddHHmmssff for 14 days, its name free at once', async () => {
    const tenantId = await newTenant('Recover Inc');
    await activeEnvironment(tenantId, 'Main');
    const accepted = await partner.send<Operation>('DELETE', `${environments(tenantId)}/Main`);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      type: 'soft-delete',
      status: 'scheduled',
      environmentName: 'Main',
    });
    const done = await ended(accepted.body.id);
    expect(done.status).toBe('succeeded');
    const deleted = await deletedOne(tenantId, 'Main');
    expect(deleted.name).toMatch(/^Main-\d{14}$/);
    expect(done.parameters).toEqual({
      previousName: 'Main',
      newName: deleted.name,
      purgeAt: deleted.purgeAt,
    });
    expect(deleted.status).toBe('soft-deleted');
    expect(Date.parse(deleted.purgeAt ?? '') - Date.parse(deleted.softDeletedAt ?? '')).toBe(14 * DAY_MS);
    // the suffix is the deletion time, UTC, to the hundredth of a second
    const stamp = new Date(deleted.softDeletedAt ?? '').toISOString().replace(/\D/g, '').slice(2, 16);
    expect(deleted.name).toBe(`Main-${stamp}`);
    expect((await partner.get(`${environments(tenantId)}/Main`)).status).toBe(404);
    const renameDeleted = await partner.post<Problem>(`${environments(tenantId)}/${deleted.name}/rename`, {
      newName: 'Other',
    });
    expect(renameDeleted.body.code).toBe('environment-soft-deleted');

    // its name is free, and it does not count in the quota (one production): a new Main can be created
    await activeEnvironment(tenantId, 'Main');
    // so recovering it needs a new name (its deleted name is one); one production over the quota is allowed
    const needsName = await partner.post<Problem>(`${environments(tenantId)}/${deleted.name}/recover`);
    expect(needsName.status).toBe(409);
    expect(needsName.body.code).toBe('original-name-taken');
    const recovered = await changed('POST', `${environments(tenantId)}/${deleted.name}/recover`, {
      newName: 'Main-old',
    });
    expect(recovered).toMatchObject({
      type: 'recover',
      status: 'succeeded',
      parameters: { newName: 'Main-old', previousName: deleted.name },
    });
    expect((await partner.get<Environment>(`${environments(tenantId)}/Main-old`)).body).toMatchObject({
      status: 'active',
      softDeletedAt: null,
      purgeAt: null,
      nameBeforeDeletion: null,
    });
    expect((await partner.post(`${environments(tenantId)}/Main-old/recover`)).status).toBe(409);

    const operations = await partner.get<{ items: Operation[] }>(`/v1/tenants/${tenantId}/operations`);
    expect(operations.body.items.map((o) => [o.type, o.status])).toEqual([
      ['recover', 'succeeded'],
      ['create', 'succeeded'],
      ['soft-delete', 'succeeded'],
      ['create', 'succeeded'],
    ]);
    // consumers follow the name: environment.renamed (reason soft-delete or recover) comes first
    const events = (
      await publishedEventsOf(tenantId, (types) => types.includes('environment.recovered'))
    ).filter((e) => e.type !== 'tenant.created');
    expect(events.map((e) => [e.type, e.data['environment']])).toEqual([
      ['environment.created', expect.objectContaining({ name: 'Main', status: 'active' })],
      ['environment.renamed', expect.objectContaining({ name: deleted.name, status: 'active' })],
      ['environment.soft-deleted', expect.objectContaining({ name: deleted.name, status: 'soft-deleted' })],
      ['environment.created', expect.objectContaining({ name: 'Main', status: 'active' })],
      ['environment.renamed', expect.objectContaining({ name: 'Main-old', status: 'soft-deleted' })],
      ['environment.recovered', expect.objectContaining({ name: 'Main-old', status: 'active' })],
    ]);
    expect(events[1]!.data).toMatchObject({
      previousName: 'Main',
      reason: 'soft-delete',
      operationId: done.id,
    });
    expect(events[2]!.data).toMatchObject({ previousName: 'Main', purgeAt: deleted.purgeAt });
    expect(events[4]!.data).toMatchObject({ previousName: deleted.name, reason: 'recover' });
    expect(events[5]!.data).toMatchObject({ previousName: deleted.name, operationId: recovered.id });
  });

  it('recovers under the name it had when that name is still free', async () => {
    const tenantId = await newTenant('Recover Again');
    await activeEnvironment(tenantId, 'Test', 'sandbox');
    expect((await changed('DELETE', `${environments(tenantId)}/Test`)).status).toBe('succeeded');
    const deleted = await deletedOne(tenantId, 'Test');
    expect((await changed('POST', `${environments(tenantId)}/${deleted.name}/recover`)).status).toBe(
      'succeeded',
    );
    expect((await partner.get<Environment>(`${environments(tenantId)}/Test`)).body).toMatchObject({
      name: 'Test',
      status: 'active',
      nameBeforeDeletion: null,
    });
    expect((await partner.get(`${environments(tenantId)}/${deleted.name}`)).status).toBe(404);
  });

  it('purges a soft-deleted environment once the clock passes its purgeAt, not before', async () => {
    const tenantId = await newTenant('Purge GmbH');
    await activeEnvironment(tenantId, 'Old', 'sandbox');
    await activeEnvironment(tenantId, 'Kept', 'sandbox');
    expect((await changed('DELETE', `${environments(tenantId)}/Old`)).status).toBe('succeeded');
    const deletedName = (await deletedOne(tenantId, 'Old')).name;

    expect((await platform.post('/v1/dev/clock', { advanceMs: 13 * DAY_MS })).status).toBe(200);
    expect((await partner.get<Environment>(`${environments(tenantId)}/${deletedName}`)).body.status).toBe(
      'soft-deleted',
    );

    expect((await platform.post('/v1/dev/clock', { advanceMs: DAY_MS + 60_000 })).status).toBe(200);
    // The clock move answers once the purge job has run: no waiting needed.
    expect((await partner.get(`${environments(tenantId)}/${deletedName}`)).status).toBe(404);
    expect((await partner.post(`${environments(tenantId)}/${deletedName}/recover`)).status).toBe(404);
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(list.body.items.map((e) => e.name)).toEqual(['Kept']);
    const purges = await partner.get<{ items: Operation[] }>(`/v1/tenants/${tenantId}/operations?type=purge`);
    expect(purges.body.items).toEqual([
      expect.objectContaining({ environmentName: deletedName, status: 'succeeded', createdBy: 'system' }),
    ]);
    // Its names are free.
    expect((await createEnvironment(tenantId, { name: 'old', type: 'sandbox' })).status).toBe(202);

    const events = await publishedEventsOf(tenantId, (types) => types.includes('environment.purged'));
    expect(events.slice(0, 6).map((e) => [e.type, e.subject])).toEqual([
      ['tenant.created', `tenants/${tenantId}`],
      ['environment.created', `tenants/${tenantId}/environments/Old`],
      ['environment.created', `tenants/${tenantId}/environments/Kept`],
      ['environment.renamed', `tenants/${tenantId}/environments/${deletedName}`],
      ['environment.soft-deleted', `tenants/${tenantId}/environments/${deletedName}`],
      ['environment.purged', `tenants/${tenantId}/environments/${deletedName}`],
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
    expect(events[5]!.data).toMatchObject({ environment: { name: deletedName, status: 'soft-deleted' } });
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
      ['GET', `/v1/tenants/${tenantId}/environment-quotas`],
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
