import { newNotification, tenantOnboardedContent } from './notification';

describe('notification content', () => {
  it('tells the partner which customer was onboarded', () => {
    const content = tenantOnboardedContent({
      tenantId: 't',
      partnerId: 'p',
      name: 'Fabrikam SARL',
      countryCode: 'FR',
      status: 'active',
      tags: [],
      contacts: [],
      occurredAt: '2026-11-24T08:00:00.000Z',
    });
    expect(content).toEqual({
      severity: 'info',
      title: 'Fabrikam SARL onboarded',
      body: expect.stringContaining('Fabrikam SARL (FR) is now one of your customers'),
    });
  });

  it('is unread, one per event, at the time of the event that caused it', () => {
    const content = { severity: 'info' as const, title: 'T', body: 'B' };
    expect(
      newNotification(
        'n1',
        {
          eventId: 'e1',
          eventType: 'tenant.created',
          occurredAt: '2026-11-24T08:00:00.000Z',
          partnerId: 'p',
          tenantId: 't',
          environmentName: null,
        },
        content,
      ),
    ).toEqual({
      id: 'n1',
      partnerId: 'p',
      tenantId: 't',
      environmentName: null,
      type: 'tenant.created',
      ...content,
      sourceEventId: 'e1',
      createdAt: '2026-11-24T08:00:00.000Z',
      readAt: null,
    });
  });
});
