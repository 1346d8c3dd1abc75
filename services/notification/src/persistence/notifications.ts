import { TenantDirectoryEntry } from '@pac/bootstrap';
import type { EntityManager } from 'typeorm';
import type { Notification } from '../domain/notification';
import { NotificationEntity } from './notification.entity';

/** The notification aggregate's reads and writes, inside the caller's transaction (`manager`). */

export async function insertNotification(manager: EntityManager, notification: Notification): Promise<void> {
  await manager.getRepository(NotificationEntity).insert(NotificationEntity.fromDomain(notification));
}

/** A customer's name, from this service's tenant directory (fed by the tenant events), if known. */
export async function tenantNameOf(manager: EntityManager, tenantId: string): Promise<string | undefined> {
  return (await manager.getRepository(TenantDirectoryEntry).findOneBy({ tenantId }))?.name;
}
