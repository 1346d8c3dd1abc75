import {
  ENVIRONMENT_EVENT_RECORDS,
  tenantOnboardedRecord,
  UPDATE_EVENT_RECORDS,
} from './lifecycle-telemetry';

describe('lifecycle telemetry', () => {
  it('records an onboarding as an info row with a lifecycle event id', () => {
    expect(
      tenantOnboardedRecord({
        tenantId: 't',
        partnerId: 'p',
        name: 'Fabrikam',
        countryCode: 'FR',
        status: 'active',
        tags: ['retail'],
        contacts: [],
        occurredAt: '2026-11-24T08:00:00.000Z',
      }),
    ).toEqual({
      severity: 'info',
      eventId: 'LC0001',
      message: 'Tenant Fabrikam onboarded',
      dimensions: { category: 'lifecycle', countryCode: 'FR', tags: ['retail'] },
    });
  });
});

describe('lifecycle rows of environment and update events', () => {
  const environment = {
    tenantId: 't',
    partnerId: 'p',
    occurredAt: '2026-11-24T08:00:00.000Z',
    environment: {
      name: 'Main',
      type: 'production' as const,
      status: 'active' as const,
      applicationVersion: '26.1',
      countryCode: 'FR',
      extensions: [],
    },
  };
  const update = {
    updateId: 'u',
    operationId: 'o',
    tenantId: 't',
    partnerId: 'p',
    environmentName: 'Main',
    environmentType: 'production' as const,
    currentVersion: '26.0',
    targetVersion: '26.1',
    updateType: 'minor' as const,
    status: 'failed' as const,
    latestSelectableDate: '2026-12-01',
    schedule: {
      scheduledFor: null,
      windowClosesAt: null,
      selected: false,
      ignoreUpdateWindow: false,
      timeZone: 'UTC',
    },
    occurredAt: '2026-11-24T08:00:00.000Z',
  };

  it('records each environment event with its own lifecycle event id', () => {
    expect(
      Object.entries(ENVIRONMENT_EVENT_RECORDS).map(([type, record]) => [
        type,
        record({ ...environment, previousName: 'Old', previousVersion: '26.0' } as never).eventId,
      ]),
    ).toEqual([
      ['environment.created', 'LC0010'],
      ['environment.renamed', 'LC0011'],
      ['environment.soft-deleted', 'LC0012'],
      ['environment.recovered', 'LC0013'],
      ['environment.purged', 'LC0014'],
      ['environment.version-changed', 'LC0015'],
    ]);
  });

  it('records a failed update as an error naming the blocking extensions', () => {
    const blocking = [
      { extensionId: 'e', publisher: 'Contoso', name: 'Banking', version: '1.0.0', minVersion: '27.0' },
    ];
    expect(
      UPDATE_EVENT_RECORDS['update.failed']!({
        ...update,
        reason: 'Contoso Banking blocks it',
        blockingExtensions: blocking,
      } as never),
    ).toMatchObject({
      severity: 'error',
      eventId: 'LC0023',
      message: 'Update of Main to 26.1 failed: Contoso Banking blocks it',
      dimensions: { blockingExtensions: ['Contoso Banking 1.0.0'] },
    });
  });
});
