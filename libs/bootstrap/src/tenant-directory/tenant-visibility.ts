import type { Caller } from '@pac/auth';
import type { DomainError } from '@pac/domain';

/**
 * The one visibility rule of every service: a caller sees the tenants of its own partner, and a customer admin
 * only its own tenant. The answer is the filter a query of that tenant's rows adds (its tenant and partner),
 * or undefined when the caller may not see it at all; a tenant of another partner and a missing one are then
 * the same answer, TENANT_NOT_FOUND (404): another partner's tenant is never revealed.
 */
export function tenantScope(
  caller: Pick<Caller, 'partnerId' | 'tenantId'>,
  tenantId: string,
): { tenantId: string; partnerId: string } | undefined {
  if (caller.tenantId !== undefined && caller.tenantId !== tenantId) return undefined;
  return { tenantId, partnerId: caller.partnerId };
}

export const TENANT_NOT_FOUND: DomainError<'tenant-not-found'> = {
  code: 'tenant-not-found',
  message: 'no such tenant',
};
