import { isProcessRunning, stopProcess } from './os-processes';
import type { StackOptions } from './stack-options';
import { readState } from './stack-state';

/**
 * Faults for resilience tests (the chaos suite): the local infrastructure of a stack folder dies as it would
 * in a crash. `stackUp` on the same folder starts it again on its data, as an operator or an orchestrator would.
 */

/** Kills the local Kafka broker with SIGKILL: no controlled shutdown, no flush. */
export async function killLocalKafka(opts: StackOptions): Promise<number> {
  const kafka = readState(opts.dir).kafka;
  if (!kafka) throw new Error(`no local Kafka recorded in ${opts.dir}: nothing to kill`);
  await stopProcess(kafka.pid, kafka.propertiesFile, 'SIGKILL', 10_000);
  return kafka.pid;
}

/** SIGKILL to one node of the local cluster (`kafkaNodes: 3`), as a crash would; `stackUp` starts it again. */
export async function killKafkaNode(opts: StackOptions, nodeId: number): Promise<number> {
  const node = readState(opts.dir).kafkaCluster?.nodes.find((n) => n.nodeId === nodeId);
  if (!node) throw new Error(`no Kafka cluster node ${nodeId} recorded in ${opts.dir}: nothing to kill`);
  await stopProcess(node.pid, node.propertiesFile, 'SIGKILL', 10_000);
  return node.pid;
}

/**
 * Stops the local Postgres in immediate mode (SIGQUIT to the postmaster): every backend quits at once, with
 * no checkpoint, as after a crash; the next start replays the WAL.
 */
export async function stopLocalPostgresImmediately(opts: StackOptions): Promise<number> {
  const postgres = readState(opts.dir).postgres;
  if (!postgres || !isProcessRunning(postgres.pid, postgres.dataDir)) {
    throw new Error(`no running local Postgres recorded in ${opts.dir}: nothing to stop`);
  }
  await stopProcess(postgres.pid, postgres.dataDir, 'SIGQUIT', 30_000);
  return postgres.pid;
}
