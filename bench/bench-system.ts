/**
 * The stack and the six services as the issue 3 benchmarks run them: on bench ports, in a stack folder of
 * their own that keeps the seeded customers between runs (`.stack-bench-customers`, or STACK_DIR, PG_PORT,
 * KAFKA_PORT, KAFKA_CONTROLLER_PORT; services from BENCH_PORT_BASE, 3800 by default). Started by
 * seed-customers and list-throughput alike, stopped by them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { launchSystem, type RunningSystem } from '@pac/launcher';
import { stackDown, stackOptionsFromEnv, stackUp, type RunningStack, type StackOptions } from '@pac/stack';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** The partner every issue 3 benchmark reads; seed-customers creates it once. */
export const BENCH_PARTNER_NAME = 'Bench partner: 10,000 customers';

/**
 * A per-partner rate limit far above what one load generator can send (1,000,000 a second), so that the
 * limiter's code runs as in production but never throttles a benchmark.
 */
export const UNTHROTTLED = { RATE_LIMIT_PER_MINUTE: '60000000', RATE_LIMIT_BURST: '1000000' };

export interface BenchSystem {
  stack: RunningStack;
  options: StackOptions;
  system: RunningSystem;
  stop(): Promise<void>;
}

/**
 * A bench's stack: its own folder and ports by default (the controller on the Kafka port + 1), each of them
 * overridden by STACK_DIR, PG_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT; DATABASE_URL / KAFKA_BROKERS as always.
 */
export function benchStackOptions(defaults: {
  folder: string;
  pgPort: number;
  kafkaPort: number;
}): StackOptions {
  return stackOptionsFromEnv(process.env, {
    dir: process.env['STACK_DIR'] ?? path.join(repoRoot, defaults.folder),
    pgPort: Number(process.env['PG_PORT'] ?? defaults.pgPort),
    kafkaPort: Number(process.env['KAFKA_PORT'] ?? defaults.kafkaPort),
    kafkaControllerPort: Number(process.env['KAFKA_CONTROLLER_PORT'] ?? defaults.kafkaPort + 1),
    smtpPort: Number(process.env['SMTP_PORT'] ?? defaults.kafkaPort + 2),
    log: (line) => process.stderr.write(`[stack] ${line}\n`),
  });
}

/**
 * Empties a bench's stack folder (stopping what a previous run may have left in it) so that the run starts
 * with no data and nothing on Kafka: a backlog left by an earlier run (thousands of lifecycle events) would be
 * consumed during the measurement. Not done when DATABASE_URL or KAFKA_BROKERS point at servers of the user.
 */
export async function emptyBenchStack(options: StackOptions): Promise<void> {
  if (process.env['DATABASE_URL'] || process.env['KAFKA_BROKERS']) return;
  await stackDown(options);
  rmSync(options.dir, { recursive: true, force: true });
}

/** The stack folder and ports of the issue 3 benchmarks (the seeded customers are kept in it). */
export const CUSTOMERS_STACK = { folder: '.stack-bench-customers', pgPort: 54399, kafkaPort: 19792 };

export async function startBenchSystem(
  env: NodeJS.ProcessEnv,
  where: Parameters<typeof benchStackOptions>[0] = CUSTOMERS_STACK,
  options: StackOptions = benchStackOptions(where),
): Promise<BenchSystem> {
  const stack = await stackUp(options);
  let system: RunningSystem | undefined;
  // On a loaded machine a service may miss the launcher's 60 s start limit: one more try before giving up.
  for (let attempt = 1; !system; attempt += 1) {
    try {
      system = await launchSystem({
        adminDatabaseUrl: stack.databaseUrl,
        kafkaBrokers: stack.kafkaBrokers,
        smtpUrl: stack.smtpUrl,
        portBase: Number(process.env['BENCH_PORT_BASE'] ?? 3800),
        logTo: { folder: path.join(options.dir, 'logs') },
        env: { NODE_ENV: 'development', ...env },
      });
    } catch (error) {
      if (attempt < 2) {
        process.stderr.write(`the system did not start (${String(error)}); trying again\n`);
        continue;
      }
      if (stack.startedPostgres || stack.startedKafka || stack.startedSmtp) await stackDown(options);
      throw error;
    }
  }
  const started = system;
  return {
    stack,
    options,
    system: started,
    async stop() {
      await started.stop();
      if (stack.startedPostgres || stack.startedKafka || stack.startedSmtp) await stackDown(options);
    },
  };
}

/**
 * A bench's own stack, emptied first (emptyBenchStack), and the six services on it from BENCH_PORT_BASE (else
 * `portBase`), logging warnings only and without rate limit: for benches that measure one run from nothing.
 */
export async function startEmptyBenchSystem(
  defaults: { folder: string; pgPort: number; kafkaPort: number },
  portBase: number,
): Promise<BenchSystem> {
  const options = benchStackOptions(defaults);
  await emptyBenchStack(options);
  const stack = await stackUp(options);
  try {
    const system = await launchSystem({
      adminDatabaseUrl: stack.databaseUrl,
      kafkaBrokers: stack.kafkaBrokers,
      portBase: Number(process.env['BENCH_PORT_BASE'] ?? portBase),
      logTo: { folder: path.join(options.dir, 'logs') },
      env: { NODE_ENV: 'development', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    });
    return {
      stack,
      options,
      system,
      async stop() {
        await system.stop();
        await stopBenchStack(options, stack);
      },
    };
  } catch (error) {
    await stopBenchStack(options, stack);
    throw error;
  }
}

/** The value below which p % of the sorted values lie (nearest rank); NaN for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function machine(): { cpus: number; model: string | undefined; memoryGb: number } {
  return { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: round(totalmem() / 2 ** 30) };
}

/** The 1, 5 and 15 minute load averages: every figure is given with the load it was measured under. */
export function load(): [number, number, number] {
  const [one, five, fifteen] = loadavg();
  return [round(one!, 2), round(five!, 2), round(fifteen!, 2)];
}

/** Runs `work` on every item with at most `concurrency` at a time. */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Asks `probe` again, `pauseMs` apart, until it says yes; past `timeoutMs`, fails naming `what` it waited for. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs, pauseMs }: { timeoutMs: number; pauseMs: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** Writes a bench's figures to its JSON file (bench/results/<name>.json) and prints them. */
export function writeBenchResult(file: string, result: object): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** Stops the Postgres and Kafka a bench started (not those it found running), unless KEEP_STACK=1. */
export async function stopBenchStack(options: StackOptions, stack: RunningStack | undefined): Promise<void> {
  if (
    process.env['KEEP_STACK'] !== '1' &&
    stack &&
    (stack.startedPostgres || stack.startedKafka || stack.startedSmtp)
  )
    await stackDown(options);
}
