import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import {
  checkTelemetryBatch,
  TelemetryBatchReceived,
  type TelemetryBatchReceivedData,
  type TelemetryEventInput,
} from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import { Outbox } from '@pac/messaging';
import { Counter, register } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { saveAndAnnounceIssues } from '../application/issue-events';
import { countRepeat, decideSpike, tallyErrors, type IssueChange } from '../domain/issue';
import { unstorableTimestamp } from '../domain/telemetry-retention';
import { addErrorCounts, clearErrorCounts, errorsInWindow } from '../persistence/error-counts';
import { issueRuleOf } from '../persistence/issue-rules';
import { activeIssuesOf } from '../persistence/issues';
import { insertTelemetryEvents } from '../persistence/telemetry-rows';
import { TelemetryConfig } from '../telemetry.config';

const events =
  (register.getSingleMetric('telemetry_ingested_events_total') as Counter<'outcome'> | undefined) ??
  new Counter({
    name: 'telemetry_ingested_events_total',
    help: 'Ingested telemetry events: stored, or dropped (past-retention, future)',
    labelNames: ['outcome'],
  });

/**
 * The ingestion path's storage: one accepted request's events (the gateway produced them to the ingest
 * topic) become rows in one multi-row statement, in the inbox transaction of their message, so that a
 * redelivered batch (a crash before the offset commit, a rebalance) finds its `ce_id` in the inbox and is not
 * stored twice, and the offset is committed only after the rows are. The messages of a partition fetched
 * together share one transaction (up to 100 batches: one commit for up to 100,000 rows).
 *
 * Events stamped before the retention limit, or more than a day ahead of the clock, are not stored (counted
 * in `telemetry_ingested_events_total`): they would have no partition to go to.
 *
 * Errors count toward issues (domain/issue.ts): a repeat of an active issue updates its count and last-seen
 * time; else the errors go to the per-minute counters and a window reaching the tenant's threshold opens one.
 */
@Controller()
export class OnTelemetryBatchReceived {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly config: TelemetryConfig,
  ) {}

  @EventPattern(TelemetryBatchReceived.type)
  async handle(
    @Payload() envelope: EventEnvelope<TelemetryBatchReceivedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const batch = envelope.data;
    // Only the gateway writes this topic, but no message is trusted: a bad one fails (then dead-letters).
    const checked = checkTelemetryBatch(batch.events);
    if (!checked.ok)
      throw new Error(`not a telemetry batch: ${checked.error.field} ${checked.error.message}`);
    const now = this.clock.now();
    const storable = this.storable(checked.events, now);
    await insertTelemetryEvents(manager, batch, storable);
    await this.countErrors(manager, batch, storable, now);
  }

  private storable(all: readonly TelemetryEventInput[], now: Date): TelemetryEventInput[] {
    const kept = all.filter((event) => {
      const reason = unstorableTimestamp(
        Date.parse(event.timestamp),
        now,
        this.config.TELEMETRY_RETENTION_DAYS,
      );
      if (reason) events.inc({ outcome: reason });
      return reason === undefined;
    });
    events.inc({ outcome: 'stored' }, kept.length);
    return kept;
  }

  private async countErrors(
    manager: EntityManager,
    batch: TelemetryBatchReceivedData,
    stored: readonly TelemetryEventInput[],
    now: Date,
  ): Promise<void> {
    const { byEventId, byMinute } = tallyErrors(stored);
    if (byEventId.size === 0) return;
    const { tenantId, partnerId, environmentName } = batch;
    const active = await activeIssuesOf(manager, tenantId, environmentName, [...byEventId.keys()]);
    const rule = await issueRuleOf(manager, tenantId, this.config.defaultIssueRule);
    const changes: IssueChange[] = [];
    for (const [eventId, tally] of byEventId) {
      const issue = active.get(eventId);
      if (issue) {
        changes.push(countRepeat(issue, tally, now));
        continue;
      }
      const key = { tenantId, environmentName, eventId };
      await addErrorCounts(manager, key, byMinute.get(eventId)!, now);
      const window = await errorsInWindow(manager, key, rule.windowMinutes);
      const opened = decideSpike({ ...key, partnerId }, window, rule, randomUUID(), now);
      if (!opened) continue;
      await clearErrorCounts(manager, key);
      changes.push(opened);
    }
    await saveAndAnnounceIssues(manager, this.outbox, changes, now);
  }
}
