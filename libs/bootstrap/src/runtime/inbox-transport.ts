import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { eventDefinitionOf } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { InboxContext } from './inbox-context';
import type { ConsumedEvent, MessagingRuntime } from './messaging-runtime';

/**
 * The `@nestjs/microservices` transport of the domain services: Kafka through the outbox/inbox library. A
 * service declares its consumers as `@EventPattern(SomeEvent.type)` methods of controllers; this transport
 * hands them to the service's idempotent consumer (`MessagingRuntime`), which keeps its semantics: the
 * messages of a partition in groups of up to 100 per transaction, the inbox row and each handler's effect in
 * that transaction, a failing handler's group rolled back and retried alone, then `<topic>.dlq`.
 *
 * Two departures from Nest's defaults, both for those semantics. Several handlers of one event type (the
 * tenant directory's and the service's own) run one after the other in the same transaction, in the order
 * Nest registered them, where Nest would run them at once (forkJoin) on the same connection. And a handler's
 * error reaches the consumer as it was thrown (`PassHandlerErrors`), so that "database unavailable" is told
 * from a failing handler and the dead letter's `x-error` names it; Nest would replace it with
 * "Internal server error". Request-reply patterns (`@MessagePattern`) are refused: services do not talk
 * through Kafka request-reply.
 */
export class InboxTransport extends Server implements CustomTransportStrategy {
  private readonly handlersByType = new Map<string, MessageHandler[]>();

  constructor(private readonly runtime: MessagingRuntime) {
    super();
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false): void {
    const type = this.normalizePattern(pattern as string);
    if (!isEventHandler)
      throw new Error(`@MessagePattern('${type}'): the inbox transport takes events only (@EventPattern)`);
    this.handlersByType.set(type, [...(this.handlersByType.get(type) ?? []), callback]);
  }

  /** Starts the consumer with every handler found; an event type without a contract is refused. */
  listen(callback: (error?: unknown) => void): void {
    let events: ConsumedEvent[];
    try {
      events = [...this.handlersByType].map(([type, handlers]) => consumedEvent(type, handlers));
    } catch (error) {
      return callback(error);
    }
    this.runtime.startConsumer(events).then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  close(): Promise<void> {
    return this.runtime.stopConsumer();
  }

  on(): never {
    throw new Error('the inbox transport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.runtime as T;
  }

  /** The types this service consumes (for tests and diagnosis). */
  eventTypes(): string[] {
    return [...this.handlersByType.keys()];
  }
}

function consumedEvent(type: string, handlers: readonly MessageHandler[]): ConsumedEvent {
  const definition = eventDefinitionOf(type);
  if (!definition)
    throw new Error(`@EventPattern('${type}'): no event of that type in @pac/contracts (defineEvent)`);
  return {
    definition,
    handle: async (envelope: EventEnvelope<object>, manager: EntityManager) => {
      const context = new InboxContext([manager, envelope]);
      for (const handler of handlers) {
        const result: unknown = await handler(envelope, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      }
    },
  };
}

/**
 * The transport's exception filter: a handler's error is passed on unchanged, for the consumer to retry,
 * dead-letter, or leave for redelivery when the database is away (see InboxTransport).
 */
@Catch()
export class PassHandlerErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
