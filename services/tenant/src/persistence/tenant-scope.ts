import type { Caller } from '@pac/auth';
import { callerMaySee } from '@pac/bootstrap';
import type { EntityManager } from 'typeorm';
import { TenantEntity } from './tenant.entity';

/**
 * Loads a tenant the caller may see (their partner's; a customer admin's own), or null: another partner's
 * tenant and a missing one look the same. With `lock`, the row is locked FOR NO KEY UPDATE until the end of
 * the transaction, so changes to one tenant happen one at a time (it does not block foreign-key checks).
 */
export async function findVisibleTenant(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  options: { lock?: boolean } = {},
): Promise<TenantEntity | null> {
  if (!callerMaySee(caller, tenantId)) return null;
  return manager.getRepository(TenantEntity).findOne({
    where: { id: tenantId, partnerId: caller.partnerId },
    ...(options.lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
  });
}
