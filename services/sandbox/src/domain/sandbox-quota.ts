/** How many sandbox copies a tenant may have at once; documented, unlike the reference admin center's. */
export interface SandboxQuota {
  maxSandboxes: number;
}

export const DEFAULT_SANDBOX_QUOTA: SandboxQuota = { maxSandboxes: 3 };
