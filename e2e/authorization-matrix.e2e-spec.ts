import type { Role } from '@pac/auth';
import { gatewayUrl, type ApiResponse, type GatewayClient } from '@pac/testing';
import { CannotBuildBody, validBody } from './support/bodies';
import { fetchOpenApi, operationsOf, type OpenApiDocument, type Operation } from './support/openapi';
import { readEverything, settledSnapshot } from './support/snapshot';
import { createFixtures, createWorld, fillPath, unfillable, type World } from './support/world';

jest.setTimeout(120_000);

/**
 * The authorisation matrix, generated from the gateway's own OpenAPI document, so that every route, present
 * and future, is covered without being listed here. For every operation:
 * - no token: 401;
 * - each role the operation's access does not grant (docs/security.md: viewers read; operators read and act; partner
 *   admins also manage webhooks; customer admins act on their own tenant; platform admins run the platform),
 *   within the owning partner: 403 (so a viewer on any write: 403);
 * - another partner's admin: 404 on a route naming a resource of partner A (never revealed), 403 on platform
 *   routes; on a collection read, nothing of partner A in the answer; on a bulk action, every item not-found;
 * - a customer admin of another tenant of the same partner: 404 on the target tenant's routes, before any
 *   service is called; nothing of the target tenant in collection reads.
 * Everything partner A can read is the same after all the refused calls as before.
 */

/** The roles per access of docs/security.md, written out independently of the gateway's table. */
const ALLOWED: Record<string, readonly Role[]> = {
  read: ['partner:viewer', 'partner:operator', 'partner:admin', 'customer:admin', 'platform:admin'],
  act: ['partner:operator', 'partner:admin', 'customer:admin'],
  'act-for-partner': ['partner:operator', 'partner:admin'],
  'manage-webhooks': ['partner:admin'],
  platform: ['platform:admin'],
};

/** Operations open without a JWT on purpose, each with its reason. */
const PUBLIC_OPERATIONS: Record<string, string> = {
  'POST /v1/telemetry':
    'telemetry from environments: authenticated by an ingestion key (x-telemetry-key), not a bearer token',
  'POST /v1/otlp/v1/logs':
    'OpenTelemetry logs from environments: authenticated by an ingestion key, like POST /v1/telemetry',
};

type Expectation = { status: number } | { collectionWithout: string[] } | { bulkAllNotFound: true };

interface Case {
  who: string;
  client: GatewayClient;
  expect: Expectation;
}

describe('authorisation matrix, generated from /openapi.json', () => {
  let document: OpenApiDocument;
  let operations: Operation[];
  let world: World;

  beforeAll(async () => {
    document = await fetchOpenApi(gatewayUrl());
    operations = operationsOf(document);
    world = await createWorld(gatewayUrl(), 'Matrix');
  });

  it('knows every operation: each declares its access, writes need more than read, fixtures fill every path', () => {
    const problems: string[] = [];
    for (const op of operations) {
      if (op.access === undefined) problems.push(`${op.name}: no x-access (give the route @RequiresAccess)`);
      else if (op.access === 'public' && !PUBLIC_OPERATIONS[op.name])
        problems.push(`${op.name}: public; list it in PUBLIC_OPERATIONS with the reason`);
      else if (op.access !== 'public' && !ALLOWED[op.access])
        problems.push(`${op.name}: unknown access ${op.access}`);
      if (op.method !== 'GET' && op.access === 'read')
        problems.push(`${op.name}: a write open to viewers (access read)`);
    }
    for (const path of unfillable([...new Set(operations.map((op) => op.path))])) {
      problems.push(`${path}: no fixture fills its path parameters (add one to e2e/support/world.ts)`);
    }
    expect(problems).toEqual([]);
    expect(operations.length).toBeGreaterThan(5);
  });

  it('refuses every call it must refuse, as it must, and nothing changes', async () => {
    await createFixtures(world, operations);
    const before = await settledSnapshot(world, operations);
    const mismatches: string[] = [];
    let checked = 0;
    for (const op of operations) {
      if (!op.access || !ALLOWED[op.access] || unfillable([op.path]).length > 0) continue;
      const path = await fillPath(world, op.path);
      let body: unknown;
      try {
        body = validBody(document, op, world);
      } catch (error) {
        if (!(error instanceof CannotBuildBody)) throw error;
        mismatches.push(error.message);
        continue;
      }
      for (const testCase of casesFor(op, world)) {
        const answer = await testCase.client.send<unknown>(op.method, path, body);
        checked += 1;
        const problem = judge(answer, testCase.expect, op);
        if (problem) mismatches.push(`${op.name} as ${testCase.who}: ${problem}`);
      }
    }
    const after = await readEverything(world, operations);
    expect(mismatches).toEqual([]);
    expect(after).toEqual(before);
    expect(checked).toBeGreaterThan(operations.length * 3);
  });
});

function casesFor(op: Operation, world: World): Case[] {
  const allowed = ALLOWED[op.access!]!;
  const cases: Case[] = [{ who: 'no token', client: world.anonymous, expect: { status: 401 } }];

  const roleCallers: Array<[Role, string, GatewayClient]> = [
    ['partner:viewer', 'viewer of A', world.a.viewer],
    ['partner:operator', 'operator of A', world.a.operator],
    ['partner:admin', 'admin of A', world.a.admin],
    ['customer:admin', 'customer admin of A1', world.a.customerOfA1],
    ['platform:admin', 'platform admin', world.platform],
  ];
  for (const [role, who, client] of roleCallers) {
    if (!allowed.includes(role)) cases.push({ who, client, expect: { status: 403 } });
  }

  const namesResource = op.pathParams.length > 0;
  const namesTenant = op.pathParams.includes('tenantId');
  const targetIds = [world.tenantA1.id, world.tenantA2.id, world.partnerA];

  // another partner, with every right a partner can have
  if (!allowed.includes('partner:admin')) {
    cases.push({ who: 'admin of partner B', client: world.strangerAdmin, expect: { status: 403 } });
  } else if (namesResource) {
    cases.push({ who: 'admin of partner B', client: world.strangerAdmin, expect: { status: 404 } });
  } else if (op.method === 'GET' && !op.streams) {
    cases.push({
      who: 'admin of partner B',
      client: world.strangerAdmin,
      expect: { collectionWithout: targetIds },
    });
  } else if (op.path.startsWith('/v1/bulk/')) {
    cases.push({ who: 'admin of partner B', client: world.strangerAdmin, expect: { bulkAllNotFound: true } });
  }

  // a customer admin of partner A, bound to another tenant than the target A1
  const customer = world.a.customerOfA2;
  if (namesTenant) {
    cases.push({ who: 'customer admin of A2', client: customer, expect: { status: 404 } });
  } else if (!allowed.includes('customer:admin')) {
    cases.push({ who: 'customer admin of A2', client: customer, expect: { status: 403 } });
  } else if (namesResource) {
    cases.push({ who: 'customer admin of A2', client: customer, expect: { status: 404 } });
  } else if (op.method === 'GET' && !op.streams) {
    cases.push({
      who: 'customer admin of A2',
      client: customer,
      expect: { collectionWithout: [world.tenantA1.id] },
    });
  }
  return cases;
}

/** What is wrong with an answer, or undefined when it is what the case expects. */
function judge(answer: ApiResponse<unknown>, expectation: Expectation, op: Operation): string | undefined {
  const got = `got ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
  if ('status' in expectation) {
    if (answer.status !== expectation.status) return `expected ${expectation.status}, ${got}`;
    if (!(answer.headers.get('content-type') ?? '').includes('application/problem+json'))
      return `expected problem+json, got ${answer.headers.get('content-type')}`;
    return undefined;
  }
  if ('collectionWithout' in expectation) {
    if (answer.status !== 200) return `expected 200 with nothing of partner A, ${got}`;
    const text = JSON.stringify(answer.body);
    const leaked = expectation.collectionWithout.filter((id) => text.includes(id));
    return leaked.length > 0 ? `answer reveals ${leaked.join(', ')}` : undefined;
  }
  const results = (answer.body as { results?: Array<{ status: string }> })?.results;
  if (answer.status !== 200 || !results?.length) return `expected 200 with results (${op.name}), ${got}`;
  const revealed = results.filter((r) => r.status !== 'not-found');
  return revealed.length > 0 ? `items not reported not-found: ${JSON.stringify(revealed)}` : undefined;
}
