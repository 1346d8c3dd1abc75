import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ClockDrivenJobs, LOGGER, type Logger } from '@pac/bootstrap';
import { UpdateMissed, UpdateStarted } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { Gauge, Histogram, register } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { runAfterMiss } from '../../domain/update-schedule';
import { windowContaining } from '../../domain/update-window';
import { anyEvent, updateEventData } from '../../update-event';
import { scheduledUpdateRows, type ScheduledUpdateRow } from './scheduled-update-row';

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
 * 2. every update due (its time has come, its window still open) is **claimed and started**: one statement
 *    moves it from `scheduled` to `running` (`FOR UPDATE SKIP LOCKED`, so two instances never claim the same
 *    row, and a row claimed is no longer `scheduled`), and `update.started` goes out in the same transaction.
 *    At most one update per environment runs at a time (the newest version first); the tenant service applies
 *    it and answers on the update-results topic.
 */
@Injectable()
export class StartDueUpdatesJob implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly jobs: ClockDrivenJobs,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'start-due-updates',
      everyMs: 1_000,
      run: async (now) => void (await this.run(now)),
      // An idle tick is that one statement alone: no lock, no transaction.
      hasWork: async (now) => {
        const work = await this.work(now);
        return work.missed || work.due;
      },
    });
  }

  async run(now: Date): Promise<{ missed: number; started: number }> {
    const stop = runSeconds.startTimer();
    try {
      return await this.runOnce(now);
    } finally {
      lastRunSeconds.set(stop());
    }
  }

  /** Most ticks find nothing: one indexed statement answers that, outside any transaction. */
  private async work(now: Date): Promise<{ missed: boolean; due: boolean }> {
    const [work] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM updates WHERE status = 'scheduled' AND window_closes_at <= $1) AS missed,
              EXISTS (SELECT 1 FROM updates WHERE status = 'scheduled' AND scheduled_for <= $1) AS due`,
      [now],
    )) as [{ missed: boolean; due: boolean }];
    return work;
  }

  private async runOnce(now: Date): Promise<{ missed: number; started: number }> {
    let missed = 0;
    let started = 0;
    const work = await this.work(now);
    if (!work.missed && !work.due) return { missed, started };
    for (;;) {
      const moved = await this.dataSource.transaction((manager) => this.moveMissed(manager, now));
      missed += moved;
      if (moved < SCHEDULER_BATCH) break;
    }
    for (;;) {
      const claimed = await this.dataSource.transaction((manager) => this.startDue(manager, now));
      started += claimed;
      if (claimed < SCHEDULER_BATCH) break;
    }
    if (missed + started > 0) this.logger.info({ missed, started, now }, 'scheduler run');
    return { missed, started };
  }

  /** Scheduled runs whose window closed: the next window, and update.missed. */
  private async moveMissed(manager: EntityManager, now: Date): Promise<number> {
    const rows = scheduledUpdateRows(
      await manager.query(
        `SELECT ${SCHEDULED_UPDATE_COLUMNS}
           FROM updates u
           JOIN environments e ON e.tenant_id = u.tenant_id AND e.name = u.environment_name
           JOIN releases r ON r.version = u.target_version
          WHERE u.status = 'scheduled' AND u.window_closes_at <= $1
          ORDER BY u.window_closes_at
          LIMIT $2
          FOR UPDATE OF u SKIP LOCKED`,
        [now, SCHEDULER_BATCH],
      ),
    );
    if (rows.length === 0) return 0;
    const moves = rows.map((row) => ({ row, next: runAfterMiss(row.run, row.window, now) }));
    await manager.query(
      `UPDATE updates u SET scheduled_for = m.scheduled_for, window_closes_at = m.window_closes_at, updated_at = $1
         FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS m (id, scheduled_for, window_closes_at)
        WHERE u.id = m.id`,
      [
        now,
        moves.map((m) => m.row.update.id),
        moves.map((m) => m.next.scheduledFor),
        moves.map((m) => m.next.windowClosesAt),
      ],
    );
    await this.outbox.addMany(
      manager,
      moves.map(({ row, next }) =>
        anyEvent({
          definition: UpdateMissed,
          tenantId: row.update.tenantId,
          environmentName: row.update.environmentName,
          data: {
            ...updateEventData(
              { ...row.update, scheduledFor: next.scheduledFor, windowClosesAt: next.windowClosesAt },
              row.environment,
              row.release,
              now,
            ),
            reason: 'window-passed' as const,
            missedWindow: {
              opensAt: (
                windowContaining(row.run.scheduledFor, row.window)?.opensAt ?? row.run.scheduledFor
              ).toISOString(),
              closesAt: row.run.windowClosesAt.toISOString(),
            },
          },
        }),
      ),
      { validate: 'first' },
    );
    return rows.length;
  }

  /** Claims due runs (scheduled → running) and announces update.started, in one transaction. */
  private async startDue(manager: EntityManager, now: Date): Promise<number> {
    const [claimed] = (await manager.query(
      `WITH due AS (
         SELECT u.id FROM updates u
          WHERE u.status = 'scheduled' AND u.scheduled_for <= $1 AND u.window_closes_at > $1
            AND NOT EXISTS (SELECT 1 FROM updates busy
                             WHERE busy.tenant_id = u.tenant_id AND busy.environment_name = u.environment_name
                               AND busy.status = 'running')
            AND NOT EXISTS (SELECT 1 FROM updates newer
                             WHERE newer.tenant_id = u.tenant_id AND newer.environment_name = u.environment_name
                               AND newer.status = 'scheduled' AND newer.scheduled_for <= $1
                               AND newer.window_closes_at > $1 AND newer.version_key > u.version_key)
          ORDER BY u.scheduled_for
          LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE updates u SET status = 'running', started_at = $1, updated_at = $1
         FROM due, environments e, releases r
        WHERE u.id = due.id AND e.tenant_id = u.tenant_id AND e.name = u.environment_name
          AND r.version = u.target_version
       RETURNING ${SCHEDULED_UPDATE_COLUMNS}`,
      [now, SCHEDULER_BATCH],
    )) as [unknown[], number];
    const rows = scheduledUpdateRows(claimed);
    if (rows.length === 0) return 0;
    await this.outbox.addMany(
      manager,
      rows.map((row) =>
        anyEvent({
          definition: UpdateStarted,
          tenantId: row.update.tenantId,
          environmentName: row.update.environmentName,
          data: {
            ...updateEventData(row.update, row.environment, row.release, now),
            startedAt: now.toISOString(),
          },
        }),
      ),
      { validate: 'first' },
    );
    return rows.length;
  }
}

const SCHEDULED_UPDATE_COLUMNS = `
  u.id, u.operation_id, u.tenant_id, u.partner_id, u.environment_name, u.target_version, u.status, u.selected,
  u.selected_date_time, u.ignore_update_window, u.scheduled_for, u.window_closes_at,
  e.type AS environment_type, e.application_version, e.preferred_start_time, e.preferred_end_time, e.time_zone,
  r.type AS release_type, r.available_from, r.latest_selectable_days`;

export type { ScheduledUpdateRow };
