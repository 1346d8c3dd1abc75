import { eventually, requiredEnv, type GatewayClient } from '@pac/testing';

export interface TelemetryEvent {
  timestamp: string;
  severity: 'verbose' | 'info' | 'warning' | 'error' | 'critical';
  eventId: string;
  message: string;
  dimensions?: Record<string, string | number | boolean | null>;
}

export interface TelemetryRow extends TelemetryEvent {
  id: string;
  tenantId: string;
  environmentName: string | null;
}

/** The telemetry service's time: instants of a test are computed from it (the clock only moves forward). */
export async function telemetryNow(): Promise<Date> {
  const answer = await fetch(`${requiredEnv('TELEMETRY_URL')}/internal/clock`);
  return new Date(((await answer.json()) as { now: string }).now);
}

/**
 * An environment of the tenant (production unless said: a tenant's quota holds one production and three
 * sandboxes), active and known to the telemetry service (keys can be made).
 */
export async function environmentForTelemetry(
  client: GatewayClient,
  tenantId: string,
  name: string,
  type: 'production' | 'sandbox' = 'production',
): Promise<void> {
  const created = await client.post(`/v1/tenants/${tenantId}/environments`, { name, type });
  if (created.status !== 202)
    throw new Error(`creating ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  await eventually(
    () => client.get(`/v1/tenants/${tenantId}/environments/${name}/telemetry-keys`),
    (answer) => answer.status === 200,
  );
}

/** A new ingestion key of the environment: its secret. */
export async function telemetryKey(
  client: GatewayClient,
  tenantId: string,
  environment: string,
): Promise<string> {
  const created = await client.post<{ key: string }>(
    `/v1/tenants/${tenantId}/environments/${environment}/telemetry-keys`,
  );
  if (created.status !== 201)
    throw new Error(`creating a key: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.key;
}

/** POST /v1/telemetry with a key (no bearer token: the key is the credential). */
export async function sendTelemetry(
  key: string | undefined,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await fetch(`${requiredEnv('GATEWAY_URL')}/v1/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-telemetry-key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

/** `count` events of one event id and severity, stamped `at` plus one millisecond each. */
export function eventsAt(
  at: Date,
  count: number,
  fields: Partial<TelemetryEvent> & Pick<TelemetryEvent, 'eventId'>,
): TelemetryEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    timestamp: new Date(at.getTime() + i).toISOString(),
    severity: 'info',
    message: `${fields.eventId} #${i}`,
    ...fields,
  }));
}

/** Every row of the tenant's telemetry matching the query (all pages). */
export async function telemetryRows(
  client: GatewayClient,
  tenantId: string,
  query = '',
): Promise<TelemetryRow[]> {
  const rows: TelemetryRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: TelemetryRow[]; nextCursor: string | null } } =
      await client.get(
        `/v1/tenants/${tenantId}/telemetry?limit=200${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
    if (page.status !== 200) throw new Error(`telemetry: ${page.status} ${JSON.stringify(page.body)}`);
    rows.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return rows;
}
