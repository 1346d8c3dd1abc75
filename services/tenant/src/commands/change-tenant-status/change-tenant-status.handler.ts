import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { TenantOffboarded, TenantResumed, TenantSuspended, type TenantSnapshotData } from '@pac/contracts';
import type { EventDefinition } from '@pac/contracts';
import { accept, refuse, type Decision } from '@pac/domain';
import type { TenantResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { tenantSnapshot } from '../../application/event-payloads';
import { tenantResponse } from '../../application/responses';
import { visibleTenant } from '../../application/visibility';
import { decideTenantStatus, type TenantStatusAction } from '../../domain/tenant';
import { saveTenant } from '../../persistence/tenants';

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
  async execute(
    caller: Caller,
    tenantId: string,
    action: TenantStatusAction,
  ): Promise<Decision<TenantResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const visible = await visibleTenant(manager, caller, tenantId, { lock: true });
      if (!visible.ok) return visible;
      const current = visible.value;
      if (caller.tenantId !== undefined) {
        return refuse('partner-only', 'only the partner suspends, resumes or offboards a customer');
      }
      const decision = decideTenantStatus(current, action, now);
      if (!decision.ok) return decision;
      const tenant = decision.value;
      await saveTenant(manager, tenant);
      await this.outbox.add(manager, {
        definition: EVENT_OF[action],
        tenantId: tenant.id,
        data: tenantSnapshot(tenant, now),
      });
      return accept(tenantResponse(tenant));
    });
  }
}
