import type {
  EnvironmentQuotasResponse,
  EnvironmentResponse,
  ExtensionResponse,
  OperationResponse,
  PartnerResponse,
  TenantResponse,
} from '@pac/http-contracts';
import type { Environment } from '../domain/environment';
import type { EnvironmentQuotas, QuotaGrant } from '../domain/quota';
import type { Extension } from '../domain/extension';
import type { Operation } from '../domain/operation';
import type { Partner } from '../domain/partner';
import type { Tenant } from '../domain/tenant';

/**
 * What the API shows of each aggregate (fields in the order the answers have always had them), typed by the @pac/http-contracts response classes that also make the
 * OpenAPI document: a field added to one and not the other does not compile.
 */

export function partnerResponse(partner: Partner): PartnerResponse {
  return { id: partner.id, name: partner.name, createdAt: partner.createdAt };
}

export function tenantResponse(tenant: Tenant): TenantResponse {
  return {
    id: tenant.id,
    partnerId: tenant.partnerId,
    name: tenant.name,
    countryCode: tenant.countryCode,
    externalDirectoryId: tenant.externalDirectoryId,
    status: tenant.status,
    tags: tenant.tags,
    contacts: tenant.contacts,
    createdAt: tenant.createdAt,
    updatedAt: tenant.updatedAt,
  };
}

/** An environment, identified by its name within its tenant (its id stays internal). */
export function environmentResponse(environment: Environment): EnvironmentResponse {
  return {
    name: environment.name,
    tenantId: environment.tenantId,
    type: environment.type,
    status: environment.status,
    applicationVersion: environment.applicationVersion,
    countryCode: environment.countryCode,
    sourceEnvironment: environment.sourceEnvironment,
    createdAt: environment.createdAt,
    updatedAt: environment.updatedAt,
    softDeletedAt: environment.softDeletedAt,
    purgeAt: environment.purgeAt,
    nameBeforeDeletion: environment.nameBeforeDeletion,
  };
}

export function extensionResponse(environmentName: string, extension: Extension): ExtensionResponse {
  return {
    id: extension.id,
    environmentName,
    publisher: extension.publisher,
    name: extension.name,
    version: extension.version,
    minVersion: extension.minVersion,
    maxVersion: extension.maxVersion,
    installedAt: extension.installedAt,
  };
}

/** An operation (its environment's id stays internal). */
export function operationResponse(operation: Operation): OperationResponse {
  return {
    id: operation.id,
    tenantId: operation.tenantId,
    environmentName: operation.environmentName,
    type: operation.type,
    status: operation.status,
    createdBy: operation.createdBy,
    createdAt: operation.createdAt,
    startedAt: operation.startedAt,
    completedAt: operation.completedAt,
    error: operation.error,
    parameters: operation.parameters,
  };
}

/** A tenant's quotas, what counts toward them, and the grant that set them. */
export function environmentQuotasResponse(
  grant: QuotaGrant,
  quotas: EnvironmentQuotas,
  used: EnvironmentQuotas,
): EnvironmentQuotasResponse {
  return {
    tenantId: grant.tenantId,
    additionalProductionEnvironments: grant.additionalProductionEnvironments,
    production: { quota: quotas.production, used: used.production },
    sandbox: { quota: quotas.sandbox, used: used.sandbox },
    updatedAt: grant.updatedAt,
    updatedBy: grant.updatedBy,
  };
}
