import type { Environment } from './environment';
import {
  compareApplicationVersions,
  decideInstallExtension,
  decideUninstallExtension,
  supportsApplicationVersion,
  type Extension,
  type InstallExtension,
} from './extension';

const now = new Date('2026-11-24T08:00:00Z');
const environment: Environment = {
  id: 'e-1',
  tenantId: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
  name: 'Main',
  type: 'production',
  status: 'active',
  applicationVersion: '26.2',
  countryCode: 'FR',
  sourceEnvironment: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  softDeletedAt: null,
  purgeAt: null,
  statusBeforeDeletion: null,
};
const tenant = { status: 'active' as const };
const command: InstallExtension = {
  extensionId: 'x-1',
  publisher: 'Contoso',
  name: 'Payments',
  version: '1.2.3.4',
  minVersion: '26.0',
  maxVersion: '26.5',
};
const install = (more: Partial<InstallExtension>, installed: Extension[] = [], env = environment) =>
  decideInstallExtension(tenant, env, installed, { ...command, ...more }, now);
const installedPayments: Extension = {
  id: 'x-0',
  environmentId: 'e-1',
  publisher: 'Contoso',
  name: 'Payments',
  version: '1.0.0.0',
  minVersion: '25.0',
  maxVersion: null,
  installedAt: '2026-11-01T00:00:00.000Z',
};

describe('application versions', () => {
  it('compare numerically, minor by minor', () => {
    expect(compareApplicationVersions('26.10', '26.9')).toBeGreaterThan(0);
    expect(compareApplicationVersions('25.9', '26.0')).toBeLessThan(0);
    expect(compareApplicationVersions('26.0', '26.0')).toBe(0);
  });

  it('are supported from minVersion to maxVersion, both included, or on without a maxVersion', () => {
    const ext = { minVersion: '26.0', maxVersion: '26.5' };
    expect(['25.9', '26.0', '26.5', '26.6'].map((v) => supportsApplicationVersion(ext, v))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(supportsApplicationVersion({ minVersion: '26.0', maxVersion: null }, '40.0')).toBe(true);
  });
});

describe('installing an extension', () => {
  it('installs a compatible extension', () => {
    expect(install({})).toEqual({
      ok: true,
      value: {
        id: 'x-1',
        environmentId: 'e-1',
        publisher: 'Contoso',
        name: 'Payments',
        version: '1.2.3.4',
        minVersion: '26.0',
        maxVersion: '26.5',
        installedAt: '2026-11-24T08:00:00.000Z',
      },
    });
  });

  it.each(['1.2', '1.2.3', '1.2.3.4', '2.0.1-beta.1', '1.0.0+build.7', '3.1.0-rc.1+exp'])(
    'accepts version %s',
    (version) => {
      expect(install({ version }).ok).toBe(true);
    },
  );

  it.each(['1', 'v1.2.3', '1.2.3.4.5', '1..2', '1.2-', 'latest'])(
    'refuses version %j, naming it',
    (version) => {
      expect(install({ version })).toMatchObject({ ok: false, error: { field: 'version' } });
    },
  );

  it('wants minVersion and maxVersion as major.minor, max not below min', () => {
    expect(install({ minVersion: '26' })).toMatchObject({ error: { field: 'minVersion' } });
    expect(install({ maxVersion: '26.5.1' })).toMatchObject({ error: { field: 'maxVersion' } });
    expect(install({ minVersion: '26.2', maxVersion: '26.1' })).toMatchObject({
      error: { code: 'max-version-below-min', field: 'maxVersion' },
    });
    expect(install({ minVersion: '26.2', maxVersion: '26.2' }).ok).toBe(true);
    expect(install({ maxVersion: undefined })).toMatchObject({ ok: true, value: { maxVersion: null } });
  });

  it('keeps one version of an extension per environment (publisher and name, any case)', () => {
    expect(install({ publisher: 'CONTOSO', name: 'payments' }, [installedPayments])).toMatchObject({
      ok: false,
      error: { code: 'extension-already-installed' },
    });
    expect(install({ name: 'Invoices' }, [installedPayments]).ok).toBe(true);
  });

  it('refuses an extension that does not run on the environment’s version', () => {
    expect(install({ minVersion: '27.0', maxVersion: undefined })).toMatchObject({
      ok: false,
      error: { code: 'extension-incompatible' },
    });
    expect(install({ minVersion: '25.0', maxVersion: '26.1' })).toMatchObject({
      error: { code: 'extension-incompatible' },
    });
  });

  it('refuses while the environment is busy or soft-deleted, or the tenant frozen', () => {
    expect(install({}, [], { ...environment, status: 'updating' })).toMatchObject({
      error: { code: 'environment-busy' },
    });
    expect(install({}, [], { ...environment, status: 'soft-deleted' })).toMatchObject({
      error: { code: 'environment-soft-deleted' },
    });
    expect(decideInstallExtension({ status: 'suspended' }, environment, [], command, now)).toMatchObject({
      error: { code: 'tenant-suspended' },
    });
  });
});

describe('uninstalling an extension', () => {
  it('removes an installed extension; an unknown id is not found', () => {
    expect(decideUninstallExtension(tenant, environment, [installedPayments], 'x-0')).toEqual({
      ok: true,
      value: installedPayments,
    });
    expect(decideUninstallExtension(tenant, environment, [installedPayments], 'x-9')).toMatchObject({
      ok: false,
      error: { code: 'extension-not-found' },
    });
  });

  it('refuses once the tenant is offboarded', () => {
    expect(
      decideUninstallExtension({ status: 'offboarded' }, environment, [installedPayments], 'x-0'),
    ).toMatchObject({ ok: false, error: { code: 'tenant-offboarded' } });
  });
});
