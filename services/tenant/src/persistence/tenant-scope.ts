import type { Caller } from '@pac/auth';
import { callerMaySee } from '@pac/bootstrap';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Environment } from '../domain/environment';
import type { Extension } from '../domain/extension';
import type { Operation } from '../domain/operation';
import { EnvironmentEntity } from './environment.entity';
import { ExtensionEntity } from './extension.entity';
import { OperationEntity } from './operation.entity';
import { TenantEntity } from './tenant.entity';

/**
 * Loads a tenant the caller may see (their partner's; a customer admin's own), or null: another partner's
 * tenant and a missing one look the same. With `lock`, the row is locked FOR NO KEY UPDATE until the end of
 * the transaction: every change to a tenant's environments takes it first, so quota checks, name checks and
 * status changes of one tenant happen one at a time (it does not block the foreign-key checks of inserts).
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

/** An environment of a tenant by name, whatever its case; locked FOR UPDATE with `lock`. */
export async function findEnvironmentByName(
  manager: EntityManager,
  tenantId: string,
  name: string,
  options: { lock?: boolean } = {},
): Promise<EnvironmentEntity | null> {
  const builder = manager
    .getRepository(EnvironmentEntity)
    .createQueryBuilder('e')
    .where('e.tenant_id = :tenantId', { tenantId })
    .andWhere('lower(e.name) = lower(:name)', { name });
  if (options.lock) builder.setLock('pessimistic_write');
  return builder.getOne();
}

/** Every environment of a tenant not yet purged (soft-deleted ones included). */
export async function environmentsOf(manager: EntityManager, tenantId: string): Promise<Environment[]> {
  const rows = await manager.getRepository(EnvironmentEntity).find({ where: { tenantId } });
  return rows.map((row) => row.toDomain());
}

/** The extensions installed in an environment, oldest first. */
export async function extensionsOf(manager: EntityManager, environmentId: string): Promise<Extension[]> {
  const rows = await manager
    .getRepository(ExtensionEntity)
    .find({ where: { environmentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return rows.map((row) => row.toDomain());
}

/** Writes an environment's changed state (everything but its identity and tenant). */
export async function saveEnvironment(manager: EntityManager, environment: Environment): Promise<void> {
  const {
    id,
    tenantId: _tenantId,
    createdAt: _createdAt,
    ...changes
  } = EnvironmentEntity.fromDomain(environment);
  await manager.getRepository(EnvironmentEntity).update({ id }, changes);
}

/** Stores a new operation on an environment. */
export async function recordOperation(
  manager: EntityManager,
  operation: Operation,
  environmentId: string | null,
): Promise<void> {
  // Free-form JSON parameters are beyond TypeORM's deep-partial typing; the row is complete.
  const row = OperationEntity.fromDomain(operation, environmentId) as QueryDeepPartialEntity<OperationEntity>;
  await manager.getRepository(OperationEntity).insert(row);
}
