import { newNotification, type Notification } from './notification';
import type { NotificationRow } from './notification-catalog';
import { fillText } from './notification-text';

/** The event a notification is made of: its id and time, and its payload. */
export interface SourceEvent<P extends object = object> {
  id: string;
  type: string;
  time: string;
  data: P;
}

/**
 * The notification one event makes, by its row of the catalog: its subject, severity, links, and its title and
 * text in every language; null when the row says this event makes none. `tenantName` comes from the tenant
 * directory (the event names the tenant by id only).
 */
export function composeNotification<P extends object>(
  id: string,
  row: NotificationRow<P>,
  event: SourceEvent<P>,
  tenantName: string,
): Notification | null {
  const subject = row.about(event.data);
  if (!subject) return null;
  const text = {
    en: fillText(row.en, row.values(event.data, 'en', tenantName)),
    fr: fillText(row.fr, row.values(event.data, 'fr', tenantName)),
  };
  return newNotification(
    id,
    { ...subject, eventId: event.id, eventType: row.type, occurredAt: event.time },
    { severity: row.severity, text },
    row.links,
  );
}
