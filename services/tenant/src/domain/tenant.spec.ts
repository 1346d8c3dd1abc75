import { decideCreateTenant } from './tenant';

describe('creating a tenant', () => {
  const now = new Date('2026-11-24T08:00:00Z');
  const base = {
    tenantId: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
    partnerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    countryCode: 'FR',
  };

  it('starts active, with trimmed name, unique lower-case tags and lower-case contact e-mails', () => {
    const decision = decideCreateTenant(
      {
        ...base,
        name: '  Fabrikam SARL ',
        tags: ['Retail', 'retail', ' priority '],
        contacts: [{ name: ' Jeanne ', email: 'Jeanne@Example.COM' }],
      },
      now,
    );
    expect(decision).toEqual({
      ok: true,
      value: {
        id: base.tenantId,
        partnerId: base.partnerId,
        name: 'Fabrikam SARL',
        countryCode: 'FR',
        externalDirectoryId: null,
        status: 'active',
        tags: ['retail', 'priority'],
        contacts: [{ name: 'Jeanne', email: 'jeanne@example.com' }],
        createdAt: '2026-11-24T08:00:00.000Z',
        updatedAt: '2026-11-24T08:00:00.000Z',
      },
    });
  });

  it('refuses a blank name, naming the field', () => {
    expect(decideCreateTenant({ ...base, name: '   ' }, now)).toEqual({
      ok: false,
      error: { code: 'name-required', field: 'name', message: 'name must not be blank' },
    });
  });
});
