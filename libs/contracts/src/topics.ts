/**
 * Every Kafka topic of the system, declared once. The stack command creates them (with their dead-letter
 * twins) from this list, and `deploy/` mirrors it with production partition counts and replication.
 */
export const Topics = {
  tenant: 'admin-center.tenant.v1',
  lifecycle: 'admin-center.lifecycle.v1',
  sandbox: 'admin-center.sandbox.v1',
  telemetry: 'admin-center.telemetry.v1',
  notification: 'admin-center.notification.v1',
  telemetryIngest: 'admin-center.internal.telemetry-ingest',
  tenantCommands: 'admin-center.internal.tenant-commands',
  /** What became of each update.started (tenant → lifecycle). */
  updateResults: 'admin-center.internal.update-results',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export interface TopicDefinition {
  name: TopicName;
  /** Public topics are the integrators' contract (see docs/asyncapi.yaml); internal ones may change freely. */
  visibility: 'public' | 'internal';
  /** Partitions for a local single-broker stack; messages are keyed by tenant id, so order holds per tenant. */
  partitions: number;
}

export const topicDefinitions: readonly TopicDefinition[] = [
  { name: Topics.tenant, visibility: 'public', partitions: 6 },
  { name: Topics.lifecycle, visibility: 'public', partitions: 6 },
  { name: Topics.sandbox, visibility: 'public', partitions: 6 },
  { name: Topics.telemetry, visibility: 'public', partitions: 6 },
  { name: Topics.notification, visibility: 'public', partitions: 6 },
  { name: Topics.telemetryIngest, visibility: 'internal', partitions: 6 },
  { name: Topics.tenantCommands, visibility: 'internal', partitions: 6 },
  { name: Topics.updateResults, visibility: 'internal', partitions: 6 },
];

/** The dead-letter topic of a topic: where messages that cannot be handled go, with their error. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** Partitions of every dead-letter topic: they are read by people and tools, not by scaled-out consumers. */
export const DEAD_LETTER_PARTITIONS = 1;

/** Every topic to create, the dead-letter ones included. */
export function allTopicsToCreate(): { name: string; partitions: number }[] {
  return topicDefinitions.flatMap((t) => [
    { name: t.name, partitions: t.partitions },
    { name: deadLetterTopicOf(t.name), partitions: DEAD_LETTER_PARTITIONS },
  ]);
}
