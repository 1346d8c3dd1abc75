import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { BaseRpcContext } from '@nestjs/microservices';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';

/**
 * What an `@EventPattern` handler of the inbox transport gets besides the envelope (its `@Payload()`): the
 * transaction in which the event's inbox row is written, so that the handler's effect commits with it.
 */
export class InboxContext extends BaseRpcContext<[EntityManager, EventEnvelope<object>]> {
  get manager(): EntityManager {
    return this.args[0];
  }
}

/**
 * The EntityManager of the inbox transaction, as a handler parameter:
 * `handle(@Payload() envelope: EventEnvelope<P>, @InboxTransaction() manager: EntityManager)`. Write through it
 * only: the effect then commits with the inbox row, exactly once.
 */
export const InboxTransaction = createParamDecorator(
  (_data: unknown, context: ExecutionContext): EntityManager =>
    context.switchToRpc().getContext<InboxContext>().manager,
);
