import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, InternalTokenSigner, signDevToken, type Role } from '@pac/auth';
import { verifyWebhookSignature } from '@pac/http-contracts';
import { developmentDatabasePassword, ServiceProcess } from '@pac/launcher';
import { serviceDatabaseUrl } from '@pac/persistence';
import { readMailbox, type ReceivedMail } from '@pac/stack';
import {
  eventually,
  freePort,
  GatewayClient,
  gatewayUrl,
  requiredEnv,
  SseClient,
  WebhookReceiver,
} from '@pac/testing';
import { Client } from 'pg';
import { environmentSettled } from './support/environments';
import { HOUR, publishNextRelease, systemNow } from './support/releases';

// Service processes, Kafka round trips and a second gateway on a loaded 2-core machine take more than 5 s.
jest.setTimeout(120_000);

/**
 * The environment of the first test runs a major version below every other suite's, so the release published
 * here reaches no other suite's environments (theirs reach this one: the checks pick this release's).
 */
const MAJOR = 2;
/** Every other environment here is on a version no release of any suite reaches (no update.* to count). */
const NEWEST = '90.0';

interface Notification {
  id: string;
  tenantId: string | null;
  environmentName?: string | null;
  type: string;
  severity: string;
  title: string;
  body: string;
  links: Record<string, string>;
  readAt: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Delivery {
  id: string;
  notificationId: string;
  status: string;
  attempts: number;
  responseCode: number | null;
  redeliveryOf?: string | null;
}

const token = (claims: { partnerId: string; roles: Role[]; tenantId?: string }) =>
  signDevToken(process.env['AUTH_JWT_SECRET'] ?? DEVELOPMENT_JWT_SECRET, {
    ...claims,
    subject: 'test:stream',
  });

/** Opens `GET /v1/stream` on a gateway as the caller, and waits for its first event (ready). */
async function openStream(
  baseUrl: string,
  claims: { partnerId: string; roles: Role[]; tenantId?: string },
  options: { lastEventId?: string; locale?: string } = {},
): Promise<SseClient> {
  const client = await SseClient.open(
    `${baseUrl}/v1/stream${options.locale ? `?locale=${options.locale}` : ''}`,
    {
      token: await token(claims),
      ...(options.lastEventId !== undefined ? { lastEventId: options.lastEventId } : {}),
    },
  );
  expect(client.status).toBe(200);
  expect(client.response.headers.get('content-type')).toContain('text/event-stream');
  await client.until((c) => c.events.some((e) => e.event === 'ready'));
  return client;
}

describe('notifications: inbox, e-mail, signed webhooks and the live stream', () => {
  let platform: GatewayClient;
  const streams: SseClient[] = [];
  const receivers: WebhookReceiver[] = [];
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(receivers.map((r) => r.close()));
    await Promise.all(processes.map((p) => p.stop()));
  });

  const newPartner = async (name: string) => {
    const created = await platform.post<{ id: string }>('/v1/partners', { name });
    expect(created.status).toBe(201);
    const partnerId = created.body.id;
    return {
      partnerId,
      admin: await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] }),
    };
  };
  const newTenant = async (admin: GatewayClient, name: string) => {
    const tenant = await admin.post<{ id: string }>('/v1/tenants', { name, countryCode: 'FR' });
    expect(tenant.status).toBe(201);
    return tenant.body.id;
  };
  const receiver = async () => {
    const started = await WebhookReceiver.start();
    receivers.push(started);
    return started;
  };
  const inbox = async (admin: GatewayClient, query: string) => {
    const page = await admin.get<Page<Notification>>(`/v1/notifications?limit=200&${query}`);
    expect(page.status).toBe(200);
    return page.body.items;
  };
  const mailTo = async (address: string): Promise<ReceivedMail[]> =>
    readMailbox(requiredEnv('STACK_DIR'), (envelope) => envelope.to.includes(address));

  it('makes one lifecycle event an inbox entry, e-mails to the right recipients in their language, a signed webhook and a stream event, and the unread count follows reads', async () => {
    const a = await newPartner('Notification Partners A');
    const b = await newPartner('Notification Partners B');
    const suffix = randomUUID().slice(0, 8);
    const tenant = await newTenant(a.admin, `Fabrikam ${suffix}`);
    const otherTenant = await newTenant(a.admin, `Contoso ${suffix}`);
    const strangerTenant = await newTenant(b.admin, `Stranger ${suffix}`);

    const everything = `all-${suffix}@fabrikam.example`;
    const updatesInFrench = `maj-${suffix}@fabrikam.example`;
    const suspensionsOnly = `susp-${suffix}@fabrikam.example`;
    const stranger = `b-${suffix}@stranger.example`;
    for (const [client, tenantId, body] of [
      [a.admin, tenant, { email: everything, name: 'Fabrikam IT' }],
      [
        a.admin,
        tenant,
        { email: updatesInFrench, name: 'Fabrikam DSI', locale: 'fr', eventTypes: ['update.*'] },
      ],
      [
        a.admin,
        tenant,
        { email: suspensionsOnly, name: 'Fabrikam Finance', eventTypes: ['tenant.suspended'] },
      ],
      [b.admin, strangerTenant, { email: stranger, name: 'Stranger IT' }],
    ] as const) {
      // The notification service knows a tenant once its tenant.created arrived (its tenant directory).
      const added = await eventually(
        () => client.post(`/v1/tenants/${tenantId}/notification-recipients`, body),
        (answer) => answer.status !== 404,
      );
      expect(added.status).toBe(201);
    }
    expect(
      (
        await a.admin.post(`/v1/tenants/${tenant}/notification-recipients`, {
          email: everything.toUpperCase(),
          name: 'x',
        })
      ).body,
    ).toMatchObject({ status: 409, code: 'recipient-exists' });

    const hooks = await receiver();
    const strangerHooks = await receiver();
    const webhook = await a.admin.post<{ id: string; secret: string }>('/v1/webhooks', {
      url: hooks.url,
      eventTypes: ['update.*'],
      description: 'partner A integration',
    });
    expect(webhook.status).toBe(201);
    expect(webhook.body.secret).toMatch(/^whsec_/);
    const listed = await a.admin.get<Page<Record<string, unknown>>>('/v1/webhooks');
    expect(listed.body.items.find((w) => w['id'] === webhook.body.id)).not.toHaveProperty('secret');
    expect((await b.admin.post('/v1/webhooks', { url: strangerHooks.url, eventTypes: ['*'] })).status).toBe(
      201,
    );

    const partnerStream = await openStream(gatewayUrl(), {
      partnerId: a.partnerId,
      roles: ['partner:viewer'],
    });
    const customerStream = await openStream(
      gatewayUrl(),
      { partnerId: a.partnerId, roles: ['customer:admin'], tenantId: tenant },
      { locale: 'fr' },
    );
    const otherCustomerStream = await openStream(gatewayUrl(), {
      partnerId: a.partnerId,
      roles: ['customer:admin'],
      tenantId: otherTenant,
    });
    const strangerStream = await openStream(gatewayUrl(), {
      partnerId: b.partnerId,
      roles: ['partner:admin'],
    });
    streams.push(partnerStream, customerStream, otherCustomerStream, strangerStream);

    // The lifecycle event: a release reaches the customer's environment (update.available).
    const created = await a.admin.post(`/v1/tenants/${tenant}/environments`, {
      name: 'Main',
      type: 'production',
      applicationVersion: `${MAJOR}.0`,
    });
    expect(created.status).toBe(202);
    await environmentSettled(a.admin, tenant, 'Main');
    const version = await publishNextRelease(platform, MAJOR);

    const ofThisRelease = (items: Notification[]) => items.filter((n) => n.title.includes(` ${version} `));
    const [available] = await eventually(
      async () => ofThisRelease(await inbox(a.admin, `tenantId=${tenant}&type=update.available`)),
      (items) => items.length > 0,
    );
    expect(available).toMatchObject({
      tenantId: tenant,
      environmentName: 'Main',
      severity: 'info',
      title: `Fabrikam ${suffix} / Main: ${version} available`,
      readAt: null,
      links: {
        tenant: `/v1/tenants/${tenant}`,
        environment: `/v1/tenants/${tenant}/environments/Main`,
        operation: expect.stringMatching(/^\/v1\/operations\//),
      },
    });
    const [french] = ofThisRelease(
      await inbox(a.admin, `tenantId=${tenant}&type=update.available&locale=fr`),
    );
    expect(french!.title).toBe(`Fabrikam ${suffix} / Main : ${version} disponible`);

    // The stream: the partner's and the customer admin's (in French); not the other customer's.
    await partnerStream.until((c) => c.data<Notification>().some((n) => n.id === available!.id));
    await customerStream.until((c) => c.data<Notification>().some((n) => n.id === available!.id));
    expect(customerStream.data<Notification>().find((n) => n.id === available!.id)!.title).toBe(
      french!.title,
    );
    const positions = partnerStream.events.filter((e) => e.event === 'notification').map((e) => Number(e.id));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));

    // E-mail: to the recipient of everything (English) and of update.* (French), not to the other one.
    const [toEverything] = await eventually(
      () => mailTo(everything),
      (mails) => mails.some((m) => m.subject.includes(`${version} available`)),
    ).then((mails) => mails.filter((m) => m.subject.includes(`${version} available`)));
    expect(toEverything!.text).toContain(`/v1/tenants/${tenant}/environments/Main`);
    expect(toEverything!.html).toContain('<h1');
    const inFrench = await eventually(
      () => mailTo(updatesInFrench),
      (mails) => mails.some((m) => m.subject.includes(` ${version} `)),
    );
    expect(inFrench.filter((m) => m.subject.includes(` ${version} `)).map((m) => m.subject)).toEqual([
      french!.title,
    ]);
    // Only update.* for this recipient: no onboarding, no environment creation.
    expect(inFrench.filter((m) => / ajouté$|environnement créé$/.test(m.subject))).toEqual([]);

    // The webhook: the event as a CloudEvent, signed with the secret shown once.
    const [delivery] = await eventually(
      async () =>
        hooks.acknowledged.filter(
          (d) => d.json.type === 'update.available' && d.json.data['targetVersion'] === version,
        ),
      (found) => found.length > 0,
    );
    expect(delivery!.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    expect(delivery!.json).toMatchObject({
      specversion: '1.0',
      type: 'update.available',
      source: '/services/lifecycle',
      subject: `tenants/${tenant}/environments/Main`,
      notificationid: available!.id,
      data: { tenantId: tenant, partnerId: a.partnerId, targetVersion: version },
    });
    const signedAt = Number(/t=(\d+)/.exec(String(delivery!.headers['x-signature']))![1]);
    expect(
      verifyWebhookSignature(
        webhook.body.secret,
        String(delivery!.headers['x-signature']),
        delivery!.body,
        signedAt,
      ),
    ).toBe(true);
    expect(
      verifyWebhookSignature(
        'whsec_wrong',
        String(delivery!.headers['x-signature']),
        delivery!.body,
        signedAt,
      ),
    ).toBe(false);
    const log = await a.admin.get<Page<Delivery>>(`/v1/webhooks/${webhook.body.id}/deliveries`);
    expect(log.body.items.find((d) => d.notificationId === available!.id)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      responseCode: 204,
    });

    // Another partner receives nothing of partner A, on any channel.
    const strangerSaw = JSON.stringify([
      strangerStream.events,
      strangerHooks.received.map((d) => d.body),
      (await mailTo(stranger)).map((m) => m.text + m.html + m.subject),
    ]);
    expect(strangerSaw).not.toContain(tenant);
    expect(strangerSaw).not.toContain(`Fabrikam ${suffix}`);
    expect(JSON.stringify(otherCustomerStream.events)).not.toContain(tenant);
    expect(await mailTo(suspensionsOnly)).toEqual([]);

    // The central view counts the customer's unread notifications, and follows reads.
    const unread = async () => {
      const page = await a.admin.get<Page<{ tenant: { id: string }; unreadNotifications: number }>>(
        `/v1/overview?q=${encodeURIComponent(`Fabrikam ${suffix}`)}`,
      );
      return page.body.items.find((row) => row.tenant.id === tenant)?.unreadNotifications;
    };
    const unreadInInbox = (await inbox(a.admin, `tenantId=${tenant}&unread=true`)).length;
    expect(unreadInInbox).toBeGreaterThanOrEqual(3); // onboarded, environment created, update available
    await eventually(unread, (count) => count === unreadInInbox);
    const read = await a.admin.post<Notification>(`/v1/notifications/${available!.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    await eventually(unread, (count) => count === unreadInInbox - 1);
    const readAll = await a.admin.post<{ read: number }>(`/v1/notifications/read-all?tenantId=${tenant}`);
    expect(readAll.body).toEqual({ read: unreadInInbox - 1 });
    await eventually(unread, (count) => count === 0);
    expect(await inbox(a.admin, `tenantId=${tenant}&unread=true`)).toEqual([]);
    expect((await inbox(a.admin, `tenantId=${otherTenant}&unread=true`)).length).toBeGreaterThan(0);
  });

  it('delivers to a receiver that fails at first later, each once and in order per tenant; redelivers on request', async () => {
    const c = await newPartner('Notification Partners C');
    const hooks = await receiver();
    hooks.answer = (_delivery, count) => (count <= 3 ? 503 : 204);
    const webhook = await c.admin.post<{ id: string }>('/v1/webhooks', {
      url: hooks.url,
      eventTypes: ['tenant.*', 'environment.created'],
    });
    expect(webhook.status).toBe(201);
    const tenant = await newTenant(c.admin, `Ordered ${randomUUID().slice(0, 8)}`);
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      expect(
        (
          await c.admin.post(`/v1/tenants/${tenant}/environments`, {
            name,
            type: 'sandbox',
            applicationVersion: NEWEST,
          })
        ).status,
      ).toBe(202);
    }
    const expected = await eventually(
      () => inbox(c.admin, `tenantId=${tenant}`),
      (items) => items.length === 4,
    );
    await eventually(
      async () => hooks.received.length,
      (count) => count >= 1,
    );
    // Retries come from the service's clock: move it instead of waiting (10 s, 20 s, 40 s of backoff).
    for (let i = 0; i < 8 && hooks.acknowledged.length < 4; i += 1) {
      expect((await platform.post('/v1/dev/clock', { advanceMs: 60_000 })).status).toBe(200);
      await eventually(
        async () => hooks.received.length,
        () => true,
      );
    }
    await eventually(
      async () => hooks.acknowledged.length,
      (count) => count === 4,
    );
    // Every notification once, in the order they were made (the inbox lists newest first).
    expect(hooks.acknowledged.map((d) => d.json.notificationid)).toEqual(expected.map((n) => n.id).reverse());
    expect(hooks.received.slice(0, 3).every((d) => d.json.notificationid === expected[3]!.id)).toBe(true);
    const log = await c.admin.get<Page<Delivery>>(`/v1/webhooks/${webhook.body.id}/deliveries`);
    expect(log.body.items.map((d) => [d.status, d.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 4],
    ]);

    const first = log.body.items[3]!;
    const again = await c.admin.post<Delivery>(
      `/v1/webhooks/${webhook.body.id}/deliveries/${first.id}/redeliver`,
    );
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({
      status: 'pending',
      redeliveryOf: first.id,
      notificationId: first.notificationId,
    });
    await eventually(
      async () => hooks.acknowledged.length,
      (count) => count === 5,
    );
    expect(hooks.acknowledged[4]!.json.id).toBe(hooks.acknowledged[0]!.json.id);
    expect(hooks.acknowledged[4]!.headers['x-delivery-id']).toBe(again.body.id);
    const pending = await c.admin.post(
      `/v1/webhooks/${webhook.body.id}/deliveries/${randomUUID()}/redeliver`,
    );
    expect(pending.body).toMatchObject({ status: 404, code: 'delivery-not-found' });
  });

  it('disables a webhook that fails for 24 hours, gives up its deliveries and tells the partner', async () => {
    const d = await newPartner('Notification Partners D');
    const hooks = await receiver();
    hooks.answer = () => 500;
    const webhook = await d.admin.post<{ id: string }>('/v1/webhooks', {
      url: hooks.url,
      eventTypes: ['tenant.created'],
    });
    expect(webhook.status).toBe(201);
    await newTenant(d.admin, `Failing ${randomUUID().slice(0, 8)}`);
    await eventually(
      async () => hooks.received.length,
      (count) => count >= 1,
    );
    expect((await platform.post('/v1/dev/clock', { advanceMs: 25 * HOUR })).status).toBe(200);
    const [disabled] = await eventually(
      () => inbox(d.admin, 'type=webhook.disabled'),
      (items) => items.length === 1,
    );
    expect(disabled).toMatchObject({
      tenantId: null,
      severity: 'error',
      title: `Webhook disabled: ${hooks.url}`,
    });
    const listed =
      await d.admin.get<Page<{ id: string; status: string; disabledAt: string | null }>>('/v1/webhooks');
    expect(listed.body.items.find((w) => w.id === webhook.body.id)).toMatchObject({ status: 'disabled' });
    const log = await d.admin.get<Page<Delivery>>(`/v1/webhooks/${webhook.body.id}/deliveries`);
    expect(log.body.items).toEqual([expect.objectContaining({ status: 'failed', responseCode: 500 })]);
    expect(log.body.items[0]!.attempts).toBeGreaterThanOrEqual(2);
    const redeliver = await d.admin.post(
      `/v1/webhooks/${webhook.body.id}/deliveries/${log.body.items[0]!.id}/redeliver`,
    );
    expect(redeliver.body).toMatchObject({ status: 409, code: 'webhook-disabled' });
    const enabled = await d.admin.post<{ status: string }>(`/v1/webhooks/${webhook.body.id}/enable`);
    expect(enabled.body.status).toBe('enabled');
  });

  it('resumes a stream after Last-Event-ID without a gap or a repeat, on any of two gateway instances, with heartbeats', async () => {
    const second = ServiceProcess.start({
      name: 'gateway',
      port: await freePort(),
      distDir: path.resolve(__dirname, '..', 'dist'),
      logTo: { folder: requiredEnv('TEST_LOG_DIR') },
      env: { ...process.env, NODE_ENV: 'test', STREAM_HEARTBEAT_MS: '200' },
    });
    processes.push(second);
    await second.waitUntilReady();
    const e = await newPartner('Notification Partners E');
    const claims = { partnerId: e.partnerId, roles: ['partner:admin'] as Role[] };
    await eventually(
      async () => (await SseClient.open(`${second.url}/v1/stream`, { token: await token(claims) })).status,
      (status) => {
        return status === 200;
      },
    );
    const onFirst = await openStream(gatewayUrl(), claims);
    const onSecond = await openStream(second.url, claims);
    streams.push(onFirst, onSecond);
    const tenant = await newTenant(e.admin, `Streamed ${randomUUID().slice(0, 8)}`);
    await onFirst.until((c) => c.data().length === 1);
    await onSecond.until((c) => c.data().length === 1);
    // Heartbeats are real time (STREAM_HEARTBEAT_MS, 200 ms here): they keep proxies from closing the connection.
    await onSecond.until((c) => c.comments.some((comment) => comment.startsWith('heartbeat')));
    const lastId = onFirst.events.filter((ev) => ev.event === 'notification').at(-1)!.id!;
    onFirst.close();

    // While no stream of the partner is open on the first gateway: two notifications.
    for (const name of ['Missed1', 'Missed2']) {
      await e.admin.post(`/v1/tenants/${tenant}/environments`, {
        name,
        type: 'sandbox',
        applicationVersion: NEWEST,
      });
    }
    await onSecond.until((c) => c.data().length === 3);
    const resumed = await openStream(second.url, claims, { lastEventId: lastId });
    streams.push(resumed);
    await e.admin.post(`/v1/tenants/${tenant}/environments`, {
      name: 'Live',
      type: 'sandbox',
      applicationVersion: NEWEST,
    });
    await resumed.until((c) => c.data().length === 3);
    await onSecond.until((c) => c.data().length === 4);
    const ids = (client: SseClient) =>
      client.events.filter((ev) => ev.event === 'notification').map((ev) => Number(ev.id));
    expect(ids(resumed)).toEqual(ids(onSecond).slice(1));
    expect(new Set(ids(onSecond)).size).toBe(4);
    expect(ids(onSecond)).toEqual([...ids(onSecond)].sort((x, y) => x - y));
    const expectedTypes = ['environment.created', 'environment.created', 'environment.created'];
    expect(resumed.data<Notification>().map((n) => n.type)).toEqual(expectedTypes);
    // A bad Last-Event-ID is a 400 naming it.
    const bad = await SseClient.open(`${second.url}/v1/stream`, {
      token: await token(claims),
      lastEventId: 'x',
    });
    expect(bad.status).toBe(400);
  });

  it('sends nothing twice and loses nothing when the notification service is killed mid-dispatch', async () => {
    const g = await newPartner('Notification Partners G');
    const hooks = await receiver();
    // Slow answers, so that the kill finds deliveries in flight.
    hooks.delayMs = 40;
    const webhook = await g.admin.post<{ id: string }>('/v1/webhooks', { url: hooks.url, eventTypes: ['*'] });
    expect(webhook.status).toBe(201);
    // The stream tells the order the notification service made them in: their positions.
    const positions = await openStream(gatewayUrl(), { partnerId: g.partnerId, roles: ['partner:viewer'] });
    streams.push(positions);
    const suffix = randomUUID().slice(0, 8);
    const tenants: string[] = [];
    for (let i = 0; i < 6; i += 1) tenants.push(await newTenant(g.admin, `Crash ${suffix} ${i}`));
    for (const [i, tenant] of tenants.entries()) {
      await eventually(
        () =>
          g.admin.post(`/v1/tenants/${tenant}/notification-recipients`, {
            email: `crash-${suffix}-${i}@example.test`,
            name: 'Crash',
          }),
        (answer) => answer.status === 201,
      );
    }
    await Promise.all(
      tenants.flatMap((tenant) =>
        ['One', 'Two', 'Three'].map((name) =>
          g.admin.post(`/v1/tenants/${tenant}/environments`, {
            name,
            type: 'sandbox',
            applicationVersion: NEWEST,
          }),
        ),
      ),
    );
    await eventually(
      async () => hooks.received.length,
      (count) => count >= 4,
    );
    const { pid: killed, at: killedAt } = await killNotificationService();
    // The supervisor starts the new process 100 ms after the death, and it takes seconds to boot: whatever
    // arrives before this was sent by the killed process.
    const sentByTheKilledProcess = killedAt + 100;
    // The launcher's supervisor starts it again.
    await eventually(
      async () =>
        (await fetch(`${requiredEnv('NOTIFICATION_URL')}/health/ready`).catch(() => undefined))?.status,
      (status) => status === 200,
      { timeoutMs: 60_000 },
    );
    expect(await notificationServicePids()).not.toContain(killed);
    // A restarted process's clock starts again at real time: bring it to the system's time (which earlier suites
    // moved ahead), as a developer would with `npm run clock`, so that the deliveries it left are due again.
    const systemTime = await systemNow(platform);
    expect(
      (await platform.post('/v1/dev/clock', { to: new Date(systemTime.getTime() + 1000).toISOString() }))
        .status,
    ).toBe(200);

    const notifications = await eventually(
      async () => (await Promise.all(tenants.map((t) => inbox(g.admin, `tenantId=${t}`)))).flat(),
      (items) => items.length === 24,
      { timeoutMs: 60_000 },
    );
    const acknowledgedIds = () => new Set(hooks.acknowledged.map((d) => d.json.notificationid));
    await eventually(
      async () => acknowledgedIds().size,
      (count) => count === 24,
      { timeoutMs: 60_000 },
    );
    // Loses nothing: every notification reached the receiver; one notification per event, one delivery each.
    expect([...acknowledgedIds()].sort()).toEqual(notifications.map((n) => n.id).sort());
    const perEvent = new Set(notifications.map((n) => `${n.tenantId}/${n.type}/${n.environmentName}`));
    expect(perEvent.size).toBe(24);
    const log = await g.admin.get<Page<Delivery>>(`/v1/webhooks/${webhook.body.id}/deliveries?limit=200`);
    expect(log.body.items.filter((d) => !d.redeliveryOf)).toHaveLength(24);
    expect(log.body.items.every((d) => d.status === 'delivered')).toBe(true);
    // Nothing twice: a notification is always sent as the same CloudEvent, and only a delivery that was on
    // its way when the process died (its answer lost with it) is sent again; the new process never repeats
    // one it sent.
    const firstArrival = new Map<string, number>();
    const repeatedAfterTheKill: string[] = [];
    for (const delivery of [...hooks.received].sort((x, y) => x.at - y.at)) {
      const first = firstArrival.get(delivery.json.notificationid);
      if (first === undefined) firstArrival.set(delivery.json.notificationid, delivery.at);
      else if (first > sentByTheKilledProcess) repeatedAfterTheKill.push(delivery.json.notificationid);
    }
    expect(repeatedAfterTheKill).toEqual([]);
    console.info(
      `killed mid-dispatch: ${hooks.received.length} POSTs for 24 notifications (${hooks.received.length - 24} sent again, all in flight at the kill)`,
    );
    expect(new Set(hooks.received.map((d) => `${d.json.notificationid}:${d.json.id}`)).size).toBe(24);
    // In order per tenant: each tenant's notifications were acknowledged in the order they were made.
    await positions.until((c) => c.data().length === 24);
    for (const tenant of tenants) {
      const made = positions
        .data<Notification>()
        .filter((n) => n.tenantId === tenant)
        .map((n) => n.id);
      const order = [
        ...new Set(
          hooks.acknowledged
            .filter((d) => d.json.subject.startsWith(`tenants/${tenant}`))
            .map((d) => d.json.notificationid),
        ),
      ];
      expect(order).toEqual(made);
    }
    // E-mail: every environment's notification reached its recipient, each message by its stable Message-ID.
    const mails = await eventually(
      () =>
        readMailbox(requiredEnv('STACK_DIR'), (e) => e.to.some((to) => to.startsWith(`crash-${suffix}-`))),
      (found) => new Set(found.map((m) => m.messageId)).size === 18,
      { timeoutMs: 60_000 },
    );
    expect(mails.length).toBeGreaterThanOrEqual(18);
  });

  it('refuses webhook targets on private, link-local and loopback addresses in production, and a production start without a key of its own', async () => {
    const adminUrl = requiredEnv('DATABASE_URL');
    const secret = `production-internal-secret-${randomUUID()}`;
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      INTERNAL_AUTH_SECRET: secret,
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: serviceDatabaseUrl(adminUrl, 'notification', developmentDatabasePassword('notification')),
    };
    const withoutKey = ServiceProcess.start({
      name: 'notification',
      port: await freePort(),
      distDir: path.resolve(__dirname, '..', 'dist'),
      logTo: { folder: requiredEnv('TEST_LOG_DIR') },
      env,
    });
    expect((await withoutKey.exit).code).toBe(1);

    const production = ServiceProcess.start({
      name: 'notification',
      port: await freePort(),
      distDir: path.resolve(__dirname, '..', 'dist'),
      logTo: { folder: requiredEnv('TEST_LOG_DIR') },
      env: { ...env, WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') },
    });
    processes.push(production);
    await production.waitUntilReady();
    const caller = { subject: 'test', partnerId: randomUUID(), roles: ['partner:admin' as Role] };
    const headers = {
      'content-type': 'application/json',
      ...new InternalTokenSigner(secret).headersFor(caller),
    };
    for (const url of [
      'http://127.0.0.1:8080/hooks',
      'http://localhost/hooks',
      'http://[::1]/hooks',
      'http://10.1.2.3/hooks',
      'https://192.168.0.10/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/hooks',
    ]) {
      const answer = await fetch(`${production.url}/webhooks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url, eventTypes: ['*'] }),
      });
      expect({ url, status: answer.status, body: await answer.json() }).toMatchObject({
        url,
        status: 400,
        body: { code: 'webhook-url-not-allowed', errors: [{ field: 'url' }] },
      });
    }
  });
});

/** The pids of the notification service processes now connected to Postgres (its pool names them). */
async function notificationServicePids(): Promise<number[]> {
  const client = new Client({ connectionString: requiredEnv('DATABASE_URL') });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name LIKE 'notification-%'`,
    );
    return rows.map((row) => Number(row.name.slice('notification-'.length)));
  } finally {
    await client.end();
  }
}

/** SIGKILL to the test system's notification service (its supervisor restarts it): its pid, and when. */
async function killNotificationService(): Promise<{ pid: number; at: number }> {
  const [pid, ...others] = await notificationServicePids();
  expect(others).toEqual([]);
  process.kill(pid!, 'SIGKILL');
  return { pid: pid!, at: performance.now() };
}
