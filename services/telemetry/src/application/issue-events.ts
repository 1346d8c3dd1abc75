import { IssueAcknowledged, IssueOpened, IssueResolved, type IssueEventData } from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { Issue, IssueChange } from '../domain/issue';
import { saveIssues } from '../persistence/issues';

/**
 * Saves what the issue rules decided and writes the issue.* event each change announces, in the caller's
 * transaction: the one place that builds issue.* payloads. `rule` is the rule that opened an issue.
 */
export async function saveAndAnnounceIssues(
  manager: EntityManager,
  outbox: Outbox,
  changes: readonly IssueChange[],
  now: Date,
): Promise<void> {
  await saveIssues(
    manager,
    changes.map((change) => change.issue),
  );
  for (const change of changes) {
    const { issue, announce } = change;
    if (!announce) continue;
    const base = { tenantId: issue.tenantId, environmentName: issue.environmentName };
    const data = issueEventData(issue, now);
    if (change.announce === 'opened')
      await outbox.add(manager, {
        ...base,
        definition: IssueOpened,
        data: { ...data, threshold: change.rule.threshold, windowMinutes: change.rule.windowMinutes },
      });
    else if (announce === 'acknowledged')
      await outbox.add(manager, {
        ...base,
        definition: IssueAcknowledged,
        data: { ...data, acknowledgedBy: issue.acknowledgedBy ?? 'unknown' },
      });
    else
      await outbox.add(manager, {
        ...base,
        definition: IssueResolved,
        data: { ...data, resolution: issue.resolution ?? 'partner' },
      });
  }
}

function issueEventData(issue: Issue, now: Date): IssueEventData {
  return {
    issueId: issue.id,
    tenantId: issue.tenantId,
    partnerId: issue.partnerId,
    environmentName: issue.environmentName,
    eventId: issue.eventId,
    status: issue.status,
    count: issue.count,
    firstSeenAt: issue.firstSeenAt,
    lastSeenAt: issue.lastSeenAt,
    occurredAt: now.toISOString(),
  };
}
