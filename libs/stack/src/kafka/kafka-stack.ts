import { allTopicsToCreate } from '@pac/contracts';
import { isProcessRunning, stopProcess } from '../os-processes';
import { assertPortFree } from '../ports';
import { seconds, UpContext } from '../stack-context';
import { StackOptions } from '../stack-options';
import { StackState, writeState } from '../stack-state';
import { ensureTopics, waitForKafka } from './kafka-admin';
import {
  bringUpKafkaCluster,
  kafkaClusterStatus,
  planKafkaCluster,
  stopKafkaCluster,
  type KafkaClusterPlan,
} from './kafka-cluster';
import { ensureKafkaJars, planKafkaTooling, type KafkaTooling } from './kafka-tooling-plan';
import { kafkaFailureDetails, kafkaPaths, runningBroker, startLocalKafka } from './local-kafka';

export type KafkaPlan =
  | { kind: 'external'; brokers: string[] }
  | { kind: 'reuse'; pid: number; port: number; controllerPort: number }
  | ({ kind: 'start' } & KafkaTooling)
  | KafkaClusterPlan;

/** Comma-separated `host:port` list; blank means unset. */
export function parseBrokers(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/** Decides what `up` will do, and fails before anything starts if it cannot be done (no Java, port taken). */
export async function planKafka(
  opts: StackOptions,
  state: StackState,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<KafkaPlan> {
  const external = parseBrokers(env['KAFKA_BROKERS']);
  if (external.length > 0) return { kind: 'external', brokers: external };
  if (opts.kafkaNodes > 1) return planKafkaCluster(opts, state, log, env);
  if (state.kafkaCluster) {
    throw new Error(
      `${opts.dir} runs a Kafka cluster: run "npm run stack -- down" first, or set KAFKA_NODES=3 (--brokers 3)`,
    );
  }
  const paths = kafkaPaths(opts.dir);
  const recorded = state.kafka;
  if (recorded && !isProcessRunning(recorded.pid, recorded.propertiesFile)) {
    log(`Kafka: pid ${recorded.pid} of an earlier run is gone; starting it again`);
    delete state.kafka;
  }
  // Without state.json (deleted by hand), our own kafka.pid still tells whether the broker runs.
  const running = state.kafka ?? runningBroker(paths);
  if (running) {
    const { pid, port, controllerPort } = running;
    if (port !== opts.kafkaPort) {
      throw new Error(
        `The Kafka of ${opts.dir} already runs on port ${port} (pid ${pid}), not ${opts.kafkaPort}. ` +
          `Run "npm run stack -- down" first, or use KAFKA_PORT=${port}.`,
      );
    }
    return { kind: 'reuse', pid, port, controllerPort };
  }
  const tooling = await planKafkaTooling(env);
  await assertPortFree(opts.kafkaPort, 'the local Kafka broker', 'KAFKA_PORT');
  await assertPortFree(opts.kafkaControllerPort, 'the local Kafka controller', 'KAFKA_CONTROLLER_PORT');
  return { kind: 'start', ...tooling };
}

/** Carries out the plan, then creates the missing topics of the contracts in every case; returns the brokers. */
export async function bringUpKafka(plan: KafkaPlan, ctx: UpContext): Promise<string[]> {
  const { opts, log, state } = ctx;
  if (plan.kind === 'cluster') return bringUpKafkaCluster(plan, ctx);
  let brokers: string[];
  if (plan.kind === 'external') {
    brokers = plan.brokers;
    await waitForKafka(brokers, 60_000);
    log(`Kafka: using KAFKA_BROKERS ${brokers.join(',')} (nothing started)`);
  } else if (plan.kind === 'reuse') {
    brokers = [`127.0.0.1:${plan.port}`];
    const { pid, port, controllerPort } = plan;
    state.kafka = { pid, port, controllerPort, propertiesFile: kafkaPaths(opts.dir).propertiesFile, brokers };
    writeState(opts.dir, state);
    await waitForKafka(brokers, 60_000);
    log(`Kafka: already running (pid ${plan.pid}) on ${brokers.join(',')}`);
  } else {
    brokers = await startKafka(plan, ctx);
  }
  const created = await ensureTopics(brokers, allTopicsToCreate());
  if (created.length > 0) log(`Kafka: created ${created.length} topics: ${created.join(', ')}`);
  return brokers;
}

async function startKafka(plan: Extract<KafkaPlan, { kind: 'start' }>, ctx: UpContext): Promise<string[]> {
  const { opts, log, state } = ctx;
  const paths = kafkaPaths(opts.dir);
  await ensureKafkaJars(plan, log);
  const startedAt = Date.now();
  const ports = { port: opts.kafkaPort, controllerPort: opts.kafkaControllerPort };
  const pid = await startLocalKafka(plan.java, paths, plan.libsDir, ports, log);
  const brokers = [`127.0.0.1:${opts.kafkaPort}`];
  state.kafka = { pid, ...ports, propertiesFile: paths.propertiesFile, brokers };
  ctx.startedNow.kafka = true;
  writeState(opts.dir, state);
  await waitForKafka(brokers, 120_000, () =>
    isProcessRunning(pid, paths.propertiesFile)
      ? undefined
      : `Kafka (pid ${pid}) exited while starting.\n${kafkaFailureDetails(paths)}`,
  );
  log(`Kafka: started ${plan.version} (pid ${pid}) on ${brokers.join(',')} in ${seconds(startedAt)}`);
  return brokers;
}

/** SIGTERM runs the broker's controlled shutdown, so the next start needs no log recovery. */
export async function stopKafka(state: StackState, log: (line: string) => void): Promise<void> {
  await stopKafkaCluster(state, log);
  const recorded = state.kafka;
  if (!recorded) return;
  const outcome = await stopProcess(recorded.pid, recorded.propertiesFile, 'SIGTERM', 30_000);
  log(`Kafka: ${outcome === 'not-running' ? 'was not running' : outcome} (pid ${recorded.pid})`);
  delete state.kafka;
}

export function kafkaStatus(opts: StackOptions, state: StackState, env: NodeJS.ProcessEnv): string {
  const external = parseBrokers(env['KAFKA_BROKERS']);
  if (external.length > 0) return `external (KAFKA_BROKERS ${external.join(',')})`;
  const cluster = kafkaClusterStatus(state);
  if (cluster) return cluster;
  const recorded = state.kafka;
  if (recorded && isProcessRunning(recorded.pid, recorded.propertiesFile)) {
    return `running (pid ${recorded.pid}) on ${recorded.brokers.join(',')}`;
  }
  const unrecorded = runningBroker(kafkaPaths(opts.dir));
  if (unrecorded) return `running (pid ${unrecorded.pid}, not in state.json) on 127.0.0.1:${unrecorded.port}`;
  return 'stopped';
}
