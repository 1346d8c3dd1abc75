import type { SandboxStatus } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';

/** Who asked: the saga calls the tenant service as this caller, so the partner's visibility applies there. */
export interface SandboxCaller {
  subject: string;
  partnerId: string;
  /** The caller's roles (`@pac/auth` Role), kept as they were granted. */
  roles: ('platform:admin' | 'partner:admin' | 'partner:operator' | 'partner:viewer' | 'customer:admin')[];
  tenantId?: string;
}

export interface SandboxUpdateResult {
  targetVersion: string;
  status: 'succeeded' | 'failed';
  blockingExtensions?: { publisher: string; name: string; version: string }[];
}

export interface SandboxError {
  code: string;
  message: string;
}

/**
 * A sandbox and its saga's state (docs/sandboxes.md). The saga, per tenant in request order:
 *
 *   queued ─> copying ─> ready                    (the tenant service's copy succeeded)
 *                    └─> failed                   (the copy was refused or failed: nothing to undo)
 *   queued | copying ─> canceling ─> canceled      (canceled: the copy, if any, is withdrawn)
 *   ready ─> deleting ─> deleted | expired         (deleted by a partner or by the clock: withdrawn)
 *   ready ─> queued                                (refresh: copied again under the same name)
 *
 * `copyOperationId` is the tenant service's copy operation once it was asked for; every call of a step
 * carries an Idempotency-Key made of the sandbox id and its attempt, so a step run again after a restart
 * has no second effect.
 */
export interface Sandbox {
  id: string;
  operationId: string;
  tenantId: string;
  partnerId: string;
  name: string;
  sourceEnvironment: string;
  targetVersion: string | null;
  expiresInDays: number;
  status: SandboxStatus;
  /** Which copy this is (1, then one more per refresh): part of the copy's Idempotency-Key. */
  attempt: number;
  copyOperationId: string | null;
  applicationVersion: string | null;
  updateResult: SandboxUpdateResult | null;
  issueId: string | null;
  caller: SandboxCaller;
  error: SandboxError | null;
  expiresAt: string | null;
  /** When the warning before expiry went out (none yet: null; an extension past the warning clears it). */
  expiryWarnedAt: string | null;
  /** Ended as expired (deleting by the clock) rather than deleted by a partner. */
  expiring: boolean;
  createdAt: string;
  updatedAt: string;
}

export type SandboxDecisionError = DomainError<
  | 'name-invalid'
  | 'sandbox-name-taken'
  | 'sandbox-busy'
  | 'sandbox-not-ready'
  | 'expiry-invalid'
  | 'quota-exceeded'
>;

export const DEFAULT_EXPIRES_IN_DAYS = 30;
export const MAX_EXPIRES_IN_DAYS = 90;
const DAY_MS = 86_400_000;
/** The warning before expiry (issue 14: three days). */
export const EXPIRY_WARNING_DAYS = 3;

/** Statuses in which a sandbox holds its name and a place in the tenant's queue or quota. */
export const LIVE_STATUSES: readonly SandboxStatus[] = [
  'queued',
  'copying',
  'updating',
  'ready',
  'canceling',
  'deleting',
];
/** Statuses the saga still has work in. */
export const SAGA_STATUSES: readonly SandboxStatus[] = [
  'queued',
  'copying',
  'updating',
  'canceling',
  'deleting',
];

export interface RequestSandbox {
  id: string;
  operationId: string;
  name: string;
  sourceEnvironment: string;
  targetVersion?: string;
  expiresInDays?: number;
  issueId?: string;
  caller: SandboxCaller;
}

export interface RequestContext {
  tenant: { tenantId: string; partnerId: string };
  /** The tenant's sandboxes still live (LIVE_STATUSES). */
  live: readonly Pick<Sandbox, 'name' | 'status'>[];
  /** The tenant's sandbox quota and use, as the tenant service counts them (its one sandbox quota). */
  quota: { quota: number; used: number };
}

/**
 * A request is queued. The tenant service owns the quota; queued sandboxes are not environments yet, so they
 * are counted on top of its `used` (a request that could not fit when its turn comes is refused now).
 */
export function decideRequestSandbox(
  command: RequestSandbox,
  context: RequestContext,
  now: Date,
): Decision<Sandbox, SandboxDecisionError> {
  const days = command.expiresInDays ?? DEFAULT_EXPIRES_IN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS) {
    return refuse('expiry-invalid', `expiresInDays must be 1 to ${MAX_EXPIRES_IN_DAYS}`, 'expiresInDays');
  }
  if (context.live.some((s) => s.name.toLowerCase() === command.name.toLowerCase())) {
    return refuse('sandbox-name-taken', `the tenant already has a sandbox named "${command.name}"`, 'name');
  }
  const pending = context.live.filter((s) => s.status === 'queued').length;
  if (context.quota.used + pending >= context.quota.quota) {
    return refuse(
      'quota-exceeded',
      `the tenant has ${context.quota.used} sandbox environment(s) and ${pending} sandbox(es) queued; its ` +
        `sandbox quota is ${context.quota.quota}`,
    );
  }
  const at = now.toISOString();
  return accept({
    id: command.id,
    operationId: command.operationId,
    tenantId: context.tenant.tenantId,
    partnerId: context.tenant.partnerId,
    name: command.name,
    sourceEnvironment: command.sourceEnvironment,
    targetVersion: command.targetVersion ?? null,
    expiresInDays: days,
    status: 'queued',
    attempt: 1,
    copyOperationId: null,
    applicationVersion: null,
    updateResult: null,
    issueId: command.issueId ?? null,
    caller: command.caller,
    error: null,
    expiresAt: null,
    expiryWarnedAt: null,
    expiring: false,
    createdAt: at,
    updatedAt: at,
  });
}

/** What the tenant service answered when the saga asked for the copy. */
export type CopyAnswer =
  { kind: 'accepted'; operationId: string } | { kind: 'refused'; code: string; message: string };

/** The copy was asked for: the saga waits for it (`copying`), or ends `failed` (nothing was made). */
export function afterCopyAsked(sandbox: Sandbox, answer: CopyAnswer, now: Date): Sandbox {
  const at = now.toISOString();
  if (answer.kind === 'refused') {
    return {
      ...sandbox,
      status: 'failed',
      error: { code: answer.code, message: answer.message },
      updatedAt: at,
    };
  }
  return { ...sandbox, status: 'copying', copyOperationId: answer.operationId, updatedAt: at };
}

/** Where the tenant service's copy operation stands. */
export type CopyProgress =
  | { kind: 'running' }
  | { kind: 'succeeded'; applicationVersion: string }
  | { kind: 'failed'; code: string; message: string };

/** The copy ended: the sandbox is ready (its expiry starts now) or failed. Still running: unchanged. */
export function afterCopyProgress(sandbox: Sandbox, progress: CopyProgress, now: Date): Sandbox {
  const at = now.toISOString();
  if (progress.kind === 'running') return sandbox;
  if (progress.kind === 'failed') {
    return {
      ...sandbox,
      status: 'failed',
      error: { code: progress.code, message: progress.message },
      updatedAt: at,
    };
  }
  return {
    ...sandbox,
    status: 'ready',
    applicationVersion: progress.applicationVersion,
    expiresAt: new Date(now.getTime() + sandbox.expiresInDays * DAY_MS).toISOString(),
    updatedAt: at,
  };
}

/**
 * Cancel (a queued or running copy) or delete (a ready sandbox): `canceling` or `deleting`, and the saga
 * withdraws the copy. A queued one too: a step that asked for its copy may have been cut short before it
 * could record it (a kill), and withdrawing what does not exist is harmless.
 */
export function decideCancelOrDelete(sandbox: Sandbox, now: Date): Decision<Sandbox, SandboxDecisionError> {
  const at = now.toISOString();
  switch (sandbox.status) {
    case 'queued':
    case 'copying':
    case 'updating':
      return accept({ ...sandbox, status: 'canceling', updatedAt: at });
    case 'ready':
      return accept({ ...sandbox, status: 'deleting', updatedAt: at });
    default:
      return refuse('sandbox-busy', `the sandbox is ${sandbox.status}`);
  }
}

/** The copy was withdrawn: the sandbox ends canceled, deleted or expired. */
export function afterWithdrawn(sandbox: Sandbox, now: Date): Sandbox {
  const status = sandbox.status === 'canceling' ? 'canceled' : sandbox.expiring ? 'expired' : 'deleted';
  return { ...sandbox, status, updatedAt: now.toISOString() };
}

/** Refresh: a ready sandbox is copied again from its source under the same name (a new attempt). */
export function decideRefresh(
  sandbox: Sandbox,
  operationId: string,
  now: Date,
): Decision<Sandbox, SandboxDecisionError> {
  if (sandbox.status !== 'ready') {
    return refuse('sandbox-not-ready', `only a ready sandbox is refreshed; this one is ${sandbox.status}`);
  }
  return accept({
    ...sandbox,
    operationId,
    status: 'queued',
    attempt: sandbox.attempt + 1,
    copyOperationId: null,
    updateResult: null,
    error: null,
    updatedAt: now.toISOString(),
  });
}

/** Extend: the expiry moves `days` later, never beyond MAX_EXPIRES_IN_DAYS from now. */
export function decideExtend(
  sandbox: Sandbox,
  days: number,
  now: Date,
): Decision<Sandbox, SandboxDecisionError> {
  if (sandbox.status !== 'ready' || !sandbox.expiresAt) {
    return refuse('sandbox-not-ready', `only a ready sandbox is extended; this one is ${sandbox.status}`);
  }
  const expiresAt = Date.parse(sandbox.expiresAt) + days * DAY_MS;
  if (expiresAt > now.getTime() + MAX_EXPIRES_IN_DAYS * DAY_MS) {
    return refuse('expiry-invalid', `a sandbox expires at most ${MAX_EXPIRES_IN_DAYS} days from now`, 'days');
  }
  const warnAgain = expiresAt - EXPIRY_WARNING_DAYS * DAY_MS > now.getTime();
  return accept({
    ...sandbox,
    expiresAt: new Date(expiresAt).toISOString(),
    expiryWarnedAt: warnAgain ? null : sandbox.expiryWarnedAt,
    updatedAt: now.toISOString(),
  });
}

/** Three days before its expiry, once, a ready sandbox announces it (sandbox.expiring): null when not due. */
export function decideExpiryWarning(sandbox: Sandbox, now: Date): Sandbox | null {
  if (sandbox.status !== 'ready' || !sandbox.expiresAt || sandbox.expiryWarnedAt) return null;
  if (Date.parse(sandbox.expiresAt) - EXPIRY_WARNING_DAYS * DAY_MS > now.getTime()) return null;
  return { ...sandbox, expiryWarnedAt: now.toISOString(), updatedAt: now.toISOString() };
}

/** The clock passed the expiry of a ready sandbox: it is removed like a deletion, and ends `expired`. */
export function decideExpiry(sandbox: Sandbox, now: Date): Sandbox | null {
  if (sandbox.status !== 'ready' || !sandbox.expiresAt) return null;
  if (Date.parse(sandbox.expiresAt) > now.getTime()) return null;
  return { ...sandbox, status: 'deleting', expiring: true, updatedAt: now.toISOString() };
}

/** The name of an issue's sandbox: `Issue-` and the first 8 characters of its id (within the naming rules). */
export function sandboxNameForIssue(issueId: string): string {
  return `Issue-${issueId.slice(0, 8)}`;
}
