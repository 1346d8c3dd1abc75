import { advisoryLockKey } from '@pac/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Releases reach environments by two paths: the distribution job offers a release to every environment it
 * reads, and the consumer of environment.created offers a new environment every release it reads. Each reads
 * what the other writes. Run at the same moment, neither sees the other's uncommitted work, and the new
 * environment would never get the release. So the consumer holds this lock shared for its transaction, and
 * the job takes it exclusively for an instant before it reads environments: that waits until every
 * environment transaction in progress has committed (their rows are then visible to the job), and any later
 * one reads releases after the job's release was committed and available, and offers it itself (both paths
 * are idempotent).
 */
const RELEASE_OFFER_BARRIER = advisoryLockKey('release-offer', 'lifecycle');

/** Inside an environment's transaction, before it reads the releases to offer it. */
export async function holdReleaseOfferBarrier(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1::bigint)', [RELEASE_OFFER_BARRIER]);
}

/** Before the distribution job reads environments: returns once no environment transaction is in progress. */
export async function passReleaseOfferBarrier(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((manager) =>
    manager.query('SELECT pg_advisory_xact_lock($1::bigint)', [RELEASE_OFFER_BARRIER]),
  );
}
