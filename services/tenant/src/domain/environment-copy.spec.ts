import { DecisionSpecification } from '@pac/domain';
import type { Environment } from './environment';
import { decideCopyEnvironment, decideWithdrawCopy, type CopyEnvironment } from './environment-copy';

const now = new Date('2026-11-24T08:00:00Z');
const at = now.toISOString();
const tenantId = '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01';
const production: Environment = {
  id: 'e-prod',
  tenantId,
  name: 'Production',
  type: 'production',
  status: 'active',
  applicationVersion: '26.3',
  countryCode: 'DE',
  sourceEnvironment: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  softDeletedAt: null,
  purgeAt: null,
  statusBeforeDeletion: null,
  nameBeforeDeletion: null,
};
const copyOfProduction: Environment = {
  ...production,
  id: 'e-copy',
  name: 'Repro',
  type: 'sandbox',
  sourceEnvironment: 'Production',
};
const otherSandbox: Environment = {
  ...copyOfProduction,
  id: 'e-other',
  name: 'Tests',
  sourceEnvironment: null,
};

interface Given {
  source?: Environment;
  existing: Environment[];
  sandboxQuota?: number;
}
const copy = DecisionSpecification.for((given: Given, command: Partial<CopyEnvironment>) =>
  decideCopyEnvironment(
    { environmentId: 'e-new', environmentName: 'Repro', type: 'sandbox', refresh: false, ...command },
    {
      tenant: { id: tenantId, status: 'active', countryCode: 'FR' },
      source: given.source ?? production,
      existing: given.existing,
      quotas: { production: 1, sandbox: given.sandboxQuota ?? 3 },
    },
    now,
  ),
);
const newCopy: Environment = {
  ...production,
  id: 'e-new',
  name: 'Repro',
  type: 'sandbox',
  status: 'preparing',
  sourceEnvironment: 'Production',
  createdAt: at,
  updatedAt: at,
};

describe('copying an environment', () => {
  it('makes a preparing environment with the source’s version and country, its source and the copy time', () => {
    copy
      .given({ existing: [production] })
      .when({})
      .then({ environment: newCopy, replaces: null });
  });

  it('refuses a name in use, pointing at refresh', () => {
    const refusal = copy
      .given({ existing: [production, copyOfProduction] })
      .when({ environmentName: 'repro' })
      .thenRefused('name-taken', ['environmentName']);
    expect(refusal.message).toContain('refresh');
  });

  it('refreshes a sandbox copied from the same source: the new copy replaces it under the same name', () => {
    copy
      .given({ existing: [production, copyOfProduction], sandboxQuota: 1 })
      .when({ refresh: true })
      .then({ environment: newCopy, replaces: copyOfProduction });
  });

  it('never overwrites a production, nor a sandbox that is not a copy of this source', () => {
    copy
      .given({ existing: [production, otherSandbox] })
      .when({ environmentName: 'Tests', refresh: true })
      .thenRefused('refresh-target-invalid');
    copy
      .given({ source: copyOfProduction, existing: [production, copyOfProduction] })
      .when({ environmentName: 'Production', type: 'production', refresh: true })
      .thenRefused('refresh-target-invalid');
    copy
      .given({ existing: [production] })
      .when({ refresh: true })
      .thenRefused('refresh-target-invalid');
  });

  it('applies the sandbox quota, and refuses a source that is busy or soft-deleted', () => {
    copy
      .given({ existing: [production, otherSandbox], sandboxQuota: 1 })
      .when({})
      .thenRefused('quota-exceeded');
    copy
      .given({ source: { ...production, status: 'updating' }, existing: [production] })
      .when({})
      .thenRefused('environment-busy');
    copy
      .given({ source: { ...production, status: 'soft-deleted' }, existing: [production] })
      .when({})
      .thenRefused('environment-soft-deleted');
  });

  it('checks the target name as for a creation', () => {
    copy
      .given({ existing: [production] })
      .when({ environmentName: 'sandboxes' })
      .thenRefused('name-reserved');
  });
});

describe('withdrawing a copy', () => {
  const withdraw = DecisionSpecification.for((environment: Environment, _: undefined) =>
    decideWithdrawCopy(environment),
  );
  it('removes a sandbox copy, even while it is preparing', () => {
    const preparing = { ...copyOfProduction, status: 'preparing' as const };
    withdraw.given(preparing).when(undefined).then(preparing);
  });
  it('refuses anything that is not a sandbox copy', () => {
    withdraw.given(production).when(undefined).thenRefused('environment-not-a-copy');
    withdraw.given(otherSandbox).when(undefined).thenRefused('environment-not-a-copy');
  });
});
