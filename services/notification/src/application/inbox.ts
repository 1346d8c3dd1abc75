import { randomUUID } from 'node:crypto';
import type { UpdateEventData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { newNotification, type NotificationContent } from '../domain/notification';
import { insertNotification, tenantNameOf } from '../persistence/notifications';

/** Puts one event in the partner's inbox: a notification about a customer (and environment), with its content. */
export async function notify(
  manager: EntityManager,
  envelope: EventEnvelope<object>,
  about: { partnerId: string; tenantId: string; environmentName: string | null },
  content: NotificationContent,
): Promise<void> {
  const cause = {
    eventId: envelope.id,
    eventType: envelope.type,
    occurredAt: envelope.time,
    partnerId: about.partnerId,
    tenantId: about.tenantId,
    environmentName: about.environmentName,
  };
  await insertNotification(manager, newNotification(randomUUID(), cause, content));
}

/**
 * Puts one update.* event in the partner's inbox, named after the customer (from this service's tenant
 * directory) and the environment: what every consumer of an update event does, with its own content.
 */
export async function recordUpdateNotification<P extends UpdateEventData>(
  manager: EntityManager,
  envelope: EventEnvelope<P>,
  content: (update: P, tenantName?: string) => NotificationContent,
): Promise<void> {
  const update = envelope.data;
  const tenantName = await tenantNameOf(manager, update.tenantId);
  const about = {
    partnerId: update.partnerId,
    tenantId: update.tenantId,
    environmentName: update.environmentName,
  };
  await notify(manager, envelope, about, content(update, tenantName));
}
