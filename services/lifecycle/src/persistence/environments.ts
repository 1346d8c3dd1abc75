import type { Caller } from '@pac/auth';
import { tenantScope } from '@pac/bootstrap';
import type { EnvironmentEventData } from '@pac/contracts';
import { Not, type EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import type { OfferedEnvironment } from '../domain/update';
import type { UpdateWindow } from '../domain/update-window';
import { EnvironmentEntity } from './environment.entity';
import type { Lane } from './release-distribution-lanes';
import { lowestVersionKeyOffered, versionKey } from './version-key';

/** The environments projection's reads and writes, inside the caller's transaction (`manager`). */

/**
 * An environment of a tenant the caller may see (tenantScope), by name, or null (answered 404: another
 * partner's environment is never revealed). `lock` takes the row for the transaction, which serialises the
 * changes to one environment's window and updates.
 */
export async function findVisibleEnvironment(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  name: string,
  options: { lock?: boolean } = {},
): Promise<Environment | null> {
  const scope = tenantScope(caller, tenantId);
  if (!scope) return null;
  const row = await manager.getRepository(EnvironmentEntity).findOne({
    where: { tenantId: scope.tenantId, partnerId: scope.partnerId, name },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  return row?.toDomain() ?? null;
}

export async function findEnvironment(
  manager: EntityManager,
  tenantId: string,
  name: string,
): Promise<Environment | null> {
  const row = await manager.getRepository(EnvironmentEntity).findOneBy({ tenantId, name });
  return row?.toDomain() ?? null;
}

/** Environments by tenant and name, keyed `tenantId/name` (a batch of the scheduler). */
export async function environmentsByName(
  manager: EntityManager,
  keys: readonly { tenantId: string; environmentName: string }[],
): Promise<Map<string, Environment>> {
  if (keys.length === 0) return new Map();
  const rows = await manager
    .getRepository(EnvironmentEntity)
    .createQueryBuilder('e')
    .where(
      '(e.tenant_id, e.name) IN (SELECT * FROM unnest(CAST(:tenants AS uuid[]), CAST(:names AS text[])))',
      { tenants: keys.map((k) => k.tenantId), names: keys.map((k) => k.environmentName) },
    )
    .getMany();
  return new Map(rows.map((row) => [environmentKey(row.tenantId, row.name), row.toDomain()]));
}

/**
 * A tenant's environments the caller may see (tenantScope), soft-deleted ones left out, by name (as
 * GET .../update-windows lists them), optionally of one type.
 */
export async function visibleEnvironmentsOf(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  type?: Environment['type'],
): Promise<Environment[]> {
  const scope = tenantScope(caller, tenantId);
  if (!scope) return [];
  const rows = await manager.getRepository(EnvironmentEntity).find({
    where: { ...scope, status: Not('soft-deleted'), ...(type ? { type } : {}) },
    order: { name: 'ASC' },
  });
  return rows.map((row) => row.toDomain());
}

export function environmentKey(tenantId: string, name: string): string {
  return `${tenantId}/${name}`;
}

/**
 * The environments a release may reach, in (tenant_id, name) order after a cursor, within a range of tenant
 * ids (a lane of the distribution): older version, previews only to sandboxes, not soft-deleted.
 */
export async function environmentsToOffer(
  manager: EntityManager,
  release: { version: string; type: string },
  lane: Lane,
  limit: number,
): Promise<OfferedEnvironment[]> {
  const builder = manager
    .getRepository(EnvironmentEntity)
    .createQueryBuilder('e')
    .where('e.tenant_id >= :from', { from: lane.tenantFrom })
    .andWhere(`e.status <> 'soft-deleted' AND e.version_key < :key AND e.version_key >= :lowestKey`, {
      key: versionKey(release.version),
      // within the environment's current or next major version (eligibility)
      lowestKey: lowestVersionKeyOffered(release.version),
    })
    .andWhere(`(:type <> 'preview' OR e.type = 'sandbox')`, { type: release.type });
  if (lane.tenantTo) builder.andWhere('e.tenant_id < :to', { to: lane.tenantTo });
  if (lane.after) {
    builder.andWhere('(e.tenant_id, e.name) > (CAST(:afterTenant AS uuid), CAST(:afterName AS text))', {
      afterTenant: lane.after.tenantId,
      afterName: lane.after.name,
    });
  }
  // Raw rows of the columns an offer needs: this read feeds fan-outs to 100,000 environments, where
  // hydrating entities costs more than the rest of the offer (docs/benchmarks.md, lifecycle).
  const columns = [
    'tenant_id',
    'name',
    'partner_id',
    'type',
    'application_version',
    'extensions',
    'preferred_start_time',
    'preferred_end_time',
    'time_zone',
  ];
  columns.forEach((column, i) =>
    i === 0 ? builder.select(`e.${column}`, column) : builder.addSelect(`e.${column}`, column),
  );
  const rows = (await builder
    .orderBy('e.tenant_id')
    .addOrderBy('e.name')
    .limit(limit)
    .getRawMany()) as OfferRow[];
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    name: row.name,
    partnerId: row.partner_id,
    type: row.type,
    applicationVersion: row.application_version,
    extensions: row.extensions,
    window: {
      preferredStartTime: row.preferred_start_time,
      preferredEndTime: row.preferred_end_time,
      timeZone: row.time_zone,
    },
  }));
}

interface OfferRow {
  tenant_id: string;
  name: string;
  partner_id: string;
  type: Environment['type'];
  application_version: string;
  extensions: Environment['extensions'];
  preferred_start_time: string;
  preferred_end_time: string;
  time_zone: string;
}

/**
 * The lifecycle service's copy of an environment, from the snapshot every environment.* and extension.* event
 * carries. The newest event wins (by occurredAt); the update window is this service's own and is set only when
 * the environment first appears (`windowIfNew`; without it an unknown environment is not created). Returns the
 * environment as it is now (null if unknown).
 */
export async function applyEnvironmentSnapshot(
  manager: EntityManager,
  data: EnvironmentEventData,
  windowIfNew?: UpdateWindow,
): Promise<Environment | null> {
  const { environment } = data;
  const snapshot = {
    partnerId: data.partnerId,
    type: environment.type,
    status: environment.status,
    applicationVersion: environment.applicationVersion,
    versionKey: versionKey(environment.applicationVersion),
    extensions: environment.extensions,
    stateAt: new Date(data.occurredAt),
  };
  const key = { tenantId: data.tenantId, name: environment.name };
  if (windowIfNew) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EnvironmentEntity)
      .values({ ...key, ...snapshot, ...windowIfNew })
      .orUpdate(
        ['partner_id', 'type', 'status', 'application_version', 'version_key', 'extensions', 'state_at'],
        ['tenant_id', 'name'],
        { overwriteCondition: { where: 'environments.state_at <= EXCLUDED.state_at' } },
      )
      .execute();
  } else {
    await manager
      .createQueryBuilder()
      .update(EnvironmentEntity)
      .set(snapshot)
      .where('tenant_id = :tenantId AND name = :name AND state_at <= :stateAt', {
        ...key,
        stateAt: snapshot.stateAt,
      })
      .execute();
  }
  return findEnvironment(manager, key.tenantId, key.name);
}

/** The environment is renamed: it keeps its window and its updates (the key cascades to its updates). */
export async function renameEnvironment(
  manager: EntityManager,
  tenantId: string,
  previousName: string,
  name: string,
): Promise<void> {
  await manager.query(
    `UPDATE environments SET name = $3 WHERE tenant_id = $1 AND name = $2
        AND NOT EXISTS (SELECT 1 FROM environments taken WHERE taken.tenant_id = $1 AND taken.name = $3)`,
    [tenantId, previousName, name],
  );
}

export async function saveWindow(manager: EntityManager, environment: Environment): Promise<void> {
  await manager
    .getRepository(EnvironmentEntity)
    .update({ tenantId: environment.tenantId, name: environment.name }, { ...environment.window });
}

/** Gone for good, with its updates (they cascade). */
export async function deleteEnvironment(
  manager: EntityManager,
  tenantId: string,
  name: string,
): Promise<void> {
  await manager.getRepository(EnvironmentEntity).delete({ tenantId, name });
}
