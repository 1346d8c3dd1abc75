import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND, tenantScope, type AnswerableError } from '@pac/bootstrap';
import { accept, reject, type Decision } from '@pac/domain';
import type { EntityManager } from 'typeorm';
import { environmentNotFound } from '../domain/not-found';
import type { EnvironmentEntity } from '../persistence/environment.entity';
import { findEnvironment } from '../persistence/environments';
import { TenantDirectoryEntry } from '@pac/bootstrap';

/**
 * An environment of a tenant the caller may see, by name in any case: 404 tenant-not-found for another
 * partner's tenant, 404 environment-not-found for a name the tenant does not have.
 */
export async function visibleEnvironment(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  name: string,
): Promise<Decision<EnvironmentEntity, AnswerableError>> {
  const scope = tenantScope(caller, tenantId);
  if (!scope || !(await manager.getRepository(TenantDirectoryEntry).exists({ where: scope })))
    return reject(TENANT_NOT_FOUND);
  const environment = await findEnvironment(manager, tenantId, name);
  return environment ? accept(environment) : reject(environmentNotFound(name));
}

/** The tenant, if the caller may see it (its partner), else 404 tenant-not-found. */
export async function visibleTenant(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
): Promise<Decision<{ tenantId: string; partnerId: string }, AnswerableError>> {
  const scope = tenantScope(caller, tenantId);
  if (!scope || !(await manager.getRepository(TenantDirectoryEntry).exists({ where: scope })))
    return reject(TENANT_NOT_FOUND);
  return accept(scope);
}
