import type { EntityManager } from 'typeorm';
import type { ErrorTally } from '../domain/issue';

/**
 * The errors per minute of each environment and event id that has no active issue: a spike is the sum of the
 * minutes of the rule's window. Kept only as long as a window can reach back (the job purges older ones), and
 * cleared when an issue opens (the next spike is counted afresh).
 */

export async function addErrorCounts(
  manager: EntityManager,
  key: { tenantId: string; environmentName: string; eventId: string },
  minutes: ReadonlyMap<number, ErrorTally>,
  now: Date,
): Promise<void> {
  const entries = [...minutes.entries()];
  await manager.query(
    `INSERT INTO error_counts (tenant_id, environment_name, event_id, minute, count, first_at, last_at, counted_at)
     SELECT $1, $2, $3, to_timestamp(m / 1000.0), c, to_timestamp(f / 1000.0), to_timestamp(l / 1000.0), $4
       FROM unnest($5::bigint[], $6::int[], $7::bigint[], $8::bigint[]) AS e (m, c, f, l)
     ON CONFLICT (tenant_id, environment_name, event_id, minute) DO UPDATE
       SET count = error_counts.count + EXCLUDED.count,
           first_at = least(error_counts.first_at, EXCLUDED.first_at),
           last_at = greatest(error_counts.last_at, EXCLUDED.last_at),
           counted_at = EXCLUDED.counted_at`,
    [
      key.tenantId,
      key.environmentName,
      key.eventId,
      now,
      entries.map(([minute]) => minute),
      entries.map(([, tally]) => tally.count),
      entries.map(([, tally]) => tally.firstMs),
      entries.map(([, tally]) => tally.lastMs),
    ],
  );
}

/** The errors counted in the window of `windowMinutes` that ends with the latest one. */
export async function errorsInWindow(
  manager: EntityManager,
  key: { tenantId: string; environmentName: string; eventId: string },
  windowMinutes: number,
): Promise<ErrorTally> {
  const rows: { count: string | null; first_at: Date | null; last_at: Date | null }[] = await manager.query(
    `WITH latest AS (
       SELECT max(last_at) AS at FROM error_counts WHERE tenant_id = $1 AND environment_name = $2 AND event_id = $3)
     SELECT sum(c.count) AS count, min(c.first_at) AS first_at, max(c.last_at) AS last_at
       FROM error_counts c, latest
      WHERE c.tenant_id = $1 AND c.environment_name = $2 AND c.event_id = $3
        AND c.minute > latest.at - make_interval(mins => $4)`,
    [key.tenantId, key.environmentName, key.eventId, windowMinutes],
  );
  const row = rows[0];
  return {
    count: Number(row?.count ?? 0),
    firstMs: row?.first_at?.getTime() ?? 0,
    lastMs: row?.last_at?.getTime() ?? 0,
  };
}

export async function clearErrorCounts(
  manager: EntityManager,
  key: { tenantId: string; environmentName: string; eventId: string },
): Promise<void> {
  await manager.query(
    `DELETE FROM error_counts WHERE tenant_id = $1 AND environment_name = $2 AND event_id = $3`,
    [key.tenantId, key.environmentName, key.eventId],
  );
}

/** Counters no window can reach any more (last counted before `before`). */
export async function purgeErrorCounts(manager: EntityManager, before: Date): Promise<number> {
  const [, deleted]: [unknown, number] = await manager.query(
    `DELETE FROM error_counts WHERE counted_at < $1`,
    [before],
  );
  return deleted;
}
