/**
 * One event as it travels: the CloudEvents attributes plus the data. On Kafka it is a binary-mode
 * CloudEvents message (attributes in `ce_*` headers, data as the JSON value, tenant id as the key).
 */
export interface EventEnvelope<P = unknown> {
  /** `ce_id`: a uuid, the idempotency key of consumers. */
  id: string;
  /** `ce_type`, e.g. `tenant.created`. */
  type: string;
  /** `ce_source`: `/services/<name>`. */
  source: string;
  /** `ce_time`: ISO 8601. */
  time: string;
  /**
   * `ce_subject`: `tenants/<tenantId>[/environments/<name>]`; for the few events about no tenant,
   * `<collection>/<key>` (e.g. `releases/26.1`).
   */
  subject: string;
  /**
   * The message key, so that each tenant's events stay in order: the tenant id. For an event about no tenant
   * (`release.published`) it is that event's own key (the release version), as its subject says.
   */
  tenantId: string;
  data: P;
  /** W3C trace context, when tracing is on. */
  traceparent?: string;
}

export const CloudEventHeaders = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  traceparent: 'traceparent',
} as const;

export const CLOUD_EVENTS_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

export function eventSourceOf(serviceName: string): string {
  return `/services/${serviceName}`;
}

export function eventSubjectOf(tenantId: string, environmentName?: string): string {
  return environmentName === undefined
    ? `tenants/${tenantId}`
    : `tenants/${tenantId}/environments/${environmentName}`;
}

/** The environment named by a subject, if any (environment names cannot contain `/`). */
export function environmentNameOf(subject: string): string | undefined {
  return /^tenants\/[^/]+\/environments\/([^/]+)$/.exec(subject)?.[1];
}

/** Whether a subject is about the message key: `tenants/<key>[/...]`, or `<collection>/<key>[/...]`. */
export function isSubjectOfKey(subject: string, key: string): boolean {
  const match = /^([a-z][a-z-]*)\/([^/]+)(\/.*)?$/.exec(subject);
  return match !== null && match[2] === key;
}
