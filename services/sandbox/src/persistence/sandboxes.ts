import type { Caller } from '@pac/auth';
import { tenantScope } from '@pac/bootstrap';
import { In, type EntityManager } from 'typeorm';
import { LIVE_STATUSES, SAGA_STATUSES, type Sandbox } from '../domain/sandbox';
import { SandboxEntity } from './sandbox.entity';

/** The sandboxes' reads and writes, inside the caller's transaction (`manager`). */

export async function insertSandbox(manager: EntityManager, sandbox: Sandbox): Promise<void> {
  await manager.getRepository(SandboxEntity).insert(SandboxEntity.fromDomain(sandbox));
}

export async function saveSandbox(manager: EntityManager, sandbox: Sandbox): Promise<void> {
  await manager.getRepository(SandboxEntity).save(SandboxEntity.fromDomain(sandbox));
}

/** A tenant's live sandboxes (holding a name, a place in the queue or an environment). */
export async function liveSandboxesOf(manager: EntityManager, tenantId: string): Promise<Sandbox[]> {
  const rows = await manager
    .getRepository(SandboxEntity)
    .find({ where: { tenantId, status: In([...LIVE_STATUSES]) }, order: { createdAt: 'ASC' } });
  return rows.map((row) => row.toDomain());
}

/** The live sandbox of that name (any case) of a tenant the caller may see, locked with `lock`. */
export async function findVisibleSandbox(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  name: string,
  options: { lock?: boolean } = {},
): Promise<Sandbox | null> {
  const scope = tenantScope(caller, tenantId);
  if (!scope) return null;
  const builder = manager
    .getRepository(SandboxEntity)
    .createQueryBuilder('s')
    .where('s.tenant_id = :tenantId AND lower(s.name) = lower(:name)', { tenantId, name })
    .andWhere('s.partner_id = :partnerId', { partnerId: scope.partnerId })
    .orderBy('s.created_at', 'DESC')
    .limit(1);
  if (options.lock) builder.setLock('pessimistic_write');
  return (await builder.getOne())?.toDomain() ?? null;
}

export async function findSandboxByOperation(
  manager: EntityManager,
  operationId: string,
  options: { lock?: boolean } = {},
): Promise<Sandbox | null> {
  const row = await manager.getRepository(SandboxEntity).findOne({
    where: { operationId },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  return row?.toDomain() ?? null;
}

/**
 * The saga's next step for each tenant: the oldest sandbox with work of every tenant (a tenant's copies run
 * one after another, in request order), at most `limit` tenants.
 */
export async function sagaHeads(manager: EntityManager, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT DISTINCT ON (tenant_id) id FROM sandboxes
     WHERE status = ANY($1) ORDER BY tenant_id, created_at, id LIMIT $2`,
    [[...SAGA_STATUSES], limit],
  );
  return rows.map((row) => row.id);
}

/** One sandbox claimed for a step (FOR UPDATE SKIP LOCKED: another instance's step is left to it). */
export async function claimSandbox(manager: EntityManager, id: string): Promise<Sandbox | null> {
  const row = await manager
    .getRepository(SandboxEntity)
    .createQueryBuilder('s')
    .where('s.id = :id', { id })
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getOne();
  return row?.toDomain() ?? null;
}

/** Ready sandboxes whose expiry has passed, or whose warning is due (`warnBefore`: from the expiry, in ms). */
export async function expiringSandboxIds(
  manager: EntityManager,
  now: Date,
  warnBeforeMs: number,
  limit: number,
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM sandboxes WHERE status = 'ready'
       AND (expires_at <= $1 OR (expiry_warned_at IS NULL AND expires_at <= $2))
     ORDER BY expires_at LIMIT $3`,
    [now, new Date(now.getTime() + warnBeforeMs), limit],
  );
  return rows.map((row) => row.id);
}
