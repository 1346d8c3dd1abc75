import { SetMetadata } from '@nestjs/common';
import { ROUTE_ACCESS_METADATA } from '@pac/bootstrap';
import type { Caller, Role } from '@pac/auth';

/**
 * What a route does, which decides who may call it (api.md): viewers read; operators read and act; partner
 * admins also manage webhooks; customer admins act on their own tenant only; platform admins run the platform.
 */
export type Access = 'public' | 'read' | 'act' | 'act-for-partner' | 'manage-webhooks' | 'platform';

const ROLES_BY_ACCESS: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  read: ['partner:viewer', 'partner:operator', 'partner:admin', 'customer:admin', 'platform:admin'],
  act: ['partner:operator', 'partner:admin', 'customer:admin'],
  /** Actions on the partner's whole portfolio (adding a customer, bulk actions): not for customer admins. */
  'act-for-partner': ['partner:operator', 'partner:admin'],
  'manage-webhooks': ['partner:admin'],
  platform: ['platform:admin'],
};

/** Declares a route's access; every gateway route must have one (a route without it is refused to all). */
export const RequiresAccess = (access: Access) => SetMetadata(ROUTE_ACCESS_METADATA, access);

export function mayAccess(caller: Caller, access: Exclude<Access, 'public'>): boolean {
  const allowed = ROLES_BY_ACCESS[access];
  return caller.roles.some((role) => allowed.includes(role));
}
