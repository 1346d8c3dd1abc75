import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { OutboxRelay } from '../src';
import { eventually, MessagingTestBed, type ReceivedMessage } from './messaging-test-bed';

jest.setTimeout(120_000);

/** The sequence numbers each tenant's messages arrived with, in arrival order (one partition per tenant). */
function sequencesByTenant(messages: ReceivedMessage[]): Map<string, number[]> {
  const byTenant = new Map<string, number[]>();
  for (const { message } of messages) {
    const tenantId = message.key!.toString();
    byTenant.set(tenantId, [
      ...(byTenant.get(tenantId) ?? []),
      JSON.parse(message.value!.toString()).sequence,
    ]);
  }
  return byTenant;
}

describe('two outbox relays on one schema', () => {
  let bed: MessagingTestBed;
  const tenants = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  beforeEach(async () => {
    bed = await MessagingTestBed.create({ partitions: 3 });
  });

  afterEach(async () => {
    await bed.dispose();
  });

  /** Commits `count` events round-robin over the tenants, each tenant's with increasing sequence numbers. */
  async function commitEvents(from: number, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let sequence = from; sequence < from + count; sequence++) {
      ids.push((await bed.commitEvent(tenants[sequence % tenants.length]!, sequence)).id);
    }
    return ids;
  }

  function expectedSequences(total: number): Map<string, number[]> {
    const expected = new Map<string, number[]>();
    for (let sequence = 0; sequence < total; sequence++) {
      const tenantId = tenants[sequence % tenants.length]!;
      expected.set(tenantId, [...(expected.get(tenantId) ?? []), sequence]);
    }
    return expected;
  }

  it('publish every event once, in order per key, across a handover', async () => {
    const first = bed.relay();
    const second = bed.relay();
    first.start();
    second.start();
    const active = await eventually('one relay to become active', () => {
      const actives = [first, second].filter((relay) => relay.status().active);
      return actives.length === 1 ? actives[0] : undefined;
    });
    const standby = active === first ? second : first;
    expect(standby.status()).toMatchObject({ running: true, active: false });

    const ids = await commitEvents(0, 40);
    // Stopping in the middle of the stream: the standby takes over where the active one left off.
    await active.stop();
    ids.push(...(await commitEvents(40, 40)));
    await eventually('the standby to take over', () => standby.status().active);
    await eventually(
      'every event to be published',
      async () => (await bed.unpublishedEventIds()).length === 0,
    );

    expect(await bed.messageCount(bed.topic)).toBe(80);
    const messages = await bed.readTopic(bed.topic, 80);
    expect(messages.map((m) => String(m.message.headers!['ce_id'])).sort()).toEqual([...ids].sort());
    expect(sequencesByTenant(messages)).toEqual(expectedSequences(80));
    expect(active.status().published + standby.status().published).toBe(80);
  });

  it('hand over when the active relay process dies, without losing an event', async () => {
    // The first relay is a process of its own, so that it can die for real.
    const child: ChildProcess = spawn(
      process.execPath,
      ['-r', path.join(__dirname, 'register-typescript.js'), path.join(__dirname, 'relay-process.ts')],
      {
        env: { ...process.env, RELAY_SCHEMA: bed.schema, RELAY_DATABASE_URL: bed.serviceUrl },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let standby: OutboxRelay | undefined;
    try {
      await commitEvents(0, 1);
      await eventually(
        'the relay process to publish',
        async () => (await bed.unpublishedEventIds()).length === 0,
      );
      standby = bed.relay();
      standby.start();

      await commitEvents(1, 20);
      child.kill('SIGKILL');
      await exited;
      await commitEvents(21, 20);
      await eventually('the standby to take over', () => standby!.status().active);
      await eventually(
        'every event to be published',
        async () => (await bed.unpublishedEventIds()).length === 0,
      );

      // A batch sent but not marked when the process died is sent again: at least once, order kept per key.
      const total = await bed.messageCount(bed.topic);
      expect(total).toBeGreaterThanOrEqual(41);
      const messages = await bed.readTopic(bed.topic, total);
      const firstSeen = new Map<string, ReceivedMessage>();
      for (const received of messages) {
        const id = String(received.message.headers!['ce_id']);
        if (!firstSeen.has(id)) firstSeen.set(id, received);
      }
      expect(firstSeen.size).toBe(41);
      expect(sequencesByTenant([...firstSeen.values()])).toEqual(expectedSequences(41));
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  });
});
