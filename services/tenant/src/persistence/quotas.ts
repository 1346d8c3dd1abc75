import type { EntityManager } from 'typeorm';
import { noGrant, type QuotaGrant } from '../domain/quota';
import { QuotaGrantEntity } from './quota-grant.entity';

/** A tenant's quota grant (none stored: the defaults), inside the caller's transaction. */
export async function quotaGrantOf(manager: EntityManager, tenantId: string): Promise<QuotaGrant> {
  const row = await manager.getRepository(QuotaGrantEntity).findOne({ where: { tenantId } });
  return row?.toDomain() ?? noGrant(tenantId);
}

export async function saveQuotaGrant(manager: EntityManager, grant: QuotaGrant): Promise<void> {
  await manager.getRepository(QuotaGrantEntity).upsert(QuotaGrantEntity.fromDomain(grant), ['tenantId']);
}
