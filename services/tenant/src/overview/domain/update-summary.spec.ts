import type { UpdateEventData } from '@pac/contracts';
import {
  applyUpdateEvent,
  summarizeUpdates,
  type OverviewUpdate,
  type OverviewUpdateEvent,
} from './update-summary';

/** An update.* payload of environment `prod` to 26.1, scheduled for the evening of 1 May. */
function payload(overrides: Partial<UpdateEventData> = {}): UpdateEventData {
  return {
    updateId: 'u-prod-26.1',
    operationId: 'op-1',
    tenantId: 't1',
    partnerId: 'p1',
    environmentName: 'prod',
    environmentType: 'production',
    currentVersion: '26.0',
    targetVersion: '26.1',
    updateType: 'minor',
    status: 'scheduled',
    latestSelectableDate: '2026-06-01',
    schedule: {
      scheduledFor: '2026-05-01T20:00:00.000Z',
      windowClosesAt: '2026-05-02T04:00:00.000Z',
      selected: true,
      ignoreUpdateWindow: false,
      timeZone: 'Europe/Paris',
    },
    occurredAt: '2026-04-20T10:00:00.000Z',
    ...overrides,
  };
}

/** Applies events in order, as the projection does, to one update. */
function replay(events: OverviewUpdateEvent[], from?: OverviewUpdate): OverviewUpdate | undefined {
  return events.reduce<OverviewUpdate | undefined>(
    (state, event) => applyUpdateEvent(state, event) ?? state,
    from,
  );
}

const scheduledProd = replay([{ type: 'update.scheduled', data: payload() }])!;
/** The same update, its run canceled by a partner a day later: offered, not scheduled. */
const canceledProd = replay(
  [
    {
      type: 'update.canceled',
      data: {
        ...payload({
          status: 'available',
          schedule: { ...payload().schedule, scheduledFor: null, windowClosesAt: null, selected: false },
          occurredAt: '2026-04-21T10:00:00.000Z',
        }),
        reason: 'canceled',
      },
    },
  ],
  scheduledProd,
)!;

describe('the update columns of the central view', () => {
  it('given no update, then nothing is next, nothing ended and the status is none', () => {
    expect(summarizeUpdates([])).toEqual({ nextUpdate: null, lastUpdateResult: null, updateStatus: 'none' });
  });

  it('given updates scheduled on two environments, then the next update is the earliest of them', () => {
    const sandbox = replay([
      {
        type: 'update.available',
        data: payload({
          updateId: 'u-uat-26.1',
          operationId: 'op-2',
          environmentName: 'uat',
          environmentType: 'sandbox',
          schedule: { ...payload().schedule, scheduledFor: '2026-04-25T20:00:00.000Z', selected: false },
        }),
      },
    ])!;

    expect(summarizeUpdates([scheduledProd, sandbox])).toEqual({
      nextUpdate: {
        environmentName: 'uat',
        environmentType: 'sandbox',
        targetVersion: '26.1',
        type: 'minor',
        scheduledFor: '2026-04-25T20:00:00.000Z',
        windowClosesAt: '2026-05-02T04:00:00.000Z',
        selected: false,
        updateId: 'u-uat-26.1',
        operationId: 'op-2',
      },
      lastUpdateResult: null,
      updateStatus: 'scheduled',
    });
  });

  it('given a scheduled update, when it is rescheduled, then the next update is at the new time', () => {
    const moved = replay(
      [
        {
          type: 'update.rescheduled',
          data: payload({
            schedule: { ...payload().schedule, scheduledFor: '2026-05-03T20:00:00.000Z' },
            occurredAt: '2026-04-21T10:00:00.000Z',
          }),
        },
      ],
      scheduledProd,
    )!;

    expect(summarizeUpdates([moved]).nextUpdate?.scheduledFor).toBe('2026-05-03T20:00:00.000Z');
  });

  it('given a scheduled update, when a partner cancels it, then nothing is next and it is available', () => {
    expect(summarizeUpdates([canceledProd])).toEqual({
      nextUpdate: null,
      lastUpdateResult: null,
      updateStatus: 'available',
    });
  });

  it('given a started update, then the customer is running, and after success the result is kept', () => {
    const started = replay(
      [
        {
          type: 'update.started',
          data: payload({ status: 'running', occurredAt: '2026-05-01T20:00:01.000Z' }),
        },
      ],
      scheduledProd,
    )!;
    expect(summarizeUpdates([started])).toMatchObject({ nextUpdate: null, updateStatus: 'running' });

    const succeeded = replay(
      [
        {
          type: 'update.succeeded',
          data: {
            ...payload({ status: 'succeeded', occurredAt: '2026-05-01T20:00:05.000Z' }),
            previousVersion: '26.0',
            completedAt: '2026-05-01T20:00:05.000Z',
          },
        },
      ],
      started,
    )!;
    expect(summarizeUpdates([succeeded])).toEqual({
      nextUpdate: null,
      lastUpdateResult: {
        environmentName: 'prod',
        environmentType: 'production',
        targetVersion: '26.1',
        type: 'minor',
        result: 'succeeded',
        at: '2026-05-01T20:00:05.000Z',
        reason: null,
        updateId: 'u-prod-26.1',
        operationId: 'op-1',
      },
      updateStatus: 'succeeded',
    });
  });

  it('given a failed update and another one scheduled, then the status says failed until a later one ends', () => {
    const failed = replay(
      [
        {
          type: 'update.failed',
          data: {
            ...payload({ status: 'failed', occurredAt: '2026-05-01T20:00:05.000Z' }),
            reason: '1 installed extension does not support 26.1: Contoso Tax',
            blockingExtensions: [],
            completedAt: '2026-05-01T20:00:05.000Z',
          },
        },
      ],
      scheduledProd,
    )!;
    const other = replay([
      {
        type: 'update.available',
        data: payload({
          updateId: 'u-prod-26.2',
          operationId: 'op-3',
          targetVersion: '26.2',
          schedule: { ...payload().schedule, scheduledFor: '2026-06-01T20:00:00.000Z', selected: false },
        }),
      },
    ])!;

    expect(summarizeUpdates([failed, other])).toMatchObject({
      nextUpdate: { targetVersion: '26.2' },
      lastUpdateResult: {
        targetVersion: '26.1',
        result: 'failed',
        reason: '1 installed extension does not support 26.1: Contoso Tax',
      },
      updateStatus: 'failed',
    });
  });

  it('given a missed window, then the result says missed and the update is next in the following window', () => {
    const missed = replay(
      [
        {
          type: 'update.missed',
          data: {
            ...payload({
              schedule: { ...payload().schedule, scheduledFor: '2026-05-02T20:00:00.000Z' },
              occurredAt: '2026-05-02T05:00:00.000Z',
            }),
            reason: 'window-passed',
            missedWindow: { opensAt: '2026-05-01T20:00:00.000Z', closesAt: '2026-05-02T04:00:00.000Z' },
          },
        },
      ],
      scheduledProd,
    )!;

    expect(summarizeUpdates([missed])).toMatchObject({
      nextUpdate: { scheduledFor: '2026-05-02T20:00:00.000Z' },
      lastUpdateResult: { result: 'missed', at: '2026-05-02T05:00:00.000Z', reason: 'window-passed' },
      updateStatus: 'missed',
    });
  });

  it('given a newer state, when an older event comes late, then it changes nothing', () => {
    expect(applyUpdateEvent(canceledProd, { type: 'update.scheduled', data: payload() })).toBeUndefined();
  });

  it('given the environment was purged, then its update is neither next nor a result', () => {
    const purged = replay(
      [
        {
          type: 'update.canceled',
          data: {
            ...payload({ status: 'available', occurredAt: '2026-04-22T10:00:00.000Z' }),
            reason: 'environment-purged',
          },
        },
      ],
      scheduledProd,
    )!;

    expect(summarizeUpdates([purged])).toEqual({
      nextUpdate: null,
      lastUpdateResult: null,
      updateStatus: 'none',
    });
  });

  it('given results on two environments, then the last result is the one that ended last', () => {
    const ended = (environmentName: string, at: string, result: 'update.succeeded' | 'update.failed') =>
      replay([
        result === 'update.succeeded'
          ? {
              type: result,
              data: {
                ...payload({
                  environmentName,
                  updateId: environmentName,
                  status: 'succeeded',
                  occurredAt: at,
                }),
                previousVersion: '26.0',
                completedAt: at,
              },
            }
          : {
              type: result,
              data: {
                ...payload({ environmentName, updateId: environmentName, status: 'failed', occurredAt: at }),
                reason: 'blocked',
                blockingExtensions: [],
                completedAt: at,
              },
            },
      ])!;

    expect(
      summarizeUpdates([
        ended('prod', '2026-05-01T20:00:00.000Z', 'update.failed'),
        ended('uat', '2026-05-02T20:00:00.000Z', 'update.succeeded'),
      ]),
    ).toMatchObject({
      lastUpdateResult: { environmentName: 'uat', result: 'succeeded' },
      updateStatus: 'succeeded',
    });
  });
});
