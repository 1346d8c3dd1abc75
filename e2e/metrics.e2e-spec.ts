import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient, MetricsScrape, requiredEnv } from '@pac/testing';

/**
 * The metrics operations read (docs/operations.md, "Metrics"), scraped from the running system: one
 * onboarding moves the gateway's and the tenant service's request histograms (by route template), the tenant
 * outbox's published count, and the notification service's consumed count and handler durations.
 */
describe('/metrics', () => {
  const tenantUrl = () => requiredEnv('TENANT_URL');
  const notificationUrl = () => requiredEnv('NOTIFICATION_URL');
  let partner: GatewayClient;

  beforeAll(async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Metrics Partner' });
    expect(created.status).toBe(201);
    partner = await GatewayClient.as(gatewayUrl(), { partnerId: created.body.id, roles: ['partner:admin'] });
  });

  it('counts requests by route template and status, events produced, consumed and their handling time', async () => {
    const gatewayBefore = await MetricsScrape.of(gatewayUrl());
    const tenantBefore = await MetricsScrape.of(tenantUrl());
    const notificationBefore = await MetricsScrape.of(notificationUrl());
    const posted = { method: 'POST', route: '/v1/tenants', status: '201' };
    const served = { method: 'POST', route: '/tenants', status: '201' };
    const producedCreated = { schema: 'tenant', type: 'tenant.created' };
    const consumedCreated = { group: 'notification', type: 'tenant.created', outcome: 'processed' };
    const handledCreated = { group: 'notification', type: 'tenant.created' };

    const created = await partner.post<{ id: string }>('/v1/tenants', {
      name: 'Measured Ltd',
      countryCode: 'GB',
    });
    expect(created.status).toBe(201);
    const notFound = await partner.get(`/v1/tenants/${randomUUID()}`);
    expect(notFound.status).toBe(404);

    const gateway = await MetricsScrape.of(gatewayUrl());
    const count = 'http_request_duration_seconds_count';
    expect(gateway.sum(count, posted)).toBe(gatewayBefore.sum(count, posted) + 1);
    // The route template, never the raw path: one series for every tenant id.
    const byTemplate = { method: 'GET', route: '/v1/tenants/:tenantId', status: '404' };
    expect(gateway.sum(count, byTemplate)).toBeGreaterThanOrEqual(gatewayBefore.sum(count, byTemplate) + 1);
    expect(gateway.matching(count).some((s) => s.labels['route']?.includes(created.body.id))).toBe(false);

    const tenant = await eventually(
      () => MetricsScrape.of(tenantUrl()),
      (scrape) =>
        scrape.sum('messaging_events_produced_total', producedCreated) >
        tenantBefore.sum('messaging_events_produced_total', producedCreated),
    );
    expect(tenant.sum(count, served)).toBeGreaterThan(tenantBefore.sum(count, served));
    expect(tenant.matching('messaging_outbox_backlog', { schema: 'tenant' })).toHaveLength(1);
    expect(tenant.matching('messaging_outbox_oldest_age_seconds', { schema: 'tenant' })).toHaveLength(1);
    expect(tenant.sum('messaging_outbox_relay_active', { schema: 'tenant' })).toBe(1);

    const notification = await eventually(
      () => MetricsScrape.of(notificationUrl()),
      (scrape) =>
        scrape.sum('messaging_events_consumed_total', consumedCreated) >
        notificationBefore.sum('messaging_events_consumed_total', consumedCreated),
    );
    expect(notification.sum('messaging_handler_duration_seconds_count', handledCreated)).toBeGreaterThan(
      notificationBefore.sum('messaging_handler_duration_seconds_count', handledCreated),
    );
    const lag = notification.matching('messaging_consumer_lag', { group: 'notification' });
    expect(lag.length).toBeGreaterThan(0);
    expect(lag.every((sample) => sample.value >= 0)).toBe(true);
  });
});
