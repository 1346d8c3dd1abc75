import { randomUUID } from 'node:crypto';
import { TenantDirectoryEntry } from '@pac/bootstrap';
import type { UpdateEventData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { NotificationContent } from '../domain/notification';
import { NotificationEntity } from '../persistence/notification.entity';

/**
 * Puts one update.* event in the partner's inbox, named after the customer (from this service's tenant
 * directory, fed by the tenant events) and the environment.
 */
export async function recordUpdateNotification<P extends UpdateEventData>(
  manager: EntityManager,
  envelope: EventEnvelope<P>,
  content: (update: P, tenantName?: string) => NotificationContent,
): Promise<void> {
  const update = envelope.data;
  const tenant = await manager.getRepository(TenantDirectoryEntry).findOneBy({ tenantId: update.tenantId });
  await manager.getRepository(NotificationEntity).insert({
    id: randomUUID(),
    partnerId: update.partnerId,
    tenantId: update.tenantId,
    environmentName: update.environmentName,
    type: envelope.type,
    ...content(update, tenant?.name),
    sourceEventId: envelope.id,
    createdAt: new Date(envelope.time),
    readAt: null,
  });
}
