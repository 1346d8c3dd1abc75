import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning, lastLines, runCommand } from '../os-processes';
import {
  clusterIdFrom,
  kafkaJvmArguments,
  log4j2Properties,
  serverProperties,
  type KafkaClusterMembership,
} from './kafka-config';

export interface KafkaPaths {
  root: string;
  dataDir: string;
  propertiesFile: string;
  log4jConfigFile: string;
  /** The broker's own log (log4j). */
  logFile: string;
  /** The JVM's stdout/stderr: what goes wrong before logging is set up. */
  consoleFile: string;
  /** Kafka writes no pid file of its own; this one finds the broker again if state.json is lost. */
  pidFile: string;
}

/** A node of a cluster: its membership, the cluster id all its nodes are formatted with, a smaller heap. */
export interface ClusterNodeStart {
  membership: KafkaClusterMembership;
  clusterId: string;
  heapMb: number;
}

/** The single broker's folder is `<dir>/kafka`; a cluster node's `<dir>/kafka-cluster/node-<id>`. */
export function kafkaPaths(dir: string, clusterNodeId?: number): KafkaPaths {
  const root =
    clusterNodeId === undefined ? join(dir, 'kafka') : join(dir, 'kafka-cluster', `node-${clusterNodeId}`);
  return {
    root,
    dataDir: join(root, 'data'),
    propertiesFile: join(root, 'server.properties'),
    log4jConfigFile: join(root, 'log4j2.properties'),
    logFile: join(root, 'kafka.log'),
    consoleFile: join(root, 'kafka.out'),
    pidFile: join(root, 'kafka.pid'),
  };
}

/**
 * Writes the configuration (ports may change from one run to the next, the data stays), formats the storage
 * the first time, and starts `kafka.Kafka` from the shared jar folder `libsDir`, detached from this process.
 * Returns the broker's pid.
 */
export async function startLocalKafka(
  java: string,
  paths: KafkaPaths,
  libsDir: string,
  ports: { port: number; controllerPort: number },
  log: (line: string) => void,
  clusterNode?: ClusterNodeStart,
): Promise<number> {
  mkdirSync(paths.dataDir, { recursive: true });
  writeFileSync(
    paths.propertiesFile,
    serverProperties({
      ...ports,
      dataDir: paths.dataDir,
      ...(clusterNode ? { cluster: clusterNode.membership } : {}),
    }),
  );
  writeFileSync(paths.log4jConfigFile, log4j2Properties(paths.logFile));
  if (!existsSync(join(paths.dataDir, 'meta.properties')))
    await formatStorage(java, paths, libsDir, log, clusterNode?.clusterId);

  // Truncated on each start so that its tail explains this run, not an old one.
  const output = openSync(paths.consoleFile, 'w');
  try {
    const jvm = kafkaJvmArguments({
      ...paths,
      libsDir,
      ...(clusterNode ? { heapMb: clusterNode.heapMb } : {}),
    });
    const child = spawn(java, jvm, {
      cwd: paths.root,
      detached: true,
      stdio: ['ignore', output, output],
    });
    // A spawn failure also surfaces as a missing pid below; the listener keeps it from crashing the process.
    child.once('error', () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`Could not start ${java}`);
    writeFileSync(paths.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(output);
  }
}

/**
 * `--standalone` makes this node the single voter of a dynamic KRaft quorum; the nodes of a cluster are
 * formatted with one shared cluster id instead, their voters listed in server.properties. Formatting is skipped when
 * meta.properties exists: `--ignore-formatted` only tolerates a formatted folder with the *same* cluster id,
 * and a JVM start costs seconds.
 */
async function formatStorage(
  java: string,
  paths: KafkaPaths,
  libsDir: string,
  log: (line: string) => void,
  sharedClusterId?: string,
): Promise<void> {
  const clusterId = sharedClusterId ?? clusterIdFrom(randomBytes(16));
  log(`Kafka: formatting storage in ${paths.dataDir} (cluster id ${clusterId})`);
  const result = await runCommand(
    java,
    [
      // A short-lived tool: the client compiler alone starts faster.
      '-XX:TieredStopAtLevel=1',
      `-Dlog4j2.configurationFile=${paths.log4jConfigFile}`,
      '-cp',
      `${libsDir}/*`,
      'kafka.tools.StorageTool',
      'format',
      '--cluster-id',
      clusterId,
      '--config',
      paths.propertiesFile,
      ...(sharedClusterId ? [] : ['--standalone']),
      '--ignore-formatted',
    ],
    { timeoutMs: 120_000 },
  );
  if (result.code !== 0) {
    throw new Error(
      `Formatting the Kafka storage failed (exit ${result.code}):\n${lastLines(result.output, 20)}`,
    );
  }
}

/** The broker of this folder, if one runs, with the port of its last configuration. */
export function runningBroker(
  paths: KafkaPaths,
): { pid: number; port: number; controllerPort: number } | undefined {
  try {
    const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
    if (!isProcessRunning(pid, paths.propertiesFile)) return undefined;
    const listeners = /^listeners=(.*)$/m.exec(readFileSync(paths.propertiesFile, 'utf8'))?.[1] ?? '';
    const portOf = (name: string): number =>
      Number(new RegExp(`${name}://[^,]*:(\\d+)`).exec(listeners)?.[1]);
    return { pid, port: portOf('PLAINTEXT'), controllerPort: portOf('CONTROLLER') };
  } catch {
    return undefined;
  }
}

/** For errors: why the broker stopped, from its console output and its log. */
export function kafkaFailureDetails(paths: KafkaPaths): string {
  const tail = (file: string): string => (existsSync(file) ? lastLines(readFileSync(file, 'utf8'), 15) : '');
  const console = tail(paths.consoleFile);
  return [
    console && `Last lines of ${paths.consoleFile}:\n${console}`,
    `Last lines of ${paths.logFile}:\n${tail(paths.logFile)}`,
  ]
    .filter(Boolean)
    .join('\n');
}
