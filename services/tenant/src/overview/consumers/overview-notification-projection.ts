import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import {
  NotificationCreated,
  NotificationRead,
  type NotificationCreatedData,
  type NotificationReadData,
} from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { addUnreadNotifications } from '../persistence/overview-store';

/**
 * The unread notifications of each customer, from the notification service's events: one more per
 * notification.created, `count` fewer per notification.read. Each event counts once (the inbox), and adding
 * and taking away commute, so the order in which they arrive does not matter. Notifications about the
 * partner itself (no tenant) are no customer's.
 */
@Controller()
export class OverviewNotificationProjection {
  @EventPattern(NotificationCreated.type)
  async created(
    @Payload() envelope: EventEnvelope<NotificationCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    if (envelope.data.tenantId) await addUnreadNotifications(manager, envelope.data.tenantId, 1);
  }

  @EventPattern(NotificationRead.type)
  async read(
    @Payload() envelope: EventEnvelope<NotificationReadData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    if (envelope.data.tenantId)
      await addUnreadNotifications(manager, envelope.data.tenantId, -envelope.data.count);
  }
}
