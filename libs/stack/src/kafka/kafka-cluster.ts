import { allTopicsToCreate } from '@pac/contracts';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning, stopProcess } from '../os-processes';
import { assertPortFree } from '../ports';
import { seconds, type UpContext } from '../stack-context';
import type { StackOptions } from '../stack-options';
import { writeState, type KafkaClusterNodeState, type StackState } from '../stack-state';
import { CLUSTER_MIN_INSYNC_REPLICAS, CLUSTER_REPLICATION_FACTOR, clusterIdFrom } from './kafka-config';
import { ensureTopics, waitForBrokers } from './kafka-admin';
import { kafkaFailureDetails, kafkaPaths, runningBroker, startLocalKafka } from './local-kafka';
import { ensureKafkaJars, planKafkaTooling, type KafkaTooling } from './kafka-tooling-plan';

/** Each node's heap: three brokers on a development machine beside six services and the tests. */
const CLUSTER_NODE_HEAP_MB = 384;

export interface ClusterNodePlan {
  nodeId: number;
  port: number;
  controllerPort: number;
  /** The pid when the node already runs; absent when it is to be started (again). */
  runningPid?: number;
}

export interface KafkaClusterPlan {
  kind: 'cluster';
  clusterId: string;
  nodes: ClusterNodePlan[];
  /** Present when a node is to be started. */
  tooling?: KafkaTooling;
}

/** Node n's ports: the single broker's, shifted by 2 per node (19092/19093, 19094/19095, 19096/19097). */
export function clusterNodePorts(
  opts: StackOptions,
  nodeId: number,
): { port: number; controllerPort: number } {
  return {
    port: opts.kafkaPort + 2 * (nodeId - 1),
    controllerPort: opts.kafkaControllerPort + 2 * (nodeId - 1),
  };
}

/** The nodes that run are reused, the others (never started, or killed) are started with the same cluster id. */
export async function planKafkaCluster(
  opts: StackOptions,
  state: StackState,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<KafkaClusterPlan> {
  if (state.kafka || runningBroker(kafkaPaths(opts.dir))) {
    throw new Error(
      `${opts.dir} runs a single Kafka broker: run "npm run stack -- down" first, or use another STACK_DIR`,
    );
  }
  const nodes: ClusterNodePlan[] = [];
  for (let nodeId = 1; nodeId <= opts.kafkaNodes; nodeId++) {
    const ports = clusterNodePorts(opts, nodeId);
    const recorded = state.kafkaCluster?.nodes.find((node) => node.nodeId === nodeId);
    const running =
      recorded && isProcessRunning(recorded.pid, recorded.propertiesFile)
        ? recorded
        : runningBroker(kafkaPaths(opts.dir, nodeId));
    if (running) {
      if (running.port !== ports.port)
        throw new Error(
          `Kafka node ${nodeId} of ${opts.dir} runs on port ${running.port}, not ${ports.port}`,
        );
      nodes.push({ nodeId, ...ports, runningPid: running.pid });
      continue;
    }
    if (recorded)
      log(`Kafka node ${nodeId}: pid ${recorded.pid} of an earlier run is gone; starting it again`);
    await assertPortFree(ports.port, `Kafka node ${nodeId}`, 'KAFKA_PORT');
    await assertPortFree(ports.controllerPort, `Kafka controller ${nodeId}`, 'KAFKA_CONTROLLER_PORT');
    nodes.push({ nodeId, ...ports });
  }
  const toStart = nodes.some((node) => node.runningPid === undefined);
  return {
    kind: 'cluster',
    clusterId: clusterIdOf(opts.dir),
    nodes,
    ...(toStart ? { tooling: await planKafkaTooling(env) } : {}),
  };
}

/** Starts the missing nodes, waits until every node is a live broker, creates the missing topics (RF 3, ISR 2). */
export async function bringUpKafkaCluster(plan: KafkaClusterPlan, ctx: UpContext): Promise<string[]> {
  const { opts, log, state } = ctx;
  const startedAt = Date.now();
  const controllerPorts = plan.nodes.map((node) => node.controllerPort);
  const brokers = plan.nodes.map((node) => `127.0.0.1:${node.port}`);
  if (plan.tooling) await ensureKafkaJars(plan.tooling, log);
  // Formatted and started side by side: each JVM takes seconds, and the quorum needs two of them up.
  const nodes: KafkaClusterNodeState[] = await Promise.all(
    plan.nodes.map(async (node): Promise<KafkaClusterNodeState> => {
      const paths = kafkaPaths(opts.dir, node.nodeId);
      const ports = { port: node.port, controllerPort: node.controllerPort };
      let pid = node.runningPid;
      if (pid === undefined) {
        pid = await startLocalKafka(plan.tooling!.java, paths, plan.tooling!.libsDir, ports, log, {
          membership: { nodeId: node.nodeId, controllerPorts },
          clusterId: plan.clusterId,
          heapMb: CLUSTER_NODE_HEAP_MB,
        });
        ctx.startedNow.kafka = true;
      }
      return { nodeId: node.nodeId, pid, ...ports, propertiesFile: paths.propertiesFile };
    }),
  );
  state.kafkaCluster = { clusterId: plan.clusterId, nodes, brokers };
  writeState(opts.dir, state);
  await waitForBrokers(brokers, plan.nodes.length, 180_000, () => {
    const dead = nodes.find((node) => !isProcessRunning(node.pid, node.propertiesFile));
    return dead
      ? `Kafka node ${dead.nodeId} (pid ${dead.pid}) exited while starting.\n${kafkaFailureDetails(kafkaPaths(opts.dir, dead.nodeId))}`
      : undefined;
  });
  const created = await ensureTopics(brokers, allTopicsToCreate(), {
    replicationFactor: CLUSTER_REPLICATION_FACTOR,
    minInsyncReplicas: CLUSTER_MIN_INSYNC_REPLICAS,
  });
  if (created.length > 0)
    log(`Kafka: created ${created.length} topics (replication 3, min.insync.replicas 2)`);
  log(`Kafka: cluster of ${nodes.length} brokers ready on ${brokers.join(',')} in ${seconds(startedAt)}`);
  return brokers;
}

export async function stopKafkaCluster(state: StackState, log: (line: string) => void): Promise<void> {
  const cluster = state.kafkaCluster;
  if (!cluster) return;
  await Promise.all(
    cluster.nodes.map(async (node) => {
      const outcome = await stopProcess(node.pid, node.propertiesFile, 'SIGTERM', 30_000);
      log(
        `Kafka node ${node.nodeId}: ${outcome === 'not-running' ? 'was not running' : outcome} (pid ${node.pid})`,
      );
    }),
  );
  delete state.kafkaCluster;
}

export function kafkaClusterStatus(state: StackState): string | undefined {
  const cluster = state.kafkaCluster;
  if (!cluster) return undefined;
  const nodes = cluster.nodes.map(
    (node) =>
      `node ${node.nodeId} ${isProcessRunning(node.pid, node.propertiesFile) ? `running (pid ${node.pid})` : 'stopped'} on 127.0.0.1:${node.port}`,
  );
  return `cluster: ${nodes.join('; ')}`;
}

/** The cluster id is kept beside the nodes' folders, so that a node formatted later joins the same cluster. */
function clusterIdOf(dir: string): string {
  const file = join(dir, 'kafka-cluster', 'cluster.id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(dir, 'kafka-cluster'), { recursive: true });
  const id = clusterIdFrom(randomBytes(16));
  writeFileSync(file, `${id}\n`);
  return id;
}
