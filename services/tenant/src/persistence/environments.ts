import { updateRowsById } from '@pac/persistence';
import { In, type EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import type { Extension } from '../domain/extension';
import { EnvironmentEntity } from './environment.entity';
import { ExtensionEntity } from './extension.entity';

/**
 * The environment aggregate's reads and writes, its installed extensions included, inside the caller's
 * transaction (`manager`).
 */

/** An environment of a tenant by name, whatever its case; locked FOR UPDATE with `lock`. */
export async function findEnvironmentByName(
  manager: EntityManager,
  tenantId: string,
  name: string,
  options: { lock?: boolean } = {},
): Promise<Environment | null> {
  const builder = manager
    .getRepository(EnvironmentEntity)
    .createQueryBuilder('e')
    .where('e.tenant_id = :tenantId', { tenantId })
    .andWhere('lower(e.name) = lower(:name)', { name });
  if (options.lock) builder.setLock('pessimistic_write');
  return (await builder.getOne())?.toDomain() ?? null;
}

/** Environments by id, locked FOR UPDATE in id order (a batch of a job: no two batches deadlock). */
export async function lockEnvironments(
  manager: EntityManager,
  ids: readonly (string | null)[],
): Promise<Map<string, Environment>> {
  const known = [...new Set(ids.filter((id): id is string => id !== null))];
  if (known.length === 0) return new Map();
  const rows = await manager
    .getRepository(EnvironmentEntity)
    .createQueryBuilder('e')
    .where('e.id IN (:...ids)', { ids: known })
    .orderBy('e.id')
    .setLock('pessimistic_write')
    .getMany();
  return new Map(rows.map((row) => [row.id, row.toDomain()]));
}

/** Every environment of a tenant not yet purged (soft-deleted ones included). */
export async function environmentsOf(manager: EntityManager, tenantId: string): Promise<Environment[]> {
  const rows = await manager.getRepository(EnvironmentEntity).find({ where: { tenantId } });
  return rows.map((row) => row.toDomain());
}

/** Soft-deleted environments past their purgeAt, oldest first, claimed FOR UPDATE SKIP LOCKED. */
export async function claimEnvironmentsDueForPurge(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<Environment[]> {
  const rows = await manager
    .getRepository(EnvironmentEntity)
    .createQueryBuilder('e')
    .where(`e.status = 'soft-deleted'`)
    .andWhere('e.purge_at <= :now', { now })
    .orderBy('e.purge_at', 'ASC')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
  return rows.map((row) => row.toDomain());
}

export async function insertEnvironment(manager: EntityManager, environment: Environment): Promise<void> {
  await manager.getRepository(EnvironmentEntity).insert(EnvironmentEntity.fromDomain(environment));
}

/** Writes an environment's changed state (everything but its identity, tenant and creation time). */
export async function saveEnvironment(manager: EntityManager, environment: Environment): Promise<void> {
  const {
    id,
    tenantId: _tenantId,
    createdAt: _createdAt,
    ...changes
  } = EnvironmentEntity.fromDomain(environment);
  await manager.getRepository(EnvironmentEntity).update({ id }, changes);
}

/** What applying updates changes (status, version, time) on many environments, in one statement. */
export async function saveUpdatedEnvironments(
  manager: EntityManager,
  environments: readonly Environment[],
): Promise<void> {
  await updateRowsById(
    manager,
    'environments',
    { status: 'text', application_version: 'text', updated_at: 'timestamptz' },
    environments.map((e) => ({
      id: e.id,
      status: e.status,
      application_version: e.applicationVersion,
      updated_at: e.updatedAt,
    })),
  );
}

/** Deletes an environment for good, with its extensions (the purge). */
export async function deleteEnvironment(manager: EntityManager, environmentId: string): Promise<void> {
  await manager.getRepository(EnvironmentEntity).delete({ id: environmentId });
}

/** The extensions installed in an environment, oldest first. */
export async function extensionsOf(manager: EntityManager, environmentId: string): Promise<Extension[]> {
  return (await extensionsOfEach(manager, [environmentId])).get(environmentId) ?? [];
}

/** The extensions of several environments, by environment id, each oldest first. */
export async function extensionsOfEach(
  manager: EntityManager,
  environmentIds: readonly string[],
): Promise<Map<string, Extension[]>> {
  const byEnvironment = new Map<string, Extension[]>();
  if (environmentIds.length === 0) return byEnvironment;
  const rows = await manager.getRepository(ExtensionEntity).find({
    where: { environmentId: In([...environmentIds]) },
    order: { installedAt: 'ASC', id: 'ASC' },
  });
  for (const row of rows)
    byEnvironment.set(row.environmentId, [...(byEnvironment.get(row.environmentId) ?? []), row.toDomain()]);
  return byEnvironment;
}

export async function insertExtension(manager: EntityManager, extension: Extension): Promise<void> {
  await manager.getRepository(ExtensionEntity).insert(ExtensionEntity.fromDomain(extension));
}

export async function deleteExtension(manager: EntityManager, extensionId: string): Promise<void> {
  await manager.getRepository(ExtensionEntity).delete({ id: extensionId });
}
