/**
 * Issue 3: seeds one partner with N customers (10,000 by default) × 2 environments (one production "Main",
 * one sandbox "Test") through the real write path: the public API via the gateway, with bounded
 * concurrency. Every read model (the central view, each service's tenant directory) is fed by the events as
 * in production; the script waits until all of them have caught up.
 *
 * Resumable: the partner is found by its name, and only the customers and environments not there yet are
 * created (read from the tenant schema), so a run that was stopped continues where it was. The environments
 * part runs only when the gateway serves POST /v1/tenants/{tenantId}/environments.
 *
 * Starts its own stack and system (bench/bench-system.ts), stops them after; the data stays in the stack
 * folder for list-throughput.
 * Usage: npm run build && node dist/bench/seed-customers.js [customers] [concurrency]
 */
import { performance } from 'node:perf_hooks';
import { DEVELOPMENT_JWT_SECRET, signDevToken } from '@pac/auth';
import { Client } from 'pg';
import {
  BENCH_PARTNER_NAME,
  forEachBounded,
  load,
  round,
  startBenchSystem,
  UNTHROTTLED,
  waitUntil,
} from './bench-system';

const COUNTRIES = ['FR', 'DE', 'US', 'GB', 'NL', 'BE', 'ES', 'IT', 'DK', 'CH'];
const ENVIRONMENTS = [
  { name: 'Main', type: 'production' },
  { name: 'Test', type: 'sandbox' },
] as const;

export const customerName = (i: number): string => `Customer ${String(i).padStart(5, '0')}`;

/** A realistic customer: a country, two tags, one contact. */
function customer(i: number): Record<string, unknown> {
  return {
    name: customerName(i),
    countryCode: COUNTRIES[i % COUNTRIES.length],
    tags: [`tier-${i % 3}`, i % 2 === 0 ? 'retail' : 'manufacturing'],
    contacts: [{ name: `Admin ${i}`, email: `admin${i}@customer${i}.example`, role: 'IT manager' }],
  };
}

class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async send(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      // A loaded machine may briefly refuse (503, 429): wait and retry rather than leave a hole.
      if ((response.status === 503 || response.status === 429) && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
        continue;
      }
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    }
  }
}

/** Seeding waits on slow, large steps: asked twice a second, for up to 30 minutes. */
const waitFor = (what: string, check: () => Promise<boolean>) =>
  waitUntil(what, check, { timeoutMs: 30 * 60_000, pauseMs: 500 });

async function main(): Promise<void> {
  const customers = Number(process.argv[2] ?? 10_000);
  const concurrency = Number(process.argv[3] ?? 16);
  const started = performance.now();
  const bench = await startBenchSystem({ ...UNTHROTTLED, LOG_LEVEL: 'warn' });
  const db = new Client({ connectionString: bench.stack.databaseUrl });
  await db.connect();
  try {
    const gateway = bench.system.gatewayUrl;
    const secret = process.env['AUTH_JWT_SECRET'] ?? DEVELOPMENT_JWT_SECRET;
    const platform = new Api(
      gateway,
      await signDevToken(secret, {
        partnerId: '00000000-0000-4000-8000-000000000000',
        roles: ['platform:admin'],
        subject: 'bench:seed',
      }),
    );

    const found = await db.query<{ id: string }>(
      `SELECT id FROM tenant.partners WHERE name = $1 ORDER BY created_at LIMIT 1`,
      [BENCH_PARTNER_NAME],
    );
    let partnerId = found.rows[0]?.id;
    if (!partnerId) {
      const created = await platform.send('POST', '/v1/partners', { name: BENCH_PARTNER_NAME });
      if (created.status !== 201) throw new Error(`POST /v1/partners answered ${created.status}`);
      partnerId = (created.body as { id: string }).id;
    }
    const api = new Api(
      gateway,
      await signDevToken(secret, { partnerId, roles: ['partner:admin'], subject: 'bench:seed' }),
    );
    process.stderr.write(`partner ${partnerId}\n`);

    // Customers not there yet.
    const tenantsStarted = performance.now();
    const existing = new Set(
      (
        await db.query<{ name: string }>(`SELECT name FROM tenant.tenants WHERE partner_id = $1`, [partnerId])
      ).rows.map((r) => r.name),
    );
    const missing = Array.from({ length: customers }, (_, i) => i + 1).filter(
      (i) => !existing.has(customerName(i)),
    );
    let done = 0;
    await forEachBounded(missing, concurrency, async (i) => {
      const created = await api.send('POST', '/v1/tenants', customer(i));
      if (created.status !== 201) {
        throw new Error(`POST /v1/tenants answered ${created.status}: ${JSON.stringify(created.body)}`);
      }
      done += 1;
      if (done % 1000 === 0) process.stderr.write(`customers: ${done}/${missing.length}\n`);
    });
    const tenantsMs = performance.now() - tenantsStarted;

    // Environments, if the gateway has the route.
    const openapi = (await (await fetch(`${gateway}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const environmentsRoute = openapi.paths['/v1/tenants/{tenantId}/environments']?.['post'] !== undefined;
    const environmentsStarted = performance.now();
    let environmentsCreated = 0;
    if (environmentsRoute) {
      const { rows } = await db.query<{ id: string; names: string[] }>(
        `SELECT t.id, coalesce(array_agg(e.name) FILTER (WHERE e.name IS NOT NULL), '{}') AS names
           FROM tenant.tenants t LEFT JOIN tenant.environments e ON e.tenant_id = t.id
          WHERE t.partner_id = $1
          GROUP BY t.id, t.created_at ORDER BY t.created_at`,
        [partnerId],
      );
      const wanted = rows.flatMap((tenant) =>
        ENVIRONMENTS.filter((e) => !tenant.names.includes(e.name)).map((e) => ({
          tenantId: tenant.id,
          ...e,
        })),
      );
      await forEachBounded(wanted, concurrency, async (e) => {
        const created = await api.send('POST', `/v1/tenants/${e.tenantId}/environments`, {
          name: e.name,
          type: e.type,
        });
        // 409: created by a run that was stopped before it could record it; it is there.
        if (created.status !== 202 && created.status !== 409) {
          throw new Error(
            `POST .../environments answered ${created.status}: ${JSON.stringify(created.body)}`,
          );
        }
        environmentsCreated += 1;
        if (environmentsCreated % 1000 === 0) {
          process.stderr.write(`environments: ${environmentsCreated}/${wanted.length}\n`);
        }
      });
    } else {
      process.stderr.write('POST /v1/tenants/{tenantId}/environments is not served yet: customers only\n');
    }
    const environmentsMs = performance.now() - environmentsStarted;

    // Every read model fed by the events: the central view and each service's tenant directory.
    const catchUpStarted = performance.now();
    const expectedEnvironments = environmentsRoute ? customers * ENVIRONMENTS.length : 0;
    await waitFor('the environments to be active', async () => {
      if (!environmentsRoute) return true;
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM tenant.environments e JOIN tenant.tenants t ON t.id = e.tenant_id
          WHERE t.partner_id = $1 AND e.status = 'active'`,
        [partnerId],
      );
      return Number(rows[0]!.n) >= expectedEnvironments;
    });
    await waitFor('the central view', async () => {
      const { rows } = await db.query<{ n: string; environments: string }>(
        `SELECT count(*) AS n, coalesce(sum(production_environments + sandbox_environments), 0) AS environments
           FROM tenant.overview WHERE partner_id = $1`,
        [partnerId],
      );
      return Number(rows[0]!.n) >= customers && Number(rows[0]!.environments) >= expectedEnvironments;
    });
    const directories = (
      await db.query<{ schema: string }>(
        `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'tenant_directory'`,
      )
    ).rows.map((r) => r.schema);
    for (const schema of directories) {
      await waitFor(`the ${schema} tenant directory`, async () => {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${schema}".tenant_directory WHERE partner_id = $1`,
          [partnerId],
        );
        return Number(rows[0]!.n) >= customers;
      });
    }
    const catchUpMs = performance.now() - catchUpStarted;

    const result = {
      partnerId,
      customers,
      customersCreated: missing.length,
      environmentsCreated,
      environmentsRoute,
      concurrency,
      tenantDirectories: directories,
      seconds: {
        customers: round(tenantsMs / 1000),
        environments: round(environmentsMs / 1000),
        readModelsCatchUp: round(catchUpMs / 1000),
        total: round((performance.now() - started) / 1000),
      },
      loadAverage: load(),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.end();
    await bench.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
