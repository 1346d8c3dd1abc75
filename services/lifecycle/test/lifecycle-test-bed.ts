import { AdjustableClock } from '@pac/clock';
import { messagingTablesMigration, Outbox } from '@pac/messaging';
import {
  createServiceDataSource,
  dropServiceDatabase,
  provisionServiceDatabase,
  runMigrations,
} from '@pac/persistence';
import { eventually, requiredEnv } from '@pac/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CancelUpdateHandler } from '../src/commands/cancel-update/cancel-update.handler';
import { ScheduleUpdateHandler } from '../src/commands/schedule-update/schedule-update.handler';
import { SetUpdateWindowHandler } from '../src/commands/set-update-window/set-update-window.handler';
import { DistributeReleasesJob } from '../src/jobs/distribute-releases.job';
import { StartDueUpdatesJob } from '../src/jobs/start-due-updates.job';
import { LifecycleConfig } from '../src/lifecycle.config';
import { EnvironmentEntity } from '../src/persistence/environment.entity';
import { CreateUpdateWindowPolicies1764000000000 } from '../src/persistence/migrations/1764000000000-create-update-window-policies';
import { CreateReleasesEnvironmentsUpdates1767225600300 } from '../src/persistence/migrations/1767225600300-create-releases-environments-updates';
import { ReleaseDistributionLanes1767225600301 } from '../src/persistence/migrations/1767225600301-release-distribution-lanes';
import { UpdatesHeld1767225600302 } from '../src/persistence/migrations/1767225600302-updates-held';
import { ReleaseEntity } from '../src/persistence/release.entity';
import { UpdateWindowPolicyEntity } from '../src/persistence/update-window-policy.entity';
import { UpdateEntity } from '../src/persistence/update.entity';

const silent = {
  info: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
};

/**
 * The lifecycle service's schema and jobs on the real Postgres, in a throwaway schema of their own, without
 * HTTP or Kafka: what the scheduler's SQL does, and does not do, with several instances at once.
 */
export class LifecycleTestBed {
  readonly instances: {
    dataSource: DataSource;
    outbox: Outbox;
    distribute: DistributeReleasesJob;
    scheduler: StartDueUpdatesJob;
  }[] = [];

  private constructor(
    readonly adminUrl: string,
    readonly schema: string,
    private readonly url: string,
  ) {}

  static async create(instances = 1): Promise<LifecycleTestBed> {
    const adminUrl = requiredEnv('DATABASE_URL');
    const schema = `lc_it_${randomBytes(4).toString('hex')}`;
    const url = await provisionServiceDatabase(adminUrl, schema, `pw-${schema}`);
    const bed = new LifecycleTestBed(adminUrl, schema, url);
    for (let i = 0; i < instances; i += 1) await bed.addInstance();
    return bed;
  }

  /** One more "instance": its own connection pool, outbox writer and jobs on the same schema. */
  async addInstance(): Promise<void> {
    const dataSource = createServiceDataSource({
      url: this.url,
      schema: this.schema,
      entities: [UpdateWindowPolicyEntity, ReleaseEntity, EnvironmentEntity, UpdateEntity],
      migrations: [
        messagingTablesMigration(this.schema),
        CreateUpdateWindowPolicies1764000000000,
        CreateReleasesEnvironmentsUpdates1767225600300,
        ReleaseDistributionLanes1767225600301,
        UpdatesHeld1767225600302,
      ],
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    const outbox = new Outbox({
      schema: this.schema,
      serviceName: 'lifecycle',
      clock: new AdjustableClock(),
    });
    const config = new LifecycleConfig();
    this.instances.push({
      dataSource,
      outbox,
      distribute: new DistributeReleasesJob(dataSource, outbox, config, silent as never),
      scheduler: new StartDueUpdatesJob(dataSource, outbox, config, silent as never),
    });
  }

  get db(): DataSource {
    return this.instances[0]!.dataSource;
  }

  async publish(
    version: string,
    availableFrom: Date,
    type = 'minor',
    latestSelectableDays = 30,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO releases (version, version_key, type, available_from, latest_selectable_days, published_by, published_at)
       VALUES ($1, $2, $3, $4, $5, 'test', $4)`,
      [
        version,
        Number(version.split('.')[0]) * 10_000 + Number(version.split('.')[1]),
        type,
        availableFrom,
        latestSelectableDays,
      ],
    );
  }

  /** `count` environments on 25.4 in Paris with the default window; every `incompatibleEvery`-th has an extension stuck on 25.x. */
  async seedEnvironments(
    count: number,
    options: { incompatibleEvery?: number; type?: string } = {},
  ): Promise<string> {
    const partnerId = randomUUID();
    const blocker = JSON.stringify([
      {
        extensionId: randomUUID(),
        publisher: 'Contoso',
        name: 'Old Tax',
        version: '1.0',
        minVersion: '25.0',
        maxVersion: '25.9',
      },
    ]);
    await this.db.query(
      `INSERT INTO environments (tenant_id, name, partner_id, type, status, application_version, version_key,
                                 extensions, preferred_start_time, preferred_end_time, time_zone, state_at)
       SELECT gen_random_uuid(), 'production', $1, $2, 'active', '25.4', 250004,
              CASE WHEN $3 > 0 AND i % $3 = 0 THEN $4::jsonb ELSE '[]'::jsonb END,
              '22:00', '06:00', 'Europe/Paris', now()
         FROM generate_series(1, $5) AS i`,
      [partnerId, options.type ?? 'production', options.incompatibleEvery ?? 0, blocker, count],
    );
    return partnerId;
  }

  /** The partner's commands on the first instance, their clock stopped at `now`. */
  commands(now: Date): {
    schedule: ScheduleUpdateHandler;
    cancel: CancelUpdateHandler;
    setWindow: SetUpdateWindowHandler;
  } {
    const { dataSource, outbox } = this.instances[0]!;
    const clock = new AdjustableClock(0, () => now.getTime());
    return {
      schedule: new ScheduleUpdateHandler(dataSource, outbox, clock),
      cancel: new CancelUpdateHandler(dataSource, outbox, clock),
      setWindow: new SetUpdateWindowHandler(dataSource, outbox, clock),
    };
  }

  /**
   * Claims the due updates as the scheduler does (FOR UPDATE SKIP LOCKED, then `running`) in a transaction
   * left open: the test decides when it commits, and can wait until another statement waits on it.
   */
  async claimDueUpdates(now: Date): Promise<{
    claimed: string[];
    waitUntilSomeoneWaits: () => Promise<void>;
    commit: () => Promise<void>;
  }> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = (await runner.query(`SELECT pg_backend_pid() AS pid`)) as [{ pid: number }];
    const due = (await runner.query(
      `SELECT id FROM updates WHERE status = 'scheduled' AND scheduled_for <= $1 AND window_closes_at > $1
        FOR UPDATE SKIP LOCKED`,
      [now],
    )) as { id: string }[];
    const claimed = due.map((row) => row.id);
    await runner.query(
      `UPDATE updates SET status = 'running', started_at = $1, updated_at = $1 WHERE id = ANY($2::uuid[])`,
      [now, claimed],
    );
    return {
      claimed,
      waitUntilSomeoneWaits: () => this.waitUntilSomeoneWaitsOn(pid),
      commit: async () => {
        try {
          await runner.commitTransaction();
        } finally {
          await runner.release();
        }
      },
    };
  }

  /**
   * Returns once a session waits on a lock the backend `pid` holds. Polls Postgres's own view of who waits on
   * whom: no guess at how long the other statement takes.
   */
  async waitUntilSomeoneWaitsOn(pid: number): Promise<void> {
    await eventually(
      async () =>
        (
          (await this.db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [pid],
          )) as [{ n: number }]
        )[0].n,
      (waiting) => waiting > 0,
    );
  }

  async outboxCount(type: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM outbox WHERE type = $1`, [type]);
    return row.n;
  }

  async close(): Promise<void> {
    for (const instance of this.instances) await instance.dataSource.destroy();
    await dropServiceDatabase(this.adminUrl, this.schema);
  }
}
