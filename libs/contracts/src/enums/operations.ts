/**
 * Where an operation stands: long-running actions answer 202 with an operation in one of these statuses
 * (services/tenant/src/domain/operation.ts holds the state machine between them).
 */
export const OPERATION_STATUSES = [
  'queued',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'canceled',
  'skipped',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/**
 * What an operation does. The tenant service runs `create` (asynchronous: 202) and records the synchronous
 * environment actions (`rename`, `soft-delete`, `recover`) and the clock's `purge` as operations that are
 * over as soon as they start, so a tenant's operations are its environments' whole history. `update` is the
 * run of an update of the lifecycle service, `copy` is reserved for sandboxes.
 */
export const OPERATION_TYPES = [
  'create',
  'rename',
  'soft-delete',
  'recover',
  'purge',
  'update',
  'copy',
] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];
