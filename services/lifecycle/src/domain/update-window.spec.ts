import { DecisionSpecification } from '@pac/domain';
import {
  defaultUpdateWindow,
  nextWindowAfter,
  startInWindow,
  validateUpdateWindow,
  windowContaining,
  windowOn,
  type UpdateWindow,
} from './update-window';

const paris = (start: string, end: string): UpdateWindow => ({
  preferredStartTime: start,
  preferredEndTime: end,
  timeZone: 'Europe/Paris',
});
const newYork = (start: string, end: string): UpdateWindow => ({
  preferredStartTime: start,
  preferredEndTime: end,
  timeZone: 'America/New_York',
});
const at = (iso: string) => new Date(iso);
const hours = (w: { opensAt: Date; closesAt: Date }) =>
  (w.closesAt.getTime() - w.opensAt.getTime()) / 3_600_000;

describe('default update window', () => {
  it('is 20:00 to 06:00 in a zone near the centre of the customer country', () => {
    expect(defaultUpdateWindow('FR')).toEqual({
      preferredStartTime: '20:00',
      preferredEndTime: '06:00',
      timeZone: 'Europe/Paris',
    });
    expect(defaultUpdateWindow('US').timeZone).toBe('America/Chicago');
    expect(defaultUpdateWindow('CA').timeZone).toBe('America/Winnipeg');
    expect(defaultUpdateWindow('AU').timeZone).toBe('Australia/Darwin');
  });

  it('falls back to UTC for a country without a known zone', () => {
    expect(defaultUpdateWindow('ZZ').timeZone).toBe('UTC');
  });
});

/** A window a partner asks for; nothing to start from but the request. */
const validate = DecisionSpecification.for((_nothing: null, window: UpdateWindow) =>
  validateUpdateWindow(window),
);

describe('validating a window', () => {
  it('accepts 6 hours or more, crossing midnight or not, and stores the zone under its canonical name', () => {
    validate.given(null).when(paris('22:00', '04:00')).then(paris('22:00', '04:00'));
    validate.given(null).when(paris('08:00', '14:00')).then(paris('08:00', '14:00'));
    validate.given(null).when(paris('00:00', '00:00')).then(paris('00:00', '00:00')); // the whole day
    validate
      .given(null)
      .when({ ...newYork('22:00', '06:00'), timeZone: 'US/Eastern' })
      .then(newYork('22:00', '06:00'));
  });

  it('refuses a window shorter than 6 hours, naming preferredEndTime and the length', () => {
    const refusal = validate
      .given(null)
      .when(paris('23:00', '04:30'))
      .thenRefused('update-window-invalid', ['preferredEndTime']);
    expect(refusal.errors).toEqual([
      {
        field: 'preferredEndTime',
        message: 'the update window must last at least 6 hours; 23:00–04:30 lasts 5 h 30 min',
      },
    ]);
  });

  it('names each bad field: times that are not "HH:mm", a zone that is not IANA', () => {
    validate
      .given(null)
      .when({ preferredStartTime: '24:00', preferredEndTime: '6:00', timeZone: 'Mars/Olympus_Mons' })
      .thenRefused('update-window-invalid', ['preferredStartTime', 'preferredEndTime', 'timeZone']);
    for (const zone of ['+02:00', 'UTC+2', '', 'Europe/']) {
      validate
        .given(null)
        .when({ ...paris('22:00', '06:00'), timeZone: zone })
        .thenRefused('update-window-invalid', ['timeZone']);
    }
  });
});

describe('a window crossing midnight', () => {
  it('opens on one local day and closes on the next', () => {
    const window = windowOn('2026-06-10', paris('22:00', '06:00'));
    expect(window).toEqual({
      date: '2026-06-10',
      opensAt: at('2026-06-10T20:00:00Z'),
      closesAt: at('2026-06-11T04:00:00Z'),
    });
  });

  it('contains the small hours of the next day, which belong to the previous day’s window', () => {
    const w = paris('22:00', '06:00');
    expect(windowContaining(at('2026-06-11T01:30:00Z'), w)?.date).toBe('2026-06-10'); // 03:30 local
    expect(windowContaining(at('2026-06-11T04:00:00Z'), w)).toBeUndefined(); // 06:00: closed
    expect(windowContaining(at('2026-06-10T20:00:00Z'), w)?.date).toBe('2026-06-10'); // 22:00: open
  });

  it('starts a time outside the window at the next opening, a time inside at once', () => {
    const w = paris('22:00', '06:00');
    expect(startInWindow(at('2026-06-10T10:00:00Z'), w).startsAt).toEqual(at('2026-06-10T20:00:00Z'));
    expect(startInWindow(at('2026-06-10T23:00:00Z'), w).startsAt).toEqual(at('2026-06-10T23:00:00Z'));
    expect(nextWindowAfter(at('2026-06-10T20:00:00Z'), w).opensAt).toEqual(at('2026-06-11T20:00:00Z'));
  });
});

describe('daylight saving in Europe/Paris', () => {
  // 2026-03-29: 02:00 CET becomes 03:00 CEST. 2026-10-25: 03:00 CEST becomes 02:00 CET.
  it('spring forward: a 22:00–06:00 window still opens at 22:00 and closes at 06:00 local, 7 hours of time', () => {
    const night = windowOn('2026-03-28', paris('22:00', '06:00'));
    expect(night.opensAt).toEqual(at('2026-03-28T21:00:00Z')); // 22:00 CET
    expect(night.closesAt).toEqual(at('2026-03-29T04:00:00Z')); // 06:00 CEST
    expect(hours(night)).toBe(7);
    const nextNight = windowOn('2026-03-29', paris('22:00', '06:00'));
    expect(nextNight.opensAt).toEqual(at('2026-03-29T20:00:00Z')); // 22:00 CEST: not shifted
    expect(hours(nextNight)).toBe(8);
  });

  it('spring forward: a window opening at a skipped time opens when the clocks jump past it', () => {
    const night = windowOn('2026-03-29', paris('02:30', '09:00'));
    expect(night.opensAt).toEqual(at('2026-03-29T01:00:00Z')); // 03:00 CEST, the instant of the change
    expect(night.closesAt).toEqual(at('2026-03-29T07:00:00Z')); // 09:00 CEST
  });

  it('fall back: a 22:00–06:00 window closes at 06:00 local, 9 hours of time', () => {
    const night = windowOn('2026-10-24', paris('22:00', '06:00'));
    expect(night.opensAt).toEqual(at('2026-10-24T20:00:00Z')); // 22:00 CEST
    expect(night.closesAt).toEqual(at('2026-10-25T05:00:00Z')); // 06:00 CET
    expect(hours(night)).toBe(9);
  });

  it('fall back: a window opening at a repeated time opens at its first occurrence', () => {
    const night = windowOn('2026-10-25', paris('02:30', '09:00'));
    expect(night.opensAt).toEqual(at('2026-10-25T00:30:00Z')); // 02:30 CEST, the first one
    expect(night.closesAt).toEqual(at('2026-10-25T08:00:00Z')); // 09:00 CET
  });

  it('finds the window of an instant in the repeated hour', () => {
    // 02:15 CET, the second 02:15 of the night: still inside the 22:00–06:00 window opened on the 24th.
    expect(windowContaining(at('2026-10-25T01:15:00Z'), paris('22:00', '06:00'))?.date).toBe('2026-10-24');
  });
});

describe('daylight saving in America/New_York', () => {
  // 2026-03-08: 02:00 EST becomes 03:00 EDT. 2026-11-01: 02:00 EDT becomes 01:00 EST.
  it('spring forward: 22:00–06:00 keeps its local times, 7 hours of time', () => {
    const night = windowOn('2026-03-07', newYork('22:00', '06:00'));
    expect(night.opensAt).toEqual(at('2026-03-08T03:00:00Z')); // 22:00 EST
    expect(night.closesAt).toEqual(at('2026-03-08T10:00:00Z')); // 06:00 EDT
    expect(hours(night)).toBe(7);
  });

  it('spring forward: a window opening at 02:00 opens at 03:00 EDT', () => {
    const morning = windowOn('2026-03-08', newYork('02:00', '10:00'));
    expect(morning.opensAt).toEqual(at('2026-03-08T07:00:00Z'));
    expect(morning.closesAt).toEqual(at('2026-03-08T14:00:00Z'));
  });

  it('fall back: 22:00–06:00 keeps its local times, 9 hours of time', () => {
    const night = windowOn('2026-10-31', newYork('22:00', '06:00'));
    expect(night.opensAt).toEqual(at('2026-11-01T02:00:00Z')); // 22:00 EDT
    expect(night.closesAt).toEqual(at('2026-11-01T11:00:00Z')); // 06:00 EST
    expect(hours(night)).toBe(9);
  });

  it('fall back: a window opening at the repeated 01:30 opens at the first one (EDT)', () => {
    expect(windowOn('2026-11-01', newYork('01:30', '08:00')).opensAt).toEqual(at('2026-11-01T05:30:00Z'));
  });
});
