import type { Caller } from '@pac/auth';
import { tenantScope } from '@pac/bootstrap';
import { In, type EntityManager } from 'typeorm';
import type { Tenant } from '../domain/tenant';
import { TenantEntity } from './tenant.entity';

/**
 * The tenant aggregate's reads and writes. Every function takes the transaction's `manager`: a command handler
 * calls them inside its `inTransaction`, never on the data source's own manager.
 */

/**
 * A tenant the caller may see (tenantScope: their partner's; a customer admin's own), or null: another
 * partner's tenant and a missing one look the same. With `lock`, the row is locked FOR NO KEY UPDATE until the
 * end of the transaction: every change to a tenant and its environments takes it first, so quota checks, name
 * checks and status changes of one tenant happen one at a time (it does not block the foreign-key checks of
 * inserts).
 */
export async function findVisibleTenant(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  options: { lock?: boolean } = {},
): Promise<Tenant | null> {
  const scope = tenantScope(caller, tenantId);
  if (!scope) return null;
  const row = await manager.getRepository(TenantEntity).findOne({
    where: { id: scope.tenantId, partnerId: scope.partnerId },
    ...(options.lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
  });
  return row?.toDomain() ?? null;
}

/**
 * One tenant by id, whoever's (a job, or a platform admin acting on it); with `lock`, locked FOR NO KEY
 * UPDATE as findVisibleTenant locks it.
 */
export async function findTenantById(
  manager: EntityManager,
  tenantId: string,
  options: { lock?: boolean } = {},
): Promise<Tenant | null> {
  const row = await manager.getRepository(TenantEntity).findOne({
    where: { id: tenantId },
    ...(options.lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
  });
  return row?.toDomain() ?? null;
}

/** Tenants by id, whoever's (the clock's jobs act for the system, not for a caller). */
export async function tenantsById(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, Tenant>> {
  if (ids.length === 0) return new Map();
  const rows = await manager.getRepository(TenantEntity).findBy({ id: In([...new Set(ids)]) });
  return new Map(rows.map((row) => [row.id, row.toDomain()]));
}

export async function insertTenant(manager: EntityManager, tenant: Tenant): Promise<void> {
  await manager.getRepository(TenantEntity).insert(TenantEntity.fromDomain(tenant));
}

/** Writes a tenant's changed state (everything but its identity, partner and creation time). */
export async function saveTenant(manager: EntityManager, tenant: Tenant): Promise<void> {
  const { id, partnerId: _partnerId, createdAt: _createdAt, ...changes } = TenantEntity.fromDomain(tenant);
  await manager.getRepository(TenantEntity).update({ id }, changes);
}
