import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND, type AnswerableError } from '@pac/bootstrap';
import { accept, reject, type Decision, type DomainError } from '@pac/domain';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { sandboxNotFound } from '../domain/not-found';
import type { Sandbox, SandboxDecisionError } from '../domain/sandbox';
import { findVisibleQuota } from '../persistence/sandbox-quotas';
import { findVisibleSandbox, saveSandbox } from '../persistence/sandboxes';
import { announceSandbox } from './sandbox-events';

/**
 * A change of one sandbox the one way: its tenant visible to the caller (else 404 tenant-not-found, as for a
 * missing tenant), the sandbox by name locked (else 404 sandbox-not-found), decided, saved, and its event if
 * its status changed, in the caller's transaction.
 */
export async function changeSandbox(
  manager: EntityManager,
  outbox: Outbox,
  target: { caller: Caller; tenantId: string; name: string },
  decide: (sandbox: Sandbox) => Decision<Sandbox, SandboxDecisionError>,
  now: Date,
): Promise<Decision<Sandbox, AnswerableError>> {
  const found = await visibleSandbox(manager, target.caller, target.tenantId, target.name);
  if (!found.ok) return found;
  const decision = decide(found.value);
  if (!decision.ok) return decision;
  await saveSandbox(manager, decision.value);
  if (decision.value.status !== found.value.status)
    await announceSandbox(manager, outbox, decision.value, now);
  return accept(decision.value);
}

export async function visibleSandbox(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  name: string,
): Promise<Decision<Sandbox, DomainError<'tenant-not-found' | 'sandbox-not-found'>>> {
  if (!(await findVisibleQuota(manager, caller, tenantId))) return reject(TENANT_NOT_FOUND);
  const sandbox = await findVisibleSandbox(manager, caller, tenantId, name, { lock: true });
  return sandbox ? accept(sandbox) : reject(sandboxNotFound(name));
}
