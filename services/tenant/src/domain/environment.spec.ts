import type { TenantStatus } from '@pac/contracts';
import { DecisionSpecification } from '@pac/domain';
import {
  checkEnvironmentName,
  checkNoOperationPending,
  completePreparation,
  decideCreateEnvironment,
  decideRecover,
  decideRename,
  decideSoftDelete,
  deletedEnvironmentName,
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
  quotas: { production: 1, sandbox: 3 },
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
  nameBeforeDeletion: null,
};
/** Where a change of one environment starts from: the environment, and its tenant's status. */
interface Given {
  environment: Environment;
  tenantStatus?: TenantStatus;
}
const tenantOf = (given: Given) => ({ status: given.tenantStatus ?? 'active' });
const others = [active, { id: 'e-2', name: 'Test' }];
const softDelete = DecisionSpecification.for((given: Given, at: Date) =>
  decideSoftDelete(tenantOf(given), given.environment, others, at),
);
/** A recovery, given the environment and the tenant's others (its quotas: one production, three sandboxes). */
interface GivenRecovery extends Given {
  others?: readonly Pick<Environment, 'id' | 'name' | 'type' | 'status'>[];
}
const recover = DecisionSpecification.for((given: GivenRecovery, request: { at: Date; newName?: string }) =>
  decideRecover(
    tenantOf(given),
    given.environment,
    request.newName !== undefined ? { newName: request.newName } : {},
    { others: given.others ?? [], quotas: { production: 1, sandbox: 3 } },
    request.at,
  ),
);
const rename = DecisionSpecification.for((given: Given, newName: string) =>
  decideRename(tenantOf(given), given.environment, newName, others, now),
);
const prepare = DecisionSpecification.for(
  (given: { environment: Environment; tenantStatus?: TenantStatus }, at: Date) =>
    completePreparation({ status: given.tenantStatus ?? 'active' }, given.environment, at),
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

  it('accepts the reference’s default names, Production and Sandbox, and default, in any case', () => {
    for (const candidate of ['Production', 'Sandbox', 'production', 'SANDBOX', 'default']) {
      name.given('name').when(candidate).then(candidate);
    }
  });

  it('refuses reserved names whatever their case, naming the field it came from', () => {
    for (const reserved of ['api', 'Admin', 'operations', 'environments']) {
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
      nameBeforeDeletion: null,
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
      .given({ existing: [{ name: 'main', type: 'sandbox', status: 'active' }] })
      .when({ name: 'MAIN' })
      .thenRefused('name-taken');
  });

  it('refuses a malformed application version, naming the field', () => {
    create
      .given({})
      .when({ name: 'Main', applicationVersion: '26' })
      .thenRefused('application-version-invalid', ['applicationVersion']);
  });

  it('holds each type to its quota: one production and three sandboxes by default', () => {
    const existing = [
      { name: 'Production', type: 'production' as const, status: 'active' as const },
      { name: 's1', type: 'sandbox' as const, status: 'active' as const },
      { name: 's2', type: 'sandbox' as const, status: 'preparing' as const },
    ];
    const created = (environment: Environment) => expect(environment.status).toBe('preparing');
    create.given({ existing }).when({ name: 'p2' }).thenRefused('quota-exceeded');
    create.given({ existing }).when({ name: 'Sandbox', type: 'sandbox' }).then(created);
    const full = [...existing, { name: 's3', type: 'sandbox' as const, status: 'active' as const }];
    create.given({ existing: full }).when({ name: 's4', type: 'sandbox' }).thenRefused('quota-exceeded');
    create
      .given({ existing: full, quotas: { production: 2, sandbox: 6 } })
      .when({ name: 's4', type: 'sandbox' })
      .then(created);
  });

  it('does not count soft-deleted environments', () => {
    const existing = [
      { name: 'Production-26112408000000', type: 'production' as const, status: 'soft-deleted' as const },
    ];
    create
      .given({ existing })
      .when({ name: 'Production' })
      .then((environment) => expect(environment.name).toBe('Production'));
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
      .given({ environment: { ...active, status: 'preparing' } })
      .when(now)
      .then({ ...active, status: 'active', updatedAt: '2026-11-24T08:00:00.000Z' });
    prepare.given({ environment: active }).when(now).thenRefused('environment-not-preparing');
  });

  it('fails when its tenant was suspended or offboarded before it was ready (then it is removed)', () => {
    for (const tenantStatus of ['suspended', 'offboarded'] as const) {
      prepare
        .given({ environment: { ...active, status: 'preparing' }, tenantStatus })
        .when(now)
        .thenRefused(`tenant-${tenantStatus}`);
    }
  });
});

describe('soft delete, recover and purge', () => {
  const deleted: Environment = {
    ...active,
    name: 'Main-26112408000000',
    nameBeforeDeletion: 'Main',
    status: 'soft-deleted',
    softDeletedAt: '2026-11-24T08:00:00.000Z',
    purgeAt: '2026-12-08T08:00:00.000Z',
    statusBeforeDeletion: 'active',
    updatedAt: '2026-11-24T08:00:00.000Z',
  };
  const later = new Date('2026-11-25T08:00:00Z');

  it('renames it <name>-yyMMddHHmmssff, keeps it 14 days, then it is due for purge', () => {
    softDelete.given({ environment: active }).when(now).then(deleted);
    expect(isDueForPurge(deleted, new Date('2026-12-08T07:59:59.999Z'))).toBe(false);
    expect(isDueForPurge(deleted, new Date('2026-12-08T08:00:00.000Z'))).toBe(true);
    expect(isDueForPurge(active, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('stamps the deleted name to the hundredth of a second (UTC), within the naming rules', () => {
    const free = () => false;
    expect(deletedEnvironmentName('Main', new Date('2026-03-07T21:05:09.876Z'), free)).toBe(
      'Main-26030721050987',
    );
    const long = deletedEnvironmentName('A'.repeat(29), new Date('2026-03-07T21:05:09.876Z'), free);
    expect(long).toBe(`${'A'.repeat(14)}-26030721050987`);
    expect(long).toHaveLength(29);
    name.given('name').when(long).then(long);
  });

  it('takes the next hundredth should the deleted name be taken already', () => {
    const taken = (candidate: string) => candidate === 'Main-26030721050987';
    expect(deletedEnvironmentName('Main', new Date('2026-03-07T21:05:09.876Z'), taken)).toBe(
      'Main-26030721050988',
    );
  });

  it('recovers to the status and the name it had, and forgets the deletion', () => {
    recover
      .given({ environment: { ...deleted, statusBeforeDeletion: 'failed' } })
      .when({ at: later })
      .then({ ...active, status: 'failed', updatedAt: later.toISOString() });
  });

  it('needs a new name when its former name was taken meanwhile; its deleted name is one', () => {
    const newer = { id: 'e-3', name: 'main', type: 'sandbox' as const, status: 'active' as const };
    recover
      .given({ environment: deleted, others: [newer] })
      .when({ at: later })
      .thenRefused('original-name-taken');
    recover
      .given({ environment: deleted, others: [newer] })
      .when({ at: later, newName: 'Main-26112408000000' })
      .then((environment) =>
        expect(environment).toMatchObject({ name: 'Main-26112408000000', status: 'active' }),
      );
    recover
      .given({ environment: deleted, others: [newer] })
      .when({ at: later, newName: 'Main-old' })
      .then((environment) => expect(environment.name).toBe('Main-old'));
    recover
      .given({ environment: deleted, others: [newer] })
      .when({ at: later, newName: 'MAIN' })
      .thenRefused('name-taken');
    recover
      .given({ environment: deleted })
      .when({ at: later, newName: '1bad' })
      .thenRefused('name-invalid', ['newName']);
  });

  it('fits the quota again, a production environment may exceed it by one (the reference’s exception)', () => {
    const production = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `p-${i}`,
        name: `p${i}`,
        type: 'production' as const,
        status: 'active' as const,
      }));
    const recovered = (environment: Environment) => expect(environment.status).toBe('active');
    recover
      .given({ environment: deleted, others: production(1) })
      .when({ at: later })
      .then(recovered);
    recover
      .given({ environment: deleted, others: production(2) })
      .when({ at: later })
      .thenRefused('quota-exceeded');
    const sandbox: Environment = { ...deleted, type: 'sandbox' };
    const sandboxes = Array.from({ length: 3 }, (_, i) => ({
      id: `s-${i}`,
      name: `s${i}`,
      type: 'sandbox' as const,
      status: 'active' as const,
    }));
    recover
      .given({ environment: sandbox, others: sandboxes })
      .when({ at: later })
      .thenRefused('quota-exceeded');
    recover
      .given({
        environment: sandbox,
        others: [...sandboxes.slice(1), { ...sandboxes[0]!, status: 'soft-deleted' as const }],
      })
      .when({ at: later })
      .then(recovered);
  });

  it('recovers only what is soft-deleted, and deletes only a settled environment', () => {
    recover.given({ environment: active }).when({ at: now }).thenRefused('environment-not-soft-deleted');
    for (const status of ['preparing', 'updating'] as const) {
      softDelete
        .given({ environment: { ...active, status } })
        .when(now)
        .thenRefused('environment-busy');
    }
    softDelete.given({ environment: deleted }).when(now).thenRefused('environment-soft-deleted');
  });

  it('refuses both while the tenant is suspended', () => {
    softDelete
      .given({ environment: active, tenantStatus: 'suspended' })
      .when(now)
      .thenRefused('tenant-suspended');
    recover
      .given({ environment: deleted, tenantStatus: 'suspended' })
      .when({ at: now })
      .thenRefused('tenant-suspended');
  });

  it('refuses a second change while one is scheduled or running', () => {
    expect(checkNoOperationPending(active, null)).toEqual({ ok: true, value: true });
    const busy = checkNoOperationPending(active, { type: 'rename', status: 'scheduled' });
    expect(busy.ok ? undefined : busy.error.code).toBe('environment-busy');
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
    rename.given({ environment: active }).when('sandboxes').thenRefused('name-reserved', ['newName']);
  });

  it('refuses a soft-deleted environment', () => {
    rename
      .given({ environment: { ...active, status: 'soft-deleted' } })
      .when('Other')
      .thenRefused('environment-soft-deleted');
  });
});
