import type { TenantStatus } from '@pac/contracts';
import { DecisionSpecification } from '@pac/domain';
import {
  checkTenantAllows,
  decideCreateTenant,
  decideTenantStatus,
  decideUpdateTenant,
  type CreateTenant,
  type Tenant,
  type TenantPatch,
  type TenantStatusAction,
  type TenantWrite,
} from './tenant';

const tenant: Tenant = {
  id: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
  partnerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  name: 'Fabrikam',
  countryCode: 'FR',
  externalDirectoryId: null,
  status: 'active',
  tags: ['retail'],
  contacts: [{ name: 'Jeanne', role: 'IT', email: 'jeanne@example.com' }],
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-24T08:00:00.000Z',
};
const at = (status: TenantStatus): Tenant => ({ ...tenant, status });

describe('creating a tenant', () => {
  const now = new Date('2026-11-24T08:00:00Z');
  const base = { tenantId: tenant.id, partnerId: tenant.partnerId, countryCode: 'FR' };
  /** Nothing exists before a tenant: the rule is the command alone. */
  const create = DecisionSpecification.for((_nothing: null, command: CreateTenant) =>
    decideCreateTenant(command, now),
  );

  it('starts active, with trimmed name, unique lower-case tags and lower-case contact e-mails', () => {
    create
      .given(null)
      .when({
        ...base,
        name: '  Fabrikam SARL ',
        tags: ['Retail', 'retail', ' priority '],
        contacts: [{ name: ' Jeanne ', email: 'Jeanne@Example.COM' }],
      })
      .then({
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
      });
  });

  it('refuses a blank name, naming the field', () => {
    const refusal = create
      .given(null)
      .when({ ...base, name: '   ' })
      .thenRefused('name-required', ['name']);
    expect(refusal.message).toBe('name must not be blank');
  });
});

describe('updating a tenant', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  const update = DecisionSpecification.for((current: Tenant, patch: TenantPatch) =>
    decideUpdateTenant(current, patch, now),
  );

  it('replaces the given fields, normalised, and stamps updatedAt', () => {
    update
      .given(tenant)
      .when({ name: ' Fabrikam SAS ', tags: ['Priority', 'priority'], externalDirectoryId: 'dir-1' })
      .then({
        changed: true,
        tenant: {
          ...tenant,
          name: 'Fabrikam SAS',
          tags: ['priority'],
          externalDirectoryId: 'dir-1',
          updatedAt: '2026-11-25T09:00:00.000Z',
        },
      });
  });

  it('reports no change when the values are the same, whatever the order of their keys', () => {
    update
      .given(tenant)
      .when({ name: 'Fabrikam', contacts: [{ email: 'jeanne@example.com', name: 'Jeanne', role: 'IT' }] })
      .then((value) => expect(value).toEqual({ changed: false, tenant }));
  });

  it('refuses a blank name, naming the field', () => {
    update.given(tenant).when({ name: ' ' }).thenRefused('name-required', ['name']);
  });

  it('lets a suspended tenant change its details but not an offboarded one', () => {
    update
      .given(at('suspended'))
      .when({ name: 'X' })
      .then((value) => expect(value.tenant.name).toBe('X'));
    update.given(at('offboarded')).when({ name: 'X' }).thenRefused('tenant-offboarded');
  });
});

describe('tenant states', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  const change = DecisionSpecification.for((current: Tenant, action: TenantStatusAction) =>
    decideTenantStatus(current, action, now),
  );
  const allows = DecisionSpecification.for((current: Tenant, write: TenantWrite) =>
    checkTenantAllows(current, write),
  );
  const becomes = (status: TenantStatus) => (value: Tenant) => expect(value.status).toBe(status);

  it('suspends an active tenant, resumes a suspended one, offboards either', () => {
    change.given(at('active')).when('suspend').then(becomes('suspended'));
    change.given(at('suspended')).when('resume').then(becomes('active'));
    change.given(at('active')).when('offboard').then(becomes('offboarded'));
    change.given(at('suspended')).when('offboard').then(becomes('offboarded'));
  });

  it('refuses the moves that make no sense, and anything once offboarded (final)', () => {
    change.given(at('suspended')).when('suspend').thenRefused('tenant-already-suspended');
    change.given(at('active')).when('resume').thenRefused('tenant-not-suspended');
    for (const action of ['suspend', 'resume', 'offboard'] as const) {
      change.given(at('offboarded')).when(action).thenRefused('tenant-offboarded');
    }
  });

  it('stamps updatedAt with the time of the change', () => {
    change
      .given(at('active'))
      .when('suspend')
      .then({ ...at('suspended'), updatedAt: '2026-11-25T09:00:00.000Z' });
  });

  it('freezes environments while suspended and everything once offboarded', () => {
    allows.given(at('active')).when('environments').then(true);
    allows.given(at('suspended')).when('details').then(true);
    allows.given(at('suspended')).when('environments').thenRefused('tenant-suspended');
    allows.given(at('offboarded')).when('details').thenRefused('tenant-offboarded');
  });
});
