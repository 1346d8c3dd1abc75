import { defaultSandboxQuota, DEFAULT_MAX_SANDBOXES } from './sandbox-quota';

describe('sandbox quota', () => {
  it('gives a new customer the documented default', () => {
    expect(defaultSandboxQuota({ tenantId: 't', partnerId: 'p' })).toEqual({
      tenantId: 't',
      partnerId: 'p',
      maxSandboxes: DEFAULT_MAX_SANDBOXES,
    });
    expect(DEFAULT_MAX_SANDBOXES).toBe(3);
  });
});
