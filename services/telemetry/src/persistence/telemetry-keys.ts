import type { EntityManager } from 'typeorm';
import type { TelemetryKey } from '../domain/telemetry-key';
import { TelemetryKeyEntity } from './telemetry-key.entity';

/** The ingestion keys' reads and writes, inside the caller's transaction (`manager`). */

export async function saveKey(manager: EntityManager, key: TelemetryKey): Promise<void> {
  await manager.getRepository(TelemetryKeyEntity).save(TelemetryKeyEntity.fromDomain(key));
}

/** A key of the environment that is not revoked, or null. */
export async function findActiveKey(
  manager: EntityManager,
  tenantId: string,
  environmentName: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<TelemetryKey | null> {
  const builder = manager
    .getRepository(TelemetryKeyEntity)
    .createQueryBuilder('k')
    .where('k.id = :id AND k.tenant_id = :tenantId AND lower(k.environment_name) = lower(:environmentName)', {
      id,
      tenantId,
      environmentName,
    })
    .andWhere('k.revoked_at IS NULL');
  if (options.lock) builder.setLock('pessimistic_write');
  return (await builder.getOne())?.toDomain() ?? null;
}

/** The key with this hash if it is not revoked: what the gateway asks before it accepts a batch. */
export async function findKeyByHash(manager: EntityManager, keyHash: string): Promise<TelemetryKey | null> {
  const row = await manager.getRepository(TelemetryKeyEntity).findOneBy({ keyHash });
  return row && row.revokedAt === null ? row.toDomain() : null;
}
