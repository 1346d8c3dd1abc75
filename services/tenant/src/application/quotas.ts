import type { EntityManager } from 'typeorm';
import { quotasOf, type EnvironmentQuotas, type QuotaGrant } from '../domain/quota';
import { quotaGrantOf } from '../persistence/quotas';
import type { TenantConfig } from '../tenant.config';

/** The defaults every tenant has (ENVIRONMENT_QUOTA_PRODUCTION and ENVIRONMENT_QUOTA_SANDBOX: 1 and 3). */
export function defaultQuotas(config: TenantConfig): EnvironmentQuotas {
  return { production: config.ENVIRONMENT_QUOTA_PRODUCTION, sandbox: config.ENVIRONMENT_QUOTA_SANDBOX };
}

/** A tenant's quotas: the defaults and what a platform admin granted it. */
export async function quotasOfTenant(
  manager: EntityManager,
  config: TenantConfig,
  tenantId: string,
): Promise<{ grant: QuotaGrant; quotas: EnvironmentQuotas }> {
  const grant = await quotaGrantOf(manager, tenantId);
  return { grant, quotas: quotasOf(defaultQuotas(config), grant) };
}
