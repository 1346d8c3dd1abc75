import { deadLetterTopicOf, topicDefinitions } from '@pac/contracts';
import { createKafka, EventStreamInspector, silentLogger } from '@pac/messaging';
import { Client } from 'pg';
import type { Ledger } from './load-generator';

const SCHEMAS = ['tenant', 'lifecycle', 'notification', 'telemetry', 'sandbox'] as const;

/** One line of the reconciliation: what was checked, how many rows it covers, and every difference found. */
export interface Check {
  name: string;
  expected: number;
  differences: string[];
}

/**
 * What must hold once the faults have healed and the load has stopped, read straight from every service's
 * schema (as the superuser) and from Kafka: every acknowledged write exists exactly once, every consumer
 * effect of it happened exactly once, nothing exists that was never acknowledged, every outbox row was
 * published, no idempotency key is stuck, and every dead-letter topic is empty.
 */
export async function reconcile(
  databaseUrl: string,
  brokers: string[],
  partnerId: string,
  ledger: Ledger,
): Promise<Check[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = async <R>(sql: string, params: unknown[] = []): Promise<R[]> =>
      (await db.query(sql, params)).rows as R[];
    const acknowledged = [...ledger.tenants.keys()];
    const perTenant = async (name: string, sql: string): Promise<Check> =>
      exactlyOncePerTenant(
        name,
        acknowledged,
        await rows<{ tenant_id: string; n: number }>(sql, [partnerId]),
      );

    const checks: Check[] = [];
    const tenants = await rows<{ id: string; name: string }>(
      'SELECT id, name FROM tenant.tenants WHERE partner_id = $1',
      [partnerId],
    );
    checks.push(tenantsAsAcknowledged(ledger, tenants));
    checks.push(await environmentsAsAcknowledged(ledger, rows));
    checks.push(
      await perTenant(
        'tenant overview row (tenant.created)',
        'SELECT tenant_id, count(*)::int AS n FROM tenant.overview WHERE partner_id = $1 GROUP BY 1',
      ),
      await perTenant(
        'lifecycle default window (tenant.created)',
        'SELECT tenant_id, count(*)::int AS n FROM lifecycle.update_window_policies WHERE partner_id = $1 GROUP BY 1',
      ),
      await perTenant(
        'notification "onboarded" (tenant.created)',
        `SELECT tenant_id, count(*)::int AS n FROM notification.notifications
          WHERE partner_id = $1 AND type = 'tenant.created' GROUP BY 1`,
      ),
      await perTenant(
        'telemetry lifecycle row (tenant.created)',
        `SELECT tenant_id, count(*)::int AS n FROM telemetry.telemetry
          WHERE partner_id = $1 AND event_id = 'LC0001' GROUP BY 1`,
      ),
      await perTenant(
        'sandbox tenant directory (tenant.created)',
        'SELECT tenant_id, count(*)::int AS n FROM sandbox.tenant_directory WHERE partner_id = $1 GROUP BY 1',
      ),
    );
    checks.push(await windowsAsAcknowledged(ledger, partnerId, rows));
    checks.push(await nothingLeftBehind(rows));
    checks.push(await deadLettersEmpty(brokers));
    checks.push({
      name: 'writes answered (2xx or a definite 4xx)',
      expected: acknowledged.length,
      differences: ledger.anomalies.map(
        (a) => `${a.what} (${a.status}: ${JSON.stringify(a.body)?.slice(0, 160)})`,
      ),
    });
    return checks;
  } finally {
    await db.end();
  }
}

function tenantsAsAcknowledged(ledger: Ledger, stored: Array<{ id: string; name: string }>): Check {
  const differences: string[] = [];
  const byName = new Map<string, number>();
  for (const row of stored) byName.set(row.name, (byName.get(row.name) ?? 0) + 1);
  for (const [id, name] of ledger.tenants) {
    if (!stored.some((row) => row.id === id))
      differences.push(`lost: tenant ${id} "${name}" was answered 201`);
  }
  for (const [name, count] of byName)
    if (count > 1) differences.push(`doubled: ${count} tenants named "${name}"`);
  for (const row of stored) {
    if (!ledger.tenants.has(row.id))
      differences.push(`phantom: tenant ${row.id} "${row.name}" was never answered 201`);
  }
  return { name: 'tenants (POST /v1/tenants answered 201)', expected: ledger.tenants.size, differences };
}

async function environmentsAsAcknowledged(
  ledger: Ledger,
  rows: <R>(sql: string, params?: unknown[]) => Promise<R[]>,
): Promise<Check> {
  const tenantIds = [...ledger.tenants.keys()];
  const stored = await rows<{ tenant_id: string; name: string; status: string }>(
    'SELECT tenant_id, name, status FROM tenant.environments WHERE tenant_id = ANY($1::uuid[])',
    [tenantIds],
  );
  const known = await rows<{ tenant_id: string; name: string }>(
    'SELECT tenant_id, name FROM lifecycle.environments WHERE tenant_id = ANY($1::uuid[])',
    [tenantIds],
  );
  const differences: string[] = [];
  const key = (r: { tenant_id: string; name: string }) => `${r.tenant_id}/${r.name}`;
  for (const { tenantId, name } of ledger.environments) {
    const id = `${tenantId}/${name}`;
    const here = stored.filter((r) => key(r) === id);
    if (here.length !== 1)
      differences.push(`environment ${id}: ${here.length} rows in tenant, answered 202 once`);
    else if (here[0]!.status !== 'active') differences.push(`environment ${id}: still ${here[0]!.status}`);
    if (known.filter((r) => key(r) === id).length !== 1)
      differences.push(`environment ${id}: unknown to lifecycle`);
  }
  const acknowledged = new Set(ledger.environments.map((e) => `${e.tenantId}/${e.name}`));
  for (const row of stored)
    if (!acknowledged.has(key(row))) differences.push(`phantom: environment ${key(row)}`);
  return {
    name: 'environments (answered 202) and their lifecycle copies',
    expected: acknowledged.size,
    differences,
  };
}

async function windowsAsAcknowledged(
  ledger: Ledger,
  partnerId: string,
  rows: <R>(sql: string, params?: unknown[]) => Promise<R[]>,
): Promise<Check> {
  const stored = await rows<{ tenant_id: string; name: string; start: string; end: string; zone: string }>(
    `SELECT tenant_id, name, preferred_start_time AS start, preferred_end_time AS "end", time_zone AS zone
       FROM lifecycle.environments WHERE partner_id = $1`,
    [partnerId],
  );
  const differences: string[] = [];
  for (const [id, window] of ledger.windows) {
    const row = stored.find((r) => `${r.tenant_id}/${r.name}` === id);
    const got = row ? `${row.start}-${row.end} ${row.zone}` : 'nothing';
    const want = `${window.preferredStartTime}-${window.preferredEndTime} ${window.timeZone}`;
    if (got !== want) differences.push(`window of ${id}: ${got}, last answered 200 with ${want}`);
  }
  return {
    name: 'update windows (PUT answered 200: the last one holds)',
    expected: ledger.windows.size,
    differences,
  };
}

async function nothingLeftBehind(rows: <R>(sql: string, params?: unknown[]) => Promise<R[]>): Promise<Check> {
  const differences: string[] = [];
  for (const schema of SCHEMAS) {
    const [outbox] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
    );
    if (outbox!.n > 0) differences.push(`${schema}: ${outbox!.n} outbox rows not published`);
    const [keys] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".idempotency_keys WHERE state = 'in-progress'`,
    );
    if (keys!.n > 0) differences.push(`${schema}: ${keys!.n} idempotency keys stuck in progress`);
  }
  return { name: 'outboxes published, no idempotency key stuck', expected: SCHEMAS.length, differences };
}

async function deadLettersEmpty(brokers: string[]): Promise<Check> {
  const inspector = new EventStreamInspector(
    createKafka({ brokers, clientId: 'chaos-reconciliation', logger: silentLogger }),
  );
  try {
    const topics = topicDefinitions.map((topic) => deadLetterTopicOf(topic.name));
    const differences = [...(await inspector.messageCounts(topics))]
      .filter(([, count]) => count > 0)
      .map(([topic, count]) => `${topic}: ${count} dead letters (npm run events -- dlq shows them)`);
    return { name: 'dead-letter topics empty', expected: topics.length, differences };
  } finally {
    await inspector.close();
  }
}

function exactlyOncePerTenant(
  name: string,
  acknowledged: string[],
  counted: Array<{ tenant_id: string; n: number }>,
): Check {
  const counts = new Map(counted.map((row) => [row.tenant_id, row.n]));
  const differences: string[] = [];
  for (const tenantId of acknowledged) {
    const n = counts.get(tenantId) ?? 0;
    if (n !== 1) differences.push(`${n === 0 ? 'missing' : 'doubled'}: ${n} for tenant ${tenantId}`);
  }
  const known = new Set(acknowledged);
  for (const tenantId of counts.keys())
    if (!known.has(tenantId)) differences.push(`phantom: tenant ${tenantId}`);
  return { name, expected: acknowledged.length, differences };
}
