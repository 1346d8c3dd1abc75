import type { EntityManager } from 'typeorm';
import type { IssueRule } from '../domain/issue';
import { IssueRuleEntity } from './issue-rule.entity';

/** The tenant's issue rule, or `fallback` (the configured default) when it has none of its own. */
export async function issueRuleOf(
  manager: EntityManager,
  tenantId: string,
  fallback: IssueRule,
): Promise<IssueRule> {
  const row = await manager.getRepository(IssueRuleEntity).findOneBy({ tenantId });
  return row?.toDomain() ?? fallback;
}

export async function saveIssueRule(
  manager: EntityManager,
  tenant: { tenantId: string; partnerId: string },
  rule: IssueRule,
  now: Date,
): Promise<void> {
  await manager.getRepository(IssueRuleEntity).save({ ...tenant, ...rule, updatedAt: now });
}

/** The shortest quiet period of any tenant's rule (the quiet-issues job's cheap check uses it). */
export async function shortestQuietMinutes(manager: EntityManager, fallback: IssueRule): Promise<number> {
  const rows: { shortest: number | null }[] = await manager.query(
    `SELECT min(quiet_minutes) AS shortest FROM issue_rules`,
  );
  return Math.min(rows[0]?.shortest ?? fallback.quietMinutes, fallback.quietMinutes);
}
