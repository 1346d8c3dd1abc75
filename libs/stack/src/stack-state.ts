import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `stackUp` of one directory started, so that any later process can find and stop it. */
export interface StackState {
  postgres?: { pid: number; port: number; dataDir: string; databaseUrl: string };
  kafka?: { pid: number; port: number; controllerPort: number; propertiesFile: string; brokers: string[] };
  /** The three-broker cluster (`kafkaNodes: 3`; kafka/kafka-cluster.ts), instead of `kafka`. */
  kafkaCluster?: { clusterId: string; nodes: KafkaClusterNodeState[]; brokers: string[] };
  /** The local SMTP server (mail/mail-stack.ts). */
  smtp?: { pid: number; port: number };
}

export interface KafkaClusterNodeState {
  nodeId: number;
  pid: number;
  port: number;
  controllerPort: number;
  propertiesFile: string;
}

export function stateFile(dir: string): string {
  return join(dir, 'state.json');
}

/** A missing or unreadable state file means nothing is known to run. */
export function readState(dir: string): StackState {
  try {
    return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as StackState;
  } catch {
    return {};
  }
}

/** Written through a rename so a reader never sees half a file; removed once nothing runs. */
export function writeState(dir: string, state: StackState): void {
  const file = stateFile(dir);
  if (!state.postgres && !state.kafka && !state.kafkaCluster && !state.smtp) {
    if (existsSync(file)) rmSync(file);
    return;
  }
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(state, null, 2) + '\n');
  renameSync(partial, file);
}
