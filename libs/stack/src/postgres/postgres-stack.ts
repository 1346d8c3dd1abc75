import { isProcessRunning, stopProcess } from '../os-processes';
import { assertPortFree } from '../ports';
import { seconds, UpContext } from '../stack-context';
import { StackOptions } from '../stack-options';
import { StackState, writeState } from '../stack-state';
import { ensureAppDatabase, redactPassword, waitForDatabase } from './database';
import { localDatabaseUrl, postgresPaths, runningPostmaster, startLocalPostgres } from './local-postgres';

export type PostgresPlan =
  | { kind: 'external'; databaseUrl: string }
  | { kind: 'reuse'; pid: number; port: number }
  | { kind: 'start'; port: number };

/** Decides what `up` will do, and fails before anything starts if it cannot be done. */
export async function planPostgres(
  opts: StackOptions,
  state: StackState,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<PostgresPlan> {
  const external = env['DATABASE_URL']?.trim();
  if (external) return { kind: 'external', databaseUrl: external };
  const { dataDir } = postgresPaths(opts.dir);
  const recorded = state.postgres;
  if (recorded && !isProcessRunning(recorded.pid, dataDir)) {
    log(`Postgres: pid ${recorded.pid} of an earlier run is gone; starting it again`);
    delete state.postgres;
  }
  // Without state.json (deleted by hand), the postmaster's own pid file still tells whether it runs.
  const running = state.postgres ?? runningPostmaster(dataDir);
  if (running) {
    if (running.port !== opts.pgPort) {
      throw new Error(
        `The Postgres of ${opts.dir} already runs on port ${running.port} (pid ${running.pid}), not ${opts.pgPort}. ` +
          `Run "npm run stack -- down" first, or use PG_PORT=${running.port}.`,
      );
    }
    return { kind: 'reuse', pid: running.pid, port: running.port };
  }
  await assertPortFree(opts.pgPort, 'the embedded Postgres', 'PG_PORT');
  return { kind: 'start', port: opts.pgPort };
}

/** Carries out the plan; returns the superuser URL of the application database. */
export async function bringUpPostgres(plan: PostgresPlan, ctx: UpContext): Promise<string> {
  const { opts, log, state } = ctx;
  if (plan.kind === 'external') {
    await waitForDatabase(plan.databaseUrl, 30_000);
    log(`Postgres: using DATABASE_URL ${redactPassword(plan.databaseUrl)} (nothing started)`);
    return plan.databaseUrl;
  }
  const databaseUrl = localDatabaseUrl(plan.port);
  const { dataDir } = postgresPaths(opts.dir);
  if (plan.kind === 'reuse') {
    state.postgres = { pid: plan.pid, port: plan.port, dataDir, databaseUrl };
    writeState(opts.dir, state);
    await ensureAppDatabase(plan.port);
    log(`Postgres: already running (pid ${plan.pid}) on 127.0.0.1:${plan.port}`);
    return databaseUrl;
  }
  const startedAt = Date.now();
  const pid = await startLocalPostgres(opts.dir, plan.port, log);
  state.postgres = { pid, port: plan.port, dataDir, databaseUrl };
  ctx.startedNow.postgres = true;
  writeState(opts.dir, state);
  await ensureAppDatabase(plan.port);
  log(`Postgres: started (pid ${pid}) on 127.0.0.1:${plan.port} in ${seconds(startedAt)}`);
  return databaseUrl;
}

/** Fast shutdown (SIGINT): open transactions are rolled back, the data stays consistent. */
export async function stopPostgres(state: StackState, log: (line: string) => void): Promise<void> {
  const recorded = state.postgres;
  if (!recorded) return;
  const outcome = await stopProcess(recorded.pid, recorded.dataDir, 'SIGINT', 30_000);
  log(`Postgres: ${outcome === 'not-running' ? 'was not running' : outcome} (pid ${recorded.pid})`);
  delete state.postgres;
}

export function postgresStatus(opts: StackOptions, state: StackState, env: NodeJS.ProcessEnv): string {
  const external = env['DATABASE_URL']?.trim();
  if (external) return `external (DATABASE_URL ${redactPassword(external)})`;
  const { dataDir } = postgresPaths(opts.dir);
  const recorded = state.postgres;
  if (recorded && isProcessRunning(recorded.pid, dataDir)) {
    return `running (pid ${recorded.pid}) on 127.0.0.1:${recorded.port}: ${recorded.databaseUrl}`;
  }
  const unrecorded = runningPostmaster(dataDir);
  if (unrecorded) return `running (pid ${unrecorded.pid}, not in state.json) on 127.0.0.1:${unrecorded.port}`;
  return 'stopped';
}
