import type { Caller } from '@pac/auth';
import { tenantScope } from '@pac/bootstrap';
import type { EntityManager } from 'typeorm';
import type { Issue } from '../domain/issue';
import { IssueEntity } from './issue.entity';

/** The issues' reads and writes, inside the caller's transaction (`manager`). */

export async function saveIssues(manager: EntityManager, issues: readonly Issue[]): Promise<void> {
  if (issues.length === 0) return;
  await manager.getRepository(IssueEntity).save(issues.map((issue) => IssueEntity.fromDomain(issue)));
}

/** The active (open or acknowledged) issues of an environment for these event ids, locked, by event id. */
export async function activeIssuesOf(
  manager: EntityManager,
  tenantId: string,
  environmentName: string,
  eventIds: readonly string[],
): Promise<Map<string, Issue>> {
  if (eventIds.length === 0) return new Map();
  const rows = await manager
    .getRepository(IssueEntity)
    .createQueryBuilder('i')
    .where('i.tenant_id = :tenantId AND i.environment_name = :environmentName', { tenantId, environmentName })
    .andWhere('i.event_id = ANY(:eventIds)', { eventIds })
    .andWhere(`i.status <> 'resolved'`)
    .setLock('pessimistic_write')
    .getMany();
  return new Map(rows.map((row) => [row.eventId, row.toDomain()]));
}

/** An issue of a tenant the caller may see, or null (another partner's issue is never revealed). */
export async function findVisibleIssue(
  manager: EntityManager,
  caller: Caller,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Issue | null> {
  const row = await manager.getRepository(IssueEntity).findOne({
    where: { id },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!row) return null;
  const scope = tenantScope(caller, row.tenantId);
  return scope && scope.partnerId === row.partnerId ? row.toDomain() : null;
}

/**
 * Active issues quiet for their tenant's period (the tenant's rule, else `defaultQuietMinutes`), claimed
 * (FOR UPDATE SKIP LOCKED: instances share the work, and a partner's command on one waits for it).
 */
export async function claimQuietIssues(
  manager: EntityManager,
  now: Date,
  defaultQuietMinutes: number,
  limit: number,
): Promise<Issue[]> {
  const ids: { id: string }[] = await manager.query(
    `SELECT i.id FROM issues i LEFT JOIN issue_rules r ON r.tenant_id = i.tenant_id
      WHERE i.status <> 'resolved'
        AND i.last_counted_at <= $1::timestamptz - make_interval(mins => coalesce(r.quiet_minutes, $2))
      ORDER BY i.last_counted_at
      LIMIT $3
      FOR UPDATE OF i SKIP LOCKED`,
    [now, defaultQuietMinutes, limit],
  );
  if (ids.length === 0) return [];
  const rows = await manager
    .getRepository(IssueEntity)
    .createQueryBuilder('i')
    .where('i.id = ANY(:ids)', { ids: ids.map((row) => row.id) })
    .getMany();
  return rows.map((row) => row.toDomain());
}

/** Whether any active issue may have gone quiet by `now` (one indexed statement, for the job's idle ticks). */
export async function anyIssueQuietBy(
  manager: EntityManager,
  now: Date,
  shortestQuietMinutes: number,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM issues WHERE status <> 'resolved'
        AND last_counted_at <= $1::timestamptz - make_interval(mins => $2) LIMIT 1`,
    [now, shortestQuietMinutes],
  );
  return rows.length > 0;
}
