import type { UpdateEventData } from '@pac/contracts';
import type { EntityManager } from 'typeorm';
import { moveOperation, startOperation, type Operation, type OperationStatus } from '../../domain/operation';
import { OperationEntity } from '../../persistence/operation.entity';
import { TenantEntity } from '../../persistence/tenant.entity';
import { findEnvironmentByName, recordOperation } from '../../persistence/tenant-scope';

/**
 * The operation of one run of an update (GET /v1/tenants/{id}/operations), kept from the lifecycle events:
 * its id is the event's operationId, its parameters say which version and when. Created `scheduled` on the
 * first event about it; later events move it along the operation state machine (a move it does not allow,
 * e.g. from a final status, is ignored: events may come again).
 */
export async function recordUpdateOperation(
  manager: EntityManager,
  update: UpdateEventData,
  to: OperationStatus,
  at: Date,
  createdBy = 'system',
  /** The operation's row if the caller already locked it (null: it does not exist). */
  locked?: OperationEntity | null,
): Promise<Operation | undefined> {
  const repository = manager.getRepository(OperationEntity);
  const parameters = updateParameters(update);
  const row =
    locked !== undefined
      ? locked
      : await repository.findOne({ where: { id: update.operationId }, lock: { mode: 'pessimistic_write' } });
  if (!row) {
    // An update of a tenant this service does not have (none should exist) is not its operation to keep.
    if (!(await manager.getRepository(TenantEntity).existsBy({ id: update.tenantId }))) return undefined;
    const environment = await findEnvironmentByName(manager, update.tenantId, update.environmentName);
    const created = startOperation(
      {
        id: update.operationId,
        tenantId: update.tenantId,
        environmentName: update.environmentName,
        type: 'update',
        createdBy,
        parameters,
      },
      to === 'running' ? 'running' : 'scheduled',
      at,
    );
    const moved = created.status === to ? undefined : moveOperation(created, to, at);
    const value = moved?.ok ? moved.value : created;
    await recordOperation(manager, value, environment?.id ?? null);
    return value;
  }
  const current = row.toDomain();
  const moved =
    to === current.status ? { ok: true as const, value: current } : moveOperation(current, to, at);
  if (!moved.ok) return undefined;
  await repository.update(
    { id: row.id },
    {
      status: moved.value.status,
      startedAt: moved.value.startedAt ? new Date(moved.value.startedAt) : null,
      completedAt: moved.value.completedAt ? new Date(moved.value.completedAt) : null,
      // Free-form JSON is beyond TypeORM's deep-partial typing.
      parameters: { ...current.parameters, ...parameters } as never,
    },
  );
  return moved.value;
}

/** What an update operation shows: the version, when it runs, and how it was chosen. */
export function updateParameters(update: UpdateEventData): Record<string, unknown> {
  return {
    updateId: update.updateId,
    targetVersion: update.targetVersion,
    updateType: update.updateType,
    scheduledFor: update.schedule.scheduledFor,
    timeZone: update.schedule.timeZone,
    selected: update.schedule.selected,
    ignoreUpdateWindow: update.schedule.ignoreUpdateWindow,
  };
}
