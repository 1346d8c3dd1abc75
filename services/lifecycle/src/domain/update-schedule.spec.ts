import { DecisionSpecification } from '@pac/domain';
import {
  afterBusy,
  automaticRun,
  dueDecision,
  eligibility,
  latestSelectableDate,
  NO_WINDOW_END,
  planSelectedRun,
  runAfterCancel,
  runAfterMiss,
  runAfterWindowChange,
  shownWindowEnd,
  type EnvironmentFacts,
  type ReleaseTerms,
  type ScheduleChoice,
  type ScheduleRequest,
} from './update-schedule';
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
const production: EnvironmentFacts = { type: 'production', applicationVersion: '25.4', window: parisNights };
const now = at('2026-04-02T09:00:00Z'); // 11:00 in Paris

/** A scheduled run, given what it was built from, when the environment's window changes (at `now`). */
const changeWindow = DecisionSpecification.for((choice: ScheduleChoice, window: UpdateWindow) =>
  runAfterWindowChange(choice, release, window, now),
);
/** Whether a release is for an environment. */
const offer = DecisionSpecification.for(
  (
    environment: Pick<EnvironmentFacts, 'type' | 'applicationVersion'>,
    release: Pick<ReleaseTerms, 'version' | 'type'>,
  ) => eligibility(release, environment),
);
/** A partner's choice of time, given the release, the environment and the time it is made at. */
interface Given {
  release: ReleaseTerms;
  environment: EnvironmentFacts;
  now: Date;
}
const choose = DecisionSpecification.for((given: Given, request: ScheduleRequest) =>
  planSelectedRun(request, given.release, given.environment, given.now),
);
const onProduction: Given = { release, environment: production, now };
/** A scheduled run canceled, given whether a partner had chosen it. */
const cancel = DecisionSpecification.for((given: { selected: boolean; release: ReleaseTerms }, at: Date) =>
  runAfterCancel({ selected: given.selected }, given.release, parisNights, at),
);

describe('which environments a release is for', () => {
  it('offers a newer version; refuses the same or an older one', () => {
    offer.given(production).when(release).then(true);
    offer
      .given({ ...production, applicationVersion: '26.1' })
      .when(release)
      .thenRefused('version-not-newer');
    // 26.10 is newer than 26.9: versions compare as numbers
    offer
      .given({ ...production, applicationVersion: '26.9' })
      .when({ version: '26.10', type: 'minor' })
      .then(true);
  });

  it('given an environment on 25.4, then versions of 25 and 26 are offered, not 27 until it is on 26', () => {
    offer.given(production).when({ version: '26.0', type: 'major' }).then(true);
    offer.given(production).when({ version: '27.0', type: 'major' }).thenRefused('version-beyond-next-major');
    offer
      .given({ ...production, applicationVersion: '26.0' })
      .when({ version: '27.0', type: 'major' })
      .then(true);
  });

  it('keeps previews to sandboxes', () => {
    const preview = { version: '26.0', type: 'preview' as const };
    offer.given(production).when(preview).thenRefused('preview-on-production');
    offer
      .given({ ...production, type: 'sandbox' })
      .when(preview)
      .then(true);
  });
});

describe('deadlines', () => {
  it('given a release available on April 1st with 30 selectable days, the last day is May 1st, local', () => {
    expect(latestSelectableDate(release, 'Europe/Paris')).toBe('2026-05-01');
  });

  it('counts from the local day the release becomes available: 02:00 UTC is still the evening before in New York', () => {
    const lateEvening = { ...release, availableFrom: at('2026-04-01T02:00:00Z') };
    expect(latestSelectableDate(lateEvening, 'America/New_York')).toBe('2026-04-30');
    expect(latestSelectableDate(lateEvening, 'Europe/Paris')).toBe('2026-05-01');
  });

  it('given nobody selects it, when it becomes available, then it is scheduled for the window of its deadline day', () => {
    expect(automaticRun(release, parisNights, now)).toEqual({
      scheduledFor: at('2026-05-01T20:00:00Z'), // May 1st, 22:00 in Paris
      windowClosesAt: at('2026-05-02T04:00:00Z'),
    });
  });

  it('given the deadline window has passed (an environment created late), then it runs in the next window', () => {
    const late = at('2026-05-03T10:00:00Z');
    expect(automaticRun(release, parisNights, late).scheduledFor).toEqual(at('2026-05-03T20:00:00Z'));
    const insideAWindow = at('2026-05-03T21:30:00Z');
    expect(automaticRun(release, parisNights, insideAWindow).scheduledFor).toEqual(insideAWindow);
  });

  it('when a partner picks a time after the deadline day’s window, then it is refused (409)', () => {
    const refusal = choose
      .given(onProduction)
      .when({ selectedDateTime: at('2026-05-02T10:00:00Z'), ignoreUpdateWindow: false })
      .thenRefused('past-latest-selectable-date');
    expect(refusal.message).toContain('2026-05-01');
  });

  it('when the time is in the small hours after the deadline day, inside its window, then it is accepted', () => {
    choose
      .given(onProduction)
      .when({ selectedDateTime: at('2026-05-02T01:00:00Z'), ignoreUpdateWindow: false })
      .then({ scheduledFor: at('2026-05-02T01:00:00Z'), windowClosesAt: at('2026-05-02T04:00:00Z') });
  });

  it('when the deadline has passed, then no time can be chosen any more', () => {
    const afterDeadline = at('2026-05-02T05:00:00Z');
    choose
      .given({ ...onProduction, now: afterDeadline })
      .when({ ignoreUpdateWindow: false })
      .thenRefused('past-latest-selectable-date');
  });
});

describe('choosing a time', () => {
  it('given a time outside the window, then the update starts when the next window opens', () => {
    const noon = at('2026-04-10T10:00:00Z'); // 12:00 in Paris
    choose
      .given(onProduction)
      .when({ selectedDateTime: noon, ignoreUpdateWindow: false })
      .then({ scheduledFor: at('2026-04-10T20:00:00Z'), windowClosesAt: at('2026-04-11T04:00:00Z') });
  });

  it('given a time outside the window and ignoreUpdateWindow, then it starts at that very time, with no window end', () => {
    const noon = at('2026-04-10T10:00:00Z');
    choose
      .given(onProduction)
      .when({ selectedDateTime: noon, ignoreUpdateWindow: true })
      .then({ scheduledFor: noon, windowClosesAt: NO_WINDOW_END });
    expect(shownWindowEnd(NO_WINDOW_END)).toBeNull();
  });

  it('given a time inside the window, then it starts at that time', () => {
    const lateEvening = at('2026-04-10T21:30:00Z'); // 23:30 in Paris
    choose
      .given(onProduction)
      .when({ selectedDateTime: lateEvening, ignoreUpdateWindow: false })
      .then((run) => expect(run.scheduledFor).toEqual(lateEvening));
  });

  it('given no time, then as soon as a window allows', () => {
    choose
      .given(onProduction)
      .when({ ignoreUpdateWindow: false })
      .then((run) => expect(run.scheduledFor).toEqual(at('2026-04-02T20:00:00Z')));
    choose
      .given(onProduction)
      .when({ ignoreUpdateWindow: true })
      .then((run) => expect(run.scheduledFor).toEqual(now));
  });

  it('given a time in the past, then it is refused naming selectedDateTime; a few seconds late is "now"', () => {
    choose
      .given(onProduction)
      .when({ selectedDateTime: at('2026-04-01T09:00:00Z'), ignoreUpdateWindow: true })
      .thenRefused('selected-time-in-past', ['selectedDateTime']);
    const justBefore = new Date(now.getTime() - 5_000);
    choose
      .given(onProduction)
      .when({ selectedDateTime: justBefore, ignoreUpdateWindow: true })
      .then((run) => expect(run.scheduledFor).toEqual(now));
  });

  it('given a preview or an older version, then scheduling is refused (409)', () => {
    choose
      .given({ ...onProduction, release: { ...release, type: 'preview' } })
      .when({ ignoreUpdateWindow: false })
      .thenRefused('preview-on-production');
    choose
      .given({ ...onProduction, environment: { ...production, applicationVersion: '26.2' } })
      .when({ ignoreUpdateWindow: false })
      .thenRefused('version-not-newer');
  });

  it('given a time on the spring-forward night, then the window of that night counts in local time', () => {
    const spring = { ...release, availableFrom: at('2026-03-20T08:00:00Z') };
    // 02:30 on March 29th does not exist in Paris; it lies inside the window opened on the 28th at 22:00 CET.
    choose
      .given({ release: spring, environment: production, now: at('2026-03-21T08:00:00Z') })
      .when({ selectedDateTime: at('2026-03-29T00:30:00Z'), ignoreUpdateWindow: false })
      .then({ scheduledFor: at('2026-03-29T00:30:00Z'), windowClosesAt: at('2026-03-29T04:00:00Z') });
  });
});

describe('missed updates', () => {
  const run = { scheduledFor: at('2026-04-10T20:00:00Z'), windowClosesAt: at('2026-04-11T04:00:00Z') };

  it('given the scheduler runs inside the window, then the due update starts', () => {
    expect(dueDecision(run, at('2026-04-10T20:00:00Z'))).toBe('start');
    expect(dueDecision(run, at('2026-04-11T03:59:59Z'))).toBe('start');
  });

  it('given the scheduler was down through the whole window, then the update is missed and moves to the next window', () => {
    const nextMorning = at('2026-04-11T10:00:00Z');
    expect(dueDecision(run, nextMorning)).toBe('missed');
    expect(runAfterMiss(run, parisNights, nextMorning)).toEqual({
      scheduledFor: at('2026-04-11T20:00:00Z'),
      windowClosesAt: at('2026-04-12T04:00:00Z'),
    });
  });

  it('given the scheduler comes back inside a later window, then the missed update starts in it at once', () => {
    const nextNight = at('2026-04-11T21:00:00Z');
    expect(runAfterMiss(run, parisNights, nextNight).scheduledFor).toEqual(nextNight);
  });

  it('given an update that ignores the window, when the clock passes the window’s end, then it never lapses', () => {
    const noonRun = { scheduledFor: at('2026-04-10T10:00:00Z'), windowClosesAt: NO_WINDOW_END };
    // Due long after its time and after every window of the day: it still starts.
    expect(dueDecision(noonRun, at('2026-04-11T10:00:00Z'))).toBe('start');
    // A busy environment is tried again 15 minutes later, however late it is: never missed.
    expect(afterBusy(noonRun, parisNights, at('2026-04-11T05:59:00Z'))).toEqual({
      kind: 'retry',
      run: { scheduledFor: at('2026-04-11T06:14:00Z'), windowClosesAt: NO_WINDOW_END },
    });
  });

  it('given the environment is busy early in the window, then it is tried again 15 minutes later', () => {
    expect(afterBusy(run, parisNights, at('2026-04-10T20:00:00Z'))).toEqual({
      kind: 'retry',
      run: { scheduledFor: at('2026-04-10T20:15:00Z'), windowClosesAt: run.windowClosesAt },
    });
  });

  it('given the environment is still busy at the end of the window, then the update is missed: next window', () => {
    expect(afterBusy(run, parisNights, at('2026-04-11T03:50:00Z'))).toEqual({
      kind: 'missed',
      run: { scheduledFor: at('2026-04-11T20:00:00Z'), windowClosesAt: at('2026-04-12T04:00:00Z') },
    });
  });

  it('given a missed update on the fall-back night in New York, then the next window keeps its local times', () => {
    const ny: UpdateWindow = { ...parisNights, timeZone: 'America/New_York' };
    const missed = { scheduledFor: at('2026-10-31T02:00:00Z'), windowClosesAt: at('2026-10-31T10:00:00Z') };
    expect(runAfterMiss(missed, ny, at('2026-10-31T12:00:00Z'))).toEqual({
      scheduledFor: at('2026-11-01T02:00:00Z'), // 22:00 EDT on the 31st
      windowClosesAt: at('2026-11-01T11:00:00Z'), // 06:00 EST on November 1st
    });
  });
});

describe('the window changes', () => {
  const evenings: UpdateWindow = {
    preferredStartTime: '18:00',
    preferredEndTime: '23:59',
    timeZone: 'Europe/Paris',
  };

  it('moves an automatic run to the new window of the deadline day', () => {
    const choice = {
      selected: false,
      ignoreUpdateWindow: false,
      run: automaticRun(release, parisNights, now),
    };
    changeWindow
      .given(choice)
      .when(evenings)
      .then((run) => expect(run.scheduledFor).toEqual(at('2026-05-01T16:00:00Z')));
  });

  it('moves a selected run to the new window at or after the time asked for; keeps a run that ignores windows', () => {
    const asked = at('2026-04-10T10:00:00Z');
    const selected = {
      selected: true,
      selectedDateTime: asked,
      ignoreUpdateWindow: false,
      run: { scheduledFor: at('2026-04-10T20:00:00Z'), windowClosesAt: at('2026-04-11T04:00:00Z') },
    };
    changeWindow
      .given(selected)
      .when(evenings)
      .then({
        scheduledFor: at('2026-04-10T16:00:00Z'),
        windowClosesAt: at('2026-04-10T21:59:00Z'),
      });
    const ignoring = {
      ...selected,
      ignoreUpdateWindow: true,
      run: { scheduledFor: asked, windowClosesAt: NO_WINDOW_END },
    };
    changeWindow.given(ignoring).when(evenings).then(ignoring.run);
  });

  it('given a date chosen late on the deadline day, when the new window would start it after the deadline, then 409 ScheduledUpgradeConstraintViolation', () => {
    // Chosen for May 1st (the latest selectable date), 23:00 in Paris: inside the 22:00–06:00 window.
    const lastEvening = at('2026-05-01T21:00:00Z');
    const choice = {
      selected: true,
      selectedDateTime: lastEvening,
      ignoreUpdateWindow: false,
      run: { scheduledFor: lastEvening, windowClosesAt: at('2026-05-02T04:00:00Z') },
    };
    // 08:00–14:00: 23:00 on May 1st is outside it; the next window opens May 2nd, past the deadline.
    const mornings: UpdateWindow = { ...parisNights, preferredStartTime: '08:00', preferredEndTime: '14:00' };
    const refusal = changeWindow
      .given(choice)
      .when(mornings)
      .thenRefused('scheduled-update-constraint-violation');
    expect(refusal.message).toContain('2026-05-01');
    // A window that still holds the chosen time is accepted.
    changeWindow
      .given(choice)
      .when({ ...parisNights, preferredStartTime: '21:00' })
      .then({ scheduledFor: lastEvening, windowClosesAt: at('2026-05-02T04:00:00Z') });
  });
});

describe('canceling a scheduled run', () => {
  it('given a run a partner chose, when it is canceled, then the update goes back to the automatic run of its deadline day', () => {
    cancel
      .given({ selected: true, release })
      .when(now)
      .then({ kind: 'automatic', run: automaticRun(release, parisNights, now) });
    expect(automaticRun(release, parisNights, now).scheduledFor).toEqual(at('2026-05-01T20:00:00Z'));
  });

  it('given a chosen run canceled after the deadline day’s window, then it runs in the next window', () => {
    const late = at('2026-05-03T10:00:00Z');
    cancel
      .given({ selected: true, release })
      .when(late)
      .then((after) =>
        expect(after).toMatchObject({ kind: 'automatic', run: { scheduledFor: at('2026-05-03T20:00:00Z') } }),
      );
  });

  it('given the automatic run of a mandatory update, when it is canceled, then it is refused: it can be moved, not dropped', () => {
    for (const type of ['minor', 'major'] as const) {
      const refusal = cancel
        .given({ selected: false, release: { ...release, type } })
        .when(now)
        .thenRefused('update-mandatory');
      expect(refusal.message).toContain('2026-05-01');
      expect(refusal.message).toContain('moved');
    }
  });

  it('given a preview (never mandatory), when its run is canceled, chosen or automatic, then the update is held', () => {
    const preview = { ...release, version: '27.0', type: 'preview' as const };
    cancel.given({ selected: true, release: preview }).when(now).then({ kind: 'held' });
    cancel.given({ selected: false, release: preview }).when(now).then({ kind: 'held' });
  });
});
