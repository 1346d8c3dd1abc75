import type { EachBatchPayload } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MessagingLogger } from '../logger';
import type { ConsumerMetrics } from '../metrics/messaging-metrics';
import type { OutcomeReport } from './consume-outcome';
import type { DeadLetterSender } from './dead-letter-sender';
import { GroupHandlerFailure, HandlerFailure, type Inbox, type InboxOutcome } from './inbox';
import { isDatabaseUnavailable } from './infrastructure-error';
import { detailsOf, prepareMessage, type Prepared, type Registration } from './prepared-message';
import { retryDelayMs, type RetryPolicy } from './retry-policy';

export interface PartitionBatchDependencies {
  handlers: ReadonlyMap<string, Registration>;
  inbox: Inbox;
  deadLetters: DeadLetterSender;
  report: OutcomeReport;
  metrics: ConsumerMetrics;
  retryPolicy: RetryPolicy;
  logger: MessagingLogger;
  /** Most messages handled in one transaction. */
  maxBatchSize: number;
  /** Larger values are dead-lettered unread. */
  maxMessageBytes: number;
}

function errorText(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

/**
 * Handles one fetched batch of one partition, in offset order. Messages are taken in groups of up to
 * `maxBatchSize`: each group is one transaction (the inbox rows of all its events in one statement, then each
 * handler in turn), and its offsets are resolved only after that transaction commits. A handler that fails
 * rolls the whole group back; the messages before it are then handled again as a group of their own (they saw
 * nothing of the failure), and the failing one goes alone through retries and, if it keeps failing, the
 * dead-letter topic, so that the partition moves on in order.
 *
 * A failing handler rolls its whole group back rather than a savepoint per message: savepoints would cost two
 * statements per message on the path that matters, and more than 64 subtransactions in one transaction slow
 * every other session's snapshots.
 */
export async function consumePartitionBatch(
  deps: PartitionBatchDependencies,
  { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
): Promise<void> {
  const { topic, partition } = batch;
  const items: Prepared[] = [];
  for (const message of batch.messages)
    items.push(await prepareMessage(message, deps.handlers, deps.maxMessageBytes));
  let next = 0;
  // A handler that failed in a group: where, and how (its first attempt).
  let failure: { at: number; error: unknown } | undefined;
  while (next < items.length) {
    // Stopping, or the partition sought elsewhere: what is left is not resolved, so it is delivered again.
    if (!isRunning() || isStale()) return;
    if (failure?.at === next) {
      // The failing message alone, after the messages before it committed without it.
      await consumeAlone(deps, topic, partition, items[next]!, heartbeat, {
        attempt: 1,
        error: failure.error,
      });
      resolveOffset(items[next]!.message.offset);
      next += 1;
      failure = undefined;
      continue;
    }
    const end = Math.min(failure?.at ?? items.length, next + deps.maxBatchSize);
    const group = items.slice(next, end);
    const startedAt = performance.now();
    let outcomes: Map<Prepared, InboxOutcome>;
    try {
      outcomes = await deps.inbox.processGroup(topic, group);
    } catch (error) {
      const reason = error instanceof GroupHandlerFailure ? error.reason : error;
      // Postgres being away is no fault of the messages: let kafkajs redeliver them later, unresolved.
      if (isDatabaseUnavailable(reason)) throw reason;
      if (error instanceof GroupHandlerFailure) {
        const failed = group[error.index];
        if (failed?.kind === 'handle') deps.metrics.handlerFailed(topic, failed.type);
        // Rolled back with the whole group: the messages before it go again as a group of their own.
        failure = { at: next + error.index, error: reason };
        continue;
      }
      // The group failed in the inbox's own statements: its first message alone, from its first attempt.
      await consumeAlone(deps, topic, partition, items[next]!, heartbeat);
      resolveOffset(items[next]!.message.offset);
      next += 1;
      continue;
    }
    // Committed. Should a dead letter not go out, the error leaves the group unresolved: kafkajs delivers it
    // again, and the inbox turns its handled messages into duplicates.
    await settle(deps, topic, partition, group, outcomes, startedAt);
    resolveOffset(group[group.length - 1]!.message.offset);
    next = end;
    await heartbeat();
  }
  const last = items[items.length - 1];
  if (last) deps.metrics.caughtUpTo(topic, partition, batch.highWatermark, last.message.offset);
}

/** After a group's transaction committed: its dead letters sent, then every outcome reported in order. */
async function settle(
  deps: PartitionBatchDependencies,
  topic: string,
  partition: number,
  group: readonly Prepared[],
  outcomes: ReadonlyMap<Prepared, InboxOutcome>,
  startedAt: number,
): Promise<void> {
  const invalid = group.filter((item) => item.kind === 'invalid');
  if (invalid.length > 0) await deps.deadLetters.send(topic, partition, invalid);
  for (const item of group) {
    if (item.kind === 'skip') {
      deps.report.add(topic, partition, item.message, 'skipped', startedAt, { type: item.type });
    } else if (item.kind === 'invalid') {
      deps.report.add(topic, partition, item.message, 'dead-lettered', startedAt, detailsOf(item));
    } else {
      const outcome = outcomes.get(item)!;
      deps.report.add(topic, partition, item.message, outcome, startedAt, {
        type: item.type,
        eventId: item.eventId,
        attempts: outcome === 'duplicate' ? 0 : 1,
      });
    }
  }
}

/**
 * One message on its own, as every message was before batches: its own transaction, retried with backoff,
 * then the dead-letter topic. `failed` is an attempt already made (in a group) and how it failed.
 */
async function consumeAlone(
  deps: PartitionBatchDependencies,
  topic: string,
  partition: number,
  item: Prepared,
  heartbeat: () => Promise<void>,
  failed?: { attempt: number; error: unknown },
): Promise<void> {
  const { report, deadLetters, retryPolicy, logger } = deps;
  const startedAt = performance.now();
  if (item.kind === 'skip')
    return report.add(topic, partition, item.message, 'skipped', startedAt, { type: item.type });
  if (item.kind === 'invalid') {
    await deadLetters.send(topic, partition, [item]);
    return report.add(topic, partition, item.message, 'dead-lettered', startedAt, detailsOf(item));
  }
  const { type, eventId } = item;
  let lastError = failed?.error;
  for (let attempt = (failed?.attempt ?? 0) + 1; ; attempt++) {
    if (lastError !== undefined) {
      const text = errorText(lastError);
      if (attempt - 1 > retryPolicy.retries) {
        const error = `handler failed after ${attempt - 1} attempts: ${text}`;
        await deadLetters.send(topic, partition, [
          { kind: 'invalid', message: item.message, error, type, eventId },
        ]);
        return report.add(topic, partition, item.message, 'dead-lettered', startedAt, {
          type,
          eventId,
          attempts: attempt - 1,
          error,
        });
      }
      logger.warn({ type, eventId, attempt: attempt - 1, error: text }, 'event handler failed; retrying');
      await sleep(retryDelayMs(retryPolicy, attempt - 1));
      await heartbeat();
    }
    try {
      const outcome = await deps.inbox.processOne(item.envelope, item.registration, topic);
      return report.add(topic, partition, item.message, outcome, startedAt, {
        type,
        eventId,
        attempts: outcome === 'duplicate' ? 0 : attempt,
      });
    } catch (error) {
      const reason = error instanceof HandlerFailure ? error.reason : error;
      // Postgres being away is no fault of the message: let kafkajs redeliver it later, uncommitted.
      if (isDatabaseUnavailable(reason)) throw error;
      deps.metrics.handlerFailed(topic, type);
      lastError = reason;
    }
  }
}
