import { ServiceProcess, type ProcessExit, type ServiceProcessOptions } from './service-process';
import type { ServiceName } from './services';

export interface SupervisionPolicy {
  /** Wait before the first restart after a crash; doubled after each crash in a row, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A process that ran this long without crashing starts again from firstDelayMs on its next crash. */
  stableAfterMs: number;
  /** This many crashes within crashWindowMs: the supervisor gives up on the service (and says so loudly). */
  maxCrashes: number;
  crashWindowMs: number;
}

export const DEFAULT_SUPERVISION: SupervisionPolicy = {
  firstDelayMs: 100,
  maxDelayMs: 10_000,
  stableAfterMs: 60_000,
  maxCrashes: 5,
  crashWindowMs: 60_000,
};

/**
 * One instance of a service, kept running: when its process exits without being asked to (a crash, a kill -9,
 * a fatal error), it is started again after a backoff, and the reason is logged. After `maxCrashes` crashes
 * within `crashWindowMs` it is left down, with an error line that says so: a service that cannot start is
 * better seen than restarted for ever. stop() stops it for good.
 */
export class SupervisedService {
  private current: ServiceProcess;
  private readonly crashes: number[] = [];
  private delayMs: number;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private state: 'running' | 'restarting' | 'gave-up' | 'stopped' = 'running';
  private restarts = 0;

  constructor(
    private readonly options: ServiceProcessOptions,
    private readonly log: (line: string) => void,
    private readonly policy: SupervisionPolicy = DEFAULT_SUPERVISION,
    private readonly now: () => number = Date.now,
  ) {
    this.delayMs = policy.firstDelayMs;
    this.current = this.launch();
  }

  get name(): ServiceName {
    return this.options.name;
  }

  get url(): string {
    return this.current.url;
  }

  /** The pid of the process running now (it changes with each restart). */
  get pid(): number | undefined {
    return this.current.pid;
  }

  get status(): { state: SupervisedService['state']; restarts: number } {
    return { state: this.state, restarts: this.restarts };
  }

  /** Waits until the current process answers /health/ready (see ServiceProcess.waitUntilReady). */
  waitUntilReady(timeoutMs?: number): Promise<void> {
    return this.current.waitUntilReady(timeoutMs);
  }

  /** Kills the current process as a crash would (SIGKILL); the supervisor restarts it. For fault tests. */
  async crash(): Promise<void> {
    await this.current.kill();
  }

  /** Stops the service for good: no restart. */
  async stop(graceMs?: number): Promise<void> {
    this.stopping = true;
    this.state = 'stopped';
    clearTimeout(this.restartTimer);
    await this.current.stop(graceMs);
  }

  /**
   * Stops the running process and starts a new one of the same service (`npm run start:dev` after a code
   * change): asked for, so not counted as a crash.
   */
  async restart(graceMs?: number): Promise<void> {
    if (this.state === 'stopped') return;
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.current.stop(graceMs);
    this.stopping = false;
    this.state = 'running';
    this.restarts += 1;
    this.current = this.launch();
    await this.current.waitUntilReady();
  }

  private launch(): ServiceProcess {
    const child = ServiceProcess.start(this.options);
    const startedAt = this.now();
    void child.exit.then((exit) => this.onExit(exit, startedAt));
    return child;
  }

  private onExit(exit: ProcessExit, startedAt: number): void {
    if (this.stopping) return;
    const at = this.now();
    if (at - startedAt >= this.policy.stableAfterMs) this.delayMs = this.policy.firstDelayMs;
    this.crashes.push(at);
    while (this.crashes.length > 0 && this.crashes[0]! <= at - this.policy.crashWindowMs)
      this.crashes.shift();
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const where = this.options.logTo === 'inherit' ? '' : ` (its log: ${this.options.logTo.folder})`;
    if (this.crashes.length >= this.policy.maxCrashes) {
      this.state = 'gave-up';
      this.log(
        `ERROR: ${this.name} (port ${this.options.port}) ${how}: ${this.crashes.length} crashes within ` +
          `${Math.round(this.policy.crashWindowMs / 1000)} s, not restarting it again${where}`,
      );
      return;
    }
    this.state = 'restarting';
    this.log(`${this.name} (port ${this.options.port}) ${how}; restarting it in ${this.delayMs} ms${where}`);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.restarts += 1;
      this.state = 'running';
      this.current = this.launch();
    }, this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, this.policy.maxDelayMs);
  }
}
