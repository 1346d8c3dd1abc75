import type { Caller, Role } from '@pac/auth';
import { mayAccess, tenantInReach } from './access';

const as = (...roles: Role[]): Caller => ({ subject: 's', partnerId: 'p', roles });

describe('access by role', () => {
  it('lets viewers read only', () => {
    expect(mayAccess(as('partner:viewer'), 'read')).toBe(true);
    expect(mayAccess(as('partner:viewer'), 'act')).toBe(false);
  });

  it('lets operators act but not manage webhooks; partner admins do both', () => {
    expect(mayAccess(as('partner:operator'), 'act')).toBe(true);
    expect(mayAccess(as('partner:operator'), 'manage-webhooks')).toBe(false);
    expect(mayAccess(as('partner:admin'), 'manage-webhooks')).toBe(true);
  });

  it('keeps platform actions to platform admins', () => {
    expect(mayAccess(as('partner:admin'), 'platform')).toBe(false);
    expect(mayAccess(as('platform:admin'), 'platform')).toBe(true);
  });

  it('keeps customer admins to their own tenant, and away from portfolio actions', () => {
    const customer: Caller = { ...as('customer:admin'), tenantId: 't-1' };
    expect(mayAccess(customer, 'act')).toBe(true);
    expect(mayAccess(customer, 'act-for-partner')).toBe(false);
    expect(tenantInReach(customer, 't-1')).toBe(true);
    expect(tenantInReach(customer, 't-2')).toBe(false);
    expect(tenantInReach(customer, undefined)).toBe(true);
    expect(tenantInReach(as('partner:viewer'), 't-2')).toBe(true);
  });
});
