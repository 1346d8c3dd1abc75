import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { TenantOffboarded, TenantResumed, TenantSuspended, type TenantSnapshotData } from '@pac/contracts';
import type { EventDefinition } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideTenantStatus, type Tenant, type TenantStatusAction } from '../../domain/tenant';
import { TenantEntity } from '../../persistence/tenant.entity';
import { findVisibleTenant } from '../../persistence/tenant-scope';
import { tenantSnapshot } from '../../tenant-snapshot';

const EVENT_OF: Record<TenantStatusAction, EventDefinition<TenantSnapshotData>> = {
  suspend: TenantSuspended,
  resume: TenantResumed,
  offboard: TenantOffboarded,
};

@Injectable()
export class ChangeTenantStatusHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Suspends, resumes or offboards a customer: the partner's decision, so a customer admin is refused (403)
   * even on their own tenant (another tenant stays 404).
   */
  async execute(caller: Caller, tenantId: string, action: TenantStatusAction): Promise<Decision<Tenant>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const entity = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!entity) return refuse('tenant-not-found', 'no such tenant');
      if (caller.tenantId !== undefined) {
        return refuse('partner-only', 'only the partner suspends, resumes or offboards a customer');
      }
      const decision = decideTenantStatus(entity.toDomain(), action, now);
      if (!decision.ok) return decision;
      const tenant = decision.value;
      await manager
        .getRepository(TenantEntity)
        .update({ id: tenant.id }, { status: tenant.status, updatedAt: new Date(tenant.updatedAt) });
      await this.outbox.add(manager, {
        definition: EVENT_OF[action],
        tenantId: tenant.id,
        data: tenantSnapshot(tenant, now),
      });
      return accept(tenant);
    });
  }
}
