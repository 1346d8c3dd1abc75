import { TENANT_SNAPSHOT_EVENTS, type TenantSnapshotData } from '@pac/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { OverviewRowEntity } from '../persistence/overview-row.entity';

/**
 * The customer columns of the central view, from the tenant events (the same events integrators read, so
 * the view is fed like any other consumer). Each event carries the whole tenant: the newest one wins.
 */
@Controller()
export class OverviewTenantProjection {
  @EventPattern(TENANT_SNAPSHOT_EVENTS.map((event) => event.type))
  async handle(
    @Payload() envelope: EventEnvelope<TenantSnapshotData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const tenant = envelope.data;
    const at = new Date(tenant.occurredAt);
    await manager
      .createQueryBuilder()
      .insert()
      .into(OverviewRowEntity)
      .values({
        tenantId: tenant.tenantId,
        partnerId: tenant.partnerId,
        name: tenant.name,
        countryCode: tenant.countryCode,
        status: tenant.status,
        tags: tenant.tags,
        productionEnvironments: 0,
        sandboxEnvironments: 0,
        versions: [],
        nextUpdate: null,
        lastUpdateResult: null,
        updateStatus: 'none',
        openIssues: 0,
        unreadNotifications: 0,
        createdAt: at,
        updatedAt: at,
      })
      .orUpdate(['name', 'country_code', 'status', 'tags', 'updated_at'], ['tenant_id'], {
        overwriteCondition: { where: 'overview.updated_at <= EXCLUDED.updated_at' },
      })
      .execute();
  }
}
