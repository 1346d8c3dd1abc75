import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eventually, MessagingTestBed } from './messaging-test-bed';

jest.setTimeout(90_000);

/** Runs the relay in a child process that SIGKILLs itself at the fault point; resolves when it is gone. */
function runCrashingRelay(
  bed: MessagingTestBed,
  fault: 'after-read' | 'after-publish',
): Promise<NodeJS.Signals | null> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(__dirname, 'register-typescript.js'), path.join(__dirname, 'relay-process.ts')],
    {
      env: {
        ...process.env,
        RELAY_SCHEMA: bed.schema,
        RELAY_DATABASE_URL: bed.serviceUrl,
        RELAY_FAULT: fault,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
}

describe('outbox relay crashes', () => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await MessagingTestBed.create();
  });

  afterEach(async () => {
    await bed.dispose();
  });

  it('killed after reading a batch and before sending it: nothing is lost, and after a restart the event takes effect once', async () => {
    const { consumer, processed } = bed.consumer();
    await consumer.start();
    const tenantId = randomUUID();
    const event = await bed.commitEvent(tenantId, 1);

    expect(await runCrashingRelay(bed, 'after-read')).toBe('SIGKILL');
    expect(await bed.unpublishedEventIds()).toEqual([event.id]);
    expect(await bed.messageCount(bed.topic)).toBe(0);

    bed.relay().start();
    await eventually('the event to be handled', () => processed.length === 1);
    await eventually(
      'the event to be marked published',
      async () => (await bed.unpublishedEventIds()).length === 0,
    );

    expect(await bed.messageCount(bed.topic)).toBe(1);
    expect(processed.map((p) => p.outcome)).toEqual(['processed']);
    expect(await bed.effects()).toEqual([{ event_id: event.id, tenant_id: tenantId, sequence: 1 }]);
  });

  it('killed after sending and before marking: the event is sent again, and the consumer absorbs the duplicate', async () => {
    const { consumer, processed } = bed.consumer();
    await consumer.start();
    const tenantId = randomUUID();
    const event = await bed.commitEvent(tenantId, 1);

    expect(await runCrashingRelay(bed, 'after-publish')).toBe('SIGKILL');
    expect(await bed.unpublishedEventIds()).toEqual([event.id]);
    expect(await bed.messageCount(bed.topic)).toBe(1);

    bed.relay().start();
    await eventually(
      'the event to be marked published',
      async () => (await bed.unpublishedEventIds()).length === 0,
    );
    expect(await bed.messageCount(bed.topic)).toBe(2);
    await eventually('both copies to be consumed', () => processed.length === 2);

    expect(processed.map((p) => [p.eventId, p.outcome])).toEqual([
      [event.id, 'processed'],
      [event.id, 'duplicate'],
    ]);
    expect(await bed.effects()).toEqual([{ event_id: event.id, tenant_id: tenantId, sequence: 1 }]);
  });
});
