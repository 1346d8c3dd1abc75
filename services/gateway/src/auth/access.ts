import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ROUTE_ACCESS_METADATA } from '@pac/bootstrap';
import type { Caller, Role } from '@pac/auth';

/**
 * What a route does, which decides who may call it (docs/security.md): viewers read; operators read and act; partner
 * admins also manage webhooks; customer admins act on their own tenant only; platform admins run the platform.
 */
export type Access = 'public' | 'read' | 'act' | 'act-for-partner' | 'manage-webhooks' | 'platform';

export const ROLES_BY_ACCESS: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  read: ['partner:viewer', 'partner:operator', 'partner:admin', 'customer:admin', 'platform:admin'],
  act: ['partner:operator', 'partner:admin', 'customer:admin'],
  /** Actions on the partner's whole portfolio (adding a customer, bulk actions): not for customer admins. */
  'act-for-partner': ['partner:operator', 'partner:admin'],
  'manage-webhooks': ['partner:admin'],
  platform: ['platform:admin'],
};

/** The OpenAPI extension naming each operation's access, read by the generated authorisation tests. */
export const ACCESS_EXTENSION = 'x-access';

/**
 * Declares a route's access; every gateway route must have one (a route without it is refused to all). The
 * access is also written into the OpenAPI document (`x-access`), so clients and tests see who may call what.
 */
export const RequiresAccess = (access: Access) =>
  applyDecorators(SetMetadata(ROUTE_ACCESS_METADATA, access), ApiExtension(ACCESS_EXTENSION, access));

export function mayAccess(caller: Caller, access: Exclude<Access, 'public'>): boolean {
  const allowed = ROLES_BY_ACCESS[access];
  return caller.roles.some((role) => allowed.includes(role));
}

/**
 * Whether a path naming a tenant (`/v1/tenants/{tenantId}/...`) is within the caller's reach as far as the
 * gateway can tell: a caller bound to one tenant (a customer admin) reaches that tenant only. The partner
 * check needs the data, so the services make it (and repeat this one).
 */
export function tenantInReach(caller: Caller, pathTenantId: string | undefined): boolean {
  return pathTenantId === undefined || caller.tenantId === undefined || caller.tenantId === pathTenantId;
}
