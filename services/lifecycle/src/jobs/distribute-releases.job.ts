import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type ClockDrivenJob, type Logger } from '@pac/bootstrap';
import { Outbox } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { offerRelease } from '../application/offer-release';
import type { Release } from '../domain/release';
import { environmentsToOffer } from '../persistence/environments';
import { passReleaseOfferBarrier } from '../persistence/release-offer-barrier';
import { claimOpenLane, moveLane, openLaneCount, openLanes } from '../persistence/release-distribution-lanes';
import { anyReleaseToDistribute, markDistributed, releasesToDistribute } from '../persistence/releases';
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
    return anyReleaseToDistribute(this.dataSource, now);
  }

  /** Offers every release that became available and is not fully offered yet. */
  async run(now: Date): Promise<void> {
    const due = await releasesToDistribute(this.dataSource.manager, now);
    // Environments whose creation is committing now are seen by the reads below, or see these releases.
    if (due.length > 0) await passReleaseOfferBarrier(this.dataSource);
    for (const release of due) {
      const started = Date.now();
      await openLanes(this.dataSource, release.version, LANES);
      const offered = await Promise.all(LANES.map((_, lane) => this.offerLane(release, lane, now)));
      // another instance still works on a lane
      if ((await openLaneCount(this.dataSource, release.version)) > 0) continue;
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
        const open = await claimOpenLane(manager, release.version, lane);
        if (!open) return undefined;
        const environments = await environmentsToOffer(manager, release, open, DISTRIBUTION_CHUNK);
        const created = await offerRelease(manager, this.outbox, release, environments, now);
        const done = environments.length < DISTRIBUTION_CHUNK;
        await moveLane(
          manager,
          release.version,
          lane,
          environments[environments.length - 1],
          done ? { at: now } : undefined,
        );
        return { created, done };
      });
      if (!chunk) return offered;
      offered += chunk.created;
      if (chunk.done) return offered;
    }
  }
}
