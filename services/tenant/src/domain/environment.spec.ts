import type { TenantStatus } from '@pac/contracts';
import {
  checkEnvironmentName,
  completePreparation,
  decideCreateEnvironment,
  decideRecover,
  decideRename,
  decideSoftDelete,
  isDueForPurge,
  RESERVED_ENVIRONMENT_NAMES,
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
const create = (name: string, more: Partial<CreateEnvironmentContext> = {}, type = 'production' as const) =>
  decideCreateEnvironment({ environmentId: 'e-new', name, type }, { ...context, ...more }, now);

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
const activeTenant = { status: 'active' as TenantStatus };

describe('environment names', () => {
  it.each(['Main', 'prod-FR', 'test_2', 'a', 'A'.repeat(29)])('accepts %s', (name) => {
    expect(checkEnvironmentName(name, 'name')).toEqual({ ok: true, value: name });
  });

  it.each(['', '1main', '-main', 'main env', 'main.fr', 'é', 'A'.repeat(30)])(
    'refuses %j, naming the field',
    (name) => {
      expect(checkEnvironmentName(name, 'name')).toMatchObject({
        ok: false,
        error: { code: 'name-invalid', field: 'name' },
      });
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
      expect(checkEnvironmentName(reserved, 'newName')).toMatchObject({
        ok: false,
        error: { code: 'name-reserved', field: 'newName' },
      });
    }
    expect(RESERVED_ENVIRONMENT_NAMES.every((n) => n === n.toLowerCase())).toBe(true);
  });
});

describe('creating an environment', () => {
  it('starts preparing, on the default version and the tenant’s country unless given', () => {
    expect(create('Main')).toEqual({
      ok: true,
      value: {
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
      },
    });
    const given = decideCreateEnvironment(
      { environmentId: 'e', name: 'Test', type: 'sandbox', countryCode: 'BE', applicationVersion: '25.4' },
      context,
      now,
    );
    expect(given).toMatchObject({ ok: true, value: { countryCode: 'BE', applicationVersion: '25.4' } });
  });

  it('refuses a name already used in the tenant, whatever the case', () => {
    expect(create('MAIN', { existing: [{ name: 'main', type: 'sandbox' }] })).toMatchObject({
      ok: false,
      error: { code: 'name-taken' },
    });
  });

  it('refuses a malformed application version, naming the field', () => {
    const decision = decideCreateEnvironment(
      { environmentId: 'e', name: 'Main', type: 'production', applicationVersion: '26' },
      context,
      now,
    );
    expect(decision).toMatchObject({ ok: false, error: { field: 'applicationVersion' } });
  });

  it('holds each type to its quota, soft-deleted environments included', () => {
    const existing = [
      { name: 'p1', type: 'production' as const },
      { name: 'p2', type: 'production' as const },
      { name: 'p3', type: 'production' as const },
    ];
    expect(create('p4', { existing })).toMatchObject({ ok: false, error: { code: 'quota-exceeded' } });
    expect(create('s1', { existing }, 'sandbox' as never).ok).toBe(true);
    expect(create('p4', { existing, quotas: { production: 4, sandbox: 3 } }).ok).toBe(true);
  });

  it('refuses while the tenant is suspended or offboarded', () => {
    for (const status of ['suspended', 'offboarded'] as const) {
      expect(create('Main', { tenant: { ...context.tenant, status } })).toMatchObject({
        ok: false,
        error: { code: `tenant-${status}` },
      });
    }
  });

  it('becomes active when its operation completes, once', () => {
    const preparing = { ...active, status: 'preparing' as const };
    expect(completePreparation(preparing, now)).toMatchObject({ ok: true, value: { status: 'active' } });
    expect(completePreparation(active, now)).toMatchObject({
      ok: false,
      error: { code: 'environment-not-preparing' },
    });
  });
});

describe('soft delete, recover and purge', () => {
  it('keeps a soft-deleted environment 14 days, then it is due for purge', () => {
    const decision = decideSoftDelete(activeTenant, active, now);
    expect(decision).toMatchObject({
      ok: true,
      value: {
        status: 'soft-deleted',
        softDeletedAt: '2026-11-24T08:00:00.000Z',
        purgeAt: '2026-12-08T08:00:00.000Z',
        statusBeforeDeletion: 'active',
      },
    });
    if (!decision.ok) return;
    expect(isDueForPurge(decision.value, new Date('2026-12-08T07:59:59.999Z'))).toBe(false);
    expect(isDueForPurge(decision.value, new Date('2026-12-08T08:00:00.000Z'))).toBe(true);
    expect(isDueForPurge(active, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('recovers to the status it had, and forgets the deletion', () => {
    const deleted = decideSoftDelete(activeTenant, { ...active, status: 'failed' }, now);
    if (!deleted.ok) throw new Error('expected a soft delete');
    expect(decideRecover(activeTenant, deleted.value, now)).toMatchObject({
      ok: true,
      value: { status: 'failed', softDeletedAt: null, purgeAt: null, statusBeforeDeletion: null },
    });
  });

  it('recovers only what is soft-deleted, and deletes only a settled environment', () => {
    expect(decideRecover(activeTenant, active, now)).toMatchObject({
      ok: false,
      error: { code: 'environment-not-soft-deleted' },
    });
    for (const status of ['preparing', 'updating'] as const) {
      expect(decideSoftDelete(activeTenant, { ...active, status }, now)).toMatchObject({
        ok: false,
        error: { code: 'environment-busy' },
      });
    }
    const deleted = { ...active, status: 'soft-deleted' as const };
    expect(decideSoftDelete(activeTenant, deleted, now)).toMatchObject({
      ok: false,
      error: { code: 'environment-soft-deleted' },
    });
  });

  it('refuses both while the tenant is suspended', () => {
    const suspended = { status: 'suspended' as TenantStatus };
    expect(decideSoftDelete(suspended, active, now)).toMatchObject({ error: { code: 'tenant-suspended' } });
    const deleted = { ...active, status: 'soft-deleted' as const };
    expect(decideRecover(suspended, deleted, now)).toMatchObject({ error: { code: 'tenant-suspended' } });
  });
});

describe('renaming an environment', () => {
  const others = [active, { id: 'e-2', name: 'Test' }];

  it('takes a free, valid name; a change of case only is allowed', () => {
    expect(decideRename(activeTenant, active, 'Main-FR', others, now)).toMatchObject({
      ok: true,
      value: { name: 'Main-FR', updatedAt: '2026-11-24T08:00:00.000Z' },
    });
    expect(decideRename(activeTenant, active, 'MAIN', others, now).ok).toBe(true);
  });

  it('refuses a name another environment has (409) and an invalid one (400 on newName)', () => {
    expect(decideRename(activeTenant, active, 'test', others, now)).toMatchObject({
      ok: false,
      error: { code: 'name-taken' },
    });
    expect(decideRename(activeTenant, active, 'sandbox', others, now)).toMatchObject({
      ok: false,
      error: { code: 'name-reserved', field: 'newName' },
    });
  });

  it('refuses a soft-deleted environment', () => {
    const deleted = { ...active, status: 'soft-deleted' as const };
    expect(decideRename(activeTenant, deleted, 'Other', others, now)).toMatchObject({
      ok: false,
      error: { code: 'environment-soft-deleted' },
    });
  });
});
