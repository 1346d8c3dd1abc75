import { DecisionSpecification } from '@pac/domain';
import type { Environment } from './environment';
import type { Extension } from './extension';
import { decideApplyUpdate, decideStartUpdate } from './update';

const now = new Date('2026-05-01T20:00:00Z');
const production: Environment = {
  id: 'e1',
  tenantId: 't1',
  name: 'production',
  type: 'production',
  status: 'active',
  applicationVersion: '25.4',
  countryCode: 'FR',
  sourceEnvironment: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  softDeletedAt: null,
  purgeAt: null,
  statusBeforeDeletion: null,
  nameBeforeDeletion: null,
};
const extension = (name: string, minVersion: string, maxVersion: string | null): Extension => ({
  id: `x-${name}`,
  environmentId: 'e1',
  publisher: 'Contoso',
  name,
  version: '1.0.0.0',
  minVersion,
  maxVersion,
  installedAt: '2026-01-01T00:00:00.000Z',
});

/** The environment an update.started finds (null: gone), when the update starts at a given time. */
const start = DecisionSpecification.for((environment: Environment | null, at: Date) =>
  decideStartUpdate(environment, at),
);

describe('applying an update', () => {
  it('given a settled environment, when the update starts, then it is updating', () => {
    start
      .given(production)
      .when(now)
      .then({ ...production, status: 'updating', updatedAt: now.toISOString() });
  });

  it('given a busy, soft-deleted or missing environment, then the update cannot start now', () => {
    start
      .given({ ...production, status: 'preparing' })
      .when(now)
      .thenRefused('environment-busy');
    start
      .given({ ...production, status: 'updating' })
      .when(now)
      .thenRefused('environment-busy');
    start
      .given({ ...production, status: 'soft-deleted' })
      .when(now)
      .thenRefused('environment-soft-deleted');
    start.given(null).when(now).thenRefused('environment-gone');
  });

  it('given every extension supports the target, then the environment is active on it', () => {
    const result = decideApplyUpdate(
      { ...production, status: 'updating' },
      [extension('Banking', '25.0', null), extension('Tax', '24.0', '26.1')],
      '26.1',
      now,
    );
    expect(result).toMatchObject({
      outcome: 'succeeded',
      previousVersion: '25.4',
      environment: { status: 'active', applicationVersion: '26.1' },
    });
  });

  it('given an extension that does not support the target, then it fails naming it, version unchanged', () => {
    const tax = extension('Tax', '24.0', '25.9');
    const result = decideApplyUpdate({ ...production, status: 'updating' }, [tax], '26.1', now);
    expect(result).toEqual({
      outcome: 'failed',
      environment: expect.objectContaining({ status: 'active', applicationVersion: '25.4' }),
      blocking: [tax],
      reason: '1 installed extension does not support 26.1: Contoso Tax 1.0.0.0',
    });
  });
});
