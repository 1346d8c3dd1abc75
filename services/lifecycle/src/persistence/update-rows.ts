import type { EntityManager, FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { UpdateEntity } from './update.entity';

/** The columns a command may change on an update it read (id, keys and version never change). */
export type UpdateChanges = Partial<
  Omit<
    UpdateEntity,
    'id' | 'tenantId' | 'environmentName' | 'partnerId' | 'targetVersion' | 'versionKey' | 'run'
  >
>;

/**
 * Updates read FOR UPDATE, for a command that decides on their state and then writes them. The scheduler
 * claims due updates with FOR UPDATE SKIP LOCKED: a row read here without the lock could be claimed
 * (`running`) between the read and the write, and the write would put it back to `scheduled`. With the lock,
 * the read waits for a claim in progress and sees its result, and the scheduler skips the row until the
 * command commits.
 */
export function lockedUpdates(
  manager: EntityManager,
  where: FindOptionsWhere<UpdateEntity>,
): Promise<UpdateEntity[]> {
  return manager.getRepository(UpdateEntity).find({
    where,
    order: { versionKey: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
}

export async function lockedUpdate(
  manager: EntityManager,
  where: FindOptionsWhere<UpdateEntity>,
): Promise<UpdateEntity | null> {
  return (await lockedUpdates(manager, where))[0] ?? null;
}

/**
 * Writes only the columns a command changed, on a row it holds locked (never the whole row, as save() would
 * from a copy read earlier), and applies them to the entity it has in hand.
 */
export async function changeUpdate(
  manager: EntityManager,
  update: UpdateEntity,
  changes: UpdateChanges,
): Promise<void> {
  await manager
    .getRepository(UpdateEntity)
    .update({ id: update.id }, changes as QueryDeepPartialEntity<UpdateEntity>);
  Object.assign(update, changes);
}
