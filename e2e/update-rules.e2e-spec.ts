import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';
import { Client } from 'pg';
import { HOUR, MINUTE, moveClockTo, publishNextRelease, systemNow } from './support/releases';
import { environmentSettled } from './support/environments';
import { updatesOf } from './support/updates';

interface Update {
  targetVersion: string;
  selected: boolean;
  scheduleDetails: {
    latestSelectableDate: string;
    selectedDateTime: string | null;
    ignoreUpdateWindow: boolean;
    status: string;
    windowClosesAt?: string | null;
  };
  operationId: string;
}

interface Window {
  preferredStartTime: string;
  preferredEndTime: string;
  timeZone: string;
}

interface Problem {
  status: number;
  code?: string;
  detail?: string;
}

/** This suite's environments run this major version: only its releases (and the next major's) reach them. */
const MAJOR = 15;

// Kafka round trips and clock-driven jobs on a loaded 2-core machine take more than 5 s.
jest.setTimeout(120_000);

/**
 * The rules of issue 11 that docs/lifecycle.md lists, end to end through the gateway: environment-scoped
 * reads and writes consistent with the tenant service while its events are in flight, the versions offered,
 * a window that does not lapse, a window change that would push a chosen date past its deadline, the
 * default window's zone.
 */
describe('updates as the reference admin center has them (issue 11)', () => {
  let platform: GatewayClient;
  let partner: GatewayClient;
  let db: Client;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Update Rules' });
    expect(created.status).toBe(201);
    partner = await GatewayClient.as(gatewayUrl(), { partnerId: created.body.id, roles: ['partner:admin'] });
    db = new Client({ connectionString: requiredEnv('DATABASE_URL') });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
  });

  const newTenant = async (name: string, countryCode = 'FR'): Promise<string> => {
    const tenant = await partner.post<{ id: string }>('/v1/tenants', { name, countryCode });
    expect(tenant.status).toBe(201);
    return tenant.body.id;
  };

  const createEnvironment = async (tenantId: string, name: string): Promise<void> => {
    const accepted = await partner.post(`/v1/tenants/${tenantId}/environments`, {
      name,
      type: 'production',
      applicationVersion: `${MAJOR}.0`,
    });
    expect(accepted.status).toBe(202);
  };

  const customer = async (name: string): Promise<string> => {
    const tenantId = await newTenant(name);
    await createEnvironment(tenantId, 'prod');
    await environmentSettled(partner, tenantId, 'prod');
    return tenantId;
  };

  const updatesPath = (tenantId: string) => `/v1/tenants/${tenantId}/environments/prod/updates`;

  const updateTo = async (tenantId: string, version: string): Promise<Update> =>
    eventually(
      () => updatesOf<Update>(partner, tenantId, 'prod'),
      (updates) => updates?.some((u) => u.targetVersion === version) === true,
    ).then((updates) => updates!.find((u) => u.targetVersion === version)!);

  const localTime = (instant: Date, timeZone: string): string =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(instant);

  /** The instant it is `time` in Paris on a local date (tries both of Paris's offsets). */
  const parisTime = (date: string, time: string): Date => {
    for (const offset of ['+01:00', '+02:00']) {
      const instant = new Date(`${date}T${time}:00${offset}`);
      if (localTime(instant, 'Europe/Paris') === time) return instant;
    }
    throw new Error(`no ${time} in Paris on ${date}`);
  };

  it('point 7: a window set while the environment’s events are still in flight is answered, kept, and found in any case', async () => {
    const tenantId = await newTenant('Racing Windows SARL');
    await createEnvironment(tenantId, 'Main');
    const window = { preferredStartTime: '21:00', preferredEndTime: '05:00', timeZone: 'Europe/Berlin' };
    const key = randomUUID();
    // At once, with the clock moving meanwhile: the lifecycle service has most likely not seen the events yet.
    const [set] = await Promise.all([
      partner.send<Window>('PUT', `/v1/tenants/${tenantId}/environments/main/update-window`, window, {
        'Idempotency-Key': key,
      }),
      platform.post('/v1/dev/clock', { advanceMs: MINUTE }),
    ]);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject(window);
    // The same key answers the same, whatever happened in between.
    const again = await partner.send<Window>(
      'PUT',
      `/v1/tenants/${tenantId}/environments/main/update-window`,
      window,
      { 'Idempotency-Key': key },
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject(window);

    // The tenant service's events arrive (the environment becomes active): the window set before stays.
    await eventually(
      () =>
        db.query<{ status: string; applied: boolean }>(
          `SELECT status, state_at > 'epoch'::timestamptz AS applied FROM lifecycle.environments
            WHERE tenant_id = $1 AND name = 'Main'`,
          [tenantId],
        ),
      (result) => result.rows[0]?.status === 'active' && result.rows[0].applied === true,
    );
    for (const name of ['Main', 'MAIN']) {
      const read = await partner.get<Window>(`/v1/tenants/${tenantId}/environments/${name}/update-window`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject(window);
    }
    // An environment the environments resource does not show is still 404, from any route.
    const missing = await partner.get<Problem>(`/v1/tenants/${tenantId}/environments/ghost/update-window`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('environment-not-found');
  });

  it('point 9: versions newer than the environment’s within its current or next major are offered, not beyond', async () => {
    const tenantId = await customer('Majors GmbH');
    const next = await publishNextRelease(platform, MAJOR + 1);
    await updateTo(tenantId, next);
    const beyond = await publishNextRelease(platform, MAJOR + 2);
    const refused = await partner.send<Problem>('PATCH', `${updatesPath(tenantId)}/${beyond}`, {
      selected: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('version-beyond-next-major');
    const offered = (await updatesOf<Update>(partner, tenantId, 'prod'))!.map((u) => u.targetVersion);
    expect(offered).toContain(next);
    expect(offered).not.toContain(beyond);
  });

  it('point 13: an update that ignores the window does not lapse: hours past its time, it still runs', async () => {
    const tenantId = await customer('Ignoring Windows SA');
    const version = await publishNextRelease(platform, MAJOR);
    await updateTo(tenantId, version);
    const at = new Date((await systemNow(platform)).getTime() + HOUR);
    const chosen = await partner.send<Update>('PATCH', `${updatesPath(tenantId)}/${version}`, {
      selected: true,
      selectedDateTime: at.toISOString(),
      ignoreUpdateWindow: true,
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.scheduleDetails).toMatchObject({ ignoreUpdateWindow: true, windowClosesAt: null });
    // Ten hours later at once: a window end (or a grace period) would have made it missed.
    await moveClockTo(platform, new Date(at.getTime() + 10 * HOUR));
    await eventually(
      () => partner.get<{ applicationVersion: string }>(`/v1/tenants/${tenantId}/environments/prod`),
      (answer) => answer.body.applicationVersion === version,
    );
    const missed = await db.query(
      `SELECT 1 FROM lifecycle.outbox
        WHERE type = 'update.missed' AND message_key = $1 AND payload->>'targetVersion' = $2`,
      [tenantId, version],
    );
    expect(missed.rows).toEqual([]);
  });

  it('point 14: a window change that would push a chosen date past its deadline is 409, and changes nothing', async () => {
    const tenantId = await customer('Deadline Keepers SARL');
    const version = await publishNextRelease(platform, MAJOR, { latestSelectableDays: 2 });
    const offered = await updateTo(tenantId, version);
    // 23:00 in Paris on the latest selectable date: inside the 20:00–06:00 window of the deadline day.
    const lastEvening = parisTime(offered.scheduleDetails.latestSelectableDate, '23:00');
    const chosen = await partner.send<Update>('PATCH', `${updatesPath(tenantId)}/${version}`, {
      selected: true,
      selectedDateTime: lastEvening.toISOString(),
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.scheduleDetails.selectedDateTime).toBe(lastEvening.toISOString());

    const path = `/v1/tenants/${tenantId}/environments/prod/update-window`;
    const mornings = { preferredStartTime: '08:00', preferredEndTime: '14:00', timeZone: 'Europe/Paris' };
    const refused = await partner.send<Problem>('PUT', path, mornings);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('scheduled-update-constraint-violation');
    expect((await partner.get<Window>(path)).body).toMatchObject({ preferredStartTime: '20:00' });
    expect((await updateTo(tenantId, version)).scheduleDetails.selectedDateTime).toBe(
      lastEvening.toISOString(),
    );
    // A window that still holds the chosen time is accepted.
    const evenings = { preferredStartTime: '17:00', preferredEndTime: '23:30', timeZone: 'Europe/Paris' };
    expect((await partner.send('PUT', path, evenings)).status).toBe(200);
  });

  it('point 17: the default window is 20:00–06:00 in a zone near the centre of the country', async () => {
    for (const [country, zone] of [
      ['US', 'America/Chicago'],
      ['AU', 'Australia/Darwin'],
      ['DE', 'Europe/Berlin'],
      ['ZZ', 'UTC'],
    ] as const) {
      const tenantId = await newTenant(`Default Window ${country}`, country);
      const policy = await eventually(
        () => partner.get<Window>(`/v1/tenants/${tenantId}/update-window-policy`),
        (answer) => answer.status === 200,
      );
      expect(policy.body).toMatchObject({
        preferredStartTime: '20:00',
        preferredEndTime: '06:00',
        timeZone: zone,
      });
    }
  });
});
