import { tenantOnboardedRecord } from './lifecycle-telemetry';

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
