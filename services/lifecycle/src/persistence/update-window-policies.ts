import type { Caller } from '@pac/auth';
import { tenantScope } from '@pac/bootstrap';
import type { EntityManager } from 'typeorm';
import type { UpdateWindowPolicy } from '../domain/update-window';
import { UpdateWindowPolicyEntity } from './update-window-policy.entity';

/** The update window policies' reads and writes, inside the caller's transaction (`manager`). */

export async function findPolicy(
  manager: EntityManager,
  tenantId: string,
): Promise<UpdateWindowPolicy | null> {
  const row = await manager.getRepository(UpdateWindowPolicyEntity).findOneBy({ tenantId });
  return row?.toDomain() ?? null;
}

/** The policy of a tenant the caller may see (tenantScope), or null. */
export async function findVisiblePolicy(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
): Promise<UpdateWindowPolicy | null> {
  const scope = tenantScope(caller, tenantId);
  if (!scope) return null;
  const row = await manager.getRepository(UpdateWindowPolicyEntity).findOneBy(scope);
  return row?.toDomain() ?? null;
}

export async function insertPolicy(
  manager: EntityManager,
  policy: UpdateWindowPolicy,
  at: Date,
): Promise<void> {
  await manager
    .getRepository(UpdateWindowPolicyEntity)
    .insert(UpdateWindowPolicyEntity.fromDomain(policy, at));
}
