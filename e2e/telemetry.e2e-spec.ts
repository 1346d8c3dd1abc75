import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Topics } from '@pac/contracts';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';
import { publishedEventsOf } from './support/tenant-topic';
import {
  environmentForTelemetry,
  eventsAt,
  sendTelemetry,
  telemetryKey,
  telemetryNow,
  telemetryRows,
} from './support/telemetry';

jest.setTimeout(120_000);

interface Issue {
  id: string;
  environmentName: string;
  eventId: string;
  status: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** The gateway's default TELEMETRY_KEY_CACHE_TTL_MS: the documented revocation delay. */
const KEY_CACHE_TTL_MS = 30_000;

describe('telemetry: keys, ingestion, search, summary and issues', () => {
  let platform: GatewayClient;
  let partner: GatewayClient;
  let stranger: GatewayClient;
  let tenantId: string;
  let keyA: string;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Telemetry' })).body.id;
    partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
    stranger = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['partner:admin'] });
    tenantId = (
      await partner.post<{ id: string }>('/v1/tenants', { name: 'Contoso Telemetry', countryCode: 'FR' })
    ).body.id;
    await environmentForTelemetry(partner, tenantId, 'EnvA');
    await environmentForTelemetry(partner, tenantId, 'EnvB', 'sandbox');
    keyA = await telemetryKey(partner, tenantId, 'EnvA');
  });

  it('makes keys per environment: the secret shown once, listed without it, another partner’s tenant not found', async () => {
    expect(keyA).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    const listed = await partner.get<{ items: Array<Record<string, unknown>> }>(
      `/v1/tenants/${tenantId}/environments/enva/telemetry-keys`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toEqual({
      id: expect.any(String),
      environmentName: 'EnvA',
      keyPrefix: keyA.slice(0, 10),
      createdBy: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain(keyA);
    const foreign = await stranger.post(`/v1/tenants/${tenantId}/environments/EnvA/telemetry-keys`);
    expect(foreign.status).toBe(404);
    const missing = await partner.post(`/v1/tenants/${tenantId}/environments/Nowhere/telemetry-keys`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'environment-not-found' });
  });

  it('stores a batch as rows of the key’s environment only, searchable and summarised', async () => {
    const now = await telemetryNow();
    const marker = `m${randomUUID().slice(0, 8)}`;
    const batch = [
      ...eventsAt(now, 3, { eventId: 'AL0001', severity: 'info', message: `Sales order posted ${marker}` }),
      ...eventsAt(new Date(now.getTime() + 10), 2, {
        eventId: 'RT0012',
        severity: 'error',
        message: `Posting FAILED for customer 10000 ${marker}`,
        dimensions: { company: 'CRONUS', lines: 3 },
      }),
    ];
    const sent = await sendTelemetry(keyA, batch);
    expect(sent).toEqual({ status: 202, body: { accepted: 5 } });

    const rows = await eventually(
      () => telemetryRows(partner, tenantId, `q=${marker}`),
      (found) => found.length === 5,
    );
    expect(new Set(rows.map((row) => row.environmentName))).toEqual(new Set(['EnvA']));
    expect(rows.map((row) => row.timestamp)).toEqual([...rows.map((row) => row.timestamp)].sort().reverse());
    expect(await telemetryRows(partner, tenantId, `environment=EnvB&q=${marker}`)).toEqual([]);
    const errors = await telemetryRows(partner, tenantId, `severity=error,critical&q=${marker}`);
    expect(errors.map((row) => [row.eventId, row.dimensions])).toEqual([
      ['RT0012', { company: 'CRONUS', lines: 3 }],
      ['RT0012', { company: 'CRONUS', lines: 3 }],
    ]);
    expect(await telemetryRows(partner, tenantId, `q=failed%20${marker}%20customer`)).toHaveLength(2);
    expect(await telemetryRows(partner, tenantId, `eventId=AL0001&q=${marker}`)).toHaveLength(3);
    const later = new Date(now.getTime() + 10).toISOString();
    expect(await telemetryRows(partner, tenantId, `from=${later}&q=${marker}`)).toHaveLength(2);
    expect(await telemetryRows(partner, tenantId, `to=${later}&q=${marker}`)).toHaveLength(3);
    const backwards = await partner.get(
      `/v1/tenants/${tenantId}/telemetry?from=${later}&to=${now.toISOString()}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'time-range-invalid', errors: [{ field: 'from' }] });

    // From the batch's first event: the environment's creation row (LC0010) is earlier.
    const from = now.toISOString();
    const to = new Date(now.getTime() + 60_000).toISOString();
    const summary = await partner.get<{
      totals: Record<string, number>;
      buckets: Array<{ start: string; counts: Record<string, number> }>;
      topEventIds: Array<{ eventId: string; count: number; errors: number }>;
    }>(`/v1/tenants/${tenantId}/telemetry/summary?from=${from}&to=${to}&bucket=5m&environment=EnvA`);
    expect(summary.status).toBe(200);
    expect(summary.body.totals).toMatchObject({ info: 3, error: 2 });
    expect(summary.body.buckets.reduce((sum, b) => sum + b.counts.error! + b.counts.info!, 0)).toBe(5);
    expect(summary.body.topEventIds.slice(0, 2)).toEqual([
      { eventId: 'AL0001', count: 3, errors: 0 },
      { eventId: 'RT0012', count: 2, errors: 2 },
    ]);
  });

  it('stores messages and dimensions exactly, with tabs, line breaks, backslashes, quotes and any script', async () => {
    const now = await telemetryNow();
    const marker = `x${randomUUID().slice(0, 8)}`;
    const message = `${marker} tab\there\nnext line\r\nC:\\path\\file "quoted" \\N émoji 🚀 日本`;
    const dimensions = { 'a\tkey': 'line\none\\two', quote: '"', nothing: null, yes: true, n: 1.5 };
    const sent = await sendTelemetry(keyA, eventsAt(now, 1, { eventId: 'ESC001', message, dimensions }));
    expect(sent.status).toBe(202);
    const rows = await eventually(
      () => telemetryRows(partner, tenantId, `q=${marker}`),
      (found) => found.length === 1,
    );
    expect(rows[0]).toMatchObject({ eventId: 'ESC001', message, dimensions });
  });

  it('refuses a batch with one bad event whole, naming its index and field; a key writes only its environment', async () => {
    const now = await telemetryNow();
    const bad = [
      ...eventsAt(now, 2, { eventId: 'BAD0001' }),
      { ...eventsAt(now, 1, { eventId: 'BAD0001' })[0], severity: 'fatal' },
    ];
    const refused = await sendTelemetry(keyA, bad);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'validation-failed', errors: [{ field: '[2].severity' }] });
    // The body cannot name another environment: the key decides which one is written.
    const elsewhere = await sendTelemetry(keyA, [
      { ...eventsAt(now, 1, { eventId: 'BAD0002' })[0], environmentName: 'EnvB' },
    ]);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ errors: [{ field: '[0].environmentName' }] });
    // A later good batch of the same tenant lands; nothing of the refused ones did.
    expect((await sendTelemetry(keyA, eventsAt(now, 1, { eventId: 'GOOD0001' }))).status).toBe(202);
    await eventually(
      () => telemetryRows(partner, tenantId, 'eventId=GOOD0001'),
      (rows) => rows.length === 1,
    );
    expect(await telemetryRows(partner, tenantId, 'eventId=BAD0001')).toEqual([]);
    expect(await telemetryRows(partner, tenantId, 'eventId=BAD0002')).toEqual([]);
  });

  it('refuses a missing, unknown or revoked key with 401 (revoked: once the documented delay has passed)', async () => {
    const now = await telemetryNow();
    const events = eventsAt(now, 1, { eventId: 'KEY0001' });
    expect((await sendTelemetry(undefined, events)).body).toMatchObject({
      status: 401,
      code: 'telemetry-key-invalid',
    });
    expect((await sendTelemetry(`ptk_${'x'.repeat(43)}`, events)).status).toBe(401);

    const keyB = await telemetryKey(partner, tenantId, 'EnvB');
    expect((await sendTelemetry(keyB, events)).status).toBe(202); // the gateway now knows the key
    const keys = await partner.get<{ items: Array<{ id: string }> }>(
      `/v1/tenants/${tenantId}/environments/EnvB/telemetry-keys`,
    );
    const revoked = await partner.delete(
      `/v1/tenants/${tenantId}/environments/EnvB/telemetry-keys/${keys.body.items[0]!.id}`,
    );
    expect(revoked.status).toBe(204);
    expect(
      (
        await partner.delete(
          `/v1/tenants/${tenantId}/environments/EnvB/telemetry-keys/${keys.body.items[0]!.id}`,
        )
      ).status,
    ).toBe(404);
    // The gateway's cache expires on its clock: moved past the delay, the revoked key is refused.
    expect((await platform.post('/v1/dev/clock', { advanceMs: KEY_CACHE_TTL_MS })).status).toBe(200);
    expect((await sendTelemetry(keyB, events)).body).toMatchObject({
      status: 401,
      code: 'telemetry-key-invalid',
    });
    expect((await sendTelemetry(keyA, events)).status).toBe(202);
    // Only key A's environment got rows of it, none under B's name past the revocation.
    await eventually(
      () => telemetryRows(partner, tenantId, 'eventId=KEY0001'),
      (rows) => rows.length === 2,
    );
  });

  it('lands an OTLP logs request of the official OpenTelemetry JS exporter as rows', async () => {
    const marker = `otlp${randomUUID().slice(0, 8)}`;
    const app = spawnSync(
      process.execPath,
      [
        path.resolve(__dirname, '..', 'dist', 'e2e', 'support', 'otlp-app.js'),
        `${gatewayUrl()}/v1/otlp/v1/logs`,
        keyA,
        marker,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect({ status: app.status, stderr: app.stderr }).toEqual({ status: 0, stderr: '' });

    const rows = await eventually(
      () => telemetryRows(partner, tenantId, `q=${marker}`),
      (found) => found.length === 2,
    );
    const byEventId = Object.fromEntries(rows.map((row) => [row.eventId, row]));
    expect(byEventId['WS0042']).toMatchObject({
      environmentName: 'EnvA',
      severity: 'error',
      message: `Web service call failed ${marker}`,
      dimensions: { 'service.name': 'bc-web-client', endpoint: '/api/v2.0/salesOrders', status: 500 },
    });
    expect(byEventId['OTLP']).toMatchObject({ severity: 'info', dimensions: { user: 'u1' } });
  });

  it('opens one issue on an error spike, updates it on a repeat, resolves it when quiet; the overview shows it', async () => {
    const spikeAt = await telemetryNow();
    const eventId = `SPIKE${randomUUID().slice(0, 6)}`;
    expect((await sendTelemetry(keyA, eventsAt(spikeAt, 49, { eventId, severity: 'error' }))).status).toBe(
      202,
    );
    await eventually(
      () => telemetryRows(partner, tenantId, `eventId=${eventId}`),
      (rows) => rows.length === 49,
    );
    expect(await issuesOf('open')).toEqual([]);
    expect((await sendTelemetry(keyA, eventsAt(spikeAt, 1, { eventId, severity: 'critical' }))).status).toBe(
      202,
    );
    const [opened] = await eventually(
      () => issuesOf('open'),
      (issues) => issues.length === 1,
    );
    expect(opened).toMatchObject({ environmentName: 'EnvA', eventId, status: 'open', count: 50 });

    const overviewRow = () =>
      partner.get<{ items: Array<{ tenant: { id: string }; openIssues: number }> }>(
        `/v1/overview?q=Contoso%20Telemetry`,
      );
    await eventually(overviewRow, (answer) => answer.body.items[0]?.openIssues === 1);
    const withIssues = await partner.get<{ items: Array<{ tenant: { id: string } }> }>(
      `/v1/overview?hasOpenIssues=true`,
    );
    expect(withIssues.body.items.map((row) => row.tenant.id)).toContain(tenantId);

    // A continued spike: the same issue counts it.
    const repeatAt = new Date(spikeAt.getTime() + 60_000);
    expect((await sendTelemetry(keyA, eventsAt(repeatAt, 10, { eventId, severity: 'error' }))).status).toBe(
      202,
    );
    const [updated] = await eventually(
      () => issuesOf(),
      (issues) => issues.length === 1 && issues[0]!.count === 60,
    );
    expect(updated).toMatchObject({
      id: opened!.id,
      status: 'open',
      lastSeenAt: new Date(repeatAt.getTime() + 9).toISOString(),
    });

    // Quiet for the default period (60 minutes): resolved by the clock.
    expect((await platform.post('/v1/dev/clock', { advanceMs: 60 * 60_000 })).status).toBe(200);
    const [resolved] = await eventually(
      () => issuesOf(),
      (issues) => issues[0]?.status === 'resolved',
    );
    expect(resolved).toMatchObject({ id: opened!.id, count: 60 });
    await eventually(overviewRow, (answer) => answer.body.items[0]?.openIssues === 0);

    // Notified once per opening: one issue.opened for it on the telemetry topic, then its resolution.
    const events = await publishedEventsOf(
      tenantId,
      (types) => types.includes('issue.resolved'),
      30_000,
      Topics.telemetry,
    );
    const ofIssue = events.filter((event) => event.data['issueId'] === opened!.id);
    expect(ofIssue.map((event) => event.type)).toEqual(['issue.opened', 'issue.resolved']);
    expect(ofIssue[1]!.data).toMatchObject({ resolution: 'quiet', count: 60 });
  });

  it('acknowledges and resolves an issue by the API, each once; a tenant’s own rule opens it', async () => {
    const rule = await partner.send('PUT', `/v1/tenants/${tenantId}/issue-rule`, {
      threshold: 3,
      windowMinutes: 1,
      quietMinutes: 5,
    });
    expect(rule).toMatchObject({
      status: 200,
      body: { tenantId, threshold: 3, windowMinutes: 1, quietMinutes: 5 },
    });
    const badRule = await partner.send('PUT', `/v1/tenants/${tenantId}/issue-rule`, {
      threshold: 0,
      windowMinutes: 1,
      quietMinutes: 5,
    });
    expect(badRule.status).toBe(400);
    const at = await telemetryNow();
    const eventId = `ACK${randomUUID().slice(0, 6)}`;
    expect((await sendTelemetry(keyA, eventsAt(at, 3, { eventId, severity: 'error' }))).status).toBe(202);
    const [issue] = await eventually(
      () => issuesOf('open'),
      (issues) => issues.some((i) => i.eventId === eventId),
    );
    const acknowledged = await partner.post<Issue>(`/v1/issues/${issue!.id}/acknowledge`);
    expect(acknowledged).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
    expect((await partner.post(`/v1/issues/${issue!.id}/acknowledge`)).body).toMatchObject({
      code: 'issue-not-open',
    });
    expect((await stranger.post(`/v1/issues/${issue!.id}/resolve`)).status).toBe(404);
    expect(await partner.post<Issue>(`/v1/issues/${issue!.id}/resolve`)).toMatchObject({
      status: 200,
      body: { status: 'resolved' },
    });
    expect((await partner.post(`/v1/issues/${issue!.id}/resolve`)).body).toMatchObject({
      code: 'issue-resolved',
    });
    await partner.send('PUT', `/v1/tenants/${tenantId}/issue-rule`, {
      threshold: 50,
      windowMinutes: 5,
      quietMinutes: 60,
    });
  });

  async function issuesOf(status?: string): Promise<Issue[]> {
    const answer = await partner.get<{ items: Issue[] }>(
      `/v1/tenants/${tenantId}/issues${status ? `?status=${status}` : ''}`,
    );
    if (answer.status !== 200) throw new Error(`issues: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.items;
  }
});
