import type { EventDefinition } from '@pac/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../envelope/event-envelope';
import { CloudEventHeaders } from '../envelope/event-envelope';
import { headerText, parseKafkaMessage } from '../envelope/kafka-message';
import { validatePayload } from '../envelope/validate-payload';
import type { ProcessedMessage } from './consume-outcome';
import { MAX_PAYLOAD_DEPTH, nestingDepth, oversizeReason } from './message-limits';

export type EventHandler<P> = (envelope: EventEnvelope<P>, manager: EntityManager) => Promise<void>;

/** One event type's contract and the function that handles it. */
export interface Registration {
  definition: EventDefinition;
  handler: EventHandler<object>;
}

/** A message of a fetched batch, looked at before any database work. */
export type Prepared = Skipped | Invalid | Handled;
export interface Skipped {
  kind: 'skip';
  message: KafkaMessage;
  type: string;
}
export interface Invalid {
  kind: 'invalid';
  message: KafkaMessage;
  error: string;
  type?: string;
  eventId?: string;
}
export interface Handled {
  kind: 'handle';
  message: KafkaMessage;
  type: string;
  eventId: string;
  envelope: EventEnvelope<object>;
  registration: Registration;
}

/**
 * What a message is, before any database work: not ours, unusable (dead letter), or to be handled. Whatever
 * its bytes, it is one of these: a message never makes the consumer throw (which would stop the partition).
 */
export async function prepareMessage(
  message: KafkaMessage,
  handlers: ReadonlyMap<string, Registration>,
  maxMessageBytes: number,
): Promise<Prepared> {
  // A type this service does not handle is not its business, even if the rest of the message is broken.
  const type = headerText(message.headers, CloudEventHeaders.type);
  if (type !== undefined && !handlers.has(type)) return { kind: 'skip', message, type };
  const invalid = (error: string, eventId?: string): Invalid => ({
    kind: 'invalid',
    message,
    error,
    ...(type === undefined ? {} : { type }),
    ...(eventId === undefined ? {} : { eventId }),
  });

  const oversize = oversizeReason(message.value, maxMessageBytes);
  if (oversize) return invalid(oversize);
  const parsed = parseKafkaMessage(message);
  if (!parsed.ok) return invalid(parsed.error.reason);
  const registration = handlers.get(parsed.value.type)!;
  const eventId = parsed.value.id;
  if (nestingDepth(parsed.value.data) > MAX_PAYLOAD_DEPTH)
    return invalid(`the value is nested more than ${MAX_PAYLOAD_DEPTH} levels deep`, eventId);

  const payload = await validatePayload(registration.definition, parsed.value.data);
  if (!payload.ok) return { kind: 'invalid', message, error: payload.error.message, type, eventId };
  const envelope: EventEnvelope<object> = { ...parsed.value, data: payload.value };
  return { kind: 'handle', message, type: envelope.type, eventId, envelope, registration };
}

/** What is reported of a message that goes to the dead-letter topic. */
export function detailsOf(item: Invalid): Partial<ProcessedMessage> {
  return {
    error: item.error,
    ...(item.type === undefined ? {} : { type: item.type }),
    ...(item.eventId === undefined ? {} : { eventId: item.eventId }),
  };
}
