import type { EnvironmentEventData } from '@pac/contracts';
import { In, type EntityManager } from 'typeorm';
import type { UpdateWindow } from '../domain/update-window';
import { versionKey } from '../domain/version';
import { EnvironmentViewEntity } from '../persistence/environment-view.entity';
import { ReleaseEntity } from '../persistence/release.entity';
import type { UpdateEntity } from '../persistence/update.entity';
import { lockedUpdates } from '../persistence/update-rows';

/**
 * The lifecycle service's copy of an environment, from the snapshot every environment.* and extension.* event
 * carries. The newest event wins (by occurredAt); the update window is this service's own and is set only when
 * the environment first appears. Returns the environment as it is now (null if it is unknown and no window was
 * given to create it).
 */
export async function applyEnvironmentSnapshot(
  manager: EntityManager,
  data: EnvironmentEventData,
  windowIfNew?: UpdateWindow,
): Promise<EnvironmentViewEntity | null> {
  const { environment } = data;
  const snapshot = {
    partner_id: data.partnerId,
    type: environment.type,
    status: environment.status,
    application_version: environment.applicationVersion,
    version_key: versionKey(environment.applicationVersion),
    extensions: JSON.stringify(environment.extensions),
    state_at: new Date(data.occurredAt),
  };
  let written: EnvironmentRow[];
  if (windowIfNew) {
    written = await manager.query(
      `INSERT INTO environments (tenant_id, name, partner_id, type, status, application_version, version_key,
                                 extensions, preferred_start_time, preferred_end_time, time_zone, state_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)
       ON CONFLICT (tenant_id, name) DO UPDATE SET
         partner_id = EXCLUDED.partner_id, type = EXCLUDED.type, status = EXCLUDED.status,
         application_version = EXCLUDED.application_version, version_key = EXCLUDED.version_key,
         extensions = EXCLUDED.extensions, state_at = EXCLUDED.state_at
       WHERE environments.state_at <= EXCLUDED.state_at
       RETURNING *`,
      [
        data.tenantId,
        environment.name,
        snapshot.partner_id,
        snapshot.type,
        snapshot.status,
        snapshot.application_version,
        snapshot.version_key,
        snapshot.extensions,
        windowIfNew.preferredStartTime,
        windowIfNew.preferredEndTime,
        windowIfNew.timeZone,
        snapshot.state_at,
      ],
    );
  } else {
    [written] = (await manager.query(
      `UPDATE environments SET partner_id = $3, type = $4, status = $5, application_version = $6,
              version_key = $7, extensions = $8::jsonb, state_at = $9
        WHERE tenant_id = $1 AND name = $2 AND state_at <= $9
        RETURNING *`,
      [
        data.tenantId,
        environment.name,
        snapshot.partner_id,
        snapshot.type,
        snapshot.status,
        snapshot.application_version,
        snapshot.version_key,
        snapshot.extensions,
        snapshot.state_at,
      ],
    )) as [EnvironmentRow[], number];
  }
  const row = written[0];
  if (row) return fromRow(row);
  // Nothing written (an older event arriving late): the environment as it is, if known.
  return manager
    .getRepository(EnvironmentViewEntity)
    .findOneBy({ tenantId: data.tenantId, name: environment.name });
}

interface EnvironmentRow {
  tenant_id: string;
  name: string;
  partner_id: string;
  type: EnvironmentViewEntity['type'];
  status: EnvironmentViewEntity['status'];
  application_version: string;
  version_key: number;
  extensions: EnvironmentViewEntity['extensions'];
  preferred_start_time: string;
  preferred_end_time: string;
  time_zone: string;
  state_at: Date;
}

function fromRow(row: EnvironmentRow): EnvironmentViewEntity {
  return Object.assign(new EnvironmentViewEntity(), {
    tenantId: row.tenant_id,
    name: row.name,
    partnerId: row.partner_id,
    type: row.type,
    status: row.status,
    applicationVersion: row.application_version,
    versionKey: row.version_key,
    extensions: row.extensions,
    preferredStartTime: row.preferred_start_time,
    preferredEndTime: row.preferred_end_time,
    timeZone: row.time_zone,
    stateAt: row.state_at,
  });
}

/** The updates of an environment that have not run yet (offered or scheduled), locked, with their releases. */
export async function pendingUpdatesOf(
  manager: EntityManager,
  tenantId: string,
  environmentName: string,
): Promise<{ update: UpdateEntity; release: ReleaseEntity }[]> {
  const updates = await lockedUpdates(manager, {
    tenantId,
    environmentName,
    status: In(['available', 'scheduled']),
  });
  if (updates.length === 0) return [];
  const releases = await manager
    .getRepository(ReleaseEntity)
    .findBy({ version: In(updates.map((u) => u.targetVersion)) });
  const byVersion = new Map(releases.map((r) => [r.version, r]));
  return updates.map((update) => ({ update, release: byVersion.get(update.targetVersion)! }));
}
