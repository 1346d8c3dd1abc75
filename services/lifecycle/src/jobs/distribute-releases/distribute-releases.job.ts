import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ClockDrivenJobs, LOGGER, type Logger } from '@pac/bootstrap';
import { Outbox } from '@pac/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { InstalledExtension } from '../../domain/compatibility';
import { ReleaseEntity } from '../../persistence/release.entity';
import { offerRelease, type OfferedEnvironment } from './offer-release';

/** Environments offered per transaction: each chunk commits its updates and events together. */
export const DISTRIBUTION_CHUNK = 5_000;

interface EnvironmentRow {
  tenant_id: string;
  name: string;
  partner_id: string;
  type: OfferedEnvironment['type'];
  application_version: string;
  extensions: InstalledExtension[];
  preferred_start_time: string;
  preferred_end_time: string;
  time_zone: string;
}

/**
 * When a release's availableFrom comes, offers it to every eligible environment (older version; previews to
 * sandboxes only), in chunks of environments ordered by (tenant_id, name). Each chunk is one transaction that
 * locks the release row (SKIP LOCKED: another instance busy with it is left alone), offers the chunk, and
 * moves the release's cursor; the last one marks the release distributed. A crash resumes at the cursor.
 * Environments created meanwhile are offered by the consumer of environment.created (both are idempotent).
 */
@Injectable()
export class DistributeReleasesJob implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly jobs: ClockDrivenJobs,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'distribute-releases', everyMs: 1_000, run: (now) => this.run(now) });
  }

  /** Offers every release that became available and is not fully offered yet. */
  async run(now: Date): Promise<void> {
    const due = await this.dataSource
      .getRepository(ReleaseEntity)
      .createQueryBuilder('r')
      .where('r.distributed_at IS NULL AND r.available_from <= :now', { now })
      .orderBy('r.available_from')
      .getMany();
    for (const release of due) {
      const started = Date.now();
      let offered = 0;
      for (;;) {
        const chunk = await this.distributeChunk(release.version, now);
        if (chunk === 'busy') break;
        offered += chunk.offered;
        if (chunk.done) {
          this.logger.info(
            { version: release.version, offered, ms: Date.now() - started },
            'release offered to every eligible environment',
          );
          break;
        }
      }
    }
  }

  private distributeChunk(version: string, now: Date): Promise<'busy' | { offered: number; done: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const [release] = await manager
        .getRepository(ReleaseEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('r.version = :version AND r.distributed_at IS NULL', { version })
        .getMany();
      if (!release) return 'busy';
      const environments = await this.nextEnvironments(manager, release);
      const offered = await offerRelease(manager, this.outbox, release.terms(), environments, now);
      const last = environments[environments.length - 1];
      const done = environments.length < DISTRIBUTION_CHUNK;
      await manager.getRepository(ReleaseEntity).update(
        { version },
        {
          ...(last ? { distributionCursorTenant: last.tenantId, distributionCursorName: last.name } : {}),
          ...(done ? { distributedAt: now } : {}),
        },
      );
      return { offered, done };
    });
  }

  private async nextEnvironments(
    manager: EntityManager,
    release: ReleaseEntity,
  ): Promise<OfferedEnvironment[]> {
    const after = release.distributionCursorTenant !== null;
    const rows: EnvironmentRow[] = await manager.query(
      `SELECT tenant_id, name, partner_id, type, application_version, extensions,
              preferred_start_time, preferred_end_time, time_zone
         FROM environments
        WHERE status <> 'soft-deleted' AND version_key < $1 AND ($2 <> 'preview' OR type = 'sandbox')
          ${after ? 'AND (tenant_id, name) > ($4::uuid, $5::text)' : ''}
        ORDER BY tenant_id, name
        LIMIT $3`,
      [
        release.versionKey,
        release.type,
        DISTRIBUTION_CHUNK,
        ...(after ? [release.distributionCursorTenant, release.distributionCursorName] : []),
      ],
    );
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      name: row.name,
      partnerId: row.partner_id,
      type: row.type,
      applicationVersion: row.application_version,
      extensions: row.extensions,
      window: {
        preferredStartTime: row.preferred_start_time,
        preferredEndTime: row.preferred_end_time,
        timeZone: row.time_zone,
      },
    }));
  }
}
