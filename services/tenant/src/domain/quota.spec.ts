import { DecisionSpecification } from '@pac/domain';
import { decideQuotaGrant, environmentsInQuota, quotasOf } from './quota';

const now = new Date('2026-11-24T08:00:00Z');
const tenant = { id: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01', status: 'active' as const };
const defaults = { production: 1, sandbox: 3 };

const grant = DecisionSpecification.for(
  (given: { status: 'active' | 'suspended' | 'offboarded' }, additional: number) =>
    decideQuotaGrant({ ...tenant, status: given.status }, additional, 'platform-admin', now),
);

describe('environment quotas', () => {
  it('are one production and three sandboxes by default', () => {
    expect(quotasOf(defaults, { additionalProductionEnvironments: 0 })).toEqual({
      production: 1,
      sandbox: 3,
    });
  });

  it('grow by three sandboxes with each additional production environment granted', () => {
    expect(quotasOf(defaults, { additionalProductionEnvironments: 1 })).toEqual({
      production: 2,
      sandbox: 6,
    });
    expect(quotasOf(defaults, { additionalProductionEnvironments: 3 })).toEqual({
      production: 4,
      sandbox: 12,
    });
  });

  it('count every environment but the soft-deleted ones', () => {
    expect(
      environmentsInQuota([
        { type: 'production', status: 'active' },
        { type: 'production', status: 'soft-deleted' },
        { type: 'sandbox', status: 'preparing' },
        { type: 'sandbox', status: 'updating' },
        { type: 'sandbox', status: 'soft-deleted' },
      ]),
    ).toEqual({ production: 1, sandbox: 2 });
  });

  it('a platform admin grants additional production environments, 0 to 100', () => {
    grant.given({ status: 'active' }).when(2).then({
      tenantId: tenant.id,
      additionalProductionEnvironments: 2,
      updatedAt: now.toISOString(),
      updatedBy: 'platform-admin',
    });
    grant
      .given({ status: 'suspended' })
      .when(0)
      .then((value) => expect(value.additionalProductionEnvironments).toBe(0));
    for (const bad of [-1, 101, 1.5]) {
      grant
        .given({ status: 'active' })
        .when(bad)
        .thenRefused('quota-grant-invalid', ['additionalProductionEnvironments']);
    }
    grant.given({ status: 'offboarded' }).when(1).thenRefused('tenant-offboarded');
  });
});
