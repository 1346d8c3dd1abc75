import type { EnvironmentEventData } from '@pac/contracts';
import type { EntityManager } from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

/** The environments projection's reads and writes, inside the caller's transaction (`manager`). */

export async function saveEnvironment(manager: EntityManager, data: EnvironmentEventData): Promise<void> {
  await manager.query(
    `INSERT INTO environments (tenant_id, partner_id, name, status) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, name) DO UPDATE SET status = EXCLUDED.status`,
    [data.tenantId, data.partnerId, data.environment.name, data.environment.status],
  );
}

/** A rename: the environment, its ingestion keys and its active issues go under the new name. */
export async function renameEnvironment(
  manager: EntityManager,
  tenantId: string,
  previousName: string,
  name: string,
): Promise<void> {
  await manager.query(`UPDATE environments SET name = $3 WHERE tenant_id = $1 AND name = $2`, [
    tenantId,
    previousName,
    name,
  ]);
  await manager.query(
    `UPDATE telemetry_keys SET environment_name = $3 WHERE tenant_id = $1 AND environment_name = $2`,
    [tenantId, previousName, name],
  );
}

/** A purge: the environment is gone for good, and its keys are revoked. */
export async function removeEnvironment(
  manager: EntityManager,
  tenantId: string,
  name: string,
  now: Date,
): Promise<void> {
  await manager.query(`DELETE FROM environments WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
  await manager.query(
    `UPDATE telemetry_keys SET revoked_at = $3 WHERE tenant_id = $1 AND environment_name = $2 AND revoked_at IS NULL`,
    [tenantId, name, now],
  );
}

/** An environment of the tenant by name in any case (paths find an environment in any case), or null. */
export async function findEnvironment(
  manager: EntityManager,
  tenantId: string,
  name: string,
): Promise<EnvironmentEntity | null> {
  return manager
    .getRepository(EnvironmentEntity)
    .createQueryBuilder('e')
    .where('e.tenant_id = :tenantId AND lower(e.name) = lower(:name)', { tenantId, name })
    .getOne();
}
