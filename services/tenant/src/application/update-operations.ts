import type { OperationStatus, UpdateEventData } from '@pac/contracts';
import type { EntityManager } from 'typeorm';
import { moveOperation, startOperation, type Operation } from '../domain/operation';
import { findEnvironmentByName } from '../persistence/environments';
import { findOperation, recordOperation, saveOperation } from '../persistence/operations';
import { tenantsById } from '../persistence/tenants';

/**
 * The operation of one run of an update (GET /v1/tenants/{id}/operations), kept from the lifecycle events:
 * its id is the event's operationId, its parameters say which version and when. Created `scheduled` on the
 * first event about it; later events move it along the operation state machine (a move it does not allow,
 * e.g. from a final status, is ignored: events may come again). `known` is the operation if the caller already
 * read it locked (null: it does not exist); else it is read here, locked.
 */
export async function recordUpdateOperation(
  manager: EntityManager,
  update: UpdateEventData,
  to: OperationStatus,
  at: Date,
  options: { createdBy?: string; known?: Operation | null } = {},
): Promise<Operation | undefined> {
  const parameters = updateParameters(update);
  const current =
    options.known !== undefined
      ? options.known
      : await findOperation(manager, update.operationId, { lock: true });
  if (!current) {
    // An update of a tenant this service does not have (none should exist) is not its operation to keep.
    if (!(await tenantsById(manager, [update.tenantId])).has(update.tenantId)) return undefined;
    const environment = await findEnvironmentByName(manager, update.tenantId, update.environmentName);
    const created = startOperation(
      {
        id: update.operationId,
        tenantId: update.tenantId,
        environmentId: environment?.id ?? null,
        environmentName: update.environmentName,
        type: 'update',
        createdBy: options.createdBy ?? 'system',
        parameters,
      },
      to === 'running' ? 'running' : 'scheduled',
      at,
    );
    const moved = created.status === to ? undefined : moveOperation(created, to, at);
    const value = moved?.ok ? moved.value : created;
    await recordOperation(manager, value);
    return value;
  }
  const moved =
    to === current.status ? { ok: true as const, value: current } : moveOperation(current, to, at);
  if (!moved.ok) return undefined;
  const value = { ...moved.value, parameters: { ...current.parameters, ...parameters } };
  await saveOperation(manager, value);
  return value;
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
