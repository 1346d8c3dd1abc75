import { Injectable } from '@nestjs/common';
import type { ClockDrivenJob } from '@pac/bootstrap';
import { EnvironmentPurged } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { recordEnvironmentAction } from '../application/environment-actions';
import { isDueForPurge } from '../domain/environment';
import { claimEnvironmentsDueForPurge, deleteEnvironment } from '../persistence/environments';
import { tenantsById } from '../persistence/tenants';
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
export class PurgeEnvironmentsJob implements ClockDrivenJob {
  readonly name = 'purge-environments';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    config: TenantConfig,
  ) {
    this.everyMs = config.ENVIRONMENT_PURGE_INTERVAL_MS;
  }

  /** Purges everything due at `now`; returns how many environments it purged. */
  async run(now: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const environments = await claimEnvironmentsDueForPurge(manager, now, BATCH);
        const tenants = await tenantsById(
          manager,
          environments.map((e) => e.tenantId),
        );
        for (const environment of environments) {
          if (!isDueForPurge(environment, now)) continue;
          const tenant = tenants.get(environment.tenantId);
          if (!tenant) throw new Error(`tenant ${environment.tenantId} of ${environment.id} not found`);
          // Recorded first: the event carries the extensions, which go with the environment.
          await recordEnvironmentAction(
            manager,
            this.outbox,
            {
              type: 'purge',
              partnerId: tenant.partnerId,
              environment,
              createdBy: 'system',
              parameters: { softDeletedAt: environment.softDeletedAt, purgeAt: environment.purgeAt },
              event: EnvironmentPurged,
              eventDetails: {},
            },
            now,
          );
          await deleteEnvironment(manager, environment.id);
        }
        return environments.length;
      });
      purged += done;
      if (done < BATCH) return purged;
    }
  }
}
