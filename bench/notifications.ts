/**
 * Issue 12's figures, on a system of its own (`.stack-bench-notifications`, ports 54409 / 19802 / 3820...):
 *
 * 1. latency: `POST /v1/tenants` answered (tenant.created committed) → its notification on an open SSE client,
 *    p50 / p95 / p99 over LATENCY_SAMPLES tenants created one after the other (10 warm-up ones first);
 * 2. fan-out: 1,000 SSE clients over 100 partners (10 each), then a burst of 1,000 notifications (10 new tenants
 *    per partner, 50 requests at once): every client must get exactly its partner's 10, none twice, none of
 *    another partner; time until the last arrives; the gateway's memory with the 1,000 streams open;
 * 3. webhooks: WEBHOOK_DELIVERIES deliveries (over 500 customers, so 500 lanes) seeded in one transaction, sent
 *    by the dispatcher to a local receiver: deliveries per second; then the same signed CloudEvents bodies POSTed
 *    by a bare undici loop with the same concurrency (the ratio is our cost); and one customer's 1,000 in order;
 * 4. e-mail: EMAIL_DELIVERIES e-mails to the local SMTP server: time and messages per second.
 *
 * BENCH_PARTS=latency,fan-out,webhooks,e-mail runs some of them only. Deliveries are seeded with SQL (notifications and their deliveries, as the consumer writes them) so that the
 * figure is the dispatcher's, not the time to make thousands of events. `npm run build`, then
 * `node dist/bench/notifications.js`; writes bench/results/notifications.json.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { signDevToken, DEVELOPMENT_JWT_SECRET, type Role } from '@pac/auth';
import { readMailbox } from '@pac/stack';
import { signWebhookBody } from '@pac/http-contracts';
import { GatewayClient, SseClient, WebhookReceiver } from '@pac/testing';
import { Client } from 'pg';
import { Agent } from 'undici';
import {
  benchStackOptions,
  emptyBenchStack,
  forEachBounded,
  load,
  machine,
  percentile,
  repoRoot,
  round,
  startBenchSystem,
  UNTHROTTLED,
  waitUntil,
  writeBenchResult,
  type BenchSystem,
} from './bench-system';
import { processMemory } from './process-memory';

const LATENCY_SAMPLES = Number(process.env['LATENCY_SAMPLES'] ?? 200);
const PARTNERS = 100;
const CLIENTS_PER_PARTNER = 10;
const BURST_PER_PARTNER = 10;
const WEBHOOK_DELIVERIES = Number(process.env['WEBHOOK_DELIVERIES'] ?? 10_000);
const EMAIL_DELIVERIES = Number(process.env['EMAIL_DELIVERIES'] ?? 1_000);
/** Which parts to run (BENCH_PARTS=latency,fan-out,webhooks,e-mail; all by default). */
const PARTS = new Set((process.env['BENCH_PARTS'] ?? 'latency,fan-out,webhooks,e-mail').split(','));
const STACK = { folder: '.stack-bench-notifications', pgPort: 54409, kafkaPort: 19802 };

async function main(): Promise<void> {
  const options = benchStackOptions(STACK);
  await emptyBenchStack(options);
  process.env['BENCH_PORT_BASE'] ??= '3820';
  const bench = await startBenchSystem({ ...UNTHROTTLED, WEBHOOK_BATCH_SIZE: '200' }, STACK, options);
  const loadBefore = load();
  try {
    const platform = await GatewayClient.as(bench.system.gatewayUrl, {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const part = async <T>(name: string, measure: () => Promise<T>) =>
      PARTS.has(name) ? report(name, await measure()) : 'not run';
    const latency = await part('latency', () => measureLatency(bench, platform));
    const fanOut = await part('fan-out', () => measureFanOut(bench, platform));
    const webhooks = await part('webhooks', () => measureWebhooks(bench, platform));
    const email = await part('e-mail', () => measureEmail(bench, platform));
    writeBenchResult(path.join(repoRoot, 'bench', 'results', 'notifications.json'), {
      at: new Date().toISOString(),
      machine: machine(),
      loadBefore,
      loadAfter: load(),
      latency,
      fanOut,
      webhooks,
      email,
    });
  } finally {
    await bench.stop();
  }
}

/**
 * POST /v1/tenants as a front end would: a 503 (a service busy or restarting on a loaded machine) is tried
 * again after its retry-after.
 */
async function createTenant(admin: GatewayClient, name: string, countryCode: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const created = await admin.post<{ id: string }>('/v1/tenants', { name, countryCode });
    if (created.status === 201) return created.body.id;
    if (created.status !== 503 || attempt === 5) throw new Error(`creating a tenant: ${created.status}`);
    await new Promise((resolve) =>
      setTimeout(resolve, Number(created.headers.get('retry-after') ?? 1) * 1000),
    );
  }
}

/** Each part's figures as soon as they are measured (the JSON file gets them all at the end). */
function report<T>(part: string, figures: T): T {
  process.stdout.write(`${part}: ${JSON.stringify(figures)}\n`);
  return figures;
}

const tokenFor = (claims: { partnerId: string; roles: Role[] }) =>
  signDevToken(DEVELOPMENT_JWT_SECRET, { ...claims, subject: 'bench' });

async function newPartner(platform: GatewayClient, name: string): Promise<string> {
  const answer = await platform.post<{ id: string }>('/v1/partners', { name });
  if (answer.status !== 201) throw new Error(`creating a partner: ${answer.status}`);
  return answer.body.id;
}

/** Opens a stream as a front end would: a 503 (the gateway not following the topic yet) is tried again. */
async function openStream(gatewayUrl: string, partnerId: string): Promise<SseClient> {
  const token = await tokenFor({ partnerId, roles: ['partner:viewer'] });
  let client = await SseClient.open(`${gatewayUrl}/v1/stream`, { token });
  for (let attempt = 1; client.status === 503 && attempt < 30; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    client = await SseClient.open(`${gatewayUrl}/v1/stream`, { token });
  }
  if (client.status !== 200) throw new Error(`GET /v1/stream answered ${client.status}`);
  await client.until((c) => c.events.some((e) => e.event === 'ready'), 60_000);
  return client;
}

/** 1. tenant.created committed (201) → the notification on an open stream. */
async function measureLatency(bench: BenchSystem, platform: GatewayClient) {
  const partnerId = await newPartner(platform, 'Bench latency partner');
  const admin = await GatewayClient.as(bench.system.gatewayUrl, { partnerId, roles: ['partner:admin'] });
  const stream = await openStream(bench.system.gatewayUrl, partnerId);
  const samples: number[] = [];
  // Wall-clock times (ms since the epoch, the clock Postgres reads too) of each counted tenant: 201, arrival.
  const timeline = new Map<string, { answered: number; arrived: number }>();
  for (let i = 0; i < LATENCY_SAMPLES + 10; i += 1) {
    const tenantId = await createTenant(admin, `Latency ${i}`, 'FR');
    const answeredAt = performance.now();
    await stream.until((c) => c.events.some((e) => e.event === 'notification' && e.data.includes(tenantId)));
    const event = stream.events.find((e) => e.event === 'notification' && e.data.includes(tenantId))!;
    if (i < 10) continue;
    samples.push(event.receivedAt - answeredAt);
    const epoch = (at: number) => performance.timeOrigin + at;
    timeline.set(tenantId, { answered: epoch(answeredAt), arrived: epoch(event.receivedAt) });
  }
  stream.close();
  samples.sort((a, b) => a - b);
  return {
    samples: samples.length,
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    p99Ms: round(percentile(samples, 99)),
    maxMs: round(samples[samples.length - 1]!),
    stages: await latencyStages(bench, timeline),
  };
}

/**
 * Where the time goes, from the outboxes' own timestamps: 201 → tenant.created on Kafka (tenant relay) →
 * notification.created on Kafka (the notification consumer's transaction and relay) → on the SSE client (the
 * gateway's consumer and the stream). p50 / p95 of each.
 */
async function latencyStages(
  bench: BenchSystem,
  timeline: Map<string, { answered: number; arrived: number }>,
) {
  const db = new Client({ connectionString: bench.stack.databaseUrl });
  await db.connect();
  const publishedAt = async (schema: string, type: string) => {
    const { rows } = await db.query<{ key: string; at: number }>(
      `SELECT message_key AS key, extract(epoch FROM published_at) * 1000 AS at FROM ${schema}.outbox
        WHERE type = $1 AND message_key = ANY($2)`,
      [type, [...timeline.keys()]],
    );
    return new Map(rows.map((row) => [row.key, Number(row.at)]));
  };
  const tenantPublished = await publishedAt('tenant', 'tenant.created');
  const notificationPublished = await publishedAt('notification', 'notification.created');
  await db.end();
  const stage = (of: (id: string, t: { answered: number; arrived: number }) => number) => {
    const values = [...timeline].map(([id, t]) => of(id, t)).sort((a, b) => a - b);
    return { p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)) };
  };
  return {
    answeredToTenantEventOnKafka: stage((id, t) => tenantPublished.get(id)! - t.answered),
    tenantEventToNotificationEventOnKafka: stage(
      (id) => notificationPublished.get(id)! - tenantPublished.get(id)!,
    ),
    notificationEventToStreamClient: stage((id, t) => t.arrived - notificationPublished.get(id)!),
  };
}

/** 2. 1,000 streams over 100 partners, a burst of 1,000 notifications. */
async function measureFanOut(bench: BenchSystem, platform: GatewayClient) {
  const gateway = bench.system.processes.find((p) => p.name === 'gateway')!;
  const partners: string[] = [];
  for (let i = 0; i < PARTNERS; i += 1) partners.push(await newPartner(platform, `Bench fan-out ${i}`));
  const gatewayBefore = processMemory(gateway.pid!);
  const clients: { partnerId: string; stream: SseClient }[] = [];
  await forEachBounded(
    partners.flatMap((partnerId) => Array.from({ length: CLIENTS_PER_PARTNER }, () => partnerId)),
    50,
    async (partnerId) => {
      clients.push({ partnerId, stream: await openStream(bench.system.gatewayUrl, partnerId) });
    },
  );
  const gatewayOpen = processMemory(gateway.pid!);
  const admins = new Map<string, GatewayClient>();
  for (const partnerId of partners)
    admins.set(
      partnerId,
      await GatewayClient.as(bench.system.gatewayUrl, { partnerId, roles: ['partner:admin'] }),
    );
  const made = new Map<string, Set<string>>(partners.map((p) => [p, new Set()]));
  const burstStart = performance.now();
  await forEachBounded(
    partners.flatMap((partnerId) => Array.from({ length: BURST_PER_PARTNER }, (_, i) => ({ partnerId, i }))),
    20,
    async ({ partnerId, i }) => {
      made.get(partnerId)!.add(await createTenant(admins.get(partnerId)!, `Burst ${i}`, 'DE'));
    },
  );
  const burstAnswered = performance.now();
  const received = (client: { stream: SseClient }) =>
    client.stream.data<{ tenantId: string }>().map((n) => n.tenantId);
  await waitUntil(
    'every client got its partner’s notifications',
    async () => clients.every((c) => received(c).length >= BURST_PER_PARTNER),
    { timeoutMs: 180_000, pauseMs: 50 },
  );
  const lastArrival = Math.max(...clients.flatMap((c) => c.stream.events.map((e) => e.receivedAt)));
  const gatewayAfter = processMemory(gateway.pid!);
  let lost = 0;
  let wrongPartner = 0;
  let duplicates = 0;
  for (const client of clients) {
    const ids = received(client);
    const own = made.get(client.partnerId)!;
    lost += [...own].filter((id) => !ids.includes(id)).length;
    wrongPartner += ids.filter((id) => !own.has(id)).length;
    duplicates += ids.length - new Set(ids).size;
  }
  for (const client of clients) client.stream.close();
  return {
    partners: PARTNERS,
    streams: clients.length,
    notifications: PARTNERS * BURST_PER_PARTNER,
    deliveredToStreams: clients.reduce((n, c) => n + received(c).length, 0),
    lost,
    wrongPartner,
    duplicates,
    burstRequestsMs: round(burstAnswered - burstStart),
    lastArrivalAfterBurstStartMs: round(lastArrival - burstStart),
    lastArrivalAfterLastAnswerMs: round(lastArrival - burstAnswered),
    gatewayRssMb: {
      before: round(gatewayBefore.rssMb),
      with1000Streams: round(gatewayOpen.rssMb),
      afterBurst: round(gatewayAfter.rssMb),
    },
  };
}

/** Seeds notifications of `tenants` customers of a partner (as the consumer writes them), returns their ids. */
async function seedNotifications(
  db: Client,
  partnerId: string,
  tenants: string[],
  count: number,
  firstSequence: number,
): Promise<void> {
  await db.query(
    `INSERT INTO notification.notifications
       (id, partner_id, tenant_id, environment_name, type, severity, text, links, source_event_id, source_event,
        sequence, created_at)
     SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + (g % array_length($2::uuid[], 1))], 'Production',
            'update.succeeded', 'info',
            '{"en":{"title":"Bench / Production: updated to 26.1","body":"Production was updated from 25.4 to 26.1."},
              "fr":{"title":"Bench / Production : mis à jour en 26.1","body":"Production a été mis à jour de 25.4 vers 26.1."}}',
            '{}', gen_random_uuid(),
            jsonb_build_object('id', gen_random_uuid(), 'type', 'update.succeeded', 'source', '/services/lifecycle',
              'subject', 'tenants/x/environments/Production', 'time', now(),
              'data', jsonb_build_object('targetVersion', '26.1', 'previousVersion', '25.4', 'n', g)),
            $3 + g, now()
       FROM generate_series(0, $4 - 1) AS g`,
    [partnerId, tenants, firstSequence, count],
  );
}

/** 3. Webhook dispatch, beside a bare undici loop POSTing the same signed bodies. */
async function measureWebhooks(bench: BenchSystem, platform: GatewayClient) {
  const receiver = await WebhookReceiver.start();
  const partnerId = await newPartner(platform, 'Bench webhook partner');
  const admin = await GatewayClient.as(bench.system.gatewayUrl, { partnerId, roles: ['partner:admin'] });
  const webhook = await admin.post<{ id: string; secret: string }>('/v1/webhooks', {
    url: receiver.url,
    eventTypes: ['update.succeeded'],
  });
  if (webhook.status !== 201) throw new Error(`creating the webhook: ${webhook.status}`);
  const db = new Client({ connectionString: bench.stack.databaseUrl });
  await db.connect();
  const run = async (lanes: number, count: number, firstSequence: number) => {
    const tenants = Array.from({ length: lanes }, () => randomUUID());
    const before = receiver.received.length;
    await db.query('BEGIN');
    await seedNotifications(db, partnerId, tenants, count, firstSequence);
    await db.query(
      `INSERT INTO notification.webhook_deliveries
         (id, webhook_id, notification_id, partner_id, tenant_id, lane, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), $1, n.id, n.partner_id, n.tenant_id, n.tenant_id::text, 'pending', 0, now(), now()
         FROM notification.notifications n
        WHERE n.partner_id = $2 AND n.sequence >= $3
        ORDER BY n.sequence`,
      [webhook.body.id, partnerId, firstSequence],
    );
    await db.query('COMMIT');
    const committedAt = performance.now();
    await waitUntil('every delivery received', async () => receiver.received.length - before >= count, {
      timeoutMs: 600_000,
      pauseMs: 20,
    });
    const arrivals = receiver.received.slice(before).map((d) => d.at);
    const done = Math.max(...arrivals);
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM notification.webhook_deliveries WHERE webhook_id = $1 AND status = 'delivered'`,
      [webhook.body.id],
    );
    return {
      lanes,
      deliveries: count,
      seconds: round((done - committedAt) / 1000, 2),
      perSecond: round(count / ((done - committedAt) / 1000)),
      perSecondFromFirstArrival: round(count / ((done - Math.min(...arrivals)) / 1000)),
      recordedDelivered: Number(rows[0]!.n),
    };
  };
  const warmUp = await run(50, 500, 1);
  const dispatcher = await run(500, WEBHOOK_DELIVERIES, 1_000);
  const oneLane = await run(1, 1_000, 1_000_000);

  // The same bodies, signed the same way, POSTed by a bare loop: 200 at once over 16 connections, as the
  // dispatcher does (WEBHOOK_BATCH_SIZE, its Agent).
  const { rows } = await db.query<{ body: string }>(
    `SELECT jsonb_build_object('specversion', '1.0', 'id', source_event->>'id', 'type', type,
              'source', source_event->>'source', 'subject', source_event->>'subject', 'time', source_event->>'time',
              'datacontenttype', 'application/json', 'notificationid', id, 'data', source_event->'data')::text AS body
       FROM notification.notifications WHERE partner_id = $1 AND sequence >= 1000 AND sequence < 1000000`,
    [partnerId],
  );
  await db.end();
  const agent = new Agent({ connections: 16 });
  const origin = new URL(receiver.url).origin;
  const started = performance.now();
  await forEachBounded(rows, 200, async ({ body }) => {
    const answer = await agent.request({
      origin,
      path: '/hooks',
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'x-signature': signWebhookBody(webhook.body.secret, Math.floor(Date.now() / 1000), body),
      },
      body,
    });
    await answer.body.dump();
  });
  const bareSeconds = (performance.now() - started) / 1000;
  await agent.close();
  await receiver.close();
  const bare = {
    deliveries: rows.length,
    seconds: round(bareSeconds, 2),
    perSecond: round(rows.length / bareSeconds),
  };
  return {
    warmUp,
    dispatcher,
    oneLane,
    bareUndiciLoop: bare,
    dispatcherToBareRatio: round(dispatcher.perSecond / bare.perSecond, 3),
  };
}

/** 4. E-mails to the local SMTP server. */
async function measureEmail(bench: BenchSystem, platform: GatewayClient) {
  const partnerId = await newPartner(platform, 'Bench e-mail partner');
  const tenants = Array.from({ length: 100 }, () => randomUUID());
  const db = new Client({ connectionString: bench.stack.databaseUrl });
  await db.connect();
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO notification.recipients (id, partner_id, tenant_id, email, name, locale, event_types, created_at)
     SELECT gen_random_uuid(), $1, t, 'bench-' || t || '@example.test', 'Bench', 'fr', NULL, now()
       FROM unnest($2::uuid[]) AS t`,
    [partnerId, tenants],
  );
  await seedNotifications(db, partnerId, tenants, EMAIL_DELIVERIES, 1);
  await db.query(
    `INSERT INTO notification.email_deliveries
       (id, recipient_id, notification_id, partner_id, tenant_id, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), r.id, n.id, n.partner_id, n.tenant_id, 'pending', 0, now(), now()
       FROM notification.notifications n JOIN notification.recipients r ON r.tenant_id = n.tenant_id
      WHERE n.partner_id = $1`,
    [partnerId],
  );
  await db.query('COMMIT');
  const committedAt = performance.now();
  await waitUntil(
    'every e-mail sent',
    async () => {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM notification.email_deliveries WHERE partner_id = $1 AND status = 'delivered'`,
        [partnerId],
      );
      return Number(rows[0]!.n) >= EMAIL_DELIVERIES;
    },
    { timeoutMs: 600_000, pauseMs: 20 },
  );
  const seconds = (performance.now() - committedAt) / 1000;
  await db.end();
  const received = await readMailbox(bench.options.dir, (e) => e.to.some((to) => to.startsWith('bench-')));
  return {
    messages: EMAIL_DELIVERIES,
    seconds: round(seconds, 2),
    perSecond: round(EMAIL_DELIVERIES / seconds),
    inTheMailbox: received.length,
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
