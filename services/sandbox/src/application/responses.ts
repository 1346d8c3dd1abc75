import type { SandboxQuotaResponse } from '@pac/http-contracts';
import type { SandboxQuota } from '../domain/sandbox-quota';

export function sandboxQuotaResponse(quota: SandboxQuota): SandboxQuotaResponse {
  return { tenantId: quota.tenantId, maxSandboxes: quota.maxSandboxes };
}
