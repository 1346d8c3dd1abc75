/**
 * Wall-clock time in an IANA time zone, with `Intl` only (no date library): what update windows are made of.
 *
 * A local date is "YYYY-MM-DD"; a local time is minutes after midnight. Turning a local date and time into an
 * instant follows one rule, which keeps windows right on daylight-saving days: **the first instant at which
 * the zone's clocks read that time or later**. So:
 * - an ordinary time has exactly one instant;
 * - a time skipped by a spring-forward change (02:30 in Paris on the last Sunday of March) becomes the instant
 *   of the change (03:00 local): a window "opening at 02:30" opens as soon as the clocks pass it;
 * - a time repeated by a fall-back change (02:30 in Paris on the last Sunday of October) is its first
 *   occurrence.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A zone name, not an offset: `Europe/Paris`, `UTC`, `Etc/GMT+5`; not `+02:00`. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+/-]*$/;

/**
 * The canonical IANA name of a time zone (`US/Eastern` → `America/New_York`), or undefined when it is not one
 * (a made-up name, or an offset like `+02:00`, which follows no daylight-saving rule).
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!IANA_NAME.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (Paris in summer: +7,200,000). */
export function offsetAt(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  const wall = wallClockAt(whole, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - whole;
}

/** The local date and time of an instant in a zone. */
export function localDateTimeOf(instant: Date, timeZone: string): { date: string; minutes: number } {
  const wall = wallClockAt(instant.getTime(), timeZone);
  return { date: formatDate(wall.year, wall.month, wall.day), minutes: wall.hour * 60 + wall.minute };
}

export function localDateOf(instant: Date, timeZone: string): string {
  return localDateTimeOf(instant, timeZone).date;
}

/** A calendar date plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parseDate(date);
  const moved = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return formatDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/**
 * The first instant at which the zone's clocks read `date` at `minutes` after midnight, or later (see the
 * file comment: skipped times give the instant of the change, repeated times their first occurrence).
 */
export function instantOf(date: string, minutes: number, timeZone: string): Date {
  const [year, month, day] = parseDate(date);
  const wallAsUtc = Date.UTC(year, month - 1, day) + minutes * MINUTE_MS;
  // The offsets in force around that wall time: a zone changes offset at most once in a day or so.
  const offsets = new Set([offsetAt(wallAsUtc - DAY_MS, timeZone), offsetAt(wallAsUtc + DAY_MS, timeZone)]);
  for (const offset of [...offsets]) offsets.add(offsetAt(wallAsUtc - offset, timeZone));
  const matching = [...offsets]
    .map((offset) => wallAsUtc - offset)
    .filter((candidate) => candidate + offsetAt(candidate, timeZone) === wallAsUtc)
    .sort((a, b) => a - b);
  if (matching.length > 0) return new Date(matching[0]!);
  // Skipped by a forward change: the change itself is the first instant whose wall clock is past it.
  return new Date(firstInstantAtOrAfter(wallAsUtc, timeZone, [...offsets]));
}

/** Binary search of the first instant whose wall clock (as UTC ms) is at or after `wallAsUtc`. */
function firstInstantAtOrAfter(wallAsUtc: number, timeZone: string, offsets: number[]): number {
  let low = wallAsUtc - Math.max(...offsets); // its wall clock is before the target
  let high = wallAsUtc - Math.min(...offsets); // its wall clock is after it
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2000) * 1000;
    if (middle + offsetAt(middle, timeZone) >= wallAsUtc) high = middle;
    else low = middle;
  }
  return high;
}

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "HH:mm" → minutes after midnight; undefined when it is not a time of day. */
export function parseLocalTime(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatLocalTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
