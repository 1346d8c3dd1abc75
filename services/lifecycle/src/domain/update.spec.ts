import { UPDATE_STATUSES, type UpdateStatus } from '@pac/contracts';
import { accept, DecisionSpecification } from '@pac/domain';
import type { Environment } from './environment';
import {
  canMove,
  decideCancel,
  decideSchedule,
  endRun,
  isAutomaticRun,
  moveMissedRun,
  moveWithWindow,
  offerUpdate,
  recheckCompatibility,
  skipPending,
  startRun,
  yieldSelection,
  type RunResult,
  type Update,
} from './update';
import { automaticRun, type ReleaseTerms } from './update-schedule';
import type { UpdateWindow } from './update-window';

const at = (iso: string) => new Date(iso);
const parisNights: UpdateWindow = {
  preferredStartTime: '22:00',
  preferredEndTime: '06:00',
  timeZone: 'Europe/Paris',
};
const release: ReleaseTerms = {
  version: '26.1',
  type: 'minor',
  availableFrom: at('2026-04-01T08:00:00Z'),
  latestSelectableDays: 30,
};
const oldTax = {
  extensionId: '8a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  publisher: 'Contoso',
  name: 'Tax',
  version: '2.1',
  minVersion: '24.0',
  maxVersion: '25.9',
};
const production: Environment = {
  tenantId: 't1',
  name: 'production',
  partnerId: 'p1',
  type: 'production',
  status: 'active',
  applicationVersion: '25.4',
  extensions: [],
  window: parisNights,
};
const offeredAt = at('2026-04-01T08:00:00Z');
const now = at('2026-04-02T09:00:00Z'); // 11:00 in Paris
const automatic = automaticRun(release, parisNights, offeredAt); // May 1st, 22:00 in Paris

/** The update as the release left it: scheduled automatically for the window of its deadline day. */
const offered: Update = {
  id: 'u1',
  tenantId: 't1',
  environmentName: 'production',
  partnerId: 'p1',
  targetVersion: '26.1',
  status: 'scheduled',
  operationId: 'op-1',
  selected: false,
  selectedDateTime: null,
  ignoreUpdateWindow: false,
  scheduledFor: automatic.scheduledFor,
  windowClosesAt: automatic.windowClosesAt,
  blockingExtensions: [],
  failureReason: null,
  availableAt: offeredAt,
  startedAt: null,
  completedAt: null,
  updatedAt: offeredAt,
};
const chosen: Update = {
  ...offered,
  selected: true,
  scheduledFor: at('2026-04-10T20:00:00Z'),
  windowClosesAt: at('2026-04-11T04:00:00Z'),
};
const running: Update = { ...chosen, status: 'running', startedAt: chosen.scheduledFor };

const schedule = DecisionSpecification.for(
  (update: Update, request: { selected: boolean; selectedDateTime?: Date; ignoreUpdateWindow?: boolean }) =>
    decideSchedule(
      update,
      { ignoreUpdateWindow: false, ...request },
      { release, environment: production, scheduledBy: 'user-1', newOperationId: 'op-2' },
      now,
    ),
);
const cancel = DecisionSpecification.for((given: { update: Update; release: ReleaseTerms }, by: string) =>
  decideCancel(given.update, given.release, parisNights, { canceledBy: by, newOperationId: 'op-2' }, now),
);
const runContext = { release, window: parisNights, newOperationId: 'op-2' };
/** The end of a run, given the update, when the tenant service's answer comes at `at`. */
const runEnds = DecisionSpecification.for((update: Update, end: { result: RunResult; at: Date }) =>
  accept(endRun(update, end.result, runContext, end.at)),
);
const windowChange = DecisionSpecification.for((update: Update, window: UpdateWindow) =>
  moveWithWindow(update, release, window, now),
);
const offer = DecisionSpecification.for((environment: Environment, terms: ReleaseTerms) =>
  offerUpdate({ updateId: 'u1', operationId: 'op-1' }, terms, environment, automatic, offeredAt),
);

describe('the update state machine', () => {
  it('moves as drawn, and succeeded and skipped are final', () => {
    const next = (from: UpdateStatus) => UPDATE_STATUSES.filter((to) => canMove(from, to));
    expect(next('available')).toEqual(['scheduled', 'skipped']);
    expect(next('scheduled')).toEqual(['available', 'scheduled', 'running', 'skipped']);
    expect(next('running')).toEqual(['scheduled', 'succeeded', 'failed']);
    expect(next('failed')).toEqual(['scheduled']);
    expect(next('succeeded')).toEqual([]);
    expect(next('skipped')).toEqual([]);
  });
});

describe('offering a release', () => {
  it('given an environment on an older version, then the update is scheduled automatically and announced', () => {
    offer
      .given(production)
      .when(release)
      .then({ update: offered, announce: [{ type: 'update.available', blockingExtensions: [] }] });
  });

  it('given an extension that does not support the version, then the pre-check warns at once', () => {
    offer
      .given({ ...production, extensions: [oldTax] })
      .when(release)
      .then(({ update, announce }) => {
        expect(update.blockingExtensions).toEqual([oldTax]);
        expect(announce.map((a) => a.type)).toEqual(['update.available', 'update.compatibility-warning']);
      });
  });

  it('given a production environment or one already on the version, then it is not for it', () => {
    offer
      .given(production)
      .when({ ...release, type: 'preview' })
      .thenRefused('preview-on-production');
    offer
      .given({ ...production, applicationVersion: '26.1' })
      .when(release)
      .thenRefused('version-not-newer');
  });
});

describe('scheduling an update (PATCH)', () => {
  it('given the automatic run, when a partner selects a time, then it runs then, same run, announced scheduled', () => {
    schedule
      .given(offered)
      .when({ selected: true, selectedDateTime: at('2026-04-10T10:00:00Z') })
      .then({
        update: {
          ...chosen,
          selectedDateTime: at('2026-04-10T10:00:00Z'),
          updatedAt: now,
        },
        announce: [{ type: 'update.scheduled', scheduledBy: 'user-1' }],
      });
  });

  it('given a chosen run, when the partner picks another time, then it is rescheduled from the previous one', () => {
    schedule
      .given(chosen)
      .when({ selected: true })
      .then(({ update, announce }) => {
        expect(update.scheduledFor).toEqual(at('2026-04-02T20:00:00Z'));
        expect(announce).toEqual([
          { type: 'update.rescheduled', reason: 'partner', previousScheduledFor: chosen.scheduledFor },
        ]);
      });
  });

  it('given a failed run, when it is scheduled again, then it is a new run (a new operation)', () => {
    schedule
      .given({ ...running, status: 'failed', failureReason: 'blocked', completedAt: now })
      .when({ selected: true })
      .then(({ update }) =>
        expect(update).toMatchObject({
          status: 'scheduled',
          operationId: 'op-2',
          failureReason: null,
          completedAt: null,
        }),
      );
  });

  it('given a chosen run, when it is unselected, then it goes back to its automatic run', () => {
    schedule
      .given(chosen)
      .when({ selected: false })
      .then({
        update: { ...offered, updatedAt: now },
        announce: [
          { type: 'update.rescheduled', reason: 'partner', previousScheduledFor: chosen.scheduledFor },
        ],
      });
    schedule.given(offered).when({ selected: false }).then({ update: offered, announce: [] });
  });

  it('given a running update or one the environment is past, then it cannot change (409)', () => {
    schedule.given(running).when({ selected: true }).thenRefused('update-running');
    schedule
      .given({ ...running, status: 'succeeded' })
      .when({ selected: true })
      .thenRefused('update-done');
    schedule
      .given({ ...offered, status: 'skipped' })
      .when({ selected: false })
      .thenRefused('update-done');
  });

  it('given a time past the deadline or in the past, then the time rules refuse it', () => {
    schedule
      .given(offered)
      .when({ selected: true, selectedDateTime: at('2026-05-03T10:00:00Z') })
      .thenRefused('past-latest-selectable-date');
    schedule
      .given(offered)
      .when({ selected: true, selectedDateTime: at('2026-03-01T10:00:00Z') })
      .thenRefused('selected-time-in-past', ['selectedDateTime']);
  });

  it('given another version selected, then that one goes back to its automatic run, unless it is running', () => {
    const change = yieldSelection(chosen, release, parisNights, now)!;
    expect(change.update).toEqual({ ...offered, updatedAt: now });
    expect(change.announce).toEqual([
      { type: 'update.rescheduled', reason: 'selection-changed', previousScheduledFor: chosen.scheduledFor },
    ]);
    expect(yieldSelection(running, release, parisNights, now)).toBeUndefined();
    expect(yieldSelection(offered, release, parisNights, now)).toBeUndefined();
    expect(isAutomaticRun(offered)).toBe(true);
    expect(isAutomaticRun(chosen)).toBe(false);
  });
});

describe('canceling a run', () => {
  it('given a chosen run, when it is canceled, then it is over and a new automatic run replaces it', () => {
    cancel
      .given({ update: chosen, release })
      .when('user-1')
      .then({
        update: {
          ...offered,
          operationId: 'op-2',
          scheduledFor: automaticRun(release, parisNights, now).scheduledFor,
          updatedAt: now,
        },
        announce: [
          {
            type: 'update.canceled',
            reason: 'canceled',
            canceledBy: 'user-1',
            as: { ...chosen, status: 'available', scheduledFor: null, windowClosesAt: null },
          },
          { type: 'update.rescheduled', reason: 'run-canceled', previousScheduledFor: chosen.scheduledFor },
        ],
      });
  });

  it('given the automatic run of a mandatory update, then it is refused; a preview is held, available', () => {
    cancel.given({ update: offered, release }).when('user-1').thenRefused('update-mandatory');
    cancel
      .given({ update: offered, release: { ...release, type: 'preview' } })
      .when('user-1')
      .then(({ update, announce }) => {
        expect(update).toMatchObject({ status: 'available', scheduledFor: null, operationId: 'op-1' });
        expect(announce.map((a) => a.type)).toEqual(['update.canceled']);
      });
  });

  it('given a run that is not scheduled, then it cannot be canceled', () => {
    cancel.given({ update: running, release }).when('user-1').thenRefused('update-not-scheduled');
  });
});

describe('running an update', () => {
  const busy: RunResult = {
    operationId: 'op-1',
    outcome: 'not-started',
    previousVersion: '25.4',
    blockingExtensions: [],
  };

  it('given a due run, then it starts; given its window passed unstarted, then it moves to the next window', () => {
    expect(startRun(chosen, chosen.scheduledFor!)).toEqual({
      update: { ...running, updatedAt: chosen.scheduledFor },
      announce: [{ type: 'update.started' }],
    });
    const missed = moveMissedRun(chosen, parisNights, at('2026-04-11T08:00:00Z'));
    expect(missed.update.scheduledFor).toEqual(at('2026-04-11T20:00:00Z'));
    expect(missed.announce).toEqual([
      {
        type: 'update.missed',
        reason: 'window-passed',
        missedWindow: { opensAt: chosen.scheduledFor, closesAt: chosen.windowClosesAt },
      },
    ]);
  });

  it('given the environment busy early in the window, then it is tried again 15 minutes later', () => {
    const change = endRun(running, busy, runContext, at('2026-04-10T20:00:00Z'))!;
    expect(change.update).toMatchObject({
      status: 'scheduled',
      startedAt: null,
      scheduledFor: at('2026-04-10T20:15:00Z'),
    });
    expect(change.announce).toMatchObject([{ type: 'update.rescheduled', reason: 'environment-busy' }]);
  });

  it('given the environment still busy at the end of the window, then it is missed: next window', () => {
    const change = endRun(running, busy, runContext, at('2026-04-11T03:50:00Z'))!;
    expect(change.update.scheduledFor).toEqual(at('2026-04-11T20:00:00Z'));
    expect(change.announce).toMatchObject([{ type: 'update.missed', reason: 'environment-busy' }]);
  });

  it('given extensions that block it, when the run ends, then its operation fails naming them and a new run is scheduled seven days later in the window', () => {
    // The run chosen for April 10th, 22:00 in Paris, fails at 22:05.
    const failedAt = at('2026-04-10T20:05:00Z');
    runEnds
      .given(running)
      .when({
        result: { ...busy, outcome: 'failed', reason: 'blocked', blockingExtensions: [oldTax] },
        at: failedAt,
      })
      .then((change) => {
        const failedRun: Update = {
          ...running,
          status: 'failed',
          failureReason: 'blocked',
          completedAt: failedAt,
          blockingExtensions: [oldTax],
          updatedAt: failedAt,
        };
        expect(change!.update).toEqual({
          ...failedRun,
          status: 'scheduled',
          operationId: 'op-2',
          selected: false,
          selectedDateTime: null,
          // April 17th: seven days later, still inside that night's window
          scheduledFor: at('2026-04-17T20:05:00Z'),
          windowClosesAt: at('2026-04-18T04:00:00Z'),
          startedAt: null,
          completedAt: null,
        });
        expect(change!.announce).toEqual([
          { type: 'update.failed', reason: 'blocked', blockingExtensions: [oldTax], as: failedRun },
          {
            type: 'update.rescheduled',
            reason: 'retry-after-failure',
            previousScheduledFor: running.scheduledFor,
          },
        ]);
      });
  });

  it('given a failure six days before the deadline, then the new attempt is the deadline day’s window, never past it', () => {
    const failedAt = at('2026-04-25T20:05:00Z'); // the deadline is May 1st
    runEnds
      .given(running)
      .when({
        result: { ...busy, outcome: 'failed', reason: 'blocked', blockingExtensions: [] },
        at: failedAt,
      })
      .then((change) =>
        expect(change!.update).toMatchObject({
          scheduledFor: at('2026-05-01T20:00:00Z'), // May 1st, 22:00 in Paris
          windowClosesAt: at('2026-05-02T04:00:00Z'),
        }),
      );
  });

  it('given a failure in the deadline day’s window itself, then it is tried seven days later (overdue), not again that night', () => {
    const failedAt = at('2026-05-01T20:05:00Z');
    runEnds
      .given(running)
      .when({
        result: { ...busy, outcome: 'failed', reason: 'blocked', blockingExtensions: [] },
        at: failedAt,
      })
      .then((change) => expect(change!.update.scheduledFor).toEqual(at('2026-05-08T20:05:00Z')));
  });

  it('given success, then it succeeded', () => {
    const succeeded = endRun(running, { ...busy, outcome: 'succeeded' }, runContext, now)!;
    expect(succeeded.update).toMatchObject({ status: 'succeeded', completedAt: now });
    expect(succeeded.announce).toEqual([{ type: 'update.succeeded', previousVersion: '25.4' }]);
  });

  it('given an answer about another run, or a run not running any more, then nothing changes', () => {
    expect(endRun(running, { ...busy, operationId: 'op-old' }, runContext, now)).toBeUndefined();
    expect(endRun(chosen, busy, runContext, now)).toBeUndefined();
  });
});

describe('pending updates', () => {
  it('given the environment reached the version otherwise, then a pending update is skipped', () => {
    expect(skipPending(offered, 'superseded', now)).toEqual({
      update: {
        ...offered,
        status: 'skipped',
        scheduledFor: null,
        windowClosesAt: null,
        completedAt: now,
        updatedAt: now,
      },
      announce: [{ type: 'update.canceled', reason: 'superseded' }],
    });
    expect(skipPending(running, 'superseded', now)).toBeUndefined();
  });

  it('given a new extension that blocks it, then it warns once; given it removed, then the pre-check clears', () => {
    const warned = recheckCompatibility(offered, [oldTax], now)!;
    expect(warned.announce).toEqual([{ type: 'update.compatibility-warning', blockingExtensions: [oldTax] }]);
    expect(recheckCompatibility(warned.update, [oldTax], now)).toBeUndefined();
    expect(recheckCompatibility(warned.update, [], now)).toEqual({
      update: { ...warned.update, blockingExtensions: [] },
      announce: [],
    });
  });

  it('given the window changed, then an automatic run moves to the new window of its deadline day', () => {
    const evenings: UpdateWindow = { ...parisNights, preferredStartTime: '18:00', preferredEndTime: '02:00' };
    windowChange
      .given(offered)
      .when(evenings)
      .then((change) => {
        expect(change!.update.scheduledFor).toEqual(at('2026-05-01T16:00:00Z'));
        expect(change!.announce).toEqual([
          {
            type: 'update.rescheduled',
            reason: 'update-window-changed',
            previousScheduledFor: offered.scheduledFor,
          },
        ]);
      });
    windowChange.given(offered).when(parisNights).then(undefined);
  });

  it('given a run chosen on its deadline day, when the window change would push it past the deadline, then it is refused and nothing moves', () => {
    const lastEvening = at('2026-05-01T21:00:00Z'); // 23:00 in Paris on the latest selectable date
    const chosenLate: Update = {
      ...chosen,
      selectedDateTime: lastEvening,
      scheduledFor: lastEvening,
      windowClosesAt: at('2026-05-02T04:00:00Z'),
    };
    windowChange
      .given(chosenLate)
      .when({ ...parisNights, preferredStartTime: '08:00', preferredEndTime: '14:00' })
      .thenRefused('scheduled-update-constraint-violation');
  });
});
