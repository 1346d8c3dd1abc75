import { AdjustableClock, SystemClock } from '@pac/clock';
import { ClockDrivenJobs, inProcessJobLock, type ClockDrivenJob, type JobLock } from './clock-driven-jobs';

const silent = { error: jest.fn(), debug: jest.fn() };
const start = Date.parse('2026-03-29T00:00:00Z');

const settle = () => new Promise((resolve) => setImmediate(resolve));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('clock-driven jobs', () => {
  let jobs: ClockDrivenJobs | undefined;
  afterEach(async () => {
    await jobs?.stop();
    jobs = undefined;
    jest.useRealTimers();
  });

  it('runs once at start, then each time the clock moves, and the move waits for the run', async () => {
    const clock = new AdjustableClock(0, () => start);
    jobs = new ClockDrivenJobs(clock, inProcessJobLock, silent);
    const seen: string[] = [];
    jobs.register({
      name: 'purge',
      everyMs: 3_600_000,
      run: async (now) => {
        await Promise.resolve();
        seen.push(now.toISOString());
      },
    });
    jobs.start();
    await settle();
    await clock.advance(14 * 86_400_000);
    expect(seen).toEqual(['2026-03-29T00:00:00.000Z', '2026-04-12T00:00:00.000Z']);
  });

  it('waits for a run in progress, then runs again with the new time (runs never overlap)', async () => {
    const clock = new AdjustableClock(0, () => start);
    jobs = new ClockDrivenJobs(clock, inProcessJobLock, silent);
    const gate = deferred();
    const seen: string[] = [];
    let running = 0;
    let overlapped = false;
    jobs.register({
      name: 'slow',
      everyMs: 3_600_000,
      run: async (now) => {
        running += 1;
        if (running > 1) overlapped = true;
        if (seen.length === 0) await gate.promise;
        seen.push(now.toISOString());
        running -= 1;
      },
    });
    jobs.start(); // the first run is held at the gate
    await settle();
    const moved = clock.advance(60_000);
    let answered = false;
    void moved.then(() => (answered = true));
    await settle();
    expect(answered).toBe(false);
    gate.resolve();
    await moved;
    expect(seen).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T00:01:00.000Z']);
    expect(overlapped).toBe(false);
  });

  it('runs every everyMs in real time, skipping a tick while the previous run is still going', async () => {
    jest.useFakeTimers();
    jobs = new ClockDrivenJobs(new SystemClock(), inProcessJobLock, silent);
    const gate = deferred();
    let runs = 0;
    jobs.register({
      name: 'tick',
      everyMs: 1_000,
      run: async () => {
        runs += 1;
        if (runs === 2) await gate.promise;
      },
    });
    jobs.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    await jest.advanceTimersByTimeAsync(3_000); // run 2 is stuck: these ticks are skipped
    expect(runs).toBe(2);
    gate.resolve();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(3);
  });

  it('skips a periodic tick, lock included, when hasWork finds nothing; the first run and clock moves always run', async () => {
    jest.useFakeTimers();
    const clock = new AdjustableClock(0, () => Date.now());
    const modes: string[] = [];
    const lock: JobLock = {
      async withLock(_name, mode, work) {
        modes.push(mode);
        await work();
        return true;
      },
    };
    jobs = new ClockDrivenJobs(clock, lock, silent);
    let work = false;
    const hasWork = jest.fn(async () => work);
    const run = jest.fn(async () => undefined);
    jobs.register({ name: 'mostly-idle', everyMs: 1_000, run, hasWork });
    jobs.start();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(run).toHaveBeenCalledTimes(1); // the first run at start only
    expect(hasWork).toHaveBeenCalledTimes(3);
    await clock.advance(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    work = true;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(3);
    expect(modes).toEqual(['try', 'wait', 'try']);
  });

  it('calls a job class’s run and hasWork as its methods (registerClockDrivenJobs registers instances)', async () => {
    jest.useFakeTimers();
    const clock = new AdjustableClock(0, () => Date.now());
    jobs = new ClockDrivenJobs(clock, inProcessJobLock, silent);
    class CountingJob implements ClockDrivenJob {
      readonly name = 'counting';
      readonly everyMs = 1_000;
      runs = 0;
      checks = 0;
      async run(): Promise<void> {
        this.runs += 1;
      }
      async hasWork(): Promise<boolean> {
        this.checks += 1;
        return true;
      }
    }
    const job = new CountingJob();
    jobs.register(job);
    jobs.start();
    await jest.advanceTimersByTimeAsync(2_000);
    expect({ runs: job.runs, checks: job.checks }).toEqual({ runs: 3, checks: 2 });
    expect(silent.error).not.toHaveBeenCalled();
  });

  it('logs a failing run and keeps going; the clock move still answers', async () => {
    const clock = new AdjustableClock(0, () => start);
    const logger = { error: jest.fn(), debug: jest.fn() };
    jobs = new ClockDrivenJobs(clock, inProcessJobLock, logger);
    let calls = 0;
    jobs.register({
      name: 'flaky',
      everyMs: 3_600_000,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
    });
    jobs.start();
    await clock.advance(1_000);
    expect(calls).toBe(2);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ job: 'flaky' }),
      'clock-driven job failed',
    );
  });

  it('asks the lock to wait on a clock move and only to try on a periodic tick', async () => {
    const clock = new AdjustableClock(0, () => start);
    const modes: string[] = [];
    const othersHoldIt: JobLock = {
      async withLock(_name, mode, work) {
        modes.push(mode);
        if (mode === 'try') return false; // another instance is running it: skip
        await work();
        return true;
      },
    };
    jobs = new ClockDrivenJobs(clock, othersHoldIt, silent);
    const run = jest.fn(async () => undefined);
    jobs.register({ name: 'shared', everyMs: 3_600_000, run });
    jobs.start();
    await clock.advance(1_000);
    expect(modes).toEqual(['try', 'wait']);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refuses a job registered twice', () => {
    jobs = new ClockDrivenJobs(new SystemClock(), inProcessJobLock, silent);
    const job = { name: 'once', everyMs: 1_000, run: async () => undefined };
    jobs.register(job);
    expect(() => jobs?.register(job)).toThrow('registered twice');
  });
});
