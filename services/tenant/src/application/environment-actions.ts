import { randomUUID } from 'node:crypto';
import type { EnvironmentEventData, EventDefinition, OperationType } from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import type { Extension } from '../domain/extension';
import { completedOperation } from '../domain/operation';
import { extensionsOf } from '../persistence/environments';
import { recordOperation } from '../persistence/operations';
import { environmentEventData } from './event-payloads';

/** A synchronous change of an environment by the system: how the operations log shows it, its event. */
export interface EnvironmentAction<P extends EnvironmentEventData> {
  type: Extract<OperationType, 'purge'>;
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
 * Records a synchronous change of an environment by the system (the purge) the one way: an operation that
 * started and succeeded at once, and its environment.* event with the environment's snapshot and
 * extensions, in the caller's transaction. Changes callers ask for are scheduled operations
 * (EnvironmentOperations).
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
  await announceEnvironmentChange(manager, outbox, { ...action, extensions }, now);
}

/** An environment.* event with the environment's snapshot (as `environment` is) and extensions. */
export async function announceEnvironmentChange<P extends EnvironmentEventData>(
  manager: EntityManager,
  outbox: Outbox,
  change: Pick<EnvironmentAction<P>, 'partnerId' | 'environment' | 'event' | 'eventDetails'> & {
    extensions: Extension[];
  },
  now: Date,
): Promise<void> {
  const { environment } = change;
  await outbox.add(manager, {
    definition: change.event,
    tenantId: environment.tenantId,
    environmentName: environment.name,
    data: {
      ...environmentEventData(change.partnerId, environment, change.extensions, now),
      ...change.eventDetails,
    } as P,
  });
}
