import type { TenantCreatedData, UpdateAvailableData, UpdateEventData } from '@pac/contracts';
import { composeNotification } from './compose-notification';
import { catalogRow, NOTIFICATION_CATALOG } from './notification-catalog';

const update: UpdateEventData = {
  updateId: '6a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  operationId: '7a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  tenantId: '3f6f4b1e-6a3b-4c61-9a55-0d7c1f0a2b11',
  partnerId: '9b2e4c6a-1d3f-4e5a-8b7c-0a1b2c3d4e5f',
  environmentName: 'Production',
  environmentType: 'production',
  currentVersion: '25.4',
  targetVersion: '26.1',
  updateType: 'minor',
  status: 'scheduled',
  latestSelectableDate: '2026-05-01',
  schedule: {
    scheduledFor: '2026-05-01T20:00:00.000Z',
    windowClosesAt: '2026-05-02T04:00:00.000Z',
    selected: false,
    ignoreUpdateWindow: false,
    timeZone: 'Europe/Paris',
  },
  occurredAt: '2026-04-01T08:00:00.000Z',
};
const tax = {
  extensionId: '8a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  publisher: 'Contoso',
  name: 'Tax',
  version: '2.1',
  minVersion: '24.0',
  maxVersion: '25.9',
};
const event = <P extends object>(type: string, data: P) => ({
  id: '5c1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  type,
  time: '2026-04-01T08:00:00.000Z',
  data,
});
const compose = <P extends object>(type: string, data: P, tenantName = 'Fabrikam SARL') =>
  composeNotification('n1', catalogRow(type)!, event(type, data), tenantName);

describe('the notification catalog', () => {
  it('writes each row in English and French with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const row of NOTIFICATION_CATALOG) {
      expect({ type: row.type, fr: placeholders(row.fr.title + row.fr.body) }).toEqual({
        type: row.type,
        fr: placeholders(row.en.title + row.en.body),
      });
    }
  });

  it('tells the partner which customer was onboarded, with a link to it', () => {
    const tenant: TenantCreatedData = {
      tenantId: update.tenantId,
      partnerId: update.partnerId,
      name: 'Fabrikam SARL',
      countryCode: 'FR',
      status: 'active',
      tags: [],
      contacts: [],
      occurredAt: '2026-04-01T08:00:00.000Z',
    };
    expect(compose('tenant.created', tenant)).toEqual({
      id: 'n1',
      partnerId: update.partnerId,
      tenantId: update.tenantId,
      environmentName: null,
      type: 'tenant.created',
      severity: 'info',
      text: {
        en: {
          title: 'Fabrikam SARL onboarded',
          body: 'Fabrikam SARL (FR) is now one of your customers. Create its environments to start managing its updates.',
        },
        fr: {
          title: 'Fabrikam SARL ajouté',
          body: 'Fabrikam SARL (FR) fait désormais partie de vos clients. Créez ses environnements pour gérer ses mises à jour.',
        },
      },
      links: { tenant: `/v1/tenants/${update.tenantId}` },
      sourceEventId: '5c1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
      createdAt: '2026-04-01T08:00:00.000Z',
      readAt: null,
    });
  });

  it('says when an available update runs, in the environment’s zone and the reader’s language', () => {
    const available: UpdateAvailableData = {
      ...update,
      compatibility: { compatible: false, blockingExtensions: [tax] },
    };
    const notification = compose('update.available', available)!;
    expect(notification.text.en.title).toBe('Fabrikam SARL / Production: 26.1 available');
    expect(notification.text.en.body).toContain(
      'scheduled automatically for Fri, 1 May 2026, 22:00 (Europe/Paris)',
    );
    expect(notification.text.en.body).toContain('1 installed extension does not support it');
    expect(notification.text.fr.body).toContain('ven. 1 mai 2026, 22:00 (Europe/Paris)');
    expect(notification.links).toEqual({
      tenant: `/v1/tenants/${update.tenantId}`,
      environment: `/v1/tenants/${update.tenantId}/environments/Production`,
      operation: `/v1/operations/${update.operationId}`,
    });
  });

  it('names the extensions that block an update, and tells a failure from a missed window', () => {
    expect(
      compose('update.compatibility-warning', { ...update, blockingExtensions: [tax] })!.text.en.body,
    ).toContain('Contoso Tax 2.1 (supports 24.0–25.9)');
    const failed = compose('update.failed', {
      ...update,
      reason: '1 installed extension does not support 26.1: Contoso Tax',
      blockingExtensions: [tax],
      completedAt: '2026-05-01T20:01:00.000Z',
    })!;
    expect(failed.severity).toBe('error');
    expect(failed.text.en.body).toContain('stays on 25.4');
    expect(failed.text.fr.body).toContain('Extensions bloquantes : Contoso Tax 2.1 (compatible 24.0–25.9)');
    const missed = compose('update.missed', {
      ...update,
      reason: 'window-passed',
      missedWindow: { opensAt: '2026-04-30T20:00:00.000Z', closesAt: '2026-05-01T04:00:00.000Z' },
    })!;
    expect(missed.severity).toBe('warning');
    expect(missed.text.en.body).toContain(
      'It moved to the next window: Fri, 1 May 2026, 22:00 (Europe/Paris)',
    );
  });

  it('makes no notification of a version change an update made (update.succeeded tells it)', () => {
    const change = {
      tenantId: update.tenantId,
      partnerId: update.partnerId,
      environment: {
        name: 'Production',
        type: 'production',
        status: 'active',
        applicationVersion: '26.1',
        countryCode: 'FR',
        extensions: [],
      },
      previousVersion: '25.4',
      occurredAt: update.occurredAt,
    };
    expect(compose('environment.version-changed', { ...change, updateId: update.updateId })).toBeNull();
    expect(compose('environment.version-changed', change)!.text.en.title).toBe(
      'Fabrikam SARL / Production: now on 26.1',
    );
  });
});

describe('renames a soft delete or a recovery makes (issue 11)', () => {
  const renamed = (reason?: 'request' | 'soft-delete' | 'recover') => ({
    tenantId: '3f6f4b1e-6a3b-4c61-9a55-0d7c1f0a2b11',
    partnerId: '9b2e4c6a-1d3f-4e5a-8b7c-0a1b2c3d4e5f',
    environment: {
      name: 'Main-26112408000000',
      type: 'production',
      status: 'active',
      applicationVersion: '26.0',
      countryCode: 'FR',
      extensions: [],
    },
    occurredAt: '2026-11-24T08:00:00.000Z',
    previousName: 'Main',
    ...(reason ? { reason } : {}),
  });

  it('tells a deletion under the name the partner knows, and the name it is listed under', () => {
    const deleted = {
      ...renamed(),
      environment: { ...renamed().environment, status: 'soft-deleted' },
      purgeAt: '2026-12-08T08:00:00.000Z',
    };
    const text = compose('environment.soft-deleted', deleted)!.text.en;
    expect(text.title).toBe('Fabrikam SARL / Main: deleted');
    expect(text.body).toContain('Main was deleted. It is listed as Main-26112408000000');
  });

  it('are told by the deletion or the recovery, not as a rename of their own', () => {
    const row = catalogRow('environment.renamed')!;
    expect(row.about(renamed('soft-delete'))).toBeNull();
    expect(row.about(renamed('recover'))).toBeNull();
    expect(row.about(renamed('request'))).not.toBeNull();
    expect(row.about(renamed())).not.toBeNull();
  });
});
