import { randomUUID } from 'node:crypto';
import type { Role } from '@pac/auth';
import { eventually, GatewayClient, WebhookReceiver, type ApiResponse } from '@pac/testing';
import { publishNextRelease } from './releases';
import { updatesOf } from './updates';
import { knownToLifecycle } from './environments';
import { sendTelemetry, telemetryKey, telemetryNow } from './telemetry';

/**
 * The fixture environment runs 10.0, a major version no other suite uses: the release published for it
 * reaches no other suite's environment (they run newer versions).
 */
const FIXTURE_MAJOR = 10;

export interface TenantFixture {
  id: string;
  name: string;
}

/**
 * The people and data the generated security tests act with: two partners (A, the owner of everything the
 * tests aim at, and B, a stranger), tenants A1 (the target), A2 (another customer of A) and B1, and one client
 * per kind of caller. Resources below A1 (environments, operations, ...) are created on first need, so that a
 * test of routes that do not exist yet creates nothing it cannot use.
 */
export interface World {
  baseUrl: string;
  partnerA: string;
  partnerB: string;
  tenantA1: TenantFixture;
  tenantA2: TenantFixture;
  tenantB1: TenantFixture;
  anonymous: GatewayClient;
  platform: GatewayClient;
  /** Callers of partner A, by role; customer admins bound to A1 (their own) and to A2 (not the target). */
  a: Record<'admin' | 'operator' | 'viewer' | 'customerOfA1' | 'customerOfA2', GatewayClient>;
  /** Partner B's admin: every right, on another partner. */
  strangerAdmin: GatewayClient;
  /** Resources created once per world, by fixture key (see PATH_PARAMETER_FIXTURES). */
  created: Map<string, Promise<string>>;
}

export async function createWorld(baseUrl: string, label: string): Promise<World> {
  const platform = await GatewayClient.as(baseUrl, { partnerId: randomUUID(), roles: ['platform:admin'] });
  const partner = async (name: string) => {
    const answer = await platform.post<{ id: string }>('/v1/partners', { name });
    if (answer.status !== 201) throw new Error(`creating partner ${name}: ${answer.status}`);
    return answer.body.id;
  };
  const partnerA = await partner(`${label} A`);
  const partnerB = await partner(`${label} B`);
  const as = (partnerId: string, role: Role, tenantId?: string) =>
    GatewayClient.as(baseUrl, { partnerId, roles: [role], ...(tenantId ? { tenantId } : {}) });
  const adminA = await as(partnerA, 'partner:admin');
  const strangerAdmin = await as(partnerB, 'partner:admin');
  const tenant = async (client: GatewayClient, name: string): Promise<TenantFixture> => {
    const answer = await client.post<{ id: string }>('/v1/tenants', { name, countryCode: 'FR' });
    if (answer.status !== 201) throw new Error(`creating tenant ${name}: ${answer.status}`);
    return { id: answer.body.id, name };
  };
  const tenantA1 = await tenant(adminA, `${label} A1`);
  const tenantA2 = await tenant(adminA, `${label} A2`);
  const tenantB1 = await tenant(strangerAdmin, `${label} B1`);
  return {
    baseUrl,
    partnerA,
    partnerB,
    tenantA1,
    tenantA2,
    tenantB1,
    anonymous: new GatewayClient(baseUrl),
    platform,
    a: {
      admin: adminA,
      operator: await as(partnerA, 'partner:operator'),
      viewer: await as(partnerA, 'partner:viewer'),
      customerOfA1: await as(partnerA, 'customer:admin', tenantA1.id),
      customerOfA2: await as(partnerA, 'customer:admin', tenantA2.id),
    },
    strangerAdmin,
    created: new Map(),
  };
}

/** Fails with the answer when a fixture could not be made. */
export function expectStatus<T>(answer: ApiResponse<T>, status: number, what: string): ApiResponse<T> {
  if (answer.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
}

/**
 * How to fill one path parameter with a real resource of tenant A1, keyed by the path segment before it and
 * its name ("environments/{name}"). A route added later whose parameters are not here makes the generated
 * tests fail, listing it: add its fixture here (create the resource through the API as partner A's admin).
 */
export const PATH_PARAMETER_FIXTURES: Record<string, (world: World) => Promise<string>> = {
  'tenants/{tenantId}': async (world) => world.tenantA1.id,
  'environments/{name}': (world) =>
    once(world, 'environment', async () => {
      const name = 'matrixprod';
      const created = await world.a.admin.post<{ id: string }>(
        `/v1/tenants/${world.tenantA1.id}/environments`,
        { name, type: 'production', applicationVersion: `${FIXTURE_MAJOR}.0` },
      );
      expectStatus(created, 202, 'creating the fixture environment');
      world.created.set('operation', Promise.resolve(created.body.id));
      await eventually(
        () => world.a.admin.get<{ status?: string }>(`/v1/tenants/${world.tenantA1.id}/environments/${name}`),
        (answer) => answer.status === 200 && answer.body.status === 'active',
      );
      return name;
    }),
  'operations/{operationId}': async (world) => {
    await PATH_PARAMETER_FIXTURES['environments/{name}']!(world);
    return world.created.get('operation')!;
  },
  // A ready sandbox of the fixture environment (the sandbox service's saga made its copy).
  'sandboxes/{name}': (world) =>
    once(world, 'sandbox', async () => {
      const environment = await PATH_PARAMETER_FIXTURES['environments/{name}']!(world);
      const name = 'matrixsandbox';
      const requested = await world.a.admin.post(`/v1/tenants/${world.tenantA1.id}/sandboxes`, {
        name,
        sourceEnvironment: environment,
      });
      expectStatus(requested, 202, 'requesting the fixture sandbox');
      await eventually(
        () => world.a.admin.get<{ status?: string }>(`/v1/tenants/${world.tenantA1.id}/sandboxes/${name}`),
        (answer) => answer.status === 200 && answer.body.status === 'ready',
      );
      return name;
    }),
  'extensions/{extensionId}': (world) =>
    once(world, 'extension', async () => {
      const environment = await PATH_PARAMETER_FIXTURES['environments/{name}']!(world);
      const installed = await world.a.admin.post<{ id: string }>(
        `/v1/tenants/${world.tenantA1.id}/environments/${environment}/extensions`,
        { publisher: 'Contoso', name: 'Matrix Add-on', version: '1.0.0.0', minVersion: '1.0' },
      );
      return expectStatus(installed, 201, 'installing the fixture extension').body.id;
    }),
  // A release really offered to the fixture environment (and scheduled automatically), so that each refused
  // call on its update (select, cancel, ...) is one that its caller's rights alone stop.
  'updates/{targetVersion}': (world) =>
    once(world, 'release', async () => {
      const environment = await PATH_PARAMETER_FIXTURES['environments/{name}']!(world);
      // Published only once the lifecycle service knows the environment, so that it is offered at once.
      await knownToLifecycle(world.a.admin, world.tenantA1.id, environment);
      const version = await publishNextRelease(world.platform, FIXTURE_MAJOR);
      await eventually(
        () =>
          updatesOf<{ targetVersion: string; scheduleDetails: { status: string } }>(
            world.a.admin,
            world.tenantA1.id,
            environment,
          ),
        // Scheduled at once; when the real time of day is inside the fixture's window, it may already run.
        (updates) =>
          updates?.some(
            (u) =>
              u.targetVersion === version &&
              ['scheduled', 'running', 'succeeded'].includes(u.scheduleDetails.status),
          ) ?? false,
      );
      return version;
    }),
  'notification-recipients/{recipientId}': (world) =>
    once(world, 'recipient', async () => {
      // The notification service knows the tenant once its tenant.created arrived.
      const added = await eventually(
        () =>
          world.a.admin.post<{ id: string }>(`/v1/tenants/${world.tenantA1.id}/notification-recipients`, {
            email: 'matrix@a1.example',
            name: 'Matrix',
            // A type no customer's notification has: nothing is e-mailed, so its delivery log stays as it is.
            eventTypes: ['webhook.disabled'],
          }),
        (answer) => answer.status !== 404,
      );
      return expectStatus(added, 201, 'adding the fixture recipient').body.id;
    }),
  // A webhook of partner A to a receiver that accepts everything, so that its delivery log stays as it is.
  'webhooks/{id}': (world) =>
    once(world, 'webhook', async () => {
      const receiver = await WebhookReceiver.start();
      const created = await world.a.admin.post<{ id: string }>('/v1/webhooks', {
        url: receiver.url,
        eventTypes: ['tenant.created'],
      });
      return expectStatus(created, 201, 'creating the fixture webhook').body.id;
    }),
  // One delivered delivery of that webhook: the notification of a tenant created for it.
  'deliveries/{deliveryId}': (world) =>
    once(world, 'delivery', async () => {
      const webhook = await PATH_PARAMETER_FIXTURES['webhooks/{id}']!(world);
      const tenant = await world.a.admin.post('/v1/tenants', { name: 'Webhook fixture', countryCode: 'FR' });
      expectStatus(tenant, 201, 'creating the tenant whose notification the fixture webhook gets');
      const log = await eventually(
        () =>
          world.a.admin.get<{ items: Array<{ id: string; status: string }> }>(
            `/v1/webhooks/${webhook}/deliveries`,
          ),
        (answer) => answer.status === 200 && answer.body.items.some((d) => d.status === 'delivered'),
      );
      return log.body.items[0]!.id;
    }),
  'telemetry-keys/{keyId}': (world) =>
    once(world, 'telemetry-key', async () => {
      const environment = await PATH_PARAMETER_FIXTURES['environments/{name}']!(world);
      await telemetryKeyOf(world, environment);
      const keys = await world.a.admin.get<{ items: Array<{ id: string }> }>(
        `/v1/tenants/${world.tenantA1.id}/environments/${environment}/telemetry-keys`,
      );
      return expectStatus(keys, 200, 'listing the fixture key').body.items[0]!.id;
    }),
  // An issue of A1 really opened by a spike (its rule lowered to one error), so that calls on it are real.
  'issues/{issueId}': (world) =>
    once(world, 'issue', async () => {
      const environment = await PATH_PARAMETER_FIXTURES['environments/{name}']!(world);
      const rule = { threshold: 1, windowMinutes: 5, quietMinutes: 10_080 };
      expectStatus(
        await world.a.admin.send('PUT', `/v1/tenants/${world.tenantA1.id}/issue-rule`, rule),
        200,
        'lowering the fixture tenant’s issue rule',
      );
      const key = await telemetryKeyOf(world, environment);
      const sent = await sendTelemetry(key, [
        {
          timestamp: (await telemetryNow()).toISOString(),
          severity: 'error',
          eventId: 'FX0001',
          message: 'fixture',
        },
      ]);
      if (sent.status !== 202) throw new Error(`sending the fixture error: ${sent.status}`);
      const issues = await eventually(
        () => world.a.admin.get<{ items: Array<{ id: string }> }>(`/v1/tenants/${world.tenantA1.id}/issues`),
        (answer) => answer.status === 200 && answer.body.items.length > 0,
      );
      return issues.body.items[0]!.id;
    }),
  'notifications/{id}': (world) =>
    once(world, 'notification', async () => {
      const inbox = await eventually(
        () =>
          world.a.admin.get<{ items: Array<{ id: string }> }>(
            `/v1/notifications?tenantId=${world.tenantA1.id}`,
          ),
        (answer) => answer.status === 200 && answer.body.items.length > 0,
      );
      return inbox.body.items[0]!.id;
    }),
};

/** The fixture environment's ingestion key (its secret), made once. */
function telemetryKeyOf(world: World, environment: string): Promise<string> {
  return once(world, 'telemetry-key-secret', () =>
    telemetryKey(world.a.admin, world.tenantA1.id, environment),
  );
}

function once(world: World, key: string, create: () => Promise<string>): Promise<string> {
  let created = world.created.get(key);
  if (!created) {
    created = create();
    world.created.set(key, created);
  }
  return created;
}

/** The fixture key of each path parameter of a path ("tenants/{tenantId}", ...). */
export function parameterKeys(path: string): string[] {
  const segments = path.split('/');
  return segments.flatMap((segment, i) => (segment.startsWith('{') ? [`${segments[i - 1]}/${segment}`] : []));
}

/** The operations whose path parameters no fixture can fill. */
export function unfillable(paths: string[]): string[] {
  return paths.filter((path) => parameterKeys(path).some((key) => !PATH_PARAMETER_FIXTURES[key]));
}

/** The path with every parameter filled with a resource of tenant A1. */
export async function fillPath(world: World, path: string): Promise<string> {
  let filled = path;
  for (const key of parameterKeys(path)) {
    const fixture = PATH_PARAMETER_FIXTURES[key];
    if (!fixture) throw new Error(`no fixture fills ${key} of ${path}`);
    const placeholder = key.slice(key.indexOf('/') + 1);
    filled = filled.replace(placeholder, encodeURIComponent(await fixture(world)));
  }
  return filled;
}

/** Makes every resource the operations' paths need, before a snapshot that must not see them appear. */
export async function createFixtures(world: World, operations: Array<{ path: string }>): Promise<void> {
  const paths = [...new Set(operations.map((op) => op.path))];
  for (const path of paths.filter((p) => unfillable([p]).length === 0)) await fillPath(world, path);
}
