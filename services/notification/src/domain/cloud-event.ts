import type { Notification } from './notification';

/** The event a notification was made of, kept with it: what a webhook delivery sends. */
export interface StoredEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  data: object;
}

/**
 * The body of a webhook delivery: the event as a CloudEvents 1.0 structured JSON document (the same event as
 * on Kafka in binary mode: its id, which receivers deduplicate by, its type, source, subject, time and data),
 * with the inbox notification's id as the extension attribute `notificationid`.
 */
export function cloudEventOf(notification: Notification, event: StoredEvent): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time,
    datacontenttype: 'application/json',
    notificationid: notification.id,
    data: event.data,
  };
}

export const CLOUD_EVENTS_JSON = 'application/cloudevents+json; charset=utf-8';
