import type { DataSource } from 'typeorm';
import { sharedGauge } from './shared-metric';

interface OutboxBacklog {
  rows: number;
  oldestAgeSeconds: number;
}

/** The outboxes of this process (one per service; tests may run several), read when /metrics is scraped. */
const outboxes = new Map<string, DataSource>();
/** One query per scrape for both gauges. */
let lastRead: { at: number; result: Promise<Map<string, OutboxBacklog>> } | undefined;

async function readBacklogs(): Promise<Map<string, OutboxBacklog>> {
  if (lastRead && Date.now() - lastRead.at < 500) return lastRead.result;
  const result = (async () => {
    const backlogs = new Map<string, OutboxBacklog>();
    for (const [schema, dataSource] of outboxes) {
      try {
        // The partial index on unpublished rows: cheap while the relay keeps up, bounded by the backlog.
        const [row] = (await dataSource.query(
          `SELECT count(*)::int AS rows,
                  coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
             FROM "${schema}".outbox WHERE published_at IS NULL`,
        )) as Array<{ rows: number; age: number }>;
        backlogs.set(schema, { rows: row!.rows, oldestAgeSeconds: row!.age });
      } catch {
        // Postgres away: no figure this scrape (the series is absent rather than a made-up zero).
      }
    }
    return backlogs;
  })();
  lastRead = { at: Date.now(), result };
  return result;
}

sharedGauge({
  name: 'messaging_outbox_backlog',
  help: 'Outbox rows committed but not yet published to Kafka',
  labelNames: ['schema'] as const,
  async collect() {
    this.reset();
    for (const [schema, backlog] of await readBacklogs()) this.set({ schema }, backlog.rows);
  },
});

sharedGauge({
  name: 'messaging_outbox_oldest_age_seconds',
  help: 'Age of the oldest unpublished outbox row (0 when none waits): how late events are',
  labelNames: ['schema'] as const,
  async collect() {
    this.reset();
    for (const [schema, backlog] of await readBacklogs()) this.set({ schema }, backlog.oldestAgeSeconds);
  },
});

const relayActive = sharedGauge({
  name: 'messaging_outbox_relay_active',
  help: '1 on the instance whose relay publishes this schema (it holds the lock), 0 on standbys',
  labelNames: ['schema'] as const,
});

export function watchOutbox(schema: string, dataSource: DataSource): void {
  outboxes.set(schema, dataSource);
}

export function unwatchOutbox(schema: string, dataSource: DataSource): void {
  if (outboxes.get(schema) === dataSource) outboxes.delete(schema);
}

export function relayIsActive(schema: string, active: boolean): void {
  relayActive.set({ schema }, active ? 1 : 0);
}
