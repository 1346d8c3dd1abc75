import { accept, reject, type Decision, type DomainError, type FieldError } from '@pac/domain';
import { addDays, canonicalTimeZone, instantOf, localDateOf, parseLocalTime } from './local-time';

/** A daily period, in the customer's time zone, in which updates may run (at least 6 hours; may cross midnight). */
export interface UpdateWindow {
  preferredStartTime: string;
  preferredEndTime: string;
  timeZone: string;
}

/** The window a tenant's new environments start with, until the partner changes theirs. */
export interface UpdateWindowPolicy {
  tenantId: string;
  partnerId: string;
  window: UpdateWindow;
}

export const MINIMUM_WINDOW_MINUTES = 6 * 60;

/**
 * The default window's zone per country: the zone of a point near the country's geographic centre (the
 * reference admin center's rule for countries with several zones); a country not listed gets UTC.
 * docs/lifecycle.md lists this table with the centre each zone stands for.
 */
export const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  AU: 'Australia/Darwin', // Northern Territory: Alice Springs, near the centre, keeps Darwin's time
  BE: 'Europe/Brussels',
  BR: 'America/Cuiaba', // Mato Grosso, the centre of Brazil
  CA: 'America/Winnipeg', // Manitoba: the Central zone, near the centre of the populated south
  CH: 'Europe/Zurich',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  MX: 'America/Mexico_City', // the Central zone, which covers the centre
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  NZ: 'Pacific/Auckland',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  SE: 'Europe/Stockholm',
  US: 'America/Chicago', // Central: the contiguous states' centre is in Kansas
};

/** The default window's hours: 20:00 to 06:00 local (10 hours, crossing midnight), as in the reference. */
export const DEFAULT_WINDOW_START = '20:00';
export const DEFAULT_WINDOW_END = '06:00';

/**
 * The window an environment starts with when its tenant has no other policy: overnight, 20:00 to 06:00 in
 * the time zone near the centre of the customer's country, so updates never run in business hours by default.
 */
export function defaultUpdateWindow(countryCode: string): UpdateWindow {
  return {
    preferredStartTime: DEFAULT_WINDOW_START,
    preferredEndTime: DEFAULT_WINDOW_END,
    timeZone: COUNTRY_TIME_ZONES[countryCode] ?? 'UTC',
  };
}

/**
 * Checks a window a partner asks for: "HH:mm" times, a real IANA zone (stored under its canonical name), and
 * at least 6 hours of wall-clock time from start to end (an end at or before the start is on the next day;
 * start = end is a whole day). The length is counted on the clock, not in elapsed time: the window is the same
 * every day, and on the two daylight-saving nights it is one hour shorter or longer in elapsed time.
 */
export function validateUpdateWindow(
  input: UpdateWindow,
): Decision<UpdateWindow, DomainError<'update-window-invalid'>> {
  const problems: FieldError[] = [];
  const start = parseLocalTime(input.preferredStartTime);
  const end = parseLocalTime(input.preferredEndTime);
  if (start === undefined)
    problems.push({ field: 'preferredStartTime', message: 'preferredStartTime must be a time "HH:mm"' });
  if (end === undefined)
    problems.push({ field: 'preferredEndTime', message: 'preferredEndTime must be a time "HH:mm"' });
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) {
    problems.push({
      field: 'timeZone',
      message: `timeZone must be an IANA time zone such as Europe/Paris (got ${JSON.stringify(input.timeZone)})`,
    });
  }
  if (start !== undefined && end !== undefined && windowMinutes(start, end) < MINIMUM_WINDOW_MINUTES) {
    problems.push({
      field: 'preferredEndTime',
      message: `the update window must last at least 6 hours; ${input.preferredStartTime}–${input.preferredEndTime} lasts ${formatDuration(windowMinutes(start, end))}`,
    });
  }
  if (problems.length > 0 || !timeZone) {
    return reject({
      code: 'update-window-invalid',
      message: 'the update window is not valid',
      errors: problems,
    });
  }
  return accept({
    preferredStartTime: input.preferredStartTime,
    preferredEndTime: input.preferredEndTime,
    timeZone,
  });
}

/** Wall-clock length from start to end; an end at or before the start is on the next day. */
export function windowMinutes(start: number, end: number): number {
  return (end - start + 1440) % 1440 || 1440;
}

function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** One day's window, as instants: it opens on `date` (local) and closes the same day or the next. */
export interface WindowOccurrence {
  /** The local date it opens on. */
  date: string;
  opensAt: Date;
  closesAt: Date;
}

/** The window that opens on a local date: both ends are wall-clock times, each turned into an instant. */
export function windowOn(date: string, window: UpdateWindow): WindowOccurrence {
  const start = parseLocalTime(window.preferredStartTime)!;
  const end = parseLocalTime(window.preferredEndTime)!;
  const endDate = end <= start ? addDays(date, 1) : date;
  return {
    date,
    opensAt: instantOf(date, start, window.timeZone),
    closesAt: instantOf(endDate, end, window.timeZone),
  };
}

/** The window an instant falls in (opensAt ≤ instant < closesAt), if any. */
export function windowContaining(instant: Date, window: UpdateWindow): WindowOccurrence | undefined {
  const today = localDateOf(instant, window.timeZone);
  // Yesterday's window may cross midnight into today.
  for (const date of [addDays(today, -1), today]) {
    const occurrence = windowOn(date, window);
    if (occurrence.opensAt <= instant && instant < occurrence.closesAt) return occurrence;
  }
  return undefined;
}

/** The first window that opens strictly after an instant. */
export function nextWindowAfter(instant: Date, window: UpdateWindow): WindowOccurrence {
  const today = localDateOf(instant, window.timeZone);
  for (let days = -1; days <= 2; days += 1) {
    const occurrence = windowOn(addDays(today, days), window);
    if (occurrence.opensAt > instant) return occurrence;
  }
  throw new Error(`no window opens within two days of ${instant.toISOString()}`);
}

/** When something asked to start at `instant` may start: then if it is inside a window, else at the next one. */
export function startInWindow(
  instant: Date,
  window: UpdateWindow,
): { startsAt: Date; window: WindowOccurrence } {
  const current = windowContaining(instant, window);
  if (current) return { startsAt: instant, window: current };
  const next = nextWindowAfter(instant, window);
  return { startsAt: next.opensAt, window: next };
}
