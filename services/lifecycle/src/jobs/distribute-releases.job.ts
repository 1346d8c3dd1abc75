import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { anyRow, ClockDrivenJobs, LOGGER, type Logger } from '@pac/bootstrap';
import { Outbox } from '@pac/messaging';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { InstalledExtension } from '../../domain/compatibility';
import { passReleaseOfferBarrier } from '../../persistence/release-offer-barrier';
import { ReleaseEntity } from '../../persistence/release.entity';
import { offerRelease, type OfferedEnvironment } from './offer-release';

/** Environments offered per transaction: each chunk commits its updates and events together. */
export const DISTRIBUTION_CHUNK = 2_500;

/**
 * The lanes a release is offered in, at once: ranges of tenant ids (uuids are uniform, so the lanes are about
 * even). Each lane is its own sequence of transactions, so Postgres works on several while this process
 * prepares the next chunks.
 */
export const LANES: ReadonlyArray<{ from: string; to: string | null }> = [
  { from: '00000000-0000-0000-0000-000000000000', to: '40000000-0000-0000-0000-000000000000' },
  { from: '40000000-0000-0000-0000-000000000000', to: '80000000-0000-0000-0000-000000000000' },
  { from: '80000000-0000-0000-0000-000000000000', to: 'c0000000-0000-0000-0000-000000000000' },
  { from: 'c0000000-0000-0000-0000-000000000000', to: null },
];

interface LaneRow {
  lane: number;
  tenant_from: string;
  tenant_to: string | null;
  cursor_tenant: string | null;
  cursor_name: string | null;
}

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
 * sandboxes only; not soft-deleted). The environments are split in lanes of tenant ids, offered at once; in
 * each lane, chunks in (tenant_id, name) order, each one transaction that locks the lane's row (SKIP LOCKED:
 * a lane another instance is busy with is left to it), offers the chunk and moves the lane's cursor. When
 * every lane is done the release is marked distributed. A crash resumes at the cursors. Environments created
 * meanwhile are offered by the consumer of environment.created (both paths are idempotent; the release offer
 * barrier makes sure one of them sees the other).
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
    this.jobs.register({
      name: 'distribute-releases',
      everyMs: 1_000,
      run: (now) => this.run(now),
      hasWork: (now) =>
        anyRow(
          this.dataSource,
          `SELECT 1 FROM releases WHERE distributed_at IS NULL AND available_from <= $1`,
          [now],
        ),
    });
  }

  /** Offers every release that became available and is not fully offered yet. */
  async run(now: Date): Promise<void> {
    const due = await this.dataSource
      .getRepository(ReleaseEntity)
      .createQueryBuilder('r')
      .where('r.distributed_at IS NULL AND r.available_from <= :now', { now })
      .orderBy('r.available_from')
      .getMany();
    // Environments whose creation is committing now are seen by the reads below, or see these releases.
    if (due.length > 0) await passReleaseOfferBarrier(this.dataSource);
    for (const release of due) {
      const started = Date.now();
      await this.dataSource.query(
        `INSERT INTO release_distribution_lanes (version, lane, tenant_from, tenant_to)
         SELECT $1, lane - 1, tenant_from, tenant_to
           FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS l (tenant_from, tenant_to, lane)
         ON CONFLICT DO NOTHING`,
        [release.version, LANES.map((l) => l.from), LANES.map((l) => l.to)],
      );
      const offered = await Promise.all(LANES.map((_, lane) => this.offerLane(release, lane, now)));
      const [{ open }] = (await this.dataSource.query(
        `SELECT count(*)::int AS open FROM release_distribution_lanes WHERE version = $1 AND done_at IS NULL`,
        [release.version],
      )) as [{ open: number }];
      if (open > 0) continue; // another instance still works on a lane
      await this.dataSource
        .getRepository(ReleaseEntity)
        .update({ version: release.version, distributedAt: IsNull() }, { distributedAt: now });
      this.logger.info(
        { version: release.version, offered: offered.reduce((a, b) => a + b, 0), ms: Date.now() - started },
        'release offered to every eligible environment',
      );
    }
  }

  /** Offers one lane chunk after chunk; returns how many updates it created. */
  private async offerLane(release: ReleaseEntity, lane: number, now: Date): Promise<number> {
    let offered = 0;
    for (;;) {
      const chunk = await this.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `SELECT lane, tenant_from, tenant_to, cursor_tenant, cursor_name FROM release_distribution_lanes
            WHERE version = $1 AND lane = $2 AND done_at IS NULL FOR UPDATE SKIP LOCKED`,
          [release.version, lane],
        )) as LaneRow[];
        if (!row) return undefined;
        const environments = await this.nextEnvironments(manager, release, row);
        const created = await offerRelease(manager, this.outbox, release.terms(), environments, now);
        const last = environments[environments.length - 1];
        const done = environments.length < DISTRIBUTION_CHUNK;
        await manager.query(
          `UPDATE release_distribution_lanes
              SET cursor_tenant = coalesce($3, cursor_tenant), cursor_name = coalesce($4, cursor_name),
                  done_at = CASE WHEN $5 THEN $6::timestamptz END
            WHERE version = $1 AND lane = $2`,
          [release.version, lane, last?.tenantId ?? null, last?.name ?? null, done, now],
        );
        return { created, done };
      });
      if (!chunk) return offered;
      offered += chunk.created;
      if (chunk.done) return offered;
    }
  }

  private async nextEnvironments(
    manager: EntityManager,
    release: ReleaseEntity,
    lane: LaneRow,
  ): Promise<OfferedEnvironment[]> {
    const params: unknown[] = [release.versionKey, release.type, DISTRIBUTION_CHUNK, lane.tenant_from];
    let where = 'tenant_id >= $4';
    if (lane.tenant_to) where += ` AND tenant_id < $${params.push(lane.tenant_to)}`;
    if (lane.cursor_tenant) {
      where += ` AND (tenant_id, name) > ($${params.push(lane.cursor_tenant)}::uuid, $${params.push(lane.cursor_name)}::text)`;
    }
    const rows: EnvironmentRow[] = await manager.query(
      `SELECT tenant_id, name, partner_id, type, application_version, extensions,
              preferred_start_time, preferred_end_time, time_zone
         FROM environments
        WHERE ${where}
          AND status <> 'soft-deleted' AND version_key < $1 AND ($2 <> 'preview' OR type = 'sandbox')
        ORDER BY tenant_id, name
        LIMIT $3`,
      params,
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
