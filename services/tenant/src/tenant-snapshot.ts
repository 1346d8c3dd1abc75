import type { TenantSnapshotData } from '@pac/contracts';
import type { Tenant } from './domain/tenant';

/** The payload every tenant.* event carries: the tenant as it is after the change. */
export function tenantSnapshot(tenant: Tenant, occurredAt: Date): TenantSnapshotData {
  return {
    tenantId: tenant.id,
    partnerId: tenant.partnerId,
    name: tenant.name,
    countryCode: tenant.countryCode,
    status: tenant.status,
    tags: tenant.tags,
    contacts: tenant.contacts.map((c) => ({
      name: c.name,
      email: c.email,
      ...(c.role ? { role: c.role } : {}),
    })),
    occurredAt: occurredAt.toISOString(),
  };
}
