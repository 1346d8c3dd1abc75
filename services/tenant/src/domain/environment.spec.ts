import type { TenantStatus } from '@pac/contracts';
import { DecisionSpecification } from '@pac/domain';
import {
  checkEnvironmentName,
  completePreparation,
  decideCreateEnvironment,
  decideRecover,
  decideRename,
  decideSoftDelete,
  isDueForPurge,
  RESERVED_ENVIRONMENT_NAMES,
  type CreateEnvironment,
  type CreateEnvironmentContext,
  type Environment,
} from './environment';

const now = new Date('2026-11-24T08:00:00Z');
const tenantId = '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01';
const context: CreateEnvironmentContext = {
  tenant: { id: tenantId, status: 'active', countryCode: 'FR' },
  existing: [],
  quotas: { production: 3, sandbox: 3 },
  defaultApplicationVersion: '26.0',
};
/** A creation, given the tenant's context (its status, its environments, the quotas). */
const create = DecisionSpecification.for(
  (more: Partial<CreateEnvironmentContext>, command: Partial<CreateEnvironment> & { name: string }) =>
    decideCreateEnvironment(
      { environmentId: 'e-new', type: 'production', ...command },
      { ...context, ...more },
      now,
    ),
);

const active: Environment = {
  id: 'e-1',
  tenantId,
  name: 'Main',
  type: 'production',
  status: 'active',
  applicationVersion: '26.0',
  countryCode: 'FR',
  sourceEnvironment: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  softDeletedAt: null,
  purgeAt: null,
  statusBeforeDeletion: null,
};
/** Where a change of one environment starts from: the environment, and its tenant's status. */
interface Given {
  environment: Environment;
  tenantStatus?: TenantStatus;
}
const tenantOf = (given: Given) => ({ status: given.tenantStatus ?? 'active' });
const softDelete = DecisionSpecification.for((given: Given, at: Date) =>
  decideSoftDelete(tenantOf(given), given.environment, at),
);
const recover = DecisionSpecification.for((given: Given, at: Date) =>
  decideRecover(tenantOf(given), given.environment, at),
);
const others = [active, { id: 'e-2', name: 'Test' }];
const rename = DecisionSpecification.for((given: Given, newName: string) =>
  decideRename(tenantOf(given), given.environment, newName, others, now),
);
const prepare = DecisionSpecification.for((environment: Environment, at: Date) =>
  completePreparation(environment, at),
);
const name = DecisionSpecification.for((field: string, candidate: string) =>
  checkEnvironmentName(candidate, field),
);

describe('environment names', () => {
  it.each(['Main', 'prod-FR', 'test_2', 'a', 'A'.repeat(29)])('accepts %s', (candidate) => {
    name.given('name').when(candidate).then(candidate);
  });

  it.each(['', '1main', '-main', 'main env', 'main.fr', 'é', 'A'.repeat(30)])(
    'refuses %j, naming the field',
    (candidate) => {
      name.given('name').when(candidate).thenRefused('name-invalid', ['name']);
    },
  );

  it('refuses reserved names whatever their case, naming the field it came from', () => {
    for (const reserved of [
      'production',
      'Sandbox',
      'DEFAULT',
      'api',
      'Admin',
      'operations',
      'environments',
    ]) {
      name.given('newName').when(reserved).thenRefused('name-reserved', ['newName']);
    }
    expect(RESERVED_ENVIRONMENT_NAMES.every((n) => n === n.toLowerCase())).toBe(true);
  });
});

describe('creating an environment', () => {
  it('starts preparing, on the default version and the tenant’s country unless given', () => {
    create.given({}).when({ name: 'Main' }).then({
      id: 'e-new',
      tenantId,
      name: 'Main',
      type: 'production',
      status: 'preparing',
      applicationVersion: '26.0',
      countryCode: 'FR',
      sourceEnvironment: null,
      createdAt: '2026-11-24T08:00:00.000Z',
      updatedAt: '2026-11-24T08:00:00.000Z',
      softDeletedAt: null,
      purgeAt: null,
      statusBeforeDeletion: null,
    });
    create
      .given({})
      .when({ name: 'Test', type: 'sandbox', countryCode: 'BE', applicationVersion: '25.4' })
      .then((environment) =>
        expect(environment).toMatchObject({ countryCode: 'BE', applicationVersion: '25.4' }),
      );
  });

  it('refuses a name already used in the tenant, whatever the case', () => {
    create
      .given({ existing: [{ name: 'main', type: 'sandbox' }] })
      .when({ name: 'MAIN' })
      .thenRefused('name-taken');
  });

  it('refuses a malformed application version, naming the field', () => {
    create
      .given({})
      .when({ name: 'Main', applicationVersion: '26' })
      .thenRefused('application-version-invalid', ['applicationVersion']);
  });

  it('holds each type to its quota, soft-deleted environments included', () => {
    const existing = [
      { name: 'p1', type: 'production' as const },
      { name: 'p2', type: 'production' as const },
      { name: 'p3', type: 'production' as const },
    ];
    const created = (environment: Environment) => expect(environment.status).toBe('preparing');
    create.given({ existing }).when({ name: 'p4' }).thenRefused('quota-exceeded');
    create.given({ existing }).when({ name: 's1', type: 'sandbox' }).then(created);
    create
      .given({ existing, quotas: { production: 4, sandbox: 3 } })
      .when({ name: 'p4' })
      .then(created);
  });

  it('refuses while the tenant is suspended or offboarded', () => {
    for (const status of ['suspended', 'offboarded'] as const) {
      create
        .given({ tenant: { ...context.tenant, status } })
        .when({ name: 'Main' })
        .thenRefused(`tenant-${status}`);
    }
  });

  it('becomes active when its operation completes, once', () => {
    prepare
      .given({ ...active, status: 'preparing' })
      .when(now)
      .then({ ...active, status: 'active', updatedAt: '2026-11-24T08:00:00.000Z' });
    prepare.given(active).when(now).thenRefused('environment-not-preparing');
  });
});

describe('soft delete, recover and purge', () => {
  it('keeps a soft-deleted environment 14 days, then it is due for purge', () => {
    const deleted: Environment = {
      ...active,
      status: 'soft-deleted',
      softDeletedAt: '2026-11-24T08:00:00.000Z',
      purgeAt: '2026-12-08T08:00:00.000Z',
      statusBeforeDeletion: 'active',
      updatedAt: '2026-11-24T08:00:00.000Z',
    };
    softDelete.given({ environment: active }).when(now).then(deleted);
    expect(isDueForPurge(deleted, new Date('2026-12-08T07:59:59.999Z'))).toBe(false);
    expect(isDueForPurge(deleted, new Date('2026-12-08T08:00:00.000Z'))).toBe(true);
    expect(isDueForPurge(active, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('recovers to the status it had, and forgets the deletion', () => {
    const deleted: Environment = {
      ...active,
      status: 'soft-deleted',
      softDeletedAt: '2026-11-24T08:00:00.000Z',
      purgeAt: '2026-12-08T08:00:00.000Z',
      statusBeforeDeletion: 'failed',
    };
    const later = new Date('2026-11-25T08:00:00Z');
    recover
      .given({ environment: deleted })
      .when(later)
      .then({ ...active, status: 'failed', updatedAt: later.toISOString() });
  });

  it('recovers only what is soft-deleted, and deletes only a settled environment', () => {
    recover.given({ environment: active }).when(now).thenRefused('environment-not-soft-deleted');
    for (const status of ['preparing', 'updating'] as const) {
      softDelete
        .given({ environment: { ...active, status } })
        .when(now)
        .thenRefused('environment-busy');
    }
    softDelete
      .given({ environment: { ...active, status: 'soft-deleted' } })
      .when(now)
      .thenRefused('environment-soft-deleted');
  });

  it('refuses both while the tenant is suspended', () => {
    softDelete
      .given({ environment: active, tenantStatus: 'suspended' })
      .when(now)
      .thenRefused('tenant-suspended');
    recover
      .given({ environment: { ...active, status: 'soft-deleted' }, tenantStatus: 'suspended' })
      .when(now)
      .thenRefused('tenant-suspended');
  });
});

describe('renaming an environment', () => {
  it('takes a free, valid name; a change of case only is allowed', () => {
    rename
      .given({ environment: active })
      .when('Main-FR')
      .then({ ...active, name: 'Main-FR', updatedAt: '2026-11-24T08:00:00.000Z' });
    rename
      .given({ environment: active })
      .when('MAIN')
      .then((environment) => expect(environment.name).toBe('MAIN'));
  });

  it('refuses a name another environment has (409) and an invalid one (400 on newName)', () => {
    rename.given({ environment: active }).when('test').thenRefused('name-taken');
    rename.given({ environment: active }).when('sandbox').thenRefused('name-reserved', ['newName']);
  });

  it('refuses a soft-deleted environment', () => {
    rename
      .given({ environment: { ...active, status: 'soft-deleted' } })
      .when('Other')
      .thenRefused('environment-soft-deleted');
  });
});
