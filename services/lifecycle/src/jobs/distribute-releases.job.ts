import { Inject, Injectable } from '@nestjs/common';
import { anyRow, LOGGER, type ClockDrivenJob, type Logger } from '@pac/bootstrap';
import { Outbox } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { offerRelease } from '../application/offer-release';
import type { Release } from '../domain/release';
import { environmentsToOffer } from '../persistence/environments';
import { passReleaseOfferBarrier } from '../persistence/release-offer-barrier';
import { markDistributed, releasesToDistribute } from '../persistence/releases';
import { LifecycleConfig } from '../lifecycle.config';

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
  tenant_from: string;
  tenant_to: string | null;
  cursor_tenant: string | null;
  cursor_name: string | null;
}

/**
 * When a release's availableFrom comes, offers it to every eligible environment (older version; previews to
 * sandboxes only; not soft-deleted). The environments are split in lanes of tenant ids, offered at once; in
 * each lane, chunks in (tenant_id, name) order, each one transaction that locks the lane's row (SKIP LOCKED:
 * a lane another instance is busy with is left to it), offers the chunk and moves the lane's cursor. When
 * every lane is done the release is marked distributed. A crash resumes at the cursors. Environments created
 * meanwhile are offered by the consumer of environment.created (both paths are idempotent; the release offer
 * barrier makes sure one of them sees the other). Runs every RELEASE_DISTRIBUTION_INTERVAL_MS and whenever the
 * clock moves.
 */
@Injectable()
export class DistributeReleasesJob implements ClockDrivenJob {
  readonly name = 'distribute-releases';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    config: LifecycleConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.everyMs = config.RELEASE_DISTRIBUTION_INTERVAL_MS;
  }

  hasWork(now: Date): Promise<boolean> {
    return anyRow(
      this.dataSource,
      `SELECT 1 FROM releases WHERE distributed_at IS NULL AND available_from <= $1`,
      [now],
    );
  }

  /** Offers every release that became available and is not fully offered yet. */
  async run(now: Date): Promise<void> {
    const due = await releasesToDistribute(this.dataSource.manager, now);
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
      await markDistributed(this.dataSource.manager, release.version, now);
      this.logger.info(
        { version: release.version, offered: offered.reduce((a, b) => a + b, 0), ms: Date.now() - started },
        'release offered to every eligible environment',
      );
    }
  }

  /** Offers one lane chunk after chunk; returns how many updates it created. */
  private async offerLane(release: Release, lane: number, now: Date): Promise<number> {
    let offered = 0;
    for (;;) {
      const chunk = await this.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `SELECT tenant_from, tenant_to, cursor_tenant, cursor_name FROM release_distribution_lanes
            WHERE version = $1 AND lane = $2 AND done_at IS NULL FOR UPDATE SKIP LOCKED`,
          [release.version, lane],
        )) as LaneRow[];
        if (!row) return undefined;
        const environments = await environmentsToOffer(
          manager,
          release,
          {
            tenantFrom: row.tenant_from,
            tenantTo: row.tenant_to,
            after: row.cursor_tenant ? { tenantId: row.cursor_tenant, name: row.cursor_name ?? '' } : null,
          },
          DISTRIBUTION_CHUNK,
        );
        const created = await offerRelease(manager, this.outbox, release, environments, now);
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
}
