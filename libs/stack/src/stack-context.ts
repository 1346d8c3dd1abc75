import { StackOptions } from './stack-options';
import { StackState } from './stack-state';

/** What one `stackUp` call shares between the Postgres and the Kafka halves while they start in parallel. */
export interface UpContext {
  opts: StackOptions;
  log: (line: string) => void;
  /** Mutated by both halves and written after each change, so a crash leaves nothing unrecorded. */
  state: StackState;
  /** What this call started, to report it and to stop it again if the other half fails. */
  startedNow: { postgres: boolean; kafka: boolean; smtp?: boolean };
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}
