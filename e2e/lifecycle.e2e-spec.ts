import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { developmentDatabasePassword, ServiceProcess } from '@pac/launcher';
import { serviceDatabaseUrl } from '@pac/persistence';
import { eventually, gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';
import { Topics } from '@pac/contracts';
import { Client } from 'pg';
import { publishedEventsOf } from './support/tenant-topic';
import { updatesOf } from './support/updates';
import {
  environmentChanged,
  environmentSettled,
  grantProductionEnvironments,
  softDeleted,
} from './support/environments';

interface Update {
  targetVersion: string;
  type: string;
  available: boolean;
  selected: boolean;
  compatibility: { compatible: boolean; blockingExtensions: Array<{ name: string }> };
  scheduleDetails: {
    latestSelectableDate: string;
    selectedDateTime: string | null;
    ignoreUpdateWindow: boolean;
    status: string;
    requestedDateTime?: string | null;
    windowClosesAt?: string | null;
    automatic?: boolean;
  };
  updateId: string;
  operationId: string;
  failureReason?: string | null;
}

interface Window {
  preferredStartTime: string;
  preferredEndTime: string;
  timeZone: string;
  nextOpensAt: string;
  nextClosesAt: string;
}

interface Notification {
  type: string;
  title: string;
  body: string;
  environmentName: string | null;
  severity: string;
}

interface Operation {
  id: string;
  type: string;
  status: string;
  tenantId: string;
  environmentName: string | null;
  createdBy: string;
  completedAt: string | null;
  error: { message: string } | null;
  parameters: Record<string, unknown>;
}

interface Problem {
  status: number;
  code?: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Environments here run an old version no other suite uses, so the releases published here reach only them. */
const OLD_VERSION = '19.0';

/**
 * Lifecycle end to end, through the gateway, on real Kafka and Postgres, the clock moved forward instead of
 * waited for: a release reaches an environment, is scheduled, runs when the window opens and the environment
 * is on the new version (or not, when an extension blocks it); a missed window; two lifecycle instances.
 */
// Starting a service process and waiting on Kafka round trips on a loaded 2-core machine takes more than 5 s.
jest.setTimeout(90_000);

describe('lifecycle: releases, windows and updates that run', () => {
  let platform: GatewayClient;
  let partnerId: string;
  let partner: GatewayClient;
  let extraInstance: ServiceProcess | undefined;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Lifecycle Partners' });
    expect(created.status).toBe(201);
    partnerId = created.body.id;
    partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
  });

  afterAll(async () => {
    await extraInstance?.stop();
  });

  /** The system's time (the lifecycle service's clock). */
  const clockNow = async (): Promise<Date> => {
    const answer = await platform.post<{ services: Record<string, string> }>('/v1/dev/clock', {
      advanceMs: 0,
    });
    expect(answer.status).toBe(200);
    return new Date(answer.body.services['lifecycle']!);
  };

  /** Moves every service's clock (and the extra lifecycle instance's) to `instant`; answers once they ran. */
  const moveClockTo = async (instant: Date): Promise<void> => {
    const moves: Promise<{ status: number }>[] = [
      platform.post('/v1/dev/clock', { to: instant.toISOString() }),
    ];
    if (extraInstance) moves.push(moveInstanceClock(extraInstance, instant));
    for (const answer of await Promise.all(moves)) expect([200, 201]).toContain(answer.status);
  };

  const customerWithEnvironments = async (
    name: string,
    environments: string[],
  ): Promise<{ tenantId: string; environments: string[] }> => {
    const tenant = await partner.post<{ id: string }>('/v1/tenants', { name, countryCode: 'FR' });
    expect(tenant.status).toBe(201);
    if (environments.length > 1) {
      await grantProductionEnvironments(platform, tenant.body.id, environments.length - 1);
    }
    for (const environment of environments) {
      const accepted = await partner.post(`/v1/tenants/${tenant.body.id}/environments`, {
        name: environment,
        type: 'production',
        applicationVersion: OLD_VERSION,
      });
      expect(accepted.status).toBe(202);
    }
    for (const environment of environments) await environmentSettled(partner, tenant.body.id, environment);
    return { tenantId: tenant.body.id, environments };
  };

  /**
   * Publishes a new 19.x release, available now (or from `from`): its version is unique across runs of the
   * suite.
   */
  const publishRelease = async (type = 'minor', from?: Date): Promise<string> => {
    const availableFrom = (from ?? new Date((await clockNow()).getTime() - MINUTE)).toISOString();
    for (;;) {
      const version = `19.${1 + Math.floor(Math.random() * 9998)}`;
      const answer = await platform.post<{ version: string }>('/v1/releases', {
        version,
        type,
        availableFrom,
        latestSelectableDays: 365,
      });
      if (answer.status === 409) continue;
      expect(answer.status).toBe(201);
      return version;
    }
  };

  const updatesPath = (tenantId: string, environment: string) =>
    `/v1/tenants/${tenantId}/environments/${environment}/updates`;

  /**
   * A customer with one production environment `prod`, a new release offered to it, and that update chosen
   * for the coming opening of the environment's window (the PATCH's answer, checked 200).
   */
  const updateChosenAtOpening = async (customer: string) => {
    const { tenantId } = await customerWithEnvironments(customer, ['prod']);
    const version = await publishRelease();
    await eventuallyUpdate(tenantId, 'prod', version, () => true);
    const opening = await comingOpening(tenantId, 'prod');
    const scheduled = await partner.send<Update>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
      selectedDateTime: opening.toISOString(),
    });
    expect(scheduled.status).toBe(200);
    return { tenantId, version, opening, scheduled };
  };

  const updateTo = async (
    tenantId: string,
    environment: string,
    version: string,
  ): Promise<Update | undefined> =>
    (await updatesOf<Update>(partner, tenantId, environment))?.find((u) => u.targetVersion === version);

  const eventuallyUpdate = (
    tenantId: string,
    environment: string,
    version: string,
    until: (update: Update) => boolean,
  ): Promise<Update> =>
    eventually(
      () => updateTo(tenantId, environment, version),
      (update) => update !== undefined && until(update),
    ) as Promise<Update>;

  const inbox = (tenantId: string) =>
    partner.get<{ items: Notification[] }>(`/v1/notifications?tenantId=${tenantId}&limit=200`);

  const eventuallyNotified = (tenantId: string, type: string, version: string): Promise<Notification> =>
    eventually(
      () => inbox(tenantId),
      (answer) => answer.body.items.some((n) => n.type === type && n.title.includes(version)),
    ).then((answer) => answer.body.items.find((n) => n.type === type && n.title.includes(version))!);

  const environmentVersion = async (tenantId: string, environment: string): Promise<string> =>
    (await partner.get<{ applicationVersion: string }>(`/v1/tenants/${tenantId}/environments/${environment}`))
      .body.applicationVersion;

  const window = async (tenantId: string, environment: string): Promise<Window> =>
    (await partner.get<Window>(`/v1/tenants/${tenantId}/environments/${environment}/update-window`)).body;

  /** The next opening of the environment's window that is still to come (not the one open now, if any). */
  const comingOpening = async (tenantId: string, environment: string): Promise<Date> => {
    const opens = new Date((await window(tenantId, environment)).nextOpensAt);
    return opens > (await clockNow()) ? opens : new Date(opens.getTime() + 24 * HOUR);
  };

  const localDate = (instant: Date, timeZone: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      instant,
    );

  const localTime = (instant: Date, timeZone: string): string =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(instant);

  it('validates update windows: HH:mm, a real IANA zone, at least 6 hours, naming the field', async () => {
    const { tenantId } = await customerWithEnvironments('Windows SARL', ['prod']);
    const path = `/v1/tenants/${tenantId}/environments/prod/update-window`;
    const initial = await partner.get<Window>(path);
    expect(initial.body).toMatchObject({
      preferredStartTime: '20:00',
      preferredEndTime: '06:00',
      timeZone: 'Europe/Paris',
    });
    const short = await partner.send<Problem>('PUT', path, {
      preferredStartTime: '23:00',
      preferredEndTime: '04:30',
      timeZone: 'Europe/Paris',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([
      { field: 'preferredEndTime', message: expect.stringContaining('at least 6 hours') },
    ]);
    const zone = await partner.send<Problem>('PUT', path, {
      preferredStartTime: '22:00',
      preferredEndTime: '06:00',
      timeZone: 'Europe/Atlantis',
    });
    expect(zone.status).toBe(400);
    expect(zone.body.errors?.map((e) => e.field)).toEqual(['timeZone']);
    const badTime = await partner.send<Problem>('PUT', path, {
      preferredStartTime: '7:00',
      preferredEndTime: '13:00',
      timeZone: 'Europe/Paris',
    });
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors?.map((e) => e.field)).toEqual(['preferredStartTime']);

    const set = await partner.send<Window>('PUT', path, {
      preferredStartTime: '20:00',
      preferredEndTime: '02:00',
      timeZone: 'America/New_York',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ preferredStartTime: '20:00', preferredEndTime: '02:00' });
    const opensAt = new Date(set.body.nextOpensAt);
    expect(new Date(set.body.nextClosesAt).getTime() - opensAt.getTime()).toBeGreaterThanOrEqual(5 * HOUR);
    expect(localTime(opensAt, 'America/New_York')).toBe('20:00');
  });

  it('publishes a release, schedules it outside the window, runs it when the window opens: new version, inbox says so', async () => {
    const { tenantId } = await customerWithEnvironments('Fabrikam Lifecycle', ['prod']);
    const version = await publishRelease();

    const offered = await eventuallyUpdate(
      tenantId,
      'prod',
      version,
      (u) => u.scheduleDetails.status === 'scheduled',
    );
    expect(offered).toMatchObject({
      type: 'minor',
      available: true,
      selected: false,
      compatibility: { compatible: true, blockingExtensions: [] },
      scheduleDetails: { automatic: true, ignoreUpdateWindow: false },
    });
    await eventuallyNotified(tenantId, 'update.available', version);

    // Noon, local time, after the coming window: outside the 20:00–06:00 window, so it starts the next evening.
    const coming = await comingOpening(tenantId, 'prod');
    const outside = new Date(coming.getTime() + 14 * HOUR);
    const scheduled = await partner.send<Update>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
      selectedDateTime: outside.toISOString(),
    });
    expect(scheduled.status).toBe(200);
    const startsAt = new Date(scheduled.body.scheduleDetails.selectedDateTime!);
    expect(Math.abs(startsAt.getTime() - (coming.getTime() + 24 * HOUR))).toBeLessThanOrEqual(HOUR);
    expect(localTime(startsAt, 'Europe/Paris')).toBe('20:00');
    expect(scheduled.body).toMatchObject({
      selected: true,
      scheduleDetails: { status: 'scheduled', automatic: false },
    });
    await eventuallyNotified(tenantId, 'update.scheduled', version);

    await moveClockTo(new Date(startsAt.getTime() + MINUTE));

    await eventually(
      () => environmentVersion(tenantId, 'prod'),
      (current) => current === version,
    );
    const done = await eventuallyUpdate(
      tenantId,
      'prod',
      version,
      (u) => u.scheduleDetails.status === 'succeeded',
    );
    expect(done.available).toBe(false);
    const succeeded = await eventuallyNotified(tenantId, 'update.succeeded', version);
    expect(succeeded).toMatchObject({ environmentName: 'prod', severity: 'info' });
    expect(succeeded.body).toContain(`from ${OLD_VERSION} to ${version}`);

    const operations = await partner.get<{ items: Operation[] }>(`/v1/tenants/${tenantId}/operations`);
    expect(operations.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: done.operationId,
          type: 'update',
          status: 'succeeded',
          environmentName: 'prod',
          parameters: expect.objectContaining({ targetVersion: version }),
        }),
      ]),
    );
  });

  it('warns about an incompatible extension when the release comes, then fails naming it; the version stays; a new run seven days later', async () => {
    const { tenantId } = await customerWithEnvironments('Contoso Lifecycle', ['prod']);
    const installed = await partner.post(`/v1/tenants/${tenantId}/environments/prod/extensions`, {
      publisher: 'Contoso',
      name: 'Old Tax',
      version: '1.0.0.0',
      minVersion: OLD_VERSION,
      maxVersion: OLD_VERSION,
    });
    expect(installed.status).toBe(201);
    await eventually(
      () => partner.get<{ items: unknown[] }>(`/v1/tenants/${tenantId}/environments/prod/extensions`),
      (answer) => answer.body.items?.length === 1,
    );
    const version = await publishRelease();

    const offered = await eventuallyUpdate(tenantId, 'prod', version, () => true);
    expect(offered.compatibility).toEqual({
      compatible: false,
      blockingExtensions: [
        expect.objectContaining({ publisher: 'Contoso', name: 'Old Tax', maxVersion: OLD_VERSION }),
      ],
    });
    const warning = await eventuallyNotified(tenantId, 'update.compatibility-warning', version);
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning.body).toContain('Contoso Old Tax 1.0.0.0');

    // Now, outside the window on purpose.
    const at = new Date((await clockNow()).getTime() + HOUR);
    const scheduled = await partner.send<Update>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
      selectedDateTime: at.toISOString(),
      ignoreUpdateWindow: true,
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.scheduleDetails).toMatchObject({
      selectedDateTime: at.toISOString(),
      ignoreUpdateWindow: true,
    });

    await moveClockTo(new Date(at.getTime() + MINUTE));

    // The run fails; its update is scheduled again as a new run, seven days later inside the window.
    const retried = await eventuallyUpdate(
      tenantId,
      'prod',
      version,
      (u) => u.operationId !== scheduled.body.operationId && u.failureReason !== null,
    );
    expect(retried.failureReason).toContain('Old Tax');
    expect(retried.scheduleDetails).toMatchObject({ status: 'scheduled', ignoreUpdateWindow: false });
    const retryAt = new Date(retried.scheduleDetails.selectedDateTime!);
    expect(retryAt.getTime() - at.getTime()).toBeGreaterThanOrEqual(7 * 24 * HOUR - MINUTE);
    expect(retryAt.getTime() - at.getTime()).toBeLessThanOrEqual(8 * 24 * HOUR);
    expect(
      localTime(retryAt, 'Europe/Paris') >= '20:00' || localTime(retryAt, 'Europe/Paris') < '06:00',
    ).toBe(true);
    expect(await environmentVersion(tenantId, 'prod')).toBe(OLD_VERSION);
    const notice = await eventuallyNotified(tenantId, 'update.failed', version);
    expect(notice).toMatchObject({ severity: 'error' });
    expect(notice.body).toContain('Contoso Old Tax 1.0.0.0');
    expect(notice.body).toContain(`stays on ${OLD_VERSION}`);
    const rescheduled = await eventuallyNotified(tenantId, 'update.rescheduled', version);
    expect(rescheduled.body).toContain('tried again seven days later');
    const operation = (await partner.get<Operation>(`/v1/operations/${scheduled.body.operationId}`)).body;
    expect(operation).toMatchObject({ type: 'update', status: 'failed' });
    expect(operation.error?.message).toContain('Old Tax');
    const retryOperation = await eventually(
      () => partner.get<Operation>(`/v1/operations/${retried.operationId}`),
      (answer) => answer.status === 200,
    );
    expect(retryOperation.body).toMatchObject({ type: 'update', status: 'scheduled' });
  });

  it('moves an update that could not start in its window to the next window (update.missed), then runs it there', async () => {
    const { tenantId, version, scheduled } = await updateChosenAtOpening('Northwind Lifecycle');
    const closes = new Date(scheduled.body.scheduleDetails.windowClosesAt!);
    const firstStart = new Date(scheduled.body.scheduleDetails.selectedDateTime!);

    // The scheduler sees time only after the whole window has passed (as if it had been down through it).
    await moveClockTo(new Date(closes.getTime() + HOUR));

    const moved = await eventuallyUpdate(
      tenantId,
      'prod',
      version,
      (u) => u.scheduleDetails.selectedDateTime !== firstStart.toISOString(),
    );
    expect(moved.scheduleDetails.status).toBe('scheduled');
    const nextStart = new Date(moved.scheduleDetails.selectedDateTime!);
    expect(nextStart.getTime() - firstStart.getTime()).toBeGreaterThanOrEqual(23 * HOUR); // the next day's window
    expect(localTime(nextStart, 'Europe/Paris')).toBe('20:00');
    const missed = await eventuallyNotified(tenantId, 'update.missed', version);
    expect(missed.body).toContain('window passed');
    expect(await environmentVersion(tenantId, 'prod')).toBe(OLD_VERSION);

    await moveClockTo(new Date(nextStart.getTime() + MINUTE));
    await eventually(
      () => environmentVersion(tenantId, 'prod'),
      (current) => current === version,
    );
  });

  it('refuses what cannot be scheduled: a preview on production, a version not newer, past the latest selectable date', async () => {
    const { tenantId } = await customerWithEnvironments('Refusals Lifecycle', ['prod']);
    const preview = await publishRelease('preview');
    const previewAnswer = await partner.send<Problem>(
      'PATCH',
      `${updatesPath(tenantId, 'prod')}/${preview}`,
      {
        selected: true,
      },
    );
    expect(previewAnswer.status).toBe(409);
    expect(previewAnswer.body.detail).toContain('preview');

    const version = await publishRelease();
    await eventuallyUpdate(tenantId, 'prod', version, () => true);
    const tooLate = await partner.send<Problem>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
      selectedDateTime: new Date((await clockNow()).getTime() + 400 * 24 * HOUR).toISOString(),
    });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.detail).toContain('latest selectable date');
    const past = await partner.send<Problem>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
      selectedDateTime: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.errors?.map((e) => e.field)).toEqual(['selectedDateTime']);

    // The environment is moved to the version itself by running it; then it is not newer.
    const run = await partner.send<Update>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
      ignoreUpdateWindow: true,
    });
    expect(run.status).toBe(200);
    await moveClockTo(new Date((await clockNow()).getTime() + MINUTE));
    await eventually(
      () => environmentVersion(tenantId, 'prod'),
      (current) => current === version,
    );
    const again = await partner.send<Problem>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
    });
    expect(again.status).toBe(409);
  });

  it('cancels a chosen update run: its operation is canceled, the update goes back to its automatic run for the deadline day', async () => {
    const { tenantId, version, scheduled } = await updateChosenAtOpening('Cancel Lifecycle');
    const canceled = await partner.post<Update>(`${updatesPath(tenantId, 'prod')}/${version}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      available: true,
      selected: false,
      scheduleDetails: { status: 'scheduled', automatic: true },
    });
    // A new run, in the window of its latest selectable date, as every update nobody selected.
    expect(canceled.body.operationId).not.toBe(scheduled.body.operationId);
    const startsAt = new Date(canceled.body.scheduleDetails.selectedDateTime!);
    expect(localDate(startsAt, 'Europe/Paris')).toBe(canceled.body.scheduleDetails.latestSelectableDate);
    expect(localTime(startsAt, 'Europe/Paris')).toBe('20:00');
    await eventually(
      () => partner.get<Operation>(`/v1/operations/${scheduled.body.operationId}`),
      (answer) => answer.body.status === 'canceled',
    );
    const automatic = await eventually(
      () => partner.get<Operation>(`/v1/operations/${canceled.body.operationId}`),
      (answer) => answer.status === 200,
    );
    expect(automatic.body).toMatchObject({ type: 'update', status: 'scheduled', createdBy: 'system' });

    // The automatic run of a mandatory update can be moved, not dropped.
    const twice = await partner.post<Problem>(`${updatesPath(tenantId, 'prod')}/${version}/cancel`);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'update-mandatory' });
    expect(twice.body.detail).toContain('mandatory');
  });

  it('cancels a scheduled update through POST /v1/operations/{id}/cancel, as its updates resource does', async () => {
    const { tenantId, version, scheduled } = await updateChosenAtOpening('Operation Cancel Lifecycle');
    const operationId = scheduled.body.operationId;
    const cancelPath = `/v1/operations/${operationId}/cancel`;
    await eventually(
      () => partner.get<Operation>(`/v1/operations/${operationId}`),
      (answer) => answer.status === 200 && answer.body.status === 'scheduled',
    );

    const viewer = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:viewer'] });
    expect((await viewer.post<Problem>(cancelPath)).status).toBe(403);
    const other = await platform.post<{ id: string }>('/v1/partners', { name: 'Other Lifecycle Partners' });
    const stranger = await GatewayClient.as(gatewayUrl(), {
      partnerId: other.body.id,
      roles: ['partner:admin'],
    });
    expect((await stranger.post<Problem>(cancelPath)).status).toBe(404);
    expect((await updateTo(tenantId, 'prod', version))?.scheduleDetails.status).toBe('scheduled');

    const canceled = await partner.post<Operation>(cancelPath);
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      id: operationId,
      type: 'update',
      status: 'canceled',
      tenantId,
      environmentName: 'prod',
    });
    const recorded = await eventually(
      () => partner.get<Operation>(`/v1/operations/${operationId}`),
      (answer) => answer.body.status === 'canceled',
    );
    expect(recorded.body.completedAt).toBe(canceled.body.completedAt);
    const automatic = await updateTo(tenantId, 'prod', version);
    expect(automatic).toMatchObject({
      available: true,
      selected: false,
      scheduleDetails: { status: 'scheduled', automatic: true },
    });
    expect(automatic!.operationId).not.toBe(operationId);
    const events = await publishedEventsOf(
      tenantId,
      (types) => types.includes('update.rescheduled'),
      30_000,
      Topics.lifecycle,
    );
    expect(events.find((event) => event.type === 'update.canceled')?.data).toMatchObject({
      operationId,
      targetVersion: version,
      environmentName: 'prod',
      reason: 'canceled',
    });
    expect(events.find((event) => event.type === 'update.rescheduled')?.data).toMatchObject({
      operationId: automatic!.operationId,
      reason: 'run-canceled',
      schedule: { selected: false },
    });

    const twice = await partner.post<Problem>(cancelPath);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('operation-not-cancelable');
    // The automatic run that took its place: a mandatory update is moved, not dropped.
    await eventually(
      () => partner.get<Operation>(`/v1/operations/${automatic!.operationId}`),
      (answer) => answer.status === 200,
    );
    const mandatory = await partner.post<Problem>(`/v1/operations/${automatic!.operationId}/cancel`);
    expect(mandatory.status).toBe(409);
    expect(mandatory.body.code).toBe('operation-not-cancelable');
    expect(mandatory.body.detail).toContain('mandatory');
  });

  it('refuses to cancel an update’s operation once its run started, whatever the operation record says yet (409)', async () => {
    // At the window's opening, as the other runs here: the suite's clock stays at that time of day.
    const {
      tenantId,
      version,
      opening: at,
      scheduled,
    } = await updateChosenAtOpening('Started Cancel Lifecycle');
    const cancelPath = `/v1/operations/${scheduled.body.operationId}/cancel`;
    await eventually(
      () => partner.get<Operation>(`/v1/operations/${scheduled.body.operationId}`),
      (answer) => answer.status === 200,
    );

    // The lifecycle service started the run when the clock moved; the tenant service may not know it yet.
    await moveClockTo(new Date(at.getTime() + MINUTE));
    const started = await partner.post<Problem>(cancelPath);
    expect(started.status).toBe(409);
    expect(started.body.code).toBe('operation-not-cancelable');

    await eventuallyUpdate(tenantId, 'prod', version, (u) => u.scheduleDetails.status === 'succeeded');
    const ended = await partner.post<Problem>(cancelPath);
    expect(ended.status).toBe(409);
    expect(ended.body.code).toBe('operation-not-cancelable');
    expect(await environmentVersion(tenantId, 'prod')).toBe(version);
  });

  it('sets windows and schedules an update on many customers at once (bulk), one result per environment', async () => {
    const first = await customerWithEnvironments('Bulk One', ['prod']);
    const second = await customerWithEnvironments('Bulk Two', ['prod', 'prod2']);
    const windows = await partner.post<{
      results: Array<{ tenantId: string; environmentName?: string; status: string }>;
    }>('/v1/bulk/update-window', {
      tenantIds: [first.tenantId, second.tenantId, randomUUID()],
      preferredStartTime: '23:00',
      preferredEndTime: '05:00',
      timeZone: 'Europe/Berlin',
    });
    expect(windows.status).toBe(200);
    expect(windows.body.results).toEqual([
      { tenantId: first.tenantId, environmentName: 'prod', status: 'succeeded' },
      { tenantId: second.tenantId, environmentName: 'prod', status: 'succeeded' },
      { tenantId: second.tenantId, environmentName: 'prod2', status: 'succeeded' },
      { tenantId: expect.any(String), status: 'not-found' },
    ]);
    expect((await window(second.tenantId, 'prod2')).timeZone).toBe('Europe/Berlin');

    const version = await publishRelease();
    await eventuallyUpdate(second.tenantId, 'prod2', version, () => true);
    await eventuallyUpdate(first.tenantId, 'prod', version, () => true);
    const schedule = await partner.post<{ results: Array<{ environmentName?: string; status: string }> }>(
      '/v1/bulk/schedule-update',
      {
        tenantIds: [first.tenantId, second.tenantId],
        targetVersion: version,
        selectedDateTime: new Date((await clockNow()).getTime() + 48 * HOUR).toISOString(),
      },
    );
    expect(schedule.status).toBe(200);
    expect(schedule.body.results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const update = await updateTo(second.tenantId, 'prod2', version);
    expect(update).toMatchObject({ selected: true, scheduleDetails: { status: 'scheduled' } });
    expect(localTime(new Date(update!.scheduleDetails.selectedDateTime!), 'Europe/Berlin')).toBe('23:00');
  });

  it('bulk schedule-update: the lifecycle service decides which environments a version is for, and says why it skips the others', async () => {
    const tenantId = (
      await partner.post<{ id: string }>('/v1/tenants', { name: 'Bulk Skips', countryCode: 'FR' })
    ).body.id;
    const environments = [
      { name: 'ahead', type: 'production', applicationVersion: '19.9999' },
      { name: 'prod', type: 'production', applicationVersion: OLD_VERSION },
      { name: 'sand', type: 'sandbox', applicationVersion: OLD_VERSION },
    ];
    await grantProductionEnvironments(platform, tenantId, 1);
    for (const environment of environments) {
      expect((await partner.post(`/v1/tenants/${tenantId}/environments`, environment)).status).toBe(202);
    }
    for (const { name } of environments) await environmentSettled(partner, tenantId, name);

    const preview = await publishRelease('preview');
    await eventuallyUpdate(tenantId, 'sand', preview, () => true);
    const previewAnswer = await partner.post<{ results: unknown[] }>('/v1/bulk/schedule-update', {
      tenantIds: [tenantId],
      targetVersion: preview,
    });
    expect(previewAnswer.status).toBe(200);
    expect(previewAnswer.body.results).toEqual([
      { tenantId, environmentName: 'ahead', status: 'skipped', code: 'preview-on-production' },
      { tenantId, environmentName: 'prod', status: 'skipped', code: 'preview-on-production' },
      { tenantId, environmentName: 'sand', status: 'succeeded' },
    ]);

    const minor = await publishRelease();
    await eventuallyUpdate(tenantId, 'prod', minor, () => true);
    const minorAnswer = await partner.post<{ results: unknown[] }>('/v1/bulk/schedule-update', {
      tenantIds: [tenantId],
      targetVersion: minor,
      environmentType: 'production',
    });
    expect(minorAnswer.body.results).toEqual([
      { tenantId, environmentName: 'ahead', status: 'skipped', code: 'version-not-newer' },
      { tenantId, environmentName: 'prod', status: 'succeeded' },
    ]);
    expect(await updateTo(tenantId, 'prod', minor)).toMatchObject({ selected: true });
  });

  it('bulk update-window with an Idempotency-Key: one key per tenant covers all its environments, and a retry answers the same', async () => {
    const { tenantId } = await customerWithEnvironments('Bulk Keyed', ['prod', 'prod2']);
    const body = {
      tenantIds: [tenantId],
      preferredStartTime: '01:00',
      preferredEndTime: '07:00',
      timeZone: 'Europe/Paris',
    };
    const key = randomUUID();
    const first = await partner.post<{ results: unknown[] }>('/v1/bulk/update-window', body, {
      'idempotency-key': key,
    });
    expect(first.body.results).toEqual([
      { tenantId, environmentName: 'prod', status: 'succeeded' },
      { tenantId, environmentName: 'prod2', status: 'succeeded' },
    ]);
    const retried = await partner.post<{ results: unknown[] }>('/v1/bulk/update-window', body, {
      'idempotency-key': key,
    });
    expect(retried.status).toBe(200);
    expect(retried.body.results).toEqual(first.body.results);
    expect((await window(tenantId, 'prod2')).preferredStartTime).toBe('01:00');
  });

  it('offers a release only once its availableFrom has come: nothing before, update.available after', async () => {
    const { tenantId } = await customerWithEnvironments('Future Release Lifecycle', ['prod']);
    const availableFrom = new Date((await clockNow()).getTime() + 2 * HOUR);
    const version = await publishRelease('minor', availableFrom);

    // The release job runs on each clock move: a minute before availableFrom, it has nothing to offer.
    await moveClockTo(new Date(availableFrom.getTime() - MINUTE));
    expect(await updateTo(tenantId, 'prod', version)).toBeUndefined();
    expect(await lifecycleEvents([tenantId], 'update.available', version)).toEqual([]);
    const early = await partner.send<Problem>('PATCH', `${updatesPath(tenantId, 'prod')}/${version}`, {
      selected: true,
    });
    expect(early.status).toBe(404);

    await moveClockTo(new Date(availableFrom.getTime() + MINUTE));
    const offered = await eventuallyUpdate(tenantId, 'prod', version, () => true);
    expect(offered).toMatchObject({
      available: true,
      selected: false,
      scheduleDetails: { status: 'scheduled', automatic: true },
    });
    await eventuallyNotified(tenantId, 'update.available', version);
    expect(await lifecycleEvents([tenantId], 'update.available', version)).toHaveLength(1);
  });

  it('pages the updates of an environment, oldest version first (?limit=, ?cursor=), naming a bad value', async () => {
    const { tenantId } = await customerWithEnvironments('Paging Lifecycle', ['prod']);
    const published = [await publishRelease(), await publishRelease(), await publishRelease()];
    for (const version of published) await eventuallyUpdate(tenantId, 'prod', version, () => true);
    const path = updatesPath(tenantId, 'prod');

    const all = (await updatesOf<Update>(partner, tenantId, 'prod'))!.map((u) => u.targetVersion);
    expect(all).toEqual(expect.arrayContaining(published));
    // Releases of other suites' (newer) major versions reach this 19.0 environment too: compared as versions.
    const versionKey = (version: string) =>
      Number(version.split('.')[0]) * 10_000 + Number(version.split('.')[1]);
    expect(all.map(versionKey)).toEqual([...all.map(versionKey)].sort((a, b) => a - b));
    expect(new Set(all).size).toBe(all.length);

    const firstPage = await partner.get<{ items: Update[]; nextCursor: string | null }>(path);
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.items.map((u) => u.targetVersion)).toEqual(all.slice(0, 50));
    expect(firstPage.body.nextCursor === null).toBe(all.length <= 50);

    const paged: string[] = [];
    let pages = 0;
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await partner.get<{ items: Update[]; nextCursor: string | null }>(
        `${path}?limit=2${query}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((u) => u.targetVersion));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('["19.1"]').toString('base64url')}`, 'cursor'],
    ] as const) {
      const refused = await partner.get<Problem>(`${path}?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([{ field, message: expect.any(String) }]);
    }
  });

  it('tries a busy environment again in the window, then moves the update to the next window (update.missed, environment-busy)', async () => {
    const { tenantId, version, scheduled } = await updateChosenAtOpening('Busy Lifecycle');
    const firstStart = new Date(scheduled.body.scheduleDetails.selectedDateTime!);
    const closes = new Date(scheduled.body.scheduleDetails.windowClosesAt!);

    // The tenant service starts no update on an environment that is not settled: it answers not-started.
    // (a soft delete renames it <name>-yyMMddHHmmssff, and its updates follow the name)
    const deletedName = await softDeleted(partner, tenantId, 'prod');

    // The window opens: the run starts, is refused, and is tried again later in the same window.
    const attempt = new Date(firstStart.getTime() + MINUTE);
    await moveClockTo(attempt);
    const retried = await eventuallyUpdate(
      tenantId,
      deletedName,
      version,
      (u) =>
        u.scheduleDetails.status === 'scheduled' &&
        u.scheduleDetails.selectedDateTime !== firstStart.toISOString(),
    );
    const retryAt = new Date(retried.scheduleDetails.selectedDateTime!);
    expect(retryAt.getTime() - attempt.getTime()).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(retryAt.getTime() - attempt.getTime()).toBeLessThan(20 * MINUTE);
    expect(retried.scheduleDetails.windowClosesAt).toBe(closes.toISOString());
    const busy = await eventually(
      () => lifecycleEvents([tenantId], 'update.rescheduled', version),
      (events) => events.some((e) => e['reason'] === 'environment-busy'),
    );
    expect(busy.find((e) => e['reason'] === 'environment-busy')).toMatchObject({
      previousScheduledFor: firstStart.toISOString(),
      schedule: expect.objectContaining({ scheduledFor: retryAt.toISOString() }),
    });
    expect(await lifecycleEvents([tenantId], 'update.missed', version)).toEqual([]);

    // Five minutes before the window closes, still busy: no time for another try, the next window it is.
    await moveClockTo(new Date(closes.getTime() - 5 * MINUTE));
    const moved = await eventuallyUpdate(
      tenantId,
      deletedName,
      version,
      (u) => new Date(u.scheduleDetails.selectedDateTime!) > closes,
    );
    expect(moved.scheduleDetails.status).toBe('scheduled');
    const nextStart = new Date(moved.scheduleDetails.selectedDateTime!);
    expect(nextStart.getTime() - firstStart.getTime()).toBeGreaterThanOrEqual(23 * HOUR);
    expect(nextStart.getTime() - firstStart.getTime()).toBeLessThanOrEqual(25 * HOUR);
    expect(localTime(nextStart, 'Europe/Paris')).toBe('20:00');
    const [missed, ...more] = await eventually(
      () => lifecycleEvents([tenantId], 'update.missed', version),
      (events) => events.length > 0,
    );
    expect(more).toEqual([]);
    expect(missed).toMatchObject({
      reason: 'environment-busy',
      missedWindow: { opensAt: firstStart.toISOString(), closesAt: closes.toISOString() },
      schedule: expect.objectContaining({ scheduledFor: nextStart.toISOString() }),
    });
    const notice = await eventuallyNotified(tenantId, 'update.missed', version);
    expect(notice.body).toContain('busy');
    expect(await startedEvents([tenantId], version)).toHaveLength(2);

    // Recovered, the environment takes the update in the next window.
    await environmentChanged(partner, 'POST', `/v1/tenants/${tenantId}/environments/${deletedName}/recover`);
    await moveClockTo(new Date(nextStart.getTime() + MINUTE));
    await eventually(
      () => environmentVersion(tenantId, 'prod'),
      (current) => current === version,
    );
  });

  it('keeps one selected version per environment: selecting another puts the first back on its automatic time', async () => {
    const { tenantId } = await customerWithEnvironments('Selection Lifecycle', ['prod']);
    const first = await publishRelease();
    const second = await publishRelease();
    const automatic = await eventuallyUpdate(tenantId, 'prod', first, () => true);
    await eventuallyUpdate(tenantId, 'prod', second, () => true);
    const opening = await comingOpening(tenantId, 'prod');

    const selectFirst = await partner.send<Update>('PATCH', `${updatesPath(tenantId, 'prod')}/${first}`, {
      selected: true,
      selectedDateTime: opening.toISOString(),
    });
    expect(selectFirst.status).toBe(200);
    expect(selectFirst.body.scheduleDetails.selectedDateTime).toBe(opening.toISOString());
    const selectSecond = await partner.send<Update>('PATCH', `${updatesPath(tenantId, 'prod')}/${second}`, {
      selected: true,
      selectedDateTime: new Date(opening.getTime() + 24 * HOUR).toISOString(),
    });
    expect(selectSecond.status).toBe(200);

    const updates = (await updatesOf<Update>(partner, tenantId, 'prod'))!;
    expect(updates.filter((u) => u.selected).map((u) => u.targetVersion)).toEqual([second]);
    expect(updates.find((u) => u.targetVersion === first)).toMatchObject({
      selected: false,
      scheduleDetails: {
        status: 'scheduled',
        automatic: true,
        requestedDateTime: null,
        selectedDateTime: automatic.scheduleDetails.selectedDateTime,
      },
    });
    const [unselected, ...more] = await eventually(
      () => lifecycleEvents([tenantId], 'update.rescheduled', first),
      (events) => events.length > 0,
    );
    expect(more).toEqual([]);
    expect(unselected).toMatchObject({
      reason: 'selection-changed',
      previousScheduledFor: opening.toISOString(),
      schedule: expect.objectContaining({
        selected: false,
        scheduledFor: automatic.scheduleDetails.selectedDateTime,
      }),
    });
  });

  it('moves the scheduled updates when the update window changes (update.rescheduled, update-window-changed), and runs them there', async () => {
    const { tenantId, version, opening } = await updateChosenAtOpening('Window Move Lifecycle');

    const changed = await partner.send<Window>(
      'PUT',
      `/v1/tenants/${tenantId}/environments/prod/update-window`,
      {
        preferredStartTime: '01:00',
        preferredEndTime: '07:00',
        timeZone: 'Europe/Paris',
      },
    );
    expect(changed.status).toBe(200);
    const moved = (await updateTo(tenantId, 'prod', version))!;
    const startsAt = new Date(moved.scheduleDetails.selectedDateTime!);
    expect(localTime(startsAt, 'Europe/Paris')).toBe('01:00');
    expect(localTime(new Date(moved.scheduleDetails.windowClosesAt!), 'Europe/Paris')).toBe('07:00');
    expect(startsAt > opening).toBe(true);
    expect(startsAt.getTime() - opening.getTime()).toBeLessThan(24 * HOUR);
    expect(moved).toMatchObject({ selected: true, scheduleDetails: { status: 'scheduled' } });
    const [rescheduled, ...more] = await eventually(
      () => lifecycleEvents([tenantId], 'update.rescheduled', version),
      (events) => events.length > 0,
    );
    expect(more).toEqual([]);
    expect(rescheduled).toMatchObject({
      reason: 'update-window-changed',
      previousScheduledFor: opening.toISOString(),
      schedule: expect.objectContaining({ scheduledFor: startsAt.toISOString() }),
    });

    // The old time comes and goes without a start; the new one starts it.
    await moveClockTo(new Date(opening.getTime() + MINUTE));
    expect((await updateTo(tenantId, 'prod', version))?.scheduleDetails.status).toBe('scheduled');
    expect(await startedEvents([tenantId], version)).toEqual([]);
    await moveClockTo(new Date(startsAt.getTime() + MINUTE));
    await eventually(
      () => environmentVersion(tenantId, 'prod'),
      (current) => current === version,
    );
  });

  it('starts each update exactly once with two lifecycle instances running together', async () => {
    extraInstance = await startSecondLifecycleInstance();
    await moveInstanceClock(extraInstance, await clockNow());

    const customers = [
      await customerWithEnvironments('Twin A', ['prod1', 'prod2', 'prod3']),
      await customerWithEnvironments('Twin B', ['prod1', 'prod2', 'prod3']),
      await customerWithEnvironments('Twin C', ['prod1', 'prod2', 'prod3']),
    ];
    const version = await publishRelease();
    const startsAt = await comingOpening(customers[0]!.tenantId, 'prod1');
    for (const { tenantId, environments } of customers) {
      for (const environment of environments) {
        await eventuallyUpdate(tenantId, environment, version, () => true);
        const scheduled = await partner.send<Update>(
          'PATCH',
          `${updatesPath(tenantId, environment)}/${version}`,
          {
            selected: true,
            selectedDateTime: startsAt.toISOString(),
          },
        );
        expect(scheduled.status).toBe(200);
        expect(scheduled.body.scheduleDetails.selectedDateTime).toBe(startsAt.toISOString());
      }
    }

    // Both instances' schedulers see the window open at the same moment.
    await moveClockTo(new Date(startsAt.getTime() + MINUTE));
    for (const { tenantId, environments } of customers) {
      for (const environment of environments) {
        await eventuallyUpdate(
          tenantId,
          environment,
          version,
          (u) => u.scheduleDetails.status === 'succeeded',
        );
      }
    }
    const tenantIds = customers.map((c) => c.tenantId);
    const started = await startedEvents(tenantIds, version);
    expect(started).toHaveLength(9);
    expect(new Set(started).size).toBe(9);
    for (const tenantId of tenantIds) {
      const operations = (await partner.get<{ items: Operation[] }>(`/v1/tenants/${tenantId}/operations`))
        .body.items;
      const updates = operations.filter(
        (o) => o.type === 'update' && o.parameters['targetVersion'] === version,
      );
      expect(updates.map((o) => o.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    }
  });
});

/** A second lifecycle process beside the test system's, on the same schema and topics. */
async function startSecondLifecycleInstance(): Promise<ServiceProcess> {
  const adminUrl = requiredEnv('DATABASE_URL');
  const port = Number(new URL(requiredEnv('LIFECYCLE_URL')).port) + 20;
  const instance = ServiceProcess.start({
    name: 'lifecycle',
    port,
    distDir: path.resolve(__dirname, '..', 'dist'),
    logTo: { folder: process.env['TEST_LOG_DIR'] ?? path.resolve(__dirname, '..', '.stack-test', 'logs') },
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: serviceDatabaseUrl(adminUrl, 'lifecycle', developmentDatabasePassword('lifecycle')),
    },
  });
  await instance.waitUntilReady();
  return instance;
}

async function moveInstanceClock(instance: ServiceProcess, to: Date): Promise<{ status: number }> {
  const answer = await fetch(`${instance.url}/internal/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: to.toISOString() }),
  });
  await answer.text();
  return { status: answer.status };
}

/** The update.started events the lifecycle service wrote for these tenants and version: one per update run. */
async function startedEvents(tenantIds: string[], version: string): Promise<string[]> {
  return (await lifecycleEvents(tenantIds, 'update.started', version)).map((event) =>
    String(event['updateId']),
  );
}

/** The payloads of the events of one type the lifecycle service wrote for these tenants and version, in order. */
async function lifecycleEvents(
  tenantIds: string[],
  type: string,
  version: string,
): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: requiredEnv('DATABASE_URL') });
  await client.connect();
  try {
    const { rows } = await client.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM lifecycle.outbox
        WHERE type = $1 AND message_key = ANY($2) AND payload->>'targetVersion' = $3
        ORDER BY id`,
      [type, tenantIds, version],
    );
    return rows.map((row) => row.payload);
  } finally {
    await client.end();
  }
}
