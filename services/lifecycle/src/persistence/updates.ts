import { updateRowsById } from '@pac/persistence';
import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { PENDING_STATUSES, type Update } from '../domain/update';
import { UpdateEntity } from './update.entity';
import { versionKey } from './version-key';

/**
 * The update aggregate's reads and writes, inside the caller's transaction (`manager`).
 *
 * A command reads the updates it decides on FOR UPDATE: the scheduler claims due updates FOR UPDATE SKIP
 * LOCKED, so a row read without the lock could be claimed (`running`) between the read and the write, and the
 * write would put it back to `scheduled`. With the lock, the read waits for a claim in progress and sees its
 * result, and the scheduler skips the row until the command commits.
 */
export async function lockedUpdates(
  manager: EntityManager,
  where: FindOptionsWhere<UpdateEntity>,
): Promise<Update[]> {
  const rows = await manager.getRepository(UpdateEntity).find({
    where,
    order: { versionKey: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  return rows.map((row) => row.toDomain());
}

export async function lockedUpdate(
  manager: EntityManager,
  where: FindOptionsWhere<UpdateEntity>,
): Promise<Update | null> {
  return (await lockedUpdates(manager, where))[0] ?? null;
}

/** The updates of an environment that have not run yet (offered or scheduled), locked, oldest version first. */
export function pendingUpdatesOf(
  manager: EntityManager,
  tenantId: string,
  environmentName: string,
): Promise<Update[]> {
  return lockedUpdates(manager, { tenantId, environmentName, status: In([...PENDING_STATUSES]) });
}

/** The update whose run is this operation (not locked: for finding its environment). */
export async function findUpdateOfRun(
  manager: EntityManager,
  tenantId: string,
  operationId: string,
): Promise<Update | null> {
  const row = await manager.getRepository(UpdateEntity).findOneBy({ tenantId, operationId });
  return row?.toDomain() ?? null;
}

/**
 * Scheduled updates whose time has come while their window is open, claimed for this transaction (FOR UPDATE
 * SKIP LOCKED: two instances never claim the same one), at most one per environment: none of an environment
 * that has one running, and the newest version first (a partial unique index allows one running update per
 * environment).
 */
export async function claimDueUpdates(manager: EntityManager, now: Date, limit: number): Promise<Update[]> {
  const rows = await manager
    .getRepository(UpdateEntity)
    .createQueryBuilder('u')
    .where(
      `u.status = 'scheduled' AND NOT u.held AND u.scheduled_for <= :now AND u.window_closes_at > :now`,
      { now },
    )
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM updates busy
                    WHERE busy.tenant_id = u.tenant_id AND busy.environment_name = u.environment_name
                      AND busy.status = 'running')`,
    )
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM updates newer
                    WHERE newer.tenant_id = u.tenant_id AND newer.environment_name = u.environment_name
                      AND newer.status = 'scheduled' AND NOT newer.held AND newer.scheduled_for <= :now
                      AND newer.window_closes_at > :now AND newer.version_key > u.version_key)`,
    )
    .orderBy('u.scheduled_for')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
  return rows.map((row) => row.toDomain());
}

/** Scheduled updates whose window closed before they could start, claimed (FOR UPDATE SKIP LOCKED). */
export async function claimMissedUpdates(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<Update[]> {
  const rows = await manager
    .getRepository(UpdateEntity)
    .createQueryBuilder('u')
    .where(`u.status = 'scheduled' AND NOT u.held AND u.window_closes_at <= :now`, { now })
    .orderBy('u.window_closes_at')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
  return rows.map((row) => row.toDomain());
}

/** Whether the scheduler has anything to do at `now`: one indexed statement, outside any transaction. */
export async function schedulerWork(
  manager: EntityManager,
  now: Date,
): Promise<{ missed: boolean; due: boolean }> {
  const [work] = (await manager.query(
    `SELECT EXISTS (SELECT 1 FROM updates
                     WHERE status = 'scheduled' AND NOT held AND window_closes_at <= $1) AS missed,
            EXISTS (SELECT 1 FROM updates WHERE status = 'scheduled' AND NOT held AND scheduled_for <= $1) AS due`,
    [now],
  )) as [{ missed: boolean; due: boolean }];
  return work;
}

/**
 * Offered updates, in one statement (a release reaches thousands of environments at once). An environment
 * that has this update already keeps it (ON CONFLICT DO NOTHING): the release job and the consumer of
 * environment.created may both offer it. Returns the ids of the updates it created.
 */
export async function insertOfferedUpdates(
  manager: EntityManager,
  updates: readonly Update[],
): Promise<Set<string>> {
  if (updates.length === 0) return new Set();
  const inserted = (await manager.query(
    `INSERT INTO updates (id, tenant_id, environment_name, partner_id, target_version, version_key, status,
                          operation_id, selected, ignore_update_window, scheduled_for, window_closes_at,
                          blocking_extensions, available_at, updated_at)
     SELECT id, tenant_id, environment_name, partner_id, target_version, version_key, status, operation_id,
            selected, ignore_update_window, scheduled_for, window_closes_at, blocking_extensions,
            available_at, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS o (id uuid, tenant_id uuid, environment_name text,
            partner_id uuid, target_version text, version_key integer, status text, operation_id uuid,
            selected boolean, ignore_update_window boolean, scheduled_for timestamptz,
            window_closes_at timestamptz, blocking_extensions jsonb, available_at timestamptz,
            updated_at timestamptz)
     ON CONFLICT (tenant_id, environment_name, target_version) DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        updates.map((u) => ({
          id: u.id,
          tenant_id: u.tenantId,
          environment_name: u.environmentName,
          partner_id: u.partnerId,
          target_version: u.targetVersion,
          version_key: versionKey(u.targetVersion),
          status: u.status,
          operation_id: u.operationId,
          selected: u.selected,
          ignore_update_window: u.ignoreUpdateWindow,
          scheduled_for: u.scheduledFor,
          window_closes_at: u.windowClosesAt,
          blocking_extensions: u.blockingExtensions,
          available_at: u.availableAt,
          updated_at: u.updatedAt,
        })),
      ),
    ],
  )) as { id: string }[];
  return new Set(inserted.map((row) => row.id));
}

export function saveUpdate(manager: EntityManager, update: Update): Promise<void> {
  return saveUpdates(manager, [update]);
}

/**
 * Writes where updates stand now (every column a decision may change; never their identity, environment or
 * version), in one statement, on rows the caller holds locked.
 */
export async function saveUpdates(manager: EntityManager, updates: readonly Update[]): Promise<void> {
  await updateRowsById(
    manager,
    'updates',
    {
      status: 'text',
      operation_id: 'uuid',
      selected: 'boolean',
      selected_date_time: 'timestamptz',
      ignore_update_window: 'boolean',
      scheduled_for: 'timestamptz',
      window_closes_at: 'timestamptz',
      blocking_extensions: 'jsonb',
      failure_reason: 'text',
      started_at: 'timestamptz',
      completed_at: 'timestamptz',
      updated_at: 'timestamptz',
      held: 'boolean',
    },
    updates.map((u) => ({
      id: u.id,
      status: u.status,
      operation_id: u.operationId,
      selected: u.selected,
      selected_date_time: u.selectedDateTime,
      ignore_update_window: u.ignoreUpdateWindow,
      scheduled_for: u.scheduledFor,
      window_closes_at: u.windowClosesAt,
      blocking_extensions: u.blockingExtensions,
      failure_reason: u.failureReason,
      started_at: u.startedAt,
      completed_at: u.completedAt,
      updated_at: u.updatedAt,
      held: u.held,
    })),
  );
}
