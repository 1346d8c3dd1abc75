import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type ClockDrivenJob, type Logger } from '@pac/bootstrap';
import { Outbox } from '@pac/messaging';
import { Gauge, Histogram, register } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { saveAndAnnounce } from '../application/update-events';
import type { Environment } from '../domain/environment';
import { moveMissedRun, startRun, type Update, type UpdateChange } from '../domain/update';
import { environmentKey, environmentsByName } from '../persistence/environments';
import { claimDueUpdates, claimMissedUpdates, schedulerWork } from '../persistence/updates';
import { LifecycleConfig } from '../lifecycle.config';

/** How long a scheduler run takes, in the service (no HTTP, no other job): what finding due updates costs. */
const runSeconds =
  (register.getSingleMetric('lifecycle_scheduler_run_seconds') as Histogram | undefined) ??
  new Histogram({
    name: 'lifecycle_scheduler_run_seconds',
    help: 'Duration of one run of the update scheduler (missed scan and due claim)',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  });
const lastRunSeconds =
  (register.getSingleMetric('lifecycle_scheduler_last_run_seconds') as Gauge | undefined) ??
  new Gauge({ name: 'lifecycle_scheduler_last_run_seconds', help: 'Duration of the last scheduler run' });

/** Updates claimed (or moved) per transaction. */
export const SCHEDULER_BATCH = 1_000;

/**
 * The scheduler. Each run, at the clock's `now`:
 * 1. a scheduled update whose window closed before it could start (the scheduler was down, or the clock
 *    jumped past the window) is **missed**: it moves to the next window and `update.missed` says so;
 * 2. every update due (its time has come, its window still open) is **claimed and started**: claimed FOR
 *    UPDATE SKIP LOCKED (two instances never claim the same row, and a row claimed is no longer `scheduled`
 *    once its transaction commits), moved to `running`, and `update.started` goes out in the same transaction.
 *    At most one update per environment runs at a time (the newest version first); the tenant service applies
 *    it and answers on the update-results topic.
 * Runs every DUE_UPDATES_INTERVAL_MS and whenever the clock moves.
 */
@Injectable()
export class StartDueUpdatesJob implements ClockDrivenJob {
  readonly name = 'start-due-updates';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    config: LifecycleConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.everyMs = config.DUE_UPDATES_INTERVAL_MS;
  }

  /** An idle tick is that one statement alone: no lock, no transaction. */
  async hasWork(now: Date): Promise<boolean> {
    const work = await schedulerWork(this.dataSource.manager, now);
    return work.missed || work.due;
  }

  async run(now: Date): Promise<{ missed: number; started: number }> {
    const stop = runSeconds.startTimer();
    try {
      return await this.runOnce(now);
    } finally {
      lastRunSeconds.set(stop());
    }
  }

  private async runOnce(now: Date): Promise<{ missed: number; started: number }> {
    let missed = 0;
    let started = 0;
    const work = await schedulerWork(this.dataSource.manager, now);
    if (!work.missed && !work.due) return { missed, started };
    for (;;) {
      const moved = await this.dataSource.transaction((manager) =>
        this.decideBatch(
          manager,
          claimMissedUpdates(manager, now, SCHEDULER_BATCH),
          (update, environment) => moveMissedRun(update, environment.window, now),
          now,
        ),
      );
      missed += moved;
      if (moved < SCHEDULER_BATCH) break;
    }
    for (;;) {
      const claimed = await this.dataSource.transaction((manager) =>
        this.decideBatch(
          manager,
          claimDueUpdates(manager, now, SCHEDULER_BATCH),
          (update) => startRun(update, now),
          now,
        ),
      );
      started += claimed;
      if (claimed < SCHEDULER_BATCH) break;
    }
    if (missed + started > 0) this.logger.info({ missed, started, now }, 'scheduler run');
    return { missed, started };
  }

  /** Decides each claimed update, then saves them and writes their events, one statement each. */
  private async decideBatch(
    manager: EntityManager,
    claiming: Promise<Update[]>,
    decide: (update: Update, environment: Environment) => UpdateChange,
    now: Date,
  ): Promise<number> {
    const updates = await claiming;
    if (updates.length === 0) return 0;
    const environments = await environmentsByName(manager, updates);
    const environmentOf = (update: Update) => {
      const environment = environments.get(environmentKey(update.tenantId, update.environmentName));
      if (!environment) throw new Error(`environment of update ${update.id} not found`);
      return environment;
    };
    const changes = updates.map((update) => decide(update, environmentOf(update)));
    // Each batch's events are built by the same code: validate the first of each type.
    await saveAndAnnounce(manager, this.outbox, changes, environmentOf, now, { validate: 'first' });
    return updates.length;
  }
}
