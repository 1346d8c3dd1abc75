/**
 * The telemetry table is partitioned by day (UTC) of each row's timestamp. Retention drops whole days: a
 * day's partition goes once every row it can hold is older than the retention limit, i.e. when the day ends
 * at or before `now - retentionDays`. Pure rules, for the maintenance job and the ingestion path.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** How far ahead of the clock an ingested event may be stamped; later ones are dropped (no partition). */
export const MAX_FUTURE_MS = DAY_MS;

/** A UTC day as `YYYY-MM-DD`. */
export type Day = string;

export function dayOf(instant: Date | number): Day {
  return new Date(typeof instant === 'number' ? instant : instant.getTime()).toISOString().slice(0, 10);
}

export function dayStart(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function nextDay(day: Day): Day {
  return dayOf(dayStart(day).getTime() + DAY_MS);
}

/** The instant before which rows are past retention. */
export function retentionLimit(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Whether a day's partition holds only rows past retention: it ends at or before the limit. */
export function isPastRetention(day: Day, now: Date, retentionDays: number): boolean {
  return dayStart(nextDay(day)).getTime() <= retentionLimit(now, retentionDays).getTime();
}

/** The partitions to drop among those that exist. */
export function partitionsPastRetention(days: readonly Day[], now: Date, retentionDays: number): Day[] {
  return days.filter((day) => isPastRetention(day, now, retentionDays)).sort();
}

/**
 * The days whose partitions should exist: every day still within retention, up to the day after
 * `MAX_FUTURE_MS` from now, so that no accepted event waits for a partition to be created.
 */
export function daysToPrepare(now: Date, retentionDays: number): Day[] {
  const days: Day[] = [];
  const last = dayOf(now.getTime() + MAX_FUTURE_MS);
  for (let day = dayOf(retentionLimit(now, retentionDays)); day <= last; day = nextDay(day)) days.push(day);
  return days;
}

/** Why an ingested event is not stored, or undefined when it is: past retention, or too far ahead. */
export function unstorableTimestamp(
  timestampMs: number,
  now: Date,
  retentionDays: number,
): 'past-retention' | 'future' | undefined {
  if (timestampMs < retentionLimit(now, retentionDays).getTime()) return 'past-retention';
  if (timestampMs > now.getTime() + MAX_FUTURE_MS) return 'future';
  return undefined;
}

/**
 * The days whose partitions should get the text-search index: those over (the clock is past their end by
 * `settleMs`, so that late events mostly have arrived), still within retention, that do not have it yet; the
 * oldest first, at most `perRun`. Today's partition never has it: a trigram index would cost most of the
 * ingestion rate (docs/benchmarks.md, "The text-search index plan").
 */
export function daysToIndexForSearch(
  days: readonly Day[],
  indexed: ReadonlySet<Day>,
  now: Date,
  retentionDays: number,
  settleMs: number,
  perRun: number,
): Day[] {
  return days
    .filter(
      (day) =>
        !indexed.has(day) &&
        !isPastRetention(day, now, retentionDays) &&
        dayStart(nextDay(day)).getTime() + settleMs <= now.getTime(),
    )
    .sort()
    .slice(0, perRun);
}
