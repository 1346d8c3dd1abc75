/**
 * How long `stackUp` takes, written to bench/results/infra-start.json:
 *   cold  empty stack dir, an empty throwaway Maven repository (STACK_MAVEN_REPO) and an empty jar cache
 *         (KAFKA_JARS_DIR), so Maven downloads the broker from Maven Central, Postgres runs initdb and Kafka
 *         formats its storage;
 *   warm  the same dir after `stackDown`: jars cached, data initialised (what a developer sees every morning);
 *   reuse `stackUp` while everything already runs (what every test run and `npm start` pays).
 * Runs on free ports and temp dirs, so a developer's own stack is untouched. Usage: node dist/bench/infra-start.js
 */
import { StackOptions, stackDown, stackOptionsFromEnv, stackUp } from '@pac/stack';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePorts } from '@pac/testing';

const WARM_RUNS = 3;
const RESULTS = resolve(__dirname, '..', '..', 'bench', 'results', 'infra-start.json');

async function main(): Promise<void> {
  const mavenRepo = mkdtempSync(join(tmpdir(), 'pac-bench-m2-'));
  // Not the shared cache of ~/.cache: with the jars already there, the cold case would download nothing.
  const jarsCache = mkdtempSync(join(tmpdir(), 'pac-bench-jars-'));
  const dir = mkdtempSync(join(tmpdir(), 'pac-bench-stack-'));
  // The embedded Postgres may run as another OS user, which must be able to enter the stack dir.
  chmodSync(dir, 0o755);
  process.env['STACK_MAVEN_REPO'] = mavenRepo;
  process.env['KAFKA_JARS_DIR'] = join(jarsCache, 'libs');
  delete process.env['DATABASE_URL'];
  delete process.env['KAFKA_BROKERS'];
  const [pgPort, kafkaPort, kafkaControllerPort, smtpPort] = await freePorts(4);
  let phaseStart = performance.now();
  const coldLog: string[] = [];
  const opts: StackOptions = stackOptionsFromEnv(process.env, {
    dir,
    pgPort,
    kafkaPort,
    kafkaControllerPort,
    smtpPort,
    log: (line) => {
      coldLog.push(`+${Math.round(performance.now() - phaseStart)} ms ${line}`);
      process.stderr.write(`[stack] ${line}\n`);
    },
  });
  const loadBefore = loadavg()[0];
  try {
    const coldMs = await timed(() => stackUp(opts));
    const cold = [...coldLog];
    const reuseMs = await timed(() => stackUp(opts));
    const downMs = await timed(() => stackDown(opts));
    const warmMs: number[] = [];
    for (let run = 0; run < WARM_RUNS; run++) {
      phaseStart = performance.now();
      warmMs.push(await timed(() => stackUp(opts)));
      await stackDown(opts);
    }
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAverage1mBefore: loadBefore, loadAverage1mAfter: loadavg()[0] },
      node: process.version,
      java: javaVersion(),
      coldMs,
      warmMs,
      warmMedianMs: median(warmMs),
      reuseMs,
      downMs,
      coldLog: cold,
    };
    mkdirSync(resolve(RESULTS, '..'), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(
      `stackUp cold ${seconds(coldMs)}, warm ${warmMs.map(seconds).join(' / ')} (median ${seconds(median(warmMs))}), ` +
        `reuse ${seconds(reuseMs)}, down ${seconds(downMs)}\n${RESULTS}\n`,
    );
  } finally {
    await stackDown(opts).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    rmSync(mavenRepo, { recursive: true, force: true });
    rmSync(jarsCache, { recursive: true, force: true });
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return Math.round(performance.now() - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function javaVersion(): string {
  // `java -version` writes to stderr.
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return (result.stderr || result.stdout || 'unknown').split('\n')[0]?.trim() ?? 'unknown';
}

main().catch((error: unknown) => {
  process.stderr.write(
    `infra-start benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
