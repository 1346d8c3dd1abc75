/**
 * Telemetry reads among 10 million rows (issue 13), on its own stack (`.stack-bench-telemetry-queries`, or
 * STACK_DIR, PG_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT; services from BENCH_PORT_BASE, 3900 by default),
 * writing bench/results/telemetry-queries.json. ROWS rows (default 10,000,000) over 10 days and 500
 * customers are written straight into the telemetry table (one INSERT ... SELECT per day), one customer
 * ("large") having 50,000 rows a day and the others about 2,000. Then, through the gateway, for one
 * customer-day of the large customer and of a typical one, each asked RUNS times (after 5 unmeasured):
 *  - the newest 50 rows of the day; - a text search (a word in 1 % of the messages, and a word in none: the
 *    whole customer-day is read); - the summary of the day (1 h buckets, top event ids).
 * And the text-search plan the table does not have, measured on the large customer's day in SQL: the same
 * search through a GIN full-text index built on that day's partition, beside the btree + filter that runs.
 * Usage: npm run build && node dist/bench/telemetry-queries.js [rows=10000000] [runs=50]
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { GatewayClient } from '@pac/testing';
import { Client } from 'pg';
import {
  load,
  machine,
  percentile,
  repoRoot,
  round,
  startEmptyBenchSystem,
  writeBenchResult,
} from './bench-system';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'telemetry-queries.json');
const ROWS = Number(process.argv[2] ?? 10_000_000);
const RUNS = Number(process.argv[3] ?? 50);
const DAYS = 10;
const CUSTOMERS = 500;
const LARGE_PER_DAY = 50_000;
const DAY_MS = 86_400_000;

async function main(): Promise<void> {
  const bench = await startEmptyBenchSystem(
    { folder: '.stack-bench-telemetry-queries', pgPort: 54429, kafkaPort: 19902 },
    3900,
  );
  const { stack, system } = bench;
  try {
    const platform = await GatewayClient.as(system.gatewayUrl, {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Query bench' })).body.id;
    const partner = await GatewayClient.as(system.gatewayUrl, { partnerId, roles: ['partner:admin'] });
    const large = (await partner.post<{ id: string }>('/v1/tenants', { name: 'Large', countryCode: 'FR' }))
      .body.id;
    const typical = (
      await partner.post<{ id: string }>('/v1/tenants', { name: 'Typical', countryCode: 'FR' })
    ).body.id;
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the telemetry service's tenant directory

    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const seedStarted = performance.now();
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    const perDay = Math.floor(ROWS / DAYS);
    for (let d = 1; d <= DAYS; d += 1)
      await seedDay(db, partnerId, large, typical, today - d * DAY_MS, perDay);
    await db.query(`ANALYZE telemetry.telemetry`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const total = Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM telemetry.telemetry`)).rows[0]!.n,
    );

    const seededDays = Array.from({ length: DAYS }, (_, i) =>
      new Date(today - (i + 1) * DAY_MS).toISOString().slice(0, 10),
    );
    const indexing = await indexDaysThatAreOver(db, platform, seededDays);

    const day = new Date(today - 3 * DAY_MS);
    const range = `from=${day.toISOString()}&to=${new Date(day.getTime() + DAY_MS).toISOString()}`;
    const loadBefore = load();
    const figures: Record<string, unknown> = {};
    for (const [who, tenantId] of [
      ['large', large],
      ['typical', typical],
    ] as const) {
      const rowsOfDay = Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM telemetry.telemetry WHERE tenant_id = $1 AND "timestamp" >= $2 AND "timestamp" < $3`,
            [tenantId, day, new Date(day.getTime() + DAY_MS)],
          )
        ).rows[0]!.n,
      );
      const base = `/v1/tenants/${tenantId}/telemetry`;
      figures[who] = {
        rowsOfDay,
        newest50: await timed(partner, `${base}?${range}&limit=50`),
        searchCommonWord: await timed(partner, `${base}?${range}&q=deadlock&limit=50`),
        searchAbsentWord: await timed(partner, `${base}?${range}&q=nowhere-to-be-found&limit=50`),
        searchWithSeverity: await timed(
          partner,
          `${base}?${range}&q=deadlock&severity=error,critical&limit=50`,
        ),
        summary: await timed(partner, `${base}/summary?${range}&bucket=1h`),
      };
    }
    const fullText = await fullTextPlan(db, large, day);
    await db.end();
    writeBenchResult(RESULTS, {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      load: { before: loadBefore, after: load() },
      rows: total,
      seedSeconds: round(seedSeconds),
      searchIndexBuild: indexing,
      runs: RUNS,
      customerDay: day.toISOString().slice(0, 10),
      api: figures,
      textSearchPlansInSql: fullText,
    });
  } finally {
    await bench.stop();
  }
}

/**
 * One day of rows: the large customer's LARGE_PER_DAY, the rest spread over CUSTOMERS - 2 other customers (ids
 * made from the row number) and the typical one. Messages vary; 1 % contain "deadlock", 2 % are errors.
 */
async function seedDay(
  db: Client,
  partnerId: string,
  large: string,
  typical: string,
  dayStart: number,
  rows: number,
) {
  await db.query(
    `INSERT INTO telemetry.telemetry (id, partner_id, tenant_id, environment_name, "timestamp", severity, event_id, message, dimensions)
     SELECT gen_random_uuid(), $1,
            CASE WHEN n <= $4 THEN $2::uuid
                 WHEN n % ($6 - 1) = 0 THEN $3::uuid
                 ELSE md5('customer' || (n % ($6 - 2)))::uuid END,
            'Production',
            to_timestamp($5 / 1000.0) + (n::bigint * 86399999 / $7) * interval '1 millisecond',
            (ARRAY['verbose','info','info','info','warning','info','info','info','info','info','info','info',
                   'info','info','info','info','info','info','info','info','info','info','info','info','info',
                   'info','info','info','info','info','info','info','info','info','info','info','info','info',
                   'info','info','info','info','info','info','info','info','info','info','error','critical'])[1 + n % 50],
            'AL' || lpad((n % 97)::text, 4, '0'),
            CASE WHEN n % 100 = 7 THEN 'Posting stopped: deadlock on table G/L Entry after ' || (n % 900) || ' ms'
                 ELSE 'Report ' || (n % 500) || ' ran for company CRONUS International Ltd. in ' || (n % 900) || ' ms' END,
            jsonb_build_object('company', 'CRONUS', 'objectId', n % 5000)
       FROM generate_series(1, $7) AS n`,
    [partnerId, large, typical, LARGE_PER_DAY, dayStart, CUSTOMERS, rows],
  );
}

async function timed(client: GatewayClient, url: string) {
  const durations: number[] = [];
  for (let i = 0; i < RUNS + 5; i += 1) {
    const started = performance.now();
    const answer = await client.get(url);
    if (answer.status !== 200)
      throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    if (i >= 5) durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return { p50: round(percentile(durations, 50)), p95: round(percentile(durations, 95)) };
}

/**
 * Lets the telemetry service's partition job give each seeded day (all over) its trigram index, as it does in
 * the hours after a day ends: each move of the clock runs the job once, which indexes one day. Returns the
 * seconds each move took (the clock call returns when the job is done; an empty day's build is instant).
 */
async function indexDaysThatAreOver(db: Client, platform: GatewayClient, days: readonly string[]) {
  const secondsPerDay: number[] = [];
  const names = days.map((day) => `telemetry_p${day.replaceAll('-', '')}_message_trgm`);
  const indexed = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'telemetry' AND indexname = ANY($1)`,
          [names],
        )
      ).rows[0]!.n,
    );
  // Every day within retention has a partition (most empty here), indexed oldest first: one move each.
  for (let moves = 0; (await indexed()) < days.length && moves < 45; moves += 1) {
    const started = performance.now();
    await platform.post('/v1/dev/clock', { advanceMs: 1 });
    secondsPerDay.push(round((performance.now() - started) / 1000));
  }
  return { daysIndexed: await indexed(), secondsPerClockMove: secondsPerDay };
}

/** The search on the large customer's day in SQL: btree + filter (what runs) beside a GIN full-text index. */
async function fullTextPlan(db: Client, tenantId: string, day: Date) {
  const partition = `telemetry.telemetry_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
  const next = new Date(day.getTime() + DAY_MS);
  const run = async (sql: string, params: unknown[]) => {
    const durations: number[] = [];
    for (let i = 0; i < RUNS + 5; i += 1) {
      const started = performance.now();
      await db.query(sql, params);
      if (i >= 5) durations.push(performance.now() - started);
    }
    durations.sort((a, b) => a - b);
    return { p50: round(percentile(durations, 50)), p95: round(percentile(durations, 95)) };
  };
  const ilike = `SELECT * FROM telemetry.telemetry WHERE tenant_id = $1 AND "timestamp" >= $2 AND "timestamp" < $3
                   AND message ILIKE $4 ORDER BY "timestamp" DESC, id DESC LIMIT 51`;
  const tsquery = `SELECT * FROM telemetry.telemetry WHERE tenant_id = $1 AND "timestamp" >= $2 AND "timestamp" < $3
                   AND to_tsvector('simple', message) @@ plainto_tsquery('simple', $4) ORDER BY "timestamp" DESC, id DESC LIMIT 51`;
  const btreeFilter = {
    common: await run(ilike, [tenantId, day, next, '%deadlock%']),
    absent: await run(ilike, [tenantId, day, next, '%nowhere-to-be-found%']),
  };
  const buildStarted = performance.now();
  await db.query(`CREATE INDEX bench_fulltext ON ${partition} USING gin (to_tsvector('simple', message))`);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  await db.query(`ANALYZE ${partition}`);
  const gin = {
    indexBuildSecondsForOneDay: round(buildSeconds),
    common: await run(tsquery, [tenantId, day, next, 'deadlock']),
    absent: await run(tsquery, [tenantId, day, next, 'nowhere']),
  };
  await db.query(`DROP INDEX telemetry.bench_fulltext`);
  return { btreeFilter, ginFullText: gin };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
