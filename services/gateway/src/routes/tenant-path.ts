/** The internal path of a tenant (or below it), with the id encoded: path parameters never reach a service raw. */
export function tenantPath(tenantId: string, below = ''): string {
  return `/tenants/${encodeURIComponent(tenantId)}${below}`;
}
