import { TenantDirectoryEntry } from '@pac/bootstrap';
import type { EntityManager } from 'typeorm';

/**
 * A tenant put in the tenant directory before its tenant.created arrives (a relayed snapshot), only if it is
 * not there: the directory's projection overwrites it with any event (by `updatedAt`).
 */
export async function insertTenantIfUnknown(
  manager: EntityManager,
  entry: Pick<TenantDirectoryEntry, 'tenantId' | 'partnerId' | 'name' | 'status' | 'updatedAt'>,
): Promise<void> {
  await manager.createQueryBuilder().insert().into(TenantDirectoryEntry).values(entry).orIgnore().execute();
}
