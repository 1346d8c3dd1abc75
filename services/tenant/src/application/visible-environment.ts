import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND } from '@pac/bootstrap';
import { accept, reject, type Decision, type DomainError } from '@pac/domain';
import type { EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import { environmentNotFound } from '../domain/not-found';
import type { Tenant } from '../domain/tenant';
import { findEnvironmentByName } from '../persistence/environments';
import { findVisibleTenant } from '../persistence/tenants';

/**
 * The first step of every use case on one environment: its tenant, if the caller may see it, and the
 * environment by name (any case), or the 404 to answer. With `lock`, both rows are locked for the
 * transaction, the tenant first (the order every change to a tenant's environments takes them in).
 */
export async function findVisibleEnvironment(
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
  const tenant = await findVisibleTenant(manager, caller, tenantId, options);
  if (!tenant) return reject(TENANT_NOT_FOUND);
  const environment = await findEnvironmentByName(manager, tenant.id, name, options);
  if (!environment) return reject(environmentNotFound(name));
  return accept({ tenant, environment });
}
