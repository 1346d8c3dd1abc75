import {
  SandboxDeleted,
  SandboxExpired,
  SandboxFailed,
  SandboxReady,
  SandboxRequested,
  type SandboxEventData,
} from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { Sandbox } from '../domain/sandbox';

/** The sandbox as every sandbox.* event carries it (after the change). */
export function sandboxEventData(sandbox: Sandbox, now: Date): SandboxEventData {
  return {
    sandboxId: sandbox.id,
    operationId: sandbox.operationId,
    tenantId: sandbox.tenantId,
    partnerId: sandbox.partnerId,
    name: sandbox.name,
    sourceEnvironment: sandbox.sourceEnvironment,
    status: sandbox.status,
    ...(sandbox.applicationVersion ? { applicationVersion: sandbox.applicationVersion } : {}),
    ...(sandbox.targetVersion ? { targetVersion: sandbox.targetVersion } : {}),
    ...(sandbox.expiresAt ? { expiresAt: sandbox.expiresAt } : {}),
    ...(sandbox.issueId ? { issueId: sandbox.issueId } : {}),
    ...(sandbox.updateResult ? { updateResult: sandbox.updateResult } : {}),
    occurredAt: now.toISOString(),
  };
}

/**
 * The event a sandbox's new status announces, in the caller's transaction: requested when queued, ready,
 * failed, deleted (by a partner, or canceled and compensated) and expired. Other statuses are steps of the
 * saga and announce nothing.
 */
export async function announceSandbox(
  manager: EntityManager,
  outbox: Outbox,
  sandbox: Sandbox,
  now: Date,
): Promise<void> {
  const data = sandboxEventData(sandbox, now);
  const common = { tenantId: sandbox.tenantId, environmentName: sandbox.name };
  switch (sandbox.status) {
    case 'queued':
      await outbox.add(manager, {
        ...common,
        definition: SandboxRequested,
        data: { ...data, expiresInDays: sandbox.expiresInDays },
      });
      return;
    case 'ready':
      await outbox.add(manager, { ...common, definition: SandboxReady, data });
      return;
    case 'failed':
      await outbox.add(manager, {
        ...common,
        definition: SandboxFailed,
        data: { ...data, code: sandbox.error?.code ?? 'failed', message: sandbox.error?.message ?? 'failed' },
      });
      return;
    case 'canceled':
    case 'deleted':
      await outbox.add(manager, {
        ...common,
        definition: SandboxDeleted,
        data: { ...data, reason: sandbox.status === 'canceled' ? 'canceled' : 'request' },
      });
      return;
    case 'expired':
      await outbox.add(manager, { ...common, definition: SandboxExpired, data });
      return;
    default:
      return;
  }
}
