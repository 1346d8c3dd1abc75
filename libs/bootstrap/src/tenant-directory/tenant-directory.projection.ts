import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TENANT_SNAPSHOT_EVENTS, type TenantSnapshotData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { InboxTransaction } from '../runtime/inbox-context';
import { TenantDirectoryEntry } from './tenant-directory.entity';

/**
 * Keeps tenant_directory up to date. Every tenant event carries the whole tenant, so the newest one wins;
 * an older event arriving late (by its time) changes nothing.
 */
@Controller()
export class TenantDirectoryProjection {
  @EventPattern(TENANT_SNAPSHOT_EVENTS.map((event) => event.type))
  async handle(
    @Payload() envelope: EventEnvelope<TenantSnapshotData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const tenant = envelope.data;
    await manager
      .createQueryBuilder()
      .insert()
      .into(TenantDirectoryEntry)
      .values({
        tenantId: tenant.tenantId,
        partnerId: tenant.partnerId,
        name: tenant.name,
        status: tenant.status,
        updatedAt: new Date(tenant.occurredAt),
      })
      .orUpdate(['name', 'status', 'updated_at'], ['tenant_id'], {
        overwriteCondition: { where: 'tenant_directory.updated_at <= EXCLUDED.updated_at' },
      })
      .execute();
  }
}
