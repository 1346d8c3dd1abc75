import { isAbsolute, resolve } from 'node:path';
import { repoRoot } from './repo-root';

export interface StackOptions {
  /** Where the stack keeps its data, logs and state.json; default `<repo>/.stack` (the Kafka jars are shared). */
  dir: string;
  /** Port of the embedded Postgres on 127.0.0.1; default 54329. */
  pgPort: number;
  /** Port of the local Kafka broker (PLAINTEXT) on 127.0.0.1; default 19092. */
  kafkaPort: number;
  /** Port of the local Kafka KRaft controller on 127.0.0.1; default 19093. */
  kafkaControllerPort: number;
  /**
   * Local Kafka brokers: 1 (default), or 3 for a KRaft cluster whose node n listens on KAFKA_PORT + 2(n-1)
   * and KAFKA_CONTROLLER_PORT + 2(n-1), topics replicated 3 times with min.insync.replicas 2.
   */
  kafkaNodes: 1 | 3;
  /** Port of the local SMTP server on 127.0.0.1 (unless SMTP_URL names one); default 2525. */
  smtpPort: number;
  /** Receives one human-readable line per step; silent when absent. */
  log?: (line: string) => void;
}

export const DEFAULT_PG_PORT = 54329;
export const DEFAULT_KAFKA_PORT = 19092;
export const DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
export const DEFAULT_SMTP_PORT = 2525;

/**
 * Options from STACK_DIR, PG_PORT, KAFKA_PORT and KAFKA_CONTROLLER_PORT, then `overrides` on top.
 * A relative STACK_DIR is taken from the repository root, so every process of the project agrees on it.
 */
export function stackOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<StackOptions> = {},
): StackOptions {
  const fromEnv: StackOptions = {
    dir: stackDir(env['STACK_DIR']),
    pgPort: portFrom(env, 'PG_PORT', DEFAULT_PG_PORT),
    kafkaPort: portFrom(env, 'KAFKA_PORT', DEFAULT_KAFKA_PORT),
    kafkaControllerPort: portFrom(env, 'KAFKA_CONTROLLER_PORT', DEFAULT_KAFKA_CONTROLLER_PORT),
    smtpPort: portFrom(env, 'SMTP_PORT', DEFAULT_SMTP_PORT),
    kafkaNodes: kafkaNodesFrom(env['KAFKA_NODES']),
  };
  const options: StackOptions = { ...fromEnv };
  // Only keys really given win: `{ dir: undefined }` must not erase the default.
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) Object.assign(options, { [key]: value });
  }
  options.dir = resolve(options.dir);
  if (options.kafkaPort === options.kafkaControllerPort) {
    throw new Error(`KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both ${options.kafkaPort})`);
  }
  return options;
}

function kafkaNodesFrom(raw: string | undefined): 1 | 3 {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '1') return 1;
  if (raw.trim() === '3') return 3;
  throw new Error(`KAFKA_NODES must be 1 or 3, got "${raw}"`);
}

function stackDir(value: string | undefined): string {
  if (value && isAbsolute(value)) return value;
  return resolve(repoRoot(), value || '.stack');
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port between 1 and 65535, got "${raw}"`);
  }
  return port;
}
