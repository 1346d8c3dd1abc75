import { TenantDirectoryEntry } from '@pac/bootstrap';
import { advisoryLockKey } from '@pac/persistence';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../domain/cloud-event';
import type { Notification } from '../domain/notification';
import { NotificationEntity } from './notification.entity';

/** The notification aggregate's reads and writes, inside the caller's transaction (`manager`). */

/**
 * Every transaction that adds notifications takes this lock first and keeps it until it commits, so that
 * positions are given in the order their transactions commit: a reader that sees position N has seen every
 * position before it (the live stream resumes "after N" without a gap). One lock for the whole service, not
 * one per partner: a consumer transaction adds notifications of many partners, and per-partner locks taken in
 * event order would deadlock two such transactions.
 */
const STREAM_LOCK = advisoryLockKey('notification-stream', 'notification');

/** Inserts a new notification at the next position of its partner's stream; returns that position. */
export async function insertNotification(
  manager: EntityManager,
  notification: Notification,
  sourceEvent: StoredEvent | null,
): Promise<number> {
  await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [STREAM_LOCK]);
  const [{ last }] = (await manager.query(
    `SELECT coalesce(max(sequence), 0)::bigint AS last FROM notifications WHERE partner_id = $1`,
    [notification.partnerId],
  )) as [{ last: string }];
  const sequence = Number(last) + 1;
  await manager
    .getRepository(NotificationEntity)
    .insert(NotificationEntity.fromDomain(notification, sequence, sourceEvent));
  return sequence;
}

/** A customer's name, from this service's tenant directory (fed by the tenant events), if known. */
export async function tenantNameOf(manager: EntityManager, tenantId: string): Promise<string | undefined> {
  return (await manager.getRepository(TenantDirectoryEntry).findOneBy({ tenantId }))?.name;
}

/** One notification of a partner (a customer admin: of their tenant), locked for a change. */
export async function findVisibleNotification(
  manager: EntityManager,
  scope: { partnerId: string; tenantId?: string },
  id: string,
): Promise<Notification | undefined> {
  const row = await manager.getRepository(NotificationEntity).findOne({
    where: { id, partnerId: scope.partnerId, ...(scope.tenantId ? { tenantId: scope.tenantId } : {}) },
    lock: { mode: 'pessimistic_write' },
  });
  return row?.toDomain();
}

export async function saveReadAt(manager: EntityManager, notification: Notification): Promise<void> {
  await manager
    .getRepository(NotificationEntity)
    .update({ id: notification.id }, { readAt: notification.readAt ? new Date(notification.readAt) : null });
}

/**
 * Marks every unread notification of the scope read at `now`, in id order (two read-alls never wait on each
 * other in a cycle); returns how many of each tenant (null: about the partner itself) it marked.
 */
export async function markAllRead(
  manager: EntityManager,
  scope: { partnerId: string; tenantId?: string },
  now: Date,
): Promise<Map<string | null, number>> {
  const rows = (await manager.query(
    `WITH unread AS (
       SELECT id FROM notifications
        WHERE partner_id = $1 AND read_at IS NULL AND ($2::uuid IS NULL OR tenant_id = $2)
        ORDER BY id FOR UPDATE)
     UPDATE notifications n SET read_at = $3 FROM unread WHERE n.id = unread.id
     RETURNING n.tenant_id`,
    [scope.partnerId, scope.tenantId ?? null, now],
  )) as [Array<{ tenant_id: string | null }>, number];
  const counts = new Map<string | null, number>();
  for (const { tenant_id } of rows[0]) counts.set(tenant_id, (counts.get(tenant_id) ?? 0) + 1);
  return counts;
}
