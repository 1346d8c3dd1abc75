import { randomUUID } from 'node:crypto';
import { eventually, MessagingTestBed } from './messaging-test-bed';

jest.setTimeout(90_000);

describe('an outbox row whose transaction commits after a later row was published', () => {
  let bed: MessagingTestBed;

  beforeAll(async () => {
    bed = await MessagingTestBed.create();
  });

  afterAll(async () => {
    await bed.dispose();
  });

  it('is published soon after its commit, though its id is below what the relay already read', async () => {
    const relay = bed.relay();
    relay.start();
    await eventually('the relay to be active', () => relay.status().active);
    const tenantId = randomUUID();

    // The slow transaction takes its id first and stays open.
    const slow = bed.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    const late = await bed.outbox.add(slow.manager, {
      definition: bed.definition,
      tenantId,
      data: { tenantId, sequence: 1, label: 'late' },
    });
    try {
      // Rows after it are committed and published meanwhile, in several drains.
      for (let sequence = 2; sequence <= 4; sequence++) {
        await bed.commitEvent(randomUUID(), sequence);
        await eventually(
          'the event to be published',
          async () => (await bed.unpublishedEventIds()).length === 0,
        );
      }
      await slow.commitTransaction();
    } finally {
      await slow.release();
    }
    const committedAt = Date.now();
    await eventually(
      'the late event to be published',
      async () => (await bed.unpublishedEventIds()).length === 0,
    );
    // Found at once (its commit wakes the relay, which finds nothing new and looks from the start), not
    // by the fallback poll (1 s).
    expect(Date.now() - committedAt).toBeLessThan(900);
    const messages = await bed.readTopic(bed.topic, 4);
    expect(messages.map((m) => String(m.message.headers!['ce_id']))).toContain(late.id);
  });
});
