export const ROLES = [
  'platform:admin',
  'partner:admin',
  'partner:operator',
  'partner:viewer',
  'customer:admin',
] as const;

export type Role = (typeof ROLES)[number];

/** The caller as every service sees it, taken from the verified token at the gateway. */
export interface Caller {
  subject: string;
  partnerId: string;
  roles: Role[];
  /** Set for a customer admin: the only tenant they may see or act on. */
  tenantId?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
