import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Clock } from '@pac/clock';
import { isAdjustable } from '@pac/clock';
import type { Logger } from 'pino';

/** A piece of time-based work: purge what is past due, open windows, expire sandboxes, ... */
export interface ClockDrivenJob {
  /** Unique in the service; names the job in logs and keys its cross-instance lock. */
  name: string;
  /** How often it runs in real time (milliseconds), besides running at once whenever the clock moves. */
  everyMs: number;
  /**
   * Does what is due at `now`. It must be idempotent and should claim its rows (e.g. `FOR UPDATE SKIP LOCKED`
   * in its own transaction): the lock below keeps two instances from running the same job at once, but a
   * job should still never depend on being the only one alive. What it resolves to is ignored.
   */
  run: (now: Date) => Promise<unknown>;
  /**
   * Optional, for jobs that tick often: whether a periodic tick has anything to do, answered cheaply (one
   * indexed statement, no lock, no transaction). A tick that finds nothing skips the lock and the run; clock
   * moves and the first run at start always run. An error counts as "yes" (the run then reports it).
   */
  hasWork?: (now: Date) => Promise<boolean>;
}

/** Keeps instances of a service from running the same job at the same time. */
export interface JobLock {
  /**
   * Runs `work` while holding the job's lock. `wait`: queue behind another holder (a clock move must see its
   * effects done before it answers); `try`: skip the run when another instance holds it (periodic ticks).
   * Resolves false when skipped.
   */
  withLock(jobName: string, mode: 'wait' | 'try', work: () => Promise<void>): Promise<boolean>;
}

/** A lock for one process only (tests, or a service that runs as a single instance). */
export const inProcessJobLock: JobLock = {
  async withLock(_jobName, _mode, work) {
    await work();
    return true;
  },
};

interface Registered {
  job: ClockDrivenJob;
  /** The current or last run of this job in this process; runs of one job never overlap. */
  tail: Promise<void>;
  busy: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Runs time-based jobs "on each clock change and every N seconds, safely", the one way every service does:
 *
 * - when the `AdjustableClock` moves (`POST /internal/clock`), each job runs with the new `now` and the move
 *   answers only after the runs finished (a run already in progress is waited for, then the job runs again),
 *   so a test that moved the clock sees the effects at once;
 * - every `everyMs` in real time (timers unref'd), skipped when the job is still running here, when its
 *   `hasWork` check (if any) finds nothing to do, or when another instance holds its lock;
 * - once at start (catching up after downtime);
 * - a failing run is logged and does not stop the job, the other jobs or the clock move.
 *
 * A service declares its jobs with `registerClockDrivenJobs(...)` (register-clock-driven-jobs.ts); the
 * runtime (ServiceRuntimeModule) provides this registry.
 */
export class ClockDrivenJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly jobs = new Map<string, Registered>();
  private started = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly lock: JobLock,
    private readonly logger: Pick<Logger, 'error' | 'debug'>,
  ) {}

  /** Adds a job; it starts with the application (or at once if the application already started). */
  register(job: ClockDrivenJob): void {
    if (this.jobs.has(job.name)) throw new Error(`clock-driven job ${job.name} is registered twice`);
    if (!(job.everyMs > 0)) throw new RangeError(`clock-driven job ${job.name}: everyMs must be positive`);
    const entry: Registered = { job, tail: Promise.resolve(), busy: false };
    this.jobs.set(job.name, entry);
    if (this.started) this.startOne(entry);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Starts the timers and the clock subscription (the runtime calls it once the app is up). */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (isAdjustable(this.clock)) this.unsubscribe = this.clock.onChange(() => this.runAll());
    for (const entry of this.jobs.values()) this.startOne(entry);
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const entry of this.jobs.values()) clearInterval(entry.timer);
    await Promise.all([...this.jobs.values()].map((entry) => entry.tail));
  }

  /**
   * Runs every job and waits for them: what a clock move does. Each run reads the clock when it starts, which
   * is never earlier than the time just announced (the clock only moves forward).
   */
  async runAll(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((entry) => this.enqueue(entry, 'wait')));
  }

  private startOne(entry: Registered): void {
    entry.timer = setInterval(() => this.tick(entry), entry.job.everyMs);
    entry.timer.unref();
    this.tick(entry, true);
  }

  private tick(entry: Registered, first = false): void {
    if (entry.busy) return;
    void this.enqueue(entry, 'try', !first);
  }

  /** Chains a run after the job's current one; `now` is read when the run starts. */
  private enqueue(entry: Registered, mode: 'wait' | 'try', skipWhenIdle = false): Promise<void> {
    const run = entry.tail.then(async () => {
      entry.busy = true;
      try {
        // Called as methods: a job is usually a class instance whose methods use `this`.
        const { job } = entry;
        if (skipWhenIdle && job.hasWork && !(await job.hasWork(this.clock.now()).catch(() => true))) return;
        await this.lock.withLock(entry.job.name, mode, async () => {
          await entry.job.run(this.clock.now());
        });
      } catch (error) {
        this.logger.error({ err: error, job: entry.job.name }, 'clock-driven job failed');
      } finally {
        entry.busy = false;
      }
    });
    entry.tail = run;
    return run;
  }
}
