import type { Caller } from '@pac/auth';
import { tenantScope } from '@pac/bootstrap';
import type { EntityManager } from 'typeorm';
import type { SandboxQuota } from '../domain/sandbox-quota';
import { SandboxQuotaEntity } from './sandbox-quota.entity';

/** The sandbox quotas' reads and writes, inside the caller's transaction (`manager`). */

export async function insertQuota(manager: EntityManager, quota: SandboxQuota, at: Date): Promise<void> {
  await manager.getRepository(SandboxQuotaEntity).insert(SandboxQuotaEntity.fromDomain(quota, at));
}

/** The quota of a tenant the caller may see (tenantScope), or null. */
export async function findVisibleQuota(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
): Promise<SandboxQuota | null> {
  const scope = tenantScope(caller, tenantId);
  if (!scope) return null;
  return (await manager.getRepository(SandboxQuotaEntity).findOneBy(scope))?.toDomain() ?? null;
}

/** The tenant as this service knows it (from tenant.created), locked: requests of one tenant queue here. */
export async function lockTenant(
  manager: EntityManager,
  tenantId: string,
): Promise<{ tenantId: string; partnerId: string } | null> {
  const row = await manager
    .getRepository(SandboxQuotaEntity)
    .findOne({ where: { tenantId }, lock: { mode: 'pessimistic_write' } });
  return row ? { tenantId: row.tenantId, partnerId: row.partnerId } : null;
}
