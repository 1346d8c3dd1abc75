import { allEventDefinitions, deadLetterTopicOf, topicDefinitions } from '@pac/contracts';
import { payloadSchema, type JsonSchema } from './payload-schema';

const HEADERS: JsonSchema = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: {
      type: 'string',
      format: 'uuid',
      description: 'Unique per event: the idempotency key of consumers',
    },
    ce_type: { type: 'string', description: 'The event type, e.g. tenant.created' },
    ce_source: { type: 'string', description: '/services/<name>' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_subject: { type: 'string', description: 'tenants/<tenantId>[/environments/<name>]' },
    'content-type': { type: 'string', const: 'application/json' },
    traceparent: { type: 'string', description: 'W3C trace context, when tracing is on' },
  },
};

/** The AsyncAPI 3 document of the public topics, built from the contracts library. */
export function buildAsyncApi(version: string): Record<string, unknown> {
  const publicTopics = topicDefinitions.filter((t) => t.visibility === 'public');
  const events = allEventDefinitions().filter((e) => publicTopics.some((t) => t.name === e.topic));
  const messageName = (type: string) => type.replace(/[.-](\w)/g, (_m, c: string) => c.toUpperCase());

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of publicTopics) {
    const topicEvents = events.filter((e) => e.topic === topic.name);
    channels[topic.name] = {
      address: topic.name,
      description:
        `Keyed by tenant id, so one customer's events keep their order. Messages that cannot be handled by our ` +
        `own consumers are copied to ${deadLetterTopicOf(topic.name)}.`,
      messages: Object.fromEntries(
        topicEvents.map((e) => [
          messageName(e.type),
          { $ref: `#/components/messages/${messageName(e.type)}` },
        ]),
      ),
    };
    operations[`receive-${topic.name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${topic.name}` },
      summary: `Subscribe to ${topic.name}`,
    };
  }
  const messages = Object.fromEntries(
    events.map((e) => [
      messageName(e.type),
      {
        name: e.type,
        title: e.type,
        contentType: 'application/json',
        headers: e.addressing ? headersWithSubject(e.addressing.subject) : HEADERS,
        payload: payloadSchema(e.payload),
        bindings: { kafka: { key: { type: 'string', description: e.addressing?.key ?? 'the tenant id' } } },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Partner Admin Center events',
      version,
      description:
        'The public topics of Partner Admin Center (the integrators’ contract). CloudEvents 1.0, Kafka ' +
        'binding, binary mode: attributes in ce_* headers, the data as the JSON value. Adding a field is ' +
        'allowed; removing or renaming one needs a new topic version. Generated from libs/contracts by ' +
        '`npm run asyncapi`; do not edit by hand.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

/** The headers of an event about no tenant: the same, with its own subject. */
function headersWithSubject(subject: string): JsonSchema {
  const properties = HEADERS['properties'] as Record<string, JsonSchema>;
  return {
    ...HEADERS,
    properties: { ...properties, ce_subject: { type: 'string', description: subject } },
  };
}
