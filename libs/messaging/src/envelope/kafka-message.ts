import type { IHeaders, Message } from 'kafkajs';
import { accept, reject, type Result } from '@pac/domain';
import {
  CLOUD_EVENTS_SPEC_VERSION,
  CloudEventHeaders,
  isSubjectOfKey,
  JSON_CONTENT_TYPE,
  type EventEnvelope,
} from './event-envelope';

/** What a consumer receives and parseKafkaMessage reads: kafkajs's KafkaMessage fits. */
export interface ReceivedKafkaMessage {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

export interface MalformedEnvelope {
  kind: 'malformed-envelope';
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The binary-mode CloudEvents Kafka message of an envelope: key = tenant id, attributes as headers. */
export function toKafkaMessage(
  envelope: EventEnvelope,
): Message & { key: string; value: string; headers: Record<string, string> } {
  const { data, ...attributes } = envelope;
  return toKafkaMessageOfJson(attributes, JSON.stringify(data));
}

/**
 * The same message from the attributes and the data already as JSON text (the outbox relay sends the stored
 * payload as Postgres gives it, without parsing and serialising it again).
 */
export function toKafkaMessageOfJson(
  envelope: Omit<EventEnvelope, 'data'>,
  json: string,
): Message & { key: string; value: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {
    [CloudEventHeaders.specversion]: CLOUD_EVENTS_SPEC_VERSION,
    [CloudEventHeaders.id]: envelope.id,
    [CloudEventHeaders.type]: envelope.type,
    [CloudEventHeaders.source]: envelope.source,
    [CloudEventHeaders.time]: envelope.time,
    [CloudEventHeaders.subject]: envelope.subject,
    [CloudEventHeaders.contentType]: JSON_CONTENT_TYPE,
  };
  if (envelope.traceparent) headers[CloudEventHeaders.traceparent] = envelope.traceparent;
  return { key: envelope.tenantId, value: json, headers };
}

/** A header as text: kafkajs hands them over as Buffers (or arrays of them when a header repeats). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/**
 * Reads the envelope of a received message. The data is parsed as JSON but not validated against its
 * contract (see validatePayload). A message that is not a well-formed event is an expected case (it goes to
 * the dead-letter topic), so it comes back as an error value with the reason.
 */
export function parseKafkaMessage(
  message: ReceivedKafkaMessage,
): Result<EventEnvelope<unknown>, MalformedEnvelope> {
  const malformed = (reason: string) => reject<MalformedEnvelope>({ kind: 'malformed-envelope', reason });
  const header = (name: string) => headerText(message.headers, name);

  const specversion = header(CloudEventHeaders.specversion);
  if (specversion !== CLOUD_EVENTS_SPEC_VERSION) {
    return malformed(
      `${CloudEventHeaders.specversion} must be "${CLOUD_EVENTS_SPEC_VERSION}", got ${JSON.stringify(specversion)}`,
    );
  }
  const id = header(CloudEventHeaders.id);
  if (!id || !UUID.test(id))
    return malformed(`${CloudEventHeaders.id} must be a uuid, got ${JSON.stringify(id)}`);
  const missing = [
    CloudEventHeaders.type,
    CloudEventHeaders.source,
    CloudEventHeaders.time,
    CloudEventHeaders.subject,
  ].filter((name) => !header(name));
  if (missing.length > 0) return malformed(`missing header(s) ${missing.join(', ')}`);
  const time = header(CloudEventHeaders.time)!;
  if (Number.isNaN(Date.parse(time)))
    return malformed(`${CloudEventHeaders.time} is not a timestamp: ${JSON.stringify(time)}`);
  const contentType = header(CloudEventHeaders.contentType);
  if (contentType !== undefined && contentType.split(';')[0]!.trim() !== JSON_CONTENT_TYPE) {
    return malformed(
      `${CloudEventHeaders.contentType} must be ${JSON_CONTENT_TYPE}, got ${JSON.stringify(contentType)}`,
    );
  }

  const tenantId = message.key === null ? '' : message.key.toString();
  if (!tenantId) return malformed('the message key (the tenant id) is missing');
  const subject = header(CloudEventHeaders.subject)!;
  if (!isSubjectOfKey(subject, tenantId)) {
    return malformed(`${CloudEventHeaders.subject} "${subject}" is not about the key "${tenantId}"`);
  }

  if (message.value === null) return malformed('the message has no value');
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString());
  } catch (error) {
    return malformed(`the value is not JSON: ${(error as Error).message}`);
  }

  const envelope: EventEnvelope<unknown> = {
    id,
    type: header(CloudEventHeaders.type)!,
    source: header(CloudEventHeaders.source)!,
    time,
    subject,
    tenantId,
    data,
  };
  const traceparent = header(CloudEventHeaders.traceparent);
  if (traceparent) envelope.traceparent = traceparent;
  return accept(envelope);
}
