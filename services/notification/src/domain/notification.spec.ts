import { tenantOnboardedContent } from './notification';

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
});
