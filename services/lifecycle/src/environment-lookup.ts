import type { Caller } from '@pac/auth';
import type { EntityManager } from 'typeorm';
import { EnvironmentViewEntity } from './persistence/environment-view.entity';

/**
 * An environment of the caller's partner, by tenant and name, or null (answered 404: another partner's
 * environment is never revealed). `lock` takes the row for the transaction, which serialises the changes to
 * one environment's window and updates.
 */
export function findEnvironment(
  manager: EntityManager,
  caller: Caller,
  tenantId: string,
  name: string,
  lock = false,
): Promise<EnvironmentViewEntity | null> {
  return manager.getRepository(EnvironmentViewEntity).findOne({
    where: { tenantId, name, partnerId: caller.partnerId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}
