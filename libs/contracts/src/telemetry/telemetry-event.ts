import { TELEMETRY_SEVERITIES, type TelemetrySeverity } from '../enums/telemetry';

/**
 * One telemetry event as an environment sends it (`POST /v1/telemetry`, or an OpenTelemetry log record mapped
 * to it), and the rules it must follow. The gateway checks a batch with `checkTelemetryBatch` before it
 * produces it to Kafka, and the telemetry service checks again what it reads from the ingest topic (it trusts
 * no message). Written by hand rather than with class-validator: a batch is up to 1,000 events and this is the
 * ingestion hot path (class-validator costs tens of microseconds per object).
 */
export interface TelemetryEventInput {
  timestamp: string;
  severity: TelemetrySeverity;
  eventId: string;
  message: string;
  dimensions?: TelemetryDimensions;
}

/** Flat key/value pairs describing an event (the reference's "custom dimensions"). */
export type TelemetryDimensions = Record<string, string | number | boolean | null>;

export const TELEMETRY_LIMITS = {
  /** Events in one request. */
  maxEvents: 1_000,
  /** Bytes of one request body (the gateway's body limit on the ingestion routes). */
  maxBodyBytes: 1_048_576,
  maxEventIdLength: 100,
  maxMessageLength: 8_192,
  maxDimensions: 50,
  maxDimensionKeyLength: 100,
  maxDimensionValueLength: 1_000,
} as const;

/** An event id: a letter or digit, then letters, digits and `_ . : / -` (e.g. `RT0012`, `AL0000E26`). */
export const TELEMETRY_EVENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;

/** ISO 8601 with a date, a time and an offset (`Z` or `±hh:mm`), as `Date.parse` reads it. */
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const FIELDS = new Set(['timestamp', 'severity', 'eventId', 'message', 'dimensions']);
const SEVERITIES: ReadonlySet<string> = new Set(TELEMETRY_SEVERITIES);

export interface TelemetryFieldError {
  /** `[index].field` of the event at fault, e.g. `[3].severity`, or `body` for the batch itself. */
  field: string;
  message: string;
}

export type TelemetryBatchCheck =
  { ok: true; events: TelemetryEventInput[] } | { ok: false; error: TelemetryFieldError };

/**
 * Whether a parsed body is a batch of telemetry events: a non-empty array of at most `maxEvents` events,
 * each with exactly the fields above. The first bad event refuses the whole batch, naming its index and field.
 */
export function checkTelemetryBatch(body: unknown): TelemetryBatchCheck {
  if (!Array.isArray(body)) return refused('body', 'must be a JSON array of telemetry events');
  if (body.length === 0) return refused('body', 'must hold at least one event');
  if (body.length > TELEMETRY_LIMITS.maxEvents)
    return refused('body', `must hold at most ${TELEMETRY_LIMITS.maxEvents} events`);
  for (let index = 0; index < body.length; index += 1) {
    const error = telemetryEventError(body[index]);
    if (error) return refused(`[${index}]${error.field ? `.${error.field}` : ''}`, error.message);
  }
  return { ok: true, events: body as TelemetryEventInput[] };
}

/** What is wrong with one event (its field, or '' for the event itself), or undefined when it is valid. */
export function telemetryEventError(value: unknown): TelemetryFieldError | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { field: '', message: 'must be an object' };
  const event = value as Record<string, unknown>;
  for (const key in event) {
    if (!FIELDS.has(key)) return { field: key, message: 'is not a field of a telemetry event' };
  }
  const { timestamp, severity, eventId, message, dimensions } = event;
  if (
    typeof timestamp !== 'string' ||
    !TIMESTAMP_PATTERN.test(timestamp) ||
    !Number.isFinite(Date.parse(timestamp))
  )
    return { field: 'timestamp', message: 'must be an ISO 8601 date-time with an offset' };
  if (typeof severity !== 'string' || !SEVERITIES.has(severity))
    return { field: 'severity', message: `must be one of ${TELEMETRY_SEVERITIES.join(', ')}` };
  if (
    typeof eventId !== 'string' ||
    eventId.length > TELEMETRY_LIMITS.maxEventIdLength ||
    !TELEMETRY_EVENT_ID_PATTERN.test(eventId)
  )
    return {
      field: 'eventId',
      message: `must be 1 to ${TELEMETRY_LIMITS.maxEventIdLength} letters, digits or _ . : / - (starting with a letter or digit)`,
    };
  if (typeof message !== 'string' || message.length > TELEMETRY_LIMITS.maxMessageLength)
    return {
      field: 'message',
      message: `must be a string of at most ${TELEMETRY_LIMITS.maxMessageLength} characters`,
    };
  if (message.includes('\u0000'))
    return { field: 'message', message: 'must not contain the NUL character (U+0000)' };
  if (dimensions !== undefined) {
    const error = dimensionsError(dimensions);
    if (error)
      return { field: error.field ? `dimensions.${error.field}` : 'dimensions', message: error.message };
  }
  return undefined;
}

function dimensionsError(value: unknown): TelemetryFieldError | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { field: '', message: 'must be an object of flat key/value pairs' };
  let count = 0;
  for (const key in value) {
    count += 1;
    if (count > TELEMETRY_LIMITS.maxDimensions)
      return { field: '', message: `must have at most ${TELEMETRY_LIMITS.maxDimensions} keys` };
    if (key.length > TELEMETRY_LIMITS.maxDimensionKeyLength || key.includes('\u0000'))
      return {
        field: key.slice(0, 100),
        message: `keys are at most ${TELEMETRY_LIMITS.maxDimensionKeyLength} characters, without NUL`,
      };
    const inner = (value as Record<string, unknown>)[key];
    if (inner === null || typeof inner === 'boolean') continue;
    if (typeof inner === 'number' && Number.isFinite(inner)) continue;
    if (typeof inner !== 'string')
      return { field: key, message: 'must be a string, a number, a boolean or null' };
    if (inner.length > TELEMETRY_LIMITS.maxDimensionValueLength || inner.includes('\u0000'))
      return {
        field: key,
        message: `must be at most ${TELEMETRY_LIMITS.maxDimensionValueLength} characters, without NUL`,
      };
  }
  return undefined;
}

function refused(field: string, message: string): TelemetryBatchCheck {
  return { ok: false, error: { field, message } };
}
