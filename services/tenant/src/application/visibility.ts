import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND } from '@pac/bootstrap';
import { accept, reject, type Decision, type DomainError } from '@pac/domain';
import type { EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import { environmentNotFound } from '../domain/not-found';
import type { Tenant } from '../domain/tenant';
import { findEnvironmentByName } from '../persistence/environments';
import { findVisibleTenant, findTenantById } from '../persistence/tenants';

/**
 * The first step of every use case on a tenant: the tenant, if the caller may see it, or the 404 to answer
 * (another partner's tenant is never revealed). With `lock`, the row is locked for the transaction.
 */
export async function visibleTenant(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  options: { lock?: boolean } = {},
): Promise<Decision<Tenant, DomainError<'tenant-not-found'>>> {
  const tenant = await findVisibleTenant(manager, caller, tenantId, options);
  return tenant ? accept(tenant) : reject(TENANT_NOT_FOUND);
}

/**
 * A tenant a platform admin manages (its quotas): any partner's; others see only their own partner's, as
 * visibleTenant. With `lock`, the row is locked for the transaction.
 */
export async function tenantForPlatformOrVisible(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  options: { lock?: boolean } = {},
): Promise<Decision<Tenant, DomainError<'tenant-not-found'>>> {
  if (!caller.roles.includes('platform:admin')) return visibleTenant(manager, caller, tenantId, options);
  const tenant = await findTenantById(manager, tenantId, options);
  return tenant ? accept(tenant) : reject(TENANT_NOT_FOUND);
}

/**
 * The same for a use case on one environment: its tenant and the environment by name (any case). With
 * `lock`, both rows are locked, the tenant first (the order every change to a tenant's environments takes).
 */
export async function visibleEnvironment(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  name: string,
  options: { lock?: boolean } = {},
): Promise<
  Decision<
    { tenant: Tenant; environment: Environment },
    DomainError<'tenant-not-found' | 'environment-not-found'>
  >
> {
  const tenant = await visibleTenant(manager, caller, tenantId, options);
  if (!tenant.ok) return tenant;
  const environment = await findEnvironmentByName(manager, tenant.value.id, name, options);
  if (!environment) return reject(environmentNotFound(name));
  return accept({ tenant: tenant.value, environment });
}
