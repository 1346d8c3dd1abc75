import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning, lastLines, runCommand } from '../os-processes';
import { assertReachableBy, postgresBinaries, postgresRunAs, PostgresRunAs } from './postgres-binaries';

/** Local development credentials: the server only listens on 127.0.0.1. */
const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';
export const APP_DATABASE = 'admin_center';

export interface PostgresPaths {
  dataDir: string;
  logFile: string;
}

export function postgresPaths(dir: string): PostgresPaths {
  return { dataDir: join(dir, 'postgres'), logFile: join(dir, 'postgres.log') };
}

export function localDatabaseUrl(port: number, database = APP_DATABASE): string {
  return `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The postmaster of this data folder, if one runs (found through its own postmaster.pid). */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  try {
    const [pid, , , port] = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const running = { pid: Number(pid), port: Number(port) };
    return isProcessRunning(running.pid, dataDir) ? running : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Server settings of the local Postgres: Postgres' own durability defaults (fsync, synchronous_commit and
 * full_page_writes on), so that a commit it acknowledged survives a crash of Postgres or of the machine, as
 * in production: the services' promise that nothing accepted is lost holds here too
 * (local-postgres.int-spec.ts). No Unix socket, so that nothing is written outside the stack folder.
 */
function serverOptions(port: number): string {
  return [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    '-c unix_socket_directories=',
    // Six services with their pools, several instances each, plus the test suite.
    '-c max_connections=300',
  ].join(' ');
}

/** Initialises the data folder if needed, then starts postgres detached through pg_ctl; returns its pid. */
export async function startLocalPostgres(
  dir: string,
  port: number,
  log: (line: string) => void,
): Promise<number> {
  const binaries = postgresBinaries();
  const runAs = await postgresRunAs(log);
  assertReachableBy(runAs, dir);
  const { dataDir, logFile } = postgresPaths(dir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(binaries.initdb, dir, dataDir, runAs, log);
  if (!existsSync(logFile)) writeFileSync(logFile, '');
  ownBy(logFile, runAs);
  // pg_ctl daemonises postgres (its parent becomes init) and -w returns once it accepts connections.
  const result = await runCommand(
    binaries.pgCtl,
    ['-D', dataDir, '-l', logFile, '-o', serverOptions(port), '-w', '-t', '60', 'start'],
    { ...runAs, timeoutMs: 90_000 },
  );
  const postmaster = runningPostmaster(dataDir);
  if (result.code !== 0 || !postmaster) {
    throw new Error(
      `Postgres did not start (pg_ctl exit ${result.code}): ${result.output.trim()}\n` +
        `Last lines of ${logFile}:\n${lastLines(readFileSync(logFile, 'utf8'), 15)}`,
    );
  }
  return postmaster.pid;
}

async function initialise(
  initdb: string,
  dir: string,
  dataDir: string,
  runAs: PostgresRunAs,
  log: (line: string) => void,
): Promise<void> {
  log(`Postgres: initialising a new cluster in ${dataDir}`);
  // initdb wants an empty folder: whatever an interrupted earlier attempt left is worthless.
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  ownBy(dataDir, runAs);
  const passwordFile = join(dir, `.pg-password-${process.pid}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  ownBy(passwordFile, runAs);
  try {
    const result = await runCommand(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The C locale exists everywhere and sorts the same on every machine.
        '--locale=C',
      ],
      { ...runAs, timeoutMs: 120_000 },
    );
    if (result.code !== 0)
      throw new Error(`initdb failed (exit ${result.code}):\n${lastLines(result.output, 20)}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function ownBy(path: string, runAs: PostgresRunAs): void {
  if (runAs.uid !== undefined && runAs.gid !== undefined) chownSync(path, runAs.uid, runAs.gid);
}
