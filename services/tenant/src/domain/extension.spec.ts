import type { TenantStatus } from '@pac/contracts';
import { DecisionSpecification } from '@pac/domain';
import type { Environment } from './environment';
import {
  decideInstallExtension,
  decideUninstallExtension,
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
  nameBeforeDeletion: null,
};
const command: InstallExtension = {
  extensionId: 'x-1',
  publisher: 'Contoso',
  name: 'Payments',
  version: '1.2.3.4',
  minVersion: '26.0',
  maxVersion: '26.5',
};
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

/** Where an install or uninstall starts from: the environment (its tenant's status) and what it has installed. */
interface Given {
  installed?: Extension[];
  environment?: Environment;
  tenantStatus?: TenantStatus;
}
const install = DecisionSpecification.for((given: Given, request: Partial<InstallExtension>) =>
  decideInstallExtension(
    { status: given.tenantStatus ?? 'active' },
    given.environment ?? environment,
    given.installed ?? [],
    { ...command, ...request },
    now,
  ),
);
const uninstall = DecisionSpecification.for((given: Given, extensionId: string) =>
  decideUninstallExtension(
    { status: given.tenantStatus ?? 'active' },
    given.environment ?? environment,
    given.installed ?? [],
    extensionId,
  ),
);

describe('installing an extension', () => {
  it('installs a compatible extension', () => {
    install.given({}).when({}).then({
      id: 'x-1',
      environmentId: 'e-1',
      publisher: 'Contoso',
      name: 'Payments',
      version: '1.2.3.4',
      minVersion: '26.0',
      maxVersion: '26.5',
      installedAt: '2026-11-24T08:00:00.000Z',
    });
  });

  it.each(['1.2', '1.2.3', '1.2.3.4', '2.0.1-beta.1', '1.0.0+build.7', '3.1.0-rc.1+exp'])(
    'accepts version %s',
    (version) => {
      install
        .given({})
        .when({ version })
        .then((extension) => expect(extension.version).toBe(version));
    },
  );

  it.each(['1', 'v1.2.3', '1.2.3.4.5', '1..2', '1.2-', 'latest'])(
    'refuses version %j, naming it',
    (version) => {
      install.given({}).when({ version }).thenRefused('version-invalid', ['version']);
    },
  );

  it('wants minVersion and maxVersion as major.minor, max not below min', () => {
    install.given({}).when({ minVersion: '26' }).thenRefused('min-version-invalid', ['minVersion']);
    install.given({}).when({ maxVersion: '26.5.1' }).thenRefused('max-version-invalid', ['maxVersion']);
    install
      .given({})
      .when({ minVersion: '26.2', maxVersion: '26.1' })
      .thenRefused('max-version-below-min', ['maxVersion']);
    install
      .given({})
      .when({ minVersion: '26.2', maxVersion: '26.2' })
      .then((extension) => expect(extension.maxVersion).toBe('26.2'));
    install
      .given({})
      .when({ maxVersion: undefined })
      .then((extension) => expect(extension.maxVersion).toBeNull());
  });

  it('keeps one version of an extension per environment (publisher and name, any case)', () => {
    install
      .given({ installed: [installedPayments] })
      .when({ publisher: 'CONTOSO', name: 'payments' })
      .thenRefused('extension-already-installed');
    install
      .given({ installed: [installedPayments] })
      .when({ name: 'Invoices' })
      .then((extension) => expect(extension.name).toBe('Invoices'));
  });

  it('refuses an extension that does not run on the environment’s version', () => {
    install
      .given({})
      .when({ minVersion: '27.0', maxVersion: undefined })
      .thenRefused('extension-incompatible');
    install.given({}).when({ minVersion: '25.0', maxVersion: '26.1' }).thenRefused('extension-incompatible');
  });

  it('refuses while the environment is busy or soft-deleted, or the tenant frozen', () => {
    install
      .given({ environment: { ...environment, status: 'updating' } })
      .when({})
      .thenRefused('environment-busy');
    install
      .given({ environment: { ...environment, status: 'soft-deleted' } })
      .when({})
      .thenRefused('environment-soft-deleted');
    install.given({ tenantStatus: 'suspended' }).when({}).thenRefused('tenant-suspended');
  });
});

describe('uninstalling an extension', () => {
  it('removes an installed extension; an unknown id is not found', () => {
    uninstall
      .given({ installed: [installedPayments] })
      .when('x-0')
      .then(installedPayments);
    uninstall
      .given({ installed: [installedPayments] })
      .when('x-9')
      .thenRefused('extension-not-found');
  });

  it('refuses once the tenant is offboarded', () => {
    uninstall
      .given({ installed: [installedPayments], tenantStatus: 'offboarded' })
      .when('x-0')
      .thenRefused('tenant-offboarded');
  });
});
