import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { TenantUpdated } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideUpdateTenant, type Tenant, type TenantPatch } from '../../domain/tenant';
import { TenantEntity } from '../../persistence/tenant.entity';
import { findVisibleTenant } from '../../persistence/tenant-scope';
import { tenantSnapshot } from '../../tenant-snapshot';

@Injectable()
export class UpdateTenantHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Applies a PATCH; tenant.updated is emitted only when something really changed. */
  async execute(caller: Caller, tenantId: string, patch: TenantPatch): Promise<Decision<Tenant>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const entity = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!entity) return refuse('tenant-not-found', 'no such tenant');
      const decision = decideUpdateTenant(entity.toDomain(), patch, now);
      if (!decision.ok) return decision;
      const { tenant, changed } = decision.value;
      if (changed) {
        await manager.getRepository(TenantEntity).update(
          { id: tenant.id },
          {
            name: tenant.name,
            countryCode: tenant.countryCode,
            externalDirectoryId: tenant.externalDirectoryId,
            tags: tenant.tags,
            contacts: tenant.contacts,
            updatedAt: new Date(tenant.updatedAt),
          },
        );
        await this.outbox.add(manager, {
          definition: TenantUpdated,
          tenantId: tenant.id,
          data: tenantSnapshot(tenant, now),
        });
      }
      return accept(tenant);
    });
  }
}
