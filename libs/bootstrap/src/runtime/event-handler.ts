import type { EventDefinition } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';

/**
 * One consumer of one event type. The runtime calls `handle` inside the transaction that also records the
 * event id in the inbox, so the effect happens exactly once; write through `manager` only.
 */
export interface EventHandler<P extends object = object> {
  readonly event: EventDefinition<P>;
  handle(envelope: EventEnvelope<P>, manager: EntityManager): Promise<void>;
}
