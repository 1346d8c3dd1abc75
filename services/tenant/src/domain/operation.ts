import type { OperationStatus, OperationType } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';

export interface OperationError {
  code: string;
  message: string;
}

/** An action on an environment that the API reports as an operation (docs/api-conventions.md). */
export interface Operation {
  id: string;
  tenantId: string;
  /** The environment it acts on (internal: names change, ids do not); kept after the environment is purged. */
  environmentId: string | null;
  environmentName: string | null;
  type: OperationType;
  status: OperationStatus;
  /** The caller's subject, or `system` for what the clock does. */
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  error: OperationError | null;
  parameters: Record<string, unknown>;
}

export type OperationDecisionError = DomainError<
  'operation-transition-invalid' | 'operation-not-cancelable' | 'operation-run-elsewhere'
>;

/**
 * Operations the tenant service runs itself. Others (`update`, `copy`) are run by the lifecycle and sandbox
 * services: the tenant service only records them, so it cannot cancel them on its own (the gateway sends the
 * cancel of an `update` operation to the lifecycle service; docs/architecture.md).
 */
export const OPERATIONS_RUN_HERE: readonly OperationType[] = [
  'create',
  'rename',
  'soft-delete',
  'recover',
  'purge',
];

/**
 * The operation state machine:
 *
 *   scheduled ─┬─> queued ─┬─> running ─┬─> succeeded
 *              │           │            └─> failed
 *              ├───────────┴─> canceled     (by a caller, only before it runs)
 *              └───────────┴─> skipped      (by the system, e.g. superseded)
 *   scheduled ──> running (a scheduled operation may start directly)
 *
 * succeeded, failed, canceled and skipped are final.
 */
const NEXT: Record<OperationStatus, readonly OperationStatus[]> = {
  scheduled: ['queued', 'running', 'canceled', 'skipped'],
  queued: ['running', 'canceled', 'skipped'],
  running: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
  canceled: [],
  skipped: [],
};

export function isFinal(status: OperationStatus): boolean {
  return NEXT[status].length === 0;
}

export function canMove(from: OperationStatus, to: OperationStatus): boolean {
  return NEXT[from].includes(to);
}

export interface NewOperation {
  id: string;
  tenantId: string;
  environmentId: string | null;
  environmentName: string | null;
  type: OperationType;
  createdBy: string;
  parameters?: Record<string, unknown>;
}

/** A new operation in its first status (`running` sets startedAt). */
export function startOperation(
  operation: NewOperation,
  status: 'scheduled' | 'queued' | 'running',
  now: Date,
): Operation {
  const at = now.toISOString();
  return {
    id: operation.id,
    tenantId: operation.tenantId,
    environmentId: operation.environmentId,
    environmentName: operation.environmentName,
    type: operation.type,
    status,
    createdBy: operation.createdBy,
    createdAt: at,
    startedAt: status === 'running' ? at : null,
    completedAt: null,
    error: null,
    parameters: operation.parameters ?? {},
  };
}

/** A synchronous action, recorded as an operation that started and succeeded at once. */
export function completedOperation(operation: NewOperation, now: Date): Operation {
  const at = now.toISOString();
  return { ...startOperation(operation, 'running', now), status: 'succeeded', completedAt: at };
}

/** Moves an operation along the state machine; `running` stamps startedAt, a final status completedAt. */
export function moveOperation(
  operation: Operation,
  to: OperationStatus,
  now: Date,
  error?: OperationError,
): Decision<Operation, OperationDecisionError> {
  if (!canMove(operation.status, to)) {
    return refuse('operation-transition-invalid', `an operation cannot go from ${operation.status} to ${to}`);
  }
  const at = now.toISOString();
  return accept({
    ...operation,
    status: to,
    startedAt: to === 'running' ? at : operation.startedAt,
    completedAt: isFinal(to) ? at : operation.completedAt,
    error: to === 'failed' ? (error ?? { code: 'failed', message: 'the operation failed' }) : operation.error,
  });
}

/** A caller cancels an operation only while it waits (queued or scheduled). */
export function decideCancelOperation(
  operation: Operation,
  now: Date,
): Decision<Operation, OperationDecisionError> {
  if (!OPERATIONS_RUN_HERE.includes(operation.type)) {
    return refuse(
      'operation-run-elsewhere',
      `a ${operation.type} operation is canceled by the service that runs it (an update's by the lifecycle service)`,
    );
  }
  if (operation.status !== 'queued' && operation.status !== 'scheduled') {
    return refuse(
      'operation-not-cancelable',
      `the operation is ${operation.status}: only a queued or scheduled operation can be canceled`,
    );
  }
  return moveOperation(operation, 'canceled', now);
}
