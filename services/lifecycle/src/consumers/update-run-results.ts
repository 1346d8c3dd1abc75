import { UpdateSucceeded } from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { ReleaseTerms } from '../domain/update-schedule';
import type { EnvironmentViewEntity } from '../persistence/environment-view.entity';
import { ReleaseEntity } from '../persistence/release.entity';
import { updateEventData, updateRowOf, type UpdateColumns } from '../update-event';

/** Release terms never change once published: kept in memory, one read per release and process. */
const terms = new Map<string, ReleaseTerms>();

export async function releaseTerms(
  manager: EntityManager,
  version: string,
): Promise<ReleaseTerms | undefined> {
  let known = terms.get(version);
  if (!known) {
    const release = await manager.getRepository(ReleaseEntity).findOneBy({ version });
    if (!release) return undefined;
    terms.set(version, (known = release.terms()));
  }
  return known;
}

/**
 * The environment is on the version of its running update (environment.version-changed with its updateId):
 * the update succeeded, and update.succeeded says so. Only the update's running run is closed, once.
 */
export async function succeedUpdate(
  manager: EntityManager,
  outbox: Outbox,
  environment: EnvironmentViewEntity,
  updateId: string,
  previousVersion: string,
  now: Date,
  operationId?: string,
): Promise<void> {
  const [rows] = (await manager.query(
    `UPDATE updates SET status = 'succeeded', completed_at = $2, updated_at = $2, blocking_extensions = '[]',
            failure_reason = NULL
      WHERE id = $1 AND status = 'running' AND ($3::uuid IS NULL OR operation_id = $3)
      RETURNING id, operation_id, tenant_id, partner_id, environment_name, target_version, status, selected,
                selected_date_time, ignore_update_window, scheduled_for, window_closes_at`,
    [updateId, now, operationId ?? null],
  )) as [UpdateColumns[], number];
  const row = rows[0];
  if (!row) return;
  const release = await releaseTerms(manager, row.target_version);
  if (!release) return;
  const update = updateRowOf(row);
  await outbox.add(manager, {
    definition: UpdateSucceeded,
    tenantId: update.tenantId,
    environmentName: update.environmentName,
    data: {
      ...updateEventData(update, { ...environment, applicationVersion: row.target_version }, release, now),
      previousVersion,
      completedAt: now.toISOString(),
    },
  });
}
