import type { EntityManager } from 'typeorm';
import { dayStart, nextDay, type Day } from '../domain/telemetry-retention';

/**
 * The daily partitions of `telemetry`: `telemetry_pYYYYMMDD` holds the rows whose timestamp falls on that UTC
 * day. They are made ahead by the maintenance job (every day within retention and the next one), and on the
 * ingestion path for a day that has none yet; the job drops those past retention.
 */
const PARTITION_NAME = /^telemetry_p(\d{4})(\d{2})(\d{2})$/;

export function partitionName(day: Day): string {
  return `telemetry_p${day.replaceAll('-', '')}`;
}

export function createPartitionSql(day: Day): string {
  return `CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF telemetry
    FOR VALUES FROM ('${dayStart(day).toISOString()}') TO ('${dayStart(nextDay(day)).toISOString()}')`;
}

/** Days known to have a partition, in this process: the ingestion path asks the database only for others. */
const known = new Set<Day>();

/** Makes the partitions of these days that do not exist yet (in the caller's transaction). */
export async function ensurePartitions(manager: EntityManager, days: Iterable<Day>): Promise<void> {
  for (const day of days) {
    if (known.has(day)) continue;
    await manager.query(createPartitionSql(day));
    known.add(day);
  }
}

/** The days that have a partition, from the catalog. */
export async function existingPartitionDays(manager: EntityManager): Promise<Day[]> {
  const rows: { name: string }[] = await manager.query(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_namespace n ON n.oid = p.relnamespace
      WHERE p.relname = 'telemetry' AND n.nspname = current_schema()`,
  );
  return rows
    .map((row) => PARTITION_NAME.exec(row.name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]}-${match[2]}-${match[3]}`)
    .sort();
}

export async function dropPartition(manager: EntityManager, day: Day): Promise<void> {
  known.delete(day);
  await manager.query(`DROP TABLE IF EXISTS ${partitionName(day)}`);
}

function searchIndexName(day: Day): string {
  return `${partitionName(day)}_message_trgm`;
}

/** The days whose partitions have the text-search index. */
export async function daysIndexedForSearch(manager: EntityManager): Promise<Set<Day>> {
  const rows: { name: string }[] = await manager.query(
    `SELECT c.relname AS name FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname LIKE 'telemetry\\_p%\\_message\\_trgm' AND i.indisvalid`,
  );
  return new Set(
    rows
      .map((row) => PARTITION_NAME.exec(row.name.replace(/_message_trgm$/, '')))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => `${match[1]}-${match[2]}-${match[3]}`),
  );
}

/**
 * Builds the trigram index of a day's partition, which `message ILIKE '%word%'` uses. Not CONCURRENTLY: that
 * waits for every older transaction of the database, and a clock-driven job holding its lock was seen waiting
 * minutes behind the system's own traffic. A plain build locks only that day's partition against writes
 * while it runs (seconds for a million rows): late events for a day that is over wait that long, nothing else.
 */
export async function indexForSearch(manager: EntityManager, day: Day): Promise<void> {
  await manager.query(
    `CREATE INDEX IF NOT EXISTS ${searchIndexName(day)} ON ${partitionName(day)} USING gin (message gin_trgm_ops)`,
  );
}
