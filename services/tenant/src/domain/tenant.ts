import type { TenantStatus } from '@pac/contracts';

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

export type TenantError = { code: 'name-required'; field: 'name'; message: string };

export type Decision<T> = { ok: true; value: T } | { ok: false; error: TenantError };

/**
 * Decides a new tenant. Names and tags are trimmed, tags deduplicated case-insensitively (they are filters,
 * "Retail" and "retail" are one tag), contact e-mails lower-cased.
 */
export function decideCreateTenant(command: CreateTenant, now: Date): Decision<Tenant> {
  const name = command.name.trim();
  if (name.length === 0) {
    return { ok: false, error: { code: 'name-required', field: 'name', message: 'name must not be blank' } };
  }
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
      contacts: (command.contacts ?? []).map((c) => ({
        name: c.name.trim(),
        email: c.email.trim().toLowerCase(),
        ...(c.role ? { role: c.role.trim() } : {}),
      })),
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
