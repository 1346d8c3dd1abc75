import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { EventEnvelope } from '../envelope/event-envelope';

/**
 * W3C trace context across Kafka, through the OpenTelemetry API only: without a registered SDK (tracing off,
 * the default; `startTracing` in @pac/bootstrap turns it on) every call here is a no-op that costs next to
 * nothing. With it, an event written to the outbox carries the `traceparent` of the span that wrote it (the
 * request or the handler of another event), and its handler runs in a consumer span that continues that trace.
 */
export const MESSAGING_TRACER = '@pac/messaging';

/** The active span's `traceparent`, for an outbox row; undefined when no span is active (or tracing is off). */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

/** The context a message's `traceparent` names (the active one when it has none). */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  return traceparent === undefined
    ? context.active()
    : propagation.extract(context.active(), { traceparent });
}

/** Runs an event's handler in a consumer span, child of the span that wrote the event. */
export async function inConsumerSpan<T>(
  envelope: Pick<EventEnvelope<object>, 'type' | 'id' | 'traceparent'>,
  topic: string,
  group: string,
  handle: () => Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(MESSAGING_TRACER);
  return tracer.startActiveSpan(
    `process ${envelope.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': group,
        'messaging.message.id': envelope.id,
        'cloudevents.event_type': envelope.type,
      },
    },
    contextOfTraceparent(envelope.traceparent),
    async (span) => {
      try {
        return await handle();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
