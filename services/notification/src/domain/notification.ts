import type { NotificationSeverity } from '@pac/contracts';
import type { Locale, NotificationText } from './notification-text';

/** API paths of the gateway to what a notification is about. */
export interface NotificationLinks {
  tenant?: string;
  environment?: string;
  operation?: string;
}

/** An entry of a partner's inbox, caused by one event about one of its customers (or about the partner). */
export interface Notification {
  id: string;
  partnerId: string;
  /** The customer it is about; null for a notification about the partner itself (a webhook disabled). */
  tenantId: string | null;
  environmentName: string | null;
  /** The type of the event that caused it, e.g. update.failed. */
  type: string;
  severity: NotificationSeverity;
  /** Its title and text in every language. */
  text: Record<Locale, NotificationText>;
  links: NotificationLinks;
  /** The event's id: one notification per event. */
  sourceEventId: string;
  createdAt: string;
  readAt: string | null;
}

export type LinkKind = 'tenant' | 'environment' | 'operation';

/** Whose customer and environment a notification is about, and the operation, if any. */
export interface NotificationSubject {
  partnerId: string;
  tenantId: string | null;
  environmentName: string | null;
  /** The operation the event is about (an update's run, an environment's creation), if any. */
  operationId?: string;
}

/** What a notification is about: the event that caused it, and its subject. */
export interface NotificationCause extends NotificationSubject {
  eventId: string;
  eventType: string;
  occurredAt: string;
}

export type NotificationContent = Pick<Notification, 'severity' | 'text'>;

/** A new, unread notification of a cause, with the content written for it and the links asked for. */
export function newNotification(
  id: string,
  cause: NotificationCause,
  content: NotificationContent,
  links: readonly LinkKind[],
): Notification {
  return {
    id,
    partnerId: cause.partnerId,
    tenantId: cause.tenantId,
    environmentName: cause.environmentName,
    type: cause.eventType,
    severity: content.severity,
    text: content.text,
    links: linksOf(cause, links),
    sourceEventId: cause.eventId,
    createdAt: cause.occurredAt,
    readAt: null,
  };
}

function linksOf(cause: NotificationCause, kinds: readonly LinkKind[]): NotificationLinks {
  const links: NotificationLinks = {};
  const tenant = cause.tenantId ? `/v1/tenants/${cause.tenantId}` : undefined;
  if (tenant && kinds.includes('tenant')) links.tenant = tenant;
  if (tenant && cause.environmentName && kinds.includes('environment'))
    links.environment = `${tenant}/environments/${encodeURIComponent(cause.environmentName)}`;
  if (cause.operationId && kinds.includes('operation'))
    links.operation = `/v1/operations/${cause.operationId}`;
  return links;
}

/** A notification read at `now` (reading one already read changes nothing). */
export function markRead(notification: Notification, now: Date): Notification {
  return notification.readAt ? notification : { ...notification, readAt: now.toISOString() };
}
