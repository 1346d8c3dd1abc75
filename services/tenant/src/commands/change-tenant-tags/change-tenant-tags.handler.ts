import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { TenantUpdated } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { applyTagChange, type TagChange } from '../../domain/tag-change';
import { decideUpdateTenant } from '../../domain/tenant';
import { TenantEntity } from '../../persistence/tenant.entity';
import { findVisibleTenant } from '../../persistence/tenant-scope';
import { tenantSnapshot } from '../../tenant-snapshot';

/**
 * Adds and removes tags on one tenant (the bulk action `tenant-tags`). The tags are read and written under the
 * tenant's lock, so two changes at once both count; like a PATCH, tenant.updated only when the tags changed.
 */
@Injectable()
export class ChangeTenantTagsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    tenantId: string,
    change: TagChange,
  ): Promise<Decision<{ changed: boolean }>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const entity = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!entity) return refuse('tenant-not-found', 'no such tenant');
      const current = entity.toDomain();
      const decision = decideUpdateTenant(current, { tags: applyTagChange(current.tags, change) }, now);
      if (!decision.ok) return decision;
      const { tenant, changed } = decision.value;
      if (changed) {
        await manager
          .getRepository(TenantEntity)
          .update({ id: tenant.id }, { tags: tenant.tags, updatedAt: new Date(tenant.updatedAt) });
        await this.outbox.add(manager, {
          definition: TenantUpdated,
          tenantId: tenant.id,
          data: tenantSnapshot(tenant, now),
        });
      }
      return accept({ changed });
    });
  }
}
