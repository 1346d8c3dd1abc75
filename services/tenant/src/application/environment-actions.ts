import { randomUUID } from 'node:crypto';
import type { EnvironmentEventData, EventDefinition, OperationType } from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import { completedOperation } from '../domain/operation';
import { extensionsOf } from '../persistence/environments';
import { recordOperation } from '../persistence/operations';
import { environmentEventData } from './event-payloads';

/** A synchronous change of an environment: who made it, how the operations log shows it, its event. */
export interface EnvironmentAction<P extends EnvironmentEventData> {
  type: Extract<OperationType, 'rename' | 'soft-delete' | 'recover' | 'purge'>;
  partnerId: string;
  /** The environment as the action left it (for a purge: as it was last). */
  environment: Environment;
  /** The caller's subject, or `system` for the clock's. */
  createdBy: string;
  parameters?: Record<string, unknown>;
  event: EventDefinition<P>;
  /** What the event carries besides the environment's snapshot. */
  eventDetails: Omit<P, keyof EnvironmentEventData>;
}

/**
 * Records a synchronous change of an environment (rename, soft delete, recover, purge) the one way: an
 * operation that started and succeeded at once, and its environment.* event with the environment's snapshot
 * and extensions, in the caller's transaction.
 */
export async function recordEnvironmentAction<P extends EnvironmentEventData>(
  manager: EntityManager,
  outbox: Outbox,
  action: EnvironmentAction<P>,
  now: Date,
): Promise<void> {
  const { environment } = action;
  const extensions = await extensionsOf(manager, environment.id);
  await recordOperation(
    manager,
    completedOperation(
      {
        id: randomUUID(),
        tenantId: environment.tenantId,
        environmentId: environment.id,
        environmentName: environment.name,
        type: action.type,
        createdBy: action.createdBy,
        ...(action.parameters ? { parameters: action.parameters } : {}),
      },
      now,
    ),
  );
  await outbox.add(manager, {
    definition: action.event,
    tenantId: environment.tenantId,
    environmentName: environment.name,
    data: {
      ...environmentEventData(action.partnerId, environment, extensions, now),
      ...action.eventDetails,
    } as P,
  });
}
