import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one database transaction: committed if it resolves, rolled back if it throws. Everything
 * that must change together (a state change and its outbox event, a consumer's effect and its inbox row)
 * goes through the manager it is given.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(work);
}
