import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { defineEvent, type TopicName } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import { IsString } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { InboxTransaction } from './inbox-context';
import { InboxTransport } from './inbox-transport';
import type { ConsumedEvent, MessagingRuntime } from './messaging-runtime';
import { startEventConsumers } from './start-event-consumers';

class NoteData {
  @IsString() text!: string;
}
const suffix = randomUUID().slice(0, 8);
const NoteTaken = defineEvent(`test.note-taken.${suffix}`, 'test.notes' as TopicName, NoteData);
const NoteErased = defineEvent(`test.note-erased.${suffix}`, 'test.notes' as TopicName, NoteData);

/** What the handlers did, in order, and with which manager. */
const calls: { handler: string; text: string; manager: unknown }[] = [];

@Controller()
class FirstHandlers {
  @EventPattern(NoteTaken.type)
  async taken(
    @Payload() envelope: EventEnvelope<NoteData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    calls.push({ handler: 'first', text: envelope.data.text, manager });
  }

  @EventPattern([NoteTaken.type, NoteErased.type])
  both(@Payload() envelope: EventEnvelope<NoteData>): void {
    if (envelope.data.text === 'fail') throw new DatabaseLikeError('connection terminated');
    calls.push({ handler: 'both', text: envelope.data.text, manager: undefined });
  }
}

@Controller()
class SecondHandlers {
  @EventPattern(NoteTaken.type)
  taken(@Payload() envelope: EventEnvelope<NoteData>, @InboxTransaction() manager: EntityManager): void {
    calls.push({ handler: 'second', text: envelope.data.text, manager });
  }
}

class DatabaseLikeError extends Error {
  readonly code = '57P01';
}

/** The runtime's side of the transport: records what the transport asks it to consume. */
function fakeRuntime(): MessagingRuntime & { consumed: ConsumedEvent[] } {
  const runtime = {
    consumed: [] as ConsumedEvent[],
    startConsumer: async (events: ConsumedEvent[]) => void runtime.consumed.push(...events),
    stopConsumer: async () => undefined,
  };
  return runtime as unknown as MessagingRuntime & { consumed: ConsumedEvent[] };
}

async function appWith(
  controllers: (new () => object)[],
  transport: InboxTransport,
): Promise<INestApplication> {
  @Module({ controllers, providers: [{ provide: InboxTransport, useValue: transport }] })
  class TestModule {}
  return NestFactory.create(TestModule, new FastifyAdapter(), { logger: false });
}

function envelopeOf(type: string, text: string): EventEnvelope<NoteData> {
  return {
    id: randomUUID(),
    type,
    source: '/services/test',
    time: new Date().toISOString(),
    subject: 'tenants/t1',
    tenantId: 't1',
    data: Object.assign(new NoteData(), { text }),
  };
}

describe('InboxTransport: @EventPattern handlers on the outbox/inbox consumer', () => {
  let app: INestApplication | undefined;

  beforeEach(() => {
    calls.length = 0;
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('gives the consumer one handler per event type, with its contract', async () => {
    const runtime = fakeRuntime();
    app = await appWith([FirstHandlers, SecondHandlers], new InboxTransport(runtime));
    await startEventConsumers(app);

    expect(
      runtime.consumed.map((event) => event.definition).sort((a, b) => a.type.localeCompare(b.type)),
    ).toEqual([NoteErased, NoteTaken]);
  });

  it('runs the handlers of one type one after the other, in the inbox transaction', async () => {
    const runtime = fakeRuntime();
    app = await appWith([FirstHandlers, SecondHandlers], new InboxTransport(runtime));
    await startEventConsumers(app);
    const manager = { name: 'the inbox transaction' } as unknown as EntityManager;

    const taken = runtime.consumed.find((event) => event.definition === NoteTaken)!;
    await taken.handle(envelopeOf(NoteTaken.type, 'hello'), manager);

    // The first handler yields before recording: concurrent handlers would have recorded out of order.
    expect(calls).toEqual([
      { handler: 'first', text: 'hello', manager },
      { handler: 'both', text: 'hello', manager: undefined },
      { handler: 'second', text: 'hello', manager },
    ]);
  });

  it("passes a handler's error on unchanged, for the consumer to retry, dead-letter or leave for later", async () => {
    const runtime = fakeRuntime();
    app = await appWith([FirstHandlers], new InboxTransport(runtime));
    await startEventConsumers(app);

    const erased = runtime.consumed.find((event) => event.definition === NoteErased)!;
    const failure = erased.handle(envelopeOf(NoteErased.type, 'fail'), {} as EntityManager);

    await expect(failure).rejects.toBeInstanceOf(DatabaseLikeError);
    await expect(failure).rejects.toMatchObject({ code: '57P01', message: 'connection terminated' });
  });

  it('refuses an event type that has no contract, and request-reply patterns', async () => {
    @Controller()
    class UnknownType {
      @EventPattern('nobody.defined-this')
      handle(): void {}
    }
    app = await appWith([UnknownType], new InboxTransport(fakeRuntime()));
    await expect(startEventConsumers(app)).rejects.toThrow(
      "@EventPattern('nobody.defined-this'): no event of that type in @pac/contracts",
    );
    await app.close();

    @Controller()
    class RequestReply {
      @MessagePattern(NoteTaken.type)
      handle(): string {
        return 'reply';
      }
    }
    app = await appWith([RequestReply], new InboxTransport(fakeRuntime()));
    await expect(startEventConsumers(app)).rejects.toThrow('the inbox transport takes events only');
  });
});
