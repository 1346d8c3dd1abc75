/** How many sandbox copies a tenant may have at once; documented, unlike the reference admin center's. */
export interface SandboxQuota {
  tenantId: string;
  partnerId: string;
  maxSandboxes: number;
}

export const DEFAULT_MAX_SANDBOXES = 3;

/** The quota a new customer gets. */
export function defaultSandboxQuota(tenant: { tenantId: string; partnerId: string }): SandboxQuota {
  return { tenantId: tenant.tenantId, partnerId: tenant.partnerId, maxSandboxes: DEFAULT_MAX_SANDBOXES };
}
