import { fillPath, unfillable, type World } from './world';
import type { Operation } from './openapi';

/**
 * What partner A can read, through every GET route of the document that takes no query and whose path the
 * fixtures fill: compared before and after calls that must change nothing. Streams are skipped.
 */
export type Snapshot = Record<string, { status: number; body: string }>;

export async function readEverything(world: World, operations: Operation[]): Promise<Snapshot> {
  const readable = operations.filter(
    (op) => op.method === 'GET' && !op.streams && unfillable([op.path]).length === 0,
  );
  const snapshot: Snapshot = {};
  for (const op of readable) {
    const path = await fillPath(world, op.path);
    const response = await world.a.admin.raw('GET', path);
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await response.body?.cancel();
      continue;
    }
    snapshot[op.name] = { status: response.status, body: await response.text() };
  }
  return snapshot;
}

/**
 * Reads until two reads in a row agree, so that effects still travelling through Kafka (from the fixtures
 * made just before) have landed before the calls under test.
 */
export async function settledSnapshot(world: World, operations: Operation[]): Promise<Snapshot> {
  let previous = await readEverything(world, operations);
  const deadline = Date.now() + 20_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const current = await readEverything(world, operations);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    if (Date.now() > deadline) throw new Error('partner A’s data did not settle within 20 s');
    previous = current;
  }
}
