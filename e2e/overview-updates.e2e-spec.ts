import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';
import { HOUR, MINUTE, moveClockTo, publishNextRelease, systemNow } from './support/releases';
import { updatesOf } from './support/updates';
import { environmentSettled } from './support/environments';

interface OverviewRow {
  tenant: { id: string };
  nextUpdate: {
    environmentName: string;
    targetVersion: string;
    scheduledFor: string;
    selected: boolean;
  } | null;
  lastUpdateResult: {
    environmentName: string;
    targetVersion: string;
    result: string;
    at: string;
    reason: string | null;
  } | null;
  updateStatus: string;
}

interface Update {
  targetVersion: string;
  scheduleDetails: { selectedDateTime: string | null; status: string };
}

/**
 * The customers' environments here run 23.0, a major version no other suite uses, so the releases published
 * here reach only them (and environments on older versions, which other suites never update to 23.x).
 */
const MAJOR = 23;
const OLD_VERSION = `${MAJOR}.0`;

// Kafka round trips and clock-driven jobs on a loaded 2-core machine take more than 5 s.
jest.setTimeout(90_000);

/**
 * The update columns of the central view, end to end: a release is offered and scheduled, the overview shows
 * the customer's next update and finds it by updateStatus; the clock moves into the window, the update runs,
 * and the overview shows its result.
 */
describe('the central view: next update and last update result per customer', () => {
  let platform: GatewayClient;
  let partner: GatewayClient;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Overview Updates' });
    expect(created.status).toBe(201);
    partner = await GatewayClient.as(gatewayUrl(), { partnerId: created.body.id, roles: ['partner:admin'] });
  });

  const customer = async (name: string, environments: Array<[string, string]>): Promise<string> => {
    const tenant = await partner.post<{ id: string }>('/v1/tenants', { name, countryCode: 'FR' });
    expect(tenant.status).toBe(201);
    for (const [environment, type] of environments) {
      const accepted = await partner.post(`/v1/tenants/${tenant.body.id}/environments`, {
        name: environment,
        type,
        applicationVersion: OLD_VERSION,
      });
      expect(accepted.status).toBe(202);
    }
    for (const [environment] of environments) await environmentSettled(partner, tenant.body.id, environment);
    return tenant.body.id;
  };

  const updatesPath = (tenantId: string, environment: string) =>
    `/v1/tenants/${tenantId}/environments/${environment}/updates`;

  const offered = (tenantId: string, environment: string, version: string) =>
    eventually(
      () => updatesOf<Update>(partner, tenantId, environment),
      (updates) => updates?.some((u) => u.targetVersion === version) ?? false,
    );

  /** Schedules the update at `at`, outside the window on purpose; answers when it starts. */
  const schedule = async (tenantId: string, environment: string, version: string, at: Date) => {
    const answer = await partner.send<Update>('PATCH', `${updatesPath(tenantId, environment)}/${version}`, {
      selected: true,
      selectedDateTime: at.toISOString(),
      ignoreUpdateWindow: true,
    });
    expect(answer.status).toBe(200);
    return answer.body.scheduleDetails.selectedDateTime!;
  };

  const overviewRows = async (query = ''): Promise<OverviewRow[]> => {
    const answer = await partner.get<{ items: OverviewRow[] }>(`/v1/overview?limit=200${query}`);
    expect(answer.status).toBe(200);
    return answer.body.items;
  };

  const eventuallyRow = async (tenantId: string, until: (row: OverviewRow) => boolean) => {
    const rows = await eventually(
      () => overviewRows(),
      (items) => items.some((row) => row.tenant.id === tenantId && until(row)),
    );
    return rows.find((row) => row.tenant.id === tenantId)!;
  };

  const foundBy = async (updateStatus: string): Promise<string[]> =>
    (await overviewRows(`&updateStatus=${updateStatus}`)).map((row) => row.tenant.id);

  it('shows the earliest scheduled update across environments, finds it by status, then the result once it ran', async () => {
    const tenantId = await customer('Upcoming Foods', [
      ['prod', 'production'],
      ['test', 'sandbox'],
    ]);
    const version = await publishNextRelease(platform, MAJOR);
    await offered(tenantId, 'prod', version);
    await offered(tenantId, 'test', version);

    // Offered, each scheduled automatically for its deadline day.
    const automatic = await eventuallyRow(
      tenantId,
      (row) => row.updateStatus === 'scheduled' && row.nextUpdate !== null,
    );
    expect(automatic).toMatchObject({ nextUpdate: { selected: false }, lastUpdateResult: null });

    const now = await systemNow(platform);
    const sandboxStarts = await schedule(tenantId, 'test', version, new Date(now.getTime() + HOUR));
    const productionStarts = await schedule(tenantId, 'prod', version, new Date(now.getTime() + 2 * HOUR));

    const scheduled = await eventuallyRow(tenantId, (row) => row.nextUpdate?.scheduledFor === sandboxStarts);
    expect(scheduled).toMatchObject({
      nextUpdate: { environmentName: 'test', targetVersion: version, selected: true },
      lastUpdateResult: null,
      updateStatus: 'scheduled',
    });
    expect(await foundBy('scheduled')).toContain(tenantId);
    expect(await foundBy('succeeded')).not.toContain(tenantId);

    // Canceling the sandbox's run leaves production's next; scheduling it again brings it back.
    const canceled = await partner.post(`${updatesPath(tenantId, 'test')}/${version}/cancel`);
    expect(canceled.status).toBe(200);
    await eventuallyRow(tenantId, (row) => row.nextUpdate?.scheduledFor === productionStarts);
    expect(await schedule(tenantId, 'test', version, new Date(sandboxStarts))).toBe(sandboxStarts);
    await eventuallyRow(tenantId, (row) => row.nextUpdate?.environmentName === 'test');

    // The sandbox's update runs: its result is the last one, production's is next.
    await moveClockTo(platform, new Date(Date.parse(sandboxStarts) + MINUTE));
    const halfway = await eventuallyRow(
      tenantId,
      (row) => row.lastUpdateResult?.environmentName === 'test' && row.nextUpdate?.environmentName === 'prod',
    );
    expect(halfway).toMatchObject({
      nextUpdate: { targetVersion: version, scheduledFor: productionStarts },
      lastUpdateResult: { targetVersion: version, result: 'succeeded', reason: null },
      updateStatus: 'scheduled',
    });

    // Production's runs: nothing is next any more, the customer is up to date.
    await moveClockTo(platform, new Date(Date.parse(productionStarts) + MINUTE));
    const done = await eventuallyRow(
      tenantId,
      (row) => row.lastUpdateResult?.environmentName === 'prod' && row.updateStatus === 'succeeded',
    );
    expect(done).toMatchObject({
      nextUpdate: null,
      lastUpdateResult: { targetVersion: version, result: 'succeeded', reason: null },
    });
    expect(Date.parse(done.lastUpdateResult!.at)).toBeGreaterThanOrEqual(Date.parse(productionStarts));
    expect(await foundBy('succeeded')).toContain(tenantId);
    expect(await foundBy('scheduled')).not.toContain(tenantId);
  });

  it('shows a failed update as the last result, naming why, and finds the customer by updateStatus=failed', async () => {
    const tenantId = await customer('Blocked Tools', [['prod', 'production']]);
    const installed = await partner.post(`/v1/tenants/${tenantId}/environments/prod/extensions`, {
      publisher: 'Contoso',
      name: 'Pinned Tax',
      version: '1.0.0.0',
      minVersion: OLD_VERSION,
      maxVersion: OLD_VERSION,
    });
    expect(installed.status).toBe(201);
    await eventually(
      () => partner.get<{ items?: unknown[] }>(`/v1/tenants/${tenantId}/environments/prod/extensions`),
      (answer) => answer.body.items?.length === 1,
    );
    const version = await publishNextRelease(platform, MAJOR);
    await offered(tenantId, 'prod', version);
    const starts = await schedule(
      tenantId,
      'prod',
      version,
      new Date((await systemNow(platform)).getTime() + HOUR),
    );
    await eventuallyRow(tenantId, (row) => row.nextUpdate?.scheduledFor === starts);

    await moveClockTo(platform, new Date(Date.parse(starts) + MINUTE));

    // The failed run is tried again seven days later: the next update, while the last result stays failed.
    const failed = await eventuallyRow(
      tenantId,
      (row) => row.updateStatus === 'failed' && row.nextUpdate?.scheduledFor !== starts,
    );
    expect(failed.lastUpdateResult).toMatchObject({
      environmentName: 'prod',
      targetVersion: version,
      result: 'failed',
      reason: expect.stringContaining('Pinned Tax'),
    });
    expect(failed.nextUpdate?.targetVersion).toBe(version);
    expect(Date.parse(failed.nextUpdate!.scheduledFor) - Date.parse(starts)).toBeGreaterThanOrEqual(
      7 * 24 * HOUR - MINUTE,
    );
    expect(await foundBy('failed')).toContain(tenantId);
  });
});
