/**
 * `npm test`: unit tests first (no I/O), then the infrastructure (embedded Postgres and local Kafka on test
 * ports in .stack-test, or DATABASE_URL / KAFKA_BROKERS), the whole system on test ports, and the integration
 * and end-to-end tests against it. What it started is stopped, pass or fail; what it reused keeps running.
 * The last line is "tests: N passed, N failed", followed by what else went wrong when something did (test
 * files that failed outside their tests, a phase that could not run), so that it never reads as a pass
 * while the exit code is 1.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { runCLI } from 'jest';
import { launchSystem, type RunningSystem } from '@pac/launcher';
import {
  stackOptionsFromEnv,
  stackStatus,
  stackUp,
  stopWhatStackUpStarted,
  type RunningStack,
  type StackOptions,
} from '@pac/stack';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

interface Tally {
  passed: number;
  failed: number;
  /** Test files that failed without a failing test: an error on import, in beforeAll or afterAll. */
  filesFailedOutsideTests: number;
}

async function runJest(
  kind: 'unit' | 'integration',
  env: NodeJS.ProcessEnv,
  extraArgs: string[],
): Promise<Tally> {
  Object.assign(process.env, env);
  const { results } = await runCLI(
    {
      _: extraArgs,
      $0: 'jest',
      config: path.join(repoRoot, kind === 'unit' ? 'jest.config.js' : 'jest.integration.config.js'),
      runInBand: kind === 'integration',
      passWithNoTests: true,
      ...(kind === 'integration' ? { forceExit: false } : {}),
    },
    [repoRoot],
  );
  return {
    passed: results.numPassedTests,
    failed: results.numFailedTests,
    filesFailedOutsideTests: results.testResults.filter(
      (file) => file.numFailingTests === 0 && (file.testExecError !== undefined || !!file.failureMessage),
    ).length,
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unitOnly = args.includes('--unit');
  const testArgs = args.filter((a) => !a.startsWith('--'));
  const started = Date.now();
  const tally: Tally = { passed: 0, failed: 0, filesFailedOutsideTests: 0 };
  const add = (t: Tally) => {
    tally.passed += t.passed;
    tally.failed += t.failed;
    tally.filesFailedOutsideTests += t.filesFailedOutsideTests;
  };
  let phaseProblem: string | undefined;

  add(await runJest('unit', {}, testArgs));
  if (!unitOnly) {
    const options: StackOptions = stackOptionsFromEnv(process.env, {
      dir: process.env['STACK_DIR'] ?? path.join(repoRoot, '.stack-test'),
      pgPort: Number(process.env['PG_PORT'] ?? 54339),
      kafkaPort: Number(process.env['KAFKA_PORT'] ?? 19192),
      kafkaControllerPort: Number(process.env['KAFKA_CONTROLLER_PORT'] ?? 19193),
      // Beside the services' ports, so that suites run side by side with their own TEST_PORT_BASE never share it.
      smtpPort: Number(process.env['SMTP_PORT'] ?? Number(process.env['TEST_PORT_BASE'] ?? 3100) + 25),
      log: (line) => console.log(`[stack] ${line}`),
    });
    // The servers the developer named, if any: the stack's own integration test checks that they are used.
    const external = {
      EXTERNAL_DATABASE_URL: process.env['DATABASE_URL']?.trim() ?? '',
      EXTERNAL_KAFKA_BROKERS: process.env['KAFKA_BROKERS']?.trim() ?? '',
    };
    let stack: RunningStack | undefined;
    let system: RunningSystem | undefined;
    let ranJest = false;
    try {
      await startFromEmptyData(options);
      stack = await stackUp(options);
      const portBase = Number(process.env['TEST_PORT_BASE'] ?? 3100);
      console.log(`[system] starting the six services on ports ${portBase}-${portBase + 5}`);
      system = await launchSystem({
        adminDatabaseUrl: stack.databaseUrl,
        kafkaBrokers: stack.kafkaBrokers,
        smtpUrl: stack.smtpUrl,
        portBase,
        logTo: { folder: path.join(options.dir, 'logs') },
        env: {
          NODE_ENV: 'test',
          LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
          // The generated matrices send hundreds of calls for one partner within seconds: in the shared test
          // system the limit stays on, far above that (e2e/rate-limit tests it on a gateway of its own).
          RATE_LIMIT_PER_MINUTE: process.env['RATE_LIMIT_PER_MINUTE'] ?? '60000',
          RATE_LIMIT_BURST: process.env['RATE_LIMIT_BURST'] ?? '10000',
        },
      });
      ranJest = true;
      add(
        await runJest(
          'integration',
          {
            ...external,
            DATABASE_URL: stack.databaseUrl,
            KAFKA_BROKERS: stack.kafkaBrokers.join(','),
            GATEWAY_URL: system.gatewayUrl,
            ...Object.fromEntries(
              Object.entries(system.urls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]),
            ),
            TEST_LOG_DIR: path.join(options.dir, 'logs'),
            // The local SMTP server's folder: e-mail tests read what it received (@pac/stack readMailbox).
            STACK_DIR: options.dir,
          },
          testArgs,
        ),
      );
    } catch (error) {
      console.error(
        `integration phase could not run: ${error instanceof Error ? error.stack : String(error)}`,
      );
      phaseProblem = `integration and end-to-end phase ${ranJest ? 'broke off' : 'not run'}: ${firstLine(error)}`;
    } finally {
      await system?.stop();
      // Only what this run started: a Postgres or Kafka it reused (e.g. from `npm run stack -- up`) keeps running.
      if (stack) await stopWhatStackUpStarted(options, stack);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nnpm test took ${seconds} s`);
  console.log(lastLine(tally, phaseProblem));
  return tally.failed > 0 || tally.filesFailedOutsideTests > 0 || phaseProblem !== undefined ? 1 : 0;
}

/**
 * Every run starts from empty databases and topics: the tests move the services' clocks days ahead, and data
 * left by an earlier run (releases, scheduled updates, events still on the topics) would meet a clock that
 * starts again at the real time. So a test stack folder (named .stack-test*) that runs nothing is emptied
 * first; one whose servers run (reused on purpose) and any other folder are left as they are.
 */
async function startFromEmptyData(options: StackOptions): Promise<void> {
  if (!path.basename(options.dir).startsWith('.stack-test')) return;
  const status = await stackStatus(options);
  if (status.postgres !== 'stopped' || status.kafka !== 'stopped' || status.smtp !== 'stopped') return;
  rmSync(options.dir, { recursive: true, force: true });
}

/** `tests: N passed, N failed`, then whatever else makes the run fail, so the line alone tells the outcome. */
function lastLine(tally: Tally, phaseProblem: string | undefined): string {
  const problems = [
    ...(tally.filesFailedOutsideTests > 0
      ? [`${tally.filesFailedOutsideTests} test files failed outside their tests`]
      : []),
    ...(phaseProblem ? [phaseProblem] : []),
  ];
  return [`tests: ${tally.passed} passed, ${tally.failed} failed`, ...problems].join('; ');
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
