import type { Caller } from '@pac/auth';
import type { IssueOpenedData } from '@pac/contracts';
import type { EntityManager } from 'typeorm';
import { KnownIssueEntity } from './issue.entity';

/** Records an issue once (the event may come again). */
export async function rememberIssue(manager: EntityManager, issue: IssueOpenedData): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(KnownIssueEntity)
    .values({
      issueId: issue.issueId,
      tenantId: issue.tenantId,
      partnerId: issue.partnerId,
      environmentName: issue.environmentName,
      eventId: issue.eventId,
      openedAt: new Date(issue.firstSeenAt),
    })
    .orIgnore()
    .execute();
}

/** An issue of the caller's partner (a customer admin: of its own tenant), or null. */
export async function findVisibleIssue(
  manager: EntityManager,
  caller: Caller,
  issueId: string,
): Promise<KnownIssueEntity | null> {
  const issue = await manager.getRepository(KnownIssueEntity).findOneBy({ issueId });
  if (!issue || issue.partnerId !== caller.partnerId) return null;
  if (caller.tenantId !== undefined && caller.tenantId !== issue.tenantId) return null;
  return issue;
}
