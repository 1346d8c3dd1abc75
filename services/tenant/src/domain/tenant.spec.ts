import type { TenantStatus } from '@pac/contracts';
import {
  checkTenantAllows,
  decideCreateTenant,
  decideTenantStatus,
  decideUpdateTenant,
  type TenantStatusAction,
} from './tenant';

describe('creating a tenant', () => {
  const now = new Date('2026-11-24T08:00:00Z');
  const base = {
    tenantId: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
    partnerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    countryCode: 'FR',
  };

  it('starts active, with trimmed name, unique lower-case tags and lower-case contact e-mails', () => {
    const decision = decideCreateTenant(
      {
        ...base,
        name: '  Fabrikam SARL ',
        tags: ['Retail', 'retail', ' priority '],
        contacts: [{ name: ' Jeanne ', email: 'Jeanne@Example.COM' }],
      },
      now,
    );
    expect(decision).toEqual({
      ok: true,
      value: {
        id: base.tenantId,
        partnerId: base.partnerId,
        name: 'Fabrikam SARL',
        countryCode: 'FR',
        externalDirectoryId: null,
        status: 'active',
        tags: ['retail', 'priority'],
        contacts: [{ name: 'Jeanne', email: 'jeanne@example.com' }],
        createdAt: '2026-11-24T08:00:00.000Z',
        updatedAt: '2026-11-24T08:00:00.000Z',
      },
    });
  });

  it('refuses a blank name, naming the field', () => {
    expect(decideCreateTenant({ ...base, name: '   ' }, now)).toEqual({
      ok: false,
      error: { code: 'name-required', field: 'name', message: 'name must not be blank' },
    });
  });
});

describe('updating a tenant', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  const tenant = {
    id: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
    partnerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    name: 'Fabrikam',
    countryCode: 'FR',
    externalDirectoryId: null,
    status: 'active' as const,
    tags: ['retail'],
    contacts: [{ name: 'Jeanne', role: 'IT', email: 'jeanne@example.com' }],
    createdAt: '2026-11-24T08:00:00.000Z',
    updatedAt: '2026-11-24T08:00:00.000Z',
  };

  it('replaces the given fields, normalised, and stamps updatedAt', () => {
    const decision = decideUpdateTenant(
      tenant,
      { name: ' Fabrikam SAS ', tags: ['Priority', 'priority'], externalDirectoryId: 'dir-1' },
      now,
    );
    expect(decision).toEqual({
      ok: true,
      value: {
        changed: true,
        tenant: {
          ...tenant,
          name: 'Fabrikam SAS',
          tags: ['priority'],
          externalDirectoryId: 'dir-1',
          updatedAt: '2026-11-25T09:00:00.000Z',
        },
      },
    });
  });

  it('reports no change when the values are the same, whatever the order of their keys', () => {
    const decision = decideUpdateTenant(
      tenant,
      { name: 'Fabrikam', contacts: [{ email: 'jeanne@example.com', name: 'Jeanne', role: 'IT' }] },
      now,
    );
    expect(decision).toEqual({ ok: true, value: { changed: false, tenant } });
  });

  it('refuses a blank name, naming the field', () => {
    expect(decideUpdateTenant(tenant, { name: ' ' }, now)).toMatchObject({
      ok: false,
      error: { code: 'name-required', field: 'name' },
    });
  });

  it('lets a suspended tenant change its details but not an offboarded one', () => {
    expect(decideUpdateTenant({ ...tenant, status: 'suspended' }, { name: 'X' }, now).ok).toBe(true);
    expect(decideUpdateTenant({ ...tenant, status: 'offboarded' }, { name: 'X' }, now)).toMatchObject({
      ok: false,
      error: { code: 'tenant-offboarded' },
    });
  });
});

describe('tenant states', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  const tenant = {
    id: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
    partnerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    name: 'Fabrikam',
    countryCode: 'FR',
    externalDirectoryId: null,
    tags: [],
    contacts: [],
    createdAt: '2026-11-24T08:00:00.000Z',
    updatedAt: '2026-11-24T08:00:00.000Z',
  };
  const at = (status: TenantStatus) => ({ ...tenant, status });
  const outcome = (status: TenantStatus, action: TenantStatusAction) => {
    const decision = decideTenantStatus(at(status), action, now);
    return decision.ok ? decision.value.status : decision.error.code;
  };

  it('suspends an active tenant, resumes a suspended one, offboards either', () => {
    expect(outcome('active', 'suspend')).toBe('suspended');
    expect(outcome('suspended', 'resume')).toBe('active');
    expect(outcome('active', 'offboard')).toBe('offboarded');
    expect(outcome('suspended', 'offboard')).toBe('offboarded');
  });

  it('refuses the moves that make no sense, and anything once offboarded (final)', () => {
    expect(outcome('suspended', 'suspend')).toBe('tenant-already-suspended');
    expect(outcome('active', 'resume')).toBe('tenant-not-suspended');
    for (const action of ['suspend', 'resume', 'offboard'] as const) {
      expect(outcome('offboarded', action)).toBe('tenant-offboarded');
    }
  });

  it('stamps updatedAt with the time of the change', () => {
    expect(decideTenantStatus(at('active'), 'suspend', now)).toMatchObject({
      ok: true,
      value: { updatedAt: '2026-11-25T09:00:00.000Z' },
    });
  });

  it('freezes environments while suspended and everything once offboarded', () => {
    expect(checkTenantAllows(at('active'), 'environments').ok).toBe(true);
    expect(checkTenantAllows(at('suspended'), 'details').ok).toBe(true);
    expect(checkTenantAllows(at('suspended'), 'environments')).toMatchObject({
      ok: false,
      error: { code: 'tenant-suspended' },
    });
    expect(checkTenantAllows(at('offboarded'), 'details')).toMatchObject({
      ok: false,
      error: { code: 'tenant-offboarded' },
    });
  });
});
