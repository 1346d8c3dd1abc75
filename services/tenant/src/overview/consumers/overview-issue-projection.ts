import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { ISSUE_EVENTS, type IssueEventData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyIssueEvent, isOpenIssue } from '../domain/open-issues';
import { issuesOfCustomer, saveIssue, saveOpenIssues } from '../persistence/overview-store';

/**
 * The issue column of the central view (`openIssues`, and the `hasOpenIssues` filter), from the telemetry
 * service's issue.* events: each issue is kept as its events leave it, and the count is derived again from
 * all of the customer's issues, so a late or repeated event never leaves it wrong.
 */
@Controller()
export class OverviewIssueProjection {
  @EventPattern(ISSUE_EVENTS.map((event) => event.type))
  async handle(
    @Payload() envelope: EventEnvelope<IssueEventData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { tenantId, issueId } = envelope.data;
    const issues = await issuesOfCustomer(manager, tenantId);
    const next = applyIssueEvent(issues.get(issueId), envelope.data);
    if (!next) return;
    await saveIssue(manager, tenantId, issueId, next);
    issues.set(issueId, next);
    await saveOpenIssues(manager, tenantId, [...issues.values()].filter(isOpenIssue).length);
  }
}
