import { anyRow } from '@pac/bootstrap';
import type { OperationType } from '@pac/contracts';
import { updateRowsById } from '@pac/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Operation } from '../domain/operation';
import { OperationEntity } from './operation.entity';

/** The operation aggregate's reads and writes, inside the caller's transaction (`manager`). */

/** One operation, whoever's; locked FOR UPDATE with `lock` (a command deciding on its status). */
export async function findOperation(
  manager: EntityManager,
  operationId: string,
  options: { lock?: boolean } = {},
): Promise<Operation | null> {
  const row = await manager.getRepository(OperationEntity).findOne({
    where: { id: operationId },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  return row?.toDomain() ?? null;
}

/**
 * Running operations of one type, oldest first, claimed for this transaction (FOR UPDATE SKIP LOCKED: an
 * operation another instance works on is left to it); `operationId` narrows it to that one.
 */
export async function claimRunningOperations(
  manager: EntityManager,
  type: OperationType,
  options: { limit: number; oldestBy: 'created_at' | 'started_at'; operationId?: string },
): Promise<Operation[]> {
  const builder = manager
    .getRepository(OperationEntity)
    .createQueryBuilder('o')
    .where(`o.type = :type AND o.status = 'running'`, { type });
  if (options.operationId) builder.andWhere('o.id = :id', { id: options.operationId });
  const rows = await builder
    .orderBy(`o.${options.oldestBy}`, 'ASC')
    .limit(options.limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
  return rows.map((row) => row.toDomain());
}

/** The environment changes that are scheduled operations, run by EnvironmentOperations. */
export const SCHEDULED_ENVIRONMENT_CHANGES = ['rename', 'soft-delete', 'recover'] as const;
export type ScheduledEnvironmentChange = (typeof SCHEDULED_ENVIRONMENT_CHANGES)[number];

/**
 * Scheduled environment changes (rename, soft delete, recover), oldest first, claimed for this transaction
 * (FOR UPDATE SKIP LOCKED); `operationId` narrows it to that one.
 */
export async function claimScheduledEnvironmentChanges(
  manager: EntityManager,
  options: { limit: number; operationId?: string },
): Promise<Operation[]> {
  const builder = manager
    .getRepository(OperationEntity)
    .createQueryBuilder('o')
    .where(`o.status = 'scheduled' AND o.type IN ('rename', 'soft-delete', 'recover')`);
  if (options.operationId) builder.andWhere('o.id = :id', { id: options.operationId });
  const rows = await builder
    .orderBy('o.created_at', 'ASC')
    .limit(options.limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
  return rows.map((row) => row.toDomain());
}

/** Whether an environment change waits to be run (the job's cheap question, on its partial index). */
export function anyScheduledEnvironmentChange(dataSource: DataSource): Promise<boolean> {
  return anyRow(
    dataSource,
    `SELECT 1 FROM operations WHERE status = 'scheduled' AND type IN ('rename', 'soft-delete', 'recover')`,
  );
}

/** The operation an environment waits for or undergoes (scheduled or running), if any. */
export async function pendingOperationOn(
  manager: EntityManager,
  environmentId: string,
): Promise<Operation | null> {
  const row = await manager
    .getRepository(OperationEntity)
    .createQueryBuilder('o')
    .where('o.environment_id = :environmentId', { environmentId })
    .andWhere(`o.status IN ('scheduled', 'running')`)
    .andWhere(`o.type IN ('create', 'rename', 'soft-delete', 'recover')`)
    .orderBy('o.created_at', 'ASC')
    .getOne();
  return row?.toDomain() ?? null;
}

/**
 * Whether an operation of this type is running: one statement on the partial index, outside any transaction
 * (the cheap `hasWork` of a job that ticks often).
 */
export function anyRunningOperation(dataSource: DataSource, type: 'create' | 'update'): Promise<boolean> {
  // The type written in the statement (a closed union, never input): the partial index of that type serves it.
  return anyRow(dataSource, `SELECT 1 FROM operations WHERE type = '${type}' AND status = 'running'`);
}

export async function recordOperation(manager: EntityManager, operation: Operation): Promise<void> {
  // Free-form JSON parameters are beyond TypeORM's deep-partial typing; the row is complete.
  const row = OperationEntity.fromDomain(operation) as QueryDeepPartialEntity<OperationEntity>;
  await manager.getRepository(OperationEntity).insert(row);
}

/** Writes where an operation stands now (status, times, error, parameters). */
export async function saveOperation(manager: EntityManager, operation: Operation): Promise<void> {
  await saveOperations(manager, [operation]);
}

/** The same for many operations, in one statement (a batch of a job). */
export async function saveOperations(
  manager: EntityManager,
  operations: readonly Operation[],
): Promise<void> {
  await updateRowsById(
    manager,
    'operations',
    {
      status: 'text',
      started_at: 'timestamptz',
      completed_at: 'timestamptz',
      error: 'jsonb',
      parameters: 'jsonb',
    },
    operations.map((o) => ({
      id: o.id,
      status: o.status,
      started_at: o.startedAt,
      completed_at: o.completedAt,
      error: o.error,
      parameters: o.parameters,
    })),
  );
}
