import type { EnvironmentStatus, EnvironmentType } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import type { Tenant } from './tenant';

/**
 * Environment quotas as the reference counts them (docs/environments.md, quotas): a tenant may have one
 * production and three sandbox environments, and each additional production environment a platform admin
 * grants it brings three more sandboxes. Soft-deleted environments do not count.
 */
export const SANDBOXES_PER_PRODUCTION = 3;
export const MAX_ADDITIONAL_PRODUCTION_ENVIRONMENTS = 100;

export interface EnvironmentQuotas {
  production: number;
  sandbox: number;
}

/** What a platform admin granted a tenant beyond the defaults (none until a grant is set). */
export interface QuotaGrant {
  tenantId: string;
  additionalProductionEnvironments: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export function noGrant(tenantId: string): QuotaGrant {
  return { tenantId, additionalProductionEnvironments: 0, updatedAt: null, updatedBy: null };
}

/** The quotas of a tenant: the defaults (one production, three sandboxes) and what its grant adds. */
export function quotasOf(
  defaults: EnvironmentQuotas,
  grant: Pick<QuotaGrant, 'additionalProductionEnvironments'>,
) {
  const additional = grant.additionalProductionEnvironments;
  return {
    production: defaults.production + additional,
    sandbox: defaults.sandbox + SANDBOXES_PER_PRODUCTION * additional,
  };
}

/** How many environments of each type count toward the quota: every one not soft-deleted. */
export function environmentsInQuota(
  environments: readonly { type: EnvironmentType; status: EnvironmentStatus }[],
): EnvironmentQuotas {
  const counted = environments.filter((e) => e.status !== 'soft-deleted');
  return {
    production: counted.filter((e) => e.type === 'production').length,
    sandbox: counted.filter((e) => e.type === 'sandbox').length,
  };
}

export type QuotaGrantError = DomainError<'quota-grant-invalid' | 'tenant-offboarded'>;

/**
 * A platform admin sets how many additional production environments a tenant has. Lowering it below what
 * the tenant uses is allowed: its environments stay, new ones are refused until it is back within its quota.
 */
export function decideQuotaGrant(
  tenant: Pick<Tenant, 'id' | 'status'>,
  additionalProductionEnvironments: number,
  grantedBy: string,
  now: Date,
): Decision<QuotaGrant, QuotaGrantError> {
  if (tenant.status === 'offboarded') {
    return refuse('tenant-offboarded', 'the tenant is offboarded: it is read-only and offboarding is final');
  }
  if (
    !Number.isInteger(additionalProductionEnvironments) ||
    additionalProductionEnvironments < 0 ||
    additionalProductionEnvironments > MAX_ADDITIONAL_PRODUCTION_ENVIRONMENTS
  ) {
    return refuse(
      'quota-grant-invalid',
      `additionalProductionEnvironments must be an integer from 0 to ${MAX_ADDITIONAL_PRODUCTION_ENVIRONMENTS}`,
      'additionalProductionEnvironments',
    );
  }
  return accept({
    tenantId: tenant.id,
    additionalProductionEnvironments,
    updatedAt: now.toISOString(),
    updatedBy: grantedBy,
  });
}
