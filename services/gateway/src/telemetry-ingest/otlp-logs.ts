import {
  TELEMETRY_EVENT_ID_PATTERN,
  TELEMETRY_LIMITS,
  type TelemetryBatchCheck,
  type TelemetryDimensions,
  type TelemetryEventInput,
  type TelemetrySeverity,
} from '@pac/contracts';

/**
 * OpenTelemetry logs (OTLP/HTTP JSON, `ExportLogsServiceRequest`) mapped to telemetry events, so that
 * applications already instrumented with OpenTelemetry send without code of ours:
 * - timestamp: `timeUnixNano`, else `observedTimeUnixNano`, else when the gateway received it;
 * - severity: `severityNumber` (TRACE and DEBUG → verbose, INFO → info, WARN → warning, ERROR → error,
 *   FATAL → critical), else `severityText` read the same way, else info;
 * - eventId: the attribute `event.id` (or `eventId`), else the record's `eventName` or the attribute
 *   `event.name`, else `OTLP`; characters an event id cannot have become `_`;
 * - message: the body (a string as it is, any other value as JSON);
 * - dimensions: the resource's attributes, then the record's (which win), flat: an array or a map becomes its
 *   JSON; plus `traceId` and `spanId` when given. Beyond the limits of a telemetry event, values and messages
 *   are cut and extra attributes dropped (a log record is never refused for its size).
 * Only a body that is not OTLP logs at all is refused (400, naming the field).
 */
export type OtlpMapping = TelemetryBatchCheck;

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}

const DEFAULT_EVENT_ID = 'OTLP';
const EVENT_ID_ATTRIBUTES = ['event.id', 'eventId'];

export function mapOtlpLogs(body: unknown, receivedAt: Date): OtlpMapping {
  const events: TelemetryEventInput[] = [];
  const resourceLogs = (body as { resourceLogs?: unknown } | null)?.resourceLogs;
  if (
    typeof body !== 'object' ||
    body === null ||
    (resourceLogs !== undefined && !Array.isArray(resourceLogs))
  )
    return refused('resourceLogs', 'must be an array (OTLP/HTTP JSON ExportLogsServiceRequest)');
  for (const [r, resourceLog] of ((resourceLogs ?? []) as unknown[]).entries()) {
    const resource = objectAt(resourceLog);
    const scopeLogs = resource?.['scopeLogs'];
    if (!resource || (scopeLogs !== undefined && !Array.isArray(scopeLogs)))
      return refused(`resourceLogs[${r}].scopeLogs`, 'must be an array');
    const resourceAttributes = keyValues(objectAt(resource['resource'])?.['attributes']);
    for (const [s, scopeLog] of ((scopeLogs ?? []) as unknown[]).entries()) {
      const records = objectAt(scopeLog)?.['logRecords'];
      if (records !== undefined && !Array.isArray(records))
        return refused(`resourceLogs[${r}].scopeLogs[${s}].logRecords`, 'must be an array');
      for (const [l, record] of ((records ?? []) as unknown[]).entries()) {
        const fields = objectAt(record);
        if (!fields)
          return refused(`resourceLogs[${r}].scopeLogs[${s}].logRecords[${l}]`, 'must be an object');
        if (events.length === TELEMETRY_LIMITS.maxEvents)
          return refused('resourceLogs', `must hold at most ${TELEMETRY_LIMITS.maxEvents} log records`);
        events.push(toEvent(fields, resourceAttributes, receivedAt));
      }
    }
  }
  return { ok: true, events };
}

function toEvent(
  record: Record<string, unknown>,
  resourceAttributes: KeyValue[],
  receivedAt: Date,
): TelemetryEventInput {
  const attributes = keyValues(record['attributes']);
  const eventIdAttribute = attributes.find((a) => EVENT_ID_ATTRIBUTES.includes(a.key));
  const eventName = typeof record['eventName'] === 'string' ? record['eventName'] : undefined;
  const eventNameAttribute = attributes.find((a) => a.key === 'event.name');
  const eventId = eventIdOf(
    (eventIdAttribute && text(eventIdAttribute.value)) ||
      eventName ||
      (eventNameAttribute && text(eventNameAttribute.value)) ||
      DEFAULT_EVENT_ID,
  );
  const dimensions: TelemetryDimensions = {};
  for (const { key, value } of [...resourceAttributes, ...attributes]) {
    if (eventIdAttribute && key === eventIdAttribute.key) continue;
    addDimension(dimensions, key, flat(value));
  }
  for (const key of ['traceId', 'spanId'])
    if (typeof record[key] === 'string' && record[key] !== '')
      addDimension(dimensions, key, record[key] as string);
  return {
    timestamp: timestampOf(record, receivedAt),
    severity: severityOf(record),
    eventId,
    message: cut(messageOf(record['body'] as AnyValue | undefined), TELEMETRY_LIMITS.maxMessageLength),
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
  };
}

/** The body: a string as it is, any other value as its JSON, none as empty. */
function messageOf(body: AnyValue | undefined): string {
  if (typeof body?.stringValue === 'string') return body.stringValue;
  return body === undefined ? '' : json(body);
}

function timestampOf(record: Record<string, unknown>, receivedAt: Date): string {
  for (const field of ['timeUnixNano', 'observedTimeUnixNano']) {
    const nanos = record[field];
    const value = typeof nanos === 'string' ? Number(nanos) : typeof nanos === 'number' ? nanos : 0;
    const ms = Math.floor(value / 1e6);
    // 0 means unset; anything outside what a Date holds is no time either.
    if (Number.isFinite(ms) && ms > 0 && ms < 8.64e15) return new Date(ms).toISOString();
  }
  return receivedAt.toISOString();
}

/** OTLP severity numbers: 1–4 TRACE, 5–8 DEBUG, 9–12 INFO, 13–16 WARN, 17–20 ERROR, 21–24 FATAL. */
export function severityOf(record: { severityNumber?: unknown; severityText?: unknown }): TelemetrySeverity {
  const number = Number(record.severityNumber);
  if (Number.isInteger(number) && number >= 1 && number <= 24) {
    if (number <= 8) return 'verbose';
    if (number <= 12) return 'info';
    if (number <= 16) return 'warning';
    if (number <= 20) return 'error';
    return 'critical';
  }
  const named = typeof record.severityText === 'string' ? record.severityText.toLowerCase() : '';
  if (named.startsWith('trace') || named.startsWith('debug') || named === 'verbose') return 'verbose';
  if (named.startsWith('warn')) return 'warning';
  if (named.startsWith('err')) return 'error';
  if (named.startsWith('fatal') || named.startsWith('crit')) return 'critical';
  return 'info';
}

function eventIdOf(candidate: string): string {
  const cleaned = candidate
    .replace(/[^A-Za-z0-9_.:/-]/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, TELEMETRY_LIMITS.maxEventIdLength);
  return TELEMETRY_EVENT_ID_PATTERN.test(cleaned) ? cleaned : DEFAULT_EVENT_ID;
}

function addDimension(
  dimensions: TelemetryDimensions,
  key: string,
  value: string | number | boolean | null,
): void {
  if (Object.keys(dimensions).length >= TELEMETRY_LIMITS.maxDimensions && !(key in dimensions)) return;
  const name = cut(key, TELEMETRY_LIMITS.maxDimensionKeyLength);
  dimensions[name] = typeof value === 'string' ? cut(value, TELEMETRY_LIMITS.maxDimensionValueLength) : value;
}

/** An attribute's value as a flat dimension value. */
function flat(value: AnyValue | undefined): string | number | boolean | null {
  if (!value) return null;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (value.intValue !== undefined) {
    const n = Number(value.intValue);
    return Number.isSafeInteger(n) ? n : String(value.intValue);
  }
  if (typeof value.doubleValue === 'number' && Number.isFinite(value.doubleValue)) return value.doubleValue;
  if (typeof value.bytesValue === 'string') return value.bytesValue;
  return json(value);
}

function text(value: AnyValue | undefined): string {
  const flatValue = flat(value);
  return flatValue === null ? '' : String(flatValue);
}

/** Any OTLP value as plain JSON (arrays and maps unwrapped), for a message or a dimension. */
function json(value: unknown): string {
  return value === undefined ? '' : (JSON.stringify(plain(value as AnyValue)) ?? '');
}

function plain(value: AnyValue | undefined): unknown {
  if (!value || typeof value !== 'object') return value ?? null;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  if (value.kvlistValue)
    return Object.fromEntries((value.kvlistValue.values ?? []).map((kv) => [kv.key, plain(kv.value)]));
  return flat(value);
}

function keyValues(value: unknown): KeyValue[] {
  return Array.isArray(value)
    ? value.filter((kv): kv is KeyValue => typeof (kv as KeyValue | null)?.key === 'string')
    : [];
}

function objectAt(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** At most `max` characters, without NUL (no Postgres text holds it). */
function cut(value: string, max: number): string {
  return value.replaceAll('\u0000', '').slice(0, max);
}

function refused(field: string, message: string): OtlpMapping {
  return { ok: false, error: { field, message } };
}
