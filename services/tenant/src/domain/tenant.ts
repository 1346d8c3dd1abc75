import type { TenantStatus } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';

export interface TenantContact {
  name: string;
  email: string;
  role?: string;
}

/** A partner's customer: the tenant that holds the customer's environments. */
export interface Tenant {
  id: string;
  partnerId: string;
  name: string;
  countryCode: string;
  externalDirectoryId: string | null;
  status: TenantStatus;
  tags: string[];
  contacts: TenantContact[];
  createdAt: string;
  updatedAt: string;
}

export interface CreateTenant {
  tenantId: string;
  partnerId: string;
  name: string;
  countryCode: string;
  externalDirectoryId?: string;
  tags?: string[];
  contacts?: TenantContact[];
}

export type TenantError = DomainError<
  | 'name-required'
  | 'tenant-offboarded'
  | 'tenant-suspended'
  | 'tenant-already-suspended'
  | 'tenant-not-suspended'
>;

/**
 * Decides a new tenant. Names and tags are trimmed, tags deduplicated case-insensitively (they are filters,
 * "Retail" and "retail" are one tag), contact e-mails lower-cased.
 */
export function decideCreateTenant(command: CreateTenant, now: Date): Decision<Tenant, TenantError> {
  const name = command.name.trim();
  if (name.length === 0) return refuse('name-required', 'name must not be blank', 'name');
  const at = now.toISOString();
  return {
    ok: true,
    value: {
      id: command.tenantId,
      partnerId: command.partnerId,
      name,
      countryCode: command.countryCode,
      externalDirectoryId: command.externalDirectoryId ?? null,
      status: 'active',
      tags: normalizeTags(command.tags ?? []),
      contacts: normalizeContacts(command.contacts ?? []),
      createdAt: at,
      updatedAt: at,
    },
  };
}

export function normalizeTags(tags: string[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags) {
    const trimmed = tag.trim().toLowerCase();
    if (trimmed && !seen.has(trimmed)) seen.set(trimmed, trimmed);
  }
  return [...seen.values()];
}

export function normalizeContacts(contacts: TenantContact[]): TenantContact[] {
  return contacts.map((c) => ({
    name: c.name.trim(),
    email: c.email.trim().toLowerCase(),
    ...(c.role ? { role: c.role.trim() } : {}),
  }));
}

/**
 * What a tenant's status allows (docs/architecture.md, "Tenant states"):
 *
 * | status     | reads | details (PATCH) | environments and extensions | suspend | resume | offboard |
 * | ---------- | ----- | --------------- | --------------------------- | ------- | ------ | -------- |
 * | active     | yes   | yes             | yes                         | yes     | 409    | yes      |
 * | suspended  | yes   | yes             | 409                         | 409     | yes    | yes      |
 * | offboarded | yes   | 409             | 409                         | 409     | 409    | 409      |
 *
 * Offboarding is final: the tenant and its environments stay readable, nothing changes them any more (the
 * purge of environments soft-deleted before offboarding still happens: it is the system's, not a write).
 */
export type TenantWrite = 'details' | 'environments';

export type TenantStateError = DomainError<'tenant-offboarded' | 'tenant-suspended'>;

export function checkTenantAllows(
  tenant: Pick<Tenant, 'status'>,
  write: TenantWrite,
): Decision<true, TenantStateError> {
  if (tenant.status === 'offboarded') {
    return refuse('tenant-offboarded', 'the tenant is offboarded: it is read-only and offboarding is final');
  }
  if (tenant.status === 'suspended' && write === 'environments') {
    return refuse(
      'tenant-suspended',
      'the tenant is suspended: its environments and extensions cannot change until it is resumed',
    );
  }
  return accept(true);
}

export interface TenantPatch {
  name?: string;
  countryCode?: string;
  externalDirectoryId?: string | null;
  tags?: string[];
  contacts?: TenantContact[];
}

/** A PATCH: the given fields replace the current ones (tags and contacts as whole lists). */
export function decideUpdateTenant(
  tenant: Tenant,
  patch: TenantPatch,
  now: Date,
): Decision<{ tenant: Tenant; changed: boolean }, TenantError> {
  const allowed = checkTenantAllows(tenant, 'details');
  if (!allowed.ok) return allowed;
  const next: Tenant = { ...tenant };
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (name.length === 0) return refuse('name-required', 'name must not be blank', 'name');
    next.name = name;
  }
  if (patch.countryCode !== undefined) next.countryCode = patch.countryCode;
  if (patch.externalDirectoryId !== undefined) next.externalDirectoryId = patch.externalDirectoryId;
  if (patch.tags !== undefined) next.tags = normalizeTags(patch.tags);
  if (patch.contacts !== undefined) next.contacts = normalizeContacts(patch.contacts);
  const changed = canonicalJson(next) !== canonicalJson(tenant);
  if (changed) next.updatedAt = now.toISOString();
  return accept({ tenant: next, changed });
}

export type TenantStatusAction = 'suspend' | 'resume' | 'offboard';

/** suspend: active → suspended; resume: suspended → active; offboard: active or suspended → offboarded. */
export function decideTenantStatus(
  tenant: Tenant,
  action: TenantStatusAction,
  now: Date,
): Decision<Tenant, TenantError> {
  if (tenant.status === 'offboarded') {
    return refuse('tenant-offboarded', 'the tenant is offboarded: it is read-only and offboarding is final');
  }
  let status: TenantStatus;
  switch (action) {
    case 'suspend':
      if (tenant.status === 'suspended')
        return refuse('tenant-already-suspended', 'the tenant is already suspended');
      status = 'suspended';
      break;
    case 'resume':
      if (tenant.status !== 'suspended')
        return refuse('tenant-not-suspended', 'only a suspended tenant can be resumed');
      status = 'active';
      break;
    case 'offboard':
      status = 'offboarded';
      break;
  }
  return accept({ ...tenant, status, updatedAt: now.toISOString() });
}

/** JSON with object keys sorted, to compare values whatever order their keys came in (jsonb reorders them). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
