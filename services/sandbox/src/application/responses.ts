import type { OperationResponse, SandboxQuotaResponse, SandboxResponse } from '@pac/http-contracts';
import type { Sandbox } from '../domain/sandbox';
import type { SandboxQuota } from '../domain/sandbox-quota';

export function sandboxQuotaResponse(quota: SandboxQuota): SandboxQuotaResponse {
  return { tenantId: quota.tenantId, maxSandboxes: quota.maxSandboxes };
}

export function sandboxResponse(sandbox: Sandbox): SandboxResponse {
  return {
    name: sandbox.name,
    tenantId: sandbox.tenantId,
    sourceEnvironment: sandbox.sourceEnvironment,
    applicationVersion: sandbox.applicationVersion,
    status: sandbox.status,
    targetVersion: sandbox.targetVersion,
    expiresAt: sandbox.expiresAt,
    updateResult: sandbox.updateResult,
    issueId: sandbox.issueId,
    operationId: sandbox.operationId,
    error: sandbox.error,
    createdAt: sandbox.createdAt,
    updatedAt: sandbox.updatedAt,
  };
}

/**
 * A sandbox request as an operation (type `copy`): queued until its turn, running while the saga copies
 * (and updates), then succeeded (ready), failed, or canceled.
 */
export function sandboxOperationResponse(sandbox: Sandbox): OperationResponse {
  const status = operationStatusOf(sandbox);
  const ended = ['succeeded', 'failed', 'canceled'].includes(status);
  return {
    id: sandbox.operationId,
    type: 'copy',
    status,
    tenantId: sandbox.tenantId,
    environmentName: sandbox.name,
    createdBy: sandbox.caller.subject,
    createdAt: sandbox.createdAt,
    startedAt: status === 'queued' ? null : sandbox.createdAt,
    completedAt: ended ? sandbox.updatedAt : null,
    error: sandbox.error,
    parameters: {
      sandbox: true,
      sourceEnvironment: sandbox.sourceEnvironment,
      ...(sandbox.targetVersion ? { targetVersion: sandbox.targetVersion } : {}),
      expiresInDays: sandbox.expiresInDays,
      ...(sandbox.updateResult ? { updateResult: sandbox.updateResult } : {}),
      ...(sandbox.issueId ? { issueId: sandbox.issueId } : {}),
    },
  };
}

function operationStatusOf(sandbox: Sandbox): OperationResponse['status'] {
  switch (sandbox.status) {
    case 'queued':
      return 'queued';
    case 'copying':
    case 'updating':
      return 'running';
    case 'failed':
      return 'failed';
    case 'canceling':
    case 'canceled':
      return 'canceled';
    default:
      return 'succeeded';
  }
}
