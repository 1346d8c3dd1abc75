import { type Admin, Kafka, KafkaLogLevel as logLevel } from '@pac/messaging';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TopicToCreate {
  name: string;
  partitions: number;
}

function adminClient(brokers: string[], retries: number, connectionTimeout: number): Admin {
  // Silent: a broker that is still starting makes kafkajs log connection errors that are expected here.
  return new Kafka({
    clientId: 'pac-stack',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout,
    requestTimeout: 10_000,
    retry: { retries },
  }).admin();
}

/**
 * Readiness as clients see it: the admin client connects and gets cluster metadata. The broker's log is not
 * a contract. `failure` reports why waiting is pointless (e.g. the process died) and stops at once.
 */
export async function waitForKafka(
  brokers: string[],
  timeoutMs: number,
  failure: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    // Short connection timeout: a refused or slow attempt is simply tried again.
    const admin = adminClient(brokers, 0, 1_000);
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const reason = failure();
    if (reason) throw new Error(reason);
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka at ${brokers.join(',')} did not become ready in ${timeoutMs / 1000} s: ${lastError}`,
      );
    }
    await sleep(150);
  }
}

/** A cluster is ready once `count` brokers have registered (each node answers, and the quorum has a leader). */
export async function waitForBrokers(
  brokers: string[],
  count: number,
  timeoutMs: number,
  failure: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const admin = adminClient(brokers, 0, 1_000);
    try {
      await admin.connect();
      seen = (await admin.describeCluster()).brokers.length;
      if (seen >= count) return;
    } catch {
      // Not up yet: tried again below.
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const reason = failure();
    if (reason) throw new Error(reason);
    if (Date.now() > deadline)
      throw new Error(
        `${seen} of ${count} Kafka brokers registered within ${timeoutMs / 1000} s (${brokers.join(',')})`,
      );
    await sleep(250);
  }
}

/** How topics are replicated; by default the broker's (one copy on the single local broker). */
export interface TopicReplication {
  replicationFactor: number;
  minInsyncReplicas: number;
}

/**
 * Creates the topics that do not exist yet (never alters existing ones), with the broker's default replication
 * or the one given,
 * and wakes the group coordinator so that the first consumer group of a test does not wait for
 * __consumer_offsets to be created. Returns the names of the topics it created.
 */
export async function ensureTopics(
  brokers: string[],
  topics: TopicToCreate[],
  replication?: TopicReplication,
): Promise<string[]> {
  // A broker that has just restarted on existing data may still be loading its partitions ("This server
  // does not host this topic-partition"): such retriable errors are tried again for a while.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await ensureTopicsOnce(brokers, topics, replication);
    } catch (error) {
      if (!isTransient(error) || Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

async function ensureTopicsOnce(
  brokers: string[],
  topics: TopicToCreate[],
  replication: TopicReplication | undefined,
): Promise<string[]> {
  // Generous timeouts: on a loaded machine a fresh broker can take seconds to answer.
  const admin = adminClient(brokers, 8, 10_000);
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          ...(replication
            ? {
                replicationFactor: replication.replicationFactor,
                configEntries: [
                  { name: 'min.insync.replicas', value: String(replication.minInsyncReplicas) },
                ],
              }
            : {}),
        })),
        waitForLeaders: true,
      });
    }
    // Only a head start for the first consumer group: on failure that group just waits a little longer.
    await admin.describeGroups(['pac-stack-warm-up']).catch(() => undefined);
    return missing.map((topic) => topic.name);
  } finally {
    await admin.disconnect();
  }
}

/** kafkajs wraps a retriable error it gave up on; either way the cause may pass if tried again later. */
function isTransient(error: unknown): boolean {
  const e = error as
    { retriable?: boolean; name?: string; originalError?: unknown; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.retriable || e.name === 'KafkaJSNumberOfRetriesExceeded') return true;
  return isTransient(e.originalError) || isTransient(e.cause);
}
