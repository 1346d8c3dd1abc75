import { isRole, type Caller } from './roles';

/**
 * How the gateway tells an internal service who is calling. Internal APIs are reachable only from inside the
 * deployment; the gateway sets these after verifying the token and strips any a client sent.
 */
export const CALLER_HEADERS = {
  subject: 'x-caller-subject',
  partnerId: 'x-caller-partner-id',
  roles: 'x-caller-roles',
  tenantId: 'x-caller-tenant-id',
} as const;

export function callerToHeaders(caller: Caller): Record<string, string> {
  return {
    [CALLER_HEADERS.subject]: caller.subject,
    [CALLER_HEADERS.partnerId]: caller.partnerId,
    [CALLER_HEADERS.roles]: caller.roles.join(','),
    ...(caller.tenantId ? { [CALLER_HEADERS.tenantId]: caller.tenantId } : {}),
  };
}

export function callerFromHeaders(
  headers: Record<string, string | string[] | undefined>,
): Caller | undefined {
  const read = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const partnerId = read(CALLER_HEADERS.partnerId);
  const subject = read(CALLER_HEADERS.subject);
  const roles = (read(CALLER_HEADERS.roles) ?? '').split(',').filter(isRole);
  if (!partnerId || !subject || roles.length === 0) return undefined;
  const tenantId = read(CALLER_HEADERS.tenantId);
  return { subject, partnerId, roles, ...(tenantId ? { tenantId } : {}) };
}
