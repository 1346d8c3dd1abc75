/**
 * `npm start`: the whole system on this machine. Infrastructure (embedded Postgres and a local Kafka, or the
 * ones DATABASE_URL / KAFKA_BROKERS name), then the six services as separate processes (each migrates its
 * own schema), then where to go. Ctrl-C stops the services and whatever infrastructure this command started.
 * With --watch (`npm run start:dev`), a change of the sources rebuilds and restarts the services it concerns.
 */
import path from 'node:path';
import { signDevTokenFromEnv } from '@pac/auth';
import { launchSystem, type RunningSystem } from '@pac/launcher';
import { stackOptionsFromEnv, stackUp, stopWhatStackUpStarted, type RunningStack } from '@pac/stack';
import { restartOnChange } from './restart-on-change';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const options = stackOptionsFromEnv(process.env, { log: (line) => console.log(`[stack] ${line}`) });
  const stack = await stackUp(options);
  const portBase = Number(process.env['GATEWAY_PORT'] ?? 3000);
  const logFolder = path.join(options.dir, 'logs');
  let system: RunningSystem | undefined;
  let watcher: { close(): void } | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping services...');
    watcher?.close();
    await system?.stop();
    await stopStartedInfrastructure(stack, options);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    console.log('starting services (each runs its migrations)...');
    system = await launchSystem({
      adminDatabaseUrl: stack.databaseUrl,
      kafkaBrokers: stack.kafkaBrokers,
      smtpUrl: stack.smtpUrl,
      portBase,
      logTo: process.env['LOG_TO_CONSOLE'] === '1' ? 'inherit' : { folder: logFolder },
    });
  } catch (error) {
    console.error(`could not start the system: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`service logs: ${logFolder}`);
    await stop(1);
    return;
  }
  const platformToken = await signDevTokenFromEnv(process.env, {
    partnerId: '00000000-0000-4000-8000-000000000000',
    roles: ['platform:admin'],
  });
  console.log(`
Partner Admin Center is running.
  API       ${system.gatewayUrl}/v1
  Docs      ${system.gatewayUrl}/docs   (OpenAPI: ${system.gatewayUrl}/openapi.json)
  Services  ${Object.entries(system.urls)
    .filter(([name]) => name !== 'gateway')
    .map(([name, url]) => `${name} ${url}`)
    .join(', ')}
  Logs      ${process.env['LOG_TO_CONSOLE'] === '1' ? 'this console' : `${logFolder}/*.log`}

A platform admin token (creates partners with POST /v1/partners):
  ${platformToken}
A token for a partner (use the id POST /v1/partners returned):
  npm run dev-token -- --partner <partnerId> --role partner:admin
Move the clock of every service (development only):
  npm run clock -- advance 26h

Ctrl-C stops everything this command started.`);
  if (process.argv.includes('--watch')) {
    watcher = restartOnChange(repoRoot, system.processes, (line) => console.log(`[watch] ${line}`));
    console.log('Watching libs/ and services/: a change rebuilds and restarts the services it concerns.');
  }
}

async function stopStartedInfrastructure(
  stack: RunningStack,
  options: ReturnType<typeof stackOptionsFromEnv>,
) {
  if (stack.startedPostgres || stack.startedKafka) {
    console.log('stopping the infrastructure this command started...');
    // Only that: a Postgres or Kafka it found running (e.g. from `npm run stack -- up`) keeps running.
    await stopWhatStackUpStarted(options, stack);
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
