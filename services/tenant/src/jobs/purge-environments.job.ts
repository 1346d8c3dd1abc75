import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClockDrivenJobs } from '@pac/bootstrap';
import { Outbox } from '@pac/messaging';
import { EnvironmentPurged } from '@pac/contracts';
import { DataSource } from 'typeorm';
import { isDueForPurge } from '../domain/environment';
import { completedOperation } from '../domain/operation';
import { environmentEventData } from '../environment-snapshot';
import { EnvironmentEntity } from '../persistence/environment.entity';
import { TenantEntity } from '../persistence/tenant.entity';
import { extensionsOf, recordOperation } from '../persistence/tenant-scope';
import { TenantConfig } from '../tenant.config';

const BATCH = 100;

/**
 * Purges soft-deleted environments once their purgeAt has passed: the environment and its extensions are
 * deleted, a `purge` operation (by `system`) is recorded and environment.purged emitted (its snapshot is the
 * environment as it was last, soft-deleted), in one transaction per batch. Runs whenever the clock moves and
 * every ENVIRONMENT_PURGE_INTERVAL_MS; rows are claimed FOR UPDATE SKIP LOCKED, so instances share the work
 * and a recovery in progress (which holds the row) is never purged under it.
 */
@Injectable()
export class PurgeEnvironmentsJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    jobs: ClockDrivenJobs,
    config: TenantConfig,
  ) {
    jobs.register({
      name: 'purge-environments',
      everyMs: config.ENVIRONMENT_PURGE_INTERVAL_MS,
      run: (now) => this.purgeDue(now),
    });
  }

  /** Purges everything due at `now`; returns how many environments it purged. */
  async purgeDue(now: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const rows = await manager
          .getRepository(EnvironmentEntity)
          .createQueryBuilder('e')
          .where(`e.status = 'soft-deleted'`)
          .andWhere('e.purge_at <= :now', { now })
          .orderBy('e.purge_at', 'ASC')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const row of rows) {
          const environment = row.toDomain();
          if (!isDueForPurge(environment, now)) continue;
          const extensions = await extensionsOf(manager, environment.id);
          const tenant = await manager
            .getRepository(TenantEntity)
            .findOneByOrFail({ id: environment.tenantId });
          await manager.getRepository(EnvironmentEntity).delete({ id: environment.id });
          const operation = completedOperation(
            {
              id: randomUUID(),
              tenantId: environment.tenantId,
              environmentName: environment.name,
              type: 'purge',
              createdBy: 'system',
              parameters: { softDeletedAt: environment.softDeletedAt, purgeAt: environment.purgeAt },
            },
            now,
          );
          await recordOperation(manager, operation, environment.id);
          await this.outbox.add(manager, {
            definition: EnvironmentPurged,
            tenantId: environment.tenantId,
            environmentName: environment.name,
            data: environmentEventData(tenant.partnerId, environment, extensions, now),
          });
        }
        return rows.length;
      });
      purged += done;
      if (done < BATCH) return purged;
    }
  }
}
